"""Searchers over a loaded index, all with ``search(query, k, filters) -> list[SearchHit]``.

Chunk rankings are aggregated to provisions (the best chunk of each, filters applied).
`HybridSearcher` is composed from a dense and a BM25 searcher and fuses their rankings
(lexqa.retrieve.fusion); `HybridSearcher.run` also keeps those rankings, so the hits of each
list alone come from the same computation (`HybridRun.list_hits`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..errors import LexqaError
from ..index.lexical import query_tokens, tokenize, words
from ..models import SearchHit
from .exact import docs_named
from .filters import Filters, as_set, passes, restrictive
from .fusion import (FusionConfig, QueryFacts, apply_priors, link_amendments, named_amendments, priors_of,
                     revocation_links, rrf)
from .loaded import LoadedIndex

MAX_QUERY_CHARS = 2000     # longer queries are cut (a 1 MB paste must not stall the embedder)

Ranking = list[tuple[int, float]]   # (chunk index, score), best first


def clean_query(query: str) -> str:
    if not isinstance(query, str):
        raise LexqaError("query must be text")
    q = query.replace("\x00", " ").strip()
    if not q:
        raise LexqaError("empty query", hint="type a question or a citation, e.g. 'Pasal 16 UU 6/2011'")
    return q[:MAX_QUERY_CHARS]


def _candidates(idx: LoadedIndex, k: int, f: Filters) -> int:
    """Chunks a single-list search ranks for k provisions (all of them under a filter)."""
    return len(idx.chunks) if restrictive(f) else max(k * 8, 100)


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


def provision_hits(idx: LoadedIndex, ranked: Sequence[tuple[int, float]], k: int, f: Filters, source: str,
                   terms: Sequence[str] = ()) -> list[SearchHit]:
    """Chunk ranking → the first k provisions (best chunk each, its raw score), filters applied."""
    out: list[SearchHit] = []
    seen: set[str] = set()
    for ci, score in ranked:
        c = idx.chunks[ci]
        if c.provision in seen or not passes(idx.lookup, c, f):
            continue
        seen.add(c.provision)
        p = idx.lookup.get(c.provision)
        if p is None:
            continue
        matched = _matched(c.text, terms) if terms else []
        out.append(SearchHit(provision=p, score=float(score), rank=len(out) + 1, source=source,
                             via=c.via, matched_terms=matched))
        if len(out) >= k:
            break
    return out


def dense_query(query: str, config: FusionConfig | None) -> str:
    """The text embedded for `query`: the glossary's Indonesian terms appended (an English query:
    its [terms], config.dense_expand_en; an Indonesian one: its everyday-wording [id_terms],
    config.dense_expand_id), which pulls it towards the statutes' own wording."""
    if config is None:
        return query
    _toks, lang, extra = query_tokens(query)
    if not (config.dense_expand_en if lang == "en" else config.dense_expand_id):
        return query
    terms = [t for t in dict.fromkeys(extra) if t not in _DENSE_SKIP]
    if not terms:
        return query
    return query + " (" + ", ".join(terms) + ")"


# glossary expansions too generic to steer an embedding ("definition" → "adalah")
_DENSE_SKIP = {"yang dimaksud dengan", "adalah", "ketentuan umum"}


class Searcher:
    """Base: a query → provision-level hits, filtered."""

    source = ""

    def __init__(self, idx: LoadedIndex) -> None:
        self.idx = idx

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        raise NotImplementedError


class DenseSearcher(Searcher):
    source = "dense"

    def __init__(self, idx: LoadedIndex, config: FusionConfig | None = None) -> None:
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

    def chunk_ranking(self, text: str, n: int) -> Ranking:
        total = self.idx.vectors.ntotal
        if total == 0:
            return []
        scores, ids = self.idx.vectors.search(self._embed(text), min(n, total))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = clean_query(query)
        f = Filters.coerce(filters)
        ranked = self.chunk_ranking(dense_query(q, self.config), _candidates(self.idx, k, f))
        return provision_hits(self.idx, ranked, k, f, self.source)


class BM25Searcher(Searcher):
    source = "bm25"

    def scores(self, tokens: list[str]) -> np.ndarray:
        return self.idx.lex.scores(tokens)

    @staticmethod
    def top(s: np.ndarray, n: int) -> Ranking:
        """The n best-scoring chunks of a score array (positive scores only)."""
        if not len(s) or not s.any():
            return []
        n = min(n, int((s > 0).sum()))
        top = np.argpartition(-s, n - 1)[:n] if n < len(s) else np.arange(len(s))
        top = top[np.argsort(-s[top], kind="stable")]
        return [(int(i), float(s[i])) for i in top if s[i] > 0]

    def chunk_ranking(self, tokens: list[str], n: int) -> Ranking:
        return self.top(self.scores(tokens), n)

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = clean_query(query)
        f = Filters.coerce(filters)
        toks = query_tokens(q)[0]
        return provision_hits(self.idx, self.chunk_ranking(toks, _candidates(self.idx, k, f)), k, f, self.source, toks)


