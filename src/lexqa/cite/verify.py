"""Fail-closed citation verification.

Every answer passes through `verify_answer` before it is shown: each citation must name an
existing provision, each quote must be a verbatim substring (whitespace-insensitive,
`lexqa.text.is_verbatim`) of that provision's text, and each Pasal/ayat/Article mention in
the answer text must resolve to an existing provision. Any failure makes ``ok`` false and the
caller withholds the answer.

`verify_draft` runs the same checks on text a person wrote ("Pasal 16 ayat (1) huruf b UU
6/2011 menyatakan “...”") and reports per mention: found / not found (+ nearest), status,
and whether the quoted text right after the mention matches the words in force on the
draft's as-of date (`lexqa.timeline`); a provision revoked on that date fails with what
references to it are read as.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..text import collapse_ws, is_verbatim
from ..timeline import Version, timeline
from .citation import resolve as resolve_ref
from .mentions import Mention, find_mentions, resolve
from .parser import find_citations

if TYPE_CHECKING:  # pragma: no cover
    from ..answer.model import Answer, Item
    from ..store import Corpus

# “...”  "..."  ``...''  «...»  (straight quotes need an opening quote not glued to a word)
_QUOTE = re.compile(r"“([^”]{3,}?)”|``(.{3,}?)''|(?<![\w])\"([^\"]{3,}?)\"|«([^»]{3,}?)»", re.S)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\s*\.\.\.\s*\])\s*")


@dataclass
class Check:
    kind: str                  # "citation" | "quote" | "mention"
    ok: bool
    target: str                # provision id or the mention text
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def summary(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": len(self.checks),
                "failures": [f"{c.kind}: {c.target}: {c.message}" for c in self.failures]}


def quote_matches(quote: str, text: str) -> bool:
    """Verbatim match; an ellipsis inside the quote splits it into fragments that must all
    occur, in order."""
    frags = [f for f in _ELLIPSIS.split(quote.strip()) if f.strip()]
    if not frags:
        return False
    hay = collapse_ws(text)
    pos = 0
    for f in frags:
        f = collapse_ws(f)
        i = hay.find(f, pos)
        if i < 0:
            return False
        pos = i + len(f)
    return True


def verify_item(item: "Item", corpus: "Corpus", report: Report) -> None:
    p = corpus.get(item.id)
    if p is None:
        report.checks.append(Check("citation", False, item.id, "no such provision in the corpus"))
        return
    report.checks.append(Check("citation", True, item.id))
    if item.quote:
        ok = is_verbatim(item.quote, p.text)
        report.checks.append(Check("quote", ok, item.id, "" if ok else "quote is not verbatim in the provision"))
    else:
        report.checks.append(Check("quote", False, item.id, "empty quote"))
    if item.context and not is_verbatim(item.context, corpus.get(p.parent).text if p.parent and corpus.get(p.parent) else ""):
        report.checks.append(Check("quote", False, item.id, "context is not verbatim in the parent provision"))
    for pj in item.penjelasan:
        q = corpus.get(pj.get("id", ""))
        ok = q is not None and is_verbatim(pj.get("quote", ""), q.text)
        report.checks.append(Check("quote", ok, pj.get("id", ""), "" if ok else "penjelasan quote not verbatim"))
    for rel in item.related + item.amended_by + item.replaced_by:
        rid = rel.get("id")
        if rid and rel.get("in_corpus", True):
            ok = corpus.get(rid) is not None
            report.checks.append(Check("citation", ok, rid, "" if ok else "related provision does not exist"))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def _outside_quotes(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions inside quoted law text are the law's own words, checked as quotes instead."""
    spans = quoted_spans(text)
    return [m for m in mentions if not any(s <= m.start < e for s, e in spans)]


def _timeline_address(m: Mention, corpus: "Corpus") -> str | None:
    """A base-law address that only an amending law's words fill ("UU 6/2011 Pasal 3 ayat (4)",
    inserted by UU 63/2024): it exists when some version of it has words."""
    ref = m.ref
    if not (ref.doc and ref.pasal) or ref.penjelasan:
        return None
    tl = timeline(corpus)
    art = tl.article_address(ref.doc, ref.pasal)
    if art is None:
        return None
    addr = "/".join([art] + ([f"ayat-{ref.ayat}"] if ref.ayat else []) + ([f"huruf-{ref.huruf.lower()}"] if ref.huruf else []))
    return addr if any(v.provision for v in tl.versions(addr) or []) else None


def verify_text_mentions(text: str, corpus: "Corpus", report: Report, default_doc: str | None = None) -> list[Mention]:
    mentions = _outside_quotes(find_mentions(text, corpus, default_doc=default_doc, sticky_doc=True), text)
    for m in mentions:
        r = resolve(m, corpus)
        addr = None if r.ok else _timeline_address(m, corpus)
        if r.ok or addr:
            report.checks.append(Check("mention", True, m.text, r.id or addr or ""))
        else:
            why = "no document named for it" if not m.ref.doc else f"not found in {m.ref.doc}"
            if r.nearest:
                why += f" (nearest: {corpus.label(r.nearest[0])})"
            report.checks.append(Check("mention", False, m.text, why))
    return mentions


def verify_answer(ans: "Answer", corpus: "Corpus") -> Report:
    """All checks for one answer; fail closed (any failure → report.ok is False)."""
    report = Report()
    for item in ans.citations:
        verify_item(item, corpus, report)
    for item in ans.retrieved:
        if corpus.get(item.id) is None:
            report.checks.append(Check("citation", False, item.id, "retrieved id not in corpus"))
        elif item.quote and not is_verbatim(item.quote, corpus.get(item.id).text):  # type: ignore[union-attr]
            report.checks.append(Check("quote", False, item.id, "retrieved snippet not verbatim"))
    verify_text_mentions(ans.answer, corpus, report)
    # quoted text in the answer must come from a cited provision
    cited_texts = [corpus.get(c.id).text for c in ans.citations if corpus.get(c.id) is not None]  # type: ignore[union-attr]
    for m in _QUOTE.finditer(ans.answer):
        q = next(g for g in m.groups() if g is not None)
        ok = any(quote_matches(q, t) for t in cited_texts)
        report.checks.append(Check("quote", ok, q[:60], "" if ok else "quoted text not found in any cited provision"))
    return report


