"""Literature parser: journal articles, reports and theses (markdown or PDF) → provisions.

Academic structure is recognised and kept, verbatim, as provisions of their own kinds:

* ``{doc}/section-0`` (kind "front-matter"): title page, authors, dates, keywords before the
  first heading; an untitled opening of prose is ``{doc}/section-intro`` (a section);
* ``{doc}/section-abstract`` / ``section-abstrak`` (sections flagged "abstract");
* ``{doc}/section-daftar-isi`` (kind "toc"): its lines ("BAB I PENDAHULUAN ..... 1") never open
  chapters;
* chapters of a thesis, "BAB II TINJAUAN PUSTAKA" → ``{doc}/section-2`` (flag "chapter"), with
  "2.1" → ``section-2-1`` and "A." → ``section-2-a`` inside; numbered article sections
  "4.2" → ``section-4-2`` (parent ``section-4``); unnumbered headings get a slug;
* ``section-references`` / ``section-daftar-pustaka`` (kind "bibliography"), journal template
  boilerplate and appendices (kind "back-matter");
* footnotes ``{doc}/footnote-12`` (kind "footnote"), inside the section whose page carries them
  (PDF), or in the notes block ``{doc}/section-notes`` (kind "notes") of a markdown file.

Every provision's ``context["pages"]`` is "p. 7" / "pp. 7–8" when the source has pages
(`pages`). Running page headers are never headings; they stay in the text (quotes are verbatim)
and the sections holding them are flagged "running-header". Which of these kinds can be an
answer is `lexqa.kinds.APPARATUS_KINDS`.
"""

from __future__ import annotations

import re
from collections import Counter

from ...models import DocumentMeta, ParseIssue, Provision, SourceText
from ..spans import trim_span
from .headings import markdown_heads, named_role, plain, plain_heads
from .notes import Note, endnotes, markdown_notes, page_foot_notes
from .pages import PageTable, markdown_pages, page_range, pdf_pages, printed_number_line, remember

__all__ = ["parse_literature"]

_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_AUTHOR_HEADER = re.compile(r"^\s*[A-Z][\w.]*(?: [A-Z][\w.]*)+ \**et al\**\.?\s*$")
_PELICAN = re.compile(r"^(Title|Template|Slug|Date|Authors?|Category|Tags|Summary|PDF|Lang)\s*:\s*(.*)$")
_SENTENCE = re.compile(r"[a-z)\]”\"]\.\s+[A-Z]")
_KIND = {"section": "section", "chapter": "section", "abstract": "section", "toc": "toc",
         "bibliography": "bibliography", "front": "front-matter", "back": "back-matter", "notes": "notes"}


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _md_headers(lines: list[tuple[int, str]]) -> tuple[str | None, set[int], list[int]]:
    """The title (first level-1 heading), running-header line offsets and where each header begins."""
    title: str | None = None
    skip: set[int] = set()
    starts: list[int] = []
    for i, (off, ln) in enumerate(lines):
        m = re.match(r"^(#{1,6})\s*(.*?)\s*$", ln)
        if not m:
            continue
        h = plain(m.group(2))
        if title is None and m.group(1) == "#" and not named_role(h) and not re.match(r"BAB\s+[IVXL\d]+\b", h):
            title = h
            continue
        if title and (h.rstrip(". ") == title.rstrip(". ") or (len(h) > 60 and title.startswith(h[:60]))):
            skip.add(off)
            starts.append(off)
            for off2, ln2 in lines[i + 1:i + 4]:    # the author line under it
                if _AUTHOR_HEADER.match(ln2):
                    skip.add(off2)
    for off, ln in lines:
        if _AUTHOR_HEADER.match(ln):
            skip.add(off)
    return title, skip, starts


