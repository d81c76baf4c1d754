"""The gold set: loading, schema validation, corpus validation, subsets.

One JSON object per line (see evals/README.md)::

    {"id": "q001", "question": "...", "language": "id" | "en",
     "persona": "officer" | "legal" | "student",
     "gold": [{"doc": "uu-6-2011", "pasal": "16", "ayat": "1"}, {"doc": "purnomo-...", "section": "4.2"}],
     "answerable": true, "tags": ["paraphrase", "amendment"], "note": "why, quoting the law",
     # optional
     "as_of": "2026-12-01",                     # the law in force on that date (tag date-dependent)
     "qtype": "permission",                     # main question type, one of QTYPES
     "polarity": "yes" | "no" | "only-if",      # expected direct answer of a yes/no question
     "issues": [{"issue": "may I refuse departure?", "qtype": "permission", "polarity": "only-if",
                 "must_cite": [{"doc": "uu-63-2024", "pasal": "16", "ayat": "1"}]}, ...],
     "must_cite": [{"doc": ..., "pasal": ...}], # default: union of the issues' must_cite, else gold
     "key_facts": [{"type": "prison_max_months", "value": 180,
                    "ref": {"doc": "uu-1-2023", "pasal": "455", "ayat": "1"}}]}

Every `must_cite` ref (top level or in an issue) must equal a `gold` ref at article level. A
key fact is a number or actor read from the provision its `ref` names: `fact_in_text` checks that
the provision states it (`gold_facts.fact_in_text`: digits or number words, months as years).
Split: odd numeric id = dev, even = held-out (`split_of`), unless the line names its `split`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..errors import LexqaError
from .metrics import Key, key_of

LANGUAGES = ("id", "en")
PERSONAS = ("officer", "legal", "student")
CHANGE_TAGS = ("amendment", "revocation")
QTYPES = ("permission", "duty", "prohibition", "penalty", "definition", "who", "where", "when", "which",
          "status", "change", "comparison", "procedure", "research", "other")
POLARITIES = ("yes", "no", "only-if")
YES_NO_QTYPES = ("permission", "duty", "prohibition")  # the question types a polarity goes with
NUMERIC_FACTS = ("prison_min_months", "prison_max_months", "fine_min_rp", "fine_max_rp",
                 "duration_days", "duration_months", "duration_years")
FACT_TYPES = NUMERIC_FACTS + ("actor",)


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
class GoldIssue:
    """One legal issue a scenario raises: what must be answered and which provisions answer it."""
    issue: str
    qtype: str
    must_cite: list[GoldRef] = field(default_factory=list)
    polarity: str | None = None


@dataclass
class KeyFact:
    """A figure (months, rupiah, days) or an actor the answer must state, read from `ref`."""
    type: str
    value: int | str
    ref: GoldRef


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
    as_of: date | None = None
    qtype: str | None = None
    polarity: str | None = None
    issues: list[GoldIssue] = field(default_factory=list)
    explicit_must_cite: list[GoldRef] = field(default_factory=list)
    key_facts: list[KeyFact] = field(default_factory=list)
    split_label: str | None = None  # an explicit "split" (a set written after tuning is all held-out)

    @property
    def keys(self) -> set[Key]:
        return {g.key for g in self.gold}

    @property
    def docs(self) -> set[str]:
        return {g.doc for g in self.gold}

    @property
    def must_cite(self) -> list[GoldRef]:
        """Refs the answer must cite: explicit, else the union of the issues', else the gold list."""
        if self.explicit_must_cite:
            return list(self.explicit_must_cite)
        out: list[GoldRef] = []
        for iss in self.issues:
            out.extend(r for r in iss.must_cite if r not in out)
        return out or list(self.gold)

    @property
    def must_cite_keys(self) -> set[Key]:
        return {r.key for r in self.must_cite}

    @property
    def split(self) -> str:
        return self.split_label or split_of(self.id)

    @property
    def is_scenario(self) -> bool:
        return "scenario" in self.tags


SPLITS = ("dev", "held-out")


def split_of(qid: str) -> str:
    """'dev' for an odd numeric id (q001), 'held-out' for an even one (q002)."""
    digits = re.sub(r"\D", "", qid)
    return "dev" if digits and int(digits) % 2 else "held-out"


def _ref(g: Any, where: str) -> GoldRef:
    if not isinstance(g, dict) or not g.get("doc"):
        raise GoldError(f"{where}: every reference needs a doc")
    return GoldRef(doc=g["doc"], pasal=(str(g["pasal"]) if g.get("pasal") is not None else None),
                   ayat=(str(g["ayat"]) if g.get("ayat") is not None else None), section=g.get("section"))


