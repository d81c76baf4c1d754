"""The formulas of data/norm.toml, read and compiled once per language."""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Any

from ..config import DATA_DIR
from ..errors import LexqaError

LANGUAGES = ("id", "en")


@functools.cache
def data() -> dict[str, Any]:
    with open(DATA_DIR / "norm.toml", "rb") as f:
        return tomllib.load(f)


def table(language: str) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise LexqaError(f"unknown language {language!r} for reading a norm", hint="use 'id' or 'en'")
    return data()[language]


@functools.cache
def rx(section: str, name: str) -> re.Pattern[str]:
    """A pattern of norm.toml: ``rx("id", "duty")``, ``rx("id.sentence", "fine")``, ``rx("cut", "amount")``."""
    t: Any = data()
    for part in section.split("."):
        t = t[part]
    return re.compile(t[name], re.I | re.M)


@functools.cache
def addressee_rx(language: str) -> re.Pattern[str]:
    names = sorted(table(language)["addressees_cs"], key=len, reverse=True)
    # "Peraturan Pemerintah" is an instrument, not the Government acting
    return re.compile(r"(?<![\w-])(?<!Peraturan\s)(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
