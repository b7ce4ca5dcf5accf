"""The actor registry: shipped JSON records plus user files, validated, indexed by alias; every country is a state."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast, get_args

import pycountry

from streams import jsonio
from streams.errors import ConfigError
from streams.geo.fold import strip_accents
from streams.model import ActorKind

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_REGISTRY_PATH = DATA_DIR / "actors.json"
STATES_PATH = DATA_DIR / "states.json"
KNOWN_KINDS: frozenset[str] = frozenset(get_args(ActorKind))
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._:-]*$")
_CODE_PATTERN = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
# Aliases this short ("UN", "AP", "Sana") are matched with their exact capitals, so "us"/"ap"/"sana" never match.
SHORT_ALIAS_CHARS = 4
# Typographic apostrophes and dashes, as escapes so that the source stays plain ASCII.
_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u2010": "-", "\u2013": "-", "\u2014": "-"}
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")
# The key functions see every token text of the feed, so their caches are bounded: ~4 MB each when full.
_KEY_CACHE_SIZE = 1 << 15


# "<Place>-based <name>", "<X>-backed <name>": a described mention of a name, not a name.
_DESCRIBED_ALIAS = re.compile(r"^\S+-(?:based|backed|led|linked|allied|affiliated|aligned|funded|supported) (.+)$")


class RegistryError(ConfigError):
    """An actor registry file is unreadable or breaks a validation rule."""

    code = "registry_invalid"


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor: a stable id, its canonical name, the names news uses for it, and its CAMEO-style coding."""

    id: str
    name: str
    kind: ActorKind
    country: str | None  # ISO 3166 alpha-3
    code: str | None  # CAMEO-style: country + sector ("SYRMIL") or an IGO code ("IGOUNO")
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: frozenset[str] = frozenset()
    source: str = "builtin"

    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def _without_accents(text: str) -> str:
    """Typographic apostrophes and dashes made plain, compatibility characters decomposed, accents dropped."""
    return strip_accents(text.translate(_APOSTROPHES))


@functools.lru_cache(maxsize=_KEY_CACHE_SIZE)
def fold(text: str) -> str:
    """The key long aliases are compared on: no accents, lower case, one apostrophe, hyphens and dots as spaces."""
    text = _without_accents(text).lower()
    text = text.replace("-", " ").replace(".", " ").replace(",", " ")
    return _LEADING_ARTICLE.sub("", " ".join(text.split()))


def short_key(text: str) -> str:
    """The key short aliases are compared on: accents and dots dropped but capitals kept ("U.N." == "UN" != "Un")."""
    return _without_accents(text).replace(".", "").strip()


def is_short(alias: str) -> bool:
    """Whether an alias is matched case-sensitively."""
    return len(short_key(alias).replace(" ", "")) <= SHORT_ALIAS_CHARS


@functools.lru_cache(maxsize=_KEY_CACHE_SIZE)
def alias_key(alias: str) -> str:
    """The index key of an alias (short ones keep their capitals)."""
    return "=" + short_key(alias) if is_short(alias) else fold(alias)


def key_letters(key: str) -> str:
    """The case-folded letters and digits of an alias key.

    Every text whose `alias_key` is `key` has these as its `alias_letters`, or these after "the", "a" or "an" (which
    `fold` drops): besides that, `fold` and `short_key` only drop or replace characters that are neither letters nor
    digits, and lower-case, which makes no difference once case-folded.
    """
    return "".join(c for c in key.casefold() if c.isalnum())


@functools.lru_cache(maxsize=_KEY_CACHE_SIZE)
def alias_letters(text: str) -> str:
    """The letters and digits `alias_key` keeps of a text, accents dropped and case-folded.

    Unlike `alias_key` it works character by character, so the letters of a span of tokens are its tokens' letters
    joined: a tagger can rule out a span, and every longer span starting with it, without building its text.
    """
    return key_letters(_without_accents(text))


@dataclass(slots=True)
class ActorRegistry:
    """Records by id, an alias index, and the country tables role rules read (adjectives, short names, states)."""

    records: dict[str, ActorRecord]
    states: dict[str, ActorRecord]  # alpha-3 -> the country's `state` record
    adjectives: dict[str, str]  # folded nationality adjective ("syrian") -> alpha-3
    country_names: dict[str, str]  # alias key of a country name ("syria", "=US") -> alpha-3
    index: dict[str, tuple[str, ...]] = field(default_factory=dict)  # alias key -> record ids
    primary_by_code: dict[str, str] = field(default_factory=dict)  # "SYRMIL" -> the main record coded so
    max_alias_tokens: int = 1

    def __len__(self) -> int:
        return len(self.records)

    def lookup(self, text: str) -> list[ActorRecord]:
        """Non-state records one of whose names is `text` (empty when none)."""
        ids = self.index.get(alias_key(text), ())
        return [self.records[i] for i in ids]

    def is_ambiguous(self, record: ActorRecord, text: str) -> bool:
        """Whether `text` names `record` only with support from context (an alias marked ambiguous)."""
        key = alias_key(text)
        return any(alias_key(a) == key for a in record.ambiguous_aliases)

    def country_of_name(self, text: str) -> str | None:
        """Alpha-3 of a country named by `text` ("Syria", "the US", "Türkiye"), else None."""
        return self.country_names.get(alias_key(text))

    def country_of_adjective(self, word: str) -> str | None:
        """Alpha-3 of a nationality adjective ("Syrian" -> "SYR"), else None."""
        return self.adjectives.get(fold(word))

    def state(self, alpha3: str) -> ActorRecord | None:
        """The `state` record of a country."""
        return self.states.get(alpha3)

    def primary(self, code: str) -> ActorRecord | None:
        """The record that stands for a country-sector ("SYRMIL" -> the Syrian Arab Army), if the registry has one."""
        record_id = self.primary_by_code.get(code)
        return self.records[record_id] if record_id else None


