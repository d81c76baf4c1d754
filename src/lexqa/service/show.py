"""`show`: a citation resolved to its provision, with status events, Penjelasan and amendment target."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .damage import unresolved_reason
from .results import ShowResult, UnresolvedCitation

if TYPE_CHECKING:
    from ..store import Corpus


def show_provision(corpus: "Corpus", citation: str) -> ShowResult | UnresolvedCitation:
    from ..cite.citation import resolve
    from ..cite.parser import parse_citation

    ref = parse_citation(citation)
    res = resolve(ref, corpus)
    if not res.ok:
        reason, nearest = unresolved_reason(corpus, res)
        return UnresolvedCitation(citation=citation, parsed=ref.to_dict(), reason=reason,
                                  nearest=[{"id": i, "label": corpus.label(i)} for i in nearest],
                                  did_you_mean=res.doc_suggestions)
    p = corpus.get(res.id)
    meta = corpus.meta(p.doc)
    st = corpus.status(p.id)
    events = [_event(corpus, ev) for ev in st.events]
    explains = corpus.get(p.explains) if p.explains else None
    return ShowResult(
        citation=citation, id=p.id, label=corpus.label(p), doc=p.doc,
        doc_label=meta.label if meta else p.doc, doc_title=meta.title if meta else None,
        language=meta.language if meta else None, kind=p.kind, heading=p.heading, place=dict(p.context),
        text=p.text, empty=p.empty, source_file=p.source_file, start=p.start, end=p.end, flags=list(p.flags),
        penjelasan=_penjelasan(corpus, p),
        explains={"id": explains.id, "label": corpus.label(explains)} if explains else None,
        status={"summary": "; ".join(e["description"] for e in events) or st.summary, "short": st.short,
                "in_force": st.in_force, "events": events},
        amends=_amends(corpus, p),
        children=[c.id for c in corpus.children(p.id)],
    )


def _event(corpus: "Corpus", ev: Any) -> dict[str, Any]:
    """A status event with the text of the amending and the replacing provision."""
    by = corpus.get(ev.by)
    rep = corpus.get(ev.replaced_by) if ev.replaced_by else None
    return {"kind": ev.kind, "description": ev.describe() + (f" ({ev.note})" if ev.note else ""), "by": ev.by,
            "by_label": ev.by_label, "effective": ev.effective, "replaced_by": ev.replaced_by,
            "replaced_by_label": ev.replaced_by_label, "note": ev.note,
            "by_text": by.text if by else None, "replaced_by_text": rep.text if rep else None}


def _penjelasan(corpus: "Corpus", p: Any) -> list[dict[str, Any]]:
    def row(q: Any, of: str) -> dict[str, Any]:
        return {"id": q.id, "label": corpus.label(q), "text": q.text, "empty": q.empty, "of": of}

    out = [row(q, p.id) for q in corpus.penjelasan_for(p.id)]
    # the Penjelasan of the enclosing Pasal/ayat also explains a huruf inside it
    for anc in corpus.ancestors(p.id):
        for q in corpus.penjelasan_for(anc.id):
            if q.explains == anc.id and all(x["id"] != q.id for x in out):
                out.append(row(q, anc.id))
    return out


def _amends(corpus: "Corpus", p: Any) -> dict[str, Any] | None:
    if not p.amends:
        return None
    target = f"{p.amends}/pasal-{p.pasal.lower()}" if p.pasal else None
    tp = corpus.get(target) if target else None
    return {"doc": p.amends, "change": p.change, "point": p.point,
            "target": tp.id if tp else target, "target_label": corpus.label(tp) if tp else target,
            "target_exists": tp is not None}
