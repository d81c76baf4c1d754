"""Source spans: the one span trimmer and the one page-furniture detector of all parsers.

Every provision's text is an exact slice ``src.text[start:end]``, so nothing is ever cut out
of a text: whitespace and page furniture (running headers/footers, page numbers, registry
stamps, page-turn catchwords) are excluded from a provision by moving its offsets.

Furniture is recognised by line. The rules come in three documented sets because the texts
they see differ, and each set is tuned to its corpus files (changing one re-cuts provisions):

* `is_page_furniture` — the PDF loader on raw extracted pages (strict: it deletes lines);
* `is_furniture_line` — the structure parsers on loaded text (what the loader left behind);
* `is_ocr_furniture_line` — the amendment parser on OCR-damaged amending laws (fuzzier:
  headers glued into lines, stray digit lines from lost point numbers).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from difflib import SequenceMatcher
from typing import Callable, Protocol

# ----------------------------------------------------------------------------- trimming

#: Edge characters of Indonesian regulation texts: whitespace plus markdown underscores.
REGULATION_EDGE = " \t\r\n_\u00a0"


class Furniture(Protocol):
    def skip(self, text: str, start: int, end: int) -> tuple[int, int]:
        """[start, end) moved inwards past furniture at its edges (unchanged when there is none)."""


def trim_span(text: str, start: int, end: int, *, edge: str | None = None,
              furniture: Furniture | None = None) -> tuple[int, int]:
    """Shrink [start, end) of `text` past edge characters and page furniture at both ends.

    `edge` is the set of characters to skip (None: any whitespace); `furniture`, when given,
    moves the edges past furniture lines too, repeatedly, until neither edge moves.
    """
    while True:
        while start < end and (text[start].isspace() if edge is None else text[start] in edge):
            start += 1
        while end > start and (text[end - 1].isspace() if edge is None else text[end - 1] in edge):
            end -= 1
        if start >= end or furniture is None:
            return start, end
        moved = furniture.skip(text, start, end)
        if moved == (start, end):
            return start, end
        start, end = moved


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the line of `text` that contains `pos` (end excludes the newline)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


class FurnitureLines:
    """Furniture found by testing the whole lines at a span's edges (the structure parsers)."""

    def __init__(self, is_line: Callable[[str], bool], edge: str = REGULATION_EDGE) -> None:
        self.is_line, self.edge = is_line, edge

    def skip(self, text: str, s: int, e: int) -> tuple[int, int]:
        a, b = line_bounds(text, s)
        if a == s or not text[a:s].strip(self.edge):
            line_end = min(b, e)
            if line_end < e and self.is_line(text[s:line_end]):
                s = line_end
        a, b = line_bounds(text, e - 1)
        if b >= e and not text[e:b].strip(self.edge):
            line_start = max(a, s)
            if line_start > s and self.is_line(text[line_start:e]):
                e = line_start
        return s, e


class FurnitureSpans:
    """The furniture lines of a whole text, found once (the amendment parser)."""

    def __init__(self, text: str, is_line: Callable[[str], bool]) -> None:
        self.spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if is_line(m.group())]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.spans, (start, -1))
        return i < len(self.spans) and self.spans[i][0] < end

    def end_at(self, pos: int) -> int | None:
        """End of the furniture line that starts at `pos`, if one does."""
        return next((fe for fs, fe in self.spans if fs == pos), None)

    def skip(self, text: str, start: int, end: int) -> tuple[int, int]:
        for fs, fe in self.spans:
            if fs <= start < fe and fe <= end:
                start = fe
            if fs < end <= fe and fs >= start:
                end = fs
        return start, end


# ----------------------------------------------------------------------------- letterheads

#: The running letterhead of Indonesian statute pages, garbled differently by each OCR layer.
LETTERHEAD_WORDS = ("PRESIDEN", "REPUBLIK INDONESIA", "PRESIDEN REPUBLIK INDONESIA")


def _looks_like(s: str, words: tuple[str, ...], ratio: float) -> bool:
    return any(SequenceMatcher(None, s, w).ratio() >= ratio for w in words)


# ----------------------------------------------------------------------------- PDF pages

_LETTERHEAD_LETTERS = tuple(w.replace(" ", "") for w in LETTERHEAD_WORDS)
_HEAD_GOVERNOR = re.compile(r"^\s*GUBERNUR\s+DAERAH\s+ISTIMEWA\s+YOGYAKARTA\s*$", re.I)
# page numbers: "- 3 -", "-  2  -", "-598-", "2020, No.376 -2-", "- 3 - "
_PAGE_NO = re.compile(r"^\s*(?:\d{4},\s*No\.\s*\d+\s*)?[-–]\s*\d{1,4}\s*[-–]\s*$")
_SK_NO = re.compile(r"^\s*SK\s*No\.?\s*\d{3,}\s*[A-Z]?\s*$", re.I)
_WEB_FOOTER = re.compile(r"^\s*(?:www\.peraturan\.go\.id|www\.djpp\.(?:depkumham|kemenkumham)\.go\.id)\s*$", re.I)
_ESIGN = re.compile(r"^\s*(?:D\s?okumen ini (?:telah )?ditandatangani secara elektronik|yang diterbitkan oleh Balai "
                    r"Sertifikasi|yang diterbitkan oleh Balai Serti\w* Elektronik)", re.I)
