"""Mentions and reports for the incident tests: body mentions at offset 0 of a town or an actor, person mentions
where a text names them; reports of an earthquake in Iran felt in Dubai (one incident placed in two countries) and of
an unrelated ferry accident."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from streams.model import Actor, ActorKind, Article, FieldName, Location, MentionType, TaggedArticle


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


def people_named(title: str, body: str, *names: str) -> list[Actor]:
    """A person mention at every place the headline or body writes one of `names` (its last word standing alone
    counts too: "Ellis" after "Mark Ellis"), as the recogniser would give them."""
    found: list[Actor] = []
    for field_name, text in (("title", title), ("body", body)):
        for name in names:
            surname = [w for w in name.split() if w.rstrip(".") not in ("Jr", "Sr")][-1]
            for written in dict.fromkeys((name, surname)):
                for match in re.finditer(rf"\b{re.escape(written)}\b", text):
                    covered = any(a["field"] == field_name and a["start"] <= match.start() < a["end"] for a in found)
                    if not covered:
                        found.append(_person(written, name, field_name, match.start()))
    return sorted(found, key=lambda a: (a["field"] != "title", a["start"]))


def _person(text: str, name: str, field_name: str, start: int) -> Actor:
    mention = actor(text, kind="person")
    field: FieldName = "title" if field_name == "title" else "body"
    mention.update({"field": field, "start": start, "end": start + len(text), "name": name})
    return mention


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


BANDAR_ABBAS = town("Bandar Abbas", 141681, "Bandar Abbas", ("IR-23", "Hormozgan"), (27.19, 56.28))
DUBAI = town("Dubai", 292223, "Dubai", ("AE-DU", "Dubai"), (25.08, 55.31))
OSLO = town("Oslo", 3143244, "Oslo", ("NO-03", "Oslo"), (59.91, 10.75))

QUAKE_FROM_IRAN = (
    "Earthquake of magnitude 6.1 shakes southern Iran near Bandar Abbas",
    "An earthquake of magnitude 6.1 shook the port city of Bandar Abbas and villages of Hormozgan province on "
    "Saturday morning, damaging hundreds of mud-brick homes and injuring at least 37 people, the provincial "
    "crisis management office said.\nRescue teams from the Red Crescent searched collapsed houses in the villages "
    "of Qeshm island, and the quake was felt across the Gulf.",
)
QUAKE_FROM_DUBAI = (
    "Tremors from magnitude 6.1 Iran earthquake felt in Dubai",
    "Office towers swayed in Dubai on Saturday morning as an earthquake of magnitude 6.1 shook southern Iran near "
    "Bandar Abbas, damaging hundreds of mud-brick homes in Hormozgan province and injuring at least 37 people.\n"
    "Residents of Dubai Marina left their buildings; the Red Crescent searched collapsed houses on Qeshm island, "
    "Iranian officials said.",
)
FERRY_IN_OSLO = (
    "Ferry runs aground outside Oslo harbour",
    "A passenger ferry carrying 240 people ran aground outside Oslo harbour on Saturday evening; tugboats pulled it "
    "free after four hours and nobody was hurt, the coastguard said.",
)


def report(
    article_id: str,
    title: str,
    body: str,
    published: datetime,
    place: Location | None = None,
    actors: list[Actor] | None = None,
) -> TaggedArticle:
    """A tagged wire report whose event place (if any) is its only place."""
    article = Article(
        id=article_id,
        title=title,
        body=body,
        source="wire",
        url=f"https://example.org/{article_id}",
        published_at=published,
    )
    places = [place] if place else []
    return TaggedArticle(article, "en", locations=places, event_location=place, actors=list(actors or []))


QUAKE_IR = report("quake-ir", *QUAKE_FROM_IRAN, datetime(2024, 5, 4, 8, tzinfo=UTC), BANDAR_ABBAS)
QUAKE_AE = report("quake-ae", *QUAKE_FROM_DUBAI, datetime(2024, 5, 4, 9, tzinfo=UTC), DUBAI)
QUAKE_AE_LATER = report(
    "quake-ae-2",
    "Dubai residents describe swaying towers as Iran quake strikes",
    QUAKE_FROM_DUBAI[1],
    datetime(2024, 5, 4, 11, tzinfo=UTC),
    DUBAI,
)
FERRY = report("ferry", *FERRY_IN_OSLO, datetime(2024, 5, 4, 19, tzinfo=UTC), OSLO)
