"""Does a provision state a key fact of the gold set? Figures in Indonesian statutes are written
twice, in digits and in words ("paling lama 15 (lima belas) tahun", "Rp600.000.000,00 (enam ratus
juta rupiah)"); OCR garbles the digits more often than the words ("Rp50.0O0.O00,0O"), so either
form counts, after fixing O/l read for 0/1 between digits. Months may be stated as whole years.
"""

from __future__ import annotations

import re

_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def number_words(n: int) -> str:
    """Indonesian words for n as statutes write them: 120 → 'seratus dua puluh', 5e9 → 'lima miliar'."""
    if n < 10:
        return _UNITS[n] or "nol"
    if n < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(n) or f"{_UNITS[n - 10]} belas"
    if n < 100:
        return f"{_UNITS[n // 10]} puluh" + (f" {_UNITS[n % 10]}" if n % 10 else "")
    for size, word, one in ((10**12, "triliun", None), (10**9, "miliar", None), (10**6, "juta", None),
                            (1000, "ribu", "seribu"), (100, "ratus", "seratus")):
        if n >= size:
            head, rest = divmod(n, size)
            lead = one if (head == 1 and one) else f"{number_words(head)} {word}"
            return lead + (f" {number_words(rest)}" if rest else "")
    return str(n)


def _norm(text: str) -> str:
    # OCR reads 0 as O and 1 as l/I inside figures ("Rp50.0O0.O00,0O"): fix them between digits
    t = text.lower()
    for _ in range(2):
        t = re.sub(r"(?<=[\d.,])[o](?=[\d.,o])|(?<=[\d.,o])[o](?=[\d.,])", "0", t)
        t = re.sub(r"(?<=[\d.,])[li](?=[\d.,])", "1", t)
    t = t.replace("milyar", "miliar")
    return re.sub(r"[\s^_*]+", " ", t)


def _figures(text: str) -> set[int]:
    """Every number written in digits: 'Rp120.000.000,00' → 120000000, '15 (lima belas)' → 15."""
    out = set()
    for m in re.finditer(r"\d[\d. ]*(?:,\d+)?", text):
        s = m.group().split(",")[0].replace(" ", "").rstrip(".")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", s) or s.isdigit():
            out.add(int(s.replace(".", "")))
    return out


def _states(text: str, n: int, unit: str | None = None) -> bool:
    if n in _figures(text) or re.search(rf"\b{re.escape(number_words(n))}\b", text):
        return unit is None or bool(re.search(rf"(\b{n}\b|{re.escape(number_words(n))})\)?\s*{unit}", text))
    return False


def fact_in_text(fact_type: str, value: int | str, text: str) -> bool:
    """Whether the provision text states the fact: the figure in digits or words (OCR-normalised);
    months may be written as whole years; rupiah as digits or words ('lima miliar rupiah')."""
    t = _norm(text)
    v = value
    if fact_type == "actor":
        return str(v).lower() in t
    if not isinstance(v, int):
        return False
    if fact_type.endswith("_months"):
        return _states(t, v, "bulan") or (v % 12 == 0 and _states(t, v // 12, "tahun"))
    if fact_type == "duration_days":
        return _states(t, v, "hari")
    if fact_type == "duration_years":
        return _states(t, v, "tahun")
    return _states(t, v)
