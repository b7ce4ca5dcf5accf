"""Every case of the bad-input corpus through the offline command and through a worker on the embedded broker."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from faults_support import (
    BadCase,
    Collected,
    Message,
    Sent,
    WorkerProcess,
    collect_until,
    header_map,
    load_cases,
    produce,
    synthetic_article,
)

from streams import jsonio, topics
from streams.broker import EmbeddedBroker
from streams.kafka import create_topics
from streams.settings import Settings
from streams.topics import DLQ_HEADER_ORIGINAL_BYTES, DLQ_HEADER_TRUNCATED

pytestmark = pytest.mark.integration
PARTITIONS = 4
WORKER_RUN_TIMEOUT_S = 900.0
OFFLINE_TIMEOUT_S = 900.0


def line_safe(payload: bytes) -> bool:
    """Bytes `wirefuse enrich` can read as one JSON Lines line (it splits on newlines and skips blank lines)."""
    return b"\n" not in payload and not payload.endswith(b"\r") and bool(payload.strip())


@pytest.fixture(scope="module")
def cases() -> list[BadCase]:
    return load_cases()


@dataclass
class Plan:
    """What was sent, in order: each bad case's messages with a good article just before and just after it."""

    messages: list[Message]
    labels: list[tuple[str, BadCase | None]]  # (good article id or case name, case or None for a good one)


def interleave(cases: list[BadCase], partitions: int) -> Plan:
    """good, bad..., good for every case, all on one partition per case, partitions in turn."""
    messages: list[Message] = []
    labels: list[tuple[str, BadCase | None]] = []
    seq = 0
    for index, case in enumerate(cases):
        partition = index % partitions
        before_id, before = synthetic_article(seq)
        after_id, after = synthetic_article(seq + 1)
        seq += 2
        messages.append(Message(before_id.encode(), before, partition))
        labels.append((before_id, None))
        for payload in case.payloads:
            messages.append(Message(case.key, payload, partition))
            labels.append((case.name, case))
        messages.append(Message(after_id.encode(), after, partition))
        labels.append((after_id, None))
    return Plan(messages, labels)


# --- offline: `wirefuse enrich`, and the pipeline in process for bytes that cannot be one line


def test_offline_command_handles_every_case_and_keeps_the_good_lines_in_order(
    cases: list[BadCase], tmp_path: Path
) -> None:
    plan = interleave([c for c in cases if all(line_safe(p) for p in c.payloads)], 1)
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(m.value for m in plan.messages) + b"\n")
    target = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "enrich", str(source), "-o", str(target)],
        capture_output=True,
        timeout=OFFLINE_TIMEOUT_S,
        check=False,
    )
    stderr = done.stderr.decode(errors="replace")
    assert done.returncode == 0, stderr[-3000:]
    output = [jsonio.loads(line) for line in target.read_bytes().splitlines() if line.strip()]

    expected_ids = [
        case.article_id if case else label for label, case in plan.labels if case is None or not case.dead_letter
    ]
    assert [record["id"] for record in output] == expected_ids

    reported = dict(re.findall(r"^line (\d+): (parse/\w+):", stderr, re.M))
    for line_no, (label, case) in enumerate(plan.labels, start=1):
        if case is not None and case.dead_letter:
            assert reported.get(str(line_no)) == f"parse/{case.code}", (label, line_no)
    assert len(reported) == sum(1 for _, c in plan.labels if c is not None and c.dead_letter)

    accepted = [case for _, case in plan.labels if case is None or not case.dead_letter]
    for record, case in zip(output, accepted, strict=True):
        if case is not None:
            assert case.warnings_ok(record["warnings"]), (case.name, record["warnings"])


def test_offline_pipeline_handles_the_cases_that_are_not_one_line(
    cases: list[BadCase], settings: Settings, taggers: Any
) -> None:
    from streams.incidents import MatchConfig
    from streams.pipeline import Enriched, OfflinePipeline, Rejected

    multiline = [c for c in cases if not all(line_safe(p) for p in c.payloads)]
    assert multiline, "the corpus has cases with newline bytes or blank messages"
    plan = interleave(multiline, 1)
    pipeline = OfflinePipeline(settings, taggers, MatchConfig.from_settings(settings))
    results = list(pipeline.run(m.value for m in plan.messages))
    assert len(results) == len(plan.labels)
    for (label, case), message, result in zip(plan.labels, plan.messages, results, strict=True):
        if case is None:
            assert isinstance(result, Enriched) and result.record["id"] == label
        elif case.dead_letter:
            assert isinstance(result, Rejected), case.name
            assert (result.error.stage, result.error.code, result.raw) == ("parse", case.code, message.value)
        else:
            assert isinstance(result, Enriched) and case.warnings_ok(result.record["warnings"]), case.name


# --- streaming: one worker on its own embedded broker


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    with EmbeddedBroker(log_path=tmp_path_factory.mktemp("bad-inputs-broker") / "tansu.log") as started:
        yield started


