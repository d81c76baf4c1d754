"""Does a provision's norm answer the question asked of it? A penalty question is answered by a
penalty clause, "may I …?" by a power, a prohibition or a right, "what does X mean?" by a
definition, "how long …?" by a provision that states a period. The fit (1 fits, 0 neutral, -1 a
definition asked for something else) weighs in the choice of the lead and in the decision to
answer (issue 10: answer on answerability, not on word overlap). The table is data
(data/answer.toml [fit]).

For a penalty question a found duty or prohibition ("Orang Asing wajib melaporkan …", Pasal 71) is
the conduct, not its sanction: the penalty clauses of the same law that point to it ("… tidak
melakukan kewajibannya sebagaimana dimaksud dalam Pasal 71 … dipidana …", Pasal 116) join the
candidates (`sanctions_for`).
"""

from __future__ import annotations

import functools
import re
import weakref
from typing import TYPE_CHECKING, Any

from ..kinds import LIST_ITEM_KINDS
from ..norm import norm_of
from .config import data_file
from .polar import refuses

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision, SearchHit
    from .terms import Concept
    from .config import AnswerConfig
    from ..store import Corpus

# a period stated in the law: "30 (tiga puluh) hari", "paling lama 6 (enam) bulan", "180 days";
# never a law's number ("Undang-Undang Nomor 20 Tahun 1946": a year follows)
_PERIOD = re.compile(r"\b\d+\s*(?:\([^)]{1,40}\)\s*)?(?:hari|bulan|tahun|jam|minggu|days?|months?|years?|hours?|weeks?)\b"
                     r"(?!\s*\d{4})", re.I)


ACTS = ("power", "duty", "prohibition", "right")  # the modalities that act (lead.py reads them too)

#: question types an exemption answers ("Can I sanction …?" — "tidak diberlakukan terhadap korban")
EXEMPTION_ANSWERS = ("penalty", "permission", "prohibition")


@functools.cache
def asked_modalities() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in data_file().get("fit", {}).get("modalities", {}).items()}


@functools.cache
def _exempt_rx() -> re.Pattern[str]:
    return re.compile(data_file()["fit"]["exempt"], re.I)


def exempts(text: str) -> bool:
    """The text exempts someone from a sanction or a rule ("tidak dipidana", "shall not apply")."""
    return bool(_exempt_rx().search(text))


def exempting_text(p: "Provision", corpus: "Corpus") -> str:
    """The words of `p` that exempt: its ayat that do (UU 6/2011 Pasal 48(5), detainees need no
    Izin Tinggal, is not the article's ayat (4) on areas closed to foreigners), else its text."""
    parts = [k.text for k in corpus.children(p.id) if k.kind == "ayat" and exempts(k.text)]
    return " ".join(parts) or p.text


def spared(text: str) -> str:
    """The words after the exemption formula: whom it spares ("… tidak diberlakukan terhadap korban
    perdagangan orang dan Penyelundupan Manusia" → "terhadap korban …"); "" when none follow."""
    m = _exempt_rx().search(text)
    return text[m.end():].strip() if m else ""


@functools.cache
def _exempt_persons() -> frozenset[str]:
    from .terms import stem

    return frozenset(stem(w) for w in data_file()["fit"]["exempt_persons"])


def spares_asked(text: str, cs: list["Concept"]) -> bool:
    """The exemption in `text` spares the kind of person the question (its concepts `cs`) is about:
    a concept with a person word (data/answer.toml exempt_persons: "korban", "victim") is in the
    words after the formula ("… tidak diberlakukan terhadap korban perdagangan orang")."""
    from .terms import stems

    whom = stems(spared(text))
    return bool(whom) and any(c.present(whom) and any(_exempt_persons() & a for a in c.alternatives) for c in cs)


@functools.cache
def _admin_rx() -> re.Pattern[str]:
    return re.compile(data_file()["fit"]["admin_sanction"], re.I)


@functools.cache
def _amount_rx() -> re.Pattern[str]:
    return re.compile(data_file()["fit"]["amount_stated"])


def states_amount(text: str) -> bool:
    """The text states a fee, a tariff or a cost with its amount (not merely that a fee exists)."""
    return bool(_amount_rx().search(text))


