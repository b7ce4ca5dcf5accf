"""The shipped actor registry is large and valid; the loader rejects bad records and merges user files."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

from streams import jsonio
from streams.actors import RegistryError, extra_paths_from_setting, load_registry
from streams.actors.registry import KNOWN_KINDS, ActorRegistry


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return load_registry()


def _write(path: Path, actors: list[dict[str, object]]) -> Path:
    path.write_bytes(jsonio.dumps({"actors": actors}))
    return path


def _actor(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "test-militia",
        "name": "Sons of the Test Brigade",
        "kind": "armed_group",
        "country": "SYR",
        "code": "SYRREB",
        "wikidata": None,
        "aliases": ["STB"],
    }
    base.update(fields)
    return base


def test_shipped_registry_has_at_least_300_valid_actors(registry: ActorRegistry) -> None:
    actors = [r for r in registry.records.values() if r.kind != "state"]
    assert len(actors) >= 300
    assert len({r.id for r in actors}) == len(actors)
    for record in actors:
        assert record.kind in KNOWN_KINDS
        assert record.name.strip()
        assert record.country is None or pycountry.countries.get(alpha_3=record.country) is not None
        assert record.code is None or re.fullmatch(r"(?:[A-Z]{3})+", record.code)
        assert record.wikidata is None or re.fullmatch(r"Q[1-9][0-9]*", record.wikidata)


def test_registry_covers_the_kinds_conflict_news_needs(registry: ActorRegistry) -> None:
    kinds = {r.kind for r in registry.records.values()}
    assert {"person", "armed_group", "government", "military", "igo", "ngo", "media", "state"} <= kinds
    people = [r for r in registry.records.values() if r.kind == "person"]
    assert len(people) >= 50


def test_every_country_is_a_state_actor(registry: ActorRegistry) -> None:
    assert len(registry.states) == len(pycountry.countries)
    syria = registry.state("SYR")
    assert syria is not None and syria.kind == "state" and syria.code == "SYR" and syria.name == "Syria"
    assert registry.country_of_adjective("Syrian") == "SYR"
    assert registry.country_of_adjective("Turkish") == "TUR"
    assert registry.country_of_name("Türkiye") == "TUR"
    assert registry.country_of_name("U.S.") == "USA"


def test_former_names_and_spellings_resolve_to_one_record(registry: ActorRegistry) -> None:
    for name in ("Hayat Tahrir al-Sham", "HTS", "Hayat Tahrir Al Sham", "Jabhat al-Nusra", "Nusra Front"):
        assert [r.id for r in registry.lookup(name)] == ["hts"], name
    assert [r.id for r in registry.lookup("Syrian Arab Army")] == ["syr-arab-army"]


def test_short_aliases_are_case_sensitive(registry: ActorRegistry) -> None:
    assert [r.kind for r in registry.lookup("Sana")] == ["media"]
    assert [r.id for r in registry.lookup("SANA")] == ["sana"]
    assert registry.lookup("sana") == []
    assert [r.id for r in registry.lookup("U.N.")] == ["un"]
    assert registry.lookup("un") == []


def test_primary_record_of_a_country_sector(registry: ActorRegistry) -> None:
    syrmil = registry.primary("SYRMIL")
    assert syrmil is not None and syrmil.id == "syr-arab-army"
    turmil = registry.primary("TURMIL")
    assert turmil is not None and turmil.kind == "military"


def test_user_file_adds_and_replaces_actors(tmp_path: Path) -> None:
    extra = _write(
        tmp_path / "mine.json",
        [_actor(), _actor(id="sana", name="SANA news", kind="media", code="SYRMED", aliases=["Sana"])],
    )
    registry = load_registry(extra=[extra])
    assert [r.id for r in registry.lookup("STB")] == ["test-militia"]
    assert registry.records["test-militia"].source == str(extra)
    assert registry.records["sana"].name == "SANA news"


def test_setting_value_lists_extra_files() -> None:
    assert extra_paths_from_setting(None) == []
    assert extra_paths_from_setting("/a.json:/b.json") == [Path("/a.json"), Path("/b.json")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "warlord"}, "unknown kind"),
        ({"country": "XXX"}, "alpha-3"),
        ({"wikidata": "12345"}, "Q-id"),
        ({"code": "syrreb"}, "CAMEO"),
        ({"id": "Bad Id"}, "id must be"),
        ({"kind": "state"}, "pycountry"),
        ({"ambiguous_aliases": ["not a name of it"]}, "ambiguous_aliases"),
        ({"aliases": ["STB", "Idlib-based Sons of the Test Brigade"]}, "descriptive modifier"),
    ],
)
def test_invalid_records_are_rejected(tmp_path: Path, fields: dict[str, object], message: str) -> None:
    extra = _write(tmp_path / "bad.json", [_actor(**fields)])
    with pytest.raises(RegistryError, match=message):
        load_registry(extra=[extra])


def test_alias_clash_needs_an_ambiguous_mark(tmp_path: Path) -> None:
    clash = _write(tmp_path / "clash.json", [_actor(aliases=["HTS"])])
    with pytest.raises(RegistryError, match="HTS"):
        load_registry(extra=[clash])
    both = _write(
        tmp_path / "both.json",
        [
            _actor(aliases=["STB", "Tahrir"], ambiguous_aliases=["Tahrir"]),
            _actor(id="other", name="Other Test Front", aliases=["Tahrir"], ambiguous_aliases=["Tahrir"]),
        ],
    )
    registry = load_registry(extra=[both])
    assert {r.id for r in registry.lookup("Tahrir")} == {"test-militia", "other"}


def test_duplicate_ids_within_one_file_are_rejected(tmp_path: Path) -> None:
    extra = tmp_path / "dup.json"
    extra.write_bytes(jsonio.dumps([_actor(), _actor(aliases=["STB2"])]))
    with pytest.raises(RegistryError, match="duplicate actor id 'test-militia'"):
        load_registry(extra=[extra])


def test_setting_path_is_merged_over_the_shipped_registry(tmp_path: Path) -> None:
    mine = _write(tmp_path / "mine.json", [_actor()])
    registry = load_registry(mine)
    assert "test-militia" in registry.records and "hts" in registry.records


def test_unreadable_file_is_a_registry_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(extra=[broken])
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(extra=[tmp_path / "missing.json"])