@pytest.fixture(scope="module")
def worker_run(
    broker: EmbeddedBroker, cases: list[BadCase], settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """Produce every case between good articles, run one worker until everything came out, then stop it."""
    local = settings.replace(partitions=PARTITIONS)
    asyncio.run(create_topics(local, broker.url))
    worker = WorkerProcess("bad-inputs", broker.url, tmp_path_factory.mktemp("bad-inputs-worker")).start()
    try:
        plan = interleave(cases, PARTITIONS)
        sent = asyncio.run(produce(local, broker.url, topics.RAW_ARTICLES, plan.messages))
        goods = {label for label, case in plan.labels if case is None}
        degraded_counts: dict[str, int] = {}
        for _label, case in plan.labels:
            if case is not None and not case.dead_letter:
                degraded_counts[case.article_id] = degraded_counts.get(case.article_id, 0) + 1
        dead_expected = sum(1 for _, case in plan.labels if case is not None and case.dead_letter)

        def everything_out(seen: Collected) -> bool:
            counts: dict[str, int] = {}
            for record in seen.of(topics.ENRICHED_ARTICLES):
                article_id = jsonio.loads(record.value)["id"]
                counts[article_id] = counts.get(article_id, 0) + 1
            return (
                goods <= set(counts)
                and all(counts.get(aid, 0) >= n for aid, n in degraded_counts.items())
                and len(seen.of(topics.DEAD_LETTERS)) >= dead_expected
            )

        names = (topics.ENRICHED_ARTICLES, topics.DEAD_LETTERS, topics.INCIDENTS, topics.TAGGED_BY_INCIDENT_KEY)
        collected = asyncio.run(
            collect_until(local, broker.url, names, everything_out, WORKER_RUN_TIMEOUT_S, watch=[worker])
        )
        yield {"plan": plan, "sent": sent, "collected": collected, "worker": worker}
    finally:
        code = worker.stop()
        assert code == 0, worker.log_tail()


def test_worker_stays_up_and_dead_letters_each_case_with_its_code_and_original_bytes(
    worker_run: dict[str, Any],
) -> None:
    plan: Plan = worker_run["plan"]
    sent: list[Sent] = worker_run["sent"]
    collected: Collected = worker_run["collected"]
    assert worker_run["worker"].alive()
    by_source = {(s.partition, s.offset): (label, case, s) for s, (label, case) in zip(sent, plan.labels, strict=True)}
    seen_cases = set()
    for record in collected.of(topics.DEAD_LETTERS):
        headers = header_map(record)
        source = (int(headers[topics.DLQ_HEADER_PARTITION]), int(headers[topics.DLQ_HEADER_OFFSET]))
        label, case, sent_record = by_source[source]
        assert case is not None and case.dead_letter, f"good or degraded message {label} was dead-lettered"
        assert headers[topics.DLQ_HEADER_CODE].decode() == case.code, case.name
        assert headers[topics.DLQ_HEADER_STAGE] == b"parse", case.name
        assert headers[topics.DLQ_HEADER_TOPIC].decode() == topics.RAW_ARTICLES
        original = sent_record.message.value
        if headers.get(DLQ_HEADER_TRUNCATED) == b"true":
            # Bigger than the worker's producer may send: the head of the original, and its full size.
            assert int(headers[DLQ_HEADER_ORIGINAL_BYTES]) == len(original) > len(record.value), case.name
            assert record.value == original[: len(record.value)], case.name
        else:
            assert record.value == original, f"{case.name}: dead letter does not hold the original bytes"
        assert record.key == case.key, case.name
        seen_cases.add(case.name)
    expected = {case.name for _, case in plan.labels if case is not None and case.dead_letter}
    assert seen_cases == expected
    assert len(collected.of(topics.DEAD_LETTERS)) == sum(1 for _, c in plan.labels if c is not None and c.dead_letter)


def test_degraded_cases_are_enriched_with_their_warnings(worker_run: dict[str, Any]) -> None:
    plan: Plan = worker_run["plan"]
    collected: Collected = worker_run["collected"]
    by_id: dict[str, list[dict[str, Any]]] = {}
    for record in collected.values(topics.ENRICHED_ARTICLES):
        by_id.setdefault(record["id"], []).append(record)
    for case in {c.name: c for _, c in plan.labels if c is not None and not c.dead_letter}.values():
        records = by_id.get(case.article_id, [])
        assert len(records) >= len(case.payloads), case.name
        for record in records:
            assert case.warnings_ok(record["warnings"]), (case.name, record["warnings"])


def test_good_articles_around_each_bad_one_are_enriched_once_and_in_order(worker_run: dict[str, Any]) -> None:
    plan: Plan = worker_run["plan"]
    sent: list[Sent] = worker_run["sent"]
    collected: Collected = worker_run["collected"]
    good_position = {
        label: (s.partition, s.offset) for s, (label, case) in zip(sent, plan.labels, strict=True) if case is None
    }
    enriched = [r["id"] for r in collected.values(topics.ENRICHED_ARTICLES)]
    assert all(enriched.count(label) == 1 for label in good_position), "a good article is missing or repeated"
    # The tag agent re-keys each article onto the internal topic as it goes: within one internal partition, articles
    # that came from the same raw partition must keep their raw order.
    order: dict[tuple[int, int], list[int]] = {}
    for record, article_id in collected.tagged_by_tag_agent():
        if article_id in good_position:
            raw_partition, raw_offset = good_position[article_id]
            order.setdefault((raw_partition, record.partition), []).append(raw_offset)
    assert sum(len(offsets) for offsets in order.values()) == len(good_position)
    for pair, offsets in order.items():
        assert offsets == sorted(offsets), f"raw partition -> internal partition {pair} reordered"


def test_incidents_count_each_report_once(worker_run: dict[str, Any]) -> None:
    collected: Collected = worker_run["collected"]
    versions: dict[str, list[int]] = {}
    for record in collected.values(topics.INCIDENTS):
        ids = [r["article_id"] for r in record["reports"]]
        assert len(ids) == len(set(ids)) == record["report_count"], record["incident_id"]
        versions.setdefault(record["incident_id"], []).append(record["version"])
    assert versions
    for incident_id, seen in versions.items():
        assert seen == sorted(seen), incident_id
