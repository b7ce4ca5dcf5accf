"""The benchmark's measurements, one function per phase; each starts its own broker and processes and stops them."""

from __future__ import annotations

import asyncio
import math
import os
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import profiling
from harness import (
    BENCH_DIR,
    BenchError,
    Observer,
    Producer,
    WorkerProcess,
    cpu_seconds,
    decoded_keys,
    healthz,
    percentile,
    scrape,
    stage_seconds_per_article,
    start_worker,
)

from streams import jsonio, topics
from streams.broker import EmbeddedBroker
from streams.kafka import create_topics
from streams.settings import Settings

Messages = list[tuple[bytes, bytes]]
# Loading spaCy, the gazetteer and the registry, then joining the group: ~15-40 s warm on a busy 2-core machine;
# a cold start also builds the gazetteer index (~1.5 min).
START_TIMEOUT_S = 300.0
ASSIGNMENT_TIMEOUT_S = 120.0
# Draining is bounded by the slowest plausible rate (1 article/s) plus a margin.
MIN_DRAIN_RATE_PER_S = 1.0


@dataclass(frozen=True)
class LatencyPlan:
    """An offered load: `messages` sent at `rate_per_s` (so for len(messages) / rate seconds)."""

    rate_per_s: float
    messages: Messages


def drain_timeout(count: int) -> float:
    return 120.0 + count / MIN_DRAIN_RATE_PER_S


def bench_settings(partitions: int) -> Settings:
    return Settings(partitions=partitions)


def worker_env(partitions: int, cache_dir: Path | None = None) -> dict[str, str]:
    env = {"WIREFUSE_PARTITIONS": str(partitions)}
    if cache_dir is not None:
        env["WIREFUSE_CACHE_DIR"] = str(cache_dir)
    return env


def run_with_broker(work: Path, name: str, phase: Any) -> dict[str, Any]:
    """A fresh embedded broker per phase: memory storage grows with every byte, and no state leaks between phases."""
    with EmbeddedBroker(log_path=work / f"{name}-broker.log") as broker:
        assert broker.process is not None
        result: dict[str, Any] = asyncio.run(phase(broker.url, broker.process.pid))
        return result


async def _start_and_warm(
    observer: Observer,
    producer: Producer,
    warmup: Messages,
    workers: list[WorkerProcess],
) -> float:
    """Warm-up articles wait on the raw topic before the workers start; returns start -> first enriched (s)."""
    await producer.burst(warmup)
    started_at = min(w.started_at for w in workers)
    await observer.wait_for(decoded_keys(warmup), START_TIMEOUT_S, workers)
    first_ms = min(observer.enriched[k] for k in decoded_keys(warmup))
    return first_ms / 1000 - started_at


async def _burst_throughput(
    observer: Observer, producer: Producer, messages: Messages, workers: Sequence[WorkerProcess]
) -> dict[str, Any]:
    """Produce everything at once; articles/s from the first send to the broker timestamp of the last enriched one."""
    keys = decoded_keys(messages)
    started = time.time()
    await producer.burst(messages)
    produced_s = time.time() - started
    await observer.wait_for(keys, drain_timeout(len(keys)), workers)
    last_s = max(observer.enriched[k] for k in keys) / 1000
    elapsed = last_s - started
    return {"articles": len(keys), "seconds": elapsed, "articles_per_s": len(keys) / elapsed, "produce_s": produced_s}


async def _offered_load(
    observer: Observer, producer: Producer, plan: LatencyPlan, workers: Sequence[WorkerProcess]
) -> dict[str, Any]:
    """Latency of each article: enriched record's broker timestamp minus the raw record's, at a paced offered load."""
    keys = decoded_keys(plan.messages)
    await producer.paced(plan.messages, plan.rate_per_s)
    await observer.wait_for(keys, drain_timeout(len(keys)), workers)
    await observer.wait_for_raw(keys, 30.0)
    latencies = [(observer.enriched[k] - observer.raw[k]) / 1000 for k in keys]
    first_raw = min(observer.raw[k] for k in keys) / 1000
    last_out = max(observer.enriched[k] for k in keys) / 1000
    return {
        "offered_per_s": plan.rate_per_s,
        "articles": len(keys),
        "offered_for_s": len(keys) / plan.rate_per_s,
        "completed_per_s": len(keys) / (last_out - first_raw),
        "p50_s": percentile(latencies, 50),
        "p90_s": percentile(latencies, 90),
        "p99_s": percentile(latencies, 99),
        "max_s": max(latencies),
    }


