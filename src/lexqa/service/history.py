"""`history` and `diff`: a provision's timeline by base-law coordinates, and what changed between two dates."""

from __future__ import annotations

import difflib
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import CitationError, LexqaError
from ..timeline import address_label, timeline
from .results import DiffResult, HistoryResult

if TYPE_CHECKING:
    from ..store import Corpus
    from ..timeline import Version


class InputError(LexqaError):
    """A bad date or an impossible comparison: the command line exits 2."""

    exit_code = 2


def parse_date(s: str | date | None) -> date | None:
    """An ISO date from the user; LexqaError (exit 2) when it is not one."""
    if s is None or isinstance(s, date):
        return s
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        raise InputError(f"not a date: {s!r}", hint="use YYYY-MM-DD, e.g. 2026-01-02") from None


def resolve_address(corpus: "Corpus", citation: str) -> tuple[str | None, str | None]:
    """(base-law address, provision id the citation names) — an inserted article ("UU 23/2002
    Pasal 76F") has an address but no provision of its own; an amending law's words map to their address."""
    from ..cite.citation import resolve
    from ..cite.parser import parse_citation

    tl = timeline(corpus)
    ref = parse_citation(citation)
    res = resolve(ref, corpus)
    if res.ok:
        return tl.address_for(res.id), res.id
    if ref.doc and ref.pasal and not ref.penjelasan and not ref.extra:  # "Pasal 16(1)(zz)": no address
        art = tl.article_address(ref.doc, ref.pasal)
        if art is not None:
            parts = [art] + ([f"ayat-{ref.ayat}"] if ref.ayat else []) + ([f"huruf-{ref.huruf.lower()}"] if ref.huruf else [])
            return "/".join(parts), None
    return None, None


def version_row(corpus: "Corpus", v: "Version") -> dict[str, Any]:
    e = v.event
    p = corpus.get(v.provision) if v.provision else None
    return {"valid_from": v.valid_from, "valid_to": v.valid_to, "provision": v.provision,
            "provision_label": corpus.label(p) if p else None, "text": p.text if p else None,
            "event": {"kind": e.kind, "date": e.date, "source": e.source, "source_label": e.source_label,
                      "parts": list(e.parts), "parts_labels": [corpus.label(t) for t in e.parts], "phrase": e.phrase, "replaced_by": e.replaced_by,
                      "replaced_by_label": e.replaced_by_label, "note": e.note}}


def describe_row(r: dict[str, Any]) -> str:
    """One history line: "2024-10-17 → …  amended by UU 63/2024 Pasal I angka 2 [id]"."""
    e = r["event"]
    span = f"{r['valid_from'] or '(date not in this corpus)'} → {r['valid_to'] or '…'}"
    what = {"enacted": "enacted", "amended": "amended by", "inserted": "inserted by", "deleted": "deleted by",
            "revoked": "revoked by", "partly-revoked": "partly revoked by",
            "phrase-struck": f"phrase “{e['phrase']}” struck by"}[e["kind"]]
    line = f"{span}  {what if e['kind'] != 'enacted' else 'enacted:'} {e['source_label']}"
    if e["parts"]:
        line += f" ({'in ' if e['kind'] == 'phrase-struck' else ''}{', '.join(e['parts_labels'])})"
    if e["replaced_by_label"]:
        line += f"; references read as {e['replaced_by_label']}"
    if r["provision"]:
        line += f"  [words: {r['provision']}]"
    if e["note"] and e["kind"] not in ("revoked", "partly-revoked"):
        line += f"  ({e['note']})"
    return line


def history_of(corpus: "Corpus", citation: str) -> HistoryResult:

    address, _ = resolve_address(corpus, citation)
    if address is None:
        raise CitationError(f"{citation!r} has no timeline in this corpus",
                            hint="give an article of a law, e.g. 'UU 6/2011 Pasal 16'")
    rows = [version_row(corpus, v) for v in timeline(corpus).versions(address) or []]
    return HistoryResult(citation, address, address_label(corpus, address), rows)


def diff_of(corpus: "Corpus", citation: str, from_date: date | None, to_date: date | None) -> DiffResult:
    """Defaults: the version before the one in force `to_date` (today) → that one."""

    h = history_of(corpus, citation)
    tl = timeline(corpus)
    to_v = tl.at(h.address, to_date)
    if to_v is None:
        raise InputError(f"{h.label} has no version on {to_date or date.today()}")
    if from_date is not None:
        from_v = tl.at(h.address, from_date)
    else:
        dated = [v for v in tl.versions(h.address) or [] if v.valid_from and v.valid_from < (to_v.valid_from or "")]
        from_v = dated[-1] if dated else None
    if from_v is None:
        raise InputError(f"{h.label}: no earlier version to compare with")
    a, b = version_row(corpus, from_v), version_row(corpus, to_v)
    old, new = (a["text"] or "").split(), (b["text"] or "").split()
    ops = [{"op": tag, "old": " ".join(old[i1:i2]), "new": " ".join(new[j1:j2])}
           for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()]
    return DiffResult(citation, h.address, h.label, a, b, ops)
