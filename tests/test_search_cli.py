"""`lexqa search` / `lexqa index` through the real entry point (subprocess): output and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fakes import plugin_env
from lexqa.index.store import build_index

ENTRY = "from lexqa.cli import main; main()"


def run(args, env=None, input=None):
    e = dict(os.environ)
    e.update(plugin_env())  # the indexes here are built with the tests' "fake" embedder
    e.update(env or {})
    e.pop("LEXQA_DEBUG", None)
    return subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, env=e, input=input, timeout=300)


@pytest.fixture
def mini_index(mini_corpus, tmp_path):
    idx = tmp_path / "index"
    build_index(mini_corpus, idx, "fake")
    return idx


def test_search_json_fields(mini_index):
    r = run(["search", "Pasal 16 UU 6/2011", "-k", "3", "--json", "--index-dir", str(mini_index)])
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows[0]["id"] == "uu-63-2024/pasal-i/angka-2/pasal-16" and rows[0]["address"] == "uu-6-2011/pasal-16"
    assert rows[0]["label"].startswith("UU 6/2011 Pasal 16 (as amended by UU 63/2024")
    for key in ("doc", "pasal", "ayat", "huruf", "label", "id", "text", "score", "status", "status_detail"):
        assert key in rows[0]
    assert rows[0]["status"] == "in force as amended"  # UU 63/2024 rewrote it
    r = run(["search", "Pasal 16 UU 6/2011", "-k", "3", "--json", "--as-of", "2020-01-01", "--index-dir", str(mini_index)])
    assert json.loads(r.stdout)[0]["id"] == "uu-6-2011/pasal-16"
    assert len(rows) <= 3


def test_search_table_and_filters(mini_index):
    r = run(["search", "izin tinggal visa", "--in-force", "--doc", "uu-6-2011", "--mode", "bm25",
             "--index-dir", str(mini_index)], env={"COLUMNS": "160"})
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "Pasal 48" not in out  # revoked
    r = run(["search", "izin tinggal visa", "--doc", "uu-6-2011", "--mode", "bm25", "--index-dir", str(mini_index)],
            env={"COLUMNS": "160"})
    assert "UU 6/2011 Pasal 48" in r.stdout.decode() and "revoked" in r.stdout.decode()


@pytest.mark.parametrize("query", [b"", b"   ", "x".encode() * 1_000_000, b"abc \xff\xfe def", "ภาษาไทย 中文".encode()])
def test_bad_input_never_tracebacks(mini_index, query):
    if len(query) > 100_000:  # one argv string is capped at 128 KiB; the 1 MB case is in test_retrieve
        r = run(["search", "x" * 100_000, "--json", "--index-dir", str(mini_index)])
    else:
        r = run([b"search", query, b"--json", b"--index-dir", str(mini_index).encode()])
    err = r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    if query.strip():
        assert r.returncode == 0
        assert isinstance(json.loads(r.stdout), list)
    else:
        assert r.returncode != 0 and "empty query" in err


def test_missing_index_without_corpus_gives_a_hint(tmp_path):
    r = run(["search", "visa", "--index-dir", str(tmp_path / "none"), "--corpus-dir", str(tmp_path / "no-corpus")])
    err = r.stderr.decode()
    assert r.returncode != 0 and "Traceback" not in err and "corpus directory not found" in err


def test_index_status_json(mini_index, tmp_path):
    r = run(["index", "status", "--json", "--index-dir", str(mini_index)])
    data = json.loads(r.stdout)
    assert data["exists"] and data["embedder"] == "fake" and data["chunks"] > 0 and data["stale"] is False
    r = run(["index", "status", "--json", "--index-dir", str(tmp_path / "none")])
    assert json.loads(r.stdout)["exists"] is False


def test_search_builds_missing_index_on_first_use(corpus_dir, tmp_path):
    idx = tmp_path / "index"
    env = {"LEXQA_EMBEDDER": "fake", "LEXQA_CACHE_DIR": str(tmp_path / "cache")}
    r = run(["search", "Pasal 16 UU 6/2011", "-k", "3", "--index-dir", str(idx), "--corpus-dir", str(corpus_dir)], env=env)
    assert r.returncode == 0, r.stderr.decode()
    assert "embedding" in r.stderr.decode()  # the progress bar
    assert "UU 6/2011 Pasal 16" in r.stdout.decode()
    r = run(["index", "status", "--json", "--index-dir", str(idx)], env=env)
    data = json.loads(r.stdout)
    assert data["stale"] is False and "uu-6-2011" in data["docs"]
    r = run(["index", "build", "--json", "--index-dir", str(idx), "--corpus-dir", str(corpus_dir)], env=env)
    assert json.loads(r.stdout)["built"] is False  # up to date
