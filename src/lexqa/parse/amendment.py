"""Amendment laws: turn "Pasal I angka N" points into provisions that say what they change.

An amending law (UU 63/2024, UU 35/2014, ...) has one big article, "Pasal I", whose numbered
points each rewrite, insert or delete articles of the target law:

    2. Ketentuan huruf b ayat (1) Pasal 16 diubah sehingga berbunyi sebagai berikut:
    Pasal 16
    (1) ...

`expand_amendments` replaces whatever the regular parser made of Pasal I (and of its
Penjelasan) with:

* ``{doc}/pasal-i`` — the whole Pasal I;
* ``{doc}/pasal-i/angka-N`` (kind ``point``) — the whole point, instruction sentence included,
  with ``amends`` (target doc), ``pasal`` (amended article), ``change``
  (amended / inserted / deleted) and ``point`` ("Pasal I angka N");
* ``{doc}/pasal-i/angka-N/pasal-16`` (kind ``pasal``) — each article the point writes, with its
  ayat / huruf / angka children (same amends / change / point);
* ``{doc}/penjelasan/pasal-i/angka-N/pasal-16[/ayat-1[/huruf-a]]`` — the Penjelasan entries,
  linked by ``explains``.

The Cipta Kerja excerpts (UU 11/2020, UU 6/2023) carry the same structure in "Pasal 106";
their excerpt files begin mid-law and the Penjelasan comes as a separate file, which is
recognised and parsed on its own.

The sources are OCR'd and damaged (lost point numbers, lost instruction sentences, headings
glued into lines, words out of order, running page headers inside the text). Points are found
by their instruction sentences and checked against the numbering sequence; what had to be
inferred is flagged on the provision and reported as a ParseIssue, never silently papered
over. Every provision's text is exactly ``src.text[start:end]``.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..models import DocumentMeta, ParseIssue, Provision, SourceText

# --------------------------------------------------------------------------- OCR helpers

_DIGIT_MAP = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "L": "1", "i": "1", "|": "1",
                            "T": "7", "t": "1"})
_DIGITISH = "0-9OolIiLTt|"


def _ocr_int(raw: str | None) -> int | None:
    """Read a number the OCR may have garbled ("1O" → 10, "t7" → 17, "T" → 7)."""
    if not raw:
        return None
    s = raw.replace(" ", "").translate(_DIGIT_MAP)
    return int(s) if s.isdigit() else None


def norm_pasal(raw: str) -> str | None:
    """Normalise an article number as printed ("1 17" → "117", "1O3" → "103", "l7lc" → "171C")."""
    s = re.sub(r"\s+", "", raw).rstrip(".,:;")
    if not s:
        return None
    if s[-1] in "ABCDEFGHIJKLMN" and s[:-1].isdigit():
        return f"{int(s[:-1])}{s[-1]}"              # "76I" is Pasal 76I, not 761
    full = s.translate(_DIGIT_MAP)
    if full.isdigit():
        return str(int(full))
    if s[-1].isalpha():
        body = s[:-1].translate(_DIGIT_MAP)
        if body.isdigit():
            return f"{int(body)}{s[-1].upper()}"
    return None


def _slug(num: str) -> str:
    return num.lower()


# --------------------------------------------------------------------------- page furniture

_FURNITURE_PATTERNS = [
    re.compile(r"SK\s*No\.?\s*\S.{0,20}"),                 # "SK No 243502 A" footers
    re.compile(r"-\s?\d{1,4}\s?-"),                         # "-3-", "-7 -" page numbers
    re.compile(r".{1,40}?(?:\.\s?){3}"),                     # "2.Ketentuan...", "Pasal63..."
    re.compile(r"[^\s.]{1,25}\s?\.\s\.\s?"),                # "22. Pernyataan . ."
    re.compile(r"\d{1,2}"),                                  # stray digit lines (lost point numbers)
]
_HEADER_WORDS = ("PRESIDEN", "REPUBLIK INDONESIA", "PRESIDEN REPUBLIK INDONESIA")


def _is_furniture_line(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    for pat in _FURNITURE_PATTERNS:
        if pat.fullmatch(s):
            return True
    if len(s) <= 30 and s.upper() == s and any(c.isalpha() for c in s):
        for w in _HEADER_WORDS:
            if difflib.SequenceMatcher(None, s, w).ratio() >= 0.7:
                return True
    return False


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if _is_furniture_line(m.group()):
            spans.append((m.start(), m.end()))
    return spans


# --------------------------------------------------------------------------- regexes

_CONTAINER = re.compile(r"(?<![\w])Pasal[ \t]+(I|1[O0o]6)(?![\w])")
_END_BODY = re.compile(r"(?m)^[ \t]*(?:Pasal[ \t]+(?:II|1[O0]7)\b|PENJELASAN\b|Bagian\s+Ketiga\b)")
_INTRO_END = re.compile(r"sebagai\s+berikut\s*:")
_INSTR_START = re.compile(r"(?<![\w])(?:Ketentuan|Di\s?antara|Diantara)\b")
_NUMBERED_ONLY_START = re.compile(
    r"(?<![\w.])(?P<num>[0-9]{1,3})\s?\.\s*(?=(?:Judul|Penjelasan|Setelah|Menambahkan|Lampiran|"
    r"Pasal\s+[0-9A-Za-z]{1,6}\s+dihapus)\b)")
_INSTR_END = re.compile(r"berikut\s*:|berikut(?=[^\n:]{0,30}\n)|dihapus\b\.?")
_SENTENCE_END = re.compile(r"(?<!\.)[.;](?=\s)(?!\s*\.)")
_VERB = re.compile(r"diubah|disisipkan|ditambah|dihapus|berbunyi|dicabut")
_NUM_BEFORE = re.compile(rf"(?:^|(?<=\s))(?P<num>[{_DIGITISH}]{{1,3}})[ \t]?\.?[ \t]*$")
_HEADING_LINE = re.compile(rf"(?m)^[ \t]*Pasal[ \t]*(?P<num>[{_DIGITISH}][0-9OolIiLTt| ]{{0,5}}[A-Za-z]?)[ \t]*$")
_PASAL_REF = re.compile(r"Pasal\s+([0-9OolIiLT][0-9A-Za-z]{0,5})")

# Penjelasan markers (capitalised: the body text writes "ayat (1)", the Penjelasan "Ayat (1)")
_PJ_MARK = re.compile(
    rf"(?<![\w])(?:(?P<angka>Angka[ \t]?(?P<an>[{_DIGITISH}]{{1,3}}(?:[ \t]\d(?=\s))?)(?![\w.]))"
    rf"|(?P<ayat>Ayat[ \t]?\((?P<ay>[^)\s]{{1,3}})[)1l]?)"
    rf"|(?P<huruf>Huruf[ \t](?P<hu>[a-z])(?![\w]))"
    rf"|(?P<pasal>Pasal[ \t]?(?P<pn>[{_DIGITISH}][0-9OolIiLTt| ]{{0,4}}[A-Za-z]?)(?=[ \t]*(?:\n|$|Ayat|Huruf|Cukup|[A-Z]))))"
)
_CUKUP = re.compile(r"^\W*Cukup\s*\^?\s*jelas\W*$", re.I)


# --------------------------------------------------------------------------- data

@dataclass
class _Point:
    num: int
    start: int
    instr_start: int
    instr_end: int
    end: int = 0
    flags: list[str] = field(default_factory=list)


@dataclass
class _Ctx:
    meta: DocumentMeta
    src: SourceText
    text: str
    furniture: list[tuple[int, int]]
    issues: list[ParseIssue]
    target: str | None
    label: str = "I"

    @property
    def doc(self) -> str:
        return self.meta.id

    @property
    def slug(self) -> str:
        return self.label.lower()

    def issue(self, code: str, message: str, provision: str | None = None,
              severity: str = "warning") -> None:
        self.issues.append(ParseIssue(doc=self.doc, code=code, message=message,
                                      source_file=self.src.file, provision=provision,
                                      severity=severity))  # type: ignore[arg-type]

    def has_furniture(self, start: int, end: int) -> bool:
        i = bisect_left(self.furniture, (start, -1))
        return i < len(self.furniture) and self.furniture[i][0] < end

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink [start, end) past whitespace and page furniture at both edges."""
        t = self.text
        changed = True
        while changed and start < end:
            changed = False
            while start < end and t[start].isspace():
                start += 1
            while end > start and t[end - 1].isspace():
                end -= 1
            for fs, fe in self.furniture:
                if fs <= start < fe and fe <= end:
                    start, changed = fe, True
                if fs < end <= fe and fs >= start:
                    end, changed = fs, True
        return start, end

    def prov(self, pid: str, kind: str, start: int, end: int, **kw) -> Provision:
        flags = kw.pop("flags", [])
        p = Provision(id=pid, doc=self.doc, kind=kind, text=self.text[start:end],
                      source_file=self.src.file, start=start, end=end, **kw)
        p.flags = list(dict.fromkeys(flags))
        if self.has_furniture(start, end) and "page-furniture" not in p.flags:
            p.flags.append("page-furniture")
        return p


