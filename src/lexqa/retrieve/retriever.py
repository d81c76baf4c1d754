"""The `Retriever` facade: open an index once, search it in any mode (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence, cast

from ..errors import IndexError_, LexqaError
from ..models import SearchHit
from ..store import Corpus
from .filters import Filters
from .fusion import FusionConfig
from .loaded import LoadedIndex
from .lookup import CorpusLookup, IndexLookup, ProvisionLookup
from .searchers import BM25Searcher, DenseSearcher, ExactSearcher, HybridSearcher, Searcher

MODES = ("hybrid", "dense", "bm25", "exact")


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
                # the hybrid searcher shares the single-list searchers (and their query-embedding memo)
                "hybrid": lambda: HybridSearcher(self.index, self.config, dense=self.searcher("dense"),
                                                 bm25=self.searcher("bm25"), curated=_guide_steps),
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
        return _named_first(named, self.searcher(mode).search(query, k + len(named), filters), k)

    def search_detailed(self, query: str, k: int = 10, mode: str = "hybrid",
                        filters: Filters | dict | None = None, *, depth: int = 1,
                        lists: Sequence[str] = ("dense", "bm25")) -> RetrievalResult:
        """`search`, plus the top `depth` hits of each of `lists` searched alone.

        In hybrid mode those come from the hybrid search's own rankings (one query embedding,
        one BM25 scoring), equal to ``search(query, depth, name, filters, exact=False)``.
        """
        if mode != "hybrid" or k <= 0:
            hits = self.search(query, k, mode, filters)
            return RetrievalResult(hits=hits, lists={
                sub: hits[:depth] if mode == sub else self.search(query, depth, sub, filters, exact=False)
                for sub in lists})
        named = self.searcher("exact").search(query, k, filters)
        run = cast(HybridSearcher, self.searcher("hybrid")).run(query, k + len(named), filters)
        out: dict[str, list[SearchHit]] = {}
        for sub in lists:
            if sub not in ("dense", "bm25"):
                out[sub] = self.search(query, depth, sub, filters, exact=False)
            else:
                out[sub] = run.list_hits(sub, depth) if depth > 0 else []
        return RetrievalResult(hits=_named_first(named, run.hits, k), lists=out)

    # helpers for callers
    def label(self, pid: str) -> str:
        return self.index.lookup.label(pid)

    def status(self, pid: str) -> tuple[str, bool]:
        return self.index.lookup.status(pid)


def _guide_steps(query: str) -> list[str]:
    from ..guides.match import step_provisions  # (lazy: the guides load on the first hybrid search)

    return step_provisions(query)


def _named_first(named: list[SearchHit], hits: list[SearchHit], k: int) -> list[SearchHit]:
    """The named provisions, then the other hits (re-ranked), k in all."""
    if not named:
        return hits[:k]
    ids = {h.provision.id for h in named}
    # a named ayat also stands for its Pasal: drop the generic hit on an enclosing provision
    rest = [h for h in hits
            if not any(n == h.provision.id or n.startswith(h.provision.id + "/") for n in ids)]
    out = (named + rest)[:k]
    for i, h in enumerate(out, 1):
        h.rank = i
    return out
