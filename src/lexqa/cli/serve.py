"""CLI: ``lexqa serve`` (HTTP API + web page) and ``lexqa mcp`` (MCP server on stdio).

Both load one Session at start-up (corpus, index, reference graph) and hand it to the adapter;
the optional extras are `lexqa[server]` and `lexqa[mcp]`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import sys
from typing import Optional

import typer

from ..errors import LexqaError, ModelUnavailable
from .common import CorpusDirOpt, IndexDirOpt, JsonOpt, err_console, session

TimeoutOpt = typer.Option(30.0, "--timeout", min=0.001, help="Per-request time limit in seconds (queueing included).")
QuestionOpt = typer.Option(2000, "--max-question-chars", min=1, help="Longest question, query or citation.")
BodyOpt = typer.Option(256 * 1024, "--max-body-bytes", min=1, help="Largest request body (HTTP).")
BatchOpt = typer.Option(10, "--max-batch", min=1, help="Most questions in one request.")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _need(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ModelUnavailable(f"{module} is not installed", hint=f"pip install 'lexqa[{extra}]'")


def _limits(timeout: float, max_question_chars: int, max_body_bytes: int, max_batch: int):
    from ..server.limits import Limits

    return Limits(max_question_chars=max_question_chars, max_body_bytes=max_body_bytes, max_batch=max_batch,
                  timeout_s=timeout)


def register(app: typer.Typer) -> None:
    """Add `serve` and `mcp` to the main app."""

    @app.command("serve")
    def serve_cmd(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; other than loopback needs --token or --no-auth."),
        port: int = typer.Option(8000, "--port", min=1, max=65535),
        token: Optional[str] = typer.Option(None, "--token", envvar="LEXQA_TOKEN",
                                            help="Bearer token every API request must send (env LEXQA_TOKEN)."),
        no_auth: bool = typer.Option(False, "--no-auth", help="Serve a non-loopback address without a token."),
        corpus_dir: Optional[str] = CorpusDirOpt,
        index_dir: Optional[str] = IndexDirOpt,
        timeout: float = TimeoutOpt,
        max_question_chars: int = QuestionOpt,
        max_body_bytes: int = BodyOpt,
        max_batch: int = BatchOpt,
        json_out: bool = JsonOpt,
    ) -> None:
        """HTTP API (OpenAPI at /docs) and the web page at /, over one Session loaded at start-up."""
        _need("fastapi", "server")
        _need("uvicorn", "server")
        if not _is_loopback(host) and not token and not no_auth:
            raise LexqaError(f"refusing to serve {host} without a token",
                             hint="pass --token SECRET (or LEXQA_TOKEN), or --no-auth to serve it open")
        if not _is_loopback(host) and no_auth and not token:
            err_console.print(f"[yellow]warning[/]: serving {host} with no authentication: anyone who can reach "
                              "it can use this server", highlight=False)
        import uvicorn

        from ..server.app import create_app
        from ..server.runner import SessionRunner

        limits = _limits(timeout, max_question_chars, max_body_bytes, max_batch)
        runner = SessionRunner(session(corpus_dir, index_dir, progress=not json_out), limits.timeout_s)
        err_console.print("loading the corpus, the index and the reference graph…", highlight=False)
        secs = runner.warm()
        url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
        if json_out:  # one line a supervisor (or a test) can read
            print(json.dumps({"event": "loaded", "url": url, "warm_seconds": secs, "auth": bool(token)}), flush=True)
        else:
            err_console.print(f"loaded in {secs:.1f}s; serving {url} (API docs {url}/docs)", highlight=False)
        try:
            uvicorn.run(create_app(runner, limits, token), host=host, port=port, log_level="warning",
                        access_log=False, server_header=False)
        finally:
            runner.close()

    @app.command("mcp")
    def mcp_cmd(
        corpus_dir: Optional[str] = CorpusDirOpt,
        index_dir: Optional[str] = IndexDirOpt,
        timeout: float = TimeoutOpt,
        max_question_chars: int = QuestionOpt,
    ) -> None:
        """MCP server on stdio (for Claude Desktop, IDEs): search_law, ask, read_provision, law_status, trace,
        verify_citation, resolve_law, list_guides, read_guide."""
        _need("mcp", "mcp")
        from ..mcp.server import build_server
        from ..server.runner import SessionRunner

        limits = _limits(timeout, max_question_chars, 256 * 1024, 10)
        runner = SessionRunner(session(corpus_dir, index_dir), limits.timeout_s)
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries the protocol only
            runner.warm()
        try:
            build_server(runner, limits).run("stdio")
        finally:
            runner.close()
