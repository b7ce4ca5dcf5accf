"""Benchmark articles: ~500-word raw articles assembled at run time from the evaluation texts and our seeds."""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams import jsonio

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (REPO.parent / "shared" / "eval", REPO / "seeds" / "articles.jsonl")
# Wire reports run 300-800 words; the eval texts are shorter (median ~260), so short ones get more paragraphs.
MIN_WORDS = 450


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article text as read from a source file (never written back into the repository)."""

    title: str
    body: str
    published_at: str | None
    words: int


@dataclass(frozen=True, slots=True)
class Corpus:
    """The benchmark articles as (key, value) pairs ready to produce, plus what they look like."""

    messages: list[tuple[bytes, bytes]]
    sources: list[str]
    source_texts: int

    def describe(self) -> dict[str, Any]:
        words = [_words(jsonio.loads(value)) for _, value in self.messages]
        sizes = [len(value) for _, value in self.messages]
        return {
            "articles": len(self.messages),
            "source_texts": self.source_texts,
            "sources": self.sources,
            "words_median": statistics.median(words),
            "words_mean": round(statistics.fmean(words), 1),
            "words_min": min(words),
            "words_max": max(words),
            "bytes_mean": round(statistics.fmean(sizes)),
        }

    def jsonl(self) -> bytes:
        return b"".join(value + b"\n" for _, value in self.messages)


def _words(article: dict[str, Any]) -> int:
    return len(str(article.get("title") or "").split()) + len(str(article.get("body") or "").split())


def source_files(sources: Sequence[Path]) -> list[Path]:
    """Every `*.articles.jsonl` under a directory source, or the file itself."""
    files: list[Path] = []
    for source in sources:
        files.extend(sorted(source.glob("*.articles.jsonl")) if source.is_dir() else [source])
    return [f for f in files if f.exists()]


def read_texts(files: Sequence[Path]) -> list[SourceText]:
    texts: list[SourceText] = []
    for path in files:
        for line in path.read_bytes().splitlines():
            if not line.strip():
                continue
            record = jsonio.loads(line)
            body = str(record.get("body") or "").strip()
            if not body:
                continue
            title = str(record.get("title") or "")
            published = record.get("published_at")
            texts.append(SourceText(title, body, str(published) if published else None, _words(record)))
    return texts


def build_corpus(count: int, label: str, seed: int = 8, sources: Sequence[Path] = DEFAULT_SOURCES) -> Corpus:
    """`count` articles with unique ids `bench-<label>-<n>`: each a source text, lengthened with paragraphs of others.

    Deterministic for a given seed and source set, so every run and every phase measure the same articles.
    """
    files = source_files(sources)
    texts = read_texts(files)
    if not texts:
        raise SystemExit(f"no source texts found in {', '.join(str(s) for s in sources)}")
    rng = random.Random(seed)
    order = list(range(len(texts)))
    rng.shuffle(order)
    messages: list[tuple[bytes, bytes]] = []
    for n in range(count):
        primary = texts[order[n % len(texts)]]
        body, words = primary.body, primary.words
        while words < MIN_WORDS:
            extra = texts[rng.randrange(len(texts))]
            if extra is primary:
                continue
            # Paragraph by paragraph, so a long filler text does not double the article.
            for paragraph in (p.strip() for p in extra.body.split("\n") if p.strip()):
                body, words = f"{body}\n\n{paragraph}", words + len(paragraph.split())
                if words >= MIN_WORDS:
                    break
        article_id = f"bench-{label}-{n:06d}"
        record: dict[str, Any] = {"id": article_id, "title": primary.title, "body": body, "source": "bench"}
        if primary.published_at:
            record["published_at"] = primary.published_at
        messages.append((article_id.encode(), jsonio.dumps(record)))
    return Corpus(messages=messages, sources=[str(f) for f in files], source_texts=len(texts))