# Kinds of actor whose names are never places: a town named like one ("Xinhua", "Hamas" -> Hamm) is its namesake.
# States, governments, militaries and international organisations are named after places ("Syria", "the Kremlin",
# "EU"), so their names stay with the location tagger.
NOT_PLACE_KINDS: frozenset[ActorKind] = frozenset({"person", "armed_group", "media", "ngo", "organization"})


def not_place_names(registry: ActorRegistry) -> list[str]:
    """The names (canonical and aliases, not the ambiguous ones) of the registry's actors that are not places."""
    return [
        name
        for record in registry.records.values()
        if record.kind in NOT_PLACE_KINDS
        for name in record.names()
        if name not in record.ambiguous_aliases
    ]


def extra_paths_from_setting(value: str | None) -> list[Path]:
    """The user registry files named by a setting value: paths separated by the OS path separator (":" on Linux)."""
    if not value:
        return []
    import os

    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def load_registry(
    path: Path | None = None, *, extra: Sequence[Path] = (), base: Path = DEFAULT_REGISTRY_PATH
) -> ActorRegistry:
    """The shipped registry (`base`) with the user file `path` and then each `extra` file merged over it, validated.

    A user record whose id already exists replaces that record; any other record is added. `path=None` and no
    `extra` gives the shipped registry alone. Raises RegistryError naming the file and record of any invalid entry.
    """
    merged: dict[str, ActorRecord] = {}
    for source in (base, *([path] if path is not None else []), *extra):
        seen: set[str] = set()
        for record in _read_records(Path(source), builtin=Path(source) == base):
            if record.id in seen:
                raise RegistryError(f"duplicate actor id {record.id!r} in {source}")
            seen.add(record.id)
            merged[record.id] = record
    return build_registry(merged.values())


def build_registry(records: Iterable[ActorRecord]) -> ActorRegistry:
    """Validate records and build the indexes (used by `load_registry` and by tests on in-memory records)."""
    by_id: dict[str, ActorRecord] = {}
    for record in records:
        _validate(record)
        if record.id in by_id:
            raise RegistryError(f"duplicate actor id {record.id!r} ({record.source})")
        by_id[record.id] = record
    states, adjectives, country_names = _load_states()
    for state in states.values():
        if state.id in by_id:
            raise RegistryError(f"actor id {state.id!r} is reserved for a country ({by_id[state.id].source})")
    index: dict[str, list[str]] = {}
    max_tokens = 1
    for record in by_id.values():
        for name in dict.fromkeys(record.names()):
            key = alias_key(name)
            if not key.strip("="):
                raise RegistryError(f"actor {record.id!r} has an empty alias ({record.source})")
            described = _DESCRIBED_ALIAS.match(name)
            if described and described.group(1) in record.names():
                # "UK-based Syrian Observatory..." would make the modifier part of the mention's span, which no news
                # NER corpus does; the name alone matches anyway.
                raise RegistryError(
                    f"actor {record.id!r}: alias {name!r} is another alias with a descriptive modifier; remove it"
                )
            ids = index.setdefault(key, [])
            if record.id not in ids:
                ids.append(record.id)
            max_tokens = max(max_tokens, len(name.split()))
    for key, ids in index.items():
        if len(ids) > 1:
            unmarked = [i for i in ids if not any(alias_key(a) == key for a in by_id[i].ambiguous_aliases)]
            if unmarked:
                raise RegistryError(
                    f"alias {key.lstrip('=')!r} names {', '.join(ids)}; mark it in `ambiguous_aliases` of "
                    f"{', '.join(unmarked)} or remove it"
                )
    primary: dict[str, str] = {}
    for record in by_id.values():
        if record.code and record.kind == _SECTOR_KIND.get(record.code[3:6]) and record.code not in primary:
            primary[record.code] = record.id
    return ActorRegistry(
        records={**by_id, **{s.id: s for s in states.values()}},
        states=states,
        adjectives=adjectives,
        country_names=country_names,
        index={k: tuple(v) for k, v in index.items()},
        primary_by_code=primary,
        max_alias_tokens=max_tokens,
    )


