"""Where a marker stands (line start, after a sentence end, after a heading), and the shared issue helper."""

from __future__ import annotations

import re

from ...models import ParseIssue


def at_line_start(text: str, pos: int, lo: int = 0) -> bool:
    j = pos - 1
    while j >= lo and text[j] in " \t_\u00a0":
        j -= 1
    return j < lo or text[j] == "\n"


_MARKER_TOKEN = re.compile(r"\(?[0-9lIO]{1,3}[a-z]?\)?|[a-z]{1,2}|[IVX]{1,4}")


def after_sentence_end(text: str, pos: int, lo: int = 0) -> bool:
    """Preceded by '.', ';' or ':' ending a real word (not a list marker like "a." / "1.")."""
    j = pos - 1
    while j >= lo and text[j] in " \t_\u00a0":
        j -= 1
    if j < lo or text[j] not in ".;:":
        return False
    k = j - 1
    while k >= lo and not text[k].isspace():
        k -= 1
    tok = text[k + 1 : j]
    if not tok:
        return True  # punctuation standing alone ("langsung . Pasal 17"): a conversion artefact
    if _MARKER_TOKEN.fullmatch(tok) and not (tok.isdigit() and len(tok) == 4):
        # "a." is a list marker, but "... huruf h." / "... ayat (2)." ends a sentence
        prev_word = text[max(lo, k - 12):k + 1].split()
        return bool(prev_word) and prev_word[-1] in ("huruf", "angka", "ayat", "Pasal", "pasal")
    return True


_HEADING_PREFIX = re.compile(
    r"(?:BAB[ \t]+[IVXLC]+|Bagian[ \t]+(?:Pertama|Ke[a-z]+)|Paragraf[ \t]+\d+)[ \t][^.;:\n]{0,200}$")


def after_heading(text: str, pos: int, lo: int) -> bool:
    """Preceded, on the same line, by a BAB/Bagian/Paragraf heading ("BAB I KETENTUAN UMUM Pasal 1 ...")."""
    a = max(lo, text.rfind("\n", 0, pos) + 1, pos - 240)
    seg = text[a:pos]
    for sep in (". ", "; ", ": "):
        k = seg.rfind(sep)
        if k >= 0:
            seg = seg[k + 2:]
    return bool(_HEADING_PREFIX.match(seg.lstrip(" \t_")))


def add_issue(issues: list[ParseIssue] | None, doc: str, code: str, msg: str, src_file: str | None,
              prov: str | None = None, severity: str = "warning") -> None:
    if issues is not None:
        issues.append(ParseIssue(doc=doc, code=code, message=msg, source_file=src_file,
                                 provision=prov, severity=severity))  # type: ignore[arg-type]
