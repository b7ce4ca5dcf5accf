"""Finds place mentions in an article's spaCy Docs, resolves them to GeoNames rows by context, picks the event place."""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from spacy.tokens import Doc, Span, Token

from streams.actors.roles import ROLE_SECTORS
from streams.geo.fold import fold, loose
from streams.geo.gazetteer import CAPITAL_PRIOR, Candidate, Gazetteer
from streams.geo.index import KIND_ADMIN1, KIND_ADMIN2, KIND_CITY, KIND_CONTINENT, KIND_COUNTRY
from streams.geo.lexicon import (
    ARRIVAL_VERBS,
    CAPITALISED_RANKS,
    COMPASS_WORDS,
    COURT_WORDS,
    DISTRICT_HEADS,
    DISTRICT_WORDS,
    DIVISION_ADJECTIVES,
    DIVISION_NOUNS_BEFORE_NAMES,
    DIVISION_OFFICE_WORDS,
    DIVISION_WORD_OFFICES,
    DIVISION_WORDS,
    FACILITY_HEADS,
    FEATURE_NAME_HEADS,
    GENERIC_WORDS,
    KINSHIP_NOUNS,
    LOCATIVE_WORDS,
    MACRO_REGIONS,
    NEIGHBOURHOOD_SERVICE_WORDS,
    PERSON_TITLES,
    POSTAL_CODES,
    PROVINCE_ADJECTIVES,
    REGION_ADJECTIVES,
    RESIDENT_NOUNS,
    SETTLEMENT_WORDS,
    SLAVIC_PLACE_PREFIXES,
    TOWN_CENTRE_WORDS,
    TOWN_PART_NOUNS,
    TOWN_PART_WORDS,
    TOWN_STATION_WORDS,
    VEHICLE_COLOURS,
    VEHICLE_MAKES,
    VEHICLE_NOUNS,
    WIDER_LAND_DEMONYMS,
)
from streams.model import Article, FieldName, Location
from streams.nlp import read_doc
from streams.wordclass import NAME_PARTICLES, is_street_word, reads_as_name

