"""`make bench`: throughput, latency, start time and memory of wirefuse on this machine -> bench/results.json + docs."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import phases
import profiling
import report
from corpus import REPO, build_corpus
from harness import BenchError, work_directory

RESULTS = REPO / "bench" / "results.json"
PERFORMANCE_DOC = REPO / "docs" / "performance.md"
EVAL_RESULTS = REPO / "out" / "eval" / "results.json"
SEED = 8


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (few articles, one run)")
    parser.add_argument("--runs", type=int, help="runs per figure (default 3; 1 with --quick)")
    parser.add_argument("--articles", type=int, help="articles per throughput phase (default 5000; 150 with --quick)")
    parser.add_argument("--passthrough-articles", type=int, help="articles for the framework ceiling (default 20000)")
    parser.add_argument("--latency-rates", default="50,3", help="offered loads in articles/s, comma separated")
    parser.add_argument("--latency-seconds", type=float, help="how long each load is offered (default 20; 3 quick)")
    parser.add_argument("--partitions", type=int, default=4, help="partitions of every topic (WIREFUSE_PARTITIONS)")
    parser.add_argument(
        "--phases",
        default="passthrough,worker,cold,workers2,offline",
        help="which phases to run (passthrough, worker, cold, workers2, offline; `none` for the profile alone)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the per-component timing and py-spy profile")
    parser.add_argument("--profile-articles", type=int, help="articles profiled (default 200; 40 with --quick)")
    parser.add_argument("--eval", action="store_true", help="also run `make eval`'s script on this configuration")
    parser.add_argument("--no-doc", action="store_true", help="do not append the summary to docs/performance.md")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the JSON results")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 3)
    args.articles = args.articles or (150 if args.quick else 5000)
    args.passthrough_articles = args.passthrough_articles or (2000 if args.quick else 20000)
    args.profile_articles = args.profile_articles or (40 if args.quick else 200)
    args.latency_seconds = args.latency_seconds or (3.0 if args.quick else 20.0)
    args.rates = [float(r) for r in args.latency_rates.split(",") if r.strip()]
    args.phase_set = {p.strip() for p in args.phases.split(",") if p.strip()}
    return args


def git(*argv: str) -> str:
    """Read-only git queries (no index refresh), so the bench never changes the repository's state."""
    done = subprocess.run(["git", "--no-optional-locks", *argv], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else f"(git failed: {done.stderr.strip()[:100]})"


def source_digest() -> str:
    """SHA-256 over the package sources and data: identifies the configuration even with uncommitted changes."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "streams").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def configuration() -> dict[str, Any]:
    import faust
    from spacy import about

    from streams import PIPELINE_VERSION
    from streams.nlp import EXCLUDED_COMPONENTS
    from streams.settings import Settings
    from streams.tag_executors import tagging_process_count

    changed = [line for line in git("status", "--porcelain").splitlines() if line.strip()]
    return {
        "git_describe": git("describe", "--always", "--tags"),
        "uncommitted_paths": len(changed),
        "source_sha256_16": source_digest(),
        "pipeline_version": PIPELINE_VERSION,
        "spacy": about.__version__,
        "spacy_model": Settings().spacy_model,
        "spacy_excluded": list(EXCLUDED_COMPONENTS),
        # What one worker forks when WIREFUSE_TAG_PROCESSES is unset (the two-worker phase sets 1 each).
        "tag_processes": tagging_process_count(Settings.from_env().tag_processes),
        "faust": faust.__version__,
        "python": platform.python_version(),
    }


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1)}


def load_average() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def eval_figures(run_eval: bool, work: Path) -> dict[str, Any]:
    """The eval figures of the configuration that ran, or a statement that there are none."""
    path = EVAL_RESULTS
    if run_eval:
        path = work / "eval" / "results.json"
        subprocess.run(
            [sys.executable, str(REPO / "scripts" / "evaluate.py"), "--out", str(path.parent)], cwd=REPO, check=True
        )
    if not path.exists():
        return {"available": False, "caveat": "no eval results: run `make eval` (or `bench/run.py --eval`)"}
    newest_source = max(p.stat().st_mtime for p in (REPO / "streams").rglob("*.py"))
    stale = path.stat().st_mtime < newest_source
    figures: dict[str, Any] = json.loads(path.read_text())
    caveat = (
        "eval results are older than the newest source file: they may not describe the configuration benchmarked"
        if stale
        else "eval results were produced after the last source change"
    )
    return {"available": True, "stale": stale, "path": str(path), "caveat": caveat, "sets": figures}


def prepare_cache() -> dict[str, Any]:
    """Make sure the warm gazetteer cache exists (building it if the index format changed), timed."""
    cache = Path(os.environ.get("WIREFUSE_CACHE_DIR", REPO / ".cache" / "wirefuse"))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pathlib; from streams.geo import load_gazetteer; load_gazetteer(pathlib.Path(sys.argv[1]))",
            str(cache),
        ],
        check=True,
    )
    return {"cache_dir": str(cache), "load_or_build_s": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC)
    work = work_directory()
    print(f"wirefuse bench: {args.runs} run(s), {args.articles} articles, work dir {work}", flush=True)
    corpus = build_corpus(args.articles, "e2e", SEED)
    through = build_corpus(args.passthrough_articles, "pass", SEED)
    warmup = build_corpus(8, "warmup", SEED + 1).messages
    plans = [
        phases.LatencyPlan(
            rate, build_corpus(round(rate * args.latency_seconds), f"load{rate:g}", SEED + 2 + n).messages
        )
        for n, rate in enumerate(args.rates)
    ]
    config = configuration()
    results: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "quick": args.quick,
        "machine": machine(),
        "configuration": config,
        "corpus": corpus.describe(),
        "parameters": {
            "runs": args.runs,
            "articles": args.articles,
            "passthrough_articles": args.passthrough_articles,
            "latency_rates_per_s": args.rates,
            "latency_offered_s": args.latency_seconds,
            "partitions": args.partitions,
            "phases": sorted(args.phase_set),
        },
        "load_average_start": load_average(),
        "cache": prepare_cache(),
        "runs": [],
        "errors": [],
    }
    print(
        f"configuration: {config['git_describe']} ({config['pipeline_version']}, "
        f"sources {config['source_sha256_16']}, {config['uncommitted_paths']} uncommitted paths)",
        flush=True,
    )

    def attempt(name: str, run: int, measure: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        if name not in args.phase_set:
            return None
        began = time.perf_counter()
        print(f"run {run + 1}/{args.runs}: {name} ...", flush=True)
        try:
            value = measure()
        except Exception as exc:  # noqa: BLE001 - one failed phase must not lose the others' measurements
            error = str(exc) if isinstance(exc, BenchError) else f"{type(exc).__name__}: {exc}"
            results["errors"].append({"run": run, "phase": name, "error": error[:4000]})
            print(f"  FAILED: {error[:2000]}", flush=True)
            return None
        value["load_average"] = load_average()
        print(f"  done in {time.perf_counter() - began:.0f} s: {report.one_line(name, value)}", flush=True)
        return value

    for run in range(args.runs):
        entry: dict[str, Any] = {"run": run}
        entry["passthrough"] = attempt(
            "passthrough", run, lambda: phases.passthrough(work, args.partitions, warmup, through.messages)
        )
        entry["worker"] = attempt(
            "worker", run, lambda: phases.single_worker(work, args.partitions, warmup, corpus.messages, plans)
        )
        entry["cold"] = attempt("cold", run, lambda: phases.cold_start(work, args.partitions, warmup))
        entry["workers2"] = attempt(
            "workers2", run, lambda: phases.two_workers(work, args.partitions, warmup, corpus.messages)
        )
        entry["offline"] = attempt("offline", run, lambda: phases.offline(work, corpus.jsonl(), args.articles))
        results["runs"].append(entry)

    if not args.no_profile:
        # Last, so the profiled models loaded into this process never share the CPU with a measured phase.
        sample = corpus.messages[: args.profile_articles]
        print(f"profile: {len(sample)} articles, component by component, then py-spy over wirefuse enrich", flush=True)
        raws = [value for _, value in sample]
        profile: dict[str, Any] = {}
        steps: dict[str, Callable[[], dict[str, Any]]] = {
            "components": lambda: profiling.component_times(raws),
            "pyspy_offline": lambda: profiling.pyspy_offline(work, raws),
            "pyspy_worker": lambda: phases.worker_profile(work, args.partitions, warmup, sample),
        }
        for name, step in steps.items():
            try:
                profile[name] = step()
            except Exception as exc:  # noqa: BLE001 - a failed profile must not lose the measured phases
                error = f"{type(exc).__name__}: {exc}"
                results["errors"].append({"run": 0, "phase": f"profile {name}", "error": error[:4000]})
                print(f"  profile {name} FAILED: {error[:2000]}", flush=True)
        profile["load_average"] = load_average()
        results["profile"] = profile
    results["figures"] = report.figures(results["runs"])
    results["targets"] = report.targets(results["figures"])
    results["eval"] = eval_figures(args.eval, work)
    results["load_average_end"] = load_average()
    # Others may edit the tree while the bench runs; then the figures mix two configurations.
    results["configuration"]["source_sha256_16_at_end"] = source_digest()
    if results["configuration"]["source_sha256_16_at_end"] != config["source_sha256_16"]:
        print("WARNING: streams/ changed while the bench ran; the figures may mix two configurations", flush=True)
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n")
    summary = report.markdown(results)
    print()
    print(summary)
    if not args.no_doc:
        report.append_to_doc(PERFORMANCE_DOC, summary)
        print(f"appended to {PERFORMANCE_DOC.relative_to(REPO)}; results in {args.results}")
    if results["errors"]:
        print(f"logs of the failed phases kept in {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
