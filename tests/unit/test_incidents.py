"""Incident matching: verdicts, same-town/other-year, syndicated copies, weekday dates, replay, merge, expiry."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from mention_builders import actor, people_named, town

import streams.incidents as incidents
from streams.incidents import (
    GLOBAL_KEY,
    UNPLACED_KEY,
    Decision,
    IncidentState,
    MatchConfig,
    candidate_key,
    closed_incidents_of,
    decide,
    details_named_by_many,
    expire,
    incident_id_for,
    open_incident_count,
    open_incidents_of,
    summary_similarity,
    survivors,
)
from streams.incidents.category import CategoryResult, classify_text, premises_named, relation
from streams.incidents.features import ROUNDUP_HEADLINE_RE
from streams.incidents.text import TermWeights, analyse
from streams.model import Actor, Article, Location, TaggedArticle
from streams.settings import Settings

KHAN_SHEIKHOUN = town("Khan Sheikhoun", 168325, "Khan Shaykhun", ("SY-ID", "Idlib"), (35.44, 36.65), confidence=0.95)
MORAK = town("Morek", 166640, "Murak", ("SY-HM", "Hama"), (35.38, 36.69))
SPRINGFIELD = town("Springfield", 4250542, "Springfield", ("US-IL", "Illinois"), (39.80, -89.64))
CHATHAM = town("Chatham", 4887398, "Chatham", ("US-IL", "Illinois"), (39.68, -89.70))


HTS = actor("Hayat Tahrir al-Sham", code="SYRREB", actor_id="hts")
SAA = actor("Syrian Arab Army", kind="military", code="SYRMIL", actor_id="saa")
TURKISH_ARMY = actor("Turkish Armed Forces", kind="military", code="TURMIL", actor_id="tsk")


def tagged(
    article_id: str,
    title: str,
    body: str,
    published: str | None,
    place: Location | None = KHAN_SHEIKHOUN,
    actors: list[Actor] | None = None,
    source: str = "wire",
) -> TaggedArticle:
    when = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    article = Article(
        id=article_id, title=title, body=body, source=source, url=f"https://example.org/{article_id}", published_at=when
    )
    return TaggedArticle(
        article=article,
        language="en",
        locations=[place] if place else [],
        event_location=place,
        actors=list(actors or []),
    )


WITHDRAWAL_A = tagged(
    "withdrawal-a",
    "Rebels withdraw from Khan Sheikhoun as Syrian troops advance",
    "Hayat Tahrir al-Sham fighters pulled out of the town of Khan Sheikhoun in southern Idlib on Tuesday as Syrian "
    "government forces advanced under heavy air cover, the group said in a statement.\n"
    "The jihadist alliance described the withdrawal as a redeployment to positions south of the town. The Syrian "
    "Observatory for Human Rights said rebels had also left villages on the M5 highway between Hama and Aleppo.\n"
    "Khan Sheikhoun has been held by insurgents since 2014. Its loss cuts off a Turkish observation post at Morek.",
    "2019-08-20T18:00:00",
    actors=[HTS, SAA],
)
WITHDRAWAL_B = tagged(
    "withdrawal-b",
    "Syrian army enters Khan Shaykhun after jihadists pull back",
    "Government troops entered Khan Shaykhun on Tuesday after Hayat Tahrir al-Sham withdrew its fighters from the "
    "strategic town on the Damascus-Aleppo highway, state media and a monitoring group reported.\n"
    "The retreat of the insurgents leaves the Turkish military post at Morek surrounded by advancing Syrian forces. "
    "Activists said the army was clearing the town of mines left behind by the rebels as they pulled out.",
    "2019-08-21T07:30:00",
    actors=[HTS, SAA],
)
CHEMICAL_2017 = tagged(
    "chemical-2017",
    "Suspected chemical attack kills dozens in Khan Sheikhoun",
    "A suspected chemical attack on the rebel-held town of Khan Sheikhoun in Idlib province killed at least 58 "
    "people on Tuesday, including children, a monitoring group said. Doctors treating the wounded said symptoms "
    "pointed to a nerve agent such as sarin.\n"
    "Witnesses said warplanes struck the town early in the morning, and a hospital treating victims was hit hours "
    "later. Western governments blamed the Syrian government forces, which denied using chemical weapons.",
    "2017-04-04T16:00:00",
    actors=[SAA],
)
CONVOY_STRIKE = tagged(
    "convoy-strike",
    "Air strike hits Turkish military convoy in Idlib",
    "An air strike hit a Turkish military convoy heading towards Khan Sheikhoun in Idlib on Monday, killing three "
    "civilians, Turkey's defence ministry said, accusing Syrian government warplanes of the attack.\n"
    "The convoy of about 50 armoured vehicles was carrying supplies to a Turkish observation post at Morek. Ankara "
    "condemned the strike and said it violated agreements with Moscow.",
    "2019-08-19T15:00:00",
    actors=[TURKISH_ARMY, SAA],
)


CEASEFIRE_TALKS = tagged(
    "ceasefire-talks",
    "Turkey and Russia agree ceasefire for Idlib",
    "Turkey and Russia agreed on Thursday a ceasefire in Idlib province after talks in Moscow, the two "
    "governments said in a joint statement, creating a security corridor along the M4 highway.",
    "2019-08-22T12:00:00",
    actors=[TURKISH_ARMY, SAA],
)


def new_state() -> IncidentState:
    return IncidentState(buckets={}, incidents={}, articles={})


CONFIG = MatchConfig()


def test_first_report_opens_an_incident_with_a_created_record() -> None:
    state = new_state()
    decision = decide(WITHDRAWAL_A, state, CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.verdict["duplicate_of"] is None
    assert decision.incident_id == incident_id_for("withdrawal-a")
    [record] = decision.incident_records
    assert record["status"] == "created"
    assert record["version"] == 1
    assert record["report_count"] == 1
    assert record["reports"][0]["article_id"] == "withdrawal-a"
    assert record["reports"][0]["verdict"] == "new_incident"
    assert record["event_location"]["geonameid"] == 168325
    assert record["category"] == "withdrawal"
    assert record["event_date"] == "2019-08-20"
    assert record["headline"] == WITHDRAWAL_A.article.title
    assert {a["name"] for a in record["actors"]} == {"Hayat Tahrir al-Sham", "Syrian Arab Army"}
    assert open_incident_count(state) == 1


def test_another_agency_report_joins_the_open_incident_and_says_why() -> None:
    state = new_state()
    first = decide(WITHDRAWAL_A, state, CONFIG)
    second = decide(WITHDRAWAL_B, state, CONFIG)
    assert second.verdict["verdict"] == "same_incident"
    assert second.incident_id == first.incident_id
    evidence = second.verdict["evidence"]
    assert evidence["place"] == "same"
    assert evidence["days"] == 0  # "on Tuesday" in a Wednesday report is the same Tuesday
    assert evidence["category"] == "same"
    assert "id:hts" in evidence["shared"]
    assert evidence["text_cosine"] > 0
    [record] = second.incident_records
    assert (record["status"], record["version"], record["report_count"]) == ("updated", 2, 2)
    assert [r["article_id"] for r in record["reports"]] == ["withdrawal-a", "withdrawal-b"]


def test_syndicated_copy_with_a_changed_headline_is_a_duplicate_of_the_original() -> None:
    state = new_state()
    original = decide(WITHDRAWAL_A, state, CONFIG)
    copy_article = replace(
        WITHDRAWAL_A.article, id="withdrawal-a-copy", title="Jihadists quit key Idlib town", source="partner"
    )
    copied = decide(replace(WITHDRAWAL_A, article=copy_article), state, CONFIG)
    assert copied.verdict["verdict"] == "duplicate"
    assert copied.verdict["duplicate_of"] == "withdrawal-a"
    assert copied.verdict["score"] >= CONFIG.duplicate_threshold
    assert copied.incident_id == original.incident_id
    assert candidate_key(replace(WITHDRAWAL_A, article=copy_article)) == candidate_key(WITHDRAWAL_A)
    [record] = copied.incident_records
    assert record["reports"][-1] == {
        "article_id": "withdrawal-a-copy",
        "source": "partner",
        "url": "https://example.org/withdrawal-a",
        "published_at": "2019-08-20T18:00:00+00:00",
        "verdict": "duplicate",
    }


def test_same_town_in_another_year_is_another_incident() -> None:
    # Quiet period long enough that the 2017 incident is still open: only the evidence keeps them apart.
    config = replace(CONFIG, quiet_days=10_000)
    state = new_state()
    attack = decide(CHEMICAL_2017, state, config)
    withdrawal = decide(WITHDRAWAL_A, state, config)
    assert attack.verdict["verdict"] == "new_incident"
    assert withdrawal.verdict["verdict"] == "new_incident"
    assert withdrawal.incident_id != attack.incident_id
    assert attack.incident_records[0]["category"] == "chemical_attack"


def test_air_strike_on_the_convoy_the_day_before_stays_apart_from_the_withdrawal() -> None:
    state = new_state()
    strike = decide(CONVOY_STRIKE, state, CONFIG)
    withdrawal = decide(WITHDRAWAL_A, state, CONFIG)
    later = decide(WITHDRAWAL_B, state, CONFIG)
    assert withdrawal.incident_id != strike.incident_id
    assert later.incident_id == withdrawal.incident_id
    assert strike.incident_records[0]["category"] == "air_strike"


def test_report_whose_only_date_is_a_weekday_is_dated_to_that_day() -> None:
    state = new_state()
    report = tagged(
        "weekday-only",
        "Protesters block bridge in Springfield",
        "Hundreds of protesters blocked the main bridge in Springfield on Tuesday, demanding the release of a local "
        "activist. Police said the demonstration ended peacefully in the evening.",
        "2024-03-08T09:00:00",  # a Friday
        place=SPRINGFIELD,
    )
    decision = decide(report, state, CONFIG)
    assert decision.verdict["evidence"]["event_date"] == "2024-03-05"
    assert decision.verdict["evidence"]["event_date_source"] == "text:weekday"
    assert decision.incident_records[0]["event_date"] == "2024-03-05"


def test_replaying_an_article_changes_nothing() -> None:
    state = new_state()
    decide(WITHDRAWAL_A, state, CONFIG)
    first = decide(WITHDRAWAL_B, state, CONFIG)
    snapshot = copy.deepcopy((dict(state.buckets), dict(state.incidents), dict(state.articles)))
    again = decide(WITHDRAWAL_B, state, CONFIG)
    assert again.incident_records == []
    assert again.incident_id == first.incident_id
    assert again.verdict["verdict"] == first.verdict["verdict"]
    assert again.verdict["evidence"]["replay"] == "same_content"
    assert (dict(state.buckets), dict(state.incidents), dict(state.articles)) == snapshot
    record = state.incidents[first.incident_id]["record"]
    assert record["report_count"] == 2


def test_same_id_with_new_content_keeps_the_first_decision() -> None:
    state = new_state()
    first = decide(WITHDRAWAL_A, state, CONFIG)
    corrected = replace(WITHDRAWAL_A.article, body=WITHDRAWAL_A.article.body + " Corrects spelling of town name.")
    again = decide(replace(WITHDRAWAL_A, article=corrected), state, CONFIG)
    assert again.incident_id == first.incident_id
    assert again.incident_records == []
    assert again.verdict["evidence"]["replay"] == "content_changed"


def withdrawal_split_in_two() -> tuple[IncidentState, Decision, Decision]:
    """The withdrawal's first two reports as two open incidents (a strict config kept them apart)."""
    strict = replace(CONFIG, match_threshold=0.99, merge_threshold=0.99)
    state = new_state()
    a = decide(WITHDRAWAL_A, state, strict)
    b = decide(WITHDRAWAL_B, state, strict)
    assert a.incident_id != b.incident_id
    return state, a, b


def withdrawal_bridge(extra: str = "") -> TaggedArticle:
    """A third report of the withdrawal, matching both of `withdrawal_split_in_two`'s incidents."""
    return tagged(
        "withdrawal-c",
        "Rebels pull out of Khan Sheikhoun, Syrian army enters town",
        "Hayat Tahrir al-Sham withdrew its fighters from Khan Sheikhoun on Tuesday and government troops entered the "
        "town in southern Idlib, the Syrian Observatory said. The retreat leaves the Turkish observation post at "
        "Morek surrounded. Rebels described the pull-out as a redeployment south of the town on the M5 highway."
        + extra,
        "2019-08-21T10:00:00",
        actors=[HTS, SAA],
    )


def test_two_open_incidents_bridged_by_a_report_are_merged_into_the_larger() -> None:
    state, a, _ = withdrawal_split_in_two()
    merged = decide(withdrawal_bridge(), state, replace(CONFIG, merge_threshold=0.3))
    statuses = {r["incident_id"]: r for r in merged.incident_records}
    absorbed = [r for r in merged.incident_records if r["status"] == "merged"]
    assert len(absorbed) == 1
    survivor_id = absorbed[0]["merged_into"]
    assert survivor_id == a.incident_id  # equal report counts: the older incident survives
    assert merged.incident_id == survivor_id
    survivor = statuses[survivor_id]
    assert survivor["report_count"] == 3
    assert {r["article_id"] for r in survivor["reports"]} == {"withdrawal-a", "withdrawal-b", "withdrawal-c"}
    assert absorbed[0]["version"] == 2
    # A replay of an article of the absorbed incident now answers with the survivor.
    assert decide(WITHDRAWAL_B, state, CONFIG).incident_id == survivor_id
    assert open_incident_count(state) == 1


def test_a_report_denying_a_link_merges_none_of_the_incidents_it_matches() -> None:
    # "Sakri CSP loot: two arrested, police say gang not linked to jeweller killing" matched the loot best and the
    # jeweller's killing second: on its word the two are two, whatever it shares with each.
    state, a, b = withdrawal_split_in_two()
    denial = " Police said the pull-out was not connected to Monday's shelling of Maarat al-Numan."
    decision = decide(withdrawal_bridge(denial), state, replace(CONFIG, merge_threshold=0.3))
    assert not [r for r in decision.incident_records if r["status"] == "merged"]
    assert decision.incident_id in {a.incident_id, b.incident_id}
    assert open_incident_count(state) == 2


def test_quiet_incidents_close_and_leave_matching_state() -> None:
    state = new_state()
    first = decide(WITHDRAWAL_A, state, CONFIG)
    assert expire(state, datetime(2019, 8, 30, tzinfo=UTC)) == []
    closed = expire(state, datetime(2019, 9, 10, tzinfo=UTC))
    assert closed == [first.incident_id]
    assert open_incident_count(state) == 0
    assert dict(state.incidents) == {}
    # Only the closed tier is left: the summary and last record a late report could reopen, and the entries of the
    # articles it counts.
    assert sorted(state.buckets) == ["SY|closed", f"SY|closed|{first.incident_id}"]
    assert list(closed_incidents_of(state, "SY")) == [first.incident_id]
    assert list(state.articles) == ["withdrawal-a"]
    assert state.lsh.held()["SY"] == {}
    # The same report arriving again after the close is a replay, not counted twice.
    again = decide(WITHDRAWAL_A, state, CONFIG)
    assert again.incident_id == first.incident_id
    assert again.verdict["evidence"]["replay"] == "same_content"
    assert again.incident_records == []
    assert list(closed_incidents_of(state, "SY")) == [first.incident_id]  # a replay reopens nothing


