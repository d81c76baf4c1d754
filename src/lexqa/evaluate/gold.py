"""The gold set: loading, schema validation, corpus validation, subsets.

One JSON object per line (see evals/README.md)::

    {"id": "q001", "question": "...", "language": "id" | "en",
     "persona": "officer" | "legal" | "student",
     "gold": [{"doc": "uu-6-2011", "pasal": "16", "ayat": "1"}, {"doc": "purnomo-...", "section": "4.2"}],
     "answerable": true, "tags": ["paraphrase", "amendment"], "note": "why, quoting the law"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import LexqaError
from .metrics import Key, key_of

LANGUAGES = ("id", "en")
PERSONAS = ("officer", "legal", "student")
CHANGE_TAGS = ("amendment", "revocation")


class GoldError(LexqaError):
    """The gold file is missing or malformed."""


@dataclass
class GoldRef:
    doc: str
    pasal: str | None = None
    ayat: str | None = None
    section: str | None = None

    @property
    def key(self) -> Key:
        return key_of(self.doc, self.pasal)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("doc", self.doc), ("pasal", self.pasal), ("ayat", self.ayat),
                                  ("section", self.section)) if v is not None}


@dataclass
class GoldItem:
    id: str
    question: str
    language: str
    persona: str
    gold: list[GoldRef]
    answerable: bool
    tags: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def keys(self) -> set[Key]:
        return {g.key for g in self.gold}

    @property
    def docs(self) -> set[str]:
        return {g.doc for g in self.gold}


def _parse(obj: Any, where: str) -> GoldItem:
    if not isinstance(obj, dict):
        raise GoldError(f"{where}: not a JSON object")
    missing = [k for k in ("id", "question", "language", "persona", "gold", "answerable") if k not in obj]
    if missing:
        raise GoldError(f"{where}: missing field(s) {', '.join(missing)}")
    if obj["language"] not in LANGUAGES:
        raise GoldError(f"{where}: language must be one of {LANGUAGES}, got {obj['language']!r}")
    if obj["persona"] not in PERSONAS:
        raise GoldError(f"{where}: persona must be one of {PERSONAS}, got {obj['persona']!r}")
    if not isinstance(obj["answerable"], bool):
        raise GoldError(f"{where}: answerable must be true/false")
    if not isinstance(obj["question"], str) or not obj["question"].strip():
        raise GoldError(f"{where}: empty question")
    refs = []
    for g in obj["gold"] or []:
        if not isinstance(g, dict) or not g.get("doc"):
            raise GoldError(f"{where}: every gold entry needs a doc")
        refs.append(GoldRef(doc=g["doc"], pasal=(str(g["pasal"]) if g.get("pasal") is not None else None),
                            ayat=(str(g["ayat"]) if g.get("ayat") is not None else None),
                            section=g.get("section")))
    if obj["answerable"] and not refs:
        raise GoldError(f"{where}: answerable question without gold provisions")
    if not obj["answerable"] and refs:
        raise GoldError(f"{where}: out-of-scope question must have an empty gold list")
    return GoldItem(id=str(obj["id"]), question=obj["question"], language=obj["language"],
                    persona=obj["persona"], gold=refs, answerable=obj["answerable"],
                    tags=list(obj.get("tags") or []), note=obj.get("note", ""))


def parse_gold_lines(lines: Iterable[str], source: str = "<gold>") -> list[GoldItem]:
    items: list[GoldItem] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{where}: invalid JSON ({e.msg})") from None
        it = _parse(obj, where)
        if it.id in seen:
            raise GoldError(f"{where}: duplicate id {it.id}")
        seen.add(it.id)
        items.append(it)
    return items


def load_gold(path: str | Path) -> list[GoldItem]:
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"gold set not found: {p}", hint="pass --set FILE (default evals/gold.jsonl)")
    return parse_gold_lines(p.read_text(encoding="utf-8").splitlines(), str(p))


def default_gold_path() -> Path:
    from ..config import project_root

    return project_root() / "evals" / "gold.jsonl"


def corpus_keys(corpus: Any) -> set[Key]:
    """Every (doc, pasal) the parsed corpus has, plus (doc, None) for every document."""
    keys: set[Key] = set()
    for p in corpus.provisions():
        keys.add((p.doc, None))
        if p.pasal:
            keys.add(key_of(p.doc, p.pasal))
    return keys


def validate_against_corpus(items: Iterable[GoldItem], corpus: Any) -> list[str]:
    """Problems with gold references: unknown documents, Pasal/Article or ayat not in the corpus."""
    keys = corpus_keys(corpus)
    problems: list[str] = []
    for it in items:
        for g in it.gold:
            if (g.doc, None) not in keys:
                problems.append(f"{it.id}: document {g.doc} not in corpus")
            elif g.pasal is not None and g.key not in keys:
                problems.append(f"{it.id}: {g.doc} Pasal/Article {g.pasal} not in corpus")
            elif g.ayat is not None and not _has_ayat(corpus, g):
                problems.append(f"{it.id}: {g.doc} Pasal {g.pasal} ayat ({g.ayat}) not in corpus")
    return problems


def _has_ayat(corpus: Any, g: GoldRef) -> bool:
    want = key_of(g.doc, g.pasal)
    for p in corpus.provisions(g.doc, include_penjelasan=False):
        if key_of(p.doc, p.pasal) == want and p.ayat is not None and str(p.ayat) == g.ayat:
            return True
    return False


def restrict_to_docs(items: Iterable[GoldItem], docs: Iterable[str]) -> list[GoldItem]:
    """The questions a sub-corpus can answer: gold narrowed to `docs`; answerable ones that lose
    all their gold are dropped; out-of-scope questions stay (still must be abstained on)."""
    allowed = set(docs)
    out: list[GoldItem] = []
    for it in items:
        if not it.answerable:
            out.append(it)
            continue
        refs = [g for g in it.gold if g.doc in allowed]
        if refs:
            out.append(GoldItem(it.id, it.question, it.language, it.persona, refs, True, list(it.tags), it.note))
    return out


def counts(items: Iterable[GoldItem]) -> dict[str, Any]:
    items = list(items)
    by: dict[str, dict[str, int]] = {"language": {}, "persona": {}, "tag": {}}
    for it in items:
        by["language"][it.language] = by["language"].get(it.language, 0) + 1
        by["persona"][it.persona] = by["persona"].get(it.persona, 0) + 1
        for t in it.tags:
            by["tag"][t] = by["tag"].get(t, 0) + 1
    return {
        "questions": len(items),
        "answerable": sum(1 for i in items if i.answerable),
        "out_of_scope": sum(1 for i in items if not i.answerable),
        "amendment_or_revocation": sum(1 for i in items if set(i.tags) & set(CHANGE_TAGS)),
        **by,
    }