class ExactSearcher(Searcher):
    """Provisions the query names outright, in the order named."""

    source = "exact"

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        q = clean_query(query)
        f = Filters.coerce(filters)
        docs = as_set(f.doc)
        default = next(iter(docs)) if docs and len(docs) == 1 else None
        out: list[SearchHit] = []
        for pid in self.idx.lookup.named(q, default):
            p = self.idx.lookup.get(pid)
            if p is None:
                continue
            if docs and p.doc not in docs:
                continue
            langs = as_set(f.language)
            if langs and self.idx.lookup.language(p.doc) not in langs:
                continue
            if f.in_force_only and not self.idx.lookup.status(pid)[1]:
                continue
            out.append(SearchHit(provision=p, score=1.0, rank=len(out) + 1, source="exact"))
            if len(out) >= k:
                break
        return out


def _provision_ranks(idx: LoadedIndex, ranked: Sequence[tuple[int, float]], f: Filters,
                     best_chunk: dict[str, int]) -> list[str]:
    """Provision order of a chunk ranking (filters applied); records each provision's first chunk."""
    out: list[str] = []
    seen: set[str] = set()
    for ci, _s in ranked:
        c = idx.chunks[ci]
        if c.provision not in seen and passes(idx.lookup, c, f):
            seen.add(c.provision)
            out.append(c.provision)
            best_chunk.setdefault(c.provision, ci)
    return out


@dataclass
class HybridRun:
    """One hybrid search: its hits and the dense / BM25 rankings it fused."""

    hits: list[SearchHit]
    searcher: "HybridSearcher"
    filters: Filters
    n: int                     # chunks ranked per list
    dense_text: str            # the text embedded (the expanded query for English)
    dense_ranked: Ranking
    tokens: list[str]          # the query's BM25 terms
    bm25_scores: np.ndarray | None   # BM25 score of every chunk for `tokens` (None: not computed)

    def list_hits(self, name: str, k: int) -> list[SearchHit]:
        """What ``searcher(name).search(query, k, filters)`` returns ("dense" | "bm25"), from this run's
        query embedding and BM25 scores. A single-list search ranks its own number of chunks; when
        that differs from this run's, the top chunks are taken again (faiss orders ties by count)."""
        hy = self.searcher
        idx, f = hy.idx, self.filters
        n = _candidates(idx, k, f)
        if name == "dense":
            total = idx.vectors.ntotal
            same = min(n, total) == min(self.n, total)
            ranked = self.dense_ranked if same else hy.dense.chunk_ranking(self.dense_text, n)
            return provision_hits(idx, ranked, k, f, "dense")
        if name == "bm25":
            s = self.bm25_scores if self.bm25_scores is not None else hy.bm25.scores(self.tokens)
            return provision_hits(idx, hy.bm25.top(s, n), k, f, "bm25", self.tokens)
        raise LexqaError(f"a hybrid search fuses no list named {name}", hint="use dense or bm25")