def asks_admin_sanction(cs: list["Concept"]) -> bool:
    """The question asks a sanction and no criminal penalty ("apa sanksinya?", not "bisa dipidana?")."""
    from .terms import stem

    f = data_file()["fit"]
    admin, crim = {stem(w) for w in f["admin_asked"]}, {stem(w) for w in f["criminal_asked"]}
    has = lambda ws: any(ws & a for c in cs for a in c.alternatives[:1])  # noqa: E731 (the question's own words)
    return has(admin) and not has(crim)


def fit(qtype: str, p: "Provision", corpus: "Corpus", admin: bool = False, polar: bool = True) -> int:
    """1: the norm is of the kind the question asks for; -1: a definition for a question that asks
    for no definition; 0: neither (or a type that asks for no particular norm). `admin`: the
    question asks a sanction, which an administrative one answers too (`asks_admin_sanction`);
    `polar`: it asks yes or no, which an exemption answers ("Can they be punished?" — "tidak
    diberlakukan terhadap korban"; not "What is the penalty?")."""
    n = norm_of(p, corpus)
    mods = {x.modality for x in n.all()}
    if p.kind in LIST_ITEM_KINDS and not mods - {"other"}:
        # a list item is read with its chapeau ("Orang Asing … wajib: a. memberikan …" is a duty);
        # not a penalty chapeau: its numbers are in the chapeau, so the article answers (Pasal 123)
        parent = corpus.parent(p.id)
        pm = norm_of(parent, corpus).modality if parent is not None else "other"
        if pm in ACTS:
            mods = {pm}
    if qtype == "when":
        return 1 if _PERIOD.search(p.text) else 0
    want = asked_modalities().get(qtype)
    if qtype == "which" and mods <= {"definition", "other"} and "definition" in mods:
        return -1  # "Pasal apa yang menjeratnya?" asks the rule that applies, not what a term means
    if not want:
        return 0
    if mods & set(want) or (polar and qtype in EXEMPTION_ANSWERS and exempts(p.text)):
        return 1
    if qtype == "permission" and any(refuses(x) for x in n.all()):
        return 1  # a duty to refuse answers "may I let … / may I refuse …?" (lexqa.answer.polar)
    if qtype != "definition" and mods <= {"definition", "other"} and "definition" in mods:
        return -1
    if qtype == "penalty" and admin and _admin_rx().search(p.text):
        return 1  # an administrative sanction (biaya beban, deportation) answers "what is the sanction?"
    return 0


def has_period(text: str) -> bool:
    """The text states a period ("paling lama 30 (tiga puluh) hari")."""
    return bool(_PERIOD.search(text))


def period_part(corpus: "Corpus", art: "Provision", cs: list["Concept"]) -> "Provision | None":
    """The ayat of `art` that states a period, the one carrying most of the question's concepts
    (the first at a tie): "how long …?" narrowed to "Apabila jangka waktu sebagaimana dimaksud pada
    ayat (2) terlampaui …" is answered by ayat (2) with its "30 (tiga puluh) hari" (PP 31/2013 Pasal
    208); None when no ayat states one."""
    from .terms import overlap

    kids = [k for k in corpus.children(art.id) if not k.is_penjelasan and _PERIOD.search(k.text)]
    return max(kids, key=lambda k: overlap(cs, k.text), default=None)


def with_penalty_hits(hits: list["SearchHit"], retriever: Any, question: str, corpus: "Corpus", cfg: "AnswerConfig",
                      mode: str, filters: Any, day: str) -> list["SearchHit"]:
    """`hits` with the penalty clauses a search for the question plus the penalty formula finds,
    placed after the first three hits (a penalty question whose retrieval found the conduct but
    not its sanction)."""
    from ..retrieve.current import consolidate

    raw = retriever.search(f"{question} {cfg.penalty_query}", k=10, mode="bm25" if mode == "hybrid" else mode, filters=filters)
    have = {(corpus.article_of(h.provision.id) or h.provision).id for h in hits}
    extra = []
    for h, _ in consolidate(raw, corpus, day):
        p = corpus.get(h.provision.id) or h.provision
        art = (corpus.article_of(p.id) or p).id
        if art not in have and fit("penalty", p, corpus) > 0:
            have.add(art)
            extra.append(h)
        if len(extra) >= cfg.penalty_hits:
            break
    return hits[:3] + extra + hits[3:]


def _pasal_rx(pasal: str) -> re.Pattern[str]:
    # "Pasal 71", "Pasal 71 ayat (1)", also in a list "Pasal 70, Pasal 71, atau Pasal 72"; never "Pasal 71A"
    return re.compile(rf"\bPasal\s+{re.escape(pasal)}(?![A-Za-z0-9])")


