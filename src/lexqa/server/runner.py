"""One Session per process, called from one worker thread, with a time limit per call.

`Session` is not thread-safe: its corpus, retriever, reference graph, answer configuration and
LLM clients are loaded lazily and cached on the instance, and it keeps a running "unreported
load time". Rather than audit FAISS, bm25s and every lazy attribute for concurrent use, every
call goes through a single-thread executor: calls run one at a time, in arrival order, and a
call still queued when its caller's time limit runs out is cancelled before it starts. A call
already running cannot be interrupted (Python threads cannot be killed); its caller gets a
timeout and the worker finishes it in the background.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from typing import Any, Callable

from ..errors import LexqaError


class Timeout(LexqaError):
    """A request that did not finish within the per-request time limit."""


class SessionRunner:
    """Serialises calls to one Session; `warm()` loads what every method needs, once, at start-up."""

    def __init__(self, session: Any, timeout_s: float = 30.0) -> None:
        self.session = session
        self.timeout_s = timeout_s
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="lexqa-session")
        self.started = time.time()
        self.warm_seconds: float | None = None

    def warm(self, *, retriever: bool = True) -> float:
        """Parse the corpus, open the index, build the reference graph: the first request pays nothing."""
        t = time.perf_counter()

        def load() -> None:
            _ = self.session.corpus
            if retriever:
                _ = self.session.retriever
            _ = self.session.graph

        self._pool.submit(load).result()
        self.warm_seconds = round(time.perf_counter() - t, 2)
        return self.warm_seconds

    def call_sync(self, fn: Callable[..., Any], *args: Any, timeout_s: float | None = None, **kw: Any) -> Any:
        """Run fn(*args, **kw) on the worker; blocks the calling thread (the MCP server's tools)."""
        fut = self._pool.submit(fn, *args, **kw)
        try:
            return fut.result(timeout=timeout_s or self.timeout_s)
        except concurrent.futures.TimeoutError:
            fut.cancel()
            raise Timeout(f"no result within {timeout_s or self.timeout_s:g} s",
                          hint="the server is busy or the question is too costly; try again") from None

    async def call(self, fn: Callable[..., Any], *args: Any, timeout_s: float | None = None, **kw: Any) -> Any:
        """Await fn(*args, **kw) on the worker without blocking the event loop."""
        limit = timeout_s or self.timeout_s
        fut = self._pool.submit(fn, *args, **kw)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(fut), limit)
        except asyncio.TimeoutError:
            fut.cancel()  # still queued: never runs; running: finishes unobserved
            raise Timeout(f"no result within {limit:g} s",
                          hint="the server is busy or the question is too costly; try again") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
