"""A town mention for the incident tests: a body mention at offset 0, resolved to a GeoNames city."""

from __future__ import annotations

from streams.model import Location


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
