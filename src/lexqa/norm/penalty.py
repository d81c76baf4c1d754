"""The penalty clause: "dipidana [karena ...] dengan pidana penjara paling singkat 3 (tiga) tahun
dan paling lama 15 (lima belas) tahun dan pidana denda paling sedikit Rp120.000.000,00 (...)
dan paling banyak Rp600.000.000,00 (...)" → months, rupiah, the connector, the verbatim clause.
Also the KUHP forms: fine categories, "dipidana dengan:" + one tier per list item, "Dipidana
karena X, Setiap Orang yang: ... , dengan pidana ...", "pidana yang sama", "ditambah 1/3",
"2 (dua) kali lipat dari pidana"."""

from __future__ import annotations

import functools
import re

from .cues import data, rx
from .cut import item_spans
from .model import Penalty
from .numbers import amount_value, words_value

_S = "id.sentence"
_REF = re.compile(r"Pasal\s+\d+\w?(?:\s+ayat\s+\(\d+\))?|ayat\s+\(\d+\)")
# where the penalty clause ends: a chapeau colon, a semicolon, a sentence end, or the comma
# before the KUHP chapeau's addressee ("Dipidana dengan ..., Setiap Orang yang:") or a tier's "jika"
_END = re.compile(r"[:;]|\.(?!\d)(?=\s|$)|,\s*(?=[Ss]etiap\b|[a-z]\.\s|jika\b)")
_LIST_END = re.compile(r"\.(?!\d)(?=\s*$|\s*\n\s*\(\d)")
_NUMBERS = ("prison_min_months", "prison_max_months", "life", "death", "fine_min_rp", "fine_max_rp",
            "fine_category", "fine_min_category", "combination", "detention")


@functools.cache
def categories() -> dict[str, int]:
    """KUHP fine categories (norm.toml, asserted against Pasal 79 of the corpus by the tests)."""
    return dict(data()["id"]["kuhp"]["categories"])


def clause_end(text: str, start: int) -> int:
    m = _END.search(text, start)
    return m.start() if m else len(text.rstrip())


def _check(n: int, words: str | None, what: str, defects: list[str]) -> bool:
    """Whether the words confirm the digits `n` (a defect when they are unreadable or disagree)."""
    if not words:
        return False
    w = words_value(words)
    if w is None:
        defects.append(f"unreadable words: {what} {n} ({' '.join(words.split())})")
    elif w != n:
        defects.append(f"digits and words disagree: {what} {n} ({' '.join(words.split())} = {w})")
    return w == n


def _ocr_read(note: str, confirmed: bool, pen: Penalty) -> None:
    """An OCR look-alike read as a digit: a repair when the words confirm it, else a defect."""
    (pen.repairs if confirmed else pen.defects).append(note)


def _months(seg: str, pen: Penalty) -> int | None:
    """'3 (tiga) tahun 6 (enam) Bulan' → 42: the durations that follow each other."""
    total, last_end = None, None
    units = data()["id"]["sentence"]["units"]
    digits = str.maketrans({"l": "1", "I": "1", "O": "0"})
    for m in rx(_S, "duration").finditer(seg):
        if last_end is not None and seg[last_end:m.start()].strip():
            break
        raw = m.group("n")
        n = int(raw.translate(digits))
        ok = _check(n, m.group("w"), m.group("unit").lower(), pen.defects)
        if raw != str(n):
            _ocr_read(f"OCR look-alikes read as digits: {raw} = {n}", ok, pen)
        total = (total or 0) + n * units[m.group("unit").lower()]
        last_end = m.end()
    return total


def _value(seg: str, what: str, pen: Penalty):
    defects = pen.defects
    if what == "prison":
        if re.match(r"\s*(?:(?:pidana\s+)?penjara\s+)?seumur\s+hidup", seg, re.I):
            return "life"
        return _months(seg, pen)
    cat = rx(_S, "category").match(seg.strip())
    if cat:
        raw = cat.group("cat")
        fixed = raw.translate(str.maketrans(data()["id"]["sentence"]["category_ocr"]))
        if fixed not in categories():
            defects.append(f"unreadable fine category: kategori {raw}")
            return None
        if fixed != raw:
            defects.append(f"OCR look-alikes read as digits: kategori {raw} = {fixed}")
        return ("cat", fixed)
    m = rx(_S, "amount").search(seg)
    if not m:
        return None
    n, ocr = amount_value(m.group("n"))
    if n is None:
        defects.append(f"unreadable amount: Rp{m.group('n')}")
        return None
    ok = _check(n, m.group("w"), "Rp", defects)
    if ocr:
        _ocr_read(f"OCR look-alikes read as digits: Rp{m.group('n')} = {n}", ok, pen)
    return n


def _bounds(seg: str, what: str, pen: Penalty) -> tuple[list, list]:
    """The values after each 'paling singkat/sedikit' (mins) and 'paling lama/banyak' (maxes)."""
    cues = sorted([(m.start(), m.end(), "min") for m in rx(_S, "min").finditer(seg)]
                  + [(m.start(), m.end(), "max") for m in rx(_S, "max").finditer(seg)])
    mins, maxes = [], []
    for i, (s, e, kind) in enumerate(cues):
        stop = cues[i + 1][0] if i + 1 < len(cues) else len(seg)
        (mins if kind == "min" else maxes).append(_value(seg[e:stop], what, pen))
    if not cues:   # "pidana denda Rp300.000.000,00", "pidana penjara 5 (lima) tahun": a fixed maximum
        maxes.append(_value(seg, what, pen))
    return mins, maxes


