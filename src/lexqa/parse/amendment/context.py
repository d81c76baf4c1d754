"""The state of one amendment expansion: the source text, its furniture, the issues found."""

from __future__ import annotations

from dataclasses import dataclass

from ...models import DocumentMeta, ParseIssue, Provision, SourceText
from ..spans import FurnitureSpans, trim_span


@dataclass
class Ctx:
    meta: DocumentMeta
    src: SourceText
    text: str
    furniture: FurnitureSpans
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
        return self.furniture.overlaps(start, end)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink [start, end) past whitespace and page furniture at both edges."""
        return trim_span(self.text, start, end, furniture=self.furniture)

    def prov(self, pid: str, kind: str, start: int, end: int, **kw) -> Provision:
        flags = kw.pop("flags", [])
        p = Provision(id=pid, doc=self.doc, kind=kind, text=self.text[start:end],
                      source_file=self.src.file, start=start, end=end, **kw)
        p.flags = list(dict.fromkeys(flags))
        if self.has_furniture(start, end) and "page-furniture" not in p.flags:
            p.flags.append("page-furniture")
        return p


def next_content(ctx: Ctx, pos: int) -> int:
    """Position of the next text that is neither whitespace nor page furniture."""
    t = ctx.text
    while True:
        while pos < len(t) and t[pos].isspace():
            pos += 1
        hit = ctx.furniture.end_at(pos)
        if hit is None:
            return pos
        pos = hit


def point_id(ctx: Ctx, n: int) -> str:
    return f"{ctx.doc}/pasal-{ctx.slug}/angka-{n}"
