"""A poison article end to end: a tagger raises on one article, the worker dead-letters it and the rest flows.

The worker is `wirefuse worker` started through tests/integration/poison_worker.py, which wraps the real location
tagger with one that raises on a single article id; everything else (broker, topics, agents) is as deployed.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from faults_support import (
    WORKER_READY_TIMEOUT_S,
    Collected,
    Message,
    WorkerProcess,
    collect_until,
    enriched_ids,
    header_map,
    owns_raw_partitions,
    produce,
    synthetic_article,
    wait_until,
)

from streams import topics
from streams.broker import EmbeddedBroker
from streams.kafka import create_topics
from streams.settings import Settings

pytestmark = pytest.mark.integration
LAUNCHER = Path(__file__).with_name("poison_worker.py")
AROUND = 8  # good articles before and after the poison one, all on one raw partition
PARTITION = 1
RUN_TIMEOUT_S = 300.0


@pytest.fixture(scope="module")
def poisoned(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedBroker, str]]:
    """An embedded broker of its own and one worker whose location tagger raises on `poison-00008`."""
    work = tmp_path_factory.mktemp("poison")
    poison_id = synthetic_article(AROUND, "poison")[0]
    with EmbeddedBroker(log_path=work / "broker.log") as broker:
        asyncio.run(create_topics(settings, broker.url))
        worker = WorkerProcess("poisoned", broker.url, work, command=(str(LAUNCHER), poison_id)).start()
        try:
            wait_until(
                lambda: owns_raw_partitions(worker) or not worker.alive(),
                WORKER_READY_TIMEOUT_S,
                "the poisoned worker to own its partitions",
                poll_s=1.0,
            )
            assert worker.alive(), worker.log_tail()
            yield broker, poison_id
            worker.signal(signal.SIGTERM)
            assert worker.wait(120) == 0, worker.log_tail()
        finally:
            worker.stop()


def test_an_article_a_tagger_raises_on_is_dead_lettered_and_the_others_flow(
    poisoned: tuple[EmbeddedBroker, str], settings: Settings
) -> None:
    broker, poison_id = poisoned
    articles = [synthetic_article(n, "poison") for n in range(2 * AROUND + 1)]
    good = {article_id for article_id, _ in articles} - {poison_id}
    sent = asyncio.run(
        produce(
            settings,
            broker.url,
            topics.RAW_ARTICLES,
            [Message(article_id.encode(), value, PARTITION) for article_id, value in articles],
        )
    )
    poison = next(s for s in sent if s.message.key == poison_id.encode())

    def through(seen: Collected) -> bool:
        return good <= set(enriched_ids(seen)) and bool(seen.of(topics.DEAD_LETTERS))

    collected = asyncio.run(
        collect_until(
            settings,
            broker.url,
            (topics.ENRICHED_ARTICLES, topics.DEAD_LETTERS),
            through,
            RUN_TIMEOUT_S,
        )
    )
    enriched = enriched_ids(collected)
    assert poison_id not in enriched
    assert sorted(enriched) == sorted(good), "every article around the poison one is enriched exactly once"
    [letter] = collected.of(topics.DEAD_LETTERS)
    headers = header_map(letter)
    assert letter.key == poison.message.key
    assert letter.value == poison.message.value, "the dead letter carries the original bytes"
    assert headers[topics.DLQ_HEADER_STAGE] == b"tag"
    assert headers[topics.DLQ_HEADER_CODE] == b"tagger_failed"
    assert f"tagger exploded on {poison_id}".encode() in headers[topics.DLQ_HEADER_MESSAGE]
    assert headers[topics.DLQ_HEADER_TOPIC] == topics.RAW_ARTICLES.encode()
    assert headers[topics.DLQ_HEADER_PARTITION] == str(poison.partition).encode()
    assert headers[topics.DLQ_HEADER_OFFSET] == str(poison.offset).encode()
    assert headers[topics.DLQ_HEADER_KEY_HEX] == poison.message.key.hex().encode()
