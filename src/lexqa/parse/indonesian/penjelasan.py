"""Penjelasan Pasal demi Pasal: split one entry into its "Ayat (2)" / "Huruf c" / "Angka 3" parts.

Penjelasan entries often run several markers together on one line ("Ayat (1) Huruf a Cukup
jelas. Huruf b ..."), so a marker is taken at a line start, after a sentence end, or right
after another marker — always capitalised, and in increasing order within its parent.
Each part links (`explains`) to the body provision it explains, falling back to the nearest
existing ancestor when the body has no such part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import ParseIssue, Provision
from ..ocr import fix_digits
from ..spans import trim_regulation
from .items import inherited_fields

_MARK_RE = re.compile(
    r"(?<![\w])(?P<kind>Ayat|Huruf|Angka)[ \t]*"
    r"(?:\([ \t]*(?P<ay>[0-9lIO]{1,3}[a-z]?)[ \t]*\)|(?P<lab>[a-z]{1,2}|\d{1,3}[a-z]?))(?![\w(])"
)
_EMPTY_RE = re.compile(r"(?is)^\s*cukup\s+\^?je[l1i]as\s*[.,]?\s*$")  # OCR: "Cukup ^jeias"
_LEVEL = {"ayat": 0, "huruf": 1, "angka": 2}


def is_cukup_jelas(s: str) -> bool:
    return bool(_EMPTY_RE.match(s))


@dataclass
class _P:
    kind: str
    label: str
    start: int
    mend: int
    parent: int
    fixed: bool


def _key(kind: str, label: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", label)
    if m:
        return int(m.group(1)), m.group(2)
    return (0, label) if len(label) == 1 else (100, label)


def split_penjelasan_entry(text: str, start: int, end: int, prefix: str, body_prefix: str,
                           body_ids: set[str], *, doc: str, source_file: str | None,
                           base: dict[str, str | None] | None = None,
                           issues: list[ParseIssue] | None = None) -> list[Provision]:
    """Parts of the Penjelasan entry text[start:end]; ids under `prefix`, explaining ids under `body_prefix`."""
    parts: list[_P] = []
    last_end = start
    path: dict[int, int] = {}          # level → index of the open part
    for m in _MARK_RE.finditer(text, start, end):
        pos = m.start()
        j = pos - 1
        while j >= start and text[j] in " \t_\u00a0":
            j -= 1
        ok = j < start or text[j] in "\n.;:" or j < last_end or (not text[last_end:pos].strip(" \t_"))
        if not ok:
            continue
        kind = m.group("kind").lower()
        raw = m.group("ay") if m.group("ay") is not None else m.group("lab")
        fixed = False
        if kind in ("ayat", "angka"):
            raw, fixed = fix_digits(raw)
            if not raw[:1].isdigit():
                continue
        elif not raw.isalpha():
            continue
        lvl = _LEVEL[kind]
        parent = -1
        for pl in range(lvl - 1, -1, -1):
            if pl in path:
                parent = path[pl]
                break
        # must increase against the previous sibling under the same parent
        prev_sib = path.get(lvl)
        if prev_sib is not None and parts[prev_sib].parent == parent:
            if _key(kind, raw) <= _key(kind, parts[prev_sib].label):
                continue
        parts.append(_P(kind, raw, pos, m.end(), parent, fixed))
        idx = len(parts) - 1
        for pl in list(path):
            if pl >= lvl:
                del path[pl]
        path[lvl] = idx
        last_end = m.end()
    out: list[Provision] = []
    ids: list[str] = []
    for k, p in enumerate(parts):
        e = end
        for j2 in range(k + 1, len(parts)):
            if _is_ancestor_level(parts, j2, k):
                e = parts[j2].start
                break
        s, e = trim_regulation(text, p.start, e)
        par_id = prefix if p.parent < 0 else ids[p.parent]
        pid = f"{par_id}/{p.kind}-{p.label.lower()}"
        ids.append(pid)
        tail = pid[len(prefix):]
        target = body_prefix + tail
        flags: list[str] = []
        explains = target
        while explains not in body_ids and "/" in explains[len(body_prefix):] :
            explains = explains.rsplit("/", 1)[0]
        if explains != target:
            flags.append("explains-ancestor")
            if explains not in body_ids:
                explains = None  # type: ignore[assignment]
        fields = inherited_fields(base, None if p.parent < 0 else out[p.parent])
        fields[p.kind] = p.label
        body = text[p.mend:e] if p.mend <= e else ""
        empty = is_cukup_jelas(body)
        if p.fixed:
            flags.append("ocr-marker-fixed")
        out.append(Provision(
            id=pid, doc=doc, kind="penjelasan", text=text[s:e], pasal=fields.get("pasal"),
            ayat=fields.get("ayat"), huruf=fields.get("huruf"), angka=fields.get("angka"),
            heading=text[p.start:p.mend], parent=par_id, source_file=source_file, start=s, end=e,
            explains=explains, empty=empty, flags=flags,
        ))
    return out


def _is_ancestor_level(parts: list[_P], j: int, k: int) -> bool:
    """True when part j is not inside part k (its parent chain does not reach k)."""
    q = parts[j].parent
    while q >= 0:
        if q == k:
            return False
        q = parts[q].parent
    return True
