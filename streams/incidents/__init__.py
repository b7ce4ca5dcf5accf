"""Incident matching: a tagged article -> duplicate / same_incident / new_incident, with versioned incident records."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, MutableMapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

import pycountry

from streams.errors import ConfigError
from streams.geodesy import great_circle_km
from streams.incidents import text as textmod
from streams.incidents.category import FOLLOW_UP_CATEGORIES, GENERIC, POINT_CATEGORIES, CategoryResult, relation
from streams.incidents.features import ArticleFeatures, extract
from streams.incidents.lsh import LshIndex
from streams.model import DedupVerdict, Location, ReportRef, TaggedArticle, Verdict
from streams.settings import Settings

if TYPE_CHECKING:  # routing builds on this module; decide() only reads a Route's fields
    from streams.incidents.routing import Route

__all__ = [
    "DEFAULT_KEY_GRANULARITY",
    "GLOBAL_KEY",
    "UNPLACED_KEY",
    "Decision",
    "IncidentState",
    "KeyGranularity",
    "MatchConfig",
    "candidate_key",
    "closed_incidents_of",
    "cross_key_similarity",
    "decide",
    "details_named_by_many",
    "expire",
    "incident_id_for",
    "open_incident_count",
    "open_incidents_of",
    "reopen_closed",
    "resolve_merged",
    "store_open_incidents",
    "summary_similarity",
    "widen_seen",
]

UNPLACED_KEY = "_unplaced"
GLOBAL_KEY = "_all"
KeyGranularity = Literal["admin1", "country", "global"]
DEFAULT_KEY_GRANULARITY: KeyGranularity = "country"
KEY_GRANULARITIES: tuple[KeyGranularity, ...] = ("admin1", "country", "global")
CLOSED_TIER_MAX_AGE_DAYS = 365
# Days apart past which two reports are weeks apart (`w_week_apart`, and what a follow-up is spared).
WEEK_DAYS = 7
# "<key>|open|<incident id>": one open incident's summary, listed in the key's index entry "<key>".
OPEN_SEPARATOR = "|open|"
# "<key>|closed": index of the key's recently closed incidents, kept so that a late report can still join its
# incident; "<key>|closed|<incident id>" holds one of them.
CLOSED_SUFFIX = "|closed"
CLOSED_SEPARATOR = CLOSED_SUFFIX + "|"


def _is_bucket_key(table_key: str) -> bool:
    """A key's open-incident index, as opposed to its summaries, closed tier or routes (keys have no '|')."""
    return "|" not in table_key


def candidate_key(tagged: TaggedArticle, granularity: KeyGranularity = DEFAULT_KEY_GRANULARITY) -> str:
    """The co-partitioning key: the country where the incident happened (default), or its first-level division.

    - event place known below country level: its ISO 3166-2 division ("SY-ID"), or "SY" when it has no division;
    - event place known only as a country: the country ("SY");
    - no event place: the country named most often among the article's resolved places (ties: first named);
    - no resolved place: the country most of its resolved actors belong to (ties: first named);
    - nothing resolved: "_unplaced".
    `granularity="country"` stops at the country; `"global"` puts every article on one key (one partition does all
    matching: only for small streams, or while event places are too unreliable to split on, see docs/incidents.md).
    A syndicated copy has the same body, so the taggers give it the same places and it lands on its original's key.
    """
    if granularity == "global":
        return GLOBAL_KEY
    event = tagged.event_location
    if event is not None and event.get("country_code"):
        country = str(event["country_code"]).upper()
        admin1 = event.get("admin1_code")
        if granularity == "country" or event.get("precision") == "country" or not admin1:
            return country
        return admin1 if "-" in admin1 else f"{country}-{admin1}"
    places = [loc.get("country_code") for loc in tagged.locations if loc.get("geonameid") is not None]
    named = _most_named(code.upper() for code in places if code)
    if named is not None:
        return named
    # A story with no place at all (an appointment, a celebrity in rehab) is still about someone's country.
    actors = [_ALPHA2.get(a.get("country_code") or "") for a in tagged.actors if a.get("resolved")]
    return _most_named(code for code in actors if code) or UNPLACED_KEY


# ISO 3166 alpha-3 (actor records) -> alpha-2 (GeoNames country codes, which the keys use).
_ALPHA2: dict[str, str] = {str(c.alpha_3): str(c.alpha_2) for c in pycountry.countries}


def _most_named(codes: Iterable[str]) -> str | None:
    """The most frequent code; of equal counts the first named (dicts keep insertion order, max keeps the first)."""
    counts: dict[str, int] = {}
    for code in codes:
        counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


@dataclass
class IncidentState:
    """The three state tables; plain dicts offline, Faust tables (one partition per candidate key) in the worker.

    buckets:   candidate key -> {"open": {incident id: its last day}, "oldest": lower bound of their last days};
               "<key>|open|<incident id>" -> the open incident's compact summary;
               "<key>|closed" -> {incident id: last day} and "<key>|closed|<incident id>" -> {"summary", "record"}
               for the key's recently closed incidents.
               One entry per incident, so that a decision rewrites the summaries it changed and a small index,
               never every summary of its key: each table write is a changelog record (3 December: 351 KB of
               changelog per article on the benchmark feed when a key's summaries were one entry).
    incidents: incident id -> {"record": the last published record, "key": candidate key}
    articles:  article id -> what was decided for it (incident, verdict, content fingerprint, signature, LSH bands)
    Values are JSON-ready and always written back by assignment (a Faust table logs a change only on `m[k] = v`).
    lsh:       the keys' MinHash LSH postings, derived from `buckets` and `articles` (lsh.py): not a table.
    """

    buckets: MutableMapping[str, Any]
    incidents: MutableMapping[str, Any]
    articles: MutableMapping[str, Any]
    # What the cross-key reconcile keeps (reconcile.py); its own partition in the worker, a dict offline.
    reconcile: MutableMapping[str, Any] = field(default_factory=dict)
    lsh: LshIndex = field(default_factory=LshIndex)


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Thresholds and weights of matching; `from_settings` reads the tunable ones from the environment."""

    quiet_days: float = 14.0
    key_granularity: KeyGranularity = DEFAULT_KEY_GRANULARITY
    route_unplaced: bool = True  # reports with no place go where their names were last placed (routing.py)
    num_perm: int = 64
    lsh_bands: int = 16
    shingle_words: int = 5
    duplicate_threshold: float = 0.6
    match_threshold: float = 0.35
    merge_threshold: float = 0.5
    max_terms: int = 60
    max_body_chars: int = 3_000
    max_name_terms: int = 30
    max_detail_terms: int = 16  # a report names a handful of details; the incident keeps its 16 weightiest
    centroid_terms: int = 80
    prefilter_terms: int = 16
    max_open_per_key: int = 256
    max_closed_per_key: int = 64  # recently closed incidents a late report may reopen (0: none)
    max_reports_listed: int = 200
    max_actor_keys: int = 24
    max_places: int = 8
    max_ids_per_lsh_band: int = 8
    lookback_days: int = 10
    max_event_gap_days: float = 30.0  # a closed incident reopens only for a report this close (and in the quiet period)
    # Score = text * cosine + names * cosine(names, numbers) + the evidence terms below.
    w_text: float = 0.7
    w_names: float = 0.3
    w_same_place: float = 0.05
    w_near_place: float = 0.03
    w_place_conflict: float = -0.15
    w_place_conflict_mentioned: float = -0.05
    min_place_confidence: float = 0.7
    near_km: float = 15.0
    # Two incidents of two keys whose towns, placed surely, lie further apart than near_km but within this reach are
    # in neighbouring towns across a border (`cross_key_similarity`); further apart, one side is likelier a namesake
    # misread (Orlando East of Soweto read as Florida's) than another incident.
    cross_key_reach_km: float = 300.0
    # How far a district's point may lie from a town of its name (`_district_and_its_town`).
    district_km: float = 30.0
    w_same_day: float = 0.08
    w_next_day: float = 0.04
    w_days_apart: float = -0.08
    w_week_apart: float = -0.2
    w_year_conflict: float = -0.2
    max_years: int = 12  # the latest years an incident's reports named, kept to compare undated reports with
    w_actor_overlap: float = 0.08
    w_actor_conflict: float = -0.05
    w_same_category: float = 0.02
    w_category_conflict: float = -0.08
    w_clear_category_conflict: float = -0.3
    w_one_sided_category_conflict: float = -0.15
    # A moment-like incident (POINT_CATEGORIES) on a day no date in the report's lead names is another incident
    # unless the details (names and numbers other than the places) agree this much: another shooting in the town.
    details_corroborate: float = 0.3
    # A detail the report shares with this many of the incidents it is compared with is the town's, not one
    # incident's (a police spokesperson, a tip line): left out of that agreement. Two would also count the halves of
    # one split incident (ECB+ B-cubed -0.002).
    common_detail_incidents: int = 3
    # Reports that each give a few details (names, numbers) and share none are rarely of one incident: of ECB+ report
    # pairs with 3 or more each, 2-4% of those of one incident, 39-60% of those of a topic's two look-alike incidents.
    w_details_disjoint: float = -0.1
    # A term (word or name) of the report that at least this many of the key's open incidents use, and at least this
    # share of them, is the town's or the beat's ("Rivers State Police Command", its spokesperson's name), not one
    # incident's: left out of the report's own text (`terms_used_by_many`).
    common_term_incidents: int = 5
    common_term_share: float = 0.3
    # A report whose text, without those terms, is this little like an incident's is not of it, whatever else they
    # share: a tanker fire and a kidnapping told by one police command's spokesperson. Of the joins it would have
    # undone over the look-alike weeks, 20 of 20 were wrong below 0.1, 2 of 6 at 0.10-0.15, 8 of 13 at 0.15-0.20.
    min_own_text_cosine: float = 0.1
    # The person a report is about (features.principal_persons) against the people its incident's reports are about.
    # Of the 4,296 ECB+ report pairs within a topic where both reports have one, those of one incident: 87% name each
    # other's, 10% one way, 3% neither; those of a topic's two look-alike incidents: 10%, 28%, 61%.
    w_principal_named: float = 0.05
    w_principal_unnamed_one_way: float = -0.1
    w_principals_apart: float = -0.3
    max_principals: int = 8
    max_persons: int = 24
    min_details: int = 3
    veto_clear_category_conflict: bool = True
    # Incidents of two keys whose summaries match as well as a merge asks of a report's two candidates
    # (merge_threshold) are one (reconcile.py).
    cross_key_merge: bool = True
    max_ids_per_reconcile_term: int = 64
    min_shared_reconcile_terms: int = 2
    max_reconcile_candidates: int = 32
    max_reconcile_incidents: int = 100_000
    term_weights: textmod.TermWeights = field(default_factory=textmod.TermWeights)

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchConfig:
        """The WIREFUSE_INCIDENT_QUIET_DAYS, _KEY_GRANULARITY, _ROUTE_UNPLACED and _CROSS_KEY_MERGE settings."""
        granularity = settings.incident_key_granularity
        if granularity not in KEY_GRANULARITIES:
            raise ConfigError(f"incident key granularity must be one of {', '.join(KEY_GRANULARITIES)}")
        return cls(
            quiet_days=settings.incident_quiet_days,
            key_granularity=granularity,
            route_unplaced=settings.incident_route_unplaced,
            cross_key_merge=settings.incident_cross_key_merge,
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict for one article, the incident it belongs to, and the incident records to publish."""

    verdict: DedupVerdict
    incident_id: str
    incident_records: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class _Context:
    """What every state update for one article works on: the tables, the key and its open incidents."""

    state: IncidentState
    key: str
    bucket: OpenIncidents
    config: MatchConfig


