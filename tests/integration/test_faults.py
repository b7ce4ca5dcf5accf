"""Faults on the embedded broker: a killed worker, a stopped worker, a paused broker, a broker replaced by an empty one.

The tests share three workers started together at the beginning (loading the models dominates the run time) and run
in file order: A and B on one broker (A is killed, then B is paused, then stopped), C alone on a second broker that
is replaced by an empty one. Every wait is on a condition with a deadline; the only fixed wait is the length of the
broker pause itself, which is the fault being simulated.
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from faults_support import (
    WORKER_READY_TIMEOUT_S,
    Collected,
    Message,
    RateProducer,
    Sent,
    WorkerProcess,
    collect_until,
    committed_offsets,
    enriched_ids,
    owns_raw_partitions,
    produce,
    synthetic_article,
    synthetic_follow_up,
    wait_until,
)

from streams import jsonio, topics
from streams.agents import TAG_BATCH_SIZE
from streams.broker import EmbeddedBroker
from streams.incidents.reconcile import CROSS_KEY_FOLD_FIELD
from streams.kafka import create_topics
from streams.settings import Settings

pytestmark = pytest.mark.integration
PARTITIONS = 4
KILL_ARTICLES = 2_000
KILL_RATE_PER_S = 80.0
PAUSE_ARTICLES = 300
BROKER_PAUSE_S = 10.0
TERM_ARTICLES = 400
RUN_TIMEOUT_S = 600.0
ALL_OUTPUTS = (topics.ENRICHED_ARTICLES, topics.INCIDENTS, topics.TAGGED_BY_INCIDENT_KEY, topics.INCIDENT_NOTICES)


@dataclass
class Fleet:
    settings: Settings
    main: EmbeddedBroker
    spare: EmbeddedBroker
    a: WorkerProcess
    b: WorkerProcess
    c: WorkerProcess
    work: Path
    kill_run: tuple[Collected, set[str]] | None = None


@pytest.fixture(scope="module")
def fleet(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    work = tmp_path_factory.mktemp("faults")
    local = settings.replace(partitions=PARTITIONS)
    with (
        EmbeddedBroker(log_path=work / "main-broker.log") as main,
        EmbeddedBroker(log_path=work / "spare.log") as spare,
    ):
        for broker in (main, spare):
            asyncio.run(create_topics(local, broker.url))
        workers = [
            WorkerProcess("a", main.url, work).start(),
            WorkerProcess("b", main.url, work).start(),
            # Info level: the log is the evidence the empty-broker test reads.
            WorkerProcess("c", spare.url, work, {"WIREFUSE_LOG_LEVEL": "info"}).start(),
        ]
        try:
            for worker in workers:
                wait_until(
                    functools.partial(ready_or_dead, worker),
                    WORKER_READY_TIMEOUT_S,
                    f"worker {worker.name} to own raw partitions",
                    poll_s=1.0,
                )
                assert worker.alive(), worker.log_tail()
            yield Fleet(local, main, spare, a=workers[0], b=workers[1], c=workers[2], work=work)
        finally:
            for worker in workers:
                worker.stop()


def ready_or_dead(worker: WorkerProcess) -> bool:
    return owns_raw_partitions(worker) or not worker.alive()


def latest_incidents(collected: Collected) -> dict[str, dict[str, Any]]:
    """Each incident's record with the highest version (the last one read wins a tie)."""
    latest: dict[str, dict[str, Any]] = {}
    for record in collected.values(topics.INCIDENTS):
        current = latest.get(record["incident_id"])
        if current is None or record["version"] >= current["version"]:
            latest[record["incident_id"]] = record
    return latest


def assignments(collected: Collected, ids: set[str]) -> dict[str, str]:
    """article id -> incident it ends up in: its last enriched record, followed through merges."""
    last: dict[str, dict[str, Any]] = {}
    for record in collected.values(topics.ENRICHED_ARTICLES):
        if record["id"] in ids and (
            record["id"] not in last or record["processed_at"] >= last[record["id"]]["processed_at"]
        ):
            last[record["id"]] = record
    incidents = latest_incidents(collected)
    resolved = {}
    for article_id, record in last.items():
        incident_id = record["incident_id"]
        for _ in range(50):
            merged_into = incidents.get(incident_id, {}).get("merged_into")
            if incidents.get(incident_id, {}).get("status") != "merged" or not merged_into:
                break
            incident_id = merged_into
        resolved[article_id] = incident_id
    return resolved