FIELDS: tuple[FieldName, ...] = ("title", "body")
MAX_NGRAM = 6
# A bare capitalised name with no locative cue must be at least this well known to count as a place.
BARE_CITY_MIN_POPULATION = 100_000
PERSON_SPAN_CITY_MIN_POPULATION = 1_000_000
# A single word also seen as a person's first or last name is a place only if the city is at least this large.
PERSON_WORD_CITY_MIN_POPULATION = 500_000
# A doubtful name written this many times, a sizeable city's own name, is the city (`_named_often`).
NAMED_OFTEN = 3
# A city this large is what its name means even when a division shares the name ("New York").
BIG_CITY_POPULATION = 2_000_000
# A settlement this small is only believed abroad when something else in the article points to its country
# (GeoWebNews + TR-News: 1,000 changed nothing scored; 5,000, 10,000 and 20,000 dropped or unresolved only wrong
# readings, 10,000 and 20,000 the same ones but for a few).
STRAY_PLACE_MAX_POPULATION = 10_000
# The same for a name that neither the recogniser nor a word around it calls a place (`_small_for_its_words`).
UNPLACED_WORD_STRAY_MAX_POPULATION = 50_000
# How far from a county's point its places may lie, for "Banstead in Surrey" (most counties are smaller).
COUNTY_REACH_KM = 60.0
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
IGNORED_LABELS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "LANGUAGE"})
# Tokens that may sit inside a multi-word place name without being capitalised.
CONNECTORS = frozenset(
    {"of", "de", "del", "la", "le", "du", "des", "upon", "on", "sur", "am", "im", "der", "da", "do", "dos", "das", "di"}
    | {"and", "&", "-", "'", "\u2019", "en", "y", "bin", "bint"}
    | {"al", "el", "ez", "es", "ad", "ar", "as", "ash", "at", "az", "ul", "an"}
)
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s", "'", "\u2019"})
WAR_WORDS = frozenset({"war", "wars"})
# A denial of a link to another incident ("police say not linked to Kulachi attack"): the place after it is the other
# incident's. The negation within DENIAL_REACH tokens before the link word.
LINK_WORDS = frozenset({"linked", "connected", "related"})
LINK_VERBS = frozenset({"link", "connect", "tie"})  # "nothing to link X to Y": Y is the other incident
NEGATIONS = frozenset({"not", "no", "nothing", "never"})
DENIAL_REACH = 8
# From the "to" of "link X to" back to "link": X is a phrase ("Wednesday morning's shooting at a house in Ngunnawal").
LINKED_THING_REACH = DENIAL_REACH + 4
# Punctuation written inside a name ("Stratford-upon-Avon", "Ra's al-Ain").
NAME_DASHES = frozenset({"-", "\u2010", "\u2011"})
NAME_HYPHENS = NAME_DASHES | {"'", "\u2019"}
COUNTY_WORDS = frozenset({"county", "parish"})  # the last word of a county's name in full ("Suffolk County")
SAINT_WORDS = frozenset({"st", "st.", "saint", "ste", "ste."})
MAX_SAINT_BUILDING_WORDS = 4  # "St. Mark's Coptic Orthodox Cathedral"
# Words of a place's name written short with a dot: "St. Louis", "Sault Ste. Marie", "Ft. Lauderdale", "Mt. Vernon".
ABBREVIATED_NAME_WORDS = frozenset({"st", "ste", "ft", "mt"})
# Words that number the sections of a town or township after its name ("Diepsloot Ext 2", "Sector 62").
SECTION_WORDS = frozenset({"ext", "extension", "phase", "section", "zone", "sector"})
SETTLEMENT_PLURALS = frozenset({"cities", "towns", "villages", "settlements", "hamlets"})
# Leading words a folded key drops or rewrites, so the first word of a name cannot prune the n-gram search.
ARTICLE_WORDS = frozenset(
    {"the", "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "er", "en", "et"}
)
# Capitalised words that are place names somewhere but almost never in English prose.
CALENDAR_WORDS = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October"}
    | {"November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    | {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
    | {"Christmas", "Easter", "God", "Jesus"}
)

# The word right before a time zone's initials ("4:33 AM EST", "1:17pm EST"), which may spell a division elsewhere.
CLOCK_WORD = re.compile(r"(?:\d{1,2}(?::\d\d)?)?(?:am|pm|a\.m\.?|p\.m\.?)")

# Quotation marks around a title, as tokens (the tokenizer splits ``American Pie'' into "`", "`", ..., "''").
OPENING_QUOTES = frozenset({"``", "`", '"', "\u201c", "'", "\u2018"})
CLOSING_QUOTES = frozenset({"''", '"', "\u201d", "'", "\u2019"})
# Short words a title in title case leaves in lower case ("Angel in a White Coat").
TITLE_LINK_WORDS = frozenset({"a", "an", "the", "in", "of", "on", "at", "to", "for", "and", "or", "with", "from", "by"})
# Tokens around a word in a web address or slug ("www. site. com / news / brooklyn - fire").
SLUG_MARKS = frozenset({"/", "-", "_", ".", "=", "&", "?", "#"})

# Event place: how much a mention in the title, the lead, a dateline, or after "in"/"near" counts, and how much a
# city outranks a division, a country or a continent.
EVENT_TITLE_WEIGHT = 3.0
EVENT_LEAD_WEIGHT = 2.0
EVENT_DATELINE_WEIGHT = 1.0
EVENT_LOCATIVE_WEIGHT = 1.0
EVENT_CAPITAL_FACTOR = 0.5
EVENT_AGENCY_FACTOR = 0.5  # of the locative weight, for a place after "police in", "officials in"...
EVENT_NOUN_WEIGHT = 1.0  # a place right after an incident's noun and "in" ("the shooting in Mesa")
# Nouns that name an incident: the place "in" which one happened is its scene.
EVENT_NOUNS = frozenset(
    {"shooting", "stabbing", "attack", "attacks", "bombing", "blast", "explosion", "crash", "collision", "fire"}
    | {"blaze", "strike", "strikes", "airstrike", "raid", "ambush", "clashes", "fighting", "protest", "protests"}
    | {"riot", "riots", "killing", "killings", "murder", "robbery", "heist", "earthquake", "quake", "flooding"}
    | {"landslide", "avalanche", "derailment", "massacre", "kidnapping", "abduction", "shootout", "standoff"}
)
EVENT_SPECIFICITY = {KIND_CITY: 4.0, KIND_ADMIN2: 3.0, KIND_ADMIN1: 2.0, KIND_COUNTRY: 1.0, KIND_CONTINENT: 0.2}
# Rounds of re-choosing every reading with the places chosen in the round before as context.
CONTEXT_PASSES = 2
# Weights of the context score (units of prior; the prior of a country is 4, of a 1M-people city 3).
W_SAME_COUNTRY = 1.2
W_SAME_ADMIN1 = 1.0
# A town this many times smaller than a city of its name in the same country, that city at least this big, takes no
# support from its division: "Portland" amid Texas places is still Oregon's (650,000 people) and not Portland, Texas
# (16,000); a writer meaning the small one says "Portland, Texas".
DWARFED_RATIO = 30
DWARFING_CITY_MIN_POPULATION = 300_000
W_NEIGHBOUR_COUNTRY = 0.4
# A town within this reach of a small town the article surely names is the one the story is about: "London" in a
# story that names St. Thomas, Ontario (25 km away) is London, Ontario, though London, England is 20 times bigger.
NEARBY_TOWN_KM = 50.0
# Two towns of one name this near each other are one place as far as where it is goes (`Mention.place_margin`).
NAMESAKE_NEXT_DOOR_KM = 15.0
W_NEARBY_TOWN = 1.0
# What a second-level division gains over a foreign namesake town when the article's places lie in its region (the
# division's prior, 1.2, stands for a bare county name, which is more often a town's).
W_COUNTY_IN_REGION = 0.5
# Words before a name that say it is where something happens; fewer than LOCATIVE_WORDS, because a person can be
# "at" or "to" someone and "from" says who sent something.
PLACING_WORDS = frozenset({"in", "near", "outside", "around"})
# Verbs of striking a place from afar or raiding it: the town after one lies where the article's places are (a person
# is "attacked" or "hit", not shelled).
STRIKING_VERBS = frozenset({"shelled", "bombed", "bombarded", "pounded", "struck", "targeted", "raided"})
# Verbs of taking or striking a place: the name after one is a city more often than a person, which the small model
# labels many a city after them ("rebels seized Goma").
TAKING_VERBS = frozenset(
    {"seized", "captured", "recaptured", "retook", "entered", "stormed", "overran", "besieged", "encircled"}
    | STRIKING_VERBS
)
# The letters a one-word name needs before a spelling of a town's name ("Misrata" of Misratah) is a strong reading.
MIN_SPELLED_WORD = 6
# Who speaks for a place in the news, "in" it: "police in X said" places the police, not the event.
AGENCY_NOUNS = frozenset(
    {"police", "officials", "authorities", "prosecutors", "investigators", "detectives", "spokesman", "spokeswoman"}
)
HOSPITAL_NOUNS = frozenset({"hospital", "hospitals", "infirmary"})
# How South Asian news sends the wounded to a bigger town's hospital: "referred to Lucknow", "shifted to Multan".
TREATMENT_TRANSFERS = frozenset({"referred", "shifted"})
# Nouns of a part of a place: "the coast of X", "the outskirts of X" put the scene in X (unlike "north of X").
PLACE_PART_NOUNS = frozenset(
    {"coast", "coasts", "outskirts", "shores", "streets", "centre", "center", "heart", "suburb", "neighborhood"}
    | {"neighbourhood"}
)
COAST_DIRECTIONS = COMPASS_WORDS | {"central"}  # "the Central Coast" of British Columbia, of New South Wales
LAND_WORDS = frozenset({"territory", "territories"})  # division words that also name a country's land
# Nouns of a part of a named place that the name after "of" names: "the Cincinnati suburb of West Chester". Not
# "district": "the Mayadin district of Deir ez-Zor" is Mayadin's.
NAMED_PART_NOUNS = frozenset({"suburb", "neighborhood", "neighbourhood"})
# Words after a country's name or adjective that make the sentence about its border: "near the Turkish border".
BORDER_WORDS = frozenset({"border", "frontier", "borders"})
# A single word with a digit, a symbol or a capital after a small letter is a product's or a firm's name: no place
# the gazetteer lacks is written so in news ("IoTX", "FusionGPS", "T*SOL", "GT3"), but for the prefixes of family
# names that places take ("McFarland", "DeKalb", "LaGrange").
PRODUCT_NAME_RE = re.compile(r"\d|[^\w.'\u2019-]|[a-z][A-Z]")
NAME_PREFIX_RE = re.compile(r"(?:Mc|Mac|De|Di|Du|La|Le|Van)[A-Z][a-z]")
# A town's own forces, named after it: "Akron police", "Dayton firefighters", "the Gresham Police Department".
TOWN_FORCE_NOUNS = frozenset({"police", "firefighters", "fire"})
# A federal or provincial force's detachment, named after its town in capitals: "Smithers RCMP", "Kenora OPP".
DETACHMENT_FORCES = frozenset({"rcmp", "opp"})
# The words that place a division of a country by direction alone: "North District", "Central Region".
DIRECTION_WORDS = REGION_ADJECTIVES | {"far", "upper", "lower"}
# The capitalised nouns that end a force's own name: "Cleveland Police", "Durham Constabulary".
FORCE_NAME_NOUNS = frozenset({"police", "constabulary"})
# What follows a dateline's place: "KAYA, 15 March -", "BEIRUT (Reuters) -", and the long dashes.
DATELINE_MARKS = frozenset({",", "-", "\u2014", "\u2013", "("})
# The labels of a press release's form, which a colon follows as it follows a dateline's town ("Date: Tuesday").
FORM_LABELS = frozenset({"date", "time", "agency", "location", "venue", "place", "source", "name", "contact", "media"})
MAX_DATELINE_WORDS = 8  # "RAS AL-AIN, Syria": the capitals, with the dots and apostrophes of abbreviations
# The heading of a press release, whose first line names its issuer (`Mention.issuer`).
RELEASE_HEADING_RE = re.compile(r"\s*(?:press|media|news)\s+(?:release|statement)\b", re.IGNORECASE)
# A town's fire service before its rank or department: "Russiaville Fire Chief", "Kokomo Fire Department".
FIRE_SERVICE_WORDS = frozenset({"fire", "rescue"})
FIRE_SERVICE_RANKS = frozenset({"chief", "captain", "marshal", "department", "dept", "district"})
# The words after "Police" that make it a town's department, not a force of its own name.
DEPARTMENT_WORDS = frozenset({"department", "dept", "dept."})
# Verbs of saying: the name before one speaks, so it is a person or an organisation unless a government's seat.
SPEECH_VERBS = frozenset({"said", "says", "told", "tweeted", "wrote", "added", "argued", "explained", "insisted"})
# Nouns after a name that only a place takes ("Java island", "the al-Tanf area").
FEATURE_WORDS = frozenset({"island", "islands", "valley", "river", "mountains", "district", "area"})
# Words a place's name ends in, whatever its first word: "Jackson Heights" is no person however the article names him.
PLACE_NAME_HEADS = (
    DISTRICT_HEADS
    | DISTRICT_WORDS
    | DIVISION_WORDS
    | FACILITY_HEADS
    | FEATURE_NAME_HEADS
    | FEATURE_WORDS
    | SETTLEMENT_WORDS
    | {"canal", "creek", "bay", "beach", "lake", "lagoon", "bayou", "pond", "forest", "mountain", "coast", "falls"}
)
# Words opening a natural feature's name: the name after one is the feature's, not a town's or a country's ("River
# Thames" is not Thames, New Zealand; "Mount Kenya", "Lake Victoria").
FEATURE_PREFIXES = frozenset({"river", "lake", "loch", "lough", "mount", "mt", "mt.", "cape", "lac"})
# A name listed with a place ("Kharkiv, Kherson and Zaporizhzhia") is taken as a place when it has a reading in the
# place's country: any division, or a town of at least this many people.
MIN_LISTED_POPULATION = 10_000
MAX_LISTED_WORDS = 4
LIST_SEPARATORS = frozenset({",", "and", "or", "&"})
LISTING_SEPARATORS = frozenset({"and", "or", "&", ", and", ", or"})  # between two listed names
LIST_CONTAINER_WORDS = frozenset({"in", "across"})
# Context weight of a people named in the plural: that of a place named once but not surely resolved.
PEOPLE_WEIGHT = 0.5
W_EXPLICIT_CONTAINER = 5.0
# After a name, a division as abbreviated in datelines ("PLYMOUTH CO. -").
DIVISION_ABBREVIATIONS = frozenset({"co.", "co", "cnty.", "cnty"})
W_COUNTY_PAIR = 2.0  # a town and a county named apart that hold each other (Mention.county_pair_rows)
W_DIVISION_WORD = 3.0
W_DIVISION_TYPE = 1.0  # the division word is the type of the division ("Punjab state": India's)
W_SETTLEMENT_WORD = 1.5
# A name listed with a division of a country, or with a country, takes a reading of that kind: "Oregon and
# Washington" are two states (not Oregon and the capital), "Armenia and Georgia" two countries.
W_LISTED_KIND = 4.0
# A country's name that also names a division, written as a modifier ("a Georgia man"), leans to the division by this
# much beyond what its sister divisions' places would give.
W_ATTRIBUTIVE_DIVISION = 2.0
W_LOOSE_ONLY = -1.0
# A reading only spelled like the name, beside a town of at least this many people of that very name ("Derry" beside
# Dili): enough to outweigh a capital's prior, not a namesake the article's places support.
W_LOOSE_BESIDE_A_TOWN_SO = -2.0
SIZEABLE_TOWN_SO = 10_000
W_ALTERNATE_ONLY = -1.0
W_ALTERNATE_OF_A_DIVISION = -3.0  # a division's own name against a town's other name, in one country
ALTERNATE_ONLY_SIZE_FACTOR = 2.0  # GeoWebNews, TR-News: 1.0 and 2.0 equal but for one TR-News place (2.0 right)
# A web address opening a line, as converters of web pages put it first ("http: / / www. bbc. co. uk / ..."), and
# the marks that may stand between its words.
WEB_ADDRESS_MARKS = SLUG_MARKS | {",", ":", ";", "%", "+", "~", "'", "\u2019"}
WEB_ADDRESS_START_RE = re.compile(r"^[ \t]*(?:https?[ \t]*:|www[ \t]*\.)", re.MULTILINE)
MAX_OWNER_WORDS = 4  # the longest possessive owner's name tried ("Deir ez-Zor province's")
POSSESSIVE_OWNER_REACH_KM = 100.0  # "Gaza's Khan Younis": a city's possessive places a name this near it
SURE_MARGIN = 0.5  # a reading this far ahead of the next is taken as settled
# A street's namesake town counts half as context unless its name settles it alone ("Hertford Road" in London):
# streets are named after people and faraway towns too.
STREET_CONTEXT_FACTOR = 0.5
STREET_NAMESAKE_REACH_KM = 161.0


@dataclass(slots=True)
class Mention:
    """One candidate place mention in a field, with the gazetteer rows it may mean."""

    field_name: FieldName
    key: str  # folded name: mentions of one name share a reading and never support themselves
    start: int
    end: int
    text: str
    candidates: list[Candidate]
    sentence: int
    evidence: str  # how it was found: "ner", "ngram", "demonym", "abbreviation"
    label: str = ""
    container_rows: list[int] = field(default_factory=list)  # rows named right after it: "Paris, Texas"
    contained_rows: list[int] = field(default_factory=list)  # rows of the name before it: "Paris" for "Texas"
    # Countries whose border the sentence names ("a rebel-held town near the Turkish border"): a town just across it
    # is no stray.
    border_countries: frozenset[str] = frozenset()
    # The division or country named right after a comma, when no list runs through the two ("Kuriga, Kaduna state"),
    # or the country whose adjective comes right before it ("the French Alps").
    container: Mention | None = None
    division_word: bool = False
    division_noun: str = ""  # the division word itself, singular ("state" of "Plateau state"), when written after
    settlement_word: bool = False
    forced_row: int | None = None  # demonyms and abbreviations name exactly one row
    static_scores: list[float] | None = None
    dwarfed: frozenset[int] = frozenset()  # candidate towns a big same-country namesake dwarfs (DWARFED_RATIO)
    locative: bool = False  # after "in", "near", "at"...: where something happens
    agency_seat: bool = False  # after "police in", "officials in"...: where those who speak sit, a weaker scene
    after_event_noun: bool = False  # "the shooting in Mesa": the scene of the incident the article reports
    near_at: int | None = None  # where the "near" before it starts, if one is: "Bilytske near Dobropillia"
    in_longer_name: bool = False  # a capitalised name word touches it: "Real" of "Real Madrid", "White" of "Jack White"
    dateline: bool = False  # the place a wire report is filed from ("BEIRUT (Reuters) -")
    doubtful: bool = False  # kept only if a candidate lies where the article's other places are
    stray: bool = False  # its best reading is a small place far from the article's and the NER did not call it a place
    given_name: bool = False  # the word opens a person's name in the article ("Georgia" of "Georgia Stevens")
    # Written as a modifier after "a" ("a Georgia man", "a Georgia judge"), as news writes a state's name; a country
    # takes its adjective there ("a Georgian man").
    attributive: bool = False
    street: bool = False  # it opens a street's name ("Hoover Avenue"): a place of its own, never the scene
    # It opens a street's or a building's name ("Claremont Road", "Grant Medical Center"): named after a town or a
    # person, perhaps far away.
    named_after: bool = False
    # It opens a court's name ("Pima County Superior Court", "Preston Crown Court"): where a case is heard, never
    # where the crime was.
    court: bool = False
    # After a verb of striking ("shelled", "fired on"): a town of a country the article is in.
    struck: bool = False
    # A coast named by its direction ("West Coast", "East Coast"): the coast of the country the story is in, whatever
    # division carries the name elsewhere (Western Australia's alternate name is "West Coast").
    coast: bool = False
    # A part of a longer name: after a compass word ("Midlands" of "West Midlands"), or of a place span the gazetteer
    # lacks ("Zara" of "Ain Zara"). It lies in a country the article's other places are in: Zimbabwe's Midlands is no
    # part of the West Midlands, nor Zadar (Zara in Italian) of a district of Tripoli.
    name_part: bool = False
    district: bool = False  # a part of a town ("the South Side", "the Linden neighborhood"): only near the others
    # A part of a town only by the capitalised "Town" after it ("Fraser Town", "Cox Town"), which also ends towns'
    # own names in Indian and Irish news ("Deoghar Town police station", "Cavan Town").
    district_by_town_word: bool = False
    town_force: bool = False  # its police or fire service follows ("Akron police said")
    # It opens a force's own name ("Cleveland Police", "Thames Valley Police"): named after a region, often one the
    # gazetteer lacks, so no town abroad when the rest of the article is elsewhere.
    names_a_force: bool = False
    residence: bool = False  # where someone lives ("a man from Hulme"): in the body, the scene only if nothing else is
    placed_elsewhere: bool = False  # its loose readings kept only because the article places its name elsewhere
    treated: bool = False  # where the wounded were sent ("referred to Lucknow"): the scene only if nothing else is
    # Where a press release's issuer sits, in its heading ("PRESS RELEASE - Bangladesh Coast Guard, East Zone,
    # Chattogram"): the office that tells of every incident of its area, the scene only if nothing else is.
    issuer: bool = False
    war: bool = False  # a war's name ("since the start of the Gaza war", "its war in Gaza"): background, not a scene
    denied: bool = False  # after a denial of a link ("not linked to Kulachi attack"): another incident's, no scene
    # A demonym naming a country's capital ("in the Syrian capital"): the country among the places, the capital as
    # a scene. The words naming it and where they end; `locative` then tells whether a word before "the" placed it.
    capital_words: tuple[str, int] | None = None
    # Readings that a county named elsewhere in the article holds, or counties holding a town named elsewhere ("Lima
    # police ... in Allen County": Lima, Ohio and Allen County, Ohio read each other).
    county_pair_rows: frozenset[int] = frozenset()
    listed_with: list[Mention] = field(default_factory=list)  # names listed beside it ("Oregon and Washington")
    # The name whose possessive it follows ("Gaza" of "Gaza's Khan Younis"): where that name lies in the text, and
    # its mention once `_link_possessive_owners` has found it.
    owner_span: tuple[int, int] | None = None
    owner: Mention | None = None
    # What stands for the name if it is doubtful and not kept: the recogniser's whole span, unresolved.
    fallback: Mention | None = None
    chosen: int | None = None
    score: float = 0.0
    margin: float = 0.0
    place_margin: float = 0.0  # the margin over the best reading elsewhere (not holding it, nor held by it)


@dataclass(slots=True)
class _Context:
    """The article's resolved places, as support for readings of the other names."""

    countries: dict[str, float]
    admin1s: dict[int, float]
    by_name: dict[str, tuple[str, int, float, float]]  # name -> its own (country, admin1, weights) share
    sure_towns: dict[str, int] = field(default_factory=dict)  # name -> the town it surely names

    def country_support(self, key: str, country_code: str) -> float:
        """The weight of the article's places in a country, without the share of the name `key` itself (a name
        repeated cannot vote for its own first guess)."""
        own_cc, _, own_w, _ = self.by_name.get(key, ("", -1, 0.0, 0.0))
        return self.countries.get(country_code, 0.0) - (own_w if country_code == own_cc else 0.0)

    def admin1_support(self, key: str, admin1_row: int) -> float:
        """The weight of the article's places in a first-level division, without the share of the name `key`."""
        _, own_a1, _, own_a1_w = self.by_name.get(key, ("", -1, 0.0, 0.0))
        return self.admin1s.get(admin1_row, 0.0) - (own_a1_w if admin1_row == own_a1 else 0.0)

    def nearby_towns(self, gaz: Gazetteer, key: str, row: int) -> int:
        """How many other names surely name a town within `NEARBY_TOWN_KM` of `row`."""
        return sum(
            other != key and gaz.distance_km(town, row) <= NEARBY_TOWN_KM for other, town in self.sure_towns.items()
        )


@dataclass(slots=True)
class _FieldView:
    """What the mention finders share about one field: its text, tokens and the names seen as people in it."""

    name: FieldName
    text: str
    toks: _Tokens
    words: _NameWords
    place_hint: dict[int, int]  # token inside a GPE/LOC/FAC span that did not resolve as a whole -> the span's end
    person_span: dict[int, tuple[int, int]]  # token inside a PERSON span of two or more words -> the span
    release_heading_end: int  # where a body's press-release heading line ends (`_release_heading_end`), 0 if none


class LocationTagger:
    """Tags the places of an article: every mention (resolved or not) and the place of the reported event."""

    def __init__(self, gazetteer: Gazetteer, actor_names: Iterable[str] = ()) -> None:
        """`actor_names`: names of actors that are not places (news agencies, parties, armed groups, people)."""
        self.gaz = gazetteer
        self.actor_names = frozenset(fold(name) for name in actor_names)

    def tag(self, article: Article, docs: Mapping[FieldName, Doc]) -> tuple[list[Location], Location | None]:
        """All place mentions of the title and body (unresolved ones with null ids) and the event place, if any.

        `docs` holds the `streams.nlp.load_nlp()` Doc of each field; a missing Doc, or one of other text, skips
        that field. Offsets index the field's text: `article.text(loc["field"])[loc["start"]:loc["end"]]`.
        """
        fields = [
            (name, doc, text, _Tokens(doc, text))
            for name in FIELDS
            if (doc := docs.get(name)) is not None and (text := article.text(name)) and _doc_matches(doc, text)
        ]
        # Article-wide: a surname the body gives a person is a person in the title too ("Palin's Church Damaged").
        # The dateline's place is where the reporter files from, whatever person the recogniser also sees in its name:
        # "KAYA, 15 March - ... security sources told Kaya Matin" (a newspaper) leaves "Kaya" the town.
        filed_from = set().union(*(_dateline_words(toks) for name, _, _, toks in fields if name == "body"))
        words = _NameWords(
            person=set().union(
                *(_person_words(doc) for _, doc, _, _ in fields),
                *(self._speakers(toks) for _, _, _, toks in fields),
                *(_aged_names(toks) for _, _, _, toks in fields),
                # Not a headline's, whose every word is capitalised: "Cadillac President Says New Biturbo V8".
                *(_titled_surnames(toks) for name, _, _, toks in fields if name == "body"),
            )
            - filed_from,
            common=set().union(*(_prose_lower_words(toks) for _, _, _, toks in fields)),
            given=set().union(*(_given_names(doc) for _, doc, _, _ in fields)) - filed_from,
            alone=set().union(*(_words_alone(toks) for _, _, _, toks in fields)),
            placed=set().union(*(_words_placed(toks) for _, _, _, toks in fields)),
        )
        mentions: list[Mention] = []
        for name, doc, text, toks in fields:
            mentions.extend(self._find_mentions(name, doc, text, toks, words))
        peoples = self._peoples(toks for _, _, _, toks in fields)
        # A name the article also writes alone, as a place, is the town its "Town" ends: "Deoghar Town police" in a
        # report of a fire in Deoghar (read as a part of some town, it had left every "Deoghar" unresolved).
        alone = {m.key for m in mentions if not m.district}
        for m in mentions:
            if m.district_by_town_word and m.key in alone:
                m.district, m.settlement_word = False, True
        # One sense per article: "Linden" in the headline is the neighbourhood the body calls "the Linden neighborhood".
        districts = {m.key for m in mentions if m.district}
        for m in mentions:
            m.district |= m.key in districts
        confident = [m for m in mentions if not (m.doubtful or m.district)]
        self._resolve(confident, peoples)
        doubtful = [m for m in mentions if m.doubtful or m.district]
        if doubtful:
            context = self._context(confident, peoples)
            # A doubtful town and county that read each other are each other's evidence ("Lake County Sheriff's
            # Office deputies arrested a Waukegan woman": the small model calls Waukegan an organisation).
            self._pair_towns_with_counties(mentions)
            times = Counter(m.key for m in doubtful if not m.district)
            # A name the recogniser calls a person every time is a person's, however often ("Bush" is a city too).
            unlabelled_person = {m.key for m in doubtful if m.label != "PERSON"}
            kept = [
                m
                for m in doubtful
                if self._keep_paired(m)
                or self._fits_context(m, context)
                or self._unplaced_district(m)
                or (m.key in unlabelled_person and self._named_often(m, times[m.key]))
            ]
            kept += [m.fallback for m in doubtful if m.fallback is not None and m not in kept]
            if kept:
                mentions = sorted(confident + kept, key=lambda m: (m.field_name != "title", m.start))
                self._resolve(mentions, peoples)
            else:
                mentions = confident
        mentions = [m for m in mentions if not m.stray]
        self._unplace_faraway_namesakes(mentions)
        self._unplace_faraway_spellings(mentions)
        locations = [loc for loc in (self._location(m, article) for m in mentions) if loc is not None]
        locations.sort(key=lambda loc: (loc["field"] != "title", loc["start"]))
        return locations, self._event_location(mentions, locations)

    # ---- finding mentions -------------------------------------------------------------------------------------

    def _find_mentions(self, name: FieldName, doc: Doc, text: str, toks: _Tokens, words: _NameWords) -> list[Mention]:
        person_span = {
            k: bounds
            for ent in read_doc(doc).ents
            if ent.label_ == "PERSON" and (bounds := _name_in(ent)) is not None
            for k in range(*bounds)
        }
        fv = _FieldView(
            name=name,
            text=text,
            toks=toks,
            words=words,
            place_hint={},
            person_span=person_span,
            release_heading_end=_release_heading_end(name, text),
        )
        n = len(toks.text)
        taken = [False] * n
        found: list[Mention] = []
        unresolved_places: list[tuple[int, int, str]] = []

        def claim(i: int, j: int) -> bool:
            if any(taken[i:j]):
                return False
            for k in range(i, j):
                taken[k] = True
            return True

        # 0. A web address is no prose: a slug's capitals name no place ("... / news / Man - held -
        # after - sister ..." is not Amman).
        for k in _web_address_tokens(toks, text):
            claim(k, k + 1)

        # Cars: "a Toyota HiLux", "a silver Holden" are no places, whatever the recogniser calls them (a person's
        # name aside: "Chevy Chase").
        for k, word in enumerate(toks.text):
            if word in VEHICLE_MAKES and k not in person_span and (end := _vehicle_name_end(toks, k)) is not None:
                claim(k, end)

        # Relatives named after the relation ("his wife Florence", "daughters Victoria and Savannah") are people.
        for start, end in _names_of_kin(toks):
            claim(start, end)

        # A compass word opening a street's name gives the street's direction: "West Chicago Avenue" is Chicago
        # Avenue's west part, not a road named after West Chicago, Illinois.
        # Only where the compass word and the name are a place's name too: "East Broad Street" stays one
        # unresolved street.
        for k, j in _street_compass_names(toks):
            if self.gaz.lookup(toks.surface(text, k, j)):
                claim(k, k + 1)

        # A feature named after a country or its people ("the Korean Peninsula", "the Niger Delta", "the French
        # Quarter") and a region of a wider land than a people's country ("Central American migrants"): one place
        # the gazetteer lacks, kept whole and unresolved, never the country, whatever label the recogniser gives.
        for i, j in self._regions_named_after_peoples(toks, text):
            if i == j:
                claim(i, i + 1)
            elif claim(i, j):
                found.append(self._mention(fv, i, j, evidence="ner", label="LOC", candidates=[]))

        # 1. Named-entity spans of any label: the small model calls many Middle-East towns PERSON or ORG.
        for ent in self._rejoined_entities(fv, doc):
            label = ent.label_
            if label in IGNORED_LABELS:
                if label == "LANGUAGE" and self.gaz.demonym_row(ent.text) is not None:
                    claim(ent.start, ent.end)  # "in English": a language, not England
                continue
            if label == "WORK_OF_ART" and _quoted(toks, ent.start, ent.end):
                claim(ent.start, ent.end)  # a quoted title names no place of the story: "American Pie" is a film
                continue
            bounds = _trim(toks, ent.start, ent.end)
            if bounds is None:
                continue
            i, j = bounds
            if j - i >= 3 and toks.lower[j - 2].rstrip(".") in SECTION_WORDS and toks.text[j - 1].isdigit():
                # "Diepsloot Ext 2", "Noida Sector 62": a numbered section of a place, which the place's name
                # before it says, whatever the recogniser called the whole ("Diepsloot Ext 2" is a PERSON to it).
                j, label = j - 2, "LOC"
            if (
                j < ent.end
                and toks.text[j] in POSSESSIVE_ENDINGS
                and fold(with_ending := toks.surface(text, i, j + 1)) != fold(toks.surface(text, i, j))
                and self._own_name(with_ending)
            ):
                j += 1  # no possessive: "St. John's" is a city's own name, and "St. John" other towns'
            surface = toks.surface(text, i, j)
            if not any(c.isalpha() for c in surface):
                continue  # a number the recogniser labelled a place ("288" of a street address) names no place
            demonym = self.gaz.demonym_row(surface) if j - i <= 2 else None
            if label == "NORP" or demonym is not None:
                if demonym is not None and claim(i, j):
                    found.append(self._mention(fv, i, j, evidence="demonym", label=label, forced=demonym))
                continue
            if label in PLACE_LABELS and (self._plain_word(fv, i, j) or self._role_noun(surface)):
                claim(i, j)  # nor an unresolved place: "told Us" is not Us, a French village
                continue
            if j < len(toks.text) and toks.cap[j] and _compass_part_name(toks, i, j):
                claim(i, j)  # a part of the place the next name names: "Northeast" of "Northeast Philly"
                continue
            mention = self._entity_mention(fv, i, j, label)
            if mention is not None and claim(i, j):
                found.append(mention)
            elif (
                mention is None
                and label in PLACE_LABELS
                and j - i >= 2
                and toks.lower[j - 1] in DISTRICT_HEADS
                and toks.cap[j - 1]
                and claim(i, j)
            ):
                # A part of a town the gazetteer lacks ("Moss Side", "South Side", "Hickory Hill"), whole: its first
                # word alone was kept as the place ("Moss"). It is its namesake's only when the article places that
                # town ("St. Louis Hills" is St. Louis's; Hickory, North Carolina is no part of Memphis).
                namesake = [] if _compass_words(toks, i, j - 1) else self.gaz.lookup(toks.surface(text, i, j - 1))
                district = self._mention(
                    fv, i, j, evidence="ner", label=label, candidates=[c for c in namesake if c.exact]
                )
                district.district = True
                found.append(district)
            elif mention is None and label in PLACE_LABELS and _names_a_person(toks, i, j, fv.words):
                claim(i, j)  # nor its words: "Reid" of "murder of Jaden Okafor Reid" is no suburb of Canberra
            elif mention is None and label in PLACE_LABELS and not surface.islower():
                # Not a lower-case word the recogniser called a place ("metro" of "St. Petersburg's metro").
                unresolved_places.append((i, j, label))
                fv.place_hint.update(dict.fromkeys(range(i, j), j))
            elif (
                mention is None
                and label in ("PERSON", "ORG")
                and self._unknown_name_placed_by_words(fv, i, j, label)
                and claim(i, j)
            ):
                # Whole, now: its parts would only find namesakes ("Deir" of "Deir Sharqi").
                found.append(self._mention(fv, i, j, evidence="ner", label=label, candidates=[]))

        # 2. Abbreviated divisions after a place: "Louisville, Ky.", "Austin, TX".
        for k in range(2, n):
            # After a comma ("Louisville, Ky.") or a locative word; two-letter postal codes only after a comma.
            after_comma = toks.text[k - 1] == ","
            # After a locative word only initials ("in B.C.", "in NSW"): "at Mass." is a church service.
            initials = toks.text[k].replace(".", "").isupper()
            if taken[k] or not toks.cap[k] or not (after_comma or (initials and toks.lower[k - 1] in LOCATIVE_WORDS)):
                continue
            row = self.gaz.abbreviation_row(toks.text[k])
            if row is None and after_comma and toks.text[k].replace(".", "").isalpha() and len(toks.text[k]) > 2:
                # "Alta" or "W.Va" when the tokenizer split off the last dot ("PRINCE, W.Va. - The body ...").
                row = self.gaz.abbreviation_row(toks.text[k] + ".")
            if (
                row is None
                and toks.text[k] in POSTAL_CODES
                and toks.text[k - 1] == ","
                # After a name ("Jonesboro, AR"), not initials after a clause ("In the ninth scene, AR, 27,").
                and toks.cap[k - 2]
                and not _before_an_age(toks, k + 1)
            ):
                row = self.gaz.admin1_row_of_iso("US-" + toks.text[k])
            if row is not None and claim(k, k + 1):
                found.append(self._mention(fv, k, k + 1, evidence="abbreviation", label="", forced=row))

        # 3. Capitalised token n-grams the NER missed, longest first.
        i = 0
        while i < n:
            if taken[i] or not toks.starts_name(i) or toks.lower[i] == "the":
                i += 1
                continue
            # No gazetteer name starts with this word: only a nationality adjective can start here.
            max_words = self.gaz.max_words_from(toks.text[i]) if toks.lower[i] not in ARTICLE_WORDS else MAX_NGRAM
            if not max_words:
                demonym_width = 2 if i + 1 < n and toks.cap[i + 1] and not taken[i + 1] else 1
                for j in range(i + demonym_width, i, -1):
                    row = self.gaz.demonym_row(toks.surface(text, i, j))
                    if row is not None:
                        claim(i, j)
                        found.append(self._mention(fv, i, j, evidence="demonym", label="", forced=row))
                        break
                i += 1
                continue
            width = min(MAX_NGRAM, 2 * max_words + 1)
            limit = i + 1
            while limit < n and limit - i < width and not taken[limit] and toks.inside_name(limit):
                limit += 1
            matched = False
            for j in range(limit, i, -1):
                if not toks.cap[j - 1]:
                    continue
                mention = self._ngram_mention(fv, i, j)
                if mention is not None:
                    claim(i, j)
                    found.append(mention)
                    i = j
                    matched = True
                    break
            if not matched:
                i += 1

        # 3b. Names listed with a place ("Kharkiv, Kherson and Zaporizhzhia", "Khan Younis and Rafah in southern
        # Gaza"): the small model calls many of them PERSON.
        found.extend(self._listed_places(fv, found, claim))

        # 4. A place span neither whole nor in part in the gazetteer stays, unresolved: the reader still sees it.
        for i, j, label in unresolved_places:
            # Not a person's name the NER called a place ("Modi", "Virginia Raggi", "Ms Raggi"), nor a known actor's.
            if all(toks.text[k] in words.person for k in range(i, j)) or toks.lower[i].rstrip(".") in PERSON_TITLES:
                continue
            if toks.text[i] == "Operation" or _in_an_operations_name(toks, i):
                continue  # "the headquarters of Operation Lafiya Dole in Maiduguri": an operation, not a place
            if j - i == 1 and PRODUCT_NAME_RE.search(toks.text[i]) and not NAME_PREFIX_RE.match(toks.text[i]):
                continue  # a product's or a firm's name ("IoTX", "FusionGPS", "T*SOL", "GT3"), not a place
            if _in_quoted_title(toks, i, j):
                continue  # a title's words: "the Ball Game" of "Take Me Out to the Ball Game"
            if fold(toks.surface(text, i, j)) not in self.actor_names and claim(i, j):
                found.append(self._mention(fv, i, j, evidence="ner", label=label, candidates=[]))

        found.sort(key=lambda m: m.start)
        self._mark_borders(found, text)
        _share_plural_division_words(found, text)
        _link_listed_names(found, text)
        _link_possessive_owners(found)
        self._attach_containers(found, text)
        return found

    def _mark_borders(self, mentions: list[Mention], text: str) -> None:
        """Give each mention the countries whose border its sentence names: "near the Turkish border", "near the
        border with Turkey"."""
        borders: dict[int, set[str]] = defaultdict(set)
        gaz = self.gaz
        for m in mentions:
            rows = [m.forced_row] if m.forced_row is not None else [c.row for c in m.candidates if c.exact]
            row = next((r for r in rows if gaz.kind[r] == KIND_COUNTRY), None)  # "Turkey", not Turkey, Texas
            if row is None:
                continue
            following = text[m.end : m.end + 12].split()[:1]
            preceding = [w.lower() for w in text[max(0, m.start - 14) : m.start].split()[-2:]]
            if (following and following[0].rstrip(".,;:").lower() in BORDER_WORDS) or (
                len(preceding) == 2 and preceding[0] in BORDER_WORDS and preceding[1] in ("with", "of")
            ):
                borders[m.sentence].add(gaz.country_code[row])
        for m in mentions:
            if m.sentence in borders:
                m.border_countries = frozenset(borders[m.sentence])

    def _listed_places(self, fv: _FieldView, found: list[Mention], claim: Callable[[int, int], bool]) -> list[Mention]:
        """Names in a list with a sure place, or in a list placed "in" it, that have a reading in its country.

        A list ("X, Y and Z") names things of one kind, and "X and Y in (southern) Z" places X and Y inside Z; only
        readings in a country of the anchor's readings count (a town, if at least MIN_LISTED_POPULATION people).
        """
        toks, gaz = fv.toks, self.gaz
        first_token = {offset: k for k, offset in enumerate(toks.idx)}
        spans = {id(m): (first_token.get(m.start, -1), bisect.bisect_left(toks.idx, m.end)) for m in found}
        doubtful_from = {spans[id(m)][0]: m for m in found if m.doubtful}
        doubtful_to = {spans[id(m)][1]: m for m in found if m.doubtful}
        added: list[Mention] = []

        def listed(edge: int, countries: set[str], forward: bool) -> tuple[int, int] | None:
            # A name already found but doubtful ("Kherson" alone needs its division named) is sure in such a list.
            known = (doubtful_from if forward else doubtful_to).get(edge)
            if (
                known is not None
                and len(known.text) >= 3  # not initials ("Ky" of "Ky.")
                and any(self._listable(c, countries) for c in known.candidates)
            ):
                known.doubtful = False
                return spans[id(known)]
            found_here = self._listed_span(fv, edge, countries, forward=forward)
            if found_here is None or not claim(*found_here[0]):
                return None
            span, candidates = found_here
            added.append(self._mention(fv, *span, evidence="list", label="", candidates=candidates))
            return span

        for anchor in found:
            a, b = spans[id(anchor)]
            if a < 0 or anchor.doubtful or anchor.evidence == "demonym" or not anchor.candidates:
                continue
            countries = {gaz.country_code[c.row] for c in anchor.candidates}
            k = b  # rightwards: ", Y and Z"
            while (after := _skip_separators(toks, k, 1)) > k and (span := listed(after, countries, True)):
                k = span[1]
            k = a  # leftwards: "X, Y and" before the anchor, or "X and Y in (southern)" before it
            if k >= 1 and toks.lower[k - 1] in LIST_CONTAINER_WORDS:
                k -= 1
            elif k >= 2 and toks.lower[k - 2] in LIST_CONTAINER_WORDS and not toks.cap[k - 1] and toks.alpha[k - 1]:
                k -= 2
            if k < a:
                if not (span := listed(k, countries, False)):
                    continue
                k = span[0]
            while (before := _skip_separators(toks, k, -1)) < k and (span := listed(before, countries, False)):
                k = span[0]
        return added

    def _listable(self, c: Candidate, countries: set[str]) -> bool:
        gaz = self.gaz
        return gaz.country_code[c.row] in countries and (
            gaz.kind[c.row] != KIND_CITY or gaz.population[c.row] >= MIN_LISTED_POPULATION
        )

    def _listed_span(
        self, fv: _FieldView, edge: int, countries: set[str], *, forward: bool
    ) -> tuple[tuple[int, int], list[Candidate]] | None:
        """The longest whole capitalised name starting (forward) or ending (backward) at `edge` that has a reading
        in one of `countries`, with its readings."""
        toks = fv.toks
        n = len(toks.text)
        spans = (
            [(edge, j) for j in range(min(n, edge + MAX_LISTED_WORDS), edge, -1)]
            if forward
            else [(i, edge) for i in range(max(0, edge - MAX_LISTED_WORDS), edge)]
        )
        for i, j in spans:
            if not all(toks.cap[k] and toks.alpha[k] for k in range(i, j)):
                continue
            if (i > 0 and toks.cap[i - 1] and toks.alpha[i - 1]) or (j < n and toks.cap[j] and toks.alpha[j]):
                continue  # part of a longer name
            if (head := _hyphenated_from(toks, i)) is not None and self._tails_a_hyphenated_name(toks.text[head]):
                continue  # the tail of one ("Reid" of "Jaden Okafor-Reid in Croydon")
            surface = toks.surface(fv.text, i, j)
            word = toks.text[i]
            if j - i == 1 and (word in GENERIC_WORDS or word.rstrip(".") in CALENDAR_WORDS or len(word) < 3):
                return None
            if j - i == 1 and (word in fv.words.person or word in fv.words.given):
                return None  # a list of people beside a place: "Allen, Booker and ..."
            candidates = self._lookup(surface)
            if not candidates or self._names_an_actor(surface, candidates):
                continue
            if any(self._listable(c, countries) for c in candidates):
                return (i, j), candidates
        return None

    def _rejoined_entities(self, fv: _FieldView, doc: Doc) -> list[Span]:
        """The recogniser's entities, rejoined where it splits a place's name it does not know, and the parts alone
        are other places: two touching ones, or two joined by a connector such as "and", when one is a place or the
        whole a country ("Boa" GPE + "Vista" ORG, not Vista, California; "Trinidad" GPE and "Tobago" PERSON, not
        Trinidad, Colorado), and one stopping inside a hyphenated name ("Stratford" of "Stratford-upon-Avon", not
        Stratford, Connecticut) or a country's ("Sao Tome" of "Sao Tome and Principe"), and a word written short and
        the name after its dot ("ST" + "LOUIS" of a dateline was Louisville, Illinois). Only where the whole is
        exactly a place's name."""
        toks = fv.toks
        entities = [part for ent in read_doc(doc).ents for part in self._split_at_possessive(fv, doc, ent)]
        joined: list[Span] = []
        k = 0
        while k < len(entities):
            ent = entities[k]
            limit = entities[k + 1].start if k + 1 < len(entities) else len(toks.text)
            if k + 1 < len(entities):
                after = entities[k + 1]
                labels = {ent.label_, after.label_}
                # Or a saint's word written short closes the first: "Sault Ste." ORG + "Marie" PERSON.
                abbreviated = (after.start == ent.end + 1 and _abbreviation_dot(toks, ent.end)) or (
                    after.start == ent.end and toks.lower[ent.end - 1] in SAINT_WORDS
                )
                if (
                    after.start == ent.end
                    or (after.start == ent.end + 1 and toks.lower[ent.end] in CONNECTORS)
                    or abbreviated
                ) and not labels & IGNORED_LABELS:
                    readings = [c for c in self.gaz.lookup(toks.surface(fv.text, ent.start, after.end)) if c.exact]
                    # Two organisations or people make a place only as a country ("Sao Tome" ORG, "Principe" ORG),
                    # or as one name written short ("MT" ORG, "VERNON" ORG).
                    if readings and (
                        labels & PLACE_LABELS
                        or abbreviated
                        or any(self.gaz.kind[c.row] == KIND_COUNTRY for c in readings)
                    ):
                        label = next((x for x in (ent.label_, after.label_) if x in PLACE_LABELS), "GPE")
                        joined.append(Span(doc, ent.start, after.end, label=label))
                        k += 2
                        continue
            if ent.label_ not in IGNORED_LABELS:
                floor = joined[-1].end if joined else 0
                longer_start = self._longer_name_start(fv, ent.start, ent.end, floor)
                start = ent.start if longer_start is None else longer_start  # 0 is a start: "FT. LAUDERDALE"
                longer_end = self._longer_name_end(fv, start, ent.end, limit)
                end = ent.end if longer_end is None else longer_end
                if (start, end) != (ent.start, ent.end):
                    ent = Span(doc, start, end, label="GPE")
            joined.append(ent)
            k += 1
        return joined

    def _split_at_possessive(self, fv: _FieldView, doc: Doc, ent: Span) -> list[Span]:
        """An entity the recogniser ran across a possessive ("Port-au-Prince's Cite Soleil") as its two names, when
        the owner is a well-known place (a country, a division or a city of 100,000) and the whole is no place's
        name ("King's Lynn" is one)."""
        toks = fv.toks
        for k in range(ent.start + 1, ent.end - 1):
            if toks.text[k] in POSSESSIVE_ENDINGS:
                owner = toks.surface(fv.text, ent.start, k)
                if self._own_name(toks.surface(fv.text, ent.start, ent.end)) or not self._well_known(owner):
                    return [ent]
                return [Span(doc, ent.start, k, label=ent.label_), Span(doc, k + 1, ent.end, label=ent.label_)]
        return [ent]

    def _possessive_owners(self, toks: _Tokens, text: str, i: int) -> list[int]:
        """The well-known readings (countries, divisions, cities of 100,000) of the name whose possessive token i
        follows: "Gaza's Khan Younis" (a person to the small model) lies in or near Gaza, and "Brownsville's Howard
        housing projects" not in Howard, Wisconsin; so does "Deir ez-Zor province's Mayadin" in its province. Empty
        when no such possessive comes before."""
        owner = _possessive_owner(toks, i)
        if owner is None:
            return []
        start, end = owner
        for first in range(start, end):  # the longest name first: "Deir ez-Zor"
            if toks.cap[first] and (readings := self._well_known_readings(toks.surface(text, first, end))):
                return readings
        return []

    def _near_or_in(self, owner: int, row: int) -> bool:
        """Whether `row` lies in the country or division `owner`, or within reach of the city `owner`."""
        if self.gaz.kind[owner] == KIND_CITY:
            return self.gaz.distance_km(owner, row) <= POSSESSIVE_OWNER_REACH_KM
        return _contains(self.gaz, owner, row)

    def _well_known(self, name: str) -> bool:
        return bool(self._well_known_readings(name))

    def _well_known_readings(self, name: str) -> list[int]:
        """The readings named exactly so that make a name well known: countries, divisions, cities of 100,000."""
        key = fold(name)
        return [c.row for c in self.gaz.lookup(name) if self._named_so(c, key) and self._well_known_row(c.row)]

    def _well_known_row(self, row: int) -> bool:
        """A country, a first-level division or a city of 100,000 (`BARE_CITY_MIN_POPULATION`)."""
        gaz = self.gaz
        return gaz.kind[row] in (KIND_COUNTRY, KIND_ADMIN1) or gaz.population[row] >= BARE_CITY_MIN_POPULATION

    def _longer_name_end(self, fv: _FieldView, start: int, end: int, limit: int) -> int | None:
        """The end of the longest place name that an entity opens and the recogniser cut short: a hyphenated name
        ("Stratford" + "-upon-Avon"), a name written short ("ST" + ". CATHARINES"), a country's or division's ("Sao
        Tome" + "and Principe"), or a place's own name across a possessive ("King" + "'s Lynn"); None if none."""
        toks = fv.toks
        best = None
        hyphenated = True
        possessive = False
        # A saint's word the recogniser took alone for the place: "St." of "near St. Peter" (Sète, by a French
        # alternate name).
        abbreviated = toks.lower[end - 1] in SAINT_WORDS
        for k in range(end + 1, min(limit, end + MAX_NGRAM) + 1):
            last = k - 1
            touching = toks.touches_previous(last)
            hyphenated = hyphenated and touching
            possessive |= toks.text[last] in POSSESSIVE_ENDINGS
            dot = _abbreviation_dot(toks, last)
            abbreviated |= dot
            if not (touching or toks.cap[last] or toks.lower[last] in CONNECTORS) or (
                toks.punct[last] and toks.text[last] not in NAME_HYPHENS and not dot
            ):
                break  # a comma ends the name: "Stratford, Warwickshire" is two
            if not toks.alpha[last] or not (hyphenated or toks.cap[last]):
                continue
            surface = toks.surface(fv.text, start, k)
            readings = [c for c in self.gaz.lookup(surface) if c.exact]
            if readings and (
                hyphenated
                or abbreviated
                or any(self.gaz.kind[c.row] in (KIND_COUNTRY, KIND_ADMIN1) for c in readings)
                or (possessive and self._own_name(surface))
                # A town named with a compass word, cut before it: "in Palmerston North on Tuesday" is not Palmerston
                # in Otago.
                or (k == end + 1 and toks.lower[last] in COMPASS_WORDS and self._own_name(surface))
            ):
                best = k
        return best

    def _longer_name_start(self, fv: _FieldView, start: int, end: int, floor: int) -> int | None:
        """The start of the longest place's own name that ends with an entity the recogniser cut short before a
        possessive, a capitalised word or a short word's dot ("Lynn" of "King's Lynn", a PERSON; "LAUDERDALE" of
        "FT. LAUDERDALE"); None if none."""
        toks = fv.toks
        best = None
        for k in range(start - 1, max(floor, start - MAX_NGRAM) - 1, -1):
            if toks.lower[k] in ARTICLE_WORDS or not (
                toks.cap[k]
                or toks.text[k] in POSSESSIVE_ENDINGS
                or toks.lower[k] in CONNECTORS
                or _abbreviation_dot(toks, k)
            ):
                break  # "The Post" is no longer a name than "Post"
            if toks.cap[k] and toks.alpha[k] and self._own_name(toks.surface(fv.text, k, end)):
                best = k
        return best

    def _mention(
        self,
        fv: _FieldView,
        i: int,
        j: int,
        *,
        evidence: str,
        label: str,
        candidates: list[Candidate] | None = None,
        forced: int | None = None,
    ) -> Mention:
        toks, text = fv.toks, fv.text
        if forced is not None:
            candidates = [Candidate(forced, True)]
        start, end = toks.idx[i], toks.end_char(j - 1)
        mention = Mention(
            field_name=fv.name,
            key=fold(text[start:end]),
            start=start,
            end=end,
            text=text[start:end],
            candidates=candidates or [],
            sentence=toks.sent[i],
            evidence=evidence,
            label=label,
            forced_row=forced,
        )
        mention.given_name = j - i == 1 and toks.text[i] in fv.words.given
        mention.attributive = (
            i > 0 and toks.lower[i - 1] in ("a", "an") and j < len(toks.text) and toks.alpha[j] and not toks.cap[j]
        )
        after = toks.lower[j] if j < len(toks.lower) else ""
        # "in Gaza's Khan Younis", "in Idlib province's Maarat al-Numan": the place owned is where "in" points, and
        # its owner only holds it (`Mention.owner`, `_event_location`).
        owner = _possessive_owner(toks, i) or _named_part_owner(toks, i)
        mention.owner_span = (toks.idx[owner[0]], toks.end_char(owner[1] - 1)) if owner is not None else None
        placed_at = owner[0] if owner is not None and _after_locative(toks, owner[0]) else i
        mention.locative = _after_locative(toks, placed_at)
        mention.agency_seat = _after_agency(toks, i)
        mention.after_event_noun = mention.locative and placed_at >= 2 and toks.lower[placed_at - 2] in EVENT_NOUNS
        mention.near_at = toks.idx[i - 1] if i > 0 and toks.lower[i - 1] == "near" else None
        mention.in_longer_name = (i > 0 and toks.proper[i - 1]) or (j < len(toks.text) and toks.proper[j])
        mention.residence = _after_resident_from(toks, i)
        mention.treated = i >= 2 and toks.lower[i - 1] == "to" and toks.lower[i - 2] in TREATMENT_TRANSFERS
        mention.issuer = toks.idx[i] < fv.release_heading_end
        mention.war = after in WAR_WORDS or (i >= 2 and toks.lower[i - 1] == "in" and toks.lower[i - 2] in WAR_WORDS)
        mention.denied = _after_a_denied_link(toks, i)
        mention.town_force = _before_a_town_force(toks, j)
        mention.names_a_force = _opens_a_force_name(toks, j)
        mention.struck = _after_a_striking_verb(toks, i)
        mention.dateline = fv.name == "body" and (
            (toks.sent[i] == 0 and i <= 1 and after in ("(", ",", "-", "\u2014"))
            or _bracketed_after_a_dateline_name(toks, i, j)
        )
        mention.division_word = (
            after in DIVISION_WORDS
            or after in DIVISION_OFFICE_WORDS
            or (after in DIVISION_ABBREVIATIONS and toks.cap[j])
            or (after in DIVISION_ADJECTIVES and not toks.cap[j])
            or (after in PROVINCE_ADJECTIVES and toks.cap[j] and toks.lower[j + 1 : j + 2] != ["court"])
        )
        # A district attorney's district is a county or a city-county: "Philadelphia District Attorney" names no
        # division of the type "district" (Philadelphia, Jamaica).
        mention.division_noun = "" if _before_an_office(toks, j) else _division_noun(after)
        # A wire dateline in capitals names the town the report is filed from: "IDLIB, Syria (Reuters)" is the
        # city, not the province named like it.
        mention.settlement_word = (
            after in SETTLEMENT_WORDS
            or _before_a_camp(toks, j)
            or (mention.dateline and all(toks.upper[k] or not toks.alpha[k] for k in range(i, j)))
        )
        owns_a_street = _before_a_possessive_street(toks, j)
        if owns_a_street or _opens_a_hyphenated_street(toks, j):
            # "St Peter's Road", "King's Road": a saint's or a person's street, no town's (Saint Peter, Minnesota).
            # "Maurice-Duplessis Boulevard": a street named after a person, whose first name is no country (Maurice
            # is French for Mauritius).
            mention.candidates = []
        mention.street = (is_street_word(after) and toks.cap[j]) or owns_a_street or _in_street_pair(toks, i, j)
        saint = toks.lower[i] in SAINT_WORDS or _after_a_saint_word(toks, i)
        mention.named_after = mention.street or _opens_a_building_name(toks, j, saint=saint)
        mention.court = mention.named_after and not mention.street and _opens_a_court_name(toks, j)
        if saint and _dedicated_to(toks, i):
            # "the church of St. Peter and St. Paul" is the saints', not two towns in Minnesota.
            mention.candidates = []
        mention.coast = j - i == 2 and toks.lower[i] in COAST_DIRECTIONS and toks.lower[i + 1] == "coast"
        mention.district = (
            (after in DISTRICT_WORDS and not _opens_a_town_service(toks, j + 1))
            # Not a building of the town: "Cavan Town Hall" is Cavan's.
            or (after in DISTRICT_HEADS and toks.cap[j] and not _opens_a_building_name(toks, j + 1))
            or _district_name(toks, i, j)
            # A name that is a street's whole ("London Road") is the street, whatever far place is named so (a
            # quarter of Saint Lucia): a place of the article's own towns, or none.
            or (j - i >= 2 and toks.cap[j - 1] and is_street_word(toks.lower[j - 1]))
        )
        mention.district_by_town_word = mention.district and after == "town" and not _district_name(toks, i, j)
        if evidence == "demonym" and after == "capital" and i >= 1 and toks.lower[i - 1] == "the":
            mention.capital_words = (text[start : toks.end_char(j)], toks.end_char(j))
            mention.locative = _after_locative(toks, i - 1)
        if i >= 2 and toks.lower[i - 1] == "of":
            # "the town of X", "the cities of X and Y": a named scene.
            of_settlement = _after_settlement_of(toks, i)
            mention.settlement_word |= of_settlement
            mention.locative |= of_settlement
            # Not "territory": "the territory of Georgia" is the land of the country, not a state. Nor a named
            # division's word: "the Kyivskyi district of Kharkiv" is a district of the city.
            mention.division_word |= (
                toks.lower[i - 2] in DIVISION_WORDS
                and toks.lower[i - 2] not in LAND_WORDS
                and not (i >= 3 and toks.cap[i - 3])
            )
        return mention

    def _entity_mention(self, fv: _FieldView, i: int, j: int, label: str) -> Mention | None:
        toks, text = fv.toks, fv.text
        if _closes_a_town_name(toks, i, j):
            return None
        surface = toks.surface(text, i, j)
        if surface.islower() or not surface[:1].isalnum():
            return None  # "crystal meth crisis": a proper name has a capital
        if _compass_part_name(toks, i, j) or _no_place_alone(toks, i, j):
            return None
        abbreviation = self.gaz.abbreviation_row(surface)
        if abbreviation is None and "." in surface and j < len(toks.text) and toks.text[j] == ".":
            # "W.Va" when the tokenizer split off the last dot ("PRINCE, W.Va. - The body ..."), not Uva, Sri Lanka.
            abbreviation = self.gaz.abbreviation_row(surface + ".")
        if abbreviation is not None:
            return self._mention(fv, i, j, evidence="abbreviation", label=label, forced=abbreviation)
        readings = self._lookup(surface)
        if readings is None:
            return self._mention(fv, i, j, evidence="ner", label=label, candidates=[])
        readings = self._without_loose_namesakes(fv, i, j, readings)
        if self._names_an_actor(surface, readings):
            return None
        candidates = readings
        last = toks.lower[j - 1]
        if (
            not candidates
            and j - i > 1
            and (last in DIVISION_WORDS or last in SETTLEMENT_WORDS)
            # Not a possessive's: "Rio's City of God" is no city called "Rio's" (Riós, Spain, to the folded key).
            and toks.text[j - 2] not in POSSESSIVE_ENDINGS
        ):
            # "Idlib province", "Kansas City" without its own entry: the name before the word.
            candidates = self.gaz.lookup(toks.surface(text, i, j - 1))
            if candidates and (label in PLACE_LABELS or self._plausible(fv, i, j, candidates) == "yes"):
                mention = self._mention(fv, i, j - 1, evidence="ner", label=label, candidates=candidates)
                mention.division_word = last in DIVISION_WORDS
                mention.division_noun = _division_noun(last)
                mention.settlement_word = last in SETTLEMENT_WORDS
                return mention
            return None
        if label in PLACE_LABELS:
            # "the White House" is a building even when the recogniser calls it a place: a town takes no article
            # ("at the White House" was Casablanca, whose name it translates), "Menlo Park" is still a town, and
            # "the West Village" a part of one.
            if i > 0 and toks.lower[i - 1] == "the" and toks.lower[j - 1] not in SETTLEMENT_WORDS:
                facility = self._facility_named_like_a_town(toks, i, j, candidates)
                if facility is not None:
                    return self._mention(fv, i, j, evidence="ner", label=label, candidates=[]) if facility else None
            if j - i == 1 and toks.text[i] in GENERIC_WORDS and not self._before_a_container(toks, j):
                # "the West": kept as an unresolved place, not Cameroon's West Region; "Paradise, California" is a town
                return None
            if j - i == 1 and toks.text[i] in fv.words.person and not self._names_region(candidates):
                return None  # "Modi" after "Narendra Modi": the NER's GPE is a surname
            if not candidates:
                return None  # the caller retries its parts ("Far North Queensland"), else keeps it unresolved
            mention = self._mention(fv, i, j, evidence="ner", label=label, candidates=candidates)
            # A direction and a division word name a division of many countries ("North District", "Eastern
            # Province"), and a police district of more ("North District RCMP" in a Smithers story is no district
            # of Sikkim): one only where the article's other places are.
            mention.doubtful = _direction_and_division(toks, i, j)
            return mention
        facility = self._facility_named_like_a_town(toks, i, j, candidates)
        if facility is not None:
            return self._mention(fv, i, j, evidence="ner", label=label, candidates=[]) if facility else None
        verdict = self._plausible(fv, i, j, candidates, strict=label == "PERSON") if candidates else "no"
        if verdict == "no":
            return None
        mention = self._mention(fv, i, j, evidence="ner", label=label, candidates=candidates)
        mention.doubtful = verdict == "maybe" or _direction_and_division(toks, i, j)
        return mention

    def _ngram_mention(self, fv: _FieldView, i: int, j: int) -> Mention | None:
        toks, text = fv.toks, fv.text
        if j - i <= 2:
            # Nationality adjectives inside names the NER did not call places: "Russian Ministry", "anti-Russian".
            demonym = self.gaz.demonym_row(toks.surface(text, i, j))
            if demonym is not None:
                return self._mention(fv, i, j, evidence="demonym", label="", forced=demonym)
        if j - i == 1 and (toks.text[i].rstrip(".") in CALENDAR_WORDS or (toks.stop[i] and not toks.upper[i])):
            return None
        if _no_place_alone(toks, i, j):
            return None
        if _closes_a_town_name(toks, i, j):
            return None
        if j - i == 1 and j + 1 < len(toks.text) and toks.lower[j] == "of" and toks.cap[j + 1]:
            return None  # the head of a longer name the gazetteer lacks: "Gulf" of "Gulf of Aden", "Bank of England"
        if _compound_tail(toks, i):
            return None  # "Lyne" of "Ashton-under-Lyne" is no place of its own (it read as Linyi, China)
        if (head := _hyphenated_from(toks, i)) is not None and self._tails_a_hyphenated_name(toks.text[head]):
            return None  # nor "Reid" of "Okafor-Reid" (it read as Ried im Innkreis, Austria)
        if (tail := _hyphenated_to(toks, j)) is not None and self._heads_a_hyphenated_name(
            toks.surface(text, i, j), toks.text[tail]
        ):
            return None  # "Champs" of "Champs-Elysees" is not Champs-sur-Marne
        if not any(toks.proper[k] or (toks.upper[k] and len(toks.text[k]) > 1) for k in range(i, j)):
            return None
        surface = toks.surface(text, i, j)
        span = fv.person_span.get(i)
        # A place after "in", "of" or a dash closing the span is one the NER ran on into ("Trump - Wisconsin").
        closes_the_name = (
            span is not None and j == span[1] and toks.lower[i - 1] not in LOCATIVE_WORDS and not toks.punct[i - 1]
        )
        # A place's name opening a person's name of two words whose second the article also writes alone, as news
        # names a person again: a given name ("Austin Butler ... Butler said"), not "a Texas Ranger" or "France Info".
        # So is one whose name is followed by an age, as crime news gives it ("Sydney Smith, 24, was shot").
        before_a_surname = span == (i, j + 1) and (_a_surname_again(toks, j, fv.words) or _aged(toks, j + 1))
        following = fv.person_span.get(j) if j < len(toks.text) and j - i == 1 else None
        if (
            following is not None
            and following[0] == j
            and toks.text[i].istitle()
            and not toks.touches_previous(j)
            and not self._outweighs_a_person(surface, closes_the_name=False)
        ):
            # A word right before a person's name of two or more words is its first given name, which the recogniser
            # left out: "Paola" of "the mayor of Jamundi, Paola Andrea Gironza" is no council of Malta. Not a country
            # or a big city: "Deputy Minister for Investments of Kazakhstan Arystan Kakikenov".
            return None
        if (
            span is not None
            and j <= span[1]
            and (i, j) != span
            and (before_a_surname or not self._outweighs_a_person(surface, closes_the_name))
            # Not a town before its force's detachment, which the recogniser runs into a name: "Smithers RCMP".
            and not (span[1] == j + 1 and toks.lower[j] in DETACHMENT_FORCES and _before_a_town_force(toks, j))
        ):
            return None  # a part of a person's name: "Maurice" of "Maurice Cheeks", "Ann" of "Julie Ann Brandau"
        if (
            toks.upper[i]
            and toks.sent[i] == 0
            and i <= 2
            and len(surface) > 2
            and surface.title() not in GENERIC_WORDS  # "POLICE MEDIA RELEASE - 25.06.2026" heads a police note
            and _capitals_open_a_dateline(toks)
        ):
            # A dateline ("TORRINGTON, Conn. -"): the capitals are the style, the name is a place.
            candidates = self.gaz.lookup(surface.title())
            if any(c.exact for c in candidates):
                return self._mention(fv, i, j, evidence="ngram", label="", candidates=candidates)
        span_end = fv.place_hint.get(i)
        if span_end is not None and self._names_a_facility_part(toks, j, span_end):
            return None
        if _compass_part_name(toks, i, j):
            return None
        readings = self._lookup(surface)
        if readings is None:
            return self._mention(fv, i, j, evidence="ngram", label="", candidates=[])
        kept = self._without_loose_namesakes(fv, i, j, readings)
        # A name the article places elsewhere keeps its loose readings where they fit the article's other places:
        # the headline's "Koradachery crash: two women killed" is the body's "near Koradachery" (GeoNames:
        # Koradacheri).
        placed_elsewhere = not kept and j - i == 1 and toks.text[i] in fv.words.placed
        readings = readings if placed_elsewhere else kept
        if self._names_an_actor(surface, readings):
            return None
        candidates = readings
        facility = self._facility_named_like_a_town(toks, i, j, candidates)
        if facility is not None:
            return self._mention(fv, i, j, evidence="ngram", label="", candidates=[]) if facility else None
        # Inside a place span the NER could not resolve ("Far North Queensland"), its last word or a part naming a big
        # town is a place; a small town opening it is not: "Hugh Jackman", called a GPE, is not Hugh, a village in
        # Australia.
        in_place = span_end is not None and (
            j == span_end
            or max((int(self.gaz.population[c.row]) for c in candidates), default=0) >= BARE_CITY_MIN_POPULATION
        )
        verdict = self._plausible(fv, i, j, candidates, in_place=in_place) if candidates else "no"
        if verdict == "no" or (verdict == "maybe" and _in_quoted_title(toks, i, j)):
            return None  # a title's word: "White" of "Angel in a White Coat" is not White, Georgia
        mention = self._mention(fv, i, j, evidence="ngram", label="", candidates=candidates)
        mention.doubtful = verdict == "maybe" or placed_elsewhere or _direction_and_division(toks, i, j)
        mention.placed_elsewhere = placed_elsewhere
        # Not a name after "of": the Gulf of Aden is by Aden.
        mention.name_part = (
            i > 0
            and toks.cap[i - 1]
            and (
                (span_end is not None and fv.place_hint.get(i - 1) == span_end)
                or (toks.lower[i - 1] in COMPASS_WORDS and toks.idx[i] == toks.end_char(i - 1) + 1)
            )
        )
        if i > 0 and toks.cap[i - 1] and toks.lower[i - 1] in FEATURE_PREFIXES:
            # The name of a feature the gazetteer lacks ("River Thames", "Lake Victoria", "Mount Kenya") is a town's
            # only where the article's places are: a lake takes the name of a town beside it ("Lake Manassas"), the
            # Thames is not Thames, New Zealand. Otherwise the recogniser's span stays, unresolved.
            mention.doubtful = True
            whole_end = fv.place_hint.get(i - 1)
            if whole_end is not None and whole_end >= j and fv.place_hint.get(i - 2) != whole_end:
                mention.fallback = self._mention(fv, i - 1, whole_end, evidence="ner", label="LOC", candidates=[])
        return mention

    def _tails_a_hyphenated_name(self, head: str) -> bool:
        """Whether a word joined by a hyphen to `head`, a word that starts no place name and is no nationality, is
        the tail of one longer name: a double-barrelled surname ("Okafor-Reid"), not the second of two places
        ("Damascus-Aleppo")."""
        return not self.gaz.max_words_from(head) and self.gaz.demonym_row(head) is None

    def _heads_a_hyphenated_name(self, head: str, tail: str) -> bool:
        """Whether a name joined by a hyphen to a word that starts no place name and is no nationality is the head of
        one longer name ("Champs-Elysees", "Notre Dame-UConn"), not the first of two places ("Israel-Gaza",
        "Nigeria-Ukrainian"). A country or a division is always itself: "China-Africa summit"."""
        if self.gaz.max_words_from(tail) or self.gaz.demonym_row(tail) is not None:
            return False
        return not any(c.exact and self.gaz.kind[c.row] in (KIND_COUNTRY, KIND_ADMIN1) for c in self.gaz.lookup(head))

    def _facility_named_like_a_town(self, toks: _Tokens, i: int, j: int, candidates: list[Candidate]) -> bool | None:
        """An organisation or building named like a town ("White House", Tennessee): True for the building, kept
        unresolved, where the text puts something in, at or from it; False for the institution, no place ("White
        House aides", "the White House said"); None when the name is no such thing."""
        if not (
            j - i > 1
            and toks.lower[j - 1] in FACILITY_HEADS
            and candidates
            and all(self.gaz.kind[c.row] == KIND_CITY for c in candidates)
        ):
            return None
        return _after_locative(toks, i - 1 if i > 1 and toks.lower[i - 1] in ARTICLE_WORDS else i)

    def _unknown_name_placed_by_words(self, fv: _FieldView, i: int, j: int, label: str) -> bool:
        """A name the gazetteer lacks, which the NER calls a person or an organisation, in words only a place takes:
        "in Morek" (a person is rarely in someone), "the village of Deir Sharqi", "the Tanf area". The small model
        labels many such towns so; kept as an unresolved place, the reader still sees a place and the actor tagger
        does not make it a person. An organisation is often "in" something ("in Congress"), so it needs a noun."""
        toks = fv.toks
        surface = toks.surface(fv.text, i, j)
        if j - i > 3 or any(toks.upper[k] for k in range(i, j)) or fold(surface) in self.actor_names:
            return False
        if self._lookup(surface) != []:
            return False
        after = toks.lower[j] if j < len(toks.text) else ""
        if after in POSSESSIVE_ENDINGS:
            return False  # "in Torres's campaign"
        before = toks.lower[i - 1] if i > 0 else ""
        # One settlement: after "the villages of" an unknown span is a list the NER ran together ("X and Y").
        of_settlement = _after_settlement_of(toks, i, plural=False)
        # Singular nouns only: in "Maria Okafor states in the appeal", "states" is a verb.
        noun_after = (
            after in SETTLEMENT_WORDS or after in FEATURE_WORDS or (after in DIVISION_WORDS and after[-1] != "s")
        )
        if of_settlement or noun_after:
            return True
        words = [toks.text[k] for k in range(i, j) if toks.alpha[k]]
        if len(words) > 1 and all(w.istitle() for w in words):
            return False  # "its hopes in Kevin Obeng": a full name; "al-Tanf" is not one
        return label == "PERSON" and before in PLACING_WORDS

    def _speakers(self, toks: _Tokens) -> set[str]:
        """Words that speak in the article ("Johnson said", "Guhdar told"): people or companies wherever the article
        names them, unless they name a region, a capital or a big city ("Moscow said", "Syria said"), or follow "in",
        "at" or "of" ("police in Dewsbury said", "Residents of Baladruz said": the town does not speak)."""
        speakers: set[str] = set()
        for k in range(len(toks.text) - 1):
            if not toks.cap[k] or toks.upper[k] or toks.lower[k + 1] not in SPEECH_VERBS:
                continue
            if _after_locative(toks, k) or (k > 0 and toks.lower[k - 1] == "of"):
                continue
            readings = self._lookup(toks.text[k])
            if readings is None or any(self.gaz.is_capital(c.row) for c in readings):
                continue
            if self._small_towns_only(readings):
                speakers.add(toks.text[k])
        return speakers

    def _plain_word(self, fv: _FieldView, i: int, j: int) -> bool:
        """One word that is a function word or one the article also writes in lower case, and names no region and
        no big city: the NER's place label on it is a slip of the small model."""
        toks = fv.toks
        if j - i != 1 or toks.upper[i] or not (toks.stop[i] or toks.lower[i] in fv.words.common):
            return False
        return self._small_towns_only(self._lookup(toks.text[i]) or [])

    def _role_noun(self, surface: str) -> bool:
        """A role noun no place is named ("Gunmen attacked Kuriga": the small model's GPE on a sentence's first
        word)."""
        return surface.lower() in ROLE_SECTORS and not self._lookup(surface)

    def _small_towns_only(self, readings: list[Candidate]) -> bool:
        """No region and no town of BARE_CITY_MIN_POPULATION or more among a word's readings (none at all counts)."""
        if self._names_region(readings):
            return False
        return max((int(self.gaz.population[c.row]) for c in readings), default=0) < BARE_CITY_MIN_POPULATION

    def _named_so(self, c: Candidate, key: str) -> bool:
        """Whether a reading is the place's own name (folded `key`), not one of its other names."""
        return c.exact and fold(self.gaz.name(c.row)) == key

    def _own_name_spelled_otherwise(self, m: Mention, row: int) -> bool:
        """Whether a mention is a place's own name in another spelling ("Zaporizhzhia" of Zaporizhzhya): the same
        loose key, and a name long enough for that to tell ("Saba" is not Saaba, Burkina Faso)."""
        return (" " in m.key or len(m.key) >= MIN_SPELLED_WORD) and loose(self.gaz.name(row)) == loose(m.key)

    def _own_name(self, surface: str) -> bool:
        """Whether a place is named exactly so, not only through one of its other names."""
        key = fold(surface)
        return any(self._named_so(c, key) for c in self.gaz.lookup(surface))

    def _regions_named_after_peoples(self, toks: _Tokens, text: str) -> Iterator[tuple[int, int]]:
        """Token spans of features named after a country or a people and of regions named by a direction and a
        people, which the gazetteer has no entry for (see `_find_mentions`); an empty span `(k, k)` for a feature
        word to keep out of the places ("Delta" of "the Mississippi Delta")."""
        gaz = self.gaz
        n = len(toks.text)
        for k in range(1, n):
            if not toks.cap[k] or (k + 1 < n and toks.cap[k + 1]):
                continue  # part of a longer name: "the Singapore Straits Times", "Central African Republic"
            if toks.lower[k] in FEATURE_NAME_HEADS:
                starts = []
                for i in range(k - 1, max(-1, k - 4), -1):
                    if not toks.cap[i] or toks.lower[i] in ARTICLE_WORDS:
                        break
                    starts.append(i)
                for i in reversed(starts):  # the widest name the lexicon or the gazetteer knows whole
                    whole = self._lookup(toks.surface(text, i, k + 1))
                    if whole is None:
                        yield i, k + 1  # "the South China Sea", even where the recogniser misses it
                        break
                    if whole:
                        break  # a name of its own: "Sea Girt", "Basin City"
                else:
                    if not starts:
                        continue
                    name = toks.surface(text, k - 1, k)
                    kinds = {gaz.kind[c.row] for c in gaz.lookup(name) if c.exact}
                    division = kinds & {KIND_ADMIN1, KIND_ADMIN2} and KIND_COUNTRY not in kinds
                    if division and gaz.demonym_row(name) is None:
                        yield k, k  # a division's feature lies in it ("the Mississippi Delta"), and is not Delta, B.C.
                    else:
                        yield k - 1, k + 1  # "the Niger Delta", "the Nile Delta", "the Crimean Peninsula"
            elif (
                toks.lower[k] in WIDER_LAND_DEMONYMS
                and toks.lower[k - 1] in REGION_ADJECTIVES
                and toks.cap[k - 1]
                and gaz.demonym_row(toks.surface(text, k - 1, k + 1)) is None
            ):
                yield k - 1, k + 1

    def _lookup(self, surface: str) -> list[Candidate] | None:
        """The gazetteer's readings of a name; None for a region the gazetteer only has namesake towns of."""
        candidates = self.gaz.lookup(surface)
        if fold(surface) not in MACRO_REGIONS:
            return candidates
        # "Latin America" is an alias of a continent; "Middle East" only a Baltimore neighbourhood.
        wide = [c for c in candidates if self.gaz.kind[c.row] in (KIND_CONTINENT, KIND_COUNTRY)]
        return wide or None

    def _without_loose_namesakes(self, fv: _FieldView, i: int, j: int, readings: list[Candidate]) -> list[Candidate]:
        """A one-word name's readings found only through the loose key are kept where the text places the name ("in
        Taludi", "Idleb province") or when they are a country or division. Elsewhere a loose match of one word is an
        English word meeting a namesake ("Fire" of "Seattle Fire" is not Ferry County, "Line" not Ogden): on the two
        geo sets none of 26 such readings was the right place."""
        toks = fv.toks
        if j - i != 1 or all(c.exact for c in readings):
            return readings
        nxt = toks.lower[j] if j < len(toks.text) else ""
        # The last word of a longer name is not placed by the division word after it: "Bener Meriah Regency" is not
        # Mirriah, Niger.
        if (
            _after_locative(toks, i)
            or _after_a_taking_verb(toks, i)
            or (not _after_a_name_word(toks, i) and (nxt in DIVISION_WORDS or nxt in SETTLEMENT_WORDS))
        ):
            return readings
        owners = self._possessive_owners(toks, fv.text, i)
        return [
            c
            for c in readings
            if c.exact
            or self.gaz.kind[c.row] in (KIND_COUNTRY, KIND_ADMIN1)
            # "Yemen's Hodeidah": a spelling of a town lying in the place whose possessive comes before.
            or any(self._near_or_in(owner, c.row) for owner in owners)
        ]

    def _names_an_actor(self, surface: str, candidates: list[Candidate]) -> bool:
        """A known actor's name whose only readings are towns is the actor ("Xinhua" said..., "Hamas", "Obama"),
        not its namesake; a name that is also a country or division ("Fars", "SANA" for Sanaa) stays a place."""
        return bool(candidates) and fold(surface) in self.actor_names and not self._names_region(candidates)

    def _outweighs_a_person(self, surface: str, closes_the_name: bool) -> bool:
        """Whether a name inside a PERSON span is still a place: the NER also runs places into names ("Seattle
        Seahawks", "New Brunswick RCMP", "Henry Lazenby US"), but then the place is well known by exactly that name.
        Closing the name, only initials are: "Lin-Manuel Miranda" is not Miranda state, Venezuela, and "Andrew Jordan"
        not the country (a surname)."""
        if surface.isupper():
            return True  # initials: "US"
        if closes_the_name:
            return False
        gaz, key = self.gaz, fold(surface)
        for c in self.gaz.lookup(surface):
            if not c.exact or fold(gaz.name(c.row)) != key:
                continue  # "Maurice" is Mauritius only in French
            if gaz.kind[c.row] in (KIND_COUNTRY, KIND_CONTINENT):
                return True
            if gaz.population[c.row] >= PERSON_WORD_CITY_MIN_POPULATION:
                return True
        return False

    @staticmethod
    def _names_a_facility_part(toks: _Tokens, j: int, span_end: int) -> bool:
        """The closing head word of an unplaced facility name ("Cathedral" of "Manila Cathedral").

        The words before a street head stay candidates on purpose: "Hertford Road" and "Dufferin Street" mostly
        lie near Hertford and Dufferin (roads are named after where they lead), measured on GeoWebNews and TR-News.
        """
        return j == span_end and toks.lower[j - 1] in FACILITY_HEADS

    def _plausible(
        self,
        fv: _FieldView,
        i: int,
        j: int,
        candidates: list[Candidate],
        *,
        strict: bool = False,
        in_place: bool = False,
    ) -> Literal["yes", "no", "maybe"]:
        """Whether a capitalised name the NER did not call a place is one: "maybe" waits for the article's context."""
        toks = fv.toks
        prev = toks.lower[i - 1] if i > 0 else ""
        if prev.rstrip(".") in PERSON_TITLES or _after_a_titled_given_name(toks, i) or _in_an_operations_name(toks, i):
            return "no"
        word = toks.text[i]
        if j - i == 1 and (
            word in GENERIC_WORDS
            or word in CAPITALISED_RANKS
            or word.lower().rstrip(".") in PERSON_TITLES
            # A division's word alone closes a name ("the OPP's Northwest Region"): no region called "Region".
            or word.lower() in DIVISION_WORDS
        ):
            return "no"
        kinds = {self.gaz.kind[c.row] for c in candidates if c.exact}
        region = bool(kinds & {KIND_COUNTRY, KIND_CONTINENT, KIND_ADMIN1})
        surface_key = fold(" ".join(toks.text[i:j]))
        # A short word has too many namesakes by spelling alone ("Tan" of Tann, Germany).
        surface_loose = loose(" ".join(toks.text[i:j])) if j - i > 1 or len(word) >= MIN_SPELLED_WORD else None
        # Cities named so (not through an alternate name) are strong readings; so is a spelling of the name ("Tal
        # Abyad" of Tall Abyad: transliterations of Arabic names vary, and the small model calls such towns PERSON).
        strong = [
            c
            for c in candidates
            if c.exact
            and (
                self.gaz.kind[c.row] not in (KIND_CITY, KIND_ADMIN2)
                or fold(name := self.gaz.name(c.row)) == surface_key
                or loose(name) == surface_loose
            )
        ]
        best_pop = max((self.gaz.population[c.row] for c in strong), default=0)
        # A name the article also writes as a person's is still its town before the town's force ("Smithers RCMP":
        # the recogniser calls "Smithers" a person throughout), unless it closes a longer name ("Rajeev Nagar police").
        before_its_force = bool(strong) and _before_a_town_force(toks, j)
        town_force = before_its_force and not (i > 0 and toks.cap[i - 1])
        if j - i == 1 and word in fv.words.person and not town_force:
            if (
                j < len(toks.text)
                and toks.lower[j] in SPEECH_VERBS
                and not any(self.gaz.kind[c.row] == KIND_COUNTRY or self.gaz.is_capital(c.row) for c in strong)
            ):
                return "no"  # "Mendoza said", after "Fire Superintendent Carlito Mendoza": a person speaks
            # "Paul" after "Paul Smith"; "Seattle" of "Seattle Seahawks" is still the city. Only a place of that
            # very name counts: "Maurice" of "Maurice Cheeks" is Mauritius only in French.
            named_pop = max(
                (self.gaz.population[c.row] for c in strong if fold(self.gaz.name(c.row)) == surface_key), default=0
            )
            if named_pop < PERSON_WORD_CITY_MIN_POPULATION:
                return "no"
        if j - i == 1 and not word.isupper() and word.lower() in fv.words.common:
            return "no"  # the article writes "hit" elsewhere: "Hit and Run" is not Hit, Iraq
        if j - i == 1 and word.isupper() and _after_clock(toks, i):
            return "no"  # a time zone: "4:33 AM EST"
        if j - i == 1 and word.isupper() and len(word) > 1:
            # Initials ("BA", "NAFTA") are places only as a country, continent or division, or a big city in capitals.
            if region or (len(word) > 4 and best_pop >= BARE_CITY_MIN_POPULATION):
                return "yes"
            return "no"
        n = len(toks.text)
        nxt = toks.lower[j] if j < n else ""
        if (
            i == 0
            and fv.name == "body"
            and nxt == ":"
            and j + 1 < n
            and toks.cap[j + 1]
            and toks.alpha[j + 1]
            and not (j - i == 1 and toks.lower[i] in FORM_LABELS)
            and any(c.exact for c in candidates)
            and all(toks.proper[k] for k in range(i, j))
        ):
            return "yes"  # a dateline in title case and a colon, as Indian papers write one: "Tiruchi: The flower ..."
        # Before a division word, unless it closes a longer name the gazetteer lacks and is no town's own name:
        # "Lower Merion Township" is not Marion, Illinois (once called Merion).
        if (nxt in DIVISION_WORDS or nxt in SETTLEMENT_WORDS) and (strong or not _after_a_name_word(toks, i)):
            return "yes"
        if before_its_force:
            return "yes"  # "Akron police said", which the small model calls an organisation
        if strong and _before_a_town_part(toks, j):
            return "yes"  # "on Rhyl promenade", which the small model calls a nationality
        if strong and prev in DIVISION_NOUNS_BEFORE_NAMES and not toks.cap[i - 1]:
            return "yes"  # "district Bahraich" of a police note
        if (
            any(
                self.gaz.kind[c.row] == KIND_CITY and self.gaz.population[c.row] >= BARE_CITY_MIN_POPULATION
                for c in strong
            )
            and not (i > 0 and toks.cap[i - 1])
            and _opens_a_force_name(toks, j)
        ):
            # "Guwahati Police spokesperson ...", opening a sentence: a sizeable city's force (a region's, abroad,
            # is left to the stray rule: "Cleveland Police" in a Teesside story).
            return "yes"
        if _after_settlement_of(toks, i):
            return "yes"  # "the towns of Morek, Kafr Zita and al-Lataminah"
        if strong and _holds_a_named_division(toks, i):
            return "yes"  # "Mohadevpur upazila of Naogaon", which the small model calls an organisation
        if strong and fv.name == "body" and _bracketed_after_a_dateline_name(toks, i, j):
            return "yes"  # "Mohadevpur (Naogaon), Jan 14 -": the district of a dateline's town
        if prev == "capital" and any(self.gaz.kind[c.row] == KIND_CITY for c in strong):
            return "yes"  # "Guinea-Bissau's capital Bissau", which the small model calls a person
        if prev == "," and i >= 2 and toks.cap[i - 2] and best_pop >= BARE_CITY_MIN_POPULATION:
            return "yes"  # a city after a comma and a name, as in an address: "Moss Side, Manchester"
        if prev == "," and i >= 2 and toks.cap[i - 2] and is_street_word(toks.lower[i - 2]) and strong:
            return "yes"  # the town of an address, whatever its size: "the store in High Street, Banstead"
        if self._before_a_container(toks, j):
            return "yes"
        if strict and j - i == 1 and not kinds & {KIND_COUNTRY, KIND_CONTINENT}:
            region = False  # one word the NER calls a person ("Paul") is a division only where the article is
        if (
            region
            and j - i == 1
            and not kinds & {KIND_COUNTRY, KIND_CONTINENT}
            and i > 0
            and toks.proper[i - 1]
            and not toks.stop[i - 1]  # "The Washington Post" is the capital's
            and j < n
            and toks.proper[j]
        ):
            # One word between two of a longer name is a division only where the article is: "Maritime" of "United
            # Kingdom Maritime Trade Operations" is no region of Togo, "Ontario" of "Royal Ontario Museum" is Ontario.
            return "maybe"
        if region or (in_place and strong):
            return "yes"
        # "off the coast of Lampedusa", which the small model calls a person, places it as "in" does; "on" does not,
        # nor does a word whose possessive opens what the locative governs ("a hearing into Bush's late rules").
        owns_what_follows = j < n and toks.text[j] in POSSESSIVE_ENDINGS and not (j + 1 < n and toks.cap[j + 1])
        # After a well-known place's possessive, a name lying in or near it that opens no longer name (not "London's
        # Heathrow Animal Reception Center", "Ottawa's Macdonald-Cartier International Airport").
        owners = self._possessive_owners(toks, fv.text, i)
        whole = j >= n or (not toks.cap[j] and toks.text[j] not in NAME_HYPHENS and toks.lower[j] not in FACILITY_HEADS)
        locative = (_after_locative(toks, i) and prev != "on" and not owns_what_follows) or (
            whole and any(self._near_or_in(owner, c.row) for owner in owners for c in strong)
        )
        if whole and not strong and any(self._near_or_in(owner, c.row) for owner in owners for c in candidates):
            # Only a spelling of a name, but of one lying in the place whose possessive comes before (kept by
            # `_without_loose_namesakes`): "Yemen's Hodeidah" is Al Hudaydah, which GeoNames spells "Hodeida".
            return "yes"
        # After a verb of taking, a person can still be meant ("police captured Johnson"): a city's name, not a town's.
        taken = _after_a_taking_verb(toks, i) and best_pop >= BARE_CITY_MIN_POPULATION
        if strict:
            sure = (locative and bool(strong)) or taken or best_pop >= PERSON_SPAN_CITY_MIN_POPULATION
        elif j - i == 1 and toks.opens[i]:
            # A sentence's first word is capitalised anyway: "Man charged in hit and run" is not Man, Ivory Coast.
            sure = best_pop >= PERSON_SPAN_CITY_MIN_POPULATION
        else:
            sure = (locative and bool(strong)) or best_pop >= BARE_CITY_MIN_POPULATION
        return "yes" if sure else "maybe"

    def _before_a_container(self, toks: _Tokens, j: int) -> bool:
        """Whether a comma and a division's abbreviation or a place's name follow: "Paradise, California"."""
        if j + 1 >= len(toks.text) or toks.text[j] != ",":
            return False
        after = toks.text[j + 1]
        return after[:1].isupper() and (self.gaz.abbreviation_row(after) is not None or self.gaz.has_name(after))

    def _names_region(self, candidates: list[Candidate]) -> bool:
        return any(c.exact and self.gaz.kind[c.row] in (KIND_COUNTRY, KIND_CONTINENT, KIND_ADMIN1) for c in candidates)

    @staticmethod
    def _keep_paired(m: Mention) -> bool:
        """Keep a doubtful name whose one reading a county or town named apart holds, or is held by
        (`Mention.county_pair_rows`); its candidates shrink to that reading."""
        if m.district or not m.county_pair_rows:
            return False
        m.candidates = [c for c in m.candidates if c.row in m.county_pair_rows]
        m.static_scores = None
        return True

    def _fits_context(self, m: Mention, context: _Context) -> bool:
        """Keep a doubtful name if it names a place in a division (or, for a multi-word name or one a verb of
        striking governs, a country) the article's confident places are in, or is the name of a first-level division
        of such a country ("Israeli troops raided Jenin in the occupied West Bank"); its candidates shrink to those
        places."""
        gaz = self.gaz
        by_country = (" " in m.text.strip() and m.evidence == "ner" and not m.district) or m.struck

        def admin1_support(a1: int) -> float:
            # A name kept for being placed elsewhere cannot vote for itself: "Battala" read as Batala, Punjab where
            # the body places it is no sign that the headline's "Battala" in a story from Agartala is Batala too.
            return context.admin1_support(m.key, a1) if m.placed_elsewhere else context.admin1s.get(a1, 0.0)

        fitting = [
            c
            for c in m.candidates
            # A word of a longer name is a county only by the county's own name: "Real" of "Real Madrid" is not Real
            # County, Texas, nor is "White" of "Jack White" White County; "Maui" alone is Maui County.
            if (
                admin1_support(gaz.admin1_row[c.row]) >= 1.0
                and (gaz.kind[c.row] != KIND_ADMIN2 or not m.in_longer_name or self._named_so(c, m.key))
            )
            or (
                (
                    by_country
                    or (gaz.kind[c.row] == KIND_ADMIN1 and self._named_so(c, m.key))
                    # A quarter named for the country the article is in is in it: "the Vatican Gardens".
                    or (m.district and gaz.kind[c.row] == KIND_COUNTRY)
                )
                and context.countries.get(gaz.country_code[c.row], 0.0) >= 1.0
            )
        ]
        if not fitting:
            return False
        m.candidates = fitting
        m.static_scores = None
        return True

    def _unplace_faraway_namesakes(self, mentions: list[Mention]) -> None:
        """A street's or building's namesake town far from every other place of the article is not what it is named
        after here ("Whittier Street" in Columbus is no street of Whittier, California; "Grant Medical Center" no
        hospital of Grants, New Mexico): kept unresolved. Roads named after the town they lead to ("Hertford Road" in
        London) and courts named after theirs stay. So too a coast named by its direction: "the West Coast" in a
        story from California is not Western Australia; and a part of a longer name outside every country of the
        article's other places: "the West Midlands" in a story from Wolverhampton is not Zimbabwe's Midlands."""
        gaz = self.gaz
        anchors = [m.chosen for m in mentions if m.chosen is not None and not (m.named_after or m.coast or m.name_part)]
        if not anchors:
            return
        for m in mentions:
            row = m.chosen
            if (
                m.name_part
                and not m.named_after
                and row is not None
                and gaz.kind[row] not in (KIND_COUNTRY, KIND_CONTINENT)  # "Greece Italy or Spain": a list
            ):
                if not any(gaz.country_code[row] == gaz.country_code[anchor] for anchor in anchors):
                    m.chosen = None
                continue
            if (
                row is None
                or not (m.named_after or m.coast)
                or gaz.kind[row] not in (KIND_CITY, KIND_ADMIN2, KIND_ADMIN1)
            ):
                continue
            if not any(self._within_reach(row, anchor) for anchor in anchors):
                m.chosen = None

    def _unplace_faraway_spellings(self, mentions: list[Mention]) -> None:
        """A small town read only by a spelling of another name (no name of it is the text's), far from every town the
        article places, is a quarter the gazetteer lacks, not that town: "Gandhipuram" of a Coimbatore report is no
        Gandipuram 300 km south. Kept unresolved, so the article's towns place the report."""
        gaz = self.gaz
        towns = {(m.key, m.chosen) for m in mentions if m.chosen is not None and gaz.kind[m.chosen] == KIND_CITY}
        for m in mentions:
            row = m.chosen
            if row is None or not self._small_town(row) or any(c.exact for c in m.candidates if c.row == row):
                continue
            anchors = [town for key, town in towns if key != m.key]
            if anchors and not any(self._within_reach(row, town) for town in anchors):
                m.chosen = None

    def _within_reach(self, row: int, anchor: int) -> bool:
        gaz = self.gaz
        if gaz.kind[row] != KIND_CITY and _contains(gaz, row, anchor):
            return True  # "Ohio Avenue" in Columbus: the division the town is in
        kind = gaz.kind[anchor]
        if kind == KIND_COUNTRY:
            return bool(gaz.country_code[anchor] == gaz.country_code[row])
        if kind == KIND_ADMIN1:
            return bool(gaz.admin1_row[row] == anchor)
        return gaz.distance_km(row, anchor) <= STREET_NAMESAKE_REACH_KM

    def _small_town(self, row: int) -> bool:
        return self.gaz.kind[row] == KIND_CITY and int(self.gaz.population[row]) < STRAY_PLACE_MAX_POPULATION

    def _named_often(self, m: Mention, times: int) -> bool:
        """Keep a doubtful name the article writes NAMED_OFTEN times or more that is a sizeable city's own name (the
        caller asks that the recogniser called it something else than a person at least once): the small model calls
        a city a person or a product where it opens a sentence ("Kramatorsk hit again on day of mourning", "On the day
        Kramatorsk was mourning"). Its candidates shrink to those cities."""
        if times < NAMED_OFTEN or m.district:
            return False
        gaz = self.gaz
        cities = [
            c
            for c in m.candidates
            if self._named_so(c, m.key)
            and gaz.kind[c.row] == KIND_CITY
            and gaz.population[c.row] >= BARE_CITY_MIN_POPULATION
        ]
        if not cities:
            return False
        m.candidates = cities
        m.static_scores = None
        return True

    @staticmethod
    def _unplaced_district(m: Mention) -> bool:
        """A part of a town the article's places do not hold a namesake of is still a place: kept unresolved (the
        recogniser's span, or the words "neighborhood", "estate", "Side" after it, say so)."""
        if not m.district or m.doubtful:
            return False
        m.candidates = []
        m.forced_row = None  # a people's adjective names the district, not its country: "the Argentine neighborhood"
        return True

    def _attach_containers(self, mentions: list[Mention], text: str) -> None:
        # "Paris, Texas" / "Hama, Syria" / "Banstead in Surrey": a division or country right after a comma contains
        # the name before it; after "in", only readings that really hold one of its readings count. Either way the
        # container's readings that hold the name are the likely ones ("Surrey" the English county, not the
        # Canadian city).
        gaz = self.gaz
        for k, (m, nxt) in enumerate(itertools.pairwise(mentions)):
            between = text[m.end : nxt.start].strip()
            if m.evidence == "demonym" and not between and m.end < nxt.start:
                nxt.container = m  # "the French Alps": France's, not the Alps district of Jamaica
                continue
            after = text[nxt.end : mentions[k + 2].start].strip() if k + 2 < len(mentions) else ""
            if after == "and":
                continue  # a list: "Washington, New York and Boston" names three cities, none inside another
            if between == ",":
                m.container_rows = [c.row for c in nxt.candidates if gaz.kind[c.row] in (KIND_COUNTRY, KIND_ADMIN1)]
                before = text[mentions[k - 1].end : m.start].strip() if k > 0 else ""
                if after not in (",", "and", ", and") and before != "," and nxt.evidence != "demonym":
                    m.container = nxt  # "east of Gaza City, Israeli troops": an adjective opens the next clause
            elif between == "in":
                m.container_rows = [
                    c.row
                    for c in nxt.candidates
                    if gaz.kind[c.row] in (KIND_COUNTRY, KIND_ADMIN1)
                    and any(_contains(gaz, c.row, inner.row) for inner in m.candidates)
                ]
            else:
                continue
            if after != ",":
                nxt.contained_rows = [c.row for c in m.candidates]

    # ---- resolution ---------------------------------------------------------------------------------------------

    def _pair_towns_with_counties(self, mentions: list[Mention]) -> None:
        """Mark the readings of a town and of a county, named apart in the article, where exactly one reading of
        the county holds exactly one reading of the town: two namesakes that fit each other so are rare, so each is
        the other's evidence ("Lima police ... in Allen County": Lima, Ohio, not Peru). Where several fit ("Franklin
        County" is in 24 states), a fit is chance."""
        gaz = self.gaz
        # Only a county named as one ("Allen County"), or a bare name no town of the county's country is named
        # ("Norfolk" of England, as English counties are named): a bare name's county reading beside a town of its
        # name ("Los Angeles") is a guess.
        counties: list[tuple[str, int, bool]] = []
        for m in mentions:
            bare = m.key.rsplit(" ", 1)[-1] not in DIVISION_WORDS
            if bare and m.named_after:
                continue  # a street's or a building's name: "Hampshire Street" in Christchurch is no sign of England
            towns_so = (
                {
                    gaz.country_code[c.row]
                    for c in m.candidates
                    if gaz.kind[c.row] == KIND_CITY and self._named_so(c, m.key)
                }
                if bare
                else set()
            )
            counties += [
                (m.key, c.row, bare)
                for c in m.candidates
                if gaz.kind[c.row] == KIND_ADMIN2
                and self._named_so(c, m.key)
                and gaz.country_code[c.row] not in towns_so
            ]
        fits: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)  # (town, county) -> (row, row) pairs
        for m in mentions:
            if m.division_word:
                continue  # "Plymouth Co." is a county
            # A state's name means the state, not its namesake town in a county ("Wyoming", Iowa).
            region_countries = {
                gaz.country_code[c.row]
                for c in m.candidates
                if c.exact and gaz.kind[c.row] in (KIND_COUNTRY, KIND_ADMIN1)
            }
            for c in m.candidates:
                if (
                    gaz.kind[c.row] == KIND_CITY
                    and self._named_so(c, m.key)
                    and gaz.country_code[c.row] not in region_countries
                ):
                    for key, county, bare in counties:
                        # "Fulton" beside "Fulton County" is the county's short name, not a town in it. A bare
                        # county's name fits only a town of some size: villages of one small country share the
                        # names of England's towns and areas ("Cambridge" and "Aberdeen" in Jamaica).
                        if (
                            key != m.key
                            and not key.startswith(m.key + " ")
                            and not (bare and gaz.population[c.row] < STRAY_PLACE_MAX_POPULATION)
                            and _contains(gaz, county, c.row)
                        ):
                            fits[(m.key, key)].add((c.row, county))
        paired: dict[str, set[int]] = defaultdict(set)  # name -> its readings in a unique fit
        for (town_key, county_key), rows in fits.items():
            if len(rows) == 1:
                town, county = next(iter(rows))
                paired[town_key].add(town)
                paired[county_key].add(county)
        for m in mentions:
            pair_rows = frozenset(paired.get(m.key, ()))
            if pair_rows != m.county_pair_rows:
                # The second resolution (with the doubtful names kept) can make or break a pair: a static score
                # computed with the first one's pairs would be stale.
                m.county_pair_rows, m.static_scores = pair_rows, None

    def _resolve(self, mentions: list[Mention], peoples: Mapping[str, float]) -> None:
        self._pair_towns_with_counties(mentions)
        for m in mentions:
            self._choose(m, _Context({}, {}, {}))
        for _ in range(CONTEXT_PASSES):
            context = self._context(mentions, peoples)
            for m in mentions:
                self._choose(m, context)
        self._drop_stray_places(mentions, self._context(mentions, peoples))
        self._keep_inside_containers(mentions)
        self._keep_near_owners(mentions)
        self._unplace_foreign_container_towns(mentions)
        self._read_short_county_names(mentions)
        # One sense per article: every mention of the same name takes the best-supported reading.
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if (
                m.forced_row is None
                and m.chosen is not None
                and not m.container_rows
                and not self._listed_as_its_kind(m, m.chosen)
            ):
                groups[m.key].append(m)
        for group in groups.values():
            votes: dict[int, float] = defaultdict(float)
            for m in group:
                if m.chosen is not None:
                    votes[m.chosen] += m.score
            best = max(votes, key=votes.__getitem__)
            for m in group:
                if best in (c.row for c in m.candidates) and not m.division_word and not m.settlement_word:
                    m.chosen = best

    def _drop_stray_places(self, mentions: list[Mention], context: _Context) -> None:
        """A name whose best reading is a small place, a town known by another name, or any place named like one of
        the article's people ("Georgia" after "Georgia Stevens"), in a country the rest of the article places
        nothing in is more likely a place the gazetteer lacks ("Yida" camp is not Jeddah), kept unresolved, or no
        place at all ("Secretary", "Rehab" are villages too), dropped when the NER did not call it a place or it is
        a person's given name."""
        gaz = self.gaz
        # Towns read only by one of their other names lend their country no support: "Gulshan" (an old name of
        # Tabas) and "Gulistan" (of Golestānak) do not place a Karachi story in Iran between them.
        by_other_names = {
            m.key: gaz.country_code[m.chosen]
            for m in mentions
            if m.chosen is not None and gaz.kind[m.chosen] == KIND_CITY and not self._called_so(m, m.chosen)
        }
        # Names the article writes only as a force's ("Cleveland Police" in every mention of a Teesside story): a
        # region's force, not the big town abroad named so.
        forces_only = {m.key for m in mentions if m.names_a_force} - {m.key for m in mentions if not m.names_a_force}
        # Names the article writes only in a street's name ("Balo Street near Frome Street" in a Moree story): they
        # say where the street's namesake is, not where the article is, so they make no town of it a stray.
        streets_only = {m.key for m in mentions if m.street} - {m.key for m in mentions if not m.street}
        for m in mentions:
            row = m.chosen
            if row is None or m.forced_row is not None or m.container_rows:
                continue
            if gaz.kind[row] != KIND_CITY and not m.given_name:
                continue
            # A town of any size counts as stray when the name is only one of its other names ("Yida" is an old
            # name of Jeddah, "Zeitoun" of Quanzhou): in an article about elsewhere, that is a place the gazetteer
            # lacks.
            named_so = self._called_so(m, row)
            if (
                not self._small_for_its_words(m, row)
                and named_so
                and not m.given_name
                and not (m.names_a_force and m.key in forces_only)
            ):
                continue
            if " " in m.key and gaz.population[row] == 0 and _spelled_alike(m.text, gaz.name(row)):
                # Its own name in another spelling, of a town whose size GeoNames does not know (many Syrian towns):
                # "a Turkish convoy was hit near Maarrat al-Numan" (Ma'arrat an-Nu'man) is that town.
                continue
            cc = gaz.country_code[row]
            elsewhere = sum(w for c, w in context.countries.items() if c != cc) - sum(
                context.by_name[key][2]
                for key in streets_only
                if key != m.key and key in context.by_name and context.by_name[key][0] != cc
            )
            here = context.country_support(m.key, cc) - sum(
                context.by_name[key][2]
                for key, other_cc in by_other_names.items()
                if key != m.key and other_cc == cc and key in context.by_name
            )
            if any(cc in gaz.neighbours.get(b, ()) for b in m.border_countries):
                continue  # "Azaz, a rebel-held town near the Turkish border" lies across it, in Syria
            if here <= 0.0 and elsewhere >= 1.0:
                m.chosen = None if m.given_name else self._reading_where_the_article_is(m, context)
                m.stray = m.chosen is None and (m.label not in PLACE_LABELS or m.given_name)

    def _called_so(self, m: Mention, row: int) -> bool:
        """Whether the mention names a town by its own name: a short form of it ("New York" of "New York City"), or a
        well-known town's name spelled another way ("Zaporizhzhia": GeoNames writes Zaporizhzhya); a small town's is
        not ("Siri" is no town Sīrē in Ethiopia)."""
        return set(m.key.split()) <= set(fold(self.gaz.name(row)).split()) or (
            self._well_known_row(row) and self._own_name_spelled_otherwise(m, row)
        )

    def _small_for_its_words(self, m: Mention, row: int) -> bool:
        """Whether a town is small enough to be a stray: under 10,000 people, or under 50,000 when neither the
        recogniser nor a word around it calls the name a place ("the Dome", "Devon and Somerset Fire and Rescue")."""
        pop = self.gaz.population[row]
        if pop < STRAY_PLACE_MAX_POPULATION:
            return True
        placed_by_words = _cued(m) or m.residence
        return pop < UNPLACED_WORD_STRAY_MAX_POPULATION and m.label not in PLACE_LABELS and not placed_by_words

    def _keep_inside_containers(self, mentions: list[Mention]) -> None:
        """A town named before its division or country ("Kuriga, Kaduna state", "Palma, Cabo Delgado province") is a
        reading inside it, or a town the gazetteer lacks: never a namesake elsewhere (Khouribga, Morocco by spelling;
        Palma, Spain); so are the article's other mentions of that name ("Bountiful, B.C. ... in Bountiful").
        Countries and divisions before a comma are left alone: "Syria, Iraq" is a list. A county holds what is near
        its seat (`_contains`), which a large county outreaches: before one, only a namesake in another country is
        out ("Solhan, Yagha province" is not Solhan, Turkey)."""
        gaz = self.gaz
        containers: dict[str, int] = {}
        for m in mentions:
            outer = m.container
            if (
                outer is not None
                and outer.chosen is not None
                and m.forced_row is None
                and gaz.kind[outer.chosen] in (KIND_COUNTRY, KIND_ADMIN1, KIND_ADMIN2)
            ):
                containers.setdefault(m.key, outer.chosen)
        for m in mentions:
            container = containers.get(m.key)
            if container is None or m.chosen is None or m.forced_row is not None:
                continue
            if gaz.kind[m.chosen] not in (KIND_CITY, KIND_ADMIN2) or self._within(container, m.chosen):
                continue

            def inside(c: Candidate, container: int = container) -> bool:
                return self._within(container, c.row)

            m.chosen = _best_static_reading(m, inside)

    def _keep_near_owners(self, mentions: list[Mention]) -> None:
        """A name after a well-known place's possessive lies in or near it: the reading that does, or none (a
        district the gazetteer lacks), never a namesake far away ("Giza's Haram district" is not Haram, Norway)."""
        gaz = self.gaz
        for m in mentions:
            owner = m.owner.chosen if m.owner is not None else None
            if (
                owner is None
                or m.chosen is None
                or m.forced_row is not None
                or gaz.kind[m.chosen] not in (KIND_CITY, KIND_ADMIN2)
                or not self._well_known_row(owner)
                or self._near_or_in(owner, m.chosen)
            ):
                continue

            def near(c: Candidate, owner: int = owner) -> bool:
                return self._near_or_in(owner, c.row)

            m.chosen = _best_static_reading(m, near)

    def _unplace_foreign_container_towns(self, mentions: list[Mention]) -> None:
        """A name after a place and a comma holds it; read as a small town of another country it is a region the
        gazetteer lacks, kept unresolved: "Croft, Yorkshire" is not Yorkshire, Virginia. A city may be the next of a
        list the parser took for a container ("shows in Copenhagen, Hamburg, Brasov")."""
        gaz = self.gaz
        for m in mentions:
            outer = m.container
            if (
                outer is not None
                and outer.chosen is not None
                and m.chosen is not None
                and outer.forced_row is None
                and gaz.kind[outer.chosen] == KIND_CITY
                and gaz.population[outer.chosen] < BARE_CITY_MIN_POPULATION
                and gaz.country_code[outer.chosen] != gaz.country_code[m.chosen]
            ):
                outer.chosen = None

    def _read_short_county_names(self, mentions: list[Mention]) -> None:
        """A name read as a town far from the county the article names by it in full is that county's short name:
        "Suffolk" beside "Suffolk County" on Long Island is not Suffolk, Virginia. A town of the name in the county
        stays the town ("San Diego" beside "San Diego County")."""
        gaz = self.gaz
        counties = {
            m.key.rsplit(" ", 1)[0]: m.chosen
            for m in mentions
            if m.chosen is not None
            and gaz.kind[m.chosen] == KIND_ADMIN2
            and m.key.rsplit(" ", 1)[-1] in COUNTY_WORDS
            and (m.margin > SURE_MARGIN or len(m.candidates) == 1)
        }
        for m in mentions:
            county = counties.get(m.key)
            if (
                county is None
                or m.chosen is None
                or m.forced_row is not None
                or gaz.kind[m.chosen] != KIND_CITY
                or any(_contains(gaz, county, c.row) for c in m.candidates)
            ):
                continue
            m.chosen = county

    def _within(self, container: int, row: int) -> bool:
        """`row` lies in the country or division `container`; for a county, only its country can be told."""
        gaz = self.gaz
        if gaz.kind[container] == KIND_ADMIN2:
            return gaz.country_code[row] == gaz.country_code[container]
        return _contains(gaz, container, row)

    def _reading_where_the_article_is(self, m: Mention, context: _Context) -> int | None:
        """For a name the recogniser calls a place, the best reading (before context) that is a division named
        exactly so in a country the article's other places are in, if there is one: "New South Wales and Victoria"
        is the Australian state, not the Seychelles' capital. A town there is no surer than the stray (White House,
        Kentucky), and a word the recogniser did not call a place is none ("Man")."""
        gaz = self.gaz
        if m.label not in PLACE_LABELS:
            return None

        def placed(c: Candidate) -> bool:
            return (
                gaz.kind[c.row] in (KIND_ADMIN1, KIND_ADMIN2)
                and self._named_so(c, m.key)
                and context.country_support(m.key, gaz.country_code[c.row]) > 0.0
            )

        return _best_static_reading(m, placed)

    def _context(self, mentions: list[Mention], peoples: Mapping[str, float]) -> _Context:
        """Where the article's resolved places are: weighted counts of their countries and first-level divisions.

        Each distinct name counts once (more if repeated, with a cap), so that a name repeated ten times cannot
        vote for its own first guess; `_choose` takes a name's own share back out. `peoples`: countries the
        article's peoples ("Palestinians") add, which are not places themselves.
        """
        gaz = self.gaz
        names: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.chosen is not None:
                names[m.key].append(m)
        context = _Context(defaultdict(float, peoples), defaultdict(float), {})
        for key, group in names.items():
            row = max(group, key=lambda m: m.score).chosen
            assert row is not None  # grouped only when chosen
            # A village that is a name's only reading is no sure sign of its country: "North Manchester" (Indiana,
            # 6,000 people) of "North Manchester General Hospital" in a story from England.
            sure = any(
                m.margin > SURE_MARGIN if len(m.candidates) > 1 else not self._small_town(m.candidates[0].row)
                for m in group
            )
            weight = (1.0 if sure else 0.5) * min(2.0, 1.0 + 0.2 * (len(group) - 1))
            if all(m.street for m in group) and not any(_settled_without_context(m) for m in group):
                weight *= STREET_CONTEXT_FACTOR  # "Claremont Road" in Manchester is not in New Hampshire
            cc = gaz.country_code[row]
            a1 = gaz.admin1_row[row]
            # A division is supported by places inside it more than by being named itself.
            a1_weight = weight if gaz.kind[row] != KIND_ADMIN1 else weight * 0.5
            context.countries[cc] += weight
            if a1 >= 0:
                context.admin1s[a1] += a1_weight
            context.by_name[key] = (cc, a1, weight, a1_weight)
            if (
                sure
                and gaz.kind[row] == KIND_CITY
                and gaz.population[row] < BARE_CITY_MIN_POPULATION
                and any(c.row == row and self._named_so(c, key) for c in group[0].candidates)
                and any((m.label in ("GPE", "LOC") or _cued(m)) and not m.named_after for m in group)
            ):
                # Only a small town says where a story is: big cities are named as destinations, seats and
                # metropolises of their suburbs ("Dublin" beside San Francisco in an Irish airline's news). And
                # only a name the text calls a place, not one a building is named after: "St Thomas' Hospital" in
                # London is no sign of Ontario.
                context.sure_towns[key] = row
        return context

    def _peoples(self, fields_tokens: Iterable[_Tokens]) -> dict[str, float]:
        """Countries of the peoples an article names in the plural ("Palestinians", "Syrians"), 0.5 each.

        Annotators and readers take "Palestinian" for a place reference and "Palestinians" for people, so the plural
        is not a mention, but it says where the story is as much as an adjective does.
        """
        gaz = self.gaz
        peoples: dict[str, float] = {}
        for toks in fields_tokens:
            for word, cap in zip(toks.text, toks.cap, strict=True):
                if not cap or len(word) < 5 or word[-1] != "s":
                    continue
                row = gaz.demonym_row(word[:-1])
                if row is not None and gaz.kind[row] == KIND_COUNTRY:
                    peoples[gaz.country_code[row]] = PEOPLE_WEIGHT
        return peoples

    def _choose(self, m: Mention, context: _Context) -> None:
        gaz = self.gaz
        if m.forced_row is not None:
            m.chosen, m.score, m.margin = m.forced_row, 10.0, 10.0
            m.place_margin = m.margin
            return
        if not m.candidates:
            return
        if len(m.candidates) == 1:
            m.chosen, m.score, m.margin = m.candidates[0].row, 5.0, 5.0
            m.place_margin = m.margin
            return
        if m.static_scores is None or len(m.static_scores) != len(m.candidates):
            m.static_scores = self._static_scores(m)
            m.dwarfed = self._dwarfed_towns(m.candidates)
        countries, admin1s = context.countries, context.admin1s
        two_countries = sum(gaz.kind[c.row] == KIND_COUNTRY for c in m.candidates) > 1
        # A national capital whose country the article names dwarfs its namesake towns abroad as a big city does those
        # of its own country: "Paris" in a Kentucky story that names France is not Paris, Kentucky.
        named_capital_population = max(
            (
                gaz.population[c.row]
                for c in m.candidates
                if gaz.is_capital(c.row) and context.country_support(m.key, gaz.country_code[c.row]) > 0
            ),
            default=0,
        )
        # Where the article's other places are in or beside a country this name names.
        namesake_country_support = sum(
            context.country_support(m.key, near)
            for c in m.candidates
            if gaz.kind[c.row] == KIND_COUNTRY
            for near in (gaz.country_code[c.row], *gaz.neighbours.get(gaz.country_code[c.row], ()))
        )
        # Only a town's own name makes it the one beside the article's other towns: not an old name or a
        # spelling alike ("Portland" is not Blue Island, Illinois, by a name it once had).
        own_named_towns = (
            {c.row for c in m.candidates if c.exact and self._named_so(c, m.key)} if context.sure_towns else set()
        )
        best_score, second_score, best_row = -math.inf, -math.inf, m.candidates[0].row
        scored: list[tuple[float, int]] = []
        for static, row in zip(m.static_scores, (c.row for c in m.candidates), strict=True):
            kind = gaz.kind[row]
            score = static
            listed = self._listed_as_its_kind(m, row)
            cc = gaz.country_code[row]
            support = context.country_support(m.key, cc)
            if kind == KIND_COUNTRY:
                if two_countries and support > 0:
                    # "Congo" names two countries: the one the article's places are in.
                    score += W_SAME_COUNTRY * min(2.0, math.log1p(support))
            else:
                if support > 0:
                    score += W_SAME_COUNTRY * min(2.0, math.log1p(support))
                    if row in own_named_towns and (nearby := context.nearby_towns(gaz, m.key, row)):
                        score += W_NEARBY_TOWN * min(1.0, math.log1p(nearby))
                    if gaz.is_capital(row):
                        # A national capital stands for its named country as a division's places do for the
                        # division: "In Washington" beside "the United States" in a story datelined London is
                        # not Washington, Tyne and Wear, which London's England supports.
                        score += W_SAME_ADMIN1 * min(2.0, math.log1p(support))
                else:
                    # Across a border: Israeli strikes in Gaza, Turkish troops in northern Syria.
                    near = sum(countries.get(n, 0.0) for n in gaz.neighbours.get(cc, ()))
                    if near > 0:
                        score += W_NEIGHBOUR_COUNTRY * min(1.0, math.log1p(near))
                a1 = gaz.admin1_row[row]
                if a1 >= 0:
                    inside = context.admin1_support(m.key, a1)
                    dwarfed = row in m.dwarfed or (
                        kind == KIND_CITY
                        and not gaz.is_capital(row)
                        and _dwarfs(named_capital_population, int(gaz.population[row]))
                    )
                    if inside > 0 and not dwarfed:
                        score += W_SAME_ADMIN1 * min(2.0, math.log1p(inside))
                    if (
                        kind == KIND_ADMIN2
                        and inside >= 1.0
                        and not any(
                            gaz.kind[c.row] == KIND_CITY and gaz.country_code[c.row] == cc for c in m.candidates
                        )
                    ):
                        # A county amid the article's places of its region, and no town of its country named so:
                        # "Surrey" beside Banstead is the English county, not Surrey, British Columbia.
                        score += W_COUNTY_IN_REGION
                # A country's name names a division of another country ("Georgia" the US state) amid places of
                # that division, or amid that country's places when nothing lies in or beside the country named so
                # ("a Georgia man arrested in Jacksonville"); a country's own namesake division ("Guatemala") never
                # takes its name.
                if (
                    kind == KIND_ADMIN1
                    and static < -5.0
                    and all(gaz.country_code[c.row] != cc for c in m.candidates if gaz.kind[c.row] == KIND_COUNTRY)
                ):
                    if context.admin1_support(m.key, row) >= 1.0:
                        score += 10.0
                    elif namesake_country_support == 0.0 and (
                        (siblings := sum(w for a, w in admin1s.items() if a != row and gaz.country_code[a] == cc))
                        >= 1.0
                        or listed
                    ):
                        # As much as the division's own places would give: the article is in its sister divisions,
                        # or lists the name with one ("Georgia and Alabama").
                        score += 10.0 + W_SAME_ADMIN1 * min(2.0, math.log1p(siblings))
                    elif namesake_country_support == 0.0 and m.attributive:
                        score += 10.0 + W_ATTRIBUTIVE_DIVISION
            if listed:
                score += W_LISTED_KIND
            scored.append((score, row))
            if score > best_score:
                best_score, second_score, best_row = score, best_score, row
            elif score > second_score:
                second_score = score
        m.score, m.chosen, m.margin = best_score, best_row, best_score - second_score
        # How sure the place is, as against how sure the reading is: a reading that holds the chosen one or lies in it
        # (Zaporizhzhia the city and the province named after it) is no doubt about where the place is, nor is a
        # namesake town next to it (Dobropillia the town and the village of its name 6 km away).
        elsewhere = max(
            (
                s
                for s, r in scored
                if r != best_row
                and not _contains(gaz, r, best_row)
                and not _contains(gaz, best_row, r)
                and not (
                    gaz.kind[r] == KIND_CITY
                    and gaz.kind[best_row] == KIND_CITY
                    and gaz.distance_km(r, best_row) <= NAMESAKE_NEXT_DOOR_KM
                )
            ),
            default=-math.inf,
        )
        m.place_margin = best_score - elsewhere

    def _listed_as_its_kind(self, m: Mention, row: int) -> bool:
        """`row` is a division and a name listed beside `m` surely reads as a division of its country, or `row` is a
        country and such a name as a country. A name that also names a town inside its reading is no sure sign of
        the list's kind: "Hama and Idlib" may be two cities as well as two provinces."""
        gaz = self.gaz
        kind = gaz.kind[row]
        if kind not in (KIND_ADMIN1, KIND_COUNTRY):
            return False
        for p in m.listed_with:
            area = p.chosen
            if (
                p.key == m.key
                or area is None
                or p.margin <= SURE_MARGIN
                or gaz.kind[area] != kind
                or (kind == KIND_ADMIN1 and gaz.country_code[area] != gaz.country_code[row])
            ):
                continue
            if not any(gaz.kind[c.row] == KIND_CITY and _contains(gaz, area, c.row) for c in p.candidates):
                return True
        return False

    def _dwarfed_towns(self, candidates: list[Candidate]) -> frozenset[int]:
        """Candidate towns a city of the same name in their country dwarfs (`DWARFED_RATIO`, at least
        `DWARFING_CITY_MIN_POPULATION` people): no support from their division."""
        gaz = self.gaz
        biggest: dict[str, int] = {}
        for c in candidates:
            if c.exact and gaz.kind[c.row] == KIND_CITY:
                cc = gaz.country_code[c.row]
                biggest[cc] = max(biggest.get(cc, 0), int(gaz.population[c.row]))
        return frozenset(
            c.row
            for c in candidates
            if gaz.kind[c.row] == KIND_CITY
            and _dwarfs(biggest.get(gaz.country_code[c.row], 0), int(gaz.population[c.row]))
        )

    def _static_scores(self, m: Mention) -> list[float]:
        """The part of each reading's score that does not depend on the other places of the article."""
        gaz = self.gaz
        has_exact_country = any(c.exact and gaz.kind[c.row] == KIND_COUNTRY for c in m.candidates)
        exact_admin1_pop = {
            c.row: gaz.population[c.row] for c in m.candidates if c.exact and gaz.kind[c.row] == KIND_ADMIN1
        }
        admin1_countries = {gaz.country_code[r] for r in exact_admin1_pop}
        named_so = {c.row for c in m.candidates if self._named_so(c, m.key)}
        biggest_town_so = max((gaz.population[r] for r in named_so if gaz.kind[r] == KIND_CITY), default=-1)
        countries_of_towns_so = {gaz.country_code[r] for r in named_so if gaz.kind[r] == KIND_CITY}
        countries_of_divisions_so = {gaz.country_code[r] for r in named_so if gaz.kind[r] in (KIND_ADMIN1, KIND_ADMIN2)}
        # A country or a first-level division of that very name: no spelling of another name beats it ("Wales" is not
        # Valais, Switzerland, in a story from Zurich).
        names_a_division = any(gaz.kind[r] in (KIND_COUNTRY, KIND_ADMIN1) for r in named_so)
        # The name is a first-level division's, and no town of the division's country is named so.
        division_name_only = bool(admin1_countries) and not admin1_countries & countries_of_towns_so
        scores: list[float] = []
        for cand in m.candidates:
            row = cand.row
            kind = gaz.kind[row]
            score = gaz.prior(row)
            if not cand.exact:
                score += W_LOOSE_ONLY - (10.0 if names_a_division else 0.0)
                if biggest_town_so >= SIZEABLE_TOWN_SO and len(m.key) > 2:
                    # A sizeable town of that very name is what a writer means, not a capital spelled alike: "Derry"
                    # is not Dili, nor Delhi. Not a two-letter abbreviation ("WA"), which names no town so.
                    score += W_LOOSE_BESIDE_A_TOWN_SO
            elif named_so and row not in named_so:
                if gaz.is_capital(row):
                    score -= CAPITAL_PRIOR  # a capital's old or foreign name ("Philadelphia" was Amman) earns no bonus
                if kind == KIND_CITY and f" {m.key} " not in f" {fold(gaz.name(row))} ":
                    # A town called so only in its alternate names, not by a short form of its own ("Newcastle" upon
                    # Tyne), weighs less against a town or a division of that very name.
                    if (
                        gaz.population[row] < ALTERNATE_ONLY_SIZE_FACTOR * biggest_town_so
                        or gaz.country_code[row] in countries_of_towns_so
                    ) and not (gaz.population[row] > biggest_town_so and self._own_name_spelled_otherwise(m, row)):
                        # Against a town at least half its size ("Manchester" of Richmond, Virginia, a town it
                        # absorbed; "Middleton" of Middletown, New Jersey), or of its own country, whatever its size:
                        # "Whitehall" is a town in Ohio and in Pennsylvania, not Atlanta by the name of its first
                        # tavern. Not its own name spelled another way when it is the bigger town ("Zaporizhzhia" is
                        # the city Zaporizhzhya, not a village of 656 called so; "Sydney" is not Sidney, Ohio).
                        score += W_ALTERNATE_ONLY
                    if (
                        gaz.country_code[row] in countries_of_divisions_so
                        and not self._own_name_spelled_otherwise(m, row)
                        and not m.settlement_word
                    ):
                        # A division of its country has that very name: "Sulu" is the province, not Jolo by another
                        # name, unless the text says a settlement ("the Jenin refugee camp" is the city Janīn's).
                        score += W_ALTERNATE_OF_A_DIVISION
            if m.container_rows and any(_contains(gaz, c, row) for c in m.container_rows):
                score += W_EXPLICIT_CONTAINER
            if row in m.county_pair_rows:
                score += W_COUNTY_PAIR
            holds_the_name_before = (
                any(_contains(gaz, row, c) for c in m.contained_rows) if kind != KIND_CITY else False
            )
            if holds_the_name_before:
                score += W_EXPLICIT_CONTAINER
            if m.division_word and kind in (KIND_ADMIN1, KIND_ADMIN2):
                score += W_DIVISION_WORD
                if m.division_noun and gaz.division_type(row) == m.division_noun:
                    score += W_DIVISION_TYPE  # "Plateau state" is Nigeria's, Benin's is a department
            if (
                m.settlement_word
                and kind == KIND_CITY
                and not (division_name_only and gaz.country_code[row] not in admin1_countries)
            ):
                # "Idlib city" is the city of Idlib province; "a Queensland town" is no town of Alberta named so.
                # A name that is a city's too keeps its towns everywhere ("Vienna township" in Michigan).
                score += W_SETTLEMENT_WORD
            if has_exact_country and kind != KIND_COUNTRY:
                # A country's name means the country: never a town, and a division only when the text says so
                # ("the state of Georgia", "Atlanta, Georgia"), or amid other places of that division (_choose).
                if kind != KIND_ADMIN1 or not (m.division_word or m.container_rows or holds_the_name_before):
                    score -= 10.0
            elif (
                kind in (KIND_CITY, KIND_ADMIN2) and gaz.country_code[row] in admin1_countries and not m.settlement_word
            ):
                # A division's name means the division, not a namesake town or county of the same country, unless the
                # town is a national
                # capital ("Washington"), very large, or dominates the division it lies in ("New York").
                pop = gaz.population[row]
                a1 = gaz.admin1_row[row]
                big = pop >= BIG_CITY_POPULATION or (a1 in exact_admin1_pop and pop >= 0.3 * exact_admin1_pop[a1])
                if not gaz.is_capital(row) and not big:
                    score -= 2.0
            scores.append(score)
        return scores

    # ---- output -------------------------------------------------------------------------------------------------

    def _location(self, m: Mention, article: Article) -> Location | None:
        text = article.text(m.field_name)
        if text[m.start : m.end] != m.text:
            return None
        loc: Location = {
            "text": m.text,
            "field": m.field_name,
            "start": m.start,
            "end": m.end,
            "geonameid": None,
            "name": None,
            "country_code": None,
            "admin1_code": None,
            "admin1_name": None,
            "lat": None,
            "lon": None,
            "feature_class": None,
            "precision": None,
            "confidence": 0.3,
        }
        if m.chosen is not None:
            fields = self.gaz.location_fields(m.chosen)
            loc.update(fields)  # type: ignore[typeddict-item]  # keys are exactly the resolved Location fields
            loc["confidence"] = round(1.0 / (1.0 + math.exp(-m.place_margin)), 3)
        return loc

    def _event_location(self, mentions: list[Mention], locations: list[Location]) -> Location | None:
        """The place the report is about: the most specific place named in the title and lead, where the event verbs
        point ("in X", "near X"), weighted by how often the article names it and by its country's share."""
        gaz = self.gaz
        counts: dict[int, float] = defaultdict(float)
        weight: dict[int, float] = defaultdict(float)
        backed: set[int] = set()
        # A street's name ("on Hoover Avenue") places the incident in a town named elsewhere, not in its namesake.
        placed = [(m.chosen, m) for m in mentions if m.chosen is not None and m.evidence != "demonym" and not m.street]
        # "In the French capital" names a city as surely as "in Paris" (wire style avoids repeating the name).
        capitals = [(row, m) for m in mentions if m.capital_words and (row := self._capital_of(m)) is not None]
        placed += capitals
        # Where the people in the story live, or where its wounded were sent, is the scene only when the article names
        # no other place; a headline's place is what the story is about, whatever the preposition ("Girl from Spring
        # area missing"), unless the headline names another place too, even one the gazetteer lacks: "Couple from
        # Garzon named as victims of Rioloro crash" names where they lived and where they died.
        title_names_another = any(
            m.field_name == "title" and not m.residence and m.evidence != "demonym" for m in mentions
        )
        scenes = [
            (row, m)
            for row, m in placed
            if not (m.residence and (m.field_name != "title" or title_names_another))
            and not m.war
            and not m.denied
            and not m.court
            and not m.treated
            and not m.issuer
        ]
        # The lead's "in X" where X is not the dateline's place and does not hold it: the reporter filed from the
        # dateline ("LAGOS - ... from a school in Kaduna state"), which then counts as no more than any mention.
        lead_scenes = [
            row
            for row, m in scenes
            if m.locative and not m.agency_seat and m.sentence <= 1 and not m.dateline and m.field_name == "body"
        ]
        # An owner holds the place it owns ("in Gaza's Khan Younis"): "in" points at the place owned.
        owners = {id(m.owner) for _, m in placed if m.owner is not None}
        # A place right after another and "near" is where that one lies, not the scene: "Woman killed in shelling of
        # Bilytske near Dobropillia".
        ends = {(m.field_name, m.end) for _, m in placed}
        references = {id(m) for _, m in placed if m.near_at is not None and (m.field_name, m.near_at - 1) in ends}
        for row, m in scenes or placed:
            counts[row] += 1
            if self._backed(m):
                backed.add(row)
            where = 0.0
            if m.field_name == "title":
                where = EVENT_TITLE_WEIGHT
            elif m.sentence <= 1:
                # A dateline names where the reporter files from, which is often but not always the event's place.
                if not m.dateline:
                    where = EVENT_LEAD_WEIGHT
                elif not any(other != row and not _contains(gaz, other, row) for other in lead_scenes):
                    where = EVENT_DATELINE_WEIGHT
            if m.locative and id(m) not in owners and id(m) not in references:
                # "Police in Halifax are investigating a shooting in Dartmouth": the scene is Dartmouth, but with no
                # other "in", "officials in Kyiv" still place the story better than a newspaper's name.
                where += EVENT_LOCATIVE_WEIGHT * (EVENT_AGENCY_FACTOR if m.agency_seat else 1.0)
            elif m.town_force:
                # "Middletown police said a woman was stabbed ...": a town's own police speak of their town.
                where += EVENT_LOCATIVE_WEIGHT * EVENT_AGENCY_FACTOR
            if m.after_event_noun and gaz.kind[row] in (KIND_CITY, KIND_ADMIN2):
                # "arrested in Phoenix after the shooting in Mesa": the incident's own place; "the first deaths
                # during a protest in Greece since 1991" names the country as background.
                where += EVENT_NOUN_WEIGHT
            # The best single placement counts, not their sum: a country named in every sentence is background.
            weight[row] = max(weight[row], where)
        if not counts:
            return None
        self._districts_as_their_towns(scenes or placed, counts, weight, backed)
        country_counts: dict[str, float] = defaultdict(float)
        for row, count in counts.items():
            country_counts[gaz.country_code[row]] += count
        total = sum(counts.values())

        def score(row: int) -> float:
            specificity = EVENT_SPECIFICITY[gaz.kind[row]]
            if gaz.is_capital(row):
                specificity *= EVENT_CAPITAL_FACTOR  # "Ankara said", "Moscow warned": a government, not a scene
            country_share = country_counts[gaz.country_code[row]] / total
            return specificity * (1.0 + weight[row]) * (1.0 + math.log(counts[row])) * (0.5 + country_share)

        # A town named only as a capitalised word, with no place label, cue word or size to back it, is the least
        # sure kind of mention ("Indian Naval Ship" read as Naval, Philippines): the scene only if nothing surer is.
        rows = [row for row in counts if row in backed] or list(counts)
        best_row = max(rows, key=score)
        if gaz.kind[best_row] == KIND_COUNTRY:
            # "Gunmen kill policeman in northwest Pakistan" and, in the lead, "in the Mamund area of Bajaur district":
            # the country is where the headline points, the place inside it named in the lead is the scene.
            inside = [
                row
                for row in rows
                if gaz.kind[row] != KIND_COUNTRY
                and gaz.country_code[row] == gaz.country_code[best_row]
                and weight[row] >= EVENT_LEAD_WEIGHT
            ]
            if inside:
                best_row = max(inside, key=score)
        best = int(gaz.data.geonameid[best_row])
        named = next((loc for loc in locations if loc["geonameid"] == best), None)
        if named is not None:
            return named
        # The capital only a demonym named: the scene is the words that name it ("French capital").
        mention = next((m for row, m in capitals if row == best_row), None)
        return None if mention is None else self._capital_location(mention, best_row, locations)

    def _districts_as_their_towns(
        self,
        placed: list[tuple[int, Mention]],
        counts: dict[int, float],
        weight: dict[int, float],
        backed: set[int],
    ) -> None:
        """A district and the town of its name in one first-level division are one scene: "the Imam Sahib district"
        and "the main bazaar of Imam Sahib" count together, as the town (the more specific reading)."""
        gaz = self.gaz
        rows_by_name: dict[str, set[int]] = defaultdict(set)
        for row, m in placed:
            rows_by_name[m.key].add(row)
        for rows in rows_by_name.values():
            districts = [r for r in rows if gaz.kind[r] == KIND_ADMIN2]
            towns = [r for r in rows if gaz.kind[r] == KIND_CITY]
            for district in districts:
                town = next((t for t in towns if gaz.admin1_row[t] == gaz.admin1_row[district]), None)
                if town is None or district not in counts:
                    continue
                counts[town] += counts.pop(district)
                weight[town] = max(weight[town], weight.pop(district, 0.0))
                if district in backed:
                    backed.add(town)

    def _capital_of(self, m: Mention) -> int | None:
        """The capital of the country a demonym mention resolved to."""
        if m.chosen is None or self.gaz.kind[m.chosen] != KIND_COUNTRY:
            return None
        return self.gaz.capital_row(self.gaz.country_code[m.chosen])

    def _capital_location(self, m: Mention, row: int, locations: list[Location]) -> Location | None:
        demonym = next((loc for loc in locations if loc["field"] == m.field_name and loc["start"] == m.start), None)
        if demonym is None or m.capital_words is None:
            return None
        words, end = m.capital_words
        loc: Location = {**demonym, "text": words, "end": end}
        loc.update(self.gaz.location_fields(row))  # type: ignore[typeddict-item]  # exactly the resolved fields
        return loc

    def _backed(self, m: Mention) -> bool:
        """Whether more than capitals say the mention is a place: the NER's place label, a cue ("in", "province",
        "X, Texas", "X police"), a place's abbreviation ("Ky."), or a reading that is a region or a sizeable town."""
        row = m.chosen
        if row is None:
            return False
        if m.evidence == "abbreviation" or (m.evidence == "ner" and m.label in PLACE_LABELS):
            return True
        if _cued(m) or m.container_rows or m.contained_rows:
            return True
        return self.gaz.kind[row] != KIND_CITY or int(self.gaz.population[row]) >= BARE_CITY_MIN_POPULATION


