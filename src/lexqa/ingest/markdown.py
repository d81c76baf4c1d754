"""Markdown / plain-text loader: undo the artefacts of the third-party conversions.

Only conversion artefacts are removed (emphasis markers, TeX quotes, the html meta line,
link targets, lines the Dutch treaty database inserted). OCR errors and glued headings are
left for the parser, which can judge them in context. Line structure is kept: a removed
line becomes an empty line, so line numbers still match the raw file.
"""

from __future__ import annotations

import codecs
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


def decode_text(data: bytes, name: str) -> str:
    """A text file's bytes as text: UTF-8, UTF-16 with a byte-order mark, else cp1252; binary
    content (NUL bytes: an image, an archive, UTF-16 without a BOM) is refused with CorpusError."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise CorpusError(f"{name} starts with a UTF-16 byte-order mark but is not valid UTF-16",
                                  hint="save it as UTF-8") from None
    nuls = data.count(0, 0, 65536)
    if nuls:
        head = data[:65536]
        utf16 = nuls * 3 >= len(head) and (head[1::2].count(0) * 4 >= len(head) or head[0::2].count(0) * 4 >= len(head))
        what = "looks like UTF-16 text without a byte-order mark" if utf16 else f"is binary ({nuls} NUL bytes), not text"
        raise CorpusError(f"{name} {what}: not indexed", hint="save it as UTF-8 text" if utf16 else
                          "remove it from the corpus folder or convert it to text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:65536]
    ctrl = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0c") + sample.count("\ufffd")
    if sample and ctrl * 20 > len(sample):  # over 5 %: not text in any encoding lexqa reads
        raise CorpusError(f"{name} is binary or in an unknown encoding ({ctrl} control characters in "
                          f"{len(sample)}): not indexed", hint="convert it to UTF-8 text")
    return text


def load_markdown(path: str | Path, relpath: str | None = None) -> SourceText:
    """Load a .md/.txt file as a SourceText with normalised text."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CorpusError(f"cannot read {relpath or p}: {e.strerror or e}") from None
    raw = decode_text(data, relpath or p.name)
    text, notes = normalise_markdown(raw)
    fmt = "markdown" if p.suffix.lower() in (".md", ".markdown") else "text"
    return SourceText(file=relpath or p.name, text=text, format=fmt,
                      sha256=hashlib.sha256(data).hexdigest(), notes=notes)
