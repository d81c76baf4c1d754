"""Cutting a quote at a clause boundary: never inside a number or an amount ("Rp600.000.000,00"),
a citation ("Pasal 16 ayat (1) huruf b"), a parenthesised numeral ("(lima belas)"), or
between a chapeau ending ":" and the end of its list."""

from __future__ import annotations

import functools
import re

from .cues import rx

Span = tuple[int, int]


def _parens(text: str) -> list[Span]:
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            a = stack.pop()
            if not stack:
                out.append((a, i + 1))
    return out


def _lists(text: str) -> list[Span]:
    """From a chapeau's ":" to the "." that ends its last item (markers' dots are no end)."""
    marker = rx("shared", "item_marker")
    marker_dots = {m.end("m") - 1 for m in marker.finditer(text)}
    out = []
    for c in re.finditer(r":", text):
        m = marker.match(text, c.end())
        if not m or not re.fullmatch(r"\s*", text[c.end():m.start("m")]):
            continue
        end = len(text)
        for d in re.finditer(r"\.(?!\d)(?=\s|$)", text[c.end():]):
            if c.end() + d.start() not in marker_dots:
                end = c.end() + d.end()
                break
        out.append((c.start(), end))
    return out


def _protected(text: str) -> list[Span]:
    zones = _parens(text) + _lists(text)
    for name in ("amount", "number", "numeral", "citation"):
        zones += [m.span() for m in rx("cut", name).finditer(text)]
    return zones


@functools.lru_cache(maxsize=256)
def _boundaries(text: str) -> tuple[int, ...]:
    zones = _protected(text)
    out = []
    for m in rx("cut", "boundary").finditer(text):
        pos = m.end()
        if not any(a < pos < b for a, b in zones):
            out.append(pos)
    return tuple(out)


def clause_spans(text: str) -> list[Span]:
    """The clauses safe_cut chooses from: consecutive [start, end) spans covering `text`."""
    spans, prev = [], 0
    for b in _boundaries(text) + (len(text),):
        if b > prev:
            spans.append((prev, b))
            prev = b
    return spans


def safe_cut(text: str, limit: int) -> int:
    """The largest clause boundary <= limit (len(text) when it fits; 0 when no boundary fits)."""
    if len(text) <= limit:
        return len(text)
    return max((b for b in _boundaries(text) if b <= limit), default=0)
