"""Fusion of ranked lists: weighted RRF, priors on the fused score, amendment links.

Everything here is a pure function of ranked ids and per-index facts; the weights are data
(`lexqa/data/fusion.toml`), their measurements `evals/fusion-tuning.toml`.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from typing import TYPE_CHECKING, Callable, Sequence

from ..config import DATA_DIR
from ..index.chunk import Chunk
from ..index.lexical import tokenize
from ..kinds import is_known, spec
from .. import cues

if TYPE_CHECKING:
    from .loaded import LoadedIndex


@cache
def _data() -> dict:
    with open(DATA_DIR / "fusion.toml", "rb") as f:
        data = tomllib.load(f)
    extra = set(data) - {f.name for f in fields(FusionConfig)}
    unknown = [k for k in data.get("doc_kind_prior", {}) if not is_known(k)]
    if extra or unknown:
        raise ValueError(f"fusion.toml: unknown settings {sorted(extra)} / document kinds {unknown}")
    return data


def _d(name: str):
    """A field whose default is fusion.toml's value (copied: tables are mutable)."""
    return field(default_factory=lambda: copy.copy(_data()[name]))


@dataclass
class FusionConfig:
    """Weights of the hybrid searcher; `FusionConfig()` is data/fusion.toml (commented there)."""

    rrf_k: float = _d("rrf_k")
    dense_weight: float = _d("dense_weight")
    bm25_weight: float = _d("bm25_weight")
    dense_weight_en: float = _d("dense_weight_en")
    bm25_weight_en: float = _d("bm25_weight_en")
    candidates: int = _d("candidates")
    split_bm25_en: bool = _d("split_bm25_en")
    unit_prior: dict[str, float] = _d("unit_prior")
    doc_kind_prior: dict[str, float] = _d("doc_kind_prior")
    named_doc_boost: float = _d("named_doc_boost")
    named_doc_amendments: bool = _d("named_doc_amendments")
    other_lang_prior_en: float = _d("other_lang_prior_en")
    other_lang_prior_id: float = _d("other_lang_prior_id")
    dense_expand_en: bool = _d("dense_expand_en")
    dense_bare_weight_en: float = _d("dense_bare_weight_en")
    dense_expand_id: bool = _d("dense_expand_id")
    dense_bare_weight_id: float = _d("dense_bare_weight_id")
    named_doc_list_weight: float = _d("named_doc_list_weight")
    literature_cue_prior: float = _d("literature_cue_prior")
    literature_cue_ignore: list[str] = _d("literature_cue_ignore")
    literature_cue_words: list[str] = _d("literature_cue_words")
    definition_prior: float = _d("definition_prior")
    link_amendments: bool = _d("link_amendments")
    link_amendments_top: int = _d("link_amendments_top")
    link_retrieved_only: bool = _d("link_retrieved_only")
    link_max: int = _d("link_max")
    link_revocations: int = _d("link_revocations")
    guide_steps_weight: float = _d("guide_steps_weight")

    @classmethod
    def plain(cls, **kw) -> "FusionConfig":
        """Plain weighted RRF of the bare query: no priors, no named-document boost or list, no
        amendment links, no dense query expansion (the configuration before the gold-set tuning)."""
        base = dict(unit_prior={}, doc_kind_prior={}, named_doc_boost=1.0, other_lang_prior_en=1.0,
                    other_lang_prior_id=1.0, named_doc_list_weight=0.0, link_amendments=False,
                    dense_expand_en=False, dense_bare_weight_en=0.0,
                    dense_expand_id=False, dense_bare_weight_id=0.0, definition_prior=1.0,
                    guide_steps_weight=0.0)
        return cls(**{**base, **kw})


# ---------------------------------------------------------------------------- RRF
def rrf(rankings: Sequence[Sequence[str]], weights: Sequence[float], k: float = 60.0) -> list[tuple[str, float]]:
    """Weighted reciprocal-rank fusion of ranked id lists; ties keep first-seen order."""
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for r, pid in enumerate(ranking, 1):
            scores[pid] = scores.get(pid, 0.0) + w / (k + r)
    order: dict[str, int] = {}
    for rk in rankings:
        for pid in rk:
            order.setdefault(pid, len(order))
    # rounding: equal sums added in another order must tie, not differ in the last bit
    return sorted(scores.items(), key=lambda kv: (-round(kv[1], 12), order[kv[0]]))


