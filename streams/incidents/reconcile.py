"""Cross-key merges: one partition compares incidents opened on different candidate keys and folds look-alike ones.

Matching state is co-partitioned by the country where an incident happened, so a report placed in another country
(an Iranian earthquake reported from Dubai, where it was felt; a bombing across a border, placed on either side)
opens an incident of its own on its own key. Every incident record the decide stage publishes also makes a notice,
with the incident's matching summary, for one reconcile partition (`topics.INCIDENT_NOTICES`, one message per
decide batch). There `reconcile` keeps the summaries of the incidents it has heard of, finds for each notice the most
similar incident of *another* key (`cross_key_similarity`: the test the decide stage applies to its own merges, and
the places, which no report's join compared across keys), and when it is close enough says which of the two survives
(more reports, then older). The order goes back, through the tagged topic, to the partition of the absorbed
incident's key, where `absorb_across_keys` publishes its `merged` record with the next version. The absorbed incident
stays in its key's state, marked: later reports of its key still join it (its records stay `merged`), and every record
of it sends its reports on to the survivor's key (`folds_of`), whose partition counts them in the survivor's record
(`fold_into_survivor`), as a merge within one key does.

At-least-once: a notice carries its record's version, and an entry remembers the merge a version decided, so a
re-delivered notice sends the same order again; `absorb_across_keys` republishes the same `merged` record for an
order it has carried out, and `fold_into_survivor` counts each absorbed incident's reports once (`folded_counts`). The
offline `wirefuse enrich` runs the same functions after each decision (`routing.decide_in_one_process`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from streams import jsonio
from streams.incidents import (
    CLOSED_SEPARATOR,
    OPEN_SEPARATOR,
    IncidentState,
    MatchConfig,
    closed_incidents_of,
    cross_key_similarity,
    details_named_by_many,
    open_incidents_of,
    reopen_closed,
    resolve_merged,
    store_open_incidents,
    widen_seen,
)
from streams.model import DedupVerdict

__all__ = [
    "CROSS_KEY_FOLD_FIELD",
    "CROSS_KEY_MERGE_FIELD",
    "HELD_ARTICLE_FIELD",
    "NOTICES_FIELD",
    "RECONCILE_KEY",
    "CrossKeyFold",
    "CrossKeyMerge",
    "absorb_across_keys",
    "expire_notices",
    "fold_into_survivor",
    "folds_of",
    "holds_opening_report",
    "notices_in_messages",
    "notices_of",
    "post_terms",
    "reconcile",
    "settle_opening_report",
]

# The key every notice is sent with: all of them go to one partition, which holds all reconcile state.
RECONCILE_KEY = "_reconcile"
NOTICES_FIELD = "notices"  # a message on the notices topic: {"notices": [notice, ...]}, a decide batch's (or part)
CROSS_KEY_MERGE_FIELD = "cross_key_merge"
CROSS_KEY_FOLD_FIELD = "cross_key_fold"
# In the notice of an incident's `created` record: the enriched article of the report that opened it, published by
# the reconcile partition once it has compared the incident with those of other keys, or, when that merges the
# incident into one of another key, sent on in the merge order and published by the incident's key once the order is
# carried out or refused (`settle_opening_report`).
HELD_ARTICLE_FIELD = "held_article"
# A decide batch's notices go in as few messages as fit this: held articles make them large, and Apache Kafka's
# default message.max.bytes is 1 MB (a broker rejection would reach only the producer's delivery callback).
NOTICES_MESSAGE_BYTES = 512 * 1024
# Reconcile table: "inc|<incident id>" -> what the last notice said; "term|<term id>" -> ids of incidents whose
# first summary had that term among its heaviest (the candidates of a notice share one of its heaviest terms).
ENTRY_PREFIX = "inc|"
POSTING_PREFIX = "term|"
# What cross_key_similarity reads of a summary, and the prefilter terms. "roundup": a round-up of the week's news is
# no incident of another key either ("Lakeland week in review: two deaths on Highway 28, arrests in Bonnyville and
# Kehewin cases").
SUMMARY_FIELDS = (
    "roundup",
    "vector",
    "top",
    "names",
    "details",
    "category",
    "first_day",
    "last_day",
    "firm_days",
    "firm_weekdays",
    "streets",
    "premises",
    "places",
    "others",
)


@dataclass(frozen=True, slots=True)
class CrossKeyMerge:
    """An order to the partition of `absorbed_key`: its incident `absorbed` is `survivor`, of another key."""

    absorbed: str
    absorbed_key: str
    survivor: str
    survivor_key: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "absorbed": self.absorbed,
            "absorbed_key": self.absorbed_key,
            "survivor": self.survivor,
            "survivor_key": self.survivor_key,
            "score": self.score,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> CrossKeyMerge:
        return cls(
            str(obj["absorbed"]),
            str(obj["absorbed_key"]),
            str(obj["survivor"]),
            str(obj["survivor_key"]),
            float(obj["score"]),
        )


def notices_of(records: Iterable[Mapping[str, Any]], state: IncidentState) -> list[dict[str, Any]]:
    """One notice per incident record just published: its version, and its summary unless it was merged away."""
    notices = []
    for record in records:
        incident_id = str(record["incident_id"])
        key = str(record.get("candidate_key") or "")
        notice: dict[str, Any] = {
            "incident_id": incident_id,
            "key": key,
            "version": int(record["version"]),
            "report_count": int(record["report_count"]),
            "first_seen": record.get("first_seen"),
        }
        if record.get("status") == "merged":
            notice["merged_into"] = record.get("merged_into")
        else:
            summary = state.buckets.get(key + OPEN_SEPARATOR + incident_id)
            if summary is None:
                continue  # reopened from the closed tier and closed again in one decision: nothing to compare
            notice["summary"] = {name: summary.get(name) for name in SUMMARY_FIELDS}
        notices.append(notice)
    return notices


def notices_in_messages(
    notices: Sequence[Mapping[str, Any]], max_bytes: int = NOTICES_MESSAGE_BYTES
) -> list[Sequence[Mapping[str, Any]]]:
    """The notices cut, in order, into runs whose JSON takes at most `max_bytes` (a larger notice alone)."""
    runs: list[Sequence[Mapping[str, Any]]] = []
    start, size = 0, 0
    for n, notice in enumerate(notices):
        length = len(jsonio.dumps(notice)) + 1
        if n > start and size + length > max_bytes:
            runs.append(notices[start:n])
            start, size = n, 0
        size += length
    if start < len(notices):
        runs.append(notices[start:])
    return runs


def reconcile(notice: Mapping[str, Any], table: MutableMapping[str, Any], config: MatchConfig) -> CrossKeyMerge | None:
    """Record a notice; the merge it leads to, if the incident matches an incident of another key."""
    incident_id, key, version = str(notice["incident_id"]), str(notice["key"]), int(notice["version"])
    entry_key = ENTRY_PREFIX + incident_id
    entry = table.get(entry_key)
    if entry is not None and int(entry["version"]) >= version:
        # A re-delivered notice (or one overtaken by a newer): repeat the order its version gave, if any.
        merge = entry.get("merge")
        return CrossKeyMerge.from_json(merge) if merge and int(entry["version"]) == version else None
    summary = notice.get("summary")
    if summary is None:
        day = entry.get("day") if entry is not None else None
        table[entry_key] = {"key": key, "version": version, "into": notice.get("merged_into"), "day": day}
        return None
    into = entry.get("into") if entry is not None else None
    updated = {
        "key": key,
        "version": version,
        "report_count": int(notice["report_count"]),
        "first_seen": notice.get("first_seen"),
        "summary": summary,
        "into": into,
        "day": summary.get("last_day"),
    }
    if entry is None:
        post_terms(table, incident_id, summary.get("top") or [], config.max_ids_per_reconcile_term)
    if into is not None:
        table[entry_key] = updated
        return None
    # The notice of a created record (version 1) stands for one report, the one it opened with: it joins an incident
    # of another key as a report joins one of its own (match_threshold), not as two incidents merge (merge_threshold).
    threshold = config.match_threshold if version == 1 else config.merge_threshold
    best = _best_other_key(table, incident_id, key, summary, config, threshold=threshold)
    if best is None:
        table[entry_key] = updated
        return None
    score, other_id, other = best
    mine = (-int(notice["report_count"]), notice.get("first_seen") or "", incident_id)
    theirs = (-int(other["report_count"]), other.get("first_seen") or "", other_id)
    if mine <= theirs:
        merge = CrossKeyMerge(other_id, other["key"], incident_id, key, round(score, 4))
        table[ENTRY_PREFIX + other_id] = {**other, "into": incident_id}
    else:
        merge = CrossKeyMerge(incident_id, key, other_id, other["key"], round(score, 4))
        updated["into"] = other_id
    updated["merge"] = merge.to_json()
    table[entry_key] = updated
    return merge


def settle_opening_report(
    verdict: DedupVerdict, incident_id: str, merge: CrossKeyMerge | None, state: IncidentState
) -> tuple[DedupVerdict, str]:
    """The verdict and incident of a report that opened an incident, once its first notice has been reconciled and
    the merge order it led to, if any, has reached the incident's key (`state` is that key's, after the order).

    When that notice merges the new incident into one of another key, the report is another report of that incident
    (`same_incident`, `evidence.joined_across_keys`): its enriched article names the survivor, as a later report
    joining the absorbed incident does, instead of an incident that is merged away before anyone reads it. An order
    that came too late to be carried out (the incident had meanwhile been merged into another of its key, or had
    closed: reports queued on its key's partition are decided before the order) leaves the report where its
    incident ended, as a report joining it would be answered.
    """
    if merge is None or merge.absorbed != incident_id or verdict["verdict"] != "new_incident":
        return verdict, incident_id
    entry = state.incidents.get(incident_id)
    if not isinstance(entry, dict) or entry["record"].get("merged_into") != merge.survivor:
        ended = resolve_merged(state, incident_id)
        if ended == incident_id:
            return verdict, incident_id
        evidence = {**verdict["evidence"], "merged_into": ended}
        return DedupVerdict(
            verdict="same_incident", duplicate_of=None, score=verdict["score"], evidence=evidence
        ), ended
    joined = {
        "opened": incident_id,
        "key": merge.absorbed_key,
        "survivor_key": merge.survivor_key,
        "score": merge.score,
    }
    settled = DedupVerdict(
        verdict="same_incident",
        duplicate_of=verdict["duplicate_of"],
        score=merge.score,
        evidence={**verdict["evidence"], "joined_across_keys": joined},
    )
    return settled, merge.survivor


def holds_opening_report(notice: Mapping[str, Any], merge: CrossKeyMerge | None) -> bool:
    """Whether the article a notice holds goes on with the merge order: the order absorbs the incident it opened,
    and the absorbed incident's key settles the report once the order has been carried out or refused."""
    return HELD_ARTICLE_FIELD in notice and merge is not None and merge.absorbed == notice["incident_id"]


def post_terms(table: MutableMapping[str, Any], incident_id: str, terms: Iterable[str], max_ids: int) -> None:
    """List an incident under each of its heaviest terms (the newest `max_ids` per term are kept)."""
    for term in terms:
        posting_key = POSTING_PREFIX + term
        ids = table.get(posting_key) or []
        table[posting_key] = [*ids, incident_id][-max_ids:]


def _best_other_key(
    table: MutableMapping[str, Any],
    incident_id: str,
    key: str,
    summary: Mapping[str, Any],
    config: MatchConfig,
    *,
    threshold: float,
) -> tuple[float, str, dict[str, Any]] | None:
    """The most similar incident of another key not merged away, at or above `threshold` (ties: smaller id).

    Only incidents sharing `min_shared_reconcile_terms` of the notice's heaviest terms are compared, the
    `max_reconcile_candidates` sharing most: a merge needs a text cosine a term or two in common does not give.
    """
    shared: Counter[str] = Counter()
    for term in summary.get("top") or []:
        shared.update(table.get(POSTING_PREFIX + term) or ())
    del shared[incident_id]
    ranked = sorted((-n, other_id) for other_id, n in shared.items() if n >= config.min_shared_reconcile_terms)
    best: tuple[float, str, dict[str, Any]] | None = None
    others = [
        (other_id, table.get(ENTRY_PREFIX + other_id)) for _, other_id in ranked[: config.max_reconcile_candidates]
    ]
    candidates = [
        (other_id, other)
        for other_id, other in others
        if other is not None and not other.get("into") and other["key"] != key and "summary" in other
    ]
    common = details_named_by_many([summary, *(other["summary"] for _, other in candidates)], config)
    for other_id, other in candidates:
        score = cross_key_similarity(summary, other["summary"], config, common)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, other_id, other)
    return best


