"""The Faust agents: each only consumes, calls a stage function, sends, routes failures to dead letters and counts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.types import EventT

from streams import jsonio, metrics, topics
from streams.app import WirefuseApp
from streams.errors import BrokerError, InputError, StageError, WirefuseError
from streams.incidents import IncidentState, MatchConfig, candidate_key, decide, open_incident_count
from streams.kafka import MAX_MESSAGE_BYTES, client_kwargs
from streams.model import Article, TaggedArticle, tagged_from_json, tagged_to_json
from streams.settings import Settings
from streams.stages import parse, publish, tag

log = logging.getLogger(__name__)

# spaCy over a batch is ~2x faster than one by one; the wait bound keeps latency low at low rates.
TAG_BATCH_SIZE = 16
TAG_BATCH_WITHIN_S = 0.05
LAG_INTERVAL_S = 5.0
# Room for the key and headers inside one producer request.
DEAD_LETTER_MAX_VALUE_BYTES = MAX_MESSAGE_BYTES - 64 * 1024
OPEN_INCIDENTS_INTERVAL_S = 10.0
OFFSETS_CHECK_INTERVAL_S = 10.0
OFFSETS_CHECK_TIMEOUT_S = 10.0


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
        headers = dead_letter_headers(error, event)
        if len(value) > DEAD_LETTER_MAX_VALUE_BYTES:
            # The broker accepted more than our producer may send (a 20 MB message): keep the head, say so, and
            # point at the full original through the source topic/partition/offset headers.
            headers[topics.DLQ_HEADER_TRUNCATED] = b"true"
            headers[topics.DLQ_HEADER_ORIGINAL_BYTES] = str(len(value)).encode()
            value = value[:DEAD_LETTER_MAX_VALUE_BYTES]
        try:
            await wa.dead_letters.send(key=key, value=value, headers=headers)
        except Exception:
            log.exception(
                "could not send a dead letter (%s/%s) for %s; the original stays in the source topic",
                error.stage,
                error.code,
                headers.get(topics.DLQ_HEADER_OFFSET, b"?").decode(),
            )

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
            key = candidate_key(result, config.key_granularity)
            await wa.tagged.send(key=key.encode(), value=jsonio.dumps(envelope))

    async def decide_one(event: EventT[Any]) -> None:
        started = time.perf_counter()
        envelope = jsonio.loads(bytes(event.value))
        tagged = tagged_from_json(envelope["tagged"])
        decision = decide(tagged, state, config)
        if decision.incident_records and app.producer.started:
            # The table changelogs must reach the broker before the records derived from them: after a kill -9 the
            # worker taking over then restores a state at least as new as anything published, so incident versions
            # never go backwards (Tansu has no transactions to make the two atomic; docs/reliability.md).
            # Under `test_context()` the producer never starts and nothing is sent.
            await app.producer.flush()
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

    offsets_watch = CommittedOffsetsWatch(app, settings)

    async def check_committed_offsets() -> None:
        lost = await offsets_watch.lost_offsets()
        if lost:
            error = BrokerError(
                "the broker no longer holds the offsets this worker committed "
                f"({lost}): it was restarted empty or its data was deleted. Stopping, because the tables and the "
                "outputs no longer match the broker: re-create the topics and restart the workers with empty data "
                "directories (docs/reliability.md).",
                code="broker_data_lost",
            )
            log.critical("%s: %s", error.code, error.message)
            await app.crash(error)

    app.timer(LAG_INTERVAL_S)(export_consumer_lag)
    app.timer(OPEN_INCIDENTS_INTERVAL_S)(export_open_incidents)
    app.timer(OFFSETS_CHECK_INTERVAL_S)(check_committed_offsets)

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


class CommittedOffsetsWatch:
    """Notices a broker that lost this group's committed offsets, e.g. a memory-only broker restarted empty.

    Without this the consumer silently resets to the earliest offset of the new, empty topics while the tables keep
    the old state: outputs would quietly stop or disagree with the broker. Kafka never lowers a committed offset
    by itself, so a committed offset that went missing or backwards is data loss on the broker side.
    """

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self._reader: AIOKafkaConsumer | None = None
        self._committed_max: dict[tuple[str, int], int] = {}
        self._failed_checks = 0

    async def lost_offsets(self) -> str:
        """'' when the broker has every offset this worker committed, else a short description of what vanished."""
        # Faust has no public accessor for the offsets it committed (transport/consumer.py keeps them here). It
        # forgets them on a rebalance, and re-reads them from the broker: remember the highest ones ourselves.
        committed: dict[Any, int | None] = dict(getattr(self.app.consumer, "_committed_offset", {}))
        for tp, offset in committed.items():
            if offset:
                key = (tp.topic, tp.partition)
                self._committed_max[key] = max(offset, self._committed_max.get(key, 0))
        # Whichever member owns a partition now, the group's offset there never goes below what we committed.
        committed_here = dict(self._committed_max)
        if not committed_here:
            return ""
        try:
            on_broker = await asyncio.wait_for(self._group_offsets(sorted(committed_here)), OFFSETS_CHECK_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - a broker that does not answer is not evidence of loss: next tick
            self._failed_checks += 1
            level = logging.WARNING if self._failed_checks >= 3 else logging.INFO
            log.log(level, "committed-offsets check skipped (%d in a row): %r", self._failed_checks, exc)
            return ""
        self._failed_checks = 0
        lost = [
            f"{topic}[{partition}] committed {offset}, broker has {on_broker.get((topic, partition), 'none')}"
            for (topic, partition), offset in sorted(committed_here.items())
            if on_broker.get((topic, partition), -1) < offset
        ]
        return "; ".join(lost[:4]) + (f"; and {len(lost) - 4} more" if len(lost) > 4 else "")

    async def _group_offsets(self, partitions: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        # A group member that never subscribes only reads the group's offsets (OffsetFetch); it does not join.
        # (AIOKafkaAdminClient.list_consumer_group_offsets cannot decode Tansu 0.6.0's OffsetFetch answer.)
        # A fresh client each time: one kept across a broker restart holds state about the broker that went away.
        broker_url = ";".join(str(url) for url in self.app.conf.broker)
        reader = AIOKafkaConsumer(
            **client_kwargs(self.settings, broker_url), group_id=self.app.conf.id, enable_auto_commit=False
        )
        self._reader = reader
        try:
            await reader.start()
            offsets = {}
            for topic, partition in partitions:
                offset = await reader.committed(TopicPartition(topic, partition))
                offsets[(topic, partition)] = -1 if offset is None else offset
            return offsets
        finally:
            await self._close()

    async def _close(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            # Bounded: stopping a client whose broker vanished can wait on it forever, and timers run one at a time.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(reader.stop(), OFFSETS_CHECK_TIMEOUT_S)
