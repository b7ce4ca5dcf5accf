"""The `wirefuse` command: offline enrichment, the worker, and the one-command run/demo on the embedded broker."""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from streams import __version__, jsonio
from streams.errors import ConfigError, WirefuseError
from streams.settings import Settings

KeyValue = tuple[bytes | None, bytes]
# The seeds are one feed in publication order; incident matching depends on arrival order (docs/incidents.md),
# and Kafka orders only within a partition, so the seed producer keeps them on one.
SEED_FEED_PARTITION = 0
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wirefuse", description=__doc__)
    parser.add_argument("--version", action="version", version=f"wirefuse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    enrich = sub.add_parser("enrich", help="enrich a JSON Lines file offline with the stream's stage functions")
    enrich.add_argument("input", help="raw articles, one JSON object per line ('-' = stdin)")
    enrich.add_argument("-o", "--output", default="-", help="enriched articles ('-' = stdout)")
    enrich.add_argument("--incidents", help="also write every incident record to this JSON Lines file")

    sub.add_parser("worker", help="run one Faust worker against WIREFUSE_BROKER_URL")
    sub.add_parser("create-topics", help="create all topics on WIREFUSE_BROKER_URL")
    produce = sub.add_parser("produce-seeds", help="send the seed reports (and malformed inputs) to the raw topic")
    produce.add_argument("--no-malformed", action="store_true", help="only the well-formed seed reports")

    for name, text in (("run", "run everything until Ctrl-C"), ("demo", "run the seeds through and print a summary")):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--workers", type=int, default=1, help="number of worker processes")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
        logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
        if args.command == "enrich":
            return enrich_command(settings, args.input, args.output, args.incidents)
        if args.command == "worker":
            return worker_command(settings)
        if args.command == "create-topics":
            return asyncio.run(_create_topics(settings, require_broker_url(settings)))
        if args.command == "produce-seeds":
            return asyncio.run(_produce_seeds(settings, require_broker_url(settings), not args.no_malformed))
        from streams.runner import run_command

        return run_command(settings, demo=args.command == "demo", workers=args.workers)
    except WirefuseError as exc:
        print(f"wirefuse: {exc.code}: {exc.message}", file=sys.stderr)
        return 2


def require_broker_url(settings: Settings) -> str:
    if not settings.broker_url:
        raise ConfigError("set WIREFUSE_BROKER_URL (or use `wirefuse run`, which starts a broker)")
    return settings.broker_url


def enrich_command(settings: Settings, input_path: str, output_path: str, incidents_path: str | None) -> int:
    """One enriched line per accepted input line, same order; rejected lines are reported on stderr."""
    from streams.incidents import MatchConfig
    from streams.pipeline import Enriched, OfflinePipeline, load_taggers

    pipeline = OfflinePipeline(settings, load_taggers(settings), MatchConfig.from_settings(settings))
    accepted = rejected = 0
    with _open(input_path, "rb", sys.stdin.buffer) as source, _open(output_path, "wb", sys.stdout.buffer) as sink:
        incidents_sink = open(incidents_path, "wb") if incidents_path else None  # noqa: SIM115 - closed below
        numbered = list(_numbered_lines(source))
        try:
            for (line_no, _raw), result in zip(numbered, pipeline.run(raw for _, raw in numbered), strict=True):
                if isinstance(result, Enriched):
                    accepted += 1
                    sink.write(jsonio.dumps_line(result.record))
                    if incidents_sink is not None:
                        for record in result.incident_records:
                            incidents_sink.write(jsonio.dumps_line(record))
                else:
                    rejected += 1
                    err = result.error
                    print(f"line {line_no}: {err.stage}/{err.code}: {err.message[:300]}", file=sys.stderr)
        finally:
            if incidents_sink is not None:
                incidents_sink.close()
    print(f"wirefuse enrich: {accepted} enriched, {rejected} rejected", file=sys.stderr)
    return 0


def _numbered_lines(source: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for line_no, line in enumerate(source, start=1):
        stripped = line.rstrip(b"\r\n")
        if stripped.strip():
            yield line_no, stripped


@contextlib.contextmanager
def _open(path: str, mode: str, std: IO[bytes]) -> Iterator[IO[bytes]]:
    if path == "-":
        yield std
        std.flush()
        return
    with open(path, mode) as handle:
        yield handle


def worker_command(settings: Settings) -> int:
    """Start one Faust worker; it runs until SIGINT/SIGTERM and then commits and stops cleanly."""
    from streams.agents import register_agents
    from streams.app import create_app, create_worker
    from streams.errors import DEAD_LETTER_CODES, DEGRADED_WARNINGS
    from streams.incidents import MatchConfig
    from streams.kafka import check_access
    from streams.metrics import BUILD_INFO, initialise_label_sets
    from streams.pipeline import load_taggers
    from streams.tag_executors import tag_executor
    from streams.web import register_pages

    broker_url = require_broker_url(settings)
    # Before the models load (minutes on a busy host): wrong credentials or TLS settings stop the worker in seconds.
    asyncio.run(check_access(settings, broker_url))
    taggers = load_taggers(settings)
    # Forked here, before Faust starts any thread (docs/performance.md: tagging processes).
    tagging = tag_executor(taggers, settings.tag_processes)
    wa = create_app(settings, broker_url)
    register_agents(wa, settings, tagging, MatchConfig.from_settings(settings))
    register_pages(wa)
    BUILD_INFO.info(build_info(settings, taggers))
    initialise_label_sets(DEAD_LETTER_CODES, DEGRADED_WARNINGS)
    create_worker(wa, settings).execute_from_commandline()
    return 0


def build_info(settings: Settings, taggers: Any) -> dict[str, str]:
    from spacy import about

    meta = taggers.nlp.meta
    return {
        "version": __version__,
        "spacy_version": about.__version__,
        "spacy_model": f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}",
        "table_store": settings.table_store,
    }


async def _create_topics(settings: Settings, broker_url: str) -> int:
    from streams.kafka import create_topics

    created = await create_topics(settings, broker_url)
    print(f"created topics: {', '.join(created) or '(all existed)'}")
    return 0


def seed_messages(include_malformed: bool = True) -> tuple[list[KeyValue], list[KeyValue]]:
    """(seed reports, malformed inputs) as (key, value) pairs, exactly as a producer would send them."""
    articles: list[KeyValue] = []
    for line in (SEEDS_DIR / "articles.jsonl").read_bytes().splitlines():
        if line.strip():
            articles.append((str(jsonio.loads(line)["id"]).encode(), line))
    malformed: list[KeyValue] = []
    if include_malformed:
        for line in (SEEDS_DIR / "malformed.jsonl").read_bytes().splitlines():
            if line.strip():
                case = jsonio.loads(line)
                malformed.append((case["case"].encode(), base64.b64decode(case["payload_b64"])))
    return articles, malformed


async def _produce_seeds(settings: Settings, broker_url: str, include_malformed: bool) -> int:
    from streams.kafka import produce_messages
    from streams.topics import RAW_ARTICLES

    articles, malformed = seed_messages(include_malformed)
    messages = articles + malformed
    await produce_messages(settings, broker_url, RAW_ARTICLES, messages, partition=SEED_FEED_PARTITION)
    print(f"sent {len(messages)} messages to {RAW_ARTICLES}")
    return 0


def temporary_data_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="wirefuse-data-"))


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def spawn_worker(settings_env: dict[str, str], log: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """A worker in its own process (the same command a deployment runs)."""
    env = os.environ | settings_env
    return subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "worker"], env=env, stdout=log, stderr=log, start_new_session=True
    )


def process_tree(pid: int) -> list[int]:
    """A process and its live descendants (the worker and its tagging processes), from /proc/PID/task/*/children."""
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue  # the task ended while we read
    return found


if __name__ == "__main__":
    sys.exit(main())
