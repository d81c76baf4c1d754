"""Norm reading of provisions: the fixed drafting formulas of Indonesian statutes ("Pejabat
Imigrasi berwenang ...", "dipidana dengan pidana penjara paling lama ...") and English treaty
articles ("Each State Party shall ...") read into a `Norm`; `safe_cut` cuts a quote only at a
clause boundary. The formulas and cue words are data (data/norm.toml)."""

from __future__ import annotations

from .corpus import fine_categories, norm_coverage, norm_of
from .cut import clause_spans, safe_cut
from .model import MODALITIES, Norm, Penalty
from .reader import read_norm

__all__ = ["MODALITIES", "Norm", "Penalty", "clause_spans", "fine_categories", "norm_coverage", "norm_of",
           "read_norm", "safe_cut"]
