"""The lead: answer first, then cite. Built from the norms (lexqa.norm) of the cited provisions
and the reading of the question (lexqa.answer.question):

* a penalty question gets the penalty's numbers ("3 to 15 years' imprisonment and a fine of
  Rp120,000,000 to Rp600,000,000 (KUHP Pasal 455 ayat (1))"), and for a revoked provision what it
  said until its revocation;
* a yes/no question gets "Yes —", "No —" or "Only if —" and the operative clause with all its
  list items, quoted verbatim;
* anything else gets the operative clause, cut only at a clause boundary (lexqa.norm.safe_cut).

Every sentence that states law carries its citation and quotes only the cited words; numbers are
stated only from a penalty clause read without defects. The phrasing is data (data/answer.toml
[lead]); each sentence is also kept as a claim (`Answer.lead_claims`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..kinds import LIST_ITEM_KINDS
from ..norm import Norm, Penalty, norm_of, safe_cut
from ..norm.cues import rx as norm_rx
from ..text import collapse_ws
from . import terms
from .config import data_file
from .fit import ACTS, ANOTHER_AYAT, EXEMPTION_ANSWERS, GROUND, exempting_text, exempts, has_period, period_part, spares_asked
from .items import clip
from .model import Answer, Item
from .narrow import best_ayat, chapeau_head, operative_ayat
from .polar import (answers_issue, asks_heavier, condition_told, extension_is_bounded, ground_not_listed, refusal_says_no,
                    refuses)
from .terms import overlap
from .render import text_label

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus
    from .question import QIssue, QuestionReading

POLAR_TYPES = ("permission", "duty", "prohibition")


@functools.cache
def phrases() -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("lexqa").joinpath("data/lead.toml").read_text(encoding="utf-8"))


def _t(lang: str, key: str, **kw: Any) -> str:
    return phrases()[lang if lang in ("id", "en") else "en"][key].format(**kw)


def quote_clause(text: str, limit: int) -> str:
    """A verbatim prefix of `text` ending at a clause boundary (lexqa.answer.items.clip)."""
    return clip(text, limit)


# ----------------------------------------------------------------------------- numbers

def _years(months: int, lang: str) -> str:
    if months % 12 == 0:
        y = months // 12
        return _t(lang, "years", n=y) if y != 1 else _t(lang, "year")
    return _t(lang, "months", n=months)


def _rp(v: int, lang: str) -> str:
    s = f"{v:,}"
    return "Rp" + (s.replace(",", ".") if lang == "id" else s)


def _range(lo: str | None, hi: str | None, lang: str, what: str) -> str:
    """`what`: "time" or "money" (Indonesian says "paling lama" of a term, "paling banyak" of a fine)."""
    if lo and hi:
        return _t(lang, "range", lo=lo, hi=hi)
    if hi:
        return _t(lang, f"up_to_{what}", hi=hi)
    return _t(lang, f"at_least_{what}", lo=lo) if lo else ""


def penalty_text(pen: Penalty, lang: str) -> str | None:
    """"3 to 15 years' imprisonment and a fine of Rp120,000,000 to Rp600,000,000"; None when the
    clause was not read cleanly (a number the lead states must be the law's)."""
    if pen.defects or not pen.has_numbers or pen.increase:
        # a range "ditambah 1/3" is another article's range plus a share: stating the borrowed
        # numbers would state the wrong penalty, so the clause is quoted instead
        return None
    parts = []
    if pen.death:
        parts.append(_t(lang, "death"))
    # "paling singkat 5 (lima) tahun dan paling lama penjara seumur hidup": one range, not two penalties
    to_life = pen.life and not pen.prison_max_months and not pen.death
    if to_life and pen.prison_min_months:
        parts.append(_t(lang, "life_range", lo=_years(pen.prison_min_months, lang)))
    elif pen.life:
        parts.append(_t(lang, "life"))
    if to_life:
        pass  # (no other term: the range to life, or life alone, is stated above)
    elif pen.prison_min_months and pen.prison_max_months and not (pen.prison_min_months % 12 or pen.prison_max_months % 12):
        rng = _t(lang, "range", lo=str(pen.prison_min_months // 12), hi=_years(pen.prison_max_months, lang))
        parts.append(_t(lang, "detention" if pen.detention else "prison", range=rng))
    elif pen.prison_min_months or pen.prison_max_months:
        rng = _range(_years(pen.prison_min_months, lang) if pen.prison_min_months else None,
                     _years(pen.prison_max_months, lang) if pen.prison_max_months else None, lang, "time")
        parts.append(_t(lang, "detention" if pen.detention else "prison", range=rng))
    if pen.fine_min_rp or pen.fine_max_rp:
        rng = _range(_rp(pen.fine_min_rp, lang) if pen.fine_min_rp else None,
                     _rp(pen.fine_max_rp, lang) if pen.fine_max_rp else None, lang, "money")
        parts.append(_t(lang, "fine", range=rng))
    if not parts:
        return None
    joiner = {"and": "and", "or": "or", "and/or": "and_or"}.get(pen.combination, "and")
    head = _t(lang, "or_alt").join(parts[:-1]) if len(parts) > 2 else ""
    if len(parts) == 1:
        return parts[0]
    return (head or parts[0]) + f" {_t(lang, joiner)} " + parts[-1]


def facts_of(pen: Penalty) -> dict[str, Any]:
    return {k: v for k, v in (("prison_min_months", pen.prison_min_months), ("prison_max_months", pen.prison_max_months),
                              ("fine_min_rp", pen.fine_min_rp), ("fine_max_rp", pen.fine_max_rp),
                              ("life", pen.life or None), ("death", pen.death or None)) if v}


# ----------------------------------------------------------------------------- norms

def _penalty_norm(n: Norm, corpus: "Corpus | None" = None, cs: list | None = None) -> Norm | None:
    """The penalty clause of `n` that states numbers; of several (UU 21/2007 Pasal 7: ayat (1) a
    third more for grave injury, ayat (2) 5 years to life for the victim's death), the one whose
    ayat carries most of the question's concepts `cs`, a rare one weighing more as in the lead
    choice ("meninggal" over "ancaman pidana"; the first at a tie)."""
    pens = [x for x in n.all() if x.penalty is not None and x.penalty.has_numbers]
    parts = [x for x in pens if x.provision != n.provision]  # (the article's own norm is its first part's)
    if len(parts) < 2 or not cs or corpus is None:
        return pens[0] if pens else None
    pens = parts
    cs = terms.by_rarity(cs, corpus, data_file()["select"]["rarity_weight"])
    text = lambda x: (getattr(corpus.get(x.provision or ""), "text", "") or "")  # noqa: E731
    return max(pens, key=lambda x: overlap(cs, text(x)))


def _operative(n: Norm, qtype: str, ics: list | None = None) -> Norm:
    """The part of a provision's norm that answers a question of type `qtype`: a part with a
    modality the question asks about ([polarity.asked]) before the others, and among those the one
    whose clause carries most of the issue's concepts `ics` (in the order of `want` at a tie): "Can
    a victim ask for restitution …?" is answered by "berhak memperoleh restitusi" (UU 21/2007 Pasal
    48(1)), not by ayat (5)'s "dapat dititipkan"."""
    want = {"permission": ("power", "duty", "prohibition", "right"), "duty": ("duty", "power", "prohibition"),
            "prohibition": ("prohibition", "duty", "power"), "definition": ("definition",)}.get(qtype)
    asked = data_file()["polarity"]["asked"].get(qtype, [])
    parts = [x for x in n.all() if want and x.modality in want]
    return max(parts, key=lambda x: (x.modality in asked, overlap(ics, " ".join([x.action, *x.conditions])) if ics else 0.0,
                                     -want.index(x.modality))) if parts else n


def polarity(n: Norm, language: str = "en", qtype: str | None = None) -> str:
    """The direct answer a provision gives to "may / must / can …?": yes, no or only-if.

    "Only if" is for a power the law grants on grounds ("menolak … dalam hal: a. …"); a duty is
    a yes (it binds whenever its trigger occurs: "wajib memberikan … jika diminta"), and in
    Indonesian law a condition that only places the clause after another ayat ("Dalam hal Deteni
    sebagaimana dimaksud pada ayat (1) …") or a "jika" trigger is no ground (read on the dev
    half: q123, q173, q223)."""
    if n.modality == "prohibition" or n.negated:
        return "no"
    grounded = any(GROUND.match(c) and not ANOTHER_AYAT.search(c) for c in n.conditions)
    # a duty to refuse on listed grounds ("menolak … dalam hal orang tersebut: a. …") refuses
    # only on them: "may I refuse?" is answered "only if", like a power granted on grounds ("must
    # I refuse him?", told with the facts, stays a yes: dev q167, q211)
    if not n.conditions or (n.modality == "duty" and not (grounded and refuses(n) and qtype == "permission")):
        return "yes"
    if language == "id" and not grounded:
        return "yes"
    return "only-if"





# ----------------------------------------------------------------------------- list items and their chapeau

def _chapeau(p: Any, corpus: "Corpus", qtype: str) -> tuple[Norm, Any, bool] | None:
    """(the chapeau's operative norm, the provision holding it, whether its items are grounds) of
    a list item whose own words carry no modality ("b. menyerahkan Dokumen Perjalanan ... apabila
    diminta" under "Setiap Orang Asing ... wajib:"). The items are grounds when the chapeau's last
    clause is a condition ("menolak ... dalam hal orang tersebut: a. ...; b. ..."), else they are
    what the chapeau commands, permits or forbids."""
    if p.kind not in LIST_ITEM_KINDS:
        return None
    parent = corpus.parent(p.id)
    if parent is None:
        return None
    pn = _operative(norm_of(parent, corpus), qtype)
    if pn.modality not in ACTS:
        return None
    kids = [k for k in corpus.children(parent.id) if k.kind in LIST_ITEM_KINDS]
    at = parent.text.find(kids[0].text) if kids else -1
    head = parent.text[:at] if at > 0 else parent.text
    last = re.split(r"[,;]", head.rstrip().rstrip(":"))[-1]
    lang = "en" if _norm_language(parent, corpus) == "en" else "id"
    return pn, parent, bool(norm_rx(lang, "condition").search(last))


# ----------------------------------------------------------------------------- the lead

def _norm_language(p: Any, corpus: "Corpus") -> str:
    meta = corpus.meta(p.doc)
    return meta.language if meta is not None else "en"


def _quote(text: str, limit: int) -> tuple[str, bool]:
    """The lead's quote of `text` and whether it is "long": one list with no clause boundary in
    reach, so no partial quote goes in the lead (a cut would fall inside the list) and the whole
    text is under "Legal basis"."""
    raw = quote_clause(text, limit)
    t = text.strip()
    return collapse_ws(raw), len(raw) < len(t) and safe_cut(t, len(raw)) != len(raw)


def _sentence_for(c: Item, corpus: "Corpus", qtype: str, polar: bool, lang: str, limit: int,
                  issue_concepts: list | None = None, polar_min: float = 1.0,
                  treaty_basis: bool = False, issue_text: str | None = None,
                  told: str | None = None) -> dict[str, Any] | None:
    """One lead sentence for citation `c`; a yes/no only when its operative clause carries the
    issue's own concepts (`polar_min` of them), so a neighbouring power never answers "may I …?".
    A list item is read with its chapeau ("wajib: … b. menyerahkan …" is a duty); `issue_text`
    (the question's clause; `told`, the whole question, for a ground told before it: "… who is only
    the subject of a preliminary inquiry. Can I refuse his departure on that request?") lets the
    law's words say No to a ground the law does not list or to
    an extension "again and again" the law allows once (data/answer.toml [polarity])."""
    p = corpus.get(c.id)
    if p is None:
        return None
    n = norm_of(p, corpus)
    label = text_label(c)
    claim: dict[str, Any] = {"citations": [c.id], "qtype": qtype}
    is_law = c.group in ("statute", "regulation") or treaty_basis
    if polar and is_law and qtype in EXEMPTION_ANSWERS and exempts(p.text) and \
            (issue_concepts is None or overlap(issue_concepts, ex := exempting_text(p, corpus)) >= polar_min or
             (told is not None and spares_asked(ex, terms.concepts(told)))):
        # "Can I sanction / prosecute …?" and the law says it does not apply to them (or to the
        # victims the question told of before it asks: "… korban eksploitasi seksual … Apakah
        # mereka bisa dipidana …?")
        quote, long = _quote(p.text, limit)
        claim.update(text=_t(lang, "polar_no_long" if long else "polar_no", label=label, quote=quote), polarity="no")
        return claim
    if qtype == "penalty":
        pn = _penalty_norm(n, corpus, issue_concepts)
        txt = penalty_text(pn.penalty, lang) if pn is not None and pn.penalty is not None else None
        if txt and pn is not None and pn.provision and pn.provision != p.id and not c.amends and \
                (part := corpus.get(pn.provision)) is not None and part.kind == "ayat":
            label = corpus.label(part)  # "… (UU 21/2007 Pasal 7 ayat (2))": the ayat that states it
        if txt:
            # "is the penalty heavier because she is a child?" is no yes from a penalty that increases nothing
            heavier = asks_heavier(issue_text or "") and not pn.penalty.increase  # type: ignore[union-attr]
            key = "polar_penalty_yes" if polar and is_law and not heavier else "penalty_lead"
            claim.update(text=_t(lang, key, penalty=txt[0].upper() + txt[1:] if key == "penalty_lead" else txt,
                                 label=label), facts=facts_of(pn.penalty))  # type: ignore[union-attr]
            if key == "polar_penalty_yes":
                claim["polarity"] = "yes"
            return claim
    op = _operative(n, qtype, issue_concepts)
    quote, long = _quote(p.text, limit)
    opening_cut = len(quote) < len(collapse_ws(p.text))  # the article's opening words, cut (see below)
    if qtype == "when" and not has_period(quote) and (part := period_part(corpus, p, issue_concepts or [])) is not None:
        # "how long …?": the ayat that states the period is quoted, under its own label
        quote, long, opening_cut = *_quote(part.text, limit), False
        label = corpus.label(part)
        label = label[: label.find(" (Pasal ")] if c.amends and " (Pasal " in label else label
    chap = _chapeau(p, corpus, qtype) if op.modality not in ACTS else None
    grounds_text, ground_item = p.text, False
    if chap is not None:
        pn, parent, ground_item = chap
        grounds_text = parent.text
        if not ground_item:  # the item is what the chapeau commands, permits or forbids
            op = dataclasses.replace(pn, action=p.text.strip(), conditions=list(op.conditions), parts=[])
        if not long and (head := chapeau_head(parent, corpus)) and len(head) + len(quote) <= limit and not c.amends:
            # the item is quoted with the chapeau that says what it is a ground of or what is done
            # with it: "UU 6/2011 Pasal 13 ayat (1): “… menolak Orang Asing masuk … dalam hal orang
            # asing tersebut:” … UU 6/2011 Pasal 13 ayat (1) huruf j: “j. termasuk dalam jaringan …”"
            quote, label, opening_cut = f"{head}” … {label}: “{quote}", corpus.label(parent), False
    if polar and is_law and qtype in POLAR_TYPES and issue_text:
        on_grounds = ground_item or (op.modality in ACTS and bool(op.conditions))
        if (on_grounds and ground_not_listed(issue_text, grounds_text, p.doc, corpus, told)) or \
                extension_is_bounded(issue_text, p.text) or (qtype == "permission" and refusal_says_no(
                    chap[0] if chap and ground_item else op, issue_text, issue_concepts, polar_min, p.text)):
            claim.update(text=_t(lang, "polar_no_long" if long else "polar_no", label=label, quote=quote), polarity="no")
            return claim
    # yes / no / only-if: from Indonesian law (a treaty is context unless asked about), when the
    # operative clause carries the issue's concepts or its modality is the one asked about
    # ("must I …?" and a duty); a "when / in which cases" question gets "only when" from a
    # provision that sets conditions
    fits = answers_issue(op, qtype, issue_concepts, polar_min, _norm_language(p, corpus))
    if is_law and qtype in POLAR_TYPES and op.modality in ACTS and fits and not ground_item and \
            (polar or op.conditions):
        pol = polarity(op, _norm_language(p, corpus), qtype)
        if qtype == "prohibition" and op.modality == "prohibition":
            pol = "no" if op.negated else "yes"  # "Is X forbidden?" — the prohibition says yes
        if pol == "only-if" and polar and condition_told(issue_text or told or "", op.conditions):
            pol = "yes"  # "Kalau saya ragu paspor itu asli, bolehkah …?" and "Dalam hal terdapat keraguan …"
        if polar or pol == "only-if":
            # (a question that asks no yes or no gets no "Yes —"; "only when" still answers it)
            if (part := operative_ayat(p, op, corpus)) is not None and not c.amends and collapse_ws(part.text) not in quote:
                (quote, long), label = _quote(part.text, limit), corpus.label(part)  # the ayat that grants or binds
            key = f"polar_{pol.replace('-', '_')}" + ("_long" if long else "")
            claim.update(text=_t(lang, key, label=label, quote=quote), polarity=pol)
            return claim
    if issue_concepts and not c.amends and opening_cut and \
            (part := best_ayat(p, corpus, issue_concepts)) is not None and collapse_ws(part.text) not in quote:
        # the article's opening words, cut, would not answer ("… berada di luar negeri,"): the ayat
        # that carries the issue is quoted whole under its own label (PP 9/2008 Pasal 17 ayat (4))
        quote, long = _quote(part.text, limit)
        label = corpus.label(part)
    claim.update(text=_t(lang, "provides_long" if long else "provides", label=label, quote=quote))
    return claim


def penalty_claim(c: Item, corpus: "Corpus", lang: str, polar: bool, limit: int = 420) -> dict[str, Any] | None:
    """The lead sentence stating the penalty of `c`, or None when its norm states none readable."""
    cl = _sentence_for(c, corpus, "penalty", polar, lang, limit)
    return cl if cl is not None and cl.get("facts") else None


def _revoked_note(ans: Answer, lang: str, qtype: str, corpus: "Corpus") -> dict[str, Any] | None:
    """What a revoked provision said until it was revoked (the question named it, or it ranked first)."""
    for c in ans.citations:
        if c.role != "revoked" or not c.replaced_by:
            continue
        row = c.replaced_by[0]
        p = corpus.get(c.id)
        pn = _penalty_norm(norm_of(p, corpus)) if (p is not None and qtype == "penalty") else None
        txt = penalty_text(pn.penalty, lang) if pn is not None and pn.penalty is not None else None
        base = text_label(c)
        if txt:
            return {"citations": [c.id], "text": _t(lang, "revoked_penalty", label=base, date=row.get("effective") or "?",
                                                    by=row["revoked_by_label"], penalty=txt, now=row["label"]),
                    "facts": facts_of(pn.penalty), "history": True}  # type: ignore[union-attr]
        return {"citations": [c.id], "text": _t(lang, "revoked", label=base, date=row.get("effective") or "?",
                                                by=row["revoked_by_label"], now=row["label"]), "history": True}
    return None


def _states_penalty(c: Item, corpus: "Corpus") -> bool:
    p = corpus.get(c.id)
    pn = _penalty_norm(norm_of(p, corpus)) if p is not None else None
    return pn is not None and pn.penalty is not None and penalty_text(pn.penalty, "en") is not None


def compose_lead(ans: Answer, corpus: "Corpus", reading: "QuestionReading", issue_items: list[tuple["QIssue", Item]],
                 limit: int = 420, polar_min: float = 0.34) -> None:
    """Set `ans.answer` (at most three sentences, answering first), `ans.lead_claims` and `ans.issues`."""
    lang = ans.language
    main = [c for c in ans.citations if c.role == "answer"]
    if not main:
        return
    claims: list[dict[str, Any]] = []
    used: set[str] = set()
    stated: set[str] = set()   # provisions whose penalty numbers a claim states
    pairs = issue_items or [(reading.issues[0] if reading.issues else None, main[0])]
    # a penalty issue that found nothing of its own asks the penalty of what the answer cites
    paired = {id(q) for q, _ in pairs}
    pairs = pairs + [(i, main[0]) for i in reading.issues[1:] if i.qtype == "penalty" and id(i) not in paired]
    for n, (issue, item) in enumerate(pairs):
        qtype = issue.qtype if issue is not None else reading.qtype
        if qtype == "penalty" and n > 0:
            # "Which article applies, and what is the penalty?": the penalty of the article the
            # answer already gives comes first, before another provision the issue found
            item = next((it for _, it in pairs[:n] if it.id not in stated and _states_penalty(it, corpus)), item)
        if item.id in used and not (qtype == "penalty" and item.id not in stated):
            continue  # (the same provision answers a later penalty issue with its numbers)
        if qtype == "penalty" and n > 0 and not _states_penalty(item, corpus):
            continue  # a later "and what is the penalty?" is not answered by a quote that states none
        polar = issue.polar if issue is not None else reading.polar
        room = 1200 if qtype == "definition" else (limit if not claims else limit // 2)
        ics = terms.concepts(issue.text) if issue is not None else None
        cl = _sentence_for(item, corpus, qtype, polar, lang, room, ics, polar_min, reading.about_treaty,
                           issue.text if issue is not None else reading.question, reading.question)
        if cl is None or any(c["text"] == cl["text"] for c in claims):
            continue
        if issue is not None and len(pairs) > 1:
            cl["issue"] = issue.text
        claims.append(cl)
        used.add(item.id)
        if cl.get("facts"):
            stated.add(item.id)
        if len(claims) >= 3:
            break
    note = _revoked_note(ans, lang, reading.qtype, corpus)
    if note is not None and len(claims) < 3:
        claims.insert(1, note)
    if not claims:
        return
    ans.lead_claims = claims
    ans.answer = " ".join(c["text"] for c in claims)
    ans.issues = [{"issue": i.text, "qtype": i.qtype, "polar": i.polar,
                   "citations": [it.id for q, it in pairs if q is i]} for i in reading.issues]
