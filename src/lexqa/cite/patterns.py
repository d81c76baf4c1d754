"""Provision patterns of the mention engine (`lexqa.cite.mentions`), one set per style.

* "typed": citations as people type them, any case: "Pasal 16(1)(b)", "Penjelasan Pasal 5",
  "Pasal I angka 2 Pasal 16", "Art. 3(a)", "section 4.2", raw ids "uu-6-2011/pasal-16".
* "corpus": as the corpus texts write them: "Pasal 16 ayat (1) huruf b", the amendment-law order
  "huruf b ayat (1) Pasal 16", and the relative "ayat (2)" / "huruf a" of the containing Pasal.
"""

from __future__ import annotations

import re

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
ROMAN = re.compile(r"^[IVX]+$")