# catchword at the end of a page: short line ending in "..." or ". . ." or "…"
_CATCHWORD = re.compile(r"^\s*\S.{0,60}?\s*(?:\.\s*\.\s*\.|…)\s*$")


def _is_letterhead(line: str) -> bool:
    if line.rstrip().endswith(","):  # "PRESIDEN REPUBLIK INDONESIA," opens the preamble: content
        return False
    # compared letters-only: the OCR layers split and garble it ("PRES I DEN", "REPUBUK INDONESIA")
    letters = re.sub(r"[^A-Za-z]", "", line).upper()
    return 6 <= len(letters) <= 30 and _looks_like(letters, _LETTERHEAD_LETTERS, 0.8)


def is_page_furniture(line: str, where: str, first_page: bool = False) -> bool:
    """A stripped, non-empty line of a raw PDF page that is furniture at `where` on the page.

    "top": letterhead, page number, stamp among the first lines; "any": stamps, web and
    e-signature footers, lone page numbers anywhere; "bottom": the catchword of the last line.
    """
    if where == "top":
        return bool(_is_letterhead(line) or _PAGE_NO.match(line) or _SK_NO.match(line)
                    or (not first_page and _HEAD_GOVERNOR.match(line)) or line.upper() == "SALINAN")
    if where == "any":
        return bool(_SK_NO.match(line) or _WEB_FOOTER.match(line) or _ESIGN.match(line) or _PAGE_NO.match(line)
                    or line.upper() == "SALINAN")
    return bool(_CATCHWORD.match(line)) and len(line) <= 70


# ----------------------------------------------------------------------------- loaded text

# Running page headers/footers left inside some texts (UU 63/2024): they cannot be cut out
# (text must stay verbatim), so they are skipped at provision edges and flagged inside.
_FURNITURE_RE = re.compile(
    r"""^[ \t]*(?:
        -[ \t]*\d{1,3}[ \t]*-                                  # page number "-3-", "-7 -"
      | SK[ \t]*No\.?[ \t]*[\dlIO][\w.]{2,}[ \t]*[A-Z]?          # "SK No 243502 A", OCR'd "SK No 16176lA"
      | P\S{0,3}[EI]SIDEN                                       # "PRESIDEN", "PITESIDEN", "PR.ESIDEN"
      | RE\S{2,8}[ \t]+\S{0,2}N[DO]{1,2}NES[A-Z]{0,3}\.?        # "REPUBUK INDONESIA", "REPUBLIK INOONESIA"
      | (?:\S{1,15}[ \t]){0,2}\S{0,15}[ \t]?(?:\.[ \t]?\.[ \t]?\.|…)   # catchword "Dengan . . .", "2.Ketentuan..."
      | Agar | \d{1,3}                                        # bare catchword / page number
    )[ \t]*$""",
    re.X,
)


def is_furniture_line(line: str) -> bool:
    """A running page header/footer or page-turn catchword, not content."""
    return bool(_FURNITURE_RE.match(line))


#: Trimming of regulation texts: whitespace, underscores and whole furniture lines.
REGULATION_FURNITURE = FurnitureLines(is_furniture_line)


def trim_regulation(text: str, s: int, e: int) -> tuple[int, int]:
    """Move s/e inwards past whitespace, markdown underscores and whole furniture lines."""
    s, e = trim_span(text, s, e, edge=REGULATION_EDGE, furniture=REGULATION_FURNITURE)
    return s, max(s, e)  # an inverted span collapses to its start


def has_inner_furniture(text: str) -> bool:
    """A furniture line strictly inside `text` (not its first or last line)."""
    lines = text.split("\n")
    return any(is_furniture_line(ln) and ln.strip() for ln in lines[1:-1])


# ----------------------------------------------------------------------------- amending laws

_OCR_FURNITURE = [
    re.compile(r"SK\s*No\.?\s*\S.{0,20}"),                 # "SK No 243502 A" footers
    re.compile(r"-\s?\d{1,4}\s?-"),                         # "-3-", "-7 -" page numbers
    re.compile(r".{1,40}?(?:\.\s?){3}"),                     # "2.Ketentuan...", "Pasal63..."
    re.compile(r"[^\s.]{1,25}\s?\.\s\.\s?"),                # "22. Pernyataan . ."
    re.compile(r"\d{1,2}"),                                  # stray digit lines (lost point numbers)
]


def is_ocr_furniture_line(line: str) -> bool:
    """The amendment parser's furniture test: glued catchwords, stray digits, fuzzy headers."""
    s = line.strip()
    if not s:
        return False
    if any(pat.fullmatch(s) for pat in _OCR_FURNITURE):
        return True
    return len(s) <= 30 and s.upper() == s and any(c.isalpha() for c in s) and \
        _looks_like(s, LETTERHEAD_WORDS, 0.7)
