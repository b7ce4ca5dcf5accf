"""Name folding: an exact key (case, accents, punctuation) and a loose key (Arabic articles, transliteration)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "Þ": "Th",
        "\u0131": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)
# Apostrophes and transliteration marks for ayn/hamza vanish; dashes, slashes and commas separate words.
_DROP = re.compile(r"[\u2019\u2018'`\u02bb\u02bc\u02be\u02bf\u00b4\".]")
_SEPARATE = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014/,()&+_:;]+")
_NOT_LATIN = re.compile(r"[^a-z0-9 ]")

# Arabic article forms, written attached with a hyphen ("ar-Raqqah", "Deir ez-Zor") or, for al/el, alone ("Al Bab").
_HYPHEN_ARTICLES = frozenset(
    {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "er", "en", "et"}
)
_FREE_ARTICLES = frozenset({"al", "el"})

# Loose key rewrites, in order: each pair makes common English/French/German transliterations of one sound agree.
_TRANSLIT = (
    ("sch", "sh"),
    ("kh", "ch"),
    ("dh", "d"),
    ("ou", "u"),
    ("oo", "u"),
    ("ey", "ai"),
    ("ei", "ai"),
    ("ay", "ai"),
    ("e", "i"),
    ("y", "i"),
    ("q", "k"),
    ("w", "u"),
)
_DOUBLE = re.compile(r"([a-z])\1+")
# A name's first word abbreviated as news writes it ("Mt Cook", "Ft. Worth"). Not "St.": GeoNames names towns "St.
# Thomas" and Caribbean parishes "Saint Thomas", and the spelling is what tells them apart.
_FIRST_WORD_ABBREVIATIONS = {"mt": "mount", "ft": "fort"}
# French abbreviates a saint joined by its hyphen ("St-Léonard", "Ste-Foy", "Mont-St-Hilaire"), which English never
# writes: GeoNames' "Saint-Léonard". Matched on the lower-cased, accent-free name.
_HYPHENATED_SAINT = re.compile(r"\b(st|ste)-(?=[a-z])")
# A saint's abbreviation and its word, for names folded here and for street names (`incidents.text.streets`).
SAINT_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def _hyphenated_saints_written_out(text: str) -> str:
    """`text` (lower case, no accents) with "st-" and "ste-" opening a word as "saint " and "sainte "."""
    if "st-" not in text and "ste-" not in text:
        return text  # most names: one substring test instead of a pattern scan
    return _HYPHENATED_SAINT.sub(lambda m: SAINT_ABBREVIATIONS[m.group(1)] + " ", text)


def _expand_first_word(words: list[str]) -> list[str]:
    if words and words[0] in _FIRST_WORD_ABBREVIATIONS:
        return [_FIRST_WORD_ABBREVIATIONS[words[0]], *words[1:]]
    return words


def strip_accents(text: str) -> str:
    """Accents dropped, compatibility characters decomposed: outlets spell one name "Villaseñor" and "Villasenor"."""
    if text.isascii():
        return text  # most news text: NFKD leaves ASCII as it is and nothing in it is a combining mark
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Exact key: lower case, no accents, apostrophes and dots dropped, dashes as spaces, single spaces.

    Returns "" for names in a non-Latin script (they cannot occur in English text).
    """
    text = _hyphenated_saints_written_out(strip_accents(text.translate(_SPECIAL_LETTERS)).lower())
    text = _SEPARATE.sub(" ", _DROP.sub("", text))
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    text = " ".join(_expand_first_word(words))
    if _NOT_LATIN.search(text):
        return ""
    return text


@lru_cache(maxsize=65536)
def loose(text: str) -> str:
    """Loose key of a raw name: exact key without Arabic articles, with transliteration variants merged."""
    text = _hyphenated_saints_written_out(strip_accents(text.translate(_SPECIAL_LETTERS)).lower())
    text = _DROP.sub("", text)
    words: list[str] = []
    for chunk in text.split():
        parts = [p for p in _SEPARATE.split(chunk) if p]
        for i, part in enumerate(parts):
            if i < len(parts) - 1 and part in _HYPHEN_ARTICLES:
                continue
            words.append(part)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    words = _expand_first_word(words)
    if len(words) > 1:
        words = [
            w
            for i, w in enumerate(words)
            if not (w in _FREE_ARTICLES and i < len(words) - 1)
            and not (0 < i < len(words) - 1 and _assimilated_article(w, words[i + 1]))
        ]
    out = " ".join(_loose_word(w) for w in words)
    if _NOT_LATIN.search(out):
        return ""
    return out


def _assimilated_article(word: str, following: str) -> bool:
    """An Arabic article written apart inside a name, assimilated to the word after it as spoken: "ad" of GeoNames'
    "Şalāḩ ad Dīn", which news writes "Salah al-Din" and "Salah ad-Din"."""
    return word in _HYPHEN_ARTICLES and word not in _FREE_ARTICLES and following.startswith(word[1:])


def _loose_word(word: str) -> str:
    if len(word) > 3 and word.endswith(("ah", "eh")):
        word = word[:-2] + "a"  # the feminine ending: "Raqqah", "Jableh", "Jablah"
    elif len(word) > 4 and word.endswith("et"):
        word = word[:-2] + "at"  # and its French spelling before a noun: "Maaret al-Nouman", "Maarat al-Numan"
    for old, new in _TRANSLIT:
        word = word.replace(old, new)
    return _DOUBLE.sub(r"\1", word)