def passthrough(work: Path, partitions: int, warmup: Messages, messages: Messages) -> dict[str, Any]:
    """The framework ceiling: bench/passthrough_worker.py on the same broker, topics and client settings."""
    settings = bench_settings(partitions)

    async def phase(broker_url: str, broker_pid: int) -> dict[str, Any]:
        await create_topics(settings, broker_url)
        observer = Observer(settings, broker_url)
        observer.start()
        command = (str(BENCH_DIR / "passthrough_worker.py"),)
        worker = start_worker("passthrough", broker_url, work, command=command, extra_env=worker_env(partitions))
        try:
            async with Producer(settings, broker_url) as producer:
                first = await _start_and_warm(observer, producer, warmup[:1], [worker])
                cpu_before, broker_before = cpu_seconds(worker.pid), cpu_seconds(broker_pid)
                result = await _burst_throughput(observer, producer, messages, [worker])
                cpu = cpu_seconds(worker.pid) - cpu_before
                broker_cpu = cpu_seconds(broker_pid) - broker_before
            return result | {
                "start_to_first_s": first,
                "worker_cpu_ms_per_article": 1000 * cpu / len(messages),
                "worker_cores_used": cpu / result["seconds"],
                "broker_cores_used": broker_cpu / result["seconds"],
                "peak_rss_mb": worker.poll_rss() / 1024,
            }
        finally:
            worker.stop()
            await observer.stop()

    return run_with_broker(work, "passthrough", phase)


def single_worker(
    work: Path, partitions: int, warmup: Messages, messages: Messages, plans: Sequence[LatencyPlan]
) -> dict[str, Any]:
    """One real worker: warm start, burst throughput with per-stage times and CPU, then each offered load."""
    settings = bench_settings(partitions)

    async def phase(broker_url: str, broker_pid: int) -> dict[str, Any]:
        await create_topics(settings, broker_url)
        observer = Observer(settings, broker_url)
        observer.start()
        worker = start_worker("worker", broker_url, work, extra_env=worker_env(partitions))
        try:
            async with Producer(settings, broker_url) as producer:
                first = await _start_and_warm(observer, producer, warmup[:1], [worker])
                before = scrape(worker.web_port)
                cpu_before, broker_before = cpu_seconds(worker.pid), cpu_seconds(broker_pid)
                loop_cpu_before = cpu_seconds(worker.pid, tree=False)
                burst = await _burst_throughput(observer, producer, messages, [worker])
                cpu = cpu_seconds(worker.pid) - cpu_before
                loop_cpu = cpu_seconds(worker.pid, tree=False) - loop_cpu_before
                broker_cpu = cpu_seconds(broker_pid) - broker_before
                after = scrape(worker.web_port)
                loads = [await _offered_load(observer, producer, plan, [worker]) for plan in plans]
            return burst | {
                "warm_start_to_first_s": first,
                "stage_s_per_article": stage_seconds_per_article(before, after),
                "worker_cpu_ms_per_article": 1000 * cpu / len(messages),
                "worker_loop_process_cpu_ms_per_article": 1000 * loop_cpu / len(messages),
                "worker_cores_used": cpu / burst["seconds"],
                "broker_cores_used": broker_cpu / burst["seconds"],
                "loads": loads,
                "peak_rss_mb": worker.poll_rss() / 1024,
                "peak_pss_mb": worker.peak_pss_kb / 1024,
                "resource_load_s": {
                    dict(labels)["resource"]: value
                    for (name, labels), value in after.items()
                    if name == "wirefuse_resource_load_seconds"
                },
            }
        finally:
            code = worker.stop()
            await observer.stop()
            if code != 0:
                print(f"worker exited with {code} on SIGTERM:\n{worker.log_tail(1500)}", file=sys.stderr)

    return run_with_broker(work, "worker", phase)


