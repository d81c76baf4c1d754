"""Test doubles shared by the tests. Importing this module registers the "fake" embedder.

CLI subprocesses get it through the plugin hook: ``plugin_env()`` sets LEXQA_PLUGINS=fakes
and puts this directory on PYTHONPATH.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from lexqa.index.embed import normalise, register_embedder

_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    """Deterministic hashed bag of words (lower-cased word + 4-char prefix); no model, no deps.

    Vectors of texts sharing words have positive cosine, so fake retrieval still finds word
    overlaps. `calls` counts passages embedded, so tests can check the embedding cache. The
    token count is the word count plus 2 (a stand-in for special tokens); `max_tokens` is small
    by default so chunk splitting gets exercised.
    """

    def __init__(self, dim: int = 256, max_tokens: int = 512) -> None:
        self.dim = dim
        self.max_tokens = max_tokens
        self.name = "fake" if (dim, max_tokens) == (256, 512) else f"fake:{dim}:{max_tokens}"
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for w in _WORD.findall(text.lower()):
            for feat in (w, w[:4] + "~"):
                h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
                v[h % self.dim] += 1.0 if (h >> 40) & 1 else -1.0
        return v

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return normalise(np.stack([self._vec(t) for t in texts]))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self._embed(texts)

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text)) + 2


def _fake(arg: str) -> FakeEmbedder:
    """"fake[:dim[:max_tokens]]"."""
    return FakeEmbedder(*[int(x) for x in arg.split(":") if x] if arg else [])


register_embedder("fake", _fake, "fake")


def plugin_env() -> dict[str, str]:
    """Environment for a CLI subprocess that must know the "fake" embedder."""
    here = str(Path(__file__).resolve().parent)
    path = os.environ.get("PYTHONPATH")
    return {"LEXQA_PLUGINS": "fakes", "PYTHONPATH": here + (os.pathsep + path if path else "")}
