"""ingest stage: find the corpus, read the manifest, load and normalise source files,
parse them, and merge several sources of one document into the provision store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Corpus


def load_corpus(corpus_dir: str | Path, **options: Any) -> Corpus:
    """Parse a corpus directory; see `lexqa.ingest.corpus.load_corpus` for the options
    (`manifest=`, `use_manifest=`, `include_unlisted=`)."""
    from .corpus import load_corpus as _load

    return _load(corpus_dir, **options)
