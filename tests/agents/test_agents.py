"""The Faust agents through `test_context()`: they consume, call the stages, send, route failures and count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from unittest import mock

import pytest
from mention_builders import QUAKE_AE, QUAKE_AE_LATER, QUAKE_IR

from streams import jsonio, metrics, topics
from streams.agents import Agents, StoreReadTable, register_agents
from streams.app import WirefuseApp, create_app
from streams.incidents import UNPLACED_KEY, IncidentState, MatchConfig, candidate_key, decide, survivors
from streams.incidents.reconcile import HELD_ARTICLE_FIELD, RECONCILE_KEY
from streams.model import tagged_from_json, tagged_to_json
from streams.settings import Settings
from streams.stages.tag import Taggers
from streams.tag_executors import ThreadTagExecutor

ARTICLE = {
    "id": "agent-test-1",
    "title": "Syrian troops enter Khan Sheikhoun after rebels withdraw",
    "body": "Syrian government forces entered Khan Sheikhoun in Idlib province on Tuesday after rebels withdrew, "
    "a war monitor said.",
    "source": "Test Agency",
    "published_at": "2019-08-20T12:00:00Z",
}


class PoisonLocationTagger:
    """Raises on one article id, as a tagger bug triggered by one input would."""

    def __init__(self, inner: Any, poison_id: str) -> None:
        self.inner, self.poison_id = inner, poison_id

    def tag(self, article: Any, docs: Any) -> Any:
        if article.id == self.poison_id:
            raise ValueError("tagger exploded")
        return self.inner.tag(article, docs)


class Sent:
    """Records what an agent sends to one topic, in place of the producer."""

    def __init__(self) -> None:
        self.messages: list[tuple[bytes | None, bytes, dict[str, bytes]]] = []

    async def __call__(self, key: bytes | None = None, value: bytes = b"", headers: Any = None, **_: Any) -> None:
        self.messages.append((key, value, dict(headers or {})))


@pytest.fixture
def wired(settings: Settings, taggers: Taggers) -> Iterator[tuple[WirefuseApp, Agents, dict[str, Sent]]]:
    poisoned = replace(taggers, locations=PoisonLocationTagger(taggers.locations, "poison"))
    wa = create_app(settings.replace(app_id="wirefuse-agent-tests"), "kafka://127.0.0.1:9")
    agents = register_agents(wa, settings, ThreadTagExecutor(poisoned), MatchConfig.from_settings(settings))
    sent = {name: Sent() for name in ("tagged", "notices", "enriched", "incidents", "dead_letters")}
    with (
        mock.patch.object(wa.tagged, "send", sent["tagged"]),
        mock.patch.object(wa.notices, "send", sent["notices"]),
        mock.patch.object(wa.enriched, "send", sent["enriched"]),
        mock.patch.object(wa.incidents, "send", sent["incidents"]),
        mock.patch.object(wa.dead_letters, "send", sent["dead_letters"]),
    ):
        yield wa, agents, sent


async def test_tag_agent_rekeys_good_articles_and_dead_letters_bad_ones(wired: Any) -> None:
    _, agents, sent = wired
    bad = b'{"id": "", "body": "x"}'
    before = metrics.ARTICLES_DEAD_LETTERED.labels(stage="parse", code="invalid_id")._value.get()
    async with agents.tag_articles.test_context() as agent:
        await agent.put(bad, key=b"k-bad")
        await agent.put(jsonio.dumps(ARTICLE), key=ARTICLE["id"].encode())
    (key, value, headers) = sent["dead_letters"].messages[0]
    assert (key, value) == (b"k-bad", bad)
    assert headers[topics.DLQ_HEADER_CODE] == b"invalid_id"
    assert headers[topics.DLQ_HEADER_STAGE] == b"parse"
    assert headers[topics.DLQ_HEADER_KEY_HEX] == b"k-bad".hex().encode()
    assert metrics.ARTICLES_DEAD_LETTERED.labels(stage="parse", code="invalid_id")._value.get() == before + 1
    [(key, value, _)] = sent["tagged"].messages
    tagged = tagged_from_json(jsonio.loads(value)["tagged"])
    assert tagged.article.id == ARTICLE["id"]
    assert key == candidate_key(tagged).encode()
    assert any(loc["geonameid"] == 168325 for loc in tagged.locations)


async def test_a_poison_article_is_dead_lettered_and_the_next_one_flows(wired: Any) -> None:
    _, agents, sent = wired
    poison = jsonio.dumps(ARTICLE | {"id": "poison"})
    async with agents.tag_articles.test_context() as agent:
        await agent.put(poison, key=b"poison")
        await agent.put(jsonio.dumps(ARTICLE), key=ARTICLE["id"].encode())
    [(key, value, headers)] = sent["dead_letters"].messages
    assert (key, value) == (b"poison", poison)
    assert headers[topics.DLQ_HEADER_STAGE] == b"tag"
    assert headers[topics.DLQ_HEADER_CODE] == b"tagger_failed"
    assert b"tagger exploded" in headers[topics.DLQ_HEADER_MESSAGE]
    assert [jsonio.loads(v)["tagged"]["article"]["id"] for _, v, _ in sent["tagged"].messages] == [ARTICLE["id"]]


async def test_decide_agent_counts_a_redelivered_article_once(wired: Any) -> None:
    _, agents, sent = wired
    async with agents.tag_articles.test_context() as agent:
        await agent.put(jsonio.dumps(ARTICLE), key=ARTICLE["id"].encode())
    [(key, envelope, _)] = sent["tagged"].messages
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(envelope, key=key)
        await agent.put(envelope, key=key)  # redelivery after a crash: at-least-once
    assert sent["enriched"].messages == []  # a report that opens an incident waits for the reconcile partition
    await through_the_reconcile_agent(agents, sent)
    first, again = (jsonio.loads(v) for _, v, _ in sent["enriched"].messages)
    assert first["id"] == ARTICLE["id"]
    assert first["dedup"]["verdict"] == "new_incident"
    assert again["incident_id"] == first["incident_id"]
    # The redelivery counts nothing again; it re-sends the same version (a kill -9 may have lost the first send).
    [(incident_key, incident_value, _), (_, resent_value, _)] = sent["incidents"].messages
    incident = jsonio.loads(incident_value)
    assert incident_key == incident["incident_id"].encode() == first["incident_id"].encode()
    assert (incident["version"], incident["report_count"]) == (1, 1)
    assert jsonio.loads(resent_value) == incident


async def test_decide_agent_dead_letters_an_unreadable_envelope(wired: Any) -> None:
    _, agents, sent = wired
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(b"{not json", key=b"SY-ID")
    [(key, value, headers)] = sent["dead_letters"].messages
    assert (key, value) == (b"SY-ID", b"{not json")
    assert headers[topics.DLQ_HEADER_STAGE] == b"decide"
    assert sent["enriched"].messages == []


def test_a_table_read_through_its_store_sees_every_write_and_skips_the_read_sensor(settings: Settings) -> None:
    wa = create_app(settings.replace(app_id="wirefuse-store-read-tests"), "kafka://127.0.0.1:9")
    view = StoreReadTable(wa.buckets)
    wa.buckets.data["SY"] = {"open": {}}  # as a restored changelog record would be
    with mock.patch.object(type(wa.buckets), "on_key_get") as read_sensor:
        assert view["SY"] == {"open": {}}
        assert view.get("IQ") is None
        assert "SY" in view and "IQ" not in view
        assert list(view) == ["SY"] and len(view) == 1
    read_sensor.assert_not_called()
    with mock.patch.object(type(wa.buckets), "on_key_set") as changelog:
        view["IQ"] = {"open": {}}
    changelog.assert_called_once_with("IQ", {"open": {}})


FIRE_REPORT = {
    "id": "agent-fire",
    "title": "Fire destroys Nordvik Plastics warehouse in Rotterdam",
    "body": "ROTTERDAM - A fire destroyed a Nordvik Plastics warehouse in Rotterdam, Netherlands, on Monday, director "
    "Johanna Verbeek said. Firefighters fought the blaze for six hours and nobody was hurt, the company said.",
    "source": "Test Agency",
    "published_at": "2024-03-04T10:00:00Z",
}
FIRE_FOLLOW_UP = {
    "id": "agent-fire-follow-up",
    "title": "Nordvik Plastics warehouse fire hurt nobody, firm says",
    "body": "The fire that destroyed a Nordvik Plastics warehouse on Monday hurt nobody, director Johanna Verbeek said "
    "on Tuesday. Firefighters fought the blaze for six hours, the company said.",
    "source": "Other Agency",
    "published_at": "2024-03-05T09:00:00Z",
}


async def through_the_tag_agent(agents: Agents, sent: dict[str, Sent], *articles: dict[str, str]) -> list[Any]:
    """Articles through the tag agent: the (key, envelope) pairs the decide agent reads, taken off the tagged topic."""
    async with agents.tag_articles.test_context() as agent:
        for article in articles:
            await agent.put(jsonio.dumps(article), key=article["id"].encode())
    taken = [(key, envelope) for key, envelope, _ in sent["tagged"].messages]
    sent["tagged"].messages.clear()
    return taken


async def through_the_reconcile_agent(agents: Agents, sent: dict[str, Sent]) -> None:
    """The notices sent so far through the reconcile agent, which publishes the articles that opened incidents."""
    async with agents.reconcile_incidents.test_context() as agent:
        for key, value, _ in sent["notices"].messages:
            await agent.put(value, key=key)
    sent["notices"].messages.clear()


async def test_a_report_with_no_place_is_forwarded_once_to_where_its_names_were_placed(wired: Any) -> None:
    _, agents, sent = wired
    [(fire_key, fire), (follow_up_key, follow_up)] = await through_the_tag_agent(
        agents, sent, FIRE_REPORT, FIRE_FOLLOW_UP
    )
    assert (fire_key, follow_up_key) == (b"NL", UNPLACED_KEY.encode())
    routed_before = metrics.ARTICLES_ROUTED._value.get()
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(fire, key=fire_key)
        assert sent["tagged"].messages == []  # the names the placed report carries wait for the next batch
        await agents.send_placed_names()
        [(names_key, names, _)] = sent["tagged"].messages
        assert names_key == UNPLACED_KEY.encode()
        await agent.put(names, key=names_key)
        await agent.put(follow_up, key=follow_up_key)
        forwarded_key, forwarded, _ = sent["tagged"].messages[-1]
        assert forwarded_key == b"NL"
        # The same names are then placed elsewhere; the follow-up, re-delivered, still goes where it went first.
        elsewhere = {"placed_names": [{"key": "BE", "names": ["nordvik plastics", "johanna verbeek"], "day": None}]}
        await agent.put(jsonio.dumps(elsewhere), key=names_key)
        await agent.put(follow_up, key=follow_up_key)
        assert sent["tagged"].messages[-1][:2] == (forwarded_key, forwarded)
        await agent.put(forwarded, key=forwarded_key)
        await agent.put(forwarded, key=forwarded_key)
    assert metrics.ARTICLES_ROUTED._value.get() == routed_before + 2
    await through_the_reconcile_agent(agents, sent)
    follow_up_enriched, again, fire_enriched = (jsonio.loads(v) for _, v, _ in sent["enriched"].messages)
    assert [e["id"] for e in (follow_up_enriched, again, fire_enriched)] == [
        FIRE_FOLLOW_UP["id"],
        FIRE_FOLLOW_UP["id"],
        FIRE_REPORT["id"],  # it opened the incident: published once the reconcile partition has compared it
    ]
    assert follow_up_enriched["dedup"]["verdict"] == "same_incident"
    assert follow_up_enriched["dedup"]["evidence"]["routed_by"] == ["nordvik plastics", "johanna verbeek"]
    assert follow_up_enriched["incident_id"] == again["incident_id"] == fire_enriched["incident_id"]
    versions = [
        (r["version"], r["report_count"]) for r in map(jsonio.loads, (v for _, v, _ in sent["incidents"].messages))
    ]
    assert versions == [(1, 1), (2, 2), (2, 2)]  # counted once; the replay re-sends the current version


async def tagged_report(agents: Agents, sent: dict[str, Sent]) -> tuple[bytes, bytes]:
    """ARTICLE through the tag agent: the key and envelope the decide agent reads (taken off the tagged topic)."""
    [(key, envelope)] = await through_the_tag_agent(agents, sent, ARTICLE)
    assert key is not None
    return key, envelope


async def put_during_a_rebalance(wa: WirefuseApp, agent: Any, value: bytes, key: bytes) -> None:
    """Hand the agent a message while faust says a rebalance is going on."""
    wa.app.rebalancing = True
    try:
        await agent.put(value, key=key)
    finally:
        wa.app.rebalancing = False


async def test_a_batch_taken_when_a_rebalance_begins_goes_back_to_its_partition_and_is_decided_after(
    wired: Any,
) -> None:
    wa, agents, sent = wired
    key, envelope = await tagged_report(agents, sent)
    async with agents.decide_incidents.test_context() as agent:
        # Waiting for the rebalance with the batch's events taken would never end: faust waits for their acks first.
        await put_during_a_rebalance(wa, agent, envelope, key)
        assert sent["enriched"].messages == []
        [(requeued_key, requeued, _)] = sent["tagged"].messages
        assert (requeued_key, requeued) == (key, envelope)
        await agent.put(requeued, key=requeued_key)
    await through_the_reconcile_agent(agents, sent)
    [(_, enriched, _)] = sent["enriched"].messages
    assert jsonio.loads(enriched)["dedup"]["verdict"] == "new_incident"


async def broker_gone(*_: Any, **__: Any) -> None:
    """In place of a topic's send when the broker cannot be reached."""
    raise ConnectionError("broker unreachable")


