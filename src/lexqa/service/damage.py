"""Why a citation does not resolve, when the answer is damage in the source rather than absence."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cite.citation import Resolution
    from ..store import Corpus


def unresolved_reason(corpus: "Corpus", res: "Resolution") -> tuple[str, list[str]]:
    """(reason, nearest ids) of an unresolved citation: a lost heading points at the text that holds it."""
    from ..parse.damage import lost_heading

    d = corpus.doc(res.doc) if res.doc else None
    lost = lost_heading(d.issues, res.ref.pasal) if d is not None and res.ref.pasal else None
    if lost is None:
        return res.reason, list(res.nearest)
    where = f"{lost.source_file} offset {lost.offset}" if lost.source_file else f"offset {lost.offset}"
    reason = (f"{d.meta.label} Pasal {lost.pasal}: the source lost this heading; its text is inside "
              f"{corpus.label(lost.into)} ({where}: \u201c{lost.quote}\u2026\u201d)")
    return reason, [lost.into] + [i for i in res.nearest if i != lost.into]
