"""A wire report's credits: found, blanked without moving other words, and never read as actors."""

from __future__ import annotations

import pytest

from streams.credits import credit_spans, without_credits

REPORT = (
    "DUBAI, Feb 14 (Reuters) - U.S. forces struck Houthi sites, a spokesman said.\n\n"
    "(Reporting by Nadia Hamdan and Omar Saleh; Editing by Simon Parry)"
)


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        (REPORT, "(Reporting by Nadia Hamdan and Omar Saleh; Editing by Simon Parry)"),
        (
            "Shells hit Beni.\n\n(Reporting by Reuters staff in Beni; writing by Aaron Mbeki; editing by Hugh Lawson)",
            "(Reporting by Reuters staff in Beni; writing by Aaron Mbeki; editing by Hugh Lawson)",
        ),
        (
            "Police said.\n\nAssociated Press writer Ruth Alonga in Kinshasa contributed to this report.",
            "Associated Press writer Ruth Alonga in Kinshasa contributed to this report.",
        ),
    ],
)
def test_a_credit_is_found_whole(text: str, credit: str) -> None:
    assert [text[a:b] for a, b in credit_spans(text)] == [credit]


@pytest.mark.parametrize(
    "text",
    [
        "The donor contributed $5 million to the campaign.",
        "The town was shelled (by government forces, residents said) on Monday.",
        "He was killed by a sniper (Reuters could not verify the account).",
    ],
)
def test_words_of_the_story_are_no_credit(text: str) -> None:
    assert credit_spans(text) == []


def test_blanking_keeps_every_other_offset() -> None:
    blanked = without_credits(REPORT)
    assert len(blanked) == len(REPORT)
    assert blanked.index("Houthi") == REPORT.index("Houthi")
    assert "Parry" not in blanked
