"""Defect 4 (crash windows): kill -9 at each build phase, SIGTERM, leftovers of older releases.

`LEXQA_TEST_CRASH_AT=<phase>` makes the build `os._exit(99)` at that point (index/layout.py).
After each crash the next command must serve the previous index, unchanged, and the next build
must clean up what the dead one left.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus, _built_template)
    _built_template,
    build_token, built, embedding_started, env, leftovers, meta_of, run_cli, run_sub, slow_env, small_corpus,
    start_build, version_of, wait_for,
)

PHASES = ("chunking", "embedding", "writing", "rename", "switch")


@pytest.mark.parametrize("phase", PHASES)
def test_kill_at_each_build_phase_keeps_serving_the_previous_index(built, env, phase):
    before = meta_of(built)
    before_token = build_token(built)
    r = run_sub(["index", "build", "--force"], env,   # a cold cache: the build embeds, in batches
                extra={"LEXQA_TEST_CRASH_AT": phase, "LEXQA_CACHE_DIR": env["LEXQA_CACHE_DIR"] + "-cold"})
    assert r.returncode == 99, (phase, r.returncode, r.stderr[-500:])
    assert build_token(built) == before_token
    r = run_cli(["search", "--json", "trafficking in persons"], env)
    assert r.returncode == 0 and json.loads(r.stdout), r.stderr
    assert build_token(built) == before_token   # served, not rebuilt
    r = run_cli(["index", "build", "--force", "--json"], env)  # the next build cleans up and installs
    assert r.returncode == 0, r.stderr
    assert build_token(built) != before_token and leftovers(built) == []
    assert len(os.listdir(built.parent / f".{built.name}.versions")) <= 2


def test_sigterm_during_a_build_removes_its_partial_version(built, env):
    before = build_token(built)
    cold = env["LEXQA_CACHE_DIR"] + "-cold"   # a cold cache, so the build spends seconds embedding
    p = start_build({**slow_env(env), "LEXQA_CACHE_DIR": cold})
    assert wait_for(lambda: embedding_started(cold) or p.poll() is not None)
    assert p.poll() is None and leftovers(built), "the build should be embedding into its new version"
    time.sleep(0.3)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 128 + signal.SIGTERM, (p.returncode, err[-800:])
    assert "Traceback" not in err and leftovers(built) == []
    assert build_token(built) == before


def test_a_format_2_build_killed_between_its_renames_is_recovered(built, env):
    # what the old install left: no index, the previous one renamed to ".index.old-<pid>"
    plain = built.parent / "plain"
    os.rename(version_of(built), plain)
    built.unlink()
    os.rename(plain, built.parent / f".{built.name}.old-4242")
    e = {k: v for k, v in env.items() if k != "LEXQA_CORPUS_DIR"}
    r = run_cli(["search", "--json", "--mode", "bm25", "trafficking in persons"], e)
    assert r.returncode == 0 and json.loads(r.stdout), r.stderr
    assert built.is_symlink()  # the reader restored the link to the orphaned index (recovery at start)
    assert meta_of(built)["chunks"] > 0
    r = run_cli(["index", "build", "--json"], env)
    assert r.returncode == 0, r.stderr
    assert built.is_symlink() and not list(built.parent.glob(f".{built.name}.old-*"))
