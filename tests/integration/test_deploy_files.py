"""Deployment files: Prometheus config and alert rules (promtool), compose file (docker-compose), Grafana dashboard."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from streams import jsonio
from streams.metrics import REGISTRY
from streams.settings import Settings, settings_table

REPO = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = REPO / "deploy" / "prometheus"
ALERTS = PROMETHEUS_DIR / "alerts.yml"
ALERTS_TEST = PROMETHEUS_DIR / "alerts_test.yml"
DASHBOARD = REPO / "deploy" / "grafana" / "dashboards" / "wirefuse.json"
DATASOURCES = REPO / "deploy" / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
OPERATIONS_DOC = REPO / "docs" / "operations.md"

# The worker registers Faust's Prometheus sensor with this name prefix (faust_messages_received_total, ...).
FAUST_PREFIX = "faust"
# Series Prometheus itself attaches to every scrape target.
SCRAPE_SERIES = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
WIREFUSE_SERVICES = ("topics", "worker", "producer")
TOOL_TIMEOUT_S = 120


def _require_tool(name: str, package: str) -> str:
    """Path of a command-line tool; a missing tool fails the test under CI and skips it elsewhere."""
    path = shutil.which(name)
    if path is None:
        reason = f"`{name}` not found: install the Debian package `{package}` (apt-get install -y {package})"
        if os.environ.get("CI"):
            pytest.fail(reason + " -- required when CI is set")
        pytest.skip(reason)
    return path


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False)


def _exposed_names(registry: CollectorRegistry) -> set[str]:
    """Series names a registry exposes, whether or not a labelled metric has children yet."""
    suffixes = {
        "counter": ("_total", "_created"),
        "gauge": ("",),
        "histogram": ("_bucket", "_count", "_sum", "_created"),
        "summary": ("", "_count", "_sum", "_created"),
        "info": ("_info",),
    }
    names: set[str] = set()
    for family in registry.collect():
        names.update(family.name + suffix for suffix in suffixes.get(family.type, ("",)))
    return names


def _known_series() -> set[str]:
    # Imported here so that a broken Faust install fails this test only, not the whole module.
    from faust.sensors.prometheus import FaustMetrics

    faust_registry = CollectorRegistry()
    FaustMetrics.create(faust_registry, FAUST_PREFIX)
    return _exposed_names(REGISTRY) | _exposed_names(faust_registry) | SCRAPE_SERIES


_PROMQL_OPERATOR_WORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan"}
_PROMQL_GROUPING_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
_GROUPING = re.compile(rf"\b(?:{'|'.join(sorted(_PROMQL_GROUPING_WORDS))})\s*\([^)]*\)")
_TOKEN = re.compile(r"(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?[a-z]*)|([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")


def metric_names(expr: str) -> set[str]:
    """Metric names a PromQL expression selects (function names, keywords, labels and durations removed)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)  # label matchers, Grafana variables among them
    text = re.sub(r"\[[^\]]*\]", " ", text)  # range and subquery durations, $__rate_interval among them
    text = _GROUPING.sub(" ", text)
    names: set[str] = set()
    for match in _TOKEN.finditer(text):
        identifier, call = match.group(2), match.group(3)
        if (
            identifier is None
            or call is not None
            or identifier.lower() in _PROMQL_OPERATOR_WORDS | _PROMQL_GROUPING_WORDS
        ):
            continue
        names.add(identifier)
    return names


def _alert_blocks() -> dict[str, str]:
    """alert name -> the YAML text of its rule (the file keeps one `- alert:` item per rule)."""
    parts = re.split(r"^\s*- alert:\s*(\S+)\s*$", ALERTS.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _expr(block: str) -> str:
    """The `expr:` value of one rule, inline or as a YAML block scalar."""
    lines = block.splitlines()
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)expr:\s*(.*)$", line)
        if match is None:
            continue
        indent, value = len(match.group(1)), match.group(2).strip()
        if value not in {"|", "|-", ">", ">-"}:
            return value.strip("'\"")
        body = []
        for following in lines[index + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following.strip())
        return " ".join(part for part in body if part)
    raise AssertionError(f"no expr in rule:\n{block}")