# --------------------------------------------------------------------------- public API

def expand_amendments(meta: DocumentMeta, src: SourceText,
                      provisions: list[Provision]) -> tuple[list[Provision], list[ParseIssue]]:
    """Replace the naive parse of Pasal I (or Pasal 106) and its Penjelasan by amendment provisions."""
    text = src.text
    ctx = _Ctx(meta=meta, src=src, text=text, furniture=_furniture_spans(text), issues=[],
               target=meta.amends[0] if meta.amends else None)
    if ctx.target is None:
        ctx.issue("no-target", "amendment law without a target document in the manifest (amends = [])")

    body, pj = _find_containers(ctx)
    if body is None and pj is None:
        ctx.issue("no-amendment-article",
                  "no 'Pasal I' / 'Pasal 106' amendment article found; provisions left as parsed",
                  severity="error")
        return provisions, ctx.issues

    new: list[Provision] = []
    regions: list[tuple[int, int]] = []
    body_ids: set[str] = set()
    points: dict[int, Provision] = {}
    if body is not None:
        head, label = body
        ctx.label = label
        body_end = _body_end(ctx, head)
        regions.append((head, body_end))
        body_provs = _parse_body(ctx, head, body_end)
        new.extend(body_provs)
        body_ids = {p.id for p in body_provs}
        points = {int(p.angka): p for p in body_provs if p.kind == "point" and p.angka}
        if "excerpt" in src.file:
            _note_fragment(ctx, 0, head)
            regions.append((0, head))
    if pj is not None:
        head, label = pj
        ctx.label = label
        pj_end = _penjelasan_end(ctx, head)
        regions.append((head, pj_end))
        only_pj = body is None
        new.extend(_parse_penjelasan(ctx, head, pj_end, body_ids, points, only_pj))
        if only_pj and "excerpt" in src.file:
            _note_fragment(ctx, 0, head)
            regions.append((0, head))
            if pj_end < len(text) and text[pj_end:].strip():
                ctx.issue("fragment", "text after the Penjelasan of the amendment article "
                          f"(from offset {pj_end}) belongs to the next article and was left out",
                          severity="info")
                regions.append((pj_end, len(text)))

    prefixes = tuple(f"{meta.id}/{p}" for p in (f"pasal-{ctx.slug}", f"penjelasan/pasal-{ctx.slug}"))
    new_ids = {p.id for p in new}

    def replaced(p: Provision) -> bool:
        if p.id in new_ids or p.id in prefixes or p.id.startswith(tuple(x + "/" for x in prefixes)):
            return True
        if p.start is None or (p.source_file and p.source_file != src.file):
            return False
        return any(a <= p.start < b for a, b in regions)

    kept = [p for p in provisions if not replaced(p)]
    if body is not None and ctx.slug == "i" and not any(p.id == f"{meta.id}/pasal-ii" for p in kept):
        extra = _pasal_ii(ctx, regions[0][1])
        if extra is not None:
            new.append(extra)
    # reading order: by offset, a parent before the children that start where it starts
    if all(p.start is not None for p in kept):
        out = sorted(kept + new, key=lambda p: (p.source_file != src.file, p.start, -(p.end or 0)))
    else:
        out = kept + new
    return out, ctx.issues


