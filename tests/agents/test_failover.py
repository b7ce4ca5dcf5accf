"""What makes a kill -9 failover lose or double-count nothing, in process: the commit rule and the count guard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from faust.types import TP
from faust.types.tuples import ConsumerMessage

from streams import jsonio
from streams.agents import APPLIED_KEEP, RECENT_KEEP, CountedOnceIncidents, decide_once
from streams.app import create_app
from streams.faust_patches import RedeliveringConsumer
from streams.incidents import IncidentState, MatchConfig, decide
from streams.model import TaggedArticle
from streams.settings import Settings
from streams.stages import parse, tag
from streams.stages.tag import Taggers

RAW = "wire.articles.raw"
CONFIG = MatchConfig()


def tagged(article_id: str, settings: Settings, taggers: Taggers) -> TaggedArticle:
    raw = jsonio.dumps(
        {
            "id": article_id,
            "title": f"Warehouse fire in Rotterdam ({article_id})",
            "body": "ROTTERDAM - Emergency services in Rotterdam, Netherlands, responded on Monday to a warehouse "
            "fire near the city centre, local officials said. Residents were asked to avoid the area.",
            "source": "Test Agency",
            "published_at": "2024-03-04T10:00:00Z",
            "language": "en",
        }
    )
    return tag.tag_article(parse.parse_article(raw, settings), taggers)


def test_an_article_counted_before_its_verdict_was_lost_is_not_counted_again(
    settings: Settings, taggers: Taggers
) -> None:
    incidents = CountedOnceIncidents({})
    state = IncidentState(buckets={}, incidents=incidents, articles={})
    first, second = tagged("fire-1", settings, taggers), tagged("fire-2", settings, taggers)
    opened = decide_once(first, state, incidents, CONFIG)
    joined = decide_once(second, state, incidents, CONFIG)
    assert joined.incident_id == opened.incident_id
    # A worker killed after the incident's changelog record reached the broker and before the verdict's did: the
    # worker taking over restores the count with fire-2 in it, but no verdict for fire-2, and reads fire-2 again.
    del state.articles["fire-2"]
    again = decide_once(second, state, incidents, CONFIG)
    record = state.incidents[opened.incident_id]["record"]
    assert record["report_count"] == 2
    assert [r["article_id"] for r in record["reports"]] == ["fire-1", "fire-2"]
    assert again.incident_id == opened.incident_id
    assert again.incident_records == [record], "the record the killed worker could not publish is published"
    assert again.verdict["evidence"]["replay"] == "counted_before_restart"
    assert state.articles["fire-2"]["incident_id"] == opened.incident_id
    # Now an ordinary replay: nothing changes, and the current record goes out again in case it was lost.
    replayed = decide_once(second, state, incidents, CONFIG)
    assert replayed.incident_records == [record]
    assert state.incidents[opened.incident_id]["record"] == record
    # The same for the article that opened the incident.
    del state.articles["fire-1"]
    reopened = decide_once(first, state, incidents, CONFIG)
    assert (reopened.incident_id, reopened.verdict["verdict"]) == (opened.incident_id, "new_incident")
    assert state.incidents[opened.incident_id]["record"]["report_count"] == 2


def test_the_guard_reaches_past_the_last_articles_that_changed_the_incident(
    settings: Settings, taggers: Taggers
) -> None:
    """Several verdicts can be lost at once (one produce batch); the incident's report list still names them."""
    incidents = CountedOnceIncidents({})
    state = IncidentState(buckets={}, incidents=incidents, articles={})
    articles = [tagged(f"fire-{n}", settings, taggers) for n in range(APPLIED_KEEP + 4)]
    decisions = [decide_once(article, state, incidents, CONFIG) for article in articles]
    assert {d.incident_id for d in decisions} == {decisions[0].incident_id}
    lost = ["fire-1", "fire-2", *(f"fire-{n}" for n in range(5, APPLIED_KEEP + 4))]
    for article_id in lost:
        del state.articles[article_id]
    for article in articles:
        decide_once(article, state, incidents, CONFIG)
    record = state.incidents[decisions[0].incident_id]["record"]
    assert record["report_count"] == len(articles)
    assert sorted(r["article_id"] for r in record["reports"]) == sorted(a.article.id for a in articles)


