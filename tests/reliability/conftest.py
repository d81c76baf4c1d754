"""Fixtures of the reliability pass (index, build, filesystem and ingest side).

Every case runs on a tiny corpus (real files copied from the corpus: the Palermo and Smuggling
Protocols, Markdown only) with the fake embedder, through the real CLI (in-process, or in a
subprocess for crashes, signals and races)
— what a user sees: exit code, a one-line error, no traceback. Helpers: relidx_util.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fakes import plugin_env
from relidx_util import SMALL, run_cli


@pytest.fixture
def small_corpus(corpus_dir: Path, tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for f in SMALL:
        shutil.copy2(corpus_dir / f, d / f)
    return d


@pytest.fixture
def env(tmp_path: Path, small_corpus: Path) -> dict[str, str]:
    """CLI environment: the small corpus, an index under tmp_path, the fake embedder."""
    e = dict(os.environ)
    e.pop("LEXQA_DEBUG", None)
    e.update(plugin_env())
    e.update({"LEXQA_CORPUS_DIR": str(small_corpus), "LEXQA_INDEX_DIR": str(tmp_path / "index"),
              "LEXQA_HOME": str(tmp_path / "home"), "LEXQA_CACHE_DIR": str(tmp_path / "cache"),
              "LEXQA_EMBEDDER": "fake", "COLUMNS": "200"})
    return e


@pytest.fixture
def built(env: dict[str, str], tmp_path: Path) -> Path:
    """The small corpus indexed with the fake embedder through `lexqa index build`."""
    r = run_cli(["index", "build", "--embedder", "fake", "--json"], env)
    assert r.returncode == 0, r.stderr
    return tmp_path / "index"
