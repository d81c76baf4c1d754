"""Small text helpers shared by all stages (whitespace-insensitive verbatim matching)."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")


def collapse_ws(s: str) -> str:
    """Collapse runs of whitespace to one space and strip; the form quotes are compared in."""
    return _WS.sub(" ", s).strip()


def fold(s: str) -> str:
    """Case- and whitespace-insensitive form, with unicode compatibility normalisation."""
    return collapse_ws(unicodedata.normalize("NFKC", s)).casefold()


def is_verbatim(quote: str, text: str) -> bool:
    """True when `quote` occurs in `text`, ignoring only whitespace differences."""
    q = collapse_ws(quote)
    return bool(q) and q in collapse_ws(text)


def trim_ws(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink the span [start, end) of `text` to exclude surrounding whitespace (offsets stay verbatim)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
