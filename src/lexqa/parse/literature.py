"""Literature parser: a journal article split into sections by its markdown headings.

Section ids follow the article's own numbering ("## 4.2 ..." → ``{doc}/section-4-2``,
parent ``{doc}/section-4``); unnumbered headings get a slug (``section-abstract``,
``section-references``); the front matter before the first section is ``section-0``.
Nothing is removed from the text (quotes stay verbatim), but sections are flagged:

* ``running-header``: the page header (the repeated title heading + "Randy Asmoro Dwi
  Purnomo et al") occurs inside the section; such a repeated title never opens a section.
* ``back-matter``: journal template boilerplate (Author Contributions, Funding, ...) — it
  gets its own section ``section-back-matter`` so the conclusions stay clean.
* ``references``: the reference list.
"""

from __future__ import annotations

import re

from ..models import DocumentMeta, ParseIssue, Provision, SourceText
from .spans import trim_span

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?(?=\s|$)\s*(.*)$")
_BACK_MATTER = re.compile(
    r"^\s*\*\*(Author Contributions|Funding|Data Availability Statement|Acknowledg(?:e)?ments|"
    r"Conflicts? of Interest|Institutional Review Board Statement|Informed Consent Statement)\s*:?\*\*",
    re.I,
)
_REFERENCES = re.compile(r"^(references|bibliography|daftar pustaka|reference list)$", re.I)


def _plain(heading: str) -> str:
    """Heading text without markdown emphasis."""
    return re.sub(r"[*_`]+", "", heading).strip()


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "untitled"


def parse_literature(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """Split a literature text into sections (reading order); flag header and back matter."""
    text = src.text
    doc = meta.id
    issues: list[ParseIssue] = []

    # lines with offsets
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)

    title: str | None = None
    header_lines: set[int] = set()     # line offsets that are running page headers
    # the paper title is the first level-1 heading; later copies of it are page headers
    for off, ln in lines:
        m = _HEADING.match(ln)
        if m and title is None and m.group(1) == "#":
            title = _plain(m.group(2))
            continue
        if m and title and _plain(m.group(2)).rstrip(". ") == title.rstrip(". "):
            header_lines.add(off)
        elif m and title and len(_plain(m.group(2))) > 60 and title.startswith(_plain(m.group(2))[:60]):
            header_lines.add(off)
    author_header = re.compile(r"^\s*[A-Z][\w.]*(?: [A-Z][\w.]*)+ \**et al\**\.?\s*$")

    # section starts: (offset, number tuple or None, heading text)
    starts: list[tuple[int, tuple[str, ...] | None, str, str]] = []   # (offset, key parts, heading, flag)
    used: set[str] = set()
    for off, ln in lines:
        if off in header_lines:
            continue
        m = _HEADING.match(ln)
        if m:
            h = _plain(m.group(2))
            if not h or (title and h == title):
                continue
            mn = _NUMBER.match(h)
            if mn:
                parts = tuple(mn.group(1).split("."))
                key = "-".join(parts)
            else:
                parts = None
                key = _slug(h)
            starts.append((off, parts, h, key))
            continue
        if _BACK_MATTER.match(ln) and not any(s[3] == "back-matter" for s in starts):
            starts.append((off, None, "Back matter (journal template)", "back-matter"))

    provisions: list[Provision] = []
    first = starts[0][0] if starts else len(text)
    s0, e0 = trim_span(text, 0, first)
    if e0 > s0:
        provisions.append(Provision(
            id=f"{doc}/section-0", doc=doc, kind="section", text=text[s0:e0],
            heading=title or "Front matter", source_file=src.file, start=s0, end=e0,
            flags=["front-matter"],
        ))

    def depth(parts: tuple[str, ...] | None) -> int:
        return len(parts) if parts else 1

    for i, (off, parts, h, key) in enumerate(starts):
        # a section ends where the next heading of the same or a shallower depth begins
        end = len(text)
        for off2, parts2, _h2, _k2 in starts[i + 1:]:
            if depth(parts2) <= depth(parts):
                end = off2
                break
        s, e = trim_span(text, off, end)
        pid = f"{doc}/section-{key}"
        if key in used:
            n = 2
            while f"{key}-{n}" in used:
                n += 1
            issues.append(ParseIssue(doc=doc, code="duplicate", message=f"section heading {h!r} repeats",
                                     source_file=src.file, provision=pid, severity="info"))
            key = f"{key}-{n}"
            pid = f"{doc}/section-{key}"
        used.add(key)
        parent = None
        if parts and len(parts) > 1:
            cand = f"{doc}/section-" + "-".join(parts[:-1])
            if any(p.id == cand for p in provisions):
                parent = cand
        flags: list[str] = []
        body = text[s:e]
        own_end = next((o for o, *_ in starts[i + 1:]), len(text))
        own = text[off:own_end]
        if any(off <= ho < own_end for ho in header_lines) or any(
            author_header.match(x) for x in own.splitlines()
        ):
            flags.append("running-header")
        if key == "back-matter":
            flags.append("back-matter")
        if _REFERENCES.match(h):
            flags.append("references")
        provisions.append(Provision(
            id=pid, doc=doc, kind="section", text=body, heading=h, parent=parent,
            source_file=src.file, start=s, end=e, flags=flags,
        ))
    n_hdr = len(header_lines)
    if n_hdr:
        issues.append(ParseIssue(
            doc=doc, code="running-header", severity="info", source_file=src.file,
            message=f"{n_hdr} running page headers (title + author line) left in the text; "
                    f"sections flagged 'running-header'",
        ))
    if not starts:
        issues.append(ParseIssue(doc=doc, code="no-sections", message="no markdown headings found",
                                 source_file=src.file, severity="warning"))
    return provisions, issues
