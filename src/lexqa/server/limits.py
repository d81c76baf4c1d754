"""Request limits and the error contract `{error, detail}` shared by the HTTP and MCP surfaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import CitationError, CorpusError, IndexError_, LexqaError, ModelUnavailable

NOTICE = ("The corpus is what lexqa holds (see /status or law_status); a provision or answer that is not "
          "found here is not proof that no such law exists.")


@dataclass(frozen=True)
class Limits:
    """Bounds every request is held to (CLI flags of `lexqa serve` / `lexqa mcp`)."""

    max_question_chars: int = 2_000      # a question or a search query
    max_text_chars: int = 200_000        # a draft to verify
    max_body_bytes: int = 256 * 1024     # any request body
    max_batch: int = 10                  # questions in one POST /ask
    max_k: int = 50                      # hits or retrieved provisions
    timeout_s: float = 30.0              # per request, queueing included
    page_chars: int = 4_000              # MCP: characters of long text per page


class BadRequest(LexqaError):
    """Input the server refuses before it reaches the Session (too long, too many, wrong type)."""

    status = 400


class Unauthorized(LexqaError):
    status = 401


class NotFound(LexqaError):
    status = 404


def check_len(name: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise BadRequest(f"{name} too long: {len(value)} characters", hint=f"the limit is {limit}")
    return value


def status_of(e: LexqaError) -> int:
    """HTTP status of a LexqaError: the caller's input (4xx) or the server's state (5xx)."""
    from .runner import Timeout

    if isinstance(e, Timeout):
        return 504
    if isinstance(e, (IndexError_, ModelUnavailable, CorpusError)):
        return 503
    if isinstance(e, CitationError):
        return 404
    return getattr(e, "status", 400)


def error_body(error: str, detail: Any = None, **extra: Any) -> dict[str, Any]:
    return {"error": error, "detail": detail, **extra}


def lexqa_error_body(e: LexqaError) -> dict[str, Any]:
    return error_body(e.message, e.hint, type=type(e).__name__)
