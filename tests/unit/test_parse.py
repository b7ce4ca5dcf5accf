"""The parse stage: every contract rule, every error code, every degraded path."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams import jsonio
from streams.errors import InputError
from streams.model import Article
from streams.settings import Settings
from streams.stages.parse import parse_article, parse_published_at

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SETTINGS = Settings()


def parse(obj: object) -> Article:
    return parse_article(jsonio.dumps(obj), SETTINGS, now=NOW)


def error_code(raw: bytes) -> str:
    with pytest.raises(InputError) as info:
        parse_article(raw, SETTINGS, now=NOW)
    return info.value.code


def test_minimal_article_keeps_every_contract_field() -> None:
    article = parse(
        {
            "id": "a1",
            "title": "Rebels leave town",
            "body": "Rebels left the town on Tuesday.",
            "source": "Agency",
            "url": "https://example.org/a1",
            "published_at": "2019-08-20T10:15:00+03:00",
            "language": "EN",
        }
    )
    assert article.id == "a1"
    assert article.published_at == datetime(2019, 8, 20, 7, 15, tzinfo=UTC)
    assert article.language == "en"
    assert article.warnings == ()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"not json", "invalid_json"),
        (b"", "invalid_json"),
        (b"[1, 2]", "not_an_object"),
        (b'"a string"', "not_an_object"),
        (b"null", "not_an_object"),
        (b'{"title": "x"}', "missing_id"),
        (b'{"id": null, "title": "x"}', "missing_id"),
        (b'{"id": "", "title": "x"}', "invalid_id"),
        (b'{"id": "  ", "title": "x"}', "invalid_id"),
        (b'{"id": 7, "title": "x"}', "invalid_id"),
        (b'{"id": "a\\u0000b", "title": "x"}', "invalid_id"),
        (b'{"id": "a"}', "empty_article"),
        (b'{"id": "a", "title": "", "body": "  \\n "}', "empty_article"),
        (b'{"id": "a", "body": "<div><br/></div>"}', "empty_article"),
        (b'{"id": "a", "body": 3}', "invalid_field"),
        (b'{"id": "a", "body": "x", "published_at": 20190820}', "invalid_field"),
        (b'{"id": "a", "body": "x", "source": ["AP"]}', "invalid_field"),
        (b"\xff\xfe{}", "invalid_utf8"),
        (b'{"id": "a", "body": NaN}', "invalid_json"),
        (b'{"id": "a", "body": "x"} trailing', "invalid_json"),
    ],
)
def test_contract_violations_get_stable_codes(raw: bytes, code: str) -> None:
    assert error_code(raw) == code


def test_limits_are_enforced() -> None:
    assert error_code(jsonio.dumps({"id": "x" * 10_000, "body": "b"})) == "invalid_id"
    assert error_code(jsonio.dumps({"id": "a", "title": "t" * 2_001})) == "invalid_field"
    big = Settings(max_message_bytes=1_000)
    with pytest.raises(InputError) as info:
        parse_article(jsonio.dumps({"id": "a", "body": "b" * 2_000}), big, now=NOW)
    assert info.value.code == "too_large"


def test_degraded_paths_keep_the_article_and_say_why() -> None:
    article = parse(
        {"id": "a", "title": "T\u0000", "body": "<p>Troops <b>entered</b> the town.</p>" + "x" * 300_000, "extra": 1}
    )
    assert "control_characters_removed" in article.warnings
    assert "html_removed" in article.warnings
    assert "body_truncated" in article.warnings
    assert "unknown_fields_ignored" in article.warnings
    assert "<b>" not in article.body
    assert len(article.body) == SETTINGS.max_body_chars


def test_bom_is_tolerated() -> None:
    article = parse_article(b"\xef\xbb\xbf" + jsonio.dumps({"id": "a", "body": "x"}), SETTINGS, now=NOW)
    assert article.id == "a"


@pytest.mark.parametrize(
    ("raw", "expected", "warning"),
    [
        (None, None, None),
        ("2019-08-20", datetime(2019, 8, 20, 12, tzinfo=UTC), None),
        ("2019-08-20T10:00:00Z", datetime(2019, 8, 20, 10, tzinfo=UTC), None),
        ("2019-08-20 10:00:00", datetime(2019, 8, 20, 10, tzinfo=UTC), None),
        ("20th of August", None, "published_at_unparseable"),
        ("2031-01-01T00:00:00Z", None, "published_at_in_future"),
        ("1900-01-01", None, "published_at_implausible"),
    ],
)
def test_published_at(raw: str | None, expected: datetime | None, warning: str | None) -> None:
    assert parse_published_at(raw, NOW) == (expected, warning)
