"""Which guide a question fits: a deterministic lexical score over each guide's situation, title
and example questions (both languages), on the Sastrawi stems the answer composer uses.

score(question, guide) = 0.6 × coverage + 0.4 × best cosine, where coverage is the IDF-weighted
share of the question's stems found anywhere in the guide's texts and best cosine the IDF-weighted
cosine with its closest single text (measured on tests/test_guides_match.py: coverage alone 0.69,
cosine alone 0.39, the mix 0.74 recall, each at 0 false matches). Stop words (Sastrawi's Indonesian
list and data/cues.toml) are dropped. IDF is computed over all texts of all
loaded guides, so words every guide shares ("imigrasi", "pejabat") weigh little and a word no guide
uses weighs most. A guide fits when its score reaches `THRESHOLD` and beats the runner-up
by `MARGIN` (measured: docs/guides.md, tests/test_guides_match.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import cues
from ..index.lexical import concept_stem as stem
from ..index.lexical import id_stopwords, words
from .model import Guide, Point

#: content words (stems) a sentence needs to be matched to a guide on its own
MIN_SENTENCE_STEMS = 3
THRESHOLD = 0.56
COVERAGE_WEIGHT = 0.6
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


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(id_stopwords()) | cues.words("concepts", "stopwords")


@lru_cache(maxsize=4096)
def stem_set(text: str) -> frozenset[str]:
    stop = _stop()
    return frozenset(stem(w) for w in words(text) if w not in stop and len(w) > 1)


class _Weighted:
    """Squared IDF weights of stems over a collection of stem sets (a word every text shares
    weighs little, a word none uses weighs most)."""

    def _fit(self, sets: list[frozenset[str]]) -> None:
        n = len(sets) or 1
        df: dict[str, int] = {}
        for st in sets:
            for w in st:
                df[w] = df.get(w, 0) + 1
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.default_idf = math.log(1 + n)

    def _w(self, w: str) -> float:
        return self.idf.get(w, self.default_idf) ** 2


class Matcher(_Weighted):
    def __init__(self, guides: list[Guide]) -> None:
        self.texts = [(g.id, t, stem_set(t)) for g in guides for t in g.texts()]
        self._fit([s for _, _, s in self.texts])

    def scores(self, question: str) -> list[tuple[str, float, str]]:
        """(guide id, score, the guide text closest to the question) for every guide, best first."""
        q = stem_set(question)
        total = sum(self._w(w) for w in q)
        if not total:
            return []
        out = []
        for gid in dict.fromkeys(g for g, _, _ in self.texts):
            rows = [(t, s) for g, t, s in self.texts if g == gid]
            vocab = frozenset().union(*(s for _, s in rows))
            coverage = sum(self._w(w) for w in q & vocab) / total
            cos, best = max((self._cos(q, total, s), t) for t, s in rows)
            out.append((gid, COVERAGE_WEIGHT * coverage + (1 - COVERAGE_WEIGHT) * cos, best))
        return sorted(out, key=lambda x: -x[1])

    def _cos(self, q: frozenset[str], qw: float, s: frozenset[str]) -> float:
        sw = sum(self._w(w) for w in s)
        return sum(self._w(w) for w in q & s) / math.sqrt(qw * sw) if sw else 0.0

    def match(self, question: str, threshold: float = THRESHOLD, margin: float = MARGIN) -> Match | None:
        ranked = self.scores(question)
        if not ranked:
            return None
        gid, sc, text = ranked[0]
        second = ranked[1] if len(ranked) > 1 else (None, 0.0, "")
        if sc < threshold or sc - second[1] < margin:
            return None
        return Match(gid, sc, threshold, second[0], second[1], text)


# ---------------------------------------------------------------- one step on its own
#
# A checkpoint scenario raises several issues that belong to several guides (may I refuse her
# departure; what offence did the recruiter commit; where do I refer her), and its whole text
# fits no single guide. Each law step of every guide is then a unit of its own: it fits a
# sentence of the question when one of its `cues` (phrases whose content words must all be in
# the sentence, in any order) is there, or when its claim is close enough to the sentence.

#: cosine of a sentence with a step's claim (either language) from which the step fits (tuned on
#: the gold set's dev half: docs/guides.md "Steps on their own")
STEP_THRESHOLD = 0.2
#: the most steps one answer takes from the guides
MAX_STEPS = 6
#: content words a cue needs (a one-word cue such as "paspor" would fit every question)
MIN_CUE_STEMS = 2
#: a cue whose content words all appear in more than this share of the guides' own texts
#: (situations, examples, claims) says nothing specific and is not used: "apakah ini perdagangan
#: orang" is {dagang, orang} once stop words go, "penempatan oleh orang perseorangan" {orang,
#: tempat} (measured on the 19 guides of 2026-12-02: 7 of 669 cues above 0.02)
MAX_CUE_SHARE = 0.02


@dataclass(frozen=True)
class StepHit:
    guide: str
    point: Point
    score: float
    via: str              # "cue: …" or "claim"
    sentence: str


class StepMatcher(_Weighted):
    def __init__(self, guides: list[Guide]) -> None:
        self.units = [(g.id, p) for g in guides for p in g.points if p.basis == "law" and p.provisions]
        claims = [(p.claim, p.claim_id or "") for _, p in self.units]
        self.claim_sets = [tuple(stem_set(t) for t in pair if t) for pair in claims]
        ref = [stem_set(t) for g in guides for t in g.texts()] + \
              [stem_set(t) for g in guides for p in g.points for t in (p.claim, p.claim_id) if t]
        #: cues not used, as (guide, point, cue): too few content words, or too common
        self.unused_cues: list[tuple[str, str, str]] = []
        self.cue_sets, self.cue_text = [], []
        posting: dict[str, set[int]] = {}
        for n, r in enumerate(ref):
            for w in r:
                posting.setdefault(w, set()).add(n)

        def share(cs: frozenset[str]) -> float:  # of the guides' texts holding every word of `cs`
            return len(set.intersection(*(posting.get(w, set()) for w in cs))) / (len(ref) or 1)

        for gid, p in self.units:
            keep = []
            for c in p.cues:
                cs = stem_set(c)
                if len(cs) < MIN_CUE_STEMS or share(cs) > MAX_CUE_SHARE:
                    self.unused_cues.append((gid, p.where, c))
                else:
                    keep.append((c, cs))
            self.cue_text.append(tuple(c for c, _ in keep))
            self.cue_sets.append(tuple(cs for _, cs in keep))
        self._fit([st for sets in self.claim_sets for st in sets])

    def _cos(self, q: frozenset[str], s: frozenset[str]) -> float:
        qw, sw = sum(self._w(w) for w in q), sum(self._w(w) for w in s)
        return sum(self._w(w) for w in q & s) / math.sqrt(qw * sw) if qw and sw else 0.0

    def match(self, sentences: list[str], threshold: float = STEP_THRESHOLD,
              limit: int = MAX_STEPS) -> list[StepHit]:
        best: dict[int, StepHit] = {}
        for sent in sentences:
            q = stem_set(sent)
            if not q:
                continue
            for i, (gid, p) in enumerate(self.units):
                cue = next((t for t, s in zip(self.cue_text[i], self.cue_sets[i]) if s <= q), None)
                if cue is not None:
                    hit = StepHit(gid, p, 1.0, f"cue: {cue}", sent)
                else:
                    sc = max((self._cos(q, s) for s in self.claim_sets[i]), default=0.0)
                    if sc < threshold:
                        continue
                    hit = StepHit(gid, p, sc, "claim", sent)
                if i not in best or hit.score > best[i].score:
                    best[i] = hit
        hits = sorted(best.values(), key=lambda h: -h.score)
        out: list[StepHit] = []
        seen: set[str] = set()
        for h in hits:  # a step whose provisions an earlier step already cites adds nothing
            if set(h.point.provisions) <= seen:
                continue
            seen |= set(h.point.provisions)
            out.append(h)
            if len(out) == limit:
                break
        return out


def scenario_sentences(question: str) -> list[str]:
    """The whole question and, when it has several, each sentence that tells something (a short
    question such as "What offence is that?" has one or two content words, and any guide or step
    that uses them would fit it)."""
    parts = [s for s in re.split(r"(?<=[.?!])\s+", question) if len(stem_set(s)) >= MIN_SENTENCE_STEMS]
    return [question, *parts] if len(parts) > 1 else [question]


def _primed(guides: list[Guide]) -> None:
    """Sastrawi takes ~2 ms a word, and the guides hold ~1,000 words the index's stem map
    (stems.json) lacks: ~1 s of a cold `lexqa ask` or `search`. Their stems are kept on disk next to
    the corpus cache, keyed by the lexqa package's content hash (which covers data/guides)."""
    from ..index.corpus_cache import code_keyed
    from ..index.lexical import id_stem, prime_stems

    def build() -> dict[str, str]:
        texts = [t for g in guides for t in g.texts()] + \
            [t for g in guides for p in g.points for t in (p.claim, p.claim_id, *p.cues) if t]
        return {w: id_stem(w) for t in texts for w in words(t) if len(w) > 4}

    prime_stems(code_keyed("guide-stems", build))


@lru_cache(maxsize=1)
def shipped_matcher() -> Matcher:
    """The shipped guides' whole-guide matcher (built once per process)."""
    from .load import load_guides

    guides = load_guides()
    _primed(guides)
    return Matcher(guides)


@lru_cache(maxsize=1)
def shipped_step_matcher() -> StepMatcher:
    """The shipped guides' step matcher (stems and weights computed once per process)."""
    from .load import load_guides

    guides = load_guides()
    _primed(guides)
    return StepMatcher(guides)


def step_provisions(query: str) -> list[str]:
    """The provisions of the shipped guides' steps that fit the query or one of its sentences,
    best step first: a curated ranked list the hybrid search fuses (data/fusion.toml
    guide_steps_weight)."""
    hits = shipped_step_matcher().match(scenario_sentences(query))
    return list(dict.fromkeys(pid for h in hits if h.via.startswith("cue:") for pid in h.point.provisions))
