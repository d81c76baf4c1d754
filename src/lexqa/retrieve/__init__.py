"""retrieve stage: ranked provisions for a question.

Public API (used by `lexqa ask`, `lexqa eval`, the LangChain retriever)::

    from lexqa.retrieve import Retriever, Filters

    r = Retriever.open(index_dir=None, corpus=corpus)     # index_dir None → config.resolve_index_dir()
    hits = r.search("can an immigration officer refuse departure", k=10,
                    mode="hybrid",                          # "hybrid" | "dense" | "bm25" | "exact"
                    filters=Filters(doc="uu-6-2011", in_force_only=True))
    for h in hits:                                         # list[lexqa.models.SearchHit], best first
        h.provision.id, h.score, h.rank, h.source, h.via, h.matched_terms

Modules: filters (Filters), lookup (provisions and amendment links from the corpus or the index), loaded
(LoadedIndex), searchers, fusion (RRF, FusionConfig = data/fusion.toml, priors, amendment
links), retriever (the facade), exact (provisions a query names).

Every searcher (DenseSearcher, BM25Searcher, HybridSearcher, ExactSearcher) has the same
``search(query, k, filters) -> list[SearchHit]`` signature (pyserini style); `Retriever.searcher(mode)`
returns one. Hits are aggregated to the article level (Pasal / Article / Penjelasan Umum /
section): a hit on a Penjelasan chunk or on one ayat-chunk surfaces the enclosing Pasal and
records the matching chunk/provision id in `SearchHit.via`. A query naming a provision
("Pasal 16 UU 6/2011", "Article 3 Palermo") puts that provision first (source "exact"),
at the exact granularity named (an ayat if the query names one).

`Retriever.open` builds the index on first use when it is missing or stale (corpus checksum
or embedder changed) unless ``auto_build=False``, in which case it raises
`lexqa.errors.IndexError_` with a hint. Bad queries (empty, huge, other scripts) never raise
anything but `LexqaError` (empty query) — they return a possibly empty list.
"""

from __future__ import annotations

from .filters import Filters
from .fusion import FusionConfig
from .retriever import MODES, RetrievalResult, Retriever
from .searchers import Searcher

__all__ = ["Retriever", "Filters", "FusionConfig", "Searcher", "MODES", "RetrievalResult"]
