"""Footnotes of a literature text.

* markdown: definitions ``[^12]: text`` (continued by indented lines), wherever they stand;
  the marker in the body is ``[^12]``;
* PDF / plain text: a thesis prints its notes at the foot of each page, "12 Pasal 48 ..." or
  "¹² Pasal 48 ...". A foot line opens note N only when N continues the document's numbering
  and the page's body above it carries the marker (a superscript ¹², "[12]", or the digits
  glued to the word or punctuation before them, as PDF text layers give superscripts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pages import printed_number_line

_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MD_DEF = re.compile(r"^\[\^([\w-]+)\]:\s?")
_FOOT_LINE = re.compile(r"^\s*([0-9]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s+(?=\S)")


@dataclass
class Note:
    number: str
    start: int          # offset of the note's first character (its number)
    end: int
    body_start: int     # offset of the note text after its number


def markdown_notes(lines: list[tuple[int, str]]) -> list[Note]:
    """``[^n]:`` definitions with their indented continuation lines."""
    out: list[Note] = []
    cur: Note | None = None
    blank_run = 0
    for off, ln in lines:
        m = _MD_DEF.match(ln)
        if m:
            cur = Note(m.group(1), off, off + len(ln), off + m.end())
            out.append(cur)
            blank_run = 0
            continue
        if cur is None:
            continue
        if not ln.strip():
            blank_run += 1
            continue
        if ln[:1].isspace() and blank_run <= 1:     # indented continuation (loaders keep one space)
            cur.end = off + len(ln)
            blank_run = 0
            continue
        cur, blank_run = None, 0
    return out


def _has_marker(body: str, n: str) -> bool:
    sup = n.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    if re.search(rf"(?<![⁰¹²³⁴⁵⁶⁷⁸⁹]){sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])", body):
        return True
    if re.search(rf"\[\^?{n}\]", body):
        return True
    return bool(re.search(rf"(?<=[A-Za-z.,;:)\"”’'])\s?{n}(?!\d)(?=\s|$)", body))


def page_foot_notes(text: str, page_starts: list[int], skip: set[int]) -> list[Note]:
    """Notes at the foot of each page; `skip` are line offsets that are page furniture."""
    out: list[Note] = []
    last = 0
    for k, ps in enumerate(page_starts):
        pe = page_starts[k + 1] if k + 1 < len(page_starts) else len(text)
        lines: list[tuple[int, str]] = []
        pos = ps
        for ln in text[ps:pe].split("\n"):
            if ln.strip() and pos not in skip:
                lines.append((pos, ln))
            pos += len(ln) + 1
        if lines and printed_number_line(lines[-1][1]):
            lines = lines[:-1]       # the printed page number closes the page, not the last note
        cur: Note | None = None
        for i, (off, ln) in enumerate(lines):
            m = _FOOT_LINE.match(ln)
            n = m.group(1).translate(_SUP) if m else None
            first = last == 0 and cur is None and int(n or 0) > 0    # numbering may start anywhere (n. 153)
            if n is not None and (int(n) == last + 1 or first) and (cur is not None or (
                    i >= len(lines) // 3 and _has_marker(text[ps:off], n))):
                cur = Note(str(int(n)), off, off + len(ln.rstrip()), off + m.end())
                out.append(cur)
                last = int(n)
            elif cur is not None:
                cur.end = off + len(ln.rstrip())
    return out


def marker_positions(text: str, number: str, markdown: bool) -> list[int]:
    """Where the body cites note `number`."""
    if markdown:
        return [m.start() for m in re.finditer(rf"\[\^{re.escape(number)}\](?!:)", text)]
    sup = number.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return [m.start() for m in re.finditer(rf"(?<![⁰¹²³⁴⁵⁶⁷⁸⁹]){sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])|(?<=[A-Za-z.,;:)\"”’]){number}(?!\d)",
                                           text)]


def endnotes(text: str, start: int, end: int, skip: set[int]) -> list[Note]:
    """Numbered notes under a "Notes" heading of a plain text: "153 News: ...", continued by unnumbered lines."""
    out: list[Note] = []
    pos = start
    for ln in text[start:end].split("\n"):
        m = _FOOT_LINE.match(ln)
        n = m.group(1).translate(_SUP) if m else None
        if pos in skip or not ln.strip():
            pass
        elif n is not None and (not out or int(n) == int(out[-1].number) + 1):
            out.append(Note(str(int(n)), pos, pos + len(ln.rstrip()), pos + m.end()))
        elif out:
            out[-1].end = pos + len(ln.rstrip())
        pos += len(ln) + 1
    return out
