"""The amendment article ("Pasal I" / "Pasal 106") and its Penjelasan: where they start and end."""

from __future__ import annotations

import re

from ...models import Provision
from ..ocr import AMENDMENT_DIGIT_CLASS as _DIGITISH
from .context import Ctx, next_content

_CONTAINER = re.compile(r"(?<![\w])Pasal[ \t]+(I|1[O0o]6)(?![\w])")
_END_BODY = re.compile(r"(?m)^[ \t]*(?:Pasal[ \t]+(?:II|1[O0]7)\b|PENJELASAN\b|Bagian\s+Ketiga\b)")


def find_containers(ctx: Ctx) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    body = pj = None
    bodies: list[tuple[int, str]] = []
    for m in _CONTAINER.finditer(ctx.text):
        label = "I" if m.group(1) == "I" else "106"
        nxt = next_content(ctx, m.end())
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


def find_body_end(ctx: Ctx, head: int) -> int:
    m = _END_BODY.search(ctx.text, head + 8)
    end = m.start() if m else len(ctx.text)
    for m2 in _CONTAINER.finditer(ctx.text, head + 8, end):   # a later Penjelasan container
        nxt = next_content(ctx, m2.end())
        if ctx.text.startswith("Angka", nxt):
            end = m2.start()
            break
    return end


def find_penjelasan_end(ctx: Ctx, head: int) -> int:
    m = re.compile(r"(?<![\w])Pasal[ \t]+(?:II|1[O0]7)(?![\w])|TAMBAHAN LEMBARAN NEGARA").search(
        ctx.text, head + 8)
    return m.start() if m else len(ctx.text)


def note_fragment(ctx: Ctx, start: int, head: int) -> None:
    s, e = ctx.trim(start, head)
    if e > s:
        snippet = " ".join(ctx.text[s:e].split())[:80]
        ctx.issue("fragment", f"excerpt begins with text of a preceding provision ({snippet!r}); "
                  "not parsed as amendment points", severity="info")


def pasal_ii(ctx: Ctx, pos: int) -> Provision | None:
    m = re.compile(r"(?m)^[ \t]*Pasal[ \t]+II[ \t]*$").search(ctx.text, pos)
    if not m:
        return None
    stop = re.compile(r"Agar setiap orang|Disahkan di|PENJELASAN").search(ctx.text, m.end())
    s, e = ctx.trim(m.start(), stop.start() if stop else len(ctx.text))
    return ctx.prov(f"{ctx.doc}/pasal-ii", "pasal", s, e, heading="Pasal II", pasal="II",
                    parent=None)
