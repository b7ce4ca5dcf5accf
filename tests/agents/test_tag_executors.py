"""The tag stage run by forked tagging processes: same results as in-process, and a child that dies loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
from dataclasses import replace
from typing import Any

import pytest

from streams import jsonio
from streams.cli import SEEDS_DIR
from streams.errors import StageError
from streams.model import Article, tagged_to_json
from streams.settings import Settings
from streams.stages import parse, tag
from streams.stages.tag import Taggers
from streams.tag_executors import ProcessTagExecutor, ThreadTagExecutor, tag_executor


class KillingLocationTagger:
    """Kills the process it runs in on one article id, as a crash in native code (or the OOM killer) would."""

    def __init__(self, inner: Any, deadly_id: str) -> None:
        self.inner, self.deadly_id = inner, deadly_id

    def tag(self, article: Any, docs: Any) -> Any:
        if article.id == self.deadly_id:
            os.kill(os.getpid(), signal.SIGKILL)
        return self.inner.tag(article, docs)


def seed_articles(settings: Settings) -> list[Article]:
    lines = [line for line in (SEEDS_DIR / "articles.jsonl").read_bytes().splitlines() if line.strip()]
    return [parse.parse_article(line, settings) for line in lines[:12]]


def comparable(result: Any) -> Any:
    """A tagging result without its timings (they differ from run to run)."""
    if isinstance(result, StageError):
        return ("error", result.code, result.message)
    data = tagged_to_json(result)
    data.pop("stage_seconds", None)
    return jsonio.loads(jsonio.dumps(data))


def test_tagging_processes_give_what_the_thread_gives_in_order(settings: Settings, taggers: Taggers) -> None:
    articles = seed_articles(settings)
    in_thread = ThreadTagExecutor(taggers)
    in_processes = ProcessTagExecutor(taggers, processes=2)
    try:
        expected = asyncio.run(in_thread.tag(articles))
        actual = asyncio.run(in_processes.tag(articles))
    finally:
        in_thread.close()
        in_processes.close()
    assert [comparable(r) for r in actual] == [comparable(r) for r in expected]
    assert [r.article.id for r in actual if not isinstance(r, StageError)] == [a.id for a in articles]


def test_an_article_that_kills_its_tagging_process_is_dead_lettered_and_the_batch_is_tagged(
    settings: Settings, taggers: Taggers
) -> None:
    articles = seed_articles(settings)
    deadly = articles[3].id
    executor = ProcessTagExecutor(replace(taggers, locations=KillingLocationTagger(taggers.locations, deadly)), 2)
    try:
        results = asyncio.run(executor.tag(articles))
        # The pool was replaced: the next batch is tagged as usual.
        after = asyncio.run(executor.tag(articles[:2]))
    finally:
        executor.close()
    assert len(results) == len(articles)
    failed = [(a.id, r) for a, r in zip(articles, results, strict=True) if isinstance(r, StageError)]
    assert [(article_id, r.code, r.stage) for article_id, r in failed] == [(deadly, "tagger_crashed", tag.STAGE)]
    tagged_ids = [r.article.id for r in results if not isinstance(r, StageError)]
    assert tagged_ids == [a.id for a in articles if a.id != deadly]
    assert [r.article.id for r in after if not isinstance(r, StageError)] == [a.id for a in articles[:2]]


def test_a_tagging_process_ignores_the_signals_meant_for_its_worker(settings: Settings, taggers: Taggers) -> None:
    executor = ProcessTagExecutor(taggers, processes=1)
    try:
        (child,) = executor.child_pids()
        # Ignored signals are discarded when sent, so no wait is needed before checking.
        os.kill(child, signal.SIGTERM)
        os.kill(child, signal.SIGINT)
        # Still the same, working process: the worker decides when its tagging processes stop.
        (result,) = asyncio.run(executor.tag(seed_articles(settings)[:1]))
        assert not isinstance(result, StageError)
        assert executor.child_pids() == [child]
    finally:
        executor.close()


@pytest.mark.parametrize(("processes", "expected"), [(0, ThreadTagExecutor), (1, ProcessTagExecutor)])
def test_zero_tagging_processes_means_a_thread(taggers: Taggers, processes: int, expected: type) -> None:
    executor = tag_executor(taggers, processes)
    try:
        assert isinstance(executor, expected)
    finally:
        executor.close()
