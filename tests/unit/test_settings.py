"""Settings: one frozen object read from WIREFUSE_* variables, rejecting typos and bad values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from streams.errors import ConfigError
from streams.settings import Settings, settings_table


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings.broker_url is None
    assert settings.partitions == 4
    assert settings.table_store == "memory://"


def test_values_are_converted_to_field_types() -> None:
    settings = Settings.from_env(
        {"WIREFUSE_PARTITIONS": "8", "WIREFUSE_DATA_DIR": "/tmp/x", "WIREFUSE_INCIDENT_QUIET_DAYS": "3.5"}
    )
    assert settings.partitions == 8
    assert settings.data_dir == Path("/tmp/x")
    assert settings.incident_quiet_days == 3.5


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().partitions = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    "env",
    [
        {"WIREFUSE_PARTITONS": "4"},
        {"WIREFUSE_PARTITIONS": "four"},
        {"WIREFUSE_PARTITIONS": "0"},
        {"WIREFUSE_TABLE_STORE": "redis://"},
        {"WIREFUSE_SECURITY_PROTOCOL": "TLS"},
    ],
)
def test_bad_settings_fail_at_start(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env(env)


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for variable, _default, meaning in settings_table():
        assert meaning, f"{variable} has no description"
        assert variable in readme, f"{variable} is missing from the README"
