"""Which provisions amend which article (derived from the index's chunks and provisions)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from ..kinds import spec

if TYPE_CHECKING:
    from ..index.chunk import Chunk
    from .lookup import ProvisionLookup


def amendment_links(chunks: Sequence["Chunk"], chunk_of: dict[str, int],
                    lookup: "ProvisionLookup") -> dict[str, list[str]]:
    """Article id ↔ the amendment-law provisions that rewrite it or insert an article after it."""
    links: dict[str, list[str]] = {}
    for pid, ci in chunk_of.items():
        c = chunks[ci]
        if c.kind != "pasal" or not spec(lookup.doc_kind(c.doc)).amends:
            continue
        p = lookup.get(pid)
        if p is None or not p.amends or not p.pasal:
            continue
        target = f"{p.amends}/pasal-{p.pasal.lower()}"
        if target not in chunk_of and p.change == "inserted":
            target = f"{p.amends}/pasal-{p.pasal.lower().rstrip('abcdefghijklmnopqrstuvwxyz')}"
        if target in chunk_of:
            links.setdefault(target, []).append(pid)
            links.setdefault(pid, []).append(target)
    for v in links.values():  # the latest amending law first (ids end in the year: uu-63-2024)
        v.sort(key=lambda pid: -_doc_year(pid.split("/", 1)[0]))
    return links


def _doc_year(doc: str) -> int:
    m = re.search(r"-(\d{4})$", doc)
    return int(m.group(1)) if m else 0
