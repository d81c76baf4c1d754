"""Abstention policy: the signals of one retrieval, the lead's domain (core / peripheral law),
and the decision to answer or abstain (thresholds in data/answer.toml)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..models import Provision, SearchHit
from .config import AnswerConfig

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

#: the single searchers whose top scores are abstention signals
SIGNAL_LISTS = ("dense", "bm25")


def retrieval_signals(hits: list[SearchHit], lists: dict[str, list[SearchHit]], mode: str,
                      errors: dict[str, str] | None = None) -> dict[str, Any]:
    """Scores of the fused ranking `hits` and the top score of each single searcher's list
    (None when the retriever could not run that searcher: the signal is unknown, not zero)."""
    sig: dict[str, Any] = {"top_score": hits[0].score if hits else 0.0,
                           "margin": (hits[0].score - hits[1].score) if len(hits) > 1 else (hits[0].score if hits else 0.0),
                           "top_source": hits[0].source if hits else None,
                           "exact": bool(hits and hits[0].source == "exact")}
    for sub in SIGNAL_LISTS:
        if mode == sub:
            sig[f"{sub}_top"] = hits[0].score if hits else 0.0
        elif sub in lists:
            sig[f"{sub}_top"] = float(lists[sub][0].score) if lists[sub] else 0.0
        else:
            sig[f"{sub}_top"] = None
            sig[f"{sub}_error"] = (errors or {}).get(sub, "unavailable")
    return sig


def agreement(corpus: "Corpus", lead: Provision, lists: dict[str, list[SearchHit]]) -> int:
    """How many single searchers rank the lead's article in their top list."""
    lead_art = (corpus.article_of(lead.id) or lead).id
    return sum(1 for sub in SIGNAL_LISTS if any(
        (corpus.article_of(h.provision.id) or h.provision).id == lead_art for h in lists.get(sub, [])))


def _pasal_number(p: Provision) -> int | None:
    m = re.match(r"\d+", p.pasal or "")
    return int(m.group()) if m else None


def domain_of(corpus: "Corpus", p: Provision, cfg: AnswerConfig) -> str:
    """"core" for the immigration / trafficking / smuggling instruments (and the KUHP's chapters on
    them), "peripheral" for the other laws the corpus holds for context (telecoms, press, ITE,
    labour placement, ...): an answer from a peripheral one needs stronger evidence, since an
    out-of-scope question lands there (annual leave → PP 52/2000, company capital → UU 39/2004)."""
    if p.doc not in cfg.peripheral_docs:
        return "core"
    ranges = cfg.core_pasal_ranges.get(p.doc)
    n = _pasal_number(p)
    if ranges and n is not None and any(lo <= n <= hi for lo, hi in ranges):
        return "core"
    return "peripheral"


def should_answer(sig: dict[str, Any], cfg: AnswerConfig) -> tuple[bool, str]:
    if sig.get("n_hits", 0) == 0:
        return False, "no provision retrieved"
    if sig.get("exact") and cfg.exact_answers:
        return True, "query names a provision"
    ov = sig.get("overlap", 0.0)
    dense = sig.get("dense_top")
    idn = sig.get("language") == "id"
    dense_min = cfg.dense_min_id if idn else cfg.dense_min
    overlap_min = cfg.overlap_min
    if sig.get("agree", 0) >= 2:
        # both searchers put the lead's article in their top list: some leeway on the overlap
        overlap_min -= cfg.agree_overlap_bonus
    if sig.get("domain") == "peripheral":
        dense_min = max(dense_min, cfg.peripheral_dense_min_id if idn else cfg.peripheral_dense_min)
        overlap_min = max(overlap_min, cfg.peripheral_overlap_min)
    if dense is None:
        # no dense signal (lexical-only retriever): rely on the overlap alone
        return (ov >= overlap_min, f"overlap {ov:.2f} (no dense score)")
    if ov >= overlap_min and dense >= dense_min:
        return True, f"overlap {ov:.2f} >= {overlap_min:.2f} and dense {dense:.3f} >= {dense_min}"
    if dense >= max(cfg.dense_strong, dense_min) and ov >= cfg.strong_overlap_min:
        return True, f"dense {dense:.3f} >= {cfg.dense_strong} with overlap {ov:.2f}"
    if sig.get("scenario") and dense >= dense_min and sig.get("domain") == "core" and \
            0 <= sig.get("lead_rank", 99) <= cfg.scenario_lead_rank_max and ov > 0:
        return True, f"scenario: dense {dense:.3f} >= {dense_min}, core lead at rank {sig['lead_rank']}"
    if sig.get("fit", 0) > 0 and dense >= dense_min - cfg.fit_dense_leeway and sig.get("domain") == "core" and \
            0 <= sig.get("lead_rank", 99) <= cfg.fit_lead_rank_max and ov > 0:
        return True, (f"the lead's norm fits the question: dense {dense:.3f} >= {dense_min - cfg.fit_dense_leeway:.2f}, "
                      f"core lead at rank {sig['lead_rank']}")
    if sig.get("fit", 0) > 0 and ov >= cfg.fit_overlap_strong and dense >= cfg.dense_min and \
            sig.get("domain") == "core" and sig.get("lead_rank", 99) == 0:
        # the top hit is a core norm of the asked kind that carries most of the question: the
        # Indonesian dense floor (an out-of-scope detector) gives way to the language-neutral one
        return True, (f"the top hit's norm fits and carries {ov:.2f} of the question: dense {dense:.3f} "
                      f">= {cfg.dense_min}")
    return False, f"weak evidence: overlap {ov:.2f}, dense {dense:.3f}"
