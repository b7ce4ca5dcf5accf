"""The label-caching Faust sensor exports exactly what faust's own Prometheus sensor does."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor
from prometheus_client import CollectorRegistry

from streams.metrics import LabelCachingMonitor


def _exported(monitor_type: type[PrometheusMonitor]) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    registry = CollectorRegistry()
    monitor = monitor_type(metrics=FaustMetrics.create(registry, "faust"))
    # The hooks read only a table's name and pass the producer and message through.
    articles: Any = SimpleNamespace(name="articles")
    buckets: Any = SimpleNamespace(name="buckets")
    producer: Any = None
    for _ in range(3):
        monitor.on_table_set(articles, "a", 1)
    monitor.on_table_set(buckets, "b", 1)
    monitor.on_table_get(articles, "a")
    monitor.on_table_del(buckets, "b")
    states: list[Any] = [
        monitor.on_send_initiated(producer, topic, producer, 1, 10) for topic in ("enriched", "x", "x")
    ]
    assert all(isinstance(state, float) for state in states)
    assert monitor.messages_sent_by_topic["x"] == 2
    assert monitor.tables["articles"].keys_updated == 3
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in registry.collect()
        for sample in family.samples
        if sample.name in ("faust_table_operations_total", "faust_topic_messages_sent_total")
    }


def test_the_label_caching_sensor_counts_table_operations_and_sends_as_faust_does() -> None:
    cached = _exported(LabelCachingMonitor)
    assert cached == _exported(PrometheusMonitor)
    assert cached[("faust_table_operations_total", (("operation", "keys_updated"), ("table", "table.articles")))] == 3
    assert cached[("faust_topic_messages_sent_total", (("topic", "topic.x"),))] == 2
