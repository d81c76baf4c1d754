"""Limits on the text users hand to lexqa (questions, batch lines): refused early with a clear
error instead of a 40-second crawl through a 10 MB "question" or a NUL-only batch line."""

from __future__ import annotations

import re

from ..errors import LexqaError

MAX_QUESTION_CHARS = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class QuestionError(LexqaError):
    """A question lexqa will not read (too long, control characters): unusable input, exit 2."""

    exit_code = 2


def check_question(question: str) -> str:
    """The question stripped; QuestionError when it is empty, too long or carries control characters."""
    q = (question or "").strip()
    if len(q) > MAX_QUESTION_CHARS:
        raise QuestionError(f"question too long: {len(q):,} characters (the limit is {MAX_QUESTION_CHARS:,})",
                            hint="ask about one provision or topic at a time")
    bad = _CONTROL.search(q)
    if bad:
        raise QuestionError(f"question contains a control character (U+{ord(bad.group(0)):04X}) at position {bad.start()}",
                            hint="the input is binary or damaged")
    if not q:
        raise QuestionError("empty question",
                            hint='ask something, e.g. lexqa ask "Kapan Pejabat Imigrasi menolak orang keluar?"')
    return q