def _pdf_headers(text: str, page_starts: list[int]) -> set[int]:
    """Lines repeated at the top of several pages (running headers) and printed page numbers."""
    tops: list[list[tuple[int, str]]] = []
    skip: set[int] = set()
    for k, ps in enumerate(page_starts):
        pe = page_starts[k + 1] if k + 1 < len(page_starts) else len(text)
        rows, pos = [], ps
        for ln in text[ps:pe].split("\n"):
            if ln.strip():
                rows.append((pos, ln.strip()))
            pos += len(ln) + 1
        for off, ln in rows[:1] + rows[-1:]:
            if printed_number_line(ln):
                skip.add(off)
        tops.append([r for r in rows if r[0] not in skip][:4])
    seen = Counter(ln for rows in tops[1:] for _, ln in {r[1]: r for r in rows}.values())
    for rows in tops[1:]:
        for off, ln in rows:
            if seen[ln] >= 2:
                skip.add(off)
            else:
                break
    return skip


def _prose_start(text: str, lines: list[tuple[int, str]], end: int) -> int | None:
    """Where running prose begins before the first heading (a block of sentences), if it does."""
    block: list[tuple[int, str]] = []

    def prose(rows: list[tuple[int, str]]) -> bool:
        s = " ".join(r[1].strip() for r in rows)
        return len(s) >= 250 and len(_SENTENCE.findall(s)) >= 2 and sum(c.islower() for c in s) > len(s) / 2

    for off, ln in lines:
        if off >= end:
            break
        if ln.strip() and not _PELICAN.match(ln):
            block.append((off, ln))
            window = block[-4:]
            if prose(window):   # from the window's first full line (a title line above it is not prose)
                return next((o for o, t in window if len(t.strip()) >= 60), window[0][0])
        else:
            block = []
    return None


