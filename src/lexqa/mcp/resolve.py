"""Plain helpers of the MCP tools over the Session and the citation engine: a law's name → the
documents it may mean, "Pasal 86-88" selectors, cursor pages of long texts. No FastAPI, no mcp."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Corpus

MAX_RANGE = 30
_RANGE = re.compile(r"\b(?P<pj>penjelasan\s+)?(?P<sys>pasal|article)\s+(?P<a>\d+)\s*[-–]\s*(?P<b>\d+)\b", re.I)


def _entry(corpus: "Corpus", did: str, match: str) -> dict[str, Any]:
    m = corpus.documents[did].meta
    return {"id": did, "label": m.label, "title": m.title, "kind": m.kind, "language": m.language,
            "held": True, "match": match, "provisions": len(corpus.documents[did].provisions)}


def resolve_law(name: str, corpus: "Corpus") -> list[dict[str, Any]]:
    """Documents a name may mean ("UU Keimigrasian", "KUHP", "UU 6/2011", "Law Number 21 of 2007"):
    exact (id, label, number, manifest alias, query alias) first, then close names; a name that
    implies an instrument the corpus does not hold is returned with `held` false."""
    from ..cite.citation import resolve_doc
    from ..cite.docrefs import doc_id_from_text
    from ..cite.refs import CitationRef
    from ..config import manifest_path
    from ..ingest.manifest import load_external
    from ..instruments import alias_table

    text = " ".join(name.split())
    doc, close = resolve_doc(CitationRef(raw=text, doc_text=text), corpus)
    implied = doc or doc_id_from_text(text, alias_table(query=True))
    out: list[dict[str, Any]] = []
    if implied and implied in corpus.documents:
        out.append(_entry(corpus, implied, "exact"))
    elif implied:
        ext = load_external(manifest_path()).get(implied)
        out.append({"id": implied, "label": (ext or {}).get("label", text), "title": (ext or {}).get("title"),
                    "held": False, "match": "exact",
                    "note": "named in the manifest as an instrument lexqa does not hold" if ext
                    else "not in the corpus lexqa holds"})
    by_label = {d.meta.label: did for did, d in corpus.documents.items()}
    for lab in close:
        did = by_label.get(lab)
        if did and all(c["id"] != did for c in out):
            out.append(_entry(corpus, did, "close"))
    return out


def expand_selector(citation: str) -> list[str]:
    """"UU 6/2011 Pasal 86-88" → the three citations; "penjelasan pasal 86-87" likewise; else [citation]."""
    m = _RANGE.search(citation)
    if not m:
        return [citation]
    a, b = int(m.group("a")), int(m.group("b"))
    if b < a or b - a >= MAX_RANGE:
        from ..errors import LexqaError

        raise LexqaError(f"bad range {m.group(0)!r}", hint=f"from low to high, at most {MAX_RANGE} articles")
    head, tail = citation[:m.start()], citation[m.end():]
    pj = m.group("pj") or ""
    return [f"{head}{pj}{m.group('sys')} {n}{tail}".strip() for n in range(a, b + 1)]


def page(text: str, cursor: str | None, size: int) -> tuple[str, str | None]:
    """The page of `text` at `cursor` (an opaque offset from the previous page) and the next cursor."""
    from ..errors import LexqaError

    try:
        start = int(cursor) if cursor else 0
    except ValueError:
        raise LexqaError(f"bad cursor {cursor!r}", hint="pass back the next_cursor of the previous page") from None
    if start < 0 or start > len(text):
        raise LexqaError(f"bad cursor {cursor!r}", hint="pass back the next_cursor of the previous page")
    end = min(len(text), start + size)
    if end < len(text):  # end the page at a line break when one is near
        nl = text.rfind("\n", start + size // 2, end)
        end = nl + 1 if nl > 0 else end
    return text[start:end], (str(end) if end < len(text) else None)