# --------------------------------------------------------------------------- layout

def _next_content(ctx: _Ctx, pos: int) -> int:
    """Position of the next text that is neither whitespace nor page furniture."""
    t = ctx.text
    while True:
        while pos < len(t) and t[pos].isspace():
            pos += 1
        hit = next((fe for fs, fe in ctx.furniture if fs == pos), None)
        if hit is None:
            return pos
        pos = hit


def _find_containers(ctx: _Ctx) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    body = pj = None
    bodies: list[tuple[int, str]] = []
    for m in _CONTAINER.finditer(ctx.text):
        label = "I" if m.group(1) == "I" else "106"
        nxt = _next_content(ctx, m.end())
        after = ctx.text[nxt:nxt + 40]
        if re.match(r"Angka\W?\s?[" + _DIGITISH + r"]", after):
            if pj is None and (not bodies or m.start() > bodies[0][0]):
                pj = (m.start(), label)
        elif re.match(r"[A-Za-z]{0,2}eberapa\b", after):   # "Beberapa ketentuan ... diubah" (OCR "tseberapa")
            if pj is None:
                bodies.append((m.start(), label))
    # "Pasal I" of an amending law wins over a "Pasal 106" mentioned elsewhere in it
    body = next((b for b in bodies if b[1] == "I"), bodies[0] if bodies else None)
    if body is not None and pj is not None and pj[1] != body[1]:
        pj = None
    return body, pj


def _body_end(ctx: _Ctx, head: int) -> int:
    m = _END_BODY.search(ctx.text, head + 8)
    end = m.start() if m else len(ctx.text)
    for m2 in _CONTAINER.finditer(ctx.text, head + 8, end):   # a later Penjelasan container
        nxt = _next_content(ctx, m2.end())
        if ctx.text.startswith("Angka", nxt):
            end = m2.start()
            break
    return end


def _penjelasan_end(ctx: _Ctx, head: int) -> int:
    m = re.compile(r"(?<![\w])Pasal[ \t]+(?:II|1[O0]7)(?![\w])|TAMBAHAN LEMBARAN NEGARA").search(
        ctx.text, head + 8)
    return m.start() if m else len(ctx.text)


def _note_fragment(ctx: _Ctx, start: int, head: int) -> None:
    s, e = ctx.trim(start, head)
    if e > s:
        snippet = " ".join(ctx.text[s:e].split())[:80]
        ctx.issue("fragment", f"excerpt begins with text of a preceding provision ({snippet!r}); "
                  "not parsed as amendment points", severity="info")


def _pasal_ii(ctx: _Ctx, pos: int) -> Provision | None:
    m = re.compile(r"(?m)^[ \t]*Pasal[ \t]+II[ \t]*$").search(ctx.text, pos)
    if not m:
        return None
    stop = re.compile(r"Agar setiap orang|Disahkan di|PENJELASAN").search(ctx.text, m.end())
    s, e = ctx.trim(m.start(), stop.start() if stop else len(ctx.text))
    return ctx.prov(f"{ctx.doc}/pasal-ii", "pasal", s, e, heading="Pasal II", pasal="II",
                    parent=None)


# --------------------------------------------------------------------------- body: points

def _instr_end(ctx: _Ctx, p: int) -> int | None:
    """End of the instruction sentence starting at p (after "berikut:" or "dihapus."), or None."""
    w = ctx.text[p:p + 900]
    m = _INSTR_END.search(w)
    if not m:
        return None
    pre = w[:m.start()]
    if _SENTENCE_END.search(pre):
        return None
    if not _VERB.search(pre) and not _VERB.search(w[m.end():m.end() + 60]) and not m.group().startswith("dihapus"):
        return None
    end = p + m.end()
    if m.group().startswith("dihapus"):
        # "Pasal 63 dihapus." — the point ends with its sentence
        return end
    # out-of-order OCR: "diubah berikut: sehingga berbunyi sebagai" — keep the stray words
    tail = re.match(r"\s*(?:diubah\s+)?sehingga\s+berbunyi(?:\s+sebagai)?", ctx.text[end:end + 60])
    if tail:
        end += tail.end()
    return end


