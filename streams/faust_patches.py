"""Fixes for faust-streaming 0.15.3 offset commits that can lose a message after a rebalance (docs/reliability.md).

The defect: after a rebalance a stream skips messages fetched while flow control was paused (table recovery) or
under an older consumer generation (`faust/streams.py`: `value = skipped_value`; the Cython iterator this install
uses does not ack them, the pure-Python one does). A skipped message is neither in flight nor acked, and
`Consumer._new_offset` lets the committed offset move past a missing offset at the head of the acked run when it is
the only one missing (`min(acked) - committed > 1`: an off-by-one against Kafka's "next offset to read" semantics;
upstream issue faust-streaming#606, fix proposed in faust-streaming#707). So the first message a worker reads on a
partition it takes over after a kill -9 can be committed without ever being processed: lost.

`RedeliveringConsumer` keeps faust's commit logic and adds three rules:

1. Never commit past an offset that this consumer received from the broker and that no stream has acked yet
   (in flight, or skipped): the committable run is cut just before the lowest such offset (the approach of
   faust-streaming#707, extended to skipped messages). Offsets that were never received (compacted away,
   transaction markers) still do not block commits, as before.
2. A received message that a stream skipped (not taken, while a message of the same partition received after it
   was) is handed to the streams again, as a fresh copy under the current generation, at the next commit once
   the rebalance is over. It is then processed after messages that followed it on its partition: the order of
   those few messages is lost, the messages are not. (Seeking back was tried: messages of an earlier fetch still
   being drained moved faust's read offset past the seek target, and faust dropped the re-fetched messages as
   already read; rule 3 removes that drop, the hand-over is kept as the simpler mechanism.) A message handed over
   twice, by this and by faust's own seek at the end of a rebalance, is processed twice: at-least-once, and every
   downstream write is idempotent.

3. Deliver every fetched message, and record an offset gap only between two messages fetched one after the
   other with no seek in between (see `_drain_messages`): faust's "already read" drop and its gap marking let a
   commit pass messages that were fetched but never processed, around the seeks at the end of a rebalance.

4. Table recovery reads each changelog partition up to the end offset the broker lists (ListOffsets "latest").
   A broker that lists too little (Tansu 0.6.0 answers the last batch's base offset + 1, FINDINGS.md) makes a
   worker that takes over restore a state older than the one the killed worker flushed and published from: the
   tail of the last batch is never read, so incident counts and versions go backwards. `highwaters` takes the
   larger of the listed end and the high watermark of a fetch at it (`fetched_highwaters`); on Apache Kafka both
   are the same, so this costs one fetch per recovery and changes nothing.

5. The longest a fetch may wait for data (`fetch_max_wait_ms`) is faust's fixed 1,500 ms; here it is the app's
   `fetch_max_wait_ms` (WIREFUSE_FETCH_MAX_WAIT_MS, 100 ms). Apache Kafka answers a fetch as soon as data arrives, so
   the value only bounds how often an idle consumer asks again. Tansu 0.6.0 answers early only when the fetch names
   one partition: measured on loopback (3 December, a message produced to a waiting consumer), 2 ms with one
   partition, 0.48 s with four partitions of one topic, 1.23 s with two topics of one partition each, and 12 ms with
   four partitions of two topics at a 100 ms wait. A worker fetches many partitions, and an article crosses two
   consumer hops (raw -> tagged -> decided): at 1,500 ms half a second to a second per hop went on waiting.

The app uses it through `WirefuseFaustApp` (streams/app.py), which builds the aiokafka transport with this consumer.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, ClassVar

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.transport.consumer import CONSUMER_FETCHING
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP, ConsumerMessage, Message
from faust.types.transports import ConsumerT, TPorTopicSet, TransportT
from faust.utils.functional import consecutive_numbers
from mode import ServiceT

log = logging.getLogger(__name__)
# How long a recovery waits for the high watermarks of its changelog partitions before it trusts the listed ends.
HIGHWATER_FETCH_TIMEOUT_S = 10.0


async def fetched_highwaters(
    client_kwargs: Mapping[str, Any], listed: Mapping[TP, int], timeout_s: float = HIGHWATER_FETCH_TIMEOUT_S
) -> dict[TP, int]:
    """Each partition's end offset: the larger of the listed one and the high watermark of a fetch at it.

    A partition listed as empty (0) has no batch whose tail could be missing and is not fetched.
    """
    ends = dict(listed)
    wanted = {TopicPartition(tp.topic, tp.partition): tp for tp, end in listed.items() if end}
    if not wanted:
        return ends
    consumer = AIOKafkaConsumer(**client_kwargs, group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(list(wanted))
        for partition, tp in wanted.items():
            consumer.seek(partition, listed[tp] - 1)  # the last listed record: a fetch there answers at once
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        pending = set(wanted)
        while pending and loop.time() < deadline:
            await consumer.getmany(*pending, timeout_ms=100, max_records=1)
            for partition in list(pending):
                highwater = consumer.highwater(partition)
                if highwater is not None:
                    ends[wanted[partition]] = max(ends[wanted[partition]], highwater)
                    pending.discard(partition)
        if pending:
            log.warning(
                "no fetch answered for %s within %.0f s: recovering those up to the listed end offsets",
                ", ".join(f"{p.topic}[{p.partition}]" for p in sorted(pending)),
                timeout_s,
            )
    finally:
        await consumer.stop()
    corrected = {tp: (listed[tp], end) for tp, end in ends.items() if end != listed[tp]}
    if corrected:
        log.info("changelog end offsets corrected by the fetch high watermark (listed, fetched): %s", corrected)
    return ends


class ShortFetchWaitConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    """faust's aiokafka consumer thread, with the app's `fetch_max_wait_ms` instead of faust's fixed 1,500 (rule 5)."""

    def _create_worker_consumer(self, transport: aiokafka_driver.Transport) -> AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        wait_ms = getattr(self.app, "fetch_max_wait_ms", None)
        if wait_ms is not None:
            # Read when the consumer starts its fetcher; faust passes no way to set it.
            consumer._fetch_max_wait_ms = int(wait_ms)  # noqa: SLF001
        return consumer


