"""The parts incident matching is built from: date resolver, event category rules, term vectors, MinHash, baseline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from mention_builders import actor, people_named, town

from streams.incidents import MatchConfig, article_features, text
from streams.incidents.baseline import link, nearest_earlier, score_grouping
from streams.incidents.category import TITLE_WEIGHT, classify_text, relation
from streams.incidents.dates import (
    find_dates,
    lead_tells_a_moment_after_another,
    resolve_event_date,
    tells_a_death_of_the_hurt,
    tells_a_moment_after_another,
)
from streams.incidents.features import (
    DENIED_LINK_RE,
    body_without_other_incidents,
    local_publication_date,
    person_surname,
    places_of_other_incidents,
    principal_persons,
)
from streams.model import Article, TaggedArticle

FRIDAY = date(2024, 3, 8)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Tuesday", date(2024, 3, 5)),
        ("on Friday", FRIDAY),  # the publication day itself
        ("last Friday", date(2024, 3, 1)),  # written on a Friday, a week ago
        ("last Tuesday", date(2024, 3, 5)),
        ("on Saturday", date(2024, 3, 2)),  # a bare weekday looks back, never forward
        ("yesterday", date(2024, 3, 7)),
        ("on March 6", date(2024, 3, 6)),
        ("on 6 March", date(2024, 3, 6)),
        ("on Dec. 30", date(2023, 12, 30)),  # month-day without year: the year that puts it just before
        ("on August 20, 2019", date(2019, 8, 20)),
        ("2019-08-20", date(2019, 8, 20)),
    ],
)
def test_dates_resolve_against_publication(phrase: str, expected: date) -> None:
    [mention] = find_dates(f"Police said the attack happened {phrase}.".lower(), FRIDAY)
    assert mention.day == expected


def test_words_that_look_like_months_are_not_dates() -> None:
    assert find_dates("Five marines and 3 mayors met.".lower(), FRIDAY) == []


def test_event_date_prefers_a_recent_date_in_the_lead_over_background_dates() -> None:
    body = (
        "Rebels left the town on Tuesday. The town was the scene of a chemical attack on April 4, 2017 that killed "
        "dozens of people."
    )
    event = resolve_event_date("", body, date(2019, 8, 21))
    assert (event.day, event.source) == (date(2019, 8, 20), "text:weekday")


def test_the_lead_keeps_every_day_it_names_for_follow_ups() -> None:
    body = "Police on Friday charged a man in Tuesday's shooting outside the depot. The victim was 31."
    event = resolve_event_date("", body, date(2024, 5, 17))
    assert event.day == date(2024, 5, 17)  # the news of the report
    assert event.lead_days == (date(2024, 5, 17), date(2024, 5, 14))  # and the incident it follows up


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Counted from the report's day when the opening sentence names none: the robbery was on the Thursday.
        (
            "TOWNSVILLE: Four days after three armed men looted a jewellery shop in the main market, police have "
            "arrested two of the accused. They were held near the canal on Sunday night.",
            (date(2025, 11, 16), date(2025, 11, 13)),
        ),
        # From the day the opening sentence names: two days before the Wednesday of the arrest.
        (
            "Two days after a trader was shot outside his shop, police arrested a man on Wednesday. He was 24.",
            (date(2025, 11, 12), date(2025, 11, 10)),
        ),
        # A day after, in the lead's middle, is no opening: only the day named.
        ("Police arrested a man on Wednesday. It came two days after a trader was shot.", (date(2025, 11, 12),)),
    ],
)
def test_a_lead_opening_on_the_days_since_an_incident_names_that_incidents_day(
    body: str, expected: tuple[date, ...]
) -> None:
    assert resolve_event_date("Two held", body, date(2025, 11, 17)).lead_days == expected


def test_without_a_publication_date_the_lead_still_names_weekdays() -> None:
    body = "Police on Friday charged a man in Tuesday's shooting outside the depot, police said on Saturday."
    event = resolve_event_date("", body, None)
    assert (event.day, event.lead_days) == (None, ())  # no day resolves
    assert event.lead_weekdays == (4, 1)  # Friday and Tuesday; not Saturday, the day of a statement
    dated = resolve_event_date("", body, date(2024, 5, 18))
    assert dated.lead_weekdays == tuple(day.weekday() for day in dated.lead_days) == (4, 1)


@pytest.mark.parametrize(
    "background",
    [
        "The bridge was also the scene of a stabbing on Sunday.",  # control: a day the lead names
        "It is the same stretch of the quay that was sealed off on Sunday after a stabbing.",
        "Police said the attack was not connected to Sunday's stabbing on the quay.",
        "Police see no known connection with a stabbing on Sunday.",
        "Police said the attack does not appear to be connected to Sunday's stabbing on the quay.",
        "It was too early to say whether the attack was linked to Sunday's stabbing on the quay.",
        "There was nothing at this stage to suggest the attack was connected to Sunday's stabbing on the quay.",
        "Police have never linked the attack to Sunday's stabbing on the quay.",
        "The attack happened a mile north of the bridge where a man was stabbed on Sunday.",
        "It happened three blocks from where a man was stabbed on Sunday.",
        "It happened half a mile from the 900 block of the quay, where a man was stabbed on Sunday.",
        "The attack bore similarities to one on Sunday on the quay.",
        "It resembled a stabbing on the quay on Sunday.",
        "Unlike Sunday's stabbing on the quay, the attack came without warning.",
        "It is the second stabbing on the quay this week. On Sunday, a man was stabbed near the bridge.",
    ],
)
def test_a_day_named_for_another_incident_is_no_day_of_this_one(background: str) -> None:
    body = "A man was stabbed on the quay on Wednesday night, police said. " + background
    event = resolve_event_date("Man stabbed on the quay", body, date(2024, 5, 16))
    control = background.startswith("The bridge was also")
    assert event.lead_days == ((date(2024, 5, 15), date(2024, 5, 12)) if control else (date(2024, 5, 15),))
    undated = resolve_event_date("Man stabbed on the quay", body, None)
    assert undated.lead_weekdays == ((2, 6) if control else (2,))


def test_only_a_sentence_opening_on_a_day_after_a_count_of_incidents_retells_another() -> None:
    # "It is the second X this week. On Sunday, ..." retells the first; a day inside the next sentence is this one's.
    body = "It is the second stabbing on the quay this week. Police on Wednesday night closed the quay to traffic."
    assert resolve_event_date("Man stabbed", body, date(2024, 5, 16)).lead_days == (date(2024, 5, 15),)


def test_an_initialisms_points_end_no_sentence_of_a_count_of_incidents() -> None:
    # "U.S. 50" inside the counting sentence: the sentence after it still opens on the earlier crash's day.
    body = (
        "One person was killed on Friday afternoon when a pickup and a semi collided near Holcomb. The patrol said it "
        "was the second deadly crash on U.S. 50 in southwest Kansas this week. On Monday, two residents were killed "
        "in a head-on collision east of Cimarron."
    )
    assert resolve_event_date("Driver killed", body, date(2025, 10, 17)).lead_days == (date(2025, 10, 17),)


def test_a_sentence_opening_on_a_day_after_a_lead_that_counts_its_own_incident_retells_another() -> None:
    # The first sentence counts the report's own incident among the week's; a later one opening on a day retells the
    # earlier, whatever lies between. Published on a Friday.
    body = (
        "GAROWE - A prison guard was shot dead near his home late on Thursday, police said, the second targeted "
        "shooting of a government employee in the region this week.\n\nGunmen fired on him as he walked home.\n\n"
        "On Sunday evening, a revenue officer was shot dead near the main market in Bosaso."
    )
    friday = date(2026, 2, 13)
    assert resolve_event_date("Prison guard shot dead", body, friday).lead_days == (date(2026, 2, 12),)
    # However the later sentence opens on its day.
    small_hours = body.replace("On Sunday evening,", "In the early hours of Sunday,")
    assert resolve_event_date("Prison guard shot dead", small_hours, friday).lead_days == (date(2026, 2, 12),)
    # Without the count, both days may be the report's.
    plain = body.replace(", the second targeted shooting of a government employee in the region this week", "")
    assert resolve_event_date("Prison guard shot dead", plain, friday).lead_days == (
        date(2026, 2, 12),
        date(2026, 2, 8),
    )


def test_a_day_told_after_after_in_the_past_perfect_came_before_the_incident() -> None:
    # Published on a Saturday. The bus left on Thursday evening; the crash was on Friday.
    saturday = date(2025, 6, 14)
    body = (
        "Two passengers were killed when a minibus overturned on the highway early on Friday, police said.\n\n"
        "The bus was heading north after the driver had collected the last passengers at the depot on Thursday evening."
    )
    assert resolve_event_date("Two killed as minibus overturns", body, saturday).lead_days == (date(2025, 6, 13),)
    # Its only day stays the incident's.
    alone = body.replace("early on Friday", "early")
    assert resolve_event_date("Two killed", alone, saturday).lead_days == (date(2025, 6, 12),)


def test_a_journeys_start_told_in_the_past_perfect_came_before_the_incident() -> None:
    # Published on a Sunday. The ferry set out on Thursday; it capsized in the night.
    sunday = date(2025, 8, 10)
    body = (
        "Three passengers drowned when a river ferry capsized near the Char Kukri landing early today, officials said."
        "\n\nThe ferry had left the ghat at Daulatkhan on Thursday with 40 passengers and cattle on board."
    )
    assert resolve_event_date("Three drown as ferry capsizes", body, sunday).lead_days == (sunday,)
    # Its only day stays the incident's, and "had gone missing" is the moment itself.
    alone = body.replace(" early today", "")
    assert resolve_event_date("Ferry capsizes", alone, sunday).lead_days == (date(2025, 8, 7),)
    missing = "Divers resumed the search today. The fisherman had gone missing off the coast on Thursday."
    assert resolve_event_date("Fisherman missing", missing, sunday).lead_days == (sunday, date(2025, 8, 7))


def test_a_feast_names_its_day() -> None:
    # Published on the Friday after US Thanksgiving (27 November 2025): "Thanksgiving night" is Thursday's.
    friday = date(2025, 11, 28)
    body = "A Shady Spring man was shot during a family argument on Thanksgiving night, deputies said."
    assert resolve_event_date("Man shot on Thanksgiving night", body, friday).lead_days == (date(2025, 11, 27),)
    # Canada's Thanksgiving, the second Monday of October, in an October report; Easter Monday by the computus.
    canada = "A barn burned on Thanksgiving Monday near Guelph."
    assert resolve_event_date("Barn fire", canada, date(2025, 10, 15)).lead_days == (date(2025, 10, 13),)
    easter = "A man was stabbed at an Easter Monday party in Geliting."
    assert resolve_event_date("Stabbing", easter, date(2026, 4, 7)).lead_days == (date(2026, 4, 6),)
    # A feast ahead is no day of the incident.
    ahead = "A man was shot on Tuesday. His family will bury him before Christmas Eve."
    assert resolve_event_date("Man shot", ahead, date(2025, 12, 17)).lead_days == (date(2025, 12, 16),)


def test_a_day_something_will_happen_on_is_no_day_of_the_incident() -> None:
    # Published on a Thursday: "Friday" read back would be the Friday before the fire.
    thursday = date(2025, 11, 13)
    body = "A man died in a house fire on Thursday. A joint investigation into the cause will begin on Friday."
    assert resolve_event_date("Man dies in house fire", body, thursday).lead_days == (thursday,)
    mourning = "Gunmen killed 21 villagers on Monday. Flags will fly at half-mast from Wednesday to Friday."
    assert resolve_event_date("Village attack", mourning, date(2025, 3, 11)).lead_days == (date(2025, 3, 10),)
    # What was done stays: a day after "will" in another clause.
    shot = "The victim, who will be named later, was shot on Friday night."
    assert resolve_event_date("Man shot", shot, date(2025, 11, 15)).lead_days == (date(2025, 11, 14),)
    # What is expected, due or scheduled is ahead too: published on a Monday, "Tuesday" read back is a week before.
    monday = date(2025, 11, 3)
    scene = (
        "A man died after being stabbed on Sunday night. The scene examination was expected to continue into Tuesday."
    )
    assert resolve_event_date("Stabbing victim named", scene, monday).lead_days == (date(2025, 11, 2),)
    court = "A man was arrested after a shooting on Sunday. He is due to appear in court on Thursday."
    assert resolve_event_date("Man charged", court, monday).lead_days == (date(2025, 11, 2),)
    # So is a hearing someone is held for, or remanded to appear at: published on a Sunday, "Monday" is tomorrow's.
    sunday = date(2025, 10, 19)
    held = "A man was stabbed on Walton Street on Sunday. The woman was held for a bail hearing in Cobourg on Monday."
    assert resolve_event_date("Man stabbed", held, sunday).lead_days == (sunday,)
    remanded = "A man was stabbed on Sunday. The woman was remanded in custody to appear on Monday."
    assert resolve_event_date("Man stabbed", remanded, sunday).lead_days == (sunday,)
    # And what was to be, told in the past: "the search was to resume on Monday", published on the Sunday.
    search = "A boy was swept out to sea at the beach on Sunday. The search, which was to resume on Monday, goes on."
    assert resolve_event_date("Boy missing", search, sunday).lead_days == (sunday,)
    # Or with "would", which "would-be" robbers are not.
    would = (
        "Two boys drowned in the canal on Sunday. The search for one was suspended at dark and would resume on Monday."
    )
    assert resolve_event_date("Two boys drown", would, sunday).lead_days == (sunday,)
    # Or scheduled for a day: published on a Sunday, an autopsy "scheduled for Monday" is tomorrow's.
    autopsy = "A man's body was recovered from the creek on Sunday afternoon. An autopsy was scheduled for Monday."
    assert resolve_event_date("Body recovered", autopsy, sunday).lead_days == (sunday,)
    hearing = "A man was stabbed on Sunday. His bail hearing is set for Wednesday."
    assert resolve_event_date("Man stabbed", hearing, sunday).lead_days == (sunday,)
    robbers = "A trader was stabbed by two would-be robbers on Saturday night."
    assert resolve_event_date("Trader stabbed", robbers, sunday).lead_days == (date(2025, 10, 18),)
    # Or planned: published on a Sunday, the day a crash victim "had planned to spend" is not the crash's.
    planned = (
        "He had planned to spend Saturday helping his grandfather fix a fence. Instead, his family spent it planning "
        "his funeral. He died on Friday afternoon when his car crossed the median of U.S. 82."
    )
    assert resolve_event_date("Teen killed on Highway 82", planned, sunday).lead_days == (date(2025, 10, 17),)


def test_a_weekday_that_is_a_persons_name_is_no_day() -> None:
    # Published on a Wednesday: "Friday" read as a day would be the Friday before the tanker fire.
    wednesday = date(2025, 6, 11)
    body = (
        "A petrol tanker exploded at the Rumuokoro junction at about 5:40am. An eyewitness, Mr Friday Okwuchukwu, "
        "said the brakes had failed."
    )
    event = resolve_event_date("Tanker explodes in Port Harcourt", body, wednesday)
    assert event.day == wednesday and event.lead_days == ()
    assert resolve_event_date("Tanker explodes", body.replace("Mr Friday", "Friday"), wednesday).lead_days == (
        date(2025, 6, 6),
    )


def test_an_overnight_incident_is_the_night_before_the_report_or_its_statement() -> None:
    tuesday = date(2025, 2, 18)
    said = "Militants attacked a police checkpoint overnight, killing two officers, police said on Tuesday."
    assert resolve_event_date("Two police killed", said, tuesday).day == tuesday - timedelta(days=1)
    undated = "Militants attacked a police checkpoint overnight, killing two officers."
    assert resolve_event_date("Two police killed", undated, tuesday).day == tuesday - timedelta(days=1)
    # A night in hospital is no incident's night; a day the lead names stays the day.
    kept = "A man was shot and kept overnight in hospital, police said on Tuesday."
    assert resolve_event_date("Man shot", kept, tuesday).day == tuesday
    # Another incident's day is no statement's: the night before the report's.
    other = "Militants attacked a police post overnight, killing one. It was not connected to Sunday's bombing."
    assert resolve_event_date("Policeman killed", other, tuesday).day == tuesday - timedelta(days=1)
    named = "Militants attacked a checkpoint overnight on Sunday, killing two officers."
    assert resolve_event_date("Two police killed", named, tuesday).day == tuesday - timedelta(days=2)


def test_a_headline_that_denies_a_link_to_another_days_incident_names_its_own_day() -> None:
    title = "Man shot dead in Morvant; police say not connected to Sunday's killing"
    event = resolve_event_date(title, "A vendor was shot dead in Morvant this evening.", date(2025, 6, 12))
    assert (event.day, event.lead_days) == (date(2025, 6, 12), (date(2025, 6, 12),))


def test_a_denial_naming_both_incidents_tells_the_reports_own_day_first() -> None:
    # "between A and B": the day before the pair's "and" is the report's own, as its headline's order says; the one
    # after it stays the other incident's.
    title = "Police say Riverside stabbing not linked to Elm Park assault"
    lead = (
        "Police say there is no link between a stabbing in a Riverside flat on Sunday night and an assault in Elm Park "
        "on Friday."
    )
    event = resolve_event_date(title, lead, date(2025, 3, 11))
    assert (event.day, event.lead_days) == (date(2025, 3, 9), (date(2025, 3, 9),))


@pytest.mark.parametrize(
    ("title", "tells_one"),
    [
        ("Gunmen kill four herders near Agatu, days after deadly market raid", True),
        ("Two shot dead outside Soweto tavern, a week after Orlando East massacre", True),
        ("Man shot in car on Bell Road two days after killing nearby", True),
        # What follows the earlier moment is no moment of its own.
        ("Woman dies in hospital days after Harlow flat fire", False),
        ("Two held hours after birthday-party attack in Kalyan", False),
        ("A1 reopens hours after fatal crash near Grantham", False),
        ("Gunmen kill four herders near Agatu", False),
    ],
)
def test_a_headline_telling_a_moment_days_after_another(title: str, tells_one: bool) -> None:
    assert tells_a_moment_after_another(title) is tells_one


@pytest.mark.parametrize(
    ("lead", "tells_one"),
    [
        (
            "VILLA DE SAN ANTONIO, Honduras - A motorcycle taxi driver was shot dead on Tuesday night in Villa de San "
            "Antonio, a day after a similar killing in nearby Comayagua city, police said.",
            True,
        ),
        # The incident's own moment told again after "after": the rescue of the man kidnapped, the clash's dead.
        (
            "Police rescued a kidnapped student from a safe house early Thursday, less than 48 hours after he was "
            "abducted, the secretariat said.",
            False,
        ),
        (
            "Relatives on Thursday claimed the remains of two rebels killed in an encounter with troops, two days "
            "after the clash.",
            False,
        ),
    ],
)
def test_a_lead_telling_its_moment_days_after_another(lead: str, tells_one: bool) -> None:
    assert lead_tells_a_moment_after_another(lead + " More follows.") is tells_one


def test_the_days_a_lead_recalls_after_its_own_moment_are_the_earlier_ones() -> None:
    # Published on the Wednesday: Monday's killing, which the next paragraph tells, is the other incident's day.
    lead = (
        "VILLA DE SAN ANTONIO, Honduras - A motorcycle taxi driver was shot dead on Tuesday night in Villa de San "
        "Antonio, a day after a similar killing in nearby Comayagua city, police said.\n\nOn Monday evening, gunmen "
        "on a motorcycle killed another motorcycle taxi driver in Comayagua."
    )
    event = resolve_event_date("Second motorcycle taxi driver shot dead", lead, date(2025, 7, 16))
    assert event.lead_days == (date(2025, 7, 15),)


def test_a_moment_told_days_after_another_keeps_its_first_day_and_later_ones() -> None:
    body = (
        "Gunmen killed four herders near Agatu on Thursday morning, officials said. Police said they had arrested "
        "two men over Sunday's raid on the market, and the wounded herder was stable on Friday."
    )
    title = "Gunmen kill four herders near Agatu, days after deadly market raid"
    event = resolve_event_date(title, body, date(2026, 3, 13))
    assert event.lead_days == (date(2026, 3, 12), date(2026, 3, 13))


def test_a_headline_that_says_not_tied_to_another_days_incident_names_its_own_day() -> None:
    title = "Teen shot near 50th Street; police say not tied to Sunday homicide"
    event = resolve_event_date(title, "A 17-year-old was shot on Tuesday night in Lubbock.", date(2026, 4, 15))
    assert event.lead_days == (date(2026, 4, 14),)
    # Asked whether it could be tied to another is no denial: the report's own days stay.
    asked = "Asked whether the group could be tied to a smash-and-grab on Sunday, police said it was too early to say."
    assert DENIED_LINK_RE.search(asked) is None
    # Nor is "in connection with", which says what about, not what is linked.
    assert DENIED_LINK_RE.search("Police are not looking for anyone else in connection with the shooting.") is None


@pytest.mark.parametrize(
    ("sentence", "denies"),
    [
        ("Hollister said the two stabbings are unrelated and involve people who do not know each other.", True),
        ("Police said the fires were likely unrelated.", True),
        # Charges or warrants a suspect is also held on deny nothing.
        ("He was also booked on unrelated warrants.", False),
        ("The man was arrested on unrelated charges last month.", False),
    ],
)
def test_incidents_said_to_be_unrelated_are_a_denied_link(sentence: str, denies: bool) -> None:
    assert (DENIED_LINK_RE.search(sentence) is not None) is denies


def test_a_denial_that_names_no_evidence_linking_names_another_incidents_day() -> None:
    body = (
        "A prayer leader shot outside his mosque died in hospital on Friday, police said. They said there was no "
        "evidence linking the killing to Monday's shooting of a money changer."
    )
    event = resolve_event_date("Prayer leader shot outside mosque dies of wounds", body, date(2026, 4, 17))
    assert event.lead_days == (date(2026, 4, 17),)


def test_an_incident_that_recalls_another_names_that_ones_day_not_its_own() -> None:
    body = (
        "Gunmen on a motorbike wounded a prayer leader outside his mosque on Thursday evening, police said. The "
        "attack recalled Monday's killing of a money changer by two gunmen on a motorbike."
    )
    event = resolve_event_date("Gunmen wound prayer leader outside mosque", body, date(2026, 4, 16))
    assert event.lead_days == (date(2026, 4, 16),)
    # A witness who recalls a day recalls the report's own.
    witness = "A man was shot outside a mosque, police said. A neighbour recalled Thursday's gunfire."
    assert resolve_event_date("Man shot", witness, date(2026, 4, 17)).lead_days == (date(2026, 4, 16),)


@pytest.mark.parametrize(
    ("title", "tells"),
    [
        ("Kandahar prayer leader shot in Loya Wiala dies of wounds", True),
        ("Belconnen stabbing victim dies in hospital as homicide probe begins", True),
        ("Man shot outside Robstown store last week has died, police say", True),
        ("Duwa stabbing victim succumbs to injuries", True),
        ("Man dies in crash on I-40 near Shawnee", False),
        ("Two die as fire sweeps through Cannington home", False),
    ],
)
def test_a_headline_that_tells_the_death_of_someone_an_earlier_moment_hurt(title: str, tells: bool) -> None:
    assert tells_a_death_of_the_hurt(title) is tells


def test_a_count_of_the_dead_is_no_count_of_incidents() -> None:
    body = (
        "A fourth person has died after Saturday night's grenade attack on a cafe in Mekelle, officials said on "
        "Monday. A waiter died on Sunday evening in hospital."
    )
    event = resolve_event_date("Fourth victim dies after cafe attack", body, date(2026, 2, 9))
    assert date(2026, 2, 7) in event.lead_days


def test_a_long_count_of_the_last_incident_is_about_that_incident() -> None:
    body = (
        "Gunmen fired on a clinic's car on the road out of Goz Beida on Thursday, wounding its driver.\n\n"
        "It was the third attack on health workers' vehicles in the south-east of the country in a week, after a "
        "nurse was shot near Koukou on Monday."
    )
    event = resolve_event_date("Clinic car attacked near Goz Beida", body, date(2025, 11, 13))
    assert event.lead_days == (date(2025, 11, 13),)


@pytest.mark.parametrize(
    ("title", "days"),
    [
        # A repeat: the lead's earliest day is the earlier incident's.
        ("Uvira shelled again, three killed near hospital", (date(2025, 10, 18),)),
        ("Second shelling in three days kills three in Uvira", (date(2025, 10, 18),)),
        ("Second army post shelled near Uvira's main market in three days", (date(2025, 10, 18),)),
        ("Fresh attack: shells kill three in Uvira", (date(2025, 10, 18),)),
        ("Three killed in new shelling near Uvira hospital", (date(2025, 10, 18),)),
        # No repeat: a second victim, or a repeat told in the headline's second clause.
        ("Man killed, another wounded in shooting near Uvira market", (date(2025, 10, 18), date(2025, 10, 15))),
        ("Three killed in Uvira; second shelling in three days", (date(2025, 10, 18), date(2025, 10, 15))),
        # "New" is a repeat's word only in lower case: not a holiday's or a place's name.
        ("New Year shelling kills three in Uvira", (date(2025, 10, 18), date(2025, 10, 15))),
    ],
)
def test_a_repeat_headlines_earliest_lead_day_is_the_earlier_incidents(title: str, days: tuple[date, ...]) -> None:
    body = "Shells hit Uvira on Saturday, killing three people, three days after Wednesday's deadly shelling."
    assert resolve_event_date(title, body, date(2025, 10, 18)).lead_days == days


@pytest.mark.parametrize(
    "lead",
    [
        "One man was killed and another was wounded in a shooting Saturday night in north St. Louis, police said.",
        "One man was killed and another man was hurt in a shooting Saturday night in north St. Louis, police said.",
        "Two people died after a wrong-way driver crashed head-on into another car early Saturday on I-270.",
    ],
)
def test_another_victim_or_car_is_no_other_incident(lead: str) -> None:
    event = resolve_event_date("", lead, date(2025, 4, 19))
    assert event.lead_days == (date(2025, 4, 19),)  # Saturday is this incident's day
    # Another incident still is: "a day after another fatal shooting on Friday".
    other = resolve_event_date("", "A man was shot Saturday night, a day after another fatal shooting on Friday.", None)
    assert other.lead_weekdays == (5,)


@pytest.mark.parametrize(
    "body",
    [
        "The death toll from the blast has risen to 41, the health ministry said on Wednesday.",
        "The health ministry on Wednesday said the death toll from the blast had risen to 41.",
        "Rescuers told reporters on Wednesday that 41 people had died in the blast.",
        "The UN said in a statement on Wednesday that 41 people had died in the blast.",
        "The ombudswoman told reporters in Cucuta on Wednesday that 41 people had died in the blast.",
        # Naming the dead is a statement of a later day, not the day they died.
        "Police on Wednesday identified the two men killed in the blast as Ayaz and Hakim.",
        "Police on Wednesday named the two men killed in the blast.",
    ],
)
def test_the_day_of_a_statement_is_no_day_of_the_incident(body: str) -> None:
    event = resolve_event_date("", body, date(2024, 5, 16))
    assert event.day == date(2024, 5, 15)  # still the report's best guess at the event day
    assert event.lead_days == ()  # but not a day the lead says the blast happened


def test_a_day_told_with_the_incidents_clock_then_who_said_it_is_the_incidents() -> None:
    # "..., said Sub-inspector X" after what happened at its clock time: the day is the crash's.
    body = (
        "Two young men have been killed after a truck hit their motorcycle. The accident happened in the Kazir Shimla "
        "area around 5:50am on Friday, said Sub-inspector Mizanur Rahman of the highway police."
    )
    assert resolve_event_date("Two killed", body, date(2026, 3, 13)).lead_days == (date(2026, 3, 13),)
    # A statement's day stays one: "The health ministry on Wednesday, said ..." names no day of the blast.
    statement = "The death toll from the blast has risen to 41, the health ministry on Wednesday, said in a statement."
    assert resolve_event_date("", statement, date(2024, 5, 16)).lead_days == ()


def test_a_day_a_count_of_incidents_starts_from_is_no_day_of_this_one() -> None:
    counted = resolve_event_date(
        "Man killed in I-24 pileup, the interstate's second fatal wreck since Friday",
        "The driver killed in a Monday morning pileup on Interstate 24 was a 52-year-old man.",
        FRIDAY + timedelta(days=3),
    )
    assert counted.lead_days == (FRIDAY + timedelta(days=3),)
    # A state that lasts since a day started that day: it is the incident's.
    missing = resolve_event_date("Girl, 9, missing since Wednesday evening", "Police asked for help.", FRIDAY)
    assert missing.lead_days == (FRIDAY - timedelta(days=2),)


@pytest.mark.parametrize(
    "recall",
    [
        "It is the second shooting in the area in less than three days, after a man was shot in Sunshine on Tuesday.",
        "The shooting comes two days after a man was shot in Sunshine on Tuesday night.",
    ],
)
def test_a_day_a_count_or_a_recall_of_the_last_incident_names_is_no_day_of_this_one(recall: str) -> None:
    thursday = date(2025, 3, 13)
    body = f"Bullets were sprayed into a family home in St Albans overnight. {recall} Police have no suspect."
    assert resolve_event_date("Family escapes injury", body, thursday).lead_days == ()


def test_a_day_ahead_of_the_report_is_no_day_of_the_incident() -> None:
    wednesday = date(2025, 10, 15)
    body = "Crews were likely to remain at the site overnight and into Thursday. The road is closed until Friday."
    event = resolve_event_date("Mill fire: homes evacuated", body, wednesday)
    assert event.day == wednesday and event.lead_days == ()
    # An inquiry into a day's strike names that day.
    inquiry = resolve_event_date(
        "Council demands inquiry", "It wants an inquiry into Tuesday's drone strike.", wednesday
    )
    assert inquiry.day == wednesday - timedelta(days=1)


def test_a_repeat_headlines_report_keeps_its_own_day_when_its_lead_opens_on_it() -> None:
    friday = date(2025, 10, 17)
    thursday = friday - timedelta(days=1)
    body = (
        "A motorcyclist has died following a collision with a car on the A1 near Newry on Thursday night. The "
        "northbound carriageway was closed overnight and reopened at around 6am on Friday."
    )
    title = "Motorcyclist killed in A1 crash near Newry, second death on road this week"
    assert thursday in resolve_event_date(title, body, friday).lead_days
    # A lead that opens on the earlier incident's day, as its own, still leaves it out ("Monday's strike").
    again = (
        "On the day Kramatorsk was mourning the victims of Monday's strike, Russian aircraft dropped two bombs on the "
        "city again. The bombs hit the Staryi Kramatorsk district at about 14:20 on Thursday."
    )
    days = resolve_event_date("Kramatorsk hit again on day of mourning", again, friday).lead_days
    assert days == (thursday,)


def test_a_reaction_a_day_after_the_incident_dates_the_incident_a_day_before_it() -> None:
    thursday = date(2026, 2, 12)
    warned = (
        "Officials warned farmers on Thursday to stay out of uncleared fields, a day after an old landmine killed "
        "three men near the town."
    )
    assert resolve_event_date("Officials warn farmers", warned, thursday).lead_days == (thursday - timedelta(days=1),)
    rally = "Students rallied on Thursday, two days after a classmate was stabbed outside the college."
    assert resolve_event_date("Students rally", rally, thursday).lead_days == (thursday - timedelta(days=2),)
    # The incident's own day, told before what it came a day after, stays its day.
    shot = "A man was shot dead on Thursday, a day after his brother was arrested."
    assert resolve_event_date("Man shot dead", shot, thursday).lead_days == (thursday,)


def test_the_day_of_a_wire_reports_gmt_clock_is_no_day_of_the_incident() -> None:
    monday = date(2025, 3, 10)
    body = "A drone struck a police station on Monday night at around 8:40 pm local time (0140 GMT Tuesday)."
    assert resolve_event_date("", body, monday).lead_days == (monday,)
    # British news writes its own clock in GMT: that day is the incident's.
    british = "Officers were called to Lodge Lane at about 21:15 GMT on Wednesday after reports of a stabbing."
    assert resolve_event_date("", british, monday + timedelta(days=3)).lead_days == (monday + timedelta(days=2),)


@pytest.mark.parametrize("quote", ['"{}"', "\u201c{}\u201d"])
def test_a_day_a_quoted_speaker_names_is_no_day_the_lead_names(quote: str) -> None:
    said = quote.format("People were still coming back from the funerals of yesterday, and now we bury again,")
    event = resolve_event_date(
        "Ariha struck again; three killed",
        f"Warplanes struck the town on Friday, killing three people near a bakery.\n\n{said} a baker said.",
        FRIDAY,
    )
    assert event.lead_days == (FRIDAY,)


def test_a_dateline_that_stands_in_for_publication_is_no_day_the_lead_names() -> None:
    event = resolve_event_date("", "Sep 10, 2010 A gunman opened fire at a bakery, police said.", None)
    assert (event.day, event.lead_days) == (date(2010, 9, 10), ())


def test_relative_dates_count_from_the_producers_own_calendar() -> None:
    # 23:50 in Dayton (-04:00) on Tuesday 14 May is Wednesday in UTC, the form published_at is kept in.
    raw = "2024-05-14T23:50:00-04:00"
    article = Article(
        id="a", title="", body="", published_at=datetime.fromisoformat(raw).astimezone(UTC), published_raw=raw
    )
    assert local_publication_date(article) == date(2024, 5, 14)
    # A raw value that is not the same instant (or no offset) leaves the UTC day.
    assert local_publication_date(replace(article, published_raw="2024-05-14T23:50:00")) == date(2024, 5, 15)


def test_details_are_whole_names_and_bare_numbers_without_places_and_dates() -> None:
    body = (
        "A 29-year-old man was shot on Hoover Avenue in Dayton on Tuesday at 10:40 p.m. Officers found him "
        "near Hoover Avenue, police said. His family named him as Jamal Carter, born in Sept. 1994."
    )
    # No "dayton" (a place of the report), no "tuesday", "sept" or 1994; "Officers" opens a sentence and "p.m."
    # ends one.
    assert text.detail_counts(body, excluded={"dayton"}) == {"29": 1, "hoover avenue": 2, "10:40": 1, "jamal carter": 1}
    details = text.details(text.detail_counts(body, excluded={"dayton"}), max_terms=30)
    assert len(details) == 4 and abs(sum(w * w for w in details.values()) - 1.0) < 1e-3
    salem = text.detail_counts("A man was shot on Salem Avenue in Dayton.", excluded={"dayton"})
    other_street = text.details(salem, max_terms=30)
    assert text.cosine(details, other_street) == 0.0  # "Salem Avenue" and "Hoover Avenue" share nothing


@pytest.mark.parametrize("number", ["713-555-0147", "(07) 5550 0133", "0161 555 0123", "1-800-222-8477"])
def test_a_tip_line_number_is_no_detail(number: str) -> None:
    # Every report of a town or force gives it; a score is a detail.
    body = f"The Jets won 24-17 at the stadium, and anyone with information should call Crime Stoppers at {number}."
    assert text.detail_counts(body, excluded=set()) == {"jets": 1, "24": 1, "17": 1, "crime stoppers": 1}


def test_event_date_without_any_date_in_text_is_the_publication_day() -> None:
    event = resolve_event_date("Flood", "Rivers burst their banks.", FRIDAY)
    assert (event.day, event.source) == (FRIDAY, "published")


def test_event_date_without_publication_uses_a_full_date_in_the_dateline() -> None:
    event = resolve_event_date("", "LONDON, Nov. 11, 2011 - The navy foiled an attack yesterday.", None)
    assert event.day == date(2011, 11, 10)
    assert resolve_event_date("", "The navy foiled an attack on Tuesday.", None).day is None


@pytest.mark.parametrize(
    ("title", "body", "category"),
    [
        ("Air strike hits convoy", "Warplanes struck a convoy on the highway.", "air_strike"),
        ("Rebels withdraw from town", "Fighters pulled out of the town overnight.", "withdrawal"),
        ("Three shot dead at mall", "A gunman opened fire in a shopping mall, police said.", "shooting"),
        ("Thousands protest in capital", "Demonstrators marched to parliament.", "protest"),
        ("Police arrest suspect", "A man was arrested and taken into custody.", "arrest"),
        ("Magnitude 6.1 quake hits coast", "The earthquake damaged hundreds of homes.", "disaster"),
        ("Sides sign ceasefire", "The truce agreement was signed in the capital.", "agreement"),
        ("Council meets", "Members discussed the budget for next year.", "other"),
        # Local crime news: a stabbing is no shooting, a hit-and-run is an accident, and "fired" in a crime story is
        # a gun, not a dismissal.
        ("Man stabbed in apartment", "A man was stabbed several times during an argument, police said.", "stabbing"),
        ("Woman dies after hit-and-run", "She was struck by a driver who did not stop, police said.", "accident"),
        ("Shots fired into occupied home", "Someone fired several shots into a house; no one was hurt.", "shooting"),
        ("Video shows officer fired once", "The officer fired once at a man holding a gun, police said.", "shooting"),
        ("Coach fired after losing season", "The team said the coach was fired on Monday.", "appointment"),
        # A hold-up is a moment of its own kind (two of them days apart are two), whatever the weapon.
        ("Service station robbed at knifepoint", "Two men threatened a worker with a machete and fled.", "robbery"),
        ("Jewellers hit in armed raid", "Armed robbers stole gems worth millions in the heist.", "robbery"),
        ("Two men rob cellphone store", "They took thousands of dollars in devices and fled.", "robbery"),
        ("Man stabs neighbour in row over parking", "The neighbour was taken to hospital.", "stabbing"),
        # A shop "held up" is robbed, as North American news heads it; traffic held up is not.
        ("Convenience store held up; suspect flees", "A man with a knife demanded cash from the clerk.", "robbery"),
        ("Taxi driver held up at gunpoint", "He handed over the night's takings and was not hurt.", "robbery"),
        ("Traffic held up after truck overturns", "The truck rolled onto its side on the highway.", "accident"),
        ("Homeowner shoots intruder", "The intruder was taken to hospital, police said.", "shooting"),
        # A home invasion is a robbery, and a street named Battleford is no battle (it was an armed clash).
        (
            "Couple tied up in armed home invasion",
            "Police were called to a house near Battleford Road after three masked men forced their way in.",
            "robbery",
        ),
        # A dog that escaped from a yard and bit a child: no attack by people, no arrest.
        (
            "Girl mauled at park",
            "The dog had escaped from a yard and bit her on the arm, police said.",
            "animal_attack",
        ),
        ("Boy hurt in park", "A boy was attacked by a dog on Friday and taken to hospital.", "animal_attack"),
        # A family escaping a fire is no prisoner's escape; a fire is a fire, a drowning an accident.
        ("Woman dies in house fire; husband escapes", "Firefighters found her in a bedroom.", "fire"),
        ("Man drowns in lake", "His body was recovered by divers on Sunday.", "accident"),
        ("Inmate escapes from jail", "Deputies are searching for the escaped inmate.", "arrest"),
        # A victim "fighting for his life" is no war's fighting.
        ("Boy pulled from backyard pool", "The boy was fighting for his life in hospital on Sunday.", "other"),
        ("Clashes in Idlib", "Heavy fighting raged around the town as rebels and troops clashed.", "armed_clash"),
        # Someone missing is an incident of its own: no crash of the same town and days.
        ("Deputies search for missing girl, 15", "She was last seen on Sunday near her home.", "missing"),
        # A snatched chain is a robbery, as a mugging is.
        ("Woman's gold chain snatched by bike-borne duo", "Two men on a motorcycle snatched her chain.", "robbery"),
        # Small-city news: wrecks and pileups are crashes, and a barn fire is told by its fire officials.
        ("Man killed in I-24 pileup", "It was the interstate's second fatal wreck since Friday.", "accident"),
        (
            "Hay barn a total loss after Monday afternoon fire",
            "A barn full of hay was lost in a fire off Culleoka Highway, fire officials said.",
            "fire",
        ),
        # Wire copy of the war in Ukraine: strikes from the air by their weapon, and a capture as its side tells it.
        ("Two guided bombs hit a district of the city", "One man was killed and nine were injured.", "air_strike"),
        ("Glide bomb strikes apartment block", "Rescuers pulled three people from the rubble.", "air_strike"),
        ("Drone strike on a car kills driver", "The car burst into flames on the road.", "air_strike"),
        ("Missile strike kills four in the city", "A missile hit a residential area on Saturday.", "air_strike"),
        ("Troops liberate village, ministry says", "Units liberated the settlement on Wednesday.", "capture"),
        # Artillery fire on a place is a moment of its own; a drone dropping a bomb is a strike from the air.
        ("RSF shells El Fasher main market, nine dead", "Shells hit the market on Tuesday morning.", "shelling"),
        ("Drone drops explosives on shop, man wounded", "A drone dropped an explosive on a shop.", "air_strike"),
        # The dead "named as" someone is no appointment; "named as the new coach" is.
        ("Shack fire victims named as siblings aged 4 and 7", "The children died in a shack fire.", "fire"),
        ("Former striker named as the new coach", "The club confirmed the move on Monday.", "appointment"),
        # Fires as local news tells them, whoever was taken to hospital.
        ("2-alarm fire tears through Victorian; elderly man hospitalized", "Crews fought the flames.", "fire"),
        ("Neighbors rally around man after fire guts his home", "He lost everything on Wednesday.", "fire"),
        # Detainees swapped are freed by a deal; a man detained is arrested.
        ("Government and rebels swap detainees", "Forty detainees were freed in the exchange.", "agreement"),
        ("Man detained after shop fire", "Police detained a 30-year-old on Monday.", "arrest"),
        # A power's strikes on a city as wire copy tells them; a walkout is no strike from the air.
        ("U.S. strikes Houthi targets at the port", "The United States carried out strikes on the port.", "air_strike"),
        ("Strikes hit the capital overnight", "Residents heard six explosions.", "air_strike"),
        ("Nurses strike over pay", "Thousands of nurses went on strike on Monday.", "protest"),
        # A street assault is an attack, and a man who fell to the ground took no town; a town that fell to a side did.
        ("Student left with fractured skull after being punched", "He fell to the ground on the road.", "attack"),
        ("Man seriously hurt in assault outside bar", "Police said he was assaulted at about 1am.", "attack"),
        # War news's assault is an offensive: the report is of the retreat after it.
        ("Rebels abandon town after weeks of Russian-backed assault", "Rebels withdrew from the town.", "withdrawal"),
        ("Rebels abandon town after government assault on Idlib", "Rebels withdrew from the town.", "withdrawal"),
        ("District centre falls to the Taliban", "The district fell to the Taliban on Sunday.", "capture"),
        # A street takeover is no firm's; a firm's takeover bid is business. A smash-and-grab is a robbery.
        ("Man killed watching street takeover identified", "He was 19.", "other"),
        ("Shareholders back takeover bid for retailer", "The offer values the chain at $2bn.", "business"),
        ("Smash-and-grab thieves hit jewelry store", "They fled in a waiting car.", "robbery"),
        # Bodies found are a find of their own; bodies taken to the morgue after a massacre are the massacre's.
        ("Five bodies dumped on road outside the city", "Residents found them at dawn on Sunday.", "bodies_found"),
        ("Massacre in the north: gunmen kill five", "The bodies were transferred to the morgue.", "shooting"),
        # "Died" alone is no death's cue: nearly every report of a deadly incident says it. "Passed away" is.
        ("Two died in a crash on Route 9", "The driver died at the scene.", "accident"),
        ("Former mayor passed away at 91", "He served three terms.", "death"),
        # Or told of the dead person.
        ("Autorickshaw driver found murdered on open plot", "Residents spotted him at 6.30 am.", "bodies_found"),
        # A community rallying round a family who lost their home in a fire tells of the fire.
        ("Community rallies round family who lost everything in fire", "A fundraiser has passed 6,000.", "fire"),
        # A town that rallies around someone supports them; a rally for a cause is a protest.
        ("Fort Chipewyan rallies around couple who lost home to fire", "Crews could not save the house.", "other"),
        ("Thousands rally for peace in Bamako", "Marchers filled the streets.", "protest"),
        # A candle march mourns the dead, as a vigil does: the killing's, no protest.
        ("Traders hold candle march for slain jeweller", "The jeweller was shot dead outside his shop.", "shooting"),
        ("Candlelight rally for slain teen", "He was stabbed on Friday.", "stabbing"),
        # A shootout with police is a shooting, whatever protest follows it.
        ("Suspect killed in shootout with police", "Residents disputed the police account.", "shooting"),
        # A march against something is a protest; the month is not.
        ("Thousands join 'Peace March' against militancy", "Traders shut their shops for the day.", "protest"),
        ("Man shot dead on March 5 named", "Police named the man on Friday.", "shooting"),
        # A landmine is an explosive device; prisoners the sides release to each other are freed by a deal.
        ("Landmine kills farmer in his field", "His two sons were wounded.", "bombing"),
        # A search for a shooter is a shooting's, not a missing person's; a town's name is no mauling.
        ("Police search for shooter after 17-year-old wounded", "The teen was in critical condition.", "shooting"),
        (
            "Early-morning fire displaces 14 at Mauldin apartment building",
            "Firefighters found heavy smoke and flames coming through the roof.",
            "fire",
        ),
        # A market's, a dormitory's fire is a fire as a house's is; crews battle a blaze, not an enemy; a killing
        # with a blade that is no knife is an attack.
        ("Night fire razes dozens of stalls at Kilombero market", "Traders lost their stock.", "fire"),
        ("Electrical fault blamed for Rhotia dormitory fire", "Students escaped unhurt.", "fire"),
        ("Crews battle blaze at timber yard for six hours", "Nobody was hurt.", "fire"),
        ("Police treat Chemainus blaze as suspicious", "Volunteer crews fought the fire for hours.", "fire"),
        # A takeaway's fire is a shop's; crews bring a fire under control.
        ("Gardai treating Enniscrone takeaway fire as suspicious", "Nobody was injured.", "fire"),
        ("Gardai investigate overnight blaze", "Two units brought the fire under control by 5am.", "fire"),
        ("Kibosho farmer hacked to death in land row, nephew held", "Police said the two had quarrelled.", "attack"),
        # A wall that falls on workers is a mishap; those "pulled out" of its rubble withdrew from nothing.
        (
            "Labourer killed, two hurt as wall collapses at construction site",
            "Rescuers pulled out the three men after an hour.",
            "accident",
        ),
        # So is a live wire's touch.
        ("Two labourers electrocuted while putting up banner", "The frame touched an overhead line.", "accident"),
        # So is a home or a shop entered by force, told without the crime's name.
        ("Deputies: armed men forced their way into home, tied up couple", "They took cash and jewelry.", "robbery"),
        ("Thieves broke into pharmacy overnight", "Officers found the back door smashed.", "robbery"),
        ("Weekend break-ins hit businesses in Powassan", "Cash and cigarettes were taken.", "robbery"),
        # A driver who "fails to stop" is British English's hit-and-run.
        ("Boy, 13, hurt as driver fails to stop in Burton Latimer", "He was crossing Higham Road.", "accident"),
        # What a thief took, told without the crime's name, is a robbery's kind (burglaries are); so are thieves who
        # stole, and a ram-raid.
        ("Gang of four hits jeweller", "The thieves stole nearly all the jewels on display.", "robbery"),
        ("Ute driven through mall doors in early-morning ram-raid", "Display cabinets were smashed.", "robbery"),
        ("42 sovereigns, Rs 1.2 lakh stolen from locked house", "The family had gone to a wedding.", "robbery"),
        # So is what a war leaves behind: a shell that did not go off, a cluster bomblet, a war remnant.
        ("Unexploded shell kills farmer as ploughing begins", "His son was wounded.", "bombing"),
        ("Crude bomb hurled at house near Vadakara; no one injured", "Windows were shattered.", "bombing"),
        ("Two children killed by cluster bomblet near village", "They were playing in a field.", "bombing"),
        ("Farmer killed, son wounded by war remnant", "The family had returned last year.", "bombing"),
        ("Prisoner release begins as first flights land", "The Red Cross flew freed detainees home.", "agreement"),
        # Struck by a vehicle of any kind, with or without its article, is a crash; a bullet is not.
        ("Senior hurt after being struck by TTC bus", "She was taken to hospital.", "accident"),
        ("Woman hit by train at crossing", "The line was closed for hours.", "accident"),
        ("Senior seriously hurt after being struck on 8 Street", "She was hit by a pickup truck.", "accident"),
        # A vehicle that leaves the road and where it ends up; a road closed off is no crash.
        ("Young driver hurt north of town", "His pickup went off the road and rolled into the ditch.", "accident"),
        ("Driver hurt on Highway 29", "The truck came to rest on its roof.", "accident"),
        ("Loaded logging truck rolls on Highway 20", "The driver was not hurt.", "accident"),
        ("Man shot on Main Street", "Police closed off the road for hours.", "shooting"),
        # A wild animal that kills is an animal attack, as a dog that mauls is.
        ("Elephant tramples man to death in Mkhosana", "Rangers shot the bull elephant later.", "animal_attack"),
        ("Leopard attack leaves farm worker dead", "Forest officials set up cages.", "animal_attack"),
        # A fire told by what burns, a drowning by the swimmer or the water.
        ("Neighbour pulls elderly woman from burning home", "She was treated for smoke inhalation.", "fire"),
        ("Crews called to Albert Street", "The rear of the house was well alight when they arrived.", "fire"),
        ("Swimmer dies at Sawtell Main Beach", "He could not be revived.", "accident"),
        ("Man dies at the beach", "He was pulled unconscious from the water.", "accident"),
        # Told the other way round too: the vehicle hits, knocks down or runs over someone.
        ("Scooter rider killed after private bus hits him on NH 66", "Residents blocked the road.", "accident"),
        ("Lorry runs over cyclist at busy junction", "He died at the scene.", "accident"),
        # Or the victim is killed by it, crushed under it; a jeep, a tipper or a tractor as much as a lorry.
        ("Cyclist killed by jeep on the highway", "The driver fled with the vehicle.", "accident"),
        ("Biker crushed under tipper on the town's outskirts", "Residents blocked the road.", "accident"),
        # South Asia's robbery by an armed gang, told by its own name.
        ("Dacoits loot Rs 11 lakh wage cash from tea estate office", "The guards were tied up.", "robbery"),
        ("Jeweller recounts ordeal of Tezpur dacoity", "Gold worth Rs 35 lakh was taken.", "robbery"),
        # Those a headline calls "held" are the arrested; a vigil or a meeting is held too.
        ("Three held over night coach robbery on bridge approach road", "The gang had followed the coach.", "arrest"),
        ("Vigil held for Main Street crash victim", "Two men were held at the scene for questioning.", "accident"),
        # The accused a police complaint names ("nominated") are no appointees.
        (
            "DPO takes notice of double murder near Karianwala",
            "A case was registered against six nominated and two unidentified accused under the penal code.",
            "other",
        ),
        ("Senate confirms judge", "The president nominated her to the appeals court in March.", "appointment"),
        # So are those a headline says are "charged over" an incident; a body's charges are weaker.
        ("Truck driver charged over Route 5 crash that killed two", "The truck had crossed the median.", "arrest"),
        ("Two killed in Route 5 crash", "The driver was charged in connection with the crash.", "accident"),
        # One robber, as many: not a missing person whom police are "searching for".
        ("Police searching for armed robber who hit north side gas station", "He showed a handgun.", "robbery"),
        # A bus hijacked with its passengers is a kidnapping; a "hijacked building" that burns is a fire.
        ("Gunmen hijack bus, take passengers hostage", "Police negotiated for hours.", "kidnapping"),
        ("Deadly Hillbrow blaze in hijacked building", "Firefighters found five bodies.", "fire"),
        # A fire named by its street, whoever is still in hospital.
        ("11 displaced after Park Boulevard fire; woman remains hospitalized", "Crews arrived at 2 a.m.", "fire"),
        # An investigation launched is no product launch.
        ("Arson investigation launched into mill blaze", "Fire crews remained at the mill overnight.", "fire"),
        # A fire set on purpose is a fire, at a moment; an arson attack on a car outside a home is someone's target.
        ("Bakery targeted in overnight arson", "Two people broke the window and poured liquid inside.", "fire"),
        ("Firebomb thrown into restaurant, police say", "The owner was not inside at the time.", "fire"),
        ("Car set alight outside home in 'targeted' arson attack", "Police are treating it as a hate crime.", "attack"),
        # What follows "amid" in a headline is the setting.
        ("Government presses ahead with peace talks amid a week of bombings", "Talks resume on March 20.", "agreement"),
        # Fighting erupts; a volcano's eruption is a disaster.
        ("Fighting erupts between armed groups near the city", "Clashes erupted on Monday.", "armed_clash"),
        ("Ash cloud grounds flights after eruption", "The volcano erupted overnight.", "disaster"),
        # Gunmen who abduct or rob are the kidnappers or robbers, though they fire into the air; gunmen killed are shot.
        ("Gunmen abduct students from school", "They fired into the air and shots rang out for minutes.", "kidnapping"),
        ("Gunmen rob jewellery store in the mall", "Shots were fired into the ceiling as shoppers fled.", "robbery"),
        ("Soldiers kill three gunmen near the capital", "Shots rang out for an hour.", "shooting"),
        # A headline's "firing" is a shooting, whatever deal its victim had made; a body's is the detail of an attack.
        ("Matigara firing: broker targeted, family alleges threats over plot deal", "He was hit twice.", "shooting"),
        ("Insurgents attack village, burn homes", "Residents heard heavy firing as the insurgents left.", "attack"),
        # The body's arrests are no kind of the headline's attack; a headline that names the court is the trial.
        (
            "Man fighting for life after attack outside Exeter bar",
            "Police were called to Sidwell Street at 2.20am. Two men were arrested nearby and remain in custody.",
            "attack",
        ),
        ("Tavern massacre accused appear in court", "Two men were arrested on Friday and charged.", "trial"),
        # A rollover is a crash, whatever closed the lanes.
        ("Tractor-trailer rollover closes lanes on I-91 south", "Traffic was backed up for miles.", "accident"),
        # Fuel and gas that burn or blow up by mishap are accidents; a blast or an explosion alone is a bomb's.
        ("Three feared dead as tanker catches fire at Rumuokoro", "Eleven vehicles were burnt.", "fire"),
        ("Three dead as tanker explodes on the expressway", "Eleven vehicles were burnt.", "fire"),
        ("Illegal refinery blast: death toll rises to 11", "Oil workers were trapped in the creeks.", "fire"),
        ("Children hurt as gas cylinder blast wrecks house", "Neighbours pulled them out.", "fire"),
        ("Blast at a market kills five", "An explosive device went off near the stalls.", "bombing"),
        ("Angler dies after falling through ice on the reservoir", "His friends called for help.", "accident"),
        # A community that rallies to help is no protest; one that rallies to demand something is.
        ("Neighbours rally to help family left homeless", "A fundraiser has raised thousands.", "other"),
        ("Residents rally to demand justice for slain teen", "They marched to the town hall.", "protest"),
        ("Skater rescued after breaking through the ice", "Firefighters pulled her out.", "accident"),
        # Goods police seize are no capture: the pistol of a shooting's arrest (two "held"), drugs seized in a search.
        (
            "Market firing: two held, country-made pistol seized",
            "Police arrested two men on Sunday and seized the pistol used in the attack.",
            "arrest",
        ),
        ("Cocaine and cash seized in search of a house", "Two men were charged.", "drug_seizure"),
        ("Police seize heroin and cash at bus stand", "Two men were charged.", "drug_seizure"),
        # The quantity between the verb and the drug.
        ("Gendarmes seize 240 kg of cannabis in dawn raid", "Three men were arrested.", "drug_seizure"),
        ("Rebels seize the town after three days of fighting", "Government troops pulled back.", "capture"),
        ("Army seizes weapons and fuel near the border", "Two smugglers were detained.", "capture"),
        # A search that enters its next day enters no town; troops that enter one do.
        (
            "Divers fail to trace boy swept away in river as search enters second day",
            "Rescue divers searched the river for a boy who drowned while bathing on Tuesday.",
            "accident",
        ),
        ("Troops enter the town after three days of fighting", "Rebels pulled back.", "capture"),
        # A coach that ploughs into a trailer crashes.
        ("Three killed as coach ploughs into trailer in fog on motorway", "The driver was among the dead.", "accident"),
    ],
)
def test_event_category_rules(title: str, body: str, category: str) -> None:
    assert classify_text(title, body).category == category


def test_a_plea_a_headline_tells_in_the_present_is_a_trial() -> None:
    # The stabbing's hearing, whose headline names its plea: its trial is a follow-up the headline tells.
    result = classify_text(
        "Man pleads not guilty to attempted murder in alley stabbing",
        "A man pleaded not guilty on Monday in the stabbing of a man in an alley last week.",
    )
    assert (result.category, result.runner_up, result.runner_up_in_headline) == ("stabbing", "trial", True)


@pytest.mark.parametrize(
    "title",
    [
        # How headlines tell a crash, a fire or a crowd crush (in the present tense, or with a vehicle of the
        # region's words): each kind named by the headline.
        "Four dead as bus and truck collide on the Mombasa highway",
        "Nine killed as overloaded lorry overturns near Kousseri",
        "Two killed in crush at aid distribution in Maiduguri",
        "Stampede at stadium gate leaves five injured",
        "Elderly man hurt after being hit by ute in Nowra",
        "Boy hit by motorbike on Jogoo Road",
        "Three hurt as bus rams parked truck near Morogoro",
        "Car ploughs into shop front in Ipswich",
    ],
)
def test_headlines_that_name_crashes_fires_and_crushes(title: str) -> None:
    result = classify_text(title, "Police said an investigation was under way.")
    assert (result.category, result.headline_says_so) == ("accident", True)


@pytest.mark.parametrize(
    "title",
    ["Fire sweeps through market stalls in Kano overnight", "Blaze destroys warehouse on the edge of town"],
)
def test_headlines_that_name_fires(title: str) -> None:
    result = classify_text(title, "Police said an investigation was under way.")
    assert (result.category, result.headline_says_so) == ("fire", True)


@pytest.mark.parametrize(
    ("title", "category"),
    [
        # A planted bomb told without "roadside" or "car": a bombing, named by its headline.
        ("Sticky bomb wounds judge in Basra", "bombing"),
        ("Bomb under car kills trader in Mogadishu", "bombing"),
        # Warplanes that pound a place strike it from the air.
        ("Jets pound militant hideouts in the Hamrin hills", "air_strike"),
        # A car taken from its driver is a robbery its headline names.
        ("Man threatened with knife and car stolen at petrol station", "robbery"),
    ],
)
def test_a_headline_names_planted_bombs_jets_that_pound_and_cars_stolen(title: str, category: str) -> None:
    result = classify_text(title, "Security sources said the toll could rise.")
    assert (result.category, result.headline_says_so) == (category, True)


def test_a_court_that_overturns_a_ruling_tells_of_no_crash() -> None:
    assert classify_text("Appeals court overturns conviction", "The judges ordered a new trial.").category == "trial"


@pytest.mark.parametrize(
    "denial",
    [
        "No arrests have been made.",
        "No one has been arrested.",
        "Police have not arrested anyone.",
        "Nobody is in custody.",
    ],
)
def test_a_denied_cue_does_not_count(denial: str) -> None:
    # Local news closes most shooting reports so: no arrest to follow up, and no runner-up that makes it read as one.
    result = classify_text(
        "Teen shot on Garrett Road", f"A 17-year-old was shot on Tuesday night, police said. {denial}"
    )
    assert (result.category, result.runner_up) == ("shooting", None)
    made = classify_text("Teen shot on Garrett Road", "A 17-year-old was shot on Tuesday night. A man was arrested.")
    assert made.runner_up == "arrest"


@pytest.mark.parametrize(
    "title",
    [
        "Nandyal firing accused sent to judicial remand",
        "Accused gunman refused bail in Cessnock court",
        "Shooting accused sent to judicial custody",
    ],
)
def test_a_courts_order_before_trial_marks_a_follow_up(title: str) -> None:
    # A remand or bail is a hearing's, as weak as "court": the incident's kind stays, with "trial" the runner-up that
    # lets a report of a later day join it.
    result = classify_text(title, "")
    assert (result.category, result.runner_up, result.runner_up_in_headline) == ("shooting", "trial", True)


def test_a_cue_counts_once_however_many_of_its_words_share_a_prefix() -> None:
    # "robbery$|robberies$|robbed$|robbing$|robbers$": one cue of weight 3.0, met once in the headline.
    assert classify_text("Shop robbed", "").score == 3.0 * TITLE_WEIGHT


def test_a_hearing_told_under_the_incidents_name_keeps_its_kind_with_trial_the_runner_up() -> None:
    result = classify_text(
        "Suspect in Dayton shooting appears in court",
        "A man accused of killing Jamal Carter appeared in Dayton Municipal Court on Monday.",
    )
    assert (result.category, result.runner_up) == ("shooting", "trial")


def test_category_relations() -> None:
    assert relation("withdrawal", "capture") == "compatible"
    assert relation("air_strike", "withdrawal") == "conflict"
    assert relation("shooting", "shooting") == "same"
    assert relation("other", "shooting") == "unknown"
    assert relation("stabbing", "shooting") == "conflict"
    assert relation("stabbing", "arrest") == relation("accident", "arrest") == "compatible"
    assert relation("attack", "arrest") == "compatible"  # an assault, then the arrests
    assert relation("bombing", "arrest") == relation("bombing", "trial") == "compatible"  # the bombers caught, tried
    assert relation("air_strike", "arrest") == "compatible"  # a militia's rocket crew caught
    assert relation("bombing", "accident") == "compatible"  # a blast told as a gas explosion and as a "blast"
    assert relation("armed_clash", "arrest") == "compatible"  # cult members arrested after a clash
    assert relation("robbery", "arrest") == relation("robbery", "shooting") == "compatible"
    assert relation("robbery", "stabbing") == relation("robbery", "attack") == "compatible"
    assert relation("animal_attack", "capture") == "compatible"  # the dog seized by animal control
    assert relation("missing", "death") == relation("missing", "accident") == "compatible"  # found dead, or drowned
    assert relation("missing", "disaster") == "compatible"  # "dozens missing after the floods"
    # Bodies found are the missing's, the kidnapped's or the shot's; a find is no protest.
    assert relation("bodies_found", "missing") == relation("bodies_found", "kidnapping") == "compatible"
    assert relation("bodies_found", "shooting") == "compatible"
    # Those found under the rubble are a strike's, a bomb's or a quake's.
    assert all(relation("bodies_found", kind) == "compatible" for kind in ("air_strike", "shelling", "disaster"))
    assert relation("bodies_found", "protest") == "conflict"
    assert relation("missing", "shooting") == "conflict"
    assert relation("animal_attack", "arrest") == relation("animal_attack", "shooting") == "conflict"


def test_term_vectors_are_normalised_and_weight_names_and_lead() -> None:
    weights = text.TermWeights()
    analysis = text.analyse(
        "Quake hits Aceh",
        "A strong quake hit Aceh province on Tuesday. Officials in Banda Aceh counted damage.",
        weights,
        60,
        30,
    )
    norm = sum(w * w for w in analysis.vector.values())
    assert norm == pytest.approx(1.0, abs=1e-3)
    assert analysis.names  # "Aceh", "Banda" are names
    assert text.cosine(analysis.vector, analysis.vector) == pytest.approx(1.0, abs=1e-3)
    assert analysis.title_words == ["quake", "hits", "aceh"]


def test_minhash_estimates_shingle_jaccard_deterministically() -> None:
    hasher = text.MinHasher(num_perm=128, shingle_words=3)
    weights = text.TermWeights()
    base = " ".join(f"w{i}" for i in range(200))
    edited = base.replace("w150 w151", "x y")
    sig_a = hasher.signature(text.analyse("", base, weights, 10, 10).word_hashes)
    sig_b = hasher.signature(text.analyse("", edited, weights, 10, 10).word_hashes)
    other = hasher.signature(text.analyse("", " ".join(f"v{i}" for i in range(200)), weights, 10, 10).word_hashes)
    assert text.jaccard_estimate(sig_a, sig_b) > 0.85
    assert text.jaccard_estimate(sig_a, other) < 0.1
    again = text.MinHasher(num_perm=128, shingle_words=3).signature(text.analyse("", base, weights, 10, 10).word_hashes)
    assert np.array_equal(sig_a, again)
    assert np.array_equal(text.decode_signature(text.encode_signature(sig_a)), sig_a)
    assert len(text.lsh_band_keys(sig_a, 16)) == 16


def test_baseline_links_to_the_nearest_earlier_article() -> None:
    ids = ["a", "b", "c", "d"]
    texts = [
        "flood hits river town homes evacuated",
        "election results announced ballots counted",
        "river town flood homes evacuated rescue",
        "ballots counted election winner announced",
    ]
    grouping = link(ids, nearest_earlier(texts), threshold=0.2)
    assert grouping == {"a": "a", "b": "b", "c": "a", "d": "b"}
    score = score_grouping({"a": "1", "b": "2", "c": "1", "d": "2"}, grouping)
    assert (score.bcubed_f1, score.pairwise_f1) == (1.0, 1.0)


def streets_of(body: str) -> frozenset[str]:
    """The streets a report names, with no place of its own left out."""
    return text.streets(text.detail_counts(body, set()), set())


def test_streets_are_the_details_that_name_one_and_drop_the_town_before_it() -> None:
    body = (
        "A fire gutted a shop on Banstead High Street on Friday. Crews closed High Street and Park Road, "
        "police said; a van was found on New York Avenue."
    )
    counts = text.detail_counts(body, excluded={"banstead", "new york"})
    found = text.streets(counts, {"banstead", "new york"})
    named = streets_of("Shops on High Street, Park Road and New York Avenue.")
    # "Banstead High Street" is High Street; "New York Avenue" is a street of its own name, not New York's avenue.
    assert found == named and len(found) == 3
    # So is the town's possessive before it: "Methven's Main Street" is the Main Street a follow-up names alone.
    for possessive in ("Methven's", "Methven\u2019s"):
        cafe = f"A cafe on {possessive} Main Street was gutted by fire."
        assert text.streets(text.detail_counts(cafe, {"methven"}), {"methven"}) == streets_of("A cafe on Main Street.")


def test_a_street_is_one_street_however_the_outlet_abbreviates_it() -> None:
    whole = streets_of("He was gunned down on Kildonan Road and Salem Avenue near Grand Boulevard on Monday.")
    assert streets_of("He was gunned down on Kildonan Rd and Salem Ave. near Grand Blvd on Monday.") == whole
    assert len(whole) == 3
    # A hyphen joins two names of one road as a space does.
    assert streets_of("A plant on Cedar Bayou-Lynchburg Rd. caught fire.") == streets_of(
        "A plant on Cedar Bayou Lynchburg Road caught fire."
    )
    # Highways as Australian and American outlets shorten them: "Hume Hwy", "Katy Fwy", "Garden State Pkwy".
    highways = streets_of("The factory on the Hume Highway burned near the Katy Freeway and Garden State Parkway.")
    assert streets_of("The factory on the Hume Hwy burned near the Katy Fwy and Garden State Pkwy.") == highways
    assert len(highways) == 3
    # With or without its accents, its saint written out or not, as Montreal's English-language outlets write them.
    assert streets_of("Four cars collided on the Décarie Expressway.") == streets_of(
        "Four cars collided on the Decarie Expressway."
    )
    saint = streets_of("The truck left the road near Saint-Laurent Boulevard and Saint Clair Avenue.")
    assert streets_of("The truck left the road near St-Laurent Blvd. and St. Clair Avenue.") == saint
    assert len(saint) == 2


def test_two_streets_named_by_one_plural_street_word_are_each_a_street() -> None:
    paired = streets_of("A man was shot outside a plaza near Sheppard and Markham roads on Thursday night.")
    assert paired == streets_of("A man was shot outside a plaza near Sheppard Road and Markham Road on Thursday night.")
    assert len(paired) == 2


def test_a_streets_direction_before_its_name_written_whole_short_or_not_at_all_is_one_street() -> None:
    whole = streets_of("Officers were called to the 900 block of North Hackberry Street, near Dawson Street.")
    assert streets_of("Officers were called to the 900 block of N. Hackberry St., near Dawson Street.") == whole
    assert streets_of("Officers were called to the 900 block of Hackberry Street, near Dawson Street.") == whole
    assert len(whole) == 2


def test_a_streets_direction_after_its_street_word_and_its_number_written_out_or_not_are_one_street() -> None:
    # Canadian and Pacific Northwest addresses put the direction last; a vigil report drops it.
    plaza = streets_of("He was found behind a plaza on Wyandotte Street East near Walker Road.")
    assert plaza == streets_of("Investigators reviewed video from businesses along Wyandotte Street and Walker Road.")
    assert len(plaza) == 2
    fourth = streets_of("Crews found the house on 4th Avenue SW fully involved.")
    assert fourth == streets_of("Crews found the house on Fourth Avenue Southwest fully involved.")
    assert len(fourth) == 1


def test_a_way_is_a_street() -> None:
    # "Olympic Way" and "Bond Street": two shootings in one town on one day, each on its own street.
    found = streets_of("He was shot under a car at a garage along Olympic Way.")
    assert len(found) == 1
    assert found.isdisjoint(streets_of("He was shot along Bond Street."))


def test_a_numbered_street_is_a_street() -> None:
    # The clerk robbed on East 7th Avenue and the teen shot on North 12th Street: two scenes of one city.
    robbery = streets_of("It happened at a food mart on East 7th Avenue near North 17th Street, police said.")
    assert robbery == streets_of("It happened at a food mart on 7th Ave. near 17th St., police said.")
    assert len(robbery) == 2
    assert robbery.isdisjoint(streets_of("Officers found the teen near North 12th Street and East Bird Street."))
    assert not streets_of("He was the 21st Century Fox employee of the month.")


def test_a_saints_name_is_no_street() -> None:
    body = "He was shot on Seymour St near Hayes and taken to Ascension St. John Hospital in St. Louis, police said."
    assert streets_of(body) == streets_of("He was shot on Seymour Street.")


def test_a_name_after_in_that_the_recogniser_calls_a_person_is_no_principal() -> None:
    # The small model calls the village a person; "in" tells it is a place.
    title = "Man shot dead over land dispute in Mamash Khel"
    body = "A farmer was shot dead by his rivals in Mamash Khel on Wednesday. Police said Mamash Khel was tense."
    actors = people_named(title, body, "Mamash Khel")
    texts = {"title": title, "body": body}
    assert principal_persons(actors, len(body), texts)[0] == frozenset()
    # A possessive's owner after "in" is a person: "in Ellis's house".
    owner = "A man was shot in Mark Ellis's house. Ellis was not home; Mark Ellis said he was shocked."
    named = people_named("Man shot in Mark Ellis's house", owner, "Mark Ellis")
    assert principal_persons(named, len(owner), {"title": "Man shot in Mark Ellis's house", "body": owner})[0] == {
        "ellis"
    }


def test_the_principal_is_the_person_the_lead_names_more_than_once() -> None:
    title = "Flyers fire coach Mark Ellis Jr. after 2-9 start"
    body = (
        "The Dayton Flyers fired head coach Mark Ellis Jr. on Monday. Ellis had led the team since 2019.\n"
        + "The season went badly from the start. " * 8
        + "Athletic director Ann Rowe said Rowe would lead the search, and that Rowe's staff had a list. Assistant "
        "coach Tim Burke takes over."
    )
    actors = people_named(title, body, "Mark Ellis Jr.", "Ann Rowe", "Tim Burke")
    principals, persons = principal_persons(actors, len(body))
    # Rowe is named as often, but only past the lead ("Jr." is no surname).
    assert principals == {"ellis"}
    assert persons == {"ellis", "rowe", "burke"}
    # Named once in the lead is not enough; a body cut short leaves out what lies past the cut.
    assert principal_persons(actors[:1], len(body)) == (frozenset(), frozenset({"ellis"}))
    assert principal_persons(actors, 40)[1] == {"ellis"}


@pytest.mark.parametrize(
    ("title", "body", "name"),
    [
        # Named three times, twice in the lead, whatever the rank between the role and the name.
        (
            "Two children die in shack fire",
            "Two children died when a fire swept through shacks early on Wednesday. Emergency services spokesperson "
            "Lieutenant Sipho Dlamini said crews arrived within minutes. Dlamini said the cause was being "
            "investigated.\nResidents said the fire spread fast. Dlamini urged families to keep candles away from "
            "curtains.",
            "Sipho Dlamini",
        ),
        # A region's police commander speaks of every crash and killing of the region, as a spokesperson does.
        (
            "Rider, passenger die in road crash near Kibaha",
            "A rider and his passenger died on Saturday night on the Morogoro road near Kibaha. Pwani Regional Police "
            "Commander ACP Salma Mrisho said the car tried to overtake a truck. Mrisho said the driver was arrested.\n"
            "Mrisho urged drivers to keep to the speed limits.",
            "Salma Mrisho",
        ),
        # A force's public relations officer, named after the role and its region or before it in apposition.
        (
            "Armed men rob mobile money kiosk in Bo",
            "Armed men robbed a kiosk on Sunday night. The Police Public Relations Officer for the South Region, "
            "Inspector Hawa Mansaray, confirmed the robbery. Mansaray said two men were sought.\nMansaray urged "
            "operators to bank their cash.",
            "Hawa Mansaray",
        ),
        (
            "Police step up patrols on highway after robbery",
            "Hawa Mansaray, Police Public Relations Officer for the South Region, said on Tuesday that patrols had "
            "begun. Mansaray said the robbers fled.\nMansaray urged drivers to travel in convoys.",
            "Hawa Mansaray",
        ),
        # So is a county's traffic commander, of every crash on its roads.
        (
            "Two dead as pick-up hits motorbike at Subuiga",
            "Two people died when a pick-up hit a motorbike at Subuiga on Friday. Meru County Traffic Commander "
            "Gideon Mutua said the pick-up was speeding. Mutua said the driver fled.\nMutua urged riders to wear "
            "helmets.",
            "Gideon Mutua",
        ),
        # And a region's traffic enforcement officer, of every crash on its highway.
        (
            "Two die as car rams into stationary trailer at Marua",
            "Two people died early on Friday when their car rammed into a trailer. Central Regional Traffic "
            "Enforcement Officer Lucy Chebet said the trailer had no lights. Chebet said the driver was arrested.\n"
            "Chebet urged drivers to use warning triangles.",
            "Lucy Chebet",
        ),
        # And a police or fire rank that speaks for its station or crew.
        (
            "Fire damages empty shop on Rora St",
            "Crews were called to an empty shop on Rora St on Tuesday night. Shift manager Paula Ngatai said heavy "
            "smoke was pouring from the building. Ngatai said the fire was suspicious.\nNgatai asked anyone who saw "
            "people nearby to call police.",
            "Paula Ngatai",
        ),
        # And a commissioner, the rank of the regional officers who speak for the police in southern and east Africa.
        (
            "Man stabbed to death outside bar in Katutura",
            "A man was stabbed to death outside a bar on Sunday night. Khomas regional crime investigations "
            "coordinator Deputy Commissioner Elina Shikongo said the two men had argued. Shikongo said a suspect "
            "fled.\nShikongo urged bar owners to close on time.",
            "Elina Shikongo",
        ),
        # And the officer in charge of a South Asian police station, who speaks of every crime of the station's.
        (
            "Youth stabbed to death in Zindabazar",
            "A young man was stabbed to death on Monday night, said Shahidul Alam Khan, officer-in-charge (OC) of "
            "Kotwali Model Police Station. Khan said three youths fled.\nKhan said CCTV footage was being examined.",
            "Shahidul Alam Khan",
        ),
    ],
)
def test_an_agencys_voice_is_no_principal(title: str, body: str, name: str) -> None:
    # The agency's voice in every report it gives out, not who this one is about.
    actors = people_named(title, body, name)
    surname = name.rsplit(maxsplit=1)[-1].lower()
    assert principal_persons(actors, len(body), {"title": title, "body": body}) == (frozenset(), {surname})


def test_a_name_after_a_spokespersons_words_is_a_principal() -> None:
    quoted = (
        'A 24-year-old man was shot dead outside a store, "detectives are investigating," a police spokesperson said '
        "Sunday.  Whitfield's cousin said Darnell Whitfield had gone out for milk."
    )
    victim = people_named("", quoted, "Darnell Whitfield")
    assert principal_persons(victim, len(quoted), {"title": "", "body": quoted})[0] == {"whitfield"}


def test_a_person_span_that_is_no_name_gives_no_surname() -> None:
    assert person_surname(actor("Obama begins", kind="person")) is None
    assert person_surname(actor("Fadzayi Mahere", kind="person")) == "mahere"
    assert person_surname(actor("Jim O'Brien", kind="person")) == "o'brien"
    assert person_surname(actor("Suresh Gowda K.", kind="person")) == "gowda"  # South Indian initials come last
    assert person_surname(actor("Kavitha B.N.", kind="person")) == "kavitha"
    assert person_surname(actor("Bassa LGA", kind="person")) is None  # an acronym the recogniser ran into the name
    assert person_surname(actor("Hayat Tahrir al-Sham")) is None  # not a person
    # An agency the recogniser calls a person: two fires its same spokesperson told of share no principal.
    assert person_surname(actor("Kent Fire and Rescue Service", kind="person")) is None
    assert person_surname(actor("Kent Fire", kind="person")) is None
    # An outlet in a dateline's brackets, "DARAGA, Albay, Jan. 20 (Bicol Newswire)", which it calls one too.
    assert person_surname(actor("Bicol Newswire", kind="person")) is None


def places_report(body: str, *names: str) -> TaggedArticle:
    """A report whose body mentions each named town (resolved, ids 1, 2, ...) wherever it writes it; the first named
    is its event place."""
    mentions = [
        town(name, number, name, ("US-IL", "Illinois"), (39.8, -89.6)) for number, name in enumerate(names, start=1)
    ]
    located = [
        {**m, "start": match.start(), "end": match.end()}
        for m in mentions
        for match in re.finditer(re.escape(m["text"]), body)
    ]
    article = Article(id="r", title="", body=body, source=None, url=None)
    return TaggedArticle(article=article, language="en", locations=located, event_location=located[0])


@pytest.mark.parametrize(
    "denial",
    [
        "police said there was nothing to suggest the two incidents were connected",
        "detectives do not believe the two are linked",
        "officers are treating it as unrelated",
        "it is too early to say whether the attacks are related",
        # Wire copy adds the day's other attacks.
        "forces also shelled two villages nearby",
        "elsewhere in the region a drone hit a school",
    ],
)
def test_places_named_only_where_the_report_tells_of_another_incident(denial: str) -> None:
    lead = "A teenager was stabbed in Chatham on Saturday night."
    told = f"{lead} It happened hours after a man was stabbed in Springfield, and {denial}."
    assert places_of_other_incidents(places_report(told, "Chatham", "Springfield")) == {"springfield", "2"}
    # Named in a sentence of its own as well, the denial two sentences on, or the report's own place: no other
    # incident's.
    again = f"{told} Springfield police are asking for witnesses."
    apart = f"{lead} A man was stabbed in Springfield hours earlier. Both were taken to hospital. Later, {denial}."
    for body in (again, apart):
        assert places_of_other_incidents(places_report(body, "Chatham", "Springfield")) == frozenset()
    assert places_of_other_incidents(places_report(told, "Springfield", "Chatham")) == frozenset()


@pytest.mark.parametrize(
    "recall",
    [
        "The shooting comes a day after a man was killed along Bond Street in Springfield.",
        "The killing came hours after a mechanic was shot dead at a garage in Springfield.",
        # An initial's point ends no sentence.
        "The death comes days after a farmer, P. Natarajan, was shot dead at a garage in Springfield.",
        "The attack came on the same day as a bombing of the oil pipeline in neighbouring Springfield.",
        # The other cases its detectives have on.
        "Det Insp Ravi Sangha is also leading the investigation into a robbery at a shop in Springfield.",
        "Officers are also continuing to investigate Monday night's shooting in Springfield.",
        # Crews busy at another incident.
        "Crews were stretched as they were also attending a fatal shack fire in nearby Springfield.",
        "The town's tender was already engaged at a godown fire in Springfield.",
        "Several units had just returned from helping fight a fire at a vacant house in Springfield.",
        "Some firefighters had been at a house fire in Springfield earlier in the night.",
        "Its firefighters had been helping battle a large fire in the Sagkahan district of Springfield.",
        "Units from the Springfield fire station were still responding to the fire in Barangay Matatalaib.",
        "Nettleton crews helped because Springfield firefighters were busy with a deadly house fire at the time.",
        "Units joined them, some of whom had come directly from the fire in Pantay Daya, Springfield.",
        # Another fire the same night.
        "The blaze broke out less than an hour after firefighters were called to a house fire in nearby Springfield.",
        "It was one of two fires overnight, with crews also called to a blaze at a farm near Springfield.",
        "The fire broke out about an hour after another fire destroyed four houses in neighbouring Springfield.",
    ],
)
def test_a_place_named_where_local_news_recalls_the_last_incident_is_the_last_ones(recall: str) -> None:
    body = f"A man was shot dead in Chatham on Tuesday evening. {recall} Police have no suspect."
    assert places_of_other_incidents(places_report(body, "Chatham", "Springfield")) == {"springfield", "2"}


def test_the_call_that_brought_the_police_is_the_incidents_own() -> None:
    body = "A man was shot dead in Chatham shortly after police were called to a disturbance at a house in Springfield."
    assert places_of_other_incidents(places_report(body, "Chatham", "Springfield")) == frozenset()


def test_a_separate_incident_told_in_passing_is_anothers_but_not_a_separate_strike_force() -> None:
    lead = "A family escaped a house fire in Chatham late last night."
    other = f"{lead} While crews were still there, a separate fire broke out at Springfield shortly before midnight."
    assert places_of_other_incidents(places_report(other, "Chatham", "Springfield")) == {"springfield", "2"}
    squad = f"{lead} Detectives from a separate strike force arrested two men in Springfield on Friday."
    assert places_of_other_incidents(places_report(squad, "Chatham", "Springfield")) == frozenset()


def test_a_recap_of_the_week_tells_of_other_incidents_to_its_paragraphs_end() -> None:
    lead = "A fire gutted a warehouse in Chatham on Thursday night."
    recap = "It has been a difficult week for crews in the county. On Wednesday a man was stabbed in Springfield."
    body = f"{lead}\n\n{recap}\n\nSpringfield police are asking for witnesses."
    # The next paragraph is the report's own again.
    assert places_of_other_incidents(places_report(body, "Chatham", "Springfield")) == frozenset()
    told = f"{lead}\n\n{recap}\n\nCrews stayed until dawn."
    assert places_of_other_incidents(places_report(told, "Chatham", "Springfield")) == {"springfield", "2"}
    # A recap sentence naming the report's own place is its own: a week's count may include its incident.
    own = told.replace("stabbed in Springfield", "stabbed in Springfield and a warehouse burned in Chatham")
    assert places_of_other_incidents(places_report(own, "Chatham", "Springfield")) == frozenset()


def test_a_recap_told_in_the_past_tense_tells_of_other_incidents_too() -> None:
    lead = "A garage fire spread to a house in Chatham overnight. Nobody was hurt."
    recap = "It was a busy night for firefighters in the county. An hour earlier, crews were called to Springfield."
    body = f"{lead}\n\n{recap}"
    assert places_of_other_incidents(places_report(body, "Chatham", "Springfield")) == {"springfield", "2"}


@pytest.mark.parametrize(
    ("recap", "expected"),
    [
        (
            "Earlier on Tuesday, militants killed two police officers at a checkpoint in Springfield.",
            {"springfield", "2"},
        ),
        ("Earlier today, gunmen shot a guard in Springfield.", {"springfield", "2"}),
        # Not "earlier" inside a sentence of the report's own story, nor the recap's words there.
        ("The bomber had argued with guards in Springfield earlier in the day.", set()),
        ("A man was held over the guard's death in Springfield earlier this week, police said.", set()),
    ],
)
def test_a_place_named_where_wire_copy_recaps_the_days_earlier_attack_is_that_ones(
    recap: str, expected: set[str]
) -> None:
    body = f"A suicide bomber killed six people in Chatham on Tuesday. {recap} No group claimed the attack."
    assert places_of_other_incidents(places_report(body, "Chatham", "Springfield")) == expected


def test_a_city_named_by_a_part_of_it_is_no_other_incidents_place() -> None:
    # The city is the region of both fires; Campbellfield is the other's place.
    body = (
        "A fire destroyed a factory in Dandenong on Saturday. The fire came five days after a large fire at a factory "
        "in Campbellfield, in Melbourne's north. Police say there is no link between the two fires."
    )
    found = places_of_other_incidents(places_report(body, "Dandenong", "Campbellfield", "Melbourne"))
    assert found == {"campbellfield", "2"}


def test_a_place_the_next_sentence_sets_apart_as_another_incidents() -> None:
    lead = "A woman was stabbed at her home in Middleton on Saturday night."
    other = "Detectives in Oldham are investigating a shooting less than an hour earlier."
    for denial, expected in (
        ("The two incidents are not connected.", {"oldham", "2"}),
        # A denial that sets nothing apart from another incident does not reach back a sentence.
        ("Police said it was not linked to gangs.", set()),
        # One that names the other place again reaches back too.
        (
            "It is too early to say whether the two were connected, and Oldham police have not linked them.",
            {"oldham", "2"},
        ),
    ):
        body = f"{lead} {other} {denial}"
        assert places_of_other_incidents(places_report(body, "Middleton", "Oldham")) == expected


def test_a_days_recap_that_names_whom_the_headline_names_is_the_reports_own() -> None:
    def others(recap: str) -> frozenset[str]:
        body = f"Hundreds gathered in Belmont on Monday night to remember Lachlan Pruett, stabbed on Saturday. {recap}"
        report = places_report(body, "Belmont", "Grovedale")
        titled = replace(report, article=replace(report.article, title="Hundreds gather to remember Lachlan Pruett"))
        return places_of_other_incidents(titled)

    assert (
        others("Earlier on Monday, a Grovedale man appeared in court charged with Mr Pruett's murder.") == frozenset()
    )
    assert others("Earlier on Monday, a Grovedale man was stabbed at a bus stop.") == {"grovedale", "2"}


def test_a_sentence_opening_on_a_day_after_a_count_of_incidents_retells_the_earlier_one() -> None:
    lead = "A cyclist was killed when a lorry hit him on the A2 at Kahandamodara last night, Hungama police said."
    count = "This is the second fatal accident on the A2 within the Hungama police area this week."
    earlier = "On Tuesday morning, a father and son were killed when a bus hit their motorcycle at Ranna."
    body = f"{lead} {count} {earlier} The lorry driver was arrested."
    kept = body_without_other_incidents(places_report(body, "Kahandamodara", "Ranna"), body)
    assert "father and son" not in kept and "Ranna" not in kept
    assert lead in kept and count in kept and "The lorry driver was arrested." in kept
    assert places_of_other_incidents(places_report(body, "Kahandamodara", "Ranna")) == {"ranna", "2"}
    # Without the count, a sentence opening on a day is the report's own; so is one that names its place.
    plain = f"{lead} {earlier}"
    assert body_without_other_incidents(places_report(plain, "Kahandamodara", "Ranna"), plain) == plain
    own = f"{lead} {count} On Tuesday morning, a bus hit a motorcycle at Kahandamodara too."
    assert body_without_other_incidents(places_report(own, "Kahandamodara"), own) == own


def test_a_street_only_another_incidents_telling_names_is_not_the_reports() -> None:
    def streets_kept(body: str) -> frozenset[str]:
        return streets_of(body_without_other_incidents(places_report(body, "Reno", "Sparks"), body))

    motel = "Crews were called to the 500 block of East Fourth Street in Reno."
    denial = "There was no indication of any connection to Tuesday's apartment fire on Prater Way in Sparks."
    assert streets_kept(f"{motel} {denial}") == streets_of(motel)
    # What a denial says before its cue is the report's own incident.
    own_first = (
        "The shooting of a woman on Elvis Presley Boulevard near Shelby Drive in Reno is not connected to Tuesday's "
        "killing at a gas station on Brooks Road."
    )
    assert (
        streets_kept(own_first)
        == streets_of(own_first.split(" is not connected", maxsplit=1)[0])
        != streets_of(own_first)
    )
    # "Separate" is a cue only as another incident's ("in a separate incident"), not "two separate places".
    origin = "The blaze started in two separate places in the rowhouse on Seamon Avenue in Reno."
    assert streets_kept(origin) == streets_of(origin)
    separate = "In a separate incident, a man was robbed on Kietzke Lane."
    assert streets_kept(f"{motel} {separate}") == streets_of(motel)
    # A suspect held for one robbery is "not a suspect in" another.
    not_a_suspect = "He is not a suspect in Friday's robbery of a gas station on Kietzke Lane."
    assert streets_kept(f"{motel} {not_a_suspect}") == streets_of(motel)


@pytest.mark.parametrize(
    "title",
    [
        "Search warrant in Riverton leads to two drug arrests",
        "Cannabis farm with more than 200 plants found in Chatham house",
        "Man arrested with heroin at the ferry jetty",
        "Police seize ganja worth Rs 2 lakh at checkpost",
        "Cannabis plantation uncovered, man charged in Chatham",
        "Two arrested as 640 kg of poppy husk recovered from truck on NH-52",
        # The local names of South and South-East Asia's police, and the Philippine sting.
        "RAB seizes 12,000 yaba tablets near the bus terminal, two held",
        "Border guards seize 1.2 kg brown sugar at the checkpoint, two held",
        "Two drug suspects nabbed in port buy-bust",
        "Man held with 200 bottles of phensedyl",
    ],
)
def test_drugs_found_in_a_raid_or_search_are_an_incident_of_their_own(title: str) -> None:
    # Not an arrest over whatever else the same police told of that week: a missing man found, a crash, a shooting.
    assert classify_text(title, "Officers said the investigation was continuing.").category == "drug_seizure"
    assert relation("drug_seizure", "missing") == relation("drug_seizure", "shooting") == "conflict"
    assert relation("drug_seizure", "arrest") == relation("drug_seizure", "trial") == "compatible"


@pytest.mark.parametrize(
    "title",
    [
        "RAB-8 arrests two with 4,000 yaba tablets in the town",
        "Two arrested after drug raid, task force says",
        # What the search turned up.
        "Task force search in Armuchee nets meth, fentanyl, guns; two arrested",
    ],
)
def test_an_arrest_whose_headline_names_the_drugs_is_the_raids(title: str) -> None:
    # However many arrests, charges and court dates the body tells.
    body = "The two men were arrested and charged. They were produced in court and remanded in custody after arrest."
    assert classify_text(title, body).category == "drug_seizure"


def test_a_spokespersons_name_is_no_detail_two_reports_share() -> None:
    # The agency's voice in every report it gives out, whichever incident it tells of: a victim's name is a detail.
    title = "Man stabbed to death outside Chatham spaza shop"
    body = (
        "A man was stabbed to death outside a spaza shop in Chatham on Tuesday night. Police spokesperson Captain "
        "Lerato Dube said Thabo Nkosi, 27, died in hospital.\n\nDube said a case of murder had been opened."
    )
    report = TaggedArticle(
        article=Article(id="a", title=title, body=body),
        language="en",
        actors=people_named(title, body, "Lerato Dube", "Thabo Nkosi"),
    )
    features = article_features(report, MatchConfig())
    every_name = text.details(text.detail_counts(body, excluded={"chatham"}), max_terms=30)
    spokesperson = set(text.details(Counter({"captain lerato dube": 1}), max_terms=30))
    victim = set(text.details(Counter({"thabo nkosi": 1}), max_terms=30))
    assert spokesperson <= every_name.keys()
    assert victim <= features.details.keys() and not spokesperson & features.details.keys()
    # Nor an actor two reports share: she speaks of every incident of her station.
    assert "name:thabo nkosi" in features.actor_keys and "name:lerato dube" not in features.actor_keys


@pytest.mark.parametrize(
    "title",
    [
        "Police capture man accused of knife attack on ex-partner in Sahagun",
        "Alleged gunman in murder of mototaxi driver captured",
        "Eleven captured in operation against drug-dealing network in southern Monteria",
        "Police captured 3 suspects in the El Prado area",
    ],
)
def test_a_capture_of_people_is_an_arrest(title: str) -> None:
    # As Latin American police and papers write an arrest in English.
    assert classify_text(title, "").category == "arrest"


def test_a_capture_of_a_place_or_of_fighters_stays_a_capture() -> None:
    for title in ("Rebels capture the town of Khan Sheikhoun", "Army captured two villages near Idlib"):
        assert classify_text(title, "").category == "capture"