def expire_notices(table: MutableMapping[str, Any], config: MatchConfig) -> int:
    """Forget incidents whose last event day is more than the quiet period before the newest; keep the newest
    `max_reconcile_incidents` of the rest (undated ones count as oldest). Returns how many were forgotten."""
    entries = {k: v for k, v in table.items() if k.startswith(ENTRY_PREFIX)}
    horizon = max((v["day"] for v in entries.values() if v.get("day") is not None), default=0) - config.quiet_days
    gone = {k for k, v in entries.items() if v.get("day") is not None and v["day"] < horizon}
    kept = sorted((k for k in entries if k not in gone), key=lambda k: (entries[k].get("day") or 0, k))
    gone.update(kept[: max(0, len(kept) - config.max_reconcile_incidents)])
    if not gone:
        return 0
    ids = {k.removeprefix(ENTRY_PREFIX) for k in gone}
    for posting_key in [k for k in list(table) if k.startswith(POSTING_PREFIX)]:
        posting = table[posting_key]
        remaining = [i for i in posting if i not in ids]
        if not remaining:
            del table[posting_key]
        elif len(remaining) != len(posting):
            table[posting_key] = remaining
    for entry_key in gone:
        del table[entry_key]
    return len(gone)


@dataclass(frozen=True, slots=True)
class CrossKeyFold:
    """From an incident merged into one of another key to the survivor's partition: all the reports it holds now."""

    survivor: str
    survivor_key: str
    absorbed: str
    report_count: int
    reports: list[dict[str, Any]]
    first_seen: str | None
    last_seen: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "survivor": self.survivor,
            "survivor_key": self.survivor_key,
            "absorbed": self.absorbed,
            "report_count": self.report_count,
            "reports": self.reports,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> CrossKeyFold:
        return cls(
            str(obj["survivor"]),
            str(obj["survivor_key"]),
            str(obj["absorbed"]),
            int(obj["report_count"]),
            list(obj["reports"]),
            obj.get("first_seen"),
            obj.get("last_seen"),
        )


