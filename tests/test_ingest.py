"""load_corpus: merging alternate sources, parts, unlisted files, checksums, corpus dir resolution."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import lexqa.config as config
from lexqa.errors import CorpusError
from lexqa.ingest import load_corpus
from lexqa.ingest.corpus import concat_parts, discover_files, merge_alternates
from lexqa.models import Provision

DOC = "uu-9-2099"


def P(rel: str, text: str, file: str, **kw) -> Provision:
    pid = f"{DOC}/{rel}"
    parent = pid.rsplit("/", 1)[0] if "/" in rel and not rel.startswith("penjelasan/") else None
    return Provision(id=pid, doc=DOC, kind=kw.pop("kind", "pasal"), text=text, parent=parent, source_file=file, **kw)


def _md():
    f = "a.md"
    return [
        P("pasal-1", "Dalam Undang-Undang ini yang dimaksud dengan Orang.", f, pasal="1", heading="Pasal 1"),
        P("pasal-2", "", f, pasal="2", heading="Pasal 2", flags=["missing-body"]),
        P("pasal-3", "Setiap orang yang memasukkan orang.", f, pasal="3", heading="Pasal 3"),
        P("penjelasan/pasal-2", "Cukup jelas.", f, kind="penjelasan", pasal="2", empty=True,
          explains=f"{DOC}/pasal-2"),
    ]


def _pdf():
    f = "pdf/a.pdf"
    return [
        P("pasal-1", "Dalam Undang-Undang ini yang dimaksud dengan orang.", f, pasal="1", heading="Pasal 1"),
        P("pasal-2", "(1) Setiap orang yang melakukan perekrutan. (2) Jika perbuatan.", f, pasal="2",
          heading="Pasal 2"),
        P("pasal-2/ayat-1", "(1) Setiap orang yang melakukan perekrutan.", f, kind="ayat", pasal="2", ayat="1"),
        P("pasal-2/ayat-2", "(2) Jika perbuatan.", f, kind="ayat", pasal="2", ayat="2"),
        P("pasal-2a", "Pasal sisipan.", f, pasal="2A", heading="Pasal 2A"),
        P("pasal-3", "Setiap orang yang memasukkan orang ke wilayah.", f, pasal="3", heading="Pasal 3"),
        P("penjelasan/pasal-2", "Cukup jelas.", f, kind="penjelasan", pasal="2", empty=True,
          explains=f"{DOC}/pasal-2"),
    ]


# ------------------------------------------------------------------ merge units

def test_merge_takes_missing_body_from_alternate():
    out, issues = merge_alternates(DOC, [("a.md", _md()), ("pdf/a.pdf", _pdf())])
    by_id = {p.id: p for p in out}
    assert by_id[f"{DOC}/pasal-2"].source_file == "pdf/a.pdf"
    assert f"{DOC}/pasal-2/ayat-2" in by_id and by_id[f"{DOC}/pasal-2/ayat-2"].source_file == "pdf/a.pdf"
    # complete in both, same after case folding: the primary source wins
    assert by_id[f"{DOC}/pasal-1"].source_file == "a.md"
    assert by_id[f"{DOC}/penjelasan/pasal-2"].source_file == "a.md"
    info = [i for i in issues if i.code == "taken-from-alternate" and i.provision == f"{DOC}/pasal-2"]
    assert len(info) == 1 and info[0].severity == "info"
    assert info[0].message == "Pasal 2 has no body in a.md; taken from pdf/a.pdf"
    assert len(out) == len(set(p.id for p in out))


def test_merge_keeps_reading_order_and_reports_units_missing_in_one_source():
    out, issues = merge_alternates(DOC, [("a.md", _md()), ("pdf/a.pdf", _pdf())])
    tops = [p.id.split("/", 1)[1] for p in out if p.kind in ("pasal", "penjelasan")]
    assert tops == ["pasal-1", "pasal-2", "pasal-2a", "pasal-3", "penjelasan/pasal-2"]
    missing = [i for i in issues if i.code == "source-missing"]
    assert len(missing) == 1 and missing[0].source_file == "a.md" and "Pasal 2A" in missing[0].message


def test_merge_summarises_disagreements():
    out, issues = merge_alternates(DOC, [("a.md", _md()), ("pdf/a.pdf", _pdf())])
    mism = [i for i in issues if i.code == "source-mismatch"]
    # Pasal 2 (no body vs body) and Pasal 3 (different words) differ; Pasal 1 only in case
    assert len(mism) == 2
    text = " ".join(i.message for i in mism)
    assert "Pasal 3" in text and "Pasal 1 " not in text + " "


def test_merge_prefers_more_ayat_and_falls_back_to_primary():
    md = [P("pasal-5", "(1) Satu. (2) Dua.", "a.md", pasal="5", heading="Pasal 5")]
    pdf = [P("pasal-5", "(1) Satu. (2) Dua.", "b.pdf", pasal="5", heading="Pasal 5"),
           P("pasal-5/ayat-1", "(1) Satu.", "b.pdf", kind="ayat", pasal="5", ayat="1"),
           P("pasal-5/ayat-2", "(2) Dua.", "b.pdf", kind="ayat", pasal="5", ayat="2")]
    out, issues = merge_alternates(DOC, [("a.md", md), ("b.pdf", pdf)])
    assert {p.source_file for p in out} == {"b.pdf"} and len(out) == 3
    assert any(i.code == "taken-from-alternate" and "more complete in b.pdf" in i.message for i in issues)
    out, issues = merge_alternates(DOC, [("a.md", md), ("b.pdf", pdf[:1])])
    assert [p.source_file for p in out] == ["a.md"] and not issues


def test_concat_parts_keeps_first_of_duplicate_ids():
    a = [P("pasal-106", "body", "x.md", pasal="106")]
    b = [P("penjelasan/pasal-106", "pj", "y.md", kind="penjelasan", pasal="106"),
         P("pasal-106", "again", "y.md", pasal="106")]
    out, issues = concat_parts(DOC, [("x.md", a), ("y.md", b)])
    assert [p.text for p in out] == ["body", "pj"]
    assert len(issues) == 1 and issues[0].code == "duplicate"


# ------------------------------------------------------------------ load_corpus on temporary corpora

def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_unlisted_pdf_gets_guessed_metadata(corpus_dir, tmp_path, monkeypatch):
    (tmp_path / "c" / "pdf").mkdir(parents=True)
    shutil.copy(corpus_dir / "pdf" / "uu-11-2008-ite.pdf", tmp_path / "c" / "pdf" / "ite.pdf")
    (tmp_path / "c" / "eval").mkdir()
    (tmp_path / "c" / "eval" / "notes.md").write_text("not a document")
    (tmp_path / "c" / "README.md").write_text("# my corpus")
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    monkeypatch.setenv("LEXQA_MANIFEST", str(empty))
    c = load_corpus(tmp_path / "c")
    assert list(c.documents) == ["uu-11-2008"]
    d = c.documents["uu-11-2008"]
    assert not d.meta.in_manifest and d.meta.label == "UU 11/2008" and d.meta.files == ["pdf/ite.pdf"]
    assert any(i.code == "not-in-manifest" and "UU 11/2008" in i.message for i in d.issues)
    assert d.texts["pdf/ite.pdf"].startswith("UNDANG-UNDANG REPUBLIK INDONESIA")


def test_missing_file_checksum_mismatch_and_unreadable_pdf(corpus_dir, tmp_path):
    c_dir = tmp_path / "c"
    c_dir.mkdir()
    shutil.copy(corpus_dir / "uu-37-1999.md", c_dir / "uu-37-1999.md")
    with open(c_dir / "uu-37-1999.md", "a", encoding="utf-8") as fh:
        fh.write("\n")  # a changed byte
    (c_dir / "scan.pdf").write_bytes(b"%PDF-1.4\nbroken\n")
    m = tmp_path / "manifest.toml"
    m.write_text(f'''
[[documents]]
id = "uu-37-1999"
title = "UU 37/1999"
label = "UU 37/1999"
kind = "statute"
language = "id"
files = ["uu-37-1999.md", "pdf/uu-37-1999.pdf"]
sha256 = {{ "uu-37-1999.md" = "{_sha(corpus_dir / 'uu-37-1999.md')}" }}
''', encoding="utf-8")
    c = load_corpus(c_dir, manifest=m)
    codes = {i.code: i for i in c.documents["uu-37-1999"].issues}
    assert codes["checksum-mismatch"].source_file == "uu-37-1999.md"
    assert codes["missing-file"].source_file == "pdf/uu-37-1999.pdf" and codes["missing-file"].severity == "error"
    scan = c.documents["scan"]
    assert any(i.code == "unreadable" and "scan.pdf" in i.message for i in scan.issues)
    assert c.documents["uu-37-1999"].texts["uu-37-1999.md"]


def test_own_folder_with_the_project_manifest(tmp_path, monkeypatch):
    """Manifest documents whose files are absent are not part of a user's own corpus folder."""
    monkeypatch.delenv("LEXQA_MANIFEST", raising=False)
    (tmp_path / "notes.md").write_text("# Catatan\n\nPerdagangan orang dan penyelundupan manusia.\n")
    c = load_corpus(tmp_path)
    assert list(c.documents) == ["notes"]
    assert c.documents["notes"].meta.kind == "literature" and not c.documents["notes"].meta.in_manifest


