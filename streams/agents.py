"""The Faust agents: each only consumes, calls a stage function, sends, routes failures to dead letters and counts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.exceptions import ConsumerNotStarted
from faust.streams import _current_event
from faust.types import EventT
from mode.types.signals import BaseSignalT

from streams import jsonio, metrics, topics
from streams.app import WirefuseApp
from streams.errors import BrokerError, InputError, StageError, WirefuseError
from streams.incidents import (
    UNPLACED_KEY,
    Decision,
    IncidentState,
    MatchConfig,
    candidate_key,
    decide,
    incident_id_for,
    open_incident_count,
    resolve_merged,
)
from streams.incidents.reconcile import (
    CROSS_KEY_FOLD_FIELD,
    CROSS_KEY_MERGE_FIELD,
    HELD_ARTICLE_FIELD,
    NOTICES_FIELD,
    RECONCILE_KEY,
    CrossKeyFold,
    CrossKeyMerge,
    absorb_across_keys,
    expire_notices,
    fold_into_survivor,
    folds_of,
    holds_opening_report,
    notices_in_messages,
    notices_of,
    reconcile,
    settle_opening_report,
)
from streams.incidents.routing import PlacedNames, Route, placed_names_of, remember_placed_names, route_unplaced
from streams.kafka import MAX_MESSAGE_BYTES, client_kwargs
from streams.model import Article, TaggedArticle, tagged_from_json, tagged_to_json
from streams.settings import Settings
from streams.stages import parse, publish, tag
from streams.tag_executors import TagExecutor

log = logging.getLogger(__name__)

# spaCy over a batch is ~2x faster than one by one; the wait bound keeps latency low at low rates.
TAG_BATCH_SIZE = 16
TAG_BATCH_WITHIN_S = 0.05
# Decided reports are published after one producer flush per batch (the changelogs first; see decide_batch).
DECIDE_BATCH_SIZE = 32
DECIDE_BATCH_WITHIN_S = 0.02
LAG_INTERVAL_S = 5.0
# Room for the key and headers inside one producer request.
DEAD_LETTER_MAX_VALUE_BYTES = MAX_MESSAGE_BYTES - 64 * 1024
OPEN_INCIDENTS_INTERVAL_S = 10.0
OFFSETS_CHECK_INTERVAL_S = 10.0
OFFSETS_CHECK_TIMEOUT_S = 10.0
TABLES_READY_POLL_S = 0.05
# An incident-records entry names the last articles that changed it (CountedOnceIncidents).
APPLIED_FIELD = "applied"
APPLIED_KEEP = 16
# "<candidate key>|recent" in the incident-records table: the last articles decided on that key (CountedOnceIncidents).
RECENT_SUFFIX = "|recent"
RECENT_KEEP = 64
# Fields of the messages on the re-keyed topic besides a tagged report: a report forwarded from `_unplaced` carries
# its route; the names decided reports carry travel to the `_unplaced` partition in batches (routing.py).
ROUTE_FIELD = "route"
PLACED_NAMES_FIELD = "placed_names"
# One names message per 0.25 s or per 64 reports instead of one per report: a message through Faust costs about as
# much CPU as the directory update it carries (bench of 3 December, docs/incidents.md "Routing"). Names still in the
# buffer when a worker stops are lost; they only help later reports find their key, and no count depends on them.
PLACED_NAMES_BATCH = 64
PLACED_NAMES_INTERVAL_S = 0.25
# The reconcile partition forgets stale incidents after this many notices (a scan of its table).
RECONCILE_SWEEP_EVERY = 1000


@dataclass(frozen=True)
class Agents:
    """Handles on the registered agents (tests drive them with `test_context()`)."""

    tag_articles: faust.types.AgentT[Any]
    decide_incidents: faust.types.AgentT[Any]
    reconcile_incidents: faust.types.AgentT[Any]
    # Sends the names decided reports left since the last call (a timer calls it; tests call it themselves).
    send_placed_names: Callable[[], Awaitable[None]]


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


def register_agents(wa: WirefuseApp, settings: Settings, tagging: TagExecutor, config: MatchConfig) -> Agents:
    """Attach the two agents (tag, then decide on the stream re-keyed by candidate-incident key) to the app.

    `tagging` runs the tag stage off the event loop, so heartbeats and commits go on during a long batch.
    """
    app = wa.app
    incidents = CountedOnceIncidents(StoreReadTable(wa.incident_records))
    state = IncidentState(
        buckets=StoreReadTable(wa.buckets), incidents=incidents, articles=StoreReadTable(wa.article_verdicts)
    )
    reconcile_table = StoreReadTable(wa.reconcile)

    def forget_lsh_postings(sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any) -> None:
        # Sent once the tables are restored after a rebalance, before streams resume: another worker may have
        # decided on this worker's keys meanwhile, so their postings are rebuilt from the tables (incidents/lsh.py).
        state.lsh.reset()

    app.on_rebalance_complete.connect(forget_lsh_postings)

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
        try:
            results = await tagging.tag([a for _, a in parsed])
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

    placed_buffer: list[dict[str, Any]] = []

    async def send_placed_names() -> None:
        if not placed_buffer:
            return
        batch = placed_buffer.copy()
        placed_buffer.clear()
        await wa.tagged.send(key=UNPLACED_KEY.encode(), value=jsonio.dumps({PLACED_NAMES_FIELD: batch}))

    async def forward(envelope: dict[str, Any], route: Route) -> None:
        # route_unplaced recorded the route in the buckets table: it must reach the broker before the report
        # leaves, so that a re-delivery of this message goes to the same key (routing.py).
        if app.producer.started:
            await app.producer.flush()
        await wa.tagged.send(key=route.key.encode(), value=jsonio.dumps({**envelope, ROUTE_FIELD: route.to_json()}))
        metrics.ARTICLES_ROUTED.inc()

    async def decide_one(event: EventT[Any]) -> Decided | Absorbed | None:
        """Decide one message; a decided report comes back to be published after its batch's changelogs."""
        started = time.perf_counter()
        envelope = jsonio.loads(bytes(event.value))
        if PLACED_NAMES_FIELD in envelope:
            for placed_json in envelope[PLACED_NAMES_FIELD]:
                remember_placed_names(state.buckets, PlacedNames.from_json(placed_json), config)
            metrics.STAGE_DURATION.labels(stage="route").observe(time.perf_counter() - started)
            return None
        if CROSS_KEY_MERGE_FIELD in envelope or CROSS_KEY_FOLD_FIELD in envelope:
            held = None
            if CROSS_KEY_MERGE_FIELD in envelope:
                merge = CrossKeyMerge.from_json(envelope[CROSS_KEY_MERGE_FIELD])
                records = absorb_across_keys(state, merge)
                if HELD_ARTICLE_FIELD in envelope:
                    held = settled_opening_report(envelope[HELD_ARTICLE_FIELD], merge, state)
            else:
                fold = CrossKeyFold.from_json(envelope[CROSS_KEY_FOLD_FIELD])
                records = fold_into_survivor(state, fold, config.max_reports_listed)
            metrics.STAGE_DURATION.labels(stage="reconcile").observe(time.perf_counter() - started)
            return Absorbed(event, records, notices_of(records, state), held)
        tagged = tagged_from_json(envelope["tagged"])
        if ROUTE_FIELD in envelope:
            route: Route | None = Route.from_json(envelope[ROUTE_FIELD])
        elif (
            candidate_key(tagged, config.key_granularity) == UNPLACED_KEY and counted_in(tagged, state, config) is None
        ):
            route = route_unplaced(tagged, state, config)
            if route is not None:
                await forward(envelope, route)
                metrics.STAGE_DURATION.labels(stage="route").observe(time.perf_counter() - started)
                return None
        else:
            route = None
        decision = decide_once(tagged, state, incidents, config, route)
        notices = notices_of(decision.incident_records, state) if config.cross_key_merge else []
        metrics.STAGE_DURATION.labels(stage="decide").observe(time.perf_counter() - started)
        return Decided(event, tagged, decision, envelope.get("raw_timestamp"), notices)

    async def publish_enriched(enriched: dict[str, Any], raw_timestamp: float | None) -> None:
        await wa.enriched.send(key=str(enriched["id"]).encode(), value=jsonio.dumps(enriched))
        metrics.VERDICTS.labels(verdict=enriched["dedup"]["verdict"]).inc()
        metrics.ARTICLES_ENRICHED.inc()
        if raw_timestamp:
            metrics.END_TO_END_LATENCY.observe(max(0.0, time.time() - float(raw_timestamp)))

    async def publish_decided(decided: Decided) -> None:
        started = time.perf_counter()
        tagged, decision, raw_timestamp = decided.tagged, decided.decision, decided.raw_timestamp
        enriched = publish.build_enriched(tagged, decision)
        opened = opened_incident_notice(decided) if config.cross_key_merge else None
        if opened is None:
            await publish_enriched(enriched, raw_timestamp)
        else:
            # Published by the reconcile partition once it has compared the new incident with the other keys' (the
            # notice goes out after this batch): if they are one, the article names the incident it belongs to.
            opened[HELD_ARTICLE_FIELD] = {"enriched": enriched, "raw_timestamp": raw_timestamp}
        replayed = "replay" in decision.verdict["evidence"]
        for record in decision.incident_records:
            metrics.INCIDENT_RECORDS.labels(status="republished" if replayed else record.get("status", "updated")).inc()
            if not replayed:
                metrics.INCIDENT_REPORTS.observe(record["report_count"])
            await wa.incidents.send(key=record["incident_id"].encode(), value=jsonio.dumps(record))
        await send_folds(decision.incident_records)
        received_day = datetime.fromtimestamp(float(raw_timestamp), UTC).toordinal() if raw_timestamp else None
        placed = placed_names_of(tagged, decision, config, received_day)
        if placed is not None:
            placed_buffer.append(placed.to_json())
            if len(placed_buffer) >= PLACED_NAMES_BATCH:
                await send_placed_names()
        metrics.STAGE_DURATION.labels(stage=publish.STAGE).observe(time.perf_counter() - started)

    async def send_notices(decided: Sequence[Decided | Absorbed]) -> None:
        # One message per decide batch: a message per record cost the worker's event loop 2.6 ms per article
        # (make bench, 3 December 23:11), as one per report had for the routing names.
        notices = [notice for outcome in decided for notice in outcome.notices]
        sent = 0
        try:
            for run in notices_in_messages(notices):
                await wa.notices.send(key=RECONCILE_KEY.encode(), value=jsonio.dumps({NOTICES_FIELD: run}))
                sent += len(run)
            return
        except Exception:
            # A cross-key merge waits for the incident's next record, whose notice repeats it; the articles held
            # for the reconcile partition go out now as they were decided.
            log.exception("could not send %d incident notices to the reconcile partition", len(notices) - sent)
        unsent = {id(notice) for notice in notices[sent:]}
        for outcome in decided:
            for notice in outcome.notices:
                if id(notice) in unsent and HELD_ARTICLE_FIELD in notice:
                    try:
                        await publish_enriched(**notice[HELD_ARTICLE_FIELD])
                    except Exception as exc:  # noqa: BLE001 - not published: dead-lettered, replayable
                        await fail(outcome.event, exc, publish.STAGE)

    async def send_folds(records: Sequence[dict[str, Any]]) -> None:
        # An incident merged into one of another key sends its reports on to the survivor's partition.
        for fold in folds_of(records):
            await wa.tagged.send(
                key=fold.survivor_key.encode(), value=jsonio.dumps({CROSS_KEY_FOLD_FIELD: fold.to_json()})
            )

    async def publish_absorbed(absorbed: Absorbed) -> None:
        for record in absorbed.records:
            metrics.INCIDENT_RECORDS.labels(status=record["status"]).inc()
            await wa.incidents.send(key=record["incident_id"].encode(), value=jsonio.dumps(record))
        await send_folds(absorbed.records)
        if absorbed.held is not None:
            await publish_enriched(**absorbed.held)

    async def fail(event: EventT[Any], exc: Exception, stage: str) -> None:
        error = exc if isinstance(exc, WirefuseError) else StageError(repr(exc), stage=stage)
        await dead_letter(replayable_article(event.value), event.key, error, event)

    async def requeue(events: Sequence[EventT[Any]]) -> None:
        """Send events back to the end of their partition, durably, before the batch that took them is acked."""
        for event in events:
            await wa.tagged.send(key=event.key, value=bytes(event.value), partition=event.message.partition)
        if app.producer.started:
            await app.producer.flush()
        log.info("a rebalance began: %d tagged reports sent back to their partitions, decided after it", len(events))

    async def decide_batch(events: Sequence[EventT[Any]]) -> None:
        decided: list[Decided | Absorbed] = []
        for n, event in enumerate(events):
            if not await tables_ready(app):
                # The rest of the batch is decided after the rebalance, by whoever then owns each partition; an
                # article decided twice is counted once (decide_once), so the copies cost a replay at most.
                try:
                    await requeue(events[n:])
                except Exception as exc:  # noqa: BLE001 - not sent back: dead-lettered, replayable, never dropped
                    for undecided in events[n:]:
                        await fail(undecided, exc, "decide")
                break
            # A table write changelogs to the partition of faust's `current_event()`, which take_events leaves
            # unset in the agent's task: each event is made current, in this task only, before it is decided. (The
            # stream's own `current_event` attribute is the buffer's: take_events pairs the next value with it.)
            _current_event.set(weakref.ref(event))
            if not still_assigned(app, event):
                continue  # taken before a rebalance that moved its partition away: its new owner decides it
            try:
                outcome = await decide_one(event)
            except Exception as exc:  # noqa: BLE001 - a poison article is dead-lettered, the partition flows on
                await fail(event, exc, "decide")
                continue
            if outcome is not None:
                decided.append(outcome)
        if any(d.records for d in decided) and app.producer.started:
            # The table changelogs must reach the broker before the records derived from them: after a kill -9 the
            # worker taking over then restores a state at least as new as anything published, so incident versions
            # never go backwards (Tansu has no transactions to make the two atomic; docs/reliability.md). One flush
            # per batch: a flush per article cost a produce request each (py-spy, docs/performance.md).
            # Under `test_context()` the producer never starts and nothing is sent.
            try:
                await app.producer.flush()
            except Exception as exc:  # noqa: BLE001 - nothing is published unflushed: the batch is dead-lettered
                for outcome in decided:
                    await fail(outcome.event, exc, "decide")
                return
        for outcome in decided:
            try:
                if isinstance(outcome, Absorbed):
                    await publish_absorbed(outcome)
                else:
                    await publish_decided(outcome)
            except Exception as exc:  # noqa: BLE001 - as above: dead-lettered, the partition flows on
                await fail(outcome.event, exc, publish.STAGE)
        await send_notices(decided)

    @app.agent(wa.raw, name="wirefuse.tag")
    async def tag_articles(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        # take_events is on the concrete Stream, not on the StreamT interface the decorator declares.
        async for events in cast("faust.Stream[bytes]", stream).take_events(TAG_BATCH_SIZE, within=TAG_BATCH_WITHIN_S):
            await tag_batch(events)
            yield None

    @app.agent(wa.tagged, name="wirefuse.decide")
    async def decide_incidents(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        batches = cast("faust.Stream[bytes]", stream).take_events(DECIDE_BATCH_SIZE, within=DECIDE_BATCH_WITHIN_S)
        async for events in batches:
            await decide_batch(events)
            yield None

    notices_since_sweep = 0

    async def reconcile_batch(event: EventT[Any]) -> None:
        nonlocal notices_since_sweep
        started = time.perf_counter()
        notices = jsonio.loads(bytes(event.value))[NOTICES_FIELD]
        for notice in notices:
            merge = None
            sent_on = False
            try:
                merge = reconcile(notice, reconcile_table, config)
                if merge is not None:
                    # Back to the partition that owns the absorbed incident, which publishes its `merged` record (and
                    # the article of the report that opened it, if this notice holds it: holds_opening_report).
                    order: dict[str, Any] = {CROSS_KEY_MERGE_FIELD: merge.to_json()}
                    if holds_opening_report(notice, merge):
                        order[HELD_ARTICLE_FIELD] = notice[HELD_ARTICLE_FIELD]
                    await wa.tagged.send(key=merge.absorbed_key.encode(), value=jsonio.dumps(order))
                    sent_on = HELD_ARTICLE_FIELD in order
                    metrics.CROSS_KEY_MERGES.inc()
            except Exception as exc:  # noqa: BLE001 - this notice is dead-lettered; its article still goes out
                await dead_letter(jsonio.dumps(notice), event.key, StageError(repr(exc), stage="reconcile"), event)
            if HELD_ARTICLE_FIELD in notice and not sent_on:
                await publish_enriched(**notice[HELD_ARTICLE_FIELD])
        notices_since_sweep += len(notices)
        if notices_since_sweep >= RECONCILE_SWEEP_EVERY:
            notices_since_sweep = 0
            expire_notices(reconcile_table, config)
        per_notice = (time.perf_counter() - started) / max(1, len(notices))
        for _ in notices:
            metrics.STAGE_DURATION.labels(stage="reconcile").observe(per_notice)

    @app.agent(wa.notices, name="wirefuse.reconcile")
    async def reconcile_incidents(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        async for event in stream.events():
            try:
                await reconcile_batch(event)
            except Exception as exc:  # noqa: BLE001 - an unreadable message is dead-lettered, the partition flows on
                value = bytes(event.value or b"")
                await dead_letter(value, event.key, StageError(repr(exc), stage="reconcile"), event)
            yield None

    async def export_consumer_lag() -> None:
        await update_consumer_lag(app)

    async def export_open_incidents() -> None:
        metrics.OPEN_INCIDENTS.set(open_incident_count(state))

    offsets_watch = CommittedOffsetsWatch(app, settings)
    app.sensors.add(RememberCommits(offsets_watch))

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
    app.timer(PLACED_NAMES_INTERVAL_S)(send_placed_names)
    app.timer(OFFSETS_CHECK_INTERVAL_S)(check_committed_offsets)

    return Agents(
        tag_articles=tag_articles,
        decide_incidents=decide_incidents,
        reconcile_incidents=reconcile_incidents,
        send_placed_names=send_placed_names,
    )


@dataclass(frozen=True, slots=True)
class Decided:
    """A report decided and not yet published: its records wait for the batch's table changelogs to be sent."""

    event: EventT[Any]
    tagged: TaggedArticle
    decision: Decision
    raw_timestamp: float | None
    notices: list[dict[str, Any]]  # for the reconcile partition, made when decided (the summaries change after)

    @property
    def records(self) -> list[dict[str, Any]]:
        return self.decision.incident_records


@dataclass(frozen=True, slots=True)
class Absorbed:
    """A cross-key merge order or fold carried out and not yet published (reconcile.py): the records it changed and
    their notices."""

    event: EventT[Any]
    records: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    held: dict[str, Any] | None = None  # the opening report sent on with a merge order, settled (publish_enriched)


class StoreReadTable(MutableMapping[str, Any]):
    """A Faust table read straight from its store and written through the table, so every write is changelogged.

    A table read only adds a sensor call to the store's (faust `Table.on_key_get`), and a decision reads every open
    incident of its key (up to `max_open_per_key`). py-spy of a worker on 3 December: the table-read path was ~5% of
    the event loop's samples, the sensor about half of it; skipping it changed no throughput measurably there (the
    worker was bound by tagging), it only removes work that reads nothing.
    """

    def __init__(self, table: faust.types.TableT[str, Any]) -> None:
        self.table = table

    @property
    def store(self) -> MutableMapping[str, Any]:
        # Looked up on use: faust creates the store when the table is first used, after the app is configured.
        return self.table.data

    def __getitem__(self, key: str) -> Any:
        return self.store[key]

    def __contains__(self, key: object) -> bool:
        return key in self.store

    def __setitem__(self, key: str, value: Any) -> None:
        self.table[key] = value

    def __delitem__(self, key: str) -> None:
        del self.table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)


class CountedOnceIncidents(MutableMapping[str, Any]):
    """The incident-records table; every entry written while deciding an article also names that article.

    decide() counts an article in its incident (incident-records table) and records the article's verdict
    (article-verdicts table): two changelog topics, which reach the broker in separate requests. A worker killed
    between the two leaves an incident that counts an article the verdicts table does not know; the worker that
    takes over re-reads the article (its offset was not committed) and would count it a second time. The article id
    travels in the same table entry (one changelog record) as the count it changed, so `decide_once` can see that
    the article was already counted. Only the last APPLIED_KEEP ids are kept: the entry stays small.

    To find that incident without reading every open incident of the key, each candidate key also has an index
    entry, "<key>|recent": the last RECENT_KEEP articles decided there -> the incidents their decision wrote. It is
    written before the incident entry it points to, so in the changelog partition (ordered) a restored count always
    has its index entry; an index entry whose count was lost is checked against the incident and ignored.
    """

    def __init__(self, table: MutableMapping[str, Any]) -> None:
        self.table = table
        self.article_id: str | None = None
        self.recent_key: str | None = None

    def __getitem__(self, key: str) -> Any:
        return self.table[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if self.article_id is not None and isinstance(value, dict):
            self._index(key)
            previous = self.table.get(key)
            applied = list(previous.get(APPLIED_FIELD, [])) if isinstance(previous, dict) else []
            if self.article_id not in applied:
                applied.append(self.article_id)
            value = {**value, APPLIED_FIELD: applied[-APPLIED_KEEP:]}
        self.table[key] = value

    def __delitem__(self, key: str) -> None:
        del self.table[key]

    def _index(self, incident_id: str) -> None:
        if self.recent_key is None or self.article_id is None:
            return
        recent: dict[str, list[str]] = dict(self.table.get(self.recent_key) or {})
        written = recent.pop(self.article_id, [])
        recent[self.article_id] = written if incident_id in written else [*written, incident_id]
        while len(recent) > RECENT_KEEP:
            del recent[next(iter(recent))]  # insertion order: the least recently decided article goes
        self.table[self.recent_key] = recent

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


class _Overlay(MutableMapping[str, Any]):
    """Reads through to a table, keeps writes and deletes to itself: decide() on a copy of the state."""

    def __init__(self, base: MutableMapping[str, Any]) -> None:
        self.base = base
        self.written: dict[str, Any] = {}
        self.deleted: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        if key in self.deleted:
            raise KeyError(key)
        if key in self.written:
            return self.written[key]
        return self.base[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.written[key] = value
        self.deleted.discard(key)

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)  # as a table does
        self.written.pop(key, None)
        self.deleted.add(key)

    def __iter__(self) -> Iterator[str]:
        yield from self.written
        yield from (k for k in self.base if k not in self.written and k not in self.deleted)

    def __len__(self) -> int:
        return sum(1 for _ in self)


async def tables_ready(app: faust.App) -> bool:
    """Wait while a table recovery is going on; False at once while a rebalance is (the caller must not wait then).

    Faust resumes flow control while it restores tables from their changelogs, so a stream can be handed messages
    that were fetched before its partitions were paused (measured: raw offsets processed in the middle of a
    recovery, after a kill -9). The tag stage does not mind; the decide stage would judge an article against
    tables only half restored (an article the killed worker had counted is unknown yet, and the changelog records
    restored after it overwrite what it wrote). Polled: Faust exposes no event for "tables ready again"
    (Recovery.completed is set once and never cleared). A rebalance is not waited for: faust's rebalance first waits
    for every event the streams hold to be acked, and a batch waiting here holds its events (a clean-clone kill -9
    test hung so on 3 December).
    """
    while not app.rebalancing:
        if not app.in_recovery:
            return True
        await asyncio.sleep(TABLES_READY_POLL_S)
    return False


def still_assigned(app: faust.App, event: EventT[Any]) -> bool:
    """Whether this worker still owns the event's partition (True without a running consumer: `test_context()`)."""
    try:
        return event.message.tp in app.consumer.assignment()
    except ConsumerNotStarted:
        return True


def opened_incident_notice(decided: Decided) -> dict[str, Any] | None:
    """The notice of the incident this report opened, which carries its article to the reconcile partition."""
    decision = decided.decision
    if decision.verdict["verdict"] != "new_incident":
        return None
    return next((n for n in decided.notices if n["incident_id"] == decision.incident_id and "summary" in n), None)


def recent_key_of(tagged: TaggedArticle, config: MatchConfig, route: Route | None = None) -> str:
    """The incident-records entry indexing the last articles decided on the article's key (routed or its own)."""
    key = route.key if route is not None else candidate_key(tagged, config.key_granularity)
    return key + RECENT_SUFFIX


def counted_in(
    tagged: TaggedArticle, state: IncidentState, config: MatchConfig, route: Route | None = None
) -> str | None:
    """The incident that already counts this article id, if any (one index read, then the incidents it names).

    Confirmed in what travels with the count: `applied`, and the incident record's list of reports (its last
    `max_reports_listed`). More than the last article can have lost its verdict: when the producer is slow, the
    verdicts of several decisions share one produce batch, and on Tansu a table recovery also drops all but the
    first record of a changelog partition's last batch (its ListOffsets "latest" is that batch's base + 1).
    """
    article_id = tagged.article.id
    recent = state.incidents.get(recent_key_of(tagged, config, route))
    if not isinstance(recent, dict):
        return None
    for incident_id in reversed(recent.get(article_id, ())):
        entry = state.incidents.get(incident_id)
        if not isinstance(entry, dict):
            continue
        if entry_counts(entry, article_id):
            return str(incident_id)
    return None


def entry_counts(entry: dict[str, Any], article_id: str) -> bool:
    """Whether an incident entry names the article among what travels with its count: `applied` or its reports."""
    reports = entry.get("record", {}).get("reports", ())
    return article_id in entry.get(APPLIED_FIELD, ()) or any(r.get("article_id") == article_id for r in reports)


def decide_once(
    tagged: TaggedArticle,
    state: IncidentState,
    incidents: CountedOnceIncidents,
    config: MatchConfig,
    route: Route | None = None,
) -> Decision:
    """decide(), except that an article an incident already counts is never counted again (kill -9 replays).

    The usual replay (the verdict is known) is decide()'s own, plus the incident's current record published again
    (republish_on_replay). When the verdict was lost but the incident's count was not (see CountedOnceIncidents),
    the article is judged again on a copy of the state, only its verdict is stored (pointing at the incident that
    counts it), and the incident's current record is published again: it is the record the killed worker could not
    publish. The reverse, a verdict restored without the count it came with (`count_was_lost`), is decided afresh.
    """
    article_id = tagged.article.id
    if state.articles.get(article_id) is not None:
        if not count_was_lost(state, article_id):
            return republish_on_replay(decide(tagged, state, config, route), state, article_id)
        log.warning("article %s has a verdict but its incident does not count it: decided again", article_id)
        del state.articles[article_id]
    incident_id = counted_in(tagged, state, config, route)
    if incident_id is None:
        incidents.article_id, incidents.recent_key = article_id, recent_key_of(tagged, config, route)
        try:
            return decide(tagged, state, config, route)
        finally:
            incidents.article_id = incidents.recent_key = None
    shadow_articles = _Overlay(state.articles)
    shadow = decide(
        tagged,
        IncidentState(buckets=_Overlay(state.buckets), incidents=_Overlay(state.incidents), articles=shadow_articles),
        config,
        route,
    )
    verdict = shadow.verdict.copy()
    verdict["evidence"] = {**verdict["evidence"], "replay": "counted_before_restart"}
    # As a report joining it does, an incident merged away since (into one of another key) answers with its survivor.
    answer = resolve_merged(state, incident_id)
    if answer != incident_id:
        verdict["evidence"]["merged_into"] = answer
    if incident_id == incident_id_for(article_id):
        verdict["verdict"], verdict["duplicate_of"] = "new_incident", None
    remembered = shadow_articles.written.get(article_id)
    if isinstance(remembered, dict):
        state.articles[article_id] = {
            **remembered,
            "incident_id": incident_id,
            "verdict": verdict["verdict"],
            "duplicate_of": verdict["duplicate_of"],
            "evidence": verdict["evidence"],
        }
    log.warning(
        "article %s was already counted in %s (a worker stopped mid-decision): not counted again",
        article_id,
        incident_id,
    )
    record = dict(state.incidents[incident_id]["record"])
    # If that decision merged incidents into this one, the absorbed ones' "merged" records went unpublished too.
    absorbed = [state.incidents.get(other) for other in record.get("merged_from", [])]
    records = [
        dict(entry["record"])
        for entry in absorbed
        if isinstance(entry, dict) and article_id in entry.get(APPLIED_FIELD, ())
    ]
    return Decision(verdict, answer, [*records, record])


def count_was_lost(state: IncidentState, article_id: str) -> bool:
    """A stored verdict whose incident, listing every report it counts, does not list this one.

    The verdict and the count travel in two changelog topics; the verdict's can reach the broker, or be restored,
    without the count's (the kill -9 test, 4 December: an incident restored one report short while the report's
    verdict was restored, so every re-delivery replayed a verdict no incident counted). Only an incident whose
    record lists all its reports (at most `max_reports_listed`, none folded in from other keys) can tell: otherwise
    the verdict stands, as before.
    """
    incident_id = (state.articles.get(article_id) or {}).get("incident_id")
    entry = state.incidents.get(incident_id) if incident_id else None
    if not isinstance(entry, dict) or not isinstance(entry.get("record"), dict):
        return False  # closed, or merged away since: the count lives elsewhere
    record = entry["record"]
    reports = record.get("reports", [])
    if record.get("merged_into") or int(record.get("report_count", 0)) != len(reports):
        return False
    return not entry_counts(entry, article_id)


def republish_on_replay(replayed: Decision, state: IncidentState, article_id: str) -> Decision:
    """A replayed article (its verdict is stored) publishes its incident's current record again, unchanged.

    A worker killed after storing a verdict and publishing the enriched article, but before its incident record
    left the producer, leaves downstream one version short; the worker that reads the article again is the only one
    that can repair that. The record is the state's current one (same version, same content), so downstream writes
    keyed by (incident_id, version) stay idempotent and no version goes backwards. An article answered with the
    survivor of another key (reconcile.py) republishes the incident it joined here, whose record also sends its
    reports on to the survivor again (counted once there).
    """
    joined = (state.articles.get(article_id) or {}).get("incident_id")
    joined_entry = state.incidents.get(joined) if joined else None
    across = isinstance(joined_entry, dict) and "merged_across_keys" in joined_entry.get("record", {})
    entry = joined_entry if across else state.incidents.get(replayed.incident_id)
    if replayed.incident_records or not isinstance(entry, dict) or "record" not in entry:
        return replayed
    return Decision(replayed.verdict, replayed.incident_id, [dict(entry["record"])])


def settled_opening_report(held: dict[str, Any], merge: CrossKeyMerge, state: IncidentState) -> dict[str, Any]:
    """The held article of a report that opened an incident, naming where its incident ended after the merge order
    it came with (publish_enriched's arguments)."""
    enriched = held["enriched"]
    verdict, incident_id = settle_opening_report(enriched["dedup"], enriched["incident_id"], merge, state)
    return {
        "enriched": {**enriched, "incident_id": incident_id, "dedup": verdict},
        "raw_timestamp": held["raw_timestamp"],
    }


def count_tagged(tagged: TaggedArticle) -> None:
    """Quality counters ops watch: event place resolved, actor mentions resolved, degraded articles."""
    resolved_place = tagged.event_location is not None and tagged.event_location.get("geonameid") is not None
    metrics.EVENT_PLACE.labels(outcome="resolved" if resolved_place else "unresolved").inc()
    # One increment per outcome, not per mention: a long article has dozens, and each labels() call takes a lock.
    resolved = sum(1 for actor in tagged.actors if actor["resolved"])
    if resolved:
        metrics.ACTOR_MENTIONS.labels(outcome="resolved").inc(resolved)
    if len(tagged.actors) > resolved:
        metrics.ACTOR_MENTIONS.labels(outcome="unresolved").inc(len(tagged.actors) - resolved)
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
LAG_TOPICS = frozenset({topics.RAW_ARTICLES, topics.TAGGED_BY_INCIDENT_KEY, topics.INCIDENT_NOTICES})
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


class RememberCommits(faust.Sensor):
    """Tells the CommittedOffsetsWatch about every commit as it completes."""

    def __init__(self, watch: CommittedOffsetsWatch) -> None:
        super().__init__()
        self.watch = watch

    def on_commit_completed(self, consumer: Any, state: Any) -> None:
        self.watch.remember()


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
        self._below_last_check: set[tuple[str, int]] = set()

    def remember(self) -> None:
        """Note the offsets faust has committed so far (called after every commit, and before every check)."""
        # Faust has no public accessor for the offsets it committed (transport/consumer.py keeps them here). It
        # forgets them on a rebalance, and re-reads them from the broker: remember the highest ones ourselves.
        # Sampling them only on the check timer missed the commits made since the last check when the broker was
        # replaced before the next one (the worker then went on against the empty broker: seen once in four runs).
        committed: dict[Any, int | None] = dict(getattr(self.app.consumer, "_committed_offset", {}))
        for tp, offset in committed.items():
            if offset:
                key = (tp.topic, tp.partition)
                self._committed_max[key] = max(offset, self._committed_max.get(key, 0))

    async def lost_offsets(self) -> str:
        """'' when the broker has every offset this worker committed, else a short description of what vanished."""
        self.remember()
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
        below = {tp for tp, offset in committed_here.items() if on_broker.get(tp, -1) < offset}
        # Loss only when two checks in a row see it: under load a lower offset was seen once with the broker's data
        # intact ("committed 215, broker has 210"; most likely a late commit of a member that lost the partition in a
        # rebalance, which Tansu took and the owner's next commit overtakes). A broker that lost its data shows it at
        # every check; the worker stops one check interval later.
        confirmed, self._below_last_check = below & self._below_last_check, below
        lost = [
            f"{topic}[{partition}] committed {committed_here[(topic, partition)]}, "
            f"broker has {on_broker.get((topic, partition), 'none')}"
            for topic, partition in sorted(confirmed)
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
