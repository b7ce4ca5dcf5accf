"""The Faust agents: each only consumes, calls a stage function, sends, routes failures to dead letters and counts."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

import faust
from faust.types import EventT

from streams import jsonio, metrics, topics
from streams.app import WirefuseApp
from streams.errors import InputError, StageError, WirefuseError
from streams.incidents import IncidentState, MatchConfig, candidate_key, decide, open_incident_count
from streams.model import Article, TaggedArticle, tagged_from_json, tagged_to_json
from streams.settings import Settings
from streams.stages import parse, publish, tag

log = logging.getLogger(__name__)

# spaCy over a batch is ~2x faster than one by one; the wait bound keeps latency low at low rates.
TAG_BATCH_SIZE = 16
TAG_BATCH_WITHIN_S = 0.05
LAG_INTERVAL_S = 5.0
OPEN_INCIDENTS_INTERVAL_S = 10.0


@dataclass(frozen=True)
class Agents:
    """Handles on the registered agents (tests drive them with `test_context()`)."""

    tag_articles: faust.types.AgentT[Any]
    decide_incidents: faust.types.AgentT[Any]


def dead_letter_headers(error: WirefuseError, event: EventT[Any] | None) -> dict[str, bytes]:
    """Headers naming the error and where the original message came from (schemas/dead_letter.md)."""
    headers = {
        topics.DLQ_HEADER_CODE: error.code.encode(),
        topics.DLQ_HEADER_MESSAGE: error.message[:1000].encode("utf-8", "replace"),
        topics.DLQ_HEADER_STAGE: error.stage.encode(),
    }
    if event is not None:
        message = event.message
        headers[topics.DLQ_HEADER_TOPIC] = str(message.topic).encode()
        headers[topics.DLQ_HEADER_PARTITION] = str(message.partition).encode()
        headers[topics.DLQ_HEADER_OFFSET] = str(message.offset).encode()
        if message.key is not None:
            headers[topics.DLQ_HEADER_KEY_HEX] = bytes(message.key).hex().encode()
    return headers


def register_agents(wa: WirefuseApp, settings: Settings, taggers: tag.Taggers, config: MatchConfig) -> Agents:
    """Attach the two agents (tag, then decide on the stream re-keyed by candidate-incident key) to the app."""
    app = wa.app
    # One thread keeps tagging off the event loop, so heartbeats and commits go on during a long batch.
    tag_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirefuse-tag")
    state = IncidentState(buckets=wa.buckets, incidents=wa.incident_records, articles=wa.article_verdicts)

    async def dead_letter(value: bytes, key: bytes | None, error: WirefuseError, event: EventT[Any] | None) -> None:
        metrics.ARTICLES_DEAD_LETTERED.labels(stage=error.stage, code=error.code).inc()
        log.warning("dead-lettered (%s/%s): %s", error.stage, error.code, error.message[:200])
        await wa.dead_letters.send(key=key, value=value, headers=dead_letter_headers(error, event))

    async def tag_batch(events: Sequence[EventT[Any]]) -> None:
        parsed: list[tuple[EventT[Any], Article]] = []
        for event in events:
            metrics.ARTICLES_CONSUMED.inc()
            raw = bytes(event.value) if event.value is not None else b""
            started = time.perf_counter()
            try:
                parsed.append((event, parse.parse_article(raw, settings)))
            except InputError as exc:
                await dead_letter(raw, event.key, exc, event)
            except Exception as exc:  # noqa: BLE001 - no exception may leave the agent loop
                await dead_letter(raw, event.key, StageError(repr(exc), stage=parse.STAGE), event)
            finally:
                metrics.STAGE_DURATION.labels(stage=parse.STAGE).observe(time.perf_counter() - started)
        if not parsed:
            return
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            results = await loop.run_in_executor(tag_executor, tag.tag_articles, [a for _, a in parsed], taggers)
        except Exception as exc:  # noqa: BLE001 - e.g. the model failing on the batch: dead-letter each article
            results = [StageError(repr(exc), code="tagger_failed", stage=tag.STAGE) for _ in parsed]
        per_article = (time.perf_counter() - started) / len(parsed)
        for (event, _article), result in zip(parsed, results, strict=True):
            metrics.STAGE_DURATION.labels(stage=tag.STAGE).observe(per_article)
            if isinstance(result, StageError):
                await dead_letter(bytes(event.value), event.key, result, event)
                continue
            count_tagged(result)
            envelope = {"tagged": tagged_to_json(result), "raw_timestamp": event.message.timestamp}
            key = candidate_key(result)
            await wa.tagged.send(key=key.encode(), value=jsonio.dumps(envelope))

    async def decide_one(event: EventT[Any]) -> None:
        started = time.perf_counter()
        envelope = jsonio.loads(bytes(event.value))
        tagged = tagged_from_json(envelope["tagged"])
        decision = decide(tagged, state, config)
        decided = time.perf_counter()
        metrics.STAGE_DURATION.labels(stage="decide").observe(decided - started)
        enriched = publish.build_enriched(tagged, decision)
        await wa.enriched.send(key=tagged.article.id.encode(), value=jsonio.dumps(enriched))
        for record in decision.incident_records:
            metrics.INCIDENT_RECORDS.labels(status=record.get("status", "updated")).inc()
            metrics.INCIDENT_REPORTS.observe(record["report_count"])
            await wa.incidents.send(key=record["incident_id"].encode(), value=jsonio.dumps(record))
        metrics.VERDICTS.labels(verdict=decision.verdict["verdict"]).inc()
        metrics.ARTICLES_ENRICHED.inc()
        metrics.STAGE_DURATION.labels(stage=publish.STAGE).observe(time.perf_counter() - decided)
        raw_timestamp = envelope.get("raw_timestamp")
        if raw_timestamp:
            metrics.END_TO_END_LATENCY.observe(max(0.0, time.time() - float(raw_timestamp)))

    @app.agent(wa.raw, name="wirefuse.tag")
    async def tag_articles(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        # take_events is on the concrete Stream, not on the StreamT interface the decorator declares.
        async for events in cast("faust.Stream[bytes]", stream).take_events(TAG_BATCH_SIZE, within=TAG_BATCH_WITHIN_S):
            await tag_batch(events)
            yield None

    @app.agent(wa.tagged, name="wirefuse.decide")
    async def decide_incidents(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        async for event in stream.events():
            try:
                await decide_one(event)
            except Exception as exc:  # noqa: BLE001 - a poison article is dead-lettered, the partition flows on
                error = exc if isinstance(exc, WirefuseError) else StageError(repr(exc), stage="decide")
                await dead_letter(replayable_article(event.value), event.key, error, event)
            yield None

    async def export_consumer_lag() -> None:
        await update_consumer_lag(app)

    async def export_open_incidents() -> None:
        metrics.OPEN_INCIDENTS.set(open_incident_count(state))

    app.timer(LAG_INTERVAL_S)(export_consumer_lag)
    app.timer(OPEN_INCIDENTS_INTERVAL_S)(export_open_incidents)

    return Agents(tag_articles=tag_articles, decide_incidents=decide_incidents)


def count_tagged(tagged: TaggedArticle) -> None:
    """Quality counters ops watch: event place resolved, actor mentions resolved, degraded articles."""
    resolved_place = tagged.event_location is not None and tagged.event_location.get("geonameid") is not None
    metrics.EVENT_PLACE.labels(outcome="resolved" if resolved_place else "unresolved").inc()
    for actor in tagged.actors:
        metrics.ACTOR_MENTIONS.labels(outcome="resolved" if actor["resolved"] else "unresolved").inc()
    for warning in tagged.article.warnings:
        metrics.ARTICLES_DEGRADED.labels(warning=warning).inc()


def replayable_article(value: Any) -> bytes:
    """For a failure after tagging, the article in the raw contract, so the dead letter can be replayed as is."""
    try:
        article = jsonio.loads(bytes(value))["tagged"]["article"]
        keep = ("id", "title", "body", "source", "url", "language")
        return jsonio.dumps(
            {k: article[k] for k in keep if article.get(k) is not None} | {"published_at": article.get("published_raw")}
        )
    except Exception:  # noqa: BLE001 - an unreadable envelope is dead-lettered as the bytes we got
        return bytes(value or b"")


# Only the topics the agents consume: changelog and leader topics "lag" by design while a table is written.
LAG_TOPICS = frozenset({topics.RAW_ARTICLES, topics.TAGGED_BY_INCIDENT_KEY})
_exported_lag: set[tuple[str, str]] = set()


async def update_consumer_lag(app: faust.App) -> None:
    """Lag per assigned partition from the fetch high watermark (Tansu's ListOffsets "latest" is wrong).

    Partitions this worker no longer owns are removed, so a stale value cannot keep an alert firing.
    """
    consumer = app.consumer
    assigned = {tp for tp in consumer.assignment() if tp.topic in LAG_TOPICS}
    for labels in _exported_lag - {(tp.topic, str(tp.partition)) for tp in assigned}:
        metrics.CONSUMER_LAG.remove(*labels)
        _exported_lag.discard(labels)
    for tp in assigned:
        try:
            highwater = consumer.highwater(tp)
            position = await consumer.position(tp)
        except Exception:  # noqa: BLE001 - no fetch yet on this partition: nothing to report
            continue
        if highwater is None or position is None:
            continue
        metrics.CONSUMER_LAG.labels(topic=tp.topic, partition=str(tp.partition)).set(max(0, highwater - position))
        _exported_lag.add((tp.topic, str(tp.partition)))
