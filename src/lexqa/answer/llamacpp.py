"""A local GGUF model run in-process by xllamacpp (``lexqa ask --llm llamacpp --llm-model F.gguf``).

xllamacpp ships prebuilt llama.cpp wheels (no compiler) and exposes llama.cpp's own server
in-process: `Server.handle_chat_completions` takes an OpenAI-style request as a dict. The
server also opens an HTTP listener; it is bound to 127.0.0.1 on a free port and guarded by a
random API key, so nothing else can use it and nothing leaves the machine.

`LlamaCppChat.invoke(messages)` takes langchain-core messages and returns an `AIMessage`, the
one method `LLMSynthesizer` calls; its output is verified like any other model's.

Tuning (environment, all optional): ``LEXQA_LLAMACPP_MAX_TOKENS`` (default 384),
``LEXQA_LLAMACPP_CTX`` (context window, default 8192), ``LEXQA_LLAMACPP_THREADS``
(default: all cores), ``LEXQA_LLAMACPP_TEMPLATE`` (a llama.cpp built-in chat template such as
``gemma``, ``llama3``, ``chatml`` for a GGUF that carries none; llama.cpp falls back to chatml).
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from ..errors import LexqaError, ModelUnavailable

INSTALL_HINT = "pip install 'lexqa[llamacpp]'  (xllamacpp: a prebuilt wheel, no compiler needed)"
_ROLES = {"system": "system", "human": "user", "user": "user", "ai": "assistant", "assistant": "assistant"}


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        v = int(raw)
    except ValueError as e:
        raise LexqaError(f"{name} must be a whole number, got {raw!r}") from e
    if v <= 0:
        raise LexqaError(f"{name} must be positive, got {v}")
    return v


def gguf_path(model: str | None) -> Path:
    """The GGUF file the user named, checked before anything heavy is imported."""
    if not model:
        raise ModelUnavailable("the llamacpp provider needs a GGUF file", hint="pass --llm-model PATH.gguf")
    p = Path(model).expanduser()
    if not p.is_file():
        raise ModelUnavailable(f"GGUF model file not found: {model}", hint="pass --llm-model with the path of an existing .gguf file")
    with p.open("rb") as f:
        magic = f.read(4)
    if magic != b"GGUF":
        raise ModelUnavailable(f"not a GGUF model file: {model}", hint="llama.cpp reads .gguf files, which begin with the bytes 'GGUF'")
    return p


class LlamaCppChat:
    """A chat model over one GGUF file, loaded once (the server lives as long as this object)."""

    _llm_type = "llamacpp"

    def __init__(self, model: str, *, max_tokens: int | None = None, n_ctx: int | None = None,
                 threads: int | None = None) -> None:
        path = gguf_path(model)
        try:
            import xllamacpp as xlc  # type: ignore[import-not-found]
        except ImportError as e:
            raise ModelUnavailable("the llamacpp LLM provider needs xllamacpp", hint=INSTALL_HINT) from e
        self.path = path
        self.max_tokens = max_tokens or _env_int("LEXQA_LLAMACPP_MAX_TOKENS", 384)
        p = xlc.CommonParams()
        p.model.path = str(path)
        p.n_ctx = n_ctx or _env_int("LEXQA_LLAMACPP_CTX", 8192)
        p.n_predict = self.max_tokens
        n = threads or _env_int("LEXQA_LLAMACPP_THREADS", os.cpu_count() or 1)
        p.cpuparams.n_threads = n
        p.cpuparams_batch.n_threads = n
        # greedy decoding: the same question gives the same text (and the same verdict)
        p.sampling.temp = 0
        p.sampling.top_k = 1
        p.sampling.seed = 0
        p.warmup = False
        template = os.environ.get("LEXQA_LLAMACPP_TEMPLATE", "").strip()
        if template:
            # a built-in template is chosen by name only outside jinja (with jinja on, the name
            # itself would be rendered as the template: a prompt of one word)
            p.use_jinja = False
            p.chat_template = template
        p.verbosity = -1  # llama.cpp logs to stderr otherwise; the CLI's output stays clean
        p.hostnames = ["127.0.0.1"]
        p.api_keys = [secrets.token_hex(16)]
        t0 = time.perf_counter()
        try:
            self._server = xlc.Server(p)
        except RuntimeError as e:  # xllamacpp's one error for a model it cannot load
            raise ModelUnavailable(f"llama.cpp could not load {path.name}: {e}",
                                   hint="check that the file is complete and that this xllamacpp version supports the model's architecture") from e
        self.load_ms = (time.perf_counter() - t0) * 1000
        self.last_timings: dict[str, float] = {}

    def invoke(self, messages: list[Any]) -> Any:
        from langchain_core.messages import AIMessage

        req = {
            "messages": [{"role": _ROLES.get(getattr(m, "type", "human"), "user"), "content": str(m.content)}
                         for m in messages],
            "max_tokens": self.max_tokens,
            "temperature": 0,
        }
        t0 = time.perf_counter()
        res = self._server.handle_chat_completions(req)
        ms = (time.perf_counter() - t0) * 1000
        if not isinstance(res, dict) or "error" in res or not res.get("choices"):
            err = res.get("error") if isinstance(res, dict) else res
            msg = err.get("message") if isinstance(err, dict) else str(err)
            raise LexqaError(f"llama.cpp failed: {str(msg)[:200]}",
                             hint="a long prompt may need a larger context: set LEXQA_LLAMACPP_CTX")
        t = res.get("timings") or {}
        self.last_timings = {"generate_ms": ms, "prompt_tokens": float(t.get("prompt_n", 0)),
                             "generated_tokens": float(t.get("predicted_n", 0))}
        choice = res["choices"][0]
        return AIMessage(content=str((choice.get("message") or {}).get("content") or ""),
                         response_metadata={"finish_reason": choice.get("finish_reason"), "timings": t})