def parse_literature(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """Split a literature text into its academic parts (reading order); see the module docstring."""
    text, doc = src.text, meta.id
    lines = _lines(text)
    issues: list[ParseIssue] = []
    markdown = src.format != "pdf" and any(_MD_HEADING.match(ln) for _, ln in lines)
    if src.format == "pdf" and src.page_starts:
        title, skip, header_starts = None, _pdf_headers(text, src.page_starts), []
        pages: PageTable = pdf_pages(src)
    else:
        title, skip, header_starts = _md_headers(lines) if markdown else (None, set(), [])
        pages = markdown_pages(text, header_starts)
    remember(src.file, text, pages)
    if title is None:
        pel = next((m.group(2) for _, ln in lines[:10] if (m := _PELICAN.match(ln)) and m.group(1) == "Title"), None)
        title = pel or next((ln.strip() for _, ln in lines if ln.strip()), None)
    notes = markdown_notes(lines) if src.format != "pdf" else \
        page_foot_notes(text, [o for o, _ in pages] or [0], skip)
    in_notes = {off for off, _ in lines for n in notes if n.start <= off < n.end}
    heads = (markdown_heads(lines, skip | in_notes, title) if markdown
             else plain_heads(lines, skip | in_notes))
    notes_start = None
    if notes and src.format != "pdf" and (not heads or notes[0].start > heads[-1].off):
        notes_start = notes[0].start        # a markdown notes block after the last section

    provisions: list[Provision] = []

    def add(pid: str, kind: str, s: int, e: int, heading: str | None, **kw) -> Provision | None:
        s, e = trim_span(text, s, e)
        if e <= s:
            return None
        ctx = dict(kw.pop("context", {}))
        pr = page_range(pages, s, e)
        if pr:
            ctx["pages"] = pr
        p = Provision(id=pid, doc=doc, kind=kind, text=text[s:e], heading=heading, source_file=src.file,
                      start=s, end=e, context=ctx, **kw)
        provisions.append(p)
        return p

    first = heads[0].off if heads else (notes_start if notes_start is not None else len(text))
    prose = _prose_start(text, lines, first)
    if prose is None or prose > 0 and text[:prose].strip():
        add(f"{doc}/section-0", "front-matter", 0, prose if prose is not None else first, title or "Front matter",
            flags=["front-matter"])
    if prose is not None:
        add(f"{doc}/section-intro", "section", prose, first, "Introduction (untitled)", flags=["untitled"])

    body_seen = False
    used: set[str] = set()
    ids: list[str] = []
    chapters: dict[str, str] = {}
    for i, h in enumerate(heads):
        body_seen = body_seen or h.role in ("section", "chapter")
        end = next((h2.off for h2 in heads[i + 1:] if h2.depth <= h.depth or h.role not in ("section", "chapter")),
                   notes_start if notes_start is not None and notes_start > h.off else len(text))
        if notes_start is not None and h.off < notes_start < end:
            end = notes_start
        role = h.role if h.role != "front-or-back" else ("back" if body_seen else "front")
        if role == "front" and body_seen:
            role = "back"
        if role == "notes" and not markdown:
            more = endnotes(text, h.end, end, skip)
            notes.extend(x for x in more if all(x.number != y.number for y in notes))
        key = h.key
        if key in used:
            n = 2
            while f"{key}-{n}" in used:
                n += 1
            issues.append(ParseIssue(doc=doc, code="duplicate", message=f"section heading {h.heading!r} repeats",
                                     source_file=src.file, provision=f"{doc}/section-{key}", severity="info"))
            key = f"{key}-{n}"
        used.add(key)
        ids.append(f"{doc}/section-{key}")
        parent = None
        if h.depth > 1 and h.role in ("section", "chapter"):
            up = next((j for j in range(i - 1, -1, -1) if heads[j].depth < h.depth), None)
            if up is not None and heads[up].role in ("section", "chapter"):
                parent = ids[up]
        flags = {"chapter": ["chapter"], "abstract": ["abstract"], "bibliography": ["references"],
                 "back": ["back-matter"], "toc": ["toc"], "front": ["front-matter"], "notes": ["notes"]}.get(role, [])[:]
        own_end = next((h2.off for h2 in heads[i + 1:]), end)
        if any(h.off <= o < own_end for o in skip):
            flags.append("running-header")
        ctx = {}
        if role == "chapter":
            chapters[key] = h.heading
        elif parent and parent.rsplit("section-", 1)[-1].split("-")[0] in chapters:
            ctx["chapter"] = chapters[parent.rsplit("section-", 1)[-1].split("-")[0]]
        add(f"{doc}/section-{key}", _KIND[role], h.off, end, h.heading, parent=parent, flags=flags, context=ctx)

    if notes_start is not None:
        add(f"{doc}/section-notes", "notes", notes_start, notes[-1].end, "Notes", flags=["notes"])
    _add_notes(doc, notes, provisions, add)
    provisions.sort(key=lambda p: (p.start or 0, -(p.end or 0)))

    if skip and (header_starts or src.format == "pdf"):
        issues.append(ParseIssue(
            doc=doc, code="running-header", severity="info", source_file=src.file,
            message=f"{len(skip)} running page header / page number lines left in the text; "
                    f"sections flagged 'running-header'"))
    if not heads:
        issues.append(ParseIssue(doc=doc, code="no-sections", message="no headings found",
                                 source_file=src.file, severity="warning"))
    return provisions, issues


def _add_notes(doc: str, notes: list[Note], provisions: list[Provision], add) -> None:
    """Each footnote under the deepest provision whose text holds it."""
    spans = [(p.start or 0, p.end or 0, p.id) for p in provisions]
    seen: set[str] = set()
    for n in notes:
        holder = [s for s in spans if s[0] <= n.start and n.end <= s[1]]
        holder.sort(key=lambda s: s[1] - s[0])
        pid = f"{doc}/footnote-{n.number}"
        if pid in seen:
            continue
        seen.add(pid)
        add(pid, "footnote", n.start, n.end, f"n. {n.number}", parent=holder[0][2] if holder else None,
            flags=["footnote"])
