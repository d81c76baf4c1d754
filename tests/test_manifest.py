"""The packaged manifest (src/lexqa/data/manifest.toml) against the real corpus, manifest validation, and metadata guessing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from lexqa.config import manifest_path
from lexqa.errors import CorpusError
from lexqa.ingest.corpus import discover_files
from lexqa.ingest.manifest import guess_meta, load_external, load_manifest
from lexqa.ingest.pdf import load_pdf

MANIFEST = Path(__file__).resolve().parent.parent / "src" / "lexqa" / "data" / "manifest.toml"


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(MANIFEST)


def test_manifest_path_is_the_committed_file(monkeypatch):
    monkeypatch.delenv("LEXQA_MANIFEST", raising=False)
    assert manifest_path().resolve() == MANIFEST.resolve()


def test_every_listed_file_exists_with_its_checksum(manifest, corpus_dir):
    for meta in manifest.values():
        assert meta.sha256.keys() == set(meta.files), meta.id
        for rel in meta.files:
            path = corpus_dir / rel
            assert path.is_file(), f"{meta.id}: {rel} missing"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == meta.sha256[rel], rel


def test_every_source_file_is_in_the_manifest(manifest, corpus_dir):
    listed = {f for m in manifest.values() for f in m.files}
    present = set(discover_files(corpus_dir))
    assert present == listed
    assert len([f for f in present if f.endswith(".pdf")]) == 12
    assert len([f for f in present if f.endswith(".md")]) == 29
    assert not any(f.startswith("eval/") for f in present)


def test_checksums_agree_with_sources_md(manifest, corpus_dir):
    """The collector's own checksum list (SOURCES.md) is an independent check of the manifest."""
    recorded = dict((m.group(2), m.group(1)) for m in re.finditer(
        r"^([0-9a-f]{64})\s+(\S+)$", (corpus_dir / "SOURCES.md").read_text(encoding="utf-8"), re.M))
    ours = {f: s for m in manifest.values() for f, s in m.sha256.items()}
    common = set(recorded) & set(ours)
    assert len(common) >= 35
    assert {f: ours[f] for f in common} == {f: recorded[f] for f in common}


def test_ids_labels_and_relations(manifest):
    external = load_external(MANIFEST)
    assert "perpres-69-2008" in external and not set(external) & set(manifest)
    for did, meta in manifest.items():
        assert re.fullmatch(r"[a-z0-9-]+", did)
        for t in meta.amends:
            assert t in manifest or t in external, f"{did} amends unknown {t}"
        for r in meta.revocations:
            assert r.target.startswith(did + "/")
            assert r.by.split("/")[0] in manifest
    assert manifest["uu-6-2011"].label == "UU 6/2011"
    assert manifest["pp-31-2013"].label == "PP 31/2013"
    assert manifest["perda-diy-6-2025"].label == "Perda DIY 6/2025"
    assert manifest["permenkominfo-1-2020"].label == "Permenkominfo 1/2020"
    for did in ("uu-63-2024", "uu-6-2023", "uu-11-2020"):
        assert manifest[did].amends == ["uu-6-2011"] and manifest[did].kind == "amendment"
    assert manifest["uu-35-2014"].amends == ["uu-23-2002"]
    assert manifest["uu-31-2014"].amends == ["uu-13-2006"]
    assert manifest["pp-48-2021"].amends == ["pp-31-2013"]
    assert manifest["palermo-protocol"].kind == "treaty" and manifest["udhr"].kind == "declaration"
    assert manifest["purnomo-2025-human-security-batam"].kind == "literature"
    assert not manifest["uu-39-2004"].in_force
    assert not manifest["uu-11-2020"].in_force


def test_alternate_sources_and_parts(manifest):
    for did in ("uu-21-2007", "uu-6-2011", "uu-14-2009", "uu-15-2009"):
        meta = manifest[did]
        assert meta.files == [f"{did}.md", f"pdf/{did}.pdf"] and not meta.parts
    for did in ("uu-6-2023", "uu-11-2020"):
        meta = manifest[did]
        assert meta.parts and len(meta.files) == 2 and "penjelasan" in meta.files[1]


