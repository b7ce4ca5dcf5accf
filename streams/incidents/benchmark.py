"""Throughput of the incident stage with many open incidents in state, on synthetic wire-like articles.

    python -m streams.incidents.benchmark [--open 100000] [--keys 1000] [--articles 3000] [--words 400]

Fills the state with `--open` open incidents spread over `--keys` candidate keys (divisions "ZZ-<n>"; summaries
cloned from incidents that `decide` itself created, with their terms re-hashed so no two are alike), then times
`decide` (features, LSH, matching, state writes, records) on fresh articles routed to those keys, in CPU seconds of
this process. Then times the reconcile partition (`reconcile.reconcile`) on the notices those decisions send, with
`--open` incidents of other keys already in its table, cloned without re-hashing so that every posting list is full:
each notice has the most candidates it can have (`max_reconcile_candidates` compared).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from streams import jsonio
from streams.incidents import (
    IncidentState,
    MatchConfig,
    decide,
    open_incident_count,
    open_incidents_of,
    store_open_incidents,
)
from streams.incidents.reconcile import ENTRY_PREFIX, SUMMARY_FIELDS, notices_of, post_terms, reconcile
from streams.model import Article, Location, TaggedArticle

SYLLABLES = ["ka", "lo", "mi", "ru", "sen", "tor", "val", "qui", "dar", "pel", "on", "is", "ba", "ne", "ush", "em"]
SEED = 20190820


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _place(key_index: int) -> Location:
    return Location(
        text=f"Town{key_index}",
        field="body",
        start=0,
        end=5,
        geonameid=1_000_000 + key_index,
        name=f"Town{key_index}",
        country_code="ZZ",
        admin1_code=f"ZZ-{key_index}",
        admin1_name=None,
        lat=float(key_index % 80),
        lon=float(key_index % 170),
        feature_class="P",
        precision="city",
        confidence=0.9,
    )


def synthetic_articles(count: int, keys: int, words: int, seed: int) -> list[TaggedArticle]:
    """Wire-like articles: Zipf-distributed words, capitalised names, a dated lead, an event place among `keys`."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 6000)
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    start = datetime(2024, 3, 1, tzinfo=UTC)
    out = []
    for n in range(count):
        body_words = rng.choices(vocabulary, weights=weights, k=words)
        for i in range(0, words, 9):
            body_words[i] = body_words[i].capitalize()
        sentences = [" ".join(body_words[i : i + 18]) + "." for i in range(0, words, 18)]
        body = "The attack happened on Tuesday. " + " ".join(sentences)
        key_index = rng.randrange(keys)
        article = Article(
            id=f"bench-{seed}-{n}",
            title=" ".join(body_words[:8]).capitalize(),
            body=body,
            source="bench",
            published_at=start + timedelta(hours=rng.randrange(24 * 10)),
        )
        out.append(TaggedArticle(article=article, language="en", event_location=_place(key_index)))
    return out


def _open_summaries(state: IncidentState) -> list[dict[str, Any]]:
    index_keys = [k for k in list(state.buckets) if "|" not in k]  # the keys' index entries (IncidentState)
    return [s for key in index_keys for s in open_incidents_of(state, key).values()]


def fill_state(state: IncidentState, open_incidents: int, keys: int, config: MatchConfig, seed: int) -> None:
    """Create incidents with `decide`, then clone their summaries until `open_incidents` are open."""
    templates = synthetic_articles(min(open_incidents, 500), keys, 120, seed + 1)
    for tagged in templates:
        decide(tagged, state, config)
    summaries = _open_summaries(state)
    rng = random.Random(seed)
    per_key: dict[str, dict[str, object]] = {}
    for n in range(open_incidents):
        template = summaries[n % len(summaries)]
        salt = format(n, "x")
        clone = dict(template)
        # Re-hash the terms so each clone is its own incident, not a copy that every article would match.
        clone["vector"] = {f"{t}{salt}": w for t, w in template["vector"].items()}
        clone["top"] = [f"{t}{salt}" for t in template["top"]]
        clone["names"] = {f"{t}{salt}": w for t, w in template["names"].items()}
        clone["members"] = []
        key = f"ZZ-{rng.randrange(keys)}"
        per_key.setdefault(key, {})[f"clone-{n}"] = clone
    for key, incidents in per_key.items():
        bucket = open_incidents_of(state, key)
        bucket.update(incidents)
        store_open_incidents(state, key, bucket, oldest=None)


def fill_reconcile(state: IncidentState, open_incidents: int, config: MatchConfig) -> dict[str, Any]:
    """A reconcile table of `open_incidents` entries on a key of their own, cloned from the state's summaries as is."""
    templates = _open_summaries(state)
    table: dict[str, Any] = {}
    for n in range(open_incidents):
        template = templates[n % len(templates)]
        incident_id = f"other-{n}"
        table[ENTRY_PREFIX + incident_id] = {
            "key": f"YY-{n % 1000}",
            "version": 1,
            "report_count": 1,
            "first_seen": None,
            "summary": {name: template.get(name) for name in SUMMARY_FIELDS},
            "into": None,
            "day": template.get("last_day"),
        }
        post_terms(table, incident_id, template["top"], config.max_ids_per_reconcile_term)
    return table


def reference_loop_microseconds() -> float:
    """CPU microseconds for 1,000 additions in a Python loop (~25 on an idle core here): how busy the machine was."""
    values = list(range(1000))
    best = float("inf")
    for _ in range(200):
        started = time.process_time()
        total = 0
        for value in values:
            total += value
        best = min(best, time.process_time() - started)
    return round(best * 1e6, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--open", type=int, default=100_000, help="open incidents in state before timing")
    parser.add_argument("--keys", type=int, default=1_000, help="candidate keys the incidents spread over")
    parser.add_argument("--articles", type=int, default=3_000, help="articles timed")
    parser.add_argument("--words", type=int, default=400, help="words per article body")
    args = parser.parse_args(argv)
    # Synthetic places differ by division only, so keys are divisions here (1,000 countries do not exist).
    config = replace(MatchConfig(), key_granularity="admin1", max_open_per_key=max(256, 2 * args.open // args.keys))
    state = IncidentState(buckets={}, incidents={}, articles={})
    fill_state(state, args.open, args.keys, config, SEED)
    articles = synthetic_articles(args.articles, args.keys, args.words, SEED + 2)
    before = open_incident_count(state)
    started = time.process_time()
    verdicts: dict[str, int] = {}
    notices = []
    for tagged in articles:
        decision = decide(tagged, state, config)
        verdicts[decision.verdict["verdict"]] = verdicts.get(decision.verdict["verdict"], 0) + 1
        notices.extend(notices_of(decision.incident_records, state))
    seconds = time.process_time() - started
    table = fill_reconcile(state, args.open, config)
    started = time.process_time()
    merges = sum(reconcile(notice, table, config) is not None for notice in notices)
    reconcile_seconds = time.process_time() - started
    print(
        jsonio.dumps(
            {
                "reference_loop_us": reference_loop_microseconds(),
                "open_incidents_before": before,
                "open_incidents_after": open_incident_count(state),
                "keys": args.keys,
                "articles": len(articles),
                "words_per_article": args.words,
                "cpu_seconds": round(seconds, 3),
                "articles_per_cpu_second": round(len(articles) / seconds, 1),
                "verdicts": verdicts,
                "reconcile_notices": len(notices),
                "reconcile_cpu_seconds": round(reconcile_seconds, 3),
                "reconcile_notices_per_cpu_second": round(len(notices) / reconcile_seconds, 1),
                "reconcile_merges": merges,
            }
        ).decode()
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
