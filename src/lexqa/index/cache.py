"""The embedding cache: sha256(embedder name + text) → float32 vector, in SQLite (blobs; no pickle).

Each row carries a checksum of its key and vector bytes, and a vector must be L2-normalised:
a row failing either (disk damage, a poisoned row) is dropped and embedded again. A cache file
SQLite cannot read is moved aside (``*.corrupt-<time>``, with a warning) and a new one started,
so a damaged cache costs time, never a failed build.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np


def cache_dir(index_dir: Path) -> Path:
    env = os.environ.get("LEXQA_CACHE_DIR")
    # abspath, not resolve(): the index path is a symlink to its current version
    return Path(env).expanduser() if env else Path(os.path.abspath(index_dir)).parent / ".lexqa-cache"


def _row_sum(key: str, blob: bytes) -> str:
    return hashlib.sha256(key.encode("ascii") + b"\0" + blob).hexdigest()[:16]


class EmbeddingCache:
    """sha256(embedder name + text) → float32 vector; rows checked on read (see module docstring)."""

    def __init__(self, path: Path, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.dim = dim
        self.path = path
        self.rejected = 0          # rows dropped by the checks since opening
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as e:
            aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
            os.replace(path, aside)
            for ext in ("-wal", "-shm", "-journal"):
                Path(str(path) + ext).unlink(missing_ok=True)
            print(f"warning: embedding cache {path} is damaged ({e}); moved to {aside.name}, starting a new one",
                  file=sys.stderr)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=30)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            cols = {r[1] for r in db.execute("PRAGMA table_info(emb)")}
            if "sum" not in cols:  # a cache of an older lexqa: rows without a checksum stay usable
                db.execute("ALTER TABLE emb ADD COLUMN sum TEXT")
            db.execute("SELECT count(*) FROM emb").fetchone()
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def key(embedder_name: str, text: str) -> str:
        return hashlib.sha256((embedder_name + "\0" + text).encode("utf-8", "surrogatepass")).hexdigest()

    def _ok(self, key: str, blob: bytes, s: str | None) -> np.ndarray | None:
        if s is not None and s != _row_sum(key, blob):
            return None
        if len(blob) != self.dim * 4:
            return None
        v = np.frombuffer(blob, dtype=np.float32)
        n2 = float(np.dot(v, v)) if np.all(np.isfinite(v)) else -1.0
        if not (n2 == 0.0 or abs(n2 - 1.0) <= 1e-3):  # rows are L2-normalised (a text without words: 0)
            return None
        return v

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            q = "SELECT key, vec, sum FROM emb WHERE key IN (%s)" % ",".join("?" * len(part))
            for k, blob, s in self.db.execute(q, part):
                v = self._ok(k, bytes(blob), s)
                if v is None:
                    self.rejected += 1
                else:
                    out[k] = v
        return out

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        rows = []
        for k, v in items:
            blob = np.asarray(v, dtype=np.float32).tobytes()
            rows.append((k, blob, _row_sum(k, blob)))
        self.db.executemany("INSERT OR REPLACE INTO emb (key, vec, sum) VALUES (?, ?, ?)", rows)
        self.db.commit()

    def close(self) -> None:
        self.db.close()
