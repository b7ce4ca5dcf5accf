"""Measure incident grouping on a gold set: the online stage under several inputs, and the TF-IDF baseline.

    python -m streams.incidents.evaluate ARTICLES.jsonl GOLD.jsonl --out-dir DIR [--tagged TAGGED.jsonl] [--spacy]

Writes DIR/incidents-<variant>.jsonl ({"id", "incident_id"} lines, what `score.py incidents` reads) for each variant
and prints one JSON line per variant with the internal B-cubed/pairwise figures (same definitions as the scorer).
Variants: `text` (no places, no actors: matching from text, dates and category alone), `spacy_actors` (actors from
spaCy PERSON/ORG spans, unresolved), and with `--tagged` (TaggedArticles as JSON, e.g. from the tag stage):
`tagged_<granularity>` (places and actors, candidate keys at admin1 / country / global granularity),
`tagged_<granularity>_places_only`, `tagged_actors_only`. `baseline` is the TF-IDF nearest-neighbour linker at its
best threshold.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from streams import jsonio
from streams.incidents import IncidentState, MatchConfig, resolve_merged
from streams.incidents.baseline import best_threshold, score_grouping
from streams.incidents.routing import decide_in_one_process
from streams.model import Actor, ActorKind, Article, TaggedArticle, tagged_from_json

SPACY_ACTOR_KINDS: dict[str, ActorKind] = {"PERSON": "person", "ORG": "organization", "NORP": "other"}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [jsonio.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def bare_tagged(rows: Iterable[dict[str, Any]]) -> list[TaggedArticle]:
    """Articles with no places and no actors."""
    return [
        TaggedArticle(
            Article(str(r["id"]), r.get("title") or "", r.get("body") or "", r.get("source"), r.get("url")), "en"
        )
        for r in rows
    ]


def with_spacy_actors(tagged: Sequence[TaggedArticle]) -> list[TaggedArticle]:
    """Naive actors: every spaCy PERSON/ORG/NORP span of the body, unresolved, named by its text."""
    from streams.nlp import load_nlp

    nlp = load_nlp()
    out = []
    for item, doc in zip(tagged, nlp.pipe(t.article.body for t in tagged), strict=True):
        actors = [
            Actor(
                text=ent.text,
                field="body",
                start=ent.start_char,
                end=ent.end_char,
                name=ent.text,
                kind=SPACY_ACTOR_KINDS[ent.label_],
                country_code=None,
                code=None,
                wikidata=None,
                resolved=False,
                confidence=0.5,
                mention="name",
            )
            for ent in doc.ents
            if ent.label_ in SPACY_ACTOR_KINDS
        ]
        out.append(replace(item, actors=actors))
    return out


def run_stage(tagged: Sequence[TaggedArticle], config: MatchConfig) -> tuple[dict[str, str], dict[str, int], float]:
    """Decide every article in order; article id -> final incident id (following merges), verdict counts, seconds."""
    state = IncidentState(buckets={}, incidents={}, articles={})
    assigned: dict[str, str] = {}
    verdicts: dict[str, int] = {}
    started = time.process_time()
    for item in tagged:
        decision = decide_in_one_process(item, state, config)
        assigned[item.article.id] = decision.incident_id
        verdict = decision.verdict["verdict"]
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    seconds = time.process_time() - started
    final = {}
    for article_id, first_incident in assigned.items():
        # A later merge moves earlier articles to the survivor, exactly as a replay would answer.
        final[article_id] = resolve_merged(state, first_incident)
    return final, verdicts, seconds


def write_predictions(path: Path, grouping: dict[str, str]) -> None:
    with path.open("wb") as sink:
        for article_id, incident_id in grouping.items():
            sink.write(jsonio.dumps_line({"id": article_id, "incident_id": incident_id}))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--tagged", type=Path, help="TaggedArticle JSON lines for the same articles")
    parser.add_argument("--spacy", action="store_true", help="also run with naive spaCy actors")
    args = parser.parse_args(argv)
    rows = read_jsonl(args.articles)
    gold = {str(r["id"]): str(r["incident"]) for r in read_jsonl(args.gold)}
    args.out_dir.mkdir(parents=True, exist_ok=True)
    config = MatchConfig()
    bare = bare_tagged(rows)
    variants: dict[str, tuple[list[TaggedArticle], MatchConfig]] = {"text": (bare, config)}
    if args.spacy:
        variants["spacy_actors"] = (with_spacy_actors(bare), config)
    if args.tagged:
        tagged = [tagged_from_json(r) for r in read_jsonl(args.tagged)]
        for granularity in ("admin1", "country", "global"):
            keyed = replace(config, key_granularity=granularity)
            variants[f"tagged_{granularity}"] = (tagged, keyed)
            variants[f"tagged_{granularity}_places_only"] = ([replace(t, actors=[]) for t in tagged], keyed)
        variants["tagged_actors_only"] = ([replace(t, locations=[], event_location=None) for t in tagged], config)
    for name, (items, variant_config) in variants.items():
        grouping, verdicts, seconds = run_stage(items, variant_config)
        write_predictions(args.out_dir / f"incidents-{name}.jsonl", grouping)
        figures = asdict(score_grouping(gold, grouping))
        print(
            jsonio.dumps(
                {
                    "variant": name,
                    **figures,
                    "verdicts": verdicts,
                    "articles_per_cpu_second": round(len(items) / seconds, 1),
                }
            ).decode()
        )
    ids = [str(r["id"]) for r in rows]
    texts = [f"{r.get('title') or ''}\n{r.get('body') or ''}" for r in rows]
    threshold, grouping, scored = best_threshold(ids, texts, gold, [t / 100 for t in range(5, 60)])
    write_predictions(args.out_dir / "incidents-baseline.jsonl", grouping)
    print(jsonio.dumps({"variant": "baseline", "threshold": threshold, **asdict(scored)}).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
