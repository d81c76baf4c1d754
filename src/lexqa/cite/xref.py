"""The corpus's cross-references: ``find_refs`` (what one provision refers to), ``RefGraph``
(every reference in the corpus, outgoing and incoming, built in seconds) and ``trace`` (what
a provision refers to, what refers to it, what amended/revoked it and which regulation
implements it: cross-referencing regulations + the curated ``data/implements.toml`` pairs).
Mentions are found and resolved by `lexqa.cite.mentions` (its "xref" reader).
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Iterable

from ..config import DATA_DIR
from ..kinds import spec
from .docrefs import find_doc_mentions
from .mentions import find_mentions, resolve

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision
    from ..store import Corpus

# --------------------------------------------------------------------------- references in provisions

@dataclass
class Ref:
    source: str
    target: str | None               # resolved id (exact)
    nearest: str | None              # when not exact
    text: str                        # the mention as written
    kind: str = "ref"                # "ref" | "doc" (whole-document reference)
    doc: str | None = None
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def own_text(p: "Provision", corpus: "Corpus") -> str:
    """The part of a provision's text not inside its children (the chapeau), or all of it for a leaf."""
    kids = corpus.children(p.id)
    if not kids:
        return p.text
    first = kids[0].text[:60]
    i = p.text.find(first) if first else -1
    return p.text[:i] if i > 0 else ("" if i == 0 else p.text)


def find_refs(p: "Provision", corpus: "Corpus", text: str | None = None) -> list[Ref]:
    """References made by provision `p` (in `text`, default its own text without children)."""
    text = own_text(p, corpus) if text is None else text
    refs: list[Ref] = []
    covered: list[tuple[int, int]] = []
    docs = find_doc_mentions(text, corpus)
    for men in find_mentions(text, corpus, context=p, docs=docs):
        if not men.ref.doc:
            continue  # e.g. the Constitution's articles in Mengingat
        r = resolve(men, corpus)
        target = r.id
        if target == p.id or (target and p.id.startswith(target + "/")):
            continue  # a provision naming itself or its own article
        kind = "ref"
        if p.amends and target and p.pasal and (
                target == f"{p.amends}/pasal-{p.pasal.lower()}" or target.startswith(f"{p.amends}/pasal-{p.pasal.lower()}/")):
            kind = "amends"  # the amendment naming the article it rewrites (shown as "amended by")
        refs.append(Ref(p.id, target, r.nearest[0] if r.nearest else None, men.text, kind, men.ref.doc, men.relative))
        covered.append((men.start, men.end))
    # whole-document references ("Undang-Undang Nomor 21 Tahun 2007") not attached to a Pasal
    for d in docs:
        if d.is_self or not d.known or d.doc == p.doc:
            continue
        near = any(abs(d.start - e) <= 12 or abs(s - d.end) <= 12 for s, e in covered)
        if near:
            continue
        refs.append(Ref(p.id, d.doc, None, d.text, "doc", d.doc))
    return refs


class RefGraph:
    """Outgoing and incoming references over the whole corpus."""

    def __init__(self, corpus: "Corpus") -> None:
        self.corpus = corpus
        self.out: dict[str, list[Ref]] = {}
        self.inc: dict[str, list[Ref]] = {}

    @classmethod
    def build(cls, corpus: "Corpus") -> "RefGraph":
        g = cls(corpus)
        for p in corpus.provisions():
            if p.kind in ("closing",):
                continue
            refs = find_refs(p, corpus)
            if refs:
                g.out[p.id] = refs
                for r in refs:
                    if r.target:
                        g.inc.setdefault(r.target, []).append(r)
        return g

    def outgoing(self, pid: str, *, deep: bool = True) -> list[Ref]:
        if not deep:
            return list(self.out.get(pid, []))
        prefix = pid + "/"
        return [r for k, rs in self.out.items() if k == pid or k.startswith(prefix) for r in rs]

    def incoming(self, pid: str, *, deep: bool = True) -> list[Ref]:
        """References to `pid` (and, with deep, to any of its parts)."""
        if not deep:
            return list(self.inc.get(pid, []))
        prefix = pid + "/"
        return [r for k, rs in self.inc.items() if k == pid or k.startswith(prefix) for r in rs]


