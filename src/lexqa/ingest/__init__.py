"""ingest stage: find the corpus, read the manifest, load and normalise source files,
parse them, and merge several sources of one document into the provision store."""

from __future__ import annotations

from pathlib import Path

from ..store import Corpus


def load_corpus(corpus_dir: str | Path) -> Corpus:  # implemented in ingest/corpus.py
    from .corpus import load_corpus as _load

    return _load(corpus_dir)
