"""Unit tests of the bench's pure helpers: `.venv/bin/pytest bench` (pytest puts bench/ on sys.path)."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import Any

import pytest
from corpus import MIN_WORDS, build_corpus
from harness import BenchError, Observer, percentile, stage_seconds_per_article
from phases import summarise
from profiling import PYSPY_RATE_HZ, STARTUP, categorise, summarise_collapsed, summarise_threads
from report import figures, targets

from streams import jsonio
from streams.settings import Settings


def write_source(tmp_path: Path) -> Path:
    lines = [
        jsonio.dumps({"id": f"s{i}", "title": f"Title {i}", "body": " ".join(f"w{i}x{j}" for j in range(120))})
        for i in range(6)
    ]
    path = tmp_path / "texts.articles.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_corpus_articles_are_long_enough_unique_and_deterministic(tmp_path: Path) -> None:
    source = write_source(tmp_path)
    first = build_corpus(20, "t", seed=3, sources=[source])
    again = build_corpus(20, "t", seed=3, sources=[source])
    assert first.messages == again.messages
    keys = [key for key, _ in first.messages]
    assert len(set(keys)) == 20
    for key, value in first.messages:
        record = jsonio.loads(value)
        assert record["id"].encode() == key
        assert len(record["title"].split()) + len(record["body"].split()) >= MIN_WORDS
    assert first.describe()["source_texts"] == 6


def test_percentile_interpolates_like_numpy() -> None:
    values = [1.0, 2.0, 3.0, 4.0]
    assert percentile(values, 50) == 2.5
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 4.0
    assert percentile(values, 99) == pytest.approx(3.97)
    assert math.isnan(percentile([], 50))


def test_stage_time_is_the_histogram_delta_per_article() -> None:
    tag: tuple[tuple[str, str], ...] = (("stage", "tag"),)
    before: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {
        ("wirefuse_stage_duration_seconds_sum", tag): 1.0,
        ("wirefuse_stage_duration_seconds_count", tag): 2.0,
    }
    after: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {
        ("wirefuse_stage_duration_seconds_sum", tag): 4.0,
        ("wirefuse_stage_duration_seconds_count", tag): 8.0,
    }
    assert stage_seconds_per_article(before, after) == {"tag": 0.5}


def test_summary_is_median_min_max_and_skips_failed_probes() -> None:
    assert summarise([3.0, 1.0, math.nan, 2.0]) == {
        "median": 2.0,
        "min": 1.0,
        "max": 3.0,
        "runs": [3.0, 1.0, math.nan, 2.0],
    }


def test_profile_samples_go_to_the_innermost_known_part() -> None:
    stack = ["main (streams/cli.py:52)", "tag_articles (streams/stages/tag.py:53)", "pipe (spacy/language.py:1)"]
    assert categorise(stack).startswith("spacy")
    stack = ["main (streams/cli.py:52)", "ActorTagger.tag (streams/actors/tagger.py:9)", "sub (re/__init__.py:1)"]
    assert categorise(stack).startswith("actors")
    assert categorise(["main (streams/cli.py:52)", "load_taggers (streams/pipeline.py:40)"]) == STARTUP
    text = (
        "main (streams/cli.py:1);load_taggers (streams/pipeline.py:2) 5\n"
        "main (streams/cli.py:1);LocationTagger.tag (streams/geo/tagger.py:3) 3\n"
        "main (streams/cli.py:1);LocationTagger.tag (streams/geo/tagger.py:4) 1\n"
    )
    summary = summarise_collapsed(text)
    assert summary["samples"] == 9
    assert summary["share_of_processing"] == {"locations (streams/geo)": 1.0}
    assert summary["top_wirefuse_functions_share_of_processing"] == {"LocationTagger.tag (streams/geo/tagger.py)": 1.0}


def test_figures_take_the_median_over_runs_and_check_targets() -> None:
    runs: list[dict[str, Any]] = [
        {"worker": {"articles_per_s": rate, "loads": [{"offered_per_s": 50.0, "p99_s": 9.0, "p50_s": 1.0}]}}
        for rate in (4.0, 6.0, 5.0)
    ]
    for run in runs:
        run["worker"] |= {
            "worker_cpu_ms_per_article": 1.0,
            "worker_cores_used": 1.0,
            "broker_cores_used": 0.1,
            "peak_rss_mb": 1600.0,
            "peak_pss_mb": 900.0,
            "warm_start_to_first_s": 8.0,
            "stage_s_per_article": {"tag": 0.2},
        }
        run["worker"]["loads"][0]["completed_per_s"] = 5.0
    figs = figures(runs)
    assert figs["e2e_articles_per_s"]["median"] == 5.0
    assert figs["e2e_articles_per_s"]["min"] == 4.0
    assert figs["stage_tag_ms_per_article"]["median"] == 200.0
    checked = targets(figs)
    assert checked["e2e_articles_per_s"]["met"] is False
    assert checked["worker_peak_pss_mb"]["met"] is True
    assert "worker_peak_rss_mb" not in checked
    assert checked["latency_p99_s"]["met"] is False


def test_thread_summary_separates_busy_time_from_waiting_in_epoll() -> None:
    text = (
        "thread (1): MainThread;run (asyncio/base_events.py:1);EpollSelector.select (selectors.py:2) 60\n"
        "thread (1): MainThread;run (asyncio/base_events.py:1);decide (streams/incidents/__init__.py:3) 20\n"
        "thread (2): wirefuse-tag_0;pipe (spacy/language.py:4) 100\n"
    )
    threads = summarise_threads(text, seconds=1.0)
    assert threads["MainThread"]["running_share_of_wall"] == pytest.approx(0.8)
    assert threads["MainThread"]["busy_share_of_wall"] == pytest.approx(0.2)
    assert threads["wirefuse-tag"]["busy_share_of_wall"] == pytest.approx(1.0)
    assert threads["wirefuse-tag"]["top_functions"] == {"pipe (spacy/language.py)": 1.0}


def test_thread_summary_puts_the_tagging_processes_together() -> None:
    text = (
        'process 1:"python -m streams.cli worker";thread (1): MainThread;decide (streams/incidents/__init__.py:3) 20\n'
        'process 1:"python -m streams.cli worker";process 7:"python -m streams.cli worker";'
        "thread (7): MainThread;pipe (spacy/language.py:4) 150\n"
        'process 1:"python -m streams.cli worker";process 8:"python -m streams.cli worker";'
        "thread (8): MainThread;pipe (spacy/language.py:4) 100\n"
    )
    threads = summarise_threads(text, seconds=2.0)
    assert set(threads) == {"MainThread", "tagging processes"}
    assert threads["tagging processes"]["running_share_of_wall"] == 250 / (2.0 * PYSPY_RATE_HZ)
    assert threads["MainThread"]["running_share_of_wall"] == 20 / (2.0 * PYSPY_RATE_HZ)


def test_a_wait_returns_once_all_are_enriched_and_reports_a_stall_instead_of_hanging() -> None:
    observer = Observer(Settings(), "127.0.0.1:9")  # never started: the test fills what it has seen itself
    observer.enriched["a"] = 1
    asyncio.run(observer.wait_for(["a"], 60.0, []))
    with pytest.raises(BenchError, match="1 articles pending and none enriched for 0 s"):
        asyncio.run(observer.wait_for(["a", "b"], 60.0, [], stall_s=0.0))
