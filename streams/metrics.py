"""Every Prometheus metric wirefuse exports: `wirefuse_` prefix, base units, a `stage` label where it applies."""

from __future__ import annotations

from functools import cache
from typing import Any

from aiohttp.web import Response
from faust import web
from faust.sensors.monitor import Monitor
from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, Info, generate_latest

# One registry for our metrics and Faust's own sensor, served together on the worker's `/metrics`.
REGISTRY = CollectorRegistry(auto_describe=True)

STAGES = ("parse", "tag", "route", "decide", "publish", "reconcile")
# Per-article stage times run from ~1 ms (parse) to ~1 s (tagging a long article on a busy core).
STAGE_BUCKETS_S = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LATENCY_BUCKETS_S = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0, 300.0)
REPORT_COUNT_BUCKETS = (1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144)

ARTICLES_CONSUMED = Counter(
    "wirefuse_articles_consumed_total",
    "Raw messages consumed from the raw-article topic.",
    registry=REGISTRY,
)
ARTICLES_ENRICHED = Counter(
    "wirefuse_articles_enriched_total",
    "Enriched articles published.",
    registry=REGISTRY,
)
ARTICLES_DEAD_LETTERED = Counter(
    "wirefuse_articles_dead_lettered_total",
    "Messages sent to the dead-letter topic, by stage and stable error code.",
    ["stage", "code"],
    registry=REGISTRY,
)
ARTICLES_DEGRADED = Counter(
    "wirefuse_articles_degraded_total",
    "Articles processed in a documented, degraded way, by warning.",
    ["warning"],
    registry=REGISTRY,
)
STAGE_DURATION = Histogram(
    "wirefuse_stage_duration_seconds",
    "Processing time of one article in one stage.",
    ["stage"],
    buckets=STAGE_BUCKETS_S,
    registry=REGISTRY,
)
END_TO_END_LATENCY = Histogram(
    "wirefuse_end_to_end_latency_seconds",
    "From the raw message's broker timestamp to the enriched article's publication.",
    buckets=LATENCY_BUCKETS_S,
    registry=REGISTRY,
)
ARTICLES_ROUTED = Counter(
    "wirefuse_articles_routed_total",
    "Reports with no place forwarded from `_unplaced` to the key where the names they carry were last placed.",
    registry=REGISTRY,
)
CROSS_KEY_MERGES = Counter(
    "wirefuse_incident_cross_key_merges_total",
    "Incidents found to be one incident of another candidate key by the reconcile partition (incidents/reconcile.py).",
    registry=REGISTRY,
)
VERDICTS = Counter(
    "wirefuse_verdicts_total",
    "Incident verdicts, by verdict.",
    ["verdict"],
    registry=REGISTRY,
)
INCIDENT_RECORDS = Counter(
    "wirefuse_incident_records_total",
    "Incident records published, by status (created, updated, merged; republished: sent again on a replay).",
    ["status"],
    registry=REGISTRY,
)
OPEN_INCIDENTS = Gauge(
    "wirefuse_open_incidents",
    "Incidents open for matching in this worker's partitions.",
    registry=REGISTRY,
)
INCIDENT_REPORTS = Histogram(
    "wirefuse_incident_reports",
    "Reports counted in an incident, observed on each published incident version.",
    buckets=REPORT_COUNT_BUCKETS,
    registry=REGISTRY,
)
EVENT_PLACE = Counter(
    "wirefuse_articles_event_place_total",
    "Tagged articles by whether an event place was resolved (resolved / unresolved).",
    ["outcome"],
    registry=REGISTRY,
)
ACTOR_MENTIONS = Counter(
    "wirefuse_actor_mentions_total",
    "Actor mentions tagged, by whether they resolved to a registry record (resolved / unresolved).",
    ["outcome"],
    registry=REGISTRY,
)
CONSUMER_LAG = Gauge(
    "wirefuse_consumer_lag_messages",
    "Messages behind the fetch high watermark, per assigned partition.",
    ["topic", "partition"],
    registry=REGISTRY,
)
RESOURCE_LOAD_TIME = Gauge(
    "wirefuse_resource_load_seconds",
    "Time to load a resource at worker start (gazetteer, spacy_model, actor_registry).",
    ["resource"],
    registry=REGISTRY,
)
BUILD_INFO = Info(
    "wirefuse_build",
    "Version of wirefuse and of the models and data it runs with.",
    registry=REGISTRY,
)


