"""`lexqa ask` bad input: one-line errors and non-zero exit codes, before anything heavy loads."""

from __future__ import annotations

import subprocess
import sys


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from lexqa.cli import main; main()", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_empty_question():
    r = _cli("ask", "   ")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().startswith("error: empty question") and len(r.stderr.strip().splitlines()) == 1


def test_empty_batch_and_bad_mode_and_unknown_llm():
    assert "no questions" in _cli("ask", "--batch", "-", stdin="\n\n").stderr
    r = _cli("ask", "x", "--mode", "nonsense")
    assert r.returncode == 1 and "unknown mode" in r.stderr
    r = _cli("ask", "x", "--llm", "nonsense")
    assert r.returncode == 1 and "unknown LLM provider" in r.stderr
    r = _cli("ask", "x", "--llm", "llamacpp", "--llm-model", "/nonexistent/model.gguf")
    assert r.returncode == 1 and "GGUF" in r.stderr and len(r.stderr.strip().splitlines()) == 1