class OpenIncidents(dict[str, Any]):
    """A key's open incidents (id -> summary) as read from the state, remembering what the table holds.

    `store_open_incidents` compares each summary with the one read (by identity: summaries are replaced, never
    changed in place) and writes only those that changed.
    """

    __slots__ = ("stored",)

    def __init__(self, summaries: dict[str, Any]) -> None:
        super().__init__(summaries)
        self.stored: dict[str, Any] = dict(summaries)


_HASHERS: dict[tuple[int, int], textmod.MinHasher] = {}


def _hasher(config: MatchConfig) -> textmod.MinHasher:
    # The permutations are fixed by a seed, so caching one per shape is deterministic across processes.
    key = (config.num_perm, config.shingle_words)
    if key not in _HASHERS:
        _HASHERS[key] = textmod.MinHasher(config.num_perm, config.shingle_words)
    return _HASHERS[key]


def incident_id_for(article_id: str) -> str:
    """Deterministic: the incident opened by an article is named after it, so a replay after a crash reuses the id."""
    return "inc-" + hashlib.sha1(article_id.encode(), usedforsecurity=False).hexdigest()[:16]


# --- decide ------------------------------------------------------------------------------------------------------


def article_features(tagged: TaggedArticle, config: MatchConfig) -> ArticleFeatures:
    """What `decide` compares of a report (`features.extract`), with the configuration's limits."""
    return extract(
        tagged,
        _hasher(config),
        config.term_weights,
        config.max_terms,
        config.max_name_terms,
        max_body_chars=config.max_body_chars,
        max_details=config.max_detail_terms,
        lsh_bands=config.lsh_bands,
    )


def decide(tagged: TaggedArticle, state: IncidentState, config: MatchConfig, route: Route | None = None) -> Decision:
    """Judge one article against the open incidents of its candidate key and update the state.

    `route`: a report with no place forwarded to another key (`routing.route_unplaced`) is judged there.
    """
    article_id = tagged.article.id
    features = article_features(tagged, config)
    previous = state.articles.get(article_id)
    if previous is not None:
        return _replay(previous, features, state)
    key = route.key if route is not None else candidate_key(tagged, config.key_granularity)
    keyed: dict[str, Any] = {"candidate_key": key}
    if route is not None:
        keyed["routed_by"] = list(route.names)
    # Only publication time advances the clock that closes incidents: dates read from the text of an undated
    # article can be anything (background, another year) and must not close everything else.
    bucket = _load_bucket(state, key, features.published_day, config)
    ctx = _Context(state, key, bucket, config)
    duplicate = _find_duplicate(ctx, features)
    if duplicate is not None and duplicate[2] in bucket:
        original_id, similarity, incident_id = duplicate
        evidence = {**keyed, "jaccard": round(similarity, 3), "original": original_id}
        verdict = DedupVerdict(
            verdict="duplicate", duplicate_of=original_id, score=round(similarity, 4), evidence=evidence
        )
        records = _join(ctx, incident_id, tagged, features, "duplicate")
        _remember(ctx, tagged, features, verdict, incident_id)
        # An incident merged into one of another key (reconcile.py) answers with its survivor, as a replay does.
        return Decision(verdict, resolve_merged(state, incident_id), records)
    # A round-up of the week is an incident of its own that no report joins (`_score_one`, `summary_similarity`).
    scored = _score_bucket(bucket, features, config) if not features.tells_a_roundup else []
    if scored and scored[0][0] >= config.match_threshold:
        best_score, incident_id, evidence = scored[0]
        records = _join(ctx, incident_id, tagged, features, "same_incident")
        evidence.update(keyed)
        if duplicate is not None:
            evidence["near_copy_of_closed"] = duplicate[0]
        survivor, merge_records = _maybe_merge(ctx, scored, features)
        records.extend(merge_records)
        # Merged within the key just now, or into an incident of another key before (reconcile.py).
        final = resolve_merged(state, survivor)
        if final != incident_id:
            evidence["merged_into"] = final
        verdict = DedupVerdict(
            verdict="same_incident", duplicate_of=None, score=round(best_score, 4), evidence=evidence
        )
        _remember(ctx, tagged, features, verdict, survivor)
        return Decision(verdict, final, records)
    reopened = _reopen(ctx, features) if not features.tells_a_roundup else None
    if reopened is not None:
        reopen_score, incident_id, evidence = reopened
        evidence.update(keyed, reopened=True)
        verdict = DedupVerdict(
            verdict="same_incident", duplicate_of=None, score=round(reopen_score, 4), evidence=evidence
        )
        if article_id in bucket[incident_id]["members"]:
            # A replay of a report its incident counted before it closed, whose `articles` entry went with the
            # close (state written before closed incidents kept them): counted once, as at-least-once requires.
            evidence["replay"] = "after_close"
            _store_bucket(state, key, bucket, config, None)
            _remember(ctx, tagged, features, verdict, incident_id)
            return Decision(verdict, incident_id, [])
        records = _join(ctx, incident_id, tagged, features, "same_incident")
        _remember(ctx, tagged, features, verdict, incident_id)
        return Decision(verdict, incident_id, records)
    incident_id = incident_id_for(article_id)
    runner_up = scored[0] if scored else None
    evidence = {
        **keyed,
        "open_candidates": len(bucket),
        "best_candidate": runner_up[1] if runner_up else None,
        "best_score": round(runner_up[0], 4) if runner_up else None,
        "best_evidence": runner_up[2] if runner_up else None,
        "category": features.category.category,
        "event_date": features.event_date.day.isoformat() if features.event_date.day else None,
        "event_date_source": features.event_date.source,
    }
    verdict = DedupVerdict(
        verdict="new_incident",
        duplicate_of=None,
        score=round(runner_up[0], 4) if runner_up else 0.0,
        evidence=evidence,
    )
    records = _create(ctx, incident_id, tagged, features)
    _remember(ctx, tagged, features, verdict, incident_id)
    return Decision(verdict, incident_id, records)


def _replay(previous: dict[str, Any], features: ArticleFeatures, state: IncidentState) -> Decision:
    """An article id already counted: change nothing, answer what was decided (following merges to the survivor).

    Same id with different content (a correction re-sent under the same id) is not re-evaluated: the report stays
    counted once, in the incident it first joined; the evidence says the content changed.
    """
    incident_id = resolve_merged(state, str(previous["incident_id"]))
    evidence = dict(previous["evidence"])
    evidence["replay"] = "same_content" if previous["fingerprint"] == features.fingerprint else "content_changed"
    verdict = DedupVerdict(
        verdict=previous["verdict"],
        duplicate_of=previous.get("duplicate_of"),
        score=float(previous["score"]),
        evidence=evidence,
    )
    return Decision(verdict, incident_id, [])


def resolve_merged(state: IncidentState, incident_id: str) -> str:
    """The incident an id stands for now: itself, or the survivor it was merged into (followed transitively)."""
    seen = set()
    while incident_id not in seen:
        seen.add(incident_id)
        entry = state.incidents.get(incident_id)
        if entry is None or not entry["record"].get("merged_into"):
            return incident_id
        incident_id = entry["record"]["merged_into"]
    return incident_id