def test_parser_crash_on_one_file_is_an_issue(corpus_dir, tmp_path, monkeypatch):
    import lexqa.parse as parse

    c_dir = tmp_path / "c"
    c_dir.mkdir()
    for name in ("uu-37-1999.md", "udhr-en.md"):
        shutil.copy(corpus_dir / name, c_dir / name)
    real = parse.parse_source

    def flaky(meta, src):
        if src.file == "uu-37-1999.md":
            raise RuntimeError("boom")
        return real(meta, src)

    monkeypatch.setattr(parse, "parse_source", flaky)
    c = load_corpus(c_dir, use_manifest=False)
    bad = c.documents["uu-37-1999"]
    assert not bad.provisions
    assert [i.code for i in bad.issues if i.severity == "error"] == ["parse-failed"]
    assert "boom" in next(i.message for i in bad.issues if i.code == "parse-failed")
    assert "udhr-en" in c.documents


def test_discover_files_skips_docs_and_eval(corpus_dir):
    files = discover_files(corpus_dir)
    assert "SOURCES.md" not in files and not any(f.startswith("eval/") for f in files)
    assert "pdf/uu-21-2007.pdf" in files and "uu-21-2007.md" in files


# ------------------------------------------------------------------ corpus dir resolution

def test_corpus_dir_resolution_order(tmp_path, monkeypatch):
    proj = tmp_path / "work" / "proj"
    (proj / "corpus" / "sources").mkdir(parents=True)
    shared = tmp_path / "work" / "shared" / "corpus-src"
    shared.mkdir(parents=True)
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    cli_dir = tmp_path / "cli"
    cli_dir.mkdir()
    monkeypatch.setattr(config, "project_root", lambda: proj)
    monkeypatch.chdir(proj)
    monkeypatch.setenv("LEXQA_CORPUS_DIR", str(env_dir))
    assert config.resolve_corpus_dir(cli_dir) == cli_dir
    assert config.resolve_corpus_dir(None) == env_dir
    monkeypatch.delenv("LEXQA_CORPUS_DIR")
    assert config.resolve_corpus_dir(None) == proj / "corpus" / "sources"
    (proj / "corpus" / "sources").rmdir()
    assert config.resolve_corpus_dir(None) == shared
    shared.rmdir()
    with pytest.raises(CorpusError, match="no corpus directory"):
        config.resolve_corpus_dir(None)
    with pytest.raises(CorpusError, match="not found"):
        config.resolve_corpus_dir(tmp_path / "nope")
    monkeypatch.setenv("LEXQA_CORPUS_DIR", str(tmp_path / "nope"))
    with pytest.raises(CorpusError, match="LEXQA_CORPUS_DIR"):
        config.resolve_corpus_dir(None)


