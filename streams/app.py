"""The Faust application: settings that work on Apache Kafka and on the embedded broker, topics, tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import faust
from faust.types import TableT
from faust.worker import Worker

from streams import metrics, topics
from streams.faust_patches import WirefuseFaustApp
from streams.kafka import MAX_MESSAGE_BYTES, client_kwargs, ssl_context
from streams.settings import Settings


@dataclass(frozen=True)
class WirefuseApp:
    """The Faust app with the topics and tables the agents use."""

    app: faust.App
    raw: faust.TopicT
    tagged: faust.TopicT
    notices: faust.TopicT
    enriched: faust.TopicT
    incidents: faust.TopicT
    dead_letters: faust.TopicT
    buckets: TableT[str, Any]
    incident_records: TableT[str, Any]
    article_verdicts: TableT[str, Any]
    reconcile: TableT[str, Any]


def credentials(settings: Settings) -> Any:
    """Faust broker credentials for TLS and SASL (PLAIN, SCRAM), or None for plaintext."""
    context = ssl_context(settings)
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            ssl_context=context,
            mechanism=settings.sasl_mechanism,
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


PRODUCER_LINGER_MS = 5


def create_app(settings: Settings, broker_url: str) -> WirefuseApp:
    """Build the app. Timeouts and the consistency check follow ../shared/notes/FINDINGS.md and are safe on Kafka."""
    # WirefuseFaustApp: faust.App whose consumer never commits past a message it received but did not process
    # (faust-streaming 0.15.3 can lose the first message after a rebalance: streams/faust_patches.py).
    app = WirefuseFaustApp(
        settings.app_id,
        broker=broker_url,
        broker_credentials=credentials(settings),
        store=settings.table_store,
        datadir=str(settings.data_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        processing_guarantee="at_least_once",  # exactly_once needs InitProducerId v0, which Tansu rejects
        broker_commit_interval=settings.commit_interval_s,
        # A killed worker's partitions move in ~11 s instead of the default 60+ s.
        broker_session_timeout=6.0,
        broker_heartbeat_interval=1.0,
        broker_rebalance_timeout=5.0,
        # Tansu's ListOffsets "latest" is wrong, which makes the check raise on every recovery; Kafka does not need it.
        recovery_consistency_check=False,
        consumer_auto_offset_reset="earliest",
        consumer_max_fetch_size=MAX_MESSAGE_BYTES,
        producer_max_request_size=MAX_MESSAGE_BYTES,
        # Sends within 5 ms share one produce request: at the default 0 each tagged report went in a request of its
        # own, and aiokafka's request path was a third of the event loop's time (py-spy, docs/performance.md).
        producer_linger_ms=PRODUCER_LINGER_MS,
        web_bind=settings.web_host,
        web_port=settings.web_port,
        web_in_thread=False,
        table_cleanup_interval=60.0,
        topic_allow_declare=True,
    )
    app.fetch_client_kwargs = client_kwargs(settings, broker_url)
    app.fetch_max_wait_ms = settings.fetch_max_wait_ms
    metrics.attach_faust_sensor(app)

    def raw_topic(name: str, **kwargs: Any) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw", **kwargs)

    table_args: dict[str, Any] = {"partitions": settings.partitions, "key_type": str}
    return WirefuseApp(
        app=app,
        raw=raw_topic(topics.RAW_ARTICLES),
        tagged=raw_topic(topics.TAGGED_BY_INCIDENT_KEY, partitions=settings.partitions),
        notices=raw_topic(topics.INCIDENT_NOTICES, partitions=settings.partitions),
        enriched=raw_topic(topics.ENRICHED_ARTICLES, partitions=settings.partitions),
        incidents=raw_topic(topics.INCIDENTS, partitions=settings.partitions, config={"cleanup.policy": "compact"}),
        dead_letters=raw_topic(topics.DEAD_LETTERS, partitions=settings.partitions),
        buckets=app.Table("incident-buckets", **table_args),
        incident_records=app.Table("incident-records", **table_args),
        article_verdicts=app.Table("article-verdicts", **table_args),
        reconcile=app.Table("incident-reconcile", **table_args),
    )


def create_worker(wa: WirefuseApp, settings: Settings) -> Worker:
    """The Faust worker that runs the app, logging at the configured level without the terminal spinner."""
    worker = Worker(wa.app, loglevel=settings.log_level.upper(), quiet=True, redirect_stdouts=False)
    # At level WARNING or above Faust drives a terminal spinner from a root-logger handler at DEBUG, so every debug
    # call of aiokafka and Faust built a log record for it: 10% of the event loop's time in a burst (py-spy).
    worker.spinner = None
    return worker
