"""Benchmark plumbing: worker processes, what the bench sees on the topics, /metrics scrapes and /proc probes."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from aiokafka import AIOKafkaProducer
from profiling import pyspy_binary
from prometheus_client.parser import text_string_to_metric_families

from streams import jsonio, topics
from streams.broker import free_port
from streams.cli import process_tree
from streams.kafka import MAX_MESSAGE_BYTES, client_kwargs, tail
from streams.processes import stop_process
from streams.settings import Settings

BENCH_DIR = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PSS_POLL_INTERVAL_S = 1.0
# No article enriched for this long while some are pending: the phase has stalled (the slowest phase enriches one
# every few seconds). Once, in the two-worker phase, both workers sat idle for 20 minutes with 85 minutes of drain
# timeout left; a stall is now reported with each worker's stacks and assignment, and the next phase runs.
STALL_S = 180.0


class BenchError(RuntimeError):
    """A phase could not be measured (a worker died, outputs never came); the message says why."""


# ---------------------------------------------------------------- processes


@dataclass
class WorkerProcess:
    """One worker subprocess (the real `streams.cli worker` or the passthrough agent) with its log and web port."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]
    web_port: int
    started_at: float
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    pss_polled_at: float = 0.0

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-chars:]

    def check(self) -> None:
        if not self.alive():
            raise BenchError(f"{self.name} exited with code {self.process.returncode}:\n{self.log_tail()}")

    def poll_rss(self) -> int:
        """Peak resident memory in kB of the worker and its tagging processes, kept as the maximum seen.

        The sum of each process's peak (VmHWM): pages a forked child still shares with its parent count once per
        process, so this overstates what the machine gives the worker; it never understates it.
        """
        tree = process_tree(self.pid)
        self.peak_rss_kb = max(self.peak_rss_kb, sum(peak_rss_kb(pid) for pid in tree))
        # Reading smaps_rollup walks the page tables: at most once a second, the bench shares the cores it measures.
        if time.monotonic() - self.pss_polled_at >= PSS_POLL_INTERVAL_S:
            self.pss_polled_at = time.monotonic()
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss_kb(pid) for pid in tree))
        return self.peak_rss_kb

    def stop(self) -> int:
        self.poll_rss()
        code = stop_process(self.process)
        self.log.close()
        return code


def start_worker(
    name: str,
    broker_url: str,
    work_dir: Path,
    *,
    command: Sequence[str] | None = None,
    extra_env: dict[str, str] | None = None,
) -> WorkerProcess:
    """Start a worker process with its own data dir and web port; the environment carries only known WIREFUSE_ keys."""
    web_port = free_port()
    data_dir = work_dir / f"{name}-data"
    log_path = work_dir / f"{name}.log"
    env = os.environ | {
        "WIREFUSE_BROKER_URL": broker_url,
        "WIREFUSE_DATA_DIR": str(data_dir),
        "WIREFUSE_WEB_PORT": str(web_port),
        "WIREFUSE_LOG_LEVEL": "warning",
    }
    env |= extra_env or {}
    argv = [sys.executable, *(command or ("-m", "streams.cli", "worker"))]
    log = open(log_path, "wb")  # noqa: SIM115 - closed by WorkerProcess.stop
    started_at = time.time()
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=log, start_new_session=True)
    return WorkerProcess(name, process, log_path, log, web_port, started_at)


def peak_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass  # the process is gone: the caller keeps the last value it read
    return 0


def pss_kb(pid: int) -> int:
    """Proportional set size in kB: private pages plus each shared page divided by the processes sharing it."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int, *, tree: bool = True) -> float:
    """User + system CPU time of a process tree: the process (all its threads), the children it has reaped (a
    replaced tagging process) and its live descendants, from /proc/PID/stat; with `tree=False` the process alone
    (the event loop's process of a worker, without its tagging processes)."""
    total = 0.0
    for n, member in enumerate(process_tree(pid) if tree else [pid]):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if n == 0:
                return math.nan
            continue
        ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if tree else 0)
        total += ticks / CLOCK_TICKS
    return total


def work_directory() -> Path:
    return Path(tempfile.mkdtemp(prefix="wirefuse-bench-"))


# ---------------------------------------------------------------- metrics


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample on a worker's /metrics page, keyed by (name, sorted labels)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = float(sample.value)
    return samples


def stage_seconds_per_article(
    before: dict[tuple[str, tuple[tuple[str, str], ...]], float],
    after: dict[tuple[str, tuple[tuple[str, str], ...]], float],
) -> dict[str, float]:
    """Mean seconds per article in each stage between two scrapes (histogram sum delta / count delta)."""
    result: dict[str, float] = {}
    for (name, labels), total in after.items():
        if name != "wirefuse_stage_duration_seconds_sum":
            continue
        stage = dict(labels).get("stage", "")
        count_key = ("wirefuse_stage_duration_seconds_count", labels)
        count = after.get(count_key, 0.0) - before.get(count_key, 0.0)
        if count > 0:
            result[stage] = (total - before.get((name, labels), 0.0)) / count
    return result


