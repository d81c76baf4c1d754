"""The index on disk: build (atomic, versioned), status, staleness.

Layout of one index version (see `layout.py` for the versions and the switch)::

    meta.json           lexqa version, format, embedder name/dim, corpus checksum, per-doc
                        checksums, the corpus files' content hashes as read for the build,
                        chunk count, build time, and a checksum per index file (`integrity.py`)
    chunks.json         the chunks (text, surfaced provision, via, language, ...)
    vectors.faiss       faiss IndexFlatIP over L2-normalised chunk vectors (row i = chunk i)
    bm25/               bm25s's own save format (numpy arrays + JSON vocab, no pickle)
    provisions.sqlite   every provision (JSON), its label, status and in-force flag, and the
                        amendment links (`relations(corpus).article_links()`, table links), so
                        a query can run without re-parsing the corpus (fast cold `lexqa search`)

A build holds the builder lock, writes a new version and switches the index link to it, so a
build killed at any point leaves the previous index served. Embeddings are cached in
``{index_dir.parent}/.lexqa-cache/`` (or ``LEXQA_CACHE_DIR``, `cache.py`), keyed by
sha256(embedder name + chunk text): changing one document re-embeds that document's chunks only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from .. import __version__
from ..errors import IndexError_
from ..relations import relations
from ..store import Corpus
from . import integrity, layout
from .cache import EmbeddingCache, cache_dir
from .chunk import chunk_corpus
from .embed import Embedder, get_embedder
from .lexical import LexicalIndex
from .sources import changed_sources, source_fingerprint

__all__ = ["EmbeddingCache", "cache_dir", "build_index", "read_meta", "stale_reasons", "refresh_fingerprint",
           "source_fingerprint", "BuildReport", "FORMAT"]

FORMAT = 3                # 3: versioned layout, per-file checksums, content-hash fingerprints
READABLE = (2, 3)         # format 2 (no checksums, size/mtime fingerprints) is still served
BATCH = 16
Progress = Callable[[int, int, str], None]   # (done, total, stage)


def warn(msg: str) -> None:
    """A build warning on stderr (also kept in the BuildReport)."""
    print(f"warning: {msg}", file=sys.stderr, flush=True)


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
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


def _write_provisions(path: Path, corpus: Corpus, build_id: str) -> None:
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE prov (id TEXT PRIMARY KEY, doc TEXT, label TEXT, status TEXT, in_force INTEGER, json TEXT)")
    db.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, label TEXT, language TEXT, kind TEXT, in_force INTEGER, title TEXT)")
    db.execute("CREATE TABLE links (src TEXT, pos INTEGER, dst TEXT, PRIMARY KEY (src, pos))")
    db.execute("CREATE TABLE info (k TEXT PRIMARY KEY, v TEXT)")   # build id: a reader matches it with meta.json
    db.execute("INSERT INTO info VALUES ('build_id', ?)", (build_id,))
    # the whole manifest entry: with the provisions, enough to rebuild the corpus's timeline
    # (search reads the law on a date without parsing the sources); ASCII escapes, as below
    db.execute("CREATE TABLE metas (id TEXT PRIMARY KEY, json TEXT)")
    db.executemany("INSERT INTO metas VALUES (?,?)", [(d.id, json.dumps(d.meta.to_dict()))
                                                      for d in corpus.documents.values()])
    rows = []
    for p in corpus.provisions():
        st = corpus.status(p.id)
        rows.append((_safe(p.id), p.doc, _safe(corpus.label(p)), st.short, int(st.in_force),
                     json.dumps(p.to_dict())))   # ASCII escapes: a file name that is not UTF-8 survives
    db.executemany("INSERT OR REPLACE INTO prov VALUES (?,?,?,?,?,?)", rows)
    db.executemany(
        "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?)",
        [(d.id, _safe(d.meta.label), d.meta.language, d.meta.kind, int(d.meta.in_force), _safe(d.meta.title))
         for d in corpus.documents.values()],
    )
    db.executemany("INSERT INTO links VALUES (?,?,?)",
                   [(src, i, dst) for src, dsts in relations(corpus).article_links().items()
                    for i, dst in enumerate(dsts)])
    db.commit()
    db.close()


def _safe(s: str | None) -> str | None:
    """Text SQLite can store: lone surrogates (bytes of a non-UTF-8 file name) become U+FFFD."""
    if s is None:
        return None
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@contextmanager
def _term_as_exit() -> Iterator[None]:
    """SIGTERM during a build unwinds like an exception, so the partial version is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _source_of(corpus: Corpus, pid: str) -> str:
    p = corpus.get(pid)
    return _safe(p.source_file if p is not None and p.source_file else pid.split("/")[0]) or pid


