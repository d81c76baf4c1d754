"""Answerer thresholds (data/answer.toml; LEXQA_ANSWER_CONFIG or an explicit path overrides)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..config import DATA_DIR


@dataclass
class AnswerConfig:
    overlap_min: float = 0.5
    dense_min: float = 0.83
    dense_min_id: float = 0.84
    dense_strong: float = 0.92
    strong_overlap_min: float = 0.25
    exact_answers: bool = True
    agree_depth: int = 5
    agree_overlap_bonus: float = 0.0
    peripheral_docs: list[str] = field(default_factory=list)
    core_pasal_ranges: dict[str, list[list[int]]] = field(default_factory=dict)
    peripheral_dense_min: float = 0.0
    peripheral_dense_min_id: float = 0.0
    peripheral_overlap_min: float = 0.0
    max_citations: int = 3
    rerank_depth: int = 6
    rank_penalty: float = 0.0
    rank_penalty_en: float = 0.0
    extra_overlap_min: float = 0.6
    extra_overlap_ratio: float = 0.9
    max_quote_chars: int = 700
    max_penjelasan_chars: int = 500
    max_related: int = 8
    retrieved_k: int = 10
    lead_count: int = 3

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> "AnswerConfig":
        p = Path(path) if path else Path(os.environ.get("LEXQA_ANSWER_CONFIG") or DATA_DIR / "answer.toml")
        flat: dict[str, Any] = {}
        if p.is_file():
            with open(p, "rb") as f:
                data = tomllib.load(f)
            for v in data.values():
                if isinstance(v, dict):
                    flat.update(v)
        names = {f.name for f in fields(cls)}
        flat.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**{k: v for k, v in flat.items() if k in names})
