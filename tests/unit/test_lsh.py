"""The LSH index derived from the state tables: rebuilt by a process that did not decide the articles, bounded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from test_incidents import CHEMICAL_2017, CONFIG, WITHDRAWAL_A, WITHDRAWAL_B

from streams.incidents import IncidentState, decide, expire, open_incidents_of
from streams.incidents.lsh import LshIndex
from streams.model import TaggedArticle


def copy_of(report: TaggedArticle, article_id: str) -> TaggedArticle:
    """A partner's re-publication: the same text under another id and headline."""
    return replace(report, article=replace(report.article, id=article_id, title="Jihadists quit key Idlib town"))


def same_tables_new_process(state: IncidentState, index: LshIndex | None = None) -> IncidentState:
    """The tables as another worker restores them from their changelogs; nothing held in memory comes along."""
    return IncidentState(state.buckets, state.incidents, state.articles, state.reconcile, index or LshIndex())


def test_a_worker_that_took_over_a_key_finds_copies_of_articles_another_worker_decided() -> None:
    state = IncidentState(buckets={}, incidents={}, articles={})
    original = decide(WITHDRAWAL_A, state, CONFIG)
    taken_over = same_tables_new_process(state)
    copied = decide(copy_of(WITHDRAWAL_A, "withdrawal-a-copy"), taken_over, CONFIG)
    assert copied.verdict["verdict"] == "duplicate"
    assert copied.verdict["duplicate_of"] == "withdrawal-a"
    assert copied.incident_id == original.incident_id


def test_the_rebuilt_postings_are_those_the_deciding_process_kept() -> None:
    state = IncidentState(buckets={}, incidents={}, articles={})
    for report in (WITHDRAWAL_A, WITHDRAWAL_B, CHEMICAL_2017):
        decide(report, state, CONFIG)
    kept = state.lsh.held()["SY"]
    rebuilt = same_tables_new_process(state)
    bands = {band for entry in state.articles.values() for band in entry["bands"]}
    found = rebuilt.lsh.candidates(
        "SY", bands, open_incidents=_open(state), articles=state.articles, max_ids_per_band=8
    )
    assert found == {"withdrawal-a", "withdrawal-b", "chemical-2017"}
    assert rebuilt.lsh.held()["SY"] == kept


def test_articles_of_a_closed_incident_are_no_longer_candidates_however_the_index_was_built() -> None:
    state = IncidentState(buckets={}, incidents={}, articles={})
    decide(WITHDRAWAL_A, state, CONFIG)
    expire(state, datetime(2019, 9, 10, tzinfo=UTC))
    assert state.lsh.held()["SY"] == {}
    rebuilt = same_tables_new_process(state)
    late_copy = decide(copy_of(WITHDRAWAL_A, "withdrawal-a-copy"), rebuilt, CONFIG)
    assert late_copy.verdict["verdict"] != "duplicate"


def test_the_index_is_bounded_and_rebuilds_a_dropped_key_when_it_is_needed_again() -> None:
    index = LshIndex(max_entries=CONFIG.lsh_bands)  # one article's postings
    state = IncidentState(buckets={}, incidents={}, articles={}, lsh=index)
    decide(WITHDRAWAL_A, state, CONFIG)
    elsewhere = replace(WITHDRAWAL_B, event_location=None, locations=[], actors=[])
    decide(elsewhere, state, CONFIG)  # another key: the Syrian key's postings make way
    assert list(index.held()) == ["_unplaced"]
    copied = decide(copy_of(WITHDRAWAL_A, "withdrawal-a-copy"), state, CONFIG)
    assert copied.verdict["duplicate_of"] == "withdrawal-a"
    assert list(index.held()) == ["SY"]


def test_reset_forgets_every_key() -> None:
    state = IncidentState(buckets={}, incidents={}, articles={})
    decide(WITHDRAWAL_A, state, CONFIG)
    state.lsh.reset()
    assert state.lsh.held() == {}
    copied = decide(copy_of(WITHDRAWAL_A, "withdrawal-a-copy"), state, CONFIG)
    assert copied.verdict["duplicate_of"] == "withdrawal-a"


def _open(state: IncidentState) -> dict[str, object]:
    return dict(open_incidents_of(state, "SY"))
