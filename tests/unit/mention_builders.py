"""Mentions for the incident and routing tests: body mentions at offset 0 of a town or an actor."""

from __future__ import annotations

from streams.model import Actor, ActorKind, Location, MentionType


def town(
    text: str,
    geonameid: int,
    name: str,
    admin1: tuple[str, str],
    point: tuple[float, float],
    confidence: float = 0.9,
) -> Location:
    """`admin1`: (ISO 3166-2 code, division name); `point`: (lat, lon). The country is the code's prefix."""
    return Location(
        text=text,
        field="body",
        start=0,
        end=len(text),
        geonameid=geonameid,
        name=name,
        country_code=admin1[0].split("-")[0],
        admin1_code=admin1[0],
        admin1_name=admin1[1],
        lat=point[0],
        lon=point[1],
        feature_class="P",
        precision="city",
        confidence=confidence,
    )


def actor(
    text: str,
    kind: ActorKind = "armed_group",
    code: str | None = None,
    actor_id: str | None = None,
    mention: MentionType = "name",
) -> Actor:
    """Resolved when it has a registry id."""
    return Actor(
        text=text,
        field="body",
        start=0,
        end=len(text),
        name=text,
        kind=kind,
        country_code=None,
        code=code,
        wikidata=None,
        resolved=actor_id is not None,
        confidence=0.9,
        mention=mention,
        actor_id=actor_id,
    )