def healthz(port: int) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            value: dict[str, Any] = jsonio.loads(response.read())
            return value
    except OSError:
        return None


def stall_report(workers: Sequence[WorkerProcess]) -> str:
    """What each worker of a stalled phase owns and whether it computes, its stacks (py-spy) beside its log."""
    lines = []
    pyspy = pyspy_binary()
    for worker in workers:
        page = healthz(worker.web_port) or {}
        before = cpu_seconds(worker.pid)
        stacks = worker.log_path.with_suffix(".stall.txt")
        if pyspy is not None:
            with stacks.open("wb") as out:
                for pid in process_tree(worker.pid):
                    out.write(f"--- pid {pid}\n".encode())
                    out.flush()
                    subprocess.run([pyspy, "dump", "--pid", str(pid)], stdout=out, stderr=out, timeout=60, check=False)
        where = stacks if pyspy is not None else "no py-spy"
        lines.append(
            f"{worker.name}: assigned {page.get('assigned', 'no answer')}, "
            f"CPU {cpu_seconds(worker.pid) - before:.2f} s while its stacks were read ({where})"
        )
    return "; ".join(lines)


# ---------------------------------------------------------------- topics


@dataclass
class Observer:
    """First broker timestamp (ms) of every key seen on the raw and enriched topics, read by a background tail."""

    settings: Settings
    broker_url: str
    raw: dict[str, int] = field(default_factory=dict)
    enriched: dict[str, int] = field(default_factory=dict)
    _task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        async for record in tail(self.settings, self.broker_url, (topics.RAW_ARTICLES, topics.ENRICHED_ARTICLES)):
            if record.key is None:
                continue
            seen = self.raw if record.topic == topics.RAW_ARTICLES else self.enriched
            seen.setdefault(record.key.decode(), record.timestamp)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def wait_for(
        self, keys: Iterable[str], timeout_s: float, workers: Sequence[WorkerProcess], stall_s: float = STALL_S
    ) -> None:
        """Until every key came out enriched; fails if a worker dies, none comes for `stall_s` or the timeout passes."""
        pending = set(keys)
        deadline = time.monotonic() + timeout_s
        progressed_at, still_pending = time.monotonic(), len(pending)
        while True:
            pending = {k for k in pending if k not in self.enriched}
            if not pending:
                return
            if len(pending) < still_pending:
                progressed_at, still_pending = time.monotonic(), len(pending)
            elif time.monotonic() - progressed_at >= stall_s:
                raise BenchError(
                    f"{len(pending)} articles pending and none enriched for {stall_s:.0f} s: {stall_report(workers)}"
                )
            if self._task is not None and self._task.done():
                self._task.result()
                raise BenchError("the topic observer stopped")
            for worker in workers:
                worker.check()
                worker.poll_rss()
            if time.monotonic() > deadline:
                raise BenchError(f"{len(pending)} articles not enriched after {timeout_s:.0f} s")
            await asyncio.sleep(0.1)  # polling our own dict, filled by the tail task

    async def wait_for_raw(self, keys: Sequence[str], timeout_s: float) -> None:
        """Until the raw record of every key has been read too (it may come in a later fetch than its output)."""
        deadline = time.monotonic() + timeout_s
        while any(k not in self.raw for k in keys):
            if time.monotonic() > deadline:
                raise BenchError("raw records not seen by the observer")
            await asyncio.sleep(0.1)  # polling our own dict, filled by the tail task


class Producer:
    """An aiokafka producer for the raw topic: burst (as fast as the broker acknowledges) or paced at a fixed rate."""

    def __init__(self, settings: Settings, broker_url: str) -> None:
        self._producer = AIOKafkaProducer(
            **client_kwargs(settings, broker_url), acks="all", max_request_size=MAX_MESSAGE_BYTES, linger_ms=5
        )

    async def __aenter__(self) -> Producer:
        await self._producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._producer.stop()

    async def burst(self, messages: Sequence[tuple[bytes, bytes]]) -> None:
        futures = [await self._producer.send(topics.RAW_ARTICLES, key=k, value=v) for k, v in messages]
        await asyncio.gather(*futures)

    async def paced(self, messages: Sequence[tuple[bytes, bytes]], rate_per_s: float) -> None:
        """Message i is sent at start + i / rate (the offered load), whatever the pipeline does meanwhile."""
        start = time.monotonic()
        futures = []
        for i, (key, value) in enumerate(messages):
            delay = start + i / rate_per_s - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            futures.append(await self._producer.send(topics.RAW_ARTICLES, key=key, value=value))
        await asyncio.gather(*futures)


def decoded_keys(messages: Sequence[tuple[bytes, bytes]]) -> list[str]:
    return [key.decode() for key, _ in messages]


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolation percentile (q in 0..100), as numpy's default."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