def absorb_across_keys(state: IncidentState, merge: CrossKeyMerge) -> list[dict[str, Any]]:
    """Carry out a cross-key merge on the absorbed incident's key: its `merged` record (none if it closed meanwhile
    or was merged into another incident of its key).

    The incident stays among its key's open incidents, marked (`merged_into` in its summary): reports of its key go
    on joining it, each record `merged` and sent on to the survivor (`folds_of`); it is merged with no other incident
    of its key and closes as usual. A re-delivered order republishes the same record.
    """
    entry = state.incidents.get(merge.absorbed)
    if entry is None:
        return []
    record = entry["record"]
    if record.get("merged_into"):
        return [record] if record["merged_into"] == merge.survivor and "merged_across_keys" in record else []
    key = entry["key"]
    bucket = open_incidents_of(state, key)
    if merge.absorbed not in bucket:
        return []
    bucket[merge.absorbed] = {**bucket[merge.absorbed], "merged_into": merge.survivor}
    store_open_incidents(state, key, bucket, state.buckets.get(key, {}).get("oldest"))
    merged = {**record, "status": "merged", "version": int(record["version"]) + 1, "merged_into": merge.survivor}
    merged["merged_across_keys"] = {"survivor_key": merge.survivor_key, "score": merge.score}
    state.incidents[merge.absorbed] = {**entry, "record": merged}  # keeps what the worker notes in the entry
    return [merged]


