"""Shared CLI plumbing: options, the Session a command runs on, progress bar, JSON output."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import typer
from rich.console import Console

from ..service import Session

console = Console()
err_console = Console(stderr=True)

CorpusDirOpt = typer.Option(None, "--corpus-dir", help="Corpus directory (default: LEXQA_CORPUS_DIR, ./corpus/sources, ../shared/corpus-src).")
IndexDirOpt = typer.Option(None, "--index-dir", help="Index directory (default: LEXQA_INDEX_DIR or ./index).")
JsonOpt = typer.Option(False, "--json", help="Machine-readable JSON output.")
StrictOpt = typer.Option(False, "--strict", help="Refuse sources not in the manifest or changed since it was written (sha256).")


def session(corpus_dir: str | None = None, index_dir: str | None = None, *, progress: bool = False) -> Session:
    """The Session of one command; `progress`: a rich bar on stderr while the index is opened or built."""
    return Session(corpus_dir, index_dir, progress=lambda: build_progress(progress))


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


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=_default) + "\n")


def emit_jsonl(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=_default) + "\n")
    sys.stdout.flush()


def _default(o: Any) -> Any:
    if isinstance(o, Path):
        return str(o)
    if hasattr(o, "to_dict"):
        return o.to_dict()
    if hasattr(o, "__dataclass_fields__"):
        from dataclasses import asdict
        return asdict(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def source_warnings(s: Session, ids: list[str], strict: bool = False) -> list[str]:
    """Warn on stderr (once per document) about unverified or modified sources behind `ids`; `strict` refuses them."""
    from ..ingest.manifest import refuse_untrusted, untrusted_sources

    if strict:
        refuse_untrusted(s.corpus, ids)
    msgs = [n.message for n in untrusted_sources(s.corpus, ids)]
    for m in msgs:
        err_console.print(f"warning: {m}", markup=False, highlight=False, soft_wrap=True)
    return msgs