def _find_points(ctx: _Ctx, start: int, end: int) -> list[_Point]:
    t = ctx.text
    cands: list[tuple[int, int | None, int, int, list[str]]] = []   # (start, num, istart, iend, flags)
    for m in _INSTR_START.finditer(t, start, end):
        ie = _instr_end(ctx, m.start())
        if ie is None or ie > end:
            continue
        line_start = t.rfind("\n", 0, m.start()) + 1
        nb = _NUM_BEFORE.search(t, line_start, m.start())
        flags: list[str] = []
        if nb:
            num = _ocr_int(nb.group("num"))
            pstart = nb.start("num")
            if not nb.group("num").isdigit():
                flags.append("ocr-point-number")
        else:
            num, pstart = None, m.start()
        cands.append((pstart, num, m.start(), ie, flags))
    for m in _NUMBERED_ONLY_START.finditer(t, start, end):
        ie = _instr_end(ctx, m.end())
        if ie is not None and ie <= end:
            cands.append((m.start(), int(m.group("num")), m.end(), ie, []))
    cands.sort()
    # drop candidates inside an earlier instruction sentence
    pruned: list[tuple[int, int | None, int, int, list[str]]] = []
    for c in cands:
        if pruned and c[2] < pruned[-1][3]:
            continue
        pruned.append(c)
    # lost instruction sentences: "...lainnya. huruf f, sehingga berbunyi sebagai berikut:" + heading
    taken = [(c[2], c[3]) for c in pruned]
    for m in re.finditer(r"berbunyi[^.;\n]{0,20}?berikut\s*:|berikut\s*:", t[start:end]):
        a, b = start + m.start(), start + m.end()
        if any(x <= a < y for x, y in taken):
            continue
        ls = t.rfind("\n", 0, a) + 1
        seg = t[ls:a]
        cut = max((mm.end() for mm in _SENTENCE_END.finditer(seg)), default=0)
        fs = ls + cut
        while fs < a and t[fs].isspace():
            fs += 1
        sentence = t[fs:b]
        nxt = _next_content(ctx, b)
        heading_follows = bool(_HEADING_LINE.match(t, t.rfind("\n", 0, nxt) + 1)) and \
            t[t.rfind("\n", 0, nxt) + 1:nxt].strip() == ""
        if not re.search(r"berbunyi|diubah|disisipkan|ditambah", sentence) and not heading_follows:
            continue
        pruned.append((fs, None, fs, b, ["instruction-lost"]))
        taken.append((fs, b))
    pruned.sort()

    # number the candidates along the sequence
    points: list[_Point] = []
    nums = [c[1] for c in pruned]
    prev = 0
    i = 0
    while i < len(pruned):
        pstart, num, istart, iend, flags = pruned[i]
        if num is not None and num == prev + 1:
            points.append(_Point(num, pstart, istart, iend, flags=list(flags)))
            prev = num
            i += 1
            continue
        if num is not None and num > prev + 1:
            # a jump: fill it with the unnumbered candidates just before, else report the gap
            points.append(_Point(num, pstart, istart, iend, flags=list(flags)))
            ctx.issue("point-gap", f"Pasal {ctx.label}: points {prev + 1}..{num - 1} not found "
                      f"(next point found is {num})", provision=_pid(ctx, num))
            prev = num
            i += 1
            continue
        if num is not None and num <= prev:
            # a smaller number where the sequence expects more: OCR'd number or a duplicate
            nxt = next((n for n in nums[i + 1:] if n is not None), None)
            if nxt is not None and nxt == prev + 2:
                points.append(_Point(prev + 1, pstart, istart, iend, flags=flags + ["point-number-inferred"]))
                ctx.issue("point-number", f"Pasal {ctx.label}: point printed as {num} read as {prev + 1} "
                          "from the sequence", provision=_pid(ctx, prev + 1), severity="info")
                prev += 1
            else:
                ctx.issue("point-duplicate", f"Pasal {ctx.label}: point number {num} again after {prev}; "
                          "treated as text of the previous point", provision=_pid(ctx, prev))
            i += 1
            continue
        # unnumbered: take the next number if the following numbered point leaves room for it
        nxt = next((n for n in nums[i + 1:] if n is not None), None)
        k_between = 0
        for n in nums[i:]:
            if n is not None:
                break
            k_between += 1
        if nxt is None or nxt - prev - 1 >= 1:
            n = prev + 1
            if nxt is not None and nxt - prev - 1 < k_between and "instruction-lost" in flags:
                # more unnumbered fragments than free numbers: a fragment that is not a point
                i += 1
                continue
            points.append(_Point(n, pstart, istart, iend, flags=flags + ["point-number-inferred"]))
            why = "instruction sentence lost in the source" if "instruction-lost" in flags \
                else "number missing in the source"
            ctx.issue("point-number", f"Pasal {ctx.label} angka {n}: {why}; number inferred from the "
                      "sequence", provision=_pid(ctx, n), severity="info")
            prev = n
        i += 1
    for j, p in enumerate(points):
        p.end = points[j + 1].start if j + 1 < len(points) else end
    return points


def _pid(ctx: _Ctx, n: int) -> str:
    return f"{ctx.doc}/pasal-{ctx.slug}/angka-{n}"


@dataclass
class _Instr:
    change: str | None
    targets: list[str]
    scope: str = "pasal"        # "pasal" | "chapter" | "penjelasan"


def _parse_instruction(s: str) -> _Instr:
    s1 = " ".join(s.split())
    ins = re.search(r"(?:disisipkan|ditambah(?:kan)?)\s+(\d+)?\s*(?:\([^)]*\))?\s*pasal\b", s1, re.I)
    if ins:
        yakni = s1[ins.end():]
        names = [norm_pasal(x) or x for x in _PASAL_REF.findall(yakni)]
        count = int(ins.group(1)) if ins.group(1) else len(names)
        base_m = re.search(r"antara\s+Pasal\s+(\S+)", s1)
        base = norm_pasal(base_m.group(1)) if base_m else None
        return _Instr("inserted", _fix_insert_list(names, count, base))
    if re.search(r"\b(?:bab|BAB|Bagian|Paragraf|judul)\b", s1) and not re.search(r"Pasal\s", s1):
        ch = "inserted" if re.search(r"disisipkan|ditambah", s1) else "amended"
        return _Instr(ch, [], "chapter")
    refs = [norm_pasal(x) for x in _PASAL_REF.findall(s1)]
    refs = [r for r in refs if r]
    if re.search(r"\bdihapus\b", s1) and not re.search(r"berikut\s*:", s1):
        return _Instr("deleted", list(dict.fromkeys(refs)))
    if re.match(r"\W*Penjelasan\b", s1):
        return _Instr("amended", refs[:1], "penjelasan")
    return _Instr("amended", refs[:1])


def _fix_insert_list(names: list[str], count: int, base: str | None) -> list[str]:
    """Repair an OCR'd list of inserted articles ("Pasal l7lL, Pasal I7lB" → 171A, 171B)."""
    good = [(i, n) for i, n in enumerate(names) if re.fullmatch(r"\d+[A-Z]", n)]
    if len(good) == len(names) == max(count, 1):
        return names
    n = max(count, len(names))
    if good:
        # the first well-read name fixes the digits and the letter series
        i0, n0 = good[0]
        digits, letter = n0[:-1], ord(n0[-1]) - i0
        votes: dict[tuple[str, int], int] = {}
        for i, nm in good:
            key = (nm[:-1], ord(nm[-1]) - i)
            votes[key] = votes.get(key, 0) + 1
        digits, letter = max(votes, key=lambda k: votes[k])
        return [f"{digits}{chr(letter + i)}" for i in range(n)]
    if base and base.isdigit():
        return [f"{base}{chr(ord('A') + i)}" for i in range(n)]
    return names


