"""A guide: a cited procedure for one situation an officer meets, read from a TOML file.

Schema (docs/guides.md): top-level `id`, `checked` (date), `kind` ("procedure" | "commentary"),
`title`/`situation` tables with `id` and `en`, `examples` with `id` and `en` lists, `gaps`
(what the corpus is silent on), and five lists of points: `steps`, `does_not_allow`,
`referrals`, `rights`, `record`. A point is a claim with the provisions it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import LexqaError

SECTIONS = ("steps", "does_not_allow", "referrals", "rights", "record")
BASES = ("law", "practice", "commentary")
KINDS = ("procedure", "commentary")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = {"check", "list", "match", "answer"}   # sub-commands of `lexqa guide`


class GuideError(LexqaError):
    """A guide file that is malformed, or a guide name that is unknown."""


@dataclass(frozen=True)
class Point:
    """One claim of a guide and what it rests on. `basis` "practice": no legal basis, cites nothing."""

    section: str
    n: int                                   # 1-based position in its section
    claim: str
    provisions: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()             # verbatim fragments of the in-force text of `provisions`
    basis: str = "law"
    authority: str | None = None             # referrals: who to call
    note: str | None = None
    claim_id: str | None = None              # the claim in Indonesian (optional)
    cues: tuple[str, ...] = ()               # how officers put the situation, any language (matching only)

    def claim_in(self, lang: str) -> str:
        return self.claim_id if lang == "id" and self.claim_id else self.claim

    @property
    def where(self) -> str:
        return f"{self.section}[{self.n}]"


@dataclass(frozen=True)
class Guide:
    id: str
    checked: date
    kind: str
    title: dict[str, str]
    situation: dict[str, str]
    examples: dict[str, tuple[str, ...]]
    points: tuple[Point, ...]
    gaps: tuple[str, ...] = ()
    path: str | None = None

    def section(self, name: str) -> list[Point]:
        return [p for p in self.points if p.section == name]

    @property
    def provisions(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.points:
            for pid in p.provisions:
                seen.setdefault(pid)
        return list(seen)

    def texts(self) -> list[str]:
        """What a question is matched against: the situation and the example questions, both languages."""
        return [*self.situation.values(), *self.title.values(), *self.examples.get("id", ()),
                *self.examples.get("en", ())]


def _str(d: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    v = d.get(key)
    if v is None and not required:
        return None
    if not isinstance(v, str) or not v.strip():
        raise GuideError(f"{where}: `{key}` must be a non-empty string")
    return v.strip()


def _strs(v: Any, where: str) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise GuideError(f"{where}: must be a list of non-empty strings")
    return tuple(x.strip() for x in v)


def _bilingual(d: dict[str, Any], key: str, where: str) -> dict[str, str]:
    t = d.get(key)
    if not isinstance(t, dict):
        raise GuideError(f"{where}: `{key}` must be a table with `id` and `en`")
    return {lang: _str(t, lang, f"{where} {key}") for lang in ("id", "en")}  # type: ignore[misc]


def _point(section: str, n: int, d: Any, where: str) -> Point:
    w = f"{where} {section}[{n}]"
    if not isinstance(d, dict):
        raise GuideError(f"{w}: must be a table")
    unknown = set(d) - {"claim", "claim_id", "provisions", "quote", "basis", "authority", "note", "cues"}
    if unknown:
        raise GuideError(f"{w}: unknown keys {sorted(unknown)}")
    basis = d.get("basis", "law")
    if basis not in BASES:
        raise GuideError(f"{w}: basis must be one of {', '.join(BASES)}")
    provs = tuple(x.lower() for x in _strs(d.get("provisions"), f"{w} provisions"))
    quotes = _strs(d.get("quote"), f"{w} quote")
    if basis == "practice" and (provs or quotes):
        raise GuideError(f"{w}: a practice step cites nothing (basis = \"practice\" with provisions)")
    if basis != "practice" and not provs:
        raise GuideError(f"{w}: a {basis} point needs `provisions` (or basis = \"practice\")")
    if section == "referrals" and not d.get("authority"):
        raise GuideError(f"{w}: a referral names its `authority`")
    return Point(section, n, _str(d, "claim", w) or "", provs, quotes, basis,
                 _str(d, "authority", w, required=False), _str(d, "note", w, required=False),
                 _str(d, "claim_id", w, required=False), _strs(d.get("cues"), f"{w} cues"))


def guide_from_dict(d: dict[str, Any], path: str | None = None) -> Guide:
    where = path or "guide"
    gid = _str(d, "id", where) or ""
    if not _ID.match(gid) or gid in RESERVED:
        raise GuideError(f"{where}: id {gid!r} must be lower-case words joined by '-' and not {sorted(RESERVED)}")
    checked = d.get("checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError as e:
            raise GuideError(f"{where}: `checked` is not a date: {checked!r}") from e
    if not isinstance(checked, date):
        raise GuideError(f"{where}: `checked` must be a date (YYYY-MM-DD)")
    kind = d.get("kind", "procedure")
    if kind not in KINDS:
        raise GuideError(f"{where}: kind must be one of {', '.join(KINDS)}")
    ex = d.get("examples")
    if not isinstance(ex, dict):
        raise GuideError(f"{where}: `examples` must be a table with `id` and `en` lists")
    examples = {lang: _strs(ex.get(lang), f"{where} examples.{lang}") for lang in ("id", "en")}
    if not examples["id"] or not examples["en"]:
        raise GuideError(f"{where}: example questions are needed in both languages")
    points: list[Point] = []
    for sec in SECTIONS:
        rows = d.get(sec, [])
        if not isinstance(rows, list):
            raise GuideError(f"{where}: `{sec}` must be an array of tables ([[{sec}]])")
        points.extend(_point(sec, i, r, where) for i, r in enumerate(rows, 1))
    if not any(p.section == "steps" for p in points):
        raise GuideError(f"{where}: a guide needs at least one [[steps]]")
    if kind == "procedure" and any(p.basis == "commentary" for p in points):
        raise GuideError(f"{where}: commentary points belong in a guide of kind = \"commentary\"")
    unknown = set(d) - {"id", "checked", "kind", "title", "situation", "examples", "gaps", *SECTIONS}
    if unknown:
        raise GuideError(f"{where}: unknown keys {sorted(unknown)}")
    return Guide(gid, checked, kind, _bilingual(d, "title", where), _bilingual(d, "situation", where),
                 examples, tuple(points), _strs(d.get("gaps"), f"{where} gaps"), path)
