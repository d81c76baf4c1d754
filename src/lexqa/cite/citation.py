"""Citation refs → provision ids.

``resolve(ref, corpus)`` turns a ref (`lexqa.cite.parser.CitationRef`, or a citation string)
into a provision id of a parsed Corpus, or gives the nearest existing provisions and a reason —
it never raises for an unknown citation (it reads labels, ids, provision numbers and the
relations graph for amended articles). ``resolve_by_ids(ref, doc, ids)`` asks the same of a
store that only knows which ids exist and each document's kind (`IdLookup`: the index's fast path,
no parsed corpus). Both give a `lexqa.cite.refs.Resolution` / an id; cross-reference mentions are
resolved by `lexqa.cite.mentions.resolve`.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Protocol

from ..instruments import aliases_of
from ..kinds import kind_for_doc_id, spec
from ..relations import relations
from .parser import parse_citation
from .refs import CitationRef, Resolution

if TYPE_CHECKING:
    from ..store import Corpus


# --------------------------------------------------------------------------- resolution

def _norm_name(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def doc_names(corpus: "Corpus") -> dict[str, str]:
    """Normalised names (ids, labels, aliases) → doc id for the documents of this corpus."""
    names: dict[str, str] = {}
    for did, d in corpus.documents.items():
        names[_norm_name(did)] = did
        names[_norm_name(d.meta.label)] = did
        if d.meta.title:
            names[_norm_name(d.meta.title)] = did
        if spec(d.meta.kind).is_literature:     # "Purnomo 2025", "Purnomo et al. 2025"
            m = re.match(r"([a-z]+)-(\d{4})", did)
            if m:
                names.setdefault(m.group(1) + m.group(2), did)
        if d.meta.number and d.meta.year and "-" in did:
            prefix = did.split("-", 1)[0]
            names[_norm_name(f"{prefix}{d.meta.number}{d.meta.year}")] = did
    for did, d in corpus.documents.items():
        for name in aliases_of(d.meta):
            names.setdefault(_norm_name(name), did)
    return names


def resolve_doc(ref: CitationRef, corpus: "Corpus") -> tuple[str | None, list[str]]:
    """Document id for the ref in this corpus, else (None, did-you-mean labels)."""
    if ref.doc and ref.doc in corpus.documents:
        return ref.doc, []
    names = doc_names(corpus)
    for cand in (ref.doc_text, ref.doc):
        if cand and _norm_name(cand) in names:
            return names[_norm_name(cand)], []
    probe = _norm_name(ref.doc_text or ref.doc or "")
    if not probe:
        return None, []
    close = difflib.get_close_matches(probe, list(names), n=5, cutoff=0.6)
    out: list[str] = []
    for c in close:
        did = names[c]
        lab = corpus.documents[did].meta.label
        if lab not in out:
            out.append(lab)
    return None, out


def _seg(kind: str, value: str) -> str:
    return f"{kind}-{value.lower()}"


def _candidate_ids(ref: CitationRef, doc: str, corpus: "Corpus") -> list[str]:
    """Provision ids the ref may denote, most specific reading first."""
    meta = corpus.meta(doc)
    treaty = bool(meta and spec(meta.kind).is_treaty_like)
    p = ref.pasal or ""
    if ref.system == "section" or (meta and spec(meta.kind).is_literature):
        return [f"{doc}/section-{p.replace('.', '-').lower()}"]
    if treaty:
        base = f"{doc}/article-{p.lower()}"
        ids = []
        if ref.ayat and ref.huruf:
            ids.append(f"{base}/{ref.ayat}/{ref.huruf}")
        elif ref.ayat:
            ids.append(f"{base}/{ref.ayat}")
        elif ref.huruf:
            ids.append(f"{base}/{ref.huruf}")
        else:
            ids.append(base)
        return ids
    root = f"{doc}/penjelasan" if ref.penjelasan else doc
    tail = []
    if ref.ayat:
        tail.append(_seg("ayat", ref.ayat))
    if ref.huruf:
        tail.append(_seg("huruf", ref.huruf))
    ids: list[str] = []
    if p.isalpha() and p.isupper():       # Pasal I angka 2 [Pasal 16]
        head = f"{root}/pasal-{p.lower()}"
        if ref.angka:
            head += f"/angka-{ref.angka}"
            if ref.inner_pasal:
                head += f"/pasal-{ref.inner_pasal.lower()}"
        ids.append("/".join([head, *tail]))
        return ids
    if ref.angka:
        tail.append(_seg("angka", ref.angka))
    ids.append("/".join([f"{root}/pasal-{p.lower()}", *tail]))
    if not ref.penjelasan:
        # an amending law cited by the amended article number: "UU 63/2024 Pasal 16"
        ids += ["/".join([q.id, *tail]) for q in relations(corpus).written(doc, p)]
        # the same article in a Penjelasan-less reading, e.g. "Pasal 1 angka 13" written "Pasal 1 ayat 13"
        if ref.ayat and not ref.huruf and not ref.angka:
            ids.append(f"{doc}/pasal-{p.lower()}/angka-{ref.ayat}")
    return ids


def _num_key(s: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", s)
    return (int(m.group(1)), m.group(2)) if m else (10**9, s)


def nearest_ids(corpus: "Corpus", doc: str, wanted: str, ref: CitationRef, n: int = 6) -> list[str]:
    """Existing provisions close to a wanted id: its deepest existing ancestor and that one's
    children, else the articles with the closest numbers."""
    parts = wanted.split("/")
    for k in range(len(parts) - 1, 1, -1):
        anc = "/".join(parts[:k])
        if anc in corpus:
            kids = [c.id for c in corpus.children(anc)]
            return [anc, *kids][:n]
    # no such article: closest numbers among the document's top-level articles
    tops = []
    for q in corpus.provisions(doc):
        if q.parent is None and q.kind in ("pasal", "article") and q.pasal and not q.is_penjelasan:
            tops.append(q)
    if ref.pasal and ref.pasal[:1].isdigit():
        target = _num_key(ref.pasal)
        tops.sort(key=lambda q: (abs(_num_key(q.pasal)[0] - target[0]), _num_key(q.pasal)))
        return [q.id for q in tops[:n]]
    ids = [q.id for q in tops] or [q.id for q in corpus.provisions(doc)]
    return difflib.get_close_matches(wanted, ids, n=n, cutoff=0.0) if ids else []


def resolve(ref: CitationRef | str, corpus: "Corpus", default_doc: str | None = None) -> Resolution:
    """Resolve a ref (or a citation string) to a provision id of `corpus`; never raises."""
    if isinstance(ref, str):
        ref = parse_citation(ref)
    if ref.system == "id" and ref.provision_id:
        pid = ref.provision_id
        if pid in corpus:
            return Resolution(ref, pid, reason="provision id", doc=pid.split("/", 1)[0])
        doc = pid.split("/", 1)[0]
        if doc not in corpus.documents:
            did, sugg = resolve_doc(CitationRef(raw=doc, doc_text=doc), corpus)
            return Resolution(ref, None, [], f"no document {doc!r} in the corpus", None, sugg)
        near = nearest_ids(corpus, doc, pid, ref) or difflib.get_close_matches(pid, corpus.ids(), n=6, cutoff=0.5)
        return Resolution(ref, None, near, f"no provision {pid!r}", doc)
    if ref.doc is None and ref.doc_text is None and default_doc:
        ref.doc = default_doc
    if ref.doc is None and ref.doc_text is None:
        if not ref.pasal:
            return Resolution(ref, None, [], f"not a citation: {ref.raw!r} (expected e.g. 'UU 6/2011 Pasal 16')")
        # "Pasal 16" with no document: every document that has it
        near = []
        for did in corpus.documents:
            for cid in _candidate_ids(ref, did, corpus)[:1]:
                if cid in corpus:
                    near.append(cid)
        return Resolution(ref, None, near[:8], f"no document named in {ref.raw!r}")
    doc, sugg = resolve_doc(ref, corpus)
    if doc is None:
        name = ref.doc_text or ref.doc
        msg = f"unknown document {name!r}"
        return Resolution(ref, None, [], msg, None, sugg)
    if not ref.pasal:
        first = [q.id for q in corpus.provisions(doc) if q.parent is None][:6]
        return Resolution(ref, None, first, f"{corpus.meta(doc).label}: no Pasal/Article given", doc)
    cands = _candidate_ids(ref, doc, corpus)
    if ref.extra:
        # "Article 3(zz)": never the parent in silence; the parent is where to look instead
        near = [c for c in cands if c in corpus][:1]
        return Resolution(ref, None, near or nearest_ids(corpus, doc, cands[0], ref),
                          f"{corpus.meta(doc).label} has no {pinpoint(ref)}{ref.extra}: "
                          f"{ref.extra!r} does not name a part of it", doc)
    for cid in cands:
        if cid in corpus:
            return Resolution(ref, cid, reason="resolved", doc=doc)
    wanted = cands[0]
    near = nearest_ids(corpus, doc, wanted, ref)
    label = corpus.meta(doc).label
    return Resolution(ref, None, near, f"{label} has no {pinpoint(ref)} (looked for {wanted})", doc)


def pinpoint(ref: CitationRef) -> str:
    """The ref's pinpoint without its document: "Pasal 16 ayat (1)"."""
    return ref.describe().replace((ref.doc_text or ref.doc or '') + ' ', '', 1)