def _parse_body(ctx: _Ctx, head: int, end: int) -> list[Provision]:
    t = ctx.text
    doc, slug, label = ctx.doc, ctx.slug, ctx.label
    intro = _INTRO_END.search(t, head, min(end, head + 2500))
    body_start = intro.end() if intro else head
    points = _find_points(ctx, body_start, end)
    s, e = ctx.trim(head, points[-1].end if points else end)
    container_id = f"{doc}/pasal-{slug}"
    out = [ctx.prov(container_id, "pasal", s, e, heading=f"Pasal {label}", pasal=label)]
    if "page-furniture" in out[0].flags:
        ctx.issue("page-furniture", f"Pasal {label}: running page headers/footers between its points "
                  f"(kept verbatim in Pasal {label}; each point is trimmed to its own text)",
                  provision=container_id, severity="info")
    if not points:
        ctx.issue("no-points", f"Pasal {label}: no amendment points found", provision=container_id,
                  severity="error")
        return out
    for pt in points:
        out.extend(_point_provisions(ctx, pt, container_id))
    # point numbering summary
    seen = [p.num for p in points]
    dup = sorted({n for n in seen if seen.count(n) > 1})
    if dup:
        ctx.issue("point-duplicate", f"Pasal {label}: duplicate point numbers {dup}", provision=container_id)
    return out


def _find_headings(ctx: _Ctx, start: int, end: int, targets: list[str]) -> list[tuple[int, int, str, list[str]]]:
    """Article headings (start, end-of-heading, number, flags) between start and end."""
    t = ctx.text
    found: list[tuple[int, int, str, list[str]]] = []
    for m in _HEADING_LINE.finditer(t, start, end):
        num = norm_pasal(m.group("num"))
        if num is None:
            continue
        fl = [] if re.fullmatch(r"\d+[A-Z]?", m.group("num").strip()) else ["ocr-heading"]
        found.append((m.start() + (len(m.group()) - len(m.group().lstrip())), m.end(), num, fl))
    # headings run into the text: "berikut: Pasal 39 (1) Visa ..." / "Pasal 63 (1) Orang ..."
    for num_t in targets:
        if any(f[2] == num_t for f in found):
            continue
        for m in re.finditer(rf"(?<![\w])Pasal[ \t]?(?P<num>[{_DIGITISH}][0-9A-Za-z ]{{0,5}}?)(?=[ \t]+(?:\(|[A-Z]))",
                             t[start:end]):
            if norm_pasal(m.group("num")) != num_t:
                continue
            before = t[start:start + m.start()]
            if re.search(r"(?:dimaksud|dalam|pada|dan|,)\s*$", before):
                continue
            found.append((start + m.start(), start + m.end(), num_t, ["heading-inline"]))
            break
    found.sort()
    if targets:
        # OCR'd heading numbers that match no target: pair the leftovers one to one
        unmatched_t = [x for x in targets if x not in {f[2] for f in found}]
        unmatched_h = [i for i, f in enumerate(found) if f[2] not in targets]
        if len(unmatched_t) == 1 and len(unmatched_h) == 1:
            i = unmatched_h[0]
            f = found[i]
            found[i] = (f[0], f[1], unmatched_t[0], f[3] + ["ocr-heading"])
    return found


def _point_provisions(ctx: _Ctx, pt: _Point, container_id: str) -> list[Provision]:
    t = ctx.text
    pid = _pid(ctx, pt.num)
    s, e = ctx.trim(pt.start, pt.end)
    instr_text = t[pt.instr_start:pt.instr_end]
    ins = _parse_instruction(instr_text)
    heads = _find_headings(ctx, pt.instr_end, e, ins.targets)
    if not ins.targets and ins.scope == "pasal" and heads:
        ins.targets = [h[2] for h in heads]           # lost instruction: the heading names the article
        if "instruction-lost" in pt.flags and not re.search(r"disisipkan|dihapus", instr_text):
            ins.change = "amended"
    point_label = f"Pasal {ctx.label} angka {pt.num}"
    flags = list(pt.flags)
    if ins.scope == "chapter":
        flags.append("chapter-level")
    if ins.scope == "penjelasan":
        flags.append("penjelasan-only")
    common = dict(amends=ctx.target, change=ins.change, point=point_label)
    point = ctx.prov(pid, "point", s, e, angka=str(pt.num), heading=point_label, parent=container_id,
                     pasal=ins.targets[0] if ins.targets and ins.scope != "penjelasan" else None,
                     flags=flags, **common)
    out = [point]
    _ocr_suspects(ctx, point)
    if ins.change == "deleted" or ins.scope != "pasal":
        return out
    if not ins.targets:
        ctx.issue("point-target", f"{point_label}: cannot read which article it changes", provision=pid)
        return out

    # one child per article written; a missing heading is inferred where the text allows
    by_num = {}
    for h in heads:
        if h[2] in ins.targets and h[2] not in by_num:
            by_num[h[2]] = h
    for h in heads:
        if h[2] not in ins.targets:
            ctx.issue("point-target", f"{point_label}: heading 'Pasal {h[2]}' is not among the articles "
                      f"the instruction names ({', '.join(ins.targets)}); kept as text", provision=pid,
                      severity="info")
    spans: list[tuple[str, int, int, list[str]]] = []   # (num, start, body_start, flags)
    content_start, _ = ctx.trim(pt.instr_end, e)
    order = sorted(by_num.values())
    first_head = order[0][0] if order else e
    lead_s, lead_e = ctx.trim(content_start, first_head)
    missing = [x for x in ins.targets if x not in by_num]
    if lead_e > lead_s:
        if missing and missing[0] == ins.targets[0]:
            spans.append((missing[0], lead_s, lead_s, ["heading-missing"]))
            missing = missing[1:]
        elif order:
            # text before the heading: words out of order ("(1) Visa / Asing: / Pasal 39 / tinggal ...")
            h = order[0]
            by_num[h[2]] = (lead_s, h[1], h[2], h[3] + ["words-out-of-order"])
            ctx.issue("out-of-order", f"{point_label}: text before the 'Pasal {h[2]}' heading; the OCR put "
                      "words out of order, kept in the article as printed", provision=pid)
    for h in sorted(by_num.values()):
        spans.append((h[2], h[0], h[1], list(h[3])))
    spans.sort(key=lambda x: x[1])
    # missing heading inside a run of inserted articles: split the previous body where a new
    # sentence starts the way that article did ("... perbuatan cabul. Setiap Orang dilarang ...")
    for num in missing:
        idx = ins.targets.index(num)
        prev_num = ins.targets[idx - 1] if idx > 0 else None
        j = next((k for k, sp in enumerate(spans) if sp[0] == prev_num), None)
        if j is None:
            continue
        a_start = spans[j][2]
        a_end = spans[j + 1][1] if j + 1 < len(spans) else e
        bs, be = ctx.trim(a_start, a_end)
        body = t[bs:be]
        cut = None
        if not body.startswith("("):
            # an article of one sentence followed by "(1) ...": the next article has ayat
            m = re.search(r"(?m)^[ \t]*\(1\)", body)
            if m:
                cut = bs + m.start() + (len(m.group()) - len(m.group().lstrip()))
        if cut is None:
            words = re.sub(r"^\(\w{1,3}\)\s*", "", body).split()[:2]
            if len(words) < 2:
                continue
            pat = re.compile(r"(?<=[.;])\s+(?=" + re.escape(words[0]) + r"\s+" + re.escape(words[1]) + r"\b)")
            for m in pat.finditer(t, bs + 1, be):
                cut = m.end()
        if cut is not None:
            spans.insert(j + 1, (num, cut, cut, ["heading-missing", "split-inferred"]))
    got = {sp[0] for sp in spans}
    for num in ins.targets:
        if num not in got:
            ctx.issue("point-target", f"{point_label}: no text found for Pasal {num}", provision=pid)
        elif any("heading-missing" in sp[3] for sp in spans if sp[0] == num):
            ctx.issue("heading-missing", f"{point_label}: heading 'Pasal {num}' missing in the source; "
                      "article text taken from where it begins", provision=f"{pid}/pasal-{_slug(num)}",
                      severity="info")
    for k, (num, a, bstart, fl) in enumerate(spans):
        b = spans[k + 1][1] if k + 1 < len(spans) else e
        cs, ce = ctx.trim(a, b)
        if ce <= cs:
            continue
        cid = f"{pid}/pasal-{_slug(num)}"
        child = ctx.prov(cid, "pasal", cs, ce, pasal=num, heading=f"Pasal {num}", parent=pid, flags=fl,
                         **common)
        out.append(child)
        bs = max(bstart, cs)
        out.extend(_split_children(ctx, bs, ce, cid, num, common))
    return out


