"""Damage detection: a checksum per index file in meta.json, checked cheaply on open, fully on demand.

meta.json's ``files`` maps each file of a version (relative path) to its size, sha256 and the
sha256 of a sample (the whole file up to 1 MiB, else four 64 KiB blocks at 0, ⅓, ⅔ and the end).
Opening an index compares sizes and samples (milliseconds); ``lexqa index status --verify``
(`full_check()`) compares every byte.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

BLOCK = 64 * 1024
WHOLE = 1 << 20
DAMAGED = "index damaged"
REBUILD = "run `lexqa index build --force`"
_FULL: contextvars.ContextVar[bool] = contextvars.ContextVar("lexqa_full_check", default=False)


@contextmanager
def full_check() -> Iterator[None]:
    """Integrity checks inside compare whole files, not samples (`index status --verify`)."""
    tok = _FULL.set(True)
    try:
        yield
    finally:
        _FULL.reset(tok)


def _sample(f, size: int) -> str:
    h = hashlib.sha256()
    if size <= WHOLE:
        h.update(f.read())
        return h.hexdigest()
    for off in (0, size // 3, 2 * size // 3, max(0, size - BLOCK)):
        f.seek(off)
        h.update(f.read(BLOCK))
    return h.hexdigest()


def file_record(path: Path) -> dict:
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        sample = _sample(f, size)
        f.seek(0)
        full = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            full.update(block)
    return {"size": size, "sha256": full.hexdigest(), "sample": sample}


def record_files(vdir: Path) -> dict[str, dict]:
    """Records of every file of a version except meta.json (which holds them)."""
    out = {}
    for p in sorted(vdir.rglob("*")):
        if p.is_file() and p.name != "meta.json":
            out[p.relative_to(vdir).as_posix()] = file_record(p)
    return out


def check_files(vdir: Path, files: dict, full: bool | None = None) -> list[str]:
    """Problems of the files against their records ([] = intact); `full` None: as `full_check()` says."""
    full = _FULL.get() if full is None else full
    problems = []
    for rel, rec in files.items():
        p = vdir / rel
        try:
            with open(p, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size != rec.get("size"):
                    problems.append(f"{rel} has {size} bytes, {rec.get('size')} were written")
                    continue
                if full:
                    h = hashlib.sha256()
                    for block in iter(lambda: f.read(1 << 20), b""):
                        h.update(block)
                    ok = h.hexdigest() == rec.get("sha256")
                else:
                    ok = _sample(f, size) == rec.get("sample")
        except FileNotFoundError:
            problems.append(f"{rel} is missing")
            continue
        except OSError as e:
            problems.append(f"{rel} cannot be read ({e.strerror or e})")
            continue
        if not ok:
            problems.append(f"{rel} does not match its checksum")
    return problems


def load_meta(vdir: Path) -> dict | None:
    """meta.json of a version: None when absent, {"_damaged": why} when unreadable or not an object."""
    p = vdir / "meta.json"
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return {"_damaged": "meta.json is not a file"}
    except OSError as e:
        return {"_damaged": f"meta.json cannot be read ({e.strerror or e})"}
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return {"_damaged": f"meta.json is not valid JSON ({e})"}
    if not isinstance(meta, dict):
        return {"_damaged": f"meta.json is not a JSON object (it is a {type(meta).__name__})"}
    bad = [k for k, t in (("chunks", int), ("docs", dict), ("files", dict), ("dim", int), ("embedder", str))
           if k in meta and not isinstance(meta[k], t)]
    if bad:
        return {"_damaged": f"meta.json has fields of the wrong type: {', '.join(bad)}"}
    return meta


def damage(meta: dict, vdir: Path | None) -> list[str]:
    """Why the version cannot be trusted ([] = intact, as far as the checks go)."""
    if "_damaged" in meta:
        return [meta["_damaged"]]
    if vdir is None:
        return []
    if isinstance(meta.get("files"), dict):
        return check_files(vdir, meta["files"])
    missing = [n for n in ("chunks.json", "vectors.faiss", "provisions.sqlite", "bm25") if not (vdir / n).exists()]
    return [f"{n} is missing" for n in missing]
