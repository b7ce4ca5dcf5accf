"""Text features for incident matching: tokens, weighted hashed term vectors, and MinHash signatures with LSH bands."""

from __future__ import annotations

import base64
import math
import re
import zlib
from collections import Counter
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, islice
from operator import itemgetter

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from streams.geo.fold import SAINT_ABBREVIATIONS, strip_accents
from streams.incidents.dates import MONTHS, WEEKDAYS, YEAR_RE
from streams.wordclass import STREET_WORDS, is_street_word

# Words so common in wire copy that they say nothing about which incident a report is about.
WIRE_STOP_WORDS = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "reported",
        "report",
        "reports",
        "reporting",
        "news",
        "reuters",
        "ap",
        "afp",
        "agency",
        "agencies",
        "press",
        "associated",
        "statement",
        "spokesman",
        "spokeswoman",
        "official",
        "officials",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "weeks",
        "day",
        "days",
        "month",
        "months",
        "year",
        "years",
        "time",
        "people",
        "including",
        "added",
        "also",
        "mr",
        "mrs",
        "ms",
        "dr",
        "new",
        "like",
        "just",
        "year's",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "photo",
        "image",
        "video",
        "copyright",
        "reserved",
        "rights",
        "read",
        "click",
        "updated",
        "posted",
        # web boilerplate that scraped articles carry (URLs, file names)
        "http",
        "https",
        "www",
        "com",
        "org",
        "net",
        "html",
        "htm",
        "php",
        "aspx",
        "asp",
        "jpg",
        "png",
        "id",
        "uk",
    }
)
STOP = frozenset(w.lower() for w in STOP_WORDS) | WIRE_STOP_WORDS

# Words and numbers; "6.1", "u.s", "khan-sheikhoun" stay whole.
WORD_RE = re.compile(r"\w+(?:[.,:'\u2019-]\w+)*")
# A name: a capitalised word that does not open a sentence (it follows a lower-case word, digit or comma and a space).
# The patterns below open with the character they match and look behind it after: the engine then skips ahead to
# candidates instead of trying a lookbehind at every position (twice as fast, the same matches).
NAME_RE = re.compile(r"[A-Z](?<=[a-z0-9,;] [A-Z])\w+(?:[.'\u2019-]\w+)*")
# A detail: a run of capitalised words inside a sentence (a dot only inside a word: "U.S.", not a sentence's end),
# or a number (the digits of "29-year-old", "10:40"; its first digit after no word character, as "\b\d" reads).
# Weekdays and months are dates, which matching reads apart.
DETAIL_RE = re.compile(
    r"[A-Z](?<=[a-z0-9,;] [A-Z])(?:[\w'\u2019-]|\.(?=\w))*(?: [A-Z](?:[\w'\u2019-]|\.(?=\w))*)*"
    r"|\d(?<!\w\d)\d*(?:[:.,]\d+)*"
)
MAX_DETAIL_NAME_WORDS = 4
# A phone number: the tip line every report of a town or force gives ("713-555-0147", "(07) 5550 0133", "0161 555
# 0123", "1-800-222-8477") says nothing about which incident it is.
PHONE_MIN_DIGITS = 7
# A run of digits and separators; _blank counts the digits. The lookahead lets the engine skip to a candidate.
PHONE_RE = re.compile(r"(?=[+(\d])[+(]?\d[\d() .-]{5,}\d")
DATE_NAMES = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(
        {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november"}
        | {"december", "sept"}
    )
)
SENTENCE_END_RE = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+|\n+")
HASH_SPACE = 1 << 24
MERSENNE_61 = (1 << 61) - 1
MAX_HASH_32 = (1 << 32) - 1
SHINGLE_BASE = np.uint64(1_000_003)


def stable_hash(text: str) -> int:
    """A hash that is the same in every process (Python's `hash` is salted per process)."""
    return zlib.crc32(text.encode("utf-8"))


