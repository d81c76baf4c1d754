"""The one mention engine: provisions cited in a text → `Mention`s built on `CitationRef`.

``find_mentions(text, corpus, ..., reader=...)`` runs the same steps for every reader: find the
documents the text names, scan the provision patterns of the reader's style
(`lexqa.cite.patterns`), attach a document to each mention, spread a document over a list, and,
given a context provision, read relative mentions. The readers (data/instruments.toml
``[readers.*]``) differ only in these options:

* "citation" (typed citations and user text: ``lexqa.cite.parser``): any case, documents by name
  or manifest alias, an adjacent document before the mention wins, lists spread both ways
  ("Pasal 2 dan Pasal 3 UU 21/2007", "Pasal 16 UU 6/2011 dan Pasal 8"), then `default_doc`.
* "xref" (corpus texts, drafts, LLM output): the corpus's forms, incl. "ayat (1) Pasal 5";
  documents as the texts write them, "Undang-Undang ini" meaning the context's; bare "Pasal 13"
  in an amendment law means the amended law; relative "ayat (2)" / "huruf a" read against the
  context provision; `sticky_doc` (free text) lets a document named earlier apply to later
  mentions. ``resolve(men, corpus)`` resolves such a mention (`lexqa.cite.citation.resolve`
  resolves a citation's ref).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..instruments import reader_options
from ..relations import relations
from . import patterns as P
from .docrefs import DocMention, doc_mentions, find_doc_mentions
from .refs import CitationRef, Mention, Resolution
from .spans import SpanIndex

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision
    from ..store import Corpus


@dataclass(frozen=True)
class Reader:
    """The options of one reader (data/instruments.toml ``[readers.NAME]``)."""

    style: str            # provision patterns: "typed" | "corpus"
    documents: str        # "names" (instrument names, aliases) | "corpus" (as the corpus texts write them)
    prefer: str           # which adjacent document wins: "before" (when touching) | "after"
    lists: str            # a list shares a document: "both" ways | with the "next" item only
    relative: bool        # read "ayat (2)", "huruf a" against the context provision


@cache
def reader_profile(name: str) -> Reader:
    return Reader(**reader_options(name))


# --------------------------------------------------------------------------- scanning

def _scan(text: str, specs: list[P.Spec]) -> list[Mention]:
    """Every pattern in turn; a match blocked by an earlier mention (per its rule) is skipped."""
    out: list[Mention] = []
    seen: SpanIndex[Mention] = SpanIndex()
    for rx, build, blocked in specs:
        for m in rx.finditer(text):
            if any(blocked(s, e, m) for s, e, _ in seen.near(m.start(), m.end())):
                continue
            men = build(m)
            if men is not None:
                out.append(men)
                seen.add(men.start, men.end, men)
    out.sort(key=lambda x: x.start)
    return out


def _relative_specs(context: "Provision", corpus: "Corpus") -> list[P.Spec]:
    """Relative mentions need a context provision to mean anything (not in Penjelasan, whose
    "Ayat (1) Cukup jelas." are headings, nor in Menimbang/Mengingat)."""
    if context.is_penjelasan or context.kind in ("menimbang", "mengingat"):
        return []
    art = corpus.article_of(context.id)
    if art is None:
        return []
    # "huruf a" refers to a sibling list item: same ayat (or same Pasal when it has no ayat)
    base = _list_base(context, corpus) or art.id

    def ayat(m: re.Match) -> Mention:
        ref = CitationRef(raw=m.group(0), system="pasal", doc=context.doc, pasal=art.pasal, ayat=m.group("ayat"),
                          huruf=m.group("huruf"), angka=m.group("angka"))
        return Mention(ref, m.start(), m.end(), m.group(0), "default", True,
                       candidates=[f"{art.id}/ayat-{ref.ayat}" + _tail(None, ref.huruf, ref.angka)])

    def huruf(m: re.Match) -> Mention:
        ref = CitationRef(raw=m.group(0), system="pasal", doc=context.doc, pasal=art.pasal, huruf=m.group("huruf"),
                          angka=m.group("angka"))
        return Mention(ref, m.start(), m.end(), m.group(0), "default", True,
                       candidates=[base + _tail(None, ref.huruf, ref.angka)])

    return [(P.CORPUS_AYAT, ayat, P.overlaps), (P.CORPUS_HURUF, huruf, P.overlaps)]


def _tail(ayat: str | None, huruf: str | None, angka: str | None) -> str:
    return (f"/ayat-{ayat}" if ayat else "") + (f"/huruf-{huruf}" if huruf else "") + (f"/angka-{angka}" if angka else "")


def _list_base(p: "Provision", corpus: "Corpus") -> str | None:
    """The provision whose huruf children a relative "huruf x" inside `p` names."""
    cur: Provision | None = p
    while cur is not None:
        if cur.kind in ("ayat", "pasal", "article", "paragraph"):
            return cur.id
        cur = corpus.get(cur.parent) if cur.parent else None
    return None


# --------------------------------------------------------------------------- documents

def _attach_before_first(text: str, mentions: list[Mention], docs: list[DocMention]) -> None:
    """The document right before ("UU 6/2011 Pasal 16") when it touches the mention, else the one right
    after ("Pasal 16 UU 6/2011", "Article 3 of the Palermo Protocol"); it becomes part of the mention."""
    doc_starts = [d.start for d in docs]
    docs_by_end = sorted(docs, key=lambda d: d.end)
    doc_ends = [d.end for d in docs_by_end]
    claimed: set[int] = set()           # doc mentions already part of a citation
    for men in mentions:
        if men.ref.system == "id":
            continue
        s, e = men.start, men.end
        k = bisect.bisect_left(doc_starts, e)
        after = docs[k] if k < len(docs) and len(text[e:docs[k].start]) <= 12 and P.TYPED_DOC_AFTER.fullmatch(
            text[e:docs[k].start]) else None
        k = bisect.bisect_right(doc_ends, s) - 1
        before = None
        while k >= 0 and s - docs_by_end[k].end <= 3:
            d = docs_by_end[k]
            if d.start not in claimed and re.fullmatch(r"[\s,:]*", text[d.end:s]):
                before = d
                break
            k -= 1
        chosen = None
        if before and (after is None or not text[before.end:s].strip(" ")):
            chosen, men.start = before, before.start
        elif after:
            chosen, men.end = after, after.end
        if chosen:
            claimed.add(chosen.start)
            men.ref.doc_text = " ".join(chosen.text.split())
            men.ref.doc = chosen.doc
            men.doc_source = "named"
        men.text = men.ref.raw = text[men.start:men.end]


class _DocsAt:
    """The documents of a text by position: the first starting at or after a point, the last ending before one."""

    def __init__(self, docs: list[DocMention]) -> None:
        self.docs = docs
        self.starts = [d.start for d in docs]
        self.by_end = sorted(docs, key=lambda d: d.end)
        self.ends = [d.end for d in self.by_end]

    def first_from(self, pos: int) -> DocMention | None:
        k = bisect.bisect_left(self.starts, pos)
        return self.docs[k] if k < len(self.docs) else None

    def last_before(self, pos: int) -> DocMention | None:
        """The document ending last at or before `pos` (the later-starting one on a tie, as in text order)."""
        k = bisect.bisect_right(self.ends, pos)
        if not k:
            return None
        end = self.ends[k - 1]
        return max((d for d in self.by_end[bisect.bisect_left(self.ends, end):k]), key=lambda d: d.start)


def _attach_after_first(text: str, men: Mention, at: _DocsAt, fallback: str | None,
                        self_doc: str | None) -> None:
    """The document named right after the mention, else right before it, else the fallback."""
    d = at.first_from(men.end)
    if d is not None:
        gap = text[men.end:d.start]
        if len(gap) <= 12 and P.CORPUS_DOC_AFTER.fullmatch(gap):
            men.ref.doc, men.doc_source = ((self_doc or fallback) if d.is_self else d.doc), "named"
            return
    d = at.last_before(men.start)
    if d is not None:
        gap = text[d.end:men.start]
        if len(gap) <= 3 and not re.search(r"[.;:()]", gap):
            men.ref.doc, men.doc_source = ((self_doc or fallback) if d.is_self else d.doc), "named"
            return
    men.ref.doc, men.doc_source = fallback, ("default" if fallback else None)


def _share_doc(cur: Mention, nxt: Mention) -> None:
    cur.ref.doc_text, cur.ref.doc, cur.doc_source = nxt.ref.doc_text, nxt.ref.doc, "list"


# --------------------------------------------------------------------------- the engine

def find_mentions(text: str, corpus: "Corpus | None" = None, default_doc: str | None = None,
                  context: "Provision | None" = None, *, reader: str = "xref", sticky_doc: bool = False,
                  docs: list[DocMention] | None = None, aliases: dict[str, str] | None = None) -> list[Mention]:
    """Every provision mention in `text`, in text order, as `reader` reads them.

    `context` (a provision, xref) resolves relative mentions and "Undang-Undang ini"; `sticky_doc`
    (free text) lets a document named earlier apply to later bare mentions; `docs` are the
    documents already found in `text`; `aliases` extend the manifest's (by-name documents).
    """
    rd = reader_profile(reader)
    if docs is None:
        docs = doc_mentions(text, aliases) if rd.documents == "names" else find_doc_mentions(text, corpus)
    specs = list(P.TYPED if rd.style == "typed" else P.CORPUS)
    if rd.relative and context is not None and corpus is not None:
        specs += _relative_specs(context, corpus)
    mentions = _scan(text, specs)
    own = [m for m in mentions if not m.relative]

    if rd.prefer == "before":
        _attach_before_first(text, own, docs)
    else:
        ctx_doc = context.doc if context is not None else default_doc
        # inside an amendment law's rewritten article, bare Pasal mentions mean the amended law
        target_doc = context.amends if context is not None and context.amends else ctx_doc
        if context is not None and context.kind in ("menimbang", "mengingat"):
            target_doc = None  # "Pasal 5 ayat (1) ... Undang-Undang Dasar": not this document
        known = _DocsAt([d for d in docs if not d.is_self and d.known])
        at = _DocsAt(docs)
        for men in own:
            fallback = target_doc if men.ref.system == "pasal" else ctx_doc
            if sticky_doc:
                prev = known.last_before(men.start)
                fallback = (prev.doc if prev else None) or fallback
            _attach_after_first(text, men, at, fallback, ctx_doc)
            if men.ref.doc:
                men.candidates = [f"{men.ref.doc}/{men.path}"]

    # a list "Pasal 23, Pasal 33, ..., dan Pasal 112 Undang-Undang Nomor 6 Tahun 2011": the document
    # named after the last item applies to the whole list
    for i in range(len(own) - 2, -1, -1):
        cur, nxt = own[i], own[i + 1]
        if rd.lists == "both":
            if cur.ref.system != "id" and cur.ref.doc_text is None and nxt.ref.doc_text is not None \
                    and P.TYPED_LIST.match(text[cur.end:nxt.start]):
                _share_doc(cur, nxt)
        elif cur.doc_source not in ("named", "list") and nxt.doc_source in ("named", "list") and nxt.ref.doc \
                and P.CORPUS_LIST.match(text[cur.end:nxt.start]) and (cur.ref.system == nxt.ref.system) \
                and not cur.point:
            _share_doc(cur, nxt)
            r = cur.ref
            cur.candidates = [f"{r.doc}/" + (P.treaty_path(r.pasal or "", [r.ayat or "", r.huruf or ""])
                                             if r.system == "article" else P.indo_path(r.pasal or "", r.ayat, r.huruf, r.angka))]
    if rd.lists == "both":
        # "Pasal 16 UU 6/2011 dan Pasal 8" gives Pasal 8 the document of Pasal 16
        for i in range(1, len(own)):
            cur, prv = own[i], own[i - 1]
            if cur.ref.system != "id" and cur.ref.doc_text is None and prv.ref.doc_text is not None \
                    and P.TYPED_LIST.match(text[prv.end:cur.start]):
                _share_doc(cur, prv)
        for men in own:
            if men.ref.system != "id" and men.ref.doc_text is None and men.ref.doc is None and default_doc:
                men.ref.doc, men.doc_source = default_doc, "default"

    # "Pasal 24 ayat (2) dan ayat (3) huruf a dan huruf c": chained relative items continue the
    # previous mention, not the containing provision
    for i in range(1, len(mentions)):
        men, prev = mentions[i], mentions[i - 1]
        if not men.relative or not prev.candidates or not P.CORPUS_LIST.match(text[prev.end:men.start]):
            continue
        r = men.ref
        base = prev.candidates[0].split("/ayat-" if r.ayat else "/huruf-")[0]
        men.candidates = [base + _tail(r.ayat, r.huruf, r.angka)]
        r.doc, r.pasal = prev.ref.doc, prev.ref.pasal
    return mentions


# --------------------------------------------------------------------------- resolving xref mentions

def resolve(men: Mention, corpus: "Corpus") -> Resolution:
    """Exact id when the provision exists, else the nearest existing ancestor (or article)."""
    doc = men.ref.doc
    doc_known = bool(doc) and doc in corpus.documents
    found = doc if doc_known else None
    for cid in men.candidates:
        if corpus.get(cid) is not None:
            return Resolution(men.ref, cid, doc=found, doc_known=doc_known)
        # an amendment law cited by amended-article number: "Pasal 16 UU 63/2024"
        if doc and not men.point and men.ref.system != "article":
            hit = _amended_article(corpus, men.ref)
            if hit:
                return Resolution(men.ref, hit, doc=found, doc_known=doc_known)
    nearest = None
    for cid in men.candidates:
        parts = cid.split("/")
        while len(parts) > 1:
            parts.pop()
            if corpus.get("/".join(parts)) is not None:
                nearest = "/".join(parts)
                break
        if nearest:
            break
    if nearest is None and doc and men.ref.pasal and doc_known and not men.point:
        nearest = _nearest_article(corpus, doc, men.ref.pasal, men.ref.system == "article")
    return Resolution(men.ref, None, [nearest] if nearest else [], doc=found, doc_known=doc_known)


def _amended_article(corpus: "Corpus", ref: CitationRef) -> str | None:
    """"Pasal 16 UU 63/2024" (the article an amendment law writes) or "Pasal 24A UU 6/2011" (an
    article that exists only as inserted by an amendment law)."""
    d = corpus.doc(ref.doc or "")
    if d is None or ref.pasal is None:
        return None
    rel = relations(corpus)
    if not d.meta.amends:
        if rel.has_own(d.id, ref.pasal):
            return None  # the article exists in the law itself
        provs = rel.written_into(d.id, ref.pasal)
    else:
        provs = rel.written(d.id, ref.pasal)
    tail = _tail(ref.ayat, ref.huruf, None)
    for p in provs:
        if p.pasal == ref.pasal and p.point:
            if corpus.get(p.id + tail) is not None:
                return p.id + tail
            if not tail:
                return p.id
    return None


def _nearest_article(corpus: "Corpus", doc: str, num: str, article: bool) -> str | None:
    """The existing article of `doc` with the closest number (for "not found, nearest: ...")."""
    m = re.match(r"\d+", num)
    if not m:
        return None
    want = int(m.group(0))
    best: tuple[int, str] | None = None
    kind = "article" if article else "pasal"
    for p in corpus.provisions(doc, include_penjelasan=False):
        if p.kind not in (kind, "pasal", "article") or p.amends or not p.pasal:
            continue
        mm = re.match(r"\d+", p.pasal)
        if not mm:
            continue
        dist = abs(int(mm.group(0)) - want)
        if best is None or dist < best[0]:
            best = (dist, p.id)
    return best[1] if best else None
