"""Word-class tests from spelling, position and closed word lists, so the NLP pipeline needs no part-of-speech tagger.

The taggers only ask a few local questions ("could this word be part of a name?", "is the word after this country a
finite verb?", "is this role word used as a noun?"). spaCy's tagger answered them from an embedding layer of its own
that cost as much as the NER; these tests answer them from the token and its neighbours.
"""

from __future__ import annotations

import re
from typing import Final

from spacy.tokens import Doc, Token

HYPHENS: Final = frozenset({"-", "\u2010", "\u2011"})
# A run of initials ("B.", "B.N."): South Indian names end with them, after the given name and the surname.
INITIALS_RE: Final = re.compile(r"^(?:[A-Z]\.)+$")
# Capitalised words after a name that make it a street's ("Hoover Avenue", "Salem Ave."): the street lies in the town
# the article names, wherever the namesake town is; and a street is no person ("Spencer Highway").
STREET_WORDS: Final = frozenset(
    {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "drive", "lane", "highway", "parkway"}
    | {"pike", "turnpike", "expressway", "freeway", "terrace", "way", "hwy", "fwy", "pkwy", "crescent"}
    # A roundabout or a square named so: "Benz Circle" in Vijayawada, "Dupont Circle" in Washington.
    | {"circle"}
)

# Lower-case words inside Arabic, Dutch, German, French... personal names: "Bashar al-Assad", "Abu Bakr al-Baghdadi".
NAME_PARTICLES: Final = frozenset(
    {"al", "el", "ad", "as", "ash", "bin", "ibn", "bint", "abu", "ben", "de", "del", "der", "den", "van", "von", "da"}
    | {"di", "du", "la", "le"}
)
# A role word after one of these is a verb ("it forces", "they police"), not the group. Not "to": "handed over to
# police", "returned to rebels" are far more common in news than "to police" the verb.
_VERB_SUBJECTS: Final = frozenset(
    {"i", "you", "he", "she", "it", "we", "they", "will", "would", "can", "could", "may", "might", "must", "should"}
    | {"shall", "does", "did", "do", "not", "n't", "also"}
)
_AUXILIARIES: Final = frozenset(
    {"is", "was", "are", "were", "has", "have", "had", "does", "did", "do", "will", "would", "can", "could", "may"}
    | {"might", "must", "should", "shall", "says", "said"}
)
# Irregular past forms and third-person forms that news writes after a country or a capital as the subject.
_IRREGULAR_FINITE: Final = frozenset(
    {
        "began",
        "bought",
        "brought",
        "built",
        "came",
        "chose",
        "dealt",
        "drew",
        "fell",
        "felt",
        "fought",
        "found",
        "gave",
        "got",
        "grew",
        "held",
        "hit",
        "kept",
        "knew",
        "laid",
        "led",
        "left",
        "lost",
        "made",
        "meant",
        "met",
        "paid",
        "put",
        "ran",
        "rose",
        "saw",
        "sent",
        "set",
        "shot",
        "sought",
        "spent",
        "stood",
        "struck",
        "swore",
        "took",
        "told",
        "thought",
        "threw",
        "understood",
        "went",
        "withdrew",
        "won",
        "wrote",
    }
)
# Third-person present verbs that follow a country named as the actor ("Russia warns", "Iran denies").
_THIRD_PERSON_VERBS: Final = frozenset(
    {
        "accuses",
        "admits",
        "agrees",
        "announces",
        "answers",
        "asks",
        "backs",
        "bans",
        "blames",
        "calls",
        "claims",
        "closes",
        "condemns",
        "confirms",
        "considers",
        "continues",
        "demands",
        "denies",
        "deploys",
        "expects",
        "expels",
        "fears",
        "gets",
        "gives",
        "hits",
        "holds",
        "hopes",
        "insists",
        "intends",
        "joins",
        "keeps",
        "launches",
        "leads",
        "makes",
        "moves",
        "needs",
        "offers",
        "opens",
        "plans",
        "pledges",
        "promises",
        "pushes",
        "receives",
        "refuses",
        "rejects",
        "remains",
        "reports",
        "responds",
        "retaliates",
        "risks",
        "rules",
        "seeks",
        "seems",
        "sends",
        "signs",
        "slams",
        "strikes",
        "suspends",
        "takes",
        "tells",
        "tests",
        "threatens",
        "tries",
        "urges",
        "vows",
        "wants",
        "warns",
        "welcomes",
        "wins",
    }
)
_ADVERBS: Final = frozenset(
    {"also", "again", "already", "still", "now", "then", "never", "not", "once", "just", "later", "soon", "yesterday"}
    | {"today", "too", "even", "ever", "first", "last", "since", "thus", "instead"}
)
# Words that are finite verbs (or auxiliaries) whatever their ending.
_FINITE_WORDS: Final = _AUXILIARIES | _IRREGULAR_FINITE | _THIRD_PERSON_VERBS
# Nouns in "-ly", which the "-ly" test would take for adverbs.
_LY_NOUNS: Final = frozenset(
    {"family", "assembly", "supply", "rally", "anomaly", "monopoly", "reply", "homily", "folly"}
)
# Endings of words in "-s" that are not third-person verbs ("business", "status", "analysis", "politics", "famous").
_NOUN_ENDINGS: Final = ("ss", "us", "is", "ics", "ous")
# Words in "-ed" that are not verb forms: "-ed" after a country is otherwise read as a past tense.
_NOT_PAST_FORMS: Final = frozenset({"red", "bed", "need", "seed", "speed", "feed", "shed", "hundred", "creed", "steed"})


