"""Provision patterns of the mention engine (`lexqa.cite.mentions`), one set per style, each
pattern with the builder of its `Mention` and the rule for overlapping an earlier mention.

* "typed": citations as people type them, any case: "Pasal 16(1)(b)", "Penjelasan Pasal 5",
  "Pasal I angka 2 Pasal 16", "Art. 3(a)", "section 4.2", raw ids "uu-6-2011/pasal-16".
* "corpus": as the corpus texts write them: "Pasal 16 ayat (1) huruf b", the amendment-law order
  "huruf b ayat (1) Pasal 16", and the relative "ayat (2)" / "huruf a" of the containing Pasal.
"""

from __future__ import annotations

import re
from typing import Callable

from .refs import ROMAN, CitationRef, Mention

# --------------------------------------------------------------------------- typed

_SEP = r"\s*,?\s*"
_ID_NUM = r"\d+[A-Za-z]?(?![A-Za-z0-9])"
_ROMAN_NUM = r"(?-i:[IVX]+)(?![A-Za-z0-9])"
TYPED_PASAL = re.compile(
    r"(?P<pen>Penjelasan\s+(?:atas\s+)?)?(?<![\w])Pasal\s+(?P<pasal>" + _ID_NUM + "|" + _ROMAN_NUM + ")"
    r"(?:" + _SEP + r"(?:angka\s*\(?(?P<angka0>\d+)\)?(?![\w]))"  # Pasal I angka 2
    r"(?:\s+Pasal\s+(?P<inner>" + _ID_NUM + r"))?)?"              # ... Pasal 16 (amended article)
    r"(?:" + _SEP + r"(?:ayat\s*\(?\s*(?P<ayat>\d+)\s*\)?|\((?P<ayat2>\d+)\)))?"
    r"(?:" + _SEP + r"(?:huruf\s*\(?(?P<huruf>[a-z])\)?(?![\w])|\((?P<huruf2>[a-z])\)))?"
    r"(?:" + _SEP + r"(?:angka\s*\(?(?P<angka>\d+)\)?(?![\w])|\((?P<angka2>\d+)\)))?",
    re.I,
)
TYPED_ARTICLE = re.compile(
    r"(?<![\w])(?:Articles?|Art\.|Arts\.|Art(?=\s*\d))\s*(?P<art>\d+)(?![\d])"
    r"(?:\s*\((?P<para>\d+)\)|,?\s*(?:paragraph|para\.?)\s*(?P<para2>\d+))?"
    r"(?:\s*\((?P<sub>[a-z])\)|\s+(?P<sub2>[a-z])\)|,?\s*(?:subparagraph|sub-paragraph)\s*\(?(?P<sub3>[a-z])\)?)?",
    re.I,
)
RAW_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)+$")
TYPED_RAW_ID = re.compile(
    r"(?<![\w/.:-])(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)+|untoc|udhr)(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+(?![\w/-])"
)
TYPED_SECTION = re.compile(r"(?<![\w])(?:section|sect\.|§)\s*(?P<sec>\d+(?:\.\d+)*)(?![\d])", re.I)
# between a mention and the document named after it ("Article 3 of the Palermo Protocol")
TYPED_DOC_AFTER = re.compile(r"^\s*,?\s*(?:(?:of|in|from)\s+(?:the\s+)?|(?:dari|dalam|pada|di)\s+)?", re.I)
# between two items of a list ("Pasal 2 dan Pasal 3 UU 21/2007")
TYPED_LIST = re.compile(r"^\s*(?:,|dan|and|atau|or|serta|juncto|jo\.?|sampai\s+dengan|s\.d\.?|s/d|to|through|-|–)\s*(?:,\s*)?$", re.I)

# glued to a pinpoint without being part of it: "Article 3(zz)", "Pasal 16(1)(zz)", "Pasal 1_6", "Pasal 1⁶"
_JUNK = re.compile(r"\([^()\s]{1,12}\)|\w+")
# a Pasal/Article heading followed by no number anyone can read: "Pasal -1", "Pasal ⁵", "Article −3"
MALFORMED = re.compile(r"(?<![\w])(?:Pasal|Articles?|Art\.)[ \t]*(?P<bad>[-−–+][ \t]*\d[\w]*|[⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉]+\w*"
                       r"|\d+_\w*)", re.I)


def junk_after(text: str, end: int) -> str | None:
    """What is glued to a pinpoint that ends at `end` but is not read as part of it (None: nothing)."""
    m = _JUNK.match(text, end)
    return m.group(0) if m else None


# --------------------------------------------------------------------------- corpus

CORPUS_PASAL = re.compile(
    r"\bPasal\s+(?P<pasal>\d+[A-Z]?(?![\w])|[IVX]+\b)"
    r"(?:\s+angka\s+(?P<pangka>\d+))?"
    r"(?:\s+ayat\s*\((?P<ayat>\d+[a-z]?)\))?"
    r"(?:\s+huruf\s+(?P<huruf>[a-z]{1,2})\b)?"
    r"(?:\s+angka\s+(?P<angka>\d+))?"
)
# amendment-law order: "huruf b ayat (1) Pasal 16", "ayat (3) Pasal 64", "huruf e Pasal 126"
CORPUS_REVERSED = re.compile(
    r"\b(?:huruf\s+(?P<huruf>[a-z]{1,2})\s+)?(?:ayat\s*\((?P<ayat>\d+[a-z]?)\)\s+)?Pasal\s+(?P<pasal>\d+[A-Z]?)(?![\w])"
)
CORPUS_AYAT = re.compile(r"\bayat\s*\((?P<ayat>\d+[a-z]?)\)(?:\s+huruf\s+(?P<huruf>[a-z]{1,2})\b)?(?:\s+angka\s+(?P<angka>\d+))?")
CORPUS_HURUF = re.compile(r"\bhuruf\s+(?P<huruf>[a-z]{1,2})\b(?:\s+angka\s+(?P<angka>\d+))?")
CORPUS_ARTICLE = re.compile(
    r"\b[Aa]rt(?:icle|\.)\s+(?P<art>\d+)"
    r"(?:\s*\((?P<p1>\d+|[a-z])\))?(?:\s*\((?P<p2>[a-z]|[ivx]+)\))?"
    r"(?:,?\s+paragraph\s+(?P<para>\d+))?(?:,?\s+subparagraph\s+\(?(?P<sub>[a-z])\)?)?",
)
CORPUS_DOC_AFTER = re.compile(r"[\s,]*(?:dari|dalam|of|the|tentang)?[\s,]*(?:the\s+)?", re.I)
CORPUS_LIST = re.compile(r"^[\s,]*(?:dan|atau|serta|and|or|sampai dengan|s\.d\.)?[\s,]*$", re.I)


