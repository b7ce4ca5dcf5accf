"""`wirefuse run` / `wirefuse demo`: broker (embedded unless configured), topics, workers, seeds, live output."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import signal
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams import jsonio, topics
from streams.broker import EmbeddedBroker
from streams.cli import (
    SEED_FEED_PARTITION,
    SEEDS_DIR,
    remove_tree,
    seed_messages,
    spawn_worker,
    temporary_data_dir,
)
from streams.errors import BrokerError
from streams.kafka import create_topics, produce_messages, tail
from streams.processes import stop_process
from streams.settings import Settings
from streams.stages.publish import incident_line, summary_line

DEMO_TIMEOUT_S = 600.0


@dataclass
class OutputCollector:
    """What the run has seen on the output topics, and whether every seed has come out."""

    expected_articles: int
    expected_dead_letters: int
    enriched: dict[str, dict[str, Any]] = field(default_factory=dict)
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    dead_letters: int = 0

    def add(self, topic: str, value: bytes, headers: list[tuple[str, bytes]]) -> str:
        if topic == topics.ENRICHED_ARTICLES:
            record = jsonio.loads(value)
            self.enriched[record["id"]] = record
            return summary_line(record)
        if topic == topics.INCIDENTS:
            record = jsonio.loads(value)
            current = self.incidents.get(record["incident_id"])
            if current is None or record["version"] >= current["version"]:
                self.incidents[record["incident_id"]] = record
            return incident_line(record)
        self.dead_letters += 1
        named = {k: v.decode("utf-8", "replace") for k, v in headers}
        return (
            f"DEAD LETTER {named.get(topics.DLQ_HEADER_STAGE)}/{named.get(topics.DLQ_HEADER_CODE)}: "
            f"{named.get(topics.DLQ_HEADER_MESSAGE, '')[:120]}"
        )

    def complete(self) -> bool:
        """Every seed enriched and counted in its incident's latest record, every malformed input dead-lettered."""
        if len(self.enriched) < self.expected_articles or self.dead_letters < self.expected_dead_letters:
            return False
        counted = {r["article_id"] for rec in self.incidents.values() for r in rec.get("reports", [])}
        return all(article_id in counted for article_id in self.enriched)


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    """SIGTERM takes the Ctrl-C path: the exit stack stops the workers and the broker."""
    ctrl_c = signal.getsignal(signal.SIGINT)
    if callable(ctrl_c) and ctrl_c is not signal.default_int_handler:
        # asyncio.run's own handler: it cancels the main task, so the output consumer closes in order before the
        # KeyboardInterrupt, instead of being interrupted wherever the event loop happens to be.
        ctrl_c(signal.SIGINT, frame)
        return
    raise KeyboardInterrupt


def _timed_stop(what: str, stop: Callable[[], int | None]) -> None:
    """Stop one part and say how long it took: a slow stop shows which part held it up."""
    started = time.monotonic()
    exit_code = stop()
    detail = "" if exit_code is None else f", exit code {exit_code}"
    print(f"{what} stopped ({time.monotonic() - started:.1f} s{detail})", flush=True)


def run_command(settings: Settings, *, demo: bool, workers: int) -> int:
    """Start what is missing, feed the seeds, print outputs; `demo` stops once all seeds are through."""
    # SIGTERM (a `make run` stopped by its supervisor, `kill`) ends Python without unwinding: the workers and the
    # broker it started would be left running (seen on 3 December).
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with contextlib.ExitStack() as stack:
        try:
            return _start_and_follow(stack, settings, demo=demo, workers=workers)
        except KeyboardInterrupt:
            # Ctrl-C or SIGTERM, at any step: what has started is stopped by the exit stack, in reverse order.
            print("\nstopping workers and broker ...", flush=True)
            return 0


