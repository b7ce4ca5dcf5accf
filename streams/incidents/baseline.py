"""The reference linker the incident stage is measured against: plain TF-IDF nearest neighbour, one threshold.

Each article, in input order, joins the incident of its most similar earlier article when the cosine of their TF-IDF
vectors (sublinear tf, idf over the whole input: a batch method, which the online stage cannot use) reaches the
threshold; otherwise it opens a new incident. `best_threshold` picks the threshold with the best B-cubed F1 against a
gold grouping, as the issue's baseline figures do.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GroupingScore:
    """B-cubed and pairwise precision/recall/F1 of a predicted grouping (same definitions as the shared scorer)."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    predicted_incidents: int


def score_grouping(gold: Mapping[str, str], predicted: Mapping[str, str]) -> GroupingScore:
    """Score `predicted` (article id -> incident id) against `gold` over the gold articles."""
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for article_id, label in gold.items():
        gold_sets[label].add(article_id)
        pred_sets[predicted.get(article_id) or f"__none__{article_id}"].add(article_id)
    pred_of = {a: predicted.get(a) or f"__none__{a}" for a in gold}
    precision = recall = 0.0
    for article_id, label in gold.items():
        shared = len(gold_sets[label] & pred_sets[pred_of[article_id]])
        precision += shared / len(pred_sets[pred_of[article_id]])
        recall += shared / len(gold_sets[label])
    precision, recall = precision / len(gold), recall / len(gold)
    pairs_pred = sum(len(s) * (len(s) - 1) // 2 for s in pred_sets.values())
    pairs_gold = sum(len(s) * (len(s) - 1) // 2 for s in gold_sets.values())
    pairs_true = 0
    for members in pred_sets.values():
        counts = Counter(gold[a] for a in members)
        pairs_true += sum(k * (k - 1) // 2 for k in counts.values())
    pair_p = pairs_true / pairs_pred if pairs_pred else 0.0
    pair_r = pairs_true / pairs_gold if pairs_gold else 0.0
    return GroupingScore(
        bcubed_precision=round(precision, 4),
        bcubed_recall=round(recall, 4),
        bcubed_f1=round(_f1(precision, recall), 4),
        pairwise_precision=round(pair_p, 4),
        pairwise_recall=round(pair_r, 4),
        pairwise_f1=round(_f1(pair_p, pair_r), 4),
        predicted_incidents=len(pred_sets),
    )


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def tfidf_vectors(texts: Sequence[str]) -> list[dict[int, float]]:
    """L2-normalised (1 + log tf) x log((1 + N) / (1 + df)) vectors over lower-cased word tokens."""
    vocabulary: dict[str, int] = {}
    rows = [Counter(vocabulary.setdefault(w, len(vocabulary)) for w in WORD_RE.findall(t.lower())) for t in texts]
    df: Counter[int] = Counter(term for row in rows for term in row)
    idf = {term: math.log((1 + len(texts)) / (1 + count)) for term, count in df.items()}
    vectors = []
    for row in rows:
        weights = {term: (1 + math.log(count)) * idf[term] for term, count in row.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({term: w / norm for term, w in weights.items()})
    return vectors


def nearest_earlier(texts: Sequence[str]) -> tuple[list[int], list[float]]:
    """For each article: the index of its most similar earlier article (-1 for the first) and that cosine."""
    vectors = tfidf_vectors(texts)
    postings: dict[int, list[tuple[int, float]]] = {}
    best_index: list[int] = []
    best_score: list[float] = []
    for i, vector in enumerate(vectors):
        # Accumulate dot products with every earlier article through an inverted index (sparse x sparse).
        scores: dict[int, float] = {}
        for term, weight in vector.items():
            for j, other in postings.get(term, ()):
                scores[j] = scores.get(j, 0.0) + weight * other
        if scores:
            j = max(scores, key=lambda k: (scores[k], -k))
            best_index.append(j)
            best_score.append(scores[j])
        else:
            best_index.append(-1)
            best_score.append(0.0)
        for term, weight in vector.items():
            postings.setdefault(term, []).append((i, weight))
    return best_index, best_score


def link(ids: Sequence[str], neighbours: tuple[list[int], list[float]], threshold: float) -> dict[str, str]:
    """Article id -> incident id (the id of the incident's first article) for one threshold."""
    best, best_score = neighbours
    incident: dict[str, str] = {}
    for i, article_id in enumerate(ids):
        j = best[i]
        incident[article_id] = incident[ids[j]] if j >= 0 and best_score[i] >= threshold else article_id
    return incident


def best_threshold(
    ids: Sequence[str], texts: Sequence[str], gold: Mapping[str, str], thresholds: Sequence[float]
) -> tuple[float, dict[str, str], GroupingScore]:
    """The threshold with the best B-cubed F1 (ties: the lower), its grouping and its score."""
    neighbours = nearest_earlier(texts)
    best: tuple[float, dict[str, str], GroupingScore] | None = None
    for threshold in thresholds:
        grouping = link(ids, neighbours, threshold)
        scored = score_grouping(gold, grouping)
        if best is None or scored.bcubed_f1 > best[2].bcubed_f1:
            best = (threshold, grouping, scored)
    if best is None:
        raise ValueError("no thresholds given")
    return best
