"""The seed reports, their expected grouping, the malformed seeds and the bad-input corpus are well formed and agree."""

from __future__ import annotations

import base64
import importlib.util
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from streams import jsonio
from streams.errors import DEAD_LETTER_CODES, DEGRADED_WARNINGS, InputError
from streams.settings import Settings
from streams.stages.parse import parse_article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
BAD_INPUTS = ROOT / "tests" / "data" / "bad_inputs"

# Every code the parse stage can give to producer input (stage_error is our own failure, not a kind of input),
# and every degraded-processing warning: the lists streams.errors declares for metrics and docs.
ERROR_CODES = {code for stage, code in DEAD_LETTER_CODES if stage == "parse"} - {"stage_error"}
WARNINGS = set(DEGRADED_WARNINGS)
# Raised later than parse (by the tag stage), so a parse-only check cannot see it.
TAG_STAGE_WARNINGS = {"language_not_supported"}
SPELLINGS = ("Khan Sheikhoun", "Khan Shaykhun", "Khan Sheikhun", "Khan Shaykhoun")
WITHDRAWAL = "khan-sheikhoun-withdrawal-2019"
CHEMICAL = "khan-sheikhoun-chemical-attack-2017"
CONVOY = "turkish-convoy-strike-2019"
HOOVER_AVENUE = "dayton-hoover-avenue-shooting-2024-05-14"
SALEM_AVENUE = "dayton-salem-avenue-shooting-2024-05-15"
# A fixed processing time keeps the clock-dependent cases deterministic; it lies after every seed's publication (the
# South Sudan week, heldout126, is dated February 2026).
NOW = datetime(2027, 1, 1, tzinfo=UTC)


