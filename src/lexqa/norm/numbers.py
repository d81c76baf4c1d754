"""Numbers as statutes write them: "Rp1.500.000.000,00 (satu miliar lima ratus juta rupiah)",
"15 (lima belas) tahun". The digits are read (with the OCR look-alikes that only a digit can
be inside an amount); the words are read as a cross-check."""

from __future__ import annotations

import functools
import re

from .cues import data


@functools.cache
def _words() -> dict:
    return data()["id"]["numbers"]


@functools.cache
def _ocr() -> dict[int, str]:
    return str.maketrans(_words()["ocr_digits"])


def words_value(words: str) -> int | None:
    """'seratus dua puluh juta rupiah' → 120000000; None when a word is not a number word."""
    w = _words()
    toks = [t for t in re.split(r"[\s-]+", words.strip().lower()) if t and t not in w["ignore"]]
    if not toks:
        return None
    total = group = cur = 0        # total: whole thousands groups; group: < 1000; cur: the last unit
    for t in toks:
        if t in w["units"]:
            cur = w["units"][t]
        elif t in w["compounds"]:
            group += w["compounds"][t]
        elif t == w["teen"]:
            group += cur + 10
            cur = 0
        elif t in w["small"]:
            group += cur * w["small"][t]
            cur = 0
        elif t in w["large"] or (t.startswith("se") and t[2:] in w["large"]):
            total += ((group + cur) if t in w["large"] else 1) * w["large"][t.removeprefix("se")]
            group = cur = 0
        else:
            return None
    return total + group + cur


def amount_value(digits: str) -> tuple[int | None, bool]:
    """'120.000.000,00' → (120000000, False); 'S.0O0.O00.0O0,O0' → (5000000000, True: OCR read)."""
    fixed = digits.translate(_ocr())
    ocr = fixed != digits
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{3})*|\d+)(?:,\d{1,2})?", fixed)
    if not m:
        return None, ocr
    return int(m.group(1).replace(".", "")), ocr