def _light_stem(word: str) -> str:
    """Fold the commonest English inflections so `attack`/`attacks`/`attacked` count as one term."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word.removesuffix("'s")


@dataclass(frozen=True, slots=True)
class TermWeights:
    """How much each kind of term counts in the similarity vector (names and numbers identify incidents)."""

    content: float = 1.0
    name: float = 2.0
    number: float = 1.5
    lead_boost: float = 1.5  # terms in the headline and first sentences describe the incident itself
    lead_sentences: int = 3


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """One pass over an article: term vector, names-and-numbers vector, word hashes (shingles), words by part."""

    vector: dict[str, float]
    names: dict[str, float]
    word_hashes: np.ndarray
    title_words: list[str]
    lead_words: list[str]
    rest_words: list[str]


# word -> (stable hash, hashed term id or None for stop words); bounded, cleared when full (news vocabulary repeats).
# Term ids are hex strings of the stemmed word's hash, "n"-prefixed for numbers (which weigh like names).
_WORD_CACHE: dict[str, tuple[int, str | None]] = {}
WORD_CACHE_SIZE = 200_000
# Near-copies share their opening; shingling the first words keeps the signature cost flat for long articles.
MAX_SHINGLED_WORDS = 300


def _term_id(term: str) -> str:
    return format(stable_hash(term) % HASH_SPACE, "x")


def _word_info(word: str) -> tuple[int, str | None]:
    if word[0].isdigit():
        return stable_hash(word), ("n" + _term_id(word) if len(word) >= 2 else None)
    if len(word) < 2 or word in STOP:
        return stable_hash(word), None
    return stable_hash(word), _term_id(_light_stem(word))


def _lead_end(body: str, sentences: int) -> int:
    """Character offset where the body's first `sentences` sentences end (the whole body if it is shorter)."""
    for count, match in enumerate(SENTENCE_END_RE.finditer(body), start=1):
        if count >= sentences:
            return match.end()
    return len(body)


def _infos(words: list[str]) -> list[tuple[int, str | None]]:
    cache = _WORD_CACHE
    infos = list(map(cache.get, words))
    if None in infos:
        for i, info in enumerate(infos):
            if info is None:
                word = words[i]
                infos[i] = cache[word] = _word_info(word)
    return infos  # type: ignore[return-value]  # every None was replaced just above


def analyse(title: str, body: str, weights: TermWeights, max_terms: int, max_names: int) -> TextAnalysis:
    """Weighted, L2-normalised term vectors over hashed term ids, truncated to their heaviest terms; word hashes.

    Term weight = (1 + log tf) x kind (name: capitalised inside a sentence; number; other content word) x lead boost
    (headline and first sentences). Word splitting, counting and lookups run as C-level list operations.
    """
    if len(_WORD_CACHE) > WORD_CACHE_SIZE:
        _WORD_CACHE.clear()
    lead_end = _lead_end(body, weights.lead_sentences)
    title_words = WORD_RE.findall(title.lower())
    lead_words = WORD_RE.findall(body[:lead_end].lower())
    rest_words = WORD_RE.findall(body[lead_end:].lower())
    title_infos, lead_infos, rest_infos = _infos(title_words), _infos(lead_words), _infos(rest_words)
    second = itemgetter(1)
    lead_terms = set(map(second, title_infos)) | set(map(second, lead_infos))
    counts = Counter(filter(None, map(second, chain(title_infos, lead_infos, rest_infos))))
    name_terms = {info[1] for info in _infos([w.lower() for w in NAME_RE.findall(body)]) if info[1]}
    vector: dict[str, float] = {}
    log = math.log
    boost = weights.lead_boost
    w_number, w_name, w_content = weights.number, weights.name, weights.content
    for term, count in counts.items():
        kind = w_number if term[0] == "n" else w_name if term in name_terms else w_content
        weight = (1.0 + log(count)) * kind if count > 1 else kind
        vector[term] = weight * boost if term in lead_terms else weight
    names = {t: w for t, w in vector.items() if t[0] == "n" or t in name_terms}
    hashes = list(map(itemgetter(0), islice(chain(title_infos, lead_infos, rest_infos), MAX_SHINGLED_WORDS)))
    return TextAnalysis(
        vector=_normalise(_top(vector, max_terms)),
        names=_normalise(_top(names, max_names)),
        word_hashes=np.array(hashes, dtype=np.uint64),
        title_words=title_words,
        lead_words=lead_words,
        rest_words=rest_words,
    )


