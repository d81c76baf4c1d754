"""A whole regulation: zones (preamble, body, closing, Penjelasan), headings, articles, Penjelasan entries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...models import DocumentMeta, ParseIssue, Provision, SourceText
from ..spans import has_inner_furniture, trim_regulation
from .headings import PasalNo, heading_title, scan_other_heads, scan_pasal_heads
from .items import split_pasal_body
from .penjelasan import is_cukup_jelas, split_penjelasan_entry
from .positions import add_issue
from .recover import recover_heads, report_recovered

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
    pasal_heads = recover_heads(text, scan_pasal_heads(text, z.body_lo, z.body_hi, None, doc, sf, issues, "body"),
                                doc, sf, issues)
    roman = bool(pasal_heads) and pasal_heads[0].number is not None and pasal_heads[0].number.roman
    other = scan_other_heads(text, z.body_lo, z.body_hi, doc, sf, issues, [h.pos for h in pasal_heads])
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
            title = heading_title(text, h, stop)
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
                add_issue(issues, doc, "glued-heading", f"heading '{title[:60]}' was run into the previous line",
                          sf, severity="info")
            continue
        assert h.number is not None
        n_pasal += 1
        pid = _pid(doc, h.number)
        p = _mk(doc, src, pid, "pasal", h.end, stop, pasal=h.number.label, heading=f"Pasal {h.number.label}",
                parent=None, context=dict(ctx))
        if h.recovered:
            p.flags.append("heading-recovered")
            if h.fixed:
                p.flags.append("ocr-marker-fixed")
            report_recovered(issues, doc, sf, h, pid)
        elif h.glued:
            p.flags.append("glued-heading")
            add_issue(issues, doc, "glued-heading", f"Pasal {h.number.label} heading was run into the previous line",
                      sf, pid, severity="info")
        if h.fixed and not h.recovered:
            p.flags.append("ocr-marker-fixed")
            add_issue(issues, doc, "ocr-marker-fixed", f"heading 'Pasal {h.raw}' read as Pasal {h.number.label}",
                      sf, pid, severity="info")
        if "page-header-inside" in p.flags:
            add_issue(issues, doc, "page-header-inside", f"Pasal {h.number.label} text contains a running page "
                      "header/footer line", sf, pid, severity="info")
        if not p.text:
            p.flags.append("missing-body")
            add_issue(issues, doc, "missing-body", f"Pasal {h.number.label} has a heading but no text in {sf}",
                      sf, pid, severity="error")
        out.append(p)
        body_ids.add(pid)
        if p.text and not h.number.roman:
            kids = split_pasal_body(text, p.start or 0, p.end or 0, pid, doc=doc, source_file=sf,
                                    base={"pasal": p.pasal}, context=p.context, issues=issues,
                                    definitions=h.number.num == 1)
            for k in kids:
                if "page-header-inside" in k.flags:
                    add_issue(issues, doc, "page-header-inside", f"{k.id} text contains a running page header",
                              sf, k.id, severity="info")
            out.extend(kids)
            body_ids.update(k.id for k in kids)
    if n_pasal == 0:
        add_issue(issues, doc, "no-pasal", f"no Pasal heading found in {sf}", sf, severity="error")

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
            add_issue(issues, doc, "penjelasan-unparsed", "Penjelasan found but neither UMUM nor PASAL DEMI PASAL",
                      sf, severity="warning")
    return out, issues


def _parse_pdp(text: str, lo: int, hi: int, roman: bool, doc: str, src: SourceText, body_ids: set[str],
               issues: list[ParseIssue]) -> list[Provision]:
    sf = src.file

    heads = scan_pasal_heads(text, lo, hi, roman, doc, sf, issues, "penjelasan", ranges=True)
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
            add_issue(issues, doc, "penjelasan-orphan", f"Penjelasan Pasal {label} explains no parsed body Pasal",
                      sf, pid)
        if h.fixed:
            p.flags.append("ocr-marker-fixed")
        if h.glued:
            p.flags.append("glued-heading")
        if not p.text:
            p.flags.append("missing-body")
            add_issue(issues, doc, "missing-body", f"Penjelasan Pasal {label} has a heading but no text",
                      sf, pid, severity="warning")
        out.append(p)
        if p.text and not h.number.roman:
            out.extend(split_penjelasan_entry(text, p.start or 0, p.end or 0, pid, body_id, body_ids, doc=doc,
                                              source_file=sf, base={"pasal": label}, issues=issues))
    return out
