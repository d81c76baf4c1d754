"""OCR-tolerant reading of numbers in legal markers.

Scanned-and-OCRed statutes (UU 63/2024, the KUHP markdown) print "l20" for 120, "5O9" for
509, "(21" for "(2)". A garbled reading is only ever *proposed* here; the structure parser
accepts it when the marker sequence makes it unambiguous (it is exactly the next number).
"""

from __future__ import annotations

import re

ROMAN = re.compile(r"[IVXLC]+")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Letters the OCR layers print for digits: one base table, widened where the context says
# that only a number can stand there (a widened table would misread words elsewhere).
_LOOKALIKES = {"l": "1", "I": "1", "O": "0", "o": "0"}           # structure markers (`fix_digits`)
_HEAD_LOOKALIKES = _LOOKALIKES | {"i": "1", "L": "1"}
_AMENDMENT_LOOKALIKES = _HEAD_LOOKALIKES | {"|": "1", "T": "7", "t": "1"}
_DIGIT_FIX = str.maketrans(_LOOKALIKES)
#: Numbers in document heads ("NOMOR 2l TAHUN 2OO7").
HEAD_DIGITS = str.maketrans(_HEAD_LOOKALIKES)
#: Numbers of amending laws' points and headings, the worst OCR of the corpus ("t7", "T", "|").
AMENDMENT_DIGITS = str.maketrans(_AMENDMENT_LOOKALIKES)
#: A regex character class body matching one digit of `AMENDMENT_DIGITS`.
AMENDMENT_DIGIT_CLASS = "0-9" + "".join(_AMENDMENT_LOOKALIKES)
#: Ayat numbers of amendment Penjelasan entries: a table of its own, "a" read as "4".
PENJELASAN_AYAT_DIGITS = str.maketrans({"a": "4", "O": "0", "l": "1"})


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
