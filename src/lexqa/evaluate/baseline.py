"""The naive LangChain baseline: what a user typically builds instead of lexqa.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the *raw* text of each
source file (markdown read as is, PDFs through pypdf's plain ``extract_text``; no lexqa
normalisation or parsing), one FAISS inner-product index over the chunk embeddings made with the
same embedder lexqa uses.

Mapping chunks back to Pasal (so the same Pasal-level metrics apply): lexqa provision offsets
point into the *normalised* text, which differs from the raw text (removed ``__`` markers, page
headers, ...), so offsets cannot be reused. Instead each raw file is scanned for heading lines
(``Pasal 16``, ``Pasal 76A``, ``### Article 3``); a chunk maps to the article in force at its
start offset, followed by every article whose heading falls inside the chunk. A chunk of an
amendment law maps to the amending document's own key (``uu-63-2024``, ``16``), matching how the
gold set labels amendment provisions; a heading in the Penjelasan maps to its Pasal, as lexqa's
own Penjelasan hits do. Files without headings (literature) map to the document. Heading lines
garbled by OCR (``Pasal l20``) or glued to the previous line are missed, exactly as a naive user
would miss them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .metrics import Key, key_of

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200

_HEADING = re.compile(r"(?m)^[#*_\s]*(?:Pasal|Article)\s+(\d+[A-Z]?)\b[\s#*_.]*$")


@dataclass
class RawChunk:
    doc: str
    file: str
    start: int
    text: str
    keys: list[Key]


def read_raw(path: Path) -> str:
    """The file's text as a naive pipeline reads it: markdown as is, PDF via pypdf extract_text."""
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        from ..ingest.pdf import quiet_pypdf

        with quiet_pypdf():  # font-encoding warnings per page are noise here too
            return "\n".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8", errors="replace")


def headings(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in _HEADING.finditer(text)]


def chunk_keys(doc: str, start: int, end: int, heads: Sequence[tuple[int, str]]) -> list[Key]:
    """Article keys a chunk [start, end) overlaps: the one in force at `start`, then those inside."""
    before = [h for h in heads if h[0] <= start]
    keys: list[Key] = []
    if before:
        keys.append(key_of(doc, before[-1][1]))
    keys.extend(key_of(doc, n) for pos, n in heads if start < pos < end)
    if not keys:
        keys.append((doc, None))
    out: list[Key] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return out


def split_file(doc: str, rel: str, text: str) -> list[RawChunk]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                              add_start_index=True)
    heads = headings(text)
    out: list[RawChunk] = []
    for d in splitter.create_documents([text]):
        s = int(d.metadata.get("start_index", -1))
        if s < 0:  # not found (should not happen): locate it
            s = max(text.find(d.page_content), 0)
        e = s + len(d.page_content)
        out.append(RawChunk(doc, rel, s, d.page_content, chunk_keys(doc, s, e, heads)))
    return out


class NaiveLangChainBaseline:
    """Chunks of the raw files + FAISS; `search` returns Pasal keys, best first."""

    def __init__(self, chunks: list[RawChunk], embedder: Any, vectors: np.ndarray) -> None:
        import faiss

        self.chunks = chunks
        self.embedder = embedder
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    @classmethod
    def build(cls, corpus: Any, corpus_dir: Path, embedder: Any, docs: Sequence[str] | None = None,
              cache_path: Path | None = None, progress: Any = None) -> "NaiveLangChainBaseline":
        chunks: list[RawChunk] = []
        wanted = set(docs) if docs is not None else None
        for doc_id, d in corpus.documents.items():
            if wanted is not None and doc_id not in wanted:
                continue
            for rel in d.meta.files:
                p = Path(corpus_dir) / rel
                if p.is_file():
                    chunks.extend(split_file(doc_id, rel, read_raw(p)))
        vectors = _embed_cached(embedder, [c.text for c in chunks], cache_path, progress)
        return cls(chunks, embedder, vectors)

    def search(self, query: str, k: int = 10) -> list[Key]:
        """Pasal keys of the top chunks (enough chunks to give k distinct keys when possible)."""
        q = np.asarray(self.embedder.embed_queries([query]), dtype=np.float32)
        n = min(len(self.chunks), max(3 * k, 30))
        _, idx = self.index.search(q, n)
        keys: list[Key] = []
        for i in idx[0]:
            if i < 0:
                continue
            for key in self.chunks[i].keys:
                if key not in keys:
                    keys.append(key)
            if len(keys) >= k:
                break
        return keys


def _embed_cached(embedder: Any, texts: list[str], cache_path: Path | None, progress: Any) -> np.ndarray:
    """Embed passages in batches, reusing lexqa's embedding cache (SQLite, no pickle) when given."""
    name = getattr(embedder, "name", type(embedder).__name__)
    cache = None
    found: dict[str, np.ndarray] = {}
    keys: list[str] = []
    if cache_path is not None:
        try:
            from ..index.store import EmbeddingCache

            dim = int(np.asarray(embedder.embed_queries(["dim"])).shape[1])
            cache = EmbeddingCache(cache_path, dim)
            keys = [EmbeddingCache.key("naive:" + name, t) for t in texts]
            found = cache.get_many(keys)
        except ImportError:
            cache = None
    out: list[np.ndarray | None] = [found.get(k) for k in keys] if keys else [None] * len(texts)
    todo = [i for i, v in enumerate(out) if v is None]
    t0 = time.time()
    for b in range(0, len(todo), 16):
        part = todo[b : b + 16]
        vecs = np.asarray(embedder.embed_passages([texts[i] for i in part]), dtype=np.float32)
        for i, v in zip(part, vecs):
            out[i] = v
        if cache is not None:
            cache.put_many([(keys[i], out[i]) for i in part])  # type: ignore[misc]
        if progress:
            progress(min(b + 16, len(todo)), len(todo), time.time() - t0)
    if cache is not None:
        cache.close()
    if not texts:
        return np.zeros((0, 1), np.float32)
    return np.stack([np.asarray(v, dtype=np.float32) for v in out])  # type: ignore[arg-type]