def _refs(seq: Any, where: str, what: str) -> list[GoldRef]:
    if seq is None:
        return []
    if not isinstance(seq, list):
        raise GoldError(f"{where}: {what} must be a list")
    return [_ref(g, f"{where}: {what}") for g in seq]


def _choice(obj: dict, name: str, allowed: tuple[str, ...], where: str) -> str | None:
    v = obj.get(name)
    if v is not None and v not in allowed:
        raise GoldError(f"{where}: {name} must be one of {allowed}, got {v!r}")
    return v


def _check_polarity(qtype: str | None, polarity: str | None, where: str) -> None:
    if polarity is not None and qtype is not None and qtype not in YES_NO_QTYPES:
        raise GoldError(f"{where}: polarity goes with a yes/no question ({', '.join(YES_NO_QTYPES)}), not qtype {qtype!r}")


def _entries(obj: dict, name: str, label: str, where: str) -> list[tuple[str, Any]]:
    """The optional list field `name` as (where-label, entry) pairs; [] when absent."""
    raw = obj.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise GoldError(f"{where}: {name} must be a list")
    return [(f"{where}: {label} {n}", r) for n, r in enumerate(raw, start=1)]


def _issues(obj: dict, where: str) -> list[GoldIssue]:
    out = []
    for w, r in _entries(obj, "issues", "issue", where):
        if not isinstance(r, dict) or not isinstance(r.get("issue"), str) or not r["issue"].strip():
            raise GoldError(f"{w}: needs a non-empty 'issue' text")
        qt = _choice(r, "qtype", QTYPES, w)
        if qt is None:
            raise GoldError(f"{w}: needs a qtype")
        pol = _choice(r, "polarity", POLARITIES, w)
        _check_polarity(qt, pol, w)
        out.append(GoldIssue(r["issue"], qt, _refs(r.get("must_cite"), w, "must_cite"), pol))
    return out


def _key_facts(obj: dict, where: str) -> list[KeyFact]:
    out = []
    for w, r in _entries(obj, "key_facts", "key fact", where):
        if not isinstance(r, dict):
            raise GoldError(f"{w}: not an object")
        t = _choice(r, "type", FACT_TYPES, w)
        v = r.get("value")
        if t is None:
            raise GoldError(f"{w}: needs a type")
        if t in NUMERIC_FACTS and (not isinstance(v, int) or isinstance(v, bool) or v <= 0):
            raise GoldError(f"{w}: {t} needs a positive integer value")
        if t == "actor" and (not isinstance(v, str) or not v.strip()):
            raise GoldError(f"{w}: actor needs a text value")
        ref = _ref(r.get("ref"), w)
        if ref.pasal is None:
            raise GoldError(f"{w}: ref needs a pasal")
        out.append(KeyFact(t, v, ref))
    return out


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
    refs = _refs(obj["gold"] or [], where, "gold")
    if obj["answerable"] and not refs:
        raise GoldError(f"{where}: answerable question without gold provisions")
    if not obj["answerable"] and refs:
        raise GoldError(f"{where}: out-of-scope question must have an empty gold list")
    as_of = None
    if obj.get("as_of") is not None:
        try:
            as_of = date.fromisoformat(str(obj["as_of"]))
        except ValueError:
            raise GoldError(f"{where}: as_of must be an ISO date (YYYY-MM-DD), got {obj['as_of']!r}") from None
    it = GoldItem(id=str(obj["id"]), question=obj["question"], language=obj["language"],
                  persona=obj["persona"], gold=refs, answerable=obj["answerable"],
                  tags=list(obj.get("tags") or []), note=obj.get("note", ""), as_of=as_of,
                  qtype=_choice(obj, "qtype", QTYPES, where), polarity=_choice(obj, "polarity", POLARITIES, where),
                  issues=_issues(obj, where), explicit_must_cite=_refs(obj.get("must_cite"), where, "must_cite"),
                  key_facts=_key_facts(obj, where), split_label=_choice(obj, "split", SPLITS, where))
    _check_polarity(it.qtype, it.polarity, where)
    gold_keys = it.keys
    for r in it.explicit_must_cite + [r for iss in it.issues for r in iss.must_cite]:
        if r.key not in gold_keys:
            raise GoldError(f"{where}: must_cite {r.doc} {r.pasal or r.section or ''} is not a gold reference")
    return it


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


