"""Shared helpers for the reliability tests (issue 7): the bad-input corpus, worker processes, producing, collecting."""

from __future__ import annotations

import asyncio
import base64
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from streams import jsonio, topics
from streams.broker import free_port
from streams.kafka import client_kwargs
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[2]
BAD_INPUTS = REPO / "tests" / "data" / "bad_inputs"
# Hostile producers send more than the worker accepts (the 20 MB case); the test clients must carry it.
TEST_CLIENT_MAX_BYTES = 64 * 1024 * 1024
# A worker loads spaCy and the gazetteer before it joins the group: on a busy 2-core machine that takes minutes.
WORKER_READY_TIMEOUT_S = 400.0

# Towns (with their countries) the synthetic articles rotate through, so incidents spread over keys and partitions.
TOWNS = (
    ("Rotterdam", "Netherlands"),
    ("Lyon", "France"),
    ("Porto", "Portugal"),
    ("Gdansk", "Poland"),
    ("Valencia", "Spain"),
    ("Mombasa", "Kenya"),
    ("Chittagong", "Bangladesh"),
    ("Cebu", "Philippines"),
    ("Durban", "South Africa"),
    ("Tampico", "Mexico"),
    ("Izmir", "Turkey"),
    ("Haifa", "Israel"),
)
# Made-up port operators, one per town: named in the town's reports and alone in follow-ups that name no place, so
# the decide agent routes those to the town's key (streams/incidents/routing.py).
OPERATORS = (
    "Brandvoort Logistics",
    "Amberline Cargo",
    "Quintela Harbour Services",
    "Wolski Marine",
    "Serrano Terminals",
    "Kilindi Shipping",
    "Rahmanbad Freight",
    "Lapu Stevedoring",
    "Umgeni Bulk Handling",
    "Huasteca Maritima",
    "Ege Liman Group",
    "Carmelport Holdings",
)
EVENTS = ("a warehouse fire", "a chemical spill", "a bridge collapse", "flooding", "a ferry accident")


@dataclass(frozen=True)
class BadCase:
    """One corpus case with its messages materialised (generators run)."""

    name: str
    payloads: tuple[bytes, ...]
    key: bytes | None
    expected: str
    code: str | None
    warnings: frozenset[str]
    optional: frozenset[str]

    @property
    def dead_letter(self) -> bool:
        return self.expected == "dead_letter"

    @property
    def article_id(self) -> str:
        """The id a processed (degraded) case carries in its value."""
        value = jsonio.loads(self.payloads[0].decode("utf-8").removeprefix("\ufeff"))
        return str(value["id"])

    def warnings_ok(self, warnings: Iterable[str]) -> bool:
        """Every expected warning present, nothing beyond expected + optional (README of the corpus)."""
        got = set(warnings)
        return self.warnings <= got <= self.warnings | self.optional


