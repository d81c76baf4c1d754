"""Guides for the Session: listing, rendering on a date, checking, matching a question, answering
with a guide as the skeleton. Typed results with `to_dict()` = the `--json` contracts."""

from __future__ import annotations

from ..timeline import today as _today

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .results import AskResult

if TYPE_CHECKING:  # pragma: no cover
    from ..guides.match import Match
    from ..store import Corpus


@dataclass
class GuideListing:
    guides: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"count": len(self.guides), "guides": self.guides}


@dataclass
class GuideResult:
    guide: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.guide["check"]["ok"])

    def to_dict(self) -> dict[str, Any]:
        return dict(self.guide)


@dataclass
class GuideCheckResult:
    as_of: str
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r["ok"] for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "as_of": self.as_of, "guides": len(self.results),
                "failed": [r["guide"] for r in self.results if not r["ok"]], "results": self.results}


@dataclass
class GuideMatch:
    guide: str
    score: float
    threshold: float
    title: dict[str, str]
    runner_up: str | None = None
    runner_up_score: float = 0.0
    matched_text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"guide": self.guide, "title": self.title, "score": round(self.score, 4), "threshold": self.threshold,
                "runner_up": self.runner_up, "runner_up_score": round(self.runner_up_score, 4),
                "matched_text": self.matched_text}


def _guides(paths: Iterable[str | Path] | None) -> list[Any]:
    from ..guides.load import load_guides

    return load_guides(paths)


def list_guides(paths: Iterable[str | Path] | None = None) -> GuideListing:
    return GuideListing([{"id": g.id, "kind": g.kind, "title": g.title, "checked": g.checked.isoformat(),
                          "steps": len(g.section("steps")), "provisions": len(g.provisions)}
                         for g in _guides(paths)])


def show_guide(corpus: "Corpus", name: str, as_of: date | None, paths: Iterable[str | Path] | None = None) -> GuideResult:
    from ..guides.check import check_guide
    from ..guides.load import find_guide
    from ..guides.render import render_guide

    g = find_guide(name, _guides(paths))
    return GuideResult(render_guide(corpus, g, as_of, check_guide(corpus, g, as_of)))


def check_all(corpus: "Corpus", as_of: date | None, paths: Iterable[str | Path] | None = None) -> GuideCheckResult:
    from ..guides.check import check_guides

    day = as_of or _today()
    return GuideCheckResult(day.isoformat(), [r.to_dict() for r in check_guides(corpus, _guides(paths), day)])


def _matcher(paths: Iterable[str | Path] | None) -> Any:
    from ..guides.match import Matcher, shipped_matcher

    return shipped_matcher() if paths is None else Matcher(_guides(paths))


def match_question(question: str, paths: Iterable[str | Path] | None = None) -> "tuple[GuideMatch, Match] | None":
    from ..guides.load import find_guide

    guides = _guides(paths)
    m = _matcher(paths).match(question)
    if m is None:
        return None
    g = find_guide(m.guide, guides)
    return GuideMatch(m.guide, m.score, m.threshold, g.title, m.runner_up, m.runner_up_score, m.matched_text), m




def match_scenario(question: str, paths: Iterable[str | Path] | None = None) -> "tuple[GuideMatch, Match] | None":
    """The best match of the whole question or of one of its sentences: a checkpoint scenario
    tells its situation in one sentence among several, and the whole text dilutes it."""
    from ..guides.match import scenario_sentences

    best = None
    for part in scenario_sentences(question):
        hit = match_question(part, paths)
        if hit is not None and (best is None or hit[0].score > best[0].score):
            best = hit
    return best


def answer_with_guide(corpus: "Corpus", question: str, as_of: date | None, cfg: Any,
                      paths: Iterable[str | Path] | None = None) -> AskResult | None:
    """The whole guide that fits the question, else the single steps of any guide that fit the
    sentences of a scenario; None when nothing fits."""
    from ..guides.answer import guide_answer
    from ..guides.load import find_guide

    hit = match_scenario(question, paths)
    if hit is None:
        return _answer_with_steps(corpus, question, as_of, cfg, paths)
    gm, m = hit
    return AskResult(guide_answer(corpus, find_guide(gm.guide, _guides(paths)), question, m, as_of, cfg,
                                  also=_other_steps(question, paths)))


def guide_applies(question: str) -> bool:
    """Whether a guide may answer: the question tells of someone at a checkpoint ("saya", "a
    passenger"). (Measured 2026-12-02: also letting every scenario of several sentences take
    single steps (claim threshold 0.35) raised officer held-out coverage with guides .447 -> .461 but matched 8 more
    legal-staff questions, 3 of them with no provision they need: the issue's target is 0.)"""
    from ..answer.question import describes_situation

    return describes_situation(question)


def _step_hits(question: str, paths: Iterable[str | Path] | None) -> "list[Any]":
    """The single steps (of any guide) that fit a sentence of a scenario of several sentences."""
    from ..guides.match import StepMatcher, scenario_sentences, shipped_step_matcher

    sentences = scenario_sentences(question)
    if len(sentences) < 2:  # one sentence is one issue: the whole-guide match has answered it
        return []
    matcher = shipped_step_matcher() if paths is None else StepMatcher(_guides(paths))
    return matcher.match(sentences)


def _other_steps(question: str, paths: Iterable[str | Path] | None) -> "list[Any]":
    """Steps that fit through a cue (the conduct or situation the officer told, in a guide's own
    words) — the claim's word overlap alone is too loose to add a second guide's law."""
    return [h for h in _step_hits(question, paths) if str(h.via).startswith("cue:")]


def _answer_with_steps(corpus: "Corpus", question: str, as_of: date | None, cfg: Any,
                       paths: Iterable[str | Path] | None) -> AskResult | None:
    """No whole guide fits: the single steps (of any guide) that fit a sentence of the question."""
    from ..guides.answer import steps_answer

    hits = _step_hits(question, paths)
    if not hits:
        return None
    guides = _guides(paths)
    ans = steps_answer(corpus, {g.id: g for g in guides}, hits, question, as_of, cfg)
    return None if ans.abstained else AskResult(ans)
