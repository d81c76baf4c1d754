"""Markdown / plain-text loader: undo the artefacts of the third-party conversions.

Only conversion artefacts are removed (emphasis markers, TeX quotes, the html meta line,
link targets, lines the Dutch treaty database inserted). OCR errors and glued headings are
left for the parser, which can judge them in context. Line structure is kept: a removed
line becomes an empty line, so line numbers still match the raw file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import CorpusError
from ..models import SourceText

_META = re.compile(r"^\s*<meta\s+http-equiv=[^>]*>\s*$", re.I)
_DUTCH_IN_FORCE = re.compile(r"^\s*Treedt in werking op een nader te bepalen tijdstip\s*$", re.I)
_DUTCH_WORDS = {"van", "de", "het", "tegen", "inzake", "ter", "tot", "en", "der", "een", "over", "door",
                "verdrag", "verklaring", "rechten", "mens", "bestrijding", "voorkoming", "aanvulling"}
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)\)")
_PAREN_ITALIC = re.compile(r"\(\s*_+([^_\n]+?)_+\s*\)")
_LONE_UNDERSCORES = re.compile(r"[ \t]*(?<![\w])_+(?![\w])[ \t]*")
_INWORD_UNDERSCORE = re.compile(r"(?<=[a-z])_(?=[a-z])")  # "di_maksud": a soft-hyphen artefact
_OPEN_ITALIC = re.compile(r"(?<![\w_])_+(?=[^\s_])")
_CLOSE_ITALIC = re.compile(r"(?<=[^\s_])_+(?![\w_])")
_TEX_OPEN = re.compile(r"``")
_TEX_CLOSE = re.compile(r"''")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")


def is_dutch_title(line: str) -> bool:
    """A `##` heading in Dutch (the BWB database title of a treaty file), not treaty content."""
    s = line.strip()
    if not s.startswith("##") or s.startswith("###"):
        return False
    words = re.findall(r"[a-z]+", s.lower())
    return len(words) >= 3 and sum(w in _DUTCH_WORDS for w in words) >= 2


def normalise_markdown(raw: str) -> tuple[str, list[str]]:
    """Return the cleaned text and notes on what was removed."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = raw.split("\n")
    counts = {"meta": 0, "dutch-in-force": 0, "dutch-title": 0, "links": 0, "underscores": 0, "tex-quotes": 0}
    out: list[str] = []
    for i, line in enumerate(lines):
        if _META.match(line):
            counts["meta"] += 1
            out.append("")
            continue
        if _DUTCH_IN_FORCE.match(line):
            counts["dutch-in-force"] += 1
            out.append("")
            continue
        if i < 10 and is_dutch_title(line):
            counts["dutch-title"] += 1
            out.append("")
            continue
        new, n = _LINK.subn(r"\1", line)
        counts["links"] += n
        if "_" in new:
            before = new.count("_")
            new = _PAREN_ITALIC.sub(r"(\1)", new)
            new = _LONE_UNDERSCORES.sub(" ", new)
            new = _INWORD_UNDERSCORE.sub("", new)
            new = _OPEN_ITALIC.sub("", new)
            new = _CLOSE_ITALIC.sub("", new)
            counts["underscores"] += before - new.count("_")
        if "``" in new or "''" in new:
            counts["tex-quotes"] += new.count("``") + new.count("''")
            new = _TEX_OPEN.sub('"', new)
            new = _TEX_CLOSE.sub('"', new)
        new = _MULTI_SPACE.sub(" ", new).rstrip()
        out.append(new)
    notes = [f"removed {k}: {v}" for k, v in counts.items() if v]
    return "\n".join(out), notes


def load_markdown(path: str | Path, relpath: str | None = None) -> SourceText:
    """Load a .md/.txt file as a SourceText with normalised text."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CorpusError(f"cannot read {relpath or p}: {e.strerror or e}") from None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw = data.decode("cp1252", errors="replace")
    text, notes = normalise_markdown(raw)
    fmt = "markdown" if p.suffix.lower() in (".md", ".markdown") else "text"
    return SourceText(file=relpath or p.name, text=text, format=fmt,
                      sha256=hashlib.sha256(data).hexdigest(), notes=notes)
