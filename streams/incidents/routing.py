"""Reports with no place go to the key where the names they carry were last placed (docs/incidents.md, "Routing").

A report whose taggers resolved no place and no actor with a country is keyed `_unplaced`, away from the reports of
its incident. Every report decided on a real key leaves the names it carries (resolved actor ids, multi-word names)
in a directory kept on the `_unplaced` partition; a report arriving there with some of those names is forwarded to
the key they point to and decided there.

At-least-once delivery stays safe because the routing is recorded before the report is forwarded: the directory
changes as reports arrive, so a report re-delivered after a crash must go where it went the first time, not where
the directory points now, or the replay check of that key (its `articles` entries) would not find it. All entries
live in the buckets table under `_unplaced|route...` keys, written only while an `_unplaced` message is processed,
so they are in that key's partition with the rest of its state. The offline `wirefuse enrich` uses the same
functions on plain dicts, applying each report's names as soon as it is decided.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, replace
from typing import Any

from streams.incidents import GLOBAL_KEY, UNPLACED_KEY, Decision, IncidentState, MatchConfig, candidate_key, decide
from streams.incidents.reconcile import (
    absorb_across_keys,
    expire_notices,
    fold_into_survivor,
    folds_of,
    notices_of,
    reconcile,
    settle_opening_report,
)
from streams.model import TaggedArticle

__all__ = [
    "ROUTE_PREFIX",
    "PlacedNames",
    "Route",
    "decide_in_one_process",
    "placed_names_of",
    "remember_placed_names",
    "route_unplaced",
    "routing_names",
]

# "_unplaced|route" -> {"day": newest day seen, "swept": day of the last sweep};
# "_unplaced|route|name|<name>" -> {"key", "day"}: where a name was last placed;
# "_unplaced|route|article|<article id>" -> {"key", "names", "day"}: where a report was forwarded.
ROUTE_PREFIX = UNPLACED_KEY + "|route"
NAME_PREFIX = ROUTE_PREFIX + "|name|"
ARTICLE_PREFIX = ROUTE_PREFIX + "|article|"
# Shorter names ("US", "AP", "Fed") are abbreviations shared by too many stories to say where one belongs.
MIN_NAME_CHARS = 4
# A placed report leaves its most named names only: each is a table write (a changelog record) on the `_unplaced`
# partition. ECB+ reports carry 9 names on average; keeping 5 (or 3, or 8) moved B-cubed F1 by <= 0.0008 there.
MAX_PLACED_NAMES = 5
_NON_WORD = re.compile(r"\W+")
# Offline, the reconcile state (incident entries and term postings) is swept when it holds this many times as many
# entries as it keeps incidents; the worker sweeps every RECONCILE_SWEEP_EVERY notices.
OFFLINE_SWEEP_FACTOR = 4


@dataclass(frozen=True, slots=True)
class Route:
    """Where a report with no place is decided, and the names that sent it there (reported as evidence)."""

    key: str
    names: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "names": list(self.names)}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Route:
        return cls(key=str(value["key"]), names=tuple(str(n) for n in value["names"]))


@dataclass(frozen=True, slots=True)
class PlacedNames:
    """The names a report decided on `key` carries: the directory update it sends to the `_unplaced` partition."""

    key: str
    names: tuple[str, ...]
    day: int | None  # ordinal of the report's publication day: entries older than the quiet period are dropped

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "names": list(self.names), "day": self.day}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> PlacedNames:
        day = value.get("day")
        return cls(key=str(value["key"]), names=tuple(str(n) for n in value["names"]), day=int(day) if day else None)


def routing_names(tagged: TaggedArticle) -> Counter[str]:
    """The names that can say where a report belongs, with how often the report names them.

    A resolved actor counts by its registry id; an unresolved name by its folded text, if it is distinctive: not a
    lone given name or surname (a one-word person is any "Smith"), not an abbreviation. Descriptions ("the
    minister") are not names.
    """
    names: Counter[str] = Counter()
    for actor in tagged.actors:
        if actor.get("mention", "name") != "name":
            continue
        actor_id = actor.get("actor_id")
        if actor["resolved"] and actor_id:
            names["id:" + actor_id] += 1
            continue
        folded = _NON_WORD.sub(" ", actor["text"].lower()).strip()
        if len(folded) < MIN_NAME_CHARS or (actor["kind"] == "person" and " " not in folded):
            continue
        names[folded] += 1
    return names


def placed_names_of(
    tagged: TaggedArticle, decision: Decision, config: MatchConfig, received_day: int | None = None
) -> PlacedNames | None:
    """The directory update a decided report sends, or None (routing off, no names, no real key, or a replay).

    Its day is the publication day, else `received_day` (the worker passes the day the broker received the raw
    report), so that a stream of undated reports still ages its directory out; offline, undated names never expire.
    """
    evidence = decision.verdict["evidence"]
    key = str(evidence.get("candidate_key") or "")
    if not config.route_unplaced or "replay" in evidence or key in ("", UNPLACED_KEY, GLOBAL_KEY):
        return None
    names = routing_names(tagged)
    if not names:
        return None
    published = tagged.article.published_at
    kept = tuple(name for name, _ in names.most_common(MAX_PLACED_NAMES))
    return PlacedNames(key=key, names=kept, day=published.toordinal() if published else received_day)


def remember_placed_names(buckets: MutableMapping[str, Any], placed: PlacedNames, config: MatchConfig) -> None:
    """Point each name at the key it was placed on; an older report's names never overwrite a newer one's.

    Idempotent (a re-delivered update writes what is there already). Bounded: on the first update of each new
    day, entries older than the quiet period are dropped; that sweep reads every key of the table once a day.
    """
    meta = dict(buckets.get(ROUTE_PREFIX) or {"day": None, "swept": None})
    day = placed.day if placed.day is not None else meta["day"]
    for name in placed.names:
        entry_key = NAME_PREFIX + name
        entry = buckets.get(entry_key)
        if entry == {"key": placed.key, "day": day}:
            continue
        if entry is not None and day is not None and entry["day"] is not None and entry["day"] > day:
            continue
        buckets[entry_key] = {"key": placed.key, "day": day}
    if day is not None and (meta["day"] is None or day > meta["day"]):
        meta["day"] = day
        if meta["swept"] is None or day > meta["swept"]:
            _sweep(buckets, day - config.quiet_days)
            meta["swept"] = day
        buckets[ROUTE_PREFIX] = meta


def _sweep(buckets: MutableMapping[str, Any], oldest_day: float) -> None:
    stale = [key for key, entry in _route_entries(buckets) if entry["day"] is not None and entry["day"] < oldest_day]
    for key in stale:
        del buckets[key]


def _route_entries(buckets: MutableMapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for key in list(buckets.keys()):
        if key.startswith((NAME_PREFIX, ARTICLE_PREFIX)):
            entry = buckets.get(key)
            if isinstance(entry, dict):
                yield key, entry


def route_unplaced(tagged: TaggedArticle, state: IncidentState, config: MatchConfig) -> Route | None:
    """Where a report keyed `_unplaced` is decided: the key most of its names were last placed on, or None (here).

    A report forwarded before goes where it went then (the recorded route), and a report already decided on
    `_unplaced` stays; otherwise the choice is recorded before it is returned, so the caller must make that write
    durable before forwarding. Names older than the quiet period do not count.
    """
    if not config.route_unplaced or candidate_key(tagged, config.key_granularity) != UNPLACED_KEY:
        return None
    article_id = tagged.article.id
    recorded = state.buckets.get(ARTICLE_PREFIX + article_id)
    if isinstance(recorded, dict):
        return Route(key=str(recorded["key"]), names=tuple(recorded["names"]))
    if state.articles.get(article_id) is not None:
        return None
    meta = state.buckets.get(ROUTE_PREFIX) or {"day": None}
    published = tagged.article.published_at
    days = [d for d in (meta["day"], published.toordinal() if published else None) if d is not None]
    today = max(days) if days else None
    votes: Counter[str] = Counter()
    voters: dict[str, list[str]] = {}
    for name, count in routing_names(tagged).items():
        entry = state.buckets.get(NAME_PREFIX + name)
        if not isinstance(entry, dict):
            continue
        if today is not None and entry["day"] is not None and entry["day"] < today - config.quiet_days:
            continue
        votes[entry["key"]] += count
        voters.setdefault(entry["key"], []).append(name)
    if not votes:
        return None
    # Of equal votes the key named first wins (Counter keeps insertion order and max keeps the first).
    key = max(votes, key=lambda k: votes[k])
    route = Route(key=key, names=tuple(voters[key]))
    state.buckets[ARTICLE_PREFIX + article_id] = {**route.to_json(), "day": today}
    return route


def decide_in_one_process(tagged: TaggedArticle, state: IncidentState, config: MatchConfig) -> Decision:
    """decide() with routing, where all keys share one state (`wirefuse enrich`, evaluation scripts).

    The worker spreads the same steps over partitions (streams/agents.py); here a report's names reach the
    directory as soon as it is decided.
    """
    decision = decide(tagged, state, config, route_unplaced(tagged, state, config))
    placed = placed_names_of(tagged, decision, config)
    if placed is not None:
        remember_placed_names(state.buckets, placed, config)
    if not config.cross_key_merge:
        return decision
    records = list(decision.incident_records)
    versions = {(r["incident_id"], r["version"]) for r in records}
    changed = records
    opening_merge = None
    while changed:
        # What the worker does through its topics, at once: notices to the reconcile partition, its merge orders
        # to the absorbed incident's key, and the absorbed incidents' reports to the survivor's key. A record
        # republished as it was (a replay) changes nothing further.
        folded = [r for fold in folds_of(changed) for r in fold_into_survivor(state, fold, config.max_reports_listed)]
        absorbed = []
        for notice in notices_of(changed, state):
            merge = reconcile(notice, state.reconcile, config)
            if merge is not None:
                absorbed.extend(absorb_across_keys(state, merge))
            if changed is records and notice["incident_id"] == decision.incident_id:
                opening_merge = merge  # the worker holds the article back until this notice is reconciled
        changed = [r for r in folded + absorbed if (r["incident_id"], r["version"]) not in versions]
        versions.update((r["incident_id"], r["version"]) for r in changed)
        records.extend(changed)
    if len(state.reconcile) > OFFLINE_SWEEP_FACTOR * config.max_reconcile_incidents:
        expire_notices(state.reconcile, config)
    verdict, incident_id = settle_opening_report(decision.verdict, decision.incident_id, opening_merge, state)
    return replace(decision, verdict=verdict, incident_id=incident_id, incident_records=records)
