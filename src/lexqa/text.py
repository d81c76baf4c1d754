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

