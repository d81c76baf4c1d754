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

Modules, in pipeline order: `containers` (where Pasal I and its Penjelasan start and end),
`points` (the numbered points), `instructions` (what a point changes), `bodies` (the point and
article provisions), `items` (their ayat / huruf / angka), `penjelasan` (the Penjelasan
entries); `context` holds the shared state, `numbers` the OCR-tolerant number reading.
"""

from __future__ import annotations

from ...models import DocumentMeta, ParseIssue, Provision, SourceText
from ..spans import FurnitureSpans, is_ocr_furniture_line
from .bodies import parse_body
from .containers import find_body_end, find_containers, find_penjelasan_end, note_fragment, pasal_ii
from .context import Ctx
from .numbers import norm_pasal
from .penjelasan import parse_penjelasan, relink_penjelasan

__all__ = ["expand_amendments", "norm_pasal", "relink_penjelasan"]


def expand_amendments(meta: DocumentMeta, src: SourceText,
                      provisions: list[Provision]) -> tuple[list[Provision], list[ParseIssue]]:
    """Replace the naive parse of Pasal I (or Pasal 106) and its Penjelasan by amendment provisions."""
    text = src.text
    ctx = Ctx(meta=meta, src=src, text=text, furniture=FurnitureSpans(text, is_ocr_furniture_line), issues=[],
              target=meta.amends[0] if meta.amends else None)
    if ctx.target is None:
        ctx.issue("no-target", "amendment law without a target document in the manifest (amends = [])")

    body, pj = find_containers(ctx)
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
        body_end = find_body_end(ctx, head)
        regions.append((head, body_end))
        body_provs = parse_body(ctx, head, body_end)
        new.extend(body_provs)
        body_ids = {p.id for p in body_provs}
        points = {int(p.angka): p for p in body_provs if p.kind == "point" and p.angka}
        if "excerpt" in src.file:
            note_fragment(ctx, 0, head)
            regions.append((0, head))
    if pj is not None:
        head, label = pj
        ctx.label = label
        pj_end = find_penjelasan_end(ctx, head)
        regions.append((head, pj_end))
        only_pj = body is None
        new.extend(parse_penjelasan(ctx, head, pj_end, body_ids, points, only_pj))
        if only_pj and "excerpt" in src.file:
            note_fragment(ctx, 0, head)
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
        extra = pasal_ii(ctx, regions[0][1])
        if extra is not None:
            new.append(extra)
    # reading order: by offset, a parent before the children that start where it starts
    if all(p.start is not None for p in kept):
        out = sorted(kept + new, key=lambda p: (p.source_file != src.file, p.start, -(p.end or 0)))
    else:
        out = kept + new
    return out, ctx.issues
