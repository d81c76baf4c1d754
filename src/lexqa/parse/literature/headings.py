"""Headings of reports, articles and theses: what opens a section, a chapter or the apparatus.

Markdown headings (``## 4.2 ...``) when the file has them, else heading lines of plain text
(PDF): "BAB II" (+ its title on the same or the next line), numbered "4.2 Title" whose number
continues the current chapter or section, "1. Title" continuing the top-level numbering,
"A. Title" continuing the lettering inside a chapter, and the named parts (Abstrak, Daftar Isi,
Daftar Pustaka, References, Lampiran, ...). A thesis's "BAB I PENDAHULUAN" is a chapter of the
thesis, never a statute's BAB: this parser runs only for literature documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# role of a named heading; "front"/"back" become front or back matter by position
_NAMED: list[tuple[re.Pattern[str], str]] = [(re.compile(rf"^(?:{rx})$", re.I), role) for rx, role in (
    (r"abstra(?:ct|k)|summary|ringkasan|intisari", "abstract"),
    (r"daftar\s+isi|table\s+of\s+contents|contents", "toc"),
    (r"references?|bibliography|daftar\s+pustaka|daftar\s+referensi|reference\s+list|works\s+cited|kepustakaan",
     "bibliography"),
    (r"kata\s+pengantar|preface|foreword|halaman\s+(?:judul|pengesahan|persetujuan)|lembar\s+(?:pengesahan|persetujuan)"
     r"|pernyataan\s+(?:keaslian|orisinalitas)(?:\s+\w+)*|daftar\s+(?:tabel|gambar|singkatan|lampiran)"
     r"|list\s+of\s+(?:tables|figures|abbreviations)|persembahan|motto", "front"),
    (r"lampiran(?:[\s\d:.-]+.*)?|appendix(?:[\s\w:.-]*)|appendices|riwayat\s+hidup(?:\s+\w+)*|biodata(?:\s+\w+)*",
     "back"),
    (r"acknowledge?ments?|ucapan\s+terima\s+kasih", "front-or-back"),
    (r"notes|endnotes|catatan(?:\s+(?:kaki|akhir))?", "notes"),
)]
_BACK_MATTER_LINE = re.compile(
    r"^\s*(\*\*)?(Author Contributions|Funding|Data Availability Statement|Acknowledg(?:e)?ments|"
    r"Conflicts? of Interest|Institutional Review Board Statement|Informed Consent Statement)\s*:(?(1)\*\*|)"
    r"|^\s*\*\*(Author Contributions|Funding|Data Availability Statement)\*\*\s*:", re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?(?=\s|$)\s*(.*)$")
_BAB = re.compile(r"^BAB\s+([IVXL]+|\d+)\b\.?\s*(.*)$")
_PLAIN_NUM = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.{1,158})$|^(\d+)\.\s+(\S.{1,118})$")
_LETTER = re.compile(r"^([A-H])\.\s+(\S.{1,118})$")
_TOC_ENTRY = re.compile(r"(?:\.\s?){4,}|…|\s(?:\d{1,4}|[ivxlc]{1,6})$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def plain(heading: str) -> str:
    """Heading text without markdown emphasis."""
    return re.sub(r"[*_`]+", "", heading).strip()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "untitled"


def roman(s: str) -> int:
    if s.isdigit():
        return int(s)
    vals = [_ROMAN[c] for c in s.upper()]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


@dataclass
class Head:
    off: int                  # offset of the heading line
    end: int                  # end of the heading (its last line)
    key: str                  # id tail: "4-2", "2", "2-a", "abstract", "references"
    depth: int
    heading: str
    role: str                 # "section" | "chapter" | "abstract" | "toc" | "bibliography" | "front" | "back"
    number: str | None = None  # "4.2", "II", "II.A"


def named_role(h: str) -> str | None:
    t = h.strip().rstrip(":").strip()
    for rx, role in _NAMED:
        if rx.match(t):
            return role
    return None


class _Numbering:
    """The numbering seen so far: what a plain-text heading number must continue."""

    def __init__(self) -> None:
        self.top: int | None = None          # current chapter / top-level section number
        self.chapter: int | None = None
        self.letter: str | None = None

    def classify(self, h: str) -> tuple[str, str, int, str] | None:
        """(role, key, depth, number) of a heading text, or None when it is not a heading."""
        b = _BAB.match(h)
        if b:
            n = roman(b.group(1))
            self.top = self.chapter = n
            self.letter = None
            return "chapter", str(n), 1, b.group(1)
        m = _NUMBER.match(h)
        if m and m.group(1):
            parts = m.group(1).split(".")
            if len(parts) == 1:
                self.top, self.letter = int(parts[0]), None
                if self.chapter is not None:
                    self.chapter = None
            return "section", "-".join(parts), len(parts), m.group(1)
        lm = _LETTER.match(h)
        if lm and self.chapter is not None:
            self.letter = lm.group(1)
            return "section", f"{self.chapter}-{lm.group(1).lower()}", 2, f"{self.chapter}.{lm.group(1)}"
        return None

    def plain_ok(self, line: str) -> bool:
        """Does a plain-text line continue the numbering as a heading would?"""
        if _BAB.match(line):
            return True
        m = _PLAIN_NUM.match(line)
        if m:
            title = m.group(2) or m.group(4)
            if not (title[:1].isupper() or title[:1].isdigit()) or title.rstrip()[-1:] in ".,;:":
                return False
            if m.group(1):
                first = int(m.group(1).split(".")[0])
                return first == self.top
            n = int(m.group(3))
            return (self.top is None and n == 1) or (self.top is not None and n == self.top + 1 and self.chapter is None)
        lm = _LETTER.match(line)
        if lm and self.chapter is not None:
            want = "A" if self.letter is None else chr(ord(self.letter) + 1)
            t = lm.group(2)
            return lm.group(1) == want and t[:1].isupper() and t.rstrip()[-1:] not in ".,;:"
        return False


def markdown_heads(lines: list[tuple[int, str]], skip: set[int], title: str | None) -> list[Head]:
    heads: list[Head] = []
    num = _Numbering()
    levels = [len(m.group(1)) for off, ln in lines if off not in skip and (m := _MD_HEADING.match(ln))
              and plain(m.group(2)) and plain(m.group(2)) != title]
    base = min(levels) if levels else 1
    for off, ln in lines:
        if off in skip:
            continue
        m = _MD_HEADING.match(ln)
        if m:
            h = plain(m.group(2))
            if not h or (title and h == title):
                continue
            head = _head(off, off + len(ln), h, num)
            if head.number is None and head.role == "section":
                head.depth = len(m.group(1)) - base + 1     # unnumbered: the markdown level says
            heads.append(head)
            continue
        if _BACK_MATTER_LINE.match(ln) and not any(x.key == "back-matter" for x in heads):
            heads.append(Head(off, off, "back-matter", 1, "Back matter (journal template)", "back"))
    return heads


def _head(off: int, end: int, h: str, num: _Numbering) -> Head:
    role = named_role(h)
    if role:
        return Head(off, end, slug(h), 1, h, role)
    c = num.classify(h)
    if c:
        r, key, depth, number = c
        return Head(off, end, key, depth, h, r, number)
    return Head(off, end, slug(h), 1, h, "section")


_SENT_END = re.compile(r"[.!?:;”\"’)\]]\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$|^(?:Table|Figure|Tabel|Gambar)\s+\d+")


def plain_heads(lines: list[tuple[int, str]], skip: set[int]) -> list[Head]:
    """Heading lines of a text without markdown headings (a PDF's text layer).

    A text with no numbered heading at all (a web page printed to PDF) has its unnumbered
    headings read from the layout: a short line without end punctuation between the end of a
    sentence and a capitalised line."""
    heads = _plain_heads(lines, skip, loose=False)
    if not any(h.role in ("section", "chapter") for h in heads):
        heads = _plain_heads(lines, skip, loose=True)
    return heads


def _loose_heading(lines: list[tuple[int, str]], i: int, skip: set[int], after_heading: int | None) -> bool:
    ln = lines[i][1].strip()
    if not (3 <= len(ln) <= 60) or not ln[:1].isupper() or _SENT_END.search(ln) or re.search(r"\d$|:", ln):
        return False
    prev = next((x for x in reversed(lines[:i]) if x[1].strip() and x[0] not in skip), None)
    nxt = next((x[1].strip() for x in lines[i + 1:] if x[1].strip() and x[0] not in skip), "")
    if prev is None or not nxt[:1].isupper() or len(nxt) <= len(ln):
        return False
    return prev[0] == after_heading or bool(_SENT_END.search(prev[1].strip()))


def _plain_heads(lines: list[tuple[int, str]], skip: set[int], loose: bool) -> list[Head]:
    heads: list[Head] = []
    num = _Numbering()
    in_toc = False
    i = 0
    while i < len(lines):
        off, raw = lines[i]
        ln = raw.strip()
        i += 1
        if off in skip or not ln or len(ln) > 160:
            continue
        if _BACK_MATTER_LINE.match(ln) and not any(x.key == "back-matter" for x in heads):
            heads.append(Head(off, off, "back-matter", 1, "Back matter (journal template)", "back"))
            continue
        role = named_role(ln)
        if in_toc and (_TOC_ENTRY.search(ln) or role is None and not num.plain_ok(ln)):
            continue   # a TOC line ("BAB I PENDAHULUAN ........ 1") is not the chapter
        if in_toc and role is None and _next_is_toc(lines, i, skip):
            continue
        if role is None and not num.plain_ok(ln) and not (
                loose and _loose_heading(lines, i - 1, skip, heads[-1].off if heads else None)):
            continue
        in_toc = role == "toc"
        end = off + len(raw)
        text = ln
        # a heading wrapped over two lines; "BAB II" with its title on the next line
        if i < len(lines) and lines[i][0] not in skip:
            nxt = lines[i][1].strip()
            if nxt and ((_BAB.match(ln) and not _BAB.match(ln).group(2) and nxt.isupper() and len(nxt) < 100)
                        or (role is None and not _BAB.match(ln) and nxt[:1].islower() and len(nxt) < 120
                            and nxt[-1:] not in ".,;:")):
                text = f"{ln} {nxt}"
                end = lines[i][0] + len(lines[i][1])
                i += 1
        heads.append(_head(off, end, text, num))
    return heads


def _next_is_toc(lines: list[tuple[int, str]], i: int, skip: set[int]) -> bool:
    """Inside a table of contents, a heading-like line whose next lines are TOC entries is one too."""
    for off, ln in lines[i:i + 2]:
        if off in skip or not ln.strip():
            continue
        return bool(_TOC_ENTRY.search(ln.strip()))
    return False