def _opens_a_building_name(toks: _Tokens, j: int, *, saint: bool = False) -> bool:
    """The capitalised words from `j` on close a building's name within two words: "Grant Medical Center",
    "Millfield Theatre" (not "New York" of "New York Times White House"). `saint`: the name is a saint's, which
    names a patron, not a town, within four words, after its possessive or a second saint: "St Thomas' Hospital",
    "St. Mark's Coptic Orthodox Cathedral", "Saint Peter and Saint Paul Coptic Orthodox Church" (but "London's
    Heathrow Airport" is London's)."""
    reach = 2
    if saint:
        if j + 2 < len(toks.lower) and toks.lower[j] == "and" and toks.lower[j + 1] in SAINT_WORDS:
            j += 3  # the first of two saints: "Saint Peter and Saint Paul Coptic Orthodox Church"
        if j < len(toks.lower) and toks.lower[j] in POSSESSIVE_ENDINGS:
            j += 1
        reach = MAX_SAINT_BUILDING_WORDS
    for k in range(j, min(j + reach, len(toks.lower))):
        if not toks.cap[k]:
            return False
        if toks.lower[k] in FACILITY_HEADS:
            return True
    return False


def _opens_a_court_name(toks: _Tokens, j: int) -> bool:
    """The building whose name the words from `j` on close is a court: "Superior Court", "Crown Court"."""
    return any(toks.lower[k] in COURT_WORDS for k in range(j, min(j + 3, len(toks.lower))))