# ---------------------------------------------------------------------------- priors
@dataclass
class QueryFacts:
    """What the priors know about one query."""

    text: str
    lang: str                  # "en" | "id"
    named: set[str]            # documents the query names
    idx: "LoadedIndex"
    lifted: set[str] = field(default_factory=set)   # document kinds whose doc-kind prior the literature cue replaced

    def doc_kind(self, c: Chunk) -> str:
        return self.idx.lookup.doc_kind(c.doc)


Factor = Callable[[int, Chunk], float]    # (chunk index, chunk) → factor on its provision's score


class Prior:
    """One factor on a fused score. `for_query` sees the query once (all priors before any
    factor is taken) and returns the factor function, or None when the prior does nothing."""

    def for_query(self, q: QueryFacts) -> Factor | None:
        raise NotImplementedError


@dataclass
class UnitPrior(Prior):
    table: dict[str, float]

    def for_query(self, q):
        return lambda ci, c: self.table.get(c.kind, 1.0)


@dataclass
class DocKindPrior(Prior):
    table: dict[str, float]

    def for_query(self, q):
        def factor(ci: int, c: Chunk) -> float:
            kind = q.doc_kind(c)
            return 1.0 if kind in q.lifted else self.table.get(kind, 1.0)
        return factor


@dataclass
class LiteratureCue(Prior):
    """A name only the literature contains ("Batam", "Purnomo"), or a word asking for the
    literature ("literature", "penelitian"), replaces the literature kinds' prior by `value`.

    A cue is a capitalised word of the query (not a sentence's first), not in `ignore`, that the literature holds in one of
    its tokenized forms (Indonesian and English) and no other document holds in any: a stop word or
    an unstemmed form ("dan", "perlindungan") is no cue because the statutes drop or stem it, and an
    everyday English word ("abroad", "stay") because only the English literature spells it."""

    value: float
    table: dict[str, float]
    ignore: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)   # words that ask for the literature itself

    def cues(self, text: str, idx: "LoadedIndex") -> list[str]:
        skip = {w.lower() for w in self.ignore}
        asks = {w.lower() for w in self.words}
        out = [w for w in re.findall(r"\w+", text) if w.lower() in asks]
        # (a sentence's first word is capitalised whatever it is: "Officers in Batam ...")
        words = [m.group(0) for m in re.finditer(r"\b[A-Z][\w-]*", text)
                 if text[:m.start()].strip() and text[:m.start()].rstrip()[-1] not in ".?!:;\"'("]
        for w in dict.fromkeys(words):
            if w.lower() in skip:
                continue
            fid, fen = tokenize(w, "id"), tokenize(w, "en")
            forms = [t for t in fid + fen if t and not t.isdigit()]
            # a stop word in either language ("Di") is no name
            if fid and fen and forms and idx.literature_only(forms):
                out.append(w)
        return out

    def for_query(self, q):
        kinds = {k for k, w in self.table.items() if spec(k).is_literature and w != self.value}
        if not kinds or not self.cues(q.text, q.idx):
            return None
        q.lifted |= kinds
        return lambda ci, c: self.value if q.doc_kind(c) in kinds else 1.0


@dataclass
class DefinitionPrior(Prior):
    """A question asking what a term means favours definitions provisions."""

    value: float

    def for_query(self, q):
        if not cues.pattern("definition", "query").search(q.text):
            return None
        return lambda ci, c: self.value if q.idx.is_definition(ci) else 1.0


@dataclass
class NamedDocBoost(Prior):
    """Provisions of the documents the query names; with `amendments`, also the other laws'
    articles that amend (or insert) one of theirs: "UU Perlindungan Anak" is UU 23/2002 as
    UU 35/2014 rewrote it, and the inserted Pasal 76F exists only in the amending law."""

    value: float
    amendments: bool = False

    def for_query(self, q):
        if not q.named:
            return None
        linked = named_amendments(q.idx.amendment_links(), q.named) if self.amendments else set()
        return lambda ci, c: self.value if c.doc in q.named or c.provision in linked else 1.0


