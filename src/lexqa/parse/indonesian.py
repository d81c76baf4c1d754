"""Hand-written structure parser for Indonesian regulations (UU, PP, Perpres, Perda, Permen).

Public API (stable; other parse modules call these):

``parse_regulation(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]``
    Whole document: Menimbang / Mengingat, BUKU / BAB / Bagian / Paragraf context, Pasal
    (incl. "76A" and Roman "Pasal I" of amendment laws → ``{doc}/pasal-i``), ayat / huruf /
    angka, closing block (``{doc}/penutup``), Penjelasan Umum and Penjelasan Pasal demi Pasal
    (``{doc}/penjelasan/pasal-16/ayat-2``, with ``explains``).

``split_pasal_body(text: str, start: int, end: int, prefix: str, *, doc: str, source_file: str | None,
                   base: dict[str, str | None] | None = None, context: dict[str, str] | None = None,
                   issues: list[ParseIssue] | None = None, definitions: bool = False) -> list[Provision]``
    Split one article body ``text[start:end]`` (``text`` is the whole normalised source text, so
    offsets stay global) into ayat / huruf / angka provisions whose ids start with ``prefix``
    (e.g. ``"uu-63-2024/pasal-i/angka-2/pasal-16"``); the provisions' ``parent`` is ``prefix``
    for top-level items. ``base`` pre-fills the fields (``{"pasal": "16"}``) that children
    inherit. Returns provisions in reading order (children after their parent). Markers out of
    sequence stay text; OCR-garbled markers that fit the sequence are accepted and flagged
    ``ocr-marker-fixed`` (an info ParseIssue is appended to ``issues``).

Every Provision.text is exactly ``src.text[start:end]``: whitespace and running page headers at
the edges are excluded by moving offsets, never by editing text.

How a "Pasal N" is told from a cross-reference: it must stand at a line start, or right after a
sentence end / a BAB-Bagian-Paragraf heading on the same line ("... diberikan. Pasal 61 Pemegang
..."), be followed by the end of its line or by a capitalised word that does not cite another
law, and fit the sequence (previous + 1, or 76 → 76A). A garbled number ("l20", "5O9") is read
only when that reading is exactly the next number. A heading alone on its line that does not fit
is reported (gap / duplicate / out-of-order) and, for a forward jump, accepted so one lost
heading does not swallow the rest of the law. Roman "Pasal I/II" (amendment laws) are split off
but their bodies and Penjelasan are left whole: ``amendment.expand_amendments`` splits the points.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..models import DocumentMeta, ParseIssue, Provision, SourceText
from .ocr import ROMAN, fix_digits, int_to_roman, roman_to_int
from .penjelasan import is_cukup_jelas, split_penjelasan_entry
from .spans import REGULATION_EDGE, has_inner_furniture, is_furniture_line, line_bounds, trim_regulation

__all__ = ["parse_regulation", "split_pasal_body", "PasalNo"]

# ----------------------------------------------------------------------------- positions
def _at_line_start(text: str, pos: int, lo: int = 0) -> bool:
    j = pos - 1
    while j >= lo and text[j] in " \t_\u00a0":
        j -= 1
    return j < lo or text[j] == "\n"


_MARKER_TOKEN = re.compile(r"\(?[0-9lIO]{1,3}[a-z]?\)?|[a-z]{1,2}|[IVX]{1,4}")


def _after_sentence_end(text: str, pos: int, lo: int = 0) -> bool:
    """Preceded by '.', ';' or ':' ending a real word (not a list marker like "a." / "1.")."""
    j = pos - 1
    while j >= lo and text[j] in " \t_\u00a0":
        j -= 1
    if j < lo or text[j] not in ".;:":
        return False
    k = j - 1
    while k >= lo and not text[k].isspace():
        k -= 1
    tok = text[k + 1 : j]
    if not tok:
        return True  # punctuation standing alone ("langsung . Pasal 17"): a conversion artefact
    if _MARKER_TOKEN.fullmatch(tok) and not (tok.isdigit() and len(tok) == 4):
        # "a." is a list marker, but "... huruf h." / "... ayat (2)." ends a sentence
        prev_word = text[max(lo, k - 12):k + 1].split()
        return bool(prev_word) and prev_word[-1] in ("huruf", "angka", "ayat", "Pasal", "pasal")
    return True


_HEADING_PREFIX = re.compile(
    r"(?:BAB[ \t]+[IVXLC]+|Bagian[ \t]+(?:Pertama|Ke[a-z]+)|Paragraf[ \t]+\d+)[ \t][^.;:\n]{0,200}$")


def _after_heading(text: str, pos: int, lo: int) -> bool:
    """Preceded, on the same line, by a BAB/Bagian/Paragraf heading ("BAB I KETENTUAN UMUM Pasal 1 ...")."""
    a = max(lo, text.rfind("\n", 0, pos) + 1, pos - 240)
    seg = text[a:pos]
    for sep in (". ", "; ", ": "):
        k = seg.rfind(sep)
        if k >= 0:
            seg = seg[k + 2:]
    return bool(_HEADING_PREFIX.match(seg.lstrip(" \t_")))


def _issue(issues: list[ParseIssue] | None, doc: str, code: str, msg: str, src_file: str | None,
           prov: str | None = None, severity: str = "warning") -> None:
    if issues is not None:
        issues.append(ParseIssue(doc=doc, code=code, message=msg, source_file=src_file,
                                 provision=prov, severity=severity))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- pasal numbers
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
        if self.num == prev.num and self.suffix and self.suffix == _next_suffix(prev.suffix):
            return True
        return False


def _next_suffix(s: str) -> str:
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
_XREF_CITE = re.compile(
    r"(?:Undang-[Uu]ndang|UU|Peraturan[ \t]+\S+|Penetapan[ \t]+\S+|Perppu|Kitab)[ \t\n]+(?:Nomor|No\.|Tahun|Dasar|\d)"
    r"|(?:UUD|KUHP|KUHAP)\b")


@dataclass
class _Head:
    kind: str            # pasal | bab | bagian | paragraf | buku
    pos: int
    end: int             # end of the heading token
    raw: str
    number: PasalNo | None = None
    glued: bool = False
    fixed: bool = False
    title: str = ""
    to: PasalNo | None = None   # Penjelasan range heading "Pasal 1 s/d 5"


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
        if _XREF_CITE.match(text, m.start(1) if m else b):   # "dalam\nPasal 125\nUndang-Undang Nomor ..."
            return False, True
        return True, True
    m = re.match(r"[ \t_]+(\S+)", rest)
    if not m:
        return False, False
    w = m.group(1)
    if w[0].isupper() or re.match(r"\([0-9lIO]", w) or w[0] in "\u201c\"":
        if _XREF_CITE.match(text, e + m.start(1)):
            return False, False
        return True, False
    return False, False


def _scan_pasal_heads(text: str, lo: int, hi: int, roman: bool | None, doc: str, src_file: str | None,
                      issues: list[ParseIssue] | None, where: str, ranges: bool = False) -> list[_Head]:
    """Accepted Pasal headings in text[lo:hi], in sequence (see module docstring)."""
    heads: list[_Head] = []
    prev: PasalNo | None = None
    for m in _PASAL_RE.finditer(text, lo, hi):
        pos = m.start()
        rng = None
        if m.group("to"):
            if not ranges:
                continue
            rng = PasalNo(int(m.group("to")[:-1] if m.group("to")[-1].isalpha() else m.group("to")),
                          m.group("to")[-1] if m.group("to")[-1].isalpha() else "")
        line_start = _at_line_start(text, pos, lo)
        glued = not line_start and (_after_sentence_end(text, pos, lo) or _after_heading(text, pos, lo))
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
                    _issue(issues, doc, "gap", f"{where}: Pasal {prev.label} is followed by Pasal {num.label}"
                           f" (missing {_missing(prev, num)})", src_file, severity="warning")
                    chosen = (num, False)
                elif strong and num == prev:
                    _issue(issues, doc, "duplicate", f"{where}: Pasal {num.label} appears twice; the second "
                           "heading is kept as text of the first", src_file, severity="warning")
                elif strong and num < prev:
                    _issue(issues, doc, "out-of-order", f"{where}: Pasal {num.label} after Pasal {prev.label}"
                           " (kept as text)", src_file, severity="warning")
            elif fixed and strong:
                _issue(issues, doc, "ocr-suspect", f"{where}: heading 'Pasal {raw}' does not fit the sequence "
                       f"after Pasal {prev.label}; kept as text", src_file, severity="warning")
        elif chosen is None and prev is None and readings and strong and not readings[0][1]:
            num = readings[0][0]
            if 1 < num.num <= 40 and (roman is None or num.roman == roman) and not num.suffix:
                _issue(issues, doc, "gap", f"{where}: first Pasal is {num.label}", src_file)
                chosen = (num, False)
        if chosen is None:
            continue
        num, fixed = chosen
        if roman is None:
            roman = num.roman
        shown = text[m.start("num"):m.end("cont") if m.group("cont") else m.end("num")]
        h = _Head("pasal", pos, m.end(), shown, num, glued, fixed)
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


def _scan_other_heads(text: str, lo: int, hi: int, doc: str, src_file: str | None,
                      issues: list[ParseIssue] | None, pasal_pos: list[int] | None = None) -> list[_Head]:
    """BUKU / BAB / Bagian / Paragraf headings; BAB numerals are checked against their sequence."""
    pasal_pos = pasal_pos or []
    heads: list[_Head] = []
    prev_bab = 0
    prev_title = ""
    found = sorted(((m.start(), kind, m) for kind, rx in (("buku", _BUKU_RE), ("bab", _BAB_RE),
                    ("bagian", _BAGIAN_RE), ("paragraf", _PARAGRAF_RE)) for m in rx.finditer(text, lo, hi)),
                   key=lambda t: t[0])
    for pos, kind, m in found:
        line_start = _at_line_start(text, pos, lo)
        glued = not line_start and _after_sentence_end(text, pos, lo)
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
            title = _heading_title(text, _Head(kind, pos, m.end(), m.group("num")), hi).split(" ", 2)[-1]
            if n != prev_bab + 1:
                if not line_start:
                    continue
                if n == prev_bab and title == prev_title:
                    continue  # the same heading repeated across a page break
                last_bab = next((i for i in range(len(heads) - 1, -1, -1) if heads[i].kind == "bab"), None)
                if n == prev_bab and last_bab is not None and (
                        bisect.bisect_left(pasal_pos, heads[last_bab].pos) == bisect.bisect_left(pasal_pos, pos)):
                    del heads[last_bab]  # no Pasal in between: the earlier one was a damaged copy
                    heads.append(_Head(kind, pos, m.end(), m.group("num"), glued=glued))
                    prev_title = title
                    continue
                if n > prev_bab:
                    _issue(issues, doc, "gap", f"BAB {int_to_roman(prev_bab + 1)} not found before BAB "
                           f"{m.group('num')}", src_file, severity="info")
                else:  # a heading on its own line out of sequence: OCR damage ("XXVII" for XXVIII)
                    _issue(issues, doc, "ocr-suspect", f"BAB {m.group('num')} after BAB "
                           f"{int_to_roman(prev_bab)}: numeral probably garbled", src_file, severity="info")
                    n = prev_bab + 1
            prev_bab = n
            prev_title = title
        heads.append(_Head(kind, pos, m.end(), m.group("num"), glued=glued))
    return heads


_TITLE_CUT = re.compile(r"[ \t](?=(?:Pasal|Bagian|Paragraf)[ \t]+\S)")


def _heading_title(text: str, h: _Head, stop: int) -> str:
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


# ----------------------------------------------------------------------------- ayat / huruf / angka
_ITEM_RE = re.compile(
    r"\((?P<ay>[0-9lIO]{1,3}[a-z]?)(?P<ayc>\))?"
    r"|(?<![\w.,/-])(?P<hu>[a-z]{1,2}) ?\.(?=[ \t\n])"
    r"|(?<![\w.,/-])(?P<an>[0-9lIO]{1,3})\.(?=[ \t\n])"
)
_LEVEL = {"ayat": 0, "huruf": 1, "angka": 2}
_AYAT_XREF_AFTER = re.compile(r"[ \t]*(?:[,;)]|(?:dan|atau|sampai|huruf|ayat|angka|dan/atau)\b)")
_AYAT_XREF_BEFORE = re.compile(r"(?:\bayat|(?<![;,])[ \t](?:dan|atau))[ \t\n]*$")  # not "...; dan"


def _first(kind: str) -> str:
    return "a" if kind == "huruf" else "1"


def _next_labels(kind: str, label: str) -> set[str]:
    if kind == "huruf":
        if len(label) == 1:
            return {chr(ord(label) + 1)} if label < "z" else {"aa"}
        return {chr(ord(label[0]) + 1) * 2} if label[0] < "z" else set()
    m = re.fullmatch(r"(\d+)([a-z]?)", label)
    if not m:
        return set()
    n, suf = int(m.group(1)), m.group(2)
    out = {str(n + 1)}
    if kind == "ayat":
        out.add(f"{n}{_next_suffix(suf.upper()).lower()}")
    return out


def _context_kind(text: str, pos: int, lo: int) -> str | None:
    """'line' (line start / region start), 'colon' (after ':'), 'punct' (after '.'/';', opt. dan/atau)."""
    j = pos - 1
    while j >= lo and text[j] in " \t_\u00a0":
        j -= 1
    if j < lo or text[j] == "\n":
        return "line"
    if text[j] == ":":
        return "colon"
    if text[j] in ".;":
        return "punct"
    seg = text[max(lo, j - 12): j + 1]
    if re.search(r"[;,][ \t]*(?:dan|atau|dan/atau)$", seg):
        return "punct"
    return None


@dataclass
class _Item:
    kind: str
    label: str
    start: int
    parent: int          # index of parent item, -1 = the article itself
    depth: int
    fixed: bool = False
    raw: str = ""


def _item_readings(m: re.Match[str]) -> list[tuple[str, str, bool]]:
    if m.group("ay") is not None:
        raw = m.group("ay")
        closed = m.group("ayc") is not None
        digits, fixed = fix_digits(re.sub(r"[a-z]$", "", raw) if raw[-1:].isalpha() and len(raw) > 1 else raw)
        suf = raw[-1] if raw[-1:].islower() and raw[-1] != "l" and len(raw) > 1 else ""
        if not digits.isdigit():
            return []
        if closed:
            return [("ayat", digits + suf, fixed)]
        out = []
        if len(raw) >= 2 and raw[-1] in "1l":
            out.append(("ayat", fix_digits(raw[:-1])[0], True))   # "(21" → (2)
        out.append(("ayat", digits, True))                       # "(2 " → (2)
        return [o for o in out if o[1].isdigit()]
    if m.group("hu") is not None:
        return [("huruf", m.group("hu"), False)]
    raw = m.group("an")
    digits, fixed = fix_digits(raw)
    return [("angka", digits, fixed)] if digits.isdigit() else []


def split_pasal_body(text: str, start: int, end: int, prefix: str, *, doc: str, source_file: str | None,
                     base: dict[str, str | None] | None = None, context: dict[str, str] | None = None,
                     issues: list[ParseIssue] | None = None, definitions: bool = False) -> list[Provision]:
    """Split text[start:end] (one article body) into ayat/huruf/angka provisions under `prefix`.

    A marker is taken only at a line start, or inline right after ':' (a list opening) or
    after '.'/';' (a next sibling), and only when it continues a list ("(2)" after "(1)",
    "b." after "a.") or opens a new one one level down ("(1)", "a.", "1."). `definitions`
    is accepted for readability at call sites; Pasal 1 angka need no special casing.
    """
    del definitions
    base = dict(base or {})
    items: list[_Item] = []
    stack: list[int] = []       # indices of open items, outermost first
    for m in _ITEM_RE.finditer(text, start, end):
        pos = m.start()
        ctx = _context_kind(text, pos, start)
        if ctx is None:
            continue
        if m.group("ay") is not None:
            if m.group("ayc") is None and text[m.end():m.end() + 1] not in (" ", "\t", "\n"):
                continue
            if _AYAT_XREF_AFTER.match(text, m.end()) or _AYAT_XREF_BEFORE.search(text, max(start, pos - 12), pos):
                continue  # "... Pasal 2 ayat\n(2), Pasal 3": a wrapped cross-reference
        readings = _item_readings(m)
        accepted = False
        for kind, label, fixed in readings:
            # continue a list that is open on the stack
            same = [i for i, idx in enumerate(stack) if items[idx].kind == kind]
            if same:
                depth = same[-1]
                prev = items[stack[depth]]
                nxt = _next_labels(kind, prev.label)
                if (kind == "huruf" and ctx == "line" and label not in nxt and len(label) == 2
                        and label[0] != label[1] and any(len(x) == 2 and label[1] == x[1] for x in nxt)):
                    label, fixed = next(iter(nxt)), True    # OCR "ac." after "bb." → cc
                if label in nxt:
                    items.append(_Item(kind, label, pos, prev.parent, depth, fixed, m.group(0)))
                    stack = stack[:depth] + [len(items) - 1]
                    accepted = True
                    break
                continue
            if (not items and kind == "ayat" and ctx == "line" and label.isdigit() and 1 < int(label) <= 5
                    and not text[start:pos].strip(REGULATION_EDGE)):
                # the article starts at "(2)": ayat (1) was lost in the source
                _issue(issues, doc, "missing-ayat", f"{prefix}: body starts at ayat ({label})", source_file,
                       prefix, severity="warning")
                items.append(_Item(kind, label, pos, -1, 0, fixed, m.group(0)))
                stack.append(len(items) - 1)
                accepted = True
                break
            if label == _first(kind) and ctx in ("line", "colon"):
                parent = stack[-1] if stack else -1
                if parent >= 0 and _LEVEL[items[parent].kind] > _LEVEL[kind] and kind != "huruf":
                    continue
                items.append(_Item(kind, label, pos, parent, len(stack), fixed, m.group(0)))
                stack.append(len(items) - 1)
                accepted = True
                break
        if not accepted and ctx == "line" and readings and any(f for _, _, f in readings):
            _issue(issues, doc, "ocr-suspect", f"{prefix}: marker '{m.group(0)}' does not fit the sequence;"
                   " kept as text", source_file, prefix, severity="info")
    out: list[Provision] = []
    ids: list[str] = []
    for k, it in enumerate(items):
        e = end
        for j in range(k + 1, len(items)):
            if items[j].depth <= it.depth:
                e = items[j].start
                break
        s, e = trim_regulation(text, it.start, e)
        parent_id = prefix if it.parent < 0 else ids[it.parent]
        pid = f"{parent_id}/{it.kind}-{it.label.lower()}"
        ids.append(pid)
        fields = dict(base) if it.parent < 0 else {
            "pasal": out[it.parent].pasal, "ayat": out[it.parent].ayat,
            "huruf": out[it.parent].huruf, "angka": out[it.parent].angka,
        }
        fields[it.kind] = it.label
        p = Provision(
            id=pid, doc=doc, kind=it.kind, text=text[s:e], pasal=fields.get("pasal"),
            ayat=fields.get("ayat"), huruf=fields.get("huruf"), angka=fields.get("angka"),
            parent=parent_id, context=dict(context or {}), source_file=source_file, start=s, end=e,
        )
        if it.fixed:
            p.flags.append("ocr-marker-fixed")
            _issue(issues, doc, "ocr-marker-fixed", f"{pid}: OCR-garbled marker '{it.raw}' read as "
                   f"{it.kind} {it.label}", source_file, pid, severity="info")
        if has_inner_furniture(p.text):
            p.flags.append("page-header-inside")
        out.append(p)
    return out


# ----------------------------------------------------------------------------- document zones
_MENIMBANG_RE = re.compile(r"Menimbang\b[ \t]*:?")
_MENGINGAT_RE = re.compile(r"Mengingat\b[ \t]*:?")
_DECIDE_RE = re.compile(r"Dengan\s+Persetujuan\s+Bersama|MEMUTUSKAN|MEMUTUSI\(AN|Menetapkan\s*:")
_BODY_START_RE = re.compile(r"MEMUTUSKAN|MEMUTUSI\(AN|Menetapkan\s*:?")
_CLOSING_RE = re.compile(r"Agar\s+setiap\s+orang\s+mengetahuinya")
_CLOSING_ALT_RE = re.compile(r"\b(?:Disahkan|Ditetapkan)\s+di\s+[A-Z]")
_PENJ_RE = re.compile(r"\bPENJELASAN\b|\bI\.\s*UMUM\b|(?:\bII\.\s*)?PASAL\s+DEMI\s+PASAL")
_UMUM_RE = re.compile(r"(?:\bI\.[ \t]*)?\bUMUM\b")
_PDP_RE = re.compile(r"(?:\bII\.[ \t]*)?\bPASAL\s+DEMI\s+PASAL\b|\bII\.[ \t]*PASAL\b")
_TLN_RE = re.compile(r"TAMBAHAN\s+LEMBARAN\s+NEGARA")


@dataclass
class _Zones:
    body_lo: int
    body_hi: int
    closing: tuple[int, int] | None = None
    penj: tuple[int, int] | None = None         # whole Penjelasan
    umum: tuple[int, int, int] | None = None     # heading start, text start, end
    pdp: tuple[int, int] | None = None          # pasal-demi-pasal text range
    notes: list[str] = field(default_factory=list)


def _zones(text: str) -> _Zones:
    n = len(text)
    m = _BODY_START_RE.search(text)
    body_lo = m.end() if m and m.start() < n // 2 else 0
    m = _CLOSING_RE.search(text, body_lo) or _CLOSING_ALT_RE.search(text, body_lo)
    closing_lo = m.start() if m else None
    pm = _PENJ_RE.search(text, closing_lo if closing_lo is not None else body_lo)
    penj_lo = pm.start() if pm else None
    z = _Zones(body_lo, closing_lo if closing_lo is not None else (penj_lo if penj_lo is not None else n))
    if closing_lo is not None:
        z.closing = (closing_lo, penj_lo if penj_lo is not None else n)
    if penj_lo is not None:
        tl = None
        for tm in _TLN_RE.finditer(text, penj_lo):
            tl = tm.start()
        penj_hi = tl if tl is not None and tl > penj_lo else n
        z.penj = (penj_lo, penj_hi)
        pdp = _PDP_RE.search(text, penj_lo, penj_hi)
        um = _UMUM_RE.search(text, penj_lo, pdp.start() if pdp else penj_hi)
        if um:
            z.umum = (um.start(), um.end(), pdp.start() if pdp else penj_hi)
        if pdp:
            z.pdp = (pdp.end(), penj_hi)
    return z


def _pid(doc: str, num: PasalNo) -> str:
    return f"{doc}/pasal-{num.label.lower()}"


def _mk(doc: str, src: SourceText, pid: str, kind: str, s: int, e: int, **kw) -> Provision:
    s, e = trim_regulation(src.text, s, e)
    p = Provision(id=pid, doc=doc, kind=kind, text=src.text[s:e], source_file=src.file, start=s, end=e, **kw)
    if has_inner_furniture(p.text):
        p.flags.append("page-header-inside")
    return p


def parse_regulation(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """Parse an Indonesian regulation into provisions (reading order) and parse issues."""
    text, doc, sf = src.text, meta.id, src.file
    issues: list[ParseIssue] = []
    out: list[Provision] = []
    z = _zones(text)

    # body headings
    pasal_heads = _scan_pasal_heads(text, z.body_lo, z.body_hi, None, doc, sf, issues, "body")
    roman = bool(pasal_heads) and pasal_heads[0].number is not None and pasal_heads[0].number.roman
    other = _scan_other_heads(text, z.body_lo, z.body_hi, doc, sf, issues, [h.pos for h in pasal_heads])
    heads = sorted(pasal_heads + other, key=lambda h: h.pos)
    first_head = heads[0].pos if heads else z.body_hi

    # preamble: Menimbang / Mengingat
    mn = _MENIMBANG_RE.search(text, 0, first_head)
    mg = _MENGINGAT_RE.search(text, mn.end() if mn else 0, first_head)
    dm = _DECIDE_RE.search(text, mg.end() if mg else (mn.end() if mn else 0), first_head)
    pre_end = dm.start() if dm else first_head
    if mn:
        p = _mk(doc, src, f"{doc}/menimbang", "menimbang", mn.end(), mg.start() if mg else pre_end,
                heading="Menimbang")
        out.append(p)
    if mg:
        out.append(_mk(doc, src, f"{doc}/mengingat", "mengingat", mg.end(), max(mg.end(), pre_end),
                       heading="Mengingat"))

    # body
    ctx: dict[str, str] = {}
    body_ids: set[str] = set()
    n_pasal = 0
    for i, h in enumerate(heads):
        stop = heads[i + 1].pos if i + 1 < len(heads) else z.body_hi
        if h.kind != "pasal":
            title = _heading_title(text, h, stop)
            if h.kind == "buku":
                ctx = {"buku": title}
            elif h.kind == "bab":
                ctx = {k: v for k, v in ctx.items() if k == "buku"}
                ctx["bab"] = title
            elif h.kind == "bagian":
                ctx = {k: v for k, v in ctx.items() if k in ("buku", "bab")}
                ctx["bagian"] = title
            else:
                ctx = {k: v for k, v in ctx.items() if k != "paragraf"}
                ctx["paragraf"] = title
            if h.glued:
                _issue(issues, doc, "glued-heading", f"heading '{title[:60]}' was run into the previous line",
                       sf, severity="info")
            continue
        assert h.number is not None
        n_pasal += 1
        pid = _pid(doc, h.number)
        p = _mk(doc, src, pid, "pasal", h.end, stop, pasal=h.number.label, heading=f"Pasal {h.number.label}",
                parent=None, context=dict(ctx))
        if h.glued:
            p.flags.append("glued-heading")
            _issue(issues, doc, "glued-heading", f"Pasal {h.number.label} heading was run into the previous line",
                   sf, pid, severity="info")
        if h.fixed:
            p.flags.append("ocr-marker-fixed")
            _issue(issues, doc, "ocr-marker-fixed", f"heading 'Pasal {h.raw}' read as Pasal {h.number.label}",
                   sf, pid, severity="info")
        if "page-header-inside" in p.flags:
            _issue(issues, doc, "page-header-inside", f"Pasal {h.number.label} text contains a running page "
                   "header/footer line", sf, pid, severity="info")
        if not p.text:
            p.flags.append("missing-body")
            _issue(issues, doc, "missing-body", f"Pasal {h.number.label} has a heading but no text in {sf}",
                   sf, pid, severity="error")
        out.append(p)
        body_ids.add(pid)
        if p.text and not h.number.roman:
            kids = split_pasal_body(text, p.start or 0, p.end or 0, pid, doc=doc, source_file=sf,
                                    base={"pasal": p.pasal}, context=p.context, issues=issues,
                                    definitions=h.number.num == 1)
            for k in kids:
                if "page-header-inside" in k.flags:
                    _issue(issues, doc, "page-header-inside", f"{k.id} text contains a running page header",
                           sf, k.id, severity="info")
            out.extend(kids)
            body_ids.update(k.id for k in kids)
    if n_pasal == 0:
        _issue(issues, doc, "no-pasal", f"no Pasal heading found in {sf}", sf, severity="error")

    # closing block
    if z.closing:
        out.append(_mk(doc, src, f"{doc}/penutup", "closing", *z.closing, heading="Penutup"))

    # Penjelasan
    if z.penj:
        if z.umum:
            pu = _mk(doc, src, f"{doc}/penjelasan/umum", "penjelasan-umum", z.umum[1], z.umum[2],
                     heading="Penjelasan Umum")
            out.append(pu)
        if z.pdp:
            out.extend(_parse_pdp(text, z.pdp[0], z.pdp[1], roman, doc, src, body_ids, issues))
        elif not z.umum:
            _issue(issues, doc, "penjelasan-unparsed", "Penjelasan found but neither UMUM nor PASAL DEMI PASAL",
                   sf, severity="warning")
    return out, issues


def _parse_pdp(text: str, lo: int, hi: int, roman: bool, doc: str, src: SourceText, body_ids: set[str],
               issues: list[ParseIssue]) -> list[Provision]:
    sf = src.file

    heads = _scan_pasal_heads(text, lo, hi, roman, doc, sf, issues, "penjelasan", ranges=True)
    out: list[Provision] = []
    for i, h in enumerate(heads):
        assert h.number is not None
        stop = heads[i + 1].pos if i + 1 < len(heads) else hi
        if h.to is not None:
            # "Pasal 1 s/d 5 Cukup jelas": one entry per covered Pasal, all quoting the same text
            heading = re.sub(r"\s+", " ", text[h.pos:h.end])
            for n in range(h.number.num, h.to.num + 1):
                num = PasalNo(n)
                body_id = _pid(doc, num)
                p = _mk(doc, src, f"{doc}/penjelasan/pasal-{n}", "penjelasan", h.end, stop, pasal=str(n),
                        heading=heading, explains=body_id if body_id in body_ids else None)
                p.empty = is_cukup_jelas(p.text)
                p.flags.append("range-heading")
                out.append(p)
            continue
        label = h.number.label
        body_id = _pid(doc, h.number)
        pid = f"{doc}/penjelasan/pasal-{label.lower()}"
        p = _mk(doc, src, pid, "penjelasan", h.end, stop, pasal=label, heading=f"Pasal {label}",
                explains=body_id if body_id in body_ids else None)
        p.empty = is_cukup_jelas(p.text)
        if p.explains is None:
            _issue(issues, doc, "penjelasan-orphan", f"Penjelasan Pasal {label} explains no parsed body Pasal",
                   sf, pid)
        if h.fixed:
            p.flags.append("ocr-marker-fixed")
        if h.glued:
            p.flags.append("glued-heading")
        if not p.text:
            p.flags.append("missing-body")
            _issue(issues, doc, "missing-body", f"Penjelasan Pasal {label} has a heading but no text",
                   sf, pid, severity="warning")
        out.append(p)
        if p.text and not h.number.roman:
            out.extend(split_penjelasan_entry(text, p.start or 0, p.end or 0, pid, body_id, body_ids, doc=doc,
                                              source_file=sf, base={"pasal": label}, issues=issues))
    return out
