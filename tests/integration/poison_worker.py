"""Test-only launcher: `python tests/integration/poison_worker.py ARTICLE_ID` runs `wirefuse worker` unchanged,
except that its location tagger raises on that one article id (a tagger bug triggered by one input).

The fault lives here, in the test tree: production code has no fault-injection hook.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

import streams.pipeline
from streams.cli import main


class PoisonLocationTagger:
    """Delegates to the real tagger, and raises on one article id."""

    def __init__(self, inner: Any, poison_id: str) -> None:
        self.inner, self.poison_id = inner, poison_id

    def tag(self, article: Any, docs: Any) -> Any:
        if article.id == self.poison_id:
            raise ValueError(f"tagger exploded on {article.id}")
        return self.inner.tag(article, docs)


def run(poison_id: str) -> int:
    load = streams.pipeline.load_taggers

    def load_poisoned(settings: Any) -> Any:
        taggers = load(settings)
        return replace(taggers, locations=PoisonLocationTagger(taggers.locations, poison_id))

    # worker_command imports load_taggers from streams.pipeline when it runs, so it picks this one up.
    streams.pipeline.load_taggers = load_poisoned
    return main(["worker"])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1]))
