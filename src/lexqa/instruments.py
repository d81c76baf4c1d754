"""Instrument types (data/instruments.toml) and document aliases (the manifest), loaded once.

Pure data access, no corpus needed: the manifest's ``aliases`` are read straight from the TOML
file, so the index's fast path and the citation parser never parse the corpus for them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from .config import DATA_DIR, manifest_path

if TYPE_CHECKING:  # pragma: no cover
    from .models import DocumentMeta


@dataclass(frozen=True)
class InstrumentType:
    """One kind of Indonesian instrument (UU, PP, Perpres, ...); regex fields are fragments."""

    id: str                      # id prefix: "uu" → "uu-6-2011"
    label: str                   # label prefix: "UU" → "UU 6/2011"
    kind: str                    # lexqa.kinds name
    title: str                   # title prefix: "Undang-Undang" → "Undang-Undang Nomor 6 Tahun 2011"
    heading: str                 # the upper-case title line of the instrument itself
    name: str                    # Indonesian name in running text
    abbrev: str
    english: str | None
    readers: frozenset[str]      # "citation" | "xref" | "query"
    slash_in_texts: bool         # the corpus texts write "UU 6/2011" too

    def names(self) -> str:
        """Every name of the type as one alternation (Indonesian, abbreviation, English)."""
        return "|".join(p for p in (self.name, self.abbrev, self.english) if p)


@cache
def _table() -> dict:
    with open(DATA_DIR / "instruments.toml", "rb") as fh:
        return tomllib.load(fh)


@cache
def instrument_types() -> tuple[InstrumentType, ...]:
    """All types in file order (the first matching heading wins)."""
    data = _table()
    return tuple(InstrumentType(t["id"], t["label"], t["kind"], t["title"], t["heading"], t["name"], t["abbrev"],
                                t.get("english"), frozenset(t.get("readers", ())), t.get("slash_in_texts", False))
                 for t in data["types"])


def read_by(reader: str) -> list[InstrumentType]:
    """The types a reader ("citation", "xref", "query") knows, in file order."""
    return [t for t in instrument_types() if reader in t.readers]


def reader_options(reader: str) -> dict[str, object]:
    """How a mention reader ("citation", "xref") reads provisions (``[readers.NAME]``)."""
    return dict(_table()["readers"][reader])


class _Names(NamedTuple):
    aliases: tuple[str, ...] = ()
    query_aliases: tuple[str, ...] = ()
    text_aliases: tuple[str, ...] = ()


@cache
def _entries_in(path: str) -> tuple[dict, ...]:
    """The manifest's document entries, read raw (no corpus needed)."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return ()  # no usable manifest: load_manifest reports it where the corpus is loaded
    return tuple(e for e in data.get("documents", []) if isinstance(e, dict) and "id" in e)


@cache
def _names_in(path: str) -> dict[str, _Names]:
    return {e["id"]: _Names(*(tuple(e.get(k, ())) for k in _Names._fields)) for e in _entries_in(path)}


def _manifest_names() -> dict[str, _Names]:
    return _names_in(str(manifest_path()))


def ratifications() -> dict[str, str]:
    """Treaty id → the Indonesian law that ratified it (manifest ``ratified_by``; no corpus needed)."""
    return {e["id"]: e["ratified_by"] for e in _entries_in(str(manifest_path())) if isinstance(e.get("ratified_by"), str)}


def alias_table(*, query: bool = False) -> dict[str, str]:
    """Manifest aliases, lower-cased → doc id (no corpus needed); `query`: also the query-only names."""
    return {a.lower(): did for did, n in _manifest_names().items()
            for a in (n.aliases + n.query_aliases if query else n.aliases)}


def aliases_of(meta: "DocumentMeta") -> tuple[str, ...]:
    """A document's aliases: its manifest entry's, else the manifest's for its id (hand-built metas)."""
    return tuple(meta.aliases) or _manifest_names().get(meta.id, _Names()).aliases


def text_aliases_of(meta: "DocumentMeta") -> tuple[str, ...]:
    """The aliases that cross-referencing the corpus texts may trust (see lexqa/data/manifest.toml)."""
    return tuple(meta.text_aliases) or _manifest_names().get(meta.id, _Names()).text_aliases
