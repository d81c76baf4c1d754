"""Errors a user can act on. The CLI prints them as one line and exits non-zero."""

from __future__ import annotations


class LexqaError(Exception):
    """A failure with a message meant for the user (never shown as a traceback)."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CorpusError(LexqaError):
    """Corpus directory missing, unreadable file, scanned PDF without text layer, ..."""


class CitationError(LexqaError):
    """A citation that cannot be parsed or does not resolve."""

    exit_code = 2


class IndexError_(LexqaError):
    """Index missing, stale or built with another embedder."""


class ModelUnavailable(LexqaError):
    """An embedder or LLM backend whose package is not installed."""
