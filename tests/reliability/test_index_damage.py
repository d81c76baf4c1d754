"""Defect 8: damage is detected — per-file checksums, cheap on open, full with `status --verify`;
a damaged index says "index damaged … run `lexqa index build --force`" (non-zero, no traceback);
a damaged embedding cache is quarantined, a poisoned cached vector is caught by its row checksum."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus, _built_template)
    _built_template,
    built, env, meta_of, no_crash, run_cli, small_corpus, version_of,
)

FILES = ("vectors.faiss", "chunks.json", "provisions.sqlite", "bm25/stems.json", "bm25/vocab.index.json",
         "bm25/data.csc.index.npy")


def _flip(path: Path, at: float = 0.5) -> None:
    b = bytearray(path.read_bytes())
    i = min(len(b) - 1, int(len(b) * at))
    b[i] ^= 0x5A
    path.write_bytes(bytes(b))


def _reader_env(env):
    return {k: v for k, v in env.items() if k != "LEXQA_CORPUS_DIR"}


def _assert_damaged(r, what: str = "") -> None:
    assert r.returncode != 0 and no_crash(r), r.stderr
    assert "index damaged" in r.stderr and "index build --force" in r.stderr, r.stderr
    assert what in r.stderr, r.stderr


@pytest.mark.parametrize("name", FILES)
def test_flipped_bytes_in_any_index_file_are_reported(built, env, name):
    _flip(Path(version_of(built)) / name)
    _assert_damaged(run_cli(["index", "status", "--verify"], env), name)
    _assert_damaged(run_cli(["search", "trafficking in persons"], _reader_env(env)), name)
    r = run_cli(["index", "build", "--json"], env)   # a plain build repairs a damaged index
    assert r.returncode == 0 and json.loads(r.stdout)["built"], r.stderr
    assert run_cli(["index", "status", "--verify"], env).returncode == 0


def test_a_flip_outside_the_sample_is_found_by_verify(built, env):
    # a large file is sampled on open (four 64 KiB blocks); --verify reads every byte
    from lexqa.index import integrity

    vdir = Path(version_of(built))
    meta = meta_of(built)
    big = vdir / "chunks.json"
    data = big.read_bytes()
    padded = data[:-1] + b" " * (3 << 20) + data[-1:]    # valid JSON, 3 MiB larger
    big.write_bytes(padded)
    meta["files"]["chunks.json"] = integrity.file_record(big)
    (vdir / "meta.json").write_text(json.dumps(meta))
    _flip(big, 0.5 + 1 / 12)   # between the samples at 1/3 and 2/3
    assert run_cli(["index", "status"], env).returncode == 0
    _assert_damaged(run_cli(["index", "status", "--verify"], env), "chunks.json")


@pytest.mark.parametrize("content", ["[1, 2, 3]", "\"text\"", "{not json", "", '{"chunks": "many"}'])
def test_meta_json_that_is_not_an_object_is_damage(built, env, content):
    (Path(version_of(built)) / "meta.json").write_text(content)
    _assert_damaged(run_cli(["search", "trafficking in persons"], _reader_env(env)), "meta.json")
    _assert_damaged(run_cli(["index", "status"], env), "meta.json")
    assert run_cli(["index", "build", "--force", "--json", "--embedder", "fake"], env).returncode == 0


def test_provisions_sqlite_replaced_by_garbage(built, env):
    vdir = Path(version_of(built))
    p = vdir / "provisions.sqlite"
    p.write_bytes(b"\0" * p.stat().st_size)
    _assert_damaged(run_cli(["search", "trafficking in persons"], _reader_env(env)), "provisions.sqlite")


def test_row_count_mismatch_with_matching_checksums(built, env):
    # a consistent-looking but wrong version: chunks.json lost a chunk, its checksum recomputed
    from lexqa.index import integrity

    vdir = Path(version_of(built))
    meta = meta_of(built)
    chunks = json.loads((vdir / "chunks.json").read_text())
    (vdir / "chunks.json").write_text(json.dumps(chunks[:-1]))
    meta["files"]["chunks.json"] = integrity.file_record(vdir / "chunks.json")
    (vdir / "meta.json").write_text(json.dumps(meta))
    _assert_damaged(run_cli(["search", "trafficking in persons"], _reader_env(env)), "rows")


def test_embedder_of_another_dimension(built, env):
    vdir = Path(version_of(built))
    meta = meta_of(built)
    meta["embedder"] = "fake:128"   # what a hand-edited or mixed-up meta.json would say
    (vdir / "meta.json").write_text(json.dumps(meta))
    r = run_cli(["search", "--mode", "dense", "trafficking in persons"], _reader_env(env))
    _assert_damaged(r, "128-d")


def test_a_corrupt_embedding_cache_is_quarantined_and_rebuilt(built, env, tmp_path):
    cache = Path(env["LEXQA_CACHE_DIR"])
    (db,) = cache.glob("embeddings-*.sqlite")
    db.write_bytes(b"this is not a database" * 100)
    r = run_cli(["index", "build", "--force", "--json"], env)
    assert r.returncode == 0, r.stderr
    assert "embedding cache" in r.stderr and "damaged" in r.stderr
    assert list(cache.glob("embeddings-*.sqlite.corrupt-*"))
    assert json.loads(r.stdout)["embedded"] == json.loads(r.stdout)["chunks"]


def test_a_poisoned_cached_vector_is_caught_by_its_row_checksum(built, env):
    cache = Path(env["LEXQA_CACHE_DIR"])
    (db_path,) = cache.glob("embeddings-*.sqlite")
    db = sqlite3.connect(db_path)
    key, blob = db.execute("SELECT key, vec FROM emb LIMIT 1").fetchone()
    v = np.frombuffer(blob, dtype=np.float32).copy()
    v = np.roll(v, 7)   # still unit length: only the checksum can tell
    db.execute("UPDATE emb SET vec = ? WHERE key = ?", (v.tobytes(), key))
    db.commit()
    db.close()
    r = run_cli(["index", "build", "--force", "--json"], env)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["embedded"] == 1 and "failed their checksum" in r.stderr
