"""A cited answer whose skeleton is a guide: the guide's points in order, each provision quoted
live (the words in force on the day asked), verified like every other answer (fail closed)."""

from __future__ import annotations

from ..timeline import today as _today

import time
from datetime import date
from typing import TYPE_CHECKING

from ..answer import terms
from ..answer.compose import finalize
from ..answer.items import clip, make_item
from ..answer.model import Answer, Item
from ..norm import safe_cut
from ..text import is_verbatim
from .check import live
from .match import Match, StepHit, stem_set
from .model import SECTIONS, Guide, Point
from .render import SECTION_TITLES

if TYPE_CHECKING:  # pragma: no cover
    from ..answer.config import AnswerConfig
    from ..store import Corpus

_LEAD = {
    "en": "This answer follows the lexqa guide {title} (guide {id}, last checked against the corpus on "
          "{checked}): the structure comes from the guide; each provision is quoted from the text in force on {day}.",
    "id": "Jawaban ini mengikuti panduan lexqa {title} (panduan {id}, terakhir diperiksa terhadap korpus pada "
          "{checked}): susunannya berasal dari panduan; setiap ketentuan dikutip dari teks yang berlaku pada {day}.",
}
_PRACTICE = {"en": " (practice, not law)", "id": " (praktik, bukan hukum)"}
_COMMENTARY = {"en": "COMMENTARY from a study, not law.", "id": "KOMENTAR dari sebuah kajian, bukan hukum."}
_GAPS = {"en": "Not in this corpus", "id": "Tidak ada dalam korpus ini"}



def _cut_inside(fragment: str, text: str) -> bool:
    """A guide's fragment that opens the provision and stops inside a number, a list or a
    citation: the answer quotes the provision cut at a clause boundary instead."""
    t, f = text.strip(), fragment.strip()
    return t.startswith(f) and len(f) < len(t) and safe_cut(t, len(f)) != len(f)

def _plain(s: str) -> str:
    # quotation marks in a claim would be read as a quotation the verifier must find verbatim
    return s.replace("“", "").replace("”", "").replace('"', "")


def _language(question: str, g: Guide) -> str:
    """The question's language, read against the guide's own texts in each language first (the
    composer's cue count misses questions such as "Bolehkah saya menunda keberangkatan ...?")."""
    q = stem_set(question)
    share = {}
    for lang in ("id", "en"):
        texts = (g.title[lang], g.situation[lang], *g.examples[lang])
        share[lang] = len(q & frozenset().union(*(stem_set(t) for t in texts)))
    if share["id"] != share["en"]:
        return max(share, key=lambda k: share[k])
    return terms.language(question)


def _point_line(corpus: "Corpus", pt: Point, lang: str, on: date, cfg: "AnswerConfig", score: float,
                cites: dict[str, Item], label: str | None = None) -> str:
    """One point of a guide as a line of the answer; its provisions, quoted live, join `cites`."""
    nums = []
    for pid in pt.provisions:
        lv = live(corpus, pid, on)
        p = corpus.get(lv.words_of) if lv and lv.words_of else None
        if lv is None or p is None:
            continue
        if p.id not in cites:
            q = next((x for x in pt.quotes if is_verbatim(x, p.text) and not _cut_inside(x, p.text)), None)
            item = make_item(corpus, p, score, cfg, quote=q or clip(p.text, cfg.max_quote_chars))
            if p.id != pid:  # the amending law's words: say which base provision they are
                item.status_detail = f"{lv.label}: {lv.status}"
            cites[p.id] = item
        nums.append(cites[p.id].label)
    who = f"{pt.authority}: " if pt.authority else ""
    tag = _PRACTICE[lang] if pt.basis == "practice" else ""
    head = f"{label}. " if label else f"{pt.n}. "
    return f"{head}{who}{_plain(pt.claim_in(lang))}{tag}" + (f" [{'; '.join(dict.fromkeys(nums))}]" if nums else "")


def _verified(ans: Answer, corpus: "Corpus", t0: float) -> Answer:
    """The answer through the same fail-closed verification as every answer, with its timings."""
    t1 = time.perf_counter()
    ans = finalize(ans, corpus)
    ans.timings = {"answer_ms": (t1 - t0) * 1000, "verify_ms": (time.perf_counter() - t1) * 1000,
                   "total_ms": (time.perf_counter() - t0) * 1000}
    return ans


_ALSO = {"en": "Also from other guides, for other parts of this situation",
         "id": "Juga dari panduan lain, untuk bagian lain situasi ini"}


