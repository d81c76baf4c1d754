"""Retrieval and answer metrics, as pure functions over Pasal-level keys.

A *key* is ``(doc, pasal)``: the unit the gold set is labelled at. A retrieved provision maps to
the key of the article it belongs to (an ayat, a huruf or a Penjelasan entry of Pasal 16 all map
to ``("uu-6-2011", "16")``); an amendment provision keeps its own document
(``("uu-63-2024", "16")`` for the rewritten Pasal 16 in UU 63/2024 Pasal I angka 2); literature
has no Pasal, so its key is ``(doc, None)`` and any section of the right article matches a gold
entry that names only the document.

Ranked lists are de-duplicated to keys (first occurrence wins) before any metric is taken, so
five ayat of one Pasal count once.

Recall@k is *capped*: ``|gold ∩ top-k| / min(|gold|, k)``. Gold lists often name alternatives
(the amended article and the amending provision); with capping, R@1 is 1.0 when the top hit is
any gold key. nDCG@k uses binary relevance with the same cap for the ideal ranking.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, Sequence

Key = tuple[str, "str | None"]


def norm_pasal(pasal: str | None) -> str | None:
    """'76a' / ' 76A ' → '76A'; roman amendment articles ('I') kept upper-case."""
    if pasal is None:
        return None
    s = re.sub(r"\s+", "", str(pasal)).upper()
    return s or None


def key_of(doc: str, pasal: str | None) -> Key:
    return (doc, norm_pasal(pasal))


def provision_key(p: Any) -> Key:
    """Key of a Provision, an answer Item or a dict with ``doc`` and ``pasal``."""
    if isinstance(p, dict):
        return key_of(p["doc"], p.get("pasal"))
    return key_of(p.doc, getattr(p, "pasal", None))


def dedupe(keys: Iterable[Key]) -> list[Key]:
    seen: set[Key] = set()
    out: list[Key] = []
    for k in keys:
        if k not in seen:
            seen.add(k)
            out.append(k)
    return out


def _is_hit(k: Key, gold: set[Key]) -> bool:
    # literature gold names the document only: any provision of it matches
    return k in gold or (k[0], None) in gold


def recall_at_k(ranked: Sequence[Key], gold: set[Key], k: int) -> float:
    """Capped recall: share of gold keys in the top k, out of at most k."""
    if not gold:
        raise ValueError("recall is undefined without gold keys")
    top = dedupe(ranked)[:k]
    found = {g for g in gold if any(g == t or (g[1] is None and t[0] == g[0]) for t in top)}
    return len(found) / min(len(gold), k)


def reciprocal_rank(ranked: Sequence[Key], gold: set[Key]) -> float:
    for i, k in enumerate(dedupe(ranked), start=1):
        if _is_hit(k, gold):
            return 1.0 / i
    return 0.0


def ndcg_at_k(ranked: Sequence[Key], gold: set[Key], k: int = 10) -> float:
    """Binary-relevance nDCG; a document-only (literature) gold key is credited once."""
    if not gold:
        raise ValueError("nDCG is undefined without gold keys")
    credited: set[Key] = set()
    dcg = 0.0
    for i, t in enumerate(dedupe(ranked)[:k], start=1):
        g = t if t in gold else ((t[0], None) if (t[0], None) in gold else None)
        if g is not None and g not in credited:
            credited.add(g)
            dcg += 1.0 / math.log2(i + 1)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def cited_precision(cited: Sequence[Key], gold: set[Key]) -> float | None:
    """Share of (distinct) cited keys that are gold; None when nothing was cited."""
    keys = dedupe(cited)
    if not keys:
        return None
    return sum(1 for k in keys if _is_hit(k, gold)) / len(keys)


def abstention_stats(rows: Iterable[tuple[bool, bool]]) -> dict[str, float | None]:
    """rows: (answerable, abstained). Abstaining is the positive class.

    precision = abstained on unanswerable / all abstentions;
    recall = abstained on unanswerable / all unanswerable;
    false_abstention = abstained on answerable / all answerable.
    """
    tp = fp = fn = tn = 0
    for answerable, abstained in rows:
        if not answerable and abstained:
            tp += 1
        elif answerable and abstained:
            fp += 1
        elif not answerable and not abstained:
            fn += 1
        else:
            tn += 1
    return {
        "abstention_precision": tp / (tp + fp) if tp + fp else None,
        "abstention_recall": tp / (tp + fn) if tp + fn else None,
        "false_abstention": fp / (fp + tn) if fp + tn else None,
        "abstained_unanswerable": tp, "abstained_answerable": fp,
        "answered_unanswerable": fn, "answered_answerable": tn,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolation percentile (numpy's default), q in [0, 100]."""
    if not values:
        return None
    xs = sorted(values)
    if len(xs) == 1:
        return float(xs[0])
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo))


def mean(values: Iterable[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


RANK_METRICS = ("r@1", "r@5", "r@10", "mrr", "ndcg@10")


def rank_metrics(ranked: Sequence[Key], gold: set[Key]) -> dict[str, float]:
    """All ranking metrics of one answerable question."""
    return {
        "r@1": recall_at_k(ranked, gold, 1),
        "r@5": recall_at_k(ranked, gold, 5),
        "r@10": recall_at_k(ranked, gold, 10),
        "mrr": reciprocal_rank(ranked, gold),
        "ndcg@10": ndcg_at_k(ranked, gold, 10),
    }


def aggregate(per_question: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Summary of one mode over per-question rows.

    Each row: ``answerable`` (bool), ``metrics`` (rank metrics, answerable only), ``latency_ms``,
    and for answer-producing modes ``abstained``, ``cited_precision``, ``citations_valid`` and
    ``citations_total``.
    """
    ans = [r for r in per_question if r["answerable"]]
    out: dict[str, Any] = {"n": len(per_question), "n_answerable": len(ans)}
    for m in RANK_METRICS:
        out[m] = mean(r["metrics"][m] for r in ans if r.get("metrics"))
    lat = [r["latency_ms"] for r in per_question if r.get("latency_ms") is not None]
    out["p50_ms"] = percentile(lat, 50)
    out["p95_ms"] = percentile(lat, 95)
    if any("abstained" in r for r in per_question):
        # cited precision over answered, answerable questions (an abstention cites nothing)
        out["cited_precision"] = mean(r.get("cited_precision") for r in ans if not r.get("abstained"))
        valid = sum(r.get("citations_valid", 0) for r in per_question)
        total = sum(r.get("citations_total", 0) for r in per_question)
        out["citation_validity"] = valid / total if total else None
        out["citations_total"] = total
        out.update(abstention_stats((r["answerable"], bool(r.get("abstained"))) for r in per_question))
    return out


def breakdown(per_question: Sequence[dict[str, Any]], field: str) -> dict[str, dict[str, Any]]:
    """aggregate() per value of a question field (language, persona)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in per_question:
        groups.setdefault(str(r.get(field)), []).append(r)
    return {g: aggregate(rows) for g, rows in sorted(groups.items())}


def breakdown_by_tag(per_question: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """aggregate() per tag (a question counts under each of its tags; untagged under "-")."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in per_question:
        for t in (r.get("tags") or ["-"]):
            groups.setdefault(t, []).append(r)
    return {g: aggregate(rows) for g, rows in sorted(groups.items())}