def initialise_label_sets(error_codes: tuple[tuple[str, str], ...], warnings: tuple[str, ...]) -> None:
    """Create every known label combination at 0, so the first burst after a start is a visible increase."""
    for stage, code in error_codes:
        ARTICLES_DEAD_LETTERED.labels(stage=stage, code=code)
    for warning in warnings:
        ARTICLES_DEGRADED.labels(warning=warning)
    for stage in STAGES:
        STAGE_DURATION.labels(stage=stage)
    for verdict in ("new_incident", "same_incident", "duplicate"):
        VERDICTS.labels(verdict=verdict)
    for status in ("created", "updated", "merged", "republished"):
        INCIDENT_RECORDS.labels(status=status)
    for outcome in ("resolved", "unresolved"):
        EVENT_PLACE.labels(outcome=outcome)
        ACTOR_MENTIONS.labels(outcome=outcome)


class LabelCachingMonitor(PrometheusMonitor):
    """Faust's Prometheus sensor with the label children of its per-key hooks looked up once, not per call.

    Every table write and every send calls one of these hooks, and `labels()` validates and locks on each call:
    7.4 -> 2.7 us per write and send measured in-process (docs/performance.md). The metrics exported are the same.
    """

    def __init__(self, metrics: FaustMetrics) -> None:
        super().__init__(metrics=metrics)
        self._table_children: dict[tuple[str, str], Any] = {}
        self._topic_children: dict[str, Any] = {}

    def _table_child(self, table: Any, operation: str) -> Any:
        child = self._table_children.get((table.name, operation))
        if child is None:
            child = self._metrics.table_operations.labels(table=f"table.{table.name}", operation=operation)
            self._table_children[(table.name, operation)] = child
        return child

    def on_table_get(self, table: Any, key: Any) -> None:
        Monitor.on_table_get(self, table, key)
        self._table_child(table, self.KEYS_RETRIEVED).inc()

    def on_table_set(self, table: Any, key: Any, value: Any) -> None:
        Monitor.on_table_set(self, table, key, value)
        self._table_child(table, self.KEYS_UPDATED).inc()

    def on_table_del(self, table: Any, key: Any) -> None:
        Monitor.on_table_del(self, table, key)
        self._table_child(table, self.KEYS_DELETED).inc()

    def on_send_initiated(self, producer: Any, topic: str, message: Any, keysize: int, valsize: int) -> Any:
        child = self._topic_children.get(topic)
        if child is None:
            child = self._topic_children[topic] = self._metrics.topic_messages_sent.labels(topic=f"topic.{topic}")
        child.inc()
        return Monitor.on_send_initiated(self, producer, topic, message, keysize, valsize)


@cache
def _faust_metrics() -> FaustMetrics:
    # Faust's collectors may be registered once per registry; tests build several apps in one process.
    return FaustMetrics.create(REGISTRY, "faust")


def attach_faust_sensor(app: Any) -> None:
    """Faust's own Prometheus sensor (consumer, commit, table, rebalance metrics) and `/metrics` serving both."""
    app.monitor = LabelCachingMonitor(metrics=_faust_metrics())

    async def metrics_page(self: web.View, request: web.Request) -> Response:
        # aiohttp refuses a content_type that carries a charset, which Prometheus's exposition type does.
        return Response(body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.page("/metrics")(metrics_page)
