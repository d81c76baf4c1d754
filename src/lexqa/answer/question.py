"""Reading a question: its type, the legal issues a scenario raises, yes/no, the date it asks
about, the documents it names. Pure and offline; the cues are data (data/questions.toml).

``read_question("A woman ... I suspect trafficking. Can I offload her, and what must I do next?")``
gives qtype "permission", polar, and two issues (permission: "Can I offload her"; procedure:
"and what must I do next?"), each with its own concepts plus the narrative's ("migrant worker",
"documents", "trafficking").

How it reads:

1. Citations and document names are found by the citation engine (`lexqa.cite`) and blanked, so
   "UU 6 Tahun 2011" is neither a year nor a cue; their documents are `named_docs`.
2. The question is split into sentences; sentences without a question cue and without "?" are
   the narrative of a scenario. Question sentences are split at connectors ("..., and what ...").
3. Each clause gets the first question type (in the data's priority order) with a matching
   pattern, a yes/no reading, and its concepts (`lexqa.answer.terms.concepts`).
4. `as_of`: an explicit date, a year with its preposition, or "before/after the 2024 amendment" /
   "sebelum KUHP berlaku" resolved with the manifest's entry-into-force dates.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import cues, kinds
from ..cite.docrefs import doc_mentions
from ..cite.parser import find_citations
from ..config import DATA_DIR, manifest_path
from ..errors import LexqaError
from ..instruments import alias_table
from . import terms

MAX_CHARS = 2000
QTYPES = ("permission", "duty", "prohibition", "penalty", "definition", "who", "where", "when", "which",
          "status", "change", "comparison", "procedure", "research", "other")


@dataclass
class QIssue:
    qtype: str
    text: str                  # the clause of the question
    concepts: list[str]        # the clause's concepts first, then the scenario narrative's
    polar: bool = False        # this clause asks yes or no

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class QuestionReading:
    question: str
    language: str              # "id" | "en"
    qtype: str                 # the first issue's type (one of QTYPES)
    issues: list[QIssue] = field(default_factory=list)
    polar: bool = False
    as_of: dt.date | None = None
    asks_change: bool = False
    asks_amount: bool = False      # a fee, a tariff, a cost (no penalty)
    asks_grounds: bool = False     # in which circumstances, on which grounds
    asks_transition: bool = False  # how a change of law treats a pending case (cues.toml [transitional] asks)
    wants_commentary: bool = False
    about_treaty: bool = False
    named_docs: list[str] = field(default_factory=list)
    person: str | None = None      # "citizen" | "foreigner": whom the question is about (None: either)
    crew: bool = False             # it is about a carrier's crew ([person] crew; its provisions: person.for_crew)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["as_of"] = self.as_of.isoformat() if self.as_of else None
        return d


# --------------------------------------------------------------------------- the data

@dataclass(frozen=True)
class _Cues:
    """data/questions.toml, compiled once."""

    rx: dict[tuple[str, str], re.Pattern[str]]                  # (section, name) → pattern
    types: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]  # in priority order
    opens: tuple[re.Pattern[str], ...]                           # how a yes/no clause opens
    months: dict[str, int]


@functools.cache
def _cues() -> _Cues:
    data = tomllib.loads((DATA_DIR / "questions.toml").read_text(encoding="utf-8"))
    types = []
    for t in data["qtype"]:
        if t["name"] not in QTYPES:
            raise LexqaError(f"data/questions.toml: unknown question type {t['name']!r}")
        pats = [re.compile(p, re.I) for p in t.get("patterns", [])]
        pats += [cues.pattern(*c.split(".", 1)) for c in t.get("cues", [])]  # shared with retrieval
        types.append((t["name"], tuple(pats)))
    rx = {(sec, k): re.compile(v, re.I) for sec in ("split", "polar", "as_of", "flags", "situation", "person")
          for k, v in data[sec].items() if isinstance(v, str)}
    return _Cues(rx, tuple(types), tuple(re.compile(p, re.I) for p in data["polar"]["opens"]),
                 {k.lower(): int(v) for k, v in data["as_of"]["months"].items()})


def _rx(section: str, name: str) -> re.Pattern[str]:
    return _cues().rx[section, name]


def _person(q: str) -> str | None:
    """An Indonesian citizen or a foreigner, when the question says which (and not both)."""
    c, f = bool(_rx("person", "citizen").search(q)), bool(_rx("person", "foreigner").search(q))
    return "citizen" if c and not f else "foreigner" if f and not c else None


def describes_situation(q: str) -> bool:
    """The question tells of someone at a checkpoint ("saya", "a passenger", "di bandara"), in the
    first person or in a narrative sentence of its own: the kind of question a checkpoint guide
    answers (data/questions.toml [situation])."""
    if not (_rx("situation", "id").search(q) or _rx("situation", "en").search(q)):
        return False
    if _rx("situation", "first_person").search(q):
        return True
    return bool(_parsed(q)[5])


@functools.cache
def _documents() -> dict[str, tuple[str, dt.date | None, int | None, tuple[str, ...]]]:
    """doc id → (kind, entry into force, year, amended docs), from the manifest (no corpus needed)."""
    try:
        with open(manifest_path(), "rb") as f:
            entries = tomllib.load(f).get("documents", [])
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # no usable manifest: dates stay unresolved (load_manifest reports it elsewhere)
    out = {}
    for e in entries:
        if not isinstance(e, dict) or "id" not in e:
            continue
        out[e["id"]] = (str(e.get("kind", "")), _iso(e.get("effective")), e.get("year"), tuple(e.get("amends", ())))
    return out


def _iso(v: Any) -> dt.date | None:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)) if v else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- reading

def _named(q: str) -> tuple[list[str], list[tuple[int, int, str | None]]]:
    """Documents the question names (in order) and the spans of every citation / document name."""
    aliases = alias_table(query=True)
    spans: list[tuple[int, int, str | None]] = [(d.start, d.end, d.doc) for d in doc_mentions(q, aliases)]
    for m in find_citations(q, aliases=aliases):
        spans.append((m.start, m.end, m.ref.doc))
    spans.sort()
    docs: list[str] = []
    for _, _, d in spans:
        if d and d not in docs:
            docs.append(d)
    return docs, spans


def _blank(q: str, spans: list[tuple[int, int, str | None]]) -> str:
    chars = list(q)
    for s, e, _ in spans:
        for i in range(s, min(e, len(chars))):
            chars[i] = " " if not chars[i].isspace() else chars[i]
    return "".join(chars)


def _qtype(clause: str) -> str:
    for name, pats in _cues().types:
        if any(p.search(clause) for p in pats):
            return name
    return "other"


def _polar(clause: str) -> bool:
    c = clause.strip().lstrip("\"'“(").strip()
    if _rx("polar", "not_polar").search(c):
        return False
    heads = [c] + [seg.strip() for seg in c.split(",")[1:]]  # "Under the Protocol, must States ...?"
    if any(o.search(h) for o in _cues().opens for h in heads):
        return True
    if _rx("polar", "tails").search(c):
        return True
    return c.endswith("?") and bool(_rx("polar", "modal").search(c)) and not _rx("polar", "wh").search(c)


def _is_question(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith("?") or _qtype(s) != "other" and _polar(s) or bool(_rx("polar", "wh").match(s))


def _clauses(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Question clauses and narrative sentences of `text`, as spans."""
    sents: list[tuple[int, int]] = []
    start = 0
    for m in _rx("split", "sentence").finditer(text):
        sents.append((start, m.start()))
        start = m.end()
    sents.append((start, len(text)))
    sents = [(s, e) for s, e in sents if text[s:e].strip()]
    asked = [x for x in sents if _is_question(text[x[0]:x[1]])]
    if not asked:
        return sents, []
    narrative = [x for x in sents if x not in asked]
    clauses: list[tuple[int, int]] = []
    for s, e in asked:
        cut = s
        for m in _rx("split", "clause").finditer(text, s, e):
            piece = text[cut:m.start()]
            if _qtype(piece) == "other" and not _polar(piece) and not _rx("polar", "wh").search(piece):
                continue  # an introduction ("Under current law, how long …"), no issue of its own
            if piece.strip():
                clauses.append((cut, m.start()))
            cut = m.end()
        clauses.append((cut, e))
    return [c for c in clauses if text[c[0]:c[1]].strip(" ,;?.")], narrative