def section_id(doc: str, section: str) -> str:
    """Provision id of a literature section: '4.2' → '{doc}/section-4-2', 'Legislation' → '…/section-legislation'."""
    slug = re.sub(r"[^0-9a-z]+", "-", section.lower()).strip("-")
    return f"{doc}/section-{slug}"


def all_refs(it: GoldItem) -> list[tuple[str, GoldRef]]:
    """Every reference of an item with what it is: gold, must_cite (top level and issues), key facts."""
    out = [("gold", g) for g in it.gold] + [("must_cite", r) for r in it.explicit_must_cite]
    out += [("issue must_cite", r) for iss in it.issues for r in iss.must_cite]
    out += [("key fact", f.ref) for f in it.key_facts]
    return out


def validate_against_corpus(items: Iterable[GoldItem], corpus: Any) -> list[str]:
    """Problems with references: unknown documents, Pasal/Article, ayat or literature section not in
    the corpus (gold, must_cite, issues and key-fact refs alike)."""
    keys = corpus_keys(corpus)
    problems: list[str] = []
    for it in items:
        for what, g in all_refs(it):
            if (g.doc, None) not in keys:
                problems.append(f"{it.id}: {what} document {g.doc} not in corpus")
            elif g.pasal is not None and g.key not in keys:
                problems.append(f"{it.id}: {what} {g.doc} Pasal/Article {g.pasal} not in corpus")
            elif g.ayat is not None and not _has_ayat(corpus, g):
                problems.append(f"{it.id}: {what} {g.doc} Pasal {g.pasal} ayat ({g.ayat}) not in corpus")
            elif g.section is not None and section_id(g.doc, g.section) not in corpus:
                problems.append(f"{it.id}: {what} {g.doc} section {g.section} not in corpus")
    return problems


def _has_ayat(corpus: Any, g: GoldRef) -> bool:
    return _ayat_provision(corpus, g) is not None


def _ayat_provision(corpus: Any, g: GoldRef) -> Any:
    want = key_of(g.doc, g.pasal)
    for p in corpus.provisions(g.doc, include_penjelasan=False):
        if key_of(p.doc, p.pasal) == want and p.ayat is not None and str(p.ayat) == g.ayat:
            return p
    return None


def ref_text(corpus: Any, g: GoldRef) -> str | None:
    """The body text a reference names (the ayat when given, else the whole Pasal; an amending law's
    rewritten article), or None when the corpus lacks it."""
    if g.ayat is not None:
        p = _ayat_provision(corpus, g)
        return p.text if p is not None else None
    want = key_of(g.doc, g.pasal)
    best = None
    for p in corpus.provisions(g.doc, include_penjelasan=False):
        if key_of(p.doc, p.pasal) == want and p.ayat is None and p.huruf is None and p.angka is None:
            if best is None or len(p.text) > len(best.text):
                best = p
    return best.text if best is not None else None


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
            issues = [replace(i, must_cite=[r for r in i.must_cite if r.doc in allowed]) for i in it.issues]
            out.append(replace(it, gold=refs, tags=list(it.tags), issues=issues,
                               explicit_must_cite=[r for r in it.explicit_must_cite if r.doc in allowed],
                               key_facts=[f for f in it.key_facts if f.ref.doc in allowed]))
    return out


def counts(items: Iterable[GoldItem]) -> dict[str, Any]:
    items = list(items)
    by: dict[str, dict[str, int]] = {"language": {}, "persona": {}, "tag": {}, "qtype": {}, "split": {}}
    for it in items:
        for name, value in (("language", it.language), ("persona", it.persona), ("qtype", it.qtype or "-"),
                            ("split", it.split)):
            by[name][value] = by[name].get(value, 0) + 1
        for t in it.tags:
            by["tag"][t] = by["tag"].get(t, 0) + 1
    return {
        "questions": len(items),
        "answerable": sum(1 for i in items if i.answerable),
        "out_of_scope": sum(1 for i in items if not i.answerable),
        "amendment_or_revocation": sum(1 for i in items if set(i.tags) & set(CHANGE_TAGS)),
        "scenarios": sum(1 for i in items if i.is_scenario),
        "scenario_issues": sum(len(i.issues) for i in items if i.is_scenario),
        "with_polarity": sum(1 for i in items if i.polarity),
        "with_key_facts": sum(1 for i in items if i.key_facts),
        **by,
    }