def survivors(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """What a consumer of `wire.incidents` does with `merged` records: every incident id -> the incident it ended in.

    `records` in topic order; an id never merged maps to itself, a merged one to its survivor, followed transitively
    (a survivor can be merged later in turn).
    """
    ids: dict[str, None] = {}
    merged_into: dict[str, str] = {}
    for record in records:
        incident_id = str(record["incident_id"])
        ids[incident_id] = None
        if record.get("status") == "merged" and record.get("merged_into"):
            merged_into[incident_id] = str(record["merged_into"])
    final: dict[str, str] = {}
    for incident_id in ids:
        current, seen = incident_id, {incident_id}
        while current in merged_into and merged_into[current] not in seen:
            current = merged_into[current]
            seen.add(current)
        final[incident_id] = current
    return final


# --- state: buckets and expiry -----------------------------------------------------------------------------------


def open_incidents_of(state: IncidentState, key: str) -> OpenIncidents:
    """The open incidents of a key, id -> summary, in the order they were opened."""
    return _open_incidents(state, key, state.buckets.get(key))


def _open_incidents(state: IncidentState, key: str, stored: dict[str, Any] | None) -> OpenIncidents:
    """The summaries the key's index entry `stored` (already read) lists."""
    summaries: dict[str, Any] = {}
    for incident_id in stored["open"] if stored else ():
        # Absent only if a worker stopped between writing the index and a summary: the index entry is stale.
        summary = state.buckets.get(key + OPEN_SEPARATOR + incident_id)
        if summary is not None:
            summaries[incident_id] = summary
    return OpenIncidents(summaries)


def store_open_incidents(state: IncidentState, key: str, bucket: OpenIncidents, oldest: int | None) -> None:
    """Write back the summaries that changed, the key's index, then delete the summaries of incidents gone.

    In that order a worker stopped half-way leaves at worst an index entry without a summary (skipped on reading)
    or a summary nothing lists (never read); `oldest` is a lower bound of the open incidents' last days.
    """
    for incident_id, summary in bucket.items():
        if bucket.stored.get(incident_id) is not summary:
            state.buckets[key + OPEN_SEPARATOR + incident_id] = summary
    state.buckets[key] = {"open": {iid: s["last_day"] for iid, s in bucket.items()}, "oldest": oldest}
    for incident_id in bucket.stored.keys() - bucket.keys():
        state.buckets.pop(key + OPEN_SEPARATOR + incident_id, None)
    bucket.stored = dict(bucket)


def closed_incidents_of(state: IncidentState, key: str) -> dict[str, Any]:
    """The key's recently closed incidents: id -> {"summary", "record"}."""
    index = state.buckets.get(key + CLOSED_SUFFIX) or {}
    entries = ((iid, state.buckets.get(key + CLOSED_SEPARATOR + iid)) for iid in index)
    return {iid: entry for iid, entry in entries if entry is not None}


def _load_bucket(state: IncidentState, key: str, day: int | None, config: MatchConfig) -> OpenIncidents:
    """The open incidents of a key, after closing those quiet for longer than the quiet period before `day`."""
    stored = state.buckets.get(key)
    bucket = _open_incidents(state, key, stored)
    # "oldest" is a lower bound of the open incidents' last days: most articles skip the scan for stale ones.
    if day is not None and stored and stored.get("oldest") is not None and stored["oldest"] < day - config.quiet_days:
        horizon = day - config.quiet_days
        stale = [iid for iid, s in bucket.items() if s["last_day"] is not None and s["last_day"] < horizon]
        for incident_id in stale:
            _close(state, incident_id, bucket.pop(incident_id), key, config.max_closed_per_key)
        store_open_incidents(state, key, bucket, _oldest(bucket))
    return bucket


def _reopen(ctx: _Context, features: ArticleFeatures) -> tuple[float, str, dict[str, Any]] | None:
    """A late report (no open incident takes it) joins a recently closed incident of its key that it matches.

    Reports reach a stream out of order: the last agency report of an April incident can arrive after August news
    has closed it. The closed incident moves back to the open ones, with its record, and is closed again by the
    next report that finds it stale, so state stays bounded by the open and closed caps.
    """
    tier = closed_incidents_of(ctx.state, ctx.key)
    if not tier:
        return None
    # A closed incident takes back only a late report of its own days. A report of a later time is news of its own:
    # an open incident may take it on strong evidence (`_time_evidence`), one quiet for the whole period does not.
    closed = {
        iid: entry["summary"]
        for iid, entry in tier.items()
        if not entry["record"].get("merged_into")
        and (
            (gap := _event_gap(features, entry["summary"])) is None
            or gap <= min(ctx.config.quiet_days, ctx.config.max_event_gap_days)
        )
    }
    scored = _score_bucket(closed, features, ctx.config)
    if not scored or scored[0][0] < ctx.config.match_threshold:
        return None
    best_score, incident_id, evidence = scored[0]
    _move_to_open(ctx.state, ctx.key, ctx.bucket, incident_id, tier[incident_id])
    return best_score, incident_id, evidence


def _move_to_open(
    state: IncidentState, key: str, bucket: OpenIncidents, incident_id: str, closed: dict[str, Any]
) -> None:
    """A closed-tier entry back among the key's open incidents (the caller writes the bucket)."""
    _drop_closed(state, key, [incident_id], forget=False)
    bucket[incident_id] = closed["summary"]
    state.incidents[incident_id] = {"record": closed["record"], "key": key}


def reopen_closed(state: IncidentState, key: str, incident_id: str) -> dict[str, Any] | None:
    """Reopen an incident of the key's closed tier that was not merged away: its `incidents` entry, or None.

    For reports that reach a closed incident other than through matching (the reports of an incident of another key
    merged into it, reconcile.py); it closes again at the next read of its key, its last day being unchanged.
    """
    closed = state.buckets.get(key + CLOSED_SEPARATOR + incident_id)
    if not isinstance(closed, dict) or closed["record"].get("merged_into"):
        return None
    bucket = open_incidents_of(state, key)
    _move_to_open(state, key, bucket, incident_id, closed)
    store_open_incidents(state, key, bucket, _oldest(bucket))
    entry: dict[str, Any] = state.incidents[incident_id]
    return entry


def _drop_closed(state: IncidentState, key: str, incident_ids: Iterable[str], *, forget: bool) -> None:
    """Remove incidents from the key's closed tier (the index first, so no index entry outlives its incident).

    `forget`: for good, with their articles' entries; otherwise they are reopening (their articles count again).
    """
    index_key = key + CLOSED_SUFFIX
    index = dict(state.buckets.get(index_key) or {})
    gone = [iid for iid in incident_ids if iid in index]
    for incident_id in gone:
        del index[incident_id]
    if index:
        state.buckets[index_key] = index
    elif index_key in state.buckets:
        del state.buckets[index_key]
    for incident_id in gone:
        if forget:
            _forget_closed(state, key, incident_id)
        else:
            state.buckets.pop(key + CLOSED_SEPARATOR + incident_id, None)


def _oldest(bucket: dict[str, Any]) -> int | None:
    days = [s["last_day"] for s in bucket.values() if s["last_day"] is not None]
    return min(days) if days else None


def _close(state: IncidentState, incident_id: str, summary: dict[str, Any], key: str, max_closed: int) -> None:
    """Drop a closed incident from matching state: its LSH entries and its record.

    Its summary and last record move to the key's closed tier (at most `max_closed`, the oldest events dropped
    first), where only a late report, one no open incident takes, looks for it (`_reopen`). Its articles' entries
    stay while it is in the tier, so a report re-delivered after the close is a replay, counted once, whichever
    incident it would score best with now (a kill -9 re-delivery arriving after newer reports closed its incident
    was counted a second time); they go when it leaves the tier. An incident merged into one of another key goes to
    the tier for that alone: it is never reopened.
    """
    incident = state.incidents.get(incident_id)
    kept = False
    if max_closed > 0 and incident is not None:
        index_key = key + CLOSED_SUFFIX
        index: dict[str, int | None] = dict(state.buckets.get(index_key) or {})
        index[incident_id] = summary["last_day"]
        evicted = []
        while len(index) > max_closed:
            oldest = min(index, key=lambda iid: (index[iid] or 0, iid))
            del index[oldest]
            evicted.append(oldest)
        # Entry, index, then evictions: an index entry never names an incident that is not there.
        kept = incident_id in index
        if kept:
            state.buckets[key + CLOSED_SEPARATOR + incident_id] = {"summary": summary, "record": incident["record"]}
        state.buckets[index_key] = index
        for gone in evicted:
            _forget_closed(state, key, gone)
    for article_id in summary.get("members", []):
        entry = state.articles.get(article_id)
        if entry is None:
            continue
        state.lsh.remove(entry["key"], entry.get("bands", []), article_id)
        if not kept:
            del state.articles[article_id]
    if incident is not None:
        for absorbed in incident["record"].get("merged_from", []):
            # Only those merged within this key: one of another key (reconcile.py) is still open there.
            entry = state.incidents.get(absorbed)
            if entry is not None and entry["key"] == key:
                del state.incidents[absorbed]
        del state.incidents[incident_id]


def _forget_closed(state: IncidentState, key: str, incident_id: str) -> None:
    """Delete a closed-tier entry (no longer indexed) and the entries of the articles it still counts."""
    entry_key = key + CLOSED_SEPARATOR + incident_id
    entry = state.buckets.get(entry_key)
    if isinstance(entry, dict):
        for article_id in entry["summary"].get("members", []):
            verdict = state.articles.get(article_id)
            # A member's entry names its incident (merges within a key re-point it to the survivor's members).
            if verdict is not None and verdict.get("incident_id") == incident_id:
                del state.articles[article_id]
    state.buckets.pop(entry_key, None)


def expire(state: IncidentState, watermark: datetime, config: MatchConfig | None = None) -> list[str]:
    """Close every open incident whose last event time is more than the quiet period before `watermark`.

    `decide` already closes stale incidents of the key it reads; this sweeps keys that have gone silent. The quiet
    period is the one stored with each key's summaries (`quiet_days` of the config that wrote them).
    """
    max_closed = (config or MatchConfig()).max_closed_per_key
    closed: list[str] = []
    day = watermark.astimezone(UTC).date().toordinal() if watermark.tzinfo else watermark.date().toordinal()
    for key in [k for k in list(state.buckets.keys()) if _is_bucket_key(k)]:
        stored = state.buckets.get(key)
        if not stored:
            continue
        bucket = open_incidents_of(state, key)
        stale = [
            iid
            for iid, s in bucket.items()
            if s["last_day"] is not None and s["last_day"] < day - float(s.get("quiet_days", 14.0))
        ]
        if not stale:
            continue
        for incident_id in stale:
            _close(state, incident_id, bucket.pop(incident_id), key, max_closed)
            closed.append(incident_id)
        if bucket:
            store_open_incidents(state, key, bucket, _oldest(bucket))
        else:
            del state.buckets[key]
            for incident_id in stale:
                state.buckets.pop(key + OPEN_SEPARATOR + incident_id, None)
    # A closed tier stays while its key is in use; a silent key's tier goes once its newest event is a year old.
    for index_key in [k for k in list(state.buckets.keys()) if k.endswith(CLOSED_SUFFIX)]:
        key = index_key.removesuffix(CLOSED_SUFFIX)
        index = state.buckets.get(index_key) or {}
        newest = max((last_day or 0 for last_day in index.values()), default=0)
        if key not in state.buckets and newest < day - CLOSED_TIER_MAX_AGE_DAYS:
            _drop_closed(state, key, list(index), forget=True)
    return closed


def open_incident_count(state: IncidentState) -> int:
    """Open incidents across the keys held here (exported as a gauge): reads only the keys' index entries."""
    return sum(len(state.buckets[k]["open"]) for k in list(state.buckets.keys()) if _is_bucket_key(k))


# --- duplicates --------------------------------------------------------------------------------------------------


def _find_duplicate(ctx: _Context, features: ArticleFeatures) -> tuple[str, float, str] | None:
    """(article copied, estimated Jaccard, its incident) for the closest earlier article above the threshold."""
    state, config = ctx.state, ctx.config
    candidates = state.lsh.candidates(
        ctx.key,
        features.bands,
        open_incidents=ctx.bucket,
        articles=state.articles,
        max_ids_per_band=config.max_ids_per_lsh_band,
    )
    best: tuple[str, float, str] | None = None
    for candidate in sorted(candidates):
        entry = state.articles.get(candidate)
        if entry is None:
            continue
        similarity = textmod.jaccard_estimate(features.signature, textmod.decode_signature(entry["signature"]))
        if similarity >= config.duplicate_threshold and (best is None or similarity > best[1]):
            # A copy of a copy names the article it copied; the evidence also names the root original.
            best = (candidate, similarity, resolve_merged(state, entry["incident_id"]))
    return best


# --- scoring -----------------------------------------------------------------------------------------------------


def _place_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    place = features.place
    places: list[dict[str, Any]] = summary["places"]
    if place is None or place.get("geonameid") is None or not places:
        return 0.0, {"place": "unknown"}
    gid = place["geonameid"]
    if any(p["id"] == gid for p in places):
        return config.w_same_place, {"place": "same", "geonameid": gid}
    if _names_as_another_incidents(features.other_incident_places, places) and not any(
        p["id"] in features.headline_place_ids for p in places
    ):
        # The report names the incident's place only where it tells of another incident ("not connected to the
        # stabbing in Woodridge"): whatever its own place's reading, it is not this incident's report (a veto).
        # Unless its headline names another of the incident's places: "Two men arrested over Springfield shooting",
        # whose recap of the week names Riverton, where another report placed that shooting.
        return 0.0, {"place": "named_as_another_incidents"}
    if float(place.get("confidence", 1.0)) < config.min_place_confidence:
        # A doubtful event place is no evidence against: the tagger's second guess may well be the right town.
        return 0.0, {"place": "uncertain"}
    fine = place.get("precision") in (None, "city", "other")
    lat, lon = place.get("lat"), place.get("lon")
    distances = [
        great_circle_km(lat, lon, p["lat"], p["lon"])
        for p in places
        if lat is not None and lon is not None and p["lat"] is not None
    ]
    distance = round(min(distances), 1) if distances else None
    coarse = not fine or all(p["prec"] not in (None, "city", "other") for p in places)
    if coarse:
        # A division or country contains the town: no conflict, and a little support when it is the same division.
        same_admin = any(p["a1"] and p["a1"] == place.get("admin1_code") for p in places)
        if not same_admin and _divisions_apart(place, places, config.min_place_confidence):
            # Unless it does not: the northern Hama countryside holds no town of Aleppo's.
            return config.w_place_conflict, {"place": "other_division", "distance_km": distance}
        return (config.w_near_place if same_admin else 0.0), {"place": "contains", "distance_km": distance}
    if distance is not None and distance <= config.near_km and any(p["id"] in features.place_ids for p in places):
        return config.w_near_place, {"place": "near_and_mentioned", "distance_km": distance}
    if distance is not None and distance <= config.district_km and _district_and_its_town(place, places):
        # "the Lakki Marwat district" and the town of Lakki Marwat: districts are named after their towns, and one
        # outlet names the district where another names the town.
        return 0.0, {"place": "district_of_town", "distance_km": distance}
    confident = [p for p in places if _placed_surely(p, config.min_place_confidence)]
    if not confident:
        return 0.0, {"place": "uncertain"}
    if any(p["id"] in features.place_ids for p in places):
        return config.w_place_conflict_mentioned, {
            "place": "other_town_mentions_incident_town",
            "distance_km": distance,
        }
    return config.w_place_conflict, {"place": "other_town", "distance_km": distance}


def _district_and_its_town(place: Location, places: Iterable[Mapping[str, Any]]) -> bool:
    """Whether one side is a district (a division below the first level) and the other a town of the same first-level
    division; the caller checks that they lie within `district_km`."""
    mine_district = place.get("feature_class") == "A" and place.get("precision") == "other"
    for p in places:
        theirs_district = p.get("fc") == "A" and p["prec"] == "other"
        town_pair = (mine_district and p["prec"] == "city") or (theirs_district and place.get("precision") == "city")
        if town_pair and p["a1"] and p["a1"] == place.get("admin1_code"):
            return True
    return False


def _other_kind_of_moment(mine: str, theirs: str) -> bool:
    """Both moment-like (POINT_CATEGORIES) and of two kinds, though kinds news tells together (a robbery and a
    shooting) are no category conflict."""
    return mine != theirs and mine in POINT_CATEGORIES and theirs in POINT_CATEGORIES


def _other_kind_on_another_day(features: ArticleFeatures, summary: Mapping[str, Any]) -> bool:
    """Two kinds of moment (`_other_kind_of_moment`) on days their leads name, none in common: a police shootout in
    Uyole on Saturday is not Monday's lorry crash in the same city, however much of the regional command's words the
    two share. An attack may be any moment's first reading ("attack" in a wire lead, the shooting its next report
    tells), so against one only a kind news never tells with it keeps them apart."""
    return _other_kinds_on_other_days(
        (features.category.category, features.firm_days), (summary["category"], summary.get("firm_days"))
    )


def _other_kinds_on_other_days(
    one: tuple[str, Collection[int] | None], other: tuple[str, Collection[int] | None]
) -> bool:
    """`_other_kind_on_another_day` of two sides (category, days a lead named): a report and an incident, or two
    incidents a merge would make one."""
    (mine, days), (theirs, their_days) = one, other
    return (
        _other_kind_of_moment(mine, theirs)
        and ("attack" not in (mine, theirs) or relation(mine, theirs) == "conflict")
        and bool(days)
        and bool(their_days)
        and set(days or ()).isdisjoint(their_days or ())
    )


def _divisions_apart(place: Location, places: Iterable[Mapping[str, Any]], min_confidence: float) -> bool:
    """Whether the report's place and every place of the incident placed at least `min_confidence` lie in different
    first-level divisions (different countries, where a side is only a country), one side at least being a division
    or a country.
    """
    mine = place.get("admin1_code")
    country = place.get("country_code")
    confident = [p for p in places if p["a1"] and _placed_surely(p, min_confidence)]
    if not confident or not country:
        return False
    if place.get("precision") == "country" or not mine:
        return all(p["a1"].split("-")[0] != country for p in confident)
    return all(p["a1"] != mine and (p["prec"] != "country" or p["a1"].split("-")[0] != country) for p in confident)


def _placed_surely(place: Mapping[str, Any], min_confidence: float) -> bool:
    """Whether an incident's place (a place summary) was read at `min_confidence` or more (older ones lack it)."""
    return float(place.get("conf", 1.0)) >= min_confidence


def _names_as_another_incidents(others: Collection[str] | None, places: Iterable[Mapping[str, Any]]) -> bool:
    """Whether one of `places` (place summaries) is among the places a report named as another incident's."""
    if not others:
        return False
    return any(str(p["id"]) in others or (p.get("name") or "").lower() in others for p in places)


def _time_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    """The event days of the article against the incident's.

    Days far apart are no veto, only the week's penalty: a report of an incident's trial or sentencing names its own
    day, months after the incident's, and is still of it (ECB+: as a veto, the days kept 15 reports from their own
    incident; 9 of them now join it). Two incidents of one kind on two days are kept apart by the day rule and the
    details (`_point_event_day_evidence`), not by the calendar alone.
    """
    gap = _event_gap(features, summary)
    if gap is None:
        return _era_evidence(features, summary, config)
    evidence = {"time": "days_apart", "days": gap, "source": features.event_date.source}
    if gap == 0:
        return config.w_same_day, evidence
    if gap == 1:
        return config.w_next_day, evidence
    if gap <= 3:
        return 0.0, evidence
    if gap <= WEEK_DAYS:
        return config.w_days_apart, evidence
    return config.w_week_apart, evidence


def _headline_tells_another_moment(category: CategoryResult) -> bool:
    """The report's headline names its kind, and it reads as no follow-up (arrest, trial, death), nor has one as its
    runner-up kind."""
    return (
        category.headline_says_so
        and category.category not in FOLLOW_UP_CATEGORIES
        and category.runner_up not in FOLLOW_UP_CATEGORIES
    )


def _reads_as_a_follow_up(category: CategoryResult) -> bool:
    """The report is a follow-up (an arrest, a trial, a death), or its headline names one beside the incident's kind:
    "Man charged with grievous harm over stabbing of MoCU student" is the stabbing's trial."""
    return category.category in FOLLOW_UP_CATEGORIES or (
        category.runner_up in FOLLOW_UP_CATEGORIES and category.runner_up_in_headline
    )


def _weeks_or_years_apart(time_ev: Mapping[str, Any]) -> bool:
    """The time evidence is a gap of more than a week (`w_week_apart`) or of years (`w_year_conflict`)."""
    return time_ev["time"] == "years" or int(time_ev.get("days") or 0) > WEEK_DAYS


def _event_gap(features: ArticleFeatures, summary: dict[str, Any]) -> int | None:
    """Days between the article's event day and the incident's days (0 inside them); None when a side has none."""
    first, last, day = summary["first_day"], summary["last_day"], features.day
    if day is None or first is None:
        return None
    return 0 if first <= day <= last else min(abs(day - first), abs(day - last))


def _era_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    """No event day on one side: compare the years each side names or is dated in.

    A report names years up to its own (background is older), so one that names a year later than any year of the
    incident's reports is most likely about something newer; an older year only conflicts when it is a resolved date.
    Nor is a report whose every year lies more than a year from every year the incident's reports named likely to be
    of it: of the ECB+ report pairs within a topic that both name years, 5% of those of one incident name none
    within a year of each other (background years), 72% of those of the topic's two look-alike incidents.
    """
    mine, theirs = features.latest_year, summary.get("latest_year")
    if mine is None or theirs is None:
        return 0.0, {"time": "unknown"}
    evidence = {"time": "years", "article_year": mine, "incident_year": theirs}
    if mine > theirs + 1 or (features.day is not None and mine < theirs - 1):
        return config.w_year_conflict, evidence
    if _years_apart(features.years, summary.get("years")):
        evidence["years"] = "apart"
        return config.w_year_conflict, evidence
    return 0.0, evidence


def _years_apart(one: Iterable[int] | None, other: Iterable[int] | None) -> bool:
    """Both name years, and every year of one lies more than a year from every year of the other."""
    if not one or not other:
        return False
    return all(abs(a - b) > 1 for a in one for b in other)


def _years_kept(years: Iterable[int], config: MatchConfig) -> list[int]:
    return sorted(years)[-config.max_years :]


def _actor_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    keys = summary["actors"]
    if not features.actor_keys or not keys:
        shared_codes = sorted(features.actor_codes & set(summary["codes"]))
        return 0.0, {"actors": "unknown", "shared_codes": shared_codes}
    shared = sorted(k for k in features.actor_keys if k in keys)
    if shared:
        containment = len(shared) / min(len(features.actor_keys), len(keys))
        return config.w_actor_overlap * containment, {"actors": "shared", "shared": shared[:8]}
    if len(features.actor_keys) >= 2 and len(keys) >= 2:
        return config.w_actor_conflict, {"actors": "disjoint"}
    return 0.0, {"actors": "no_overlap"}


# The kinds of incident whose killings people protest: a shooting, a stabbing, an attack, a fatal crash.
PROTESTED_KINDS = frozenset({"shooting", "stabbing", "attack", "death", "accident", "kidnapping", "bodies_found"})


# What a report of an arrest names when it is a missing person's: the disappearance, a kidnapping, a body, a death.
MISSING_PERSONS_FATES = frozenset({"missing", "kidnapping", "bodies_found", "death"})


def _category_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    mine, theirs = features.category.category, summary["category"]
    kind = relation(mine, theirs)
    if mine == "arrest" and theirs == "missing" and features.category.runner_up not in MISSING_PERSONS_FATES:
        # An arrest is a missing person's only when it names the disappearance ("Man arrested in disappearance of
        # Clarksville teen"), not a drug task force's raids the day a hunter is found ("Task force raids homes in
        # Beckley, Sophia; at least a dozen arrested").
        return config.w_one_sided_category_conflict, {"category": "conflict", "article": mine, "incident": theirs}
    if mine == "protest" and features.protests_a_killing and theirs in PROTESTED_KINDS:
        # A protest over a killing follows that killing: its details decide which.
        return 0.0, {"category": "protest_over", "article": mine, "incident": theirs}
    weight = {"same": config.w_same_category, "conflict": config.w_category_conflict}.get(kind, 0.0)
    if kind == "conflict" and features.category.headline_says_so and summary.get("category_clear"):
        # Both headlines name what happened, and it differs: an air strike is not a withdrawal.
        return config.w_clear_category_conflict, {"category": "clear_conflict", "article": mine, "incident": theirs}
    if kind == "conflict" and (features.category.headline_says_so or summary.get("category_clear")):
        return config.w_one_sided_category_conflict, {"category": "conflict", "article": mine, "incident": theirs}
    named_too = features.category.runner_up
    if (
        kind == "compatible"
        and named_too is not None
        and features.category.runner_up_in_headline
        and summary.get("category_clear")
        and named_too in POINT_CATEGORIES
        and named_too != "attack"  # generic: "Dog seized after Southport park attack" is the dog's mauling
        and theirs in POINT_CATEGORIES
        and relation(named_too, theirs) == "conflict"
    ):
        # A follow-up whose headline also names its incident's kind, and that kind is not this one's: "Man charged
        # with murder over Woodridge stabbing" is an arrest, but of a stabbing, not of the crash on the same road.
        return config.w_clear_category_conflict, {
            "category": "clear_conflict",
            "article": named_too,
            "incident": theirs,
        }
    return weight, {"category": kind, "article": mine, "incident": theirs}


@dataclass(frozen=True, slots=True)
class _OwnText:
    """The article's term vector without the terms many of the key's open incidents use (`terms_used_by_many`)."""

    vector: Mapping[str, float]
    left_out: frozenset[str]

    @classmethod
    def of(
        cls,
        vector: Mapping[str, float],
        compared: Collection[Mapping[str, Any]],
        open_incidents: int,
        config: MatchConfig,
    ) -> _OwnText:
        left_out = terms_used_by_many(vector.keys(), compared, open_incidents, config)
        return cls(textmod.without(vector, left_out), left_out)

    def cosine(self, summary: Mapping[str, Any]) -> float:
        return textmod.cosine(self.vector, textmod.without(summary["vector"], self.left_out))


def terms_used_by_many(
    terms: AbstractSet[str], compared: Iterable[Mapping[str, Any]], open_incidents: int, config: MatchConfig
) -> frozenset[str]:
    """The `terms` that `common_term_incidents` or more of the `compared` incidents' vectors hold, and at least
    `common_term_share` of the key's `open_incidents`: the police command, the spokesperson, the state."""
    used = Counter(term for summary in compared for term in terms & summary["vector"].keys())
    least = max(config.common_term_incidents, config.common_term_share * open_incidents)
    return frozenset(term for term, incidents in used.items() if incidents >= least)


def _score_one(
    features: ArticleFeatures,
    summary: dict[str, Any],
    config: MatchConfig,
    common: AbstractSet[str] = frozenset(),
    own_text: _OwnText | None = None,
) -> tuple[float, dict[str, Any]] | None:
    """The article against one incident: None when a rule says they are two, else (score, evidence).

    `common`: details the article shares with several of the incidents it is compared with
    (`details_named_by_many`), left out of the day rule's agreement. `own_text`: the article's text without the
    terms many of the key's incidents use; without it, the whole text.
    """
    if summary.get("roundup"):
        return None
    text_cos = textmod.cosine(features.vector, summary["vector"])
    trimmed = own_text is not None and bool(own_text.left_out)
    own_cos = own_text.cosine(summary) if own_text is not None and trimmed else text_cos
    if own_cos < config.min_own_text_cosine:
        return None
    time_score, time_ev = _time_evidence(features, summary, config)
    names_cos = textmod.cosine(features.names, summary["names"])
    place_score, place_ev = _place_evidence(features, summary, config)
    if place_ev["place"] == "named_as_another_incidents":
        # A penalty (-0.5) let the background paragraph such a report gives the other incident outweigh its denial:
        # "Man shot outside Harvey convenience store; JPSO says not connected to Marrero killing" joined the killing.
        return None
    actor_score, actor_ev = _actor_evidence(features, summary, config)
    category_score, category_ev = _category_evidence(features, summary, config)
    principal_score, principal_ev = _principal_evidence(features, summary, config)
    if (
        category_ev["category"] == "clear_conflict"
        and config.veto_clear_category_conflict
        # Not the death of the incident's own person, whatever else its headline tells: "Doranda property dealer
        # Ravindra Sahu dies at RIMS, family protests" is the shooting's.
        and not (features.tells_someones_death and principal_ev.get("principal") == "named")
    ):
        return None
    if place_ev["place"] == "other_town" and _other_kind_of_moment(features.category.category, summary["category"]):
        # A carjacking in Metairie is not the shooting in Marrero the sheriff's same spokesperson told of the night
        # before, however alike their words: another kind of moment, in another town both sides place surely.
        return None
    if (
        place_ev["place"] == "other_town"
        and summary["category"] in FOLLOW_UP_CATEGORIES
        and features.category.category in POINT_CATEGORIES
        and _headline_tells_another_moment(features.category)
    ):
        # Nor is a moment a headline tells ("Property dealer shot dead in Azamgarh city") the arrests or the trial of
        # an incident in another town that both sides place surely, whose moment no report of it told.
        return None
    # The death of someone it hurt, days later, follows whatever kind of moment it was read as: "Woman burned in
    # Uribia fuel fire dies", after "Blast and fire at Uribia house" (a bombing's word); the details decide.
    if _other_kind_on_another_day(features, summary) and not _a_death_after(features, summary):
        return None
    if _moment_after_its_follow_up(features, summary):
        return None
    day_ev = _point_event_day_evidence(features, summary, config, common)
    if day_ev.get("point_event_day") == "other" and not (
        principal_ev.get("principal") == "named"
        and not _headline_tells_another_moment(features.category)
        and not features.lead_tells_an_earlier_moment
    ):
        # Another day's moment, unless both are about the same person: a bond hearing or a vigil days later tells its
        # own details (the suspect, his lawyer; the mourners), not the shooting's, but names its victim as the
        # shooting's reports do. Not when its headline tells a moment of its own ("Teen shot on the same block where
        # Darnell Whitfield was killed" names the earlier victim too), nor when its lead says it came after another
        # (two crashes' victims surnamed Khan, "four days after six people died in a collision on the same road").
        return None
    if (
        not _follow_up_of_its_day(features, summary)
        and _other_scene((features.streets, features.category.category), _scene_of(summary))
        # Traffic sent down the incident's street ("diverted from the Fish Harbour Road") was sent round its scene.
        and features.diverted_streets.isdisjoint(summary.get("streets") or ())
    ):
        return None
    if _streets_named_as_another_incidents(features, summary):
        return None
    if _other_premises_burned((features.premises, features.category.category), _premises_of(summary)):
        return None
    place = _place_summary(features.place)
    if _another_place_taken(features.category.category, [place] if place else [], summary, config):
        return None
    details_score, details_ev = _details_evidence(features, summary, config)
    if (
        place_ev["place"] == "other_town_mentions_incident_town"
        and details_ev.get("details") == "disjoint"
        and features.category.category in POINT_CATEGORIES
        and summary["category"] in POINT_CATEGORIES
    ):
        # Two moments in two towns placed surely, and none of the details either gives is the other's: the incident's
        # town the report names is where the wounded were taken, its dateline or its state's capital ("An illegal
        # refinery exploded in Rumuekpe, Emohua; the burnt were taken to hospitals in Port Harcourt" against a tanker
        # fire in Port Harcourt the same day).
        return None
    if time_score < 0.0 and (
        _reads_as_a_follow_up(features.category)
        or (
            _weeks_or_years_apart(time_ev)
            and principal_ev.get("principal") == "named"
            and time_ev["time"] == "days_apart"
        )
    ):
        # What follows an incident comes days, weeks or years after it (the arrest, the trial, the death of the
        # wounded), and weeks later a report about the incident's own principal person is still of its story. Not
        # years later: a story of one year names the people of the last years' (ECB+: two years' Oscar hosts, each
        # report naming the other host).
        time_score, time_ev = 0.0, {**time_ev, "long_after": True}
    score = (
        config.w_text * text_cos
        + config.w_names * names_cos
        + place_score
        + time_score
        + actor_score
        + category_score
        + details_score
        + principal_score
    )
    evidence = {
        "text_cosine": round(text_cos, 3),
        **({"own_text_cosine": round(own_cos, 3)} if trimmed else {}),
        "names_cosine": round(names_cos, 3),
        **place_ev,
        **time_ev,
        **actor_ev,
        **category_ev,
        **day_ev,
        **details_ev,
        **principal_ev,
    }
    return score, evidence


def _principal_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    """The person the report is about against the people the incident's reports are about: each side naming the
    other's is support, neither naming the other's a strong sign of two incidents ("Matt Smith named the new Doctor",
    "Peter Capaldi named the new Doctor" name each other's; "Reggie Bush" and "Pierre Thomas" injured do not)."""
    theirs = summary.get("principals")
    if not theirs or not features.principals:
        return 0.0, {}
    persons = summary.get("persons") or ()
    here = any(_surname_in(p, features.words, as_part=False) for p in theirs)
    there = any(_surname_in(p, persons) or _surname_in(p, theirs) for p in features.principals)
    if here and (there or (_reads_as_a_follow_up(features.category) and not features.headline_denies_a_link)):
        # A follow-up is about someone new (the suspect arrested, the man on trial), whom the incident's first
        # reports could not name: naming the incident's own person (the victim) is as much as both ways. Not one
        # whose headline says its incident is not linked to another: it names the other's people to set them apart
        # ("In the first case, Cody James Ralston, 29, is charged with stabbing a 41-year-old man behind the Silver
        # Spur Bar").
        return config.w_principal_named, {"principal": "named"}
    if here or there:
        return config.w_principal_unnamed_one_way, {"principal": "unnamed_one_way"}
    return config.w_principals_apart, {"principal": "apart", "article_principal": sorted(features.principals)}


def _surname_in(surname: str, names: Collection[str], *, as_part: bool = True) -> bool:
    """Whether `names` holds the surname, or one part of it when it is a double surname, or (`as_part`: `names` are
    surnames) one of theirs holds it as a part: the second of a Spanish double surname is often dropped ("Ramón
    Esquivel-Duarte", later "Ramon Esquivel"). Not a part of any hyphenated word: "Effia" of "Effia-Kwesimintsim"."""
    if surname in names:
        return True
    if "-" in surname and any(part in names for part in surname.split("-") if len(part) > 2):
        return True
    return as_part and any(surname in name.split("-") for name in names if "-" in name)


def _details_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig
) -> tuple[float, dict[str, Any]]:
    """A penalty when the report and the incident each name a few details (text.details) and none in common."""
    theirs = summary.get("details")
    if not theirs or len(theirs) < config.min_details or len(features.details) < config.min_details:
        return 0.0, {}
    agreement = textmod.cosine(features.details, theirs)
    if agreement == 0.0:
        return config.w_details_disjoint, {"details": "disjoint"}
    return 0.0, {}