def _after_a_saint_word(toks: _Tokens, i: int) -> bool:
    """Token i follows "St." or "Saint" that opens a name, not a street's abbreviation ("Main St. Boston")."""
    return i >= 1 and toks.lower[i - 1] in SAINT_WORDS and not (i >= 2 and toks.cap[i - 2])


def _dedicated_to(toks: _Tokens, i: int) -> bool:
    """The saint's name at token i (or just after "St.") follows a building word and "of", perhaps after another
    saint and "and": "the Cathedral of St. John", "the church of St. Peter and St. Paul"."""
    k = i - 1 if toks.lower[i] in SAINT_WORDS else i - 2
    listed = False
    while k >= 1:
        word = toks.lower[k]
        if word == "of":
            return toks.lower[k - 1] in FACILITY_HEADS
        if word == "and" and not listed:
            listed = True
        elif not (toks.cap[k] or word in SAINT_WORDS):
            return False
        k -= 1
    return False


def _opens_a_hyphenated_street(toks: _Tokens, j: int) -> bool:
    """The name ending before token j opens a street's hyphenated name: "Maurice-Duplessis Boulevard",
    "Côte-des-Neiges Road" (spaCy splits the hyphens off)."""
    n = len(toks.lower)
    k = j
    while k + 1 < n and toks.text[k] == "-" and toks.alpha[k + 1]:
        k += 2
    return j < k < n and toks.cap[k] and is_street_word(toks.lower[k])


