"""The HTTP API and web page over one `Session` (FastAPI). Routes parse and bound their input,
call the Session through `SessionRunner`, and return its results' `to_dict()` — the `--json`
contracts of the CLI — unchanged. Errors are JSON `{error, detail}` with a 4xx/5xx status."""

from __future__ import annotations

import hmac
import inspect
import logging
import time
from importlib.resources import files
from typing import Any, Callable, Optional

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import LexqaError
from .limits import (NOTICE, BadRequest, Limits, NotFound, Unauthorized, check_len, error_body,
                     lexqa_error_body, status_of)
from .runner import SessionRunner

log = logging.getLogger("lexqa.server")

STATIC = files("lexqa.server") / "static"
# Open without a token: the page itself (it asks for the token), its files, the API's description, liveness.
PUBLIC = ("/", "/healthz", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/favicon.ico")
PUBLIC_PREFIXES = ("/static/", "/static-offline-docs/")


class AskBody(BaseModel):
    question: Optional[str] = Field(None, description="one question (or use `questions`)")
    questions: Optional[list[str]] = Field(None, description="a batch of questions; answers come back in order")
    k: int = Field(10, ge=1, description="provisions retrieved")
    mode: str = Field("hybrid", description="hybrid | dense | bm25")
    docs: Optional[list[str]] = Field(None, description="restrict to these document ids")
    as_of: Optional[str] = Field(None, description="read the law on this date (YYYY-MM-DD)")


class VerifyBody(BaseModel):
    text: str = Field(..., description="the draft whose citations and quotes are checked")
    default_doc: Optional[str] = Field(None, description="document id of bare 'Pasal N' mentions")
    as_of: Optional[str] = Field(None, description="check against the law in force on this date (default today)")


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    return name in inspect.signature(fn).parameters


def _optional_as_of(fn: Callable[..., Any], as_of: str | None) -> dict[str, Any]:
    """`as_of` for Session methods that may not take it yet (ask, search): passed only when given."""
    if as_of is None:
        return {}
    if not _accepts(fn, "as_of"):
        raise BadRequest("as_of is not supported for this route by this lexqa version")
    return {"as_of": as_of}


class _BodyLimit:
    """ASGI middleware: refuse a request body over `limit` bytes with 413, before any route reads it."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _send_json(send, 413, error_body("request body too large", f"the limit is {self.limit} bytes"))
        chunks, size, more = [], 0, True
        while more:  # read (at most limit + one chunk) so a body without Content-Length is bounded too
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunks.append(msg.get("body", b""))
            size += len(chunks[-1])
            more = msg.get("more_body", False)
            if size > self.limit:
                return await _send_json(send, 413, error_body("request body too large", f"the limit is {self.limit} bytes"))
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _send_json(send: Callable, status: int, body: dict) -> None:
    import json

    raw = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]})
    await send({"type": "http.response.body", "body": raw})


def _new_app() -> FastAPI:
    meta = dict(title="lexqa", version=__version__,
                description="Cited answers and the law in force for Indonesian immigration and anti-trafficking law. "
                            "Every route returns the JSON of the matching `lexqa … --json` command. " + NOTICE)
    try:  # Swagger UI from the package, not a CDN (works offline)
        from fastapi_offline import FastAPIOffline

        return FastAPIOffline(redoc_url=None, **meta)
    except ImportError:
        log.warning("fastapi-offline not installed: /docs loads Swagger UI from a CDN (/openapi.json works offline)")
        return FastAPI(redoc_url=None, **meta)


def create_app(runner: SessionRunner, limits: Limits = Limits(), token: str | None = None) -> FastAPI:
    """The app over `runner`'s Session; `token`: every API route wants `Authorization: Bearer <token>`."""
    app = _new_app()
    s = runner.session
    app.add_middleware(_BodyLimit, limit=limits.max_body_bytes)

    @app.middleware("http")
    async def auth(request: Request, call_next: Callable) -> Any:
        path = request.url.path
        if token and path not in PUBLIC and not path.startswith(PUBLIC_PREFIXES):
            got = request.headers.get("authorization", "")
            if not hmac.compare_digest(got.encode(), f"Bearer {token}".encode()):
                e = Unauthorized("missing or wrong bearer token", hint="send 'Authorization: Bearer <token>'")
                return JSONResponse(lexqa_error_body(e), 401, headers={"WWW-Authenticate": "Bearer"})
        return await call_next(request)

    @app.exception_handler(LexqaError)
    async def lexqa_error(_: Request, e: LexqaError) -> JSONResponse:
        return JSONResponse(lexqa_error_body(e), status_of(e))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, e: RequestValidationError) -> JSONResponse:
        errs = e.errors()
        if any(x.get("type") == "json_invalid" for x in errs):
            return JSONResponse(error_body("malformed JSON", "the request body is not valid JSON"), 400)
        detail = "; ".join(f"{'.'.join(str(p) for p in x.get('loc', ()))}: {x.get('msg')}" for x in errs)
        return JSONResponse(error_body("invalid request", detail), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, e: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(str(e.detail), None), e.status_code, headers=getattr(e, "headers", None))

    @app.exception_handler(Exception)
    async def crash(_: Request, e: Exception) -> JSONResponse:
        log.error("internal error: %s: %s", type(e).__name__, e, exc_info=e)  # the trace goes to the log only
        return JSONResponse(error_body("internal error", type(e).__name__), 500)

    def k_of(k: int) -> int:
        if k > limits.max_k:
            raise BadRequest(f"k too large: {k}", hint=f"the limit is {limits.max_k}")
        return k

    # ------------------------------------------------------------------ questions and search

    @app.post("/ask", summary="Cited answer (or abstention) = `lexqa ask --json`; a batch with `questions`")
    async def ask(body: AskBody) -> Any:
        if (body.question is None) == (body.questions is None):
            raise BadRequest("give either 'question' or 'questions'")
        qs = [body.question] if body.question is not None else list(body.questions or [])
        if not qs or len(qs) > limits.max_batch:
            raise BadRequest(f"batch of {len(qs)} questions", hint=f"send 1 to {limits.max_batch}")
        for q in qs:
            check_len("question", q, limits.max_question_chars)
            if not q.strip():
                raise BadRequest("empty question", hint="ask something, e.g. 'Kapan Pejabat Imigrasi menolak orang keluar?'")
        kw = dict(k=k_of(body.k), mode=body.mode, docs=body.docs, **_optional_as_of(s.ask, body.as_of))

        def run() -> list[dict[str, Any]]:
            return [s.ask(q, **kw).to_dict() for q in qs]

        out = await runner.call(run)
        return out[0] if body.question is not None else {"answers": out}

    @app.get("/search", summary="Ranked provisions = `lexqa search --json`")
    async def search(q: str = Query(..., description="question or citation"), k: int = Query(10, ge=1),
                     mode: str = "hybrid", doc: Optional[list[str]] = Query(None, description="document ids"),
                     as_of: Optional[str] = None) -> Any:
        check_len("query", q, limits.max_question_chars)
        filters = {"doc": doc} if doc else None
        kw = _optional_as_of(s.search, as_of)
        return (await runner.call(s.search, q, k_of(k), mode, filters, **kw)).to_dict()

    # ------------------------------------------------------------------ reading the law

    @app.get("/show", summary="A provision, its status and the text in force on `as_of` = `lexqa show --json`")
    async def show(citation: str, as_of: Optional[str] = None) -> Any:
        check_len("citation", citation, limits.max_question_chars)
        d = (await runner.call(s.show, citation, as_of)).to_dict()
        if not d["ok"]:  # the CLI exits 2 with the same document
            return JSONResponse(error_body(f"cannot resolve {citation!r}", d["reason"], unresolved=d), 404)
        return d

    @app.get("/trace", summary="References to and from a provision, amendments, implementations = `lexqa trace --json`")
    async def trace(citation: str, as_of: Optional[str] = None) -> Any:
        check_len("citation", citation, limits.max_question_chars)
        return (await runner.call(s.trace, citation, as_of)).to_dict()

    @app.get("/history", summary="Every version of a provision with [from, to) dates = `lexqa history --json`")
    async def history(citation: str) -> Any:
        check_len("citation", citation, limits.max_question_chars)
        return (await runner.call(s.history, citation)).to_dict()

    @app.get("/diff", summary="Word diff of the versions in force on two dates = `lexqa diff --json`")
    async def diff(citation: str, from_: Optional[str] = Query(None, alias="from"),
                   to: Optional[str] = None) -> Any:
        check_len("citation", citation, limits.max_question_chars)
        return (await runner.call(s.diff, citation, from_, to)).to_dict()

    @app.post("/verify", summary="Check a draft's citations and quotes = `lexqa verify --json`")
    async def verify(body: VerifyBody) -> Any:
        check_len("text", body.text, limits.max_text_chars)
        return (await runner.call(s.verify, body.text, body.default_doc, body.as_of)).to_dict()

    @app.get("/guides", summary="The guides lexqa holds = `lexqa guide --json`")
    async def guides() -> Any:
        if not hasattr(s, "guides"):
            raise NotFound("guides are not available in this lexqa version")
        return (await runner.call(s.guides)).to_dict()

    @app.get("/guides/{name}", summary="One guide, its provisions read on `as_of`")
    async def guide(name: str, as_of: Optional[str] = None) -> Any:
        if not hasattr(s, "guide"):
            raise NotFound("guides are not available in this lexqa version")
        check_len("name", name, 200)
        return (await runner.call(s.guide, name, as_of=as_of)).to_dict()

    # ------------------------------------------------------------------ the server itself

    @app.get("/status", summary="What is indexed and held: `lexqa index status --json` + `lexqa corpus list --json`")
    async def status() -> Any:
        def run() -> dict[str, Any]:
            return {"index": s.index_status().to_dict(), "corpus": s.corpus_list().to_dict()}

        out = await runner.call(run)
        out["server"] = {"version": __version__, "uptime_s": round(time.time() - runner.started, 1),
                         "warm_seconds": runner.warm_seconds, "auth": bool(token),
                         "limits": limits.__dict__}
        out["notice"] = NOTICE
        return out

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> Any:
        return {"ok": True}

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> Any:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    return app