# --------------------------------------------------------------------------- ayat / huruf / angka

_ITEM = re.compile(
    r"(?m)^[ \t]*(?:\((?P<ay>\d{1,2}[a-z]?)\)|\((?P<ayo>\d)[1l](?=[\s\w])|(?P<hu>[a-z])[.-](?=\s)"
    r"|(?P<an>[0-9tOl]{1,2}[a-z]?)\s?\.(?=\s))")


def _split_children(ctx: _Ctx, start: int, end: int, prefix: str, pasal: str,
                    common: dict) -> list[Provision]:
    """Ayat / huruf / angka of one written article; H2's splitter when it is available."""
    try:
        from .indonesian import split_pasal_body  # type: ignore[attr-defined]
    except ImportError:
        split_pasal_body = None
    if split_pasal_body is not None:
        try:
            kids = split_pasal_body(ctx.text, start, end, prefix, doc=ctx.doc, source_file=ctx.src.file,
                                    base={"pasal": pasal}, issues=ctx.issues,
                                    definitions=(pasal == "1"))
            for k in kids:
                k.amends, k.change, k.point = common["amends"], common["change"], common["point"]
                k.pasal = k.pasal or pasal
                if ctx.has_furniture(k.start or 0, k.end or 0) and "page-furniture" not in k.flags:
                    k.flags.append("page-furniture")
            return kids
        except Exception as exc:  # a failure there must not lose the amendment structure
            ctx.issue("splitter-error", f"split_pasal_body failed ({exc!r}); used the local splitter",
                      provision=prefix, severity="info")
    return _local_split(ctx, start, end, prefix, pasal, common)


def _succ(kind: str, prev: str, cur: str) -> bool:
    if kind == "huruf":
        return len(prev) == 1 and ord(cur) == ord(prev) + 1
    pm, cm = re.match(r"(\d+)([a-z]?)", prev), re.match(r"(\d+)([a-z]?)", cur)
    if not pm or not cm:
        return False
    pn, cn = int(pm.group(1)), int(cm.group(1))
    return cn == pn + 1 and not cm.group(2) or (cn == pn and cm.group(2) > pm.group(2))


def _first(kind: str, v: str) -> bool:
    return v in ("1", "a")