def test_kuhp_revocations(manifest):
    def rev(doc, target):
        return next(r for r in manifest[doc].revocations if r.target == target)

    r = rev("uu-21-2007", "uu-21-2007/pasal-2")
    assert (r.by, r.effective, r.replaced_by) == (
        "uu-1-2023/pasal-622/ayat-1/huruf-q", "2026-01-02", "uu-1-2023/pasal-455")
    r = rev("uu-6-2011", "uu-6-2011/pasal-120/ayat-1")
    assert (r.by, r.replaced_by) == ("uu-1-2023/pasal-622/ayat-1/huruf-y", "uu-1-2023/pasal-457")
    r = rev("uu-6-2011", "uu-6-2011/pasal-126/huruf-e")
    assert r.replaced_by == "uu-1-2023/pasal-398/ayat-1"
    assert {r.target for r in manifest["uu-13-2006"].revocations} == {
        f"uu-13-2006/pasal-{n}" for n in (37, 38, 39, 41)}
    assert {r.target for r in manifest["uu-23-2002"].revocations} == {
        "uu-23-2002/pasal-81/ayat-1", "uu-23-2002/pasal-82"}
    for meta in manifest.values():
        for r in meta.revocations:
            assert r.effective == "2026-01-02" and r.by.startswith("uu-1-2023/pasal-622/ayat-1/huruf-")


def test_revocations_quote_pasal_622(manifest, corpus_dir):
    """Every revoking huruf named in the manifest lists that law in UU 1/2023 Pasal 622 ayat (1)."""
    text = (corpus_dir / "uu-1-2023.md").read_text(encoding="utf-8")
    start = text.index("\nPasal 622\n")
    block = text[start:text.index("dicabut dan dinyatakan tidak berlaku", start)]
    for meta in manifest.values():
        for r in meta.revocations:
            letter = r.by.rsplit("-", 1)[-1]
            ocr = {"cc": "ac"}.get(letter, letter)  # the OCR source prints huruf cc as "ac."
            m = re.search(rf"(?m)^{ocr}\. (.*?)(?=^[a-z]{{1,2}}\. |\Z)", block, re.S)
            assert m, f"huruf {letter} not found"
            item = " ".join(m.group(1).split())
            ocr_digits = str.maketrans("lIOa", "1108")  # OCR: "2l" = 21, "l2O" = 120, "2a" = 28
            laws = {n.translate(ocr_digits) for n in re.findall(r"Nomor ([0-9lIO]{1,4})\b", item)}
            pasals = {n.translate(ocr_digits) for n in re.findall(r"Pasal ([0-9][0-9lIOa]{0,3}|l[0-9lIO]{1,3})\b", item)}
            assert meta.number in laws, (letter, meta.id, item)
            assert r.target.split("/")[1].removeprefix("pasal-") in pasals, (letter, r.target, item)


# ------------------------------------------------------------------ validation

def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "manifest.toml"
    p.write_text(body, encoding="utf-8")
    return p


GOOD = '''
[[documents]]
id = "uu-1-2000"
title = "UU 1/2000"
label = "UU 1/2000"
kind = "statute"
language = "id"
files = ["a.md"]
'''


def test_minimal_entry_loads(tmp_path):
    m = load_manifest(_write(tmp_path, GOOD))
    assert m["uu-1-2000"].files == ["a.md"] and m["uu-1-2000"].in_force and not m["uu-1-2000"].parts


@pytest.mark.parametrize("change, needle", [
    (('kind = "statute"', 'kind = "law"'), "kind"),
    (('language = "id"', 'language = "fr"'), "language"),
    (('files = ["a.md"]', 'files = []'), "files"),
    (('files = ["a.md"]', 'files = ["../a.md"]'), "relative"),
    (('id = "uu-1-2000"', 'id = "UU 1/2000"'), "id"),
    (('files = ["a.md"]', 'files = ["a.md"]\nsha256 = { "a.md" = "xyz" }'), "sha256"),
    (('files = ["a.md"]', 'files = ["a.md"]\nsha256 = { "b.md" = "' + "0" * 64 + '" }'), "not in 'files'"),
    (('files = ["a.md"]', 'files = ["a.md"]\neffective = "5 Mei 2011"'), "ISO date"),
    (('files = ["a.md"]', 'files = ["a.md"]\ncolour = "red"'), "unknown field"),
    (('files = ["a.md"]', 'files = ["a.md"]\n[[documents.revocations]]\ntarget = "uu-2-2000/pasal-1"\nby = "x/pasal-1"'),
     "target"),
])
def test_bad_entries_raise_clear_errors(tmp_path, change, needle):
    with pytest.raises(CorpusError) as e:
        load_manifest(_write(tmp_path, GOOD.replace(*change)))
    assert needle in e.value.message
    assert "uu-1-2000" in e.value.message or "entry 1" in e.value.message


