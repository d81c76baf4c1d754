"""Shared CLI plumbing: options, corpus loading, JSON output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

CorpusDirOpt = typer.Option(None, "--corpus-dir", help="Corpus directory (default: LEXQA_CORPUS_DIR, ./corpus/sources, ../shared/corpus-src).")
IndexDirOpt = typer.Option(None, "--index-dir", help="Index directory (default: LEXQA_INDEX_DIR or ./index).")
JsonOpt = typer.Option(False, "--json", help="Machine-readable JSON output.")


def clean_arg(q: str) -> str:
    """argv bytes that were not UTF-8 arrive as lone surrogates: make them U+FFFD, never crash on print."""
    try:
        q.encode("utf-8")
        return q
    except UnicodeEncodeError:
        return q.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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


def load_corpus(corpus_dir: str | Path | None):
    """Resolve and parse the corpus (seconds)."""
    from ..config import resolve_corpus_dir
    from ..ingest import load_corpus as _load

    return _load(resolve_corpus_dir(corpus_dir))
