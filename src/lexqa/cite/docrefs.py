"""Documents named in a text, as the cross-reference finder reads them: "Undang-Undang Nomor 21
Tahun 2007", "UU 6/2011" (types from data/instruments.toml), a document's label or text alias
(the manifest), "Undang-Undang ini" / "this Protocol" (the containing document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..instruments import read_by, text_aliases_of

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

def _doc_pattern(names: str, number: str) -> re.Pattern[str]:
    return re.compile(f"(?:{names}){number}", re.I)


_NOMOR_TAHUN = r"\s+(?:Republik\s+Indonesia\s+)?(?:Nomor|No\.?)\s*(\d+)\s+Tahun\s+(\d{4})"
_SLASH = r"\s+(?:No\.?\s*)?(\d+)\s*/\s*(\d{4})\b"


@cache
def _doc_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Per instrument type (data/instruments.toml, in file order: Perppu before UU and PP):
    "Undang-Undang Nomor 6 Tahun 2011" / "UU No. 6 Tahun 2011", then "UU 6/2011"."""
    out = []
    for t in read_by("xref"):
        out.append((t.id, _doc_pattern(rf"{t.name}|\b{t.abbrev}", _NOMOR_TAHUN)))
        if t.slash_in_texts:
            out.append((t.id, _doc_pattern(rf"\b{t.abbrev}", _SLASH)))
    return out


_SELF_DOC = re.compile(r"(?:Undang-?\s?Undang|Peraturan\s+Pemerintah|Peraturan\s+Daerah|Protocol|Convention)\s+ini\b|\bthis\s+(?:Protocol|Convention|Declaration)\b", re.I)


@dataclass
class DocMention:
    start: int
    end: int
    doc: str            # doc id ("uu-21-2007"); may name a document not in the corpus
    known: bool         # in the corpus
    text: str
    is_self: bool = False


def _doc_id_for(corpus: "Corpus", kind: str, number: str, year: str) -> tuple[str, bool]:
    cand = f"{kind}-{int(number)}-{year}"
    if cand in corpus.documents:
        return cand, True
    for d in corpus.documents.values():
        m = d.meta
        if m.number and str(m.number).lstrip("0") == str(int(number)) and m.year == int(year) and m.id.startswith(kind + "-"):
            return m.id, True
    return cand, False


@cache
def _slash_label() -> re.Pattern[str]:
    """A label the generic "UU 6/2011" patterns already find."""
    labels = "|".join(re.escape(t.label) for t in read_by("xref") if t.slash_in_texts)
    return re.compile(rf"^(?:{labels})\s+\d+/\d{{4}}$")


def _label_pattern(corpus: "Corpus") -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One alternation over every document label/alias (longest first) and a name → doc map."""
    cached = getattr(corpus, "_lexqa_label_pattern", None)
    if cached is not None and cached[2] == len(corpus.documents):
        return cached[0], cached[1]
    names: dict[str, str] = {}
    for d in corpus.documents.values():
        for name in {d.meta.label, *text_aliases_of(d.meta)}:
            if _slash_label().match(name):
                continue  # covered by the generic patterns
            names.setdefault(name.casefold(), d.id)
    pat = None
    if names:
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pat = re.compile(r"(?<!\w)(?:" + alts + r")(?!\w)", re.I)
    try:
        corpus._lexqa_label_pattern = (pat, names, len(corpus.documents))  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover
        pass
    return pat, names


@cache
def _doc_hint() -> re.Pattern[str]:
    """Cheap pre-check: no type name, "ini" or "this" in the text, no generic or self mention."""
    return re.compile("|".join([*(f"{t.name}|{t.abbrev}" for t in read_by("xref")), r"\bini\b", "this"]), re.I)


def find_doc_mentions(text: str, corpus: "Corpus") -> list[DocMention]:
    found: list[DocMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    hint = bool(_doc_hint().search(text))
    for kind, pat in (_doc_patterns() if hint else []):
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            doc, known = _doc_id_for(corpus, kind, m.group(1), m.group(2))
            found.append(DocMention(m.start(), m.end(), doc, known, m.group(0)))
            taken.append((m.start(), m.end()))
    pat, names = _label_pattern(corpus)
    if pat is not None:
        for m in pat.finditer(text):
            if free(m.start(), m.end()):
                found.append(DocMention(m.start(), m.end(), names[m.group(0).casefold()], True, m.group(0)))
                taken.append((m.start(), m.end()))
    if not hint:
        found.sort(key=lambda d: d.start)
        return found
    for m in _SELF_DOC.finditer(text):
        if free(m.start(), m.end()):
            found.append(DocMention(m.start(), m.end(), "", True, m.group(0), is_self=True))
    found.sort(key=lambda d: d.start)
    return found
