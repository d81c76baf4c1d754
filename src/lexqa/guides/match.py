"""Which guide a question fits: a deterministic lexical score over each guide's situation, title
and example questions (both languages), on the Sastrawi stems the answer composer uses.

score(question, guide) = the IDF-weighted share of the question's stems that occur in the guide's
texts (coverage; measured better than the best per-text cosine: 0.69 vs 0.39 recall at 0 false
matches). IDF is computed over all texts of all loaded guides, so words every guide shares
("imigrasi", "pejabat") weigh little and a word no guide uses weighs most. A guide fits when its score reaches `THRESHOLD` and beats the runner-up
by `MARGIN` (measured: docs/guides.md, tests/test_guides_match.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..answer.terms import stems
from .model import Guide

THRESHOLD = 0.55
MARGIN = 0.05


@dataclass(frozen=True)
class Match:
    guide: str
    score: float
    threshold: float
    runner_up: str | None = None
    runner_up_score: float = 0.0
    matched_text: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"guide": self.guide, "score": round(self.score, 4), "threshold": self.threshold,
                "runner_up": self.runner_up, "runner_up_score": round(self.runner_up_score, 4),
                "matched_text": self.matched_text}


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(stems(text))


class Matcher:
    def __init__(self, guides: list[Guide]) -> None:
        self.texts = [(g.id, t, _stems(t)) for g in guides for t in g.texts()]
        n = len(self.texts) or 1
        df: dict[str, int] = {}
        for _, _, s in self.texts:
            for w in s:
                df[w] = df.get(w, 0) + 1
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.default_idf = math.log(1 + n)

    def _w(self, w: str) -> float:
        return self.idf.get(w, self.default_idf) ** 2

    def scores(self, question: str) -> list[tuple[str, float, str]]:
        """(guide id, score, the guide text sharing most with the question) for every guide, best first."""
        q = _stems(question)
        total = sum(self._w(w) for w in q)
        out = []
        for gid in dict.fromkeys(g for g, _, _ in self.texts):
            rows = [(t, s) for g, t, s in self.texts if g == gid]
            vocab = frozenset().union(*(s for _, s in rows))
            sc = sum(self._w(w) for w in q & vocab) / total if total else 0.0
            best = max(rows, key=lambda r: sum(self._w(w) for w in q & r[1]))[0]
            out.append((gid, sc, best))
        return sorted(out, key=lambda x: -x[1])

    def match(self, question: str, threshold: float = THRESHOLD, margin: float = MARGIN) -> Match | None:
        ranked = self.scores(question)
        if not ranked:
            return None
        gid, sc, text = ranked[0]
        second = ranked[1] if len(ranked) > 1 else (None, 0.0, "")
        if sc < threshold or sc - second[1] < margin:
            return None
        return Match(gid, sc, threshold, second[0], second[1], text)
