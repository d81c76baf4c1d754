"""Answerer thresholds: data/answer.toml, overlaid by LEXQA_ANSWER_CONFIG or an explicit path.

The fields have no code defaults: data/answer.toml holds every value (and why it was chosen).
"""

from __future__ import annotations

import copy
import functools
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..config import DATA_DIR

DEFAULT_PATH = DATA_DIR / "answer.toml"


def _read(path: Path) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


@functools.cache
def data_file() -> dict[str, Any]:
    """data/answer.toml as read once (its [terms] table is read by lexqa.answer.terms)."""
    return _read(DEFAULT_PATH)


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    """The settings of all tables in one mapping (the tables only group them for the reader)."""
    out: dict[str, Any] = {}
    for v in data.values():
        if isinstance(v, dict):
            out.update(v)
    return out


@dataclass
class AnswerConfig:
    # [abstain]
    overlap_min: float
    dense_min: float
    dense_min_id: float
    agree_depth: int
    agree_overlap_bonus: float
    dense_strong: float
    strong_overlap_min: float
    exact_answers: bool
    scenario_lead_rank_max: int
    polar_overlap_min: float
    # [domain]
    peripheral_docs: list[str]
    core_pasal_ranges: dict[str, list[list[int]]]
    peripheral_dense_min: float
    peripheral_dense_min_id: float
    peripheral_overlap_min: float
    # [select]
    max_citations: int
    rerank_depth: int
    rank_penalty: float
    rank_penalty_en: float
    rank_penalty_en_cap: int
    rarity_weight: float
    extra_overlap_min: float
    extra_overlap_ratio: float
    max_quote_chars: int
    max_penjelasan_chars: int
    max_related: int
    retrieved_k: int
    lead_count: int
    issue_citations: int
    issue_first_margin: float
    who_prior_overlap: float
    issue_clause_weight: float
    statute_join_ranks: int
    statute_join_overlap: float
    person_mismatch: float
    transitional_weight: float
    grounds_bonus: float
    # [fit]
    fit_bonus: float
    fit_needs_overlap: bool
    fit_lead_rank_max: int
    fit_dense_leeway: float
    fit_overlap_strong: float
    sanction_depth: int
    penalty_query: str
    penalty_hits: int
    # [revocation]
    revocation_citations: int
    revocation_qtypes: list[str]

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> "AnswerConfig":
        """data/answer.toml, then the settings of `path` (or LEXQA_ANSWER_CONFIG), then `overrides`."""
        flat = copy.deepcopy(_flat(data_file()))  # the cached file's lists stay untouched
        p = Path(path) if path else Path(os.environ.get("LEXQA_ANSWER_CONFIG") or DEFAULT_PATH)
        if p != DEFAULT_PATH and p.is_file():
            flat.update(_flat(_read(p)))
        flat.update({k: v for k, v in overrides.items() if v is not None})
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in flat.items() if k in names})
