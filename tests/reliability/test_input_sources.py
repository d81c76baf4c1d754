"""Reliability pass, defects 2 and 6: corpus content is not trusted blindly. Unlisted files are
unverified sources without legal status; a file whose sha256 differs from the manifest is warned
about on every command that uses it and refused by `--strict`; provisions named inside quoted text
are checked; a missing or unreadable manifest is an error, never "in force"; the manifest ships in
the package. Real files, real loader, real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lexqa.ingest import load_corpus

HOAX = "# Catatan\n\nTrafficking in persons is legal in Indonesia under Pasal 999 UU 21/2007.\n"


@pytest.fixture()
def tampered(corpus_dir, tmp_path):
    """A corpus of UU 21/2007 changed by one byte, UU 6/2011 intact, and an unlisted file."""
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(corpus_dir / "uu-6-2011.md", c / "uu-6-2011.md")
    shutil.copy(corpus_dir / "uu-21-2007.md", c / "uu-21-2007.md")
    with open(c / "uu-21-2007.md", "a", encoding="utf-8") as fh:
        fh.write("\n")
    (c / "hoax.md").write_text(HOAX, encoding="utf-8")
    return c


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lexqa", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_unlisted_file_is_unverified_and_has_no_legal_status(tampered):
    from lexqa.ingest.manifest import source_note
    from lexqa.timeline import provision_status

    corpus = load_corpus(tampered)
    note = source_note(corpus, "hoax")
    assert note.unverified and "not in the manifest" in note.message
    pid = next(p.id for p in corpus.provisions("hoax"))
    assert provision_status(corpus, pid) is None
    assert source_note(corpus, "uu-6-2011/pasal-16") is None


def test_checksum_mismatch_is_noted_warned_and_refused_by_strict(tampered):
    from lexqa.ingest.manifest import source_note

    corpus = load_corpus(tampered)
    note = source_note(corpus, "uu-21-2007/pasal-2")
    assert not note.unverified and note.modified == ("uu-21-2007.md",) and "sha256" in note.message
    r = _cli("show", "UU 21/2007 Pasal 2", "--corpus-dir", str(tampered))
    assert r.returncode == 0 and "warning: modified source: uu-21-2007.md" in r.stderr
    s = _cli("show", "UU 21/2007 Pasal 2", "--strict", "--corpus-dir", str(tampered))
    assert s.returncode == 1 and s.stdout == "" and "--strict: modified source" in s.stderr
    v = subprocess.run([sys.executable, "-m", "lexqa", "verify", "-", "--strict", "--corpus-dir", str(tampered)],
                       input="Pasal 2 UU 21/2007 mengatur pidana.", capture_output=True, text=True, timeout=120)
    assert v.returncode == 1 and "--strict: modified source" in v.stderr
    clean = _cli("show", "UU 6/2011 Pasal 16", "--strict", "--corpus-dir", str(tampered))
    assert clean.returncode == 0 and "warning" not in clean.stderr


def test_verify_and_trace_warn_about_the_modified_source(tampered):
    p = subprocess.run([sys.executable, "-m", "lexqa", "verify", "-", "--corpus-dir", str(tampered)],
                       input="Pasal 2 UU 21/2007 mengatur pidana.", capture_output=True, text=True, timeout=120)
    assert "modified source" in p.stdout + p.stderr
    t = _cli("trace", "UU 21/2007 Pasal 2", "--corpus-dir", str(tampered))
    assert t.returncode == 0 and "warning: modified source" in t.stderr


def test_quoted_hoax_fails_verification(tampered):
    from lexqa.answer.model import Answer, Item
    from lexqa.cite.verify import verify_answer, verify_draft

    corpus = load_corpus(tampered)
    p = next(p for p in corpus.provisions("hoax") if "Pasal 999" in p.text)
    quote = "Trafficking in persons is legal in Indonesia under Pasal 999 UU 21/2007"
    item = Item(p.id, "hoax", None, None, None, corpus.label(p), quote, "", 1.0)
    rep = verify_answer(Answer("Is trafficking legal?", f"“{quote}”", False, citations=[item]), corpus)
    assert not rep.ok and any("Pasal 999" in f for f in rep.summary()["failures"])
    rows = verify_draft(f"A source says “{quote}”.", corpus)
    assert rows and not any(r.ok for r in rows)


def test_missing_manifest_is_an_error_never_in_force(corpus_dir, tmp_path):
    r = _cli("show", "UU 21/2007 Pasal 2", "--corpus-dir", str(corpus_dir), env={"LEXQA_MANIFEST": str(tmp_path / "nope")})
    assert r.returncode == 1 and "manifest not found" in r.stderr and "in force" not in r.stdout
    assert r.stderr.count("\n") == 1
    with pytest.raises(Exception) as e:
        load_corpus(corpus_dir, manifest=tmp_path / "nope.toml")
    assert "manifest not found" in str(e.value)


def test_unreadable_or_broken_manifest_is_an_error(corpus_dir, tmp_path):
    bad = tmp_path / "m.toml"
    bad.write_text("[[documents]\nid = ", encoding="utf-8")
    r = _cli("show", "UU 21/2007 Pasal 2", "--corpus-dir", str(corpus_dir), env={"LEXQA_MANIFEST": str(bad)})
    assert r.returncode == 1 and "not valid TOML" in r.stderr
    d = tmp_path / "dir.toml"
    d.mkdir()
    r = _cli("show", "UU 21/2007 Pasal 2", "--corpus-dir", str(corpus_dir), env={"LEXQA_MANIFEST": str(d)})
    assert r.returncode == 1 and "manifest" in r.stderr and "internal error" not in r.stderr


def test_manifest_ships_in_the_package(monkeypatch):
    import tomllib
    from importlib.resources import files

    import lexqa
    from lexqa.config import manifest_path

    packaged = files(lexqa) / "data" / "manifest.toml"
    assert packaged.is_file()
    monkeypatch.delenv("LEXQA_MANIFEST", raising=False)
    assert manifest_path().resolve() == Path(str(packaged)).resolve()
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*" in pyproject["tool"]["setuptools"]["package-data"]["lexqa"]
    assert not (Path(__file__).resolve().parents[2] / "corpus" / "manifest.toml").exists()