def _numbers(clause: str, pen: Penalty) -> None:
    """The prison and fine parts of one tier (`clause`) into `pen`."""
    fine_m = rx(_S, "fine").search(clause)
    prison_m = rx(_S, "prison").search(clause)
    comb = rx(_S, "combination").search(clause)
    if fine_m and prison_m and fine_m.start() > prison_m.start():
        seg_prison, seg_fine = clause[prison_m.end():comb.start() if comb else fine_m.start()], clause[fine_m.end():]
    elif fine_m and prison_m:   # the fine named first
        seg_fine, seg_prison = clause[fine_m.end():prison_m.start()], clause[prison_m.end():]
    else:
        seg_prison = clause[prison_m.end():] if prison_m else ""
        seg_fine = clause[fine_m.end():] if fine_m else ""
    pen.detention = bool(prison_m and "kurungan" in prison_m.group(0).lower())
    pen.death = bool(rx(_S, "death").search(clause))
    if prison_m:
        mins, maxes = _bounds(seg_prison, "prison", pen)
        pen.life = "life" in maxes or bool(rx(_S, "life").search(seg_prison))
        pen.prison_min_months = next((v for v in mins if isinstance(v, int)), None)
        pen.prison_max_months = next((v for v in maxes if isinstance(v, int)), None)
    if fine_m:
        mins, maxes = _bounds(seg_fine, "fine", pen)
        lo = next((v for v in mins if v is not None), None)
        hi = next((v for v in maxes if v is not None), None)
        if isinstance(lo, tuple):
            pen.fine_min_category, lo = f"kategori {lo[1]}", categories()[lo[1]]
        if isinstance(hi, tuple):
            pen.fine_category, hi = f"kategori {hi[1]}", categories()[hi[1]]
        pen.fine_min_rp, pen.fine_max_rp = lo, hi
    if fine_m and (prison_m or pen.death):
        c = re.sub(r"\s+", "", comb.group("c").lower()) if comb else "dan"
        pen.combination = {"dan/atau": "and/or", "dan": "and", "atau": "or"}[c]


def _merge(pen: Penalty, tiers: list[Penalty]) -> None:
    """A penalty graded by list items ("dipidana dengan: a. ... jika ...; b. ..."): the range over the tiers."""
    def pick(f, vals):
        vals = [v for v in vals if v is not None]
        return f(vals) if vals else None
    pen.prison_min_months = pick(min, [t.prison_min_months for t in tiers])
    pen.prison_max_months = pick(max, [t.prison_max_months for t in tiers])
    pen.fine_min_rp = pick(min, [t.fine_min_rp for t in tiers])
    pen.fine_max_rp = pick(max, [t.fine_max_rp for t in tiers])
    pen.life, pen.death = any(t.life for t in tiers), any(t.death for t in tiers)
    pen.detention = all(t.detention for t in tiers)
    cats = [t.fine_category for t in tiers if t.fine_category]
    pen.fine_category = max(cats, key=lambda c: categories()[c.split()[-1]]) if cats else None
    pen.combination = tiers[0].combination
    for t in tiers:
        pen.defects.extend(t.defects)
        pen.repairs.extend(t.repairs)


def read_penalty(text: str, start: int) -> Penalty:
    """The penalty clause of `text` that begins at `start` (the "dipidana" cue)."""
    end = clause_end(text, start)
    pen = Penalty()
    if text[end:end + 1] == ":" and re.search(r"dengan\s*$", text[start:end]):
        # "dipidana dengan: a. pidana penjara ..., jika ...; b. ...": one tier per item
        stop = _LIST_END.search(text, end)
        stop_at = stop.end() if stop else len(text.rstrip())
        tiers = []
        for a, b in item_spans(text[:stop_at], end + 1):
            t = Penalty()
            _numbers(text[a:clause_end(text, a) if clause_end(text, a) > a + 3 else b], t)
            tiers.append(t)
        if tiers:
            _merge(pen, tiers)
        end = stop_at
    elif re.match(r"\s*Dipidana\s+karena\b", text[start:end]) and not rx(_S, "prison").search(text, start, end):
        # "Dipidana karena genosida, Setiap Orang yang ...: a. ...; e. ..., dengan pidana mati, ..."
        after = rx(_S, "after_list").search(text, end)
        if after:
            start, end = after.start(), clause_end(text, after.start())
    clause = text[start:end]
    pen.text = clause.strip()
    if not pen.has_numbers:
        _numbers(clause, pen)
    inc = rx(_S, "increase").search(clause)
    fac = rx(_S, "factor").search(clause)
    if inc:
        pen.increase = re.sub(r"\s+", "", inc.group("frac"))
    elif fac:
        pen.increase = "x" + re.sub(r"\s+", "", fac.group("f"))
    same = rx(_S, "same_as").search(clause)
    if (same or inc or fac) and not pen.has_numbers:
        ref = same.group("ref") if same and same.group("ref") else None
        if not ref:   # "ditambah 1/3 dari ancaman pidana dalam Pasal 2", or the article cited before
            at = (inc or fac or same).end()
            back = _REF.search(clause, at) or _REF.search(text[:start])
            ref = back.group(0) if back else None
        pen.same_as = re.sub(r"\s+", " ", ref) if ref else "?"
    return pen