def _in_street_pair(toks: _Tokens, i: int, j: int) -> bool:
    """One of two streets named together: "between Wheatland and Hague avenues", "near Parsons and Frebis avenues"
    (a plural street word after a lone name is a town's streets: "in Gaza streets")."""
    n = len(toks.lower)

    def plural_street(k: int) -> bool:
        return k < n and toks.lower[k].endswith("s") and is_street_word(toks.lower[k][:-1])

    first = j + 2 < n and toks.lower[j] == "and" and toks.cap[j + 1] and plural_street(j + 2)
    second = i >= 2 and toks.lower[i - 1] == "and" and toks.cap[i - 2] and plural_street(j)
    return first or second


def _before_a_camp(toks: _Tokens, j: int) -> bool:
    """ "the Jenin refugee camp", "the Yarmouk camp": a camp takes the name of the town it lies by, not of the
    province named like the town."""
    n = len(toks.lower)
    if j < n and toks.lower[j] == "refugee":
        j += 1
    return j < n and toks.lower[j] in ("camp", "camps") and not toks.cap[j]


def _compound_tail(toks: _Tokens, i: int) -> bool:
    """The word after a hyphenated lower-case link of one name: "Lyne" of "Ashton-under-Lyne", "Avon" of
    "Stratford-upon-Avon", "Mer" of "Boulogne-sur-Mer" (not "Aleppo" of "Damascus-Aleppo")."""
    return (
        i >= 3
        and toks.text[i - 1] == "-"
        and toks.text[i - 2].isalpha()
        and toks.text[i - 2].islower()
        and toks.text[i - 3] == "-"
        and toks.touches_previous(i)
        and toks.touches_previous(i - 1)
        and toks.touches_previous(i - 2)
    )


