"""The test subset: a few documents small enough to index with the real model in a slow test.

The subset's document list and its expected figures live in evals/expected.toml (``[subset]``),
so the slow test, `lexqa eval --docs subset` and the README all read the same data.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Iterable

from ..errors import LexqaError


def expected_path() -> Path:
    from ..config import project_root

    return project_root() / "evals" / "expected.toml"


def load_expected(path: str | Path | None = None) -> dict[str, Any]:
    p = Path(path) if path else expected_path()
    if not p.is_file():
        raise LexqaError(f"expected figures not found: {p}")
    with p.open("rb") as f:
        return tomllib.load(f)


def subset_docs(path: str | Path | None = None) -> list[str]:
    docs = load_expected(path).get("subset", {}).get("docs")
    if not docs:
        raise LexqaError("evals/expected.toml has no [subset] docs list")
    return list(docs)


def restrict_corpus(corpus: Any, docs: Iterable[str]) -> Any:
    """A new Corpus holding only `docs` (unknown ids are an error, not silently ignored)."""
    from ..store import Corpus

    wanted = list(docs)
    missing = [d for d in wanted if d not in corpus.documents]
    if missing:
        raise LexqaError(f"document(s) not in the corpus: {', '.join(missing)}")
    return Corpus([corpus.documents[d] for d in wanted], corpus_dir=corpus.corpus_dir)
