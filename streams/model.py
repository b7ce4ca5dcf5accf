"""The records that flow between stages: a parsed article, its tagged form, and the JSON shapes they publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NotRequired, TypedDict

FieldName = Literal["title", "body"]
# "name": a proper name, acronym or titled name (ACE NAM); "nominal": a generic role or description (ACE NOM).
MentionType = Literal["name", "nominal"]
ActorKind = Literal[
    "person", "organization", "armed_group", "government", "military", "state", "igo", "ngo", "media", "other"
]
Precision = Literal["country", "admin1", "city", "other"]
Verdict = Literal["new_incident", "same_incident", "duplicate"]


class Location(TypedDict):
    """One place mention resolved (or not: ids null) to a GeoNames entry; offsets index into `field`."""

    text: str
    field: FieldName
    start: int
    end: int
    geonameid: int | None
    name: str | None
    country_code: str | None
    admin1_code: str | None  # ISO 3166-2, e.g. "SY-ID"
    admin1_name: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    precision: Precision | None
    confidence: float


class Actor(TypedDict):
    """One actor mention, linked to a registry record where possible (`resolved`)."""

    text: str
    field: FieldName
    start: int
    end: int
    name: str
    kind: ActorKind
    country_code: str | None  # ISO 3166 alpha-3
    code: str | None  # CAMEO-style country + sector, e.g. "SYRMIL"
    wikidata: str | None
    resolved: bool
    confidence: float
    mention: MentionType
    actor_id: NotRequired[str | None]


class DedupVerdict(TypedDict):
    """Why an article was judged new, part of an open incident, or a copy."""

    verdict: Verdict
    duplicate_of: str | None
    score: float
    evidence: dict[str, Any]


class ReportRef(TypedDict):
    """One article counted in an incident."""

    article_id: str
    source: str | None
    url: str | None
    published_at: str | None
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Article:
    """A raw article that passed validation. `published_at` is timezone-aware UTC or None."""

    id: str
    title: str
    body: str
    source: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    published_raw: str | None = None
    language: str | None = None  # as declared by the producer
    warnings: tuple[str, ...] = ()  # degraded-processing flags, e.g. "body_truncated"

    def text(self, name: FieldName) -> str:
        return self.title if name == "title" else self.body


@dataclass(frozen=True, slots=True)
class TaggedArticle:
    """An article with its language, places, event place and actors: the input of incident matching."""

    article: Article
    language: str
    locations: list[Location] = field(default_factory=list)
    event_location: Location | None = None
    actors: list[Actor] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)


def article_to_json(article: Article) -> dict[str, Any]:
    """The raw-contract fields of an article (text as cleaned by the parse stage), as published."""
    return {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "url": article.url,
        "published_at": article.published_at.isoformat() if article.published_at else article.published_raw,
        "warnings": list(article.warnings),
    }


def tagged_to_json(tagged: TaggedArticle) -> dict[str, Any]:
    """Serialise a tagged article for the internal re-keyed topic (lossless: see `tagged_from_json`)."""
    a = tagged.article
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "body": a.body,
            "source": a.source,
            "url": a.url,
            "published_at": a.published_at.isoformat() if a.published_at else None,
            "published_raw": a.published_raw,
            "language": a.language,
            "warnings": list(a.warnings),
        },
        "language": tagged.language,
        "locations": tagged.locations,
        "event_location": tagged.event_location,
        "actors": tagged.actors,
        "stage_seconds": tagged.stage_seconds,
    }


def tagged_from_json(obj: dict[str, Any]) -> TaggedArticle:
    """Inverse of `tagged_to_json`."""
    a = obj["article"]
    article = Article(
        id=a["id"],
        title=a["title"],
        body=a["body"],
        source=a["source"],
        url=a["url"],
        published_at=datetime.fromisoformat(a["published_at"]) if a["published_at"] else None,
        published_raw=a["published_raw"],
        language=a["language"],
        warnings=tuple(a["warnings"]),
    )
    return TaggedArticle(
        article=article,
        language=obj["language"],
        locations=obj["locations"],
        event_location=obj["event_location"],
        actors=obj["actors"],
        stage_seconds=obj["stage_seconds"],
    )
