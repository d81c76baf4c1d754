"""A cold `lexqa ask` / `lexqa search` process (real CLI, real parser on a real corpus document, the
tests' fake embedder) imports none of the heavy modules it does not need: no torch, no bm25s/scipy
(the saved BM25 index is read with numpy), and, once the parse is cached on disk, no PDF loader
and no parser run (lexqa.index.corpus_cache)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from fakes import plugin_env

NEVER = ("torch", "transformers", "sentence_transformers", "bm25s", "scipy")
NOT_WHEN_CACHED = ("pypdf", "lexqa.ingest.pdf", "lexqa.ingest.markdown", "lexqa.ingest.corpus")

_CHILD = ("import json, sys\n"
          "sys.argv = ['lexqa'] + sys.argv[1:]\n"
          "from lexqa.cli import main\n"
          "try:\n"
          "    main()\n"
          "finally:\n"
          "    sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n")


@pytest.fixture(scope="module")
def small_setup(corpus_dir, tmp_path_factory):
    """A corpus of UU 6/2011 alone (its real files) and its index built with the fake embedder."""
    from lexqa.config import manifest_path
    from lexqa.ingest.manifest import load_manifest

    root = tmp_path_factory.mktemp("cold")
    sub = root / "corpus"
    for f in load_manifest(manifest_path())["uu-6-2011"].files:
        if (corpus_dir / f).is_file():
            (sub / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(corpus_dir / f, sub / f)
    env = {**os.environ, **plugin_env(), "LEXQA_CORPUS_DIR": str(sub), "LEXQA_INDEX_DIR": str(root / "index"),
           "LEXQA_CACHE_DIR": str(root / "cache"), "LEXQA_HOME": str(root / "home")}
    env.pop("LEXQA_DEBUG", None)
    env.pop("LEXQA_CORPUS_CACHE", None)
    r = subprocess.run([sys.executable, "-m", "lexqa", "index", "build", "--embedder", "fake", "--json"],
                       env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return env


def _modules(args: list[str], env: dict) -> tuple[str, set[str]]:
    r = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    line = [s for s in r.stderr.splitlines() if s.startswith("MODULES ")][-1]
    return r.stdout, set(json.loads(line.split(" ", 1)[1]))


def test_cold_ask_imports_no_heavy_module(small_setup):
    out, mods = _modules(["ask", "--json", "Kapan Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?"],
                         small_setup)
    assert json.loads(out)["retrieved"], out[:500]
    assert not mods & set(NEVER), mods & set(NEVER)
    # the index build parsed the corpus and left its parse in the cache: this process parsed nothing
    assert not mods & set(NOT_WHEN_CACHED), mods & set(NOT_WHEN_CACHED)
    assert os.listdir(small_setup["LEXQA_CACHE_DIR"])


def test_cold_search_imports_no_heavy_module(small_setup):
    out, mods = _modules(["search", "--json", "menolak orang keluar", "-k", "3"], small_setup)
    assert json.loads(out), out[:500]
    assert not mods & set(NEVER + NOT_WHEN_CACHED), mods & set(NEVER + NOT_WHEN_CACHED)


def test_corpus_cache_off_parses_again(small_setup):
    """LEXQA_CORPUS_CACHE=0: the corpus is parsed (its loaders run), and the answer is the same."""
    args = ["ask", "--json", "Kapan Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?"]
    cached, _ = _modules(args, small_setup)
    fresh, mods = _modules(args, {**small_setup, "LEXQA_CORPUS_CACHE": "0"})
    assert "lexqa.ingest.corpus" in mods
    strip = lambda s: {k: v for k, v in json.loads(s).items() if k != "timings"}  # noqa: E731
    assert strip(cached) == strip(fresh)


def test_corpus_cache_is_keyed_by_the_sources(small_setup, tmp_path, monkeypatch):
    """The cached parse equals a fresh one; an edited source or a damaged entry is parsed again."""
    from dataclasses import asdict

    from lexqa.index import corpus_cache
    from lexqa.ingest import load_corpus

    cdir = tmp_path / "corpus"
    shutil.copytree(small_setup["LEXQA_CORPUS_DIR"], cdir)
    monkeypatch.setenv("LEXQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEXQA_CORPUS_CACHE", raising=False)
    calls = []
    load = corpus_cache.cached_corpus(lambda d: calls.append(d) or load_corpus(d))

    def dump(c):
        return ([(d.meta.to_dict(), [p.to_dict() for p in d.provisions], [asdict(i) for i in d.issues], d.texts)
                 for d in c.documents.values()], c.corpus_dir, c.source_hashes)

    first = load(cdir)
    again = load(cdir)
    assert len(calls) == 1 and dump(again) == dump(first) and again is not first
    src = next(p for p in cdir.rglob("*.md"))
    src.write_text(src.read_text(encoding="utf-8").replace("Pejabat Imigrasi", "Pejabat  Imigrasi", 1),
                   encoding="utf-8")
    load(cdir)
    assert len(calls) == 2                      # an edited source: parsed again
    for entry in (tmp_path / "cache").glob("corpus-*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert dump(load(cdir)) == dump(load_corpus(cdir)) and len(calls) == 3   # a damaged entry: parsed again


def test_index_corpus_cache_follows_the_build(small_setup, tmp_path, monkeypatch):
    """IndexLookup.to_corpus from its disk entry equals the rows; another build has another entry."""
    from lexqa.index.layout import current_version
    from lexqa.retrieve.lookup import IndexLookup

    from pathlib import Path

    monkeypatch.setenv("LEXQA_CACHE_DIR", str(tmp_path / "cache"))
    db = current_version(Path(small_setup["LEXQA_INDEX_DIR"])) / "provisions.sqlite"
    lookup = IndexLookup(db)
    rows = lookup._rows_corpus()
    cached = IndexLookup(db).to_corpus()
    assert list((tmp_path / "cache").glob("indexcorpus-*.json"))
    again = IndexLookup(db).to_corpus()
    for c in (cached, again):
        assert [[p.to_dict() for p in d.provisions] for d in c.documents.values()] == \
               [[p.to_dict() for p in d.provisions] for d in rows.documents.values()]
        assert [d.meta.to_dict() for d in c.documents.values()] == [d.meta.to_dict() for d in rows.documents.values()]
    copy = tmp_path / "other.sqlite"
    shutil.copy2(db, copy)
    assert IndexLookup(copy)._build_key() != lookup._build_key()


def test_code_keyed_cache_reads_back_and_rebuilds_a_damaged_entry(tmp_path, monkeypatch):
    from lexqa.index.corpus_cache import code_fingerprint, code_keyed

    monkeypatch.setenv("LEXQA_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("LEXQA_NO_CACHE", raising=False)
    calls = []

    def build():
        calls.append(1)
        return {"w": "stem", "n": len(calls)}

    assert code_keyed("probe", build) == {"w": "stem", "n": 1}
    path = tmp_path / f"probe-{code_fingerprint()[:32]}.json"
    assert path.is_file() and not list(tmp_path.glob(".probe-*"))   # written whole, no temp left
    assert code_keyed("probe", build) == {"w": "stem", "n": 1} and len(calls) == 1   # read back
    path.write_text("{not json", encoding="utf-8")
    assert code_keyed("probe", build) == {"w": "stem", "n": 2}   # damaged: built again, rewritten
    monkeypatch.setenv("LEXQA_NO_CACHE", "1")
    assert code_keyed("probe", build)["n"] == 3


def test_shipped_guides_from_the_cache_equal_the_toml_files(tmp_path, monkeypatch):
    from lexqa.guides import load

    monkeypatch.setenv("LEXQA_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("LEXQA_NO_CACHE", raising=False)
    direct = [load.read_guide(f) for f in sorted(load.GUIDES_DIR.glob("*.toml"))]
    for _ in range(2):   # written, then read back from JSON
        load._shipped.cache_clear()
        assert list(load._shipped()) == direct
    assert list(tmp_path.glob("guides-*.json"))
    load._shipped.cache_clear()
