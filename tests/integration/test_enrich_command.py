"""`wirefuse enrich`, the offline command evaluation runs: same stages as the worker, one line per accepted input."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path
from typing import Any

import schemas
from streams import jsonio

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run_enrich(tmp_path: Path, lines: list[bytes], *extra: str) -> tuple[list[dict[str, Any]], str]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    target = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "enrich", str(source), "-o", str(target), *extra],
        capture_output=True,
        check=True,
    )
    out = [jsonio.loads(line) for line in target.read_bytes().splitlines() if line.strip()]
    return out, done.stderr.decode()


def test_seeds_are_grouped_as_expected(tmp_path: Path, seed_expected: dict[str, str], same_grouping: Any) -> None:
    lines = [line for line in (SEEDS / "articles.jsonl").read_bytes().splitlines() if line.strip()]
    enriched, _ = run_enrich(tmp_path, lines, "--incidents", str(tmp_path / "incidents.jsonl"))
    assert [e["id"] for e in enriched] == [jsonio.loads(line)["id"] for line in lines]
    for record in enriched:
        assert schemas.errors(schemas.ENRICHED_ARTICLE, record) == []
        for mention in record["locations"] + record["actors"] + record["agents"]:
            assert record[mention["field"]][mention["start"] : mention["end"]] == mention["text"]
        assert {a["mention"] for a in record["actors"]} <= {"name"}
        assert {a["mention"] for a in record["agents"]} <= {"nominal"}
    same_grouping({e["id"]: e["incident_id"] for e in enriched}, seed_expected)
    incidents = [jsonio.loads(line) for line in (tmp_path / "incidents.jsonl").read_bytes().splitlines()]
    for incident in incidents:
        assert schemas.errors(schemas.INCIDENT, incident) == []


def test_malformed_lines_are_reported_and_the_rest_is_processed(tmp_path: Path) -> None:
    cases = [jsonio.loads(line) for line in (SEEDS / "malformed.jsonl").read_bytes().splitlines() if line.strip()]
    good = [jsonio.dumps({"id": "good-1", "title": "Floods hit Dhaka", "body": "Floods hit Dhaka on Monday."})]
    # Lines that hold a newline byte cannot be one JSONL line; the worker test covers those.
    bad = [base64.b64decode(c["payload_b64"]) for c in cases if b"\n" not in base64.b64decode(c["payload_b64"])]
    bad = [payload for payload in bad if payload.strip()]
    enriched, stderr = run_enrich(tmp_path, [*bad, *good])
    assert [e["id"] for e in enriched] == ["good-1"]
    reported = [line for line in stderr.splitlines() if line.startswith("line ")]
    assert len(reported) == len(bad)
    assert all("parse/" in line for line in reported)
