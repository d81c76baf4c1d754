"""An index loaded once: chunks, vectors, BM25, the provision lookup and per-index derived sets."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Sequence

from ..cues import is_definition_text
from ..errors import IndexError_
from ..index.chunk import Chunk
from ..index.integrity import DAMAGED, REBUILD
from ..index.lexical import LexicalIndex
from ..kinds import spec
from .lookup import IndexLookup, ProvisionLookup


class LoadedIndex:
    """Everything a searcher needs, loaded once."""

    def __init__(self, index_dir: Path, lookup: ProvisionLookup, embedder=None) -> None:
        """Load one consistent version of the index at `index_dir` (resolved once: a build that
        switches the index meanwhile cannot mix files of two builds); damage is an IndexError_."""
        from ..index.corpus_cache import long_lived
        from ..index.embed import get_embedder
        from ..index.layout import current_version

        with long_lived():  # chunks, vectors, BM25 arrays: loaded once, kept (see long_lived)
            self._load(index_dir, current_version)
        n = len(self.chunks)
        counts = {"vectors.faiss": int(self.vectors.ntotal), "bm25": _bm25_docs(self.lex)}
        bad = [f"{k} has {v} rows" for k, v in counts.items() if v != n and v >= 0]
        if self.meta.get("chunks") not in (None, n):
            bad.append(f"meta.json says {self.meta.get('chunks')} chunks")
        if self.meta.get("dim") not in (None, self.vectors.d):
            bad.append(f"vectors are {self.vectors.d}-d, meta.json says {self.meta.get('dim')}")
        if bad:
            raise _damaged(index_dir, f"chunks.json has {n} chunks but " + ", ".join(bad))
        self.lookup = _same_build(lookup, self.dir, self.meta)
        self._embedder = embedder
        self._embedder_name = self.meta.get("embedder")
        self._get_embedder = get_embedder
        self._chunk_of: dict[str, int] | None = None
        self._links: dict[str, list[str]] | None = None
        self._lit_chunks: set[int] | None = None
        self._defs: set[int] | None = None

    def _load(self, index_dir: Path, current_version) -> None:
        """Read one consistent version (a build that switches the index meanwhile is re-read)."""
        for attempt in range(3):
            tried = current_version(Path(index_dir))
            try:
                self.dir, self.meta = open_version(Path(index_dir))
                self.chunks = [Chunk.from_dict(d) for d in json.loads((self.dir / "chunks.json").read_text(encoding="utf-8"))]
                self.vectors = _read_faiss(self.dir / "vectors.faiss")
                self.lex = LexicalIndex.load(self.dir / "bm25")
                break
            except (IndexError_, OSError, ValueError, TypeError, RuntimeError, KeyError) as e:
                # a version resolved just before two builds finished can be pruned while it is read:
                # when the index has moved on meanwhile, read the new version (not "damaged")
                now = current_version(Path(index_dir))
                if attempt < 2 and now is not None and now != tried:
                    continue
                if isinstance(e, IndexError_):
                    raise
                raise _damaged(index_dir, f"{type(e).__name__}: {e}") from None

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
        """Whether the `tokens` that occur at all occur in literature chunks only (bm25s's
        postings), and one does: the forms of one word, Indonesian and English (fusion.LiteratureCue)."""
        if self._lit_chunks is None:
            self._lit_chunks = {i for i, c in enumerate(self.chunks)
                                if spec(self.lookup.doc_kind(c.doc)).is_literature}
        if not self._lit_chunks:
            return False
        sc = getattr(self.lex.bm25, "scores", None)
        if not isinstance(sc, dict) or "indptr" not in sc:
            return False
        found = False
        for t in dict.fromkeys(tokens):
            tid = self.lex.vocab.get(t)
            if tid is None or not t or t.isdigit():
                continue
            docs = sc["indices"][sc["indptr"][tid]:sc["indptr"][tid + 1]]
            if len(docs) and not all(int(d) in self._lit_chunks for d in docs):
                return False
            found = found or bool(len(docs))
        return found

    @property
    def embedder(self):
        if self._embedder is None:  # lazy: a bm25-only or exact query never loads the model
            emb = self._get_embedder(self._embedder_name)
            if int(emb.dim) != int(self.vectors.d):
                raise _damaged(self.dir, f"embedder {emb.name} gives {emb.dim}-d vectors, the index holds "
                                         f"{self.vectors.d}-d ones")
            self._embedder = emb
        return self._embedder


def _damaged(index_dir: Path, why: str) -> IndexError_:
    return IndexError_(f"{DAMAGED} at {index_dir}: {why}", hint=REBUILD)


def open_version(index_dir: Path) -> tuple[Path, dict]:
    """(version directory, its meta) of the index at `index_dir`, checked cheaply (sizes and
    sampled checksums); IndexError_ for a missing, damaged or unreadable-format index."""
    from ..index.layout import current_version
    from ..index.store import READABLE, stale_reasons
    from ..index.integrity import load_meta

    vdir = current_version(index_dir)
    meta = load_meta(vdir) if vdir is not None else None
    if meta is None:
        raise IndexError_(f"no index at {index_dir}", hint="run `lexqa index build`")
    meta["_version_dir"] = str(vdir)
    reasons = stale_reasons(meta)
    if reasons and reasons[0].startswith(DAMAGED):
        raise IndexError_(f"{reasons[0]} (at {index_dir})", hint=REBUILD)
    if meta.get("format") not in READABLE:
        raise IndexError_(f"the index at {index_dir} has format {meta.get('format')}, which this lexqa cannot read",
                          hint=REBUILD)
    return vdir, meta


def _read_faiss(path: Path):
    import faiss

    if not path.is_file():
        raise FileNotFoundError(f"{path.name} is missing")
    return faiss.read_index(str(path))


def _bm25_docs(lex: LexicalIndex) -> int:
    sc = getattr(lex.bm25, "scores", None)
    return int(sc["num_docs"]) if isinstance(sc, dict) and "num_docs" in sc else -1


def _same_build(lookup: ProvisionLookup, vdir: Path, meta: dict) -> ProvisionLookup:
    """An IndexLookup opened from another version (a build switched the index between the two
    opens) is re-opened from this one; its build id must match meta.json's."""
    if not isinstance(lookup, IndexLookup) or "build_id" not in meta:
        return lookup
    try:
        row = lookup.db.execute("SELECT v FROM info WHERE k = 'build_id'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is not None and row[0] == meta["build_id"]:
        return lookup
    try:
        fresh = IndexLookup(vdir / "provisions.sqlite")
        row = fresh.db.execute("SELECT v FROM info WHERE k = 'build_id'").fetchone()
    except sqlite3.DatabaseError as e:
        raise _damaged(vdir, f"provisions.sqlite: {e}") from None
    if row is None or row[0] != meta["build_id"]:
        raise _damaged(vdir, "provisions.sqlite belongs to another build")
    return fresh
