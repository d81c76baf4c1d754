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
from . import layout
from .integrity import DAMAGED, REBUILD
from .store import (FORMAT, READABLE, BuildReport, Progress, build_index, lost_documents, read_meta,
                    refresh_fingerprint, stale_reasons, warn)


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

    With `corpus`, staleness is its checksum; without, the corpus files' content hashes (the
    corpus is parsed only when they changed; an identical parse just records the new hashes).
    A missing or stale index is rebuilt when `auto_build`, else IndexError_ says why. A read
    command never makes things worse: a damaged index, one of another format, or a rebuild that
    would drop documents (the corpus lost files) is an IndexError_ naming what and what to run;
    a stale index in a read-only location is served as is, with a warning.
    Returns the corpus when this call had to parse it, else `corpus` as given.
    """
    layout.recover(Path(index_dir))
    meta = read_meta(index_dir)
    cdir = (corpus_dir or (corpus.corpus_dir if corpus is not None else None) or os.environ.get("LEXQA_CORPUS_DIR")
            or (meta or {}).get("corpus_dir"))
    reasons = stale_reasons(meta, corpus=corpus, embedder=embedder, corpus_dir=cdir if corpus is None else None)
    if not reasons:
        return corpus
    if reasons[0].startswith(DAMAGED):
        raise IndexError_(f"{reasons[0]} (at {index_dir})", hint=REBUILD)
    if meta is not None and meta.get("format") not in READABLE:
        raise IndexError_(f"the index at {index_dir} has format {meta.get('format')}; this lexqa reads "
                          f"format {FORMAT}", hint=REBUILD)
    if not auto_build:
        raise IndexError_(f"index at {index_dir} is not usable: {'; '.join(reasons)}", hint="run `lexqa index build`")
    if meta is not None and not layout.writable(Path(index_dir)):
        warn(f"the index at {index_dir} is stale ({'; '.join(reasons)}) but its location is read-only: "
             "serving it as it is")
        return corpus
    if corpus is None:
        from ..config import resolve_corpus_dir
        from ..ingest import load_corpus

        corpus = load_corpus(resolve_corpus_dir(cdir))
        if meta is not None and not stale_reasons(meta, corpus=corpus, embedder=embedder):
            refresh_fingerprint(index_dir, corpus.corpus_dir)  # files touched, parse identical
            return corpus
    lost = lost_documents(meta, corpus)
    if lost:
        raise IndexError_(
            f"not rebuilding the index at {index_dir} from a read command: the corpus at {corpus.corpus_dir} "
            f"lacks {len(lost)} of its {len((meta or {}).get('docs') or {})} documents "
            f"({', '.join(lost[:8])}{' …' if len(lost) > 8 else ''})",
            hint="restore the files, or run `lexqa index build --force` to index the corpus as it is")
    with layout.builder_lock(Path(index_dir)):
        # another process may have rebuilt it while this one waited for the lock
        meta = read_meta(index_dir)
        if meta is not None and not stale_reasons(meta, corpus=corpus, embedder=embedder):
            return corpus
        rebuild(corpus, index_dir, embedder, meta, progress)
    return corpus
