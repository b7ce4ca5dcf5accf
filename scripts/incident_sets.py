"""Every incident set of `make eval` in process, on tags cached once: how a change to the incident stage moves them.

`tag` runs the parse and tag stages on each set once and pickles the results (a few minutes for all); `run` runs the
incident stage of `wirefuse enrich` (`decide_in_one_process`, in input order, in-memory state) on the cached tags and
scores each set with the shared scorer, published and after merges, as `make eval` does (the same figure for every
set); `compare` lists the sets two runs score differently. Tags depend on the taggers only: re-tag after a change to
them, not after one to the incident stage.

    python scripts/incident_sets.py tag --cache /tmp/tags
    python scripts/incident_sets.py run --cache /tmp/tags --out before.pkl
    python scripts/incident_sets.py compare before.pkl after.pkl
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

# evaluate.py beside this file holds the set list and the set files, for `make eval` and this script alike.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import SETS, set_files

from streams import jsonio
from streams.errors import InputError, StageError
from streams.settings import Settings

_TAGGERS: Any = None


def incident_sets() -> list[str]:
    return [name for name, task, _ in SETS if task == "incidents"]


def _scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_taggers() -> None:
    global _TAGGERS  # noqa: PLW0603 - one set of taggers per worker process, loaded once
    from streams.pipeline import load_taggers

    _TAGGERS = load_taggers(Settings.from_env())


def _tag_set(job: tuple[Path, str, Path]) -> str:
    from streams.stages import parse, tag

    eval_dir, name, cache = job
    settings = Settings.from_env()
    parsed: list[Any] = []
    for line in set_files(eval_dir, name)[0].read_bytes().splitlines():
        if line.strip():
            try:
                parsed.append(parse.parse_article(line, settings))
            except InputError as exc:
                parsed.append(exc)
    tagged = iter(tag.tag_articles([a for a in parsed if not isinstance(a, InputError)], _TAGGERS))
    results = [a if isinstance(a, InputError) else next(tagged) for a in parsed]
    (cache / f"{name}.pkl").write_bytes(pickle.dumps(results))
    return name


def _run_set(job: tuple[Path, str, Path]) -> tuple[str, dict[str, Any]]:
    from streams.incidents import MatchConfig, survivors
    from streams.incidents.routing import decide_in_one_process
    from streams.pipeline import new_offline_state
    from streams.stages import publish

    eval_dir, name, cache = job
    config = MatchConfig.from_settings(Settings.from_env())
    state = new_offline_state()
    published: dict[str, str] = {}
    records: list[dict[str, Any]] = []
    for report in pickle.loads((cache / f"{name}.pkl").read_bytes()):
        if isinstance(report, InputError | StageError):
            continue
        decision = decide_in_one_process(report, state, config)
        published[report.article.id] = publish.build_enriched(report, decision)["incident_id"]
        records.extend(decision.incident_records)
    final = survivors(records)
    merged = {i: final.get(incident, incident) for i, incident in published.items()}
    gold_rows = (jsonio.loads(line) for line in set_files(eval_dir, name)[1].read_bytes().splitlines() if line.strip())
    gold = {str(row["id"]): row for row in gold_rows}
    scorer = _scorer(eval_dir)
    return name, {
        "published": scorer.score_incidents(gold, {i: {"incident_id": v} for i, v in published.items()}),
        "after_merges": scorer.score_incidents(gold, {i: {"incident_id": v} for i, v in merged.items()}),
        "incident_ids": published,
    }


def tag_command(eval_dir: Path, cache: Path, names: list[str], workers: int) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(workers, initializer=_load_taggers) as pool:
        done = list(pool.map(_tag_set, [(eval_dir, name, cache) for name in names]))
    print(f"tagged {len(done)} sets into {cache}")


def run_command(eval_dir: Path, cache: Path, names: list[str], workers: int, out: Path | None) -> None:
    with ProcessPoolExecutor(workers) as pool:
        results = dict(pool.map(_run_set, [(eval_dir, name, cache) for name in names]))
    lookalikes = [r["published"]["bcubed_f1"] for n, r in results.items() if n.startswith("seeds-lookalikes")]
    if lookalikes:
        print(f"look-alike sets: {len(lookalikes)}, mean B-cubed F1 {sum(lookalikes) / len(lookalikes):.5f}")
    if "incidents-ecbplus" in results:
        pub, merged = results["incidents-ecbplus"]["published"], results["incidents-ecbplus"]["after_merges"]
        print(f"incidents-ecbplus: {pub['bcubed_f1']} / {pub['pairwise_f1']}, after merges {merged['bcubed_f1']}")
    if out is not None:
        out.write_bytes(pickle.dumps(results))


def compare_command(before: Path, after: Path) -> None:
    old, new = (pickle.loads(path.read_bytes()) for path in (before, after))
    up = down = 0
    for name in sorted(set(old) & set(new)):
        a, b = old[name], new[name]
        pair = [(a[k]["bcubed_f1"], b[k]["bcubed_f1"]) for k in ("published", "after_merges")]
        if any(x != y for x, y in pair):
            print(f"{name}: {pair[0][0]} -> {pair[0][1]}, after merges {pair[1][0]} -> {pair[1][1]}")
            up += pair[0][1] > pair[0][0]
            down += pair[0][1] < pair[0][0]
    print(f"up {up}, down {down}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("tag", "run", "compare"))
    parser.add_argument("runs", nargs="*", type=Path, help="compare: two files written by run --out")
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--cache", type=Path, default=Path(".cache/incident-sets"))
    parser.add_argument("--only", nargs="*", help="set names (default: every incident set)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    names = args.only or incident_sets()
    if args.command == "tag":
        tag_command(args.eval_dir, args.cache, names, args.workers)
    elif args.command == "run":
        run_command(args.eval_dir, args.cache, names, args.workers, args.out)
    else:
        compare_command(*args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
