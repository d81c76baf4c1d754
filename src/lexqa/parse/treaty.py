"""Treaty / declaration parser: preamble, Article N, numbered paragraphs, lettered subparagraphs.

Input is the normalised text of the Dutch treaty database conversions (statengeneraal/
laws-markdown): a Dutch title heading, the English title, "Preamble ..." as one long
line, chapter headings ("###I" + "####General Provisions"), "### Article  3" + a title
heading ("####Use of terms"), paragraphs "1.   ...", subparagraphs "a) ..." or "(a) ...",
roman items "(i) ..." (kept as text of their subparagraph). The same database appends
Dutch material (title, "Treedt in werking ..." lines, in some files a Dutch translation);
only the English text becomes provisions.

Provision text is a verbatim slice ``src.text[start:end]``; an Article's text is its body
(heading and title are in `heading`), a paragraph's text starts at its "1." marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import DocumentMeta, ParseIssue, Provision, SourceText
from .spans import trim_span

_ARTICLE = re.compile(r"^#{0,6}\s*Article\s+(\d+[A-Za-z]?)\s*$", re.I)
_DUTCH_ARTICLE = re.compile(r"^#{0,6}\s*(Artikel|Hoofdstuk|Afdeling)\s+\S+\s*$", re.I)
_CHAPTER = re.compile(r"^#{1,6}\s*(?:Chapter\s+)?([IVXLC]+)\s*$")
_HEADING = re.compile(r"^#{1,6}\s*(.*?)\s*$")
_PREAMBLE = re.compile(r"^\s*(?:Preamble|Preambule)(?=[A-Z\s:.]|$)[\s:.]*")
_PARA = re.compile(r"^\s*(\d{1,2})\.\s+")
_LETTER = re.compile(r"^\s*(\()?([a-z])\)\s*")
_ROMAN = re.compile(r"^\s*\(?([ivx]+)\)")
_TREEDT = re.compile(r"^\s*Treedt in werking op een nader te bepalen tijdstip\s*$", re.I)
_CLOSING = re.compile(r"^\s*(IN WITNESS WHEREOF|DONE at)\b")

_DUTCH_WORDS = {
    "de", "het", "van", "een", "en", "voor", "tot", "ter", "inzake", "op", "worden", "wordt", "zijn",
    "dit", "deze", "die", "met", "naar", "bij", "verdrag", "artikel", "tegen", "verklaring", "mens",
    "rechten", "verenigde", "naties", "aanvulling", "bijzonder", "over", "zee", "door", "lucht",
}
_ENGLISH_WORDS = {
    "the", "of", "and", "to", "in", "for", "this", "shall", "be", "on", "with", "by", "against",
    "rights", "human", "persons", "united", "nations", "protocol", "convention", "article",
}


def is_dutch(line: str) -> bool:
    """Rough language test for one line: more Dutch function words than English ones."""
    words = re.findall(r"[a-zà-ÿ]+", line.lower())
    nl = sum(w in _DUTCH_WORDS for w in words)
    en = sum(w in _ENGLISH_WORDS for w in words)
    return nl >= 2 and nl > en


@dataclass
class _Line:
    start: int
    end: int          # end of content (without newline)
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(content), content))
        pos += len(raw)
    return out


def _next_letter(c: str | None) -> str:
    return "a" if c is None else chr(ord(c) + 1)


def parse_treaty(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """Parse a treaty/declaration text into provisions in reading order, plus issues."""
    text = src.text
    doc = meta.id
    lines = _lines(text)
    issues: list[ParseIssue] = []

    def issue(code: str, msg: str, prov: str | None = None, severity: str = "warning") -> None:
        issues.append(ParseIssue(doc=doc, code=code, message=msg, source_file=src.file,
                                 provision=prov, severity=severity))

    # --- where does the English text stop? (a Dutch translation may follow)
    english_end = len(text)
    seen_article = False
    for ln in lines:
        s = ln.text.strip()
        if _ARTICLE.match(s):
            seen_article = True
            continue
        if not seen_article or not s:
            continue
        if _DUTCH_ARTICLE.match(s) or (s.startswith("#") and is_dutch(s)):
            english_end = ln.start
            issue("dutch-skipped", f"Dutch text from offset {ln.start} not indexed (English text only)",
                  severity="info")
            break

    provisions: list[Provision] = []
    chapter: str | None = None
    # first pass: units (preamble / article / closing / chapter boundary / plain line) with offsets
    units: list[dict] = []
    i = 0
    n = len(lines)
    while i < n and lines[i].start < english_end:
        ln = lines[i]
        s = ln.text.strip()
        m_art = _ARTICLE.match(s)
        m_ch = _CHAPTER.match(s)
        if m_art:
            num = m_art.group(1)
            # title heading lines right after the Article heading; skip Dutch "Treedt" lines
            j = i + 1
            title = None
            while j < n and lines[j].start < english_end:
                t = lines[j].text.strip()
                if not t or _TREEDT.match(t):
                    j += 1
                    continue
                if t.startswith("#") and not _ARTICLE.match(t) and not _CHAPTER.match(t):
                    title = _HEADING.match(t).group(1)
                    j += 1
                    continue
                break
            body_start = lines[j].start if j < n else len(text)
            units.append(dict(kind="article", key=num, start=body_start, head_start=ln.start,
                              heading=f"Article {num}" + (f" — {title}" if title else ""),
                              context={"chapter": chapter} if chapter else {}))
            i = j
            continue
        if m_ch:
            roman = m_ch.group(1)
            j = i + 1
            title = None
            while j < n and not lines[j].text.strip():
                j += 1
            if j < n and lines[j].text.strip().startswith("#") and not _ARTICLE.match(lines[j].text.strip()):
                title = _HEADING.match(lines[j].text.strip()).group(1)
                j += 1
            chapter = f"Chapter {roman}" + (f". {title}" if title else "")
            units.append(dict(kind="boundary", start=ln.start))
            i = j
            continue
        m_pre = _PREAMBLE.match(ln.text)
        if m_pre and not any(u["kind"] == "article" for u in units):
            units.append(dict(kind="preamble", key=None, start=ln.start + m_pre.end(), head_start=ln.start,
                              heading="Preamble", context={}))
            i += 1
            continue
        if s.startswith("#") and not units:
            i += 1   # title headings before the text
            continue
        if _CLOSING.match(s) and any(u["kind"] == "article" for u in units):
            units.append(dict(kind="closing", key=None, start=ln.start, head_start=ln.start,
                              heading="Closing formula", context={}))
            i += 1
            continue
        units.append(dict(kind="line", start=ln.start, line=ln))
        i += 1

    # --- walk units: articles/preamble/closing are top level; lines inside make paragraphs
    tops: list[dict] = [u for u in units if u["kind"] in ("article", "preamble", "closing")]
    # end of each top unit = start of next top/boundary unit (or english end)
    bounds = sorted([u["head_start"] for u in tops] + [u["start"] for u in units if u["kind"] == "boundary"]
                    + [english_end])

    def top_end(u: dict) -> int:
        for b in bounds:
            if b > u["head_start"]:
                return b
        return english_end

    prev_art: int | None = None
    seen_nums: set[str] = set()
    for u in tops:
        start, end = trim_span(text, u["start"], top_end(u))
        if u["kind"] == "preamble":
            pid = f"{doc}/preamble"
            kind = "preamble"
        elif u["kind"] == "closing":
            pid = f"{doc}/closing"
            kind = "closing"
        else:
            pid = f"{doc}/article-{u['key'].lower()}"
            kind = "article"
            digits = int(re.match(r"\d+", u["key"]).group())
            if u["key"] in seen_nums:
                issue("duplicate", f"Article {u['key']} appears twice", pid)
                continue
            if prev_art is not None and digits != prev_art + 1 and u["key"].isdigit():
                issue("gap" if digits > prev_art + 1 else "order",
                      f"Article {u['key']} follows Article {prev_art}", pid)
            prev_art = digits
            seen_nums.add(u["key"])
        art = Provision(
            id=pid, doc=doc, kind=kind, text=text[start:end], pasal=u["key"],
            heading=u["heading"], context=dict(u["context"]), source_file=src.file, start=start, end=end,
        )
        if kind == "article" and not art.text.strip():
            issue("empty-body", f"Article {u['key']} has no text", pid)
        provisions.append(art)
        if kind == "article":
            provisions.extend(_split_article(art, text, start, end, issue))
        # Dutch artefact lines left inside the text
        if _TREEDT.search(art.text) or any(_TREEDT.match(x) for x in art.text.splitlines()):
            issue("dutch-line", "Dutch line 'Treedt in werking ...' inside the English text", pid, "info")
    if not any(p.kind == "article" for p in provisions):
        issue("no-articles", "no 'Article N' headings found", severity="error")
    return provisions, issues


def _split_article(art: Provision, text: str, a_start: int, a_end: int, issue) -> list[Provision]:
    """Numbered paragraphs and lettered subparagraphs inside one Article body."""
    body_lines = _lines(text[a_start:a_end])
    marks: list[tuple[int, str, str, str | None]] = []   # (offset, level, key, style)
    last_para = 0
    last_letter: str | None = None
    style: str | None = None
    for ln in body_lines:
        off = a_start + ln.start
        m = _PARA.match(ln.text)
        if m:
            k = int(m.group(1))
            if k == last_para + 1 or (last_para and last_para + 1 < k <= last_para + 3):
                if k != last_para + 1:
                    issue("gap", f"{art.heading}: paragraph {k} follows {last_para}", art.id)
                marks.append((off + (len(ln.text) - len(ln.text.lstrip())), "para", str(k), None))
                last_para, last_letter, style = k, None, None
                continue
        m = _LETTER.match(ln.text)
        if m:
            letter = m.group(2)
            this_style = "(x)" if m.group(1) else "x)"
            roman = _ROMAN.match(ln.text)
            is_letter = letter == _next_letter(last_letter) and (style is None or style == this_style)
            if roman and not is_letter:
                continue   # (i), (v), (x): roman item, text of the current subparagraph
            if is_letter:
                marks.append((off + (len(ln.text) - len(ln.text.lstrip())), "letter", letter, this_style))
                last_letter, style = letter, this_style
                continue
            if last_letter and letter > _next_letter(last_letter) and (style == this_style):
                issue("gap", f"{art.heading}: subparagraph {letter}) follows {last_letter})", art.id, "info")
                marks.append((off + (len(ln.text) - len(ln.text.lstrip())), "letter", letter, this_style))
                last_letter = letter

    out: list[Provision] = []
    para: Provision | None = None
    for idx, (off, level, key, _st) in enumerate(marks):
        # end: next mark at the same or a higher level (para ends at next para; letter at next letter/para)
        end = a_end
        for off2, level2, _k2, _s2 in marks[idx + 1:]:
            if level == "para" and level2 == "para":
                end = off2
                break
            if level == "letter":
                end = off2
                break
        s, e = trim_span(text, off, end)
        if level == "para":
            para = Provision(
                id=f"{art.id}/{key}", doc=art.doc, kind="paragraph", text=text[s:e], pasal=art.pasal,
                ayat=key, heading=art.heading, parent=art.id, context=dict(art.context),
                source_file=art.source_file, start=s, end=e,
            )
            out.append(para)
        else:
            parent = para if para is not None else art
            out.append(Provision(
                id=f"{parent.id}/{key}", doc=art.doc, kind="subparagraph", text=text[s:e], pasal=art.pasal,
                ayat=para.ayat if para is not None else None, huruf=key, heading=art.heading,
                parent=parent.id, context=dict(art.context), source_file=art.source_file, start=s, end=e,
            ))
    return out