def build_index(
    corpus: Corpus,
    index_dir: str | Path,
    embedder: Embedder | str | None = None,
    *,
    progress: Progress | None = None,
    cache: str | Path | None = None,
) -> BuildReport:
    """Chunk, embed (cache first), index and atomically install a new version at `index_dir`.

    `cache`: embedding-cache directory (default: cache_dir(index_dir)). Holds the builder lock
    (a second builder waits, see `layout.builder_lock`); 0 chunks is an error, the index unchanged.
    """
    index_dir = Path(index_dir)
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexError_(f"the index path {index_dir} is a file, not a directory",
                          hint="pass another --index-dir or set LEXQA_INDEX_DIR")
    emb = embedder if not isinstance(embedder, (str, type(None))) else get_embedder(embedder)
    try:
        index_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise layout.fs_error(f"cannot create the index directory {index_dir}", e) from None
    with layout.builder_lock(index_dir), _term_as_exit():
        try:
            layout.cleanup(index_dir)
            tmp = layout.new_version(index_dir)   # from the start: a dead build's leftovers are all in it
            try:
                return _build(corpus, index_dir, tmp, emb, progress, cache)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        except OSError as e:
            raise layout.fs_error(f"cannot write the index at {index_dir} (the previous index is unchanged)",
                                  e) from None
        except sqlite3.OperationalError as e:   # SQLite's own "database or disk is full", "disk I/O error"
            raise IndexError_(f"cannot write the index at {index_dir} (the previous index is unchanged): {e}",
                              hint="free disk space and build again") from None


def _build(corpus: Corpus, index_dir: Path, tmp: Path, emb: Embedder, progress: Progress | None,
           cache: str | Path | None) -> BuildReport:
    import faiss

    t0 = time.perf_counter()
    sources = getattr(corpus, "source_hashes", None) or source_fingerprint(corpus.corpus_dir)
    warnings = [f"not indexed: {_safe(i.message)}" for d in corpus.documents.values() for i in d.issues
                if i.code == "unreadable"]
    count = lru_cache(maxsize=None)(emb.count_tokens)
    if progress:
        progress(0, 1, "chunking")
    chunks = chunk_corpus(corpus, count, emb.max_tokens)
    layout.crash_point("chunking")
    if progress:
        progress(1, 1, "chunking")
    for c in chunks:
        if "split-chars" in c.flags:
            w = f"{_source_of(corpus, c.via or c.provision)}: text without spaces in {c.id} was split mid-word"
            if w not in warnings:
                warnings.append(w)
    over = [c for c in chunks if c.tokens > emb.max_tokens]
    for c in over:   # never silently truncated: skipped, and said
        warnings.append(f"{_source_of(corpus, c.via or c.provision)}: {c.id} skipped "
                        f"({c.tokens} tokens > {emb.max_tokens} even after splitting)")
    chunks = [c for c in chunks if c.tokens <= emb.max_tokens]
    for w in warnings:
        warn(w)
    if not chunks:
        raise IndexError_(f"nothing to index: the corpus at {corpus.corpus_dir} gives 0 chunks "
                          f"({len(corpus.documents)} documents); the index at {index_dir} is unchanged",
                          hint="check the corpus directory (`lexqa corpus list`)")

    cache_path = Path(cache or cache_dir(index_dir)).resolve()
    ecache = EmbeddingCache(cache_path / f"embeddings-{_slug(emb.name)}.sqlite", emb.dim)
    keys = [EmbeddingCache.key(emb.name, c.text) for c in chunks]
    have = ecache.get_many(keys)
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
    try:
        for b in range(0, len(todo_unique), BATCH):
            idx = todo_unique[b : b + BATCH]
            vecs = emb.embed_passages([chunks[i].text for i in idx])
            ecache.put_many([(keys[i], v) for i, v in zip(idx, vecs)])
            for i, v in zip(idx, vecs):
                have[keys[i]] = v
            done += len(idx)
            layout.crash_point("embedding")
            if progress:
                progress(done, len(todo_unique), "embedding")
    finally:
        ecache.close()
    if ecache.rejected:
        warnings.append(f"{ecache.rejected} cached vectors failed their checksum and were embedded again")
        warn(warnings[-1])
    embed_seconds = time.perf_counter() - t_emb

    if progress:
        progress(0, 1, "writing")
    mat = np.stack([have[k] for k in keys]).astype(np.float32)
    build_id = tmp.name[: -len(layout.TMP)]
    vindex = faiss.IndexFlatIP(emb.dim)
    vindex.add(mat)
    # serialised here and written by Python: a full disk is an OSError, not a faiss RuntimeError
    (tmp / "vectors.faiss").write_bytes(faiss.serialize_index(vindex).tobytes())
    layout.crash_point("writing")
    lex = LexicalIndex.build([c.text for c in chunks], [c.language for c in chunks])
    lex.save(tmp / "bm25")
    (tmp / "chunks.json").write_text(json.dumps([c.to_dict() for c in chunks]), encoding="utf-8")
    _write_provisions(tmp / "provisions.sqlite", corpus, build_id)
    meta = {
        "lexqa_version": __version__,
        "format": FORMAT,
        "build_id": build_id,
        "embedder": emb.name,
        "dim": emb.dim,
        "max_tokens": emb.max_tokens,
        "corpus_checksum": corpus.checksum(),
        "doc_checksums": {d: corpus.doc_checksum(d) for d in sorted(corpus.documents)},
        "docs": {d: {"label": _safe(corpus.documents[d].meta.label),
                     "chunks": sum(1 for c in chunks if c.doc == d)} for d in sorted(corpus.documents)},
        "corpus_dir": str(Path(corpus.corpus_dir).resolve()) if corpus.corpus_dir else None,
        "sources": sources,
        "cache_dir": str(cache_path),
        "chunks": len(chunks),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(time.perf_counter() - t0, 2),
        "embedded": len(todo_unique),
        "cached": len(chunks) - len(todo),
        "warnings": warnings,
        "files": integrity.record_files(tmp),
    }
    _write_json(tmp / "meta.json", meta)
    layout.install(tmp, index_dir)
    layout.cleanup(index_dir)
    if progress:
        progress(1, 1, "writing")
    split = [c for c in chunks if c.parts > 1]
    return BuildReport(
        index_dir=index_dir, chunks=len(chunks), embedded=len(todo_unique), cached=len(chunks) - len(todo),
        seconds=time.perf_counter() - t0, embed_seconds=embed_seconds, docs=len(corpus.documents),
        split_chunks=len(split),
        split_sentence=sorted({c.id.split("#")[0] for c in split if any(f != "split" for f in c.flags)}),
        warnings=warnings,
    )