class HybridSearcher(Searcher):
    source = "hybrid"

    def __init__(self, idx: LoadedIndex, config: FusionConfig | None = None, *,
                 dense: DenseSearcher | None = None, bm25: BM25Searcher | None = None,
                 curated: Callable[[str], list[str]] | None = None) -> None:
        """`curated`: query → provision ids from curated knowledge (the guides' steps), fused as
        one more list when config.guide_steps_weight > 0."""
        super().__init__(idx)
        self.config = config or FusionConfig()
        self.curated = curated
        self.dense = dense or DenseSearcher(idx, self.config)
        self.bm25 = bm25 or BM25Searcher(idx)
        self.priors = priors_of(self.config)
        self._revocations: dict[str, list[str]] | None = None

    def search(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> list[SearchHit]:
        return self.run(query, k, filters).hits

    def revocation_links(self) -> dict[str, list[str]]:
        """Revoked article → revoking / replacing article (indexed ones), built on first use."""
        if self._revocations is None:
            corpus = self.idx.lookup.to_corpus()
            revs = [r for d in corpus.documents.values() for r in (d.meta.revocations or ())]
            self._revocations = revocation_links(revs, self._article_of)
        return self._revocations

    def _article_of(self, pid: str) -> str | None:
        """The indexed article holding provision `pid` (its id, or the nearest enclosing one)."""
        parts = pid.split("/")
        while parts:
            cand = "/".join(parts)
            if cand in self.idx.chunk_of:
                return cand
            parts.pop()
        return None

    def run(self, query: str, k: int = 10, filters: Filters | dict | None = None) -> HybridRun:
        q = clean_query(query)
        f = Filters.coerce(filters)
        cfg, idx = self.config, self.idx
        n = len(idx.chunks) if restrictive(f) else max(cfg.candidates, k * 8)
        toks, lang, extra = query_tokens(q)
        wd, wb = (cfg.dense_weight_en, cfg.bm25_weight_en) if lang == "en" else (cfg.dense_weight, cfg.bm25_weight)
        dq = dense_query(q, cfg)
        dense = self.dense.chunk_ranking(dq, n)
        best_chunk: dict[str, int] = {}
        lists = [_provision_ranks(idx, dense, f, best_chunk)]
        scores = None
        if lang == "en" and extra and cfg.split_bm25_en:
            # English words match the English treaties/literature directly and would crowd out
            # the statutes, which only the glossary's Indonesian terms reach: rank the two apart
            id_toks = [t for term in extra for t in tokenize(term, "id")]
            en_toks = [t for t in toks if t not in set(id_toks)]
            lists += [_provision_ranks(idx, self.bm25.chunk_ranking(en_toks, n), f, best_chunk),
                      _provision_ranks(idx, self.bm25.chunk_ranking(id_toks, n), f, best_chunk)]
            weights = [wd, wb / 2, wb / 2]
        else:
            scores = self.bm25.scores(toks)
            lists.append(_provision_ranks(idx, self.bm25.top(scores, n), f, best_chunk))
            weights = [wd, wb]
        named = set(docs_named(q, idx.lookup.doc_ids())) if cfg.named_doc_boost != 1.0 or \
            cfg.named_doc_list_weight or cfg.other_lang_prior_en != 1.0 or cfg.other_lang_prior_id != 1.0 else set()
        docs = as_set(f.doc)
        if named and cfg.named_doc_list_weight and not (docs and not (docs & named)):
            in_list = named & docs if docs else named
            # the named law as amended: other laws' articles linked to one of its articles
            linked = named_amendments(idx.amendment_links(), in_list) if cfg.named_doc_amendments else set()
            if docs:
                linked = {pid for pid in linked if pid.split("/", 1)[0] in docs}
            fn = Filters(doc=sorted(in_list | {pid.split("/", 1)[0] for pid in linked}), kind=f.kind,
                         language=f.language, in_force_only=f.in_force_only)
            ranked = _provision_ranks(idx, self.dense.chunk_ranking(dq, len(idx.chunks)), fn, best_chunk)
            lists.append([pid for pid in ranked if pid.split("/", 1)[0] in in_list or pid in linked])
            weights.append(cfg.named_doc_list_weight)
        bare = cfg.dense_bare_weight_en if lang == "en" else cfg.dense_bare_weight_id
        if dq != q and bare:
            lists.append(_provision_ranks(idx, self.dense.chunk_ranking(q, n), f, best_chunk))
            weights.append(bare)
        if cfg.guide_steps_weight and self.curated is not None:
            arts = [a for a in dict.fromkeys(self._article_of(pid) for pid in self.curated(q)) if a is not None]
            arts = [a for a in arts if passes(idx.lookup, idx.chunks[idx.chunk_of[a]], f)]
            for a in arts:
                best_chunk.setdefault(a, idx.chunk_of[a])
            if arts:
                lists.append(arts)
                weights.append(cfg.guide_steps_weight)
        fused = apply_priors(rrf(lists, weights, cfg.rrf_k), self.priors, QueryFacts(q, lang, named, idx), best_chunk)
        if cfg.link_amendments:
            fused = link_amendments(
                fused, idx.amendment_links(),
                lambda pid: pid in idx.chunk_of and passes(idx.lookup, idx.chunks[idx.chunk_of[pid]], f),
                top=cfg.link_amendments_top, per_hit=cfg.link_max, retrieved_only=cfg.link_retrieved_only)
        if cfg.link_revocations:
            fused = link_amendments(
                fused, self.revocation_links(),
                lambda pid: pid in idx.chunk_of and passes(idx.lookup, idx.chunks[idx.chunk_of[pid]], f),
                top=cfg.link_amendments_top, per_hit=cfg.link_revocations, retrieved_only=False)
        hits: list[SearchHit] = []
        for pid, score in fused[:k]:
            p = idx.lookup.get(pid)
            if p is None:
                continue
            c = idx.chunks[best_chunk[pid] if pid in best_chunk else idx.chunk_of[pid]]
            hits.append(SearchHit(provision=p, score=score, rank=len(hits) + 1, source="hybrid", via=c.via,
                                  matched_terms=_matched(c.text, toks)))
        return HybridRun(hits=hits, searcher=self, filters=f, n=n, dense_text=dq, dense_ranked=dense,
                         tokens=toks, bm25_scores=scores)
