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
from .match import Match, stem_set
from .model import SECTIONS, Guide
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


def guide_answer(corpus: "Corpus", g: Guide, question: str, m: Match, day: date | None,
                 cfg: "AnswerConfig") -> Answer:
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
        for pt in pts:
            nums = []
            for pid in pt.provisions:
                lv = live(corpus, pid, on)
                p = corpus.get(lv.words_of) if lv and lv.words_of else None
                if lv is None or p is None:
                    continue
                if p.id not in cites:
                    q = next((x for x in pt.quotes if is_verbatim(x, p.text) and not _cut_inside(x, p.text)), None)
                    item = make_item(corpus, p, m.score, cfg, quote=q or clip(p.text, cfg.max_quote_chars))
                    if p.id != pid:  # the amending law's words: say which base provision they are
                        item.status_detail = f"{lv.label}: {lv.status}"
                    cites[p.id] = item
                nums.append(cites[p.id].label)
            who = f"{pt.authority}: " if pt.authority else ""
            tag = _PRACTICE[lang] if pt.basis == "practice" else ""
            lines.append(f"{pt.n}. {who}{_plain(pt.claim_in(lang))}{tag}" + (f" [{'; '.join(dict.fromkeys(nums))}]" if nums else ""))
    if g.gaps:
        lines += ["", _GAPS[lang] + ":"] + [f"- {_plain(x)}" for x in g.gaps]
    ans = Answer(question=question, answer="\n".join(lines), abstained=False, citations=list(cites.values()),
                 language=lang, engine=f"guide:{g.id}",
                 signals={"guide": g.id, "guide_score": round(m.score, 4), "guide_threshold": m.threshold,
                          "guide_runner_up": m.runner_up, "guide_runner_up_score": round(m.runner_up_score, 4)},
                 notes=[f"structure from guide {g.id} (checked {g.checked.isoformat()}); not a retrieval answer"])
    t1 = time.perf_counter()
    ans = finalize(ans, corpus)
    ans.timings = {"answer_ms": (t1 - t0) * 1000, "verify_ms": (time.perf_counter() - t1) * 1000,
                   "total_ms": (time.perf_counter() - t0) * 1000}
    return ans