def _dashboard_panels(panels: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    for panel in panels:
        yield panel
        nested = panel.get("panels")
        if isinstance(nested, list):
            yield from _dashboard_panels(nested)


def _dashboard_exprs() -> list[tuple[str, str]]:
    dashboard = jsonio.loads(DASHBOARD.read_bytes())
    found = []
    for panel in _dashboard_panels(dashboard["panels"]):
        targets = panel.get("targets")
        for target in targets if isinstance(targets, list) else []:
            found.append((str(panel["title"]), str(target["expr"])))
    return found


def _github_anchor(heading: str) -> str:
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return slug.replace(" ", "-")


def _compose_service_block(resolved: str, service: str) -> str:
    """One service's block from `docker-compose config` output (services at two spaces of indent)."""
    match = re.search(rf"^  {re.escape(service)}:\n((?:    .*\n|\s*\n)*)", resolved, flags=re.MULTILINE)
    assert match is not None, f"service {service} missing from the resolved compose file"
    return match.group(1)


# --- the PromQL extractor the name checks rely on ---------------------------------------------------------------


def test_metric_names_extracts_selectors_only() -> None:
    expr = (
        'histogram_quantile(0.99, sum by (stage, le) (rate(wirefuse_stage_duration_seconds_bucket{stage="tag",'
        ' instance=~"$instance"}[$__rate_interval]))) / 1e3 > 2 and on (job) absent(up{job="x"} == 1)'
        " or vector(0) unless deriv(sum(foo_gauge)[5m:1m]) offset 5m"
    )
    assert metric_names(expr) == {"wirefuse_stage_duration_seconds_bucket", "up", "foo_gauge"}


# --- Prometheus --------------------------------------------------------------------------------------------------


def test_prometheus_config_is_valid() -> None:
    promtool = _require_tool("promtool", "prometheus")
    result = _run([promtool, "check", "config", str(PROMETHEUS_DIR / "prometheus.yml")])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_alert_rules_are_valid() -> None:
    promtool = _require_tool("promtool", "prometheus")
    result = _run([promtool, "check", "rules", str(ALERTS)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(_alert_blocks())} rules found" in result.stdout


def test_alert_rule_unit_tests_pass() -> None:
    promtool = _require_tool("promtool", "prometheus")
    result = _run([promtool, "test", "rules", str(ALERTS_TEST)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_required_alerts_exist() -> None:
    assert set(_alert_blocks()) >= {
        "WirefuseWorkerDown",
        "WirefuseWorkersAbsent",
        "WirefuseNoProgressWhileLagGrows",
        "WirefuseConsumerLagHigh",
        "WirefuseDeadLetterRateHigh",
        "WirefuseStageLatencyHigh",
        "WirefuseRebalancesFlapping",
    }


def test_every_alert_has_severity_annotations_and_a_runbook_section() -> None:
    headings = re.findall(r"^#{1,6}\s+(.+)$", OPERATIONS_DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    anchors = {_github_anchor(heading) for heading in headings}
    for name, block in _alert_blocks().items():
        assert re.search(r"^\s+severity:\s*(critical|warning|info)\s*$", block, flags=re.MULTILINE), name
        for annotation in ("summary", "description", "runbook"):
            assert re.search(rf"^\s+{annotation}:\s*\S", block, flags=re.MULTILINE), f"{name} lacks {annotation}"
        runbook = re.search(r'runbook:\s*"?docs/operations\.md#([\w-]+)"?', block)
        assert runbook is not None, f"{name}: runbook must point into docs/operations.md"
        assert runbook.group(1) in anchors, f"{name}: no section #{runbook.group(1)} in docs/operations.md"


def test_every_alert_is_unit_tested_firing_and_quiet() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    current: str | None = None
    for line in ALERTS_TEST.read_text(encoding="utf-8").splitlines():
        name = re.match(r"^\s*alertname:\s*(\S+)\s*$", line)
        if name:
            current = name.group(1)
            continue
        expected = re.match(r"^\s*exp_alerts:\s*(.*)$", line)
        if expected and current is not None:
            (quiet if expected.group(1).strip() == "[]" else firing).add(current)
            current = None
    alerts = set(_alert_blocks())
    assert alerts - firing == set(), "alerts never tested firing"
    assert alerts - quiet == set(), "alerts never tested quiet"


def test_alert_rules_use_only_exported_metrics() -> None:
    known = _known_series()
    for name, block in _alert_blocks().items():
        used = metric_names(_expr(block))
        assert used, f"{name}: no metric found in its expression"
        assert used <= known, f"{name} uses unknown metrics {sorted(used - known)}"


# --- Grafana -----------------------------------------------------------------------------------------------------


def test_dashboard_parses_and_uses_the_provisioned_datasource() -> None:
    dashboard = jsonio.loads(DASHBOARD.read_bytes())
    assert dashboard["uid"]
    assert dashboard["title"]
    datasource_uid = re.search(r"^\s+uid:\s*(\S+)\s*$", DATASOURCES.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert datasource_uid is not None
    ids = []
    for panel in _dashboard_panels(dashboard["panels"]):
        ids.append(panel["id"])
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == {"type": "prometheus", "uid": datasource_uid.group(1)}, panel["title"]
        assert panel["targets"], f"panel {panel['title']!r} has no query"
    assert len(ids) == len(set(ids)), "panel ids must be unique"


def test_dashboard_covers_what_operators_watch() -> None:
    exprs = " ".join(expr for _, expr in _dashboard_exprs())
    for metric in (
        "wirefuse_articles_consumed_total",
        "wirefuse_articles_enriched_total",
        "wirefuse_end_to_end_latency_seconds_bucket",
        "wirefuse_stage_duration_seconds_bucket",
        "wirefuse_consumer_lag_messages",
        "wirefuse_verdicts_total",
        "wirefuse_articles_dead_lettered_total",
        "wirefuse_open_incidents",
        "wirefuse_articles_event_place_total",
    ):
        assert metric in exprs, f"dashboard does not show {metric}"


def test_dashboard_uses_only_exported_metrics() -> None:
    known = _known_series()
    for title, expr in _dashboard_exprs():
        used = metric_names(expr)
        assert used, f"panel {title!r}: no metric in {expr!r}"
        assert used <= known, f"panel {title!r} uses unknown metrics {sorted(used - known)}"


def test_dashboard_queries_are_valid_promql(tmp_path: Path) -> None:
    promtool = _require_tool("promtool", "prometheus")
    # Grafana substitutes its variables before a query reaches Prometheus; do the same with typical values.
    lines = ["groups:", "  - name: dashboard", "    rules:"]
    for index, (_, expr) in enumerate(_dashboard_exprs()):
        concrete = expr.replace("$__rate_interval", "1m").replace("$instance", ".*")
        lines += [f"      - record: dashboard:query_{index}", f"        expr: {jsonio.dumps(concrete).decode()}"]
    rules = tmp_path / "dashboard_rules.yml"
    rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run([promtool, "check", "rules", str(rules)])
    assert result.returncode == 0, result.stdout + result.stderr


# --- compose and image -------------------------------------------------------------------------------------------


def test_compose_file_is_valid() -> None:
    compose = _require_tool("docker-compose", "docker-compose")
    result = _run([compose, "-f", str(COMPOSE), "config", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_describes_the_whole_deployment() -> None:
    compose = _require_tool("docker-compose", "docker-compose")
    services = _run([compose, "-f", str(COMPOSE), "config", "--services"])
    assert services.returncode == 0, services.stderr
    assert set(services.stdout.split()) == {"kafka", "topics", "worker", "producer", "prometheus", "grafana"}
    resolved = _run([compose, "-f", str(COMPOSE), "config"])
    assert resolved.returncode == 0, resolved.stderr
    worker = _compose_service_block(resolved.stdout, "worker")
    # `--scale worker=N` needs replicas that do not collide on a name or a host port.
    assert "container_name:" not in worker
    assert "ports:" not in worker
    assert "wirefuse\n    - worker" in worker
    assert "- create-topics" in _compose_service_block(resolved.stdout, "topics")
    assert "- produce-seeds" in _compose_service_block(resolved.stdout, "producer")
    kafka = _compose_service_block(resolved.stdout, "kafka")
    assert "image: apache/kafka:" in kafka
    assert "KAFKA_PROCESS_ROLES: broker,controller" in kafka


def test_compose_environment_is_accepted_by_the_settings() -> None:
    compose = _require_tool("docker-compose", "docker-compose")
    resolved = _run([compose, "-f", str(COMPOSE), "config"])
    assert resolved.returncode == 0, resolved.stderr
    for service in WIREFUSE_SERVICES:
        block = _compose_service_block(resolved.stdout, service)
        environment = {
            key: value.strip("'\"")
            for key, value in re.findall(r"^      (WIREFUSE_[A-Z0-9_]+):\s*(.*)$", block, flags=re.MULTILINE)
        }
        assert environment["WIREFUSE_BROKER_URL"] == "kafka://kafka:9092", service
        settings = Settings.from_env(environment)
        assert settings.table_store == "rocksdb://"
        assert settings.web_host == "0.0.0.0"


def test_deploy_files_name_only_real_settings() -> None:
    # The worker rejects unknown WIREFUSE_* variables, so a typo here would stop every container at start.
    known = {variable for variable, _, _ in settings_table()}
    for path in (COMPOSE, DOCKERFILE):
        used = set(re.findall(r"\bWIREFUSE_[A-Z0-9_]+", path.read_text(encoding="utf-8")))
        assert used, path
        assert used <= known, f"{path.name} names unknown settings {sorted(used - known)}"


def test_operations_doc_lists_every_setting_and_metric() -> None:
    doc = OPERATIONS_DOC.read_text(encoding="utf-8")
    missing_settings = [variable for variable, _, _ in settings_table() if f"`{variable}`" not in doc]
    assert missing_settings == [], "settings missing from docs/operations.md"
    # Our own metrics; Faust's sensor joins the registry once an app is built in this process and is documented
    # as a family (`faust_*`), not name by name.
    families = {
        family.name + ("_info" if family.type == "info" else "")
        for family in REGISTRY.collect()
        if family.name.startswith("wirefuse_")
    }
    shown = {name for name in families if f"`{name}" in doc}
    assert families - shown == set(), "metrics missing from docs/operations.md"


def test_dockerfile_runs_the_worker_unprivileged_with_baked_assets() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim|^ARG PYTHON_IMAGE=python:3\.11-slim", text, flags=re.MULTILINE)
    user = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    assert user, "the image must switch to an unprivileged user"
    assert user[-1] not in {"root", "0"}
    assert "python -m streams.geo.build /opt/wirefuse/cache" in text
    assert "WIREFUSE_CACHE_DIR=/opt/wirefuse/cache" in text
    assert re.search(r"^HEALTHCHECK .*\n.*/healthz", text, flags=re.MULTILINE)
    assert re.search(r'^CMD \["wirefuse", "worker"\]', text, flags=re.MULTILINE)
