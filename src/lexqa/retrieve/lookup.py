"""Where a searcher reads provisions, labels, statuses and document facts: the parsed corpus or the index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Protocol

from ..models import Provision
from ..relations import relations
from ..store import Corpus


class ProvisionLookup(Protocol):
    def get(self, pid: str) -> Provision | None: ...
    def label(self, pid: str) -> str: ...
    def status(self, pid: str) -> tuple[str, bool]: ...
    def language(self, doc: str) -> str: ...
    def doc_kind(self, doc: str) -> str: ...
    def doc_ids(self) -> set[str]: ...
    def named(self, query: str, default_doc: str | None) -> list[str]: ...
    def article_links(self) -> dict[str, list[str]]: ...
    def to_corpus(self) -> Corpus: ...


class CorpusLookup:
    """Provisions from a parsed corpus (fresh status)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def to_corpus(self) -> Corpus:
        return self.corpus

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

    def article_links(self) -> dict[str, list[str]]:
        return relations(self.corpus).article_links()


class IndexLookup:
    """Provisions from the index's provisions.sqlite (no corpus parse: fast cold start)."""

    def __init__(self, path: Path) -> None:
        self.path = path
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

        return find_named(query, self.doc_ids(), lambda pid: self._row(pid) is not None, default_doc, self.doc_kind)

    def to_corpus(self) -> Corpus:
        """The corpus the index was built from, rebuilt from its rows (every provision and, for an
        index written before the `metas` table, the manifest's entries): what the timeline needs.
        Kept on disk per index build as one JSON document of rows (lexqa.index.corpus_cache):
        ~0.13 s CPU to read instead of ~0.33 s for 11,700 SQLite rows of JSON each."""
        from ..index.corpus_cache import cache_root, long_lived, read_entry, write_entry

        key = self._build_key()
        with long_lived():
            if key is None:
                return self._rows_corpus()
            path = cache_root() / f"indexcorpus-{key[:32]}.json"
            corpus = read_entry(path, key)
            if corpus is None:
                corpus = self._rows_corpus()
                write_entry(path, key, corpus)
        return corpus

    def _build_key(self) -> str | None:
        """sha256 of this build's identity (its build id, else the file's path, inode, size and
        mtime: a rebuild replaces the file) and its `metas` table; None: an index without `metas`."""
        import hashlib
        import os

        try:
            metas = self.db.execute("SELECT id, json FROM metas ORDER BY id").fetchall()
            try:
                row = self.db.execute("SELECT v FROM info WHERE k = 'build_id'").fetchone()
            except sqlite3.OperationalError:  # an index written before the `info` table
                row = None
            st = os.stat(self.path)
        except (sqlite3.DatabaseError, OSError):
            return None
        ident = [row[0] if row else None, os.path.realpath(self.path), st.st_ino, st.st_size, st.st_mtime_ns]
        return hashlib.sha256(json.dumps([ident, metas]).encode()).hexdigest()

    def _rows_corpus(self) -> Corpus:
        from ..models import Document, DocumentMeta

        try:
            metas = {i: DocumentMeta.from_dict(json.loads(j)) for i, j in self.db.execute("SELECT id, json FROM metas")}
        except sqlite3.OperationalError:  # an older index: the manifest as it is now
            from ..config import manifest_path
            from ..ingest.manifest import load_manifest

            manifest = load_manifest(manifest_path())
            metas = {}
            for i, label, lang, kind, in_force, title in self.db.execute(
                    "SELECT id, label, language, kind, in_force, title FROM docs"):
                metas[i] = manifest.get(i) or DocumentMeta(i, title or i, label, kind, lang, [], in_force=bool(in_force),
                                                           in_manifest=False)
        provs: dict[str, list[Provision]] = {i: [] for i in metas}
        for doc, js in self.db.execute("SELECT doc, json FROM prov ORDER BY rowid"):
            provs.setdefault(doc, []).append(Provision.from_dict(json.loads(js)))
        return Corpus([Document(metas[d], ps) for d, ps in provs.items() if d in metas])

    def article_links(self) -> dict[str, list[str]]:
        """`relations(corpus).article_links()` as written at build time."""
        links: dict[str, list[str]] = {}
        for src, dst in self.db.execute("SELECT src, dst FROM links ORDER BY src, pos"):
            links.setdefault(src, []).append(dst)
        return links
