"""`verify_draft`: every citation and every quoted passage of a draft a person wrote, read against
the law in force on the draft's as-of date (`lexqa.timeline`).

* A mention ("Pasal 16 ayat (1) huruf b UU 6/2011", "Article 3(a) of the Palermo Protocol") must
  exist and be in force; its status tag is the timeline's ("in force as amended", "revoked"…).
  A malformed one ("Pasal -1", "Pasal ⁵", "Pasal 16(1)(zz)") fails.
* Every quote is checked, wherever it stands: against the provisions cited in its paragraph (the
  nearest citation before it first); a quote that matches none of them fails, and says where its
  words are from if they are anywhere in the corpus. A quote with no citation in its paragraph is
  looked up in the whole corpus and reported with where it is from, or fails as from nowhere
  (a quote of fewer than three words with no citation is a term, not a passage: not checked).
* Provisions named inside a quote are checked too: a quote "… under Pasal 999 UU 21/2007" fails.
Linear in the size of the draft (mentions and quotes are looked up by position).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..ingest.manifest import source_note
from ..text import collapse_ws
from ..timeline import Version, provision_status, timeline
from .citation import pinpoint, resolve as resolve_ref
from .mentions import Mention, find_mentions, resolve
from .parser import find_citations
from .patterns import MALFORMED, junk_after
from .quotes import Quote, find_quotes, quote_check

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

_PARA = re.compile(r"\n[ \t]*\n")
_NEAR = 4                # citations either side of a quote that it may be quoting
_TERM_WORDS = 3          # a quote shorter than this, with no citation near, is a term ("legal"), not a passage


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
    problem: str | None = None       # not in force on the as-of date (revoked, deleted, not yet in force), malformed
    quote_note: str | None = None    # why the quote does not match (superseded wording…), or where it is from
    kind: str = "mention"            # "mention" | "quote": a quote with no citation in its paragraph

    @property
    def ok(self) -> bool:
        return self.found and self.quote_matches is not False and self.problem is None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        return d


# --------------------------------------------------------------------------- the words in force

def _in_force(corpus: "Corpus", pid: str, as_of: str) -> tuple[list[Version], Version | None] | None:
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


def _against(corpus: "Corpus", pid: str, q: str, tl: tuple[list[Version], Version | None] | None,
             revoked: bool) -> tuple[bool, str | None]:
    """Does quote `q` give the words of `pid` in force (its own words when it has no timeline or is gone)?"""
    if tl is None or revoked or tl[1] is None or not tl[1].provision:
        p = corpus.get(pid)
        return quote_check(q, p.text) if p is not None else (False, "no such provision")
    versions, cur = tl
    words = corpus.get(cur.provision) if cur.provision else None
    if words is None:
        return False, "the version in force has no words in this corpus"
    ok, why = quote_check(q, words.text)
    if ok:
        return True, None
    now = collapse_ws(words.text)
    now = now if len(now) <= 300 else now[:299] + "…"
    matching = [v for v in versions if v is not cur and v.provision
                and (p := corpus.get(v.provision)) is not None and quote_check(q, p.text)[0]]
    old = [v for v in matching if v.valid_to and (cur.valid_from is None or v.valid_to <= cur.valid_from)]
    new = [v for v in matching if v.valid_from and cur.valid_from and v.valid_from > cur.valid_from]
    if old:
        end = old[-1].valid_to
        by = next((v.event.source_label for v in versions if v.valid_from == end), cur.event.source_label)
        return False, f"superseded on {end} by {by}; current wording: “{now}”"
    if new:
        return False, (f"that wording is in force only from {new[0].valid_from} "
                       f"({new[0].event.source_label}); wording in force: “{now}”")
    return False, why


# --------------------------------------------------------------------------- where a quote is from

def _haystack(corpus: "Corpus") -> list[tuple[str, str]]:
    """(collapsed text, id) of every provision, most specific first, built once per corpus."""
    cached = getattr(corpus, "_lexqa_quote_hay", None)
    if cached is not None and cached[0] == len(corpus.ids()):
        return cached[1]
    rows = sorted(((collapse_ws(p.text), p.id) for p in corpus.provisions()), key=lambda r: len(r[0]))
    try:
        corpus._lexqa_quote_hay = (len(corpus.ids()), rows)  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover
        pass
    return rows


def quote_source(q: str, corpus: "Corpus") -> str | None:
    """The most specific provision whose words the quote gives faithfully, anywhere in the corpus."""
    first = max((collapse_ws(p) for p in re.split(r"\.\.\.|…|\[\s*\.\.\.\s*\]", q)), key=len, default="")
    if not first:
        return None
    for text, pid in _haystack(corpus):
        if first in text and quote_check(q, text)[0]:
            return pid
    return None


# --------------------------------------------------------------------------- the draft

def _named_docs(typed: dict[int, Mention], mentions: list[Mention]) -> dict[int, Mention]:
    """The citation parser's reading (`typed`, by start), where it names a document the mention reader
    missed ("Article 16(1)(b) of Law No. 6 of 2011": the reader sees no document)."""
    missed = {m.start for m in mentions if m.ref.doc is None}
    return {s: c for s, c in typed.items() if c.ref.doc and s in missed}


class _Quotes:
    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]

    def containing(self, pos: int) -> int | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k if k >= 0 and self.quotes[k].start < pos < self.quotes[k].end else None


def verify_draft(text: str, corpus: "Corpus", default_doc: str | None = None,
                 as_of: date | str | None = None) -> list[DraftRow]:
    """Per-mention (and per-quote) report for a draft, read against the law in force on `as_of` (None: today)."""
    day = (as_of if isinstance(as_of, str) else (as_of or date.today()).isoformat())
    quotes = _Quotes(find_quotes(text))
    every = find_mentions(text, corpus, default_doc=default_doc, sticky_doc=True)
    mentions = [m for m in every if quotes.containing(m.start) is None]
    typed = {c.start: c for c in find_citations(text)}
    named = _named_docs(typed, mentions)
    rows: list[DraftRow] = []
    lines: dict[int, tuple[list[Version], Version | None] | None] = {}
    for m in mentions:
        if m.start in named:
            m = named[m.start]
            r = resolve_ref(m.ref, corpus)
        else:
            r = resolve(m, corpus)
        row = DraftRow(m.text, m.start, m.ref.doc, r.ok, r.id, corpus.label(r.id) if r.id else None)
        c = typed.get(m.start)
        junk = junk_after(text, c.end) if c is not None and not (c.ref.doc_text and c.text.endswith(c.ref.doc_text)) \
            else None
        if junk and junk_after(text, m.end) is not None:
            # "Pasal 16(1)(zz) UU 6/2011": never the parent in silence
            row.found, row.nearest, row.nearest_label = False, r.id, row.label
            row.id = row.label = None
            row.problem = f"{junk!r} after {pinpoint(c.ref)} does not name a part of it"
        elif r.nearest:
            row.nearest, row.nearest_label = r.nearest[0], corpus.label(r.nearest[0])
        if row.id:
            _status(row, corpus, day)
            lines[id(row)] = tl = _in_force(corpus, row.id, day)
            if tl is not None:
                row.problem = _problem(tl[1], day)
        rows.append(row)
    for mm in MALFORMED.finditer(text):
        if quotes.containing(mm.start()) is None:
            rows.append(DraftRow(mm.group(0), mm.start(), None, False, None, None,
                                 problem=f"{mm.group('bad')!r} is not a provision number"))
    rows.sort(key=lambda r: r.start)
    bad_inside = _mentions_inside(text, every, quotes, corpus)
    return _check_quotes(text, rows, quotes.quotes, bad_inside, corpus, day, lines)


def _status(row: DraftRow, corpus: "Corpus", day: str) -> None:
    """The timeline's status on `day` (none for literature and for unverified sources)."""
    note = source_note(corpus, row.id or "")
    st = provision_status(corpus, row.id or "", day) if not (note and note.unverified) else None
    row.status, row.status_detail = (st.state, st.summary) if st else (None, None)
    if note:
        row.status_detail = "; ".join(x for x in (row.status_detail, note.message) if x)