def folds_of(records: Iterable[Mapping[str, Any]]) -> list[CrossKeyFold]:
    """For each record of an incident merged into one of another key: its reports, for the survivor's partition."""
    return [
        CrossKeyFold(
            str(record["merged_into"]),
            str(record["merged_across_keys"]["survivor_key"]),
            str(record["incident_id"]),
            int(record["report_count"]),
            list(record["reports"]),
            record.get("first_seen"),
            record.get("last_seen"),
        )
        for record in records
        if record.get("merged_across_keys") and record.get("merged_into")
    ]


def fold_into_survivor(state: IncidentState, fold: CrossKeyFold, max_reports: int) -> list[dict[str, Any]]:
    """Count an absorbed incident's reports in its survivor's record (next version, `merged_from`).

    The record keeps how many reports of each absorbed incident it counts (`folded_counts`), so a fold adds only
    what is new, and a re-delivered or overtaken fold republishes the record as it is. If the survivor was merged
    into another incident of its key meanwhile, that one counts them; if it was itself merged into one of another
    key, its own record changes and goes on there (`folds_of`). A survivor that has closed while the absorbed
    incident went on taking its key's reports is reopened from its key's closed tier to count them; one merged into
    an incident of another key stays closed, and its record in the tier changes and goes on. Nothing if it has left
    the tier.
    """
    target, entry, closed_key = _counting_entry(state, fold.survivor_key, fold.survivor)
    seen = {target}
    while entry is not None:
        merged_into = entry["record"].get("merged_into")
        if not merged_into or merged_into in seen or "merged_across_keys" in entry["record"]:
            break
        seen.add(merged_into)
        target, entry = merged_into, state.incidents.get(merged_into)
    if entry is None:
        return []
    record = dict(entry["record"])
    counted = dict(record.get("folded_counts") or {})
    added = fold.report_count - int(counted.get(fold.absorbed, 0))
    if added <= 0:
        return [record]
    counted[fold.absorbed] = fold.report_count
    listed = {report["article_id"] for report in record["reports"]}
    new_reports = [report for report in fold.reports if report["article_id"] not in listed]
    record["version"] = int(record["version"]) + 1
    record["report_count"] = int(record["report_count"]) + added
    record["reports"] = (record["reports"] + new_reports)[-max_reports:]
    widen_seen(record, fold.first_seen, fold.last_seen)
    record["merged_from"] = sorted({*record.get("merged_from", []), fold.absorbed})
    record["folded_counts"] = counted
    if not record.get("merged_into"):
        record["status"] = "updated"
    if closed_key is not None:
        state.buckets[closed_key] = {**entry, "record": record}
    else:
        state.incidents[target] = {**entry, "record": record}
    return [record]


def _counting_entry(state: IncidentState, key: str, incident_id: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """Where a fold for an incident of `key` is counted: (incident id, its entry, its closed-tier entry's key if it
    is counted there).

    An open incident counts it. A closed one is reopened, or, when it (or the incident of its key it was merged into
    before closing) was merged into an incident of another key, counts it in its closed tier and sends it on: a chain
    of keys (a follow-up's key merged into an unplaced report's incident, that one into a third key's) must not end
    where its middle closed, as it did for 26 reports of the kill -9 test (7 December).
    """
    entry = state.incidents.get(incident_id)
    if entry is not None:
        return incident_id, entry, None
    closed = closed_incidents_of(state, key)
    target = incident_id
    if target not in closed:
        # An incident merged within its key is no tier entry of its own: its survivor's record lists it.
        holder = next((iid for iid, c in closed.items() if incident_id in c["record"].get("merged_from", [])), None)
        if holder is None:
            return incident_id, None, None
        target = holder
    if "merged_across_keys" in closed[target]["record"]:
        return target, closed[target], key + CLOSED_SEPARATOR + target
    return target, reopen_closed(state, key, target), None