def _start_and_follow(stack: contextlib.ExitStack, settings: Settings, *, demo: bool, workers: int) -> int:
    broker_url = settings.broker_url
    if not broker_url:
        # Kept after the run, as the workers' logs are, for whoever looks into a failed one.
        log_fd, log_name = tempfile.mkstemp(prefix="wirefuse-broker-", suffix=".log")
        os.close(log_fd)  # the broker opens it itself
        broker_log = Path(log_name)
        broker = EmbeddedBroker(port=settings.embedded_broker_port, log_path=broker_log).start()
        stack.callback(_timed_stop, "embedded broker", broker.stop)
        broker_url = broker.url
        print(f"embedded broker on {broker.bootstrap} (log {broker_log})", flush=True)
    asyncio.run(create_topics(settings, broker_url))
    processes = []
    for index in range(workers):
        data_dir = temporary_data_dir()
        stack.callback(remove_tree, data_dir)
        log_path = Path(data_dir.parent / f"{data_dir.name}.log")
        log = stack.enter_context(open(log_path, "wb"))  # noqa: SIM115 - the caller's exit stack closes it
        env = {
            "WIREFUSE_BROKER_URL": broker_url,
            "WIREFUSE_DATA_DIR": str(data_dir),
            "WIREFUSE_WEB_PORT": str(settings.web_port + index),
        }
        processes.append(spawn_worker(env, log))
        stack.callback(_timed_stop, f"worker {index}", functools.partial(stop_process, processes[-1]))
        print(f"worker {index} started (pid {processes[-1].pid}, log {log_path})", flush=True)
    articles, malformed = seed_messages()
    asyncio.run(
        produce_messages(settings, broker_url, topics.RAW_ARTICLES, articles + malformed, partition=SEED_FEED_PARTITION)
    )
    collector = OutputCollector(expected_articles=len(articles), expected_dead_letters=len(malformed))
    print(f"sent {len(articles)} seed reports and {len(malformed)} malformed messages", flush=True)
    asyncio.run(_follow(settings, broker_url, collector, demo, processes))
    if not demo:
        return 0
    print()
    print(incident_table(collector))
    print()
    print(metrics_summary(settings.web_port))
    report, matches = grouping_report(collector)
    print(report)
    return 0 if matches else 1


async def _follow(
    settings: Settings, broker_url: str, collector: OutputCollector, demo: bool, processes: list[Any]
) -> None:
    names = (topics.ENRICHED_ARTICLES, topics.INCIDENTS, topics.DEAD_LETTERS)

    async def consume() -> None:
        async for record in tail(settings, broker_url, names):
            print(collector.add(record.topic, record.value or b"", list(record.headers or [])), flush=True)
            if demo and collector.complete():
                return
            if any(p.poll() is not None for p in processes):
                raise BrokerError("a worker exited; see its log")

    if demo:
        await asyncio.wait_for(consume(), DEMO_TIMEOUT_S)
    else:
        await consume()


def grouping_report(collector: OutputCollector) -> tuple[str, bool]:
    """Compare the incidents found with `seeds/expected_incidents.json` (the seeds' answer key)."""
    expected: dict[str, str] = jsonio.loads((SEEDS_DIR / "expected_incidents.json").read_bytes())
    found = {article_id: record["incident_id"] for article_id, record in collector.enriched.items()}
    by_label: dict[str, set[str]] = {}
    for article_id, label in expected.items():
        by_label.setdefault(label, set()).add(article_id)
    problems = []
    for label, members in sorted(by_label.items()):
        incidents = {found.get(a) for a in members}
        if len(incidents) > 1:
            problems.append(f"  {label}: split over {len(incidents)} incidents")
        others = {a for a, inc in found.items() if inc in incidents and a not in members}
        if others:
            problems.append(f"  {label}: merged with {', '.join(sorted(others))}")
    if not problems:
        return f"grouping matches seeds/expected_incidents.json ({len(by_label)} incidents)", True
    return "grouping differs from seeds/expected_incidents.json:\n" + "\n".join(problems), False


def incident_table(collector: OutputCollector) -> str:
    """The demo's summary: one row per live incident."""
    rows = [("incident", "event place", "main actors", "reports", "sources")]
    for record in sorted(collector.incidents.values(), key=lambda r: r.get("first_seen") or ""):
        if record.get("status") == "merged":
            continue
        place = record.get("event_location") or {}
        actors = ", ".join(_actor_names(record.get("actors") or [])[:3])
        sources = ", ".join(sorted({r.get("source") or "?" for r in record.get("reports", [])}))
        rows.append(
            (record["incident_id"], place.get("name") or "-", actors or "-", str(record["report_count"]), sources)
        )
    widths = [min(44, max(len(row[i]) for row in rows)) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _actor_names(actors: list[Any]) -> list[str]:
    names = []
    for actor in actors:
        name = actor.get("code") or actor.get("name") if isinstance(actor, dict) else str(actor)
        if name and name not in names:
            names.append(str(name))
    return names


def metrics_summary(web_port: int) -> str:
    """The worker's own counters, read from its /metrics page as an operator would."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError as exc:
        return f"/metrics not reachable: {exc}"
    wanted = (
        "wirefuse_articles_consumed_total",
        "wirefuse_articles_enriched_total",
        "wirefuse_articles_dead_lettered_total",
        "wirefuse_verdicts_total",
        "wirefuse_stage_duration_seconds_count",
        "wirefuse_stage_duration_seconds_sum",
    )
    # Label sets are created at 0 on start; the summary shows only what happened.
    picked = [line for line in _metric_lines(text) if line.startswith(wanted) and not line.endswith(" 0.0")]
    return "worker /metrics:\n  " + "\n  ".join(picked)


def _metric_lines(text: str) -> Iterator[str]:
    return (line for line in text.splitlines() if line and not line.startswith("#"))


if __name__ == "__main__":
    sys.exit(run_command(Settings.from_env(), demo=True, workers=1))