def read_jsonl(path: Path) -> list[Any]:
    return [jsonio.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def utc(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, value
    return parsed.astimezone(UTC)


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def lead(body: str) -> str:
    """The first real paragraph: some agencies put the dateline ("ANKARA") on a line of its own."""
    return next(paragraph for paragraph in body.split("\n\n") if words(paragraph) > 8)


@pytest.fixture(scope="module")
def articles() -> list[dict[str, Any]]:
    return read_jsonl(SEEDS / "articles.jsonl")


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    loaded = jsonio.loads((SEEDS / "expected_incidents.json").read_bytes())
    assert isinstance(loaded, dict)
    return loaded


def by_label(articles: list[dict[str, Any]], labels: dict[str, str], label: str) -> list[dict[str, Any]]:
    return [a for a in articles if labels[a["id"]] == label]


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bad_inputs_build_cases", BAD_INPUTS / "build_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- seeds/articles.jsonl and seeds/expected_incidents.json


def test_every_seed_follows_the_raw_contract(articles: list[dict[str, Any]]) -> None:
    assert len(articles) >= 23
    for article in articles:
        assert set(article) == {"id", "title", "body", "source", "url", "published_at", "language"}, article["id"]
        assert all(isinstance(value, str) and value for value in article.values()), article["id"]
        assert article["language"] == "en"
        assert article["url"].startswith("https://")
        utc(article["published_at"])
        assert 150 <= words(article["body"]) <= 450, (article["id"], words(article["body"]))


def test_seeds_pass_the_parse_stage_without_warnings(articles: list[dict[str, Any]]) -> None:
    settings = Settings()
    for article in articles:
        parsed = parse_article(jsonio.dumps(article), settings, now=NOW)
        assert parsed.id == article["id"]
        assert parsed.warnings == ()
        assert parsed.published_at == utc(article["published_at"])


def test_seed_ids_and_urls_are_unique(articles: list[dict[str, Any]]) -> None:
    ids = [a["id"] for a in articles]
    urls = [a["url"] for a in articles]
    assert len(ids) == len(set(ids))
    assert len(urls) == len(set(urls))


def test_every_seed_has_exactly_one_expected_incident(articles: list[dict[str, Any]], labels: dict[str, str]) -> None:
    assert set(labels) == {a["id"] for a in articles}
    assert all(isinstance(label, str) and label for label in labels.values())


def test_withdrawal_reports_cover_agencies_spellings_and_three_days(
    articles: list[dict[str, Any]], labels: dict[str, str]
) -> None:
    reports = by_label(articles, labels, WITHDRAWAL)
    assert len(reports) >= 12
    assert len({a["source"] for a in reports}) >= 5
    for spelling in SPELLINGS:
        # Each spelling appears on its own, not only as part of a longer one ("Khan Sheikhun" vs "Khan Sheikhoun").
        using = [a["id"] for a in reports if re.search(rf"\b{spelling}\b", a["title"] + "\n" + a["body"])]
        assert using, spelling
    assert {utc(a["published_at"]).date() for a in reports} == {
        date(2019, 8, 20),
        date(2019, 8, 21),
        date(2019, 8, 22),
    }
    assert sum("on Tuesday" in a["body"] for a in reports) >= 3


def test_withdrawal_reports_include_a_verbatim_syndicated_copy(
    articles: list[dict[str, Any]], labels: dict[str, str]
) -> None:
    bodies = Counter(a["body"] for a in by_label(articles, labels, WITHDRAWAL))
    copied = [body for body, count in bodies.items() if count > 1]
    assert copied
    copies = [a for a in articles if a["body"] == copied[0]]
    assert len({a["source"] for a in copies}) == len(copies)
    assert len({a["url"] for a in copies}) == len(copies)


def test_withdrawal_reports_include_a_different_headline_and_lead(
    articles: list[dict[str, Any]], labels: dict[str, str]
) -> None:
    reports = by_label(articles, labels, WITHDRAWAL)
    leads = [lead(a["body"]).lower() for a in reports]
    # At least one report leads with the army entering the town and never says "withdr" in its lead.
    army_leads = [lead for lead in leads if "enter" in lead and "withdr" not in lead and "pull" not in lead]
    assert army_leads


def test_related_incidents_are_dated_as_briefed(articles: list[dict[str, Any]], labels: dict[str, str]) -> None:
    chemical = by_label(articles, labels, CHEMICAL)
    convoy = by_label(articles, labels, CONVOY)
    assert len(chemical) >= 3
    assert len(convoy) >= 3
    assert {utc(a["published_at"]).date() for a in chemical} <= {date(2017, 4, 4), date(2017, 4, 5)}
    assert {utc(a["published_at"]).date() for a in convoy} <= {date(2019, 8, 19), date(2019, 8, 20)}
    for article in convoy:
        assert "Morek" in article["body"] and "Maarat al-Numan" in article["body"], article["id"]
        assert "three civilians" in article["body"].lower() or "3 civilians" in article["title"], article["id"]
        assert "convoy" in lead(article["body"]).lower(), article["id"]


def test_unrelated_reports_are_each_their_own_incident(articles: list[dict[str, Any]], labels: dict[str, str]) -> None:
    grouped_labels = {WITHDRAWAL, CHEMICAL, CONVOY, HOOVER_AVENUE, SALEM_AVENUE}
    unrelated = [a for a in articles if labels[a["id"]] not in grouped_labels]
    assert len(unrelated) >= 5
    assert len({labels[a["id"]] for a in unrelated}) == len(unrelated)
    for article in unrelated:
        assert not any(spelling in article["body"] for spelling in SPELLINGS), article["id"]


def test_local_reports_tell_two_look_alike_shootings_on_consecutive_days(
    articles: list[dict[str, Any]], labels: dict[str, str]
) -> None:
    hoover, salem = by_label(articles, labels, HOOVER_AVENUE), by_label(articles, labels, SALEM_AVENUE)
    assert len(hoover) >= 3 and len(salem) >= 2
    for article in hoover + salem:
        assert article["body"].startswith("DAYTON, Ohio"), article["id"]
        assert article["published_at"].endswith("-04:00"), article["id"]  # local time, as local outlets publish
    # Told in the same words: the same kind of lead, the same spokesman, a day apart.
    assert all(re.search(r"\bshot\b|shooting", lead(a["body"])) for a in hoover + salem)
    assert {a["id"] for a in hoover + salem if "Tom Reyes" in a["body"]} >= {hoover[0]["id"], salem[0]["id"]}
    assert "Tuesday night" in lead(hoover[0]["body"]) and "Wednesday evening" in lead(salem[0]["body"])
    # Every later Hoover Avenue report names the victim; one leads with the day of its own news (the charge).
    assert all("Jamal Carter" in a["body"] for a in hoover[1:])
    assert any(re.search(r"on Friday .* Tuesday's", lead(a["body"])) for a in hoover)


# --- seeds/malformed.jsonl


def test_malformed_seeds_are_dead_lettered_with_their_code() -> None:
    rows = read_jsonl(SEEDS / "malformed.jsonl")
    assert len({row["case"] for row in rows}) == len(rows) >= 8
    settings = Settings()
    for row in rows:
        assert set(row) == {"case", "payload_b64", "expected_code"}
        assert row["expected_code"] in ERROR_CODES
        with pytest.raises(InputError) as raised:
            parse_article(base64.b64decode(row["payload_b64"], validate=True), settings, now=NOW)
        assert raised.value.code == row["expected_code"], row["case"]


# --- tests/data/bad_inputs/cases.jsonl


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return read_jsonl(BAD_INPUTS / "cases.jsonl")


def test_bad_input_manifest_matches_its_builder() -> None:
    builder = load_builder()
    assert (BAD_INPUTS / "cases.jsonl").read_bytes() == builder.manifest_bytes()


def test_bad_input_cases_are_well_formed(cases: list[dict[str, Any]]) -> None:
    names = [case["case"] for case in cases]
    assert len(names) == len(set(names)) >= 30
    for case in cases:
        sources = [key for key in ("payload_b64", "payloads_b64", "generator") if key in case]
        assert len(sources) == 1, case["case"]
        assert case["description"], case["case"]
        assert "key_b64" in case, case["case"]
        if case["key_b64"] is not None:
            base64.b64decode(case["key_b64"], validate=True)
        if "payloads_b64" in case:
            assert len(case["payloads_b64"]) >= 2
            for payload in case["payloads_b64"]:
                base64.b64decode(payload, validate=True)
        elif "payload_b64" in case:
            base64.b64decode(case["payload_b64"], validate=True)
        else:
            assert isinstance(case["params"], dict)
        if case["expected"] == "dead_letter":
            assert case["expected_code"] in ERROR_CODES, case["case"]
            assert "expected_warnings" not in case
        else:
            assert case["expected"] == "degraded", case["case"]
            assert set(case["expected_warnings"]) <= WARNINGS, case["case"]
            assert set(case.get("optional_warnings", [])) <= WARNINGS, case["case"]
            assert "expected_code" not in case


def test_bad_input_corpus_covers_every_code_and_warning(cases: list[dict[str, Any]]) -> None:
    codes = {case["expected_code"] for case in cases if case["expected"] == "dead_letter"}
    warned = {w for case in cases if case["expected"] == "degraded" for w in case["expected_warnings"]}
    optional = {w for case in cases for w in case.get("optional_warnings", [])}
    assert codes == ERROR_CODES
    assert warned | optional == WARNINGS


def test_bad_input_outcomes_agree_with_the_parse_stage(cases: list[dict[str, Any]]) -> None:
    builder = load_builder()
    settings = Settings()
    for case in cases:
        if "generator" in case:
            payloads = [builder.generate(case["generator"], case["params"])]
        elif "payloads_b64" in case:
            payloads = [base64.b64decode(p) for p in case["payloads_b64"]]
        else:
            payloads = [base64.b64decode(case["payload_b64"])]
        for payload in payloads:
            if case["expected"] == "dead_letter":
                with pytest.raises(InputError) as raised:
                    parse_article(payload, settings, now=NOW)
                assert raised.value.code == case["expected_code"], case["case"]
                continue
            warnings = set(parse_article(payload, settings, now=NOW).warnings)
            required = set(case["expected_warnings"]) - TAG_STAGE_WARNINGS
            allowed = set(case["expected_warnings"]) | set(case.get("optional_warnings", []))
            assert required <= warnings <= allowed, (case["case"], warnings)


def test_generators_produce_the_sizes_their_cases_promise() -> None:
    builder = load_builder()
    limit = Settings().max_message_bytes
    assert len(builder.generate("big_body", {"id": "g", "bytes": 20_000_000})) > 20_000_000
    assert len(builder.generate("big_body", {"id": "g", "bytes": 4_000_000})) > limit
    assert len(builder.generate("big_body", {"id": "g", "bytes": 250_000})) < limit
    article = jsonio.loads(builder.generate("long_id", {"chars": 10_000}))
    assert len(article["id"]) == 10_000
    nested = builder.generate("deep_nesting", {"id": "g", "depth": 500})
    assert nested.count(b"[") == 500 and jsonio.loads(nested)["id"] == "g"
    with pytest.raises(jsonio.JSONDecodeError):
        jsonio.loads(builder.generate("deep_nesting", {"id": "g", "depth": 2_000}))
    places = jsonio.loads(builder.generate("many_places", {"id": "g", "count": 5_000}))
    assert places["body"].count(", ") >= 4_999


def test_each_lead_is_about_its_own_incident(articles: list[dict[str, Any]], labels: dict[str, str]) -> None:
    # Background paragraphs mention the neighbouring incidents on purpose; the lead must not.
    for article in by_label(articles, labels, WITHDRAWAL):
        first = lead(article["body"]).lower()
        assert not any(word in first for word in ("convoy", "chemical", "sarin", "2017")), article["id"]
    for article in by_label(articles, labels, CHEMICAL):
        first = lead(article["body"]).lower()
        assert "chemical" in first or "gas" in first, article["id"]
        assert "2019" not in article["body"], article["id"]


def test_seeds_are_in_publication_order(articles: list[dict[str, Any]]) -> None:
    times = [utc(a["published_at"]) for a in articles]
    assert times == sorted(times)


# --- seeds/lookalikes*.jsonl and their gold files (make eval's seeds-lookalikes sets)


@pytest.mark.parametrize(
    ("name", "opening", "violent"),
    [
        ("lookalikes", "COLUMBUS, Ohio", 5),
        ("lookalikes_heldout", None, 5),
        ("lookalikes_heldout2", None, 4),
        ("lookalikes_heldout3", None, 4),
        ("lookalikes_heldout4", None, 2),
        ("lookalikes_heldout5", None, 4),
        ("lookalikes_heldout6", None, 6),
        ("lookalikes_heldout7", None, 3),
        ("lookalikes_heldout8", None, 0),
        ("lookalikes_heldout9", None, 5),
        ("lookalikes_heldout10", None, 2),
        ("lookalikes_heldout11", None, 5),
        ("lookalikes_heldout12", None, 5),
        ("lookalikes_heldout13", None, 0),
        ("lookalikes_heldout14", None, 0),
        ("lookalikes_heldout15", None, 0),
        ("lookalikes_heldout16", None, 7),
        ("lookalikes_heldout17", None, 7),
        ("lookalikes_heldout18", None, 0),
        ("lookalikes_heldout19", None, 2),
        ("lookalikes_heldout20", None, 5),
        ("lookalikes_heldout21", None, 5),
        ("lookalikes_heldout22", None, 7),
        ("lookalikes_heldout23", None, 7),
        ("lookalikes_heldout24", None, 1),
        ("lookalikes_heldout25", None, 5),
        ("lookalikes_heldout26", None, 5),
        ("lookalikes_heldout27", None, 6),
        ("lookalikes_heldout28", None, 5),
        ("lookalikes_heldout29", None, 7),
        ("lookalikes_heldout30", None, 9),
        ("lookalikes_heldout31", None, 5),
        ("lookalikes_heldout32", None, 6),
        ("lookalikes_heldout33", None, 6),
        ("lookalikes_heldout34", None, 4),
        ("lookalikes_heldout35", None, 6),
        ("lookalikes_heldout36", None, 7),
        ("lookalikes_heldout37", None, 6),
        ("lookalikes_heldout38", None, 6),
        ("lookalikes_heldout39", None, 5),
        ("lookalikes_heldout40", None, 1),
        ("lookalikes_heldout41", None, 8),
        ("lookalikes_heldout42", None, 1),
        ("lookalikes_heldout43", None, 6),
        ("lookalikes_heldout44", None, 5),
        ("lookalikes_heldout45", None, 5),
        ("lookalikes_heldout46", None, 0),
        ("lookalikes_heldout47", None, 5),
        ("lookalikes_heldout48", None, 5),
        ("lookalikes_heldout49", None, 6),
        ("lookalikes_heldout50", None, 6),
        ("lookalikes_heldout51", None, 2),
        ("lookalikes_heldout52", None, 8),
        ("lookalikes_heldout53", None, 7),
        ("lookalikes_heldout54", None, 7),
        ("lookalikes_heldout55", None, 6),
        ("lookalikes_heldout56", None, 0),
        ("lookalikes_heldout57", None, 6),
        ("lookalikes_heldout58", None, 2),
        ("lookalikes_heldout59", None, 5),
        ("lookalikes_heldout60", None, 7),
        ("lookalikes_heldout61", None, 9),
        ("lookalikes_heldout62", None, 7),
        ("lookalikes_heldout63", None, 1),
        ("lookalikes_heldout64", None, 5),
        ("lookalikes_heldout65", None, 6),
        ("lookalikes_heldout66", None, 5),
        ("lookalikes_heldout67", None, 1),
        ("lookalikes_heldout68", None, 6),
        ("lookalikes_heldout69", None, 3),
        ("lookalikes_heldout70", None, 7),
        ("lookalikes_heldout71", None, 2),
        ("lookalikes_heldout72", None, 6),
        ("lookalikes_heldout73", None, 4),
        ("lookalikes_heldout74", None, 3),
        ("lookalikes_heldout75", None, 5),
        ("lookalikes_heldout76", None, 0),
        ("lookalikes_heldout77", None, 5),
        ("lookalikes_heldout78", None, 5),
        ("lookalikes_heldout79", None, 1),
        ("lookalikes_heldout80", None, 5),
        ("lookalikes_heldout81", None, 6),
        ("lookalikes_heldout82", None, 6),
        ("lookalikes_heldout83", None, 4),
        ("lookalikes_heldout84", None, 6),
        ("lookalikes_heldout85", None, 6),
        ("lookalikes_heldout86", None, 4),
        ("lookalikes_heldout87", None, 4),
        ("lookalikes_heldout88", None, 7),
        ("lookalikes_heldout89", None, 2),
        ("lookalikes_heldout90", None, 0),
        ("lookalikes_heldout91", None, 5),
        ("lookalikes_heldout92", None, 5),
        ("lookalikes_heldout93", None, 7),
        ("lookalikes_heldout94", None, 6),
        ("lookalikes_heldout95", None, 3),
        ("lookalikes_heldout96", None, 0),
        ("lookalikes_heldout97", None, 5),
        ("lookalikes_heldout98", None, 2),
        ("lookalikes_heldout99", None, 6),
        ("lookalikes_heldout100", None, 5),
        ("lookalikes_heldout101", None, 4),
        ("lookalikes_heldout102", None, 7),
        ("lookalikes_heldout103", None, 0),
        ("lookalikes_heldout104", None, 5),
        ("lookalikes_heldout105", None, 6),
        ("lookalikes_heldout106", None, 0),
        ("lookalikes_heldout107", None, 6),
        ("lookalikes_heldout108", None, 5),
        ("lookalikes_heldout109", None, 4),
        ("lookalikes_heldout110", None, 6),
        ("lookalikes_heldout111", None, 5),
        ("lookalikes_heldout112", None, 6),
        ("lookalikes_heldout113", None, 0),
        ("lookalikes_heldout114", None, 5),
        ("lookalikes_heldout115", None, 5),
        ("lookalikes_heldout116", None, 6),
        ("lookalikes_heldout117", None, 3),
        ("lookalikes_heldout118", None, 6),
        ("lookalikes_heldout119", None, 3),
        ("lookalikes_heldout120", None, 5),
        ("lookalikes_heldout121", None, 3),
        ("lookalikes_heldout122", None, 5),
        ("lookalikes_heldout123", None, 8),
        ("lookalikes_heldout124", None, 5),
        ("lookalikes_heldout125", None, 4),
        ("lookalikes_heldout126", None, 1),
        ("lookalikes_heldout127", None, 3),
        ("lookalikes_heldout128", None, 4),
        ("lookalikes_heldout129", None, 6),
        ("lookalikes_heldout130", None, 1),
        ("lookalikes_heldout131", None, 4),
        ("lookalikes_heldout132", None, 5),
        ("lookalikes_heldout133", None, 5),
        ("lookalikes_heldout134", None, 2),
        ("lookalikes_heldout135", None, 5),
        ("lookalikes_heldout136", None, 1),
        ("lookalikes_heldout137", None, 4),
        ("lookalikes_heldout138", None, 1),
        ("lookalikes_heldout139", None, 5),
        ("lookalikes_heldout140", None, 4),
        ("lookalikes_heldout141", None, 6),
        ("lookalikes_heldout142", None, 3),
        ("lookalikes_heldout143", None, 5),
        ("lookalikes_heldout144", None, 6),
        ("lookalikes_heldout145", None, 0),
        ("lookalikes_heldout146", None, 4),
        ("lookalikes_heldout147", None, 3),
        ("lookalikes_heldout148", None, 6),
        ("lookalikes_heldout149", None, 0),
        ("lookalikes_heldout150", None, 5),
        ("lookalikes_heldout151", None, 5),
        ("lookalikes_heldout152", None, 0),
        ("lookalikes_heldout153", None, 5),
        ("lookalikes_heldout154", None, 5),
        ("lookalikes_heldout155", None, 6),
        ("lookalikes_heldout156", None, 4),
        ("lookalikes_heldout157", None, 5),
        ("lookalikes_heldout158", None, 3),
        ("lookalikes_heldout159", None, 5),
        ("lookalikes_heldout160", None, 3),
        ("lookalikes_heldout161", None, 4),
        ("lookalikes_heldout162", None, 6),
        ("lookalikes_heldout163", None, 4),
        ("lookalikes_heldout164", None, 5),
        ("lookalikes_heldout165", None, 7),
        ("lookalikes_heldout166", None, 5),
        ("lookalikes_heldout167", None, 5),
        ("lookalikes_heldout168", None, 6),
        ("lookalikes_heldout169", None, 2),
        ("lookalikes_heldout170", None, 7),
        ("lookalikes_heldout171", None, 5),
        ("lookalikes_heldout172", None, 5),
        ("lookalikes_heldout173", None, 6),
        ("lookalikes_heldout174", None, 8),
        ("lookalikes_heldout175", None, 5),
        ("lookalikes_heldout176", None, 7),
        ("lookalikes_heldout177", None, 6),
        ("lookalikes_heldout178", None, 6),
        ("lookalikes_heldout179", None, 3),
        ("lookalikes_heldout180", None, 7),
        ("lookalikes_heldout181", None, 6),
        ("lookalikes_heldout182", None, 6),
        ("lookalikes_heldout183", None, 8),
        ("lookalikes_heldout184", None, 2),
        ("lookalikes_heldout185", None, 1),
        ("lookalikes_heldout186", None, 5),
        ("lookalikes_heldout187", None, 4),
        ("lookalikes_heldout188", None, 6),
        ("lookalikes_heldout189", None, 5),
        ("lookalikes_heldout190", None, 6),
        ("lookalikes_heldout191", None, 7),
        ("lookalikes_heldout192", None, 5),
        ("lookalikes_heldout193", None, 1),
        ("lookalikes_heldout194", None, 6),
        ("lookalikes_heldout195", None, 1),
        ("lookalikes_heldout196", None, 6),
        ("lookalikes_heldout197", None, 6),
        ("lookalikes_heldout198", None, 5),
        ("lookalikes_heldout199", None, 8),
        ("lookalikes_heldout200", None, 1),
        ("lookalikes_heldout201", None, 6),
        ("lookalikes_heldout202", None, 6),
        ("lookalikes_heldout203", None, 7),
        ("lookalikes_heldout204", None, 6),
        ("lookalikes_heldout205", None, 6),
        ("lookalikes_heldout206", None, 5),
        ("lookalikes_heldout207", None, 4),
        ("lookalikes_heldout208", None, 0),
        ("lookalikes_heldout209", None, 6),
        ("lookalikes_heldout210", None, 8),
        ("lookalikes_heldout211", None, 2),
        ("lookalikes_heldout212", None, 6),
        ("lookalikes_heldout213", None, 5),
        ("lookalikes_heldout214", None, 5),
        ("lookalikes_heldout215", None, 5),
        ("lookalikes_heldout216", None, 1),
        ("lookalikes_heldout217", None, 6),
        ("lookalikes_heldout218", None, 6),
        ("lookalikes_heldout219", None, 6),
        ("lookalikes_heldout220", None, 5),
        ("lookalikes_heldout221", None, 0),
        ("lookalikes_heldout222", None, 6),
        ("lookalikes_heldout223", None, 7),
        ("lookalikes_heldout224", None, 5),
        ("lookalikes_heldout225", None, 6),
        ("lookalikes_heldout226", None, 6),
        ("lookalikes_heldout227", None, 0),
        ("lookalikes_heldout228", None, 7),
        ("lookalikes_heldout229", None, 6),
        ("lookalikes_heldout230", None, 7),
        ("lookalikes_heldout231", None, 4),
        ("lookalikes_heldout232", None, 0),
        ("lookalikes_heldout233", None, 5),
        ("lookalikes_heldout234", None, 4),
        ("lookalikes_heldout235", None, 0),
        ("lookalikes_heldout236", None, 0),
        ("lookalikes_heldout237", None, 5),
        ("lookalikes_heldout238", None, 7),
        ("lookalikes_heldout239", None, 5),
        ("lookalikes_heldout240", None, 6),
        ("lookalikes_heldout241", None, 5),
        ("lookalikes_heldout242", None, 5),
        ("lookalikes_heldout243", None, 6),
        ("lookalikes_heldout244", None, 0),
        ("lookalikes_heldout245", None, 6),
        ("lookalikes_heldout246", None, 6),
        ("lookalikes_heldout247", None, 6),
        ("lookalikes_heldout248", None, 6),
        ("lookalikes_heldout249", None, 6),
        ("lookalikes_heldout250", None, 7),
        ("lookalikes_heldout251", None, 7),
        ("lookalikes_heldout252", None, 0),
        ("lookalikes_heldout253", None, 8),
        ("lookalikes_heldout254", None, 6),
        ("lookalikes_heldout255", None, 6),
        ("lookalikes_heldout256", None, 7),
        ("lookalikes_heldout257", None, 6),
        ("lookalikes_heldout258", None, 6),
        ("lookalikes_heldout259", None, 5),
        ("lookalikes_heldout260", None, 0),
        ("lookalikes_heldout261", None, 5),
        ("lookalikes_heldout262", None, 6),
        ("lookalikes_heldout263", None, 6),
        ("lookalikes_heldout264", None, 6),
        ("lookalikes_heldout265", None, 7),
        ("lookalikes_heldout266", None, 5),
        ("lookalikes_heldout267", None, 5),
        ("lookalikes_heldout268", None, 0),
        ("lookalikes_heldout269", None, 5),
        ("lookalikes_heldout270", None, 6),
        ("lookalikes_heldout271", None, 6),
        ("lookalikes_heldout272", None, 4),
        ("lookalikes_heldout273", None, 5),
        ("lookalikes_heldout274", None, 5),
        ("lookalikes_heldout275", None, 5),
        ("lookalikes_heldout276", None, 0),
        ("lookalikes_heldout277", None, 6),
        ("lookalikes_heldout278", None, 6),
        ("lookalikes_heldout279", None, 5),
        ("lookalikes_heldout280", None, 7),
        ("lookalikes_heldout281", None, 5),
        ("lookalikes_heldout282", None, 8),
        ("lookalikes_heldout283", None, 5),
        ("lookalikes_heldout284", None, 0),
        ("lookalikes_heldout285", None, 7),
        ("lookalikes_heldout286", None, 5),
        ("lookalikes_heldout287", None, 5),
        ("lookalikes_heldout288", None, 6),
        ("lookalikes_heldout289", None, 7),
        ("lookalikes_heldout290", None, 5),
        ("lookalikes_heldout291", None, 5),
        ("lookalikes_heldout292", None, 0),
        ("lookalikes_heldout293", None, 6),
        ("lookalikes_heldout294", None, 5),
        ("lookalikes_heldout295", None, 5),
        ("lookalikes_heldout296", None, 6),
        ("lookalikes_heldout297", None, 5),
        ("lookalikes_heldout298", None, 6),
        ("lookalikes_heldout299", None, 6),
        ("lookalikes_heldout300", None, 0),
        ("lookalikes_heldout301", None, 5),
        ("lookalikes_heldout302", None, 6),
        ("lookalikes_heldout303", None, 5),
        ("lookalikes_heldout304", None, 5),
        ("lookalikes_heldout305", None, 7),
        ("lookalikes_heldout306", None, 6),
        ("lookalikes_heldout307", None, 5),
        ("lookalikes_heldout308", None, 0),
        ("lookalikes_heldout309", None, 8),
        ("lookalikes_heldout310", None, 5),
        ("lookalikes_heldout311", None, 6),
        ("lookalikes_heldout312", None, 5),
        ("lookalikes_heldout313", None, 5),
        ("lookalikes_heldout314", None, 6),
        ("lookalikes_heldout315", None, 6),
        ("lookalikes_heldout316", None, 0),
        ("lookalikes_heldout317", None, 6),
        ("lookalikes_heldout318", None, 7),
        ("lookalikes_heldout319", None, 5),
        ("lookalikes_heldout320", None, 7),
        ("lookalikes_heldout321", None, 7),
        ("lookalikes_heldout322", None, 6),
        ("lookalikes_heldout323", None, 7),
        ("lookalikes_heldout324", None, 0),
        ("lookalikes_heldout325", None, 6),
        ("lookalikes_heldout326", None, 5),
        ("lookalikes_heldout327", None, 6),
        ("lookalikes_heldout328", None, 6),
        ("lookalikes_heldout329", None, 6),
        ("lookalikes_heldout330", None, 6),
        ("lookalikes_heldout331", None, 7),
        ("lookalikes_heldout332", None, 0),
        ("lookalikes_heldout333", None, 6),
        ("lookalikes_heldout334", None, 7),
        ("lookalikes_heldout335", None, 6),
        ("lookalikes_heldout336", None, 6),
        ("lookalikes_heldout337", None, 6),
        ("lookalikes_heldout338", None, 5),
        ("lookalikes_heldout339", None, 6),
        ("lookalikes_heldout340", None, 0),
        ("lookalikes_heldout341", None, 5),
        ("lookalikes_heldout342", None, 6),
        ("lookalikes_heldout343", None, 6),
        ("lookalikes_heldout344", None, 7),
        ("lookalikes_heldout345", None, 5),
        ("lookalikes_heldout346", None, 5),
        ("lookalikes_heldout347", None, 6),
        ("lookalikes_heldout348", None, 0),
        ("lookalikes_heldout349", None, 6),
        ("lookalikes_heldout350", None, 5),
        ("lookalikes_heldout351", None, 5),
        ("lookalikes_heldout352", None, 6),
        ("lookalikes_heldout353", None, 7),
        ("lookalikes_heldout354", None, 7),
        ("lookalikes_heldout355", None, 6),
        ("lookalikes_heldout356", None, 0),
        ("lookalikes_heldout357", None, 6),
        ("lookalikes_heldout358", None, 5),
        ("lookalikes_heldout359", None, 7),
        ("lookalikes_heldout360", None, 5),
        ("lookalikes_heldout361", None, 7),
        ("lookalikes_heldout362", None, 5),
        ("lookalikes_heldout363", None, 5),
        ("lookalikes_heldout364", None, 0),
        ("lookalikes_heldout365", None, 7),
        ("lookalikes_heldout366", None, 5),
        ("lookalikes_heldout367", None, 7),
        ("lookalikes_heldout368", None, 6),
        ("lookalikes_heldout369", None, 5),
        ("lookalikes_heldout370", None, 6),
        ("lookalikes_heldout371", None, 5),
        ("lookalikes_heldout372", None, 0),
        ("lookalikes_heldout373", None, 5),
        ("lookalikes_heldout374", None, 6),
        ("lookalikes_heldout375", None, 7),
        ("lookalikes_heldout376", None, 6),
        ("lookalikes_heldout377", None, 6),
        ("lookalikes_heldout378", None, 7),
        ("lookalikes_heldout379", None, 5),
        ("lookalikes_heldout380", None, 0),
        ("lookalikes_heldout381", None, 6),
        ("lookalikes_heldout382", None, 6),
        ("lookalikes_heldout383", None, 6),
        ("lookalikes_heldout384", None, 5),
        ("lookalikes_heldout385", None, 7),
        ("lookalikes_heldout386", None, 5),
        ("lookalikes_heldout387", None, 5),
        ("lookalikes_heldout388", None, 0),
        ("lookalikes_heldout389", None, 5),
        ("lookalikes_heldout390", None, 7),
        ("lookalikes_heldout391", None, 5),
        ("lookalikes_heldout392", None, 6),
        ("lookalikes_heldout393", None, 5),
        ("lookalikes_heldout394", None, 7),
        ("lookalikes_heldout395", None, 5),
        ("lookalikes_heldout396", None, 0),
        ("lookalikes_heldout397", None, 6),
        ("lookalikes_heldout398", None, 4),
        ("lookalikes_heldout399", None, 5),
        ("lookalikes_heldout400", None, 7),
        ("lookalikes_heldout401", None, 5),
        ("lookalikes_heldout402", None, 5),
        ("lookalikes_heldout403", None, 6),
        ("lookalikes_heldout404", None, 0),
        ("lookalikes_heldout405", None, 6),
        ("lookalikes_heldout406", None, 5),
        ("lookalikes_heldout407", None, 5),
        ("lookalikes_heldout408", None, 6),
        ("lookalikes_heldout409", None, 5),
        ("lookalikes_heldout410", None, 5),
        ("lookalikes_heldout411", None, 6),
        ("lookalikes_heldout412", None, 0),
        ("lookalikes_heldout413", None, 6),
        ("lookalikes_heldout414", None, 6),
        ("lookalikes_heldout415", None, 6),
        ("lookalikes_heldout416", None, 6),
        ("lookalikes_heldout417", None, 6),
        ("lookalikes_heldout418", None, 6),
        ("lookalikes_heldout419", None, 5),
        ("lookalikes_heldout420", None, 0),
        ("lookalikes_heldout421", None, 6),
        ("lookalikes_heldout422", None, 5),
        ("lookalikes_heldout423", None, 5),
        ("lookalikes_heldout424", None, 8),
        ("lookalikes_heldout425", None, 5),
        ("lookalikes_heldout426", None, 5),
        ("lookalikes_heldout427", None, 5),
        ("lookalikes_heldout428", None, 0),
        ("lookalikes_heldout429", None, 5),
        ("lookalikes_heldout430", None, 6),
        ("lookalikes_heldout431", None, 6),
        ("lookalikes_heldout432", None, 6),
        ("lookalikes_heldout433", None, 6),
        ("lookalikes_heldout434", None, 7),
        ("lookalikes_heldout435", None, 6),
        ("lookalikes_heldout436", None, 0),
        ("lookalikes_heldout437", None, 4),
        ("lookalikes_heldout438", None, 7),
        ("lookalikes_heldout439", None, 6),
        ("lookalikes_heldout440", None, 7),
        ("lookalikes_heldout441", None, 5),
        ("lookalikes_heldout442", None, 5),
        ("lookalikes_heldout443", None, 6),
        ("lookalikes_heldout444", None, 0),
        ("lookalikes_heldout445", None, 6),
        ("lookalikes_heldout446", None, 5),
        ("lookalikes_heldout447", None, 7),
        ("lookalikes_heldout448", None, 7),
        ("lookalikes_heldout449", None, 5),
        ("lookalikes_heldout450", None, 5),
        ("lookalikes_heldout451", None, 6),
        ("lookalikes_heldout452", None, 0),
        ("lookalikes_heldout453", None, 6),
        ("lookalikes_heldout454", None, 6),
        ("lookalikes_heldout455", None, 6),
        ("lookalikes_heldout456", None, 6),
        ("lookalikes_heldout457", None, 6),
        ("lookalikes_heldout458", None, 7),
        ("lookalikes_heldout459", None, 5),
        ("lookalikes_heldout460", None, 0),
        ("lookalikes_heldout461", None, 6),
        ("lookalikes_heldout462", None, 5),
        ("lookalikes_heldout463", None, 6),
        ("lookalikes_heldout464", None, 6),
        ("lookalikes_heldout465", None, 5),
        ("lookalikes_heldout466", None, 5),
        ("lookalikes_heldout467", None, 6),
        ("lookalikes_heldout468", None, 0),
        ("lookalikes_heldout469", None, 5),
        ("lookalikes_heldout470", None, 5),
        ("lookalikes_heldout471", None, 5),
        ("lookalikes_heldout472", None, 5),
        ("lookalikes_heldout473", None, 7),
        ("lookalikes_heldout474", None, 5),
        ("lookalikes_heldout475", None, 6),
        ("lookalikes_heldout476", None, 0),
        ("lookalikes_heldout477", None, 5),
        ("lookalikes_heldout478", None, 7),
        ("lookalikes_heldout479", None, 6),
        ("lookalikes_heldout480", None, 6),
        ("lookalikes_heldout481", None, 6),
        ("lookalikes_heldout482", None, 5),
        ("lookalikes_heldout483", None, 6),
        ("lookalikes_heldout484", None, 0),
        ("lookalikes_heldout485", None, 5),
        ("lookalikes_heldout486", None, 7),
        ("lookalikes_heldout487", None, 5),
        ("lookalikes_heldout488", None, 5),
        ("lookalikes_heldout489", None, 5),
        ("lookalikes_heldout490", None, 4),
        ("lookalikes_heldout491", None, 5),
        ("lookalikes_heldout492", None, 0),
        ("lookalikes_heldout493", None, 7),
        ("lookalikes_heldout494", None, 5),
        ("lookalikes_heldout495", None, 5),
        ("lookalikes_heldout496", None, 5),
        ("lookalikes_heldout497", None, 6),
        ("lookalikes_heldout498", None, 5),
        ("lookalikes_heldout499", None, 5),
        ("lookalikes_heldout500", None, 0),
        ("lookalikes_heldout501", None, 5),
        ("lookalikes_heldout502", None, 5),
        ("lookalikes_heldout503", None, 6),
        ("lookalikes_heldout504", None, 5),
        ("lookalikes_heldout505", None, 6),
        ("lookalikes_heldout506", None, 5),
        ("lookalikes_heldout507", None, 5),
        ("lookalikes_heldout508", None, 0),
        ("lookalikes_heldout509", None, 6),
        ("lookalikes_heldout510", None, 6),
        ("lookalikes_heldout511", None, 5),
        ("lookalikes_heldout512", None, 6),
        ("lookalikes_heldout513", None, 5),
        ("lookalikes_heldout514", None, 5),
        ("lookalikes_heldout515", None, 6),
        ("lookalikes_heldout516", None, 0),
        ("lookalikes_heldout517", None, 5),
        ("lookalikes_heldout518", None, 5),
        ("lookalikes_heldout519", None, 6),
        ("lookalikes_heldout520", None, 5),
        ("lookalikes_heldout521", None, 5),
        ("lookalikes_heldout522", None, 5),
        ("lookalikes_heldout523", None, 5),
        ("lookalikes_heldout524", None, 0),
        ("lookalikes_heldout525", None, 6),
        ("lookalikes_heldout526", None, 6),
        ("lookalikes_heldout527", None, 5),
        ("lookalikes_heldout528", None, 6),
        ("lookalikes_heldout529", None, 6),
        ("lookalikes_heldout530", None, 6),
        ("lookalikes_heldout531", None, 5),
        ("lookalikes_heldout532", None, 0),
        ("lookalikes_heldout533", None, 5),
        ("lookalikes_heldout534", None, 6),
        ("lookalikes_heldout535", None, 5),
        ("lookalikes_heldout536", None, 7),
        ("lookalikes_heldout537", None, 5),
        ("lookalikes_heldout538", None, 5),
        ("lookalikes_heldout539", None, 5),
        ("lookalikes_heldout540", None, 0),
        ("lookalikes_heldout541", None, 5),
        ("lookalikes_heldout542", None, 5),
        ("lookalikes_heldout543", None, 5),
        ("lookalikes_heldout544", None, 6),
        ("lookalikes_heldout545", None, 6),
        ("lookalikes_heldout546", None, 6),
        ("lookalikes_heldout547", None, 6),
        ("lookalikes_heldout548", None, 0),
        ("lookalikes_heldout549", None, 6),
        ("lookalikes_heldout550", None, 6),
        ("lookalikes_heldout551", None, 5),
        ("lookalikes_heldout552", None, 6),
        ("lookalikes_heldout553", None, 5),
        ("lookalikes_heldout554", None, 5),
        ("lookalikes_heldout555", None, 7),
        ("lookalikes_heldout556", None, 0),
        ("lookalikes_heldout557", None, 5),
        ("lookalikes_heldout558", None, 5),
        ("lookalikes_heldout559", None, 6),
        ("lookalikes_heldout560", None, 5),
        ("lookalikes_heldout561", None, 7),
        ("lookalikes_heldout562", None, 5),
        ("lookalikes_heldout563", None, 5),
        ("lookalikes_heldout564", None, 0),
        ("lookalikes_heldout565", None, 5),
        ("lookalikes_heldout566", None, 5),
        ("lookalikes_heldout567", None, 6),
        ("lookalikes_heldout568", None, 6),
        ("lookalikes_heldout569", None, 6),
        ("lookalikes_heldout570", None, 5),
        ("lookalikes_heldout571", None, 6),
        ("lookalikes_heldout572", None, 0),
        ("lookalikes_heldout573", None, 5),
        ("lookalikes_heldout574", None, 5),
        ("lookalikes_heldout575", None, 6),
        ("lookalikes_heldout576", None, 6),
        ("lookalikes_heldout577", None, 5),
        ("lookalikes_heldout578", None, 5),
        ("lookalikes_heldout579", None, 6),
        ("lookalikes_heldout580", None, 0),
        ("lookalikes_heldout581", None, 3),
        ("lookalikes_heldout582", None, 4),
        ("lookalikes_heldout583", None, 4),
        ("lookalikes_heldout584", None, 4),
        ("lookalikes_heldout585", None, 4),
        ("lookalikes_heldout586", None, 4),
        ("lookalikes_heldout587", None, 3),
        ("lookalikes_heldout588", None, 1),
        ("lookalikes_heldout589", None, 3),
        ("lookalikes_heldout590", None, 4),
        ("lookalikes_heldout591", None, 4),
        ("lookalikes_heldout592", None, 3),
        ("lookalikes_heldout593", None, 4),
        ("lookalikes_heldout594", None, 5),
        ("lookalikes_heldout595", None, 5),
        ("lookalikes_heldout596", None, 2),
        ("lookalikes_heldout597", None, 4),
        ("lookalikes_heldout598", None, 3),
        ("lookalikes_heldout599", None, 3),
        ("lookalikes_heldout600", None, 4),
        ("lookalikes_heldout601", None, 4),
        ("lookalikes_heldout602", None, 4),
        ("lookalikes_heldout603", None, 4),
        ("lookalikes_heldout604", None, 3),
        ("lookalikes_heldout605", None, 3),
        ("lookalikes_heldout606", None, 4),
        ("lookalikes_heldout607", None, 5),
        ("lookalikes_heldout608", None, 4),
        ("lookalikes_heldout609", None, 4),
        ("lookalikes_heldout610", None, 4),
        ("lookalikes_heldout611", None, 4),
        ("lookalikes_heldout612", None, 3),
        ("lookalikes_heldout613", None, 3),
        ("lookalikes_heldout614", None, 4),
        ("lookalikes_heldout615", None, 5),
        ("lookalikes_heldout616", None, 4),
        ("lookalikes_heldout617", None, 4),
        ("lookalikes_heldout618", None, 4),
        ("lookalikes_heldout619", None, 4),
        ("lookalikes_heldout620", None, 6),
        ("lookalikes_heldout621", None, 4),
        ("lookalikes_heldout622", None, 3),
        ("lookalikes_heldout623", None, 4),
        ("lookalikes_heldout624", None, 3),
        ("lookalikes_heldout625", None, 4),
        ("lookalikes_heldout626", None, 2),
        ("lookalikes_heldout627", None, 4),
        ("lookalikes_heldout628", None, 3),
        ("lookalikes_heldout629", None, 3),
        ("lookalikes_heldout630", None, 3),
        ("lookalikes_heldout631", None, 3),
        ("lookalikes_heldout632", None, 3),
        ("lookalikes_heldout633", None, 4),
        ("lookalikes_heldout634", None, 3),
        ("lookalikes_heldout635", None, 3),
        ("lookalikes_heldout636", None, 4),
        ("lookalikes_heldout637", None, 3),
        ("lookalikes_heldout638", None, 4),
        ("lookalikes_heldout639", None, 3),
        ("lookalikes_heldout640", None, 4),
        ("lookalikes_heldout641", None, 3),
        ("lookalikes_heldout642", None, 4),
        ("lookalikes_heldout643", None, 4),
        ("lookalikes_heldout644", None, 4),
        ("lookalikes_heldout645", None, 3),
        ("lookalikes_heldout646", None, 4),
        ("lookalikes_heldout647", None, 3),
        ("lookalikes_heldout648", None, 4),
        ("lookalikes_heldout649", None, 4),
        ("lookalikes_heldout650", None, 4),
        ("lookalikes_heldout651", None, 5),
        ("lookalikes_heldout652", None, 4),
        ("lookalikes_heldout653", None, 4),
        ("lookalikes_heldout654", None, 6),
        ("lookalikes_heldout655", None, 4),
        ("lookalikes_heldout656", None, 4),
        ("lookalikes_heldout657", None, 4),
        ("lookalikes_heldout658", None, 4),
        ("lookalikes_heldout659", None, 5),
        ("lookalikes_heldout660", None, 4),
        ("lookalikes_heldout661", None, 3),
        ("lookalikes_heldout662", None, 4),
        ("lookalikes_heldout663", None, 4),
        ("lookalikes_heldout664", None, 3),
        ("lookalikes_heldout665", None, 4),
        ("lookalikes_heldout666", None, 5),
        ("lookalikes_heldout667", None, 4),
        ("lookalikes_heldout668", None, 5),
        ("lookalikes_heldout669", None, 4),
        ("lookalikes_heldout670", None, 4),
        ("lookalikes_heldout671", None, 5),
        ("lookalikes_heldout672", None, 5),
        ("lookalikes_heldout673", None, 4),
        ("lookalikes_heldout674", None, 4),
        ("lookalikes_heldout675", None, 3),
        ("lookalikes_heldout676", None, 4),
        ("lookalikes_heldout677", None, 4),
        ("lookalikes_heldout678", None, 4),
        ("lookalikes_heldout679", None, 4),
        ("lookalikes_heldout680", None, 5),
        ("lookalikes_heldout681", None, 4),
        ("lookalikes_heldout682", None, 3),
        ("lookalikes_heldout683", None, 4),
        ("lookalikes_heldout684", None, 4),
        ("lookalikes_heldout685", None, 5),
        ("lookalikes_heldout686", None, 4),
        ("lookalikes_heldout687", None, 5),
        ("lookalikes_heldout688", None, 4),
        ("lookalikes_heldout689", None, 4),
        ("lookalikes_heldout690", None, 5),
        ("lookalikes_heldout691", None, 4),
        ("lookalikes_heldout692", None, 4),
        ("lookalikes_heldout693", None, 4),
        ("lookalikes_heldout694", None, 4),
        ("lookalikes_heldout695", None, 4),
        ("lookalikes_heldout696", None, 4),
        ("lookalikes_heldout697", None, 3),
        ("lookalikes_heldout698", None, 4),
        ("lookalikes_heldout699", None, 4),
        ("lookalikes_heldout700", None, 5),
        ("lookalikes_heldout701", None, 5),
        ("lookalikes_heldout702", None, 4),
        ("lookalikes_heldout703", None, 4),
        ("lookalikes_heldout704", None, 5),
        ("lookalikes_heldout705", None, 5),
        ("lookalikes_heldout706", None, 3),
        ("lookalikes_heldout707", None, 4),
        ("lookalikes_heldout708", None, 3),
        ("lookalikes_heldout709", None, 4),
        ("lookalikes_heldout710", None, 4),
        ("lookalikes_heldout711", None, 3),
        ("lookalikes_heldout712", None, 4),
        ("lookalikes_heldout713", None, 4),
        ("lookalikes_heldout714", None, 4),
        ("lookalikes_heldout715", None, 4),
        ("lookalikes_heldout716", None, 3),
        ("lookalikes_heldout717", None, 4),
        ("lookalikes_heldout718", None, 4),
        ("lookalikes_heldout719", None, 4),
        ("lookalikes_heldout720", None, 4),
        ("lookalikes_heldout721", None, 3),
        ("lookalikes_heldout722", None, 5),
        ("lookalikes_heldout723", None, 4),
        ("lookalikes_heldout724", None, 3),
        ("lookalikes_heldout725", None, 4),
        ("lookalikes_heldout726", None, 4),
        ("lookalikes_heldout727", None, 3),
        ("lookalikes_heldout728", None, 5),
        ("lookalikes_heldout729", None, 4),
        ("lookalikes_heldout730", None, 3),
        ("lookalikes_heldout731", None, 4),
        ("lookalikes_heldout732", None, 4),
        ("lookalikes_heldout733", None, 4),
        ("lookalikes_heldout734", None, 4),
        ("lookalikes_heldout735", None, 4),
        ("lookalikes_heldout736", None, 5),
        ("lookalikes_heldout737", None, 4),
        ("lookalikes_heldout738", None, 5),
        ("lookalikes_heldout739", None, 4),
        ("lookalikes_heldout740", None, 5),
        ("lookalikes_heldout741", None, 4),
        ("lookalikes_heldout742", None, 4),
        ("lookalikes_heldout743", None, 4),
        ("lookalikes_heldout744", None, 3),
        ("lookalikes_heldout745", None, 4),
        ("lookalikes_heldout746", None, 4),
        ("lookalikes_heldout747", None, 3),
        ("lookalikes_heldout748", None, 3),
        ("lookalikes_heldout749", None, 3),
        ("lookalikes_heldout750", None, 4),
        ("lookalikes_heldout751", None, 3),
        ("lookalikes_heldout752", None, 4),
        ("lookalikes_heldout753", None, 4),
        ("lookalikes_heldout754", None, 3),
        ("lookalikes_heldout755", None, 3),
        ("lookalikes_heldout756", None, 4),
        ("lookalikes_heldout757", None, 4),
        ("lookalikes_heldout758", None, 4),
        ("lookalikes_heldout759", None, 4),
        ("lookalikes_heldout760", None, 5),
        ("lookalikes_heldout761", None, 3),
        ("lookalikes_heldout762", None, 4),
        ("lookalikes_heldout763", None, 5),
        ("lookalikes_heldout764", None, 3),
        ("lookalikes_heldout765", None, 4),
        ("lookalikes_heldout766", None, 3),
        ("lookalikes_heldout767", None, 4),
        ("lookalikes_heldout768", None, 4),
        ("lookalikes_heldout769", None, 5),
        ("lookalikes_heldout770", None, 4),
        ("lookalikes_heldout771", None, 4),
        ("lookalikes_heldout772", None, 4),
        ("lookalikes_heldout773", None, 4),
        ("lookalikes_heldout774", None, 4),
        ("lookalikes_heldout775", None, 5),
        ("lookalikes_heldout776", None, 4),
        ("lookalikes_heldout777", None, 3),
        ("lookalikes_heldout778", None, 4),
        ("lookalikes_heldout779", None, 3),
        ("lookalikes_heldout780", None, 4),
        ("lookalikes_heldout781", None, 4),
        ("lookalikes_heldout782", None, 5),
        ("lookalikes_heldout783", None, 5),
        ("lookalikes_heldout784", None, 4),
        ("lookalikes_heldout785", None, 4),
        ("lookalikes_heldout786", None, 5),
        ("lookalikes_heldout787", None, 4),
        ("lookalikes_heldout788", None, 4),
        ("lookalikes_heldout789", None, 5),
        ("lookalikes_heldout790", None, 4),
        ("lookalikes_heldout791", None, 4),
        ("lookalikes_heldout792", None, 4),
        ("lookalikes_heldout793", None, 4),
        ("lookalikes_heldout794", None, 3),
        ("lookalikes_heldout795", None, 5),
        ("lookalikes_heldout796", None, 5),
        ("lookalikes_heldout797", None, 5),
        ("lookalikes_heldout798", None, 4),
        ("lookalikes_heldout799", None, 5),
        ("lookalikes_heldout800", None, 5),
        ("lookalikes_heldout801", None, 6),
        ("lookalikes_heldout802", None, 5),
        ("lookalikes_heldout803", None, 4),
        ("lookalikes_heldout804", None, 4),
        ("lookalikes_heldout805", None, 4),
        ("lookalikes_heldout806", None, 5),
        ("lookalikes_heldout807", None, 5),
        ("lookalikes_heldout808", None, 5),
        ("lookalikes_heldout809", None, 5),
        ("lookalikes_heldout810", None, 4),
        ("lookalikes_heldout811", None, 4),
        ("lookalikes_heldout812", None, 5),
        ("lookalikes_heldout813", None, 4),
        ("lookalikes_heldout814", None, 4),
        ("lookalikes_heldout815", None, 4),
        ("lookalikes_heldout816", None, 6),
        ("lookalikes_heldout817", None, 5),
        ("lookalikes_heldout818", None, 4),
    ],
)
def test_lookalike_reports_are_a_week_of_one_metro_areas_incidents_in_publication_order(
    name: str, opening: str | None, violent: int
) -> None:
    reports = read_jsonl(SEEDS / f"{name}.jsonl")
    gold = {row["id"]: row["incident"] for row in read_jsonl(SEEDS / f"{name}.gold.jsonl")}
    settings = Settings()
    assert [a["id"] for a in reports] == list(gold), "every report once in the gold, in the same order"
    for article in reports:
        assert set(article) == {"id", "title", "body", "source", "published_at"}, article["id"]
        parsed = parse_article(jsonio.dumps(article), settings, now=NOW)
        assert parsed.warnings == (), article["id"]
    times = [utc(a["published_at"]) for a in reports]
    # In the order a feed delivers them: a report may come in up to an hour after one published later than it.
    latest = list(accumulate(times, max))
    assert all(newest - time <= timedelta(hours=1) for newest, time in zip(latest, times, strict=True))
    assert max(times) - min(times) <= timedelta(days=10)
    sizes = Counter(gold.values())
    assert len(sizes) >= 10 and max(sizes.values()) >= 4 and min(sizes.values()) <= 2
    # Look-alikes: shootings and stabbings (Brisbane: four, beside two armed robberies and two fatal crashes; Houston:
    # three shootings and a robbery's "shot" clerk, beside two crashes on one freeway; the Syrian wire week: air
    # strikes and car bombs, none of these words), and
    # (Columbus) most of them in one city.
    headline = r"\bshot\b|shooting|stabb|knife"
    assert len({gold[a["id"]] for a in reports if re.search(headline, a["title"], re.IGNORECASE)}) >= violent
    if opening is not None:
        assert len({gold[a["id"]] for a in reports if a["body"].startswith(opening)}) >= 5