def _local_split(ctx: _Ctx, start: int, end: int, prefix: str, pasal: str, common: dict) -> list[Provision]:
    t = ctx.text
    marks: list[tuple[int, str, str, list[str]]] = []
    for m in _ITEM.finditer(t, start, end):
        pos = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if m.group("ay"):
            marks.append((pos, "ayat", m.group("ay"), []))
        elif m.group("ayo"):
            marks.append((pos, "ayat", m.group("ayo"), ["ocr-marker-fixed"]))
        elif m.group("hu"):
            marks.append((pos, "huruf", m.group("hu"), [] if m.group().rstrip().endswith(".") else ["ocr-marker-fixed"]))
        else:
            raw = m.group("an")
            v = raw.translate(_DIGIT_MAP)
            if not re.fullmatch(r"\d+[a-z]?", v):
                continue
            v = str(int(re.match(r"\d+", v).group())) + v.lstrip("0123456789")
            marks.append((pos, "angka", v, [] if re.fullmatch(r"\d+[a-z]?", raw) else ["ocr-marker-fixed"]))
    # nest along the sequences; a marker that fits no sequence stays text
    stack: list[dict] = []      # {kind, val, id, pos}
    items: list[dict] = []
    for pos, kind, val, fl in marks:
        placed = False
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth]["kind"] == kind and _succ(kind, stack[depth]["val"], val):
                parent = stack[depth - 1]["id"] if depth else prefix
                del stack[depth:]
                placed = True
                break
        if not placed:
            if not _first(kind, val):
                continue
            if kind == "ayat" and stack and any(s["kind"] == "ayat" for s in stack):
                continue
            parent = stack[-1]["id"] if stack else prefix
        if ctx.has_furniture(pos - 1, pos + 1):
            continue
        pid = f"{parent}/{kind}-{val}"
        if any(it["id"] == pid for it in items):
            continue
        it = {"kind": kind, "val": val, "id": pid, "pos": pos, "parent": parent, "flags": fl,
              "depth": len(stack)}
        stack.append(it)
        items.append(it)
    out: list[Provision] = []
    for i, it in enumerate(items):
        stop = end
        for nxt in items[i + 1:]:
            if nxt["depth"] <= it["depth"]:
                stop = nxt["pos"]
                break
        s, e = ctx.trim(it["pos"], stop)
        fields = {"pasal": pasal}
        cur = it
        chain = []
        while cur is not None:
            chain.append(cur)
            cur = next((x for x in items if x["id"] == cur["parent"]), None)
        for c in chain:
            fields.setdefault(c["kind"], c["val"])
        if fields.get("ayat") is None:
            fields.pop("ayat", None)
        out.append(ctx.prov(it["id"], it["kind"], s, e, parent=it["parent"], flags=it["flags"],
                            pasal=pasal, ayat=fields.get("ayat"), huruf=fields.get("huruf"),
                            angka=fields.get("angka"), **common))
    return out


# --------------------------------------------------------------------------- OCR suspects

_SUSPECT = re.compile(
    r"(?<![\w])(?=[0-9OolIL]*\d)(?=[0-9OolIL]*[OolIL])[0-9OolIL]{2,}(?![\w])"   # 2OlL, 1O6, 2oll
    r"|\(\d[1l](?=[\s\w])"                                                          # (21 for (2)
    r"|\S*[€^{}\[\]]\S*"                                                            # Er€rrrb€ntuk, ^jelas
    r"|(?<![\w])Pasal\d+\w*"                                                        # Pasal72
    r"|(?<![\w])Pasal\s+\d+\s\d+(?![\w])"                                           # Pasal 1 17
    r"|(?<![\w])\d+[a-zA-Z]{2,}\w*"                                                 # 7l, 52L61
)


def _ocr_suspects(ctx: _Ctx, p: Provision) -> None:
    toks = [m.group().strip() for m in _SUSPECT.finditer(p.text)]
    toks = [x for x in dict.fromkeys(toks) if x and not re.fullmatch(r"\d+[A-N]", x)]
    if toks:
        if "ocr-suspect" not in p.flags:
            p.flags.append("ocr-suspect")
        shown = ", ".join(repr(x) for x in toks[:12]) + (" ..." if len(toks) > 12 else "")
        ctx.issue("ocr-suspect", f"{p.point or p.id}: OCR-suspect tokens {shown}", provision=p.id,
                  severity="info")
    if "page-furniture" in p.flags:
        ctx.issue("page-furniture", f"{p.point or p.id}: running page header/footer inside the text "
                  "(kept verbatim; ignore it when quoting)", provision=p.id, severity="info")


# --------------------------------------------------------------------------- Penjelasan

