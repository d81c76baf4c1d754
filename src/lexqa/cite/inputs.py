"""Limits on the text users hand to lexqa (questions, batch lines): refused early with a clear
error instead of a 40-second crawl through a 10 MB "question" or a NUL-only batch line."""

from __future__ import annotations

import re
from typing import Iterable

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


class UnknownName(LexqaError):
    """A --doc / --kind value that names nothing: said, with the nearest names, instead of no results."""

    exit_code = 2


def check_names(what: str, values: "str | Iterable[str] | None", known: "Iterable[str]") -> None:
    """UnknownName for the first of `values` not in `known`, suggesting the closest known names."""
    import difflib

    if not values:
        return
    names = sorted(set(known))
    for v in [values] if isinstance(values, str) else values:
        if v in names:
            continue
        close = difflib.get_close_matches(v, names, n=3, cutoff=0.5) or \
            [n for n in names if v.lower() in n.lower() or n.lower() in v.lower()][:3]
        hint = ("did you mean: " + ", ".join(close)) if close else ("known: " + ", ".join(names[:12]) +
                                                                   (" …" if len(names) > 12 else ""))
        raise UnknownName(f"unknown {what}: {v!r}", hint=hint)


# --------------------------------------------------------------------------- bytes → text

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_input(data: bytes, name: str) -> str:
    """Text of a file or stdin: decoded by its byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8;
    undecodable input is refused (QuestionError) rather than read as garbage."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc.removesuffix("-sig"))
            except UnicodeDecodeError as e:
                raise QuestionError(f"{name}: not valid {enc.upper().removesuffix('-SIG')} text (byte {e.start + len(bom)})") from None
    # UTF-16 without a byte-order mark: every other byte of Latin text is NUL (and NUL is valid UTF-8)
    if len(data) >= 8 and max(data[0::2].count(0), data[1::2].count(0)) > len(data) * 0.4:
        raise QuestionError(f"{name}: looks like UTF-16 without a byte-order mark",
                            hint="save it as UTF-8 (or UTF-16 with a BOM)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QuestionError(f"{name}: not UTF-8 text (byte {e.start})", hint="save it as UTF-8") from None
