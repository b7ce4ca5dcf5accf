"""Plain aiokafka clients for everything that is not a Faust agent: topic creation, producing seeds, tailing output."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from streams.errors import BrokerError
from streams.settings import Settings
from streams.topics import TOPICS

# The internal re-keyed topic and the outputs carry whole articles; raise aiokafka's 1 MB default.
MAX_MESSAGE_BYTES = 8 * 1024 * 1024


def bootstrap_servers(broker_url: str) -> str:
    """`kafka://h1:9092;kafka://h2:9092` (Faust's form) -> `h1:9092,h2:9092` (aiokafka's)."""
    hosts = [part.strip().removeprefix("kafka://") for part in broker_url.replace(";", ",").split(",")]
    return ",".join(h for h in hosts if h)


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """A client TLS context when the security protocol asks for one."""
    if settings.security_protocol not in {"SSL", "SASL_SSL"}:
        return None
    return ssl.create_default_context(cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)


def client_kwargs(settings: Settings, broker_url: str) -> dict[str, Any]:
    """Connection and security arguments shared by every aiokafka client wirefuse builds."""
    kwargs: dict[str, Any] = {
        "bootstrap_servers": bootstrap_servers(broker_url),
        "security_protocol": settings.security_protocol,
    }
    context = ssl_context(settings)
    if context is not None:
        kwargs["ssl_context"] = context
    if settings.security_protocol.startswith("SASL"):
        kwargs["sasl_mechanism"] = settings.sasl_mechanism
        kwargs["sasl_plain_username"] = settings.sasl_username
        kwargs["sasl_plain_password"] = settings.sasl_password
    return kwargs


async def create_topics(settings: Settings, broker_url: str) -> list[str]:
    """Create every wirefuse topic that does not exist yet; returns the names created."""
    admin = AIOKafkaAdminClient(**client_kwargs(settings, broker_url))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(
                name=spec.name,
                num_partitions=settings.partitions,
                replication_factor=settings.replication_factor,
                topic_configs=dict(spec.config),
            )
            for spec in TOPICS
            if spec.name not in existing
        ]
        created: list[str] = []
        for topic in wanted:
            try:
                await admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass  # another worker or the compose one-shot created it first
        return created
    finally:
        await admin.close()


async def produce_messages(
    settings: Settings, broker_url: str, topic: str, messages: Sequence[tuple[bytes | None, bytes]]
) -> None:
    """Send (key, value) pairs in order and wait until the broker acknowledged every one."""
    producer = AIOKafkaProducer(
        **client_kwargs(settings, broker_url), acks="all", max_request_size=MAX_MESSAGE_BYTES, linger_ms=5
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=key, value=value) for key, value in messages]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def tail(
    settings: Settings, broker_url: str, topic_names: Sequence[str], idle_timeout_s: float | None = None
) -> AsyncIterator[ConsumerRecord[bytes, bytes]]:
    """Every record of the given topics from the beginning, as it arrives (no consumer group, nothing committed)."""
    consumer = AIOKafkaConsumer(
        **client_kwargs(settings, broker_url),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
        fetch_max_bytes=MAX_MESSAGE_BYTES * 4,
    )
    await consumer.start()
    try:
        partitions = []
        for name in topic_names:
            for partition in await _partitions_for(consumer, name):
                partitions.append(TopicPartition(name, partition))
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        while True:
            batch = await consumer.getmany(timeout_ms=int((idle_timeout_s or 1.0) * 1000))
            if not batch and idle_timeout_s is not None:
                return
            for records in batch.values():
                for record in records:
                    yield record
    finally:
        await consumer.stop()


async def _partitions_for(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    """Partition ids of a topic, refreshing metadata until the broker reports them."""
    for _ in range(50):
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return set(partitions)
        await consumer._client.force_metadata_update()  # noqa: SLF001 - aiokafka has no public metadata refresh
    raise BrokerError(f"topic {topic} has no partitions on the broker")
