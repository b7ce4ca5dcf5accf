"""`make soak`: stream realistic articles at a fixed rate through one worker and record RSS, lag and throughput.

Starts the embedded broker (or uses --broker-url), creates the topics, starts a worker, waits until it owns its
partitions, then sends articles at --rate per second for --duration seconds. Every --interval seconds it records the
worker's resident memory, the broker's, the lag (messages sent but not yet consumed, and the worker's own lag gauge)
and the throughput. At the end it waits for the backlog to drain, reads every output back and counts lost articles
(sent, never enriched) and double counts (incidents whose report_count differs from the articles assigned to them).
Results go to --out (JSON with the samples and a summary) and the same path with .csv (the samples).

The articles are the seed reports (seeds/articles.jsonl) with fresh ids, their dates moved one day per pass over
the seeds, so incidents keep opening and closing as in a real wire.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer

from streams import jsonio, topics
from streams.broker import EmbeddedBroker, free_port
from streams.cli import process_tree, remove_tree, spawn_worker
from streams.kafka import MAX_MESSAGE_BYTES, client_kwargs, create_topics, tail
from streams.processes import stop_process
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[1]
WORKER_READY_TIMEOUT_S = 600.0
DRAIN_TIMEOUT_S = 600.0


@dataclass
class Sample:
    """One measurement, every --interval seconds."""

    elapsed_s: float
    sent: int
    consumed: int
    enriched: int
    lag_sent_minus_consumed: int
    lag_gauge: float
    enriched_per_s: float
    worker_rss_mb: float
    tagging_rss_mb: float  # the worker's forked tagging processes together (pages shared with it counted again)
    broker_rss_mb: float


def seed_articles() -> list[dict[str, Any]]:
    lines = (REPO / "seeds" / "articles.jsonl").read_bytes().splitlines()
    return [jsonio.loads(line) for line in lines if line.strip()]


def article_stream(seeds: list[dict[str, Any]], count: int) -> list[tuple[bytes, bytes]]:
    """`count` articles: the seeds in turn, each pass with new ids and dates one day later."""
    messages = []
    for n in range(count):
        seed = seeds[n % len(seeds)]
        shift = timedelta(days=n // len(seeds))
        published = datetime.fromisoformat(seed["published_at"].replace("Z", "+00:00")) + shift
        article = seed | {"id": f"soak-{n:07d}", "published_at": published.astimezone(UTC).isoformat()}
        messages.append((article["id"].encode(), jsonio.dumps(article)))
    return messages


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def scrape(web_port: int) -> dict[str, float]:
    """The worker's /metrics as name{labels} -> value (empty while it is not serving)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/metrics", timeout=10) as response:
            text = response.read().decode()
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def owns_partitions(web_port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/healthz", timeout=5) as response:
            page = jsonio.loads(response.read())
    except OSError:
        return False
    return any(str(a).startswith(topics.RAW_ARTICLES + ":") for a in page.get("assigned", []))


def metric(values: dict[str, float], prefix: str) -> float:
    return sum(v for k, v in values.items() if k == prefix or k.startswith(prefix + "{"))


async def soak(
    args: argparse.Namespace, settings: Settings, broker_url: str, worker_pid: int, broker_pid: int
) -> dict[str, Any]:
    count = int(args.rate * args.duration)
    messages = article_stream(seed_articles(), count)
    producer = AIOKafkaProducer(**client_kwargs(settings, broker_url), acks="all", max_request_size=MAX_MESSAGE_BYTES)
    await producer.start()
    samples: list[Sample] = []
    sent = 0
    started = time.monotonic()
    next_sample = started + args.interval
    meter = Meter(args.web_port, worker_pid, broker_pid, started)
    meter.last_enriched = metric(scrape(args.web_port), "wirefuse_articles_enriched_total")
    try:
        for index, (key, value) in enumerate(messages):
            due = started + index / args.rate
            while True:
                now = time.monotonic()
                if now >= next_sample:
                    samples.append(meter.sample(sent))
                    print(format_sample(samples[-1]), flush=True)
                    next_sample += args.interval
                    continue
                if now >= due:
                    break
                await asyncio.sleep(min(due, next_sample) - now)  # pacing by the clock: this is the fixed rate
            await producer.send_and_wait(topics.RAW_ARTICLES, key=key, value=value)
            sent += 1
    finally:
        await producer.stop()
    send_seconds = time.monotonic() - started
    drain_deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while time.monotonic() < drain_deadline:
        values = scrape(args.web_port)
        if (
            metric(values, "wirefuse_articles_enriched_total") + metric(values, "wirefuse_articles_dead_lettered_total")
            >= sent
        ):
            break
        await asyncio.sleep(1.0)  # waiting for the backlog to drain, with a deadline
    samples.append(meter.sample(sent))
    print(format_sample(samples[-1]), flush=True)
    counts = await read_back(settings, broker_url, {key.decode() for key, _ in messages})
    return {"samples": samples, "sent": sent, "send_seconds": send_seconds, **counts}


@dataclass
class Meter:
    """Takes the samples; remembers the previous one to turn the enriched counter into a rate."""

    web_port: int
    worker_pid: int
    broker_pid: int
    started: float
    last_enriched: float = 0.0
    last_time: float = 0.0

    def sample(self, sent: int) -> Sample:
        values = scrape(self.web_port)
        consumed = int(metric(values, "wirefuse_articles_consumed_total"))
        enriched = int(metric(values, "wirefuse_articles_enriched_total"))
        now = time.monotonic()
        since = max(now - (self.last_time or self.started), 1e-6)
        sample = Sample(
            elapsed_s=round(now - self.started, 1),
            sent=sent,
            consumed=consumed,
            enriched=enriched,
            lag_sent_minus_consumed=sent - consumed,
            lag_gauge=metric(values, "wirefuse_consumer_lag_messages"),
            enriched_per_s=round((enriched - self.last_enriched) / since, 2),
            worker_rss_mb=round(rss_mb(self.worker_pid), 1),
            tagging_rss_mb=round(sum(rss_mb(pid) for pid in process_tree(self.worker_pid)[1:]), 1),
            broker_rss_mb=round(rss_mb(self.broker_pid), 1) if self.broker_pid else 0.0,
        )
        self.last_enriched, self.last_time = enriched, now
        return sample


def format_sample(s: Sample) -> str:
    return (
        f"t={s.elapsed_s:6.0f}s sent={s.sent} consumed={s.consumed} enriched={s.enriched} "
        f"lag={s.lag_sent_minus_consumed} rate={s.enriched_per_s}/s worker_rss={s.worker_rss_mb}MB "
        f"tagging_rss={s.tagging_rss_mb}MB broker_rss={s.broker_rss_mb}MB"
    )


async def read_back(settings: Settings, broker_url: str, ids: set[str]) -> dict[str, Any]:
    """Lost articles and double counts, from what actually reached the output topics."""
    enriched: dict[str, int] = {}
    assigned: dict[str, str] = {}
    latest: dict[str, dict[str, Any]] = {}
    async for record in tail(settings, broker_url, (topics.ENRICHED_ARTICLES, topics.INCIDENTS), idle_timeout_s=5.0):
        value = jsonio.loads(record.value or b"{}")
        if record.topic == topics.ENRICHED_ARTICLES:
            enriched[value["id"]] = enriched.get(value["id"], 0) + 1
            assigned[value["id"]] = value["incident_id"]
        elif value["version"] >= latest.get(value["incident_id"], {"version": -1})["version"]:
            latest[value["incident_id"]] = value
    for article_id, first_incident in list(assigned.items()):
        incident_id = first_incident
        for _ in range(50):  # follow merges to the surviving incident
            record = latest.get(incident_id, {})
            if record.get("status") != "merged" or not record.get("merged_into"):
                break
            incident_id = record["merged_into"]
        assigned[article_id] = incident_id
    members: dict[str, int] = {}
    for incident_id in assigned.values():
        members[incident_id] = members.get(incident_id, 0) + 1
    double_counted = [i for i, n in members.items() if latest.get(i, {}).get("report_count") != n]
    return {
        "lost": len(ids - set(enriched)),
        "enriched_more_than_once": sum(1 for n in enriched.values() if n > 1),
        "incidents": len(members),
        "incidents_miscounted": len(double_counted),
    }


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    samples: list[Sample] = result["samples"]
    during = [s for s in samples[:-1]] or samples
    half = during[len(during) // 2 :]
    first, last = half[0].worker_rss_mb, half[-1].worker_rss_mb
    return {
        "sent": result["sent"],
        "send_seconds": round(result["send_seconds"], 1),
        "worker_rss_mb_first_sample": during[0].worker_rss_mb,
        "worker_rss_mb_peak": max(s.worker_rss_mb for s in samples),
        "worker_rss_growth_last_half_pct": _growth(first, last),
        "tagging_rss_mb_first_sample": during[0].tagging_rss_mb,
        "tagging_rss_mb_peak": max(s.tagging_rss_mb for s in samples),
        "tagging_rss_growth_last_half_pct": _growth(half[0].tagging_rss_mb, half[-1].tagging_rss_mb),
        "max_lag": max(s.lag_sent_minus_consumed for s in samples),
        "mean_enriched_per_s": round(sum(s.enriched_per_s for s in during) / len(during), 2),
        "broker_rss_mb_last": samples[-1].broker_rss_mb,
        "lost": result["lost"],
        "enriched_more_than_once": result["enriched_more_than_once"],
        "incidents": result["incidents"],
        "incidents_miscounted": result["incidents_miscounted"],
    }


def _growth(first: float, last: float) -> float | None:
    return round(100 * (last - first) / first, 1) if first else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of sending (default 600)")
    parser.add_argument("--rate", type=float, default=3.0, help="articles per second (default 3)")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between samples (default 10)")
    parser.add_argument(
        "--out", type=Path, default=REPO / ".cache" / "soak" / "soak-result.json", help="JSON result (+ .csv samples)"
    )
    parser.add_argument("--broker-url", help="use this Kafka instead of starting the embedded broker")
    args = parser.parse_args(argv)
    args.web_port = free_port()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env()
    data_dir = Path(tempfile.mkdtemp(prefix="wirefuse-soak-"))
    broker = None if args.broker_url else EmbeddedBroker(log_path=data_dir / "tansu.log").start()
    broker_url = args.broker_url or (broker.url if broker else "")
    worker = None
    try:
        asyncio.run(create_topics(settings, broker_url))
        log = open(data_dir / "worker.log", "wb")  # noqa: SIM115 - lives as long as the worker
        env = {
            "WIREFUSE_BROKER_URL": broker_url,
            "WIREFUSE_DATA_DIR": str(data_dir / "data"),
            "WIREFUSE_WEB_PORT": str(args.web_port),
            "WIREFUSE_LOG_LEVEL": "warning",
        }
        worker = spawn_worker(env, log)
        print(f"worker pid {worker.pid}, logs in {data_dir}; waiting for it to own its partitions ...", flush=True)
        deadline = time.monotonic() + WORKER_READY_TIMEOUT_S
        while not owns_partitions(args.web_port):
            if worker.poll() is not None or time.monotonic() > deadline:
                print("worker did not start; see its log", file=sys.stderr)
                return 1
            time.sleep(1.0)  # polling the worker's health page, with a deadline
        broker_pid = broker.process.pid if broker and broker.process else 0
        result = asyncio.run(soak(args, settings, broker_url, worker.pid, broker_pid))
    finally:
        code = stop_process(worker) if worker is not None else None
        if broker is not None:
            broker.stop()
    summary = summarise(result) | {"worker_exit_code": code, "rate_per_s": args.rate, "duration_s": args.duration}
    args.out.write_bytes(jsonio.dumps({"summary": summary, "samples": [asdict(s) for s in result["samples"]]}))
    with open(args.out.with_suffix(".csv"), "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(asdict(result["samples"][0])))
        writer.writeheader()
        writer.writerows(asdict(s) for s in result["samples"])
    print(jsonio.dumps(summary).decode(), flush=True)
    remove_tree(data_dir / "data")
    return 0 if summary["lost"] == 0 and summary["incidents_miscounted"] == 0 and code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