async def test_a_report_that_opened_an_incident_is_published_as_decided_when_its_notice_cannot_be_sent(
    wired: Any,
) -> None:
    wa, agents, sent = wired
    key, envelope = await tagged_report(agents, sent)

    with mock.patch.object(wa.notices, "send", broker_gone):
        async with agents.decide_incidents.test_context() as agent:
            await agent.put(envelope, key=key)
    [(enriched_key, enriched, _)] = sent["enriched"].messages
    assert enriched_key == ARTICLE["id"].encode()
    assert jsonio.loads(enriched)["dedup"]["verdict"] == "new_incident"
    assert sent["dead_letters"].messages == []


async def test_a_notice_the_reconcile_agent_cannot_read_is_dead_lettered_and_the_others_articles_go_out(
    wired: Any,
) -> None:
    _, agents, sent = wired
    key, envelope = await tagged_report(agents, sent)
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(envelope, key=key)
    [(notices_key, notices, _)] = sent["notices"].messages
    broken = {"incident_id": "inc-broken"}  # no key, no version
    with_broken = jsonio.dumps({"notices": [broken, *jsonio.loads(notices)["notices"]]})
    async with agents.reconcile_incidents.test_context() as agent:
        await agent.put(with_broken, key=notices_key)
        await agent.put(b"{not json", key=notices_key)
    [(_, enriched, _)] = sent["enriched"].messages
    assert jsonio.loads(enriched)["id"] == ARTICLE["id"]
    [(_, dead_notice, headers), (_, dead_message, message_headers)] = sent["dead_letters"].messages
    assert (jsonio.loads(dead_notice), headers[topics.DLQ_HEADER_STAGE]) == (broken, b"reconcile")
    assert (dead_message, message_headers[topics.DLQ_HEADER_STAGE]) == (b"{not json", b"reconcile")


