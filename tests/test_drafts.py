"""tests/drafts/*.txt through the real CLI (`python -m lexqa verify FILE --as-of D`): exit code and message."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

DRAFTS = Path(__file__).parent / "drafts"
CASES = tomllib.loads((DRAFTS / "expected.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_draft(name, corpus_dir):
    case = CASES[name]
    f = DRAFTS / case.get("file", f"{name}.txt")
    r = subprocess.run([sys.executable, "-m", "lexqa", "verify", str(f), "--as-of", case["as_of"],
                        "--corpus-dir", str(corpus_dir)], capture_output=True, text=True, timeout=120)
    assert r.returncode == case["exit"], r.stdout + r.stderr
    assert case["says"] in r.stdout, r.stdout


def test_every_draft_has_a_case():
    used = {CASES[n].get("file", f"{n}.txt") for n in CASES}
    assert used == {p.name for p in DRAFTS.glob("*.txt")}
