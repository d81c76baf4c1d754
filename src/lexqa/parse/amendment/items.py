"""Ayat / huruf / angka of an article a point writes."""

from __future__ import annotations

import re

from ...models import Provision
from .. import indonesian
from ..ocr import AMENDMENT_DIGITS
from .context import Ctx

_ITEM = re.compile(
    r"(?m)^[ \t]*(?:\((?P<ay>\d{1,2}[a-z]?)\)|\((?P<ayo>\d)[1l](?=[\s\w])|(?P<hu>[a-z])[.-](?=\s)"
    r"|(?P<an>[0-9tOl]{1,2}[a-z]?)\s?\.(?=\s))")


def split_children(ctx: Ctx, start: int, end: int, prefix: str, pasal: str,
                   common: dict) -> list[Provision]:
    """Ayat / huruf / angka of one written article: the regulation splitter, else the local one."""
    try:
        kids = indonesian.split_pasal_body(ctx.text, start, end, prefix, doc=ctx.doc, source_file=ctx.src.file,
                                           base={"pasal": pasal}, issues=ctx.issues,
                                           definitions=(pasal == "1"))
    except Exception as exc:  # noqa: BLE001 - a splitter bug on one damaged article is reported, and
        # must cost only that article's split, never the amendment structure of the whole law
        ctx.issue("splitter-error", f"split_pasal_body failed ({exc!r}); used the local splitter",
                  provision=prefix, severity="info")
    else:
        for k in kids:
            k.amends, k.change, k.point = common["amends"], common["change"], common["point"]
            k.pasal = k.pasal or pasal
            if ctx.has_furniture(k.start or 0, k.end or 0) and "page-furniture" not in k.flags:
                k.flags.append("page-furniture")
        return kids
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


def _local_split(ctx: Ctx, start: int, end: int, prefix: str, pasal: str, common: dict) -> list[Provision]:
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
            v = raw.translate(AMENDMENT_DIGITS)
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
