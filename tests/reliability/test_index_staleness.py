"""Defect 9: staleness by content hash — new .markdown files, same-size edits with the mtime
restored, and edits made while a build runs (the index records the corpus as it was read)."""

from __future__ import annotations

import json
import os

from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus, _built_template)
    _built_template,
    build_token, built, env, run_cli, small_corpus,
)


def _status(env) -> dict:
    r = run_cli(["index", "status", "--json"], env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_new_markdown_file_makes_the_index_stale(built, env, small_corpus):
    assert not _status(env)["stale"]
    (small_corpus / "catatan.markdown").write_text("# Catatan\n\nA note on smuggling of migrants through Tarakan.\n", encoding="utf-8")
    st = _status(env)
    assert st["stale"] and st["reasons"] == ["corpus files changed since the build"]
    # search rebuilds, and finds it (an unregistered file is literature: a name only it holds lifts it)
    r = run_cli(["search", "--json", "note on smuggling through Tarakan"], env)
    assert r.returncode == 0 and any("catatan" in h["doc"] for h in json.loads(r.stdout)), r.stdout[:500]


def test_a_same_size_edit_with_the_mtime_restored_is_seen(built, env, small_corpus):
    f = small_corpus / "palermo-protocol-en.md"
    st = f.stat()
    data = f.read_bytes()
    i = data.index(b"trafficking")
    f.write_bytes(data[:i] + b"TRAFFICKING" + data[i + len(b"trafficking"):])   # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    assert _status(env)["stale"]


def test_touching_files_without_changing_them_keeps_the_index(built, env, small_corpus):
    before = build_token(built)
    for f in small_corpus.iterdir():
        os.utime(f)
    assert not _status(env)["stale"]
    assert run_cli(["search", "--json", "trafficking in persons"], env).returncode == 0
    assert build_token(built) == before


def test_an_edit_made_during_a_build_leaves_the_index_stale(env, small_corpus, tmp_path):
    # the build records the bytes it parsed, so an edit after the parse is still "changed"
    from fakes import FakeEmbedder
    from lexqa.index.store import build_index, read_meta, stale_reasons
    from lexqa.ingest import load_corpus

    corpus = load_corpus(small_corpus)
    f = small_corpus / "smuggling-protocol-en.md"
    f.write_bytes(f.read_bytes() + b"\nArticle 99\n\nAn article added while the index was being built.\n")
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    assert stale_reasons(read_meta(tmp_path / "index"), corpus_dir=small_corpus) == \
        ["corpus files changed since the build"]


def test_an_edit_between_progress_steps_of_a_cli_build_is_seen_by_the_next_status(built, env, small_corpus):
    # the same through the Session: the build parses, then an edit lands while it embeds
    import lexqa.index.store as store

    f = small_corpus / "palermo-protocol-en.md"
    real = store._build

    def build_then_edit(corpus, *a, **kw):
        f.write_bytes(f.read_bytes() + b"\nAn edit made while the index was being built.\n")
        return real(corpus, *a, **kw)

    store._build = build_then_edit
    try:
        assert run_cli(["index", "build", "--force", "--json"], env).returncode == 0
    finally:
        store._build = real
    assert _status(env)["stale"]