def test_a_late_report_reopens_its_closed_incident_and_the_tier_is_bounded() -> None:
    config = replace(CONFIG, max_closed_per_key=2)
    state = new_state()
    first = decide(WITHDRAWAL_A, state, config)
    # Weeks later a new report on the key closes the withdrawal (lazily, by publication time)...
    weeks_later = datetime(2019, 9, 26, 12, tzinfo=UTC)
    decide(replace(CEASEFIRE_TALKS, article=replace(CEASEFIRE_TALKS.article, published_at=weeks_later)), state, config)
    assert first.incident_id not in open_incidents_of(state, "SY")
    # ...then a report of the withdrawal, filed at the time but delivered late, still joins it.
    late = decide(WITHDRAWAL_B, state, config)
    assert late.incident_id == first.incident_id
    assert late.verdict["evidence"]["reopened"] is True
    (record,) = late.incident_records
    assert record["version"] == 2 and record["report_count"] == 2
    # Closed incidents beyond the cap are forgotten, the oldest events first.
    for n, day in enumerate(("2018-01-10", "2018-03-10", "2018-05-10")):
        old = tagged(f"old-{n}", f"Clashes in Idlib village {n}", f"Clashes broke out in village {n} on {day}.", day)
        decide(old, state, config)
    decide(
        tagged("much-later", "Idlib news", "Fighting resumed in Idlib province on Sunday.", "2020-01-05T08:00:00"),
        state,
        config,
    )
    assert len(closed_incidents_of(state, "SY")) == 2
    # Only the two kept incidents have entries: evicted ones leave nothing behind, nor do their articles.
    assert len([k for k in state.buckets if k.startswith("SY|closed|")]) == 2
    counted = {
        article_id for entry in closed_incidents_of(state, "SY").values() for article_id in entry["summary"]["members"]
    }
    open_members = {a for summary in open_incidents_of(state, "SY").values() for a in summary["members"]}
    assert set(state.articles) == counted | open_members