def _dwarfs(big_population: int, population: int) -> bool:
    """Whether a city of `big_population` people dwarfs a town of `population` (`DWARFED_RATIO`, at least
    `DWARFING_CITY_MIN_POPULATION` people): the town takes no support from its division."""
    return big_population >= DWARFING_CITY_MIN_POPULATION and big_population >= DWARFED_RATIO * population


def _abbreviation_dot(toks: _Tokens, k: int) -> bool:
    """Whether token k is the dot of a name's word written short, which the tokenizer split off when the word is in
    capitals: "ST" "." "LOUIS", "FT" "." "LAUDERDALE" of a dateline."""
    return toks.text[k] == "." and k >= 1 and toks.touches_previous(k) and toks.lower[k - 1] in ABBREVIATED_NAME_WORDS


def _hyphenated_from(toks: _Tokens, i: int) -> int | None:
    """The capitalised word a name starting at `i` is joined to by a hyphen before it, no space between: "Okafor" of
    "Okafor-Reid", "Damascus" of "Damascus-Aleppo"."""
    k = i - 2
    if (
        k >= 0
        and toks.text[i - 1] in NAME_DASHES
        and toks.cap[k]
        and toks.touches_previous(i - 1)
        and toks.touches_previous(i)
    ):
        return k
    return None


