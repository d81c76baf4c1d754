"""CLI: ``lexqa history CITATION`` (a provision's timeline) and ``lexqa diff CITATION`` (word diff of two versions)."""

from __future__ import annotations

from typing import Optional

import typer

from ..service.history import describe_row
from .common import CorpusDirOpt, JsonOpt, emit_json, session


def register(app: typer.Typer) -> None:
    """Add `history` and `diff` to the main app."""

    @app.command("history")
    def history(
        citation: list[str] = typer.Argument(..., help='e.g. "UU 6/2011 Pasal 16", "UU 23/2002 Pasal 76F"'),
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
    ) -> None:
        """Every version of a provision: dates, the provision whose words it is, what started it."""
        h = session(corpus_dir).history(" ".join(citation).strip())
        if json_out:
            emit_json(h.to_dict())
            return
        print(f"{h.label}  [{h.address}]")
        for r in h.versions:
            print("  " + describe_row(r))

    @app.command("diff")
    def diff(
        citation: list[str] = typer.Argument(..., help='e.g. "UU 6/2011 Pasal 16 ayat (1) huruf b"'),
        from_date: Optional[str] = typer.Option(None, "--from", help="date of the older version (default: the one before)"),
        to_date: Optional[str] = typer.Option(None, "--to", help="date of the newer version (default today)"),
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
    ) -> None:
        """Word-level diff of the versions in force on two dates: [-removed-] {+added+}."""
        d = session(corpus_dir).diff(" ".join(citation).strip(), from_date, to_date)
        if json_out:
            emit_json(d.to_dict())
            return
        for side, v in (("from", d.from_version), ("to", d.to_version)):
            print(f"{side}: {describe_row(v)}")
        print("")
        print(d.render())
