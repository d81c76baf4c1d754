"""Pasal headings (told from cross-references) and BUKU / BAB / Bagian / Paragraf headings."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...models import ParseIssue
from ..ocr import ROMAN, fix_digits, int_to_roman, roman_to_int
from ..spans import is_furniture_line, line_bounds
from .positions import add_issue, after_heading, after_sentence_end, at_line_start


@dataclass(frozen=True, order=True)
class PasalNo:
    """A Pasal number: 76A → (76, "A"); Roman "II" → (2, "", roman=True)."""

    num: int
    suffix: str = ""
    roman: bool = False

    @property
    def label(self) -> str:
        return (int_to_roman(self.num) if self.roman else str(self.num)) + self.suffix

    def fits_after(self, prev: "PasalNo | None") -> bool:
        if prev is None:
            return self.num == 1 and not self.suffix
        if self.roman != prev.roman:
            return False
        if self.num == prev.num + 1 and not self.suffix:
            return True
        if self.num == prev.num and self.suffix and self.suffix == next_suffix(prev.suffix):
            return True
        return False


def next_suffix(s: str) -> str:
    if not s:
        return "A"
    return s[:-1] + chr(ord(s[-1]) + 1) if s[-1] < "Z" else s + "A"


def _pasal_readings(raw: str) -> list[tuple[PasalNo, bool]]:
    """Possible readings of a Pasal number token, each with 'was OCR-fixed'."""
    out: list[tuple[PasalNo, bool]] = []
    if ROMAN.fullmatch(raw):
        out.append((PasalNo(roman_to_int(raw), "", True), False))
    m = re.fullmatch(r"([0-9lIOo]{1,4})([A-Z]?)", raw)
    if m and re.search(r"\d", m.group(1)):
        digits, fixed = fix_digits(m.group(1))
        out.append((PasalNo(int(digits), m.group(2)), fixed))
    elif m and m.group(1) in ("l",):  # "Pasal l" → 1
        out.append((PasalNo(1, m.group(2)), True))
    return out


_PASAL_RE = re.compile(
    r"P ?a ?s ?a ?l[ \t]*(?:_+[ \t]*)?(?P<num>[0-9lIOo]{1,4}[A-Z]?|[IVX]{1,5})(?:[ ](?P<cont>\d))?(?![\w])"
    r"(?:[ \t]+(?:s/d|s\.d\.?|sampai[ \t]+dengan|dan)[ \t]+(?:Pasal[ \t]+)?(?P<to>\d{1,4}[A-Z]?)(?![\w]))?"
)
_BAB_RE = re.compile(r"BAB[ \t]+(?P<num>[IVXLC]{1,7})(?![\w])")
_BUKU_RE = re.compile(r"BUKU[ \t]+(?P<num>KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|PERTAMA)(?![\w])")
_BAGIAN_RE = re.compile(r"Bagian[ \t]+(?P<num>Pertama|Ke[a-z]+(?:[ \t]+[Bb]elas)?)(?![\w])")
_PARAGRAF_RE = re.compile(r"Paragraf[ \t]+(?P<num>\d{1,3})(?![\w])")
# what follows "Pasal N" in a citation of another law, never an article's first words
XREF_CITE = re.compile(
    r"(?:Undang-[Uu]ndang|UU|Peraturan[ \t]+\S+|Penetapan[ \t]+\S+|Perppu|Kitab)[ \t\n]+(?:Nomor|No\.|Tahun|Dasar|\d)"
    r"|(?:UUD|KUHP|KUHAP)\b")


@dataclass
class Head:
    kind: str            # pasal | bab | bagian | paragraf | buku
    pos: int
    end: int             # end of the heading token
    raw: str
    number: PasalNo | None = None
    glued: bool = False
    fixed: bool = False
    title: str = ""
    to: PasalNo | None = None   # Penjelasan range heading "Pasal 1 s/d 5"
    recovered: bool = False      # found in a gap of the sequence by `recover.recover_heads`


_XREF_CONT = {"ayat", "huruf", "angka", "dan", "atau", "sampai", "sebagaimana", "juncto", "jo", "jo.", "serta",
              "tentang", "dalam", "pada", "yang", "dipidana", "dikenai", "berlaku", "diubah", "dihapus"}


def _follow_ok(text: str, e: int, hi: int, roman: bool = False, lenient: bool = False) -> tuple[bool, bool]:
    """(acceptable, alone-on-line) for what follows a heading token ending at e."""
    a, b = line_bounds(text, e)
    rest = text[e:b]
    if not rest.strip(" \t_\r\u00a0"):
        if roman:
            return True, True
        # alone: the next non-empty line must not continue a sentence ("ayat (1) ...")
        m = re.compile(r"\s*(\S+)").match(text, b, hi) if b < hi else None
        if m and re.match(r"[a-z]{2,}", m.group(1)) and not re.match(r"[a-z]{1,2}\.$", m.group(1)):
            # a wrapped cross-reference ("dalam\nPasal 30\nayat (1)"); Penjelasan entries may start lowercase
            if not lenient or m.group(1).rstrip(",;") in _XREF_CONT:
                return False, True
        if XREF_CITE.match(text, m.start(1) if m else b):   # "dalam\nPasal 125\nUndang-Undang Nomor ..."
            return False, True
        return True, True
    m = re.match(r"[ \t_]+(\S+)", rest)
    if not m:
        return False, False
    w = m.group(1)
    if w[0].isupper() or re.match(r"\([0-9lIO]", w) or w[0] in "\u201c\"":
        if XREF_CITE.match(text, e + m.start(1)):
            return False, False
        return True, False
    return False, False


def scan_pasal_heads(text: str, lo: int, hi: int, roman: bool | None, doc: str, src_file: str | None,
                     issues: list[ParseIssue] | None, where: str, ranges: bool = False) -> list[Head]:
    """Accepted Pasal headings in text[lo:hi], in sequence (see module docstring)."""
    heads: list[Head] = []
    prev: PasalNo | None = None
    for m in _PASAL_RE.finditer(text, lo, hi):
        pos = m.start()
        rng = None
        if m.group("to"):
            if not ranges:
                continue
            rng = PasalNo(int(m.group("to")[:-1] if m.group("to")[-1].isalpha() else m.group("to")),
                          m.group("to")[-1] if m.group("to")[-1].isalpha() else "")
        line_start = at_line_start(text, pos, lo)
        glued = not line_start and (after_sentence_end(text, pos, lo) or after_heading(text, pos, lo))
        if not (line_start or glued):
            continue
        ok, alone = _follow_ok(text, m.end(), hi, bool(ROMAN.fullmatch(m.group("num"))), lenient=ranges)
        if not ok:
            continue
        strong = line_start and alone
        raw = m.group("num")
        if m.group("cont"):  # OCR split a number: "Pasal 7 1" → 71
            raw = raw + m.group("cont")
            readings = [(n, True) for n, _ in _pasal_readings(raw)]
        else:
            readings = _pasal_readings(raw)
        if roman is not None:
            readings = [r for r in readings if r[0].roman == roman]
        chosen = None
        for num, fixed in readings:
            if num.fits_after(prev):
                chosen = (num, fixed)
                break
        if chosen is None and readings and prev is not None:
            num, fixed = readings[0]
            if not fixed and (strong or glued) and num.roman == prev.roman:
                if prev < num and num.num - prev.num <= (40 if strong else 3):
                    add_issue(issues, doc, "gap", f"{where}: Pasal {prev.label} is followed by Pasal {num.label}"
                              f" (missing {_missing(prev, num)})", src_file, severity="warning")
                    chosen = (num, False)
                elif strong and num == prev:
                    add_issue(issues, doc, "duplicate", f"{where}: Pasal {num.label} appears twice; the second "
                              "heading is kept as text of the first", src_file, severity="warning")
                elif strong and num < prev:
                    add_issue(issues, doc, "out-of-order", f"{where}: Pasal {num.label} after Pasal {prev.label}"
                              " (kept as text)", src_file, severity="warning")
            elif fixed and strong:
                add_issue(issues, doc, "ocr-suspect", f"{where}: heading 'Pasal {raw}' does not fit the sequence "
                          f"after Pasal {prev.label}; kept as text", src_file, severity="warning")
        elif chosen is None and prev is None and readings and strong and not readings[0][1]:
            num = readings[0][0]
            if 1 < num.num <= 40 and (roman is None or num.roman == roman) and not num.suffix:
                add_issue(issues, doc, "gap", f"{where}: first Pasal is {num.label}", src_file)
                chosen = (num, False)
        if chosen is None:
            continue
        num, fixed = chosen
        if roman is None:
            roman = num.roman
        shown = text[m.start("num"):m.end("cont") if m.group("cont") else m.end("num")]
        h = Head("pasal", pos, m.end(), shown, num, glued, fixed)
        if rng is not None and num < rng:
            h.to = rng
            prev = rng
        else:
            prev = num
        heads.append(h)
    return heads


def _missing(a: PasalNo, b: PasalNo) -> str:
    if a.roman:
        return "?"
    nums = list(range(a.num + 1, b.num))
    if not nums:
        return f"{b.num}" if b.suffix else "?"
    return f"{nums[0]}" if len(nums) == 1 else f"{nums[0]}-{nums[-1]}"


def scan_other_heads(text: str, lo: int, hi: int, doc: str, src_file: str | None,
                     issues: list[ParseIssue] | None, pasal_pos: list[int] | None = None) -> list[Head]:
    """BUKU / BAB / Bagian / Paragraf headings; BAB numerals are checked against their sequence."""
    pasal_pos = pasal_pos or []
    heads: list[Head] = []
    prev_bab = 0
    prev_title = ""
    found = sorted(((m.start(), kind, m) for kind, rx in (("buku", _BUKU_RE), ("bab", _BAB_RE),
                    ("bagian", _BAGIAN_RE), ("paragraf", _PARAGRAF_RE)) for m in rx.finditer(text, lo, hi)),
                   key=lambda t: t[0])
    for pos, kind, m in found:
        line_start = at_line_start(text, pos, lo)
        glued = not line_start and after_sentence_end(text, pos, lo)
        if not (line_start or glued) or (kind == "buku" and not line_start):
            continue
        if kind == "buku":
            prev_bab = 0  # BAB numbering restarts in each BUKU (KUHP)
        a, b = line_bounds(text, m.end())
        rest = text[m.end():b].strip(" \t_")
        if rest and not (rest[0].isupper() or rest[0] == "("):
            continue
        if kind == "bab":
            try:
                n = roman_to_int(m.group("num"))
            except ValueError:
                continue
            title = heading_title(text, Head(kind, pos, m.end(), m.group("num")), hi).split(" ", 2)[-1]
            if n != prev_bab + 1:
                if not line_start:
                    continue
                if n == prev_bab and title == prev_title:
                    continue  # the same heading repeated across a page break
                last_bab = next((i for i in range(len(heads) - 1, -1, -1) if heads[i].kind == "bab"), None)
                if n == prev_bab and last_bab is not None and (
                        bisect.bisect_left(pasal_pos, heads[last_bab].pos) == bisect.bisect_left(pasal_pos, pos)):
                    del heads[last_bab]  # no Pasal in between: the earlier one was a damaged copy
                    heads.append(Head(kind, pos, m.end(), m.group("num"), glued=glued))
                    prev_title = title
                    continue
                if n > prev_bab:
                    add_issue(issues, doc, "gap", f"BAB {int_to_roman(prev_bab + 1)} not found before BAB "
                              f"{m.group('num')}", src_file, severity="info")
                else:  # a heading on its own line out of sequence: OCR damage ("XXVII" for XXVIII)
                    add_issue(issues, doc, "ocr-suspect", f"BAB {m.group('num')} after BAB "
                              f"{int_to_roman(prev_bab)}: numeral probably garbled", src_file, severity="info")
                    n = prev_bab + 1
            prev_bab = n
            prev_title = title
        heads.append(Head(kind, pos, m.end(), m.group("num"), glued=glued))
    return heads


_TITLE_CUT = re.compile(r"[ \t](?=(?:Pasal|Bagian|Paragraf)[ \t]+\S)")


def heading_title(text: str, h: Head, stop: int) -> str:
    """The heading's own words: rest of its line (up to the next heading); label-only lines take the next line(s)."""
    a, b = line_bounds(text, h.pos)
    e = min(b, stop)
    cut = _TITLE_CUT.search(text, h.end, e)
    if cut:
        e = cut.start()
    title = text[h.pos:e]
    if e == b and not text[h.end:b].strip(" \t_"):
        j = b
        for _ in range(4 if h.kind == "bab" else 1):
            if j >= stop:
                break
            la, lb = line_bounds(text, j + 1)
            line = text[la:min(lb, stop)].strip(" \t_")
            if not line or is_furniture_line(line):
                if not line and _ == 0:
                    j = lb
                    continue
                break
            if h.kind == "bab" and _ > 0 and line.upper() != line:
                break
            title += " " + line
            j = lb
    return re.sub(r"\s+", " ", title.replace("_", " ")).strip()
