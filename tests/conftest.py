"""Shared fixtures: settings, the loaded taggers (once per session), the embedded broker, seeds and grouping checks."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from streams import jsonio
from streams.broker import EmbeddedBroker
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    cache = Path(os.environ.get("WIREFUSE_CACHE_DIR", REPO / ".cache" / "wirefuse"))
    return Settings(cache_dir=cache, data_dir=tmp_path_factory.mktemp("faust-data"))


@pytest.fixture(scope="session")
def taggers(settings: Settings):  # type: ignore[no-untyped-def]  # returns streams.stages.tag.Taggers
    from streams.pipeline import load_taggers

    return load_taggers(settings)


@pytest.fixture(scope="session")
def embedded_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    """One Tansu broker on a free loopback port for the whole integration session."""
    log = tmp_path_factory.mktemp("broker") / "tansu.log"
    with EmbeddedBroker(log_path=log) as broker:
        yield broker


@pytest.fixture(scope="session")
def seed_expected() -> dict[str, str]:
    """article id -> expected incident label, for every seed report."""
    expected: dict[str, str] = jsonio.loads((SEEDS / "expected_incidents.json").read_bytes())
    return expected


def groups_of(assignment: Mapping[str, str]) -> set[frozenset[str]]:
    """The partition of article ids induced by an id -> label (or incident id) mapping."""
    grouped: dict[str, set[str]] = defaultdict(set)
    for article_id, label in assignment.items():
        grouped[label].add(article_id)
    return {frozenset(members) for members in grouped.values()}


@pytest.fixture(scope="session")
def same_grouping():  # type: ignore[no-untyped-def]
    """Assert that two id -> label mappings group the same ids together (labels themselves may differ)."""

    def check(actual: Mapping[str, str], expected: Mapping[str, str]) -> None:
        assert set(actual) == set(expected)
        assert groups_of(actual) == groups_of(expected)

    return check
