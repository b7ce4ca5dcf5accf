"""The whole pipeline as deployed: a worker process on the embedded broker, fed the seeds and the malformed inputs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from streams import jsonio, topics
from streams.broker import EmbeddedBroker, free_port
from streams.cli import SEED_FEED_PARTITION, seed_messages
from streams.kafka import create_topics, produce_messages, tail
from streams.processes import stop_process
from streams.runner import OutputCollector
from streams.settings import Settings

pytestmark = pytest.mark.integration
RUN_TIMEOUT_S = 300.0


def worker_env(broker: EmbeddedBroker, data_dir: Path, web_port: int) -> dict[str, str]:
    return os.environ | {
        "WIREFUSE_BROKER_URL": broker.url,
        "WIREFUSE_DATA_DIR": str(data_dir),
        "WIREFUSE_WEB_PORT": str(web_port),
        "WIREFUSE_LOG_LEVEL": "warning",
    }


@pytest.fixture(scope="module")
def seeded_run(
    embedded_broker: EmbeddedBroker, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """Start a worker, produce every seed and malformed input, collect the outputs until all are through."""
    asyncio.run(create_topics(settings, embedded_broker.url))
    articles, malformed = seed_messages()
    asyncio.run(
        produce_messages(
            settings, embedded_broker.url, topics.RAW_ARTICLES, articles + malformed, partition=SEED_FEED_PARTITION
        )
    )
    work = tmp_path_factory.mktemp("worker")
    log = open(work / "worker.log", "wb")  # noqa: SIM115 - closed after the worker stops
    web_port = free_port()
    worker = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "worker"],
        env=worker_env(embedded_broker, work / "data", web_port),
        stdout=log,
        stderr=log,
    )
    collector = OutputCollector(expected_articles=len(articles), expected_dead_letters=len(malformed))
    records: dict[str, list[Any]] = {topics.INCIDENTS: [], topics.DEAD_LETTERS: []}

    async def collect() -> None:
        names = (topics.ENRICHED_ARTICLES, topics.INCIDENTS, topics.DEAD_LETTERS)
        async for record in tail(settings, embedded_broker.url, names):
            collector.add(record.topic, record.value or b"", list(record.headers or []))
            if record.topic in records:
                records[record.topic].append(record)
            if collector.complete():
                return
            assert worker.poll() is None, (work / "worker.log").read_text()[-3000:]

    try:
        asyncio.run(asyncio.wait_for(collect(), RUN_TIMEOUT_S))
        yield {"collector": collector, "records": records, "malformed": malformed, "web_port": web_port}
    finally:
        assert stop_process(worker) == 0, (work / "worker.log").read_text()[-3000:]
        log.close()


def test_every_seed_is_enriched_with_the_expected_grouping(
    seeded_run: dict[str, Any], seed_expected: dict[str, str], same_grouping: Any
) -> None:
    collector: OutputCollector = seeded_run["collector"]
    same_grouping({aid: rec["incident_id"] for aid, rec in collector.enriched.items()}, seed_expected)


def test_incident_versions_grow_by_one_and_count_each_report_once(seeded_run: dict[str, Any]) -> None:
    versions: dict[str, list[int]] = {}
    for record in seeded_run["records"][topics.INCIDENTS]:
        incident = jsonio.loads(record.value)
        assert record.key.decode() == incident["incident_id"]
        versions.setdefault(incident["incident_id"], []).append(incident["version"])
        ids = [r["article_id"] for r in incident["reports"]]
        assert len(ids) == len(set(ids)) == incident["report_count"]
    for incident_id, seen in versions.items():
        assert seen == list(range(1, len(seen) + 1)), incident_id


def test_every_malformed_input_is_dead_lettered_with_its_original_bytes(seeded_run: dict[str, Any]) -> None:
    expected_codes = {
        jsonio.loads(line)["case"]: jsonio.loads(line)["expected_code"]
        for line in (Path(__file__).resolve().parents[2] / "seeds" / "malformed.jsonl").read_bytes().splitlines()
        if line.strip()
    }
    got: dict[str, tuple[str, bytes]] = {}
    for record in seeded_run["records"][topics.DEAD_LETTERS]:
        headers = dict(record.headers)
        assert headers[topics.DLQ_HEADER_STAGE] == b"parse"
        assert headers[topics.DLQ_HEADER_TOPIC].decode() == topics.RAW_ARTICLES
        got[record.key.decode()] = (headers[topics.DLQ_HEADER_CODE].decode(), record.value)
    assert {case: code for case, (code, _) in got.items()} == expected_codes
    originals = {key.decode(): value for key, value in seeded_run["malformed"] if key is not None}
    assert {case: value for case, (_, value) in got.items()} == originals


def test_worker_metrics_page_counts_what_happened(seeded_run: dict[str, Any]) -> None:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{seeded_run['web_port']}/metrics", timeout=10) as response:
        text = response.read().decode()
    values = {
        line.split(" ")[0]: float(line.split(" ")[1]) for line in text.splitlines() if line and not line.startswith("#")
    }
    collector: OutputCollector = seeded_run["collector"]
    total_in = len(collector.enriched) + len(seeded_run["malformed"])
    assert values["wirefuse_articles_consumed_total"] == total_in
    assert values["wirefuse_articles_enriched_total"] == len(collector.enriched)
    dead = sum(v for k, v in values.items() if k.startswith("wirefuse_articles_dead_lettered_total{"))
    assert dead == len(seeded_run["malformed"])
    assert values['wirefuse_stage_duration_seconds_count{stage="tag"}'] == len(collector.enriched)
    assert any(k.startswith("faust_") for k in values), "Faust's own sensor is served on the same page"


def test_real_prometheus_scrapes_the_worker(seeded_run: dict[str, Any], tmp_path: Path) -> None:
    from prometheus_server import PrometheusServer

    collector: OutputCollector = seeded_run["collector"]
    total_in = len(collector.enriched) + len(seeded_run["malformed"])
    with PrometheusServer(tmp_path, [f"127.0.0.1:{seeded_run['web_port']}"]) as prometheus:
        assert prometheus.wait_for_value("up", 1.0) == 1.0
        assert prometheus.wait_for_value("wirefuse_articles_consumed_total", total_in) == total_in
        assert prometheus.wait_for_value("wirefuse_articles_enriched_total", len(collector.enriched)) == len(
            collector.enriched
        )
        dead = len(seeded_run["malformed"])
        assert prometheus.wait_for_value("sum(wirefuse_articles_dead_lettered_total)", dead) == dead
        verdicts = sum(float(r["value"][1]) for r in prometheus.query("wirefuse_verdicts_total"))
        assert verdicts == len(collector.enriched)
        assert prometheus.query("wirefuse_build_info"), "build info is exported"
