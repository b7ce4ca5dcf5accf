"""Table recovery's end offsets on the embedded broker: listed ends are corrected by a fetch's high watermark."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from faust.types import TP

from streams.broker import EmbeddedBroker
from streams.faust_patches import fetched_highwaters
from streams.kafka import client_kwargs
from streams.settings import Settings

RECORDS_IN_ONE_BATCH = 20


async def create_topic(settings: Settings, url: str, topic: str) -> None:
    admin = AIOKafkaAdminClient(**client_kwargs(settings, url))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name=topic, num_partitions=2, replication_factor=1)])
    finally:
        await admin.close()


async def produce_one_batch(settings: Settings, url: str, topic: str) -> None:
    producer = AIOKafkaProducer(**client_kwargs(settings, url), linger_ms=1000)
    await producer.start()
    try:
        # Queued together within the linger time, so they travel as one batch per partition.
        futures = [await producer.send(topic, f"v{n}".encode(), partition=0) for n in range(RECORDS_IN_ONE_BATCH)]
        await producer.flush()
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def listed_end(settings: Settings, url: str, partition: TopicPartition) -> int:
    consumer = AIOKafkaConsumer(**client_kwargs(settings, url), group_id=None)
    await consumer.start()
    try:
        return int((await consumer.end_offsets([partition]))[partition])
    finally:
        await consumer.stop()


def test_the_end_of_a_changelog_partition_is_its_fetch_high_watermark(
    settings: Settings, embedded_broker: EmbeddedBroker
) -> None:
    topic = "test-changelog-end"
    asyncio.run(create_topic(settings, embedded_broker.url, topic))
    asyncio.run(produce_one_batch(settings, embedded_broker.url, topic))
    listed = asyncio.run(listed_end(settings, embedded_broker.url, TopicPartition(topic, 0)))
    kwargs = client_kwargs(settings, embedded_broker.url)
    ends = asyncio.run(fetched_highwaters(kwargs, {TP(topic, 0): listed, TP(topic, 1): 0}))
    assert ends == {TP(topic, 0): RECORDS_IN_ONE_BATCH, TP(topic, 1): 0}
    # What makes the correction necessary here (Tansu 0.6.0, FINDINGS.md): a batch's base offset + 1 is listed.
    # Apache Kafka lists the real end, and the correction then changes nothing.
    print(f"\nlisted end {listed}, fetched high watermark {ends[TP(topic, 0)]}")