def test_kill_9_of_one_of_two_workers_loses_nothing_and_counts_each_article_once(fleet: Fleet) -> None:
    # Every fifth report names no place, only a company its town's reports name: routed from `_unplaced` by the
    # names the others leave in the directory, through the kill as well.
    articles = [
        synthetic_follow_up(n, "kill-follow-up") if n % 5 == 4 else synthetic_article(n, "kill")
        for n in range(KILL_ARTICLES)
    ]
    ids = {article_id for article_id, _ in articles}
    messages = [Message(article_id.encode(), value) for article_id, value in articles]
    producer = RateProducer(fleet.settings, fleet.main.url, topics.RAW_ARTICLES, messages, KILL_RATE_PER_S).start()

    def some_enriched(seen: Collected) -> bool:
        return len(ids & set(enriched_ids(seen))) >= KILL_ARTICLES // 5

    started = time.monotonic()
    collected = asyncio.run(
        collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, some_enriched, RUN_TIMEOUT_S, [fleet.a, fleet.b])
    )
    os.kill(fleet.a.pid, signal.SIGKILL)
    fleet.a.wait(30)
    sent = producer.join(RUN_TIMEOUT_S)
    assert {s.message.key for s in sent} == {m.key for m in messages}, "every article was accepted by the broker"

    def all_enriched(seen: Collected) -> bool:
        return ids <= set(enriched_ids(seen))

    collected = asyncio.run(
        collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, all_enriched, RUN_TIMEOUT_S, [fleet.b], collected)
    )
    # Incident records follow each enriched record at once; B is idle now, so read until nothing new comes.
    collected = asyncio.run(
        collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, drained(), RUN_TIMEOUT_S, [fleet.b], collected)
    )
    elapsed = time.monotonic() - started
    assert ids <= set(enriched_ids(collected))
    versions: dict[str, int] = {}
    for record in collected.values(topics.INCIDENTS):
        assert record["version"] >= versions.get(record["incident_id"], 0), f"{record['incident_id']} went backwards"
        versions[record["incident_id"]] = record["version"]
    enriched = enriched_ids(collected)
    # What the survivor's log says it did about the failover (streams/faust_patches.py, streams/agents.py).
    log = fleet.b.log_path.read_text(errors="replace")
    print(
        f"\nkill -9: {len(ids)} articles, {len(enriched) - len(set(enriched))} enriched more than once, "
        f"{elapsed:.0f}s; B handed skipped messages over again {log.count('to the streams again')} time(s), found "
        f"{log.count('was already counted')} article(s) already counted, decided "
        f"{log.count('its incident does not count it')} restored verdict(s) again; "
        f"{sum('routed_by' in e['dedup']['evidence'] for e in collected.values(topics.ENRICHED_ARTICLES))} enriched "
        "records of reports routed from _unplaced"
    )
    fleet.kill_run = (collected, ids)


def test_kill_9_counts_each_article_once_in_its_incident(fleet: Fleet) -> None:
    if fleet.kill_run is None:
        pytest.skip("the kill -9 run did not complete")
    collected, ids = fleet.kill_run
    members: dict[str, set[str]] = {}
    for article_id, incident_id in assignments(collected, ids).items():
        members.setdefault(incident_id, set()).add(article_id)
    latest = latest_incidents(collected)
    wrong = {}
    for incident_id, articles_in in members.items():
        if latest[incident_id]["report_count"] != len(articles_in):
            listed = report_ids(latest[incident_id])
            twice = sorted({a for a in listed if listed.count(a) > 1})
            wrong[incident_id] = (latest[incident_id]["report_count"], len(articles_in), twice[:5])
    print(f"\nkill -9: {len(members)} incidents, miscounted (report_count, articles, listed twice): {wrong}")
    for incident_id in wrong:
        print(miscount_story(collected, incident_id, members[incident_id]))
    assert not wrong


