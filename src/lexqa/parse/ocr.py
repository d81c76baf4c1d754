"""OCR-tolerant reading of numbers in legal markers.

Scanned-and-OCRed statutes (UU 63/2024, the KUHP markdown) print "l20" for 120, "5O9" for
509, "(21" for "(2)". A garbled reading is only ever *proposed* here; the structure parser
accepts it when the marker sequence makes it unambiguous (it is exactly the next number).
"""

from __future__ import annotations

import re

ROMAN = re.compile(r"[IVXLC]+")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_DIGIT_FIX = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def roman_to_int(s: str) -> int:
    """'XIV' → 14; raises ValueError for anything that is not a well-formed numeral."""
    s = s.upper()
    if not s or not ROMAN.fullmatch(s):
        raise ValueError(s)
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v:
            total -= v
        else:
            total += v
    if int_to_roman(total) != s:
        raise ValueError(s)
    return total


def int_to_roman(n: int) -> str:
    out = []
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                   (4, "IV"), (1, "I")):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


def fix_digits(token: str) -> tuple[str, bool]:
    """Read OCR look-alikes as digits: ('l7l' → '171', True); ('120' → '120', False)."""
    fixed = token.translate(_DIGIT_FIX)
    return fixed, fixed != token


_SUSPECT = re.compile(r"\b(?:Pasal|ayat)\s*\(?[0-9]*[lIO][0-9lIO]*\)?(?![A-Za-z])")


def suspect_tokens(text: str) -> list[str]:
    """Cross-reference tokens that look OCR-garbled ("Pasal 2O", "ayat l2l"), for reporting."""
    return [m.group(0) for m in _SUSPECT.finditer(text) if re.search(r"\d", m.group(0))]
