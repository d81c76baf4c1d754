"""The Penjelasan of the amendment article: entries per point, article, ayat and huruf, linked by `explains`."""

from __future__ import annotations

import re

from ...models import Provision
from ..ocr import AMENDMENT_DIGIT_CLASS as _DIGITISH, PENJELASAN_AYAT_DIGITS
from ..spans import is_ocr_furniture_line
from .context import Ctx
from .numbers import norm_pasal, ocr_int, pasal_slug

# Penjelasan markers (capitalised: the body text writes "ayat (1)", the Penjelasan "Ayat (1)")
_PJ_MARK = re.compile(
    rf"(?<![\w])(?:(?P<angka>Angka[ \t]?(?P<an>[{_DIGITISH}]{{1,3}}(?:[ \t]\d(?=\s))?)(?![\w.]))"
    rf"|(?P<ayat>Ayat[ \t]?\((?P<ay>[^)\s]{{1,3}})[)1l]?)"
    rf"|(?P<huruf>Huruf[ \t](?P<hu>[a-z])(?![\w]))"
    rf"|(?P<pasal>Pasal[ \t]?(?P<pn>[{_DIGITISH}][{_DIGITISH} ]{{0,4}}[A-Za-z]?)(?=[ \t]*(?:\n|$|Ayat|Huruf|Cukup|[A-Z]))))"
)
_CUKUP = re.compile(r"^\W*Cukup\s*\^?\s*jelas\W*$", re.I)


def parse_penjelasan(ctx: Ctx, head: int, end: int, body_ids: set[str], points: dict[int, Provision],
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
        if is_ocr_furniture_line(line):
            continue
        if m.group("angka"):
            v = ocr_int(m.group("an"))
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
            v = raw.rstrip("?").translate(PENJELASAN_AYAT_DIGITS)
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
            parts.append(f"pasal-{pasal_slug(st['pasal'])}")
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