def _point_event_day_evidence(
    features: ArticleFeatures, summary: dict[str, Any], config: MatchConfig, common: AbstractSet[str] = frozenset()
) -> dict[str, Any]:
    """Two moment-like incidents on different days are two (a veto), unless the details they name agree.

    Only days both sides name in their leads count (a publication day says nothing), and the report may name the
    incident's day among others ("charged on Thursday in Tuesday's shooting"). Details: whole names and numbers,
    places left out (text.details).
    """
    if "details" not in summary:
        return {}
    agreement = _details_agreement_of_other_moments(
        (features.firm_days, features.firm_weekdays, features.category.category, features.details),
        _moment_of(summary),
        common,
    )
    if agreement is None:
        return {}
    # A report of one kind of moment whose lead names, against its own publication day, other calendar days than
    # the incident's tells of another moment, whatever details they share (the same detective, the same road);
    # unless it reads as a follow-up too ("Suspect in Dayton shooting appears in court": "trial" the runner-up). So
    # does one whose headline names a moment of another kind than the incident's headlines did (a hold-up days after
    # a shooting): the details rescue a follow-up, not another moment. A headline that tells its kind makes its
    # runner-up follow-up count only from the headline: "two accused were arrested on Wednesday" in a fuel station
    # hold-up's report is a stabbing's arrest, and "Man shot while sitting in car on Pio Nono Avenue" is no follow-up
    # for an arrest its body names (another shooting's suspect).
    # Weekdays alone, or days read against a dateline's date (blogs, archives), are looser.
    mine, theirs = features.category.category, summary["category"]
    follow_up_too = features.category.runner_up in FOLLOW_UP_CATEGORIES and (
        features.category.runner_up_in_headline or not features.category.headline_says_so
    )
    one_kind_on_two_dates = (
        (
            (mine == theirs and not follow_up_too)
            or (
                features.category.headline_says_so
                and bool(summary.get("category_clear"))
                and _other_kind_of_moment(mine, theirs)
                and not follow_up_too
            )
        )
        and features.published_day is not None
        and bool(features.firm_days)
        and bool(summary.get("firm_days"))
    )
    # Nor does a report that tells another moment of the incident's kind ("Driver grazed by bullet in another I-94
    # freeway shooting"; "Man wounded in west Charlotte shooting; police say not connected to Beatties Ford
    # homicide", whose background retells the homicide's street and victim; "The shooting came one day after a man was
    # killed in a separate shooting on Vine Street. Police have not connected the two."), whatever it reads as besides.
    another_of_its_kind = features.tells_another_moment and mine == theirs
    # A death of someone the incident hurt, told on days after the incident's, is a follow-up whatever its lead
    # recalls ("no evidence linking the killing to Monday's shooting"): the details say which moment it follows.
    death_after = _a_death_after(features, summary)
    agree = agreement >= config.details_corroborate and (
        death_after or (not one_kind_on_two_dates and not another_of_its_kind)
    )
    return {"point_event_day": "other_but_details_agree" if agree else "other", "details_cosine": round(agreement, 3)}