def _mentions_inside(text: str, every: list[Mention], quotes: _Quotes, corpus: "Corpus") -> dict[int, list[str]]:
    """Per quote index: the provisions it names (with their document) that do not exist, and malformed ones."""
    out: dict[int, list[str]] = {}
    for m in every:
        k = quotes.containing(m.start)
        if k is None or m.doc_source != "named" or m.ref.doc not in corpus.documents:
            continue
        r = resolve(m, corpus)
        if not r.ok:
            near = f" (nearest: {corpus.label(r.nearest[0])})" if r.nearest else ""
            out.setdefault(k, []).append(f"the quote cites {m.text}, which {corpus.meta(m.ref.doc).label} "
                                         f"does not have{near}")
    for mm in MALFORMED.finditer(text):
        k = quotes.containing(mm.start())
        if k is not None:
            out.setdefault(k, []).append(f"the quote cites {mm.group(0)!r}, which is not a provision number")
    return out


def _paragraphs(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARA.finditer(text)]


def _check_quotes(text: str, rows: list[DraftRow], quotes: list[Quote], bad_inside: dict[int, list[str]],
                  corpus: "Corpus", day: str, lines: dict[int, Any]) -> list[DraftRow]:
    paras = _paragraphs(text)
    para_of = lambda pos: bisect.bisect_right(paras, pos) - 1  # noqa: E731
    found = [r for r in rows if r.kind == "mention" and r.id]
    starts = [r.start for r in found]
    sources: dict[str, str | None] = {}

    def source(q: str) -> str | None:
        if q not in sources:
            sources[q] = quote_source(q, corpus)
        return sources[q]

    extra: list[DraftRow] = []
    for k, q in enumerate(quotes):
        p = para_of(q.start)
        # the citations of its paragraph, nearest first (a few: a quote belongs to a citation near it)
        at = bisect.bisect_left(starts, q.start)
        near = [r for r in found[max(0, at - _NEAR):at + _NEAR] if para_of(r.start) == p]
        cited = sorted(near, key=lambda r: (r.start > q.start, abs(r.start - q.start)))
        owner = cited[0] if cited else None
        order = cited
        words = len(q.text.split())
        hit, why = None, None
        for r in order:
            ok, w = _against(corpus, r.id or "", q.text, lines.get(id(r)), r.problem is not None)
            if ok:
                hit = r
                break
            if r is owner:
                why = w
        bad = bad_inside.get(k, [])
        if hit is None and owner is None:
            if words < _TERM_WORDS and not bad:
                continue  # a term in quotation marks, not a passage
            src = source(q.text)
            row = DraftRow("", q.start, None, src is not None, src, corpus.label(src) if src else None,
                           quote=q.text, quote_matches=src is not None, kind="quote")
            if src:
                _status(row, corpus, day)
                row.quote_note = f"quoted without a citation; it is the text of {row.label}"
            else:
                row.quote_note = "quoted without a citation, and found nowhere in the corpus"
            _bad(row, bad)
            extra.append(row)
            continue
        target = hit or owner
        if hit is None and words < _TERM_WORDS and not bad and not _adjacent(text, owner, q):
            continue  # a term near a citation, not a quote of it
        row = target if target.quote is None else replace(target, start=q.start, kind="mention")
        row.quote, row.quote_matches = q.text, hit is not None
        if hit is None:
            src = None if why and why.startswith(("superseded", "that wording")) else source(q.text)
            where = f"; it is the text of {corpus.label(src)}" if src and src != owner.id else ""
            others = " or any other provision cited in its paragraph" if len(cited) > 1 else ""
            row.quote_note = (why or f"not the words of {owner.label}{others}") + where
        _bad(row, bad)
        if row is not target:
            extra.append(row)
    return sorted(rows + extra, key=lambda r: r.start)


def _bad(row: DraftRow, bad: list[str]) -> None:
    if bad:
        row.quote_matches = False
        row.quote_note = "; ".join(x for x in (row.quote_note, *bad) if x)


def _adjacent(text: str, row: DraftRow | None, q: Quote) -> bool:
    """The quote follows the citation directly (at most a short phrase between them)."""
    return row is not None and 0 <= q.start - row.start <= 400 and len(text[row.start:q.start].strip()) <= 200
