"""Helpers and fixtures of the reliability tests (index, build, filesystem and ingest side).

Every case runs on a tiny corpus (real files copied from the corpus: the Palermo and Smuggling
Protocols, Markdown only) with the fake embedder, through the real CLI (in-process, or in a
subprocess for crashes, signals and races): what a user sees — exit code, a one-line error, no
traceback. The fixtures live here, imported by each test module, rather than in a conftest.py:
a second module named `conftest` on sys.path would shadow tests/conftest.py for
`from conftest import …`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

from fakes import plugin_env

SMALL = ("palermo-protocol-en.md", "smuggling-protocol-en.md")
TRACE = "Traceback"


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_cli(args: list[str], env: dict[str, str], *, cwd: str | Path | None = None,
            extra: dict[str, str] | None = None) -> Result:
    """`lexqa.cli.main(args)` in this process (the real CLI, error handling included) with `env`
    as the whole environment: seconds cheaper than a subprocess per case."""
    from lexqa.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    code = 0
    os.environ.clear()
    os.environ.update({**env, **(extra or {})})
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except Exception:  # noqa: BLE001 - what main lets through is what LEXQA_DEBUG would show
                traceback.print_exc()
                code = 70
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return Result(code, out.getvalue(), err.getvalue())


def run_sub(args: list[str], env: dict[str, str], *, timeout: float = 120, cwd: str | Path | None = None,
            extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The CLI in its own process (crashes, signals, concurrency)."""
    return subprocess.run([sys.executable, "-m", "lexqa", *args], env={**env, **(extra or {})},
                          capture_output=True, text=True, timeout=timeout, cwd=cwd)


def no_crash(r: subprocess.CompletedProcess) -> bool:
    """A clean outcome: no traceback, no "internal error" (exit 70)."""
    return TRACE not in r.stderr and "internal error" not in r.stderr and r.returncode != 70


def version_of(index_dir: Path) -> str:
    """The directory the index path serves now (its own path for a plain directory)."""
    return os.path.realpath(index_dir)


def build_token(index_dir: Path) -> str:
    """Which build the index path serves (the build id; for older releases' indexes, the build time)."""
    m = meta_of(index_dir)
    return m.get("build_id") or f"{m.get('built_at')}/{m.get('build_seconds')}"


def meta_of(index_dir: Path) -> dict:
    return json.loads((Path(version_of(index_dir)) / "meta.json").read_text(encoding="utf-8"))


def embedding_started(cache_dir: str | Path) -> bool:
    """Whether a build has opened its embedding cache (it is embedding now)."""
    return any(Path(cache_dir).glob("embeddings-*.sqlite"))


def leftovers(idx: Path) -> list[str]:
    """Unfinished builds (`*.tmp` versions) beside the index."""
    vd = idx.parent / f".{idx.name}.versions"
    return sorted(n for n in os.listdir(vd) if n.endswith(".tmp")) if vd.is_dir() else []


def wait_for(pred, timeout=60.0):
    t = time.monotonic()
    while time.monotonic() - t < timeout:
        if pred():
            return True
        time.sleep(0.05)
    return False


def slow_env(env: dict[str, str]) -> dict[str, str]:
    """`env` plus the "slowfake" embedder (relidx_plugin.py)."""
    here = str(Path(__file__).resolve().parent)
    return {**env, "LEXQA_PLUGINS": env["LEXQA_PLUGINS"] + ",relidx_plugin",
            "PYTHONPATH": here + os.pathsep + env["PYTHONPATH"]}


def start_build(env: dict[str, str], *args: str, ms: int = 1500) -> subprocess.Popen:
    """`lexqa index build --force` with an embedder sleeping `ms` per batch (needs slow_env)."""
    return subprocess.Popen([sys.executable, "-m", "lexqa", "index", "build", "--force", "--embedder",
                             f"slowfake:{ms}", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# ---------------------------------------------------------------- fixtures
@pytest.fixture
def small_corpus(corpus_dir: Path, tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for f in SMALL:
        shutil.copy2(corpus_dir / f, d / f)
    return d


@pytest.fixture
def env(tmp_path: Path, small_corpus: Path) -> dict[str, str]:
    """CLI environment: the small corpus, an index under tmp_path, the fake embedder."""
    e = dict(os.environ)
    e.pop("LEXQA_DEBUG", None)
    e.update(plugin_env())
    e.update({"LEXQA_CORPUS_DIR": str(small_corpus), "LEXQA_INDEX_DIR": str(tmp_path / "index"),
              "LEXQA_HOME": str(tmp_path / "home"), "LEXQA_CACHE_DIR": str(tmp_path / "cache"),
              "LEXQA_EMBEDDER": "fake", "COLUMNS": "200"})
    return e


@pytest.fixture(scope="session")
def _built_template(corpus_dir: Path, tmp_path_factory) -> Path:
    """The small corpus indexed once per session (through `lexqa index build`); `built` copies it."""
    root = tmp_path_factory.mktemp("relidx-template")
    (root / "corpus").mkdir()
    for f in SMALL:
        shutil.copy2(corpus_dir / f, root / "corpus" / f)
    e = {**os.environ, **plugin_env(), "LEXQA_CORPUS_DIR": str(root / "corpus"), "LEXQA_INDEX_DIR": str(root / "index"),
         "LEXQA_HOME": str(root / "home"), "LEXQA_CACHE_DIR": str(root / "cache")}
    e.pop("LEXQA_DEBUG", None)
    r = run_cli(["index", "build", "--embedder", "fake", "--json"], e)
    assert r.returncode == 0, r.stderr
    return root


@pytest.fixture
def built(env: dict[str, str], tmp_path: Path, _built_template: Path) -> Path:
    """The small corpus indexed with the fake embedder: a copy of the session's build (its
    versions, link and cache), re-pointed at this test's corpus copy."""
    src = _built_template
    for name in os.listdir(src):
        if name.startswith(".index") or name in ("index", "cache"):
            p = src / name
            if p.is_symlink():
                os.symlink(os.readlink(p), tmp_path / name)
            elif p.is_dir():
                shutil.copytree(p, tmp_path / name, symlinks=True)
            else:
                shutil.copy2(p, tmp_path / name)
    meta_path = Path(version_of(tmp_path / "index")) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(corpus_dir=str((tmp_path / "corpus").resolve()), cache_dir=str(tmp_path / "cache"))
    meta_path.write_text(json.dumps(meta), encoding="utf-8")   # meta.json itself carries no checksum
    return tmp_path / "index"
