"""Hand-written structure parser for Indonesian regulations (UU, PP, Perpres, Perda, Permen).

Public API (stable; other parse modules call these):

``parse_regulation(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]``
    Whole document: Menimbang / Mengingat, BUKU / BAB / Bagian / Paragraf context, Pasal
    (incl. "76A" and Roman "Pasal I" of amendment laws → ``{doc}/pasal-i``), ayat / huruf /
    angka, closing block (``{doc}/penutup``), Penjelasan Umum and Penjelasan Pasal demi Pasal
    (``{doc}/penjelasan/pasal-16/ayat-2``, with ``explains``).

``split_pasal_body(text: str, start: int, end: int, prefix: str, *, doc: str, source_file: str | None,
                   base: dict[str, str | None] | None = None, context: dict[str, str] | None = None,
                   issues: list[ParseIssue] | None = None, definitions: bool = False) -> list[Provision]``
    Split one article body ``text[start:end]`` (``text`` is the whole normalised source text, so
    offsets stay global) into ayat / huruf / angka provisions whose ids start with ``prefix``
    (e.g. ``"uu-63-2024/pasal-i/angka-2/pasal-16"``); the provisions' ``parent`` is ``prefix``
    for top-level items. ``base`` pre-fills the fields (``{"pasal": "16"}``) that children
    inherit. Returns provisions in reading order (children after their parent). Markers out of
    sequence stay text; OCR-garbled markers that fit the sequence are accepted and flagged
    ``ocr-marker-fixed`` (an info ParseIssue is appended to ``issues``).

Every Provision.text is exactly ``src.text[start:end]``: whitespace and running page headers at
the edges are excluded by moving offsets, never by editing text.

How a "Pasal N" is told from a cross-reference: it must stand at a line start, or right after a
sentence end / a BAB-Bagian-Paragraf heading on the same line ("... diberikan. Pasal 61 Pemegang
..."), be followed by the end of its line or by a capitalised word that does not cite another
law, and fit the sequence (previous + 1, or 76 → 76A). A garbled number ("l20", "5O9") is read
only when that reading is exactly the next number. A heading alone on its line that does not fit
is reported (gap / duplicate / out-of-order) and, for a forward jump, accepted so one lost
heading does not swallow the rest of the law. Roman "Pasal I/II" (amendment laws) are split off
but their bodies and Penjelasan are left whole: ``amendment.expand_amendments`` splits the points.

Modules: `document` (zones, articles, Penjelasan entries), `headings` (Pasal and BAB-Bagian-
Paragraf headings), `items` (ayat / huruf / angka), `penjelasan` (the parts of one Penjelasan entry),
`positions` (where a marker stands).
"""

from __future__ import annotations

from .document import parse_regulation
from .headings import PasalNo
from .items import split_pasal_body

__all__ = ["parse_regulation", "split_pasal_body", "PasalNo"]
