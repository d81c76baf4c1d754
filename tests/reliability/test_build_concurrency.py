"""Defect 4 (concurrency): reads while builds swap the index, two builders at once.

Bounded loops on the small corpus with the fake embedder: a builder process alternates two
corpora (different chunk counts) while readers open the index; every read must succeed and see
one build only (chunks, vectors, BM25 and provisions.sqlite of the same build id).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus, _built_template)
    _built_template,
    built, embedding_started, env, leftovers, meta_of, no_crash, run_cli, slow_env, small_corpus, start_build,
    wait_for,
)


def _builder_loop(env: dict[str, str], corpora: list[Path], rounds: int) -> subprocess.Popen:
    """A process that runs `rounds` forced builds, alternating the corpora."""
    code = ("import os, sys\nfrom lexqa.cli import main\nc = sys.argv[1:]\n"
            f"for i in range({rounds}):\n"
            "    os.environ['LEXQA_CORPUS_DIR'] = c[i % len(c)]\n"
            "    try:\n        main(['index', 'build', '--force', '--json'])\n"
            "    except SystemExit as e:\n        assert not e.code, e.code\n")
    return subprocess.Popen([sys.executable, "-c", code, *map(str, corpora)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _two_corpora(small_corpus: Path, tmp_path: Path) -> list[Path]:
    other = tmp_path / "corpus-b"
    other.mkdir()
    shutil.copy2(small_corpus / "palermo-protocol-en.md", other / "palermo-protocol-en.md")
    return [small_corpus, other]


def test_readers_in_process_never_see_two_builds(built, env, small_corpus, tmp_path):
    from lexqa.retrieve.loaded import LoadedIndex
    from lexqa.retrieve.lookup import IndexLookup

    proc = _builder_loop(env, _two_corpora(small_corpus, tmp_path), rounds=3)
    loads = mixed = errors = 0
    seen: set[str] = set()
    # read for as long as the builder runs (a cap on loads let a fast reader stop before the
    # first switch on a slow machine); the deadline only guards against a hung builder
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            # what Retriever.open does: the lookup first, then the rest
            lookup = IndexLookup(built / "provisions.sqlite")
            idx = LoadedIndex(built, lookup)
        except Exception as e:  # noqa: BLE001 - counted: the assertion below names it
            errors += 1
            print("reader error:", type(e).__name__, e)
            continue
        loads += 1
        bid = idx.lookup.db.execute("SELECT v FROM info WHERE k='build_id'").fetchone()[0]
        seen.add(bid)
        docs = {c.doc for c in idx.chunks}
        if not (bid == idx.meta["build_id"] and len(idx.chunks) == idx.vectors.ntotal == idx.meta["chunks"]
                and docs <= idx.lookup.doc_ids()):
            mixed += 1
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-800:]
    assert errors == 0 and mixed == 0, (errors, mixed, loads)
    assert loads > 0 and len(seen) >= 2, (loads, seen)   # the loop did overlap with switches


def test_a_lookup_opened_before_a_switch_is_reopened_from_the_loaded_version(built, env, small_corpus, tmp_path):
    from lexqa.retrieve.loaded import LoadedIndex
    from lexqa.retrieve.lookup import IndexLookup

    stale_lookup = IndexLookup(built / "provisions.sqlite")
    other = _two_corpora(small_corpus, tmp_path)[1]
    assert run_cli(["index", "build", "--force", "--json"], env, extra={"LEXQA_CORPUS_DIR": str(other)}).returncode == 0
    idx = LoadedIndex(built, stale_lookup)
    assert idx.lookup is not stale_lookup and idx.lookup.doc_ids() == {"palermo-protocol"}
    assert {c.doc for c in idx.chunks} == {"palermo-protocol"}


def test_search_processes_while_builds_swap(built, env, small_corpus, tmp_path):
    proc = _builder_loop(env, _two_corpora(small_corpus, tmp_path), rounds=2)
    reader_env = {k: v for k, v in env.items() if k != "LEXQA_CORPUS_DIR"}  # the index's own corpus
    runs = crashes = 0
    while proc.poll() is None and runs < 30:
        batch = [subprocess.Popen([sys.executable, "-m", "lexqa", "search", "--json", "trafficking in persons"],
                                  env=reader_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        for p in batch:
            out, err = p.communicate(timeout=120)
            runs += 1
            if p.returncode != 0 or not json.loads(out or "null"):
                crashes += 1
                print("search failed:", p.returncode, err[-400:])
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-800:]
    assert runs >= 2 and crashes == 0, (runs, crashes)


def test_a_second_builder_waits_and_says_for_whom(built, env):
    cold = env["LEXQA_CACHE_DIR"] + "-cold"
    first = start_build({**slow_env(env), "LEXQA_CACHE_DIR": cold})
    lock = built.parent / f".{built.name}.lock"
    assert wait_for(lambda: embedding_started(cold) or first.poll() is not None)
    holder = lock.read_text().strip()
    assert holder == str(first.pid)
    r = run_cli(["index", "build", "--force", "--no-wait"], env)
    assert r.returncode != 0 and no_crash(r) and f"pid {first.pid}" in r.stderr, r.stderr
    assert first.poll() is None, "the slow build ended before the second builder started"
    second = run_cli(["index", "build", "--force", "--json"], env)   # waits for the first
    first.communicate(timeout=180)
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-800:]
    assert f"waiting for the index build of pid {first.pid}" in second.stderr
    assert json.loads(second.stdout)["built"]
    assert leftovers(built) == [] and meta_of(built)["chunks"] > 0
    assert len(os.listdir(built.parent / f".{built.name}.versions")) <= 2


def test_two_builders_started_together_both_finish_with_one_consistent_index(built, env):
    ps = [subprocess.Popen([sys.executable, "-m", "lexqa", "index", "build", "--force", "--json"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in ps]
    assert [p.returncode for p in ps] == [0, 0], [o[1][-400:] for o in outs]
    r = run_cli(["search", "--json", "trafficking in persons"], {k: v for k, v in env.items()
                                                                  if k != "LEXQA_CORPUS_DIR"})
    assert r.returncode == 0 and json.loads(r.stdout)
    assert leftovers(built) == []
