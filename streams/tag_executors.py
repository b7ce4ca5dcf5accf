"""Where the tag stage runs: beside the event loop in a thread, or in forked tagging processes that share no GIL."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from streams.errors import StageError
from streams.model import Article, TaggedArticle
from streams.stages import tag

log = logging.getLogger(__name__)

TagResults = list[TaggedArticle | StageError]
# prctl(2): deliver this signal to the calling process when its parent dies.
_PR_SET_PDEATHSIG = 1


class TagExecutor(Protocol):
    """Runs `tag.tag_articles` on a batch without blocking the event loop; one result per article, in order."""

    async def tag(self, articles: Sequence[Article]) -> TagResults: ...

    def close(self) -> None: ...


class ThreadTagExecutor:
    """One thread of the worker process (tests, and `WIREFUSE_TAG_PROCESSES=0`).

    Heartbeats and commits go on during a long batch, but the thread shares the GIL with the event loop: measured on
    3 December, the loop's socket writes waited for the GIL and one worker never used more than one core.
    """

    def __init__(self, taggers: tag.Taggers) -> None:
        self.taggers = taggers
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirefuse-tag")

    async def tag(self, articles: Sequence[Article]) -> TagResults:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, tag.tag_articles, list(articles), self.taggers)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


# What a forked tagging process tags with: set in the parent before the fork, inherited copy-on-write.
_FORKED: dict[str, tag.Taggers] = {}


def _init_tagging_process() -> None:
    """The parent owns the lifecycle: a Ctrl-C or SIGTERM meant for the worker must not kill a batch half-way,
    and a tagging process must not outlive a worker killed with SIGKILL (it would hold the models' memory)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # prctl is Linux only; elsewhere the pool's own pipes tell
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _tag_in_process(articles: list[Article]) -> TagResults:
    return tag.tag_articles(articles, _FORKED["taggers"])


class ProcessTagExecutor:
    """`processes` forked children tag the batch in chunks: the event loop keeps a core to itself.

    Forked (not spawned) from a parent that has loaded the taggers, so a child starts in milliseconds and shares the
    models' pages until it writes them. The first children are forked before Faust starts its threads. A child that
    dies (the OOM killer, a crash in native code) breaks the pool: a new one is forked and the batch is tagged again
    article by article, so an article that kills a child again is dead-lettered (`tagger_crashed`) and the others
    are tagged.
    """

    def __init__(self, taggers: tag.Taggers, processes: int) -> None:
        if processes < 1:
            raise ValueError("processes must be >= 1")
        _FORKED["taggers"] = taggers
        self.processes = processes
        self._pool = self._start_pool()

    def _start_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_tagging_process,
        )
        # With fork the pool starts all its children at the first submit: do it now, while the caller controls
        # which threads exist.
        for ready in [pool.submit(os.getpid) for _ in range(self.processes)]:
            ready.result()
        return pool

    async def tag(self, articles: Sequence[Article]) -> TagResults:
        batch = list(articles)
        if not batch:
            return []
        step = -(-len(batch) // self.processes)
        chunks = [batch[i : i + step] for i in range(0, len(batch), step)]
        try:
            parts = await asyncio.gather(*(self._submit(chunk) for chunk in chunks))
        except BrokenProcessPool:
            log.error("a tagging process died during a batch of %d articles: tagging them one by one", len(batch))
            self._replace_pool()
            return [await self._tag_alone(article) for article in batch]
        return [result for part in parts for result in part]

    async def _submit(self, chunk: list[Article]) -> TagResults:
        future: Future[TagResults] = self._pool.submit(_tag_in_process, chunk)
        return await asyncio.wrap_future(future)

    async def _tag_alone(self, article: Article) -> TaggedArticle | StageError:
        try:
            (result,) = await self._submit([article])
        except BrokenProcessPool:
            self._replace_pool()
            log.error("article %s killed a tagging process twice: dead-lettered", article.id)
            return StageError(
                "the tagging process died while tagging this article (twice)", code="tagger_crashed", stage=tag.STAGE
            )
        return result

    def child_pids(self) -> list[int]:
        """The tagging processes' ids (for tests; the pool keeps them in an attribute it does not document)."""
        return sorted(self._pool._processes or {})  # noqa: SLF001 - no public accessor

    def _replace_pool(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def tagging_process_count(processes: int | None) -> int:
    """The tagging processes a worker forks for WIREFUSE_TAG_PROCESSES (None: one per core it may run on)."""
    return len(os.sched_getaffinity(0)) if processes is None else processes


def tag_executor(taggers: tag.Taggers, processes: int | None) -> TagExecutor:
    """`processes` tagging processes (None: one per core this process may run on), or with 0 a thread."""
    count = tagging_process_count(processes)
    return ProcessTagExecutor(taggers, count) if count >= 1 else ThreadTagExecutor(taggers)