def test_the_index_of_recent_decisions_is_written_first_and_stays_bounded() -> None:
    written: list[str] = []

    class Recording(dict[str, object]):
        def __setitem__(self, key: str, value: object) -> None:
            written.append(key)
            super().__setitem__(key, value)

    incidents = CountedOnceIncidents(Recording())
    incidents.recent_key = "SY|recent"
    for n in range(RECENT_KEEP + 5):
        incidents.article_id = f"a-{n}"
        incidents[f"inc-{n % 3}"] = {"record": {"report_count": n}}
    # Index before count, for every decision: a restored count never lacks its index entry.
    assert written[:4] == ["SY|recent", "inc-0", "SY|recent", "inc-1"]
    index = incidents["SY|recent"]
    assert len(index) == RECENT_KEEP
    assert next(iter(index)) == "a-5" and index[f"a-{RECENT_KEEP + 4}"] == [f"inc-{(RECENT_KEEP + 4) % 3}"]


def test_plain_decide_counts_such_an_article_twice(settings: Settings, taggers: Taggers) -> None:
    """The defect the guard is for (kept so the guard's reason stays visible if decide() changes)."""
    state = IncidentState(buckets={}, incidents={}, articles={})
    first, second = tagged("fire-1", settings, taggers), tagged("fire-2", settings, taggers)
    opened = decide(first, state, CONFIG)
    decide(second, state, CONFIG)
    del state.articles["fire-2"]
    decide(second, state, CONFIG)
    assert state.incidents[opened.incident_id]["record"]["report_count"] == 3


@pytest.fixture
def consumer(settings: Settings) -> Iterator[RedeliveringConsumer]:
    wa = create_app(settings.replace(app_id="wirefuse-failover-tests"), "kafka://127.0.0.1:9")
    consumer = wa.app.consumer
    assert isinstance(consumer, RedeliveringConsumer)
    yield consumer


def receive(consumer: RedeliveringConsumer, tp: TP, offsets: range) -> dict[int, ConsumerMessage]:
    messages = {}
    for offset in offsets:
        message = ConsumerMessage(RAW, tp.partition, offset, 0.0, 0, [], b"k", b"v", None, 1, 1, tp)
        consumer._received[tp][offset] = (offset, message)
        messages[offset] = message
    return messages


def ack(consumer: RedeliveringConsumer, tp: TP, *offsets: int) -> None:
    for offset in offsets:
        consumer._acked[tp].append(offset)
        consumer._acked_index[tp].add(offset)


def test_the_commit_never_passes_a_received_message_no_stream_acked(consumer: RedeliveringConsumer) -> None:
    tp = TP(RAW, 0)
    consumer._committed_offset[tp] = 10
    receive(consumer, tp, range(10, 20))
    # Offset 10 was skipped by the stream (a rebalance); faust 0.15.3 alone would commit 14 here and lose it.
    ack(consumer, tp, 11, 12, 13)
    assert consumer._new_offset(tp) is None
    ack(consumer, tp, 10)
    assert consumer._new_offset(tp) == 14
    consumer._committed_offset[tp] = 14
    # 16 still in flight while 17 and 18 are done: commit up to it, not past it.
    ack(consumer, tp, 14, 15, 17, 18)
    assert consumer._new_offset(tp) == 16
    assert min(consumer._received[tp]) == 16, "what is committed is forgotten"


def test_a_verdict_restored_without_its_count_is_decided_again(settings: Settings, taggers: Taggers) -> None:
    incidents = CountedOnceIncidents({})
    state = IncidentState(buckets={}, incidents=incidents, articles={})
    first, second = tagged("fire-1", settings, taggers), tagged("fire-2", settings, taggers)
    opened = decide_once(first, state, incidents, CONFIG)
    before = {key: dict(value) for key, value in incidents.table.items()}
    decide_once(second, state, incidents, CONFIG)
    # The worker taking over restored fire-2's verdict but the incident as it was before fire-2 was counted.
    incidents.table.clear()
    incidents.table.update(before)
    again = decide_once(second, state, incidents, CONFIG)
    record = state.incidents[opened.incident_id]["record"]
    assert (record["report_count"], record["version"]) == (2, 2)
    assert [r["article_id"] for r in record["reports"]] == ["fire-1", "fire-2"]
    assert again.incident_records == [record]
    assert state.articles["fire-2"]["incident_id"] == opened.incident_id
    # From now on an ordinary replay: counted once.
    decide_once(second, state, incidents, CONFIG)
    assert state.incidents[opened.incident_id]["record"]["report_count"] == 2
