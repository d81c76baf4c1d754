"""The provisions of each point: the point itself and every article it writes."""

from __future__ import annotations

import re

from ...models import Provision
from ..ocr import AMENDMENT_DIGIT_CLASS as _DIGITISH
from .context import Ctx, point_id
from .instructions import parse_instruction
from .items import split_children
from .numbers import norm_pasal, pasal_slug
from .points import HEADING_LINE, Point, find_points

_INTRO_END = re.compile(r"sebagai\s+berikut\s*:")


def parse_body(ctx: Ctx, head: int, end: int) -> list[Provision]:
    t = ctx.text
    doc, slug, label = ctx.doc, ctx.slug, ctx.label
    intro = _INTRO_END.search(t, head, min(end, head + 2500))
    body_start = intro.end() if intro else head
    points = find_points(ctx, body_start, end)
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


def _find_headings(ctx: Ctx, start: int, end: int, targets: list[str]) -> list[tuple[int, int, str, list[str]]]:
    """Article headings (start, end-of-heading, number, flags) between start and end."""
    t = ctx.text
    found: list[tuple[int, int, str, list[str]]] = []
    for m in HEADING_LINE.finditer(t, start, end):
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


def _point_provisions(ctx: Ctx, pt: Point, container_id: str) -> list[Provision]:
    t = ctx.text
    pid = point_id(ctx, pt.num)
    s, e = ctx.trim(pt.start, pt.end)
    instr_text = t[pt.instr_start:pt.instr_end]
    ins = parse_instruction(instr_text)
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
                      "article text taken from where it begins", provision=f"{pid}/pasal-{pasal_slug(num)}",
                      severity="info")
    for k, (num, a, bstart, fl) in enumerate(spans):
        b = spans[k + 1][1] if k + 1 < len(spans) else e
        cs, ce = ctx.trim(a, b)
        if ce <= cs:
            continue
        cid = f"{pid}/pasal-{pasal_slug(num)}"
        child = ctx.prov(cid, "pasal", cs, ce, pasal=num, heading=f"Pasal {num}", parent=pid, flags=fl,
                         **common)
        out.append(child)
        _displaced_words(ctx, child, point_label)
        bs = max(bstart, cs)
        out.extend(split_children(ctx, bs, ce, cid, num, common))
    return out


# an article ending in a column of single lowercase words: words the OCR lifted out of their lines
_DISPLACED_TAIL = re.compile(r"(?:\n[ \t]*[a-z]{3,}[ \t]*){3,}$")


def _displaced_words(ctx: Ctx, p: Provision, point_label: str) -> None:
    m = _DISPLACED_TAIL.search(p.text)
    if m:
        p.flags.append("words-displaced")
        ctx.issue("words-displaced", f"{point_label}: Pasal {p.pasal} ends with words the OCR displaced from "
                  f"their lines ({' '.join(m.group().split())!r}); kept as printed", provision=p.id)


_SUSPECT = re.compile(
    r"(?<![\w])(?=[0-9OolIL]*\d)(?=[0-9OolIL]*[OolIL])[0-9OolIL]{2,}(?![\w])"   # 2OlL, 1O6, 2oll
    r"|\(\d[1l](?=[\s\w])"                                                          # (21 for (2)
    r"|\S*[€^{}\[\]]\S*"                                                            # Er€rrrb€ntuk, ^jelas
    r"|(?<![\w])Pasal\d+\w*"                                                        # Pasal72
    r"|(?<![\w])Pasal\s+\d+\s\d+(?![\w])"                                           # Pasal 1 17
    r"|(?<![\w])\d+[a-zA-Z]{2,}\w*"                                                 # 7l, 52L61
)


def _ocr_suspects(ctx: Ctx, p: Provision) -> None:
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
