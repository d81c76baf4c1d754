"""Citations as people write them → structured refs (`CitationRef`); pure, no corpus needed.

* ``parse_citation(s)``: one citation typed by a user ("UU 6/2011 Pasal 16 ayat (1) huruf b",
  "Pasal 16(1)(b) UU 6/2011", "Article 3(a) Palermo Protocol", a raw provision id, ...).
* ``find_citations(text, default_doc=None)``: every citation mention in free text
  (Indonesian or English) with its character span; a mention with no document named next
  to it takes the document of a neighbour in a list ("Pasal 2 dan Pasal 3 UU 21/2007") or
  ``default_doc``.
* ``doc_mentions(text)`` / ``doc_id_from_text(name)``: documents named by number
  (data/instruments.toml) or by a manifest alias.

Resolution against a corpus is `lexqa.cite.citation`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from ..instruments import alias_table, read_by

# --------------------------------------------------------------------------- documents

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


# --------------------------------------------------------------------------- provisions

_SEP = r"\s*,?\s*"
_ID_NUM = r"\d+[A-Za-z]?(?![A-Za-z0-9])"
_ROMAN_NUM = r"(?-i:[IVX]+)(?![A-Za-z0-9])"
_PASAL_RE = re.compile(
    r"(?P<pen>Penjelasan\s+(?:atas\s+)?)?(?<![\w])Pasal\s+(?P<pasal>" + _ID_NUM + "|" + _ROMAN_NUM + ")"
    r"(?:" + _SEP + r"(?:angka\s*\(?(?P<angka0>\d+)\)?(?![\w]))"  # Pasal I angka 2
    r"(?:\s+Pasal\s+(?P<inner>" + _ID_NUM + r"))?)?"              # ... Pasal 16 (amended article)
    r"(?:" + _SEP + r"(?:ayat\s*\(?\s*(?P<ayat>\d+)\s*\)?|\((?P<ayat2>\d+)\)))?"
    r"(?:" + _SEP + r"(?:huruf\s*\(?(?P<huruf>[a-z])\)?(?![\w])|\((?P<huruf2>[a-z])\)))?"
    r"(?:" + _SEP + r"(?:angka\s*\(?(?P<angka>\d+)\)?(?![\w])|\((?P<angka2>\d+)\)))?",
    re.I,
)
_ARTICLE_RE = re.compile(
    r"(?<![\w])(?:Articles?|Art\.|Arts\.|Art(?=\s*\d))\s*(?P<art>\d+)(?![\d])"
    r"(?:\s*\((?P<para>\d+)\)|,?\s*(?:paragraph|para\.?)\s*(?P<para2>\d+))?"
    r"(?:\s*\((?P<sub>[a-z])\)|\s+(?P<sub2>[a-z])\)|,?\s*(?:subparagraph|sub-paragraph)\s*\(?(?P<sub3>[a-z])\)?)?",
    re.I,
)
_RAW_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)+$")
_RAW_ID_IN_TEXT = re.compile(
    r"(?<![\w/.:-])(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)+|untoc|udhr)(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+(?![\w/-])"
)
_SECTION_RE = re.compile(r"(?<![\w])(?:section|sect\.|§)\s*(?P<sec>\d+(?:\.\d+)*)(?![\d])", re.I)
_PREP = re.compile(r"^\s*,?\s*(?:(?:of|in|from)\s+(?:the\s+)?|(?:dari|dalam|pada|di)\s+)?", re.I)
_JOIN = re.compile(r"^\s*(?:,|dan|and|atau|or|serta|juncto|jo\.?|sampai\s+dengan|s\.d\.?|s/d|to|through|-|–)\s*(?:,\s*)?$", re.I)


@dataclass
class CitationRef:
    """A parsed citation. Numbers are as written ("76A", "I"); `doc` is an id when the name implies one."""

    raw: str
    doc: str | None = None
    doc_text: str | None = None
    system: str | None = None        # "pasal" | "article" | "id" | None (document only)
    pasal: str | None = None         # Pasal / Article number; "I" for an amendment law's Pasal I
    ayat: str | None = None          # ayat / treaty paragraph
    huruf: str | None = None         # huruf / treaty subparagraph
    angka: str | None = None
    inner_pasal: str | None = None   # "Pasal I angka 2 Pasal 16": the amended article
    penjelasan: bool = False
    provision_id: str | None = None  # a raw provision id

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
            s = f"Article {self.pasal}"
            if self.ayat:
                s += f"({self.ayat})"
            if self.huruf:
                s += f"({self.huruf})"
            parts.append(s)
        elif self.pasal:
            parts.append(f"Pasal {self.pasal}")
            if self.angka and self.pasal.isalpha():
                parts.append(f"angka {self.angka}")
                if self.inner_pasal:
                    parts.append(f"Pasal {self.inner_pasal}")
            if self.ayat:
                parts.append(f"ayat ({self.ayat})")
            if self.huruf:
                parts.append(f"huruf {self.huruf}")
            if self.angka and not self.pasal.isalpha():
                parts.append(f"angka {self.angka}")
        return " ".join(parts)


@dataclass
class CitationMention:
    """One citation found in free text; `text[start:end]` is what was matched."""

    ref: CitationRef
    start: int
    end: int
    text: str
    doc_inferred: bool = False       # the document came from a neighbour or `default_doc`

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def doc_mentions(text: str, aliases: dict[str, str] | None = None) -> list[tuple[int, int, str, str | None]]:
    """Documents named in `text`: (start, end, text as written, implied doc id or None)."""
    rx = _doc_re(frozenset(_aliases(aliases).items()))
    out = []
    for m in rx.finditer(text):
        out.append((m.start(), m.end(), m.group(0), doc_id_from_text(m.group(0), aliases)))
    return out


def _ref_from_pasal(m: re.Match) -> CitationRef:
    g = m.groupdict()
    pasal = g["pasal"]
    ref = CitationRef(raw=m.group(0), system="pasal", pasal=pasal, penjelasan=bool(g["pen"]))
    ref.ayat = g["ayat"] or g["ayat2"]
    ref.huruf = (g["huruf"] or g["huruf2"] or None)
    ref.huruf = ref.huruf.lower() if ref.huruf else None
    ref.angka = g["angka0"] or g["angka"] or g["angka2"]
    ref.inner_pasal = g["inner"]
    return ref


def _ref_from_article(m: re.Match) -> CitationRef:
    g = m.groupdict()
    sub = g["sub"] or g["sub2"] or g["sub3"]
    return CitationRef(raw=m.group(0), system="article", pasal=g["art"], ayat=g["para"] or g["para2"],
                       huruf=sub.lower() if sub else None)


def find_citations(text: str, default_doc: str | None = None,
                   aliases: dict[str, str] | None = None) -> list[CitationMention]:
    """Every Pasal/Article citation in `text`, with spans, in text order.

    A document named right before ("UU 6/2011 Pasal 16") or right after ("Pasal 16 UU 6/2011",
    "Article 3 of the Palermo Protocol") is part of the mention. Without one, the mention takes
    the document of the next mention it is listed with ("Pasal 2 dan Pasal 3 UU 21/2007"), else
    `default_doc` (and `doc_inferred` is set).
    """
    docs = doc_mentions(text, aliases)
    raw: list[tuple[int, int, CitationRef]] = []
    for m in _PASAL_RE.finditer(text):
        raw.append((m.start(), m.end(), _ref_from_pasal(m)))
    for m in _ARTICLE_RE.finditer(text):
        if any(s <= m.start() < e for s, e, _ in raw):
            continue
        raw.append((m.start(), m.end(), _ref_from_article(m)))
    for m in _SECTION_RE.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in raw):
            raw.append((m.start(), m.end(), CitationRef(raw=m.group(0), system="section", pasal=m.group("sec"))))
    for m in _RAW_ID_IN_TEXT.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, _ in raw):
            pid = m.group(0)
            raw.append((m.start(), m.end(), CitationRef(raw=pid, system="id", provision_id=pid,
                                                        doc=pid.split("/", 1)[0])))
    raw.sort(key=lambda x: x[0])

    doc_starts = [d[0] for d in docs]
    docs_by_end = sorted(docs, key=lambda d: d[1])
    doc_ends = [d[1] for d in docs_by_end]
    mentions: list[CitationMention] = []
    claimed: set[int] = set()           # doc mentions already part of a citation
    for s, e, ref in raw:
        start, end = s, e
        if ref.system == "id":
            mentions.append(CitationMention(ref=ref, start=s, end=e, text=text[s:e]))
            continue
        # document right after: "Pasal 16 UU 6/2011", "Article 3 of the Palermo Protocol"
        k = bisect.bisect_left(doc_starts, e)
        after = docs[k] if k < len(docs) and len(text[e:docs[k][0]]) <= 12 and _PREP.fullmatch(
            text[e:docs[k][0]]) else None
        # document right before: "UU 6/2011 Pasal 16", "UNTOC Article 5"
        k = bisect.bisect_right(doc_ends, s) - 1
        before = None
        while k >= 0 and s - docs_by_end[k][1] <= 3:
            d = docs_by_end[k]
            if d[0] not in claimed and re.fullmatch(r"[\s,:]*", text[d[1]:s]):
                before = d
                break
            k -= 1
        chosen = None
        if before and (after is None or not text[before[1]:s].strip(" ")):
            chosen, start = before, before[0]
        elif after:
            chosen, end = after, after[1]
        if chosen:
            claimed.add(chosen[0])
            ref.doc_text = " ".join(chosen[2].split())
            ref.doc = chosen[3]
        ref.raw = text[start:end]
        mentions.append(CitationMention(ref=ref, start=start, end=end, text=text[start:end]))

    # a list "Pasal 2 dan Pasal 3 UU 21/2007" gives Pasal 2 the document of Pasal 3; then
    # "Pasal 16 UU 6/2011 dan Pasal 8" gives Pasal 8 the document of Pasal 16
    for i in range(len(mentions) - 2, -1, -1):
        cur, nxt = mentions[i], mentions[i + 1]
        if cur.ref.system == "id":
            continue
        if cur.ref.doc_text is None and nxt.ref.doc_text is not None and _JOIN.match(text[cur.end:nxt.start]):
            cur.ref.doc_text, cur.ref.doc = nxt.ref.doc_text, nxt.ref.doc
            cur.doc_inferred = True
    for i in range(1, len(mentions)):
        cur, prv = mentions[i], mentions[i - 1]
        if cur.ref.system != "id" and cur.ref.doc_text is None and prv.ref.doc_text is not None and _JOIN.match(text[prv.end:cur.start]):
            cur.ref.doc_text, cur.ref.doc = prv.ref.doc_text, prv.ref.doc
            cur.doc_inferred = True
    for mm in mentions:
        if mm.ref.system != "id" and mm.ref.doc_text is None and mm.ref.doc is None and default_doc:
            mm.ref.doc = default_doc
            mm.doc_inferred = True
    return mentions


def parse_citation(s: str, aliases: dict[str, str] | None = None) -> CitationRef:
    """Parse one citation. A string naming only a document gives a ref with `system=None`.

    Never raises: an unparseable string gives a ref with neither doc nor pasal (resolve
    then explains).
    """
    t = " ".join(s.split())
    if _RAW_ID.match(t.lower()):
        return CitationRef(raw=t, system="id", provision_id=t.lower(), doc=t.lower().split("/", 1)[0])
    ms = find_citations(t, aliases=aliases)
    if ms:
        m = max(ms, key=lambda x: (x.ref.doc is not None or x.ref.doc_text is not None, x.end - x.start))
        ref = m.ref
        ref.raw = t
        if ref.doc_text is None:
            # a document named anywhere else in the string ("UU 6/2011, Pasal 16")
            d = doc_mentions(t, aliases)
            if d:
                ref.doc_text, ref.doc = " ".join(d[0][2].split()), d[0][3]
            else:
                # whatever else was written names the document ("Purnomo 2025 section 4.2",
                # "UU Imigrasi Pasal 5"): resolve() matches it against the corpus or suggests
                rest = re.sub(r"^[\s,;:]*(?:(?:of|in|from)\s+(?:the\s+)?|dari\s+|dalam\s+)?|[\s,;:]*$", "",
                              (t[:m.start] + " " + t[m.end:]).strip())
                if rest and ref.system != "id":
                    ref.doc_text = rest
        return ref
    d = doc_mentions(t, aliases)
    if d:
        return CitationRef(raw=t, doc=d[0][3], doc_text=" ".join(d[0][2].split()))
    return CitationRef(raw=t, doc_text=t or None)
