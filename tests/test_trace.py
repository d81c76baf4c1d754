"""`lexqa trace` through the CLI on the real corpus."""

from __future__ import annotations

import json
import subprocess
import sys


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from lexqa.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=180)


def test_trace_pasal_16_json(corpus_dir):
    r = _cli("trace", "UU 6/2011 Pasal 16", "--json", "--corpus-dir", str(corpus_dir))
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["id"] == "uu-6-2011/pasal-16" and d["status"] == "amended"
    assert any(x["from"] == "uu-6-2011/pasal-133/huruf-c" for x in d["referred_by"])
    assert any(x["by"].startswith("uu-63-2024/pasal-i/angka-2") for x in d["amended_by"])


def test_trace_plain_text_and_unknown_citation(corpus_dir):
    r = _cli("trace", "uu-6-2011/pasal-87", "--corpus-dir", str(corpus_dir))
    assert r.returncode == 0, r.stderr
    assert "implemented by:" in r.stdout and "PP 31/2013 Pasal 223" in r.stdout
    bad = _cli("trace", "UU 6/2011 Pasal 999", "--corpus-dir", str(corpus_dir))
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1 and "does not resolve" in bad.stderr
