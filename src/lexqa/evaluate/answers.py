"""Answer metrics that read the law itself (per question row; summed by `summarise_answers`).

* currency: the first citation of an answer is the version in force on the question's date
  (the gold item's `as_of`, else the run's today) — `lexqa.retrieve.current.unit_of`;
* superseded_as_current: citations shown as the law (any role but "revoked"/"retrieved") whose
  words are not in force on that date (target 0).
"""

from __future__ import annotations

from typing import Any, Sequence

from ..retrieve.current import unit_of

SHOWN_AS_HISTORY = ("revoked", "retrieved")


def currency_row(ans: Any, corpus: Any, as_of: str) -> dict[str, Any]:
    """`current_first` (None: abstained, or the first citation has no legal status) and the ids
    of citations presented as current that are not."""
    if ans.abstained or not ans.citations:
        return {"current_first": None, "not_current": []}
    bad = []
    for c in ans.citations:
        if c.role in SHOWN_AS_HISTORY:
            continue
        u = unit_of(corpus, c.id, as_of)
        if u.state is not None and not u.current:
            bad.append(c.id)
    first = ans.citations[0]
    u = unit_of(corpus, first.id, as_of)
    return {"current_first": None if u.state is None else u.current, "not_current": bad}


def summarise_answers(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    judged = [r["current_first"] for r in rows if r.get("current_first") is not None]
    return {
        "currency": sum(judged) / len(judged) if judged else None,
        "currency_n": len(judged),
        "superseded_as_current": sum(len(r.get("not_current") or []) for r in rows),
        "superseded_as_current_questions": sorted(r["id"] for r in rows if r.get("not_current")),
    }