def guide_answer(corpus: "Corpus", g: Guide, question: str, m: Match, day: date | None,
                 cfg: "AnswerConfig", also: "list[StepHit] | None" = None) -> Answer:
    """`also`: single steps of other guides that fit other sentences of the scenario (a situation
    often spans two guides: a refused departure of a migrant worker without documents)."""
    t0 = time.perf_counter()
    on = day or _today()
    lang = _language(question, g)
    title = g.title[lang]
    lines = [_LEAD[lang].format(title=title, id=g.id, checked=g.checked.isoformat(), day=on.isoformat())]
    if g.kind == "commentary":
        lines.append(_COMMENTARY[lang])
    if lang == "id" and any(not p.claim_id for p in g.points):
        lines.append("Sebagian langkah panduan ini hanya tersedia dalam bahasa Inggris.")
    cites: dict[str, Item] = {}
    for sec in SECTIONS:
        pts = g.section(sec)
        if not pts:
            continue
        lines += ["", SECTION_TITLES[lang][sec] + ":"]
        lines += [_point_line(corpus, pt, lang, on, cfg, m.score, cites) for pt in pts]
    if g.gaps:
        lines += ["", _GAPS[lang] + ":"] + [f"- {_plain(x)}" for x in g.gaps]
    extra = [h for h in (also or []) if h.guide != g.id and not set(h.point.provisions) <= set(g.provisions)]
    if extra:
        lines += ["", _ALSO[lang] + f" ({', '.join(dict.fromkeys(h.guide for h in extra))}):"]
        lines += [_point_line(corpus, h.point, lang, on, cfg, h.score, cites, label="+") for h in extra]
    ans = Answer(question=question, answer="\n".join(lines), abstained=False, citations=list(cites.values()),
                 language=lang, engine=f"guide:{g.id}",
                 signals={"guide": g.id, "guide_score": round(m.score, 4), "guide_threshold": m.threshold,
                          "guide_runner_up": m.runner_up, "guide_runner_up_score": round(m.runner_up_score, 4),
                          "guide_also": [{"guide": h.guide, "point": h.point.where, "score": round(h.score, 4),
                                          "via": h.via} for h in extra]},
                 notes=[f"structure from guide {g.id} (checked {g.checked.isoformat()}); not a retrieval answer"])
    return _verified(ans, corpus, t0)


_STEPS_LEAD = {
    "en": "Points from the lexqa guides that fit parts of this situation ({guides}); each provision is quoted "
          "from the text in force on {day}:",
    "id": "Butir dari panduan lexqa yang sesuai dengan bagian situasi ini ({guides}); setiap ketentuan dikutip "
          "dari teks yang berlaku pada {day}:",
}


def steps_answer(corpus: "Corpus", guides: dict[str, Guide], hits: list["StepHit"], question: str,
                 day: date | None, cfg: "AnswerConfig") -> Answer:
    """A scenario that fits no whole guide but whose sentences fit single steps of several: those
    steps, each with its provisions quoted live, under a line naming the guides they come from."""
    t0 = time.perf_counter()
    on = day or _today()
    lang = terms.language(question)
    names = list(dict.fromkeys(h.guide for h in hits))
    checked = {g: guides[g].checked.isoformat() for g in names}
    lines = [_STEPS_LEAD[lang].format(guides=", ".join(f"{g} ({checked[g]})" for g in names), day=on.isoformat())]
    cites: dict[str, Item] = {}
    per_step: list[list[str]] = []
    for n, h in enumerate(hits, 1):
        before = set(cites)
        lines.append(_point_line(corpus, h.point, lang, on, cfg, h.score, cites, label=str(n)))
        per_step.append([i for i in cites if i not in before])
    ans = Answer(question=question, answer="\n".join(lines), abstained=not cites, citations=list(cites.values()),
                 language=lang, engine="guide-steps:" + "+".join(names),
                 signals={"guide_steps": [{"guide": h.guide, "point": h.point.where, "score": round(h.score, 4),
                                           "via": h.via, "citations": ids} for h, ids in zip(hits, per_step)]},
                 notes=[f"points from guides {', '.join(names)}; each matched one sentence of the question"])
    return _verified(ans, corpus, t0)


#: issues whose answer is an offence's article and numbers ("Which provision do we charge him
#: under?", "What is the penalty?")
_OFFENCE_ISSUES = ("penalty", "which")


def lead_from_steps(lead_claims: list[dict], steps_ans: Answer, question: str, corpus: "Corpus") -> list[dict]:
    """The lead, with the offences that guide steps named through one of their cues (the conduct
    the officer told) for the penalty / which-article issues the composer answered without
    numbers: a claim of the composer's with no numbers for such an issue gives way to the step's
    provision, stated by the same norm reading as every lead and verified with the answer."""
    from ..answer.lead import penalty_claim
    from ..answer.question import read_question

    reading = read_question(question)
    issues = [i for i in reading.issues if i.qtype in _OFFENCE_ISSUES]
    by_id = {c.id: c for c in steps_ans.citations}
    items = [by_id[i] for st in steps_ans.signals.get("guide_steps", []) if str(st.get("via", "")).startswith("cue:")
             for i in st.get("citations", []) if i in by_id]
    claims = list(lead_claims)
    if not issues or not items:
        return claims
    stated = {cid for cl in claims if cl.get("facts") for cid in cl["citations"]}

    def near(pid: str) -> bool:  # the same provision, or one inside the other (Pasal 134 / huruf b)
        return any(pid == s or pid.startswith(s + "/") or s.startswith(pid + "/") for s in stated)

    several = len(reading.issues) > 1
    for issue in issues:
        mine = [n for n, cl in enumerate(claims) if not several or cl.get("issue") == issue.text]
        if issue.qtype == "which" and any(claims[n].get("facts") for n in mine):
            continue  # the article asked for is already given with its numbers
        # a penalty issue asks the penalty of each act the scenario tells ("for the detainee and
        # for the guard"): every offence a cue named adds its numbers while the lead has room
        swap = [n for n in mine if not claims[n].get("facts") and not claims[n].get("polarity")]
        for item in items:
            if not swap and len(claims) >= 3:
                break
            polar = issue.polar and issue.qtype == "penalty"  # "which article …, is it prison and a fine?"
            cl = None if near(item.id) else penalty_claim(item, corpus, steps_ans.language, polar)
            if cl is None:
                continue
            if several:
                cl["issue"] = issue.text
            cl["from_guide"] = True
            if swap:
                claims[swap.pop(0)] = cl
            else:
                claims.append(cl)
            stated.add(item.id)
            if issue.qtype == "which":
                break
    return claims
