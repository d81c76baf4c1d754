"""Article and point numbers as the OCR printed them ("1O3", "t7", "l7lc")."""

from __future__ import annotations

import re

from ..ocr import AMENDMENT_DIGITS


def ocr_int(raw: str | None) -> int | None:
    """Read a number the OCR may have garbled ("1O" → 10, "t7" → 17, "T" → 7)."""
    if not raw:
        return None
    s = raw.replace(" ", "").translate(AMENDMENT_DIGITS)
    return int(s) if s.isdigit() else None


def norm_pasal(raw: str) -> str | None:
    """Normalise an article number as printed ("1 17" → "117", "1O3" → "103", "l7lc" → "171C")."""
    s = re.sub(r"\s+", "", raw).rstrip(".,:;")
    if not s:
        return None
    if s[-1] in "ABCDEFGHIJKLMN" and s[:-1].isdigit():
        return f"{int(s[:-1])}{s[-1]}"              # "76I" is Pasal 76I, not 761
    full = s.translate(AMENDMENT_DIGITS)
    if full.isdigit():
        return str(int(full))
    if s[-1].isalpha():
        body = s[:-1].translate(AMENDMENT_DIGITS)
        if body.isdigit():
            return f"{int(body)}{s[-1].upper()}"
    return None


def pasal_slug(num: str) -> str:
    return num.lower()
