"""Routing of reports with no place to the key where their names were last placed: choice, replay, bounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from mention_builders import actor, report, town

from streams.incidents import UNPLACED_KEY, IncidentState, MatchConfig, candidate_key, decide
from streams.incidents.routing import (
    ARTICLE_PREFIX,
    NAME_PREFIX,
    PlacedNames,
    Route,
    decide_in_one_process,
    placed_names_of,
    remember_placed_names,
    route_unplaced,
    routing_names,
)
from streams.model import TaggedArticle

CONFIG = MatchConfig()
ROTTERDAM = town("Rotterdam", 2747891, "Rotterdam", ("NL-ZH", "South Holland"), (51.92, 4.48))


NORDVIK = actor("Nordvik Plastics", kind="organization")
VERBEEK = actor("Johanna Verbeek", kind="person")


FIRE = report(
    "fire",
    "Fire destroys Nordvik Plastics warehouse in Rotterdam",
    "A fire destroyed a Nordvik Plastics warehouse in Rotterdam on Monday, director Johanna Verbeek said. Firefighters "
    "fought the blaze for six hours and nobody was hurt, the company said.",
    datetime(2024, 3, 4, 10, tzinfo=UTC),
    ROTTERDAM,
    [NORDVIK, VERBEEK],
)
FIRE_DAY = datetime(2024, 3, 4, tzinfo=UTC).toordinal()
REBUILD = report(
    "rebuild",
    "Nordvik Plastics warehouse fire: firm says nobody was hurt",
    "The fire that destroyed a Nordvik Plastics warehouse on Monday hurt nobody, director Johanna Verbeek said on "
    "Tuesday. Firefighters fought the blaze for six hours, the company said.",
    datetime(2024, 3, 5, 10, tzinfo=UTC),
    actors=[NORDVIK, VERBEEK],
)


def new_state() -> IncidentState:
    return IncidentState(buckets={}, incidents={}, articles={})


def decide_and_remember(tagged: TaggedArticle, state: IncidentState, config: MatchConfig = CONFIG) -> str:
    """What `wirefuse enrich` does for each report; returns the key it was decided on."""
    return str(decide_in_one_process(tagged, state, config).verdict["evidence"]["candidate_key"])


def test_a_report_with_no_place_joins_the_incident_where_its_names_were_placed() -> None:
    assert candidate_key(REBUILD) == UNPLACED_KEY
    state = new_state()
    assert decide_and_remember(FIRE, state) == "NL"
    route = route_unplaced(REBUILD, state, CONFIG)
    assert route == Route(key="NL", names=("nordvik plastics", "johanna verbeek"))
    decision = decide(REBUILD, state, CONFIG, route)
    assert decision.verdict["verdict"] == "same_incident"
    assert decision.incident_id == decide(FIRE, state, CONFIG).incident_id
    assert decision.verdict["evidence"]["candidate_key"] == "NL"
    assert decision.verdict["evidence"]["routed_by"] == ["nordvik plastics", "johanna verbeek"]


def test_without_routing_or_known_names_the_report_stays_unplaced() -> None:
    state = new_state()
    assert route_unplaced(REBUILD, state, CONFIG) is None  # nothing placed yet
    decide_and_remember(FIRE, new_state())
    off = MatchConfig(route_unplaced=False)
    decide_and_remember(FIRE, state, off)
    assert decide_and_remember(REBUILD, state, off) == UNPLACED_KEY
    assert route_unplaced(FIRE, state, CONFIG) is None  # a placed report is never routed


def test_a_redelivered_report_goes_where_it_went_the_first_time() -> None:
    state = new_state()
    decide_and_remember(FIRE, state)
    first = route_unplaced(REBUILD, state, CONFIG)
    # Meanwhile the same names are placed elsewhere: a replay must still reach the key that counted it.
    remember_placed_names(
        state.buckets, PlacedNames(key="BE", names=("nordvik plastics", "johanna verbeek"), day=None), CONFIG
    )
    assert route_unplaced(REBUILD, state, CONFIG) == first
    assert state.buckets[ARTICLE_PREFIX + "rebuild"]["key"] == "NL"


def test_a_report_already_decided_on_unplaced_stays_there_on_replay() -> None:
    state = new_state()
    assert decide_and_remember(REBUILD, state) == UNPLACED_KEY
    decide_and_remember(FIRE, state)
    assert route_unplaced(REBUILD, state, CONFIG) is None
    assert decide(REBUILD, state, CONFIG).verdict["evidence"]["replay"] == "same_content"


def test_only_distinctive_names_route() -> None:
    story = report(
        "names",
        "t",
        "b",
        datetime(2024, 3, 5, 10, tzinfo=UTC),
        actors=[
            actor("Nordvik Plastics", kind="organization"),
            actor("Nordvik Plastics", kind="organization"),
            actor("Verbeek", kind="person"),  # a lone surname is anyone's
            actor("AP", kind="organization"),  # an abbreviation shared by many stories
            actor("the company", kind="organization", mention="nominal"),
            actor("Interpol", kind="organization", actor_id="interpol"),
        ],
    )
    assert routing_names(story) == {"nordvik plastics": 2, "id:interpol": 1}


def test_the_key_most_names_point_to_wins_and_older_reports_never_overwrite_newer() -> None:
    state = new_state()
    remember_placed_names(state.buckets, PlacedNames("NL", ("nordvik plastics",), FIRE_DAY), CONFIG)
    remember_placed_names(state.buckets, PlacedNames("BE", ("johanna verbeek",), FIRE_DAY), CONFIG)
    remember_placed_names(state.buckets, PlacedNames("DE", ("nordvik plastics",), FIRE_DAY - 1), CONFIG)  # late, older
    assert state.buckets[NAME_PREFIX + "nordvik plastics"]["key"] == "NL"
    route = route_unplaced(REBUILD, state, CONFIG)
    assert route is not None
    assert route.key == "NL"  # named twice in the report against once


def test_names_older_than_the_quiet_period_neither_route_nor_stay_in_state() -> None:
    state = new_state()
    day = FIRE_DAY
    remember_placed_names(state.buckets, PlacedNames("NL", ("nordvik plastics", "johanna verbeek"), day - 20), CONFIG)
    remember_placed_names(state.buckets, PlacedNames("FR", ("other firm",), day - 16), CONFIG)
    assert route_unplaced(REBUILD, state, CONFIG) is None
    remember_placed_names(state.buckets, PlacedNames("BE", ("someone else",), day), CONFIG)
    assert sorted(k for k in state.buckets if k.startswith(NAME_PREFIX)) == [NAME_PREFIX + "someone else"]


def test_replays_unplaced_decisions_and_routing_off_send_no_names() -> None:
    state = new_state()
    decision = decide(FIRE, state, CONFIG)
    placed = PlacedNames("NL", ("nordvik plastics", "johanna verbeek"), FIRE_DAY)
    assert placed_names_of(FIRE, decision, CONFIG) == placed
    assert placed_names_of(FIRE, decision, MatchConfig(route_unplaced=False)) is None
    undated = replace(FIRE, article=replace(FIRE.article, published_at=None))
    assert placed_names_of(undated, decide(undated, new_state(), CONFIG), CONFIG, FIRE_DAY + 3) == replace(
        placed, day=FIRE_DAY + 3
    )  # a stream's undated report takes the day it was received
    assert placed_names_of(FIRE, decide(FIRE, state, CONFIG), CONFIG) is None  # the replay sent them already
    assert placed_names_of(REBUILD, decide(REBUILD, state, CONFIG), CONFIG) is None
