"""A parsed corpus kept on disk (JSON, no pickle), so a cold `lexqa ask` / `show` does not parse
every source again (~2 s on the full corpus; loading the cached parse takes a fraction of that).

The entry is keyed by everything the parse depends on: the resolved corpus directory, the content
hash of every source file and of the manifest (`index.sources.source_fingerprint`, ~15 ms), and the
content hash of the lexqa package itself (parser code and data files: a code change re-parses)
and pypdf's version.
A missing, unreadable or damaged entry is parsed again and rewritten (atomic replace); a
corpus whose discovery met problems (unreadable folders, warnings printed on stderr) is never
cached, so those warnings keep showing. `LEXQA_CORPUS_CACHE=0` (or LEXQA_NO_CACHE, as for the PDF text cache) turns the cache off.

Public: `cached_corpus(load)` — a decorator for `load(corpus_dir) -> Corpus`; `long_lived()` (below);
`read_entry` /
`write_entry` also keep the corpus an index's rows describe (`retrieve.lookup.IndexLookup.to_corpus`,
keyed by that index build, entries ``indexcorpus-*.json``).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..store import Corpus

FORMAT = 1
_KEEP = 3   # newest entries kept per cache directory (a few checkouts or corpora side by side)


@contextmanager
def long_lived(collect: bool = False):
    """Build objects that live as long as the process (a corpus, an index, a timeline): no cyclic
    collection while they are made, then `gc.freeze()` so no later collection rescans them.
    Measured on the full corpus: a cold process's exit (the collector's last passes over ~10^5
    objects) 0.3–0.7 s → 0.06 s. Frozen objects are still freed by reference counting; `collect`:
    first free the cyclic garbage made meanwhile (a parse makes some; JSON decoding makes none),
    which freezing would otherwise keep."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        if collect:
            gc.collect(0)   # the objects made in the block are all still in the youngest generation
        gc.freeze()


def cache_root() -> Path:
    """LEXQA_CACHE_DIR (shared with the embedding cache), else the per-user state directory."""
    from ..config import user_dir

    env = os.environ.get("LEXQA_CACHE_DIR")
    return Path(env).expanduser() if env else user_dir() / "cache"


@functools.cache
def code_fingerprint() -> str:
    """sha256 over the lexqa package's files (code and data; ~10 ms, once per process)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for dirpath, dirnames, files in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            p = Path(dirpath) / name
            h.update(p.relative_to(root).as_posix().encode() + b"\0")
            h.update(p.read_bytes() + b"\1")
    return h.hexdigest()


@functools.cache
def _pypdf_version() -> str:
    """pypdf's version file (PDF text extraction changes with it), read without importing pypdf (~0.2 s)."""
    import importlib.util

    spec = importlib.util.find_spec("pypdf")
    if spec is None or not spec.origin:
        return "none"
    try:
        return hashlib.sha256((Path(spec.origin).parent / "_version.py").read_bytes()).hexdigest()
    except OSError:
        return "unknown"


def corpus_key(corpus_dir: Path) -> str | None:
    """The cache key of the corpus at `corpus_dir` as it is now; None: do not cache it."""
    from ..ingest.files import discover
    from .sources import source_fingerprint

    if not corpus_dir.is_dir() or discover(corpus_dir)[1]:
        return None
    state = {"format": FORMAT, "dir": str(corpus_dir), "sources": source_fingerprint(corpus_dir),
             "code": code_fingerprint(), "pdf": _pypdf_version()}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def cached_corpus(load: Callable[[Any], "Corpus"]) -> Callable[[Any], "Corpus"]:
    """Memoise `load(corpus_dir)` on disk (see the module docstring)."""

    @functools.wraps(load)
    def wrapper(corpus_dir: Any) -> "Corpus":
        if os.environ.get("LEXQA_CORPUS_CACHE", "1") == "0" or os.environ.get("LEXQA_NO_CACHE"):
            return load(corpus_dir)
        from ..config import resolve_corpus_dir

        cdir = resolve_corpus_dir(corpus_dir)   # the same error as `load` for a bad directory
        key = corpus_key(Path(cdir).expanduser())
        if key is None:
            return load(corpus_dir)
        path = cache_root() / f"corpus-{key[:32]}.json"
        with long_lived():
            corpus = read_entry(path, key)
        if corpus is None:
            with long_lived(collect=True):
                corpus = load(corpus_dir)
            if not getattr(corpus, "discovery_problems", None):
                write_entry(path, key, corpus)
        return corpus

    return wrapper


