"""Actor stage: the shipped actor registry and the tagger that links actor mentions to it."""

from __future__ import annotations

from streams.actors.registry import (
    DEFAULT_REGISTRY_PATH,
    ActorRecord,
    ActorRegistry,
    RegistryError,
    build_registry,
    extra_paths_from_setting,
    load_registry,
    not_place_names,
)
from streams.actors.tagger import ActorTagger

__all__ = [
    "DEFAULT_REGISTRY_PATH",
    "ActorRecord",
    "ActorRegistry",
    "ActorTagger",
    "RegistryError",
    "build_registry",
    "extra_paths_from_setting",
    "load_registry",
    "not_place_names",
]