def worker_profile(work: Path, partitions: int, warmup: Messages, messages: Messages) -> dict[str, Any]:
    """py-spy attached to a warm worker while it works through a burst: what each thread runs, and for how long."""
    settings = bench_settings(partitions)

    async def phase(broker_url: str, broker_pid: int) -> dict[str, Any]:
        await create_topics(settings, broker_url)
        observer = Observer(settings, broker_url)
        observer.start()
        worker = start_worker("profiled", broker_url, work, extra_env=worker_env(partitions))
        output = work / "worker-profile.txt"
        try:
            async with Producer(settings, broker_url) as producer:
                await _start_and_warm(observer, producer, warmup[:1], [worker])
                sampler = profiling.pyspy_attach(worker.pid, output)
                if sampler is None:
                    return {"available": False, "why": "py-spy is not installed"}
                began = time.perf_counter()
                burst = await _burst_throughput(observer, producer, messages, [worker])
                seconds = time.perf_counter() - began
                sampler.send_signal(signal.SIGINT)
                sampler.wait(60)
            if not output.exists():
                return {"available": False, "why": f"py-spy could not attach (exit {sampler.returncode})"}
            threads = profiling.summarise_threads(output.read_text(), seconds)
            return {"available": True, "articles_per_s_while_sampled": burst["articles_per_s"], "threads": threads}
        finally:
            worker.stop()
            await observer.stop()

    return run_with_broker(work, "profiled", phase)


def cold_start(work: Path, partitions: int, warmup: Messages) -> dict[str, Any]:
    """Start -> first enriched article with an empty cache dir: the worker builds the gazetteer index first."""
    settings = bench_settings(partitions)
    cold_cache = work / "cold-cache"

    async def phase(broker_url: str, broker_pid: int) -> dict[str, Any]:
        await create_topics(settings, broker_url)
        observer = Observer(settings, broker_url)
        observer.start()
        worker = start_worker("cold", broker_url, work, extra_env=worker_env(partitions, cold_cache))
        try:
            async with Producer(settings, broker_url) as producer:
                first = await _start_and_warm(observer, producer, warmup[:1], [worker])
            return {"cold_start_to_first_s": first, "peak_rss_mb": worker.poll_rss() / 1024}
        finally:
            worker.stop()
            await observer.stop()
            subprocess.run(["rm", "-rf", str(cold_cache)], check=False)

    return run_with_broker(work, "cold", phase)


def two_workers(work: Path, partitions: int, warmup: Messages, messages: Messages) -> dict[str, Any]:
    """Two real workers in one consumer group on the same broker; measured once both own raw partitions."""
    settings = bench_settings(partitions)

    async def phase(broker_url: str, broker_pid: int) -> dict[str, Any]:
        await create_topics(settings, broker_url)
        observer = Observer(settings, broker_url)
        observer.start()
        # One tagging process each: two workers x one per core would put four on the two cores.
        env = worker_env(partitions) | {"WIREFUSE_TAG_PROCESSES": "1"}
        workers = [start_worker(f"w2-{i}", broker_url, work, extra_env=env) for i in range(2)]
        try:
            async with Producer(settings, broker_url) as producer:
                first = await _start_and_warm(observer, producer, warmup, workers)
                assignment = await _wait_for_split(workers, partitions)
                cpu_before = [cpu_seconds(w.pid) for w in workers]
                broker_before = cpu_seconds(broker_pid)
                burst = await _burst_throughput(observer, producer, messages, workers)
                cpus = [cpu_seconds(w.pid) - b for w, b in zip(workers, cpu_before, strict=True)]
                broker_cpu = cpu_seconds(broker_pid) - broker_before
            return burst | {
                "start_to_first_s": first,
                "raw_partitions_per_worker": assignment,
                "worker_cores_used": [c / burst["seconds"] for c in cpus],
                "broker_cores_used": broker_cpu / burst["seconds"],
                "peak_rss_mb": [w.poll_rss() / 1024 for w in workers],
            }
        finally:
            for worker in workers:
                worker.stop()
            await observer.stop()

    return run_with_broker(work, "two-workers", phase)