# ---------------------------------------------------------------------- (de)serialisation

def _prov_fields() -> list[str]:
    from ..models import Provision

    return [f.name for f in fields(Provision)]


def to_json(corpus: "Corpus", key: str) -> dict:
    names = _prov_fields()
    docs = []
    for d in corpus.documents.values():
        docs.append({"meta": d.meta.to_dict(), "issues": [asdict(i) for i in d.issues], "texts": d.texts,
                     # provisions as rows in field order: a third of the size, quicker to read
                     "provisions": [[getattr(p, n) for n in names] for p in d.provisions]})
    out = {"format": FORMAT, "key": key, "fields": names, "corpus_dir": corpus.corpus_dir, "documents": docs}
    for attr in ("source_hashes", "discovery_problems"):  # set by load_corpus only
        if hasattr(corpus, attr):
            out[attr] = getattr(corpus, attr)
    return out


def from_json(data: dict) -> "Corpus":
    from ..models import Document, DocumentMeta, ParseIssue, Provision
    from ..store import Corpus

    if data.get("fields") != _prov_fields():
        raise ValueError("provision fields changed")
    docs = [Document(DocumentMeta.from_dict(d["meta"]), [Provision(*row) for row in d["provisions"]],
                     [ParseIssue(**i) for i in d["issues"]], d["texts"]) for d in data["documents"]]
    corpus = Corpus(docs, corpus_dir=data["corpus_dir"])
    for attr in ("source_hashes", "discovery_problems"):
        if attr in data:
            setattr(corpus, attr, data[attr])
    return corpus


def read_entry(path: Path, key: str) -> "Corpus | None":
    """The cached corpus of `key`, or None (missing, unreadable, damaged or of another key)."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        return from_json(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_entry(path: Path, key: str, corpus: "Corpus") -> None:
    """Atomic write; a cache that cannot be written only costs the next process a parse."""
    try:
        # ASCII escapes: a file name that is not UTF-8 (lone surrogates) round-trips too
        _write_json(path, to_json(corpus, key), path.name.split("-", 1)[0], ascii=True)
    except OSError:
        return  # a read-only or full cache directory only costs the next process a parse
    except (ValueError, TypeError) as e:  # unserialisable data: never fails the command, but say so
        print(f"warning: corpus cache not written ({type(e).__name__}: {e})", file=sys.stderr)


def code_keyed(kind: str, build: Callable[[], Any]) -> Any:
    """`build()` (JSON data derived from lexqa's own files only, e.g. the shipped guides), kept on
    disk as ``KIND-<code fingerprint>.json`` and read back while the package is unchanged."""
    if os.environ.get("LEXQA_NO_CACHE"):
        return build()
    path = cache_root() / f"{kind}-{code_fingerprint()[:32]}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass  # missing or damaged: built again and rewritten
    data = build()
    try:
        _write_json(path, data, kind, ascii=False, default=str)   # (TOML dates as ISO text)
    except OSError:
        pass  # a read-only cache directory only costs the next process the build
    return data


def _write_json(path: Path, data: Any, kind: str, ascii: bool, default: Callable[[Any], Any] | None = None) -> None:
    """Atomic: a reader sees the old entry or the whole new one; then the oldest of `kind` go."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii" if ascii else "utf-8") as f:
            json.dump(data, f, separators=(",", ":"), ensure_ascii=ascii, default=default)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _prune(path.parent, kind)


def _prune(root: Path, prefix: str) -> None:
    """Keep the newest `_KEEP` entries of a kind: each code edit or corpus change makes a new key."""
    entries = sorted(root.glob(f"{prefix}-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[_KEEP:]:
        try:
            old.unlink()
        except OSError:
            continue
