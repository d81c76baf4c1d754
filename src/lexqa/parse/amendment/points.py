"""The numbered points of the amendment article, found by their instruction sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ocr import AMENDMENT_DIGIT_CLASS as _DIGITISH
from .context import Ctx, next_content, point_id
from .numbers import ocr_int

# "Ketent.ualr" (PP 40/2023 angka 22) is an OCR'd "Ketentuan"
_INSTR_START = re.compile(r"(?<![\w])(?:Ketent\.?ua[a-z]{0,2}|Di\s?antara|Diantara)\b")
_NUMBERED_ONLY_START = re.compile(
    r"(?<![\w.])(?P<num>[0-9]{1,3})\s?\.\s*(?=(?:Judul|Penjelasan|Setelah|Menambahkan|Lampiran|"
    r"Pasal\s+[0-9A-Za-z]{1,6}\s+dihapus)\b)")
_INSTR_END = re.compile(r"berikut\s*:|berikut(?=[^\n:]{0,30}\n)|dihapus\b\.?")
# "51. Penjelasan Pasal 203 diubah sebagaimana tercantum dalam penjelasan.": no "berikut:", no text
_TERCANTUM_END = re.compile(r"tercantum\s+dalam\s+(?:penjelasan|lampiran)\b[^.;]{0,80}\.")
# "... ayat (5) dihapus sehingga Pasal 145 berbunyi sebagai berikut:": amended and cut in one point
_DELETE_THEN_TEXT = re.compile(r"\s*sehingga\s+Pasal\s+\S+\s+berbunyi\s+sebagai\s+berikut\s*:")
_SENTENCE_END = re.compile(r"(?<!\.)[.;](?=\s)(?!\s*\.)")
_VERB = re.compile(r"diubah|disisipkan|ditambah|dihapus|berbunyi|dicabut")
_NUM_BEFORE = re.compile(rf"(?:^|(?<=\s))(?P<num>[{_DIGITISH}]{{1,3}})[ \t]?\.?[ \t]*$")
HEADING_LINE = re.compile(rf"(?m)^[ \t]*Pasal[ \t]*(?P<num>[{_DIGITISH}][{_DIGITISH} ]{{0,5}}[A-Za-z]?)[ \t]*$")


@dataclass
class Point:
    num: int
    start: int
    instr_start: int
    instr_end: int
    end: int = 0
    flags: list[str] = field(default_factory=list)


def _instr_end(ctx: Ctx, p: int) -> int | None:
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
        more = _DELETE_THEN_TEXT.match(ctx.text, end)
        # "Pasal 63 dihapus." — the point ends with its sentence, unless the new text follows
        return more.end() if more else end
    # out-of-order OCR: "diubah berikut: sehingga berbunyi sebagai" — keep the stray words
    tail = re.match(r"\s*(?:diubah\s+)?sehingga\s+berbunyi(?:\s+sebagai)?", ctx.text[end:end + 60])
    if tail:
        end += tail.end()
    return end


def find_points(ctx: Ctx, start: int, end: int) -> list[Point]:
    t = ctx.text
    cands: list[tuple[int, int | None, int, int, list[str]]] = []   # (start, num, istart, iend, flags)
    for m in _INSTR_START.finditer(t, start, end):
        ie = _instr_end(ctx, m.start())
        if ie is None or ie > end:
            continue
        line_start = t.rfind("\n", 0, m.start()) + 1
        nb = _NUM_BEFORE.search(t, line_start, m.start())
        flags: list[str] = [] if m.group().startswith(("Ketentuan", "Di")) else ["ocr-instruction-word"]
        if nb:
            num = ocr_int(nb.group("num"))
            pstart = nb.start("num")
            if not nb.group("num").isdigit():
                flags.append("ocr-point-number")
        else:
            num, pstart = None, m.start()
        cands.append((pstart, num, m.start(), ie, flags))
    for m in _NUMBERED_ONLY_START.finditer(t, start, end):
        ie = _instr_end(ctx, m.end())
        if ie is None and m.group(0).rstrip().endswith(".") and t.startswith(("Penjelasan", "Lampiran"), m.end()):
            te = _TERCANTUM_END.search(t, m.end(), min(end, m.end() + 300))
            ie = te.end() if te and not _SENTENCE_END.search(t, m.end(), te.start()) else None
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
        nxt = next_content(ctx, b)
        heading_follows = bool(HEADING_LINE.match(t, t.rfind("\n", 0, nxt) + 1)) and \
            t[t.rfind("\n", 0, nxt) + 1:nxt].strip() == ""
        if not re.search(r"berbunyi|diubah|disisipkan|ditambah", sentence) and not heading_follows:
            continue
        pruned.append((fs, None, fs, b, ["instruction-lost"]))
        taken.append((fs, b))
    pruned.sort()

    # number the candidates along the sequence
    points: list[Point] = []
    nums = [c[1] for c in pruned]
    prev = 0
    i = 0
    while i < len(pruned):
        pstart, num, istart, iend, flags = pruned[i]
        if num is not None and num == prev + 1:
            points.append(Point(num, pstart, istart, iend, flags=list(flags)))
            prev = num
            i += 1
            continue
        if num is not None and num > prev + 1:
            # a jump: fill it with the unnumbered candidates just before, else report the gap
            points.append(Point(num, pstart, istart, iend, flags=list(flags)))
            ctx.issue("point-gap", f"Pasal {ctx.label}: points {prev + 1}..{num - 1} not found "
                      f"(next point found is {num})", provision=point_id(ctx, num))
            prev = num
            i += 1
            continue
        if num is not None and num <= prev:
            # a smaller number where the sequence expects more: OCR'd number or a duplicate
            nxt = next((n for n in nums[i + 1:] if n is not None), None)
            if nxt is not None and nxt == prev + 2:
                points.append(Point(prev + 1, pstart, istart, iend, flags=flags + ["point-number-inferred"]))
                ctx.issue("point-number", f"Pasal {ctx.label}: point printed as {num} read as {prev + 1} "
                          "from the sequence", provision=point_id(ctx, prev + 1), severity="info")
                prev += 1
            else:
                ctx.issue("point-duplicate", f"Pasal {ctx.label}: point number {num} again after {prev}; "
                          "treated as text of the previous point", provision=point_id(ctx, prev))
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
            points.append(Point(n, pstart, istart, iend, flags=flags + ["point-number-inferred"]))
            # the number alone on the first line after the instruction (PP 40/2023 angka 1)
            lone = re.compile(rf"[ \t]*\n[ \t]*{n}[ \t]*\n").match(t, iend)
            why = "instruction sentence lost in the source" if "instruction-lost" in flags \
                else f"number printed as a lone '{n}' on a line after the instruction" if lone \
                else "number missing in the source"
            ctx.issue("point-number", f"Pasal {ctx.label} angka {n}: {why}; number inferred from the "
                      "sequence", provision=point_id(ctx, n), severity="info")
            prev = n
        i += 1
    for j, p in enumerate(points):
        p.end = points[j + 1].start if j + 1 < len(points) else end
    return points