def load_builder() -> ModuleType:
    """The corpus builder, which holds the reference generators for the cases too big to store."""
    spec = importlib.util.spec_from_file_location("bad_inputs_build_cases", BAD_INPUTS / "build_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases() -> list[BadCase]:
    """Every case of tests/data/bad_inputs/cases.jsonl with its exact message bytes."""
    builder = load_builder()
    cases = []
    for line in (BAD_INPUTS / "cases.jsonl").read_bytes().splitlines():
        if not line.strip():
            continue
        row = jsonio.loads(line)
        if "generator" in row:
            payloads: tuple[bytes, ...] = (builder.generate(row["generator"], row["params"]),)
        elif "payloads_b64" in row:
            payloads = tuple(base64.b64decode(p) for p in row["payloads_b64"])
        else:
            payloads = (base64.b64decode(row["payload_b64"]),)
        cases.append(
            BadCase(
                name=row["case"],
                payloads=payloads,
                key=None if row["key_b64"] is None else base64.b64decode(row["key_b64"]),
                expected=row["expected"],
                code=row.get("expected_code"),
                warnings=frozenset(row.get("expected_warnings", [])),
                optional=frozenset(row.get("optional_warnings", [])),
            )
        )
    return cases


def synthetic_article(seq: int, prefix: str = "good", *, town_index: int | None = None) -> tuple[str, bytes]:
    """A short valid English report built from a template (fast to tag); towns and dates vary with `seq`."""
    index = seq % len(TOWNS) if town_index is None else town_index
    town, country = TOWNS[index]
    event, day = _event_and_day(seq)
    article_id = f"{prefix}-{seq:05d}"
    body = (
        f"{town.upper()} - Emergency services in {town}, {country}, responded on Monday to {event} near the city "
        f"centre, local officials said. Residents were asked to avoid the area while crews worked through the "
        f"night. The port there is run by {OPERATORS[index]}. Report number {seq} of the "
        "reliability run."
    )
    value = jsonio.dumps(
        {
            "id": article_id,
            "title": f"Officials in {town} respond to {event}",
            "body": body,
            "source": "Reliability Wire",
            "url": f"https://reliability.example/{article_id}",
            "published_at": f"2024-03-{day:02d}T{seq % 24:02d}:00:00Z",
            "language": "en",
        }
    )
    return article_id, value


def _event_and_day(seq: int) -> tuple[str, int]:
    """The event and the day of March 2024 of report `seq`: they change once every town has had one."""
    return EVENTS[(seq // len(TOWNS)) % len(EVENTS)], 1 + (seq // (len(TOWNS) * len(EVENTS))) % 28


def synthetic_follow_up(seq: int, prefix: str = "follow-up") -> tuple[str, bytes]:
    """A report on `synthetic_article(seq)`'s event that names its town's port operator but no place."""
    operator = OPERATORS[seq % len(TOWNS)]
    event, day = _event_and_day(seq)
    article_id = f"{prefix}-{seq:05d}"
    value = jsonio.dumps(
        {
            "id": article_id,
            "title": f"{operator} says {event} is under control",
            "body": f"{operator} said on Monday that {event} near one of its depots was under control and that "
            f"crews would work through the night. Follow-up number {seq} of the reliability run.",
            "source": "Reliability Wire",
            "url": f"https://reliability.example/{article_id}",
            "published_at": f"2024-03-{day:02d}T{seq % 24:02d}:30:00Z",
            "language": "en",
        }
    )
    return article_id, value


@dataclass(frozen=True)
class Message:
    """One record to produce; `partition` None lets the client's partitioner choose by key."""

    key: bytes | None
    value: bytes
    partition: int | None = None


@dataclass(frozen=True)
class Sent:
    """Where the broker put a produced record."""

    message: Message
    partition: int
    offset: int


async def produce(settings: Settings, broker_url: str, topic: str, messages: Sequence[Message]) -> list[Sent]:
    """Send in order and return the (partition, offset) the broker acknowledged for each message."""
    producer = AIOKafkaProducer(
        **client_kwargs(settings, broker_url), acks="all", max_request_size=TEST_CLIENT_MAX_BYTES, linger_ms=5
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=m.key, value=m.value, partition=m.partition) for m in messages]
        metadata = await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return [Sent(m, md.partition, md.offset) for m, md in zip(messages, metadata, strict=True)]


@dataclass
class Collected:
    """Records seen on each topic, in the order each partition delivered them."""

    records: dict[str, list[ConsumerRecord[bytes, bytes]]] = field(default_factory=dict)

    def of(self, topic: str) -> list[ConsumerRecord[bytes, bytes]]:
        return self.records.setdefault(topic, [])

    def values(self, topic: str) -> list[dict[str, Any]]:
        return [jsonio.loads(r.value) for r in self.of(topic)]

    def tagged_by_tag_agent(self) -> list[tuple[ConsumerRecord[bytes, bytes], str]]:
        """The tag agent's messages on the re-keyed topic, with their article ids; the decide agent also writes
        there (names for the routing directory, reports forwarded from `_unplaced`: streams/incidents/routing.py)."""
        out = []
        for record in self.of(topics.TAGGED_BY_INCIDENT_KEY):
            envelope = jsonio.loads(record.value)
            if "tagged" in envelope and "route" not in envelope:
                out.append((record, str(envelope["tagged"]["article"]["id"])))
        return out


async def collect_until(
    settings: Settings,
    broker_url: str,
    topic_names: Sequence[str],
    done: Callable[[Collected], bool],
    timeout_s: float,
    watch: Sequence[WorkerProcess] = (),
    collected: Collected | None = None,
) -> Collected:
    """Read the topics from the beginning until `done` holds; fail at the deadline or if a watched worker exits."""
    collected = collected or Collected()
    consumer = AIOKafkaConsumer(
        **client_kwargs(settings, broker_url),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=TEST_CLIENT_MAX_BYTES,
        fetch_max_bytes=TEST_CLIENT_MAX_BYTES,
    )
    await consumer.start()
    deadline = time.monotonic() + timeout_s
    try:
        partitions = []
        for name in topic_names:
            for _ in range(100):
                found = consumer.partitions_for_topic(name)
                if found:
                    break
                await consumer._client.force_metadata_update()
            partitions += [TopicPartition(name, p) for p in sorted(found or ())]
        consumer.assign(partitions)
        # Resume after what an earlier call collected, so a caller can wait on several conditions in turn.
        seen = {(r.topic, r.partition): r.offset for t in collected.records.values() for r in t}
        for tp in partitions:
            if (tp.topic, tp.partition) in seen:
                consumer.seek(tp, seen[(tp.topic, tp.partition)] + 1)
            else:
                await consumer.seek_to_beginning(tp)
        while not done(collected):
            for worker in watch:
                assert worker.alive(), f"worker {worker.name} exited ({worker.returncode()}):\n{worker.log_tail()}"
            assert time.monotonic() < deadline, f"condition not met after {timeout_s}s"
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    collected.of(record.topic).append(record)
        return collected
    finally:
        await consumer.stop()


@dataclass
class WorkerProcess:
    """`python -m streams.cli worker` (or `command`) in its own process group, with its log in a file."""

    name: str
    broker_url: str
    work_dir: Path
    extra_env: Mapping[str, str] = field(default_factory=dict)
    web_port: int = 0
    process: subprocess.Popen[bytes] | None = None
    command: Sequence[str] = ("-m", "streams.cli", "worker")

    @property
    def log_path(self) -> Path:
        return self.work_dir / f"{self.name}.log"

    def start(self) -> WorkerProcess:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.web_port = self.web_port or free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREFUSE_") or k == "WIREFUSE_CACHE_DIR"}
        env |= {
            "WIREFUSE_BROKER_URL": self.broker_url,
            "WIREFUSE_DATA_DIR": str(self.work_dir / f"{self.name}-data"),
            "WIREFUSE_WEB_PORT": str(self.web_port),
            "WIREFUSE_LOG_LEVEL": "warning",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child holds it; closed here right after the fork
        try:
            self.process = subprocess.Popen(
                [sys.executable, *self.command],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=REPO,
                start_new_session=True,
            )
        finally:
            log.close()
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def returncode(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def signal(self, signum: int) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signum)

    def wait(self, timeout_s: float) -> int:
        assert self.process is not None
        return self.process.wait(timeout_s)

    def stop(self, timeout_s: float = 60.0) -> int | None:
        """SIGTERM, then SIGKILL after the timeout; returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            try:
                os.kill(self.process.pid, signal.SIGCONT)  # a stopped process cannot act on SIGTERM
                self.process.terminate()
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def metrics(self) -> dict[str, float]:
        """The worker's /metrics page as name{labels} -> value."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.web_port}/metrics", timeout=10) as response:
            text = response.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values

    def rss_bytes(self) -> int:
        """Resident memory of the worker process, from /proc."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.2) -> None:
    """Poll a condition until it holds; fail with `what` at the deadline (a bound, not a synchronisation sleep)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout_s}s waiting for {what}"
        time.sleep(poll_s)


def enriched_ids(collected: Collected) -> list[str]:
    return [jsonio.loads(r.value)["id"] for r in collected.of(topics.ENRICHED_ARTICLES)]


def header_map(record: ConsumerRecord[bytes, bytes]) -> dict[str, bytes]:
    return dict(record.headers or [])


class RateProducer:
    """Sends messages at a fixed rate from a background thread (its own event loop); `sent` grows as acks arrive."""

    def __init__(self, settings: Settings, broker_url: str, topic: str, messages: Sequence[Message], rate: float):
        self.settings, self.broker_url, self.topic = settings, broker_url, topic
        self.messages, self.rate = list(messages), rate
        self.sent: list[Sent] = []
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="rate-producer", daemon=True)

    def start(self) -> RateProducer:
        self._thread.start()
        return self

    def join(self, timeout_s: float) -> list[Sent]:
        self._thread.join(timeout_s)
        assert not self._thread.is_alive(), f"producer still sending after {timeout_s}s"
        assert self.error is None, f"producer failed: {self.error!r}"
        return self.sent

    def _run(self) -> None:
        try:
            asyncio.run(self._send_all())
        except BaseException as exc:  # noqa: BLE001 - reported by join()
            self.error = exc

    async def _send_all(self) -> None:
        producer = AIOKafkaProducer(
            **client_kwargs(self.settings, self.broker_url), acks="all", max_request_size=TEST_CLIENT_MAX_BYTES
        )
        await producer.start()
        try:
            started = time.monotonic()
            pending = []
            for index, message in enumerate(self.messages):
                # Pace by the clock: message i leaves at i / rate seconds after the start.
                delay = started + index / self.rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                future = await producer.send(self.topic, key=message.key, value=message.value)
                pending.append((message, future))
            for message, future in pending:
                metadata = await future
                self.sent.append(Sent(message, metadata.partition, metadata.offset))
        finally:
            await producer.stop()


def healthz(worker: WorkerProcess) -> dict[str, Any] | None:
    """The worker's /healthz page, or None while it is not serving yet."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/healthz", timeout=5) as response:
            page: dict[str, Any] = jsonio.loads(response.read())
            return page
    except OSError:
        return None


def owns_raw_partitions(worker: WorkerProcess) -> bool:
    page = healthz(worker)
    return page is not None and any(a.startswith(topics.RAW_ARTICLES + ":") for a in page["assigned"])


async def committed_offsets(
    settings: Settings, broker_url: str, group: str, partitions: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], int]:
    """The consumer group's committed offsets as the broker reports them (-1: none).

    Read with a group member that never subscribes: AIOKafkaAdminClient.list_consumer_group_offsets cannot decode
    Tansu 0.6.0's OffsetFetch answer.
    """
    reader = AIOKafkaConsumer(**client_kwargs(settings, broker_url), group_id=group, enable_auto_commit=False)
    await reader.start()
    try:
        offsets = {}
        for topic, partition in partitions:
            offset = await reader.committed(TopicPartition(topic, partition))
            offsets[(topic, partition)] = -1 if offset is None else offset
        return offsets
    finally:
        await reader.stop()