async def test_a_batch_that_cannot_be_sent_back_at_a_rebalance_is_dead_lettered(wired: Any) -> None:
    wa, agents, sent = wired
    key, envelope = await tagged_report(agents, sent)

    with mock.patch.object(wa.tagged, "send", broker_gone):
        async with agents.decide_incidents.test_context() as agent:
            await put_during_a_rebalance(wa, agent, envelope, key)
    assert sent["enriched"].messages == []
    [(dead_key, dead_value, headers)] = sent["dead_letters"].messages
    assert dead_key == key
    assert jsonio.loads(dead_value)["id"] == ARTICLE["id"]  # the raw contract: replayable as is
    assert headers[topics.DLQ_HEADER_STAGE] == b"decide"
    assert b"broker unreachable" in headers[topics.DLQ_HEADER_MESSAGE]


async def test_an_incident_placed_in_two_countries_is_merged_across_their_partitions(wired: Any) -> None:
    wa, agents, sent = wired
    merges_before = metrics.CROSS_KEY_MERGES._value.get()
    async with agents.decide_incidents.test_context() as agent:
        for item in (QUAKE_IR, QUAKE_AE):
            await agent.put(jsonio.dumps({"tagged": tagged_to_json(item)}), key=candidate_key(item).encode())
    first, felt = (jsonio.loads(v)["incident_id"] for _, v, _ in sent["incidents"].messages)
    assert first != felt  # each decided on its own key's partition
    messages = sent["notices"].messages  # one per decide batch
    assert {k for k, _, _ in messages} == {RECONCILE_KEY.encode()}  # one partition compares every key's incidents
    assert [n["key"] for _, v, _ in messages for n in jsonio.loads(v)["notices"]] == ["IR", "AE"]
    assert sent["enriched"].messages == []  # each opened an incident: held until the reconcile partition compares
    async with agents.reconcile_incidents.test_context() as agent:
        for key, value, _ in messages:
            await agent.put(value, key=key)
        await agent.put(messages[-1][1], key=messages[-1][0])  # re-delivered: the same order again
    assert metrics.CROSS_KEY_MERGES._value.get() == merges_before + 2
    # The Tehran report's incident has no match yet: its article goes out. The Dubai report's is the same quake: its
    # article goes on with the merge order, to be published once the order has reached the Dubai incident's key.
    [tehran] = (jsonio.loads(v) for _, v, _ in sent["enriched"].messages)
    assert (tehran["id"], tehran["incident_id"], tehran["dedup"]["verdict"]) == (
        QUAKE_IR.article.id,
        first,
        "new_incident",
    )
    [(order_key, order, _), (_, again, _)] = sent["tagged"].messages
    assert order_key == b"AE" and again == order  # a re-delivered notice sends the same order again
    assert jsonio.loads(order)[HELD_ARTICLE_FIELD]["enriched"]["id"] == QUAKE_AE.article.id
    sent["tagged"].messages.clear()
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(order, key=order_key)
        await agent.put(again, key=order_key)
        # The absorbed incident's partition sends its reports on to the survivor's, once per order carried out.
        [(fold_key, fold, _), (_, fold_again, _)] = sent["tagged"].messages
        assert fold_key == b"IR" and fold_again == fold
        await agent.put(fold, key=fold_key)
        await agent.put(fold_again, key=fold_key)
    # The order carried out, the Dubai report names the survivor (published again with the re-delivered order).
    dubai, dubai_again = (jsonio.loads(v) for _, v, _ in sent["enriched"].messages[1:])
    assert (dubai["id"], dubai["incident_id"], dubai["dedup"]["verdict"]) == (
        QUAKE_AE.article.id,
        first,
        "same_incident",
    )
    assert dubai["dedup"]["evidence"]["joined_across_keys"]["opened"] == felt
    assert dubai_again == dubai
    merged, republished, survivor, counted_once = (jsonio.loads(v) for _, v, _ in sent["incidents"].messages[-4:])
    assert (merged["incident_id"], merged["status"], merged["version"]) == (felt, "merged", 2)
    assert merged["merged_into"] == first
    assert republished == merged
    assert (survivor["incident_id"], survivor["version"], survivor["report_count"]) == (first, 2, 2)
    assert counted_once == survivor
    assert survivors(jsonio.loads(v) for _, v, _ in sent["incidents"].messages)[felt] == first
    # A later Dubai report joins the absorbed incident and answers with the survivor; re-delivered (a kill -9 after
    # its verdict was stored), it sends the absorbed incident's record and its fold again, counted once.
    sent["tagged"].messages.clear()
    later = jsonio.dumps({"tagged": tagged_to_json(QUAKE_AE_LATER)})
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(later, key=b"AE")
        await agent.put(later, key=b"AE")
        [(_, fold, _), (_, fold_again, _)] = sent["tagged"].messages
        assert fold_again == fold
        await agent.put(fold, key=b"IR")
        await agent.put(fold_again, key=b"IR")
    answered, answered_again = (jsonio.loads(v) for _, v, _ in sent["enriched"].messages[-2:])
    assert answered["incident_id"] == answered_again["incident_id"] == first
    joined, joined_again, survivor, counted_once = (jsonio.loads(v) for _, v, _ in sent["incidents"].messages[-4:])
    assert (joined["incident_id"], joined["status"], joined["report_count"]) == (felt, "merged", 2)
    assert joined_again == joined
    assert (survivor["incident_id"], survivor["version"], survivor["report_count"]) == (first, 3, 3)
    assert counted_once == survivor
    # Killed after the absorbed incident counted the later report and before its verdict was stored: read again, the
    # report is not counted again, answers with the survivor too, and republishes the record the survivor folds.
    del wa.article_verdicts.data[QUAKE_AE_LATER.article.id]  # the store: a table refuses writes outside a stream
    sent["tagged"].messages.clear()
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(later, key=b"AE")
        [(_, fold_after_restart, _)] = sent["tagged"].messages
        await agent.put(fold_after_restart, key=b"IR")
    answered_after_restart = jsonio.loads(sent["enriched"].messages[-1][1])
    assert answered_after_restart["dedup"]["evidence"]["replay"] == "counted_before_restart"
    assert answered_after_restart["incident_id"] == first
    assert answered_after_restart["dedup"]["evidence"]["merged_into"] == first
    joined_after_restart, survivor_after_restart = (jsonio.loads(v) for _, v, _ in sent["incidents"].messages[-2:])
    assert joined_after_restart == joined
    assert survivor_after_restart == survivor


