"""The offline pipeline: the same stage functions as the worker, in input order, with in-memory incident state."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from streams import metrics
from streams.actors import ActorTagger, load_registry, not_place_names
from streams.errors import InputError, StageError, WirefuseError
from streams.geo import LocationTagger, load_gazetteer
from streams.incidents import IncidentState, MatchConfig
from streams.incidents.routing import decide_in_one_process
from streams.model import Article
from streams.nlp import load_nlp
from streams.settings import Settings
from streams.stages import parse, publish, tag


@dataclass(frozen=True, slots=True)
class Enriched:
    """An article that went through every stage."""

    record: dict[str, Any]
    incident_records: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that goes to the dead-letter topic (offline: reported on stderr)."""

    raw: bytes
    error: WirefuseError


def load_taggers(settings: Settings) -> tag.Taggers:
    """Load the spaCy model, the gazetteer index and the actor registry, timing each (exported as metrics)."""
    timings: dict[str, float] = {}

    def timed(name: str, loader: Any, *args: Any) -> Any:
        started = time.perf_counter()
        value = loader(*args)
        timings[name] = time.perf_counter() - started
        metrics.RESOURCE_LOAD_TIME.labels(resource=name).set(timings[name])
        return value

    nlp = timed("spacy_model", load_nlp, settings.spacy_model)
    gazetteer = timed("gazetteer", load_gazetteer, settings.cache_dir)
    registry = timed("actor_registry", load_registry, settings.actor_registry_extra)
    return tag.Taggers(
        nlp=nlp,
        locations=LocationTagger(gazetteer, not_place_names(registry)),
        actors=ActorTagger(registry, nested=settings.actor_nested_mentions),
    )


def new_offline_state() -> IncidentState:
    """Incident state in plain dicts: what `wirefuse enrich` uses in place of Faust tables."""
    return IncidentState(buckets={}, incidents={}, articles={})


@dataclass
class OfflinePipeline:
    """parse -> tag -> decide -> publish over an iterable of raw messages, one result per input, in order."""

    settings: Settings
    taggers: tag.Taggers
    config: MatchConfig
    state: IncidentState = field(default_factory=new_offline_state)
    batch_size: int = 32

    def run(self, raws: Iterable[bytes]) -> Iterator[Enriched | Rejected]:
        batch: list[tuple[bytes, Article | InputError]] = []
        for raw in raws:
            batch.append((raw, self._parse(raw)))
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _parse(self, raw: bytes) -> Article | InputError:
        try:
            return parse.parse_article(raw, self.settings)
        except InputError as exc:
            return exc

    def _flush(self, batch: list[tuple[bytes, Article | InputError]]) -> Iterator[Enriched | Rejected]:
        articles = [a for _, a in batch if isinstance(a, Article)]
        tagged = iter(tag.tag_articles(articles, self.taggers))
        for raw, parsed in batch:
            if isinstance(parsed, InputError):
                yield Rejected(raw, parsed)
                continue
            result = next(tagged)
            if isinstance(result, StageError):
                yield Rejected(raw, result)
                continue
            try:
                decision = decide_in_one_process(result, self.state, self.config)
            except Exception as exc:  # noqa: BLE001 - same routing as the worker: one bad article never stops the run
                yield Rejected(raw, StageError(repr(exc), stage="decide"))
                continue
            yield Enriched(publish.build_enriched(result, decision), decision.incident_records)