def named_amendments(links: dict[str, list[str]], named: set[str]) -> set[str]:
    """Articles of other documents linked (either way) to an article of a `named` document
    (ids are "doc/…")."""
    def doc(pid: str) -> str:
        return pid.split("/", 1)[0]
    out: set[str] = set()
    for src, dsts in links.items():
        for o in dsts:
            if doc(src) in named and doc(o) not in named:
                out.add(o)
            elif doc(o) in named and doc(src) not in named:
                out.add(src)
    return out


@dataclass
class OtherLanguagePrior(Prior):
    """English documents, when the query names no document (`en`: for an English query, `id`: Indonesian)."""

    en: float
    id: float

    def for_query(self, q):
        if q.named:
            return None
        w = self.en if q.lang == "en" else self.id
        return lambda ci, c: w if c.language == "en" else 1.0


def priors_of(cfg: FusionConfig) -> list[Prior]:
    """The priors `cfg` turns on, in the order they multiply."""
    out: list[Prior] = []
    if cfg.unit_prior:
        out.append(UnitPrior(cfg.unit_prior))
    if cfg.doc_kind_prior:
        out.append(DocKindPrior(cfg.doc_kind_prior))
        out.append(LiteratureCue(cfg.literature_cue_prior, cfg.doc_kind_prior, cfg.literature_cue_ignore,
                                 cfg.literature_cue_words))
    if cfg.definition_prior != 1.0:
        out.append(DefinitionPrior(cfg.definition_prior))
    if cfg.named_doc_boost != 1.0:
        out.append(NamedDocBoost(cfg.named_doc_boost, cfg.named_doc_amendments))
    if cfg.other_lang_prior_en != 1.0 or cfg.other_lang_prior_id != 1.0:
        out.append(OtherLanguagePrior(cfg.other_lang_prior_en, cfg.other_lang_prior_id))
    return out


def apply_priors(fused: Sequence[tuple[str, float]], priors: Sequence[Prior], q: QueryFacts,
                 best_chunk: dict[str, int]) -> list[tuple[str, float]]:
    """Fused scores times every prior's factor (multiplied in order), re-sorted (stable)."""
    factors = [f for f in (p.for_query(q) for p in priors) if f is not None]

    def weight(pid: str) -> float:
        ci = best_chunk[pid]
        c = q.idx.chunks[ci]
        w = 1.0
        for f in factors:
            w *= f(ci, c)
        return w

    return sorted(((pid, sc * weight(pid)) for pid, sc in fused), key=lambda kv: -round(kv[1], 12))


# ---------------------------------------------------------------------------- amendment links
def link_amendments(fused: Sequence[tuple[str, float]], links: dict[str, list[str]], keep: Callable[[str], bool],
                    *, top: int, per_hit: int, retrieved_only: bool) -> list[tuple[str, float]]:
    """Each of the first `top` hits followed by up to `per_hit` provisions linked to it (the ones
    amending it or, for an amendment, the article it amends) at the same score; `keep(pid)` says
    whether a linked provision may appear (indexed, passes the filters)."""
    present = {pid for pid, _ in fused} if retrieved_only else None
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    for i, (pid, sc) in enumerate(fused):
        if pid in seen:
            continue
        seen.add(pid)
        out.append((pid, sc))
        if i >= top:
            continue
        for other in links.get(pid, ())[:per_hit]:
            if other not in seen and (present is None or other in present) and keep(other):
                seen.add(other)
                out.append((other, sc))
    return out


def revocation_links(revocations: Sequence, article_of: Callable[[str], str | None],
                     replaced: bool = True) -> dict[str, list[str]]:
    """Revoked article → the article revoking it (KUHP Pasal 622) and, with `replaced`, the one
    replacing it; from the documents' `Revocation` records (target, by, replaced_by)."""
    out: dict[str, list[str]] = {}
    for r in revocations:
        src = article_of(r.target)
        if src is None:
            continue
        for dst in (r.by, r.replaced_by if replaced else None):
            a = article_of(dst) if dst else None
            if a and a != src and a not in out.setdefault(src, []):
                out[src].append(a)
    return out