CHEMICAL_REPORT = {
    "id": "agent-chemical",
    "title": "Suspected chemical attack kills dozens in Khan Sheikhoun",
    "body": "A suspected chemical attack on the rebel-held town of Khan Sheikhoun in Idlib province killed at least 58 "
    "people on Tuesday, including children, a monitoring group said. Doctors said the symptoms pointed to a nerve "
    "agent. Western governments blamed Syrian government forces, which denied using chemical weapons.",
    "source": "Test Agency",
    "published_at": "2019-08-21T12:00:00Z",
}


async def test_after_a_rebalance_copies_are_found_among_what_another_worker_decided_meanwhile(wired: Any) -> None:
    wa, agents, sent = wired
    copy = CHEMICAL_REPORT | {"id": "agent-chemical-copy", "title": "Dozens dead"}
    (key, withdrawal), (other_key, chemical), (_, chemical_copy) = await through_the_tag_agent(
        agents, sent, ARTICLE, CHEMICAL_REPORT, copy
    )
    assert key == other_key
    async with agents.decide_incidents.test_context() as agent:
        await agent.put(withdrawal, key=key)  # this worker now holds the key's LSH postings
        # The partition moves to another worker, which decides the chemical report, and comes back: the tables are
        # restored from the changelog (here written straight into the stores, as a restore does).
        elsewhere = IncidentState(wa.buckets.data, wa.incident_records.data, wa.article_verdicts.data)
        decide(tagged_from_json(jsonio.loads(chemical)["tagged"]), elsewhere, MatchConfig())
        await wa.app.on_rebalance_complete.send()
        await agent.put(chemical_copy, key=key)
    copy_enriched = jsonio.loads(sent["enriched"].messages[-1][1])
    assert copy_enriched["dedup"]["verdict"] == "duplicate"
    assert copy_enriched["dedup"]["duplicate_of"] == CHEMICAL_REPORT["id"]
