"""The MinHash LSH index of each candidate key, kept in memory and derived from the state tables, not stored."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

# (band value, article id) entries held for all keys together before the least recently used keys are dropped (and
# rebuilt when next decided on): an article has 16, an entry takes ~0.2 KB, so ~100 MB and ~30,000 articles.
DEFAULT_MAX_ENTRIES = 500_000


class LshIndex:
    """Band value -> ids of the earlier articles that have it, per candidate key: where duplicates are looked for.

    Everything here is also in the state tables: an article's `articles` entry keeps its band values and its key,
    and a key's open incidents list their members. So the index is not a table of its own: a process builds a
    key's postings from those entries the first time it decides on that key, then keeps them up to date as it
    decides. Stored as table entries, the postings cost 16 changelog writes per article (one per band), 60% of all
    the decide stage's table writes; the worker's own CPU per article fell from ~16 to ~11 ms without them
    (docs/performance.md). A worker must `reset` the index whenever its partitions change: another worker may
    have decided on a key in between. Built from the open incidents in their index order, a key's postings can
    keep other ids than the ones that reached a band's cap first (`max_ids_per_band`, only for a band value shared
    by that many articles).
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._keys: OrderedDict[str, dict[str, list[str]]] = OrderedDict()
        self._size = 0

    def reset(self) -> None:
        """Forget every key's postings: they are rebuilt from the tables when next needed."""
        self._keys.clear()
        self._size = 0

    def held(self) -> dict[str, dict[str, list[str]]]:
        """A copy of the postings this process holds, by key, least recently used first (for tests and debugging)."""
        return {key: {band: list(ids) for band, ids in postings.items()} for key, postings in self._keys.items()}

    def candidates(
        self,
        key: str,
        bands: Iterable[str],
        *,
        open_incidents: Mapping[str, Any],
        articles: Mapping[str, Any],
        max_ids_per_band: int,
    ) -> set[str]:
        """Ids of the key's indexed articles that share a band value with `bands`."""
        postings = self._postings(key, open_incidents, articles, max_ids_per_band)
        found: set[str] = set()
        for band in bands:
            ids = postings.get(band)
            if ids:
                found.update(ids)
        return found

    def add(
        self,
        key: str,
        bands: Iterable[str],
        article_id: str,
        *,
        open_incidents: Mapping[str, Any],
        articles: Mapping[str, Any],
        max_ids_per_band: int,
    ) -> None:
        """Index a decided article under its key (the key's postings are built first if this process lacks them)."""
        postings = self._postings(key, open_incidents, articles, max_ids_per_band)
        self._insert(postings, bands, article_id, max_ids_per_band)
        self._bound(keep=key)

    def remove(self, key: str, bands: Iterable[str], article_id: str) -> None:
        """Drop a closed incident's article; a key whose postings this process has not built has nothing to drop."""
        postings = self._keys.get(key)
        if postings is None:
            return
        for band in bands:
            ids = postings.get(band)
            if not ids or article_id not in ids:
                continue
            ids.remove(article_id)
            self._size -= 1
            if not ids:
                del postings[band]

    def _postings(
        self, key: str, open_incidents: Mapping[str, Any], articles: Mapping[str, Any], max_ids_per_band: int
    ) -> dict[str, list[str]]:
        postings = self._keys.get(key)
        if postings is not None:
            self._keys.move_to_end(key)
            return postings
        postings = {}
        for summary in open_incidents.values():
            for article_id in summary.get("members", ()):
                entry = articles.get(article_id)
                # A report folded in from another key (reconcile.py) stays indexed under the key that decided it.
                if isinstance(entry, dict) and entry.get("key") == key:
                    self._insert(postings, entry.get("bands", ()), article_id, max_ids_per_band)
        self._keys[key] = postings
        self._bound(keep=key)
        return postings

    def _insert(self, postings: dict[str, list[str]], bands: Iterable[str], article_id: str, cap: int) -> None:
        for band in bands:
            ids = postings.setdefault(band, [])
            if article_id in ids:
                continue
            ids.append(article_id)
            self._size += 1
            if len(ids) > cap:
                del ids[0]
                self._size -= 1

    def _bound(self, keep: str) -> None:
        while self._size > self.max_entries and len(self._keys) > 1:
            oldest = next(iter(self._keys))
            if oldest == keep:
                self._keys.move_to_end(keep)
                continue
            self._size -= sum(len(ids) for ids in self._keys.pop(oldest).values())