def miscount_story(collected: Collected, incident_id: str, articles_in: set[str]) -> str:
    """What the topics say about a miscounted incident: its versions, the articles its last record lacks, and those
    it lists that ended in another incident."""
    records = [r for r in collected.of(topics.INCIDENTS) if jsonio.loads(r.value)["incident_id"] == incident_id]
    versions = [
        (r.offset, v["version"], v["report_count"], v.get("status")) for r in records if (v := jsonio.loads(r.value))
    ]
    incidents = latest_incidents(collected)
    latest = incidents[incident_id]
    lines = [f"{incident_id}: (offset, version, report_count, status) {versions[-12:]}"]
    for article_id in sorted(articles_in - set(report_ids(latest))):
        in_records = [v["version"] for r in records if article_id in report_ids(v := jsonio.loads(r.value))]
        lines.append(
            f"  {article_id} not in the last record; in versions {in_records}; {article_story(collected, article_id)}"
        )
    for article_id in sorted(set(report_ids(latest)) - articles_in):
        lines.append(f"  {article_id} in the last record, ended elsewhere: {article_story(collected, article_id)}")
    # The incidents merged into it on the way (a fold lost in a chain of keys was the 7 December miscount).
    joined = {e["incident_id"] for e in collected.values(topics.ENRICHED_ARTICLES) if e["id"] in articles_in}
    for other in sorted(joined - {incident_id}):
        last = incidents[other]
        shown = ("version", "report_count", "status", "merged_into", "merged_across_keys")
        lines.append(f"  merged on the way: {other} {[(field, last.get(field)) for field in shown]}")
    for record in collected.of(topics.TAGGED_BY_INCIDENT_KEY):
        fold = jsonio.loads(record.value).get(CROSS_KEY_FOLD_FIELD)
        if fold and fold["survivor"] in joined | {incident_id}:
            lines.append(
                f"  fold {record.partition}/{record.offset}: {fold['absorbed']} -> {fold['survivor']} "
                f"({fold['survivor_key']}), report_count {fold['report_count']}"
            )
    return "\n".join(lines)


def article_story(collected: Collected, article_id: str) -> str:
    """Every enriched record of an article and every re-keyed message carrying it: where each decision sent it."""
    enriched = [
        (r.partition, r.offset, e["incident_id"], e["dedup"]["verdict"], e["dedup"]["evidence"].get("replay"))
        for r in collected.of(topics.ENRICHED_ARTICLES)
        if (e := jsonio.loads(r.value))["id"] == article_id
    ]
    rekeyed = [
        (r.partition, r.offset, bytes(r.key or b"").decode(errors="replace"), "route" in envelope)
        for r in collected.of(topics.TAGGED_BY_INCIDENT_KEY)
        if "tagged" in (envelope := jsonio.loads(r.value)) and envelope["tagged"]["article"]["id"] == article_id
    ]
    return (
        f"enriched (partition, offset, incident, verdict, replay) {enriched}; "
        f"re-keyed (partition, offset, key, routed) {rekeyed}"
    )


def report_ids(record: dict[str, Any]) -> list[str]:
    return [r["article_id"] for r in record.get("reports", [])]


def test_broker_paused_10_s_blocks_the_worker_with_bounded_memory_and_loses_nothing(fleet: Fleet) -> None:
    """The broker process is stopped (SIGSTOP) for 10 s mid-stream: the producer inside the worker blocks."""
    articles = [synthetic_article(n, "pause") for n in range(PAUSE_ARTICLES)]
    ids = {article_id for article_id, _ in articles}
    messages = [Message(article_id.encode(), value) for article_id, value in articles]
    rss_before = fleet.b.rss_bytes()
    producer = RateProducer(fleet.settings, fleet.main.url, topics.RAW_ARTICLES, messages, 40.0).start()

    def some_enriched(seen: Collected) -> bool:
        return len(ids & set(enriched_ids(seen))) >= 40

    asyncio.run(collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, some_enriched, RUN_TIMEOUT_S, [fleet.b]))
    assert fleet.main.process is not None
    os.kill(fleet.main.process.pid, signal.SIGSTOP)
    rss_peak = rss_before
    pause_ends = time.monotonic() + BROKER_PAUSE_S
    try:
        while time.monotonic() < pause_ends:  # the fault lasts this long; the samples are only measurements
            rss_peak = max(rss_peak, fleet.b.rss_bytes())
            time.sleep(0.5)
    finally:
        os.kill(fleet.main.process.pid, signal.SIGCONT)
    assert fleet.b.alive(), fleet.b.log_tail()
    producer.join(RUN_TIMEOUT_S)

    def all_enriched(seen: Collected) -> bool:
        return ids <= set(enriched_ids(seen))

    collected = asyncio.run(
        collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, all_enriched, RUN_TIMEOUT_S, [fleet.b])
    )
    rss_after = fleet.b.rss_bytes()
    rss_peak = max(rss_peak, rss_after)
    assert ids <= set(enriched_ids(collected))
    growth_mb = (rss_peak - rss_before) / 2**20
    print(
        f"\nbroker pause: RSS before {rss_before / 2**20:.0f} MB, peak {rss_peak / 2**20:.0f} MB, "
        f"after {rss_after / 2**20:.0f} MB"
    )
    assert growth_mb < 200, f"worker memory grew by {growth_mb:.0f} MB during a 10 s broker pause"