class RedeliveringConsumer(aiokafka_driver.Consumer):
    """aiokafka consumer that never commits past a received, unprocessed message and hands skipped ones over again."""

    def _new_consumer_thread(self) -> aiokafka_driver.AIOKafkaConsumerThread:
        return ShortFetchWaitConsumerThread(self, loop=self.loop, beacon=self.beacon)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # offset -> (reception number, message), per partition, for every message handed to the streams and not
        # yet committed. A re-read replaces the entry, with a new number.
        self._received: defaultdict[TP, dict[int, tuple[int, Message]]] = defaultdict(dict)
        self._reception = itertools.count()
        # partition -> offset of the last message fetched since the last seek (rule 3); a seek forgets it.
        self._fetched_last: dict[TP, int] = {}
        deliver = self.callback

        async def received(message: Message) -> None:
            if self.app.topics.acks_enabled_for(message.topic):
                self._received[message.tp][message.offset] = (next(self._reception), message)
            await deliver(message)

        self.callback = received

    async def _drain_messages(self, fetcher: ServiceT) -> None:
        """faust 0.15.3's Consumer._drain_messages (transport/consumer.py), with two changes (rule 3).

        Faust drops a fetched message whose offset is below the partition's "read offset" as already read, and it
        marks as done (a "gap", counted as acked) every offset between the read offset and the next message it
        sees, the next message included. Both go wrong around seeks: a message of an earlier fetch drained after
        faust's seek to the committed offsets (end of a rebalance) moves the read offset past the seek target; the
        re-fetched messages are then dropped, and the offsets in between are marked done without ever being
        processed. Measured: 3 raw articles (offsets 339-341 of one partition) committed but never tagged in a
        kill -9 run with rules 1 and 2 only. Here every fetched message is delivered (a duplicate is processed
        twice: at-least-once), and a gap is only recorded between two messages fetched one after the other with no
        seek in between, where the offsets in between really do not exist (compaction, transaction markers), the
        second message excluded. (Right after a seek, a message of an earlier fetch can still come through, so no
        gap is inferred from the first message after it.)
        """
        callback = self.callback
        getmany = self.getmany
        set_read_offset = self._read_offset.__setitem__
        set_flag = self.diag.set_flag
        unset_flag = self.diag.unset_flag
        commit_every = self._commit_every
        acks_enabled_for = self.app.topics.acks_enabled_for
        yield_every = 100
        num_since_yield = 0
        try:
            while not (self.should_stop or fetcher.should_stop):
                set_flag(CONSUMER_FETCHING)
                ait = getmany(timeout=1.0)
                # Sleeping because sometimes getmany is called in a loop never releasing to the event loop.
                await self.sleep(0)
                if not self.should_stop:
                    async for tp, message in ait:
                        num_since_yield += 1
                        if num_since_yield > yield_every:
                            await asyncio.sleep(0)
                            num_since_yield = 0
                        offset = message.offset
                        before = self._fetched_last.get(tp)
                        if before is not None and offset > before + 1 and acks_enabled_for(message.topic):
                            await self._add_gap(tp, before + 1, offset - 1)
                        self._fetched_last[tp] = offset
                        if commit_every is not None and self._n_acked >= commit_every:
                            self._n_acked = 0
                            await self.commit()
                        await self.wait_first(callback(message), self.suspend_flow.wait())
                        set_read_offset(tp, offset)
                    unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                self.log.info("Broker stopped consumer, shutting down...")
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                self.log.info("Consumer shutting down for user cancel.")
                return
            raise
        except Exception as exc:
            self.log.exception("Drain messages raised: %r", exc)
            raise
        finally:
            unset_flag(CONSUMER_FETCHING)

    def _unprocessed(self, tp: TP) -> list[int]:
        """Received offsets at or after the committed one that no stream has acked, lowest first."""
        committed = self._committed_offset[tp]
        acked = self._acked_index[tp]
        return sorted(
            offset
            for offset in self._received.get(tp, {})
            if (committed is None or offset >= committed) and offset not in acked
        )

    def _forget_below(self, tp: TP, offset: int) -> None:
        received = self._received.get(tp)
        if received:
            for old in [o for o in received if o < offset]:
                del received[old]

    def _new_offset(self, tp: TP) -> int | None:
        # faust 0.15.3's Consumer._new_offset (transport/consumer.py), with rule 1 of the module docstring added.
        acked = self._acked[tp]
        if not acked:
            return None
        max_offset = max(acked)
        gap_for_tp = self._gap[tp]
        if gap_for_tp:
            # Offsets the fetcher never saw (compaction, transaction markers) count as done, as in faust.
            candidates = sorted(gap_for_tp.overlap(0, max_offset), key=lambda interval: interval.begin)
            if candidates:
                filled: list[int] = []
                for interval in candidates:
                    filled.extend(range(interval.begin, interval.end))
                acked.extend(filled)
                gap_for_tp.chop(0, max(filled[-1], max_offset + 1))
        acked.sort()
        committed = self._committed_offset[tp]
        if committed and min(acked) - committed > 1:
            return None
        batch = list(next(consecutive_numbers(acked)))
        unprocessed = self._unprocessed(tp)
        if unprocessed:
            first = unprocessed[0]
            if first < batch[0]:
                return None  # the head of the partition was received but not processed: commit nothing
            # `batch` holds consecutive offsets, so the ones below `first` are a prefix of it.
            batch = batch[: first - batch[0]]
            if not batch:
                return None
        acked[: len(batch)] = []
        self._acked_index[tp].difference_update(batch)
        new_offset = batch[-1] + 1
        self._forget_below(tp, new_offset)
        return new_offset

    async def commit(self, topics: TPorTopicSet | None = None, start_new_transaction: bool = True) -> bool:
        await self._redeliver_skipped()
        return await super().commit(topics, start_new_transaction=start_new_transaction)

    async def _redeliver_skipped(self) -> None:
        """Rule 2 of the module docstring: hand a skipped message to the streams again."""
        if self.should_stop or self.app.should_stop:
            return  # stopping: what was not processed is not committed (rule 1), the next owner reads it
        if self.app.rebalancing or not self.app.flow_control.is_active():
            return  # the rebalance ends with a seek to the committed offsets, which re-reads them anyway
        assignment = self.assignment()
        skipped: list[Message] = []
        for tp in list(self._received):
            if tp not in assignment:
                self._received.pop(tp, None)
                continue
            received = self._received[tp]
            taken = [reception for reception, message in received.values() if message.tracked or message.acked]
            if not taken:
                continue
            last_taken = max(taken)
            # A stream takes a partition's messages in the order they were received: a message received before
            # one already taken (tracked or acked), and not taken itself, was skipped; nothing acks it unless it is
            # handed over again. (Its copy below is received last, so it is not handed over twice.)
            skipped.extend(
                message
                for offset in self._unprocessed(tp)
                for reception, message in [received[offset]]
                if reception < last_taken and not message.tracked
            )
        if skipped:
            log.warning(
                "handing %d message(s) a stream skipped (rebalance) to the streams again: %s",
                len(skipped),
                ", ".join(f"{m.topic}[{m.partition}]@{m.offset}" for m in skipped[:10]),
            )
        for message in skipped:
            # A fresh copy: the skipped one holds a reference count that will never be released.
            await self.callback(
                ConsumerMessage(
                    message.topic,
                    message.partition,
                    message.offset,
                    message.timestamp,
                    message.timestamp_type,
                    message.headers,
                    message.key,
                    message.value,
                    message.checksum,
                    message.serialized_key_size,
                    message.serialized_value_size,
                    message.tp,
                    generation_id=self.app.consumer_generation_id,
                )
            )

    async def highwaters(self, *partitions: TP) -> Mapping[TP, int]:
        """Rule 4 of the module docstring: end offsets a recovery can trust."""
        listed = await super().highwaters(*partitions)
        client_kwargs = getattr(self.app, "fetch_client_kwargs", None)
        if not client_kwargs or not listed:
            return listed
        return await fetched_highwaters(client_kwargs, listed)

    async def perform_seek(self) -> None:
        self._fetched_last.clear()
        await super().perform_seek()

    async def seek(self, partition: TP, offset: int) -> None:
        self._fetched_last.pop(partition, None)
        await super().seek(partition, offset)

    async def seek_wait(self, partitions: Mapping[TP, int]) -> None:
        for tp in partitions:
            self._fetched_last.pop(tp, None)
        await super().seek_wait(partitions)

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        for tp in revoked:
            self._received.pop(tp, None)
            self._fetched_last.pop(tp, None)
        await super().on_partitions_revoked(revoked)


class RedeliveringTransport(aiokafka_driver.Transport):
    """The aiokafka transport with `RedeliveringConsumer`."""

    Consumer: ClassVar[type[ConsumerT]] = RedeliveringConsumer


class WirefuseFaustApp(faust.App):
    """faust.App whose consumer transport is `RedeliveringTransport` (for `kafka://` broker URLs)."""

    # aiokafka connection arguments (streams.kafka.client_kwargs) for the fetch of rule 4; None: trust ListOffsets.
    fetch_client_kwargs: dict[str, Any] | None = None
    # The consumer's longest wait for data per fetch (rule 5); None: faust's 1,500 ms.
    fetch_max_wait_ms: int | None = None

    def _new_transport(self) -> TransportT:
        urls = self.conf.broker_consumer
        if urls and urls[0].scheme in ("kafka", "aiokafka", ""):
            return RedeliveringTransport(urls, self)
        return super()._new_transport()


__all__ = [
    "RedeliveringConsumer",
    "RedeliveringTransport",
    "ShortFetchWaitConsumerThread",
    "WirefuseFaustApp",
    "fetched_highwaters",
]