def _score_bucket(
    bucket: dict[str, Any], features: ArticleFeatures, config: MatchConfig
) -> list[tuple[float, str, dict[str, Any]]]:
    """Candidates of the key, best first (ties: older incident first, for determinism).

    An incident none of whose heaviest terms the article uses cannot reach the threshold on text, and the evidence
    terms alone never add up to it: skipping it (a C-level set test) keeps the cost flat in the number of incidents.
    """
    scored = []
    article_terms = features.vector.keys()
    compared = [(iid, summary) for iid, summary in bucket.items() if not article_terms.isdisjoint(summary["top"])]
    # The article's details that several compared incidents name too: the police spokesperson, the tip line or the
    # coroner's office every report from a town names tell nothing about which incident it is.
    summaries = [summary for _, summary in compared]
    common = details_named_by_many(summaries, config, among=features.details.keys())
    own_text = _OwnText.of(features.vector, summaries, len(bucket), config)
    for incident_id, summary in compared:
        result = _score_one(features, summary, config, common, own_text)
        if result is not None:
            scored.append((result[0], incident_id, result[1]))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored


# --- incident records --------------------------------------------------------------------------------------------


def _report(tagged: TaggedArticle, verdict: Verdict) -> ReportRef:
    article = tagged.article
    return ReportRef(
        article_id=article.id,
        source=article.source,
        url=article.url,
        published_at=article.published_at.isoformat() if article.published_at else article.published_raw,
        verdict=verdict,
    )