def _hyphenated_to(toks: _Tokens, j: int) -> int | None:
    """The capitalised word a name ending before `j` is joined to by a hyphen, no space between: "Elysees" of
    "Champs-Elysees", "Gaza" of "Israel-Gaza"."""
    k = j + 1
    if (
        k < len(toks.text)
        and toks.text[j] in NAME_DASHES
        and toks.cap[k]
        and toks.touches_previous(j)
        and toks.touches_previous(k)
    ):
        return k
    return None


def _cued(m: Mention) -> bool:
    """Whether a word around the name says it is a place: "in X", "X province", "X town", a dateline, "X police"."""
    return m.locative or m.dateline or m.division_word or m.settlement_word or m.town_force


def _quoted(toks: _Tokens, i: int, j: int) -> bool:
    """Whether tokens i..j sit between quotation marks (the small model may take the closing one into the span)."""
    opening = i > 0 and toks.text[i - 1] in OPENING_QUOTES
    closing = (j < len(toks.text) and toks.text[j] in CLOSING_QUOTES) or toks.text[j - 1].endswith(
        tuple(CLOSING_QUOTES)
    )
    return opening and closing


def _in_quoted_title(toks: _Tokens, i: int, j: int, reach: int = 8) -> bool:
    """Whether tokens i..j stand inside a quoted title of three words or more, each capitalised or a short linking
    word: "Angel in a White Coat", "The Secret Man" (a quoted sentence has lower-case words: "we love Paris")."""
    n = len(toks.text)

    def title_word(k: int) -> bool:
        return toks.cap[k] or toks.lower[k] in TITLE_LINK_WORDS

    start = i
    while start > 0 and i - start < reach and toks.text[start - 1] not in OPENING_QUOTES and title_word(start - 1):
        start -= 1
    end = j
    while end < n and end - j < reach and toks.text[end] not in CLOSING_QUOTES and title_word(end):
        end += 1
    return (
        start > 0
        and toks.text[start - 1] in OPENING_QUOTES
        and end < n
        and toks.text[end] in CLOSING_QUOTES
        and end - start >= 3
    )


def _closes_a_town_name(toks: _Tokens, i: int, j: int) -> bool:
    """Whether toks[i:j] is a settlement word alone right after a capitalised word: the word closing a town's name
    ("Town" of "Dumka Town police"), no place of its own (a Town in Saint Lucia)."""
    return j - i == 1 and i > 0 and toks.lower[i] in SETTLEMENT_WORDS and toks.cap[i - 1] and not toks.punct[i - 1]


def _compass_part(toks: _Tokens, k: int) -> bool:
    """Whether compass word k (or "Midtown", "Downtown") names a part of the place named right after it ("Northeast
    Philly", "Midtown Manhattan") or a region ("the Northeast facility"), not a town of that name (North East,
    Pennsylvania; Midtown, Tennessee)."""
    if toks.lower[k] not in COMPASS_WORDS and toks.lower[k] not in TOWN_PART_WORDS:
        return False
    after_the = k > 0 and toks.lower[k - 1] == "the"
    before_a_name = k + 1 < len(toks.text) and toks.cap[k + 1] and toks.idx[k + 1] == toks.end_char(k) + 1
    return after_the or before_a_name


def _compass_part_name(toks: _Tokens, i: int, j: int) -> bool:
    """Whether tokens i..j name a part of a place or a region by compass words alone (`_compass_part`), two words
    before the place's name among them: "Far North Queensland" is not Cameroon's Far North region, nor "South East
    Asian" Botswana's South East district."""
    if j - i == 1:
        return _compass_part(toks, i)
    return (
        j - i == 2
        and all(toks.lower[k] in COMPASS_WORDS or toks.lower[k] == "far" for k in range(i, j))
        and j < len(toks.text)
        and toks.cap[j]
        and toks.idx[j] == toks.end_char(j - 1) + 1
    )


def _direction_and_division(toks: _Tokens, i: int, j: int) -> bool:
    """Whether tokens i..j are a direction and a division word alone: "North District", "Eastern Province"."""
    return j - i == 2 and toks.lower[i] in DIRECTION_WORDS and toks.lower[i + 1] in DIVISION_WORDS


def _compass_words(toks: _Tokens, i: int, j: int) -> bool:
    """Every word from i to j is a compass word ("South" of "South Side", "Near North" of "Near North Side")."""
    return all(toks.lower[k] in COMPASS_WORDS or toks.lower[k] == "near" for k in range(i, j))


def _district_name(toks: _Tokens, i: int, j: int) -> bool:
    """A compass word's part of a town: "South Side", "Near North Side", "West End"."""
    return (
        j - i >= 2
        and toks.lower[j - 1] in DISTRICT_HEADS
        and toks.cap[j - 1]
        and any(toks.lower[k] in COMPASS_WORDS for k in range(i, j - 1))
    )


def _settled_without_context(m: Mention) -> bool:
    """Whether a name's reading stands on its own: one candidate, or a best reading well ahead before the article's
    other places are weighed (its static score)."""
    if m.doubtful or m.district:
        return False  # its candidates were cut to the article's places
    if len(m.candidates) == 1:
        return True
    if not m.static_scores:
        return False
    first, second = heapq.nlargest(2, m.static_scores)
    return first - second > SURE_MARGIN


def _after_a_titled_given_name(toks: _Tokens, i: int) -> bool:
    """The word at `i` follows a title and one capitalised word: a surname ("Fire Marshal Doug Logan")."""
    return i >= 2 and toks.cap[i - 1] and toks.lower[i - 2].rstrip(".") in PERSON_TITLES


def _contains(gaz: Gazetteer, container: int, row: int) -> bool:
    kind = gaz.kind[container]
    if kind == KIND_COUNTRY:
        return gaz.country_code[row] == gaz.country_code[container] and row != container
    if kind == KIND_ADMIN1:
        return gaz.admin1_row[row] == container and row != container
    if kind == KIND_ADMIN2:
        # The index has no second-level codes: a county holds the places of its country near its seat.
        return (
            gaz.kind[row] == KIND_CITY
            and gaz.country_code[row] == gaz.country_code[container]
            and gaz.distance_km(row, container) <= COUNTY_REACH_KM
        )
    return False


# The columns `_Tokens` reads, in this order.
_TOKEN_ATTRIBUTES: list[int | str] = [
    "IDX",
    "IS_STOP",
    "IS_PUNCT",
    "IS_ALPHA",
    "IS_UPPER",
    "SENT_START",
    "IS_LOWER",
    "LIKE_URL",
]


class _Tokens:
    """Plain lists of the token attributes the tagger reads, from one `Doc.to_array` call and the doc's reading
    (`streams.nlp.read_doc`): Token objects are slow."""

    __slots__ = (
        "alpha",
        "cap",
        "idx",
        "in_lower_case",
        "lower",
        "opens",
        "proper",
        "punct",
        "sent",
        "stop",
        "text",
        "upper",
        "url",
    )

    def __init__(self, doc: Doc, text: str) -> None:
        # Column by column in numpy: a Python pass per attribute over the rows was a tenth of the tagger's time.
        columns = (
            doc.to_array(_TOKEN_ATTRIBUTES).T if len(doc) else np.zeros((len(_TOKEN_ATTRIBUTES), 0), dtype=np.uint64)
        )
        reading = read_doc(doc, text)  # the words and their lower-case forms, shared with the actor tagger
        self.idx: list[int] = columns[0].tolist()
        self.text = reading.text
        self.lower = reading.lower
        self.cap = [t[:1].isupper() for t in self.text]
        self.stop: list[bool] = (columns[1] != 0).tolist()
        self.punct: list[bool] = (columns[2] != 0).tolist()
        self.alpha: list[bool] = (columns[3] != 0).tolist()
        self.upper: list[bool] = (columns[4] != 0).tolist()
        self.in_lower_case: list[bool] = (columns[6] != 0).tolist()
        self.url: list[bool] = (columns[7] != 0).tolist()
        starts = columns[5] == 1  # SENT_START is 1, -1 (stored wrapped) or 0
        starts[:1] = False
        self.sent: list[int] = np.cumsum(starts).tolist()
        starts[:1] = True
        self.opens: list[bool] = starts.tolist()
        # A line's first word opens it, whatever the parser says: a headline above its story ("Man held after ...")
        # is capitalised for its place in the line.
        for k in range(1, len(self.text)):
            if "\n" in self.text[k - 1] and self.text[k - 1].isspace():
                self.opens[k] = True
        self.proper = [
            reads_as_name(t, is_stop=self.stop[k], opens_sentence=self.opens[k]) for k, t in enumerate(self.text)
        ]

    def end_char(self, k: int) -> int:
        return self.idx[k] + len(self.text[k])

    def touches_previous(self, k: int) -> bool:
        """No space between token k and the one before it ("Champs" "-" "Elysees", "ST" ".")."""
        return self.idx[k] == self.end_char(k - 1)

    def surface(self, text: str, i: int, j: int) -> str:
        return text[self.idx[i] : self.end_char(j - 1)]

    def starts_name(self, k: int) -> bool:
        return self.cap[k] and (self.alpha[k] or "." in self.text[k])

    def inside_name(self, k: int) -> bool:
        return self.cap[k] or self.lower[k] in CONNECTORS


def _best_static_reading(m: Mention, keep: Callable[[Candidate], bool]) -> int | None:
    """The reading `keep` accepts with the best score before context (`Mention.static_scores`); None when it accepts
    none, or when the scores were never computed (`_choose` takes a name's only reading without them)."""
    if m.static_scores is None or len(m.static_scores) != len(m.candidates):
        return None
    kept = [(score, c.row) for score, c in zip(m.static_scores, m.candidates, strict=True) if keep(c)]
    return max(kept)[1] if kept else None


def _spelled_alike(name: str, other: str) -> bool:
    """Two spellings of one name: equal transliteration keys once articles go ("Maarrat al-Numan", "Ma'arrat an
    Nu'man": the Arabic article takes the sound of the next letter)."""

    def key(text: str) -> list[str]:
        return [word for word in loose(text).split() if word not in ARTICLE_WORDS]

    return key(name) == key(other)


def _division_noun(word: str) -> str:
    """A division word in the singular ("states", "provinces", "counties"); empty for any other word."""
    if word not in DIVISION_WORDS:
        return ""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def _share_plural_division_words(mentions: list[Mention], text: str) -> None:
    """A plural division word after a list is every listed name's: "the Lviv and Kharkiv regions", "Kano, Kaduna and
    Jigawa states" name divisions, not their capitals."""
    plural_after: Mention | None = None  # the list's last name, when a plural division word follows it
    for m, nxt in reversed(list(itertools.pairwise(mentions))):
        if text[m.end : nxt.start].strip() not in (",", "and", ", and", "or"):
            plural_after = None
            continue
        if plural_after is None and nxt.division_noun:
            following = text[nxt.end : nxt.end + 24].split(None, 1)  # the word after the name (a division word)
            word = following[0].lower().strip(".,;:") if following else ""
            plural_after = nxt if word != nxt.division_noun else None
        if plural_after is not None:
            m.division_word, m.division_noun = True, plural_after.division_noun


def _link_listed_names(mentions: list[Mention], text: str) -> None:
    """Link names listed side by side: "Oregon and Washington", "Syria, Iraq or Iran". A comma alone links only
    inside a longer list: "Paris, Texas" names a town and its state."""
    separators = [text[m.end : nxt.start].strip() for m, nxt in itertools.pairwise(mentions)]
    for k, (m, nxt) in enumerate(itertools.pairwise(mentions)):
        between = separators[k]
        if between == ",":
            neighbours = separators[k - 1 : k] + separators[k + 1 : k + 2]
            listed = any(sep in LISTING_SEPARATORS or sep == "," for sep in neighbours)
        else:
            listed = between in LISTING_SEPARATORS
        if listed and m.end < nxt.start:
            m.listed_with.append(nxt)
            nxt.listed_with.append(m)


def _street_compass_names(toks: _Tokens) -> Iterator[tuple[int, int]]:
    """(k, j): a capitalised compass word at k and one to three capitalised words up to j, then a capitalised street
    word ("West Chicago" of "West Chicago Avenue")."""
    n = len(toks.text)
    for k in range(n - 2):
        if not (toks.cap[k] and toks.lower[k] in COMPASS_WORDS):
            continue
        j = k + 1
        while j < n and j <= k + 3 and toks.cap[j] and not is_street_word(toks.lower[j]):
            j += 1
        if k + 1 < j < n and toks.cap[j] and is_street_word(toks.lower[j]):
            yield k, j


def _names_of_kin(toks: _Tokens) -> Iterator[tuple[int, int]]:
    """Token spans of the names written right after a relation in lower case ("his wife Florence"), and of the
    names listed on after a plural one ("daughters Victoria and Savannah"), or set off by a comma as obituaries
    write them ("Derwin Mosley and wife, Nina,")."""
    n = len(toks.text)
    for k in range(n - 1):
        if toks.cap[k] or toks.lower[k] not in KINSHIP_NOUNS:
            continue
        start = k + 2 if toks.text[k + 1] == "," else k + 1
        while start < n and toks.cap[start]:
            end = start + 1
            while end < n and end - start < 3 and toks.cap[end]:
                end += 1
            yield start, end
            listed = _skip_separators(toks, end, 1)
            if listed == end or not toks.lower[k].endswith(("s", "ren")):
                break
            start = listed


def _link_possessive_owners(mentions: list[Mention]) -> None:
    """Link a name to the one whose possessive it follows: "Gaza's Khan Younis", "Idlib province's Saraqeb"."""
    for m, nxt in itertools.pairwise(mentions):
        if nxt.owner_span is not None and nxt.owner_span[0] <= m.start and m.end == nxt.owner_span[1]:
            nxt.owner = m


def _skip_separators(toks: _Tokens, k: int, step: int) -> int:
    """The token past a list separator (",", "and", "or", ", and") from `k` in direction `step`; `k` if none."""
    n = len(toks.text)
    at = k if step > 0 else k - 1
    seen = 0
    while 0 <= at < n and toks.lower[at] in LIST_SEPARATORS and seen < 2:
        at += step
        seen += 1
    if not seen:
        return k
    return at if step > 0 else at + 1


def _doc_matches(doc: Doc, text: str) -> bool:
    # Doc.text rebuilds the whole string; the ends of the first and last tokens are enough to catch a foreign Doc.
    if len(doc) == 0:
        return not text.strip()
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text, doc[0].idx)


def _web_address_tokens(toks: _Tokens, text: str) -> Iterable[int]:
    """The tokens of a web address opening a line, however spaced ("http: / / www. thesun. co. uk / news / Man -
    held - after ..."): it runs while its words touch or a slug mark stands between them, and ends at the first two
    words apart ("www.example.com/news/brooklyn-fire A fire in Brooklyn ...")."""
    n = len(toks.text)
    for opening in WEB_ADDRESS_START_RE.finditer(text):
        line_end = text.find("\n", opening.start())
        line_end = len(text) if line_end < 0 else line_end
        k = bisect.bisect_left(toks.idx, opening.start())
        while k < n and toks.idx[k] < line_end:
            yield k
            nxt = k + 1
            if nxt >= n or toks.idx[nxt] >= line_end:
                break
            touching = toks.touches_previous(nxt)
            if not (touching or toks.text[k][-1] in WEB_ADDRESS_MARKS or toks.text[nxt][0] in WEB_ADDRESS_MARKS):
                break
            k = nxt


def _prose_lower_words(toks: _Tokens) -> set[str]:
    """Words written in lower case in running text, not in a web address or slug ("new-york/brooklyn-fire")."""
    words, last = toks.text, len(toks.text) - 1
    return {
        words[k]
        for k in range(len(words))
        if toks.in_lower_case[k]
        and toks.alpha[k]
        and not toks.url[k]
        and (k == 0 or words[k - 1] not in SLUG_MARKS)
        and (k == last or words[k + 1] not in SLUG_MARKS)
    }


def _after_locative(toks: _Tokens, i: int) -> bool:
    """Whether token i follows a word that places it ("in", "near", "at"...), "of" and "and" aside, or a part of a
    place ("off the coast of Fukushima", "on the outskirts of Kyiv"), or a settlement's word ("the town of Qabatia")."""
    before = toks.lower[i - 1] if i > 0 else ""
    if before == "of" and i >= 2 and (toks.lower[i - 2] in PLACE_PART_NOUNS or toks.lower[i - 2] in SETTLEMENT_WORDS):
        return True
    return before in LOCATIVE_WORDS and before not in ("of", "and")


