"""Rich tables for `lexqa eval`: one comparison table (rows = modes) plus breakdowns."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

COLUMNS = [
    ("R@1", "r@1", "pct"), ("R@5", "r@5", "pct"), ("R@10", "r@10", "pct"), ("MRR", "mrr", "dec"),
    ("nDCG@10", "ndcg@10", "dec"), ("cited-P", "cited_precision", "pct"), ("valid", "citation_validity", "pct"),
    ("abst-P", "abstention_precision", "pct"), ("abst-R", "abstention_recall", "pct"),
    ("false-abst", "false_abstention", "pct"), ("current", "currency", "pct"),
    ("stale", "superseded_as_current", "n"), ("cover", "coverage", "pct"), ("polar", "polarity", "pct"),
    ("facts", "key_facts", "pct"), ("lit-basis", "literature_as_basis", "n"), ("trunc", "truncation_defects", "n"),
    ("p50 ms", "p50_ms", "ms"), ("p95 ms", "p95_ms", "ms"),
]


def fmt(v: Any, kind: str) -> str:
    if v is None:
        return "–"
    if kind == "pct":
        return f"{100 * v:.1f}"
    if kind == "dec":
        return f"{v:.3f}"
    if kind == "n":
        return str(v)
    return f"{v:.0f}"


def comparison_table(results: dict[str, Any]) -> Table:
    g = results.get("gold", {})
    t = Table(title=f"lexqa eval — {g.get('questions', '?')} questions ({g.get('answerable', '?')} answerable), "
                    f"embedder {results.get('embedder')}; recall/precision in %")
    t.add_column("mode", style="bold")
    for head, _, _ in COLUMNS:
        t.add_column(head, justify="right")
    for mode, s in results["summary"].items():
        t.add_row(mode, *[fmt(s.get(key), kind) for _, key, kind in COLUMNS])
    return t


def breakdown_table(results: dict[str, Any], field: str) -> Table:
    t = Table(title=f"by {field} (R@5 % / MRR)")
    t.add_column("mode", style="bold")
    values = sorted({v for s in results["summary"].values() for v in s.get(f"by_{field}", {})})
    for v in values:
        n = next((s[f"by_{field}"][v]["n_answerable"] for s in results["summary"].values()
                  if v in s.get(f"by_{field}", {})), 0)
        t.add_column(f"{v} (n={n})", justify="right")
    for mode, s in results["summary"].items():
        b = s.get(f"by_{field}", {})
        t.add_row(mode, *[(f"{fmt(b[v].get('r@5'), 'pct')} / {fmt(b[v].get('mrr'), 'dec')}" if v in b else "–")
                          for v in values])
    return t


def misses_table(results: dict[str, Any], mode: str = "hybrid", limit: int = 15) -> Table | None:
    rows = [r for r in results["questions"].get(mode, []) if r.get("answerable") and r["metrics"]["r@10"] == 0]
    if not rows:
        return None
    t = Table(title=f"{mode}: answerable questions with no gold Pasal in the top 10 ({len(rows)})")
    t.add_column("id")
    t.add_column("gold")
    t.add_column("top 3 retrieved")
    for r in rows[:limit]:
        t.add_row(r["id"], ", ".join(r["gold"]), ", ".join(r["ranked"][:3]))
    return t


def print_report(results: dict[str, Any], console: Console | None = None) -> None:
    if console is None:
        # a comparison table needs the width; pipes and CI default to 80 columns
        console = Console(width=max(Console().width, 160))
    console.print(comparison_table(results))
    console.print(breakdown_table(results, "language"))
    console.print(breakdown_table(results, "persona"))
    first = next(iter(results["summary"]), None)
    if first:
        m = misses_table(results, first)
        if m is not None:
            console.print(m)
    for n in results.get("notes", []):
        console.print(f"[dim]note: {n}[/dim]")