def _headline(tagged: TaggedArticle) -> str | None:
    article = tagged.article
    if article.title.strip():
        return article.title.strip()[:300]
    first_line = article.body.strip().split("\n", 1)[0]
    return first_line[:200] or None


def _actor_records(tagged: TaggedArticle) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for actor in tagged.actors:
        if not actor.get("resolved") and actor["kind"] not in ("person", "organization", "armed_group"):
            continue
        key = actor.get("actor_id") or actor.get("wikidata") or actor["name"].casefold()
        if key and key not in out:
            out[key] = {
                "name": actor["name"],
                "kind": actor["kind"],
                "code": actor.get("code"),
                "country_code": actor.get("country_code"),
                "actor_id": actor.get("actor_id"),
            }
    return list(out.values())


def _seen_time(tagged: TaggedArticle, features: ArticleFeatures) -> str | None:
    if tagged.article.published_at is not None:
        return tagged.article.published_at.isoformat()
    return features.event_date.day.isoformat() if features.event_date.day else None


def _place_summary(place: Location | None) -> dict[str, Any] | None:
    if place is None or place.get("geonameid") is None:
        return None
    return {
        "id": place["geonameid"],
        "name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "a1": place.get("admin1_code"),
        "prec": place.get("precision"),
        "conf": place.get("confidence", 1.0),
        "fc": place.get("feature_class"),
    }


def _new_summary(features: ArticleFeatures, article_id: str, config: MatchConfig) -> dict[str, Any]:
    place = _place_summary(features.place)
    return {
        "vector": features.vector,
        "top": _top_keys(features.vector, config.prefilter_terms),
        "names": features.names,
        "details": features.details,
        "count": 1,
        **_voted_category({"category": GENERIC}, features),
        "first_day": features.day,
        "last_day": features.day,
        "firm_days": _firm_event_day(features),
        "firm_weekdays": _firm_event_weekdays(features),
        "streets": sorted(features.streets),
        "premises": sorted(features.premises),
        "latest_year": features.latest_year,
        "years": _years_kept(features.years, config),
        "places": [place] if place else [],
        "others": sorted(features.other_incident_places)[: config.max_places],
        "actors": sorted(features.actor_keys)[: config.max_actor_keys],
        "codes": sorted(features.actor_codes)[: config.max_actor_keys],
        "principals": sorted(features.principals),
        "persons": sorted(features.persons),
        "members": [article_id],
        "quiet_days": config.quiet_days,
        **({"roundup": True} if features.tells_a_roundup else {}),
    }


def _update_summary(
    summary: dict[str, Any], features: ArticleFeatures, article_id: str, config: MatchConfig
) -> dict[str, Any]:
    count = int(summary["count"])
    updated = dict(summary)
    updated["vector"] = textmod.merge_centroid(summary["vector"], count, features.vector, config.centroid_terms)
    updated["top"] = _top_keys(updated["vector"], config.prefilter_terms)
    updated["names"] = textmod.merge_centroid(summary["names"], count, features.names, config.centroid_terms)
    updated["details"] = textmod.merge_centroid(
        summary.get("details") or {}, count, features.details, config.max_detail_terms
    )
    updated["count"] = count + 1
    updated.update(_voted_category(summary, features))
    if features.day is not None:
        updated["first_day"] = features.day if summary["first_day"] is None else min(summary["first_day"], features.day)
        updated["last_day"] = features.day if summary["last_day"] is None else max(summary["last_day"], features.day)
    updated["latest_year"] = _max_or_none(summary.get("latest_year"), features.latest_year)
    updated["years"] = _years_kept(set(summary.get("years") or ()) | features.years, config)
    # The incident's day is the one its first dated report gave: a later follow-up's own news day is not.
    updated["firm_days"] = summary.get("firm_days") or _firm_event_day(features)
    updated["firm_weekdays"] = summary.get("firm_weekdays") or _firm_event_weekdays(features)
    # Likewise its scene: the streets its first report to name any gave (a follow-up may add where the arrest was).
    updated["streets"] = summary.get("streets") or sorted(features.streets)
    updated["premises"] = summary.get("premises") or sorted(features.premises)
    place = _place_summary(features.place)
    if place and all(p["id"] != place["id"] for p in summary["places"]) and len(summary["places"]) < config.max_places:
        updated["places"] = [*summary["places"], place]
    updated["others"] = _kept_first(summary.get("others"), features.other_incident_places, config.max_places)
    updated["actors"] = sorted(set(summary["actors"]) | features.actor_keys)[: config.max_actor_keys]
    updated["codes"] = sorted(set(summary["codes"]) | features.actor_codes)[: config.max_actor_keys]
    updated["principals"] = _kept_first(summary.get("principals"), features.principals, config.max_principals)
    updated["persons"] = _kept_first(summary.get("persons"), features.persons, config.max_persons)
    # Members are listed for cleanup on close; past the cap the oldest are forgotten (their LSH entries age out).
    updated["members"] = [*summary["members"], article_id][-config.max_reports_listed :]
    return updated


def _kept_first(kept: Iterable[str] | None, added: Iterable[str], limit: int) -> list[str]:
    """The incident's names, then the new ones (sorted, for determinism), up to `limit`: the first reports' stay."""
    names = list(kept or ())
    names.extend(sorted(set(added).difference(names)))
    return names[:limit]


def _firm_event_day(features: ArticleFeatures) -> list[int]:
    """The earliest day the report's lead names: a follow-up names its own news first ("on Thursday named the man
    shot dead on Tuesday"), the incident before it. Empty when the lead names none (a publication-day fallback)."""
    return [min(features.firm_days)] if features.firm_days else []


def _firm_event_weekdays(features: ArticleFeatures) -> list[int]:
    """The firm day's weekday; with no day resolved (no publication date), every weekday the lead names, since
    which of them came first cannot be told."""
    if features.firm_days:
        return [date.fromordinal(min(features.firm_days)).weekday()]
    return sorted(features.firm_weekdays)


def _category_vote(features: ArticleFeatures) -> tuple[str, int]:
    """A report whose headline names what happened says it twice as firmly as one whose body hints at it."""
    return features.category.category, (2 if features.category.headline_says_so else 1)


def _voted_category(summary: dict[str, Any], features: ArticleFeatures) -> dict[str, Any]:
    """The incident's category is its reports' weighted majority, so one early, atypical report cannot fix it.

    It counts as clear (named by a headline) when some report's headline named it or a compatible kind: a strike
    on a convoy stays clearly a strike when body-only reports tip the vote from "attack" to "air strike".
    """
    votes: dict[str, int] = dict(summary.get("category_votes") or {})
    headlined: list[str] = list(summary.get("headline_categories") or [])
    category, weight = _category_vote(features)
    if category != GENERIC:
        votes[category] = votes.get(category, 0) + weight
        if features.category.headline_says_so and category not in headlined:
            headlined.append(category)
    if not votes:
        return {"category_votes": {}, "headline_categories": [], "category": GENERIC, "category_clear": False}
    # Ties keep the category the incident already had, so a record's category does not flip back and forth.
    winner = max(votes, key=lambda c: (votes[c], c == summary["category"]))
    # Not an armed clash, though a moment for the day rule: the fighting before a withdrawal is its background.
    moments = [c for c in votes if c in POINT_CATEGORIES - {"armed_clash"} and relation(c, winner) == "compatible"]
    if winner not in POINT_CATEGORIES and moments:
        # The arrests, charges and deaths reported after a stabbing outnumber its first reports; it stays a stabbing.
        winner = max(moments, key=lambda c: (votes[c], c == summary["category"]))
    clear = any(relation(c, winner) in ("same", "compatible") for c in headlined)
    return {"category_votes": votes, "headline_categories": headlined, "category": winner, "category_clear": clear}


def _top_keys(vector: dict[str, float], limit: int) -> list[str]:
    return [t for t, _ in sorted(vector.items(), key=itemgetter(1), reverse=True)[:limit]]


