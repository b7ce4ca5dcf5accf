"""Stage 4: a tagged article and its incident decision -> the enriched-article record published downstream."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from streams import PIPELINE_VERSION
from streams.incidents import Decision
from streams.model import TaggedArticle, article_to_json

STAGE = "publish"


def build_enriched(tagged: TaggedArticle, decision: Decision, processed_at: datetime | None = None) -> dict[str, Any]:
    """The `wire.articles.enriched` value (schemas/enriched_article.schema.json)."""
    return article_to_json(tagged.article) | {
        "language": tagged.language,
        "locations": tagged.locations,
        "event_location": tagged.event_location,
        # Named mentions and generic ones (roles, descriptions) apart, as PETRARCH keeps actors and agents: a user
        # counting who is named reads `actors`; country + sector coding reads both.
        "actors": [a for a in tagged.actors if a.get("mention", "name") == "name"],
        "agents": [a for a in tagged.actors if a.get("mention", "name") == "nominal"],
        "incident_id": decision.incident_id,
        "dedup": decision.verdict,
        "processed_at": (processed_at or datetime.now(UTC)).isoformat(),
        "pipeline_version": PIPELINE_VERSION,
    }


def summary_line(enriched: dict[str, Any]) -> str:
    """One readable line per enriched article, as `make run` prints it."""
    places = ", ".join(sorted({loc["name"] or loc["text"] for loc in enriched["locations"] if loc["geonameid"]}))
    mentions = [*enriched["actors"], *enriched["agents"]]
    actors = ", ".join(sorted({a["code"] or a["name"] for a in mentions if a["resolved"]}))
    event = enriched["event_location"]
    dedup = enriched["dedup"]
    copy = f" of {dedup['duplicate_of']}" if dedup.get("duplicate_of") else ""
    return (
        f"ARTICLE {enriched['id']}: event={event['name'] if event else '-'} | places={places or '-'} | "
        f"actors={actors or '-'} | {dedup['verdict']}{copy} -> {enriched['incident_id']}"
    )


def incident_line(record: dict[str, Any]) -> str:
    """One readable line per incident record."""
    place = record.get("event_location") or {}
    return (
        f"INCIDENT {record['incident_id']} v{record['version']} {record.get('status', '')}: "
        f"{record.get('headline') or ''} @ {place.get('name') or '-'} ({record['report_count']} reports)"
    )
