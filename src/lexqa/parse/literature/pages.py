"""Pages of a literature text, for pinpoint citations ("Purnomo et al. 2025, § 4.2, p. 7").

A page table is ``[(offset where the page begins, page label)]`` in text order:

* PDF: the loader's ``page_starts``; the label is the printed page number when the page shows
  one on a line of its own at its top or bottom ("7", "xii"), else the physical page (1-based);
* markdown: explicit markers (``<!-- page 7 -->``, a form feed) when the file has them, else the
  journal's running page headers (the repeated title + author line the conversion kept: each
  one opens a new printed page, the first page has none);
* no page table (a web page): pinpoints name the section only.
"""

from __future__ import annotations

import bisect
import re

from ...models import SourceText

PageTable = list[tuple[int, str]]

# the page table of each parsed text, so a pinpoint can name the page of any offset in it
# (Document keeps the texts, not the PDF loader's page starts)
_TABLES: dict[tuple[str, int], PageTable] = {}


def remember(file: str, text: str, table: PageTable) -> None:
    _TABLES[(file, hash(text))] = table


def table_for(file: str | None, text: str | None) -> PageTable:
    return _TABLES.get((file or "", hash(text)), []) if text is not None else []

_PRINTED = re.compile(r"^\s*(\d{1,4}|[ivxlcdm]{1,7})\s*$")
_MARKER = re.compile(r"<!--\s*page\s*[:=]?\s*(\w+)\s*-->|\[\s*page\s+(\w+)\s*\]", re.I)


def printed_number_line(line: str) -> bool:
    """A line that is only a page number ("7", "xii")."""
    return bool(_PRINTED.match(line))


def _page_lines(text: str, start: int, end: int) -> list[str]:
    return [ln.strip() for ln in text[start:end].split("\n") if ln.strip()]


def pdf_pages(src: SourceText) -> PageTable:
    starts = list(src.page_starts)
    cands: list[str | None] = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(src.text)
        ls = _page_lines(src.text, s, e)
        m = next((m for c in (ls[-1:] + ls[:1]) if (m := _PRINTED.match(c))), None)
        cands.append(m.group(1) if m else None)

    def num(k: int) -> int | None:
        c = cands[k] if 0 <= k < len(cands) else None
        return int(c) if c and c.isdigit() else None

    out: PageTable = []
    for k, s in enumerate(starts):
        c, n = cands[k], num(k)
        # a printed number counts when its neighbours continue it (a cover's "2025" is a year)
        ok = c is not None and (not c.isdigit() or len(starts) == 1 or (num(k - 1) is not None and num(k - 1) == n - 1)
                                or (num(k + 1) is not None and num(k + 1) == n + 1))
        out.append((s, c if ok and c else str(k + 1)))
    return out


def markdown_pages(text: str, header_starts: list[int]) -> PageTable:
    """Explicit page markers, else one page per running header (page 1 = before the first)."""
    marks = [(m.start(), m.group(1) or m.group(2)) for m in _MARKER.finditer(text)]
    if marks:
        lead = [(0, "1")] if text[:marks[0][0]].strip() else []
        return lead + marks
    if "\f" in text:
        offs = [0] + [m.end() for m in re.finditer("\f", text)]
        return [(o, str(i + 1)) for i, o in enumerate(offs)]
    if header_starts:
        return [(0, "1")] + [(o, str(i + 2)) for i, o in enumerate(sorted(header_starts))]
    return []


def page_at(table: PageTable, offset: int) -> str | None:
    if not table:
        return None
    i = bisect.bisect_right([o for o, _ in table], offset) - 1
    return table[max(i, 0)][1]


def page_range(table: PageTable, start: int, end: int) -> str | None:
    """"p. 7" or "pp. 7–8" for the text [start, end), None without pages."""
    a = page_at(table, start)
    b = page_at(table, max(start, end - 1))
    if a is None:
        return None
    return f"p. {a}" if a == b else f"pp. {a}–{b}"


_RANGE = re.compile(r"^pp?\.\s*(\w+)(?:\s*[–-]\s*(\w+))?$")


def first_page(pages: str | None) -> str | None:
    """"pp. 7–8" → "7"."""
    m = _RANGE.match(pages or "")
    return m.group(1) if m else None
