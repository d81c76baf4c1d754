"""The citation engine's types: `CitationRef` (a provision or document as cited), `Mention` (a
citation found in a text) and `Resolution` (where a ref or a mention points in a corpus). Pure
data, no corpus needed."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..pinpoint import article_pinpoint, pasal_pinpoint

ROMAN = re.compile(r"^[IVX]+$")   # an amendment law's Pasal I, II: its points, not articles


@dataclass
class CitationRef:
    """A parsed citation. Numbers are as written ("76A", "I"); `doc` is an id when the name implies one."""

    raw: str
    doc: str | None = None
    doc_text: str | None = None
    system: str | None = None        # "pasal" | "article" | "section" | "id" | None (document only)
    pasal: str | None = None         # Pasal / Article number; "I" for an amendment law's Pasal I
    ayat: str | None = None          # ayat / treaty paragraph
    huruf: str | None = None         # huruf / treaty subparagraph
    angka: str | None = None
    inner_pasal: str | None = None   # "Pasal I angka 2 Pasal 16": the amended article
    penjelasan: bool = False
    provision_id: str | None = None  # a raw provision id
    extra: str | None = None         # glued to the pinpoint but not read: "(zz)" of "Article 3(zz)", "_6" of "Pasal 1_6"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """Normalised human form, e.g. "UU 6/2011 Pasal 16 ayat (1) huruf b"."""
        if self.provision_id:
            return self.provision_id
        parts = [self.doc_text or self.doc or "?"]
        if self.penjelasan:
            parts.append("Penjelasan")
        if self.system == "article":
            parts.append(article_pinpoint(self.pasal or "", self.ayat, self.huruf))
        elif self.pasal and self.pasal.isalpha():  # an amendment point: "Pasal I angka 2 Pasal 16 ayat (1)"
            parts.append(pasal_pinpoint(self.pasal, angka=self.angka))
            parts.append(pasal_pinpoint(self.inner_pasal, self.ayat, self.huruf) if self.angka else
                         pasal_pinpoint(None, self.ayat, self.huruf))
        elif self.pasal:
            parts.append(pasal_pinpoint(self.pasal, self.ayat, self.huruf, self.angka))
        return " ".join(p for p in parts if p)


@dataclass
class Mention:
    """One provision mention: `text` is what was matched at `start:end`, `ref` what it cites."""

    ref: CitationRef
    start: int
    end: int
    text: str
    doc_source: str | None = None    # "named" (next to it) | "list" (a list neighbour's) | "default"
    relative: bool = False           # "pada ayat (2)", "huruf a": a part of the context provision
    path: str = ""                   # xref: the id under the document as written ("pasal-16/ayat-1")
    candidates: list[str] = field(default_factory=list)  # xref: ids to try, most specific first

    @property
    def doc_inferred(self) -> bool:
        """The document came from a neighbour, the context or a default, not from the mention."""
        return self.doc_source in ("list", "default")

    @property
    def point(self) -> bool:
        """An amendment law's point ("Pasal I angka 2"), not an article."""
        return bool(self.ref.pasal and ROMAN.match(self.ref.pasal))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Resolution:
    """Outcome of resolving a ref or a mention: an id, or why not and what exists nearby."""

    ref: CitationRef
    id: str | None
    nearest: list[str] = field(default_factory=list)  # closest existing provisions, best first
    reason: str = ""
    doc: str | None = None
    doc_suggestions: list[str] = field(default_factory=list)
    doc_known: bool = True           # the document the mention names is in the corpus

    @property
    def ok(self) -> bool:
        return self.id is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        return d