def sanctions_for(p: "Provision", corpus: "Corpus", limit: int = 2) -> list["Provision"]:
    """Penalty clauses of `p`'s law (or of the law it amends) that refer to `p`'s article
    (memoised per corpus: the scan reads a whole law)."""
    return _referring(p, corpus, limit, _SANCTIONS, _scan_sanctions)


def exemptions_for(p: "Provision", corpus: "Corpus", limit: int = 2) -> list["Provision"]:
    """The clauses of `p`'s law that exempt someone from `p`'s article ("Ketentuan pidana
    sebagaimana dimaksud dalam Pasal 113, Pasal 119, … tidak diberlakukan terhadap korban perdagangan
    orang", UU 6/2011 Pasal 136(3)): the ayat itself, not its article (memoised per corpus)."""
    return _referring(p, corpus, limit, _EXEMPTIONS, _scan_exemptions)


_Memo = "weakref.WeakKeyDictionary[Corpus, dict[tuple[str, str, int], list[Provision]]]"
_SANCTIONS: _Memo = weakref.WeakKeyDictionary()
_EXEMPTIONS: _Memo = weakref.WeakKeyDictionary()


def _referring(p: "Provision", corpus: "Corpus", limit: int, memo_of: Any, scan: Any) -> list["Provision"]:
    """`scan` of `p`'s law (or of the law it amends) for clauses that refer to `p`'s article, once
    per corpus, law and article."""
    if not p.pasal:
        return []
    doc = p.amends if p.amends and p.amends in corpus.documents else p.doc
    memo = memo_of.setdefault(corpus, {})
    key = (doc, p.pasal, limit)
    if key not in memo:
        memo[key] = scan(p, doc, corpus, limit)
    return memo[key]


def _scan_exemptions(p: "Provision", doc: str, corpus: "Corpus", limit: int) -> list["Provision"]:
    rx = _pasal_rx(p.pasal)
    out: list["Provision"] = []
    for q in corpus.provisions(doc, include_penjelasan=False):
        if q.kind not in ("pasal", "ayat") or q.pasal == p.pasal or corpus.children(q.id) and q.kind == "pasal":
            continue  # (an article with ayat is read ayat by ayat: the exempting ayat is cited)
        if rx.search(q.text) and exempts(q.text):
            out.append(q)
        if len(out) >= limit:
            break
    return out


def _scan_sanctions(p: "Provision", doc: str, corpus: "Corpus", limit: int) -> list["Provision"]:
    rx = _pasal_rx(p.pasal)
    out: list["Provision"] = []
    for q in corpus.provisions(doc, include_penjelasan=False):
        if q.kind not in ("pasal", "ayat") or q.pasal == p.pasal or "pidana" not in q.text or not rx.search(q.text):
            continue
        n = norm_of(q, corpus)
        if any(x.modality == "penalty" and x.penalty is not None for x in n.all()):
            art = corpus.article_of(q.id) or q
            if all(art.id != o.id for o in out):
                out.append(art)
        if len(out) >= limit:
            break
    return out


@functools.cache
def _transitional() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    from ..cues import table

    t = table("transitional")
    return re.compile(t["chapter"]), re.compile(t["opening"]), frozenset(t["answers"])


def transitional(corpus: "Corpus", p: "Provision") -> bool:
    """`p` is (in) a transitional or closing article (cues.toml [transitional])."""
    chapter, opening, _ = _transitional()
    art = corpus.article_of(p.id) or p
    return bool(chapter.search((art.context or {}).get("bab") or "") or opening.search(art.text))


def transitional_answers(qtype: str) -> bool:
    """A transitional article may answer a question of this type (how a change of law applies)."""
    return qtype in _transitional()[2]


# a condition that is a ground ("dalam hal orang tersebut: a. …"), not one that only places the
# clause after another ayat ("Dalam hal Deteni sebagaimana dimaksud pada ayat (1) …")
GROUND = re.compile(r"\s*dalam\s+(?:hal|keadaan)\b", re.I)
ANOTHER_AYAT = re.compile(r"sebagaimana\s+dimaksud\s+pada\s+ayat", re.I)


def sets_grounds(corpus: "Corpus", p: "Provision") -> bool:
    """`p` (its article) states the grounds on which it applies."""
    art = corpus.article_of(p.id) or p
    return any(GROUND.match(c) and not ANOTHER_AYAT.search(c) for x in norm_of(art, corpus).all() for c in x.conditions)