def _concepts(text: str) -> list[str]:
    return [c.text for c in terms.concepts(text)]


@functools.lru_cache(maxsize=256)
def _parsed(q: str) -> tuple[str, tuple[str, ...], tuple, str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The question as read (whitespace collapsed, at most MAX_CHARS: a pasted document is read by
    its opening), the documents it names and the spans of its citations, its text with them
    blanked, its question clauses and narrative sentences; cached (read-only), as the guide gate
    and the reading both need it."""
    q = " ".join((q or "").split())[:MAX_CHARS]
    named, spans = _named(q)
    plain = _blank(q, spans)
    return (q, tuple(named), tuple(spans), plain, *_clauses(plain))


def read_question(q: str) -> QuestionReading:
    """The reading of one question (Indonesian or English); never raises on odd text."""
    # a question is a few sentences; a pasted document is read by its opening only (the patterns
    # and the concept reader are linear but not free)
    q, named_t, spans_t, plain, clause_spans, narrative_spans = _parsed(q)
    named, spans = list(named_t), list(spans_t)
    lang = terms.language(q)
    # the date framing is no concept: it is what dates the question (read from `plain` below)
    cplain = _rx("as_of", "framing").sub(lambda m: " " * len(m.group(0)), plain)
    narrative: list[str] = []
    for s, e in narrative_spans:
        for c in _concepts(cplain[s:e]):
            if c not in narrative:
                narrative.append(c)
    issues: list[QIssue] = []
    prev: list[str] = []  # the previous clause's own concepts
    for s, e in clause_spans:
        blanked = plain[s:e].strip()
        own, qtype = _concepts(cplain[s:e]), _qtype(blanked)  # a named law is a filter, not a concept
        if issues and _rx("split", "follow_up").search(blanked):
            qtype = issues[-1].qtype if issues[-1].qtype != "other" else qtype
            own = own + [c for c in prev if c not in own]
        prev = own
        issues.append(QIssue(qtype, q[s:e].strip(), own + [c for c in narrative if c not in own], _polar(blanked)))
    if not any(i.qtype == "penalty" for i in issues):
        # the article a person is charged under is the offence and its penalty, unless another
        # clause asks the penalty itself ("Pasal apa yang dikenakan, dan berapa ancamannya?")
        for i, (s, e) in zip(issues, clause_spans):
            if i.qtype in ("which", "other") and _rx("flags", "charge").search(plain[s:e]):
                i.qtype = "penalty"
    main = next((i for i in issues if i.qtype != "other"), issues[0] if issues else None)
    qtype = main.qtype if main else "other"
    kind_of = {d: v[0] for d, v in _documents().items()}
    treaty_named = any(kinds.is_known(kind_of.get(d)) and kinds.spec(kind_of.get(d)).is_treaty_like for d in named)
    as_of = _as_of(plain, spans)
    return QuestionReading(
        question=q, language=lang, qtype=qtype, issues=issues,
        polar=bool(main and main.polar),
        as_of=as_of,
        # the law on another date is the law's history too
        asks_change=qtype in ("change", "status") or as_of is not None or bool(_rx("flags", "change").search(plain)),
        asks_amount=bool(_rx("flags", "amount").search(plain)),
        asks_grounds=bool(_rx("flags", "grounds").search(plain)),
        asks_transition=bool(cues.pattern("transitional", "asks").search(plain)),
        wants_commentary=qtype == "research" or bool(_rx("flags", "commentary").search(plain)),
        about_treaty=treaty_named or bool(_rx("flags", "treaty").search(q)),
        named_docs=named,
        person=_person(q),
        crew=bool(_rx("person", "crew").search(q)),
    )


# --------------------------------------------------------------------------- the date asked about

def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _amendment_of_year(year: int, named: list[str]) -> dt.date | None:
    """Entry into force of the amending law of `year` (of a named document, when one is)."""
    docs = _documents()
    cands = [(eff, amends) for kind, eff, y, amends in docs.values()
             if y == year and eff and amends and kinds.is_known(kind) and kinds.spec(kind).amends]
    pick = [eff for eff, amends in cands if set(amends) & set(named)] or [eff for eff, _ in cands]
    return min(pick) if pick else None


def _as_of(plain: str, spans: list[tuple[int, int, str | None]]) -> dt.date | None:
    months = _cues().months
    named = [d for _, _, d in spans if d]
    m = _rx("as_of", "amendment_year").search(plain)
    if m:
        eff = _amendment_of_year(int(m.group("y1") or m.group("y2")), named)
        if eff:
            before = m.group("when").lower().replace(" ", "") in ("before", "priorto", "until", "sebelum")
            return eff - dt.timedelta(days=1) if before else eff
    docs = _documents()
    for s, _, d in spans:
        eff = docs.get(d or "", ("", None))[1]
        if eff is None:
            continue
        head = plain[max(0, s - 60):s]
        if _rx("as_of", "before_doc").search(head):
            return eff - dt.timedelta(days=1)
        if _rx("as_of", "after_doc").search(head):
            return eff
    m = _rx("as_of", "iso").search(plain)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _rx("as_of", "day_month_year").search(plain)
    if m and m.group(2).lower() in months:
        return _date(int(m.group(3)), months[m.group(2).lower()], int(m.group(1)))
    m = _rx("as_of", "month_day_year").search(plain)
    if m and m.group(1).lower() in months:
        return _date(int(m.group(3)), months[m.group(1).lower()], int(m.group(2)))
    m = _rx("as_of", "month_year").search(plain)
    if m and m.group(1).lower() in months:
        return _date(int(m.group(2)), months[m.group(1).lower()], 1)
    m = _rx("as_of", "before_year").search(plain)
    if m:
        return _date(int(m.group(1)) - 1, 12, 31)
    m = _rx("as_of", "year").search(plain)
    if m:
        y = int(m.group(1))
        if _rx("as_of", "end_year").search(m.group(0)):
            return _date(y, 12, 31)
        return _date(y, 7, 1) if _rx("as_of", "mid_year").search(m.group(0)) else _date(y, 1, 1)
    return None
