"""`lexqa show` on the real corpus (typer CliRunner, plain output since stdout is not a TTY)."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from lexqa.cli import app
from lexqa.text import collapse_ws

runner = CliRunner()


def _run(corpus_dir, *args):
    return runner.invoke(app, ["show", *args, "--corpus-dir", str(corpus_dir)])


def test_show_prints_verbatim_text_place_and_status(corpus_dir):
    r = _run(corpus_dir, "UU 6/2011 Pasal 16 ayat (1) huruf b")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "uu-6-2011/pasal-16/ayat-1/huruf-b" in out
    src = (corpus_dir / "uu-6-2011.md").read_text(encoding="utf-8")
    body = out.split("\n\n")[1]
    assert body.startswith("b. diperlukan untuk kepentingan penyelidikan")
    assert collapse_ws(body) in collapse_ws(src)
    assert "BAB III" in out                       # place
    assert "UU 63/2024 Pasal I angka 2" in out    # amended by
    assert "Penjelasan Pasal 16" in out and "Cukup jelas" in out


def test_show_words_without_quotes_and_json(corpus_dir):
    r = _run(corpus_dir, "Undang-Undang", "Nomor", "21", "Tahun", "2007", "Pasal", "2", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["ok"] and d["id"] == "uu-21-2007/pasal-2"
    assert d["source_file"] == "pdf/uu-21-2007.pdf"
    assert "perekrutan, pengangkutan, penampungan" in collapse_ws(d["text"])
    kinds = {e["kind"] for e in d["status"]["events"]}
    assert "revoked" in kinds
    ev = next(e for e in d["status"]["events"] if e["kind"] == "revoked")
    assert ev["effective"] == "2026-01-02" and ev["by"] == "uu-1-2023/pasal-622/ayat-1/huruf-q"
    assert ev["replaced_by"] == "uu-1-2023/pasal-455" and ev["replaced_by_text"]
    assert d["penjelasan"], "UU 21/2007 Pasal 2 has a Penjelasan"


def test_show_treaty_and_amendment(corpus_dir):
    r = _run(corpus_dir, "Article 3(a) Palermo Protocol", "--json")
    d = json.loads(r.output)
    assert d["id"] == "palermo-protocol/article-3/a" and "Trafficking in persons" in d["text"]
    assert d["place"].get("chapter", "").startswith("Chapter I")
    r = _run(corpus_dir, "UU 63/2024 Pasal 16", "--json")
    d = json.loads(r.output)
    assert d["id"] == "uu-63-2024/pasal-i/angka-2/pasal-16"
    assert d["amends"]["doc"] == "uu-6-2011" and d["amends"]["target"] == "uu-6-2011/pasal-16"


def test_unknown_citation_exit_2_with_nearest(corpus_dir):
    r = _run(corpus_dir, "UU 6/2011 Pasal 999")
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert "nearest" in r.output and "uu-6-2011/pasal-145" in r.output
    r = _run(corpus_dir, "UU 6/2011 Pasal 999", "--json")
    assert r.exit_code == 2
    d = json.loads(r.stdout)
    assert d["ok"] is False and d["nearest"][0]["id"] == "uu-6-2011/pasal-145"
    r = _run(corpus_dir, "UU 6/2012 Pasal 1")
    assert r.exit_code == 2 and "did you mean" in r.output and "UU 6/2011" in r.output


def test_console_script_exit_code(corpus_dir):
    """Through the real entry point (main): exit 2, one line on stderr, no traceback."""
    code = "from lexqa.cli import main; main()"
    p = subprocess.run([sys.executable, "-c", code, "show", "UU", "6/2011", "Pasal", "999", "--corpus-dir",
                        str(corpus_dir)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    errors = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "nearest" in errors[0] and "Traceback" not in p.stderr
