"""Documents named in a text, for the two document readers of the mention engine:

* by name (``doc_mentions``, ``doc_id_from_text``; no corpus needed): "UU No. 6 Tahun 2011",
  "PP 48/2021", "Law Number 6 of 2011" (types from data/instruments.toml) or a manifest alias;
* as the corpus texts write them (``find_doc_mentions``): "Undang-Undang Nomor 21 Tahun 2007",
  "UU 6/2011", a document's label or text alias, "Undang-Undang ini" / "this Protocol" (the
  containing document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..instruments import alias_table, read_by, text_aliases_of
from .spans import SpanIndex

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
    doc: str | None     # doc id ("uu-21-2007"); may name a document not in the corpus
    known: bool         # in the corpus (read by name: the name implies an id)
    text: str
    is_self: bool = False


# --------------------------------------------------------------------------- by name

def _alias_pattern(aliases: dict[str, str]) -> str:
    names = sorted(aliases, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


@cache
def _generic_doc() -> str:
    """"UU No. 6 Tahun 2011", "PP 48/2021", "Law Number 6 of 2011" (types from data/instruments.toml)."""
    type_re = "|".join(f"(?:{t.names()})" for t in sorted(read_by("citation"), key=lambda t: -len(t.names())))
    return (
        rf"(?P<dtype>{type_re})\.?\s*(?:(?:RI|Republik\s+Indonesia)\s+)?"
        r"(?:(?:No\.?|Nomor|Number|Num\.?|Nr\.?)\s*)?(?P<num>\d{1,4})"
        r"(?:\s*/\s*|\s+Tahun\s+|\s+(?:of|Year)\s+(?:the\s+Year\s+)?)(?P<year>(?:19|20)\d{2})(?!\d)"
    )


def _aliases(extra: dict[str, str] | None) -> dict[str, str]:
    """The manifest's aliases (lower-cased name → doc id), plus a caller's own."""
    return {**alias_table(), **(extra or {})}


@cache
def _doc_re(aliases: frozenset[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_generic_doc()}|(?P<alias>{_alias_pattern(dict(aliases))}))(?![\w-])", re.I)


def doc_id_from_text(doc_text: str, aliases: dict[str, str] | None = None) -> str | None:
    """The document id a document name implies, without a corpus ("UU No. 6 Tahun 2011" → uu-6-2011)."""
    t = " ".join(doc_text.split())
    m = re.fullmatch(_generic_doc(), t, re.I)
    if m:
        dtype = m.group("dtype")
        prefix = next(it.id for it in read_by("citation") if re.fullmatch(it.names(), dtype, re.I))
        return f"{prefix}-{int(m.group('num'))}-{m.group('year')}"
    return _aliases(aliases).get(t.lower())


def doc_mentions(text: str, aliases: dict[str, str] | None = None) -> list[DocMention]:
    """Documents named in `text` by number or alias, with the id each name implies (or None)."""
    rx = _doc_re(frozenset(_aliases(aliases).items()))
    out = []
    for m in rx.finditer(text):
        doc = doc_id_from_text(m.group(0), aliases)
        out.append(DocMention(m.start(), m.end(), doc, doc is not None, m.group(0)))
    return out


# --------------------------------------------------------------------------- as the corpus writes them

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
    taken: SpanIndex[None] = SpanIndex()
    free = taken.free

    hint = bool(_doc_hint().search(text))
    for kind, pat in (_doc_patterns() if hint else []):
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            doc, known = _doc_id_for(corpus, kind, m.group(1), m.group(2))
            found.append(DocMention(m.start(), m.end(), doc, known, m.group(0)))
            taken.add(m.start(), m.end(), None)
    pat, names = _label_pattern(corpus)
    if pat is not None:
        for m in pat.finditer(text):
            if free(m.start(), m.end()):
                found.append(DocMention(m.start(), m.end(), names[m.group(0).casefold()], True, m.group(0)))
                taken.add(m.start(), m.end(), None)
    if not hint:
        found.sort(key=lambda d: d.start)
        return found
    for m in _SELF_DOC.finditer(text):
        if free(m.start(), m.end()):
            found.append(DocMention(m.start(), m.end(), "", True, m.group(0), is_self=True))
    found.sort(key=lambda d: d.start)
    return found
