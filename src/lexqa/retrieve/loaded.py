"""An index loaded once: chunks, vectors, BM25, the provision lookup and per-index derived sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..index.chunk import Chunk
from ..index.lexical import LexicalIndex
from ..kinds import spec
from ..cues import is_definition_text
from .lookup import ProvisionLookup


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
        """Article id ↔ the amending-law articles that rewrite it (or insert one after it), latest
        first: the relations graph's links between provisions this index surfaces (a link to an
        unindexed one would use up a `link_max` slot for nothing)."""
        if self._links is None:
            co = self.chunk_of
            links = {src: [d for d in dsts if d in co] for src, dsts in self.lookup.article_links().items()
                     if src in co}
            self._links = {src: dsts for src, dsts in links.items() if dsts}
        return self._links

    def is_definition(self, ci: int) -> bool:
        """Whether chunk `ci` is part of a definitions provision (several "X adalah …" / "means")."""
        if self._defs is None:
            self._defs = {i for i, c in enumerate(self.chunks) if is_definition_text(c.text)}
        return ci in self._defs

    def literature_only(self, tokens: Sequence[str]) -> bool:
        """Whether one of `tokens` occurs in literature chunks and nowhere else (bm25s's postings)."""
        if self._lit_chunks is None:
            self._lit_chunks = {i for i, c in enumerate(self.chunks)
                                if spec(self.lookup.doc_kind(c.doc)).is_literature}
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
