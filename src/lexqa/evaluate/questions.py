"""How well questions are read (`lexqa.answer.question.read_question`) against labelled items.

An item is a gold item (`lexqa.evaluate.gold.GoldItem`) or a mapping with the same keys. Read,
when present (``getattr(item, name, None)``, so items without the fields are skipped, not failed):

* ``qtype``: the expected question type (one of `lexqa.answer.question.QTYPES`);
* ``polarity``: the expected answer's polarity ("yes" | "no" | "only-if"): the question is a
  yes/no question; ``polar`` (bool): whether it is, for labelled sets that say so both ways;
* ``issues``: the expected issue types of a scenario, in order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable

from ..answer.question import QTYPES, read_question

POLARITIES = ("yes", "no", "only-if")


def _get(item: Any, name: str) -> Any:
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def question_type_accuracy(items: Iterable[Any]) -> dict[str, Any]:
    """Accuracy of the question type overall and per type, the confusion (gold → predicted →
    count), yes/no accuracy and scenario-issue accuracy where the items carry those labels."""
    n = correct = unlabelled = 0
    per: dict[str, Counter[str]] = defaultdict(Counter)
    predicted: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    polar_n = polar_ok = 0
    issues_n = issues_ok = 0
    for it in items:
        q = _get(it, "question") or ""
        r = read_question(q)
        gold = _get(it, "qtype")
        if gold is None:
            unlabelled += 1
        else:
            n += 1
            per[gold][r.qtype] += 1
            predicted[r.qtype] += 1
            if r.qtype == gold:
                correct += 1
            else:
                errors.append({"id": _get(it, "id"), "question": q, "gold": gold, "predicted": r.qtype})
        want_polar = _get(it, "polar")
        if want_polar is None and _get(it, "polarity") in POLARITIES:
            want_polar = True
        if want_polar is not None:
            polar_n += 1
            polar_ok += int(r.polar == bool(want_polar))
        want_issues = _get(it, "issues")
        if want_issues:
            issues_n += 1
            issues_ok += int([i.qtype for i in r.issues] == list(want_issues))
    per_qtype = {}
    for t in [*QTYPES, *sorted(set(per) - set(QTYPES))]:
        row = per.get(t)
        if not row and not predicted.get(t):
            continue
        total = sum(row.values()) if row else 0
        hit = row[t] if row else 0
        per_qtype[t] = {"n": total, "correct": hit, "accuracy": _ratio(hit, total),
                        "precision": _ratio(hit, predicted.get(t, 0))}
    return {
        "n": n,
        "unlabelled": unlabelled,
        "accuracy": _ratio(correct, n),
        "per_qtype": per_qtype,
        "confusion": {g: dict(c) for g, c in sorted(per.items())},
        "polar": {"n": polar_n, "accuracy": _ratio(polar_ok, polar_n)},
        "issues": {"n": issues_n, "accuracy": _ratio(issues_ok, issues_n)},
        "errors": errors,
    }
