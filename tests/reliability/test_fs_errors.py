"""Defect 10: filesystem errors — a read-only index location, a full disk, a path in the way.

Each gives one line and a non-zero exit (or, for a stale read-only index, the index served with
a warning); nothing is lost. The read-only and full cases use a small tmpfs when this machine
lets the tests mount one (root in a container that allows it), else they are skipped with the
reason; the same failures are also simulated in-process so they are always covered.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus, _built_template)
    _built_template,
    build_token, built, env, leftovers, no_crash, run_cli, small_corpus,
)


@pytest.fixture
def tmpfs(tmp_path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip() or r.returncode}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _remount(mnt: Path, opts: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{opts}", str(mnt)], check=True, capture_output=True)


def test_a_stale_index_on_a_read_only_filesystem_is_served_with_a_warning(tmpfs, env, small_corpus):
    e = {**env, "LEXQA_INDEX_DIR": str(tmpfs / "index")}
    assert run_cli(["index", "build", "--json"], e).returncode == 0
    before = build_token(tmpfs / "index")
    (small_corpus / "note.md").write_text("# Note\n\nA note on trafficking.\n", encoding="utf-8")
    _remount(tmpfs, "ro")
    for cmd in (["search", "--json", "trafficking in persons"], ["ask", "--json", "What is trafficking in persons?"]):
        r = run_cli(cmd, e)
        assert r.returncode == 0 and no_crash(r) and "read-only" in r.stderr, (cmd, r.stderr)
    r = run_cli(["index", "build"], e)
    assert r.returncode != 0 and no_crash(r) and "not writable" in r.stderr, r.stderr
    _remount(tmpfs, "rw")
    assert build_token(tmpfs / "index") == before


def test_a_full_disk_fails_the_build_in_one_line_and_keeps_the_index(tmpfs, env):
    e = {**env, "LEXQA_INDEX_DIR": str(tmpfs / "index")}
    assert run_cli(["index", "build", "--json"], e).returncode == 0
    before = build_token(tmpfs / "index")
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    with open(tmpfs / "filler", "wb") as f:   # leave 40 KiB: the new version cannot be written
        f.write(b"\0" * max(0, free - 40 * 1024))
    r = run_cli(["index", "build", "--force"], e)
    assert r.returncode != 0 and no_crash(r) and "disk is full" in r.stderr, r.stderr
    assert [ln for ln in r.stderr.splitlines() if "error" in ln.lower()] == [r.stderr.strip().splitlines()[-1]]
    assert build_token(tmpfs / "index") == before and leftovers(tmpfs / "index") == []
    r = run_cli(["search", "--json", "trafficking in persons"], {k: v for k, v in e.items() if k != "LEXQA_CORPUS_DIR"})
    assert r.returncode == 0 and json.loads(r.stdout), r.stderr


def test_enospc_while_writing_is_a_one_line_error_and_nothing_is_lost(built, env, monkeypatch):
    import lexqa.index.store as store

    before = build_token(built)

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", "provisions.sqlite")

    monkeypatch.setattr(store, "_write_provisions", full)
    r = run_cli(["index", "build", "--force"], env)
    assert r.returncode != 0 and no_crash(r) and "disk is full" in r.stderr, r.stderr
    assert build_token(built) == before and leftovers(built) == []


def test_read_only_location_simulated(built, env, small_corpus, monkeypatch):
    import lexqa.index.layout as layout

    (small_corpus / "note.md").write_text("# Note\n\nA note on trafficking.\n", encoding="utf-8")
    monkeypatch.setattr(layout, "writable", lambda p: False)
    r = run_cli(["search", "--json", "trafficking in persons"], env)
    assert r.returncode == 0 and "read-only" in r.stderr, r.stderr


@pytest.mark.parametrize("where", ["parent", "self"])
def test_a_file_in_the_way_of_the_index_path(env, tmp_path, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    idx = blocker / "index" if where == "parent" else blocker
    e = {**env, "LEXQA_INDEX_DIR": str(idx)}
    for cmd in (["index", "build"], ["search", "trafficking in persons"], ["index", "status"]):
        r = run_cli(cmd, e)
        assert r.returncode != 0 and no_crash(r), (cmd, r.stderr)
        said = (r.stderr + r.stdout).strip().splitlines()
        assert len(said) == 1 and str(blocker) in said[0], (cmd, said)
    assert blocker.read_text() == "not a directory"
