"""Reliability pass, defect 11: batches and inputs through the real CLI. The questions name
provisions that do not exist, so they are answered (abstained) from the corpus alone — no index is
built or needed; `--doc` typos are refused before any retrieval."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from fakes import plugin_env

Q1, Q2 = "Apa isi Pasal 999 UU 6/2011?", "What does Article 99 of the Palermo Protocol say?"


def _lexqa(args, corpus_dir, *, stdin=None, tmp_path=None, shell=None, env=None):
    e = {**os.environ, **(env or {})}
    if tmp_path is not None:
        e["LEXQA_INDEX_DIR"] = str(tmp_path / "no-index")   # never touched: asserted below
    if shell is not None:
        return subprocess.run(["bash", "-c", shell], input=stdin, capture_output=True, timeout=180, env=e)
    return subprocess.run([sys.executable, "-m", "lexqa", *args, "--corpus-dir", str(corpus_dir)], input=stdin,
                          capture_output=True, timeout=180, env=e)


def _answers(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode().splitlines() if line.strip()]


def test_nul_only_line_is_reported_and_the_rest_answered(corpus_dir, tmp_path):
    f = tmp_path / "b.txt"
    f.write_bytes(f"{Q1}\n\x00\x00\x00\n{Q2}\n".encode())
    r = _lexqa(["ask", "--batch", str(f), "--json"], corpus_dir, tmp_path=tmp_path)
    out = _answers(r.stdout)
    assert [d.get("question") for d in out] == [Q1, None, Q2]
    assert out[1]["line"] == 2 and "control character" in out[1]["error"]
    assert r.returncode == 2 and b"1 of 3" in r.stderr and b"Traceback" not in r.stderr
    assert not (tmp_path / "no-index").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_bom_input_is_decoded(corpus_dir, tmp_path, encoding):
    f = tmp_path / "b.txt"
    f.write_bytes(f"{Q1}\n{Q2}\n".encode(encoding) if encoding != "utf-16-be" else
                  b"\xfe\xff" + f"{Q1}\n{Q2}\n".encode("utf-16-be"))
    r = _lexqa(["ask", "--batch", str(f), "--json"], corpus_dir, tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [d["question"] for d in _answers(r.stdout)] == [Q1, Q2]


@pytest.mark.parametrize("data, says", [(f"{Q1}\n".encode("utf-16-le"), b"UTF-16 without a byte-order mark"),
                                        (b"Apa isi \xff\xfe\xfa Pasal 999?\n", b"not UTF-8"),
                                        (b"\xff\xfe\x00\xd8", b"not valid UTF-16")])
def test_undecodable_input_is_refused(corpus_dir, tmp_path, data, says):
    f = tmp_path / "b.txt"
    f.write_bytes(data)
    r = _lexqa(["ask", "--batch", str(f)], corpus_dir, tmp_path=tmp_path)
    assert r.returncode == 2 and says in r.stderr and r.stdout == b""
    v = _lexqa(["verify", str(f)], corpus_dir)
    assert v.returncode == 2 and says in v.stderr


def test_dev_stdin_and_process_substitution(corpus_dir, tmp_path):
    r = _lexqa(["ask", "--batch", "/dev/stdin", "--json"], corpus_dir, stdin=f"{Q1}\n".encode(), tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    assert _answers(r.stdout)[0]["abstained"] is True
    if shutil.which("bash") is None:
        pytest.skip("no bash for process substitution")
    cmd = (f"{sys.executable} -m lexqa ask --json --corpus-dir {corpus_dir} --batch <(printf '%s\\n' '{Q1}')")
    p = _lexqa(None, corpus_dir, shell=cmd, tmp_path=tmp_path)
    assert p.returncode == 0, p.stderr
    assert _answers(p.stdout)[0]["question"] == Q1
    d = _lexqa(["ask", "--batch", str(tmp_path)], corpus_dir, tmp_path=tmp_path)
    assert d.returncode == 1 and b"is a directory" in d.stderr


def test_question_length_limit_fails_fast(corpus_dir, tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Apa itu visa? " * 750_000 + "\n", encoding="utf-8")   # ~10 MB, one line
    t = time.perf_counter()
    r = _lexqa(["ask", "--batch", str(f), "--json"], corpus_dir, tmp_path=tmp_path)
    took = time.perf_counter() - t
    assert r.returncode == 2 and "question too long" in _answers(r.stdout)[0]["error"]
    assert took < 30, took   # was 40 s in answer/terms before any limit (corpus load included here)
    one = _lexqa(["ask", "x" * 5000], corpus_dir, tmp_path=tmp_path)
    assert one.returncode == 2 and b"question too long: 5,000 characters (the limit is 4,000)" in one.stderr


def test_doc_typo_names_the_nearest(corpus_dir, tmp_path):
    r = _lexqa(["ask", "--doc", "uu-6-201", "Apa itu visa?"], corpus_dir, tmp_path=tmp_path)
    assert r.returncode == 2 and b"unknown document: 'uu-6-201'" in r.stderr and b"uu-6-2011" in r.stderr
    assert not (tmp_path / "no-index").exists()


def test_check_names_for_kinds():
    from lexqa.cite.inputs import UnknownName, check_names

    with pytest.raises(UnknownName) as e:
        check_names("kind", "pasall", {"pasal", "article", "penjelasan"})
    assert "did you mean: pasal" in e.value.hint
    check_names("kind", ["pasal", "article"], {"pasal", "article"})


def test_bad_embedder_argument_is_a_clean_error(corpus_dir, tmp_path):
    r = _lexqa(["index", "build", "--embedder", "fake:abc", "--index-dir", str(tmp_path / "idx")], corpus_dir,
               env=plugin_env())
    assert r.returncode == 1 and b"bad argument 'abc'" in r.stderr and b"internal error" not in r.stderr


def test_eval_results_are_never_overwritten(tmp_path):
    from lexqa.evaluate.runner import write_results

    paths = [write_results({"date": "2026-12-01", "run": i}, tmp_path) for i in range(3)]
    assert [p.name for p in paths] == ["2026-12-01.json", "2026-12-01-2.json", "2026-12-01-3.json"]
    assert [json.loads(p.read_text())["run"] for p in paths] == [0, 1, 2]
    assert not list(tmp_path.glob(".tmp-*"))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_stdout_to_dev_full_is_one_line_and_non_zero(corpus_dir):
    for args in (["show", "UU 6/2011 Pasal 16"], ["show", "--json", "UU 6/2011 Pasal 16"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run([sys.executable, "-m", "lexqa", *args, "--corpus-dir", str(corpus_dir)], stdout=full,
                               stderr=subprocess.PIPE, timeout=120)
        assert r.returncode == 74 and r.stderr.decode().strip() == "error: cannot write the output: No space left on device"


def test_search_kind_and_doc_typos_name_the_nearest(corpus_dir, tmp_path):
    r = _lexqa(["search", "--kind", "pasall", "visa"], corpus_dir, tmp_path=tmp_path)
    assert r.returncode == 2 and b"unknown kind: 'pasall'" in r.stderr and b"did you mean: pasal" in r.stderr
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(corpus_dir / "uu-37-1999.md", c / "uu-37-1999.md")
    env = {**plugin_env(), "LEXQA_EMBEDDER": "fake", "LEXQA_CACHE_DIR": str(tmp_path / "cache")}
    d = subprocess.run([sys.executable, "-m", "lexqa", "search", "--doc", "uu-37-199", "hubungan luar negeri",
                        "--corpus-dir", str(c), "--index-dir", str(tmp_path / "idx")], capture_output=True,
                       timeout=300, env={**os.environ, **env})
    assert d.returncode == 2 and b"unknown document: 'uu-37-199'" in d.stderr and b"uu-37-1999" in d.stderr
