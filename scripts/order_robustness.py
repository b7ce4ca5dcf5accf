"""How often the incident stage reproduces the seeds' expected grouping when reports arrive in another order.

    .venv/bin/python scripts/order_robustness.py [--orders 40]

Tags `seeds/articles.jsonl` once with the project's taggers, then decides the tagged reports (as `wirefuse enrich`) in
publication order and in `--orders` random orders of two kinds, each from a fresh in-memory state:
- `within_year`: reports shuffled within their publication year, years in order (agencies' reports of one period
  interleave; a live feed never delivers 2019 news before 2017 news);
- `any`: reports shuffled across the whole set (a re-feed of an archive in random order).
Prints one JSON line per kind: orders tried, orders giving exactly the expected grouping, and the distinct wrong
groups seen most often. With `--no-dates` the reports lose their publication times after they are put in publication
order (corpora such as ECB+ come without them; dates in the text then resolve only against a dated dateline).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from streams import jsonio
from streams.incidents import IncidentState, MatchConfig, resolve_merged
from streams.incidents.routing import decide_in_one_process
from streams.model import Article, TaggedArticle
from streams.pipeline import load_taggers
from streams.settings import Settings
from streams.stages import parse, tag

ROOT = Path(__file__).resolve().parent.parent


def tagged_seeds(settings: Settings) -> list[TaggedArticle]:
    raws = [line for line in (ROOT / "seeds" / "articles.jsonl").read_bytes().splitlines() if line.strip()]
    articles: list[Article] = [parse.parse_article(raw, settings) for raw in raws]
    results = tag.tag_articles(articles, load_taggers(settings))
    return [r for r in results if isinstance(r, TaggedArticle)]


def grouping(order: Sequence[TaggedArticle], config: MatchConfig) -> set[frozenset[str]]:
    state = IncidentState(buckets={}, incidents={}, articles={})
    assigned = {t.article.id: decide_in_one_process(t, state, config).incident_id for t in order}
    groups: dict[str, set[str]] = defaultdict(set)
    for article_id, incident_id in assigned.items():
        groups[resolve_merged(state, incident_id)].add(article_id)
    return {frozenset(members) for members in groups.values()}


def shuffle_within_year(
    items: list[TaggedArticle], rng: random.Random, years: Mapping[str, int]
) -> list[TaggedArticle]:
    by_year: dict[int, list[TaggedArticle]] = defaultdict(list)
    for item in items:
        by_year[years[item.article.id]].append(item)
    ordered: list[TaggedArticle] = []
    for year in sorted(by_year):
        rng.shuffle(by_year[year])
        ordered += by_year[year]
    return ordered


def shuffle_any(items: list[TaggedArticle], rng: random.Random) -> list[TaggedArticle]:
    shuffled = list(items)
    rng.shuffle(shuffled)
    return shuffled


def _undated(tagged: TaggedArticle) -> TaggedArticle:
    article = dataclasses.replace(tagged.article, published_at=None, published_raw=None)
    return dataclasses.replace(tagged, article=article)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=40)
    parser.add_argument("--no-dates", action="store_true", help="drop every report's publication time")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    config = MatchConfig.from_settings(settings)
    expected_labels: dict[str, str] = jsonio.loads((ROOT / "seeds" / "expected_incidents.json").read_bytes())
    expected_groups: dict[str, set[str]] = defaultdict(set)
    for article_id, label in expected_labels.items():
        expected_groups[label].add(article_id)
    expected = {frozenset(members) for members in expected_groups.values()}
    seeds = sorted(tagged_seeds(settings), key=lambda t: (t.article.published_at is None, t.article.published_at))
    # Publication years, read before `--no-dates` drops the times: a feed still delivers a period's news together.
    years = {t.article.id: t.article.published_at.year if t.article.published_at else 0 for t in seeds}
    if args.no_dates:
        seeds = [_undated(t) for t in seeds]
    print(jsonio.dumps({"kind": "publication_order", "expected": grouping(seeds, config) == expected}).decode())
    kinds: dict[str, Callable[[list[TaggedArticle], random.Random], list[TaggedArticle]]] = {
        "within_year": functools.partial(shuffle_within_year, years=years),
        "any": shuffle_any,
    }
    for kind, shuffle in kinds.items():
        wrong: Counter[str] = Counter()
        good = 0
        for seed in range(1, args.orders + 1):
            groups = grouping(shuffle(seeds, random.Random(seed)), config)
            good += groups == expected
            wrong.update(",".join(sorted(g)) for g in groups - expected)
        common = [{"group": g, "orders": n} for g, n in wrong.most_common(3)]
        print(jsonio.dumps({"kind": kind, "orders": args.orders, "expected": good, "wrong_groups": common}).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
