"""Quoted passages in a text and whether a quote is faithful to a provision's words.

* ``find_quotes(text)``: every passage in “…”, "…", ‘…’, '…', ``…'', «…», with its span.
* ``quote_check(quote, text) -> (ok, why)``: verbatim up to whitespace; an ellipsis ("...", "…",
  "[...]") splits the quote into parts that must occur in order, at word boundaries, each part
  long enough to mean something, and no elided stretch may drop a word that carries the meaning
  (a negation, an exception, an obligation or prohibition, a number: ``data/verify.toml``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from ..config import DATA_DIR
from ..text import collapse_ws

# ’ and ' are apostrophes too: inside a quote one glued to a letter on both sides does not close it
_QUOTE = re.compile(
    r"“(?P<a>[^”]{3,}?)”|``(?P<b>.{3,}?)''|(?<![\w])\"(?P<c>[^\"]{3,}?)\"|«(?P<d>[^»]{3,}?)»"
    r"|‘(?P<e>(?:[^’]|’(?=\w))+?)’(?!\w)|(?<![\w'`])'(?P<f>(?:[^'\n]|'(?=\w))+?)'(?!\w)", re.S)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])\s*")
_BOUNDARY = re.compile(r"[.;:!?\n]")
_MARKER = re.compile(r"\(\d+[a-z]?\)|(?<!\w)\d+\.(?!\d)")   # ayat "(2)", list "3." markers are not numbers
_OCCURRENCES = 64   # tries per part when aligning an elided quote (parts are rarely repeated more)


@dataclass(frozen=True)
class Quote:
    start: int        # of the opening quote mark
    end: int          # after the closing one
    text: str         # what is inside


def find_quotes(text: str) -> list[Quote]:
    out = []
    for m in _QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        if len(inner.strip()) >= 3:
            out.append(Quote(m.start(), m.end(), inner))
    return out


@cache
def _meaning_words() -> re.Pattern[str]:
    data = tomllib.loads((DATA_DIR / "verify.toml").read_text(encoding="utf-8"))
    words = sorted({w.strip().lower() for w in data["elision"]["meaning_words"] if w.strip()}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


@cache
def _min_part() -> tuple[int, int]:
    e = tomllib.loads((DATA_DIR / "verify.toml").read_text(encoding="utf-8"))["elision"]
    return int(e["min_part_words"]), int(e["min_part_letters"])


def dropped_meaning(dropped: str) -> str | None:
    """The first meaning-bearing word (or number) in elided text, else None."""
    m = _meaning_words().search(dropped)
    if m:
        return m.group(0)
    n = re.search(r"\d+", _MARKER.sub(" ", dropped))
    return n.group(0) if n else None


def _substantial(part: str) -> bool:
    words, letters = _min_part()
    return len(part.split()) >= words or sum(ch.isalnum() for ch in part) >= letters


def _finds(hay: str, part: str, pos: int) -> list[tuple[int, int]]:
    rx = re.compile(r"(?<!\w)" + re.escape(part) + r"(?!\w)" if part[:1].isalnum() or part[-1:].isalnum()
                    else re.escape(part))
    out = []
    for m in rx.finditer(hay, pos):
        out.append((m.start(), m.end()))
        if len(out) >= _OCCURRENCES:
            break
    return out


def quote_check(quote: str, text: str) -> tuple[bool, str | None]:
    """(faithful?, why not). See the module docstring."""
    q = collapse_ws(quote)
    hay = collapse_ws(text)
    if not q:
        return False, "empty quote"
    parts = [collapse_ws(p) for p in _ELLIPSIS.split(q)]
    lead, trail = parts[0] == "", parts[-1] == ""
    parts = [p for p in parts if p]
    if not parts:
        return False, "the quote is only an ellipsis"
    if len(parts) == 1 and not (lead or trail):
        return (q in hay), (None if q in hay else "not verbatim in the provision")
    weak = [p for p in parts if not _substantial(p)]
    if weak:
        return False, f"an elided quote's parts must each say something (“{weak[0]}” is too short to check)"
    why: list[str] = []
    seen: dict[tuple[int, int], bool] = {}

    def align(i: int, pos: int, prev_end: int | None) -> bool:
        # the outcome depends on (part, where the previous one ended) only: tried once each
        if (i, pos) in seen:
            return seen[(i, pos)]
        seen[(i, pos)] = ok = _align(i, pos, prev_end)
        return ok

    def _align(i: int, pos: int, prev_end: int | None) -> bool:
        for s, e in _finds(hay, parts[i], pos):
            if prev_end is not None:
                lost = dropped_meaning(hay[prev_end:s])
                if lost:
                    why.append(lost)
                    continue
            if i == 0 and lead:
                b = max((m.end() for m in _BOUNDARY.finditer(hay, 0, s)), default=0)
                lost = dropped_meaning(hay[b:s])
                if lost:
                    why.append(lost)
                    continue
            if i + 1 == len(parts):
                if trail:
                    nb = _BOUNDARY.search(hay, e)
                    lost = dropped_meaning(hay[e:nb.start() if nb else len(hay)])
                    if lost:
                        why.append(lost)
                        continue
                return True
            if align(i + 1, e, e):
                return True
        return False

    if align(0, 0, None):
        return True, None
    if why:
        return False, f"the ellipsis drops “{why[0]}”, which changes what the provision says"
    return False, "the quoted parts do not occur in this order in the provision"


def quote_matches(quote: str, text: str) -> bool:
    return quote_check(quote, text)[0]
