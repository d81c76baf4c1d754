"""The penalty clause: "dipidana [karena ...] dengan pidana penjara paling singkat 3 (tiga) tahun
dan paling lama 15 (lima belas) tahun dan pidana denda paling sedikit Rp120.000.000,00 (...)
dan paling banyak Rp600.000.000,00 (...)" → months, rupiah, the connector, the verbatim clause."""

from __future__ import annotations

import functools
import re

from .cues import data, rx
from .model import Penalty
from .numbers import amount_value, words_value

_S = "id.sentence"
# where the penalty clause ends: a chapeau colon, a semicolon, a sentence end, or the comma
# before the KUHP chapeau's addressee ("Dipidana dengan ..., Setiap Orang yang:")
_REF = re.compile(r"Pasal\s+\d+\w?(?:\s+ayat\s+\(\d+\))?|ayat\s+\(\d+\)")
_END = re.compile(r"[:;]|\.(?!\d)(?=\s|$)|,\s*(?=Setiap\b|[a-z]\.\s)")


@functools.cache
def categories() -> dict[str, int]:
    """KUHP fine categories (norm.toml, asserted against Pasal 79 of the corpus by the tests)."""
    return dict(data()["id"]["kuhp"]["categories"])


def clause_end(text: str, start: int) -> int:
    m = _END.search(text, start)
    return m.start() if m else len(text.rstrip())


def _check(n: int, words: str | None, what: str, defects: list[str]) -> None:
    if not words:
        return
    w = words_value(words)
    if w is None:
        defects.append(f"unreadable words: {what} {n} ({words.strip()})")
    elif w != n:
        defects.append(f"digits and words disagree: {what} {n} ({words.strip()} = {w})")


def _months(seg: str, defects: list[str]) -> int | None:
    """'3 (tiga) tahun 6 (enam) Bulan' → 42: the durations that follow each other."""
    total, last_end = None, None
    units = data()["id"]["sentence"]["units"]
    for m in rx(_S, "duration").finditer(seg):
        if last_end is not None and seg[last_end:m.start()].strip():
            break
        n = int(m.group("n"))
        _check(n, m.group("w"), m.group("unit").lower(), defects)
        months = n * units[m.group("unit").lower()]
        total = (total or 0) + months
        last_end = m.end()
    return total


def _bounds(seg: str, what: str, defects: list[str]) -> tuple[list, list]:
    """The values after each 'paling singkat/sedikit' (mins) and 'paling lama/banyak' (maxes)."""
    cues = sorted([(m.start(), m.end(), "min") for m in rx(_S, "min").finditer(seg)]
                  + [(m.start(), m.end(), "max") for m in rx(_S, "max").finditer(seg)])
    mins, maxes = [], []
    for i, (s, e, kind) in enumerate(cues):
        stop = cues[i + 1][0] if i + 1 < len(cues) else len(seg)
        val = _value(seg[e:stop], what, defects)
        (mins if kind == "min" else maxes).append(val)
    if not cues:   # "pidana denda Rp300.000.000,00": a fixed amount is the maximum
        maxes.append(_value(seg, what, defects))
    return mins, maxes


def _value(seg: str, what: str, defects: list[str]):
    if what == "prison":
        if rx(_S, "life").match(seg.strip()) or re.match(r"\s*(?:pidana\s+)?penjara\s+seumur\s+hidup", seg, re.I):
            return "life"
        return _months(seg, defects)
    cat = rx(_S, "category").match(seg.strip())
    if cat:
        return ("cat", cat.group("cat").upper())
    m = rx(_S, "amount").search(seg)
    if not m:
        return None
    n, ocr = amount_value(m.group("n"))
    if n is None:
        defects.append(f"unreadable amount: Rp{m.group('n')}")
        return None
    if ocr:
        defects.append(f"OCR look-alikes read as digits: Rp{m.group('n')} = {n}")
    _check(n, m.group("w"), "Rp", defects)
    return n


def read_penalty(text: str, start: int) -> Penalty:
    """The penalty clause of `text` that begins at `start` (the "dipidana" cue)."""
    end = clause_end(text, start)
    clause = text[start:end]
    pen = Penalty(text=clause.strip())
    defects: list[str] = []
    fine_m = rx(_S, "fine").search(clause)
    prison_m = rx(_S, "prison").search(clause)
    comb = rx(_S, "combination").search(clause)
    if fine_m and prison_m and fine_m.start() > prison_m.start():
        seg_prison, seg_fine = clause[prison_m.end():comb.start() if comb else fine_m.start()], clause[fine_m.end():]
    elif fine_m and prison_m:   # the fine named first ("pidana denda ... atau pidana penjara ...")
        seg_fine, seg_prison = clause[fine_m.end():prison_m.start()], clause[prison_m.end():]
    else:
        seg_prison = clause[prison_m.end():] if prison_m else ""
        seg_fine = clause[fine_m.end():] if fine_m else ""
    pen.detention = bool(prison_m and "kurungan" in prison_m.group(0).lower())
    pen.death = bool(rx(_S, "death").search(clause))
    if prison_m:
        mins, maxes = _bounds(seg_prison, "prison", defects)
        pen.life = "life" in maxes or bool(rx(_S, "life").search(seg_prison))
        pen.prison_min_months = next((v for v in mins if isinstance(v, int)), None)
        pen.prison_max_months = next((v for v in maxes if isinstance(v, int)), None)
    if fine_m:
        mins, maxes = _bounds(seg_fine, "fine", defects)
        lo = next((v for v in mins if v is not None), None)
        hi = next((v for v in maxes if v is not None), None)
        if isinstance(lo, tuple):
            pen.fine_min_category = f"kategori {lo[1]}"
            lo = categories().get(lo[1])
        if isinstance(hi, tuple):
            pen.fine_category = f"kategori {hi[1]}"
            hi = categories().get(hi[1])
        pen.fine_min_rp, pen.fine_max_rp = lo, hi
    if fine_m and (prison_m or pen.death):
        c = re.sub(r"\s+", "", comb.group("c").lower()) if comb else "and"
        pen.combination = {"dan/atau": "and/or", "dan": "and", "atau": "or"}[c]
    same = rx(_S, "same_as").search(clause)
    if same:
        ref = same.group("ref")
        if not ref:   # "Jika perbuatan sebagaimana dimaksud pada ayat (1) ..., dipidana dengan pidana yang sama."
            back = _REF.search(text[:start])
            ref = back.group(0) if back else None
        pen.same_as = re.sub(r"\s+", " ", ref) if ref else "?"
    inc = rx(_S, "increase").search(clause)
    if inc:
        pen.increase = re.sub(r"\s+", "", inc.group("frac"))
    pen.defects = defects
    return pen
