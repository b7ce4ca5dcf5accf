"""Stage 1: raw message bytes -> a validated `Article`, or an `InputError` with a stable error code."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from streams import jsonio
from streams.errors import InputError
from streams.model import Article
from streams.settings import Settings

STAGE = "parse"
KNOWN_FIELDS = frozenset({"id", "title", "body", "source", "url", "published_at", "language"})
# Publication times before this are not news we can place in event time (typos such as 1900-01-01).
EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=1)

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(
    r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->|</?[a-zA-Z][^<>]{0,2000}>", re.S | re.I
)
_HTML_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|h[1-6]|tr|section|article)\b[^<>]*>", re.I)
_ID_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f]")


def parse_article(raw: bytes, settings: Settings, *, now: datetime | None = None) -> Article:
    """Decode and validate one raw message. Raises InputError(code) for anything the contract rejects."""
    if len(raw) > settings.max_message_bytes:
        raise InputError(f"message of {len(raw)} bytes exceeds {settings.max_message_bytes}", code="too_large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 at byte {exc.start}", code="invalid_utf8") from exc
    text = text.removeprefix("\ufeff")  # a UTF-8 BOM is tolerated: common from Windows producers
    try:
        obj = jsonio.loads(text)
    except jsonio.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc}", code="invalid_json") from exc
    if not isinstance(obj, dict):
        raise InputError(f"JSON {type(obj).__name__} where an object was expected", code="not_an_object")
    return article_from_object(obj, settings, now=now)


def article_from_object(obj: dict[str, Any], settings: Settings, *, now: datetime | None = None) -> Article:
    """Validate a decoded JSON object against the raw-article contract; unknown fields are ignored."""
    warnings: list[str] = []
    article_id = _article_id(obj, settings)
    title = _optional_str(obj, "title", settings.max_title_chars)
    body = _optional_str(obj, "body", None)
    source = _optional_str(obj, "source", settings.max_field_chars)
    url = _optional_str(obj, "url", settings.max_field_chars)
    language = _optional_str(obj, "language", settings.max_field_chars)
    published_raw = _optional_str(obj, "published_at", settings.max_field_chars)

    title, body = title or "", body or ""
    if _CONTROL_CHARS.search(title) or _CONTROL_CHARS.search(body):
        title, body = _CONTROL_CHARS.sub(" ", title), _CONTROL_CHARS.sub(" ", body)
        warnings.append("control_characters_removed")
    if "<" in body and _HTML_TAG.search(body):
        body = strip_html(body)
        warnings.append("html_removed")
    if "<" in title and _HTML_TAG.search(title):
        title = strip_html(title)
        if "html_removed" not in warnings:
            warnings.append("html_removed")
    if not title.strip() and not body.strip():
        raise InputError("no title and no body text", code="empty_article")
    if len(body) > settings.max_body_chars:
        body = body[: settings.max_body_chars]
        warnings.append("body_truncated")

    published_at, date_warning = parse_published_at(published_raw, now or datetime.now(UTC))
    if date_warning:
        warnings.append(date_warning)
    if set(obj) - KNOWN_FIELDS:
        warnings.append("unknown_fields_ignored")
    return Article(
        id=article_id,
        title=title,
        body=body,
        source=source,
        url=url,
        published_at=published_at,
        published_raw=published_raw,
        language=language.lower() if language else None,
        warnings=tuple(warnings),
    )


def strip_html(text: str) -> str:
    """Remove tags and scripts, keep block breaks as newlines, unescape entities."""
    text = _HTML_BLOCK_TAG.sub("\n", text)
    text = _HTML_TAG.sub(" ", text)
    return html.unescape(text)


def parse_published_at(raw: str | None, now: datetime) -> tuple[datetime | None, str | None]:
    """RFC 3339 timestamp or plain date -> aware UTC datetime usable as event time, plus a warning if not usable."""
    if raw is None or not raw.strip():
        return None, None
    value = raw.strip()
    try:
        if len(value) == 10:
            parsed = datetime.combine(date.fromisoformat(value), time(12, 0), tzinfo=UTC)
        else:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
            parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except ValueError:
        return None, "published_at_unparseable"
    if parsed > now + FUTURE_TOLERANCE:
        return None, "published_at_in_future"
    if parsed < EARLIEST_PLAUSIBLE:
        return None, "published_at_implausible"
    return parsed, None


def _article_id(obj: dict[str, Any], settings: Settings) -> str:
    if "id" not in obj or obj["id"] is None:
        raise InputError("field 'id' is missing", code="missing_id")
    value = obj["id"]
    if not isinstance(value, str):
        raise InputError(f"field 'id' is a {type(value).__name__}, not a string", code="invalid_id")
    if not value.strip():
        raise InputError("field 'id' is empty", code="invalid_id")
    if len(value) > settings.max_id_chars:
        raise InputError(f"field 'id' has {len(value)} characters (limit {settings.max_id_chars})", code="invalid_id")
    if _ID_FORBIDDEN.search(value):
        raise InputError("field 'id' contains control characters", code="invalid_id")
    return value


def _optional_str(obj: dict[str, Any], name: str, limit: int | None) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {name!r} is a {type(value).__name__}, not a string", code="invalid_field")
    if limit is not None and len(value) > limit:
        raise InputError(f"field {name!r} has {len(value)} characters (limit {limit})", code="invalid_field")
    return value