# The record kind that stands for a whole country-sector: "SYRMIL" -> the first `military` record coded SYRMIL.
_SECTOR_KIND: dict[str, ActorKind] = {"MIL": "military", "GOV": "government"}


def _read_records(path: Path, *, builtin: bool) -> list[ActorRecord]:
    try:
        document = jsonio.loads(path.read_bytes())
    except (OSError, jsonio.JSONDecodeError) as exc:
        raise RegistryError(f"cannot read actor registry {path}: {exc}") from exc
    raw = document.get("actors") if isinstance(document, dict) else document
    if not isinstance(raw, list):
        raise RegistryError(f"{path}: expected a list of actors or an object with an `actors` list")
    source = "builtin" if builtin else str(path)
    return [_record_from_json(item, source, n) for n, item in enumerate(raw)]


def _record_from_json(item: Any, source: str, position: int) -> ActorRecord:
    where = f"{source} actor #{position}"
    if not isinstance(item, dict):
        raise RegistryError(f"{where}: not an object")
    unknown = set(item) - {"id", "name", "kind", "country", "code", "wikidata", "aliases", "ambiguous_aliases", "note"}
    if unknown:
        raise RegistryError(f"{where}: unknown fields {sorted(unknown)}")
    for required in ("id", "name", "kind"):
        if not isinstance(item.get(required), str) or not item[required].strip():
            raise RegistryError(f"{where}: `{required}` must be a non-empty string")
    aliases = item.get("aliases") or []
    ambiguous = item.get("ambiguous_aliases") or []
    if not all(isinstance(a, str) for a in [*aliases, *ambiguous]):
        raise RegistryError(f"{where}: aliases must be strings")
    for optional in ("country", "code", "wikidata"):
        if item.get(optional) is not None and not isinstance(item[optional], str):
            raise RegistryError(f"{where}: `{optional}` must be a string or null")
    return ActorRecord(
        id=item["id"],
        name=item["name"],
        kind=cast(ActorKind, item["kind"]),
        country=item.get("country"),
        code=item.get("code"),
        wikidata=item.get("wikidata"),
        aliases=tuple(aliases),
        ambiguous_aliases=frozenset(ambiguous),
        source=source,
    )


def _validate(record: ActorRecord) -> None:
    where = f"actor {record.id!r} ({record.source})"
    if not _ID_PATTERN.match(record.id):
        raise RegistryError(f"{where}: id must be lower-case letters, digits and . _ : -")
    if record.kind not in KNOWN_KINDS:
        raise RegistryError(f"{where}: unknown kind {record.kind!r}; known: {', '.join(sorted(KNOWN_KINDS))}")
    if record.kind == "state":
        raise RegistryError(f"{where}: `state` records are built from pycountry, add a country's names to states.json")
    if record.country is not None and pycountry.countries.get(alpha_3=record.country) is None:
        raise RegistryError(f"{where}: {record.country!r} is not an ISO 3166 alpha-3 code")
    if record.code is not None and not _CODE_PATTERN.match(record.code):
        raise RegistryError(f"{where}: code {record.code!r} is not CAMEO-style (upper-case groups of three letters)")
    if record.wikidata is not None and not _WIKIDATA_PATTERN.match(record.wikidata):
        raise RegistryError(f"{where}: wikidata {record.wikidata!r} is not a Q-id")
    stray = record.ambiguous_aliases - set(record.names())
    if stray:
        raise RegistryError(f"{where}: ambiguous_aliases {sorted(stray)} are not among its names")


def _load_states() -> tuple[dict[str, ActorRecord], dict[str, str], dict[str, str]]:
    """A `state` record for every pycountry country, with the short names and adjectives of states.json."""
    table = jsonio.loads(STATES_PATH.read_bytes())["states"]
    extra: Mapping[str, Mapping[str, Any]] = {row["country"]: row for row in table}
    states: dict[str, ActorRecord] = {}
    adjectives: dict[str, str] = {}
    country_names: dict[str, str] = {}
    for country in pycountry.countries:
        alpha3 = str(country.alpha_3)
        row = extra.get(alpha3, {})
        short_names = list(row.get("names", []))
        official = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        names = list(dict.fromkeys([*short_names, *(str(n) for n in official if n)]))
        # pycountry's "Korea, Republic of" style names never occur in text; keep them only as record names.
        text_names = [n for n in names if "," not in n]
        state = ActorRecord(
            id=f"state:{alpha3.lower()}",
            name=names[0],
            kind="state",
            country=alpha3,
            code=alpha3,
            wikidata=row.get("wikidata"),
            aliases=tuple(names[1:]),
            source="pycountry",
        )
        states[alpha3] = state
        for name in text_names:
            country_names.setdefault(alias_key(name), alpha3)
        for adjective in row.get("adjectives", []):
            adjectives.setdefault(fold(adjective), alpha3)
    for alpha3 in extra:
        if alpha3 not in states:
            raise RegistryError(f"states.json: {alpha3!r} is not an ISO 3166 alpha-3 code")
    return states, adjectives, country_names
