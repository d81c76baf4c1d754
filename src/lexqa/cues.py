"""Wording cues of questions and provisions (data/cues.toml): definition wording, language hints,
the words that are no concept. Read once; the patterns compiled once."""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Any

from .config import DATA_DIR


@functools.cache
def _data() -> dict[str, Any]:
    with open(DATA_DIR / "cues.toml", "rb") as f:
        return tomllib.load(f)


@functools.cache
def pattern(table: str, name: str) -> re.Pattern[str]:
    """A pattern of cues.toml, case-insensitive (``pattern("definition", "query")``)."""
    return re.compile(_data()[table][name], re.I)


@functools.cache
def words(table: str, name: str) -> frozenset[str]:
    """A word list of cues.toml (a TOML list, or one whitespace-separated string)."""
    v = _data()[table][name]
    return frozenset(v.split() if isinstance(v, str) else v)


@functools.cache
def definition_alternatives() -> tuple[frozenset[str], ...]:
    """The law's definitional wording: each alternative's words must all occur."""
    return tuple(frozenset(a) for a in _data()["definition"]["text_alternatives"])


@functools.cache
def affixes(table: str, name: str) -> tuple[str, ...]:
    """A list of cues.toml as a tuple, for str.startswith / str.endswith."""
    return tuple(_data()[table][name])


def is_definition_text(text: str) -> bool:
    """A definitions provision: two definitional items ("X adalah ...", "shall mean"), or a
    definitions section ("Ketentuan Umum", "Use of terms")."""
    return len(pattern("definition", "item").findall(text)) >= 2 or bool(pattern("definition", "section").search(text))


def table(name: str) -> dict[str, Any]:
    """One table of cues.toml as written (patterns uncompiled: their flags are their own)."""
    return _data()[name]