# --------------------------------------------------------------------------- builders

# a pattern, the builder of its mention (None: not a mention) and when an earlier mention blocks a match
Spec = tuple[re.Pattern[str], Callable[[re.Match], "Mention | None"], Callable[[int, int, re.Match], bool]]


def overlaps(s: int, e: int, m: re.Match) -> bool:
    return s < m.end() and m.start() < e


def starts_inside(s: int, e: int, m: re.Match) -> bool:
    return s <= m.start() < e


def _typed_pasal(m: re.Match) -> Mention:
    g = m.groupdict()
    huruf = g["huruf"] or g["huruf2"] or None
    ref = CitationRef(raw=m.group(0), system="pasal", pasal=g["pasal"], penjelasan=bool(g["pen"]),
                      ayat=g["ayat"] or g["ayat2"], huruf=huruf.lower() if huruf else None,
                      angka=g["angka0"] or g["angka"] or g["angka2"], inner_pasal=g["inner"])
    return Mention(ref, m.start(), m.end(), m.group(0))


def _typed_article(m: re.Match) -> Mention:
    g = m.groupdict()
    sub = g["sub"] or g["sub2"] or g["sub3"]
    ref = CitationRef(raw=m.group(0), system="article", pasal=g["art"], ayat=g["para"] or g["para2"],
                      huruf=sub.lower() if sub else None)
    return Mention(ref, m.start(), m.end(), m.group(0))


def _typed_section(m: re.Match) -> Mention:
    return Mention(CitationRef(raw=m.group(0), system="section", pasal=m.group("sec")), m.start(), m.end(), m.group(0))


def _typed_raw_id(m: re.Match) -> Mention:
    pid = m.group(0)
    ref = CitationRef(raw=pid, system="id", provision_id=pid, doc=pid.split("/", 1)[0])
    return Mention(ref, m.start(), m.end(), pid, doc_source="named")


TYPED: list[Spec] = [(TYPED_PASAL, _typed_pasal, overlaps), (TYPED_ARTICLE, _typed_article, starts_inside),
          (TYPED_SECTION, _typed_section, starts_inside), (TYPED_RAW_ID, _typed_raw_id, overlaps)]


def indo_path(pasal: str, ayat: str | None, huruf: str | None, angka: str | None) -> str:
    s = f"pasal-{pasal.lower()}"
    if ayat:
        s += f"/ayat-{ayat.lower()}"
    if huruf:
        s += f"/huruf-{huruf.lower()}"
    if angka:
        s += f"/angka-{angka}"
    return s


def treaty_path(art: str, parts: list[str]) -> str:
    return "/".join([f"article-{art}", *[p.lower() for p in parts if p]])


def _corpus_reversed(m: re.Match) -> Mention | None:
    if not (m.group("huruf") or m.group("ayat")):
        return None
    ref = CitationRef(raw=m.group(0), system="pasal", pasal=m.group("pasal"), ayat=m.group("ayat"), huruf=m.group("huruf"))
    return Mention(ref, m.start(), m.end(), m.group(0), path=indo_path(ref.pasal or "", ref.ayat, ref.huruf, None))


def _corpus_pasal(m: re.Match) -> Mention:
    pasal, pangka = m.group("pasal"), m.group("pangka")
    ref = CitationRef(raw=m.group(0), system="pasal", pasal=pasal, ayat=m.group("ayat"), huruf=m.group("huruf"),
                      angka=m.group("angka") or None)
    if ROMAN.match(pasal):
        ref.angka = pangka   # the point: "Pasal I angka 2"
        path = f"pasal-{pasal.lower()}" + (f"/angka-{pangka}" if pangka else "")
    else:
        if pangka and not ref.ayat:
            ref.angka = pangka
        path = indo_path(pasal, ref.ayat, ref.huruf, ref.angka)
    return Mention(ref, m.start(), m.end(), m.group(0), path=path)


def _corpus_article(m: re.Match) -> Mention:
    parts = [p for p in (m.group("p1"), m.group("p2"), m.group("para"), m.group("sub")) if p]
    ref = CitationRef(raw=m.group(0), system="article", pasal=m.group("art"),
                      ayat=next((p for p in parts if p.isdigit()), None),
                      huruf=next((p for p in parts if p.isalpha()), None))
    return Mention(ref, m.start(), m.end(), m.group(0), path=treaty_path(ref.pasal or "", parts))


CORPUS: list[Spec] = [(CORPUS_REVERSED, _corpus_reversed, overlaps), (CORPUS_PASAL, _corpus_pasal, overlaps),
           (CORPUS_ARTICLE, _corpus_article, overlaps)]
