"""What incident matching reads from one tagged article, computed once: text vectors, signature, date, place, actors."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import chain

import numpy as np

from streams.credits import without_credits
from streams.geo.fold import strip_accents
from streams.incidents import text as textmod
from streams.incidents.category import CategoryResult, classify, premises_named
from streams.incidents.dates import (
    DENIED_LINK,
    INCIDENT_NOUNS,
    RECALLED_INCIDENT,
    EventDate,
    lead_tells_a_moment_after_another,
    may_retell_an_earlier_incident,
    resolve_event_date,
    retells_an_earlier_incident,
    tells_a_death_of_the_hurt,
    tells_a_moment_after_another,
    tells_a_repeat,
    tells_someones_death,
    years_named,
)
from streams.model import Actor, Article, FieldName, Location, TaggedArticle
from streams.wordclass import INITIALS_RE

# Actor codes such as "SYRMIL" are shared by many incidents; only these kinds are specific enough to identify one.
IDENTIFYING_KINDS = frozenset({"person", "organization", "armed_group", "ngo", "igo", "military", "government"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# The last words of an organisation's name, which the recogniser also calls a person ("Kent Fire and Rescue
# Service", "Kent Fire"): no surname, so no principal that two reports by the same agency share.
ORGANISATION_HEADS = frozenset(
    {"service", "services", "fire", "police", "department", "council", "brigade", "authority", "hospital"}
    | {"university", "college", "school", "court", "ministry", "agency", "office", "association", "union"}
    | {"company", "trust", "board", "committee", "commission", "station", "centre", "center", "rescue", "ambulance"}
    | {"constabulary", "command", "force", "forces"}
    # An outlet, which the recogniser calls a person in a dateline's brackets: "DARAGA, Albay, Jan. 20 (Bicol
    # Newswire)".
    | {"newswire", "newswires"}
)
MIN_SURNAME_CHARS = 3
# The headline and about the first 50 words: who the lead is about, before the background.
PRINCIPAL_LEAD_CHARS = 300
PRINCIPAL_MIN_MENTIONS = 2  # named once in the lead may be a quoted official; twice, the lead is about them
MAX_PERSONS = 16
EMPTY: frozenset[str] = frozenset()
# A sentence that tells of another incident than the report's: the police deny a link ("there was nothing to suggest
# the two incidents were connected", "not linked to last Friday's shooting"), or call it separate or unrelated.
# Wire copy adds the day's other attacks so: "Russian forces also shelled the Krasnopillia hromada on Thursday",
# "Elsewhere, a drone hit ...", "Earlier on Tuesday, militants killed two police officers ... in Bannu" (opening the
# sentence: "arrested over a robbery at a University City gas station earlier this week, police said" is its own).
# Local news recalls the last one so: "The shooting comes a day after a man was killed along Bond Street" ("The attack
# came on the same day as a bombing of the Cano Limon-Covenas oil pipeline in neighbouring Arauquita"), and tells
# what else its detectives have on: "Mr Sangha, who is also leading the investigation into Tuesday's knifepoint
# robbery at a shop in Tavistock Street", "Officers are also continuing to investigate Monday night's shooting".
# Crews busy at another incident ("also attending", "still responding"): the pattern below and its prefilter's cues.
_CREWS_BUSY = ("also", "already", "still")
_BUSY_AT = ("attending", "engaged", "committed", "fighting", "responding")
OTHER_INCIDENT_SENTENCE_RE = re.compile(
    r"\b(?:unrelated|separately|(?:in|at|to) (?:a|an(?:other)?) separate|elsewhere"
    r"|an? separate (?:[\w-]+ )?"
    + INCIDENT_NOUNS
    + r"(?!\s+(?:force|team|squad|unit))|"
    + DENIED_LINK
    + r"|"
    + RECALLED_INCIDENT
    + r"|also (?:shelled|struck|bombed|attacked|targeted|hit)"
    r"|also (?:continuing to |leading the |heading the )?investigat"
    r"|(?:comes|came)\b[^.!?\n]{0,30}?\b(?:after|same (?:day|night|morning|evening|week) as\b)"
    r"|(?<![\w,;] )earlier (?:on \w+day|today|yesterday|this (?:morning|week)),"
    # Crews busy at another incident: "as they were also attending a fatal shack fire in nearby Matsulu", "the fire
    # tender was already engaged at a cotton godown fire in Raman Mandi", "units had just returned from helping fight
    # a fire at a vacant house in Echo", "firefighters had been at a house fire in Berrigan earlier in the night",
    # "Palo firefighters had been helping battle a large fire in the Sagkahan district of Tacloban City", "units from
    # the Tarlac City fire station were still responding to the fire in Barangay Matatalaib".
     + r"|(?:" + "|".join(_CREWS_BUSY) + r") (?:" + "|".join((*_BUSY_AT, "tied up")) + r")\b"
    # "because Verona firefighters were busy with a deadly house fire a few miles away", "units ..., some of whom had
    # come directly from the fire in Barangay Pantay Daya", "about an hour after another fire destroyed four houses".
    r"|busy (?:with|at|fighting|battling)\b"
    r"|(?:come|came|coming|arrived) (?:directly |straight |just )?from (?:a|an|the|another) (?:[\w-]+ ){0,3}"
    r"(?:fire|blaze)\b"
    r"|(?:after|before) another (?:[\w-]+ )?" + INCIDENT_NOUNS + r"\b"
    r"|returned from (?:helping (?:to )?)?(?:fight|battl|attend)"
    r"|(?:had been|were|was) helping (?:to )?(?:fight|battl|attend)"
    r"|had been at (?:a|an|the) (?:[\w-]+ ){0,3}(?:fire|blaze|crash|shooting|stabbing)\b"
    # A fire told beside another the same night: "The blaze broke out less than an hour after firefighters were called
    # to a house fire on Palmerston Street in nearby Bollington", "with crews also called to a blaze at a farm near
    # Prestbury". Fires only: "shortly after police were called to a disturbance" is the shooting's own call.
    r"|(?:(?:after|before) (?:fire ?fighters|(?:fire )?crews) (?:were|had been)|also) called to (?:a|an|another) "
    r"(?:[\w-]+ ){0,3}(?:fire|blaze)\b)",
    re.IGNORECASE,
)
# A denial of a link alone, as a headline gives one ("police say not connected to Beatties Ford homicide").
DENIED_LINK_RE = re.compile(r"\b" + DENIED_LINK, re.IGNORECASE)
# A recap's opening ("It has been a difficult week for emergency services in the south of the county.", "It has been
# a tragic start to the week in the western Riverina.", "It was a busy night for firefighters in Sweetwater County."):
# the rest of its paragraph tells the week's (or the night's) other incidents.
RECAP_OPENING_RE = re.compile(
    r"\b(?:it|this) (?:(?:has|'s|\u2019s) been|was) an? (?:[\w-]+ ){0,4}?(?:week|weekend|few days|days|month|night)\b",
    re.IGNORECASE,
)
_RECAP_CUES = ("has been a", "s been a", "it was a", "this was a")
# The words a denial of a link ends on (`DENIED_LINK`), looked for as plain substrings first: most reports have none,
# and the pattern, which opens on a negation, costs 50-70 us over a body.
_LINK_WORD_STEMS = ("connect", "link", "relat", "suspect in", "tied")
# What every match of OTHER_INCIDENT_SENTENCE_RE contains, lower-cased (a prefilter: most reports have none).
OTHER_INCIDENT_CUES = (
    *_LINK_WORD_STEMS,
    "separat",
    "elsewhere",
    *("recall", "echo", "mirror", "evoke", "reminiscent"),
    *(f"also {verb}" for verb in ("shelled", "struck", "bombed", "attacked", "targeted", "hit")),
    *(f"also {verb}" for verb in ("investigat", "continuing", "leading", "heading")),
    "comes ",
    "came ",
    *(f"earlier {when}" for when in ("on ", "today", "yesterday", "this ")),
    *(f"{busy} {at}" for busy in _CREWS_BUSY for at in _BUSY_AT),
    *("tied up", "returned from", "had been at", "also called to a"),
    *(f"busy {at}" for at in ("with", "at", "fighting", "battling")),
    *(
        f"{came} {how}from"
        for came in ("come", "came", "coming", "arrived")
        for how in ("", "directly ", "straight ", "just ")
    ),
    *(f"{when} another " for when in ("after", "before")),
    *(f"{were} helping" for were in ("been", "were", "was")),
    *(f"{crews} {were} called to a" for crews in ("fighters", "crews") for were in ("were", "had been")),
    *_RECAP_CUES,
)
# A denial of a link between two incidents: the sentence before it tells of the other one.
TWO_INCIDENTS_RE = re.compile(r"\b(?:two|three|both)\b", re.IGNORECASE)
# Not the point of a person's initial: "a coconut farmer, P. Natarajan, was shot" goes on.
SENTENCE_END_RE = re.compile(r"(?:(?<!\s[A-Z])\.|[!?])(?=[\"'\u2019\u201d)]*(?:\s|$))|\n")
# Traffic sent round the scene ("Traffic was diverted off the interstate at Sangamon Avenue", "backing up traffic
# past the Clear Lake Avenue interchange"): the streets after the cue, to its sentence's end, are where drivers
# went, not where it happened, so two reports of one crash naming different detours are not two scenes.
TRAFFIC_DIVERSION_RE = re.compile(
    r"\b(?:diverted|diversions?|detour(?:ed|s)?|re-?routed|backed up|backing up|tailbacks?)\b[^.!?\n]*", re.IGNORECASE
)
# A part of a city named by its possessive ("Melbourne's north", "Sydney's south-west"): the city is the region of
# every incident there, not the place of the other one.
REGION_OF_A_CITY_RE = re.compile(r"['\u2019]s\s+(?:far\s+|inner\s+|outer\s+)?(?:north|south|east|west)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """Everything `decide` compares; built by `extract` from a TaggedArticle."""

    fingerprint: str
    vector: dict[str, float]
    names: dict[str, float]
    signature: np.ndarray
    bands: list[str]  # the signature's LSH band keys: duplicates are looked up, and the article indexed, by them
    event_date: EventDate
    day: int | None  # proleptic ordinal of the event day
    published_day: int | None  # ordinal of the publication day: the only clock that closes incidents
    years: frozenset[int]
    latest_year: int | None  # the event year if dated, else the latest year the text names
    category: CategoryResult
    place: Location | None
    # Places (ids as text, and names in lower case) the report names only in sentences about another incident.
    other_incident_places: frozenset[str]
    place_ids: frozenset[int]  # every resolved place the article names, but those it names only as another incident's
    headline_place_ids: frozenset[int]  # the resolved places its headline names
    details: dict[str, float]  # names and numbers as written, the article's places left out (text.details)
    streets: frozenset[str]  # the streets among them (text.streets)
    other_incident_streets: frozenset[str]  # the streets it names only where it tells of another incident
    diverted_streets: frozenset[str]  # the streets it names only where traffic was sent (TRAFFIC_DIVERSION_RE)
    premises: frozenset[str]  # the kinds of premises its headline names (`category.premises_named`)
    firm_days: frozenset[int]  # ordinals of the days its lead names (not publication-day fallbacks)
    firm_weekdays: frozenset[int]  # their weekdays, or the weekdays the lead names when no day resolves
    # It tells a moment apart from another of its kind: its headline tells a repeat ("another I-94 freeway shooting")
    # or a moment days after another ("Gunmen kill three farmers in Benue, days after deadly raid"),
    # or its headline or body says the police see no link to the other ("Man wounded in west Charlotte shooting;
    # police say not connected to Beatties Ford homicide"; "Police have not connected the two").
    tells_another_moment: bool
    # Its lead's first sentence tells its moment, then an earlier one it came after (`tells_a_moment_after_another`).
    lead_tells_an_earlier_moment: bool
    # Its headline or body says the police see no link between its incident and another: the two it matches best
    # are not to be merged on its word (`_maybe_merge`).
    denies_a_link: bool
    # Its headline says so ("Arrest made in Fourth Avenue stabbing; police say attacks not linked"): the report is
    # written around the two, and names the other's people to set them apart.
    headline_denies_a_link: bool
    # Its headline tells the death of someone an earlier moment hurt: its lead's days are the death's.
    tells_a_death: bool
    tells_someones_death: bool  # its headline tells a death of whatever cause (`dates.tells_someones_death`)
    tells_a_roundup: bool  # its headline tells a round-up of the week's news (ROUNDUP_HEADLINE_RE): no one incident
    protests_a_killing: bool  # its headline tells a protest over someone's killing or death (PROTESTED_KILLING_RE)
    actor_keys: frozenset[str]
    actor_codes: frozenset[str]
    principals: frozenset[str]  # the surname of the person the report is about (`principal_persons`), or none
    persons: frozenset[str]  # surnames of the (up to 16 most named) people it names
    words: frozenset[str]  # every word of its headline and (limited) body, lower case, when it has a principal


# A protest over someone's killing or death, told in its headline ("Mototaxistas block the Circunvalar in protest after
# killing of colleague in Cantaclaro", "Venkatesh laid to rest; auto drivers stage protest at Ruia"): a follow-up of
# that killing, the way its victim's funeral is, not another incident of another kind.
PROTESTED_KILLING_RE = re.compile(
    r"^(?=.*\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|block(?:s|ed)?\s+(?:the\s+)?(?:road|highway))\b)"
    r"(?=.*\b(?:killing|killed|murder\w*|death|slain|slaying|laid to rest|funeral|burial|coffin)\b)",
    re.IGNORECASE,
)

# A round-up of the week's news ("Week in review: a hard week on Sweetwater County's roads", "Sofala week in brief:
# deaths on the EN6, a night of fires in Beira", "The week in Donegal: news in brief", "Week on the border: monastery
# bombing, drone strikes, scam raid and two fires", "Crime and courts: the week in east Cheshire", a briefs column:
# "Police Briefs: A hard week on valley roads", "Week that was: Murder, highway deaths and fires keep Hisar region on
# edge"), or one whose second half tells of a week ("Hadoti crime diary: a week of highway deaths, fires and
# murders", "Police and emergency round-up: a grim week across the district") tells of several incidents and is none
# of them; not one that opens on a week ("A week of bloodshed: Mazar mourns as Taliban detain dozens after mosque
# bombing"), unless a week that happened ("A week the Borders won't forget: the stories that shook our towns"). So
# is a region's week that lists three things ("Casamance week: a killing in Boucotte, deaths on the roads and a night
# of fires"), not one that tells one story first ("Harris County crime week: Pasadena murder suspect held; ..."), and
# a week somewhere that lists them ("A hard week in the valley: Deadly crashes, fires and violence keep NCW responders
# busy"), not one that tells one ("A deadly week in Kenosha: man shot dead on 52nd Street"); and a look back at the
# week after a label ("Crime and Courts: A look back at a violent week in West Alabama").
# Not a "round-up" by itself: "Crime round-up: Two charged over Slough shop raid" leads with one incident and is its
# report.
ROUNDUP_HEADLINE_RE = re.compile(
    r"\bweek in (?:review|brief)\b|\bnews in brief\b|^(?:the\s+)?week\s+(?:in|on)\s+[^:]{1,40}:"
    r"|:\s*(?:the\s+)?week\s+(?:in|on)\s+[^:]{1,40}$|^(?:[\w'-]+\s+){0,2}briefs\s*:|^(?:the\s+)?week that was\b"
    r"|:\s*an?\s+(?:[\w'-]+\s+){0,2}?week\s+(?:of|across|that|the)\b|^an?\s+week\s+(?:the|that)\b"
    # The week in a place closing a headline after its label: "Crime diary: a bloody week in Bannu and Lakki Marwat".
    r"|:\s*an?\s+(?:[\w'-]+\s+){0,2}?week\s+in\s+[^:;,]{1,40}$"
    # A look back at the week after its label: "Crime and Courts: A look back at a violent week in West Alabama".
    r"|:\s*(?:an?\s+)?look(?:ing)?\s+back\s+(?:at|on)\s+(?:the|an?)\s+(?:[\w'-]+\s+){0,2}?week\b(?!\s+of\s+(?:the|his|her)\b)"
    r"|^(?:[\w'-]+\s+){1,3}week\s*:\s*[^;:]*?,[^;:]*?(?:,|\band\b)"
    r"|^an?\s+(?:[\w'-]+\s+){0,2}week\s+(?:in|on|across)\s+[^:]{1,40}:\s*[^;:]*?,[^;:]*?\band\b",
    re.IGNORECASE,
)


def _may_deny_a_link(text: str) -> bool:
    return any(stem in text for stem in _LINK_WORD_STEMS)


def _own_words(analysis: textmod.TextAnalysis, own_body: str, whole: bool) -> frozenset[str]:
    """The report's words, lower case and without accents: of its headline and of `own_body` (`whole`: the body
    as analysed, whose words `analysis` holds)."""
    if whole:
        words: Iterable[str] = chain(analysis.title_words, analysis.lead_words, analysis.rest_words)
    else:
        words = chain(analysis.title_words, textmod.WORD_RE.findall(own_body.lower()))
    return frozenset(map(strip_accents, words))


def content_fingerprint(tagged: TaggedArticle) -> str:
    """Hash of what the article says: a replay has the same one, a correction under the same id does not."""
    article = tagged.article
    digest = hashlib.sha1(f"{article.title}\x1f{article.body}".encode(), usedforsecurity=False)
    return digest.hexdigest()[:16]


def actor_identity(actor: Actor) -> str | None:
    """A key naming one actor: registry id or Wikidata id, else the folded name of a named person or organisation."""
    actor_id = actor.get("actor_id")
    if actor_id:
        return f"id:{actor_id}"
    if actor.get("wikidata"):
        return f"wd:{actor['wikidata']}"
    if actor["kind"] in IDENTIFYING_KINDS and actor["name"]:
        folded = " ".join(strip_accents(actor["name"]).casefold().split())
        return f"name:{folded}" if len(folded) > 2 else None
    return None


def person_surname(actor: Actor) -> str | None:
    """A named person's last name, lower case, as WORD_RE splits the text ("Jim O'Brien Jr." -> "o'brien"); None
    for a one-letter initial or a name that is not capitalised (the recogniser's "begins" in "Obama begins")."""
    if actor["kind"] != "person":
        return None
    words = [w for w in actor["name"].split() if w.casefold().rstrip(".") not in NAME_SUFFIXES]
    while len(words) > 1 and INITIALS_RE.match(words[-1]):
        # The initials South Indian names end with (father's name, village): "Yogesh Kumar B." is Kumar's report.
        words.pop()
    if not words or not words[-1][:1].isupper() or (words[-1].isupper() and len(words[-1]) <= 4):
        return None  # not capitalised, or an acronym the recogniser ran into the name ("Bassa LGA", "the MP")
    if words[-1].casefold() in ORGANISATION_HEADS:
        return None
    pieces = textmod.WORD_RE.findall(strip_accents(words[-1]).lower())
    surname = pieces[-1] if pieces else ""
    letters = surname.replace("'", "").replace("\u2019", "").replace("-", "")
    return surname if len(surname) >= MIN_SURNAME_CHARS and letters.isalpha() else None


# A spokesperson speaks for an agency in every report it gives out, whichever incident it is about: no principal,
# unless the headline names them. So do a region's police commander or chief, a fire chief and a coroner
# ("Pwani Regional Police Commander ACP Salma Kitundu said" of two crashes 34 km apart).
# The role word and up to four capitalised words of rank between it and the name ("EMS spokesperson Xolani Mabaso",
# "Hawks spokesperson Lieutenant Colonel Kgomotso Mahlangu"), not "a spokesperson said Sunday. Whitfield's ...".
# A force's public relations or press officer is its spokesperson by another name ("The Police Public Relations
# Officer for the South Region, Inspector Hawa J. Mansaray, confirmed"; "Inspector Hawa J. Mansaray, Police Public
# Relations Officer for the South Region, told"), before the name or in apposition after it. So are its traffic
# commander and the officer commanding a station or division, who speak of every crash and killing of theirs ("Meru
# County Traffic Commander Gideon Mutua said" of two crashes 39 km apart), and the ranks that speak for a police
# station or a fire crew ("Shift manager Paula Ngatai said" of two fires in one district three days apart, "Senior
# Sergeant Tony Whareaitu"), and a commissioner, the rank of the regional officers who speak for the police in southern
# and east Africa ("crime investigations coordinator Deputy Commissioner Bonifatius Kampota said" of two stabbings in
# Rundu a day apart). So is the officer in charge of a South Asian police station ("Shahidul Alam Khan,
# officer-in-charge (OC) of Kotwali Model Police Station", "SHO Lahor Inspector Zahid Ullah").
_SPOKESPERSON_ROLE = (
    r"(?i:spokes(?:person|man|woman)|police\s+commander|police\s+chief|fire\s+chief"
    r"|coroner|public\s+relations\s+officer|press\s+officer|information\s+officer|traffic\s+commander"
    r"|(?:traffic\s+)?enforcement\s+officer"
    r"|officer\s+commanding|OCPD|OCS|(?:senior\s+|detective\s+)?sergeant|(?:detective\s+|chief\s+)?inspector"
    r"|superintendent|commissioner|shift\s+manager|station\s+officer|incident\s+controller|group\s+manager"
    r"|officer[\s-]+in[\s-]+charge|OC|station\s+house\s+officer|SHO)"
)
SPOKESPERSON_BEFORE_RE = re.compile(
    r"\b"
    + _SPOKESPERSON_ROLE
    + r"\b(?:\s+(?:for|of)\s+the(?:\s+[A-Z][\w'\u2019-]*){1,4})?"  # "... for the South Region"
    + r",?(?:\s+(?:[A-Z][\w'\u2019-]*|[A-Z][a-z]{0,4}\.)){0,4}\s*$"
)
SPOKESPERSON_AFTER_RE = re.compile(r"^,\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+){0,3}" + _SPOKESPERSON_ROLE + r"\b")
SPOKESPERSON_REACH = 60


def _spokesperson(actor: Actor, texts: Mapping[str, str]) -> bool:
    """Whether the text calls the person a spokesperson right before the name, in apposition after it, or within the
    mention's span."""
    text = texts.get(actor["field"], "")
    before = text[max(0, actor["start"] - SPOKESPERSON_REACH) : actor["start"]]
    after = text[actor["end"] : actor["end"] + SPOKESPERSON_REACH]
    return (
        bool(SPOKESPERSON_BEFORE_RE.search(before))
        or bool(SPOKESPERSON_AFTER_RE.match(after))
        or "spokes" in actor["text"].lower()
    )


def _spokespeople(actors: list[Actor], texts: Mapping[str, str]) -> set[str]:
    """Surnames of the people the text calls spokespersons, but those the headline names: "Zimbabwe police arrest
    opposition spokeswoman Fadzayi Mahere" is about her."""
    headline_names = {person_surname(actor) for actor in actors if actor["field"] == "title"}
    spoken_for = {surname for actor in actors if _spokesperson(actor, texts) and (surname := person_surname(actor))}
    return spoken_for - headline_names


def _without_spokespeople(counts: Counter[str], spokespeople: AbstractSet[str]) -> Counter[str]:
    """`counts` without the names that end with a spokesperson's surname: the agency's voice in every report it
    gives out, whichever incident it tells of."""
    if not spokespeople:
        return counts
    return Counter({d: n for d, n in counts.items() if strip_accents(d.rsplit(" ", 1)[-1]) not in spokespeople})


def principal_persons(
    actors: list[Actor],
    body_chars: int,
    texts: Mapping[str, str] | None = None,
    spokespeople: AbstractSet[str] | None = None,
) -> tuple[frozenset[str], frozenset[str]]:
    """(the person the report is about, every person it names): surnames of the people named within its first
    `body_chars` characters, and among those named in the headline or the lead's first PRINCIPAL_LEAD_CHARS at least
    PRINCIPAL_MIN_MENTIONS times, the most named (the first named on a tie); no principal when none is. The
    `spokespeople` (`_spokespeople`, computed from `texts` when not given) are none.

    Two reports about different people are seldom of one incident ("Reggie Bush placed on injured reserve",
    "Pierre Thomas placed on injured reserve"): see MatchConfig.w_principals_apart.
    """
    named: Counter[str] = Counter()
    in_lead: list[str] = []
    if spokespeople is None:
        spokespeople = _spokespeople(actors, texts) if texts else set()
    for actor in actors:
        in_headline = actor["field"] == "title"
        if not in_headline and actor["start"] >= body_chars:
            continue
        surname = person_surname(actor)
        if surname is None or (texts is not None and _named_as_a_place(actor, texts)):
            continue
        named[surname] += 1
        if in_headline or actor["start"] < PRINCIPAL_LEAD_CHARS:
            in_lead.append(surname)
    ranked = sorted(dict.fromkeys(in_lead), key=lambda s: -named[s])  # stable: the first named wins a tie
    principal = [s for s in ranked if named[s] >= PRINCIPAL_MIN_MENTIONS and s not in spokespeople][:1]
    persons = frozenset(s for s, _ in named.most_common(MAX_PERSONS))
    return frozenset(principal), persons


# A name after "in" or "near" that the recogniser calls a person is a place it does not know ("Man shot dead over land
# dispute in Mamash Khel"): no one the report is about. Not a possessive's owner ("in Smith's house").
_PLACE_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:in|near)\s+$")