def _parse_penjelasan(ctx: _Ctx, head: int, end: int, body_ids: set[str], points: dict[int, Provision],
                      only_pj: bool) -> list[Provision]:
    t = ctx.text
    doc, slug, label = ctx.doc, ctx.slug, ctx.label
    cont_id = f"{doc}/penjelasan/pasal-{slug}"
    s, e = ctx.trim(head, end)
    out = [ctx.prov(cont_id, "penjelasan", s, e, heading=f"Pasal {label}",
                    explains=f"{doc}/pasal-{slug}")]
    marks: list[tuple[int, str, str, list[str]]] = []
    mark_end: dict[int, int] = {}
    for m in _PJ_MARK.finditer(t, head + 8, end):
        mark_end[m.start()] = m.end()
        pos = m.start()
        line_s = t.rfind("\n", 0, pos) + 1
        line_e = t.find("\n", pos)
        line = t[line_s:line_e if line_e >= 0 else len(t)]
        if _is_furniture_line(line):
            continue
        if m.group("angka"):
            v = _ocr_int(m.group("an"))
            marks.append((pos, "angka", str(v) if v is not None else "?",
                          [] if m.group("an").isdigit() else ["ocr-marker-fixed"]))
        elif m.group("pasal"):
            # a Pasal heading starts a line or follows an Angka marker
            before = t[line_s:pos]
            if before.strip() and not re.search(r"Angka[ \t]?\S{1,3}\s*$", before):
                continue
            num = norm_pasal(m.group("pn"))
            if num is None:
                continue
            marks.append((pos, "pasal", num, [] if re.fullmatch(r"\d+[A-Z]?", m.group("pn").strip())
                          else ["ocr-heading"]))
        elif m.group("ayat"):
            raw = m.group("ay")
            if not m.group().endswith(")") and re.fullmatch(r"\d[1l]", raw):
                raw = raw[0] + "?"                   # "Ayat (21" is "Ayat (2)"
            v = raw.rstrip("?").translate(str.maketrans({"a": "4", "O": "0", "l": "1"}))
            fl = [] if raw.isdigit() and m.group().endswith(")") else ["ocr-marker-fixed"]
            marks.append((pos, "ayat", v, fl))
        else:
            marks.append((pos, "huruf", m.group("hu"), []))
    # sequence repair for Angka numbers: unreadable or duplicated ones
    cur_angka = 0
    fixed: list[tuple[int, str, str, list[str]]] = []
    for pos, kind, val, fl in marks:
        if kind == "angka":
            if val == "?" or not val.isdigit() or ("ocr-marker-fixed" in fl and int(val) != cur_angka + 1):
                val, fl = str(cur_angka + 1), fl + ["number-inferred"]   # an OCR'd number yields to the sequence
            cur_angka = int(val)
        if fixed and fixed[-1][1] == kind and fixed[-1][2] == val and \
                not t[mark_end[fixed[-1][0]]:pos].strip(" \t\n.").replace("Cukup", "").strip():
            continue          # "Angka 6 Angka 6", "Huruf c Huruf c": a marker printed twice
        fixed.append((pos, kind, val, fl))
    marks = fixed

    rank = {"angka": 0, "pasal": 1, "ayat": 2, "huruf": 3}
    state: dict[str, str | None] = {"angka": None, "pasal": None, "ayat": None, "huruf": None}
    entries: list[dict] = []
    for i, (pos, kind, val, fl) in enumerate(marks):
        fl = list(fl)
        if kind == "pasal":
            # the Angka marker may be lost ("Pasal 9" right after Pasal 6): find the point that writes it
            a = state["angka"]
            ok = a is not None and (only_pj or _point_writes(points, int(a), val))
            if not ok and points:
                n = next((k for k in sorted(points) if (a is None or k > int(a)) and _point_writes(points, k, val)),
                         None)
                if n is not None:
                    entries.append({"kind": "angka", "val": str(n), "pos": pos, "flags": ["angka-inferred"],
                                    "virtual": True})
                    state.update(angka=str(n), pasal=None, ayat=None, huruf=None)
                    ctx.issue("penjelasan-angka", f"Penjelasan Pasal {label}: 'Angka {n}' marker missing "
                              f"before Pasal {val}; inferred from the body", severity="info",
                              provision=f"{cont_id}/angka-{n}")
        for k in list(state):
            if rank[k] >= rank[kind]:
                state[k] = None
        state[kind] = val
        entries.append({"kind": kind, "val": val, "pos": pos, "flags": fl, "state": dict(state)})
        if kind != "angka" and entries[-1]["state"]["angka"] is None:
            entries[-1]["orphan"] = True
    # build provisions
    for i, en in enumerate(entries):
        if en.get("virtual") or en.get("orphan"):
            continue
        kind, st = en["kind"], en["state"]
        stop = end
        for nx in entries[i + 1:]:
            if nx.get("virtual"):
                if rank["angka"] <= rank[kind]:
                    stop = nx["pos"]
                    break
                continue
            if rank[nx["kind"]] <= rank[kind]:
                stop = nx["pos"]
                break
        s, e = ctx.trim(en["pos"], stop)
        if e <= s:
            continue
        n = st["angka"]
        parts = [f"angka-{n}"]
        target = f"{doc}/pasal-{slug}/angka-{n}"
        fields: dict = {"point": f"Pasal {label} angka {n}", "amends": ctx.target}
        if st["pasal"]:
            parts.append(f"pasal-{_slug(st['pasal'])}")
            fields["pasal"] = st["pasal"]
        if st["ayat"]:
            parts.append(f"ayat-{st['ayat']}")
            fields["ayat"] = st["ayat"]
        if st["huruf"]:
            parts.append(f"huruf-{st['huruf']}")
            fields["huruf"] = st["huruf"]
        pid = f"{cont_id}/" + "/".join(parts)
        if any(p.id == pid for p in out):
            ctx.issue("penjelasan-duplicate", f"Penjelasan entry {pid} appears twice; second kept as text",
                      provision=pid, severity="info")
            continue
        explains = _explains_target(target, parts[1:], body_ids, only_pj)
        own_end = next((x["pos"] for x in entries[i + 1:]), stop)
        own_body = t[mark_end.get(en["pos"], en["pos"]):min(own_end, e)]
        empty = bool(_CUKUP.match(own_body.strip())) and own_end >= e
        parent = cont_id if len(parts) == 1 else f"{cont_id}/" + "/".join(parts[:-1])
        heading = {"angka": f"Angka {n}", "pasal": f"Pasal {st['pasal']}", "ayat": f"Ayat ({st['ayat']})",
                   "huruf": f"Huruf {st['huruf']}"}[kind]
        out.append(ctx.prov(pid, "penjelasan", s, e, heading=heading, parent=parent, explains=explains,
                            empty=empty, flags=en["flags"], **fields))
    # Penjelasan of each point present?
    if points:
        have = {p.point for p in out if p.point}
        for n, p in sorted(points.items()):
            if p.point not in have:
                ctx.issue("penjelasan-missing", f"no Penjelasan entry for {p.point}", provision=p.id,
                          severity="info")
    return out


def _point_writes(points: dict[int, Provision], n: int, pasal: str) -> bool:
    p = points.get(n)
    return p is not None and p.pasal == pasal


def _explains_target(point_id: str, parts: list[str], body_ids: set[str], only_pj: bool) -> str:
    """Deepest existing body provision for the path.

    When the body is in another file (the excerpts' separate Penjelasan file) its ids are not
    known here: link to the written article (``.../angka-N/pasal-X``), which the body file
    produces for every point; `relink_penjelasan` can refine the link once both files are parsed.
    """
    if only_pj:
        return f"{point_id}/{parts[0]}" if parts else point_id
    best = point_id
    cur = point_id
    for part in parts:
        cur = f"{cur}/{part}"
        if cur in body_ids:
            best = cur
        else:
            break
    return best


def relink_penjelasan(provisions: list[Provision]) -> int:
    """Point each amendment-Penjelasan entry at the deepest body provision that exists.

    For documents whose Penjelasan comes from a separate file; call after all files of the
    document are parsed. A link to a missing provision is shortened to its nearest existing
    ancestor. Returns the number of links changed.
    """
    ids = {p.id for p in provisions}
    changed = 0
    for p in provisions:
        if p.kind != "penjelasan" or not p.point or "/penjelasan/" not in p.id:
            continue
        cur = p.id.replace("/penjelasan/", "/", 1)
        while cur not in ids and cur.count("/") > 1:
            cur = cur.rsplit("/", 1)[0]
        if cur in ids and cur != p.explains:
            p.explains = cur
            changed += 1
    return changed