def _possessive_owner(toks: _Tokens, i: int) -> tuple[int, int] | None:
    """The tokens of the name whose possessive token i follows ("Gaza" of "Gaza's Khan Younis", "Deir ez-Zor" of
    "Deir ez-Zor province's Mayadin"), or None."""
    if not (i >= 2 and toks.text[i - 1] in POSSESSIVE_ENDINGS and toks.touches_previous(i - 1)):
        return None
    end = i - 1
    if toks.lower[end - 1] in DIVISION_WORDS:
        end -= 1  # "Idlib province's": the division's name comes before its word
    start = end
    while start > max(0, end - MAX_OWNER_WORDS) and (
        toks.cap[start - 1]
        or toks.text[start - 1] in NAME_HYPHENS
        or toks.lower[start - 1] in NAME_PARTICLES
        or (toks.text[start] in NAME_HYPHENS and len(toks.text[start - 1]) <= 3)  # "ez" of "Deir ez-Zor"
    ):
        start -= 1
    while start < end and not toks.cap[start]:
        start += 1
    return (start, end) if start < end else None


def _named_part_owner(toks: _Tokens, i: int) -> tuple[int, int] | None:
    """The tokens of the place named before a part's noun and "of" ("Cincinnati" of "the Cincinnati suburb of West
    Chester", "Damascus" of "the Damascus suburb of Douma"), or None: the name at token i lies in or near it."""
    if not (i >= 3 and toks.lower[i - 1] == "of" and toks.lower[i - 2] in NAMED_PART_NOUNS and toks.cap[i - 3]):
        return None
    end = i - 2
    start = end - 1
    while start > max(0, end - MAX_OWNER_WORDS) and toks.cap[start - 1]:
        start -= 1
    return start, end


def _after_a_taking_verb(toks: _Tokens, i: int) -> bool:
    """Token i follows a verb of taking or striking a place, or "fired on" ("Turkey fired on Qamishli")."""
    prev = toks.lower[i - 1] if i > 0 else ""
    return prev in TAKING_VERBS or _after_a_striking_verb(toks, i)


def _after_a_striking_verb(toks: _Tokens, i: int) -> bool:
    """Token i follows a verb of striking a place (`STRIKING_VERBS`) or "fired on" ("Turkey fired on Qamishli")."""
    prev = toks.lower[i - 1] if i > 0 else ""
    return prev in STRIKING_VERBS or (prev == "on" and i >= 2 and toks.lower[i - 2] in ("fired", "fire"))


def _after_a_name_word(toks: _Tokens, i: int) -> bool:
    """Whether token i follows a capitalised word: it closes a longer name ("Merion" of "Lower Merion Township")."""
    return i > 0 and toks.cap[i - 1] and toks.alpha[i - 1]


def _before_an_office(toks: _Tokens, j: int) -> bool:
    """Whether the words from token j are an office's title that opens with a division word ("District
    Attorney"), not a division of the name before it."""
    return j + 1 < len(toks.lower) and (toks.lower[j], toks.lower[j + 1]) in DIVISION_WORD_OFFICES


def _opens_a_town_service(toks: _Tokens, k: int) -> bool:
    """Whether token k names a service that "neighbourhood" qualifies before it: "the Rhyl neighbourhood policing
    team", "the Hulme neighbourhood watch" are the town's, not a neighbourhood called Rhyl."""
    return k < len(toks.text) and toks.lower[k] in NEIGHBOURHOOD_SERVICE_WORDS


def _before_a_town_part(toks: _Tokens, j: int) -> bool:
    """Whether the words from token j, in lower case, name a part only a town has (TOWN_PART_NOUNS, "town centre",
    "city center", "railway station")."""
    n = len(toks.text)
    if j >= n or toks.cap[j]:
        return False
    return (
        toks.lower[j] in TOWN_PART_NOUNS
        or (toks.lower[j] in ("town", "city") and j + 1 < n and toks.lower[j + 1] in TOWN_CENTRE_WORDS)
        or (j + 1 < n and toks.lower[j + 1] in TOWN_STATION_WORDS.get(toks.lower[j], ()))
    )


def _before_a_town_force(toks: _Tokens, j: int) -> bool:
    """Whether the words from token j are a town's police or fire service: "police", "firefighters", or "Police
    Department" capitalised ("Federal Police", "Capitol Police" are forces of their own names)."""
    word = toks.lower[j] if j < len(toks.text) else ""
    if word in DETACHMENT_FORCES:
        return toks.text[j].isupper()
    if word not in TOWN_FORCE_NOUNS:
        return False
    return not toks.cap[j] or (j + 1 < len(toks.text) and toks.lower[j + 1] in DEPARTMENT_WORDS)


def _no_place_alone(toks: _Tokens, i: int, j: int) -> bool:
    """A word that, whatever the gazetteer holds, is no place of its own here (`_heads_a_features_name`,
    `_a_forces_initials`): both mention paths, the recogniser's and the word sequences', ask it."""
    return _heads_a_features_name(toks, i, j) or _a_forces_initials(toks, i, j)


def _heads_a_features_name(toks: _Tokens, i: int, j: int) -> bool:
    """A feature's word opening its name ("Lac" of "Lac La Hache", "Cape" of "Cape Breton"): no place alone (Chad's
    Lac region), whatever the name after it, unless a division's word follows ("the Lac Region")."""
    return (
        j - i == 1
        and toks.lower[i] in FEATURE_PREFIXES
        and j < len(toks.text)
        and toks.cap[j]
        and toks.lower[j] not in DIVISION_WORDS
    )


def _a_forces_initials(toks: _Tokens, i: int, j: int) -> bool:
    """A police force's initials in capitals ("the OPP said", "Kenora OPP"): the force, never a town named so (Opp,
    Alabama)."""
    return j - i == 1 and toks.upper[i] and toks.lower[i] in DETACHMENT_FORCES


def _opens_a_force_name(toks: _Tokens, j: int) -> bool:
    """Whether the words from token j close a force's own name ("Cleveland Police", "Durham Constabulary"), not a
    town's department ("Los Angeles Police Department", "Winnipeg Police Service")."""
    n = len(toks.text)
    return (
        j < n
        and toks.cap[j]
        and toks.lower[j] in FORCE_NAME_NOUNS
        and not (j + 1 < n and (toks.lower[j + 1] in DEPARTMENT_WORDS or toks.lower[j + 1] == "service"))
    )


def _release_heading_end(name: FieldName, text: str) -> int:
    """Where the first line of a body that opens as a press release ends ("PRESS RELEASE - Noakhali District Police,
    Media Cell", "NEWS RELEASE — Klamath Falls Police Department"): the places before it are its issuer's; 0 if the
    field opens otherwise. Read once per field, not per mention."""
    if name != "body" or RELEASE_HEADING_RE.match(text) is None:
        return 0
    line_end = text.find("\n")
    return len(text) if line_end < 0 else line_end


def _after_agency(toks: _Tokens, i: int) -> bool:
    """Whether token i names where an agency sits ("Police in Halifax are investigating a shooting in Dartmouth") or
    where a hospital is ("flown to Miami Valley Hospital in Dayton"): the place of those who speak or treat the
    victims, not a scene."""
    return (
        i >= 2
        and toks.lower[i - 1] == "in"
        and (toks.lower[i - 2] in AGENCY_NOUNS or toks.lower[i - 2] in HOSPITAL_NOUNS)
    )


def _vehicle_name_end(toks: _Tokens, k: int) -> int | None:
    """The end of a car's name ("Toyota HiLux", "Holden Commodore sedan") if the make at token k (`VEHICLE_MAKES`) has
    its model or a vehicle's noun after it ("a Toyota bakkie") or a colour before it; None otherwise."""
    n = len(toks.text)
    end = k + 1
    while end < n and end - k < 3 and toks.cap[end] and not _names_a_place_kind(toks.lower[end]):
        end += 1
    if (
        end > k + 1
        or (k > 0 and toks.lower[k - 1] in VEHICLE_COLOURS)
        or (end < n and toks.lower[end] in VEHICLE_NOUNS)
    ):
        return end
    return None


def _names_a_place_kind(lower: str) -> bool:
    """A word that makes the name before it a place ("City", "County", "Road", "Park")."""
    return lower in SETTLEMENT_WORDS or lower in DIVISION_WORDS or is_street_word(lower) or lower in FACILITY_HEADS


def _before_a_possessive_street(toks: _Tokens, j: int) -> bool:
    """Whether the name ending before token j owns a street: "St Peter's Road", "St John's Lane"."""
    return (
        j + 1 < len(toks.lower)
        and toks.lower[j] in POSSESSIVE_ENDINGS
        and toks.cap[j + 1]
        and is_street_word(toks.lower[j + 1])
    )


def _after_a_denied_link(toks: _Tokens, i: int) -> bool:
    """Whether token i follows, in its sentence, a link word and "to" or "with" that a negation comes before ("not
    linked to Kulachi attack", "nothing to suggest it was connected to the shooting in Oldham"), or the "to" of a
    denied "link X to": "nothing to link Wednesday's shooting in Ngunnawal to the shooting in Karabar"."""
    for k in range(i - 1, max(0, i - DENIAL_REACH), -1):
        if toks.sent[k] != toks.sent[i]:
            return False
        if toks.lower[k] in ("to", "with") and toks.lower[k - 1] in LINK_WORDS:
            return _negated_before(toks, k - 1, toks.sent[i])
        if toks.lower[k] == "to":
            for v in range(k - 1, max(0, k - LINKED_THING_REACH), -1):
                if toks.sent[v] != toks.sent[i]:
                    break
                if toks.lower[v] in LINK_VERBS and v > 0 and toks.lower[v - 1] == "to":
                    return _negated_before(toks, v - 1, toks.sent[i])
    return False


def _negated_before(toks: _Tokens, k: int, sentence: int) -> bool:
    """A negation in `sentence` within DENIAL_REACH tokens before token k (the "not" of "not linked to")."""
    return any(toks.lower[n] in NEGATIONS and toks.sent[n] == sentence for n in range(max(0, k - DENIAL_REACH), k))


def _before_an_age(toks: _Tokens, j: int) -> bool:
    """Whether the name ending at token j is followed by an age in commas ("AR, 27, was seen"): a person's."""
    return j + 2 < len(toks.text) and toks.text[j] == "," and toks.text[j + 1].isdigit() and toks.text[j + 2] == ","


def _after_resident_from(toks: _Tokens, i: int) -> bool:
    """Whether token i follows a person "from" ("a 17-year-old boy from Hulme", "a woman, 34, from Gorton") or what
    came from the place ("consignments arriving from Kerala")."""
    if i < 2 or toks.lower[i - 1] != "from":
        return False
    k = i - 2
    while k > 0 and (toks.lower[k] == "," or toks.lower[k].isdigit()):
        k -= 1
    return toks.lower[k] in RESIDENT_NOUNS or toks.lower[i - 2] in ARRIVAL_VERBS


def _after_settlement_of(toks: _Tokens, i: int, *, plural: bool = True) -> bool:
    """Whether token i follows "town of" or "island of" (or, with `plural`, "villages of"): a named settlement (an
    island's name is its main town's: "the Greek island of Rhodes", which the small model calls a nationality)."""
    before = toks.lower[i - 2] if i >= 2 else ""
    return toks.lower[i - 1] == "of" and (
        before in SETTLEMENT_WORDS or before == "island" or (plural and before in SETTLEMENT_PLURALS)
    )


def _holds_a_named_division(toks: _Tokens, i: int) -> bool:
    """Whether token i follows a named division and "of": "Mohadevpur upazila of Naogaon", "Kalihati tehsil of
    Tangail", "the Zhari district of Kandahar". What holds a division is a place, whatever the recogniser says."""
    return (
        i >= 3
        and toks.lower[i - 1] == "of"
        and toks.lower[i - 2] in _DIVISION_WORDS_AFTER_A_NAME
        and toks.cap[i - 3]
        and toks.alpha[i - 3]
    )


def _bracketed_after_a_dateline_name(toks: _Tokens, i: int, j: int) -> bool:
    """Whether tokens i:j are the bracketed division after the name opening a text: "Mohadevpur (Naogaon), Jan 14 -",
    "Kalai (Joypurhat), 14 January -", as South Asian papers write the datelines of upazilas and tehsils."""
    return (
        i == 2
        and toks.sent[i] == 0
        and toks.text[1] == "("
        and toks.cap[0]
        and toks.alpha[0]
        and j + 1 < len(toks.text)
        and toks.text[j] == ")"
        and toks.text[j + 1] in DATELINE_MARKS
    )


def _after_clock(toks: _Tokens, i: int) -> bool:
    """Whether token i follows a clock time's am/pm ("4:33 AM", "1:17pm", "8:41 p. m.")."""
    prev = toks.lower[i - 1] if i > 0 else ""
    if CLOCK_WORD.fullmatch(prev):
        return True
    return prev in ("m", "m.") and i > 1 and toks.lower[i - 2].rstrip(".") in ("a", "p")


@dataclass(frozen=True, slots=True)
class _NameWords:
    """Article-wide word sets the mention finders of every field share."""

    person: set[str]
    common: set[str]
    given: set[str]
    alone: set[str]  # capitalised words written as a name of one word somewhere: "Butler" of "Butler said"
    placed: set[str]  # names of one word the article writes after a word that places them: "near Koradachery"


def _a_surname_again(toks: _Tokens, k: int, words: _NameWords) -> bool:
    """Whether word k, closing a person's name, is one the article also writes alone ("Butler said"), and no word
    that follows a place's name in other things ("Police", "Easter", "County", "Minister")."""
    lower = toks.lower[k]
    return (
        toks.text[k].istitle()
        and toks.alpha[k]
        and toks.text[k] in words.alone
        and toks.text[k] not in CALENDAR_WORDS
        and not _names_a_place_kind(lower)
        and lower not in AGENCY_NOUNS
        and lower not in TOWN_FORCE_NOUNS
        and lower not in ROLE_SECTORS
        and lower not in PERSON_TITLES  # "Texas Governor ... the Governor said"
    )


# How far back a name's capitalised words are read for the "Operation" that opens it.
OPERATION_NAME_WORDS = 3


def _in_an_operations_name(toks: _Tokens, i: int) -> bool:
    """Whether token i closes a military or police operation's name ("Operation Safe Haven", "Operation Hadin Kai"):
    its words are no places."""
    for k in range(i - 1, max(-1, i - 1 - OPERATION_NAME_WORDS), -1):
        if toks.text[k] == "Operation":
            return True
        if not toks.cap[k]:
            return False
    return False


def _aged(toks: _Tokens, k: int) -> bool:
    """Whether a person's age follows at token k: ", 24," or "(24)"."""
    n = len(toks.text)
    if k + 1 >= n or toks.text[k] not in (",", "("):
        return False
    age = toks.text[k + 1]
    # isdecimal, not isdigit: int() refuses a superscript ("²"), which isdigit accepts.
    return age.isdecimal() and 0 < int(age) <= 120 and (k + 2 >= n or toks.text[k + 2] in (",", ")", "."))


def _words_alone(toks: _Tokens) -> set[str]:
    """Words in title case that stand as a name of one word, no capitalised word touching them but a sentence's
    first: "Butler" of "Butler said" or "said Butler."."""
    n = len(toks.text)
    return {
        toks.text[k]
        for k in range(n)
        if toks.cap[k]
        and toks.alpha[k]
        and not toks.upper[k]
        and (k == 0 or toks.opens[k] or not toks.cap[k - 1])
        and (k + 1 >= n or not toks.cap[k + 1])
    }


def _words_placed(toks: _Tokens) -> set[str]:
    """Names of one word in title case after a word that places them (`_after_locative`): "near Koradachery"; not a
    road's or a place kind's word ("on Route 13"), nor an owner ("near Wills' childhood farm")."""
    n = len(toks.text)
    return {
        toks.text[k]
        for k in range(1, n)
        if toks.cap[k]
        and toks.alpha[k]
        and not toks.upper[k]
        and (
            k + 1 >= n
            or not (toks.cap[k + 1] or toks.text[k + 1][:1].isdigit() or toks.text[k + 1] in POSSESSIVE_ENDINGS)
        )
        and not _names_a_place_kind(toks.lower[k])
        and _after_locative(toks, k)
    }


def _given_names(doc: Doc) -> set[str]:
    """First words of PERSON spans followed by a surname in title case ("Georgia" of "Georgia Stevens")."""
    return {
        ent[0].text
        for ent in read_doc(doc).ents
        if ent.label_ == "PERSON"
        and len(ent) >= 2
        and ent[1].text.istitle()
        and ent[0].text.istitle()
        and not _ends_in_a_division(ent)
    }


# Words of a division that follow its name: "Chandpur Sadar upazila", "Kalihati tehsil", "Kanpur district".
_DIVISION_WORDS_AFTER_A_NAME = DIVISION_WORDS | DIVISION_NOUNS_BEFORE_NAMES


def _ends_in_a_division(ent: Span) -> bool:
    """A span the recogniser ran from a division's name into a person's ("Kangundo Sub-County Police Commander Beatrice
    Onyango" gives the PERSON "Kangundo Sub-County"), or a division's name before its word ("Tarpurchandi union of
    Chandpur Sadar upazila" gives the PERSON "Chandpur Sadar"): its words name no person."""
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    return len(ent) >= 2 and (ent[-1].lower_ in DIVISION_WORDS or after in _DIVISION_WORDS_AFTER_A_NAME)


def _name_in(ent: Span) -> tuple[int, int] | None:
    """The tokens of a PERSON span that can be a name of two or more words: its closing run of words that are not
    lower case (particles aside). "Jays fan Ray Payette" is Ray Payette; "Eccles armed robbery" (a headline the
    recogniser took for a person) is no name, and "Eccles" in the body stays the town."""
    start = ent.end
    while start > ent.start and not (
        (word := ent.doc[start - 1].text).isalpha() and word.islower() and word not in CONNECTORS
    ):
        start -= 1
    return (start, ent.end) if ent.end - start >= 2 else None


def _capitals_open_a_dateline(toks: _Tokens) -> bool:
    """Whether the capitals opening the text end in a dateline's mark ("TORRINGTON, Conn. -", "HANSI:"),
    not a heading's line: "POLICE MEDIA RELEASE" over a police note is no Police, Poland, nor Médéa."""
    k, n = 0, len(toks.text)
    while k < n and k < MAX_DATELINE_WORDS and ((toks.upper[k] and toks.alpha[k]) or toks.text[k] in (".", "'")):
        k += 1
    return k < n and (toks.text[k] in DATELINE_MARKS or toks.text[k] == ":")  # "HANSI: The family of ..."


def _dateline_words(toks: _Tokens) -> set[str]:
    """A dateline's place of one word, in title case: the capitals opening a body before its comma or dash ("KAYA, 15
    March -"). Not a word of a longer one: "Abu" of "ABU USHAR" is no place alone."""
    if len(toks.text) < 2 or not (toks.upper[0] and toks.alpha[0]):
        return set()
    return {toks.text[0].title()} if toks.text[1] in DATELINE_MARKS else set()


def _person_words(doc: Doc) -> set[str]:
    # First and last names of multi-word PERSON spans: "Trump" or "Paul" alone elsewhere is a person, not a place.
    words: set[str] = set()
    for ent in read_doc(doc).ents:
        # "Diepsloot Ext 2": a place; "Finglas Garda Station": a building named after its town.
        numbered = len(ent) >= 3 and ent[-2].lower_.rstrip(".") in SECTION_WORDS and ent[-1].text.isdigit()
        # A force or a fire service named after its town is no person either: "Bahraich Police | Media Cell",
        # "Russiaville Fire Chief Tom Wendling", which the small model calls one ("Russiaville Fire"); not "Fire"
        # alone before a name.
        service = ent[-1].lower_ in FORCE_NAME_NOUNS or (
            ent[-1].lower_ in FIRE_SERVICE_WORDS and ent.end < len(doc) and doc[ent.end].lower_ in FIRE_SERVICE_RANKS
        )
        building = len(ent) >= 2 and (ent[-1].lower_ in FACILITY_HEADS or service)
        bounds = (
            _name_in(ent) if ent.label_ == "PERSON" and not (numbered or building or _ends_in_a_division(ent)) else None
        )
        if bounds is not None and doc[bounds[0]].lower_ not in SLAVIC_PLACE_PREFIXES:
            name = doc[bounds[0] : bounds[1]]
            if len(name) == 2 and _initials(name[-1]):
                continue  # a town's force or office, no person: "Penticton RCMP say officers were called"
            # An office's initials inside the span close what comes before it: "Gaya SSP Tanuja Parihar" is Tanuja
            # Parihar, the senior superintendent of police of Gaya.
            offices = [k for k, t in enumerate(name[:-1]) if _initials(t)]
            if offices:
                name = name[offices[-1] + 1 :]
                if len(name) < 2:
                    continue  # the office's district, no person: "SDPO Mansehra", "SP Gaya"
            # A full name and where the person is from, which the recogniser runs together: "Quentin Ashby of
            # Champaign" is Quentin Ashby, and Champaign stays the town. Not "Duke of Edinburgh", no full name.
            home = next((k for k, t in enumerate(name) if k >= 2 and t.lower_ in ("of", "from")), None)
            if home is not None:
                name = name[:home]
            # Initials in capitals are not names ("Henry Lazenby US-based": the NER ran on into "US").
            # "Sarah Palin's": the surname is the word before the possessive.
            last = next((t.text for t in reversed(name) if t.text not in POSSESSIVE_ENDINGS and not t.is_punct), "")
            words.update(w for w in (name[0].text, last) if w and not w.isupper())
    return words


def _initials(token: Token) -> bool:
    """An office's or a force's initials in capitals: "SSP", "RCMP", "LGA"."""
    return token.is_upper and token.is_alpha and len(token) >= 2


def _names_a_person(toks: _Tokens, i: int, j: int, words: _NameWords) -> bool:
    """Whether a span the recogniser called a place and the gazetteer lacks is a person's full name: two to four
    capitalised words opening with a word the article gives a person ("Jaden, 19," makes "Jaden Okafor Reid" him),
    none of them a word places end in ("Jackson Heights", "Gordon Street")."""
    return (
        2 <= j - i <= 4
        and toks.text[i] in words.person
        and all(toks.cap[k] and not toks.upper[k] for k in range(i, j))
        and not any(toks.lower[k] in PLACE_NAME_HEADS or is_street_word(toks.lower[k]) for k in range(i + 1, j))
    )


def _aged_names(toks: _Tokens) -> set[str]:
    """Names given an age in apposition ("his wife, Dora, 62.", "Beryl, 81, met"): people, not towns."""
    return {
        toks.text[k]
        for k in range(len(toks.text) - 1)
        if toks.cap[k] and toks.alpha[k] and not toks.upper[k] and _aged(toks, k + 1)
    }


def _titled_surnames(toks: _Tokens) -> set[str]:
    """Surnames after a title and a given name ("Fire Superintendent Carlito Mendoza"), which the small model may
    see no person in: people, not towns, wherever the article writes them alone."""
    return {
        toks.text[k]
        for k in range(2, len(toks.text))
        if toks.cap[k] and toks.alpha[k] and not toks.upper[k] and _after_a_titled_given_name(toks, k)
    }


def _trim(toks: _Tokens, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (toks.lower[start] in ("the", "a", "an") or toks.punct[start]):
        start += 1
    while end > start and (toks.text[end - 1] in POSSESSIVE_ENDINGS or toks.punct[end - 1]):
        if toks.text[end - 1] == "." and end - start == 1:
            break
        end -= 1
    if start >= end:
        return None
    return start, end