def _named_as_a_place(actor: Actor, texts: Mapping[str, str]) -> bool:
    """Whether the person's mention follows "in" or "near" (`_PLACE_PREPOSITION_BEFORE_RE`) and owns nothing."""
    text = texts.get(actor["field"], "")
    return _PLACE_PREPOSITION_BEFORE_RE.search(text, max(0, actor["start"] - 6), actor["start"]) is not None and not (
        text.startswith(("'s", "\u2019s"), actor["end"])
    )


def places_of_other_incidents(tagged: TaggedArticle) -> frozenset[str]:
    """The resolved places whose every mention lies in a sentence about another incident than the report's (ids as
    text, and lower-case names): "a man was fatally stabbed a few kilometres away in Woodridge, but police said there
    was nothing to suggest the two incidents were connected" places the other stabbing, not this one; so does a
    sentence naming no place of the report's own that the next one sets apart ("Detectives in Oldham are
    investigating a shooting the same night. The two incidents are not connected.").

    Empty when the report's own event place is among them: its sentences of denial are about its own incident too
    ("Underwood shooting not linked to Slacks Creek attack"), and which is which is not read here.
    """
    return _places_told_only_there(_other_incident_sentences(tagged))


def _places_told_only_there(found: _OtherIncidentSentences | None) -> frozenset[str]:
    """`places_of_other_incidents` from the report's sentences already read."""
    if found is None:
        return EMPTY
    mentions, regions, about_another, event_keys = found.mentions, found.regions, found.about_another, found.event_keys
    only_there: dict[str, bool] = {}
    ids: dict[str, set[int]] = {}
    for name, gid, field, first, last in (m for k, m in enumerate(mentions) if k not in regions):
        only_there[name] = only_there.get(name, True) and any(about_another[field][first : last + 1])
        ids.setdefault(name, set()).add(gid)
    places = {text for name, other in only_there.items() if other for text in (name, *map(str, ids[name]))}
    if event_keys & places:
        return EMPTY
    return frozenset(places)


