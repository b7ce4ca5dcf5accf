"""Plain aiokafka clients for everything that is not a Faust agent: topic creation, producing seeds, tailing output."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.conn import create_conn
from aiokafka.errors import (
    AuthenticationFailedError,
    IllegalSaslStateError,
    KafkaConnectionError,
    SaslAuthenticationFailed,
    TopicAlreadyExistsError,
    UnsupportedSaslMechanismError,
)
from aiokafka.protocol.metadata import MetadataRequest

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


# Failures no retry can fix: the worker must stop and say why instead of reconnecting forever.
CLOSED_ATTEMPTS_BEFORE_GIVING_UP = 3
_SASL_ERRORS = (
    AuthenticationFailedError,
    SaslAuthenticationFailed,
    UnsupportedSaslMechanismError,
    IllegalSaslStateError,
)


async def check_access(settings: Settings, broker_url: str, timeout_s: float = 60.0) -> None:
    """Connect and authenticate once, as every client will, so wrong security settings fail fast and say so.

    Rejected credentials, a mechanism the broker does not offer and a failed TLS handshake raise at once; a broker
    that does not answer yet is retried until `timeout_s` (it may still be starting). Raises BrokerError with code
    `authentication_failed`, `tls_failed` or `broker_unreachable`.
    """
    kwargs = client_kwargs(settings, broker_url)
    servers = kwargs.pop("bootstrap_servers").split(",")
    deadline = time.monotonic() + timeout_s
    closed_in_a_row = 0
    while True:
        problems = []
        for server in servers:
            host, _, port = server.rpartition(":")
            try:
                conn = await asyncio.wait_for(
                    create_conn(host, int(port), request_timeout_ms=10_000, **kwargs), timeout=15.0
                )
                try:
                    await asyncio.wait_for(conn.send(MetadataRequest([])), timeout=15.0)
                finally:
                    conn.close()
                return
            except Exception as exc:
                fatal = _fatal_access_error(settings, server, exc)
                if fatal is not None:
                    raise fatal from exc
                problems.append(f"{server}: {type(exc).__name__}: {exc}")
                closed_in_a_row = closed_in_a_row + 1 if _closed_by_broker(exc) else 0
        # A broker that accepts the connection and then hangs up, again and again, is refusing us, not starting.
        if time.monotonic() > deadline or closed_in_a_row >= CLOSED_ATTEMPTS_BEFORE_GIVING_UP:
            hint = (
                " (a broker that requires TLS or SASL authentication closes plaintext connections: check "
                "WIREFUSE_SECURITY_PROTOCOL)"
                if settings.security_protocol == "PLAINTEXT"
                else ""
            )
            raise BrokerError(f"cannot reach the broker{hint}: {'; '.join(problems)}", code="broker_unreachable")
        await asyncio.sleep(1.0)  # retry pacing while the broker starts; not used to order events


def _closed_by_broker(exc: BaseException) -> bool:
    """The TCP connection was accepted, then the broker hung up during the handshake."""
    return isinstance(exc, KafkaConnectionError) and "closed" in str(exc)


def _fatal_access_error(settings: Settings, server: str, exc: BaseException) -> BrokerError | None:
    """The BrokerError to stop with, or None when the failure may go away by itself (broker still starting)."""
    if isinstance(exc, ssl.SSLError):
        return BrokerError(f"TLS handshake with {server} failed: {exc}", code="tls_failed")
    if isinstance(exc, TimeoutError) and ssl_context(settings) is not None:
        return BrokerError(
            f"TLS handshake with {server} did not complete: the broker may not speak TLS on this port",
            code="tls_failed",
        )
    sasl = settings.security_protocol.startswith("SASL")
    # aiokafka's SCRAM client raises KeyError('v') when the server's final message is an error (e.g. unknown user);
    # some brokers (Tansu) hang up instead of answering a mechanism they do not offer.
    if isinstance(exc, _SASL_ERRORS) or (sasl and (isinstance(exc, KeyError) or _closed_by_broker(exc))):
        return BrokerError(
            f"SASL {settings.sasl_mechanism} authentication as {settings.sasl_username!r} failed on {server}: "
            f"the broker rejected the credentials or the mechanism ({type(exc).__name__}: {exc})",
            code="authentication_failed",
        )
    return None


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
    settings: Settings,
    broker_url: str,
    topic: str,
    messages: Sequence[tuple[bytes | None, bytes]],
    partition: int | None = None,
) -> None:
    """Send (key, value) pairs in order and wait until the broker acknowledged every one.

    With `partition` set, all go to that partition, so consumers see them in exactly this order (one feed).
    """
    producer = AIOKafkaProducer(
        **client_kwargs(settings, broker_url), acks="all", max_request_size=MAX_MESSAGE_BYTES, linger_ms=5
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=key, value=value, partition=partition) for key, value in messages]
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
