"""Support for the server, MCP and web tests (no tests here): a subset of the real corpus with a
fake-embedder index built by the real `lexqa index build`, and `lexqa serve` started as a real
subprocess on a free loopback port."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from conftest import REAL_INDEX_DOCS, _real_corpus_dir
from fakes import plugin_env


def needs(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} not installed in CI (pip install '.[{extra}]')")
        pytest.skip(f"{module} not installed (pip install '.[{extra}]')")


@functools.cache
def subset_env() -> dict[str, str]:
    """Environment of a lexqa subprocess on REAL_INDEX_DOCS copied from the real corpus, indexed with
    the fake embedder (built once per test process)."""
    src = _real_corpus_dir()
    if src is None:
        if os.environ.get("CI"):
            pytest.fail("real corpus (../shared/corpus-src) not found in CI")
        pytest.skip("real corpus not available (set LEXQA_CORPUS_DIR)")
    from lexqa.config import manifest_path
    from lexqa.ingest.manifest import load_manifest

    root = Path(tempfile.mkdtemp(prefix="lexqa-server-test-"))
    atexit.register(shutil.rmtree, root, True)
    sub = root / "corpus"
    metas = load_manifest(manifest_path())
    for d in REAL_INDEX_DOCS:
        for f in metas[d].files:
            (sub / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / f, sub / f)
    env = {**os.environ, **plugin_env(), "LEXQA_CORPUS_DIR": str(sub), "LEXQA_INDEX_DIR": str(root / "index"),
           "LEXQA_CACHE_DIR": str(root / "cache"), "LEXQA_HOME": str(root / "home"), "OMP_WAIT_POLICY": "PASSIVE"}
    env.pop("LEXQA_DEBUG", None)
    r = subprocess.run([sys.executable, "-m", "lexqa", "index", "build", "--embedder", "fake", "--json"],
                       env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lexqa(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lexqa", *args], env=env or subset_env(), capture_output=True,
                          text=True, timeout=timeout)


@contextmanager
def serve(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`lexqa serve` on a free loopback port; yields its base URL once /healthz answers."""
    import httpx

    port = free_port()
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([sys.executable, "-m", "lexqa", "serve", "--port", str(port), "--json", *args],
                            env=env or subset_env(), stdout=subprocess.PIPE, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        line = proc.stdout.readline()  # printed once the Session is loaded
        if not line:
            log.seek(0)
            pytest.fail(f"lexqa serve exited {proc.wait(5)}: {log.read()}")
        assert json.loads(line)["url"] == url
        deadline = time.time() + 30
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                if time.time() > deadline or proc.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"lexqa serve did not answer: {log.read()}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        proc.stdout.close()
        log.seek(0)
        text = log.read()
        log.close()
        assert "Traceback" not in text, text