class IdLookup(Protocol):
    """What `resolve_by_ids` needs of a store."""

    def exists(self, pid: str) -> bool: ...
    def doc_kind(self, doc: str) -> str: ...   # "" when the store does not know the document


def resolve_by_ids(ref: CitationRef, doc: str, ids: IdLookup) -> str | None:
    """The most specific existing id for a Pasal/Article ref read in `doc`, knowing only which ids
    exist: the cited form, else the whole article; a Pasal of an Indonesian document may also be
    stored as an Article. The document's kind comes from the store, else from its id."""
    if ref.system not in ("pasal", "article"):
        return None
    treaty = spec(ids.doc_kind(doc) or kind_for_doc_id(doc)).is_treaty_like
    num, ayat, huruf = (ref.pasal or "").lower(), ref.ayat, ref.huruf
    if treaty or ref.system == "article":
        base = f"{doc}/article-{num}"
        cands = [base + (f"/{ayat}" if ayat else "") + (f"/{huruf}" if huruf else "")]
    else:
        base = f"{doc}/pasal-{num}"
        cands = [base + (f"/ayat-{ayat}" if ayat else "") + (f"/huruf-{huruf}" if huruf else "")]
    cands.append(base)
    if not treaty:
        cands.append(f"{doc}/article-{num}")
    return next((c for c in cands if ids.exists(c)), None)