# --------------------------------------------------------------------------- drafts

@dataclass
class DraftRow:
    mention: str
    start: int
    doc: str | None
    found: bool
    id: str | None
    label: str | None
    nearest: str | None = None
    nearest_label: str | None = None
    status: str | None = None
    status_detail: str | None = None
    quote: str | None = None
    quote_matches: bool | None = None
    problem: str | None = None       # not in force on the as-of date (revoked, deleted, not yet in force)
    quote_note: str | None = None    # why the quote does not match: superseded wording, and the current one

    @property
    def ok(self) -> bool:
        return self.found and self.quote_matches is not False and self.problem is None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        return d


def _quote_after(text: str, end: int, next_start: int) -> str | None:
    """The quoted text that follows a mention (before the next mention), if any."""
    # a sentence of prose may sit between the citation and its quote ("…, Pejabat Imigrasi menolak … apabila “…”")
    window = text[end:min(next_start, end + 400)]
    m = _QUOTE.search(window)
    if not m or len(window[:m.start()].strip()) > 160:
        return None
    return next(g for g in m.groups() if g is not None)


def _in_force(corpus: "Corpus", pid: str, as_of: date | str | None) -> tuple[list[Version], Version | None] | None:
    """(versions, version in force on `as_of`) of the base-law address `pid` is; None: no timeline."""
    tl = timeline(corpus)
    address = tl.address_for(pid)
    vs = tl.versions(address) if address else None
    if not vs:
        return None
    return vs, tl.at(address, as_of)  # type: ignore[arg-type]


def _problem(cur: Version | None, as_of: str) -> str | None:
    if cur is None:
        return f"not yet in force on {as_of}"
    e = cur.event
    since = f"since {e.date} " if e.date else ""
    if e.kind == "revoked":
        read_as = f"; references are read as {e.replaced_by_label}" if e.replaced_by_label else ""
        return f"revoked {since}by {e.source_label}{read_as}"
    if e.kind == "deleted":
        return f"deleted {since}by {e.source_label}"
    return None


def _check_quote(row: DraftRow, q: str, corpus: "Corpus", versions: list[Version], cur: Version | None) -> None:
    """Against the words in force; another version's words fail with when they applied."""
    words = corpus.get(cur.provision) if cur is not None and cur.provision else None
    row.quote_matches = bool(words is not None and quote_matches(q, words.text))
    if row.quote_matches or words is None or cur is None:
        return
    now = collapse_ws(words.text)
    now = now if len(now) <= 300 else now[:299] + "…"
    matching = [v for v in versions if v is not cur and v.provision
                and (p := corpus.get(v.provision)) is not None and quote_matches(q, p.text)]
    old = [v for v in matching if v.valid_to and (cur.valid_from is None or v.valid_to <= cur.valid_from)]
    new = [v for v in matching if v.valid_from and cur.valid_from and v.valid_from > cur.valid_from]
    if old:
        end = old[-1].valid_to
        by = next((v.event.source_label for v in versions if v.valid_from == end), cur.event.source_label)
        row.quote_note = f"superseded on {end} by {by}; current wording: “{now}”"
    elif new:
        row.quote_note = (f"that wording is in force only from {new[0].valid_from} "
                          f"({new[0].event.source_label}); wording in force: “{now}”")


def _named_docs(text: str, mentions: list[Mention]) -> dict[int, Mention]:
    """The citation parser's reading, by start, where it names a document the mention reader
    missed ("Article 16(1)(b) of Law No. 6 of 2011": the reader sees no document)."""
    missed = {m.start for m in mentions if m.ref.doc is None}
    return {c.start: c for c in find_citations(text) if c.ref.doc and c.start in missed}


def verify_draft(text: str, corpus: "Corpus", default_doc: str | None = None,
                 as_of: date | str | None = None) -> list[DraftRow]:
    """Per-mention report for a draft a user wrote, read against the law in force on `as_of` (None: today)."""
    day = (as_of if isinstance(as_of, str) else (as_of or date.today()).isoformat())
    mentions = _outside_quotes(find_mentions(text, corpus, default_doc=default_doc, sticky_doc=True), text)
    named = _named_docs(text, mentions)
    rows: list[DraftRow] = []
    for i, m in enumerate(mentions):
        if m.start in named:
            m = named[m.start]
            r = resolve_ref(m.ref, corpus)
        else:
            r = resolve(m, corpus)
        nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        row = DraftRow(m.text, m.start, m.ref.doc, r.ok, r.id, corpus.label(r.id) if r.id else None)
        if r.nearest:
            row.nearest, row.nearest_label = r.nearest[0], corpus.label(r.nearest[0])
        pid = r.id
        tl = None
        if pid:
            st = corpus.status(pid)
            row.status, row.status_detail = st.short, st.summary
            tl = _in_force(corpus, pid, day)
            if tl is not None:
                row.problem = _problem(tl[1], day)
        q = _quote_after(text, m.end, nxt)
        if q is not None:
            row.quote = q
            if tl is not None and row.problem is None:
                _check_quote(row, q, corpus, *tl)
            else:
                p = corpus.get(pid) if pid else None
                row.quote_matches = bool(p is not None and quote_matches(q, p.text))
        rows.append(row)
    return rows
