"""Provisions named in a query ("Pasal 16 UU 6/2011", "Article 3 Palermo", "uu-6-2011/pasal-16").

With a parsed corpus the citation parser/resolver (lexqa.cite.citation, then lexqa.cite.xref)
does the work; without one (the fast CLI path that reads provisions from the index) a small
regex resolver of our own is used.
"""

from __future__ import annotations

import re
from typing import Callable

_ID = re.compile(r"\b([a-z]+(?:-[a-z0-9]+)+(?:/[a-z0-9-]+)+)\b")
_DOC_NUM = re.compile(
    r"\b(UU|PP|Perpres|Perppu)\s*(?:Nomor|No\.?)?\s*(\d+)\s*(?:/|\s+Tahun\s+)\s*(\d{4})\b", re.I)
_UNDANG = re.compile(r"Undang-?\s?Undang\s+(?:Nomor|No\.?)\s*(\d+)\s+Tahun\s+(\d{4})", re.I)
_NAMES = [
    (re.compile(r"\bpalermo\b|\btrafficking protocol\b", re.I), "palermo-protocol"),
    (re.compile(r"\bsmuggling (?:of migrants )?protocol\b|\bmigrant smuggling protocol\b", re.I), "smuggling-protocol"),
    (re.compile(r"\buntoc\b|\bconvention against transnational", re.I), "untoc"),
    (re.compile(r"\budhr\b|\buniversal declaration", re.I), "udhr"),
    (re.compile(r"\bkuhp\b", re.I), "uu-1-2023"),
]
_PROV = re.compile(
    r"\b(?P<kw>Pasal|Article|Art\.)\s*(?P<num>\d+[A-Za-z]?|[IVX]+)\b"
    r"(?:\s*(?:ayat\s*)?\((?P<ayat>\d+)\))?"
    r"(?:\s*(?:huruf\s+(?P<huruf>[a-z])\b|\((?P<huruf2>[a-z])\)))?",
    re.I,
)


def _docs_named(query: str, known: set[str]) -> list[str]:
    out: list[tuple[int, str]] = []
    for m in _DOC_NUM.finditer(query):
        out.append((m.start(), f"{m.group(1).lower()}-{m.group(2)}-{m.group(3)}"))
    for m in _UNDANG.finditer(query):
        out.append((m.start(), f"uu-{m.group(1)}-{m.group(2)}"))
    for rx, doc in _NAMES:
        m = rx.search(query)
        if m:
            out.append((m.start(), doc))
    for d in known:
        i = query.lower().find(d)
        if i >= 0:
            out.append((i, d))
    return [d for _, d in sorted(out) if d in known]


def find_named(query: str, known_docs: set[str], exists: Callable[[str], bool],
               default_doc: str | None = None) -> list[str]:
    """Provision ids named in `query` that exist (most specific existing form), in query order."""
    found: list[str] = []
    for m in _ID.finditer(query.lower()):
        pid = m.group(1).rstrip("/")
        if exists(pid):
            found.append(pid)
    docs = _docs_named(query, known_docs)
    doc = docs[0] if docs else default_doc
    if doc:
        treaty = not doc.startswith(("uu-", "pp-", "perpres-", "perppu-"))
        for m in _PROV.finditer(query):
            num = m.group("num").lower()
            ayat, huruf = m.group("ayat"), (m.group("huruf") or m.group("huruf2"))
            if treaty or m.group("kw").lower().startswith("art"):
                base = f"{doc}/article-{num}"
                cands = [base + (f"/{ayat}" if ayat else "") + (f"/{huruf.lower()}" if huruf else "")]
                if huruf and not ayat:
                    cands.insert(0, f"{base}/{huruf.lower()}")
            else:
                base = f"{doc}/pasal-{num}"
                cands = [base + (f"/ayat-{ayat}" if ayat else "") + (f"/huruf-{huruf.lower()}" if huruf else "")]
            cands.append(base)
            if not treaty:
                cands.append(f"{doc}/article-{num}")
            for c in cands:
                if exists(c):
                    found.append(c)
                    break
    seen: set[str] = set()
    return [f for f in found if not (f in seen or seen.add(f))]


def find_named_with_corpus(query: str, corpus, default_doc: str | None = None) -> list[str]:
    """Use the project's citation resolver when available, then our own regex."""
    found: list[str] = []
    try:  # the citation parser (lexqa.cite.citation) first: it knows every form people write
        from ..cite.citation import find_citations, resolve as resolve_citation

        for m in find_citations(query, default_doc=default_doc):
            if m.ref.doc is None and not m.ref.provision_id:
                continue
            r = resolve_citation(m.ref, corpus, default_doc)
            if r.id:
                found.append(r.id)
    except Exception:  # another stage's code: never let it break search
        pass
    if found:
        return _dedup(found)
    try:
        from ..cite.xref import find_mentions, resolve

        for men in find_mentions(query, corpus, default_doc=default_doc, sticky_doc=True):
            if getattr(men, "relative", False) or not men.doc:
                continue
            r = resolve(men, corpus)
            if r.id:
                found.append(r.id)
    except Exception:  # the resolver is another stage's code: never let it break search
        found = []
    found += find_named(query, set(corpus.documents), lambda pid: corpus.get(pid) is not None, default_doc)
    return _dedup(found)


def _dedup(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return [f for f in ids if not (f in seen or seen.add(f))]


# Indonesian / informal names of the instruments that the citation parser's alias table lacks
_EXTRA_DOC_NAMES = {
    "protokol penyelundupan migran": "smuggling-protocol",
    "protokol penyelundupan": "smuggling-protocol",
    "protokol perdagangan orang": "palermo-protocol",
    "konvensi palermo": "untoc",
    "konvensi pbb menentang tindak pidana transnasional": "untoc",
    "konvensi pbb": "untoc",
    "uu imigrasi": "uu-6-2011",
    "undang-undang imigrasi": "uu-6-2011",
    "indonesian immigration law": "uu-6-2011",
}


def docs_named(query: str, known: set[str]) -> list[str]:
    """Documents a query names (by number, id or alias: "Protokol Palermo", "UU 21/2007", "KUHP")."""
    out: list[tuple[int, str]] = []
    try:
        from ..cite.citation import _doc_mentions

        for start, _end, _text, did in _doc_mentions(query, _EXTRA_DOC_NAMES):
            if did:
                out.append((start, did))
    except Exception:  # another stage's code: never let it break search
        pass
    low = query.lower()
    for name, did in _EXTRA_DOC_NAMES.items():
        i = low.find(name)
        if i >= 0:
            out.append((i, did))
    for d in _docs_named(query, known):
        out.append((low.find(d) if d in low else 10**6, d))
    return _dedup([d for _, d in sorted(out) if d in known])
