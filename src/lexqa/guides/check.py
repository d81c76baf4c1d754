"""`lexqa guide check`: every provision a guide cites resolves, is in force on the guide's check
date and on the date checked (today by default), has not changed in between, and every quoted
fragment is verbatim in the words in force. Read through the timeline (lexqa.timeline)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..text import is_verbatim
from ..timeline import address_label, provision_status, timeline
from .model import Guide, Point

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


@dataclass(frozen=True)
class Live:
    """A provision as it reads on a day: the words in force (None: no words), whose words they are, status."""

    pid: str
    label: str
    day: str
    text: str | None
    words_of: str | None           # the provision id whose text `text` is (an amending law's, when amended)
    status: str | None             # summary; None: no legal status (literature)
    state: str | None
    in_force: bool
    phrase: str | None = None      # words the Constitutional Court struck, when that is the status


def live(corpus: "Corpus", pid: str, day: date) -> Live | None:
    """`pid` read on `day`; None when it does not resolve."""
    tl = timeline(corpus)
    if tl.versions(pid) is not None:   # a base-law coordinate with a timeline (also inserted articles)
        v = tl.at(pid, day)
        st = tl.status(pid, day)
        words = corpus.get(v.provision) if v and v.provision else None
        phrase = v.event.phrase if v and v.event.kind == "phrase-struck" else None
        return Live(pid, address_label(corpus, pid), day.isoformat(), words.text if words else None,
                    words.id if words else None, st.summary if st else None, st.state if st else None,
                    bool(st and st.in_force), phrase)
    p = corpus.get(pid)
    if p is None:
        return None
    st = provision_status(corpus, pid, day)
    return Live(pid, corpus.label(p), day.isoformat(), p.text, p.id, st.summary if st else None,
                st.state if st else None, st.in_force if st else True)


@dataclass
class GuideCheck:
    guide: str
    checked: str
    as_of: str
    errors: list[str] = field(default_factory=list)
    provisions: int = 0
    quotes: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"guide": self.guide, "ok": self.ok, "checked": self.checked, "as_of": self.as_of,
                "provisions": self.provisions, "quotes": self.quotes, "errors": list(self.errors)}


def _nearest(corpus: "Corpus", pid: str) -> list[str]:
    doc = pid.split("/", 1)[0]
    pool = [i for i in corpus.ids() if i.startswith(doc + "/")] or corpus.ids()
    return difflib.get_close_matches(pid, pool, n=3, cutoff=0.6)


def _changes(corpus: "Corpus", pid: str, a: date, b: date) -> list[str]:
    """What changed the provision after the earlier of `a`, `b` and up to the later one."""
    lo, hi = sorted((a.isoformat(), b.isoformat()))
    vs = timeline(corpus).versions(pid) or []
    return [f"{v.event.kind} on {v.valid_from} by {v.event.source_label}" for v in vs
            if v.valid_from and lo < v.valid_from <= hi]


def _check_point(corpus: "Corpus", g: Guide, pt: Point, days: list[date], out: GuideCheck) -> None:
    where = f"{g.id} {pt.where}"
    reads: list[Live] = []
    for pid in pt.provisions:
        first = live(corpus, pid, days[0])
        if first is None:
            near = _nearest(corpus, pid)
            out.errors.append(f"{where}: {pid} does not resolve" + (f" (nearest: {', '.join(near)})" if near else ""))
            continue
        base = timeline(corpus).address_of(pid)
        if base and base != pid:
            out.errors.append(f"{where}: {pid} is an amending law's text; cite the base-law address {base}")
            continue
        out.provisions += 1
        for day in days:
            lv = first if day == days[0] else live(corpus, pid, day)
            assert lv is not None
            reads.append(lv)
            if lv.status is None and pt.basis != "commentary":
                out.errors.append(f"{where}: {lv.label} has no legal status (literature); only a commentary "
                                  "point may rest on it")
            elif not lv.in_force:
                out.errors.append(f"{where}: {lv.label} is not in force on {lv.day}: {lv.status}")
            elif lv.state == "partly revoked":
                out.errors.append(f"{where}: {lv.label} is {lv.status} on {lv.day}; cite the surviving part")
        for ch in _changes(corpus, pid, g.checked, days[-1]):
            out.errors.append(f"{where}: {address_label(corpus, pid)} changed since the guide was checked "
                              f"on {g.checked.isoformat()}: {ch}; re-read it and update the guide")
    for claim in (pt.claim, pt.claim_id or ""):
        _check_mentions(corpus, where, claim, out)
    for q in pt.quotes:
        out.quotes += 1
        for day in {lv.day for lv in reads}:
            texts = [lv for lv in reads if lv.day == day and lv.text]
            if not any(is_verbatim(q, lv.text or "") for lv in texts):
                labels = ", ".join(lv.label for lv in texts) or "its provisions"
                out.errors.append(f"{where}: quote {q!r} is not verbatim in the words of {labels} in force on {day}")
            for lv in texts:
                if lv.phrase and lv.phrase.casefold() in q.casefold():
                    out.errors.append(f"{where}: quote {q!r} contains the phrase “{lv.phrase}” struck from "
                                      f"{lv.label} ({lv.status})")


def _check_mentions(corpus: "Corpus", where: str, claim: str, out: GuideCheck) -> None:
    """Every Pasal/Article a claim names must resolve on its own (answers built from guides are verified so)."""
    from ..cite.verify import Report, verify_text_mentions

    rep = Report()
    verify_text_mentions(claim, corpus, rep)
    for c in rep.checks:
        if not c.ok:
            out.errors.append(f"{where}: the claim names {c.target!r}, which does not resolve ({c.message}); "
                              "name its document, e.g. 'UU 6/2011 Pasal 16'")


def check_guide(corpus: "Corpus", g: Guide, as_of: date | None = None) -> GuideCheck:
    day = as_of or date.today()
    out = GuideCheck(g.id, g.checked.isoformat(), day.isoformat())
    days = [g.checked] if g.checked == day else [g.checked, day]
    for pt in g.points:
        _check_point(corpus, g, pt, days, out)
    return out


def check_guides(corpus: "Corpus", guides: list[Guide], as_of: date | None = None) -> list[GuideCheck]:
    return [check_guide(corpus, g, as_of) for g in guides]
