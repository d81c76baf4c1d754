"""The index on disk: build (atomic), open, status, embedding cache.

Layout of an index directory::

    meta.json           lexqa version, format, embedder name/dim, corpus checksum, per-doc
                        checksums, source-file fingerprints, chunk count, build time
    chunks.json         the chunks (text, surfaced provision, via, language, ...)
    vectors.faiss       faiss IndexFlatIP over L2-normalised chunk vectors (row i = chunk i)
    bm25/               bm25s's own save format (numpy arrays + JSON vocab, no pickle)
    provisions.sqlite   every provision (JSON), its label, status and in-force flag, and the
                        amendment links (`relations(corpus).article_links()`, table links), so
                        a query can run without re-parsing the corpus (fast cold `lexqa search`)

A build writes into a temporary directory beside the target and renames it into place, so a
build killed half-way leaves the previous index untouched. Embeddings are cached in
``{index_dir.parent}/.lexqa-cache/`` (or ``LEXQA_CACHE_DIR``), keyed by
sha256(embedder name + chunk text): changing one document re-embeds that document's chunks only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .. import __version__
from ..errors import IndexError_
from ..relations import relations
from ..store import Corpus
from .chunk import chunk_corpus
from .embed import Embedder, get_embedder
from .lexical import LexicalIndex

FORMAT = 2                # 2: provisions.sqlite has the links table
BATCH = 16
Progress = Callable[[int, int, str], None]   # (done, total, stage)


# ---------------------------------------------------------------------------- cache
def cache_dir(index_dir: Path) -> Path:
    env = os.environ.get("LEXQA_CACHE_DIR")
    return Path(env).expanduser() if env else Path(index_dir).resolve().parent / ".lexqa-cache"


class EmbeddingCache:
    """sha256(embedder name + text) → float32 vector, in SQLite (blobs; no pickle)."""

    def __init__(self, path: Path, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.dim = dim
        self.db = sqlite3.connect(str(path), timeout=30)
        self.db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    @staticmethod
    def key(embedder_name: str, text: str) -> str:
        return hashlib.sha256((embedder_name + "\0" + text).encode("utf-8")).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            q = "SELECT key, vec FROM emb WHERE key IN (%s)" % ",".join("?" * len(part))
            for k, blob in self.db.execute(q, part):
                v = np.frombuffer(blob, dtype=np.float32)
                if v.shape[0] == self.dim:
                    out[k] = v
        return out

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)",
            [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items],
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------------- fingerprints
def source_fingerprint(corpus_dir: str | Path | None) -> dict[str, list[int]]:
    """{relative path: [size, mtime_ns]} of the corpus files: a cheap staleness check without parsing."""
    if not corpus_dir:
        return {}
    root = Path(corpus_dir)
    out: dict[str, list[int]] = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix.lower() in (".md", ".txt", ".pdf", ".toml") and "eval" not in p.relative_to(root).parts:
            st = p.stat()
            out[str(p.relative_to(root))] = [st.st_size, st.st_mtime_ns]
    from ..config import manifest_path

    mp = manifest_path()
    if mp.is_file():
        st = mp.stat()
        out["<manifest>"] = [st.st_size, st.st_mtime_ns]
    return out


# ---------------------------------------------------------------------------- build
@dataclass
class BuildReport:
    index_dir: Path
    chunks: int
    embedded: int            # chunks embedded now (cache misses)
    cached: int              # chunks taken from the cache
    seconds: float
    embed_seconds: float
    docs: int
    split_chunks: int = 0
    split_sentence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


def _write_provisions(path: Path, corpus: Corpus) -> None:
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE prov (id TEXT PRIMARY KEY, doc TEXT, label TEXT, status TEXT, in_force INTEGER, json TEXT)")
    db.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, label TEXT, language TEXT, kind TEXT, in_force INTEGER, title TEXT)")
    db.execute("CREATE TABLE links (src TEXT, pos INTEGER, dst TEXT, PRIMARY KEY (src, pos))")
    # the whole manifest entry: with the provisions, enough to rebuild the corpus's timeline
    # (search reads the law on a date without parsing the sources)
    db.execute("CREATE TABLE metas (id TEXT PRIMARY KEY, json TEXT)")
    db.executemany("INSERT INTO metas VALUES (?,?)", [(d.id, json.dumps(d.meta.to_dict(), ensure_ascii=False))
                                                      for d in corpus.documents.values()])
    rows = []
    for p in corpus.provisions():
        st = corpus.status(p.id)
        rows.append((p.id, p.doc, corpus.label(p), st.short, int(st.in_force), json.dumps(p.to_dict(), ensure_ascii=False)))
    db.executemany("INSERT OR REPLACE INTO prov VALUES (?,?,?,?,?,?)", rows)
    db.executemany(
        "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?)",
        [(d.id, d.meta.label, d.meta.language, d.meta.kind, int(d.meta.in_force), d.meta.title) for d in corpus.documents.values()],
    )
    db.executemany("INSERT INTO links VALUES (?,?,?)",
                   [(src, i, dst) for src, dsts in relations(corpus).article_links().items()
                    for i, dst in enumerate(dsts)])
    db.commit()
    db.close()


def build_index(
    corpus: Corpus,
    index_dir: str | Path,
    embedder: Embedder | str | None = None,
    *,
    progress: Progress | None = None,
    cache: str | Path | None = None,
) -> BuildReport:
    """Chunk, embed (cache first), index and atomically install the index at `index_dir`.

    `cache`: embedding-cache directory (default: cache_dir(index_dir)).
    """
    import faiss

    t0 = time.perf_counter()
    emb = embedder if not isinstance(embedder, (str, type(None))) else get_embedder(embedder)
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)

    count = lru_cache(maxsize=None)(emb.count_tokens)
    if progress:
        progress(0, 1, "chunking")
    chunks = chunk_corpus(corpus, count, emb.max_tokens)
    if progress:
        progress(1, 1, "chunking")
    over = [c.id for c in chunks if c.tokens > emb.max_tokens]
    if over:  # never silently truncated: this would be a chunker bug
        raise IndexError_(f"{len(over)} chunks exceed the model limit, e.g. {over[0]}")

    cache_path = Path(cache or cache_dir(index_dir)).resolve()
    cache = EmbeddingCache(cache_path / f"embeddings-{_slug(emb.name)}.sqlite", emb.dim)
    keys = [EmbeddingCache.key(emb.name, c.text) for c in chunks]
    have = cache.get_many(keys)
    todo = [i for i, k in enumerate(keys) if k not in have]
    todo_unique: list[int] = []
    seen: set[str] = set()
    for i in todo:
        if keys[i] not in seen:
            seen.add(keys[i])
            todo_unique.append(i)
    t_emb = time.perf_counter()
    done = 0
    if progress:
        progress(0, len(todo_unique), "embedding")
    for b in range(0, len(todo_unique), BATCH):
        idx = todo_unique[b : b + BATCH]
        vecs = emb.embed_passages([chunks[i].text for i in idx])
        cache.put_many([(keys[i], v) for i, v in zip(idx, vecs)])
        for i, v in zip(idx, vecs):
            have[keys[i]] = v
        done += len(idx)
        if progress:
            progress(done, len(todo_unique), "embedding")
    embed_seconds = time.perf_counter() - t_emb
    cache.close()

    if progress:
        progress(0, 1, "writing")
    mat = np.stack([have[k] for k in keys]).astype(np.float32) if chunks else np.zeros((0, emb.dim), np.float32)
    tmp = index_dir.parent / f".{index_dir.name}.tmp-{os.getpid()}-{int(time.time()*1000)}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        vindex = faiss.IndexFlatIP(emb.dim)
        if len(mat):
            vindex.add(mat)
        faiss.write_index(vindex, str(tmp / "vectors.faiss"))
        lex = LexicalIndex.build([c.text for c in chunks] or [""], [c.language for c in chunks] or ["id"])
        lex.save(tmp / "bm25")
        (tmp / "chunks.json").write_text(json.dumps([c.to_dict() for c in chunks], ensure_ascii=False), encoding="utf-8")
        _write_provisions(tmp / "provisions.sqlite", corpus)
        meta = {
            "lexqa_version": __version__,
            "format": FORMAT,
            "embedder": emb.name,
            "dim": emb.dim,
            "max_tokens": emb.max_tokens,
            "corpus_checksum": corpus.checksum(),
            "doc_checksums": {d: corpus.doc_checksum(d) for d in sorted(corpus.documents)},
            "docs": {d: {"label": corpus.documents[d].meta.label,
                         "chunks": sum(1 for c in chunks if c.doc == d)} for d in sorted(corpus.documents)},
            "corpus_dir": str(Path(corpus.corpus_dir).resolve()) if corpus.corpus_dir else None,
            "sources": source_fingerprint(corpus.corpus_dir),
            "cache_dir": str(cache_path),
            "chunks": len(chunks),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.perf_counter() - t0, 2),
            "embedded": len(todo_unique),
            "cached": len(chunks) - len(todo),
        }
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        _install(tmp, index_dir)
        if progress:
            progress(1, 1, "writing")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    split = [c for c in chunks if c.parts > 1]
    return BuildReport(
        index_dir=index_dir, chunks=len(chunks), embedded=len(todo_unique), cached=len(chunks) - len(todo),
        seconds=time.perf_counter() - t0, embed_seconds=embed_seconds, docs=len(corpus.documents),
        split_chunks=len(split),
        split_sentence=sorted({c.id.split("#")[0] for c in split if any(f != "split" for f in c.flags)}),
    )


def _install(tmp: Path, index_dir: Path) -> None:
    """Swap the new index in with renames (the old one stays valid until the last moment)."""
    old = index_dir.parent / f".{index_dir.name}.old-{os.getpid()}"
    if index_dir.exists():
        os.replace(index_dir, old)
    try:
        os.replace(tmp, index_dir)
    except BaseException:
        if old.exists() and not index_dir.exists():
            os.replace(old, index_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-." else "_" for ch in name)[:80] + "-" + hashlib.sha1(name.encode()).hexdigest()[:8]


# ---------------------------------------------------------------------------- status
def read_meta(index_dir: str | Path) -> dict | None:
    p = Path(index_dir) / "meta.json"
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def stale_reasons(meta: dict | None, *, corpus: Corpus | None = None, embedder: str | None = None,
                  corpus_dir: str | Path | None = None) -> list[str]:
    """Why an index cannot be used as is (empty list: fresh)."""
    if meta is None:
        return ["no index"]
    out = []
    if meta.get("format") != FORMAT:
        out.append(f"index format {meta.get('format')} != {FORMAT}")
    if embedder and meta.get("embedder") != embedder:
        out.append(f"built with embedder {meta.get('embedder')}, requested {embedder}")
    if corpus is not None:
        if meta.get("corpus_checksum") != corpus.checksum():
            changed = [d for d in corpus.documents if meta.get("doc_checksums", {}).get(d) != corpus.doc_checksum(d)]
            gone = [d for d in meta.get("doc_checksums", {}) if d not in corpus.documents]
            out.append("corpus changed" + (f": {', '.join(sorted(changed + gone)[:8])}" if changed or gone else ""))
    elif corpus_dir is not None:
        if meta.get("sources") and meta.get("sources") != source_fingerprint(corpus_dir):
            out.append("corpus files changed since the build")
    return out


def refresh_fingerprint(index_dir: str | Path, corpus_dir: str | Path | None) -> None:
    """Record the corpus files' current sizes/mtimes in meta.json (atomic replace)."""
    index_dir = Path(index_dir)
    meta = read_meta(index_dir)
    if meta is None or not corpus_dir:
        return
    meta["sources"] = source_fingerprint(corpus_dir)
    tmp = index_dir / f".meta.json.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, index_dir / "meta.json")