def test_a_report_published_after_the_quiet_period_closes_stale_incidents_of_its_key() -> None:
    state = new_state()
    old = decide(WITHDRAWAL_A, state, CONFIG)
    much_later = tagged(
        "withdrawal-later",
        WITHDRAWAL_B.article.title,
        WITHDRAWAL_B.article.body.replace("on Tuesday", "on Monday"),
        "2019-10-01T08:00:00",
        actors=[HTS, SAA],
    )
    decision = decide(much_later, state, CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert old.incident_id not in state.incidents
    assert open_incident_count(state) == 1


@pytest.mark.parametrize(
    ("when", "published", "why"),
    [
        # Two days apart: told apart by the day already (test_another_shooting_in_the_same_town_the_next_day...).
        ("on Monday evening", "2024-03-11T22:00:00", None),
        # The same day: told apart by the place.
        ("on Saturday evening", "2024-03-09T22:00:00", "other_town"),
    ],
)
def test_another_shooting_in_a_nearby_town_the_same_week_is_another_incident(
    when: str, published: str, why: str | None
) -> None:
    state = new_state()
    first = tagged(
        "shooting-springfield",
        "Man shot dead outside Springfield bar",
        "A 34-year-old man was shot dead outside a bar on Fifth Street in Springfield early on Saturday, police said. "
        "Officers found Marcus Hill with a gunshot wound to the chest; he died at the scene. No arrests were made.",
        "2024-03-09T10:00:00",
        place=SPRINGFIELD,
    )
    second = tagged(
        "shooting-chatham",
        "Woman wounded in Chatham shooting",
        f"A woman was shot and wounded in a parking lot in Chatham {when}, police said. Dana Price, 27, was "
        "taken to hospital with a gunshot wound to the leg. Police are looking for a man seen leaving in a grey car.",
        published,
        place=CHATHAM,
    )
    a = decide(first, state, CONFIG)
    b = decide(second, state, CONFIG)
    assert candidate_key(first, "admin1") == candidate_key(second, "admin1") == "US-IL"
    assert candidate_key(first) == candidate_key(second) == "US"
    assert b.verdict["verdict"] == "new_incident"
    assert b.incident_id != a.incident_id
    best = b.verdict["evidence"]["best_evidence"]
    assert (best["place"] if best else None) == why


DAYTON = town("Dayton", 4509884, "Dayton", ("US-OH", "Ohio"), (39.76, -84.19))


def dayton_report(article_id: str, title: str, body: str, published: str) -> TaggedArticle:
    return tagged(article_id, title, body, published, place=DAYTON, source="local")


HOOVER_AVENUE = dayton_report(
    "hoover-avenue",
    "Man killed in shooting on Dayton's west side",
    "A 29-year-old man was shot and killed Tuesday night on Hoover Avenue in Dayton, police said. Officers called "
    "about gunfire at 10:40 p.m. found him in the street with several wounds; he died at the scene. Police have not "
    "released his name and nobody has been arrested.",
    "2024-05-14T23:30:00",
)


def undated(report: TaggedArticle) -> TaggedArticle:
    """The report as a corpus without publication times has it (ECB+): "Tuesday" resolves to no day."""
    return replace(report, article=replace(report.article, published_at=None, published_raw=None))


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_another_shooting_in_the_same_town_the_next_day_is_another_incident(
    dated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Local news tells every shooting with the same words: only the day and the details set them apart. Without
    # publication times the days are the weekdays the leads name ("Tuesday night", "Wednesday evening").
    hoover, salem = (r if dated else undated(r) for r in (HOOVER_AVENUE, SALEM_AVENUE))
    state = new_state()
    first = decide(hoover, state, CONFIG)
    second = decide(salem, state, CONFIG)
    assert second.verdict["verdict"] == "new_incident"
    assert second.incident_id != first.incident_id
    # The day rule alone holds them apart (the street rule off); without it too the text would have joined them.
    monkeypatch.setattr(incidents, "_other_scene", lambda *_: False)
    assert decide(salem, new_state_with(hoover), CONFIG).verdict["verdict"] == "new_incident"
    monkeypatch.setattr(incidents, "_point_event_day_evidence", lambda *_: {})
    assert decide(salem, new_state_with(hoover), CONFIG).verdict["verdict"] == "same_incident"


def test_a_protest_over_a_killing_is_that_killings() -> None:
    # Its headline names a protest, which no shooting is; the killing it protests makes it the shooting's follow-up.
    protest = dayton_report(
        "hoover-avenue-protest",
        "Neighbours block Hoover Avenue in protest after killing of 29-year-old man",
        "Dozens of neighbours blocked Hoover Avenue in Dayton on Wednesday evening to protest the killing of a "
        "29-year-old man who was shot and killed there Tuesday night. They demanded more patrols on the west side; "
        "police said nobody has been arrested in the shooting.",
        "2024-05-15T20:00:00",
    )
    assert decide(protest, new_state_with(HOOVER_AVENUE), CONFIG).verdict["verdict"] == "same_incident"
    # A protest over something else stays apart.
    other = replace(
        protest,
        article=replace(protest.article, id="tax-protest", title="Neighbours block Hoover Avenue in protest over tax"),
    )
    assert decide(other, new_state_with(HOOVER_AVENUE), CONFIG).verdict["verdict"] == "new_incident"


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_another_shooting_in_the_same_town_the_same_day_on_another_street_is_another_incident(
    dated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No day tells them apart, and the details penalty alone is too small against the same words: the streets do.
    salem_same_day = dayton_report(
        "salem-avenue-tuesday",
        "Dayton police investigate fatal shooting",
        "Police in Dayton are investigating a shooting that left a man dead Tuesday evening on Salem Avenue. "
        "Officers called at about 8:15 p.m. found a 41-year-old man with gunshot wounds inside a car. He died at "
        "the scene. Detectives said nobody is in custody.",
        "2024-05-14T21:00:00",
    )
    hoover, salem = (r if dated else undated(r) for r in (HOOVER_AVENUE, salem_same_day))
    assert decide(salem, new_state_with(hoover), CONFIG).verdict["verdict"] == "new_incident"
    # A follow-up that names the scene and where the suspect was caught still joins.
    caught = dayton_report(
        "hoover-avenue-caught",
        "Man sought in Hoover Avenue shooting",
        "Police are looking for a man seen running from Hoover Avenue on Tuesday night after a 29-year-old was shot "
        "dead there. A grey car was later found abandoned on Germantown Street.",
        "2024-05-15T09:00:00",
    )
    state = new_state_with(hoover)
    assert decide(caught if dated else undated(caught), state, CONFIG).verdict["verdict"] == "same_incident"
    monkeypatch.setattr(incidents, "_other_scene", lambda *_: False)
    assert decide(salem, new_state_with(hoover), CONFIG).verdict["verdict"] == "same_incident"


def test_another_kind_of_moment_on_another_day_is_another_incident_however_alike_the_commands_words() -> None:
    crash = dayton_report(
        "lorry-crash-monday",
        "Seven killed as runaway lorry hits minibuses in Dayton",
        "Seven people were killed on Monday evening when a lorry lost its brakes and hit two minibuses in Dayton, "
        "Regional Police Commander Wilbert Nkwera said. The injured were taken to the Dayton Zonal Referral "
        "Hospital. Police asked anyone with information to call the regional police tip line on 0700 000 111.",
        "2024-05-13T21:00:00",
    )
    shootout = dayton_report(
        "shootout-saturday",
        "Police shoot dead suspected armed robber in Dayton",
        "Police in Dayton shot dead a man they described as an armed robber during an exchange of fire on "
        "Saturday, Regional Police Commander Wilbert Nkwera said. His body was taken to the Dayton Zonal Referral "
        "Hospital. Police asked anyone with information to call the regional police tip line on 0700 000 111.",
        "2024-05-18T09:30:00",
    )
    assert decide(shootout, new_state_with(crash), CONFIG).verdict["verdict"] == "new_incident"
    # An attack may be any moment's first reading: this rule does not part an attack and a shooting on two days, as
    # it does a robbery and a shooting. It reads only the report's kind and days.
    monday, saturday = (datetime(2024, 5, day).toordinal() for day in (13, 18))
    read_as = SimpleNamespace(category=SimpleNamespace(category="attack"), firm_days=frozenset({saturday}))
    assert not incidents._other_kind_on_another_day(read_as, {"category": "shooting", "firm_days": [monday]})
    read_as.category.category = "robbery"
    assert incidents._other_kind_on_another_day(read_as, {"category": "shooting", "firm_days": [monday]})


def test_a_death_days_later_follows_the_moment_it_came_from_whatever_kind_that_was_read_as() -> None:
    blast = dayton_report(
        "fuel-blast-thursday",
        "Blast and fire at Dayton house storing smuggled petrol leaves three badly burned",
        "Three people were badly burned on Thursday night when smuggled petrol stored in a house on Keowee Street in "
        "Dayton exploded and caught fire, firefighters said. Marisol Quintero, 38, her son and a neighbour were taken "
        "to hospital with severe burns.",
        "2024-05-17T08:00:00",
    )
    death = dayton_report(
        "fuel-fire-death-saturday",
        "Woman burned in Dayton fuel fire dies in hospital",
        "Marisol Quintero, the 38-year-old woman badly burned when smuggled petrol caught fire in her house on "
        "Keowee Street, died on Saturday night in hospital, two days after the blaze, her family said. Her son "
        "remains in hospital with burns.",
        "2024-05-19T09:30:00",
    )
    assert classify_text(blast.article.title, "").category != classify_text(death.article.title, "").category
    assert decide(death, new_state_with(blast), CONFIG).verdict["verdict"] == "same_incident"


def test_reports_of_one_crash_naming_different_detours_are_one_incident() -> None:
    # Neither report names the crash's street (an interstate is none), only where traffic was sent round it: the
    # detours are no scenes, so the two are not crashes on two streets.
    closed = dayton_report(
        "i75-crash-closed",
        "One dead after crash closes northbound I-75 in Dayton",
        "One person died after a car struck the back of a semitrailer on northbound Interstate 75 in Dayton early "
        "Monday, state troopers said. The driver of the car was pronounced dead at the scene. Traffic was diverted "
        "off the interstate at Stanley Avenue and onto Keowee Street for three hours.",
        "2024-05-13T08:00:00",
    )
    named = dayton_report(
        "i75-crash-named",
        "Woman killed in foggy I-75 crash in Dayton",
        "A 58-year-old woman died early Monday when her car struck the back of a semitrailer on Interstate 75 in "
        "Dayton, state troopers said. The truck driver was not hurt. The crash closed the northbound lanes for three "
        "hours, backing up traffic past the Wagner Ford Road interchange.",
        "2024-05-13T15:00:00",
    )
    assert decide(named, new_state_with(closed), CONFIG).verdict["verdict"] == "same_incident"
    # Traffic sent away from the incident's own street was sent round its scene ("diverted from Fish Harbour Road").
    on_the_street = dayton_report(
        "harbour-road-crash",
        "One dead after truck hits car on Dayton's Harbour Road",
        "One person died after a truck struck a car on Harbour Road in Dayton early Monday, police said. The driver "
        "of the car was pronounced dead at the scene.",
        "2024-05-13T08:00:00",
    )
    diverted_from_it = dayton_report(
        "harbour-road-crash-named",
        "Woman killed as truck hits car in Dayton",
        "A 58-year-old woman died early Monday when a truck struck her car near Linden Avenue in Dayton, police "
        "said. Traffic was diverted from Harbour Road for three hours.",
        "2024-05-13T15:00:00",
    )
    state = new_state_with(on_the_street)
    assert decide(diverted_from_it, state, CONFIG).verdict["verdict"] == "same_incident"


def test_a_street_named_only_where_a_report_denies_a_link_is_not_its_scene() -> None:
    # The Salem Avenue report names Hoover Avenue only to say the two are not connected: the street is the other
    # shooting's, and the two scenes share none (a fire on East Fourth Street had joined the week's fire on Prater
    # Way, which its report named so).
    salem_denying = dayton_report(
        "salem-avenue-denial",
        "Dayton police investigate fatal shooting",
        "Police in Dayton are investigating a shooting that left a man dead Tuesday evening on Salem Avenue. "
        "Officers called at about 8:15 p.m. found a 41-year-old man with gunshot wounds inside a car. He died at "
        "the scene. Detectives said nobody is in custody and that there was no sign of any connection to the "
        "killing on Hoover Avenue.",
        "2024-05-14T21:00:00",
    )
    decided = decide(salem_denying, new_state_with(HOOVER_AVENUE), CONFIG)
    assert decided.verdict["verdict"] == "new_incident"


def test_an_arrest_that_names_the_incidents_street_only_as_another_robberys_is_not_its_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Told alike, one day apart, by one spokesperson: the report's robbery is on Brown Street, and it names the gas
    # station's street only to say its suspect is not one in that robbery (Savannah, this session's blind week).
    gas_station = dayton_report(
        "gas-station",
        "Clerk held at knifepoint in Wayne Avenue gas station robbery",
        "Two men threatened a clerk with a knife and took cash from a gas station on Wayne Avenue in Dayton early "
        "Friday, police said. No one was hurt. Police spokesperson Sgt. Ann Cole asked anyone with information to "
        "call the robbery unit.",
        "2024-05-17T11:00:00",
    )
    arrest = dayton_report(
        "dollar-store-arrest",
        "Man arrested in Brown Street dollar store robbery",
        "Dayton police on Saturday announced the arrest of a 36-year-old man in Tuesday night's armed robbery of a "
        "dollar store on Brown Street. He was arrested Friday afternoon, police spokesperson Sgt. Ann Cole said. "
        "Cole said the man is not a suspect in Friday morning's robbery of a gas station on Wayne Avenue, in which "
        "two men threatened a clerk with a knife.",
        "2024-05-18T13:00:00",
    )
    assert decide(arrest, new_state_with(gas_station), CONFIG).verdict["verdict"] == "new_incident"
    monkeypatch.setattr(incidents, "_streets_named_as_another_incidents", lambda *_: False)
    assert decide(arrest, new_state_with(gas_station), CONFIG).verdict["verdict"] == "same_incident"


SALEM_AVENUE = dayton_report(
    "salem-avenue",
    "Dayton police investigate fatal shooting",
    "Police in Dayton are investigating a shooting that left a man dead Wednesday evening on Salem Avenue. "
    "Officers called at about 8:15 p.m. found a 41-year-old man with gunshot wounds inside a car. He died at "
    "the scene. Detectives said nobody is in custody.",
    "2024-05-15T21:00:00",
)


def test_a_round_up_of_two_shootings_on_two_days_does_not_merge_them() -> None:
    state = new_state_with(HOOVER_AVENUE, SALEM_AVENUE)
    round_up = dayton_report(
        "round-up",
        "Two men shot dead in Dayton in two days",
        "Two men were shot dead in Dayton this week, on Tuesday night on Hoover Avenue and on Wednesday evening on "
        "Salem Avenue, police said. Officers found both men with gunshot wounds; nobody has been arrested.",
        "2024-05-16T12:00:00",
    )
    decision = decide(round_up, state, CONFIG)
    assert not [r for r in decision.incident_records if r["status"] == "merged"]
    first, second = (state.articles[r.article.id]["incident_id"] for r in (HOOVER_AVENUE, SALEM_AVENUE))
    assert first != second and {first, second} <= set(open_incidents_of(state, "US"))


def moment_summary(category: str, day: int, details: list[str]) -> dict[str, object]:
    """An incident summary as the merge test reads it: `category` on `day` on one road, naming `details`."""
    weight = 1.0 / len(details) ** 0.5
    return {
        "first_day": day,
        "last_day": day,
        "category": category,
        "firm_days": [day],
        "firm_weekdays": [day % 7],
        "streets": ["kingston-road"],
        "details": dict.fromkeys(details, weight),
        "vector": {"shooting": 0.8, "kingston": 0.6},
        "names": {"kingston road": 1.0},
    }


def test_two_incidents_of_one_kind_on_two_days_never_merge() -> None:
    # Two shootings on one road five days apart, told by the same detective: whatever details they share, each was
    # founded by a report naming its own day.
    friday = moment_summary("shooting", 739142, ["holloway", "kingston road", "32", "mazda"])
    wednesday = moment_summary("shooting", 739147, ["holloway", "kingston road", "32", "hilux"])
    assert summary_similarity(friday, wednesday, CONFIG) == 0.0
    assert summary_similarity(friday, moment_summary("shooting", 739142, ["hilux"]), CONFIG) > 0.5  # the same day


def test_two_moments_of_two_kinds_their_headlines_told_on_two_days_never_merge() -> None:
    # A village attack on Friday and a bus hitting a bomb near the same town on Saturday, told with the region's
    # details: two incidents when each one's headlines said what happened.
    details = ["centre-nord", "kaya", "pissila", "ouagadougou"]
    attack = {**moment_summary("shooting", 739569, details), "category_clear": True}
    bombing = {**moment_summary("bombing", 739570, details), "category_clear": True}
    assert summary_similarity(attack, bombing, CONFIG) == 0.0
    # Nor when no headline said so: two kinds of moment on two days their leads named are two, as a report and an
    # incident are (the Jowhar elder shot on Thursday was not Tuesday's clan clash over farmland near Mahaday).
    assert summary_similarity(attack, {**bombing, "category_clear": False}, CONFIG) == 0.0
    # An attack may be any moment's first reading: against one, where no headline said so, the details decide.
    generic = {**moment_summary("attack", 739569, details), "category_clear": False}
    assert summary_similarity(generic, {**bombing, "category_clear": False}, CONFIG) > 0.5


def test_a_shooting_and_an_arrest_on_two_days_merge_only_on_details_of_their_own() -> None:
    # An arrest opened as an incident of its own (its lead named only the arrest's day) and the shooting it follows:
    # one incident if their own details agree, not on the tip line every report of the district gives.
    tip_line = ["crime stoppers", "policelink", "holloway"]
    shooting = moment_summary("shooting", 739142, [*tip_line, "jordan mahoney", "32", "mazda"])
    arrest = moment_summary("arrest", 739145, [*tip_line, "jordan mahoney", "springwood", "22"])
    assert summary_similarity(shooting, arrest, CONFIG) > 0.5  # the victim's name, the age
    stranger = moment_summary("arrest", 739145, [*tip_line, "kai brennan", "springwood", "22"])
    others = [moment_summary("shooting", 739143 + n, [*tip_line, f"own-{n}"]) for n in range(2)]
    common = details_named_by_many([shooting, stranger, *others], CONFIG)
    assert common == frozenset(tip_line)
    assert summary_similarity(shooting, stranger, CONFIG) > 0.5  # the tip line alone agrees 0.5
    assert summary_similarity(shooting, stranger, CONFIG, common) == 0.0


def test_an_arrest_for_one_shooting_does_not_join_another_on_another_day() -> None:
    # An arrest is no moment of its own, but it follows one: the days its lead names must include the shooting's.
    state = new_state_with(SALEM_AVENUE)
    charged = dayton_report(
        "suspect-charged",
        "Dayton man charged with murder",
        "Police on Friday charged a 22-year-old Dayton man with murder in Tuesday's fatal shooting of a man on "
        "Hoover Avenue. Officers arrested him at an apartment on the north side, police said.",
        "2024-05-17T15:00:00",
    )
    decision = decide(charged, state, CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.incident_id != state.articles[SALEM_AVENUE.article.id]["incident_id"]


def new_state_with(*reports: TaggedArticle) -> IncidentState:
    state = new_state()
    for report in reports:
        decide(report, state, CONFIG)
    return state


VICTIM_NAMED = dayton_report(
    "victim-named",
    "Victim of Hoover Avenue shooting named",
    "The county coroner named the man shot dead on Tuesday night on Hoover Avenue in Dayton as Jamal Carter, 29. "
    "Neighbours had reported gunshots at about 10:40 p.m.",
    "2024-05-16T09:00:00",
)


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_follow_ups_of_a_shooting_join_it_whichever_day_they_lead_with(dated: bool) -> None:
    state = new_state_with(HOOVER_AVENUE if dated else undated(HOOVER_AVENUE))
    charged = dayton_report(
        "suspect-charged",
        "Man charged over Hoover Avenue killing",
        "Police on Friday charged a 22-year-old man with murder in the killing of Jamal Carter, who was shot "
        "Tuesday night on Hoover Avenue in Dayton.",
        "2024-05-17T15:00:00",
    )
    # Its lead names only the day of the hearing; the victim, his age and the street say which shooting it was.
    in_court = dayton_report(
        "suspect-in-court",
        "Suspect in Dayton shooting appears in court",
        "A man accused of killing Jamal Carter appeared in Dayton Municipal Court on Monday and was held on a $1 "
        "million bond. Carter, 29, died of gunshot wounds on Hoover Avenue.",
        "2024-05-20T15:00:00",
    )
    follow_ups = (VICTIM_NAMED, charged, in_court)
    if not dated:
        follow_ups = tuple(map(undated, follow_ups))
    decisions = [decide(report, state, CONFIG) for report in follow_ups]
    first = state.articles[HOOVER_AVENUE.article.id]["incident_id"]
    assert [d.incident_id for d in decisions] == [first, first, first]
    assert decisions[2].verdict["evidence"]["point_event_day"] == "other_but_details_agree"


def test_a_trial_months_after_a_shooting_joins_it_while_it_is_open() -> None:
    # A monitor following cases to court keeps incidents open for months (a long quiet period). The verdict report
    # leads with its own day, eight months after the shooting's: the days alone no longer make it another incident.
    config = replace(CONFIG, quiet_days=10_000)
    state = new_state()
    shooting = decide(HOOVER_AVENUE, state, config)
    assert decide(VICTIM_NAMED, state, config).incident_id == shooting.incident_id
    verdict = dayton_report(
        "jury-verdict",
        "Jury convicts man of Hoover Avenue murder of Jamal Carter",
        "A Montgomery County jury on Thursday found a 23-year-old man guilty of murder in the shooting of Jamal "
        "Carter, 29, who was shot dead on Hoover Avenue in Dayton last May. Carter was found in the street with "
        "several gunshot wounds shortly after 10:40 p.m.",
        "2025-01-16T17:00:00",
    )
    decision = decide(verdict, state, config)
    assert decision.incident_id == shooting.incident_id
    assert decision.verdict["evidence"]["time"] == "days_apart"
    assert decision.verdict["evidence"]["days"] > 200
    # Another shooting on the same avenue that winter, of another man, stays another incident.
    another = dayton_report(
        "hoover-avenue-again",
        "Man killed in shooting on Dayton's west side",
        "A 41-year-old man was shot and killed Monday night on Hoover Avenue in Dayton, police said. Officers called "
        "about gunfire at 9:15 p.m. found him on a porch; he died at a hospital. Police have not released his name.",
        "2025-01-20T23:30:00",
    )
    assert decide(another, state, config).verdict["verdict"] == "new_incident"


CARTER_SHOT = dayton_report(
    "carter-shot",
    "Jamal Carter shot dead on Hoover Avenue",
    "Jamal Carter, 29, was shot and killed Tuesday night on Hoover Avenue in Dayton, police said. Officers called "
    "about gunfire at 10:40 p.m. found Carter in the street; he died at the scene.",
    "2024-05-15T08:00:00",
)


def with_people(report: TaggedArticle, *people: str) -> TaggedArticle:
    """The report with a person mention wherever it writes one of `people`."""
    return replace(report, actors=people_named(report.article.title, report.article.body, *people))


def test_a_hearing_days_later_naming_the_victim_joins_the_shooting_whatever_else_it_tells() -> None:
    # The hearing's lead names its own day and its details are the court's (the suspect, his lawyer, the bond): the
    # day rule alone would make it another shooting. Both reports are about the same man, which says it is not.
    people = ("Jamal Carter", "Marcus Reed", "Renee Castellanos", "Linda Carter")
    hearing = dayton_report(
        "carter-hearing",
        "Bond set at $1 million for man accused of killing Jamal Carter",
        "A judge on Friday set bond at $1 million for Marcus Reed, 22, who is charged with murder in the death of "
        "Jamal Carter. Reed appeared by video from the county jail. His attorney, Renee Castellanos, asked for a lower "
        "bond. Carter's mother, Linda Carter, said the family would attend every hearing. Carter was 29.",
        "2024-05-24T17:00:00",
    )
    state = new_state()
    first = decide(with_people(CARTER_SHOT, *people), state, CONFIG)
    later = decide(with_people(hearing, *people), state, CONFIG)
    assert later.incident_id == first.incident_id
    assert later.verdict["evidence"]["principal"] == "named"
    assert later.verdict["evidence"]["point_event_day"] == "other"


def test_a_victim_is_one_person_however_an_outlet_writes_the_accents_of_the_name() -> None:
    shot = dayton_report(
        "villasenor-shot",
        "Marco Villasenor shot dead on Hoover Avenue",
        "Marco Villasenor, 27, was shot and killed Tuesday night on Hoover Avenue in Dayton, police said. Officers "
        "found Marco Villasenor in the street; he died at the scene.",
        "2024-05-15T08:00:00",
    )
    hearing = dayton_report(
        "villasenor-hearing",
        "Bond set at $1 million for man accused of killing Marco Villaseñor",
        "A judge on Friday set bond at $1 million for Marcus Reed, 22, who is charged with murder in the shooting "
        "death of Marco Villaseñor on Hoover Avenue. Reed appeared by video from the county jail. The mother of Marco "
        "Villaseñor said the family would attend every hearing.",
        "2024-05-24T17:00:00",
    )
    state = new_state()
    first = decide(with_people(shot, "Marco Villasenor"), state, CONFIG)
    later = decide(with_people(hearing, "Marcus Reed", "Marco Villaseñor"), state, CONFIG)
    assert later.verdict["evidence"]["principal"] == "named"
    assert later.incident_id == first.incident_id


def test_a_new_shooting_on_the_block_where_the_victim_was_killed_is_another_incident() -> None:
    # Its headline tells a shooting of its own; it names the earlier victim as the shooting's reports do, as a hearing
    # or a vigil would, but it is no follow-up of that shooting.
    people = ("Jamal Carter",)
    teen = dayton_report(
        "teen-shot",
        "Teen shot on Hoover Avenue, on the block where Jamal Carter was killed",
        "A 16-year-old boy was shot Saturday evening on the stretch of Hoover Avenue in Dayton where Jamal Carter was "
        "killed four nights earlier, police said. He was hit in the arm about 7:50 p.m. near a memorial of candles "
        "that neighbours set up after Carter's death.",
        "2024-05-18T22:00:00",
    )
    state = new_state()
    first = decide(with_people(CARTER_SHOT, *people), state, CONFIG)
    later = decide(with_people(teen, *people), state, CONFIG)
    assert later.verdict["verdict"] == "new_incident"
    assert later.incident_id != first.incident_id


@pytest.mark.parametrize(("published", "days"), [("2024-06-05T15:00:00", 20), ("2024-05-20T15:00:00", 6)])
def test_an_arrest_days_or_weeks_after_a_shooting_takes_no_penalty_for_the_gap(published: str, days: int) -> None:
    # A long quiet period keeps the shooting open; the arrest comes six days or three weeks later, which is what
    # arrests do.
    config = replace(CONFIG, quiet_days=60)
    state = new_state()
    shooting = decide(HOOVER_AVENUE, state, config)
    decide(VICTIM_NAMED, state, config)
    arrest = dayton_report(
        "carter-arrest",
        "Suspect held in Hoover Avenue killing",
        "Detectives took a 22-year-old into custody on Monday over the death of Jamal Carter, 29, on Hoover "
        "Avenue. He faces a murder charge, according to court records, and is due before a judge next week. "
        "Investigators thanked residents who came forward with information; the homicide unit has fourteen open "
        "cases this year.",
        published,
    )
    decision = decide(arrest, state, config)
    assert decision.incident_id == shooting.incident_id
    assert decision.verdict["evidence"]["days"] == days
    assert decision.verdict["evidence"]["long_after"] is True


def test_an_incident_stays_the_moment_its_arrests_and_hearings_follow() -> None:
    # Two arrest reports outvote the one shooting report; the incident is still a shooting, so that later reports are
    # held to the shooting's day and details (step 4 of docs/incidents.md) rather than matched as arrests.
    charged = dayton_report(
        "suspect-charged",
        "Man charged with murder of Jamal Carter",
        "Dayton police on Thursday arrested and charged a 22-year-old man with the murder of Jamal Carter, 29, on "
        "Hoover Avenue. He was booked into the county jail.",
        "2024-05-17T15:00:00",
    )
    held = dayton_report(
        "suspect-held",
        "Suspect arrested in Hoover Avenue killing",
        "Dayton police arrested a 22-year-old man on Thursday in the killing of Jamal Carter on Hoover Avenue. He "
        "was booked into the county jail and charged with murder.",
        "2024-05-16T18:00:00",
    )
    state = new_state_with(HOOVER_AVENUE, held, charged)
    incident = state.articles[HOOVER_AVENUE.article.id]["incident_id"]
    assert state.articles[charged.article.id]["incident_id"] == incident
    summary = open_incidents_of(state, candidate_key(HOOVER_AVENUE))[incident]
    assert summary["category_votes"]["arrest"] > summary["category_votes"]["shooting"]
    assert summary["category"] == "shooting"
    other_murder_in_court = dayton_report(
        "other-murder-in-court",
        "Man charged with murder of Dwayne Price appears in court",
        "A 24-year-old man charged with the murder of Dwayne Price on Salem Avenue appeared in Dayton Municipal "
        "Court on Monday. Dayton police arrested him on Saturday; he was booked into the county jail.",
        "2024-05-20T16:00:00",
    )
    assert decide(other_murder_in_court, state, CONFIG).incident_id != incident


def test_the_same_actors_doing_something_else_is_another_incident() -> None:
    state = new_state()
    a = decide(CONVOY_STRIKE, state, CONFIG)
    b = decide(CEASEFIRE_TALKS, state, CONFIG)
    assert b.incident_id != a.incident_id


TSUKURYNE = town("Tsukurino", 691077, "Tsukuryne", ("UA-14", "Donetsk"), (48.07, 37.47), confidence=0.99)
HIRNYK = town("Gornyak", 708395, "Hirnyk", ("UA-14", "Donetsk"), (48.05, 37.40), confidence=0.99)


def ministry_claim(article_id: str, village: str, weekday: str, published: str, place: Location) -> TaggedArticle:
    return tagged(
        article_id,
        f"Russian troops liberate {village}, Defence Ministry says",
        f"Units of the Centre battlegroup have liberated the settlement of {village} in the Donetsk region, the "
        f"Russian Defence Ministry said in its daily briefing on {weekday}. The battlegroup also inflicted losses on "
        "Ukrainian brigades near Selidovo and Pokrovsk, the ministry said, putting Ukrainian losses over the past "
        "day at up to 450 servicemen.",
        published,
        place=place,
    )


def test_a_capture_of_the_next_village_days_later_is_another_incident_however_alike_the_wording() -> None:
    state = new_state()
    first = decide(ministry_claim("claim-1", "Tsukurino", "Wednesday", "2024-10-16T10:00:00", TSUKURYNE), state, CONFIG)
    again = tagged(
        "claim-1-afp",
        "Russia says it captured Tsukuryne near Pokrovsk",
        "Russia's Defence Ministry said on Wednesday its troops had captured the village of Tsukuryne in the Donetsk "
        "region, where Ukrainian officials said fighting continued. The village lies south of Selidovo.",
        "2024-10-16T13:00:00",
        place=TSUKURYNE,
    )
    # Another agency's report of the same capture joins it.
    assert decide(again, state, CONFIG).incident_id == first.incident_id
    # The same ministry's claim of the village next to it, three days later: what was taken is another place.
    second = decide(ministry_claim("claim-2", "Gornyak", "Saturday", "2024-10-19T10:00:00", HIRNYK), state, CONFIG)
    assert second.verdict["verdict"] == "new_incident"
    assert second.incident_id != first.incident_id


EL_FASHER = town("El Fasher", 379555, "Al Fashir", ("SD-DN", "North Darfur"), (13.63, 25.35), confidence=0.99)
TSAFE = town("Tsafe", 2322767, "Tsafe", ("NG-ZA", "Zamfara"), (11.96, 6.92), confidence=0.99)
# Two moments of one kind in one place on different days (consecutive, or four days apart for the clashes): (place,
# first report, later report), a report being (title, body, published).
NEXT_DAY_MOMENTS = {
    "shelling": (
        EL_FASHER,
        (
            "RSF shells El Fasher main market, at least nine dead",
            "Rapid Support Forces shelled the main market in El Fasher on Tuesday, killing at least nine people and "
            "wounding dozens, a local lawyers group said. Shells landed as traders were opening their stalls.",
            "2024-09-03T14:00:00",
        ),
        (
            "RSF shelling kills 12 in El Fasher camp",
            "Rapid Support Forces shelled a camp for displaced people in El Fasher on Wednesday, killing 12 people, "
            "activists said. Shells hit shelters and a water point as families queued.",
            "2024-09-04T15:00:00",
        ),
    ),
    "armed_clash": (
        TSAFE,
        (
            "Herders and farmers clash in Zamfara village, seven dead",
            "Seven people were killed on Monday when herders and farmers clashed over grazing land near a village in "
            "Tsafe Local Government Area of Zamfara State, residents said. Farmers said cattle had destroyed crops.",
            "2025-02-11T09:00:00",
        ),
        (
            "New herder-farmer clash kills five in Zamfara",
            "Five people were killed on Friday in a clash between herders and farmers near another village in Tsafe "
            "Local Government Area of Zamfara State, residents said. Houses were burned as the fighting spread.",
            "2025-02-15T09:00:00",
        ),
    ),
    "kidnapping": (
        TSAFE,
        (
            "Bandits kill nine, abduct women in Zamfara village",
            "Armed bandits killed nine people and abducted at least 15 women in an attack on a farming village in "
            "Tsafe Local Government Area of Zamfara State on Monday night, residents said. The gunmen, on "
            "motorcycles, stormed the village at about 11 p.m.",
            "2025-02-11T09:00:00",
        ),
        (
            "Bandits kill six, abduct 20 in fresh Zamfara attack",
            "Suspected bandits on Tuesday night attacked another village in Tsafe Local Government Area of Zamfara "
            "State, killing six people and abducting at least 20 others, mostly women and children, residents said.",
            "2025-02-12T09:00:00",
        ),
    ),
}


@pytest.mark.parametrize("kind", sorted(NEXT_DAY_MOMENTS))
def test_a_moment_of_one_kind_in_one_place_the_next_day_is_another_incident(kind: str) -> None:
    # The shelling of a town's market and of its camp the next day; abductions in two villages on consecutive nights;
    # herder-farmer clashes near two villages of one district four days apart.
    place, (title, body, published), (next_title, next_body, next_published) = NEXT_DAY_MOMENTS[kind]
    state = new_state()
    first = decide(tagged(f"{kind}-1", title, body, published, place=place), state, CONFIG)
    second = decide(tagged(f"{kind}-2", next_title, next_body, next_published, place=place), state, CONFIG)
    assert second.verdict["verdict"] == "new_incident"
    assert second.incident_id != first.incident_id
    assert classify_text(next_title, next_body).category == kind  # a moment, as an air strike or a robbery is


def test_captures_merge_only_when_they_share_a_town_taken() -> None:
    def capture(*towns: Location) -> dict[str, object]:
        places = [{"id": t["geonameid"], "prec": "city", "conf": t["confidence"]} for t in towns]
        return {**moment_summary("capture", 739175, ["centre battlegroup"]), "places": places}

    # Two villages taken are two incidents; an incident placed in both is the same as one placed in either.
    assert summary_similarity(capture(TSUKURYNE), capture(HIRNYK), CONFIG) == 0.0
    assert summary_similarity(capture(TSUKURYNE, HIRNYK), capture(HIRNYK), CONFIG) > 0.5


def test_incident_ids_are_deterministic_across_runs() -> None:
    runs = []
    for _ in range(2):
        state = new_state()
        runs.append([decide(t, state, CONFIG).incident_id for t in (WITHDRAWAL_A, CONVOY_STRIKE, WITHDRAWAL_B)])
    assert runs[0] == runs[1]


def test_candidate_key_uses_country_or_division_and_fallbacks() -> None:
    assert candidate_key(WITHDRAWAL_A) == "SY"
    assert candidate_key(WITHDRAWAL_A, "admin1") == "SY-ID"
    assert candidate_key(replace(WITHDRAWAL_A, event_location=MORAK), "admin1") == "SY-HM"
    country_only = Location(**{**KHAN_SHEIKHOUN, "precision": "country", "admin1_code": None})
    assert candidate_key(replace(WITHDRAWAL_A, event_location=country_only), "admin1") == "SY"
    no_event = replace(WITHDRAWAL_A, event_location=None, locations=[SPRINGFIELD, KHAN_SHEIKHOUN, MORAK])
    assert candidate_key(no_event) == "SY"
    nothing = replace(WITHDRAWAL_A, event_location=None, locations=[])
    assert candidate_key(nothing) == UNPLACED_KEY
    assert candidate_key(WITHDRAWAL_A, "global") == GLOBAL_KEY


def test_per_key_state_is_bounded() -> None:
    config = replace(CONFIG, max_open_per_key=3)
    state = new_state()
    for n in range(6):
        report = tagged(
            f"unrelated-{n}",
            f"Topic number {n} headline",
            f"Completely different subject {n}: " + " ".join(f"word{n}x{i}" for i in range(40)),
            f"2024-01-0{n + 1}T10:00:00",
            place=SPRINGFIELD,
        )
        decide(report, state, config)
    assert open_incident_count(state) == 3
    assert len(state.incidents) == 3


def test_match_config_reads_the_quiet_period_from_settings() -> None:
    config = MatchConfig.from_settings(Settings(incident_quiet_days=3.0))
    assert config.quiet_days == 3.0
    assert config.key_granularity in ("admin1", "country", "global")


@pytest.mark.parametrize("verdict_source", [WITHDRAWAL_A, CHEMICAL_2017, CONVOY_STRIKE])
def test_state_values_are_plain_json(verdict_source: TaggedArticle) -> None:
    from streams import jsonio

    state = new_state()
    decide(verdict_source, state, CONFIG)
    for mapping in (state.buckets, state.incidents, state.articles):
        for key, value in mapping.items():
            assert jsonio.loads(jsonio.dumps(value)) == value, key


def test_a_report_whose_headline_names_another_kind_of_event_never_joins_however_similar_the_text() -> None:
    state = new_state()
    withdrawal = decide(WITHDRAWAL_A, state, CONFIG)
    # Same town, same day, same actors and most of the same words: only the headline says it is another event.
    strike = replace(
        WITHDRAWAL_B,
        article=replace(WITHDRAWAL_B.article, id="strike-same-words", title="Air strike kills three in Khan Shaykhun"),
    )
    verdict = decide(strike, state, CONFIG)
    assert verdict.verdict["verdict"] == "new_incident"
    assert verdict.incident_id != withdrawal.incident_id
    # Without the veto the text alone would have carried it in: the rule, not the threshold, keeps them apart.
    lenient = replace(CONFIG, veto_clear_category_conflict=False)
    lenient_state = new_state()
    decide(WITHDRAWAL_A, lenient_state, lenient)
    assert decide(strike, lenient_state, lenient).verdict["verdict"] == "same_incident"


def test_an_arrest_whose_headline_names_another_kind_of_moment_does_not_join_it() -> None:
    # Our wording, after the Brisbane look-alike set: a crash and a stabbing on one road of one suburb, days apart.
    crash = tagged(
        "crash",
        "Pedestrian seriously injured on Station Road, Woodridge",
        "A 64-year-old woman was taken to hospital with serious injuries after being hit by a car on Station Road at "
        "Woodridge on Tuesday evening. Police said the driver stopped and was helping police with inquiries.",
        "2024-09-17T09:50:00",
        place=SPRINGFIELD,
    )
    charged = tagged(
        "charged",
        "Man charged with murder over Woodridge stabbing",
        "A 28-year-old man has been charged with murder over the death of a man outside shops on Station Road in "
        "Woodridge on Saturday night. Homicide detectives arrested the man at a unit in Woodridge about 7am on "
        "Thursday. He was refused bail and will appear in court on Friday.",
        "2024-09-19T02:10:00",
        place=SPRINGFIELD,
    )
    kind = classify_text(charged.article.title, charged.article.body)
    assert (kind.category, kind.runner_up, kind.runner_up_in_headline) == ("arrest", "stabbing", True)
    state = new_state()
    first = decide(crash, state, CONFIG)
    second = decide(charged, state, CONFIG)
    # An arrest follows a crash (a driver who turns himself in), but this headline says it follows a stabbing.
    assert second.verdict["verdict"] == "new_incident" and second.incident_id != first.incident_id


def test_the_incident_category_is_the_weighted_majority_of_its_reports() -> None:
    state = new_state()
    # The first report's headline names no event; its body reads as an attack (the bombing before the retreat).
    vague = tagged(
        "vague-first",
        "Fighting in Idlib: the latest",
        "Warplanes attacked rebel positions in Khan Sheikhoun overnight before Hayat Tahrir al-Sham fighters pulled "
        "out of the town, a monitoring group said. Syrian government forces advanced on Tuesday.",
        "2019-08-20T09:00:00",
        actors=[HTS, SAA],
    )
    first = decide(vague, state, CONFIG)
    assert first.incident_records[0]["category"] not in ("withdrawal", "other")
    decide(WITHDRAWAL_A, state, CONFIG)
    last = decide(WITHDRAWAL_B, state, CONFIG)
    assert last.incident_id == first.incident_id
    summary = open_incidents_of(state, candidate_key(vague))[first.incident_id]
    assert summary["category"] == "withdrawal"
    assert summary["category_clear"] is True
    assert last.incident_records[-1]["category"] == "withdrawal"


def test_a_story_without_places_is_keyed_by_the_country_of_its_resolved_actors() -> None:
    minister = Actor(**{**actor("Foreign Minister", kind="government", actor_id="tur-mfa"), "country_code": "TUR"})
    unknown = Actor(**{**actor("a local militia"), "country_code": "SYR", "resolved": False})
    story = replace(WITHDRAWAL_A, event_location=None, locations=[], actors=[unknown, minister])
    assert candidate_key(story) == "TR"
    assert candidate_key(replace(story, actors=[unknown])) == UNPLACED_KEY


def test_survivors_follow_merged_records_transitively() -> None:
    records = [
        {"incident_id": "a", "status": "created", "merged_into": None},
        {"incident_id": "b", "status": "created", "merged_into": None},
        {"incident_id": "c", "status": "created", "merged_into": None},
        {"incident_id": "b", "status": "merged", "merged_into": "a"},
        {"incident_id": "a", "status": "updated", "merged_into": None},
        {"incident_id": "a", "status": "merged", "merged_into": "c"},
    ]
    assert survivors(records) == {"a": "c", "b": "c", "c": "c"}


def test_look_alike_reports_that_share_no_detail_are_held_apart() -> None:
    # Two marches in one town told in the same words; each report names its own plant or school, people and numbers.
    plant = dayton_report(
        "march-plant",
        "Hundreds march in Dayton over plant closure",
        "Hundreds of workers marched through downtown Dayton to protest the closure of the Miller Brake plant, "
        "carrying banners and placards. Union leader Carla Dunn told the crowd that 640 jobs would be lost. "
        "The march ended peacefully outside City Hall.",
        None,
    )
    school = dayton_report(
        "march-school",
        "Hundreds march in Dayton over school cuts",
        "Hundreds of parents and teachers marched through downtown Dayton to protest cuts at the Westwood Academy, "
        "chanting and carrying banners. Organiser Luis Ortega told the crowd that 37 teachers would be let go. "
        "Police said the crowd dispersed by noon.",
        None,
    )
    decision = decide(school, new_state_with(plant), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.verdict["evidence"]["best_evidence"]["details"] == "disjoint"
    # Without the penalty the words alone would have joined them.
    assert decide(school, new_state_with(plant), replace(CONFIG, w_details_disjoint=0.0)).verdict["verdict"] == (
        "same_incident"
    )
    # Another report of the plant march shares a detail and joins.
    plant_again = dayton_report(
        "march-plant-again",
        "Workers protest Miller Brake closure",
        "Workers of the Miller Brake plant, which is to close with the loss of 640 jobs, marched through Dayton, "
        "where Carla Dunn of the machinists' union spoke outside City Hall.",
        None,
    )
    joined = decide(plant_again, new_state_with(plant), CONFIG)
    assert joined.verdict["verdict"] == "same_incident"
    assert "details" not in joined.verdict["evidence"]


def spokesman_report(article_id: str, title: str, lead: str, published: str) -> TaggedArticle:
    """A Dayton shooting told as local news tells each one: the same police spokesman and the same tip line."""
    body = (
        f"{lead} Lt. Mark Ellis, a Dayton police spokesman, said detectives were talking to witnesses. Anyone with "
        "information is asked to call Miami Valley Crime Stoppers."
    )
    return dayton_report(article_id, title, body, published)


def test_details_every_report_of_the_town_names_do_not_tie_a_shooting_to_another_days() -> None:
    # Three open shootings of one town, told with the police spokesman and tip line every report there names. A
    # fourth shooting days later on the street of the first shares those with all three and the street with one:
    # only the street and the victim can tie it, and they do not.
    tuesday = spokesman_report(
        "hoover-tuesday",
        "Man shot dead on Hoover Avenue",
        "A 29-year-old man was shot Tuesday night on Hoover Avenue near Ferguson Avenue in Dayton and died at "
        "Grandview Medical Center.",
        "2024-05-14T23:30:00",
    )
    wednesday = spokesman_report(
        "salem-wednesday",
        "Man wounded in shooting on Salem Avenue",
        "A 41-year-old man was shot in the leg Wednesday evening on Salem Avenue near Philadelphia Drive in Dayton.",
        "2024-05-15T21:00:00",
    )
    thursday = spokesman_report(
        "main-thursday",
        "Teen shot on North Main Street",
        "A 16-year-old boy was shot Thursday afternoon on North Main Street near Siebenthaler Avenue in Dayton.",
        "2024-05-16T17:00:00",
    )
    saturday = spokesman_report(
        "hoover-saturday",
        "Woman shot on Hoover Avenue",
        "A 19-year-old woman was shot Saturday afternoon on Hoover Avenue near Elmhurst Road in Dayton and taken "
        "to Miami Valley Hospital.",
        "2024-05-18T16:00:00",
    )
    decision = decide(saturday, new_state_with(tuesday, wednesday, thursday), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    # Without publication dates (only weekdays compare), the same with the spokesman and the tip line counted as the
    # shootings' own details: the day rule let it join. With dates, a shooting on another day never joins (below).
    earlier = [undated(report) for report in (tuesday, wednesday, thursday)]
    assert decide(undated(saturday), new_state_with(*earlier), CONFIG).verdict["verdict"] == "new_incident"
    joined = decide(undated(saturday), new_state_with(*earlier), replace(CONFIG, common_detail_incidents=4))
    assert joined.verdict["verdict"] == "same_incident"
    assert joined.verdict["evidence"]["point_event_day"] == "other_but_details_agree"
    dated_state = new_state_with(tuesday, wednesday, thursday)
    apart = decide(saturday, dated_state, replace(CONFIG, common_detail_incidents=4))
    assert apart.verdict["verdict"] == "new_incident"


ADEN_2011 = (
    "Indian navy foils pirate attack in Gulf of Aden",
    "The Indian navy foiled an attack by Somali pirates on a merchant vessel in the Gulf of Aden and captured 26 of "
    "them, a navy spokesman said. The warship INS Sukanya answered the vessel's distress call and its marine "
    "commandos boarded the pirates' skiffs. It was the navy's third such operation of 2011.",
)
ADEN_2008 = (
    "Warship seizes pirates in Gulf of Aden",
    "Commandos from the Indian warship INS Mysore stormed two boats whose crews had tried to hijack an Ethiopian "
    "freighter off the coast of Yemen, and 23 pirates were taken into custody, officers in New Delhi said. Weapons "
    "and ladders were seized. It is the navy's {ordinal} success against piracy in {year}.",
)


def archive_report(article_id: str, text: tuple[str, str], **fields: object) -> TaggedArticle:
    """A report with no publication time and no place, as an archive converted without them."""
    return tagged(article_id, text[0], text[1].format(**fields), None, place=None)


def test_an_undated_report_naming_only_years_far_from_the_incidents_is_another_incident() -> None:
    state = new_state()
    first = decide(archive_report("aden-2011", ADEN_2011), state, CONFIG)
    earlier = decide(archive_report("aden-2008", ADEN_2008, ordinal="second", year=2008), state, CONFIG)
    assert earlier.verdict["verdict"] == "new_incident"
    assert earlier.verdict["evidence"]["best_evidence"]["years"] == "apart"
    # A year next to the incident's is the same era (a report of late December, another of early January).
    state = new_state()
    first = decide(archive_report("aden-2011", ADEN_2011), state, CONFIG)
    same_era = decide(archive_report("aden-2010", ADEN_2008, ordinal="second", year=2010), state, CONFIG)
    assert same_era.incident_id == first.incident_id


HARARE = town("Harare", 890299, "Harare", ("ZW-HA", "Harare"), (-17.83, 31.05))


def harare_report(article_id: str, title: str, body: str, people: tuple[str, ...], published: str) -> TaggedArticle:
    return tagged(article_id, title, body, published, place=HARARE, actors=people_named(title, body, *people))


SIKHALA_ARREST = harare_report(
    "arrest-sikhala",
    "Zimbabwe police arrest opposition MP Job Sikhala",
    "Police in Harare arrested opposition lawmaker Job Sikhala on Tuesday, accusing him of inciting public violence, "
    "his lawyer said. Sikhala was taken from his home in the suburb of St Mary's before dawn, the lawyer said.\n"
    "The Citizens Coalition for Change said the arrest was part of a crackdown on its leaders ahead of next year's "
    "vote. Police spokesman Paul Nyathi said Sikhala would appear in court on Thursday.",
    ("Job Sikhala", "Paul Nyathi"),
    "2022-06-14T12:00:00",
)
MAHERE_ARREST = harare_report(
    "arrest-mahere",
    "Zimbabwe police arrest opposition spokeswoman Fadzayi Mahere",
    "Police in Harare arrested opposition spokeswoman Fadzayi Mahere on Tuesday, accusing her of communicating "
    "falsehoods, her lawyer said. Mahere was taken from a police station where she had gone to visit detained "
    "activists.\n"
    "The Citizens Coalition for Change said the arrest was part of a crackdown on its leaders ahead of next year's "
    "vote. Police spokesman Paul Nyathi said Mahere would appear in court on Thursday.",
    ("Fadzayi Mahere", "Paul Nyathi"),
    "2022-06-14T15:00:00",
)
SIKHALA_HELD = harare_report(
    "held-sikhala",
    "Zimbabwe opposition lawmaker Sikhala held by police",
    "Opposition lawmaker Job Sikhala was arrested in Harare on Tuesday and charged with inciting public violence, "
    "police said. Sikhala's lawyer said officers took him from his home before dawn.\n"
    "Police spokesman Paul Nyathi said the MP would appear in court on Thursday. The Citizens Coalition for Change "
    "condemned the arrest.",
    ("Job Sikhala", "Paul Nyathi"),
    "2022-06-14T18:00:00",
)


def test_two_arrests_in_one_town_on_one_day_of_people_neither_report_names_are_two_incidents() -> None:
    state = new_state()
    sikhala = decide(SIKHALA_ARREST, state, CONFIG)
    mahere = decide(MAHERE_ARREST, state, CONFIG)
    assert mahere.verdict["verdict"] == "new_incident"
    assert mahere.verdict["evidence"]["best_evidence"]["principal"] == "apart"
    # Another agency's report about the same man, worded otherwise, joins his arrest.
    held = decide(SIKHALA_HELD, state, CONFIG)
    assert held.verdict["verdict"] == "same_incident"
    assert held.incident_id == sikhala.incident_id
    assert held.verdict["evidence"]["principal"] == "named"
    # Her arrest's report that recalls his ("comes a day after") names him only where it tells of that arrest, set
    # apart by its cue though an initial's point falls inside the sentence: still no report of his.
    recalled = harare_report(
        "arrest-mahere-recalls",
        MAHERE_ARREST.article.title,
        MAHERE_ARREST.article.body + " The arrest comes a day after opposition lawmaker J. Sikhala was held.",
        ("Fadzayi Mahere", "Paul Nyathi", "J. Sikhala"),
        "2022-06-14T19:00:00",
    )
    evidence = decide(recalled, new_state_with(SIKHALA_ARREST), CONFIG).verdict["evidence"]
    assert (evidence.get("principal") or evidence["best_evidence"]["principal"]) == "apart"


def placed(report: TaggedArticle, *places: Location) -> TaggedArticle:
    """The report with a mention of each place where its body first writes the place's name; the first is its event
    place."""
    body = report.article.body
    mentions = [
        Location(**{**p, "start": body.index(p["text"]), "end": body.index(p["text"]) + len(p["text"])}) for p in places
    ]
    return replace(report, locations=mentions, event_location=mentions[0])


SAME_NIGHT = "2024-09-15T08:00:00"
# Two stabbings half an hour apart in two towns of one district, told alike; the second town's reading is unsure.
SPRINGFIELD_STABBING = placed(
    tagged(
        "springfield-stabbing",
        "Man dies after stabbing in Springfield",
        "A man has died after being stabbed on Fifth Street in Springfield late on Saturday night. Police said the "
        "man, 31, was found with a wound to his chest by officers called about a fight near a bus stop. He died in "
        "hospital. Detectives have set up a crime scene and are asking anyone with dashcam footage to call them.",
        SAME_NIGHT,
    ),
    SPRINGFIELD,
)
CHATHAM_STABBING = placed(
    tagged(
        "chatham-stabbing",
        "Teenager stabbed in Chatham",
        "A 17-year-old was taken to hospital after being stabbed in Chatham late on Saturday night. Police said the "
        "teenager was found with a wound to his back by officers called about a fight near a park. He is in a stable "
        "condition. The stabbing happened half an hour after a man was stabbed in Springfield, but police said "
        "there was nothing to suggest the two incidents were connected.",
        SAME_NIGHT,
    ),
    town("Chatham", 4887398, "Chatham", ("US-IL", "Illinois"), (39.68, -89.70), confidence=0.56),
    SPRINGFIELD,
)


def test_a_report_that_names_the_incidents_town_as_another_incidents_stays_apart_from_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state = new_state()
    springfield = decide(SPRINGFIELD_STABBING, state, CONFIG)
    chatham = decide(CHATHAM_STABBING, state, CONFIG)
    assert chatham.verdict["verdict"] == "new_incident"
    assert chatham.verdict["evidence"]["best_candidate"] is None  # the denial left no candidate to score
    # A round-up of the night names both as strongly as each other's reports do, and does not make them one.
    round_up = placed(
        tagged(
            "round-up",
            "Night of violence: two stabbed in Springfield and Chatham",
            "Two people were stabbed late on Saturday night, a man on Fifth Street in Springfield who later died "
            "and a teenager near a park in Chatham. Officers were called about fights at both places; detectives "
            "have set up crime scenes and are asking anyone with dashcam footage to call them.",
            SAME_NIGHT,
        ),
        SPRINGFIELD,
        CHATHAM,
    )
    assert not any(record["merged_into"] for record in decide(round_up, state, CONFIG).incident_records)
    assert open_incident_count(state) == 2
    assert springfield.incident_id != chatham.incident_id
    # Without the denial the unsure town is no evidence, and the same night's words join the two; and the two
    # incidents, as the round-up's merge test compares them, are alike enough to be one.
    summaries = open_incidents_of(state, "US")
    monkeypatch.setattr(incidents, "_names_as_another_incidents", lambda *_: False)
    alike = summary_similarity(summaries[springfield.incident_id], summaries[chatham.incident_id], CONFIG)
    assert alike >= CONFIG.match_threshold
    assert decide(CHATHAM_STABBING, new_state_with(SPRINGFIELD_STABBING), CONFIG).verdict["verdict"] == "same_incident"


def test_a_report_that_denies_a_link_never_joins_the_incident_it_retells_in_its_background() -> None:
    # The denial's report retells the other killing at length (its street, victim and spokesman), so its words match
    # that incident's reports better than a plain report of its own night would; the denial still decides.
    killing = placed(
        tagged(
            "springfield-killing",
            "Man killed in shooting outside Springfield apartment complex",
            "A 24-year-old man was shot and killed outside an apartment complex on Fifth Street in Springfield late on "
            "Saturday night, sheriff's spokesman Mark Ellis said. Deputies found Darnell Hayes in the parking lot "
            "with several gunshot wounds. He died at the scene. A second man was wounded. Anyone with information "
            "can call Crime Stoppers.",
            SAME_NIGHT,
        ),
        SPRINGFIELD,
    )
    denial = placed(
        tagged(
            "chatham-shooting",
            "Man shot outside Chatham store; sheriff says not connected to Springfield killing",
            "A man was shot and wounded outside a store in Chatham late on Sunday night, sheriff's spokesman Mark "
            "Ellis said. The shooting was not connected to the killing of Darnell Hayes outside an apartment "
            "complex on Fifth Street in Springfield on Saturday night, Ellis said. Hayes, 24, was shot and killed "
            "in the parking lot of the complex late on Saturday night and a second man was wounded. Anyone with "
            "information can call Crime Stoppers.",
            "2024-09-16T08:00:00",
        ),
        town("Chatham", 4887398, "Chatham", ("US-IL", "Illinois"), (39.68, -89.70), confidence=0.95),
        SPRINGFIELD,
    )
    decision = decide(denial, new_state_with(killing), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.verdict["evidence"]["best_candidate"] is None  # the denial left no candidate to score


def test_a_report_whose_headline_names_the_incidents_town_joins_it_whatever_its_recap_names() -> None:
    # One shooting, its reports placed in two towns; the arrests' report names the first in its headline and the
    # second only in its recap of the week's other incidents, with its own place read elsewhere (where they were held).
    shooting = "Man shot in arm on Fifth Street in Springfield on Wednesday night, police said. He is in hospital."
    first = placed(tagged("shooting", "Man shot in Springfield", shooting, SAME_NIGHT), SPRINGFIELD)
    second = placed(
        tagged("shooting-2", "Springfield shooting: victim named", shooting + " Riverton police assisted.", SAME_NIGHT),
        town("Riverton", 4409416, "Riverton", ("US-IL", "Illinois"), (39.84, -89.54), confidence=0.95),
    )
    title = "Two men arrested over Springfield shooting"
    body = (
        "Two men have been arrested over Wednesday night's shooting on Fifth Street in Springfield, in which a man "
        "was shot in the arm. They were arrested at a property near Chatham on Saturday.\n\nIt has been a violent "
        "week across the county. A man was stabbed in Riverton on Monday, and a woman was hurt in a fight on Tuesday."
    )
    report = tagged("arrests", title, body, "2024-09-16T08:00:00")
    headline = Location(**{**SPRINGFIELD, "field": "title", "start": 22, "end": 33})
    riverton = town("Riverton", 4409416, "Riverton", ("US-IL", "Illinois"), (39.84, -89.54), confidence=0.95)
    located = [
        Location(**{**CHATHAM, "start": body.index("Chatham"), "end": body.index("Chatham") + 7}),
        headline,
        Location(**{**riverton, "start": body.index("Riverton"), "end": body.index("Riverton") + 8}),
    ]
    arrests = replace(report, locations=located, event_location=located[0])
    decision = decide(arrests, new_state_with(first, second), CONFIG)
    assert decision.verdict["verdict"] == "same_incident"
    # Without the headline's town, the recap's is all it names of the incident's: not its report.
    unnamed = replace(
        arrests, article=replace(arrests.article, title="Two men arrested"), locations=[located[0], located[2]]
    )
    assert decide(unnamed, new_state_with(first, second), CONFIG).verdict["verdict"] == "new_incident"


def test_another_kind_of_moment_in_another_town_is_another_incident_however_alike_the_words() -> None:
    # One sheriff's office tells both, in its own words; the towns are neighbours and both surely placed.
    shooting = placed(
        tagged(
            "springfield-shooting",
            "Man shot in parking lot of Springfield shopping center",
            "A man was shot in the parking lot of a Springfield shopping center late on Sunday night, sheriff's "
            "spokesman Mark Ellis said. Deputies were called about 9:30 p.m. and found the man near his car. Two men "
            "had walked up to him and one pointed a handgun at him. Anyone with information can call Crime Stoppers.",
            SAME_NIGHT,
        ),
        town("Springfield", 4250542, "Springfield", ("US-IL", "Illinois"), (39.80, -89.64), confidence=0.95),
    )
    carjacking = placed(
        tagged(
            "chatham-carjacking",
            "Woman carjacked at gunpoint in parking lot of Chatham shopping center",
            "A woman was carjacked at gunpoint in the parking lot of a Chatham shopping center late on Sunday night, "
            "sheriff's spokesman Mark Ellis said. Deputies were called about 9:30 p.m. Two men had walked up to her "
            "near her car and one pointed a handgun at her and took her keys. Anyone with information can call Crime "
            "Stoppers.",
            SAME_NIGHT,
        ),
        town("Chatham", 4887398, "Chatham", ("US-IL", "Illinois"), (39.68, -89.70), confidence=0.95),
    )
    decision = decide(carjacking, new_state_with(shooting), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.verdict["evidence"]["best_candidate"] is None
    # A report of the shooting placed in the other town by mistake is still weighed (a place conflict, no veto).
    misplaced = placed(
        tagged(
            "springfield-shooting-again",
            "Man wounded in shopping center shooting",
            "Deputies found a man shot near his car outside a Chatham shopping center on Sunday night after two men "
            "walked up to him and one pulled a handgun, sheriff's spokesman Mark Ellis said.",
            SAME_NIGHT,
        ),
        town("Chatham", 4887398, "Chatham", ("US-IL", "Illinois"), (39.68, -89.70), confidence=0.95),
    )
    evidence = decide(misplaced, new_state_with(shooting), CONFIG).verdict["evidence"]
    assert (evidence.get("place") or evidence["best_evidence"]["place"]) == "other_town"


def test_a_headline_that_tells_another_shooting_of_the_kind_is_another_incident_whatever_details_they_share() -> None:
    first = dayton_report(
        "first",
        "Driver shot on Interstate 75 in Dayton",
        "A driver was shot and wounded Tuesday night on Interstate 75 in Dayton, Sgt. Mark Ellis of the Ohio State "
        "Highway Patrol said. Troopers closed the lanes near the Keowee Street exit. Anyone with information can "
        "call the patrol's tip line.",
        "2024-05-14T23:30:00",
    )
    another = dayton_report(
        "another",
        "Driver grazed by bullet in another Interstate 75 shooting in Dayton",
        "A driver was grazed by a bullet Friday night on Interstate 75 in Dayton, Sgt. Mark Ellis of the Ohio State "
        "Highway Patrol said. Troopers closed the lanes near the Keowee Street exit and arrested a man nearby. "
        "Anyone with information can call the patrol's tip line.",
        "2024-05-17T23:30:00",
    )
    decision = decide(another, new_state_with(first), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"


def test_a_charge_that_names_where_the_arrest_was_stays_with_its_shooting() -> None:
    # Its only street is where the suspect was arrested; its lead names the shooting's day.
    charge = dayton_report(
        "charge",
        "Man charged with murder in Dayton west side shooting",
        "A 22-year-old man was charged Thursday with murder in the killing of a 29-year-old man who was shot Tuesday "
        "night in Dayton, police said. Officers arrested him Thursday morning at an apartment on Salem Avenue. He "
        "is being held in the Montgomery County Jail.",
        "2024-05-16T15:00:00",
    )
    decision = decide(charge, new_state_with(HOOVER_AVENUE), CONFIG)
    assert decision.verdict["verdict"] == "same_incident"
    # A shooting of another day whose report also tells an arrest is still held to its own streets.
    later = dayton_report(
        "another-day",
        "Man shot on Salem Avenue in Dayton, suspect arrested",
        "A man was shot Thursday night on Salem Avenue in Dayton and a suspect was arrested nearby, police said.",
        "2024-05-16T23:30:00",
    )
    assert decide(later, new_state_with(HOOVER_AVENUE), CONFIG).verdict["verdict"] == "new_incident"


def test_a_hold_up_days_after_a_shooting_in_the_same_town_is_another_incident_whatever_details_they_share() -> None:
    # One police spokesman, one crime line: the details agree, but both headlines tell a moment, of two kinds, on two
    # days. The details rescue a follow-up (an arrest after the shooting), not another moment.
    shooting = dayton_report(
        "shooting",
        "Man shot and killed in Dayton on Sunday night",
        "A 27-year-old man was shot and killed Sunday night in Dayton, police said. Officer Mark Ellis of the Dayton "
        "Police Department said detectives were talking to witnesses. Anyone with information can call Crime "
        "Stoppers.",
        "2024-05-13T07:00:00",
    )
    robbery = dayton_report(
        "robbery",
        "Armed men rob Dayton restaurant workers at closing time",
        "Two armed men robbed workers of a Dayton restaurant Wednesday night as they closed, police said. Officer "
        "Mark Ellis of the Dayton Police Department said detectives were talking to witnesses. Anyone with "
        "information can call Crime Stoppers.",
        "2024-05-16T07:00:00",
    )
    decision = decide(robbery, new_state_with(shooting), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.verdict["evidence"]["best_candidate"] is None
    # Nor does an arrest its body tells make it a follow-up: it is the shooting's, told in passing, not in the
    # headline (its runner-up kind, "arrest", is the killing's: "two men were arrested on Tuesday").
    with_arrest = dayton_report(
        "robbery-arrest-in-passing",
        robbery.article.title,
        robbery.article.body + " Police said the robbery did not appear connected to Sunday's killing, in which two "
        "men were arrested on Tuesday.",
        "2024-05-16T07:00:00",
    )
    decision = decide(with_arrest, new_state_with(shooting), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"


def test_a_death_of_the_stabbed_told_on_other_streets_stays_with_its_stabbing() -> None:
    # The first report names the scene by a street with no street word ("Queensway") and a junction; the death's
    # names where the attackers ran. Its lead names the stabbing's night, and its headline the death of the hurt.
    stabbed = dayton_report(
        "queensway-stabbing",
        "Man fighting for life after late-night stabbing in Dayton",
        "A man is in a critical condition after he was stabbed in Dayton late on Sunday night. Police were called "
        "to Queensway, close to the junction with Albert Street, where a man in his late teens was found.",
        "2024-05-13T07:00:00",
    )
    died = dayton_report(
        "queensway-stabbing-died",
        "Murder inquiry launched after Dayton stabbing victim dies in hospital",
        "A murder investigation has been launched after a 19-year-old man who was stabbed in Dayton on Sunday night "
        "died in hospital on Tuesday. Police said several young men ran off towards Buckingham Road.",
        "2024-05-14T18:00:00",
    )
    assert decide(died, new_state_with(stabbed), CONFIG).verdict["verdict"] == "same_incident"


def test_the_death_of_the_incidents_own_person_is_its_report_whatever_else_its_headline_tells() -> None:
    shot = tagged(
        "doranda-shot",
        "Property dealer Ravindra Sahu shot at in Doranda, condition critical",
        "Property dealer Ravindra Sahu was shot at by two men on a motorcycle in Doranda on Monday evening, police "
        "said. Sahu was taken to RIMS in a critical condition.",
        "2026-12-08T20:00:00",
        actors=people_named(
            "Property dealer Ravindra Sahu shot at in Doranda, condition critical",
            "Property dealer Ravindra Sahu was shot at by two men on a motorcycle in Doranda on Monday evening, "
            "police said. Sahu was taken to RIMS in a critical condition.",
            "Ravindra Sahu",
        ),
    )
    title = "Doranda property dealer Ravindra Sahu dies at RIMS, family protests"
    body = (
        "Ravindra Sahu, the property dealer shot at in Doranda on Monday, died at RIMS on Wednesday. His family "
        "blocked the road outside the hospital, demanding the arrest of the shooters. Sahu was 46."
    )
    died = tagged("doranda-died", title, body, "2026-12-10T12:00:00", actors=people_named(title, body, "Ravindra Sahu"))
    assert decide(died, new_state_with(shot), CONFIG).verdict["verdict"] == "same_incident"


def student_stabbed_outside_a_dayton_bar() -> TaggedArticle:
    title = "Student stabbed outside bar in Dayton"
    body = (
        "Brian Massawe, 22, a university student, was stabbed outside a bar in Dayton on Monday night, police said. "
        "Massawe was taken to Miami Valley Hospital with wounds to his back and arm."
    )
    return tagged(
        "bar-stabbing",
        title,
        body,
        "2024-05-14T07:00:00",
        place=DAYTON,
        source="local",
        actors=people_named(title, body, "Brian Massawe"),
    )


def test_a_charge_a_week_after_a_stabbing_whose_headline_names_the_stabbing_is_its_follow_up() -> None:
    # Its kind is the stabbing's, its runner-up (the charge) in the headline: the accused is its principal, the
    # victim the incident's, and a week between them is what a court takes.
    stabbed = student_stabbed_outside_a_dayton_bar()
    title = "Man charged with felonious assault over stabbing of student outside Dayton bar"
    body = (
        "Hassani Kimaro, 29, was charged on Tuesday with felonious assault in the stabbing of Brian Massawe outside a "
        "Dayton bar on May 13. Kimaro appeared in Dayton Municipal Court and was held on bond; the case was set for "
        "May 31."
    )
    charged = tagged(
        "bar-stabbing-charged",
        title,
        body,
        "2024-05-21T16:00:00",
        place=DAYTON,
        source="local",
        actors=people_named(title, body, "Hassani Kimaro", "Brian Massawe"),
    )
    decision = decide(charged, new_state_with(stabbed), CONFIG)
    assert decision.verdict["verdict"] == "same_incident"
    assert decision.verdict["evidence"]["principal"] == "named"


def test_an_arrest_whose_headline_denies_a_link_is_not_the_other_stabbing_whose_people_it_names() -> None:
    # It names the other case's victim and accused to set the two apart: no principal of its own for that incident.
    stabbed = student_stabbed_outside_a_dayton_bar()
    title = "Arrest made in apartment stabbing; police say attacks not linked"
    body = (
        "Dayton police arrested Jordan Fishburn, 31, on Thursday in connection with a knife attack on a woman at an "
        "apartment on Wednesday night. Fishburn was booked into the county jail on a charge of felonious assault.\n\n"
        "Police said Fishburn cut his former girlfriend on the arm before running away.\n\n"
        "In the first case, Hassani Kimaro is charged with stabbing Brian Massawe outside a bar on Monday night."
    )
    arrested = tagged(
        "apartment-arrest",
        title,
        body,
        "2024-05-16T20:00:00",
        place=DAYTON,
        source="local",
        actors=people_named(title, body, "Jordan Fishburn", "Hassani Kimaro", "Brian Massawe"),
    )
    assert decide(arrested, new_state_with(stabbed), CONFIG).verdict["verdict"] == "new_incident"


def test_gunmen_storming_a_post_and_the_gunfight_with_its_guards_are_one_incident() -> None:
    # One outlet tells gunmen who shot their way in, the next the clash with the guards: no category conflict.
    stormed = tagged(
        "rask-stormed",
        "Gunmen storm police headquarters in Rask, five killed",
        "Gunmen stormed the police headquarters in Rask late on Thursday, killing two officers, state media said. "
        "Three of the attackers were shot dead, the provincial police chief said.",
        "2026-01-23T06:00:00",
    )
    clash = tagged(
        "rask-clash",
        "Rask attack: two officers and three assailants killed in night-long clash",
        "Two police officers and three assailants were killed in a clash that lasted through Thursday night at the "
        "police headquarters in Rask, the provincial police chief said on Friday.",
        "2026-01-23T09:00:00",
    )
    assert decide(clash, new_state_with(stormed), CONFIG).verdict["verdict"] == "same_incident"


@pytest.mark.parametrize(
    "arrest",
    [
        # Local news ends most shooting reports with "no arrests have been made": that is no arrest that would make the
        # report read as a follow-up of the street's earlier shooting, whose details (the street, the spokesman) it
        # shares.
        "Police did not have a description of a suspect. No arrests have been made.",
        # Nor is an arrest its body tells when its headline tells a shooting of its own: a follow-up's headline says so.
        "Detectives arrested a man and charged him, Ellis said, and are questioning a second suspect.",
    ],
)
def test_another_shooting_on_the_same_street_days_later_is_another_incident_whatever_arrest_its_body_tells(
    arrest: str,
) -> None:
    first = dayton_report(
        "hoover-avenue-saturday",
        "Man shot dead on Hoover Avenue",
        "A 24-year-old man was shot and killed Saturday night on Hoover Avenue in Dayton, police said. Officers called "
        "at 10:40 p.m. found him on the sidewalk. Police spokesman Mark Ellis said detectives are canvassing for "
        "video. Anyone with information can call 937-555-0142.",
        "2024-05-11T23:30:00",
    )
    second = dayton_report(
        "hoover-avenue-tuesday",
        "Teen wounded in shooting on Hoover Avenue",
        "A 17-year-old was shot and wounded Tuesday night on Hoover Avenue in Dayton, police said. He was walking home "
        f"when someone fired at him, police spokesman Mark Ellis said. {arrest} Anyone with information can call "
        "937-555-0142.",
        "2024-05-14T23:10:00",
    )
    decision = decide(second, new_state_with(first), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    assert decision.verdict["evidence"]["best_candidate"] is None  # the day rule left no candidate to score


def test_a_death_of_the_wounded_days_later_stays_with_its_shooting_though_its_lead_denies_a_link_to_another() -> None:
    # Its lead names the death's day and, denying a link, another shooting's: a follow-up, not another moment.
    wounded = dayton_report(
        "hoover-avenue-wounded",
        "Pastor wounded in shooting on Hoover Avenue",
        "Pastor Walter Greene, 52, was shot and seriously wounded Tuesday night on Hoover Avenue in Dayton as he "
        "walked home from church, police spokesman Mark Ellis said. He was taken to Miami Valley Hospital.",
        "2024-05-14T23:30:00",
    )
    died = dayton_report(
        "hoover-avenue-died",
        "Pastor shot on Hoover Avenue dies of wounds",
        "Pastor Walter Greene, who was shot on Hoover Avenue in Dayton, died at Miami Valley Hospital on Friday, "
        "police spokesman Mark Ellis said. Ellis said there was no evidence linking the shooting to Sunday's "
        "killing on Salem Avenue.",
        "2024-05-17T16:00:00",
    )
    assert decide(died, new_state_with(wounded), CONFIG).verdict["verdict"] == "same_incident"


def test_a_division_that_does_not_hold_the_incidents_town_is_a_place_conflict() -> None:
    atarib = town("Atarib", 174030, "Al Atarib", ("SY-HL", "Aleppo"), (36.14, 36.83), confidence=0.99)
    hama = Location(**{**town("Hama", 170015, "Hamah", ("SY-HM", "Hama"), (35.2, 37.1)), "precision": "admin1"})
    strike = tagged(
        "atarib-strike",
        "Air strikes hit Atarib, killing four",
        "Warplanes struck the town of Atarib on Wednesday morning, killing four people, rescuers said.",
        "2024-06-05T09:00:00",
        place=atarib,
    )
    elsewhere = tagged(
        "hama-strike",
        "Jets strike villages in the northern Hama countryside",
        "Warplanes struck villages in the northern Hama countryside on Wednesday morning, killing three people.",
        "2024-06-05T11:00:00",
        place=hama,
    )
    state = new_state_with(strike)
    decision = decide(elsewhere, state, CONFIG)
    assert decision.verdict["evidence"]["best_evidence"]["place"] == "other_division"
    # The division that holds the town is no conflict.
    aleppo_countryside = Location(**{**hama, "admin1_code": "SY-HL", "admin1_name": "Aleppo"})
    report = replace(elsewhere, event_location=aleppo_countryside, locations=[aleppo_countryside])
    evidence = decide(report, new_state_with(strike), CONFIG).verdict["evidence"]
    assert (evidence.get("place") or evidence["best_evidence"]["place"]) == "contains"


def test_an_arrest_naming_the_incidents_victim_is_about_the_same_person_whoever_it_arrests() -> None:
    # The arrest report is about its suspect, whom no report of the shooting could name; it names the victim.
    people = ("Jamal Carter", "Marcus Reed")
    arrest = dayton_report(
        "reed-arrest",
        "Marcus Reed arrested in killing of Jamal Carter",
        "Marcus Reed, 22, was arrested Thursday and charged with murder in the death of Jamal Carter on Hoover Avenue. "
        "Reed was taken into custody at a relative's home, police said.",
        "2024-05-17T12:00:00",
    )
    state = new_state_with(with_people(CARTER_SHOT, *people))
    decision = decide(with_people(arrest, *people), state, CONFIG)
    assert decision.verdict["verdict"] == "same_incident"
    assert decision.verdict["evidence"]["principal"] == "named"


def district(text: str, geonameid: int, admin1: tuple[str, str], point: tuple[float, float]) -> Location:
    """A division below the first level, as the tagger writes one ("the Lakki Marwat district")."""
    return Location(**{**town(text, geonameid, text, admin1, point), "feature_class": "A", "precision": "other"})


def test_a_report_placed_in_the_district_of_the_incidents_town_is_weighed_as_of_that_town() -> None:
    khyber = ("PK-KP", "Khyber Pakhtunkhwa")
    town_report = placed(
        tagged(
            "lakki-town",
            "Policeman killed as militants attack police post in Lakki Marwat",
            "A policeman was killed and three were wounded when militants attacked a police post near Lakki Marwat "
            "late on Wednesday night, police said. The attackers fired rockets at the post and fled.",
            "2025-02-20T03:00:00",
        ),
        town("Lakki Marwat", 1172339, "Lakki", khyber, (32.61, 70.91)),
    )
    district_report = tagged(
        "lakki-district",
        "Militants attack police post in northwest Pakistan, killing one officer",
        "Militants attacked a police post with rockets in the Lakki Marwat district late on Wednesday, killing one "
        "officer and wounding three others, police said. The attackers fled.",
        "2025-02-20T04:30:00",
    )
    in_the_district = placed(district_report, district("Lakki Marwat", 7419039, khyber, (32.65, 70.96)))
    decision = decide(in_the_district, new_state_with(town_report), CONFIG)
    assert decision.verdict["verdict"] == "same_incident"
    assert decision.verdict["evidence"]["place"] == "district_of_town"
    # A district of the same province whose point lies farther off is another place: the place conflict stands.
    elsewhere = placed(district_report, district("Lakki Marwat", 7419039, khyber, (33.00, 70.60)))
    evidence = decide(elsewhere, new_state_with(town_report), CONFIG).verdict["evidence"]
    assert (evidence.get("place") or evidence["best_evidence"]["place"]) == "other_town"


def test_a_shooting_on_another_street_the_same_day_is_not_the_robbery_though_the_kinds_go_together() -> None:
    # A robbery and a shooting are kinds news tells together (a clerk shot in a holdup), so no category conflict
    # holds them apart; told the same day by the same spokesman, only their streets do.
    robbery = spokesman_report(
        "gas-station-robbery",
        "Clerk held at gunpoint in gas station robbery",
        "A man robbed a gas station on Wilmington Pike at gunpoint Tuesday evening in Dayton and ran off with cash "
        "from the register. Nobody was hurt.",
        "2024-05-14T21:00:00",
    )
    shooting = spokesman_report(
        "third-street-shooting",
        "Man shot in Dayton Tuesday evening",
        "A man was shot Tuesday evening on Third Street near Linden Avenue in Dayton and taken to Miami Valley "
        "Hospital. Nobody was arrested.",
        "2024-05-14T22:00:00",
    )
    assert decide(shooting, new_state_with(robbery), CONFIG).verdict["verdict"] == "new_incident"
    # The same holdup's shooting, told on the robbery's street, is still the robbery.
    clerk_shot = spokesman_report(
        "gas-station-clerk-shot",
        "Clerk shot during gas station robbery",
        "A clerk was shot Tuesday evening when a man robbed the gas station on Wilmington Pike in Dayton. He was "
        "taken to Miami Valley Hospital.",
        "2024-05-14T22:30:00",
    )
    assert decide(clerk_shot, new_state_with(robbery), CONFIG).verdict["verdict"] == "same_incident"


def test_a_shooting_whose_report_denies_a_link_to_the_killing_it_retells_is_another_incident() -> None:
    # Its background retells the killing's street, victim and arrest, which agree with the killing's reports well
    # enough to rescue a follow-up of another day; the headline's denial says it is none.
    killing = dayton_report(
        "hoover-avenue-killing",
        "Man shot dead on Hoover Avenue",
        "Jamal Carter, 29, was shot dead Monday night on Hoover Avenue near Elmhurst Road in Dayton, police said. "
        "Officers found him near a parked car outside the Hoover Avenue plaza.",
        "2024-05-13T23:00:00",
    )
    wounded = dayton_report(
        "elmhurst-road-wounded",
        "Man wounded in Dayton shooting; police say not connected to Hoover Avenue homicide",
        "A man was shot in the arm Thursday night on Elmhurst Road in Dayton, a few blocks from the Hoover Avenue "
        "plaza where Jamal Carter, 29, was shot dead Monday night. A man has been charged with murder in that case.",
        "2024-05-16T23:00:00",
    )
    decision = decide(wounded, new_state_with(killing), CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    # The same report under a headline that names no kind and denies nothing reads as a follow-up of the killing, by
    # the details and the charge it retells (a headline telling its own shooting would not: the charge is only the
    # body's).
    retold = dayton_report(
        "elmhurst-road-retold", "Man wounded on Elmhurst Road", wounded.article.body, "2024-05-16T23:00:00"
    )
    assert decide(retold, new_state_with(killing), CONFIG).verdict["verdict"] == "same_incident"
    # Its body's denial says so too: "Police have not connected the two."
    denied_below = dayton_report(
        "elmhurst-road-denied-below",
        "Man wounded in Dayton shooting",
        wounded.article.body + " Police have not connected the two shootings.",
        "2024-05-16T23:00:00",
    )
    assert decide(denied_below, new_state_with(killing), CONFIG).verdict["verdict"] == "new_incident"


PORT_HARCOURT = town("Port Harcourt", 2324774, "Port Harcourt", ("NG-RI", "Rivers"), (4.78, 7.01))
COMMAND_STATEMENT = (
    "The spokesperson of the Rivers State Police Command, SP Grace Iringe-Koko, confirmed the incident in a statement "
    "in Port Harcourt. She said the Commissioner of Police, Olatunji Disu, had deployed tactical teams to the area "
    "and urged residents of Rivers State to remain calm and report suspicious movements to the command."
)


def rivers_report(article_id: str, title: str, lead: str, published: str) -> TaggedArticle:
    """A Port Harcourt story told as the state's press tells each one: the command's spokesperson and commissioner."""
    return tagged(article_id, title, f"{lead}\n\n{COMMAND_STATEMENT}", published, place=PORT_HARCOURT, source="press")


RIVERS_WEEK = (
    rivers_report(
        "cult-clash",
        "Five killed as rival cult groups clash in Rumuolumeni",
        "Five young men were killed on Monday when two rival cult groups opened fire on each other at a drinking spot "
        "in Rumuolumeni. Residents said the gunmen arrived on motorcycles. Shops stayed shut for the rest of the day.",
        "2025-06-09T10:00:00",
    ),
    rivers_report(
        "pos-robbery",
        "Robbers shoot POS operator, cart away N4.5m in Trans-Amadi",
        "Armed robbers shot a point-of-sale operator in the thigh on Monday and carted away N4.5m from her kiosk. "
        "Traders near the Trans-Amadi layout said the robbers fled in a grey saloon car. She is stable in hospital.",
        "2025-06-09T16:00:00",
    ),
    rivers_report(
        "bus-kidnap",
        "Gunmen abduct six bus passengers on East-West Road in Ahoada",
        "Gunmen blocked the East-West Road near Ahoada on Tuesday and marched six passengers of a commercial bus into "
        "the bush. The driver escaped and raised the alarm. Travellers said the stretch has become a kidnappers' den.",
        "2025-06-10T15:00:00",
    ),
    rivers_report(
        "checkpoint-attack",
        "Gunmen attack police checkpoint in Isiokpo, kill two officers",
        "Two police officers were killed on Wednesday when gunmen in a speedboat attacked a checkpoint at Isiokpo. "
        "The attackers burnt a patrol van and carted away rifles. Youths later blocked the highway in protest.",
        "2025-06-11T08:00:00",
    ),
    rivers_report(
        "boat-piracy",
        "Pirates rob passengers on Bonny waterway",
        "Sea pirates stopped a passenger boat on the Bonny waterway on Thursday and robbed travellers of phones and "
        "cash. The boat driver was beaten with a paddle. Marine operators want naval escorts on the route.",
        "2025-06-12T09:00:00",
    ),
    rivers_report(
        "refinery-blast",
        "Many feared dead as illegal refinery explodes in Rumuekpe",
        "An illegal refinery exploded in the creeks near Rumuekpe on Thursday, and villagers said many oil workers "
        "were trapped in the flames. Thick smoke covered the mangroves. Relatives gathered at the waterside.",
        "2025-06-12T12:00:00",
    ),
)


def test_a_report_alike_an_incident_only_in_what_every_report_of_its_town_says_is_another_incident() -> None:
    # Six incidents of one week in Port Harcourt, each told with the same closing paragraph of the police command.
    # A tanker fire told so shares nothing else with any of them: without those shared terms its text is not theirs.
    tanker_fire = rivers_report(
        "tanker-fire",
        "Three dead, 11 vehicles burnt as tanker explodes in Rumuokoro",
        "A petrol tanker lost its brakes on the Rumuokoro flyover on Thursday and caught fire. Eleven vehicles "
        "and three travellers were burnt. Firefighters said the heat buckled the flyover's railings.",
        "2025-06-12T18:00:00",
    )
    state = new_state_with(*RIVERS_WEEK)
    assert open_incident_count(state) == len(RIVERS_WEEK)
    joined = decide(tanker_fire, new_state_with(*RIVERS_WEEK), replace(CONFIG, min_own_text_cosine=0.0))
    assert joined.verdict["verdict"] == "same_incident"
    decision = decide(tanker_fire, state, CONFIG)
    assert decision.verdict["verdict"] == "new_incident"
    # A follow-up of one of them, told with the same paragraph, still joins it: its own words are the incident's.
    rescue = rivers_report(
        "kidnap-rescue",
        "Police rescue four of six passengers kidnapped on East-West Road near Ahoada",
        "Four of the six bus passengers abducted by gunmen on the East-West Road near Ahoada on Tuesday were rescued "
        "from the bush on Friday. The driver had led police to the camp. Travellers on the stretch welcomed it.",
        "2025-06-13T11:00:00",
    )
    followed = decide(rescue, new_state_with(*RIVERS_WEEK), CONFIG)
    assert followed.verdict["verdict"] == "same_incident"
    assert followed.incident_id == incident_id_for("bus-kidnap")
    assert followed.verdict["evidence"]["own_text_cosine"] > CONFIG.min_own_text_cosine


def test_terms_most_of_a_keys_incidents_use_are_left_out_of_the_reports_own_text() -> None:
    state = new_state_with(*RIVERS_WEEK)
    summaries = list(open_incidents_of(state, candidate_key(RIVERS_WEEK[0])).values())
    statement = analyse("", COMMAND_STATEMENT, TermWeights(), 60, 30).vector.keys()
    lead = analyse("", RIVERS_WEEK[0].article.body.split("\n\n")[0], TermWeights(), 60, 30).vector.keys()
    terms = summaries[0]["vector"].keys()  # the cult clash's words, as a report of it has them
    used_by_all = incidents.terms_used_by_many(terms, summaries, len(summaries), CONFIG)
    assert used_by_all and used_by_all <= statement
    assert not used_by_all & (lead - statement)
    # A term six incidents use is the town's; the same six among twenty-one open incidents are not enough of them.
    assert not incidents.terms_used_by_many(terms, summaries, 21, CONFIG)
    assert not incidents.terms_used_by_many(terms, summaries[:4], 4, CONFIG)


EMUOHA = town("Emohua", 2343308, "Emuoha", ("NG-RI", "Rivers"), (4.88, 6.86))


TANKER_FIRE = (
    "Three feared dead as tanker explodes in Port Harcourt",
    "Three people were feared dead after a petrol tanker exploded at Rumuokoro in Port Harcourt on Wednesday. "
    "Residents said the fire spread to eleven vehicles and six shops before firefighters put it out. The Federal "
    "Road Safety Corps commander, Tunde Adesina, said 14 people were taken to the Rivers State University "
    "Teaching Hospital. Police said officers were deployed to the scene to control the crowd of sympathisers. "
    "Emergency workers feared the death toll would rise.",
)
REFINERY_BLAST = (
    "Many feared dead as illegal refinery explodes in Rivers community",
    "Many people were feared dead after an illegal refinery exploded at Rumuekpe in Emohua on Wednesday. "
    "Residents said the fire spread to a creek and two camps before firefighters put it out. A youth leader, "
    "Nnamdi Worlu, said 9 bodies were recovered and the burnt were taken to hospitals in Emohua and Port Harcourt. "
    "Police said officers were deployed to the scene to control the crowd of sympathisers. Emergency workers "
    "feared the death toll would rise.",
)


def test_two_moments_in_two_towns_sharing_no_detail_stay_apart_though_one_names_the_others_town() -> None:
    # A tanker fire in Port Harcourt and, the same day, a refinery blast 20 km away in Emohua whose wounded were taken
    # to Port Harcourt: two accidents told alike, each placed surely, and none of the details either gives is the
    # other's.
    tanker = placed(tagged("tanker-fire", *TANKER_FIRE, "2025-06-11T15:00:00"), PORT_HARCOURT)
    refinery = placed(tagged("refinery-blast", *REFINERY_BLAST, "2025-06-11T20:00:00"), EMUOHA, PORT_HARCOURT)
    assert decide(refinery, new_state_with(tanker), CONFIG).verdict["verdict"] == "new_incident"
    # The same report naming the tanker fire's commander and count is weighed as before: one place conflict.
    body = REFINERY_BLAST[1].replace("Nnamdi Worlu", "Tunde Adesina").replace("9 bodies", "14 bodies")
    sharing = placed(tagged("refinery-blast", REFINERY_BLAST[0], body, "2025-06-11T20:00:00"), EMUOHA, PORT_HARCOURT)
    joined = decide(sharing, new_state_with(tanker), CONFIG)
    assert joined.verdict["verdict"] == "same_incident"
    assert joined.verdict["evidence"]["place"] == "other_town_mentions_incident_town"


def test_an_arrest_over_a_clash_joins_the_clash() -> None:
    clash = rivers_report(
        "cult-clash",
        "Five killed as rival cult groups clash in Rumuolumeni",
        "Five young men were killed on Monday when two rival cult groups clashed at a drinking spot in Rumuolumeni. "
        "Residents said members of the Greenlanders and Deebam cults traded gunfire for an hour. Shops stayed shut.",
        "2025-06-09T10:00:00",
    )
    arrest = rivers_report(
        "cult-arrest",
        "Police arrest seven suspects over Rumuolumeni cult clash",
        "Seven suspected members of the Greenlanders and Deebam cults were arrested on Tuesday over Monday's clash at "
        "a drinking spot in Rumuolumeni in which five young men were killed. Police said two pistols were recovered.",
        "2025-06-10T12:00:00",
    )
    decision = decide(arrest, new_state_with(clash), CONFIG)
    assert decision.verdict["verdict"] == "same_incident"
    assert decision.verdict["evidence"]["category"] == "compatible"


def test_a_double_surname_shortened_to_its_first_part_still_names_the_incidents_person() -> None:
    shooting = harare_report(
        "shot-esquivel",
        "Man killed in shooting at south side apartments identified as Ramón Esquivel-Duarte",
        "Ramón Esquivel-Duarte, 34, was shot outside his apartment on Tuesday night, police said. Esquivel-Duarte "
        "died at the scene. Detectives have not said whether they know who fired the shots.",
        ("Ramón Esquivel-Duarte",),
        "2025-06-11T09:00:00",
    )
    arrest = harare_report(
        "arrest-arvizu",
        "Arrest made in deadly shooting at south side apartments",
        "Police arrested Dominic Arvizu, 27, on Thursday in the killing of Ramon Esquivel outside the apartments on "
        "Tuesday night. Arvizu was booked into jail on a charge of second-degree murder. Arvizu is held on bond.",
        ("Dominic Arvizu", "Ramon Esquivel"),
        "2025-06-13T09:00:00",
    )
    # The arrest's report is about the suspect and names the victim by the first part of his surname only.
    evidence = decide(arrest, new_state_with(shooting), CONFIG).verdict["evidence"]
    assert (evidence.get("principal") or evidence["best_evidence"]["principal"]) == "named"


def test_a_round_up_of_the_week_is_an_incident_of_its_own_that_no_report_joins() -> None:
    # The round-up retells the stabbing in its own words, enough to join it; it tells of the week's other news too,
    # and is none of those incidents. The stabbing's next report still finds the stabbing, not the round-up.
    stabbing = SPRINGFIELD_STABBING
    roundup = placed(
        tagged(
            "week-in-review",
            "Week in review: a hard week on Springfield's streets",
            "A man has died after being stabbed on Fifth Street in Springfield late on Saturday night; police are "
            "asking anyone with dashcam footage to call them. Elsewhere, a barn burned near Chatham and two drivers "
            "were hurt in a crash on Route 4.",
            "2024-09-16T18:00:00",
        ),
        SPRINGFIELD,
    )
    follow_up = placed(
        tagged(
            "stabbing-named",
            "Springfield stabbing victim named",
            "The man who died after being stabbed on Fifth Street in Springfield late on Saturday night was 31, "
            "police said. Detectives are still asking anyone with dashcam footage of the fight near the bus stop to "
            "call them.",
            "2024-09-17T09:00:00",
        ),
        SPRINGFIELD,
    )
    state = new_state_with(stabbing)
    told = decide(roundup, state, CONFIG)
    assert told.verdict["verdict"] == "new_incident"
    assert decide(follow_up, state, CONFIG).incident_id == incident_id_for("springfield-stabbing")


@pytest.mark.parametrize(
    ("title", "roundup"),
    [
        ("Week in review: a hard week on Sweetwater County's roads and streets", True),
        ("Sofala week in brief: deaths on the EN6, a night of fires in Beira", True),
        ("The week in Donegal: news in brief", True),
        ("Week on the border: monastery bombing, drone strikes, scam raid and two fires", True),
        ("Crime and courts: the week in east Cheshire", True),
        ("Police Briefs: A hard week on valley roads and in valley homes", True),
        ("Week that was: Murder, highway deaths and fires keep Hisar region on edge", True),
        # A headline whose second half, or whose start, tells of a week.
        ("Hadoti crime diary: a week of highway deaths, fires and murders", True),
        ("Police and emergency round-up: a grim week across the district", True),
        ("A week the valley won't forget: the stories that shook our towns", True),
        # Not one that opens on a week and goes on to tell one incident.
        ("A week of bloodshed: Mazar mourns as Taliban detain dozens after mosque bombing", False),
        ("A week after the shooting, Dayton family still waits for answers", False),
        # A region's week that lists three things; not one that tells one story first.
        ("Casamance week: a killing in Boucotte, deaths on the roads and a night of fires", True),
        ("Santhal Pargana week: Two deadly days on the highway, twin fires, Madhupur firing", True),
        ("Harris County crime week: Pasadena murder suspect held on bond; arrests in Katy chase, Spring raid", False),
        ("A hard week in the valley: Deadly crashes, fires and violence keep NCW responders busy", True),
        ("A deadly week in Kenosha: man shot dead on 52nd Street", False),
        # A week in a place closing the headline after its label.
        ("Crime diary: a bloody week in Bannu and Lakki Marwat", True),
        ("Crime diary: a bloody week in Bannu, and two men held", False),
        # A look back at the week after a label, not at one incident's week.
        ("Crime and Courts: A look back at a violent week in West Alabama", True),
        ("Courts: looking back on the week of the Dayton shooting trial", False),
        ("Shooting ends a week that was quiet in Dayton", False),
        ("Second shooting of the week in Dayton leaves teen wounded", False),
        ("Man briefs reporters after crash: no one hurt", False),
        # A round-up that leads with one incident is that incident's report.
        ("Crime round-up: Two charged over Slough shop raid", False),
        ("Accused gunman remanded after brief court appearance", False),
    ],
)
def test_round_up_headlines(title: str, roundup: bool) -> None:
    assert (ROUNDUP_HEADLINE_RE.search(title) is not None) is roundup


def test_a_crash_whose_lead_says_it_came_days_after_another_is_not_that_one_whatever_surname_they_share() -> None:
    # Both crashes' victims share a common surname, which made each side's principal named in the other: the rule
    # that holds a hearing days later to its shooting held the second crash to the first, the lead's own words
    # ("four days after ... on the same road") notwithstanding.
    first = dayton_report(
        "us35-van",
        "Two killed as van collides with truck on US 35 near Dayton",
        "Two people were killed when a passenger van collided with a truck on US 35 near the Smithville Road exit "
        "on Monday morning, the Ohio State Highway Patrol said. The van's driver, Tariq Khan, 41, and a passenger, "
        "Imran Khan, 35, died at the scene. Troopers said Tariq Khan had swerved to avoid debris. The highway was "
        "closed for three hours.",
        "2024-05-13T12:00:00",
    )
    second = dayton_report(
        "us35-motorcycle",
        "Two cousins killed as coach hits motorcycle on US 35",
        "Two cousins were killed when a coach hit their motorcycle on US 35 near the Smithville Road exit on Friday "
        "afternoon, four days after two people died in a van-truck collision on the same road. Shahzad Khan, 22, "
        "and Arif Khan, 19, died at the scene, the Ohio State Highway Patrol said. The coach's driver fled. The "
        "highway was closed for three hours.",
        "2024-05-17T19:00:00",
    )
    state = new_state()
    crash = decide(with_people(first, "Tariq Khan", "Imran Khan"), state, CONFIG)
    other = decide(with_people(second, "Shahzad Khan", "Arif Khan"), state, CONFIG)
    assert other.verdict["verdict"] == "new_incident"
    assert other.incident_id != crash.incident_id


def test_a_moment_a_headline_tells_in_another_town_is_no_arrest_of_an_incident_there() -> None:
    # The press note of two arrests in the Springfield firing case opens an incident whose moment no report told;
    # a killing in Chatham the same day, which the same police and the same superintendent tell, is not its moment.
    police = [actor("Sangamon County police", kind="organization"), actor("Nitin Verma", kind="person")]
    arrests = tagged(
        "springfield-arrests",
        "Press note: Two accused arrested in Springfield case",
        "Sangamon County police arrested two accused wanted in the case of firing on a shop owner in Springfield, on "
        "the directions of Superintendent of Police Nitin Verma. The two men on a motorcycle were arrested at a "
        "checkpoint on Friday morning. A pistol and the motorcycle were recovered from them, Verma said.",
        "2026-01-16T10:00:00",
        place=SPRINGFIELD,
        actors=police,
        source="local",
    )
    killing = tagged(
        "chatham-killing",
        "Property dealer shot dead in Chatham",
        "A property dealer was shot dead by two men on a motorcycle in Chatham on Friday afternoon, Sangamon County "
        "police said. The two men fired at him from a pistol and fled on the motorcycle. Superintendent of Police "
        "Nitin Verma said police teams had been formed to trace the two men, Verma said.",
        "2026-01-16T16:45:00",
        place=CHATHAM,
        actors=police,
        source="local",
    )
    state = new_state()
    first = decide(arrests, state, CONFIG)
    second = decide(killing, state, CONFIG)
    assert second.verdict["verdict"] == "new_incident"
    assert second.incident_id != first.incident_id


def test_a_fire_and_a_crash_or_a_drowning_in_one_town_are_two_incidents_however_alike_their_words() -> None:
    fire = dayton_report(
        "warehouse-fire",
        "Fire destroys yarn warehouse in Dayton",
        "A fire destroyed a yarn warehouse in Dayton early on Saturday, fire service officials said. Nobody was hurt. "
        "Station officer Monir Hossain said the blaze started at about 2 a.m. and took four units three hours to "
        "bring under control. Police said the cause was being investigated.",
        "2025-08-23T06:00:00",
    )
    drowning = dayton_report(
        "river-missing",
        "Teenager goes missing in river at Dayton",
        "A teenager went missing while bathing in the river at Dayton on Saturday afternoon, police said. Divers of "
        "the fire service were searching for him until dark, station officer Monir Hossain said. Police said the "
        "search would resume on Sunday morning.",
        "2025-08-23T15:00:00",
    )
    crash = dayton_report(
        "pickup-crash",
        "Two killed as pickup hits motorcycle in Dayton",
        "Two men were killed when a pickup hit their motorcycle in Dayton early on Saturday, police said. Fire "
        "service officials said station officer Monir Hossain's unit cut them free. Police said the pickup driver "
        "fled and the cause was being investigated.",
        "2025-08-23T07:00:00",
    )
    assert classify_text(fire.article.title, fire.article.body).category == "fire"
    for other in (drowning, crash):
        assert decide(other, new_state_with(fire), CONFIG).verdict["verdict"] == "new_incident"


@pytest.mark.parametrize(
    ("title", "body", "category"),
    [
        # A fire "ruled accidental" is still the fire, not a crash's "accident".
        ("Fire that killed Shively woman ruled accidental", "Firefighters found her in the kitchen.", "fire"),
        # One firefighter named as a crash's victim is no fire.
        ("Vinton mourns volunteer firefighter killed on I-10", "His pickup and an 18-wheeler collided.", "accident"),
    ],
)
def test_a_fire_is_told_apart_from_other_mishaps(title: str, body: str, category: str) -> None:
    assert classify_text(title, body).category == category
    assert relation("fire", "accident") == relation("fire", "missing") == "conflict"
    assert relation("fire", "death") == relation("fire", "arrest") == "compatible"


def test_two_fires_of_one_night_whose_headlines_name_other_kinds_of_premises_are_two_incidents() -> None:
    huts = dayton_report(
        "huts-fire",
        "Seven thatched huts gutted in Dayton blaze; families lose fishing nets",
        "Seven thatched huts were gutted in a fire in Dayton early on Saturday, fire officer Ramesh Babu said. Two "
        "fire tenders brought the blaze under control in two hours. No one was hurt. The loss was put at Rs 6 lakh.",
        "2026-02-07T03:10:00",
    )
    godown = dayton_report(
        "godown-fire",
        "Godown fire in Dayton: loss put at Rs 1.2 crore",
        "A fire broke out in a wholesale godown in Dayton early on Saturday, fire officer Ramesh Babu said. Two fire "
        "tenders brought the blaze under control in three hours. No one was hurt. The loss was put at Rs 1.2 crore.",
        "2026-02-07T12:30:00",
    )
    same_godown = dayton_report(
        "godown-fire-2",
        "Short circuit suspected in Dayton warehouse fire",
        "Fire officer Ramesh Babu said a short circuit was the likely cause of the fire in a wholesale warehouse in "
        "Dayton early on Saturday. The loss was put at Rs 1.2 crore.",
        "2026-02-07T18:00:00",
    )
    state = new_state_with(huts)
    second = decide(godown, state, CONFIG)
    assert second.verdict["verdict"] == "new_incident"
    # A warehouse is a godown's kind: the same fire.
    assert decide(same_godown, state, CONFIG).incident_id == second.incident_id


def test_two_fires_whose_headlines_named_other_kinds_of_premises_never_merge() -> None:
    # The same night in one town, told by one fire officer: a merge does not join them either.
    huts = {**moment_summary("fire", 739654, ["ramesh babu", "two tenders"]), "premises": ["home"]}
    godown = {**moment_summary("fire", 739654, ["ramesh babu", "two tenders"]), "premises": ["works"]}
    assert summary_similarity(huts, godown, CONFIG) == 0.0
    assert summary_similarity(huts, {**godown, "premises": ["home", "shop"]}, CONFIG) > 0.5


@pytest.mark.parametrize(
    ("title", "premises"),
    [
        ("Furniture workshop, house gutted in Birtamod fire", {"works", "home"}),
        ("Legazpi house-store fire leaves family homeless", {"home", "shop"}),
        ("Wind-driven grass fire north of Albin burns 1,000 acres", {"land"}),
        # A garage or a shed may be a home's: no kind of its own.
        ("Ladysmith fire started in garage, was accidental, chief says", set()),
        # Nor are a mill's or a shop's people premises.
        ("Fire victim identified as retired mill worker", set()),
        # Nor a victim's condition.
        ("Woman in stable condition after Main Street fire", set()),
    ],
)
def test_the_premises_a_fires_headline_names(title: str, premises: set[str]) -> None:
    assert premises_named(analyse(title, "", TermWeights(), 1, 1).title_words) == premises


def test_an_agreement_after_a_fatal_crash_may_be_the_crashs() -> None:
    # The families' settlement with the bus operator, the day after the crash: no category conflict; a peace deal
    # and a strike still conflict.
    title = "Families accept bodies after agreement with bus operator"
    assert classify_text(title, "").category == "agreement"
    assert relation("agreement", "accident") == "compatible"
    assert relation("agreement", "air_strike") == "conflict"


def test_an_arrest_is_a_missing_persons_only_when_it_names_the_disappearance() -> None:
    missing = {"category": "missing", "category_clear": True}

    def category(title: str) -> str:
        report = dayton_report("a", title, "Deputies said more arrests were expected.", "2025-11-25T11:40:00")
        features = incidents.article_features(report, CONFIG)
        return str(incidents._category_evidence(features, missing, CONFIG)[1]["category"])

    assert category("Task force raids homes in Beckley, Sophia; at least a dozen arrested") == "conflict"
    assert category("Man arrested in disappearance of Clarksville teen") == "compatible"


def test_a_moment_told_on_days_after_an_arrest_is_not_that_arrests() -> None:
    # An arrest comes after what it is for: a fire five days later among the arrested fishermen's own boats is
    # another incident, however many names the two reports share. The wounded dying after it would still be its.
    arrest = dayton_report(
        "fishermen-arrested-sunday",
        "Eleven Dayton fishermen arrested by coast guard off Keowee Point",
        "Eleven fishermen from the Keowee Street landing in Dayton were arrested by the coast guard on Sunday while "
        "fishing off Keowee Point, the Dayton Fishermen's Association said. Association president Marisol Quintero "
        "said the fishermen and their two fibre boats were taken to the harbour.",
        "2024-05-13T08:00:00",
    )
    fire = dayton_report(
        "boats-fire-friday",
        "Five fibre boats gutted in fire at Keowee Street landing in Dayton",
        "Five fibre boats and their nets were gutted in a fire at the Keowee Street landing in Dayton on Friday "
        "night, the Dayton Fishermen's Association said.\n"
        "Association president Marisol Quintero said the fishermen suspect mischief. Their eleven colleagues are "
        "still held after the coast guard arrested them off Keowee Point.",
        "2024-05-18T08:00:00",
    )
    assert decide(fire, new_state_with(arrest), CONFIG).verdict["verdict"] == "new_incident"
    sunday, friday = (datetime(2024, 5, day).toordinal() for day in (12, 17))
    fire_read = SimpleNamespace(
        category=CategoryResult("fire", 10.0, "arrest", headline_says_so=True, runner_up_in_headline=False),
        firm_days=frozenset({friday}),
        tells_a_death=False,
    )
    arrested = {"category": "arrest", "firm_days": [sunday]}
    assert incidents._moment_after_its_follow_up(fire_read, arrested)
    fire_read.tells_a_death = True
    assert not incidents._moment_after_its_follow_up(fire_read, arrested)
