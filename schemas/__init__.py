"""The wire contracts as JSON Schema files, and a loader that validates records against them."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import orjson
from jsonschema import Draft202012Validator

RAW_ARTICLE = "raw_article"
ENRICHED_ARTICLE = "enriched_article"
INCIDENT = "incident"
SCHEMA_NAMES = (RAW_ARTICLE, ENRICHED_ARTICLE, INCIDENT)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema document `schemas/<name>.schema.json`."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_bytes()
    schema: dict[str, Any] = orjson.loads(text)
    return schema


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one contract (the schemas are self-contained)."""
    return Draft202012Validator(load_schema(name))


def errors(name: str, record: Any) -> list[str]:
    """Every way `record` breaks the contract, as readable strings (empty when it conforms)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in validator(name).iter_errors(record)
    ]
