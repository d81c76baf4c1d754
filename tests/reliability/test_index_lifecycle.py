"""Defect 3: a read command never destroys the index; 0 chunks is an error; one default location."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus, _built_template)
    _built_template,
    build_token, built, env, meta_of, no_crash, run_cli, small_corpus, version_of,
)


def test_ask_from_an_empty_corpus_keeps_the_index(built, env, tmp_path):
    before = meta_of(built)
    before_token = build_token(built)
    empty = tmp_path / "empty"
    empty.mkdir()
    for cmd in (["ask", "--json", "What is trafficking in persons?"], ["search", "trafficking in persons"]):
        r = run_cli(cmd, env, extra={"LEXQA_CORPUS_DIR": str(empty)})
        assert r.returncode != 0 and no_crash(r), r.stderr
        assert "lacks 2 of its 2 documents" in r.stderr and "palermo-protocol" in r.stderr, r.stderr
        assert "index build --force" in r.stderr
    assert build_token(built) == before_token and meta_of(built)["chunks"] == before["chunks"]


def test_a_corpus_that_lost_one_document_is_refused_by_search_but_force_builds(built, env, small_corpus):
    chunks = meta_of(built)["chunks"]
    (small_corpus / "smuggling-protocol-en.md").unlink()
    r = run_cli(["search", "--json", "trafficking in persons"], env)
    assert r.returncode != 0 and no_crash(r) and "smuggling-protocol" in r.stderr, r.stderr
    assert meta_of(built)["chunks"] == chunks
    r = run_cli(["index", "build", "--force", "--json"], env)
    assert r.returncode == 0, r.stderr
    assert 0 < meta_of(built)["chunks"] < chunks and "smuggling-protocol" not in meta_of(built)["docs"]


def test_a_grown_corpus_is_still_rebuilt_by_search(built, env, small_corpus, corpus_dir):
    shutil.copy2(corpus_dir / "udhr-en.md", small_corpus / "udhr-en.md")
    r = run_cli(["search", "--json", "freedom of expression"], env)
    assert r.returncode == 0, r.stderr
    assert "udhr" in meta_of(built)["docs"]


def test_zero_chunks_is_an_error_and_nothing_is_written(env, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli(["index", "build", "--json"], env, extra={"LEXQA_CORPUS_DIR": str(empty)})
    assert r.returncode != 0 and no_crash(r) and "0 chunks" in r.stderr, r.stderr
    assert not (tmp_path / "index").exists()


def test_zero_chunks_never_replaces_an_index_even_when_forced(built, env, tmp_path):
    before = build_token(built)
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli(["index", "build", "--force"], env, extra={"LEXQA_CORPUS_DIR": str(empty)})
    assert r.returncode != 0 and no_crash(r) and "0 chunks" in r.stderr
    assert build_token(built) == before


def test_default_index_is_dot_index_of_the_working_directory(env, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    e = {k: v for k, v in env.items() if k not in ("LEXQA_INDEX_DIR", "LEXQA_CACHE_DIR")}
    r = run_cli(["index", "build", "--json"], e, cwd=work)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["index_dir"] == str(work / "index")
    assert (work / "index" / "meta.json").is_file() and (work / ".lexqa-cache").is_dir()


def test_an_old_format_index_says_rebuild(built, env):
    meta_path = Path(version_of(built)) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["format"] = 1
    meta_path.write_text(json.dumps(meta))
    r = run_cli(["search", "trafficking in persons"], env)
    assert r.returncode != 0 and no_crash(r) and "format 1" in r.stderr and "build --force" in r.stderr, r.stderr
    assert run_cli(["index", "build", "--json"], env).returncode == 0
    assert meta_of(built)["format"] >= 3


def test_a_format_2_directory_is_served_and_migrated_by_the_next_build(built, env, tmp_path):
    # the layout of earlier releases: a plain directory holding the files, no checksums
    legacy = tmp_path / "legacy"
    shutil.copytree(version_of(built), legacy)
    meta = json.loads((legacy / "meta.json").read_text())
    for k in ("files", "build_id"):
        meta.pop(k)
    meta["format"] = 2
    (legacy / "meta.json").write_text(json.dumps(meta))
    e = {**env, "LEXQA_INDEX_DIR": str(legacy)}
    r = run_cli(["search", "--json", "trafficking in persons"], e)
    assert r.returncode == 0 and json.loads(r.stdout), r.stderr
    r = run_cli(["index", "build", "--force", "--json"], e)
    assert r.returncode == 0, r.stderr
    assert legacy.is_symlink() and meta_of(legacy)["format"] >= 3
    assert run_cli(["search", "--json", "trafficking in persons"], e).returncode == 0