@dataclass(frozen=True, slots=True)
class _OtherIncidentSentences:
    """A report's fields, its resolved place mentions and which of its sentences tell of another incident."""

    fields: dict[FieldName, str]
    ends: dict[FieldName, list[int]]
    mentions: list[tuple[str, int, FieldName, int, int]]  # name, id, field, first and last sentence
    regions: set[int]  # the mentions (by index) that name a city by a part of it
    about_another: dict[FieldName, list[bool]]
    event_keys: set[str]  # the report's event place: its id as text and its name


def _other_incident_sentences(tagged: TaggedArticle) -> _OtherIncidentSentences | None:
    """Which sentences of the report tell of another incident (`_sentences_about_another_incident`); None when none
    can (no cue in the text, the case of most reports: one scan instead of a search per sentence)."""
    fields: dict[FieldName, str] = {"title": tagged.article.title, "body": tagged.article.body}
    lowered = [text.lower() for text in fields.values()]  # once per field, not once per cue
    if not any(cue in text for text in lowered for cue in OTHER_INCIDENT_CUES) and not may_retell_an_earlier_incident(
        lowered[1]
    ):
        return None
    ends = {name: [m.end() for m in SENTENCE_END_RE.finditer(text)] for name, text in fields.items()}
    mentions: list[tuple[str, int, FieldName, int, int]] = []
    regions: set[int] = set()
    for location in tagged.locations:
        gid, field = location.get("geonameid"), location["field"]
        if gid is not None and field in fields:
            first = bisect_right(ends[field], location["start"])
            last = bisect_left(ends[field], location["end"])
            if REGION_OF_A_CITY_RE.match(fields[field], location["end"]):
                regions.add(len(mentions))
            mentions.append((_folded(location["text"]), gid, field, first, last))
    event = tagged.event_location
    event_keys = {str(event.get("geonameid")), _folded(event["text"])} if event is not None else set()
    # Sentences that name the report's own place: a denial after one is about its own incident too.
    own = {
        (field, k)
        for name, gid, field, first, last in mentions
        if name in event_keys or str(gid) in event_keys
        for k in range(first, last + 1)
    }
    title_names = _headline_names(tagged)
    about_another = {
        field: _sentences_about_another_incident(
            text, ends[field], {k for f, k in own if f == field}, title_names if field == "body" else EMPTY
        )
        for field, text in fields.items()
    }
    return _OtherIncidentSentences(fields, ends, mentions, regions, about_another, event_keys)


