"""Cross-key merges: an incident reported from two countries, replays of notices and orders, stale entries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from mention_builders import (
    BANDAR_ABBAS,
    DUBAI,
    FERRY,
    FERRY_IN_OSLO,
    QUAKE_AE,
    QUAKE_AE_LATER,
    QUAKE_FROM_DUBAI,
    QUAKE_IR,
    report,
)

from streams import jsonio
from streams.incidents import IncidentState, MatchConfig, cross_key_similarity, summary_similarity, survivors
from streams.incidents.reconcile import (
    ENTRY_PREFIX,
    POSTING_PREFIX,
    CrossKeyMerge,
    absorb_across_keys,
    expire_notices,
    fold_into_survivor,
    folds_of,
    notices_in_messages,
    notices_of,
    reconcile,
    settle_opening_report,
)
from streams.incidents.routing import decide_in_one_process
from streams.model import DedupVerdict

AT_NOON = datetime(2024, 5, 4, 12, tzinfo=UTC)


def new_state() -> IncidentState:
    return IncidentState(buckets={}, incidents={}, articles={})


def test_an_incident_reported_from_another_country_ends_in_the_incident_of_the_first() -> None:
    state, config = new_state(), MatchConfig()
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    # Each opened an incident on its own key (IR, AE); the second is then folded into the first, the older.
    assert first.verdict["verdict"] == "new_incident"
    opened = felt.verdict["evidence"]["joined_across_keys"]["opened"]
    assert opened != first.incident_id
    created, merged, survivor = felt.incident_records
    assert (created["incident_id"], created["status"], created["version"]) == (opened, "created", 1)
    assert merged["incident_id"] == opened
    assert (merged["status"], merged["version"], merged["merged_into"]) == ("merged", 2, first.incident_id)
    assert merged["merged_across_keys"]["survivor_key"] == "IR"
    # The survivor counts the absorbed incident's report, as a merge within one key does.
    assert survivor["incident_id"] == first.incident_id
    assert (survivor["status"], survivor["version"], survivor["report_count"]) == ("updated", 2, 2)
    assert survivor["merged_from"] == [opened]
    assert [r["article_id"] for r in survivor["reports"]] == ["quake-ir", "quake-ae"]
    records = first.incident_records + felt.incident_records
    assert survivors(records)[opened] == first.incident_id
    # The report that opened the absorbed incident is a report of the survivor, as its verdict says.
    assert (felt.verdict["verdict"], felt.incident_id) == ("same_incident", first.incident_id)
    assert felt.verdict["evidence"]["joined_across_keys"]["key"] == "AE"
    # A later report from Dubai joins its key's incident; its record stays `merged` and the survivor counts it too.
    later = decide_in_one_process(QUAKE_AE_LATER, state, config)
    assert later.incident_id == first.incident_id  # the survivor, as the evidence says
    assert later.verdict["evidence"]["merged_into"] == first.incident_id
    assert [(r["incident_id"], r["status"], r["report_count"]) for r in later.incident_records] == [
        (opened, "merged", 2),
        (first.incident_id, "updated", 3),
    ]
    assert later.incident_records[-1]["folded_counts"] == {opened: 2}


def test_without_cross_key_merges_the_two_reports_stay_two_incidents() -> None:
    state, config = new_state(), replace(MatchConfig(), cross_key_merge=False)
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    assert [r["status"] for r in felt.incident_records] == ["created"]
    assert survivors(first.incident_records + felt.incident_records)[felt.incident_id] == felt.incident_id


def test_a_round_up_of_the_week_is_no_incident_of_another_key_either() -> None:
    # The same words as the Dubai report that joins the Iranian quake, under a round-up's headline.
    state, config = new_state(), MatchConfig()
    decide_in_one_process(QUAKE_IR, state, config)
    roundup = replace(QUAKE_AE, article=replace(QUAKE_AE.article, title="Gulf week in review: a quake felt in Dubai"))
    told = decide_in_one_process(roundup, state, config)
    assert told.verdict["verdict"] == "new_incident"
    assert [r["status"] for r in told.incident_records] == ["created"]


def test_unrelated_incidents_of_two_keys_stay_apart() -> None:
    state, config = new_state(), MatchConfig()
    decide_in_one_process(QUAKE_IR, state, config)
    ferry = decide_in_one_process(FERRY, state, config)
    assert [r["status"] for r in ferry.incident_records] == ["created"]


def notice(incident_id: str, key: str, version: int, summary: dict[str, Any], reports: int = 1) -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "key": key,
        "version": version,
        "report_count": reports,
        "first_seen": f"2024-05-04T0{version}:00:00+00:00",
        "summary": summary,
    }


def summary_of(decided_state: IncidentState, incident_id: str) -> dict[str, Any]:
    record = decided_state.incidents[incident_id]["record"]
    [made] = notices_of([record], decided_state)
    return dict(made["summary"])


def quake_summaries() -> tuple[dict[str, Any], dict[str, Any]]:
    state, config = new_state(), replace(MatchConfig(), cross_key_merge=False)
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    return summary_of(state, first.incident_id), summary_of(state, felt.incident_id)


def test_incidents_of_one_key_are_left_to_the_decide_stage() -> None:
    iran, dubai = quake_summaries()
    table: dict[str, Any] = {}
    assert reconcile(notice("a", "IR", 1, iran), table, MatchConfig()) is None
    assert reconcile(notice("b", "IR", 1, dubai), table, MatchConfig()) is None


def test_an_incident_of_one_report_joins_another_key_as_a_report_does_and_a_larger_one_as_incidents_merge() -> None:
    iran, dubai = quake_summaries()
    score = cross_key_similarity(dubai, iran, MatchConfig())
    # Thresholds on either side of the pair's score: a report's (match) below it, two incidents' (merge) above it.
    config = replace(MatchConfig(), match_threshold=score - 0.01, merge_threshold=score + 0.01)
    created: dict[str, Any] = {}
    reconcile(notice("a", "IR", 1, iran), created, config)
    merge = reconcile(notice("b", "AE", 1, dubai), created, config)
    assert merge is not None and (merge.absorbed, merge.survivor) == ("b", "a")
    # The same summary in a later record (a second report came first on its own key) stands for an incident.
    updated: dict[str, Any] = {}
    reconcile(notice("a", "IR", 1, iran), updated, config)
    assert reconcile(notice("b", "AE", 2, dubai, reports=2), updated, config) is None


def town(geonameid: int, lat: float, lon: float) -> dict[str, Any]:
    return {"id": geonameid, "name": None, "lat": lat, "lon": lon, "a1": None, "prec": "city", "conf": 0.99, "fc": "P"}


def test_two_moments_in_towns_apart_across_a_border_are_compared_with_their_places_too() -> None:
    iran, dubai = quake_summaries()
    config = MatchConfig()
    # An earthquake is placed where one outlet felt it and where another found its epicentre: no place conflict.
    assert cross_key_similarity(dubai, iran, config) == summary_similarity(dubai, iran, config) > 0.0
    strike = {**iran, "category": "air_strike", "places": [town(1, 33.12, 35.43)]}  # Bint Jbeil, Lebanon
    rockets = {**dubai, "category": "attack", "places": [town(2, 33.21, 35.57)]}  # Kiryat Shmona, Israel, 16 km
    alike = summary_similarity(strike, rockets, config)
    assert alike > 0.0
    assert cross_key_similarity(strike, rockets, config) == pytest.approx(alike + config.w_place_conflict)
    # The same town on both sides; towns a continent apart, one likelier a namesake misread than another incident.
    same_town = {**rockets, "places": [town(1, 33.12, 35.43)]}
    florida = {**rockets, "places": [town(3, 28.54, -81.38)]}
    for other in (same_town, florida):
        assert cross_key_similarity(strike, other, config) == summary_similarity(strike, other, config)


def test_a_redelivered_notice_repeats_its_order_and_an_older_one_changes_nothing() -> None:
    iran, dubai = quake_summaries()
    table: dict[str, Any] = {}
    config = MatchConfig()
    assert reconcile(notice("a", "IR", 1, iran), table, config) is None
    merge = reconcile(notice("b", "AE", 1, dubai), table, config)
    assert merge is not None
    assert (merge.absorbed, merge.absorbed_key, merge.survivor, merge.survivor_key) == ("b", "AE", "a", "IR")
    assert merge.score >= config.merge_threshold
    assert reconcile(notice("b", "AE", 1, dubai), table, config) == merge  # at-least-once: the same order again
    assert reconcile(notice("a", "IR", 1, iran), table, config) is None
    # The absorbed incident is no candidate any more: a third incident like it is not merged into it.
    assert table[ENTRY_PREFIX + "b"]["into"] == "a"
    third = reconcile(notice("c", "OM", 1, dubai), table, config)
    assert third is not None and third.survivor == "a"


def test_an_order_and_a_fold_carried_out_are_republished_as_they_were_and_a_closed_incident_takes_none() -> None:
    state, config = new_state(), replace(MatchConfig(), cross_key_merge=False)
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    order = CrossKeyMerge(felt.incident_id, "AE", first.incident_id, "IR", 0.6)
    [merged] = absorb_across_keys(state, order)
    assert (merged["status"], merged["version"], merged["merged_into"]) == ("merged", 2, first.incident_id)
    assert absorb_across_keys(state, order) == [merged]  # re-delivered: the same record
    assert absorb_across_keys(state, replace(order, absorbed="inc-gone")) == []
    [fold] = folds_of([merged])
    assert (fold.survivor, fold.survivor_key, fold.absorbed, fold.report_count) == (
        first.incident_id,
        "IR",
        felt.incident_id,
        1,
    )
    [counted] = fold_into_survivor(state, fold, max_reports=200)
    assert (counted["version"], counted["report_count"]) == (2, 2)
    assert fold_into_survivor(state, fold, max_reports=200) == [counted]  # counted once
    assert fold_into_survivor(state, replace(fold, survivor="inc-closed"), max_reports=200) == []


def test_a_fold_for_a_survivor_merged_away_counts_where_the_survivor_ended() -> None:
    state, config = new_state(), replace(MatchConfig(), cross_key_merge=False)
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    # The Iranian incident was itself merged into one of a third key before the Dubai incident's reports arrive:
    # it counts them, and its own record goes on to that key.
    absorb_across_keys(state, CrossKeyMerge(first.incident_id, "IR", "inc-oman", "OM", 0.7))
    [dubai] = folds_of(
        [
            state.incidents[felt.incident_id]["record"]
            | {"merged_into": first.incident_id, "merged_across_keys": {"survivor_key": "IR"}}
        ]
    )
    [iran] = fold_into_survivor(state, dubai, max_reports=200)
    assert (iran["status"], iran["report_count"], iran["merged_into"]) == ("merged", 2, "inc-oman")
    [onward] = folds_of([iran])
    assert (onward.survivor, onward.survivor_key, onward.report_count) == ("inc-oman", "OM", 2)


def test_a_fold_for_a_survivor_merged_away_and_closed_goes_on_from_its_closed_tier() -> None:
    state, config = new_state(), replace(MatchConfig(), cross_key_merge=False)
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    absorb_across_keys(state, CrossKeyMerge(first.incident_id, "IR", "inc-oman", "OM", 0.7))
    # A month of the Iranian key's news closes the middle of the chain; the Dubai incident goes on taking reports.
    month_later = report("ir-later", *FERRY_IN_OSLO, datetime(2024, 6, 4, 9, tzinfo=UTC), BANDAR_ABBAS)
    decide_in_one_process(month_later, state, config)
    assert first.incident_id not in state.incidents
    dubai_record = state.incidents[felt.incident_id]["record"]
    absorbed = dubai_record | {"merged_into": first.incident_id, "merged_across_keys": {"survivor_key": "IR"}}
    [dubai] = folds_of([absorbed | {"report_count": 3}])
    [iran] = fold_into_survivor(state, dubai, max_reports=200)
    assert (iran["status"], iran["report_count"], iran["merged_into"]) == ("merged", 4, "inc-oman")
    [onward] = folds_of([iran])
    assert (onward.survivor, onward.survivor_key, onward.report_count) == ("inc-oman", "OM", 4)
    # It stays closed and counts each report once: a re-delivered fold republishes it, a later one adds only the new.
    assert first.incident_id not in state.incidents
    assert fold_into_survivor(state, dubai, max_reports=200) == [iran]
    [later] = fold_into_survivor(state, replace(dubai, report_count=5), max_reports=200)
    assert (later["version"], later["report_count"]) == (iran["version"] + 1, 6)


def test_a_fold_for_an_incident_merged_within_its_key_reaches_the_closed_survivor_that_lists_it() -> None:
    state, config = new_state(), replace(MatchConfig(), cross_key_merge=False)
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    # An Iranian incident "inc-ir-2", survivor of the Dubai one, had been merged into the first within its key
    # (its entry goes when the first closes).
    entry = state.incidents[first.incident_id]
    state.incidents[first.incident_id] = {**entry, "record": entry["record"] | {"merged_from": ["inc-ir-2"]}}
    decide_in_one_process(
        report("ir-later", *FERRY_IN_OSLO, datetime(2024, 6, 4, 9, tzinfo=UTC), BANDAR_ABBAS), state, config
    )
    assert first.incident_id not in state.incidents
    dubai_record = state.incidents[felt.incident_id]["record"]
    absorbed = dubai_record | {"merged_into": "inc-ir-2", "merged_across_keys": {"survivor_key": "IR"}}
    [dubai] = folds_of([absorbed])
    [reopened] = fold_into_survivor(state, dubai, max_reports=200)
    assert (reopened["incident_id"], reopened["status"], reopened["report_count"]) == (first.incident_id, "updated", 2)
    assert first.incident_id in state.incidents


def test_stale_incidents_and_their_postings_are_forgotten() -> None:
    iran, dubai = quake_summaries()
    table: dict[str, Any] = {}
    config = MatchConfig()
    old = {**dubai, "last_day": iran["last_day"] - 30, "first_day": iran["last_day"] - 30}
    reconcile(notice("old", "AE", 1, old), table, config)
    reconcile(notice("new", "IR", 1, iran), table, config)
    assert expire_notices(table, config) == 1
    assert ENTRY_PREFIX + "old" not in table and ENTRY_PREFIX + "new" in table
    assert all("old" not in ids for key, ids in table.items() if key.startswith(POSTING_PREFIX))
    assert expire_notices(table, replace(config, max_reconcile_incidents=0)) == 1
    assert not table


def test_a_survivor_that_closes_is_reopened_to_count_the_later_reports_of_an_incident_merged_into_it() -> None:
    state, config = new_state(), MatchConfig()
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    opened = felt.verdict["evidence"]["joined_across_keys"]["opened"]
    assert survivors(first.incident_records + felt.incident_records)[opened] == first.incident_id
    # A month later the Iranian key's next report closes the survivor; the Dubai incident is its own key's to close.
    month_later = report("ir-later", *FERRY_IN_OSLO, datetime(2024, 6, 4, 9, tzinfo=UTC), BANDAR_ABBAS)
    decide_in_one_process(month_later, state, config)
    assert first.incident_id not in state.incidents
    late = report("quake-ae-late", "Dubai towers swayed in Iran quake", QUAKE_FROM_DUBAI[1], AT_NOON, DUBAI)
    joined = decide_in_one_process(late, state, config)
    assert joined.verdict["verdict"] == "same_incident"
    # The survivor comes back from its key's closed tier and counts the report (it had been left one short).
    assert [(r["incident_id"], r["report_count"]) for r in joined.incident_records] == [
        (opened, 2),
        (first.incident_id, 3),
    ]
    assert joined.incident_records[-1]["folded_counts"] == {opened: 2}
    # Its last day is unchanged: the next report of its key closes it again.
    decide_in_one_process(
        report("ir-later-2", *FERRY_IN_OSLO, datetime(2024, 6, 5, 9, tzinfo=UTC), BANDAR_ABBAS), state, config
    )
    assert first.incident_id not in state.incidents


def test_a_report_redelivered_after_its_incident_merged_into_another_keys_closed_is_counted_once() -> None:
    state, config = new_state(), MatchConfig()
    first, felt = decide_in_one_process(QUAKE_IR, state, config), decide_in_one_process(QUAKE_AE, state, config)
    opened = felt.verdict["evidence"]["joined_across_keys"]["opened"]
    # A month of news on both keys closes both incidents; the merged one goes to its key's closed tier too.
    for n, place in enumerate((BANDAR_ABBAS, DUBAI)):
        decide_in_one_process(
            report(f"later-{n}", *FERRY_IN_OSLO, datetime(2024, 6, 4, 9, tzinfo=UTC), place), state, config
        )
    assert opened not in state.incidents and first.incident_id not in state.incidents
    # The Dubai report, delivered again (a worker killed before committing it), would now open an incident.
    again = decide_in_one_process(QUAKE_AE, state, config)
    assert again.verdict["evidence"]["replay"] == "same_content"
    assert again.incident_records == []


def test_a_report_names_the_survivor_only_when_the_incident_it_opened_is_merged_away_at_once() -> None:
    opened = DedupVerdict(verdict="new_incident", duplicate_of=None, score=0.2, evidence={"best": "inc-x"})
    into_iran = CrossKeyMerge("inc-dubai", "AE", "inc-iran", "IR", 0.61)
    carried_out = state_with_record("inc-dubai", merged_into="inc-iran")
    verdict, incident_id = settle_opening_report(opened, "inc-dubai", into_iran, carried_out)
    assert (verdict["verdict"], verdict["score"], incident_id) == ("same_incident", 0.61, "inc-iran")
    assert verdict["evidence"] == {
        "best": "inc-x",
        "joined_across_keys": {"opened": "inc-dubai", "key": "AE", "survivor_key": "IR", "score": 0.61},
    }
    # No merge; a merge that absorbs the other incident into this one; a report that joined an incident.
    standing = state_with_record("inc-dubai")
    assert settle_opening_report(opened, "inc-dubai", None, standing) == (opened, "inc-dubai")
    into_dubai = CrossKeyMerge("inc-iran", "IR", "inc-dubai", "AE", 0.61)
    assert settle_opening_report(opened, "inc-dubai", into_dubai, standing) == (opened, "inc-dubai")
    joined = DedupVerdict(verdict="same_incident", duplicate_of=None, score=0.5, evidence={})
    assert settle_opening_report(joined, "inc-dubai", into_iran, carried_out) == (joined, "inc-dubai")


def test_an_order_that_came_too_late_leaves_the_opening_report_where_its_incident_ended() -> None:
    opened = DedupVerdict(verdict="new_incident", duplicate_of=None, score=0.2, evidence={"best": "inc-x"})
    into_iran = CrossKeyMerge("inc-dubai", "AE", "inc-iran", "IR", 0.61)
    # Reports queued on the Dubai key merged the incident into another of that key before the order came.
    merged_at_home = state_with_record("inc-dubai", merged_into="inc-abu-dhabi")
    state_with_record("inc-abu-dhabi", state=merged_at_home)
    verdict, incident_id = settle_opening_report(opened, "inc-dubai", into_iran, merged_at_home)
    assert (verdict["verdict"], incident_id) == ("same_incident", "inc-abu-dhabi")
    assert verdict["evidence"] == {"best": "inc-x", "merged_into": "inc-abu-dhabi"}
    # The incident had closed: the two stay two, and the report stays the one that opened it.
    assert settle_opening_report(opened, "inc-dubai", into_iran, new_state()) == (opened, "inc-dubai")


def state_with_record(
    incident_id: str, merged_into: str | None = None, state: IncidentState | None = None
) -> IncidentState:
    state = state or new_state()
    record = {"incident_id": incident_id, "merged_into": merged_into} if merged_into else {"incident_id": incident_id}
    state.incidents[incident_id] = {"record": record, "key": "AE"}
    return state


def test_notices_are_cut_into_messages_of_bounded_size_in_their_order() -> None:
    notices = [
        {"incident_id": f"inc-{n}", "held_article": {"body": "x" * size}}
        for n, size in enumerate([250, 250, 900, 50, 50])
    ]
    runs = notices_in_messages(notices, max_bytes=700)
    assert [[n["incident_id"] for n in run] for run in runs] == [["inc-0", "inc-1"], ["inc-2"], ["inc-3", "inc-4"]]
    for run in runs:  # a notice larger than the bound goes alone
        assert len(run) == 1 or len(jsonio.dumps({"notices": list(run)})) <= 700 + len('{"notices":[]}')
    assert notices_in_messages([]) == []
