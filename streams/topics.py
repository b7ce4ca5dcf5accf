"""Every Kafka topic wirefuse reads or writes, with its key, partitioning and configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

RAW_ARTICLES = "wire.articles.raw"
ENRICHED_ARTICLES = "wire.articles.enriched"
INCIDENTS = "wire.incidents"
DEAD_LETTERS = "wire.articles.dlq"
# Internal: tagged articles re-keyed by candidate-incident key so dedup state is co-partitioned.
TAGGED_BY_INCIDENT_KEY = "wirefuse.articles.tagged-by-incident-key"
# Internal: the notices of a decide batch's incident records, all on one partition, where incidents of different
# keys are compared.
INCIDENT_NOTICES = "wirefuse.incidents.notices"


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """What a topic holds and how it is created."""

    name: str
    key: str
    value: str
    config: dict[str, str] = field(default_factory=dict)


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(RAW_ARTICLES, "article id", "schemas/raw_article.schema.json"),
    TopicSpec(TAGGED_BY_INCIDENT_KEY, "candidate-incident key", "internal tagged article (JSON)"),
    TopicSpec(INCIDENT_NOTICES, "_reconcile (one partition)", "internal incident notices (JSON, reconcile.py)"),
    TopicSpec(ENRICHED_ARTICLES, "article id", "schemas/enriched_article.schema.json"),
    TopicSpec(INCIDENTS, "incident id", "schemas/incident.schema.json", {"cleanup.policy": "compact"}),
    TopicSpec(DEAD_LETTERS, "original key", "original bytes; headers per schemas/dead_letter.md"),
)

# Dead-letter headers (all UTF-8 strings).
DLQ_HEADER_CODE = "wirefuse.error.code"
DLQ_HEADER_MESSAGE = "wirefuse.error.message"
DLQ_HEADER_STAGE = "wirefuse.error.stage"
DLQ_HEADER_TOPIC = "wirefuse.source.topic"
DLQ_HEADER_PARTITION = "wirefuse.source.partition"
DLQ_HEADER_OFFSET = "wirefuse.source.offset"
DLQ_HEADER_KEY_HEX = "wirefuse.source.key.hex"
# Set when the original value was over the producer's limit and the dead letter holds only its first bytes.
DLQ_HEADER_TRUNCATED = "wirefuse.value.truncated"
DLQ_HEADER_ORIGINAL_BYTES = "wirefuse.value.original_bytes"
