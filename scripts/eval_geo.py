"""Runs the location tagger on a geo eval set and writes enriched-like JSONL for the scorer; prints tagging speed."""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from streams import jsonio
from streams.geo import LocationTagger, load_gazetteer
from streams.model import Article, Location
from streams.nlp import load_nlp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("articles", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=Path(os.environ.get("WIREFUSE_CACHE_DIR", ".cache/wirefuse")))
    parser.add_argument("--docs", type=Path, help="DocBin file to reuse parsed Docs between runs")
    parser.add_argument("--rounds", type=int, default=1, help="tag the whole set this many times (speed)")
    args = parser.parse_args()

    with open(args.articles, "rb") as f:
        rows = [jsonio.loads(line) for line in f if line.strip()]
    articles = [Article(id=r["id"], title=r.get("title") or "", body=r.get("body") or "") for r in rows]
    nlp = load_nlp()
    texts = [t for a in articles for t in (a.title, a.body)]
    if args.docs is not None and args.docs.exists():
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
    else:
        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        print(f"spacy: {len(articles) / (time.perf_counter() - started):.1f} articles/s", file=sys.stderr)
        if args.docs is not None:
            DocBin(store_user_data=False, docs=docs).to_disk(args.docs)

    started = time.perf_counter()
    gazetteer = load_gazetteer(args.cache_dir)
    print(f"gazetteer: loaded in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    tagger = LocationTagger(gazetteer)
    words = sum(len(a.body.split()) + len(a.title.split()) for a in articles)
    results: list[tuple[list[Location], Location | None]] = []
    for round_number in range(1, args.rounds + 1):
        # CPU time of this process: the machine is shared, and the target is per core. Round 1 starts with a cold
        # name-lookup cache, later rounds show a long-running worker's steady state.
        started = time.process_time()
        results = [
            tagger.tag(article, {"title": docs[2 * i], "body": docs[2 * i + 1]}) for i, article in enumerate(articles)
        ]
        elapsed = time.process_time() - started
        print(
            f"tagging round {round_number}: {len(articles) / elapsed:.0f} articles/s of CPU time "
            f"({words / len(articles):.0f} words/article)",
            file=sys.stderr,
        )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (spaCy + gazetteer + Docs): {rss_mb:.0f} MB", file=sys.stderr)
    with open(args.output, "wb") as out:
        for article, (locations, event) in zip(articles, results, strict=True):
            out.write(jsonio.dumps_line({"id": article.id, "locations": locations, "event_location": event}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