def test_sigterm_mid_batch_exits_0_and_commits_what_it_processed(fleet: Fleet) -> None:
    articles = [synthetic_article(n, "term") for n in range(TERM_ARTICLES)]
    ids = {article_id for article_id, _ in articles}
    sent = asyncio.run(
        produce(fleet.settings, fleet.main.url, topics.RAW_ARTICLES, [Message(a.encode(), v) for a, v in articles])
    )

    def some_enriched(seen: Collected) -> bool:
        return len(ids & set(enriched_ids(seen))) >= TERM_ARTICLES // 4

    asyncio.run(collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, some_enriched, RUN_TIMEOUT_S, [fleet.b]))
    fleet.b.signal(signal.SIGTERM)
    assert fleet.b.wait(120) == 0, fleet.b.log_tail()
    raw_partitions = [(topics.RAW_ARTICLES, p) for p in range(PARTITIONS)]
    committed = asyncio.run(committed_offsets(fleet.settings, fleet.main.url, fleet.settings.app_id, raw_partitions))

    # Read everything the worker wrote (it has stopped, so this is final).
    collected = asyncio.run(collect_until(fleet.settings, fleet.main.url, ALL_OUTPUTS, drained(), 120.0))
    tagged_ids = {article_id for _, article_id in collected.tagged_by_tag_agent()}
    processed = [s for s in sent if s.message.key is not None and s.message.key.decode() in tagged_ids]
    assert processed, "the worker processed part of the batch before SIGTERM"
    # What a restarted worker would read again: raw messages at or after the committed offset already tagged.
    redo = replay_counts(processed, committed, topics.RAW_ARTICLES)
    print(f"\nSIGTERM: {len(processed)}/{len(sent)} tagged before exit; would be re-tagged after restart: {redo}")
    assert all(count <= TAG_BATCH_SIZE for count in redo.values()), redo
    enriched = set(enriched_ids(collected)) & ids
    assert enriched <= tagged_ids


def drained() -> Callable[[Collected], bool]:
    """A condition that holds once a read brings nothing new (the writers are idle or stopped)."""
    last = [-1]

    def check(collected: Collected) -> bool:
        count = sum(len(v) for v in collected.records.values())
        unchanged, last[0] = count == last[0], count
        return unchanged

    return check


def replay_counts(processed: list[Sent], committed: dict[tuple[str, int], int], topic: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for record in processed:
        if record.offset >= committed.get((topic, record.partition), 0):
            counts[record.partition] = counts.get(record.partition, 0) + 1
    return counts


def test_a_new_empty_broker_is_detected_and_the_worker_stops_with_a_clear_error(fleet: Fleet) -> None:
    articles = [synthetic_article(n, "empty") for n in range(40)]
    ids = {article_id for article_id, _ in articles}
    sent = asyncio.run(
        produce(fleet.settings, fleet.spare.url, topics.RAW_ARTICLES, [Message(a.encode(), v) for a, v in articles])
    )

    def all_enriched(seen: Collected) -> bool:
        return ids <= set(enriched_ids(seen))

    asyncio.run(collect_until(fleet.settings, fleet.spare.url, ALL_OUTPUTS, all_enriched, RUN_TIMEOUT_S, [fleet.c]))
    ends: dict[int, int] = {}
    for record in sent:
        ends[record.partition] = max(ends.get(record.partition, 0), record.offset + 1)

    def offsets_committed() -> bool:
        partitions = [(topics.RAW_ARTICLES, p) for p in ends]
        committed = asyncio.run(committed_offsets(fleet.settings, fleet.spare.url, fleet.settings.app_id, partitions))
        return all(committed.get((topics.RAW_ARTICLES, p), -1) >= end for p, end in ends.items())

    wait_until(offsets_committed, 60.0, "worker C to commit its offsets", poll_s=1.0)
    port = fleet.spare.port
    fleet.spare.stop()
    replacement = EmbeddedBroker(port=port, log_path=fleet.work / "spare-replacement.log").start()
    try:
        code = fleet.c.wait(180)
        log = fleet.c.log_tail(20_000)
        # The check crashes the Faust app; mode's worker turns a crash into exit code 1.
        assert code == 1, log
        assert "broker_data_lost" in log, log
        assert "no longer holds the offsets" in log, log
    finally:
        replacement.stop()