def _top(vector: Mapping[str, float], limit: int) -> dict[str, float]:
    if len(vector) <= limit:
        return dict(vector)
    # Stable sort on weight alone: ties keep insertion order, which is the text order, so the cut is deterministic.
    return dict(sorted(vector.items(), key=itemgetter(1), reverse=True)[:limit])


def _normalise(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if norm == 0.0:
        return {}
    return {term: round(w / norm, 4) for term, w in vector.items()}


def without(vector: Mapping[str, float], terms: AbstractSet[str]) -> Mapping[str, float]:
    """`vector` without `terms`, renormalised (the vector itself when it has none of them)."""
    if not terms or vector.keys().isdisjoint(terms):
        return vector
    return _normalise({t: w for t, w in vector.items() if t not in terms})


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors (the key intersection runs in C; few terms are shared)."""
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


# "St." before a capitalised word opens a saint's name ("Ascension St. John Hospital", "St. Louis"), no street's end.
SAINT_RE = re.compile(r"\bSt\.(?= [A-Z])")
# A street's direction abbreviated before its name ("N. Hackberry St.", "S.W. Military Drive"): dropped, since its dot
# would end the name's run of capitals; the street is its name. The marks: what every match holds.
COMPASS_ABBREVIATION_RE = re.compile(r"(?<=[a-z0-9,;] )(?:[NSEW]\.){1,2} (?=[A-Z])")
COMPASS_ABBREVIATION_MARKS = ("N. ", "S. ", "E. ", "W. ")
# Two streets named by one plural street word ("near Sheppard and Markham roads", "at Yonge and Bloor streets"):
# each is a street of its own, as "Sheppard Road" and "Markham Road".
PAIRED_STREETS_RE = re.compile(r"\b([A-Z][\w'-]*) and ([A-Z][\w'-]*) (road|street|avenue|drive|boulevard|lane)s\b")
PLURAL_STREET_WORDS = ("roads", "streets", "avenues", "drives", "boulevards", "lanes")
# A numbered street ("near East Lake Avenue and North 29th Street", "on 7th Ave."): a street as a named one is, though
# its number opens no run of capitals. Read as "29th street"; the direction is dropped, as streets() drops it.
NUMBERED_STREET_RE = re.compile(
    r"\d(?<!\w\d)\d{0,2}(?:st|nd|rd|th) (?:" + "|".join(sorted(w.capitalize() for w in STREET_WORDS)) + r")\b"
)


def _both_streets(match: re.Match[str]) -> str:
    word = match.group(3).capitalize()
    return f"{match.group(1)} {word} and {match.group(2)} {word}"


def detail_counts(body: str, excluded: AbstractSet[str]) -> Counter[str]:
    """The details a report gives, lower-cased and counted: its names and numbers as written.

    A name is a run of capitalised words inside a sentence, kept whole ("Hoover Avenue" and "Salem Avenue" share
    nothing); a number is read without its unit ("29" of "29-year-old"). `excluded`: lower-cased names left out
    (the report's places, which every report from the same town shares); dates (weekdays, months, years), phone
    numbers (`PHONE_RE`), long numbers and long capitalised runs are left out too (`_is_detail`).
    """
    text = PHONE_RE.sub(_blank, body)
    # Plain substring tests first: most reports have none of these, and a pattern scan costs more than four of them.
    if "St." in text:
        text = SAINT_RE.sub("St", text)
    if any(mark in text for mark in COMPASS_ABBREVIATION_MARKS):
        text = COMPASS_ABBREVIATION_RE.sub("", text)
    if any(plural in text for plural in PLURAL_STREET_WORDS):
        text = PAIRED_STREETS_RE.sub(_both_streets, text)
    found = Counter(map(str.lower, DETAIL_RE.findall(text)))
    found.update(street.lower() for street in NUMBERED_STREET_RE.findall(text))
    return Counter({d: n for d, n in found.items() if d not in excluded and _is_detail(d)})


def _blank(match: re.Match[str]) -> str:
    """A phone number (seven digits or more: not a score, "24-17") blanked, its place kept."""
    number = match.group()
    return " " * len(number) if sum(c.isdigit() for c in number) >= PHONE_MIN_DIGITS else number


def _is_detail(detail: str) -> bool:
    if detail[0].isdigit():
        # A year is a date (matching reads dates apart); five digits or more are ids and counts from links.
        return sum(c.isdigit() for c in detail) < 5 and not YEAR_RE.fullmatch(detail)
    # Five capitalised words or more are a headline run into the text, not a name.
    return detail not in DATE_NAMES and detail.count(" ") < MAX_DETAIL_NAME_WORDS


def details(counts: Mapping[str, int], max_terms: int) -> dict[str, float]:
    """`detail_counts` as an L2-normalised vector over hashed ids (1 + log count), as incident summaries keep it."""
    weights = {_term_id(d): 1.0 + math.log(n) for d, n in counts.items()}
    return _normalise(_top(weights, max_terms))


# One street however the outlet abbreviates it: "Kildonan Rd" is "Kildonan Road".
STREET_ABBREVIATIONS = {
    "st": "street",
    "rd": "road",
    "ave": "avenue",
    "blvd": "boulevard",
    "hwy": "highway",
    "fwy": "freeway",
    "pkwy": "parkway",
}


STREET_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "ne", "nw", "se", "sw"}
)


# A direction after the street word, written whole or short ("Wyandotte Street East", "Queen St. W.").
_TRAILING_DIRECTIONS = STREET_DIRECTIONS | {"n", "s", "e", "w"}
# Street numbers written out, as their numerals: "Fourth Avenue" is 4th Avenue.
_ORDINAL_NUMERALS = {
    word: f"{n}{'th' if 10 < n < 14 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    for n, word in enumerate(
        (
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ),
        start=1,
    )
}


def streets(counts: Mapping[str, int], places: AbstractSet[str]) -> frozenset[str]:
    """Hashed ids of the streets among `detail_counts` ("Hoover Avenue", "Salem Ave."): where in a town it was.

    A street named with its town ("Banstead High Street") is the street ("High Street"): `places` are the report's
    places, lower-cased. Abbreviated street words are read whole (`STREET_ABBREVIATIONS`), a hyphen as a space, the
    name without accents and its "St" or "Ste" as a saint (`SAINT_ABBREVIATIONS`)."""
    found = set()
    places_unaccented = [strip_accents(p) for p in places]
    for written in counts:
        # "Cedar Bayou-Lynchburg Rd" is Cedar Bayou Lynchburg Road; "Décarie Expressway" is "Decarie Expressway".
        detail = strip_accents(written).replace("-", " ")
        words = detail.split(" ")
        if len(words) > 2 and words[-1].rstrip(".") in _TRAILING_DIRECTIONS and is_street_word(words[-2]):
            # "Wyandotte Street East" is Wyandotte Street, as "North Hackberry Street" is Hackberry Street.
            words = words[:-1]
        if len(words) < 2 or not is_street_word(words[-1]):
            continue
        # "Methven's Main Street" is Main Street too: the town's possessive closes its last word.
        town = next(
            (
                p
                for p in places_unaccented
                if detail.startswith((p + " ", p + "'s ", p + "\u2019s ")) and len(p.split(" ")) <= len(words) - 2
            ),
            None,
        )
        name = words[len(town.split(" ")) if town else 0 : -1]
        if len(name) > 1 and name[0] in STREET_DIRECTIONS:
            name = name[1:]  # "North Hackberry Street" is "N. Hackberry St." and "Hackberry Street"
        # Inside a street's name (not its last word, the street word) "St" is a saint: "St-Laurent Blvd.".
        name = [SAINT_ABBREVIATIONS.get(word, _ORDINAL_NUMERALS.get(word, word)) for word in name]
        head = words[-1].rstrip(".")
        found.add(_term_id(" ".join([*name, STREET_ABBREVIATIONS.get(head, head)])))
    return frozenset(found)


def merge_centroid(
    centroid: Mapping[str, float], count: int, vector: Mapping[str, float], max_terms: int
) -> dict[str, float]:
    """The running mean of member vectors, renormalised and truncated so it stays bounded."""
    merged = {t: w * count for t, w in centroid.items()}
    for term, weight in vector.items():
        merged[term] = merged.get(term, 0.0) + weight
    return _normalise(_top(merged, max_terms))


# --- MinHash over word shingles -------------------------------------------------------------------------------


class MinHasher:
    """MinHash signatures over word shingles, vectorised with numpy; permutations fixed by a seed (deterministic)."""

    def __init__(self, num_perm: int, shingle_words: int, seed: int = 20190820) -> None:
        rng = np.random.RandomState(seed)
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self._a = rng.randint(1, MERSENNE_61, size=num_perm, dtype=np.uint64)
        self._b = rng.randint(0, MERSENNE_61, size=num_perm, dtype=np.uint64)

    def shingles(self, word_hashes: np.ndarray) -> np.ndarray:
        """Distinct hashes of every run of `shingle_words` consecutive words (a polynomial hash, wrapping mod 2^64)."""
        k = self.shingle_words
        n = word_hashes.size
        if n == 0:
            return word_hashes
        k = min(k, n)
        width = n - k + 1
        acc = word_hashes[:width].copy()
        for offset in range(1, k):
            acc = acc * SHINGLE_BASE + word_hashes[offset : offset + width]
        return np.unique(acc)

    def signature(self, word_hashes: np.ndarray) -> np.ndarray:
        """`num_perm` minima of per-permutation hashes of the shingles; all-max for empty text."""
        shingles = self.shingles(word_hashes)
        if shingles.size == 0:
            return np.full(self.num_perm, MAX_HASH_32, dtype=np.uint32)
        # a*x + b wraps modulo 2^64 in numpy (no error for arrays); folding the high bits in and keeping 32 gives one
        # fixed, well-mixed hash function per permutation, which is all MinHash needs.
        products = np.outer(shingles, self._a) + self._b
        mixed = (products ^ (products >> np.uint64(29))) & np.uint64(MAX_HASH_32)
        minima: np.ndarray = mixed.min(axis=0).astype(np.uint32)
        return minima


def encode_signature(signature: np.ndarray) -> str:
    """Compact JSON-safe form of a signature (base64 of little-endian uint32)."""
    return base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")


def decode_signature(encoded: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(encoded), dtype="<u4")


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal minima = unbiased estimate of the shingle-set Jaccard similarity."""
    if a.shape != b.shape or a.size == 0:
        return 0.0
    if int(a[0]) == MAX_HASH_32 and bool((a == MAX_HASH_32).all()):
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def lsh_band_keys(signature: np.ndarray, bands: int) -> list[str]:
    """One key per band of `rows = num_perm // bands` minima: equal keys make two articles duplicate candidates."""
    rows = signature.size // bands
    raw = signature.astype("<u4").tobytes()
    width = rows * 4
    return [f"{band}:{zlib.crc32(raw[band * width : (band + 1) * width]):08x}" for band in range(bands)]