def _write_json(path: Path, obj) -> None:
    """JSON with ASCII escapes (any file name survives), written via a temp file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-." else "_" for ch in name)[:80] + "-" + hashlib.sha1(name.encode()).hexdigest()[:8]


# ---------------------------------------------------------------------------- status
def read_meta(index_dir: str | Path) -> dict | None:
    """meta.json of the version a reader would open now (None: no index). A damaged meta.json
    gives {"_damaged": why}; every meta carries "_version_dir" (not written to disk)."""
    vdir = layout.current_version(index_dir)
    if vdir is None:
        return None
    meta = integrity.load_meta(vdir)
    if meta is not None:
        meta["_version_dir"] = str(vdir)
    return meta


def damage_error(index_dir: str | Path, problems: list[str]) -> IndexError_:
    return IndexError_(f"{integrity.DAMAGED} at {index_dir}: {'; '.join(problems[:3])}", hint=integrity.REBUILD)


def stale_reasons(meta: dict | None, *, corpus: Corpus | None = None, embedder: str | None = None,
                  corpus_dir: str | Path | None = None) -> list[str]:
    """Why an index cannot be used as is (empty list: fresh). Damage comes first, alone:
    "index damaged: …" (the files are checked against their checksums, see `integrity`)."""
    if meta is None:
        return ["no index"]
    vdir = meta.get("_version_dir")
    problems = integrity.damage(meta, Path(vdir) if vdir else None)
    if problems:
        return [f"{integrity.DAMAGED}: {'; '.join(problems[:3])}"]
    out = []
    if meta.get("format") not in READABLE:
        out.append(f"index format {meta.get('format')} is not readable by this lexqa (format {FORMAT})")
    if embedder and meta.get("embedder") != embedder:
        out.append(f"built with embedder {meta.get('embedder')}, requested {embedder}")
    if corpus is not None:
        if meta.get("corpus_checksum") != corpus.checksum():
            old = meta.get("doc_checksums") or {}
            changed = [d for d in corpus.documents if old.get(d) != corpus.doc_checksum(d)]
            gone = [d for d in old if d not in corpus.documents]
            out.append("corpus changed" + (f": {', '.join(sorted(changed + gone)[:8])}" if changed or gone else ""))
    elif corpus_dir is not None and isinstance(meta.get("sources"), dict) and meta["sources"]:
        changed = changed_sources(meta["sources"], corpus_dir)
        if changed:
            out.append("corpus files changed since the build")
    return out


def lost_documents(meta: dict | None, corpus: Corpus) -> list[str]:
    """Documents the index holds that `corpus` lacks (a read command must not drop them)."""
    return sorted(d for d in ((meta or {}).get("docs") or {}) if d not in corpus.documents)


def refresh_fingerprint(index_dir: str | Path, corpus_dir: str | Path | None) -> None:
    """Record the corpus files' current content hashes in meta.json (atomic replace; a read-only
    index keeps the old ones: the next command compares again, nothing is lost)."""
    meta = read_meta(index_dir)
    if meta is None or not corpus_dir or "_damaged" in meta:
        return
    vdir = Path(meta.pop("_version_dir"))
    meta["sources"] = source_fingerprint(corpus_dir)
    try:
        _write_json(vdir / "meta.json", meta)
    except OSError:
        return