def _max_or_none(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _store_bucket(
    state: IncidentState, key: str, bucket: OpenIncidents, config: MatchConfig, last_day: int | None
) -> None:
    """Write the key's summaries back; past `max_open_per_key` the least recently active incident is closed early."""
    evicted = False
    while len(bucket) > config.max_open_per_key:
        oldest = min(bucket, key=lambda iid: (bucket[iid]["last_day"] or 0, bucket[iid]["count"], iid))
        _close(state, oldest, bucket.pop(oldest), key, config.max_closed_per_key)
        evicted = True
    stored = state.buckets.get(key)
    previous = stored.get("oldest") if stored and not evicted else _oldest(bucket)
    days = [d for d in (previous, last_day) if d is not None]
    store_open_incidents(state, key, bucket, min(days) if days else None)


def _create(ctx: _Context, incident_id: str, tagged: TaggedArticle, features: ArticleFeatures) -> list[dict[str, Any]]:
    state, key, bucket, config = ctx.state, ctx.key, ctx.bucket, ctx.config
    seen = _seen_time(tagged, features)
    record: dict[str, Any] = {
        "incident_id": incident_id,
        "status": "created",
        "version": 1,
        "first_seen": seen,
        "last_seen": seen,
        "event_location": tagged.event_location,
        "actors": _actor_records(tagged),
        "report_count": 1,
        "reports": [_report(tagged, "new_incident")],
        "headline": _headline(tagged),
        "category": features.category.category,
        "event_date": features.event_date.day.isoformat() if features.event_date.day else None,
        "merged_into": None,
        "candidate_key": key,
    }
    bucket[incident_id] = _new_summary(features, tagged.article.id, config)
    _store_bucket(state, key, bucket, config, features.day)
    state.incidents[incident_id] = {"record": record, "key": key}
    return [record]


def _join(
    ctx: _Context, incident_id: str, tagged: TaggedArticle, features: ArticleFeatures, verdict: Verdict
) -> list[dict[str, Any]]:
    state, key, bucket, config = ctx.state, ctx.key, ctx.bucket, ctx.config
    bucket[incident_id] = _update_summary(bucket[incident_id], features, tagged.article.id, config)
    _store_bucket(state, key, bucket, config, features.day)
    entry = state.incidents[incident_id]
    record = dict(entry["record"])
    seen = _seen_time(tagged, features)
    # An incident merged into one of another key (reconcile.py) goes on taking its key's reports: its records stay
    # `merged`, and each sends its reports on to the survivor (reconcile.folds_of).
    record["status"] = "merged" if record.get("merged_into") else "updated"
    record["version"] = int(record["version"]) + 1
    if seen is not None:
        widen_seen(record, seen, seen)
    if record["event_location"] is None and tagged.event_location is not None:
        record["event_location"] = tagged.event_location
    known = {(a.get("actor_id") or a["name"].casefold()) for a in record["actors"]}
    extra = [a for a in _actor_records(tagged) if (a.get("actor_id") or a["name"].casefold()) not in known]
    record["actors"] = (record["actors"] + extra)[: config.max_actor_keys]
    record["report_count"] = int(record["report_count"]) + 1
    record["reports"] = [*record["reports"], _report(tagged, verdict)][-config.max_reports_listed :]
    record["category"] = bucket[incident_id]["category"]
    if record["event_date"] is None and features.event_date.day is not None:
        record["event_date"] = features.event_date.day.isoformat()
    if not record["headline"]:
        record["headline"] = _headline(tagged)
    state.incidents[incident_id] = {"record": record, "key": key}
    return [record]


def _remember(
    ctx: _Context, tagged: TaggedArticle, features: ArticleFeatures, verdict: DedupVerdict, incident_id: str
) -> None:
    state, key, config = ctx.state, ctx.key, ctx.config
    article_id = tagged.article.id
    state.lsh.add(
        key,
        features.bands,
        article_id,
        open_incidents=ctx.bucket,
        articles=state.articles,
        max_ids_per_band=config.max_ids_per_lsh_band,
    )
    state.articles[article_id] = {
        "incident_id": incident_id,
        "verdict": verdict["verdict"],
        "duplicate_of": verdict["duplicate_of"],
        "score": verdict["score"],
        "evidence": verdict["evidence"],
        "fingerprint": features.fingerprint,
        "signature": textmod.encode_signature(features.signature),
        "bands": features.bands,
        "key": key,
    }


# --- merges ------------------------------------------------------------------------------------------------------


def _maybe_merge(
    ctx: _Context, scored: list[tuple[float, str, dict[str, Any]]], features: ArticleFeatures
) -> tuple[str, list[dict[str, Any]]]:
    """When a report matches two open incidents strongly and they match each other, they were one: fold them.

    The survivor is the incident with more reports (then the older, then the smaller id), so a replay picks the same.
    """
    state, bucket, config = ctx.state, ctx.bucket, ctx.config
    best_id = scored[0][1]
    # An incident merged into one of another key (reconcile.py) is merged with none of its own key.
    strong = [
        iid
        for s, iid, _ in scored[1:]
        if s >= config.merge_threshold and iid != best_id and "merged_into" not in bucket[iid]
    ]
    if (
        scored[0][0] < config.merge_threshold
        or not strong
        or "merged_into" in bucket[best_id]
        or features.denies_a_link
    ):
        return best_id, []
    records: list[dict[str, Any]] = []
    survivor = best_id
    common = details_named_by_many([bucket[iid] for _, iid, _ in scored if iid in bucket], config)
    for other_id in strong:
        if other_id not in bucket or survivor not in bucket:
            continue
        if summary_similarity(bucket[survivor], bucket[other_id], config, common) < config.match_threshold:
            continue
        survivor, absorbed = _pick_survivor(state, survivor, other_id)
        records.extend(_merge(ctx, survivor, absorbed))
    return survivor, records


def details_named_by_many(
    summaries: Iterable[Mapping[str, Any]], config: MatchConfig, among: AbstractSet[str] | None = None
) -> frozenset[str]:
    """Details `common_detail_incidents` or more of `summaries` name (of those `among`, when given): the tip line, the
    detective every report of the district quotes. Two incidents on two days sharing only those are not one."""
    if among is None:
        named = Counter(term for summary in summaries for term in summary.get("details") or ())
    else:
        named = Counter(term for summary in summaries for term in among & (summary.get("details") or {}).keys())
    return frozenset(term for term, incidents in named.items() if incidents >= config.common_detail_incidents)


def summary_similarity(
    a: Mapping[str, Any], b: Mapping[str, Any], config: MatchConfig, common: AbstractSet[str] = frozenset()
) -> float:
    """How alike two incidents' summaries are (a merge test): 0 when their days, kinds, moments or scenes differ.
    `common`: details too common among the incidents compared to corroborate a moment (`details_named_by_many`)."""
    if a.get("roundup") or b.get("roundup"):
        return 0.0
    if a["first_day"] is not None and b["first_day"] is not None:
        gap = max(0, max(a["first_day"], b["first_day"]) - min(a["last_day"], b["last_day"]))
        if gap > config.quiet_days:
            return 0.0
    if relation(a["category"], b["category"]) == "conflict":
        return 0.0
    agreement = _details_agreement_of_other_moments(_moment_of(a), _moment_of(b), common)
    if agreement is not None and (a["category"] == b["category"] or agreement < config.details_corroborate):
        # A round-up naming two shootings on two days does not make them one; nor do a detective and a road they
        # share: two incidents of one kind, each founded by a report naming its own day, are two moments.
        return 0.0
    if _two_moments_headlined(a, b):
        return 0.0
    if _other_kinds_on_other_days((a["category"], a.get("firm_days")), (b["category"], b.get("firm_days"))):
        return 0.0
    if _other_scene(_scene_of(a), _scene_of(b)):
        return 0.0
    if _other_premises_burned(_premises_of(a), _premises_of(b)):
        return 0.0
    if _another_place_taken(a["category"], a.get("places") or (), b, config):
        return 0.0
    if _names_as_another_incidents(a.get("others"), b.get("places") or ()) or _names_as_another_incidents(
        b.get("others"), a.get("places") or ()
    ):
        # A report of one told of the other as another incident ("not connected to the stabbing in Woodridge").
        return 0.0
    return config.w_text * textmod.cosine(a["vector"], b["vector"]) + config.w_names * textmod.cosine(
        a["names"], b["names"]
    )


def cross_key_similarity(
    a: Mapping[str, Any], b: Mapping[str, Any], config: MatchConfig, common: AbstractSet[str] = frozenset()
) -> float:
    """`summary_similarity` of two incidents of two keys, less `w_place_conflict` when they are moments
    (POINT_CATEGORIES) whose towns lie apart.

    Within a key each report's place already weighed on its join (`_place_evidence`); across keys nothing else
    compares the places: a strike on a house in Bint Jbeil and rockets on Kiryat Shmona the same day, 16 km apart
    across the border, are two incidents however alike the wording. An earthquake is not a moment at a point: one
    outlet places it where it was felt (Dubai), another at its epicentre."""
    similarity = summary_similarity(a, b, config, common)
    if (
        similarity > 0.0
        and a["category"] in POINT_CATEGORIES
        and b["category"] in POINT_CATEGORIES
        and _towns_apart_within_reach(a.get("places") or (), b.get("places") or (), config)
    ):
        similarity += config.w_place_conflict
    return similarity


def _towns_apart_within_reach(
    places: Iterable[Mapping[str, Any]], other_places: Iterable[Mapping[str, Any]], config: MatchConfig
) -> bool:
    """Towns placed surely on both sides, none shared, the nearest pair further than `near_km` and within
    `cross_key_reach_km`."""
    mine = [p for p in places if _confident_town(p, config) and p.get("lat") is not None]
    theirs = [p for p in other_places if _confident_town(p, config) and p.get("lat") is not None]
    if not mine or not theirs or {p["id"] for p in mine} & {p["id"] for p in theirs}:
        return False
    nearest = min(great_circle_km(p["lat"], p["lon"], q["lat"], q["lon"]) for p in mine for q in theirs)
    return config.near_km < nearest <= config.cross_key_reach_km


def _two_moments_headlined(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two incidents whose headlines told moments of two kinds (`_other_kind_of_moment`) on days their leads named
    apart: a village attack on Friday and a bus hitting a bomb on Saturday, whatever the region's details they share,
    as a report whose headline tells another moment does not join an incident (`_score_one`)."""
    days, other_days = a.get("firm_days"), b.get("firm_days")
    return bool(
        a.get("category_clear")
        and b.get("category_clear")
        and _other_kind_of_moment(a["category"], b["category"])
        and days
        and other_days
        and set(days).isdisjoint(other_days)
    )


# Days a lead named (ordinals), their weekdays, category, details.
_MomentSide = tuple[Collection[int] | None, Collection[int] | None, str, Mapping[str, float]]
_SceneSide = tuple[Collection[str] | None, str]  # street ids, category
_PremisesSide = tuple[Collection[str] | None, str]  # kinds of premises burned, category


def _a_death_after(features: ArticleFeatures, summary: Mapping[str, Any]) -> bool:
    """A report of the death of someone an incident hurt, on days its lead names after all of the incident's."""
    return features.tells_a_death and _all_after(features.firm_days, summary.get("firm_days"))


# Follow-ups that come after the moment they are for (a death may be the moment itself).
_COME_AFTER_WHAT_THEY_ARE_FOR = FOLLOW_UP_CATEGORIES - {"death"}


def _moment_after_its_follow_up(features: ArticleFeatures, summary: Mapping[str, Any]) -> bool:
    """A moment its headline tells (a fire, a shooting) on days its lead names after all of an arrest's or a trial's:
    an arrest comes after what it is for, so "Five fibre boats gutted in fire at Akkaraipettai" on Friday is not the
    navy's arrest of Akkaraipettai fishermen on Sunday, however many names the two share. Not a death (the wounded
    die after the arrest), nor a report that reads as a follow-up too."""
    category = features.category
    return (
        summary["category"] in _COME_AFTER_WHAT_THEY_ARE_FOR
        and category.category in POINT_CATEGORIES
        and category.headline_says_so
        # The headline says what it tells, so only a follow-up it names too counts ("arrest" in a fire's body is
        # the navy's, told as background).
        and not _reads_as_a_follow_up(category)
        and not features.tells_a_death
        and _all_after(features.firm_days, summary.get("firm_days"))
    )


def _all_after(days: Collection[int], earlier: Collection[int] | None) -> bool:
    """Whether every one of `days` comes after every one of `earlier` (both named)."""
    return bool(days) and bool(earlier) and min(days) > max(earlier or ())


def _moment_of(summary: Mapping[str, Any]) -> _MomentSide:
    """An incident summary as one side of the day rule (summaries written before these keys lack them)."""
    return summary.get("firm_days"), summary.get("firm_weekdays"), summary["category"], summary.get("details") or {}


def _scene_of(summary: Mapping[str, Any]) -> _SceneSide:
    return summary.get("streets"), summary["category"]


def _details_agreement_of_other_moments(
    one: _MomentSide, other: _MomentSide, common: AbstractSet[str] = frozenset()
) -> float | None:
    """The cosine of the two sides' details when they are a moment-like incident (POINT_CATEGORIES) and a report of
    it or of what followed from it (the arrest after a shooting: a compatible kind), both on days a lead named, and
    no day in common (no weekday in common when a side's days did not resolve); None when the sides are not that
    (the day rule does not apply). The `common` details are left out of both sides, only once the rule applies: most
    pairs compared are not moments on two days, and renormalising their details was a tenth of `decide`'s time."""
    (days, weekdays, category, details), (other_days, other_weekdays, other_category, other_details) = one, other
    if days and other_days:
        apart = set(days).isdisjoint(other_days)
    elif weekdays and other_weekdays:
        apart = set(weekdays).isdisjoint(other_weekdays)
    else:
        return None
    if not (
        apart
        and (category in POINT_CATEGORIES or other_category in POINT_CATEGORIES)
        and relation(category, other_category) in ("same", "compatible")
    ):
        return None
    return textmod.cosine(textmod.without(details, common), textmod.without(other_details, common))


def _another_place_taken(
    category: str, places: Iterable[Mapping[str, Any]], summary: Mapping[str, Any], config: MatchConfig
) -> bool:
    """Captures of towns (place summaries `places`) against an incident of the capture of others: the place is what
    was taken, so two towns taken, however near, are two incidents ("Russian forces liberate Gornyak", three days
    after the same ministry's Tsukurino next to it). Towns placed at least `min_place_confidence`, none shared."""
    if category != "capture" or summary["category"] != "capture":
        return False
    mine = {p["id"] for p in places if _confident_town(p, config)}
    theirs = {p["id"] for p in summary.get("places") or () if _confident_town(p, config)}
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _confident_town(place: Mapping[str, Any], config: MatchConfig) -> bool:
    return place.get("prec") in ("city", None) and _placed_surely(place, config.min_place_confidence)


def _follow_up_of_its_day(features: ArticleFeatures, summary: Mapping[str, Any]) -> bool:
    """The report reads as a follow-up too (an arrest, a trial, a death its runner-up kind, or its headline tells the
    death of someone an incident hurt) and its lead names the incident's day: its streets may be where the arrest
    was ("arrested him at an apartment near Quindaro Boulevard") or where the suspects ran ("ran off in the direction
    of Buckingham Road"), not the scene, which may be a street with no street word ("Queensway")."""
    return (
        features.category.runner_up in FOLLOW_UP_CATEGORIES or features.tells_a_death
    ) and not features.firm_days.isdisjoint(summary.get("firm_days") or ())


def _streets_named_as_another_incidents(features: ArticleFeatures, summary: Mapping[str, Any]) -> bool:
    """The report names the incident's streets only where it tells of another incident, and none of them as its own:
    "Tate is not a suspect in Friday morning's robbery of a gas station on Montgomery Cross Road" is no report of
    that robbery, however alike the two are told (a street's counterpart of `named_as_another_incidents`)."""
    theirs = summary.get("streets") or ()
    return (
        bool(theirs)
        and bool(features.streets)
        and not features.other_incident_streets.isdisjoint(theirs)
        and features.streets.isdisjoint(theirs)
    )


def _other_premises_burned(one: _PremisesSide, other: _PremisesSide) -> bool:
    """Two fires whose headlines name premises of other kinds (the incident's, its first headline to name any): "Seven
    thatched huts gutted in Dummulapeta blaze" is not the "Major fire in wholesale godown at Jagannaickpur" of the same
    night in the same city, however alike the fire service tells the two. Only where both sides are fires: a
    follow-up ("Arrest over godown fire") or a round-up is not judged by it. Sides: (premises, category)."""
    (premises, category), (other_premises, other_category) = one, other
    return bool(
        premises
        and other_premises
        and category == "fire"
        and other_category == "fire"
        and set(premises).isdisjoint(other_premises)
    )


def _premises_of(summary: Mapping[str, Any]) -> _PremisesSide:
    return summary.get("premises"), summary["category"]


def _other_scene(one: _SceneSide, other: _SceneSide) -> bool:
    """Two moments (POINT_CATEGORIES) on streets none of which the other names: two shootings in one town on one day
    ("Hoover Avenue", "Salem Avenue"). Of two kinds too: a shooting on Central Avenue is not the gas station robbery
    on W.T. Harris Blvd., though a robbery and a shooting are kinds news tells together. Sides: (street ids,
    category)."""
    (streets, category), (other_streets, other_category) = one, other
    return bool(
        streets
        and other_streets
        and category in POINT_CATEGORIES
        and other_category in POINT_CATEGORIES
        and set(streets).isdisjoint(other_streets)
    )


def _pick_survivor(state: IncidentState, a: str, b: str) -> tuple[str, str]:
    def rank(incident_id: str) -> tuple[int, str, str]:
        record = state.incidents[incident_id]["record"]
        return (-int(record["report_count"]), record["first_seen"] or "", incident_id)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def _merge(ctx: _Context, survivor: str, absorbed: str) -> list[dict[str, Any]]:
    state, key, bucket, config = ctx.state, ctx.key, ctx.bucket, ctx.config
    kept, gone = bucket[survivor], bucket.pop(absorbed)
    merged = dict(kept)
    total = int(kept["count"]) + int(gone["count"])
    merged["vector"] = _weighted_centroid(
        kept["vector"], int(kept["count"]), gone["vector"], int(gone["count"]), config
    )
    merged["top"] = _top_keys(merged["vector"], config.prefilter_terms)
    merged["names"] = _weighted_centroid(kept["names"], int(kept["count"]), gone["names"], int(gone["count"]), config)
    merged["count"] = total
    days = [d for d in (kept["first_day"], kept["last_day"], gone["first_day"], gone["last_day"]) if d is not None]
    merged["first_day"], merged["last_day"] = (min(days), max(days)) if days else (None, None)
    merged["latest_year"] = _max_or_none(kept.get("latest_year"), gone.get("latest_year"))
    merged["years"] = _years_kept(set(kept.get("years") or ()) | set(gone.get("years") or ()), config)
    merged["places"] = (kept["places"] + [p for p in gone["places"] if p not in kept["places"]])[: config.max_places]
    merged["actors"] = sorted(set(kept["actors"]) | set(gone["actors"]))[: config.max_actor_keys]
    merged["codes"] = sorted(set(kept["codes"]) | set(gone["codes"]))[: config.max_actor_keys]
    merged["principals"] = _kept_first(kept.get("principals"), gone.get("principals") or (), config.max_principals)
    merged["persons"] = _kept_first(kept.get("persons"), gone.get("persons") or (), config.max_persons)
    merged["members"] = (kept["members"] + gone["members"])[-config.max_reports_listed :]
    bucket[survivor] = merged
    _store_bucket(state, key, bucket, config, merged["last_day"])
    # Articles of the absorbed incident now answer with the survivor on replay.
    for article_id in gone["members"]:
        entry = state.articles.get(article_id)
        if entry is not None:
            state.articles[article_id] = {**entry, "incident_id": survivor}
    survivor_record = dict(state.incidents[survivor]["record"])
    absorbed_record = dict(state.incidents[absorbed]["record"])
    survivor_record["status"] = "updated"
    survivor_record["version"] = int(survivor_record["version"]) + 1
    survivor_record["report_count"] = int(survivor_record["report_count"]) + int(absorbed_record["report_count"])
    reports = survivor_record["reports"] + absorbed_record["reports"]
    survivor_record["reports"] = reports[-config.max_reports_listed :]
    widen_seen(survivor_record, absorbed_record["first_seen"], absorbed_record["last_seen"])
    survivor_record["merged_from"] = sorted({*survivor_record.get("merged_from", []), absorbed})
    if "folded_counts" in absorbed_record:  # reports of incidents of other keys (reconcile.py) go with the rest
        survivor_record["folded_counts"] = {
            **survivor_record.get("folded_counts", {}),
            **absorbed_record["folded_counts"],
        }
    absorbed_record["status"] = "merged"
    absorbed_record["version"] = int(absorbed_record["version"]) + 1
    absorbed_record["merged_into"] = survivor
    state.incidents[survivor] = {"record": survivor_record, "key": key}
    # The absorbed record stays (small) so replays and late lookups can follow `merged_into`; it closes with the key.
    state.incidents[absorbed] = {"record": absorbed_record, "key": key}
    return [absorbed_record, survivor_record]


def widen_seen(record: dict[str, Any], first: str | None, last: str | None) -> None:
    """Widen a record's `first_seen` / `last_seen` to cover `first` and `last` (either may be None)."""
    for bound, pick, value in (("first_seen", min, first), ("last_seen", max, last)):
        values = [v for v in (record.get(bound), value) if v]
        record[bound] = pick(values) if values else None


def _weighted_centroid(
    a: dict[str, float], a_count: int, b: dict[str, float], b_count: int, config: MatchConfig
) -> dict[str, float]:
    merged = {t: w * a_count for t, w in a.items()}
    for term, weight in b.items():
        merged[term] = merged.get(term, 0.0) + weight * b_count
    return textmod.merge_centroid({}, 0, merged, config.centroid_terms)
