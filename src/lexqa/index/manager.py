"""Keeping an index usable: is it fresh, and (re)build it when it is not.

One place decides staleness and rebuilds, for every caller (the service Session, the CLI's
`index build`, `Retriever.open(auto_build=True)`): a rebuild reuses the embedding cache the
previous build used, so only changed text is embedded again.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import IndexError_
from ..store import Corpus
from .store import BuildReport, Progress, build_index, read_meta, refresh_fingerprint, stale_reasons


def previous_cache(meta: dict | None) -> str | None:
    """The embedding-cache directory of the last build, when it still exists (LEXQA_CACHE_DIR wins)."""
    old = (meta or {}).get("cache_dir")
    if old and Path(old).is_dir() and not os.environ.get("LEXQA_CACHE_DIR"):
        return old
    return None


def rebuild(corpus: Corpus, index_dir: Path, embedder: str | None, meta: dict | None,
            progress: Progress | None = None) -> BuildReport:
    """Build `corpus` into `index_dir` with `embedder` (None: the index's own, else the default)."""
    return build_index(corpus, index_dir, embedder or (meta or {}).get("embedder"), progress=progress,
                       cache=previous_cache(meta))


def ensure_index(index_dir: Path, corpus: Corpus | None = None, *, embedder: str | None = None,
                 corpus_dir: str | Path | None = None, auto_build: bool = True,
                 progress: Progress | None = None) -> Corpus | None:
    """Make the index at `index_dir` fresh for `corpus` (or for the corpus files at `corpus_dir`).

    With `corpus`, staleness is its checksum; without, the corpus files' sizes/mtimes (the corpus
    is parsed only when they changed; an identical parse just records the new fingerprint).
    A stale or missing index is rebuilt when `auto_build`, else IndexError_ says why.
    Returns the corpus when this call had to parse it, else `corpus` as given.
    """
    meta = read_meta(index_dir)
    cdir = corpus_dir or (corpus.corpus_dir if corpus is not None else None) or (meta or {}).get("corpus_dir")
    reasons = stale_reasons(meta, corpus=corpus, embedder=embedder, corpus_dir=cdir if corpus is None else None)
    if not reasons:
        return corpus
    if not auto_build:
        raise IndexError_(f"index at {index_dir} is not usable: {'; '.join(reasons)}", hint="run `lexqa index build`")
    if corpus is None:
        from ..config import resolve_corpus_dir
        from ..ingest import load_corpus

        corpus = load_corpus(resolve_corpus_dir(cdir))
        if meta is not None and not stale_reasons(meta, corpus=corpus, embedder=embedder):
            refresh_fingerprint(index_dir, corpus.corpus_dir)  # files touched, parse identical
            return corpus
    rebuild(corpus, index_dir, embedder, meta, progress)
    return corpus
