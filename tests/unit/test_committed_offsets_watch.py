"""The committed-offsets watch: a broker that lost this group's offsets stops the worker, a late commit does not."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from aiokafka import TopicPartition

from streams.agents import CommittedOffsetsWatch
from streams.settings import Settings

PARTITION = ("wire.articles.raw", 0)


def watch_with(committed: int, broker_answers: list[int]) -> tuple[CommittedOffsetsWatch, list[str]]:
    """A watch whose worker committed `committed`, and the result of one check per broker answer."""
    app: Any = SimpleNamespace(consumer=SimpleNamespace(_committed_offset={TopicPartition(*PARTITION): committed}))
    watch = CommittedOffsetsWatch(app, Settings.from_env())
    answers = iter(broker_answers)

    async def group_offsets(partitions: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        return {tp: next(answers) for tp in partitions}

    watch._group_offsets = group_offsets  # type: ignore[method-assign]  # the broker's answers, without a broker
    return watch, [asyncio.run(watch.lost_offsets()) for _ in broker_answers]


def test_a_lower_offset_seen_once_is_a_late_commit_the_owner_overtakes() -> None:
    # Under load a member that lost the partition in a rebalance committed 210 after this worker's 215.
    _, results = watch_with(215, [210, 230])
    assert results == ["", ""]


def test_a_lower_offset_at_two_checks_in_a_row_is_data_lost_on_the_broker() -> None:
    _, results = watch_with(215, [3, 5])
    assert results[0] == ""
    assert results[1] == "wire.articles.raw[0] committed 215, broker has 5"


def test_offsets_the_broker_holds_are_no_loss() -> None:
    _, results = watch_with(215, [215, 240, 240])
    assert results == ["", "", ""]
