"""A guide rendered on a date: each point with the live words in force of the provisions it cites."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..answer.items import clip as _clip
from ..text import collapse_ws, is_verbatim
from .check import GuideCheck, Live, live
from .model import SECTIONS, Guide, Point

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

QUOTE_CHARS = 420
SECTION_TITLES = {
    "en": {"steps": "Steps", "does_not_allow": "What the law does not allow", "referrals": "Referrals",
           "rights": "The person's rights", "record": "What to record"},
    "id": {"steps": "Langkah", "does_not_allow": "Yang tidak dibolehkan hukum", "referrals": "Rujukan",
           "rights": "Hak orang yang bersangkutan", "record": "Yang dicatat"},
}


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """The answer composer's clip (a verbatim prefix ending at a clause) of the whitespace-collapsed text."""
    return _clip(collapse_ws(text), limit)


def provision_row(corpus: "Corpus", lv: Live, quotes: tuple[str, ...]) -> dict[str, Any]:
    mine = [q for q in quotes if lv.text and is_verbatim(q, lv.text)]
    words = corpus.label(lv.words_of) if lv.words_of and lv.words_of != lv.pid else None
    return {"id": lv.pid, "label": lv.label, "status": lv.status, "state": lv.state, "in_force": lv.in_force,
            "words_of": lv.words_of, "words_of_label": words,
            "quotes": mine, "text": clip(lv.text) if lv.text else None}


def point_row(corpus: "Corpus", pt: Point, day: date) -> dict[str, Any]:
    rows = []
    for pid in pt.provisions:
        lv = live(corpus, pid, day)
        rows.append(provision_row(corpus, lv, pt.quotes) if lv else
                    {"id": pid, "label": pid, "status": "does not resolve", "state": None, "in_force": False,
                     "words_of": None, "words_of_label": None, "quotes": [], "text": None})
    return {"n": pt.n, "claim": pt.claim, "claim_id": pt.claim_id, "basis": pt.basis, "authority": pt.authority, "note": pt.note,
            "provisions": rows}


def render_guide(corpus: "Corpus", g: Guide, day: date | None, check: GuideCheck) -> dict[str, Any]:
    on = day or date.today()
    return {"id": g.id, "kind": g.kind, "title": g.title, "situation": g.situation,
            "examples": {k: list(v) for k, v in g.examples.items()}, "checked": g.checked.isoformat(),
            "as_of": day.isoformat() if day else None, "read_on": on.isoformat(), "gaps": list(g.gaps),
            "sections": {s: [point_row(corpus, p, on) for p in g.section(s)] for s in SECTIONS},
            "check": check.to_dict()}


def plain_guide(d: dict[str, Any], lang: str = "en") -> str:
    """Terminal text of a rendered guide."""
    titles = SECTION_TITLES[lang]
    out = [f"{d['title']['en']} / {d['title']['id']}  [guide {d['id']}]"]
    if d["kind"] == "commentary":
        out.append("COMMENTARY: this guide reports a study's views; it is not law and states no legal duty.")
    out += [f"situation: {d['situation']['en']}", f"situasi: {d['situation']['id']}",
            f"checked against the corpus {d['checked']}; law read on {d['read_on']}; check: "
            + ("OK" if d["check"]["ok"] else f"FAILED ({len(d['check']['errors'])} problems)")]
    for e in d["check"]["errors"]:
        out.append(f"  ! {e}")
    for sec, rows in d["sections"].items():
        if not rows:
            continue
        out += ["", f"== {titles[sec]} =="]
        for r in rows:
            who = f"{r['authority']}: " if r["authority"] else ""
            tag = {"practice": " (practice, not law: no legal basis cited)",
                   "commentary": " (commentary)"}.get(r["basis"], "")
            out.append(f"{r['n']}. {who}{r['claim']}{tag}")
            if r["claim_id"]:
                out.append(f"   id: {r['claim_id']}")
            if r["note"]:
                out.append(f"   note: {r['note']}")
            for p in r["provisions"]:
                words = f"; words of {p['words_of_label']}" if p["words_of_label"] else ""
                out.append(f"   * {p['label']} [{p['status'] or 'no legal status'}{words}]")
                for q in p["quotes"] or ([p["text"]] if p["text"] else []):
                    out.append(f"     “{collapse_ws(q)}”")
    if d["gaps"]:
        out += ["", "== What this corpus does not hold =="]
        out += [f"- {x}" for x in d["gaps"]]
    return "\n".join(out)