async def _wait_for_split(workers: Sequence[WorkerProcess], partitions: int) -> list[int]:
    """Until the raw topic's partitions are split between the workers (the group has settled after both joined)."""
    deadline = time.monotonic() + ASSIGNMENT_TIMEOUT_S
    while True:
        owned: list[set[str]] = []
        for worker in workers:
            worker.check()
            page = healthz(worker.web_port) or {}
            owned.append({p for p in page.get("assigned", []) if p.startswith(f"{topics.RAW_ARTICLES}:")})
        union = set().union(*owned)
        if len(union) == partitions and all(owned) and sum(len(o) for o in owned) == partitions:
            return [len(o) for o in owned]
        if time.monotonic() > deadline:
            raise BenchError(f"raw partitions not split between workers after {ASSIGNMENT_TIMEOUT_S:.0f} s: {owned}")
        await asyncio.sleep(0.5)  # polling the workers' health pages while the group rebalances


def offline(work: Path, corpus_jsonl: bytes, count: int) -> dict[str, Any]:
    """`wirefuse enrich` on the same articles, as a user runs it: wall time and peak RSS of the process."""
    source = work / "offline-input.jsonl"
    target = work / "offline-output.jsonl"
    source.write_bytes(corpus_jsonl)
    wall, rss_kb = _timed_enrich(source, target, work / "offline.stderr")
    enriched = [jsonio.loads(line) for line in target.read_bytes().splitlines() if line.strip()]
    written = len(enriched)
    if written != count:
        raise BenchError(f"wirefuse enrich wrote {written} of {count} articles; see {work / 'offline.stderr'}")
    first_line = corpus_jsonl.split(b"\n", 1)[0] + b"\n"
    source.write_bytes(first_line)
    startup, _ = _timed_enrich(source, target, work / "offline-startup.stderr")
    return {
        "articles": count,
        "seconds": wall,
        "articles_per_s": count / wall,
        "startup_s": startup,
        # Only meaningful when processing dominates the wall time; NaN (left out of the summary) otherwise.
        "steady_articles_per_s": count / (wall - startup) if wall > 2 * startup else math.nan,
        "peak_rss_mb": rss_kb / 1024,
        "enriched_bytes_mean": statistics.fmean(len(jsonio.dumps(r)) for r in enriched),
        "incident_keys": incident_key_spread(enriched),
    }


def incident_key_spread(enriched: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How articles spread over candidate-incident keys (the decide agent's partitioning), from enriched records."""
    from streams.incidents import candidate_key

    counts: Counter[str] = Counter()
    for record in enriched:
        # candidate_key reads only the event place, the places and the actors of a tagged article, all in the
        # enriched record.
        view = SimpleNamespace(
            event_location=record.get("event_location"),
            locations=record.get("locations", []),
            actors=[*record.get("actors", []), *record.get("agents", [])],
        )
        counts[candidate_key(cast(Any, view))] += 1
    total = sum(counts.values())
    return {
        "distinct_keys": len(counts),
        "top_keys": [(key, n / total) for key, n in counts.most_common(5)],
        "largest_key_share": counts.most_common(1)[0][1] / total if total else 0.0,
    }


def _timed_enrich(source: Path, target: Path, stderr: Path) -> tuple[float, int]:
    started = time.perf_counter()
    with open(stderr, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "enrich", str(source), "-o", str(target)], stderr=err
        )
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchError(f"wirefuse enrich exited with {process.returncode}: {stderr.read_text()[-2000:]}")
    return wall, usage.ru_maxrss


def summarise(values: Sequence[float]) -> dict[str, Any]:
    """Median with min and max over the runs (and the runs themselves)."""
    clean = [v for v in values if not math.isnan(v)]  # NaN: a probe that failed
    if not clean:
        return {"median": None, "min": None, "max": None, "runs": list(values)}
    return {"median": statistics.median(clean), "min": min(clean), "max": max(clean), "runs": list(values)}
