"""Where wire copy credits its journalists ("(Reporting by X; Editing by Y)"): they are no actors and no content."""

from __future__ import annotations

import re

# A parenthesised credit ("(Reporting by Reuters staff in Goma; writing by Aaron Mbeki; editing by Hugh Lawson)"), or a
# paragraph that is one ("Associated Press writer Ruth Alonga in Kinshasa contributed to this report."). Every report
# of an agency carries its editors' names: read as people of the story, they tie unrelated incidents together.
CREDIT_RE = re.compile(
    r"\((?:[^()\n]{0,40}?\b)?(?:reporting|writing|editing|compiled|reported|additional reporting)\s+by\b[^()\n]*\)"
    r"|^[^\n]{0,200}?\bcontributed\s+(?:(?:to\s+)?(?:this|the)\s+(?:report|story|article)|reporting)\.?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


# Words every credit has (`CREDIT_RE`): looked for first, as plain substrings, because most reports have none and the
# pattern costs ten times as much.
_CREDIT_WORDS = ("reporting by", "writing by", "editing by", "compiled by", "reported by", "contributed")


def _may_have_credits(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in _CREDIT_WORDS)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the credits in `text`."""
    if not _may_have_credits(text):
        return []
    return [match.span() for match in CREDIT_RE.finditer(text)]


def without_credits(text: str) -> str:
    """`text` with its credits blanked by spaces, so every other offset still points at the same words."""
    if not _may_have_credits(text):
        return text
    return CREDIT_RE.sub(lambda match: " " * (match.end() - match.start()), text)
