"""Shared fixtures. The real corpus is ../shared/corpus-src (or LEXQA_CORPUS_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lexqa.config import corpus_dir_candidates


def _real_corpus_dir() -> Path | None:
    env = os.environ.get("LEXQA_CORPUS_DIR")
    if env and Path(env).is_dir():
        return Path(env)
    for p in corpus_dir_candidates():
        if (p / "uu-6-2011.md").is_file():
            return p
    return None


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real corpus directory; tests that need it fail loudly in CI if it is missing."""
    p = _real_corpus_dir()
    if p is None:
        if os.environ.get("CI"):
            pytest.fail("real corpus (../shared/corpus-src) not found in CI")
        pytest.skip("real corpus not available (set LEXQA_CORPUS_DIR)")
    return p


@pytest.fixture(scope="session")
def corpus(corpus_dir: Path):
    """The whole real corpus, parsed once per test session."""
    from lexqa.ingest import load_corpus

    return load_corpus(corpus_dir)
