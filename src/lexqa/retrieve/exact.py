"""Provisions named in a query ("Pasal 16 UU 6/2011", "Article 3 Palermo", "uu-6-2011/pasal-16").

The citation parser (lexqa.cite.parser) reads the query in both cases. With a parsed corpus
its resolver (then the cross-reference reader of lexqa.cite.mentions) does the work; without one
(the fast CLI path that reads provisions from the index) `find_named` resolves by ids alone
(`lexqa.cite.citation.resolve_by_ids`, given which ids exist and, when the store knows it, each
document's kind): one document (the first the query names, else `default_doc`) applies to every
Pasal/Article in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..cite.citation import resolve as resolve_citation, resolve_by_ids
from ..cite.docrefs import doc_mentions
from ..cite.mentions import find_mentions, resolve as resolve_mention
from ..cite.parser import find_citations
from .. import cues
from ..instruments import alias_table, ratifications


@dataclass(frozen=True)
class _Ids:
    """A store as `resolve_by_ids` reads it (`lexqa.cite.citation.IdLookup`)."""

    exists: Callable[[str], bool]
    doc_kind: Callable[[str], str]


def _docs_in_order(query: str, known: set[str]) -> list[str]:
    """Known documents the query names (by number, alias or id), in query order."""
    out = [(d.start, d.doc) for d in doc_mentions(query, alias_table(query=True)) if d.doc]
    low = query.lower()
    for d in known:
        i = low.find(d)
        if i >= 0:
            out.append((i, d))
    return [d for _, d in sorted(out) if d in known]


def find_named(query: str, known_docs: set[str], exists: Callable[[str], bool],
               default_doc: str | None = None, doc_kind: Callable[[str], str] | None = None) -> list[str]:
    """Provision ids named in `query` that exist (most specific existing form), in query order;
    `doc_kind` gives a document's kind ("" when unknown)."""
    mentions = find_citations(query)
    found = [m.ref.provision_id for m in mentions
             if m.ref.system == "id" and m.ref.provision_id and exists(m.ref.provision_id)]
    docs = _docs_in_order(query, known_docs)
    doc = docs[0] if docs else default_doc
    if doc:
        ids = _Ids(exists, doc_kind or (lambda _doc: ""))  # "": the kind follows from the id
        for m in mentions:
            hit = resolve_by_ids(m.ref, doc, ids)
            if hit:
                found.append(hit)
    return _dedup(found)


def find_named_with_corpus(query: str, corpus, default_doc: str | None = None) -> list[str]:
    """The citation resolver first; else the cross-reference resolver, plus the index-style lookup."""
    found: list[str] = []
    for m in find_citations(query, default_doc=default_doc):
        if m.ref.doc is None and not m.ref.provision_id:
            continue
        r = resolve_citation(m.ref, corpus, default_doc)
        if r.id:
            found.append(r.id)
    if found:
        return _dedup(found)
    for men in find_mentions(query, corpus, default_doc=default_doc, sticky_doc=True):
        if men.relative or not men.ref.doc:
            continue
        r = resolve_mention(men, corpus)
        if r.id:
            found.append(r.id)
    found += find_named(query, set(corpus.documents), lambda pid: corpus.get(pid) is not None, default_doc,
                        lambda doc: m.kind if (m := corpus.meta(doc)) else "")
    return _dedup(found)


def _dedup(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return [f for f in ids if not (f in seen or seen.add(f))]


def docs_named(query: str, known: set[str]) -> list[str]:
    """Documents a query names (by number, id or alias: "Protokol Palermo", "UU 21/2007", "KUHP");
    a question about ratifying a named treaty ("Apakah Indonesia meratifikasi Protokol Palermo
    dengan pensyaratan?") names its ratification law too (UU 14/2009 holds the reservation)."""
    docs = _docs_in_order(query, known)
    if docs and cues.pattern("ratification", "asks").search(query):
        rat = ratifications()
        docs += [rat[d] for d in docs if d in rat and rat[d] in known]
    return _dedup(docs)