def body_without_other_incidents(tagged: TaggedArticle, body: str) -> str:
    """`body` (the report's body, credits blanked) with what its sentences tell of another incident blanked: from
    the cue on ("... is not connected to Tuesday's apartment fire on Prater Way in Sparks"), or the whole sentence
    the next one sets apart. `body` itself when there is none."""
    return _blank_other_incidents(_other_incident_sentences(tagged), body)


def _without_traffic_diversions(body: str) -> str:
    """`body` with what follows each traffic diversion's cue in its sentence blanked (`TRAFFIC_DIVERSION_RE`); the
    body itself when it has none, as most reports."""
    blanked, diversions = TRAFFIC_DIVERSION_RE.subn(lambda match: " " * len(match.group()), body)
    return blanked if diversions else body


def _blank_other_incidents(found: _OtherIncidentSentences | None, body: str) -> str:
    """`body_without_other_incidents` from the report's sentences already read."""
    if found is None or not any(found.about_another["body"]):
        return body
    text, ends = found.fields["body"], found.ends["body"]
    blanked = list(body)
    for (start, end), other in zip(
        zip([0, *ends], [*ends, len(text)], strict=True), found.about_another["body"], strict=True
    ):
        if other:
            cue = OTHER_INCIDENT_SENTENCE_RE.search(text, start, end)
            # What precedes the cue is the report's own ("the shooting of a woman driving on Elvis Presley Boulevard
            # near Shelby Drive on Thursday night is not connected to ...").
            begin, stop = (cue.start() if cue is not None else start), min(end, len(body))
            blanked[begin:stop] = " " * max(0, stop - begin)
    return "".join(blanked)


