"""`make eval`: run `wirefuse enrich` on every evaluation set and score it with the shared scorer."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

# seeds/lookalikes_heldout2.jsonl to seeds/lookalikes_heldout818.jsonl: one bound for the sets scored and their files.
LOOKALIKE_SETS = 819
# (set name, scorer task, the figures the issues set targets for, with their minimums)
SETS: tuple[tuple[str, str, dict[str, float]], ...] = (
    ("geo-geowebnews", "geo", {"exact_geonameid_of_found": 0.92, "resolved_acc161_of_found": 0.95, "detect_f1": 0.80}),
    ("geo-trnews", "geo", {"exact_geonameid_of_found": 0.88, "resolved_acc161_of_found": 0.93, "detect_f1": 0.80}),
    ("incidents-ecbplus", "incidents", {"bcubed_f1": 0.93, "pairwise_f1": 0.88}),
    ("actors-meantime", "actors", {"PER.exact_recall": 0.80, "ORG.exact_recall": 0.88, "ALL.exact_recall": 0.86}),
    # Our own seed reports with a hand-made CoNLL-style PER/ORG gold (seeds/NER_GOLD.md): the one fully annotated
    # set at hand, so the one place where actor *precision* can be read (in-house, not unseen; no target).
    ("seeds-ner", "actors", {}),
    # Our own week of local crime news (seeds/README.md): shootings, a stabbing, a fire and a hit-and-run in one metro
    # area, told in the same words; the kind of look-alikes issue 5 says the unseen local-news corpus holds. No target.
    ("seeds-lookalikes", "incidents", {}),
    # A second week, Greater Manchester in British style, written after the rules of 4 December were chosen and not
    # used to choose them: how they carry to news they were not made on.
    ("seeds-lookalikes-heldout", "incidents", {}),
    # A third, Brisbane in Australian style, written on 4 December (eleventh session) after that session's rules, by a
    # helper that read none of the code, the docs or the other sets: the blind check of the rules found on the second.
    ("seeds-lookalikes-heldout2", "incidents", {}),
    # A fourth, Houston in US local-TV style, written on 4 December (twelfth session) the same way, blind to that
    # session's rules: its first run is in docs/evaluation.md; one rule was mended after it.
    ("seeds-lookalikes-heldout3", "incidents", {}),
    # A fifth, the Greater Toronto Area in Canadian style, written the same way at the end of that session: blind
    # to every rule of it (its first run is in docs/evaluation.md).
    ("seeds-lookalikes-heldout4", "incidents", {}),
    # A sixth, the Philadelphia metro area in US local-news style, written on 5 December (twenty-third session) the
    # same way, blind to every rule: its first run is in docs/evaluation.md.
    ("seeds-lookalikes-heldout5", "incidents", {}),
    # A seventh, Chicago and its inner suburbs, written on 5 December (twenty-third session) the same way, blind to
    # every rule: its first run is in docs/evaluation.md.
    ("seeds-lookalikes-heldout6", "incidents", {}),
    # An eighth, Middle Tennessee's small cities, written the same way on 5 December, blind to every rule: its first
    # run is in docs/evaluation.md.
    ("seeds-lookalikes-heldout7", "incidents", {}),
    # A ninth, a week of conflict wire reports from north-western Syria, written the same way on 5 December, blind
    # to every rule: its first run is in docs/evaluation.md.
    ("seeds-lookalikes-heldout8", "incidents", {}),
    # A tenth, metro Atlanta, written the same way on 5 December, blind to every rule: its first run is in
    # docs/evaluation.md.
    ("seeds-lookalikes-heldout9", "incidents", {}),
    # An eleventh, Bengaluru in Indian English city-news style, written the same way on 5 December, blind to every
    # rule: its first run is in docs/evaluation.md.
    ("seeds-lookalikes-heldout10", "incidents", {}),
    # The twelfth and later sets (Dallas-Fort Worth, Gauteng, Ukraine, Nigeria, Sudan, the West Midlands, Memphis,
    # Myanmar, Sinaloa; from the twenty-fifth session St. Louis to Phoenix; from the twenty-sixth Cleveland to
    # Haiti), written the same way on 5 December, blind to every rule: their first runs are in docs/evaluation.md,
    # their contents in seeds/README.md.
    *((f"seeds-lookalikes-heldout{n}", "incidents", {}) for n in range(11, LOOKALIKE_SETS)),
)
ROOT = Path(__file__).resolve().parent.parent


def _seed_files(stem: str) -> tuple[Path, Path]:
    """A look-alike set in seeds/: STEM.jsonl and its gold STEM.gold.jsonl."""
    return ROOT / "seeds" / f"{stem}.jsonl", ROOT / "seeds" / f"{stem}.gold.jsonl"


# Sets that live in this repository rather than in the shared eval directory: (articles, gold).
OWN_SETS = {
    "seeds-ner": (ROOT / "seeds" / "articles.jsonl", ROOT / "seeds" / "ner_gold.jsonl"),
    "seeds-lookalikes": _seed_files("lookalikes"),
    "seeds-lookalikes-heldout": _seed_files("lookalikes_heldout"),
    **{f"seeds-lookalikes-heldout{n}": _seed_files(f"lookalikes_heldout{n}") for n in range(2, LOOKALIKE_SETS)},
}


def set_files(eval_dir: Path, name: str) -> tuple[Path, Path]:
    """The articles and gold files of a set."""
    return OWN_SETS.get(name) or (eval_dir / f"{name}.articles.jsonl", eval_dir / f"{name}.gold.jsonl")


def enrich(eval_dir: Path, name: str, out_dir: Path) -> tuple[Path, float]:
    """Run the offline command exactly as a user would; returns the output path and the wall time.

    The incident records go to NAME.incidents.jsonl beside it (see `after_merges`).
    """
    source, _gold = set_files(eval_dir, name)
    target = out_dir / f"{name}.enriched.jsonl"
    started = time.perf_counter()
    subprocess.run(
        [
            *(sys.executable, "-m", "streams.cli", "enrich", str(source), "-o", str(target)),
            *("--incidents", str(out_dir / f"{name}.incidents.jsonl")),
        ],
        check=True,
        stderr=open(out_dir / f"{name}.stderr.txt", "wb"),  # noqa: SIM115 - closed when the child exits
    )
    return target, time.perf_counter() - started


def score(eval_dir: Path, name: str, task: str, predictions: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), task, str(set_files(eval_dir, name)[1]), str(predictions)],
        check=True,
        capture_output=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def after_merges(enriched: Path, incidents: Path, out_dir: Path, name: str) -> Path:
    """Each article's incident as a consumer of wire.incidents ends up seeing it: the id the enriched article was
    published with, followed through the `merged` records published after it (streams.incidents.survivors)."""
    from streams import jsonio
    from streams.incidents import survivors

    final = survivors(jsonio.loads(line) for line in incidents.read_bytes().splitlines() if line.strip())
    target = out_dir / f"{name}.after-merges.jsonl"
    with target.open("wb") as sink:
        for line in enriched.read_bytes().splitlines():
            if line.strip():
                row = jsonio.loads(line)
                incident_id = str(row["incident_id"])
                sink.write(jsonio.dumps_line({"id": row["id"], "incident_id": final.get(incident_id, incident_id)}))
    return target


def flatten(figures: dict[str, object], prefix: str = "") -> dict[str, object]:
    """{"PER": {"exact_recall": x}} -> {"PER.exact_recall": x}: one line per figure."""
    flat: dict[str, object] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def spacy_baseline(eval_dir: Path, name: str, task: str, out_dir: Path) -> Path:
    """The plain small spaCy model's spans, as the issues' reference figures: PERSON/ORG for actors, GPE/LOC/FAC
    (unresolved) for places."""
    from streams import jsonio
    from streams.nlp import load_nlp

    labels = {"actors": {"PERSON": "person", "ORG": "organization"}, "geo": {"GPE": "", "LOC": "", "FAC": ""}}[task]
    rows = [jsonio.loads(line) for line in set_files(eval_dir, name)[0].read_bytes().splitlines() if line]
    nlp = load_nlp()
    target = out_dir / f"{name}.spacy-baseline.jsonl"
    with target.open("wb") as sink:
        for row, doc in zip(rows, nlp.pipe(r.get("body") or "" for r in rows), strict=True):
            spans = [
                {"field": "body", "start": e.start_char, "end": e.end_char, "kind": labels[e.label_]}
                for e in doc.ents
                if e.label_ in labels
            ]
            sink.write(jsonio.dumps_line({"id": row["id"], "actors" if task == "actors" else "locations": spans}))
    return target


def tfidf_baseline(eval_dir: Path, name: str, out_dir: Path) -> Path:
    """Plain TF-IDF nearest-neighbour linking at its best threshold (streams/incidents/baseline.py)."""
    from streams import jsonio
    from streams.incidents.baseline import best_threshold

    articles, gold_path = set_files(eval_dir, name)
    rows = [jsonio.loads(line) for line in articles.read_bytes().splitlines() if line]
    gold_rows = [jsonio.loads(line) for line in gold_path.read_bytes().splitlines() if line]
    gold = {str(r["id"]): str(r["incident"]) for r in gold_rows}
    ids = [str(r["id"]) for r in rows]
    texts = [f"{r.get('title') or ''}\n{r.get('body') or ''}" for r in rows]
    _threshold, grouping, _ = best_threshold(ids, texts, gold, [t / 100 for t in range(5, 60)])
    target = out_dir / f"{name}.tfidf-baseline.jsonl"
    target.write_bytes(b"".join(jsonio.dumps_line({"id": i, "incident_id": grouping[i]}) for i in ids))
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--out", type=Path, default=Path("out/eval"))
    parser.add_argument("--only", nargs="*", help="set names to run (default: all)")
    parser.add_argument("--baselines", action="store_true", help="also score the reference baselines")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, object]] = {}
    for name, task, targets in SETS:
        if args.only and name not in args.only:
            continue
        predictions, seconds = enrich(args.eval_dir, name, args.out)
        figures = flatten(score(args.eval_dir, name, task, predictions))
        articles = sum(1 for line in predictions.read_bytes().splitlines() if line.strip())
        results[name] = {"task": task, "figures": figures, "targets": targets, "seconds": round(seconds, 1)}
        print(f"## {name} ({task}, {articles} articles, {seconds:.1f} s including model load)")
        for key, value in figures.items():
            mark = ""
            if key in targets:
                mark = "  target >= {:.2f} {}".format(
                    targets[key], "met" if isinstance(value, float) and value >= targets[key] else "NOT MET"
                )
            print(f"  {key:32} {value}{mark}")
        if task == "incidents":
            merged_view = after_merges(predictions, args.out / f"{name}.incidents.jsonl", args.out, name)
            merged_figures = flatten(score(args.eval_dir, name, task, merged_view))
            results[name]["after_merges"] = merged_figures
            print("  after following the merged records on wire.incidents (what a consumer sees):")
            for key in targets or merged_figures:
                print(f"  {key:32} {merged_figures.get(key)}")
        if args.baselines:
            baseline = (
                tfidf_baseline(args.eval_dir, name, args.out)
                if task == "incidents"
                else spacy_baseline(args.eval_dir, name, task, args.out)
            )
            base_figures = flatten(score(args.eval_dir, name, task, baseline))
            results[name]["baseline"] = base_figures
            print(f"  baseline ({baseline.name}):")
            for key in targets or base_figures:
                print(f"  {key:32} {base_figures.get(key)}")
        print(flush=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
