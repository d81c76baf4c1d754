"""CLI: ``lexqa search QUERY`` — ranked provisions (hybrid, dense or BM25)."""

from __future__ import annotations

import re
from typing import Optional

import typer

from ..service.session import clean_text
from .common import CorpusDirOpt, IndexDirOpt, JsonOpt, console, emit_json, session


def snippet(text: str, terms: list[str], width: int = 220) -> str:
    flat = " ".join(text.split())
    pos = -1
    for t in terms:
        m = re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", flat, re.I)
        if m and (pos < 0 or m.start() < pos):
            pos = m.start()
    start = max(0, pos - 60) if pos >= 0 else 0
    s = flat[start : start + width]
    return ("…" if start else "") + s + ("…" if start + width < len(flat) else "")


def register(app: typer.Typer) -> None:
    @app.command("search")
    def search_cmd(
        query: str = typer.Argument(..., help="Question, keywords or a citation (Indonesian or English)."),
        k: int = typer.Option(10, "-k", "--k", min=1, max=1000, help="Number of results."),
        mode: str = typer.Option("hybrid", "--mode", help="hybrid | dense | bm25 | exact"),
        doc: Optional[list[str]] = typer.Option(None, "--doc", help="Only this document id (repeatable)."),
        kind: Optional[str] = typer.Option(None, "--kind", help="Only chunks of this kind (pasal, article, penjelasan, ...)."),
        language: Optional[str] = typer.Option(None, "--language", help="Only documents in this language (id, en)."),
        in_force: bool = typer.Option(False, "--in-force", help="Only provisions in force."),
        index_dir: Optional[str] = IndexDirOpt,
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
        as_of: Optional[str] = typer.Option(None, "--as-of", help="the date the law is read on (YYYY-MM-DD; default today)"),
    ) -> None:
        """Search the corpus as it stands on a date (default today); the index is built on first use."""
        from ..retrieve import Filters

        from ..cite.inputs import check_names
        from ..index.chunk import UNIT_KINDS

        check_names("kind", kind, UNIT_KINDS | {"penjelasan"})  # a typo says so instead of returning nothing
        filters = Filters(doc=doc or None, kind=kind, language=language, in_force_only=in_force)
        s = session(corpus_dir, index_dir, progress=not json_out)
        if doc:
            check_names("document", doc, s.retriever.index.lookup.doc_ids())
        rows = s.search(clean_text(query), k, mode, filters, as_of=as_of).to_dict()
        if json_out:
            emit_json(rows)
            return
        if not rows:
            console.print("no results")
            return
        from rich.table import Table
        from rich.text import Text

        t = Table(show_lines=True)
        t.add_column("#", justify="right")
        t.add_column("provision", style="bold")
        t.add_column("status")
        t.add_column("score", justify="right")
        t.add_column("text")
        for row in rows:
            snip = Text(snippet(row["text"], row["matched_terms"]))
            if row["matched_terms"]:
                snip.highlight_words(row["matched_terms"], style="bold yellow", case_sensitive=False)
            st = row["status"]
            st_style = "green" if row["in_force"] and st.startswith("in force") else (
                "red" if not row["in_force"] and st not in ("", "treaty", "declaration") else "yellow")
            label = row["label"] + (f"\n[dim]via {row['via']}[/]" if row["via"] else "")
            t.add_row(str(row["rank"]), label, Text(st, style=st_style), f"{row['score']:.3f}", snip)
        console.print(t)