# A capitalised word of four letters or more, possessive left off: a name as a headline or a sentence gives it.
CAPITALISED_WORD_RE = re.compile(r"\b[A-Z][\w'\u2019-]{3,}")


def _headline_names(tagged: TaggedArticle) -> frozenset[str]:
    """The capitalised words of the headline past its first, outside its place mentions: the people (and things)
    the report is about ("Hundreds gather on High Street to remember Lachlan Pruett": lachlan, pruett)."""
    title = tagged.article.title
    places = [(loc["start"], loc["end"]) for loc in tagged.locations if loc["field"] == "title"]
    return frozenset(
        _name_word(m.group())
        for m in CAPITALISED_WORD_RE.finditer(title)
        if m.start() > 0 and not any(start <= m.start() < end for start, end in places)
    )


def _name_word(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("\u2019s")


def _sentences_about_another_incident(
    text: str, ends: list[int], own: set[int], title_names: frozenset[str] = EMPTY
) -> list[bool]:
    """For each sentence of the text (ending at `ends`), whether it tells of another incident: it denies a link
    itself, or it names no place of the report's own (not in `own`) and the next sentence denies a link between two
    ("The two incidents are not connected.").

    A day's recap ("Earlier on Monday, ...") that names someone the headline names is the report's own: "Earlier on
    Monday, Grovedale man Kyle Vandermeer, 19, appeared at Geelong Magistrates' Court charged with Mr Pruett's
    murder", in a report of Lachlan Pruett's vigil.
    """
    bounds = list(zip([0, *ends], [*ends, len(text)], strict=True))
    cues = [OTHER_INCIDENT_SENTENCE_RE.search(text, start, end) for start, end in bounds]
    denies = [
        cue is not None
        and not (
            title_names
            and cue.group().lower().startswith("earlier")
            and any(_name_word(m.group()) in title_names for m in CAPITALISED_WORD_RE.finditer(text, start, end))
        )
        for cue, (start, end) in zip(cues, bounds, strict=True)
    ]
    between_two = [
        deny and TWO_INCIDENTS_RE.search(text, start, end) is not None
        for deny, (start, end) in zip(denies, bounds, strict=True)
    ]
    recapped = _recapped_sentences(text, bounds)
    return [
        deny
        or (
            k not in own
            and (back or k in recapped or (k > 0 and retells_an_earlier_incident(text, bounds[k - 1], bounds[k])))
        )
        for k, (deny, back) in enumerate(zip(denies, [*between_two[1:], False], strict=True))
    ]


def _recapped_sentences(text: str, bounds: list[tuple[int, int]]) -> set[int]:
    """The sentences (by index into `bounds`) of a recap: one that opens it (`RECAP_OPENING_RE`) and the rest of its
    paragraph. The caller keeps those that name the report's own place: a week's recap may count its incident too."""
    recapped: set[int] = set()
    for k, (start, end) in enumerate(bounds):
        if k in recapped or RECAP_OPENING_RE.search(text, start, end) is None:
            continue
        paragraph_end = text.find("\n", end - 1)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        recapped.update(j for j in range(k, len(bounds)) if bounds[j][0] < paragraph_end)
    return recapped


def _folded(name: str) -> str:
    return " ".join(name.lower().split())


def local_publication_date(article: Article) -> date | None:
    """The publication day on the producer's own calendar, which "tonight" and "on Tuesday" count from.

    `published_at` is normalised to UTC; the raw timestamp keeps the producer's offset: a Dayton report of 23:50
    (-04:00) on Tuesday is Wednesday in UTC, and its "tonight" is Tuesday.
    """
    if article.published_at is None:
        return None
    try:
        local = datetime.fromisoformat(article.published_raw or "")
    except ValueError:
        return article.published_at.date()
    if local.tzinfo is None or local.astimezone(UTC) != article.published_at:
        return article.published_at.date()
    return local.date()


def extract(
    tagged: TaggedArticle,
    hasher: textmod.MinHasher,
    weights: textmod.TermWeights,
    max_terms: int,
    max_names: int,
    *,
    max_body_chars: int = 1_000_000,
    max_details: int = 16,
    lsh_bands: int,
) -> ArticleFeatures:
    article = tagged.article
    # The incident is told in the first paragraphs; the rest is background that costs time and blurs the vector.
    # Credits blanked, not cut: the actors' offsets still point into it.
    body = without_credits(article.body[:max_body_chars])
    published = local_publication_date(article)
    event_date = resolve_event_date(article.title, body, published)
    analysis = textmod.analyse(article.title, body, weights, max_terms, max_names)
    keys = [k for k in (actor_identity(a) for a in tagged.actors) if k]
    # An actor named once in passing is weaker evidence than the ones the report is about; keep the frequent ones.
    counted = Counter(keys)
    codes = frozenset(code for code in (a.get("code") for a in tagged.actors) if code)
    years = frozenset(years_named(article.title + " " + body))
    latest_year = event_date.day.year if event_date.day else (max(years) if years else None)
    other_incidents = _other_incident_sentences(tagged)
    # "Two cousins were killed when a coach hit their motorcycle on the Swabi-Mardan road on Friday afternoon, four
    # days after six people died in a collision on the same road": another moment than the one its lead recalls.
    lead_tells_an_earlier_moment = lead_tells_a_moment_after_another(body)
    other_incident_places = _places_told_only_there(other_incidents)
    place_ids = frozenset(
        gid
        for gid in (loc.get("geonameid") for loc in tagged.locations)
        if gid is not None and str(gid) not in other_incident_places
    )
    # Resolved places only: a town is shared by every report from it; a street the gazetteer cannot place is a detail.
    places_named = {_folded(loc["text"]) for loc in tagged.locations if loc.get("geonameid")}
    texts = {"title": article.title, "body": body}
    spokespeople = _spokespeople(tagged.actors, texts)
    detail_counts = _without_spokespeople(textmod.detail_counts(body, places_named), spokespeople)
    # A street only another incident's telling names is that incident's scene, not this report's.
    own_body = _blank_other_incidents(other_incidents, body)
    own_counts = detail_counts if own_body is body else textmod.detail_counts(own_body, places_named)
    # The streets where traffic was sent are read apart from the scene's.
    scene_body = _without_traffic_diversions(own_body)
    scene_counts = own_counts if scene_body is own_body else textmod.detail_counts(scene_body, places_named)
    own_streets = textmod.streets(own_counts, places_named)
    streets = own_streets if scene_body is own_body else textmod.streets(scene_counts, places_named)
    signature = hasher.signature(analysis.word_hashes)
    principals, persons = principal_persons(tagged.actors, len(body), texts, spokespeople)
    headline_denies_a_link = DENIED_LINK_RE.search(article.title) is not None
    denies_a_link = headline_denies_a_link or (_may_deny_a_link(body) and DENIED_LINK_RE.search(body) is not None)
    return ArticleFeatures(
        fingerprint=content_fingerprint(tagged),
        vector=analysis.vector,
        names=analysis.names,
        signature=signature,
        bands=textmod.lsh_band_keys(signature, lsh_bands),
        event_date=event_date,
        day=event_date.day.toordinal() if event_date.day else None,
        published_day=published.toordinal() if published else None,
        years=years,
        latest_year=latest_year,
        category=classify(analysis.title_words, analysis.lead_words, analysis.rest_words),
        place=tagged.event_location,
        other_incident_places=other_incident_places,
        place_ids=place_ids,
        headline_place_ids=frozenset(
            gid for loc in tagged.locations if loc["field"] == "title" and (gid := loc.get("geonameid")) is not None
        ),
        details=textmod.details(detail_counts, max_details),
        streets=streets,
        # With no sentence about another incident, every street is the report's own: no second reading.
        other_incident_streets=(
            textmod.streets(detail_counts, places_named) - own_streets if own_counts is not detail_counts else EMPTY
        ),
        diverted_streets=own_streets - streets,
        premises=premises_named(analysis.title_words),
        firm_days=frozenset(d.toordinal() for d in event_date.lead_days),
        firm_weekdays=frozenset(event_date.lead_weekdays),
        tells_another_moment=(
            tells_a_repeat(article.title)
            or tells_a_moment_after_another(article.title)
            or lead_tells_an_earlier_moment
            or denies_a_link
        ),
        lead_tells_an_earlier_moment=lead_tells_an_earlier_moment,
        denies_a_link=denies_a_link,
        headline_denies_a_link=headline_denies_a_link,
        tells_a_death=tells_a_death_of_the_hurt(article.title),
        tells_someones_death=tells_someones_death(article.title),
        tells_a_roundup=ROUNDUP_HEADLINE_RE.search(article.title) is not None,
        protests_a_killing=PROTESTED_KILLING_RE.search(article.title) is not None,
        # Not the spokespeople, who speak of every incident of their agency: "said Colonel Elena Rojas Cardenas" of a
        # robbery and of a stabbing the same day is no actor the two share.
        actor_keys=frozenset(k for k, _ in _without_spokespeople(counted, spokespeople).most_common(16)),
        actor_codes=codes,
        principals=principals,
        persons=persons,
        # Read only to find an incident's principals in the report, which needs one of its own (`decide`).
        # Without accents, as surnames are: outlets write one name "Villaseñor" and "Villasenor". Not the words of
        # its sentences about other incidents: "The death comes days after a farmer, P. Natarajan, was shot at
        # Kottur" names that shooting's man, not one of this report's.
        words=_own_words(analysis, own_body, own_body is body) if principals else EMPTY,
    )
