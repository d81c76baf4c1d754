"""`show`: a citation resolved to its provision, with status events, Penjelasan and amendment target."""

from __future__ import annotations

from ..timeline import today as _today

from datetime import date
from typing import TYPE_CHECKING, Any

from ..timeline import address_label, provision_status, timeline
from .damage import unresolved_reason
from .history import resolve_address, version_row
from .results import ShowResult, UnresolvedCitation

if TYPE_CHECKING:
    from ..store import Corpus


def show_provision(corpus: "Corpus", citation: str, as_of: date | None = None) -> ShowResult | UnresolvedCitation:
    from ..cite.citation import resolve
    from ..cite.parser import parse_citation

    ref = parse_citation(citation)
    res = resolve(ref, corpus)
    inserted = None if res.ok else resolve_address(corpus, citation)[0]
    if inserted is not None:
        return _inserted(corpus, citation, inserted, as_of)
    if not res.ok:
        reason, nearest = unresolved_reason(corpus, res)
        return UnresolvedCitation(citation=citation, parsed=ref.to_dict(), reason=reason,
                                  nearest=[{"id": i, "label": corpus.label(i)} for i in nearest],
                                  did_you_mean=res.doc_suggestions)
    from ..commentary import discussed_in

    p = corpus.get(res.id)
    meta = corpus.meta(p.doc)
    st = corpus.status(p.id)
    events = [_event(corpus, ev) for ev in st.events]
    address = timeline(corpus).address_for(p.id)
    explains = corpus.get(p.explains) if p.explains else None
    return ShowResult(
        citation=citation, id=p.id, label=corpus.label(p), doc=p.doc,
        doc_label=meta.label if meta else p.doc, doc_title=meta.title if meta else None,
        language=meta.language if meta else None, kind=p.kind, heading=p.heading, place=dict(p.context),
        text=p.text, empty=p.empty, source_file=p.source_file, start=p.start, end=p.end, flags=list(p.flags),
        penjelasan=_penjelasan(corpus, p),
        explains={"id": explains.id, "label": corpus.label(explains)} if explains else None,
        status=_status(corpus, p.id, as_of, events),
        amends=_amends(corpus, p),
        children=[c.id for c in corpus.children(p.id)],
        **_timeline_fields(corpus, address, as_of),
        discussed_in=[d.to_dict() for d in discussed_in(p.id, corpus)],
    )


def _status(corpus: "Corpus", pid: str, as_of: date | None, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The status on `as_of` at the level it applies (None for literature), with the recorded events."""

    ts = provision_status(corpus, pid, as_of)
    return {"summary": ts.summary if ts else None, "short": ts.state if ts else None,
            "in_force": ts.in_force if ts else None, "note": ts.note if ts else None, "events": events}


def _timeline_fields(corpus: "Corpus", address: str | None, as_of: date | None) -> dict[str, Any]:

    # as_of None (today) stays None in the result: the output names no date that changes daily
    given = as_of.isoformat() if as_of else None
    if address is None:
        return {"as_of": given, "address": None, "in_force_version": None, "history": []}
    tl = timeline(corpus)
    cur = tl.at(address, as_of)
    return {"as_of": given, "address": address, "address_label": address_label(corpus, address),
            "in_force_version": version_row(corpus, cur) if cur else None,
            "history": [version_row(corpus, v) for v in tl.versions(address) or []]}


def _inserted(corpus: "Corpus", citation: str, address: str, as_of: date | None) -> ShowResult:
    """An article inserted into a base law, shown by its base-law address with the inserting law's words."""

    tl = timeline(corpus)
    vs = tl.versions(address) or []
    cur = tl.at(address, as_of) or (vs[0] if vs else None)
    p = corpus.get(cur.provision) if cur and cur.provision else None
    meta = corpus.meta(address.split("/", 1)[0])
    return ShowResult(
        citation=citation, id=address, label=address_label(corpus, address), doc=meta.id,
        doc_label=meta.label, doc_title=meta.title, language=meta.language, kind="pasal",
        heading=p.heading if p else None, place=dict(p.context) if p else {}, text=p.text if p else "",
        empty=p.empty if p else True, source_file=p.source_file if p else None, start=p.start if p else None,
        end=p.end if p else None, flags=list(p.flags) if p else [],
        penjelasan=_penjelasan(corpus, p) if p else [], explains=None,
        status=_status(corpus, address, as_of, []), amends=None,
        children=[c.id for c in corpus.children(p.id)] if p else [],
        **_timeline_fields(corpus, address, as_of))


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


def trace_timeline(corpus: "Corpus", pid: str, as_of: date | None) -> dict[str, Any]:
    """What `trace` adds: the status on `as_of`, what amended, revoked or struck the provision
    (its history) and how references to a revoked provision read now (re-pointed by KUHP 622)."""

    address = timeline(corpus).address_for(pid)
    ts = provision_status(corpus, pid, as_of)
    day = (as_of or _today()).isoformat()
    versions = timeline(corpus).versions(address) or [] if address else []
    history = [{k: v for k, v in version_row(corpus, ver).items() if k != "text"} for ver in versions]
    now = None
    for r in history:
        e = r["event"]
        if e["replaced_by"] and r["valid_from"] and r["valid_from"] <= day:
            now = {"since": r["valid_from"], "by": e["source"], "by_label": e["source_label"],
                   "parts": e["parts"], "read_as": e["replaced_by"], "read_as_label": e["replaced_by_label"]}
    return {"as_of": as_of.isoformat() if as_of else None, "status_on_date": ts.summary if ts else None, "history": history,
            "references_read_as": now}