# --------------------------------------------------------------------------- implementing regulations

@dataclass
class ImplementsPair:
    law: str                          # provision id in the statute
    regulation: str                   # provision id in the implementing regulation
    note: str | None = None


def curated_pairs(path: str | None = None) -> list[ImplementsPair]:
    """Known statute ↔ implementing-regulation pairs (data/implements.toml)."""
    f = DATA_DIR / "implements.toml" if path is None else path
    with open(f, "rb") as fh:
        data = tomllib.load(fh)
    return [ImplementsPair(d["law"], d["regulation"], d.get("note")) for d in data.get("pairs", [])]


def implementing(pid: str, corpus: "Corpus", graph: RefGraph | None) -> list[dict[str, Any]]:
    """Regulation provisions that implement `pid`: curated pairs plus regulations citing it."""
    art = corpus.article_of(pid)
    keys = {pid} | ({art.id} if art else set())
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for pair in curated_pairs():
        if pair.law in keys and corpus.get(pair.regulation) is not None and pair.regulation not in seen:
            seen.add(pair.regulation)
            out.append({"id": pair.regulation, "label": corpus.label(pair.regulation), "via": "curated", "note": pair.note})
    if graph is not None:
        for r in graph.incoming(art.id if art else pid):
            meta = corpus.meta(r.source.split("/", 1)[0])
            if meta and spec(meta.kind).group == "regulation" and r.source not in seen:
                seen.add(r.source)
                out.append({"id": r.source, "label": corpus.label(r.source), "via": "cites", "note": r.text})
    return out


# --------------------------------------------------------------------------- trace

def trace(pid: str, corpus: "Corpus", graph: RefGraph | None = None) -> dict[str, Any]:
    """Everything the corpus knows about how `pid` connects to other provisions."""
    p = corpus.get(pid)
    if p is None:
        raise KeyError(pid)
    graph = graph or RefGraph.build(corpus)
    st = corpus.status(p.id)

    def ref_row(r: Ref, side: str) -> dict[str, Any]:
        other = r.target if side == "out" else r.source
        lab = corpus.label(other) if other and corpus.get(other) else (other or r.text)
        return {"id": other, "label": lab, "text": r.text, "nearest": r.nearest if side == "out" else None,
                "kind": r.kind, "from": r.source, "to": r.target}

    # references between the provision's own parts ("pada ayat (1)" inside Pasal 2) are not links out
    outs = [ref_row(r, "out") for r in graph.outgoing(p.id)
            if not (r.target and (r.target == p.id or r.target.startswith(p.id + "/")))]
    ins = [ref_row(r, "in") for r in graph.incoming(p.id) if not r.source.startswith(p.id + "/") and r.kind != "amends"]
    # a sub-provision is also reached by references to its article
    art = corpus.article_of(p.id)
    if art is not None and art.id != p.id:
        ins += [dict(ref_row(r, "in"), to_article=True) for r in graph.incoming(art.id, deep=False) if r.kind != "amends"]
    # amendments recorded in the corpus point at the article from the amending law
    amended = []
    revoked = []
    for ev in st.events:
        row = {"kind": ev.kind, "by": ev.by, "by_label": ev.by_label, "effective": ev.effective,
               "replaced_by": ev.replaced_by, "replaced_by_label": ev.replaced_by_label, "note": ev.note}
        (revoked if ev.kind in ("revoked", "replaced") else amended).append(row)
    amends = None
    if p.amends:
        amends = {"doc": p.amends, "point": p.point, "change": p.change,
                  "target": f"{p.amends}/pasal-{p.pasal.lower()}" if p.pasal else None}
    return {
        "id": p.id,
        "label": corpus.label(p),
        "status": st.short,
        "status_detail": st.summary,
        "refers_to": _dedup(outs, "id"),
        "referred_by": _dedup(ins, "from"),
        "amended_by": amended,
        "revoked_by": revoked,
        "amends": amends,
        "implemented_by": implementing(p.id, corpus, graph),
    }


def _dedup(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen: set[tuple[Any, Any]] = set()
    out = []
    for r in rows:
        k = (r.get(key), r.get("id") if key != "id" else r.get("from"))
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
    return out
