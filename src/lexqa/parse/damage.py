"""Lost Pasal headings: an article the source still holds whose heading the OCR destroyed.

A parser that finds the words "Pasal N" of a missing number inside another Pasal, but cannot
trust them as a heading (they read like a cross-reference, or the article's words are shuffled
around them), records a `LostHeading` instead of inventing a boundary. It travels as a
ParseIssue (code "lost-heading") so that `corpus check` lists it and `show` can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import ParseIssue

CODE = "lost-heading"
_QUOTE_CHARS = 60
_MESSAGE_RE = re.compile(r"^Pasal (?P<pasal>\S+): the source lost this heading; its text is inside "
                         r"(?P<into>\S+) from offset (?P<offset>\d+) \u201c(?P<quote>.*)\u2026\u201d$", re.S)


@dataclass(frozen=True)
class LostHeading:
    doc: str
    pasal: str               # the article's number ("69")
    into: str                # id of the provision whose text holds it ("uu-18-2017/pasal-68")
    offset: int              # offset in `source_file` where its text probably starts (the "Pasal 69" words)
    quote: str               # the source's words from there, as printed
    source_file: str | None = None

    def to_issue(self) -> ParseIssue:
        return ParseIssue(doc=self.doc, code=CODE, severity="warning", source_file=self.source_file,
                          provision=self.into,
                          message=f"Pasal {self.pasal}: the source lost this heading; its text is inside "
                                  f"{self.into} from offset {self.offset} \u201c{self.quote}\u2026\u201d")

    @classmethod
    def from_issue(cls, issue: ParseIssue) -> "LostHeading | None":
        m = _MESSAGE_RE.match(issue.message) if issue.code == CODE else None
        if m is None:
            return None
        return cls(issue.doc, m["pasal"], m["into"], int(m["offset"]), m["quote"], issue.source_file)


def quote_at(text: str, pos: int) -> str:
    """The first words of the source from `pos`, on one line."""
    return re.sub(r"\s+", " ", text[pos:pos + _QUOTE_CHARS]).strip()


def lost_headings(issues: list[ParseIssue]) -> list[LostHeading]:
    return [h for h in (LostHeading.from_issue(i) for i in issues) if h is not None]


def lost_heading(issues: list[ParseIssue], pasal: str) -> LostHeading | None:
    """The lost-heading record of Pasal `pasal` ("69") among a document's issues."""
    return next((h for h in lost_headings(issues) if h.pasal.upper() == pasal.upper()), None)
