"""Is an unlisted file literature? Yes, unless its first page is a statute (or a treaty).

A thesis's cover page often names a law in its title ("TINJAUAN YURIDIS PASAL 48 UNDANG-UNDANG
NOMOR 21 TAHUN 2007 TENTANG ..."), which the manifest's guess reads as that law; what only a
statute's first page has is its preamble ("DENGAN RAHMAT TUHAN YANG MAHA ESA", "Menimbang"),
and a treaty's its opening ("The States Parties to this Protocol", "Article 1").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ... import kinds
from ...models import DocumentMeta, SourceText

_STATUTE_PAGE = re.compile(r"dengan\s+rahmat\s+tuhan\s+yang\s+maha\s+esa|\bmenimbang\s*:|\bmengingat\s*:|"
                           r"^\W*penjelasan\s+atas\s+(?:undang|peraturan)|^\W*presiden\s+republik\s+indonesia\W*$",
                           re.I | re.M)
_TREATY_PAGE = re.compile(r"the\s+states\s+parties\s+to\s+this|have\s+agreed\s+as\s+follows|^\W*article\s+1\b|"
                          r"^\W*preamble\b|the\s+general\s+assembly\b.*proclaims", re.I | re.M)
_ACADEMIC = re.compile(r"\b(?:skripsi|tesis|thesis|disertasi|dissertation|abstra(?:k|ct)|kata\s+kunci|keywords|"
                       r"diajukan\s+untuk|program\s+studi|fakultas|universitas|university|doi\s*:|"
                       r"daftar\s+isi|bab\s+i\s+pendahuluan|et\s+al)\b", re.I)
_FIRST_PAGE_CHARS = 3000


def first_page(src: SourceText) -> str:
    if src.page_starts and len(src.page_starts) > 1:
        return src.text[:src.page_starts[1]]
    return src.text[:_FIRST_PAGE_CHARS]


def academic_first_page(src: SourceText) -> bool:
    """A cover, title page or article head (skripsi, abstract, university, DOI) with no statute preamble."""
    page = first_page(src)
    return bool(_ACADEMIC.search(page)) and not _STATUTE_PAGE.search(page)


def first_page_is_law(src: SourceText) -> bool:
    page = first_page(src)
    return not academic_first_page(src) and bool(_STATUTE_PAGE.search(page) or _TREATY_PAGE.search(page))


def _label(doc_id: str) -> str:
    m = re.match(r"([a-z]+)-(\d{4})\b", doc_id)   # "rahayu-2020-..." → "Rahayu 2020" (the manifest's style)
    return f"{m.group(1).capitalize()} {m.group(2)}" if m else doc_id


def classify_unlisted(guessed: DocumentMeta, src: SourceText, stem_id: str) -> DocumentMeta:
    """The guessed metadata of an unlisted file, made literature unless its first page is law.

    The manifest's guess (an instrument's heading and number at the top) stands unless the first
    page is academic: a statute's first page need not show its preamble (an excerpt, a Penjelasan)."""
    if not kinds.spec(guessed.kind).is_literature and (first_page_is_law(src) or not academic_first_page(src)):
        return guessed
    lit = next(k for k in kinds.names() if kinds.spec(k).is_literature)
    doc_id = guessed.id if kinds.spec(guessed.kind).is_literature else stem_id
    year = re.match(r"[a-z]+-(\d{4})\b", doc_id)
    return replace(guessed, id=doc_id, kind=lit, label=_label(doc_id), number=None,
                   year=int(year.group(1)) if year else None, amends=[],
                   notes=f"not in the manifest: literature (its first page is not a statute); id from {src.file}")
