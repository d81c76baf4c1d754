"""Cutting a quote at a clause boundary: never inside a number or an amount ("Rp600.000.000,00"),
a citation ("Pasal 16 ayat (1) huruf b"), a parenthesised numeral ("(lima belas)"), or
between a chapeau ending ":" and the end of its list."""

from __future__ import annotations

import functools
import re

from .cues import rx

Span = tuple[int, int]


_PARENS = re.compile(r"\((?:[^()]|\([^()]*\))*\)")   # one level of nesting: "(ayat (1))"


def _parens(text: str) -> list[Span]:
    return [m.span() for m in _PARENS.finditer(text)]


def item_spans(text: str, start: int = 0) -> list[Span]:
    """The list items in text[start:], each from its marker to the next marker."""
    marks = [m.start("m") for m in rx("shared", "item_marker").finditer(text, start)]
    return [(a, b if i + 1 < len(marks) else len(text)) for i, (a, b) in
            enumerate(zip(marks, marks[1:] + [len(text)]))]


def _lists(text: str) -> list[Span]:
    """From a chapeau's ":" to the "." that ends its last item (markers' dots are no end)."""
    marker = rx("shared", "item_marker")
    marker_dots = {m.end("m") - 1 for m in marker.finditer(text)}
    out = []
    for c in re.finditer(r":", text):
        j = c.end() + len(text[c.end():]) - len(text[c.end():].lstrip())
        m = marker.match(text, c.start()) or marker.match(text, j)   # ": a. ..." or ":\na. ..."
        if not m:
            continue
        end = len(text)
        for d in re.finditer(r"\.(?!\d)(?=\s|$)", text[c.end():]):
            if c.end() + d.start() not in marker_dots:
                end = c.end() + d.end()
                break
        out.append((c.start(), end))
    return out


@functools.lru_cache(maxsize=1024)
def protected_spans(text: str, lists: bool = True) -> tuple[Span, ...]:
    """Spans no cut may fall inside: parentheses, amounts, numbers, numerals, citations (and lists)."""
    zones = _parens(text) + (_lists(text) if lists else [])
    for name in ("amount", "number", "numeral", "citation"):
        zones += [m.span() for m in rx("cut", name).finditer(text)]
    return tuple(zones)


@functools.lru_cache(maxsize=256)
def _boundaries(text: str) -> tuple[int, ...]:
    zones = protected_spans(text)
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