def is_street_word(lower: str) -> bool:
    """A lower-cased word naming a kind of street, abbreviated or not ("avenue", "ave.", "st")."""
    return lower.rstrip(".") in STREET_WORDS


def is_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen joining two words ("pro-Assad"), not a dash between phrases."""
    return doc[i].text in HYPHENS and i > 0 and not doc[i - 1].whitespace_


def reads_as_name(text: str, *, is_stop: bool, opens_sentence: bool) -> bool:
    """Capitalised, unless a function word that opens its sentence ("The", "In"); acronyms ("US", "IT") always."""
    if not text[:1].isupper():
        return False
    if len(text) > 1 and text.isupper():
        return True
    return not (opens_sentence and is_stop)


def is_proper(token: Token) -> bool:
    """Reads as (part of) a name (see `reads_as_name`)."""
    return reads_as_name(token.text, is_stop=token.is_stop, opens_sentence=bool(token.is_sent_start))


def is_name_part(doc: Doc, i: int) -> bool:
    """A token inside a multi-word name: a capitalised word, a joining hyphen, or a particle before a capital."""
    token = doc[i]
    if is_proper(token) or is_hyphen(doc, i):
        return True
    follows = doc[i + 1] if i + 1 < len(doc) else None
    return token.lower_ in NAME_PARTICLES and follows is not None and (is_hyphen(doc, i + 1) or is_proper(follows))


def is_adverb(token: Token) -> bool:
    """An adverb that may stand between a subject and its verb ("Russia also said", "Iran reportedly fired")."""
    low = token.lower_
    return low in _ADVERBS or (token.is_lower and len(low) > 4 and low.endswith("ly") and low not in _LY_NOUNS)


def is_finite_verb(doc: Doc, k: int) -> bool:
    """A finite verb or auxiliary right after a subject: "said", "warns", "has", "will", "bombed", "enters"."""
    token = doc[k]
    if _is_known_finite(token):
        return True
    low = token.lower_
    if not (token.is_lower and token.is_alpha and len(low) > 3 and low.endswith("s")) or low.endswith(_NOUN_ENDINGS):
        return False
    # "Japan enters recession" but "US officials said", "UK banks have": a plural noun is followed by its verb.
    after = doc[k + 1] if k + 1 < len(doc) else None
    return after is not None and not (after.is_punct or _is_known_finite(after) or is_adverb(after))


def _is_known_finite(token: Token) -> bool:
    low = token.lower_
    if low in _FINITE_WORDS:
        return True
    return token.is_lower and token.is_alpha and len(low) > 4 and low.endswith("ed") and low not in _NOT_PAST_FORMS


def is_verb_use(doc: Doc, k: int) -> bool:
    """A role word used as a verb: "it forces", "will police", "they patrol"."""
    return k > 0 and doc[k - 1].lower_ in _VERB_SUBJECTS


def is_modifier(token: Token) -> bool:
    """A lower-case adjective, noun or participle inside a descriptor ("low cost airline", "German-based")."""
    low = token.lower_
    if token.text in HYPHENS:
        return True
    if not token.is_alpha or token.is_stop or low in _ADVERBS:
        return False
    # Participles in "-ed" stay ("armed", "state-owned"): they qualify as adjectives do.
    return not (low.endswith("ly") or low in _FINITE_WORDS)


# Role words that are adjectives when they stand before a noun ("military operation", "official figures").
ADJECTIVAL_ROLES: Final = frozenset({"military", "official", "militant", "insurgent", "jihadist", "displaced"})


def is_attributive(doc: Doc, k: int, end: int) -> bool:
    """The role word doc[k:end] qualifies the next word, or is a participle after an auxiliary ("were displaced")."""
    # Every adjectival role is one word, so a longer role ("security forces") is never one.
    if end - k != 1 or doc[k].lower_ not in ADJECTIVAL_ROLES:
        return False
    if k > 0 and doc[k - 1].lower_ in _AUXILIARIES:
        return True
    if end >= len(doc):
        return False
    after = doc[end]
    return after.is_lower and after.is_alpha and not (after.is_stop or _is_known_finite(after) or is_adverb(after))