# ------------------------------------------------------------------ the real corpus

def test_real_corpus_loads_every_manifest_document(corpus):
    from lexqa.ingest.manifest import load_manifest

    manifest = load_manifest(Path(__file__).resolve().parent.parent / "src" / "lexqa" / "data" / "manifest.toml")
    assert set(manifest) <= set(corpus.documents)
    for did in manifest:
        d = corpus.documents[did]
        assert d.meta.in_manifest
        bad = [i for i in d.issues if i.code in ("missing-file", "checksum-mismatch", "unreadable", "parse-failed")]
        assert not bad, bad
        assert set(d.texts) == set(manifest[did].files)
        assert d.provisions, did


def test_uu_21_2007_pasal_2_comes_from_the_pdf(corpus):
    p = corpus.get("uu-21-2007/pasal-2")
    assert p is not None
    assert p.source_file == "pdf/uu-21-2007.pdf"
    assert "perekrutan, pengangkutan" in p.text and "tereksploitasi" in p.text
    text = corpus.documents["uu-21-2007"].texts[p.source_file]
    assert p.start is not None and text[p.start:p.end] == p.text
    issues = corpus.documents["uu-21-2007"].issues
    assert any(i.code == "taken-from-alternate" and i.provision == "uu-21-2007/pasal-2"
               and i.message == "Pasal 2 has no body in uu-21-2007.md; taken from pdf/uu-21-2007.pdf"
               for i in issues)
    # the rest of the law still comes mostly from the primary (markdown) source
    sources = [q.source_file for q in corpus.provisions("uu-21-2007")]
    assert sources.count("uu-21-2007.md") > len(sources) / 2


def test_every_provision_traces_to_its_source_text(corpus):
    for d in corpus.documents.values():
        for p in d.provisions:
            assert p.source_file in d.texts, (p.id, p.source_file)
            if p.start is not None and p.end is not None:
                assert d.texts[p.source_file][p.start:p.end] == p.text, p.id


def test_manifest_relations_resolve_in_the_real_corpus(corpus):
    """Revoked provisions, their replacements and the revoking provisions all exist as parsed;
    amended documents are held, or recorded as [[external]] (not held) in the manifest."""
    from lexqa.config import manifest_path
    from lexqa.ingest.manifest import load_external

    external = load_external(manifest_path())
    unresolved_by = []
    for d in corpus.documents.values():
        for r in d.meta.revocations:
            assert corpus.get(r.target) is not None, r.target
            assert r.replaced_by is None or corpus.get(r.replaced_by) is not None, r.replaced_by
            if corpus.get(r.by) is None:
                unresolved_by.append(r.by)
        for t in d.meta.amends:
            assert t in corpus.documents or t in external, (d.id, t)
    # huruf cc of Pasal 622 ayat (1) is printed "ac." in the OCR'd KUHP source
    assert set(unresolved_by) <= {"uu-1-2023/pasal-622/ayat-1/huruf-cc"}


def test_kuhp_pasal_622_huruf_cc_is_parsed(corpus):
    assert corpus.get("uu-1-2023/pasal-622/ayat-1/huruf-cc") is not None