def test_duplicate_ids_and_files_and_bad_toml(tmp_path):
    with pytest.raises(CorpusError, match="duplicate document id"):
        load_manifest(_write(tmp_path, GOOD + GOOD))
    with pytest.raises(CorpusError, match="listed by both"):
        load_manifest(_write(tmp_path, GOOD + GOOD.replace("uu-1-2000", "uu-2-2000")))
    with pytest.raises(CorpusError, match="not valid TOML"):
        load_manifest(_write(tmp_path, "[[documents]\nid="))
    with pytest.raises(CorpusError, match="manifest not found"):
        load_manifest(tmp_path / "nope.toml")


# ------------------------------------------------------------------ guessing

def test_guess_meta_from_real_pdf(corpus_dir):
    src = load_pdf(corpus_dir / "pdf" / "uu-11-2008-ite.pdf", "pdf/uu-11-2008-ite.pdf")
    g = guess_meta(src.file, src.text)
    assert (g.id, g.label, g.kind, g.number, g.year, g.in_manifest) == (
        "uu-11-2008", "UU 11/2008", "statute", "11", 2008, False)
    assert "Informasi" in g.title and g.files == ["pdf/uu-11-2008-ite.pdf"]


@pytest.mark.parametrize("rel, expect", [
    ("pdf/pp-52-2000-telekomunikasi.pdf", ("pp-52-2000", "PP 52/2000", "regulation")),
    ("pdf/permenkominfo-1-2020.pdf", ("permenkominfo-1-2020", "Permenkominfo 1/2020", "regulation")),
    ("pdf/perda-diy-6-2025-tppo.pdf", ("perda-diy-6-2025", "Perda DIY 6/2025", "regulation")),
    ("pdf/uu-12-2017.pdf", ("uu-12-2017", "UU 12/2017", "ratification")),
    ("uu-63-2024.md", ("uu-63-2024", "UU 63/2024", "amendment")),      # OCR'd header "INDONESI,A"
    ("uu-13-2006.md", ("uu-13-2006", "UU 13/2006", "statute")),        # "DISTRIBUSI II" stamp first
    ("pp-48-2021.md", ("pp-48-2021", "PP 48/2021", "amendment")),
])
def test_guess_meta_real_files(corpus_dir, rel, expect):
    from lexqa.ingest.corpus import load_source

    src = load_source(corpus_dir / rel, rel)
    g = guess_meta(rel, src.text)
    assert (g.id, g.label, g.kind) == expect


def test_guess_meta_does_not_take_a_cited_law_for_the_title(corpus_dir):
    """The UU 11/2020 excerpt cites "Undang-Undang Nomor 6 Tahun 2011" in its first sentence."""
    rel = "uu-11-2020-keimigrasian-excerpt.md"
    g = guess_meta(rel, (corpus_dir / rel).read_text(encoding="utf-8"))
    assert g.id == "uu-11-2020-keimigrasian-excerpt" and not g.in_manifest


def test_guess_meta_ocr_and_fallbacks():
    g = guess_meta("x.txt", "PRESIDEN\nUNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 2l TAHUN 2OO7\nTENTANG\nPEMBERANTASAN\n")
    assert (g.id, g.label, g.year) == ("uu-21-2007", "UU 21/2007", 2007)
    g = guess_meta("x.md", "PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG\nNOMOR 2 TAHUN 2022\nTENTANG\nCIPTA KERJA")
    assert (g.id, g.label) == ("perppu-2-2022", "Perppu 2/2022")
    g = guess_meta("notes/My Notes.md", "# Some thoughts\n\nThe trafficking and the smuggling of migrants ...")
    assert (g.id, g.kind, g.language) == ("my-notes", "literature", "en")
    g = guess_meta("conv.md", "Convention on Things\n\nArticle 1\nThe States Parties shall ...")
    assert g.kind == "treaty"
