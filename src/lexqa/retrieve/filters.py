"""Search filters and the one test every searcher applies to a chunk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from ..index.chunk import Chunk
    from .lookup import ProvisionLookup


@dataclass
class Filters:
    """Restrict results. `doc`/`kind`/`language` take one value or several."""

    doc: str | Sequence[str] | None = None
    # kind of the matched chunk's unit: "pasal", "article", "point", "section", "preamble",
    # "menimbang", "mengingat", "penjelasan-umum", or "penjelasan" (a Penjelasan entry of a Pasal)
    kind: str | Sequence[str] | None = None
    language: str | Sequence[str] | None = None    # "id" | "en"
    in_force_only: bool = False

    @staticmethod
    def _set(v) -> set[str] | None:
        if v is None or v == "" or v == []:
            return None
        return {v} if isinstance(v, str) else set(v)

    @classmethod
    def coerce(cls, f: "Filters | dict | None") -> "Filters":
        if f is None:
            return cls()
        if isinstance(f, dict):
            return cls(**f)
        return f


def as_set(v) -> set[str] | None:
    return Filters._set(v)


def restrictive(f: Filters) -> bool:
    """Whether `f` may reject chunks (then searchers rank every chunk, not only the top few)."""
    return bool(f.doc or f.kind or f.language or f.in_force_only)


def passes(lookup: "ProvisionLookup", c: "Chunk", f: Filters) -> bool:
    docs = as_set(f.doc)
    if docs and c.doc not in docs:
        return False
    kinds = as_set(f.kind)
    if kinds and c.kind not in kinds:
        return False
    langs = as_set(f.language)
    if langs and c.language not in langs:
        return False
    if f.in_force_only and not lookup.status(c.provision)[1]:
        return False
    return True
