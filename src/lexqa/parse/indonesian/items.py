"""Ayat / huruf / angka: splitting one article body along its marker sequences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import ParseIssue, Provision
from ..ocr import fix_digits
from ..spans import REGULATION_EDGE, has_inner_furniture, trim_regulation
from .headings import next_suffix
from .positions import add_issue

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
        out.add(f"{n}{next_suffix(suf.upper()).lower()}")
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


def inherited_fields(base: dict[str, str | None] | None, parent: Provision | None) -> dict[str, str | None]:
    """The pasal / ayat / huruf / angka an item starts from: `base` at the top level, else its parent's."""
    if parent is None:
        return dict(base or {})
    return {"pasal": parent.pasal, "ayat": parent.ayat, "huruf": parent.huruf, "angka": parent.angka}


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
                add_issue(issues, doc, "missing-ayat", f"{prefix}: body starts at ayat ({label})", source_file,
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
            add_issue(issues, doc, "ocr-suspect", f"{prefix}: marker '{m.group(0)}' does not fit the sequence;"
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
        fields = inherited_fields(base, None if it.parent < 0 else out[it.parent])
        fields[it.kind] = it.label
        p = Provision(
            id=pid, doc=doc, kind=it.kind, text=text[s:e], pasal=fields.get("pasal"),
            ayat=fields.get("ayat"), huruf=fields.get("huruf"), angka=fields.get("angka"),
            parent=parent_id, context=dict(context or {}), source_file=source_file, start=s, end=e,
        )
        if it.fixed:
            p.flags.append("ocr-marker-fixed")
            add_issue(issues, doc, "ocr-marker-fixed", f"{pid}: OCR-garbled marker '{it.raw}' read as "
                      f"{it.kind} {it.label}", source_file, pid, severity="info")
        if has_inner_furniture(p.text):
            p.flags.append("page-header-inside")
        out.append(p)
    return out
