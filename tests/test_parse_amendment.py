"""Amendment laws: "Pasal I angka N" points → provisions with amends / pasal / change.

Unit tests on small synthetic snippets (one per point form) plus tests on the real files.
"""

from __future__ import annotations

import re

import pytest

from lexqa.models import DocumentMeta, SourceText
from lexqa.parse.amendment import expand_amendments, norm_pasal
from lexqa.parse.amendment.instructions import fix_insert_list as _fix_insert_list
from lexqa.text import collapse_ws


def _meta(doc: str = "uu-99-2024", target: str = "uu-1-2000") -> DocumentMeta:
    return DocumentMeta(id=doc, title="t", label="UU 99/2024", kind="amendment", language="id",
                        files=["x.md"], amends=[target])


def _run(text: str, doc: str = "uu-99-2024", file: str = "x.md"):
    src = SourceText(file=file, text=text, format="markdown")
    provs, issues = expand_amendments(_meta(doc), src, [])
    for p in provs:   # the verbatim invariant holds for every provision
        assert p.text == text[p.start:p.end], p.id
        assert p.source_file == file and p.doc == doc
    ids = [p.id for p in provs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    by_id = {p.id: p for p in provs}
    for p in provs:
        if p.parent:
            assert p.parent in by_id, f"{p.id}: parent {p.parent} missing"
    return by_id, issues


HEAD = ("Pasal I\nBeberapa ketentuan dalam Undang-Undang Nomor 1 Tahun 2000 tentang Contoh "
        "diubah sebagai berikut:\n")


def test_amended_article_with_ayat_and_huruf():
    text = HEAD + (
        "1. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 16\n"
        "(1) Pejabat Imigrasi menolak orang untuk keluar dalam hal orang tersebut:\n"
        "a. tidak memiliki Dokumen Perjalanan;\n"
        "b. diperlukan untuk kepentingan penyidikan; atau\n"
        "c. namanya tercantum dalam daftar Pencegahan.\n"
        "(2) Pejabat Imigrasi juga berwenang menolak Orang Asing.\n"
        "Pasal II\nUndang-Undang ini mulai berlaku pada tanggal diundangkan.\n")
    p, _ = _run(text)
    pt = p["uu-99-2024/pasal-i/angka-1"]
    assert (pt.kind, pt.pasal, pt.change, pt.amends, pt.point) == (
        "point", "16", "amended", "uu-1-2000", "Pasal I angka 1")
    assert pt.text.startswith("1. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:")
    art = p["uu-99-2024/pasal-i/angka-1/pasal-16"]
    assert (art.kind, art.heading, art.pasal, art.change, art.parent) == (
        "pasal", "Pasal 16", "16", "amended", pt.id)
    assert art.text.startswith("Pasal 16") and art.text.endswith("menolak Orang Asing.")
    b = p["uu-99-2024/pasal-i/angka-1/pasal-16/ayat-1/huruf-b"]
    assert b.text == "b. diperlukan untuk kepentingan penyidikan; atau"
    assert (b.pasal, b.ayat, b.huruf, b.amends, b.point) == ("16", "1", "b", "uu-1-2000", "Pasal I angka 1")
    assert "uu-99-2024/pasal-i/angka-1/pasal-16/ayat-2" in p
    # Pasal II stays an ordinary article, not a point
    assert p["uu-99-2024/pasal-ii"].kind == "pasal" and p["uu-99-2024/pasal-ii"].change is None
    assert "Pasal II" not in p["uu-99-2024/pasal-i"].text


def test_inserted_several_articles():
    text = HEAD + (
        "1. Di antara Pasal 76 dan Pasal 77 disisipkan 3 (tiga) pasal, yakni Pasal 76A, Pasal 76B, "
        "dan Pasal 76C sehingga berbunyi sebagai berikut:\n"
        "Pasal 76A\nSetiap Orang dilarang memperlakukan Anak secara diskriminatif.\n"
        "Pasal 76B\nSetiap Orang dilarang menempatkan Anak dalam situasi perlakuan salah.\n"
        "Pasal 76C\nSetiap Orang dilarang melakukan Kekerasan terhadap Anak.\n")
    p, _ = _run(text)
    pt = p["uu-99-2024/pasal-i/angka-1"]
    assert pt.change == "inserted" and pt.pasal == "76A"
    for n in ("76A", "76B", "76C"):
        a = p[f"uu-99-2024/pasal-i/angka-1/pasal-{n.lower()}"]
        assert (a.pasal, a.change, a.amends, a.heading) == (n, "inserted", "uu-1-2000", f"Pasal {n}")
    assert p["uu-99-2024/pasal-i/angka-1/pasal-76b"].text.endswith("perlakuan salah.")


def test_inserted_article_with_lost_heading_is_split_and_flagged():
    # the source lost the heading "Pasal 76B": its sentence was run into Pasal 76A's line
    text = HEAD + (
        "1. Di antara Pasal 76 dan Pasal 77 disisipkan 3 (tiga) pasal, yakni Pasal 76A, Pasal 76B, "
        "dan Pasal 76C sehingga berbunyi sebagai berikut:\n"
        "Pasal 76A\nSetiap Orang dilarang melakukan perbuatan cabul. Setiap Orang dilarang "
        "melakukan perdagangan Anak.\n"
        "Pasal 76C\nSetiap Orang dilarang melakukan Kekerasan terhadap Anak.\n")
    p, issues = _run(text)
    a = p["uu-99-2024/pasal-i/angka-1/pasal-76a"]
    b = p["uu-99-2024/pasal-i/angka-1/pasal-76b"]
    assert a.text == "Pasal 76A\nSetiap Orang dilarang melakukan perbuatan cabul."
    assert b.text == "Setiap Orang dilarang melakukan perdagangan Anak."
    assert "heading-missing" in b.flags
    assert any(i.code == "heading-missing" and i.provision == b.id for i in issues)


def test_deleted_article():
    text = HEAD + (
        "1. Ketentuan Pasal 62 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 62\nAnak berhak atas perlindungan.\n"
        "2. Ketentuan Pasal 63 dihapus.\n"
        "3. Pasal 64 dihapus.\n"
        "4. Ketentuan Pasal 65 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 65\nCukup sekian.\n")
    p, _ = _run(text)
    d = p["uu-99-2024/pasal-i/angka-2"]
    assert (d.change, d.pasal, d.text) == ("deleted", "63", "2. Ketentuan Pasal 63 dihapus.")
    assert (p["uu-99-2024/pasal-i/angka-3"].change, p["uu-99-2024/pasal-i/angka-3"].pasal) == ("deleted", "64")
    assert not [i for i in p if i.startswith("uu-99-2024/pasal-i/angka-2/")]  # nothing written
    assert p["uu-99-2024/pasal-i/angka-4"].pasal == "65"


def test_partial_change_names_the_article():
    text = HEAD + (
        "1. Ketentuan huruf b ayat (1) Pasal 16 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 16\n(1) Pejabat Imigrasi menolak orang:\na. tanpa dokumen; atau\nb. diperlukan untuk penyidikan.\n"
        "2. Ketentuan ayat (3) Pasal 64 diubah dan di antara ayat (3) dan ayat (4) disisipkan 1 (satu) ayat, "
        "yakni ayat (3a) sehingga Pasal 64 berbunyi sebagai berikut:\n"
        "Pasal 64\n(1) Satu.\n(2) Dua.\n(3) Tiga.\n(3a) Tiga a.\n(4) Empat.\n")
    p, _ = _run(text)
    assert (p["uu-99-2024/pasal-i/angka-1"].pasal, p["uu-99-2024/pasal-i/angka-1"].change) == ("16", "amended")
    assert p["uu-99-2024/pasal-i/angka-1/pasal-16"].change == "amended"
    # inserting an ayat amends the article; it does not insert a new article
    assert (p["uu-99-2024/pasal-i/angka-2"].pasal, p["uu-99-2024/pasal-i/angka-2"].change) == ("64", "amended")
    assert "uu-99-2024/pasal-i/angka-2/pasal-64" in p


def test_lost_point_number_inferred_and_gap_reported():
    text = HEAD + (
        "1. Ketentuan Pasal 1 diubah sehingga berbunyi sebagai berikut:\nPasal 1\nSatu.\n"
        "Ketentuan Pasal 38 diubah sehingga berbunyi sebagai berikut:\nPasal 38\nDua.\n"
        "3 Ketentuan Pasal 39 diubah sehingga berbunyi sebagai berikut:\nPasal 39\nTiga.\n"
        "5. Ketentuan Pasal 41 diubah sehingga berbunyi sebagai berikut:\nPasal 41\nLima.\n")
    p, issues = _run(text)
    assert p["uu-99-2024/pasal-i/angka-2"].pasal == "38"
    assert "point-number-inferred" in p["uu-99-2024/pasal-i/angka-2"].flags
    assert p["uu-99-2024/pasal-i/angka-3"].pasal == "39"
    assert p["uu-99-2024/pasal-i/angka-5"].pasal == "41"
    assert "uu-99-2024/pasal-i/angka-4" not in p
    assert any(i.code == "point-gap" and "4" in i.message for i in issues)
    assert any(i.code == "point-number" and i.provision == "uu-99-2024/pasal-i/angka-2" for i in issues)


def test_page_furniture_trimmed_at_edges_and_flagged_inside():
    text = HEAD + (
        "1. Ketentuan Pasal 3 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 3\n(1) Untuk melaksanakan Fungsi Keimigrasian,\n"
        "SK No 243502 A\n\nPRESIDEN\nREPUBUK TNDONESIA\n-3-\n"
        "Pemerintah menetapkan kebijakan.\n(21 Kebijakan dilaksanakan oleh Menteri.\n"
        "2.Ketentuan...\nSK No 243503 A\n\nPRESIDEN\nREPUBLIK INDONESIA\n-4-\n"
        "2. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:\nPasal 16\nIsi.\n")
    p, issues = _run(text)
    pt1 = p["uu-99-2024/pasal-i/angka-1"]
    assert pt1.text.endswith("oleh Menteri."), "trailing catchword/footer/header must be outside the point"
    assert "page-furniture" in pt1.flags and "page-furniture" in p["uu-99-2024/pasal-i/angka-1/pasal-3"].flags
    assert any(i.code == "ocr-suspect" and "(21" in i.message for i in issues)
    assert any(i.code == "page-furniture" for i in issues)
    assert p["uu-99-2024/pasal-i/angka-2"].pasal == "16"


def test_penjelasan_linked_to_points_and_articles():
    text = HEAD + (
        "1. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 16\n(1) Satu.\n(2) Dua.\n"
        "2. Di antara Pasal 24 dan Pasal 25 disisipkan 1 (satu) pasal, yakni Pasal 24A sehingga "
        "berbunyi sebagai berikut:\nPasal 24A\nDokumen negara.\n"
        "Pasal II\nMulai berlaku.\n"
        "PENJELASAN\nI. UMUM\nUmum.\nII. PASAL DEMI PASAL\n"
        "Pasal I\nAngka 1\nPasal 16\nAyat (1)\nCukup jelas.\nAyat (21\nKetentuan ini melindungi.\n"
        "Angka 2\nPasal 24A\nCukup jelas.\nPasal II\nCukup jelas.\n")
    p, _ = _run(text)
    root = "uu-99-2024/penjelasan/pasal-i"
    assert p[root].explains == "uu-99-2024/pasal-i"
    e1 = p[f"{root}/angka-1/pasal-16/ayat-1"]
    assert e1.kind == "penjelasan" and e1.empty and e1.explains == "uu-99-2024/pasal-i/angka-1/pasal-16/ayat-1"
    e2 = p[f"{root}/angka-1/pasal-16/ayat-2"]            # "Ayat (21" read as ayat 2
    assert not e2.empty and e2.explains == "uu-99-2024/pasal-i/angka-1/pasal-16/ayat-2"
    assert e2.text == "Ayat (21\nKetentuan ini melindungi."
    assert p[f"{root}/angka-2/pasal-24a"].explains == "uu-99-2024/pasal-i/angka-2/pasal-24a"
    assert p[f"{root}/angka-2"].explains == "uu-99-2024/pasal-i/angka-2"
    assert f"{root}/pasal-ii" not in p


def test_penjelasan_only_file_and_leading_fragment():
    text = ("Cukup jelas. Pasal 106 Angka 1\nPasal 1\nCukup jelas. Angka2\nPasal 38\nVisa kunjungan.\n"
            "AngkaT\nPasal 7 1\nCukup jelas.\nPasal 107\nAngka 1\nPaten.\n")
    p, issues = _run(text, doc="uu-6-2023", file="uu-6-2023-keimigrasian-penjelasan-excerpt.md")
    root = "uu-6-2023/penjelasan/pasal-106"
    assert p[f"{root}/angka-2/pasal-38"].explains == "uu-6-2023/pasal-106/angka-2/pasal-38"
    assert p[f"{root}/angka-3/pasal-71"].explains == "uu-6-2023/pasal-106/angka-3/pasal-71"  # "AngkaT", "7 1"
    assert not any("Paten" in x.text for x in p.values())
    assert any(i.code == "fragment" for i in issues)


def test_replaces_naive_children_and_keeps_the_rest():
    from lexqa.models import Provision

    text = "Menimbang bahwa.\n" + HEAD + "1. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:\nPasal 16\nIsi.\n"
    start = text.index("Pasal 16\nIsi")
    head = text.index("Pasal I")
    naive = [
        Provision(id="uu-99-2024/menimbang", doc="uu-99-2024", kind="menimbang", text=text[:15], start=0, end=15,
                  source_file="x.md"),
        Provision(id="uu-99-2024/pasal-i", doc="uu-99-2024", kind="pasal", text=text[head:], start=head,
                  end=len(text), source_file="x.md"),
        Provision(id="uu-99-2024/pasal-16", doc="uu-99-2024", kind="pasal", text=text[start:], start=start,
                  end=len(text), source_file="x.md"),
    ]
    src = SourceText(file="x.md", text=text, format="markdown")
    out, _ = expand_amendments(_meta(), src, naive)
    ids = [p.id for p in out]
    assert "uu-99-2024/pasal-16" not in ids and ids[0] == "uu-99-2024/menimbang"
    assert ids.count("uu-99-2024/pasal-i") == 1 and "uu-99-2024/pasal-i/angka-1/pasal-16" in ids


@pytest.mark.parametrize("raw,want", [("16", "16"), ("1 17", "117"), ("1O3", "103"), ("76I", "76I"),
                                      ("24A", "24A"), ("7 1", "71"), ("l7l", "171"), ("LTLE", "171E")])
def test_norm_pasal_reads_ocr_numbers(raw, want):
    assert norm_pasal(raw) == want


def test_fix_insert_list_repairs_ocr_names():
    got = _fix_insert_list(["1711", "171B", "171C", "171D", "171E"], 5, "171")
    assert got == ["171A", "171B", "171C", "171D", "171E"]
    assert _fix_insert_list(["76A", "76B"], 2, "76") == ["76A", "76B"]


# --------------------------------------------------------------------------- real files

def _parse_real(corpus_dir, doc: str):
    """Parse every file of an amendment document the way the ingest does (loader + parse_source)."""
    from lexqa.config import manifest_path
    from lexqa.ingest.manifest import load_manifest
    from lexqa.ingest.markdown import load_markdown
    from lexqa.parse import parse_source

    meta = load_manifest(manifest_path())[doc]
    provs, issues, texts = [], [], {}
    for f in meta.files:
        src = load_markdown(corpus_dir / f, f)
        texts[f] = src.text
        ps, iss = parse_source(meta, src)
        provs += ps
        issues += iss
    return meta, provs, issues, texts


AMENDMENT_DOCS = ["uu-63-2024", "uu-35-2014", "uu-31-2014", "pp-48-2021", "uu-6-2023", "uu-11-2020"]


def _points(provs, doc):
    return {int(p.angka): p for p in provs if p.kind == "point" and p.doc == doc}


@pytest.mark.parametrize("doc", AMENDMENT_DOCS)
def test_real_verbatim_ids_and_parents(corpus_dir, doc):
    meta, provs, _, texts = _parse_real(corpus_dir, doc)
    ids = [p.id for p in provs]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})[:5]
    known = set(ids)
    for p in provs:
        assert p.text == texts[p.source_file][p.start:p.end], p.id
        assert p.text.strip() == p.text and p.text, p.id
        if p.parent:
            assert p.parent in known, p.id
    points = _points(provs, doc)
    assert points and sorted(points) == list(range(1, max(points) + 1)), "point numbers must be 1..N"
    for p in points.values():
        assert p.amends == meta.amends[0] and p.change in ("amended", "inserted", "deleted")
    # penjelasan links point at provisions that exist (also across the excerpts' two files)
    for p in provs:
        if p.kind == "penjelasan" and p.explains and p.point:
            assert p.explains in known, p.id


def test_real_uu_63_2024_points(corpus_dir):
    _, provs, issues, texts = _parse_real(corpus_dir, "uu-63-2024")
    pts = _points(provs, "uu-63-2024")
    assert {n: p.pasal for n, p in pts.items()} == {
        1: "3", 2: "16", 3: "24A", 4: "64", 5: "72", 6: "97", 7: "102", 8: "103", 9: "117", 10: "137"}
    assert pts[3].change == "inserted" and all(pts[n].change == "amended" for n in pts if n != 3)
    for p in pts.values():  # the instruction sentence printed in the point names that article
        assert re.search(rf"Pasal\s+{p.pasal}\b", collapse_ws(p.text)), p.id
        assert "SK No" not in p.text.split("berikut:")[0]
    two = pts[2]
    assert two.id == "uu-63-2024/pasal-i/angka-2" and two.amends == "uu-6-2011" and two.point == "Pasal I angka 2"
    assert collapse_ws(two.text).startswith(
        "2. Ketentuan huruf b ayat (1) Pasal 16 diubah sehingga berbunyi sebagai berikut: Pasal 16 (1)")
    by_id = {p.id: p for p in provs}
    art = by_id["uu-63-2024/pasal-i/angka-2/pasal-16"]
    assert (art.kind, art.pasal, art.change, art.amends) == ("pasal", "16", "amended", "uu-6-2011")
    hb = by_id["uu-63-2024/pasal-i/angka-2/pasal-16/ayat-1/huruf-b"]
    assert "penyidikan" in hb.text and "penyelidikan" not in hb.text   # the MK decision removed it
    assert "uu-63-2024/pasal-i/angka-2/pasal-16/ayat-2" in by_id        # "(21" read as ayat 2
    assert by_id["uu-63-2024/pasal-i/angka-9/pasal-117"].heading == "Pasal 117"  # printed "Pasal 1 17"
    assert by_id["uu-63-2024/pasal-ii"].kind == "pasal" and by_id["uu-63-2024/pasal-ii"].change is None
    pj = by_id["uu-63-2024/penjelasan/pasal-i/angka-2/pasal-16/ayat-2"]
    assert pj.explains == "uu-63-2024/pasal-i/angka-2/pasal-16/ayat-2" and not pj.empty
    assert by_id["uu-63-2024/penjelasan/pasal-i/angka-9/pasal-117"].empty
    assert "page-furniture" in by_id["uu-63-2024/pasal-i"].flags
    assert any(i.code == "ocr-suspect" and "(21" in i.message for i in issues)


def test_real_uu_35_2014_inserted_and_deleted(corpus_dir):
    _, provs, issues, _ = _parse_real(corpus_dir, "uu-35-2014")
    pts = _points(provs, "uu-35-2014")
    assert max(pts) == 73
    by_id = {p.id: p for p in provs}
    for letter in "ABCDEFGHIJ":
        a = by_id[f"uu-35-2014/pasal-i/angka-62/pasal-76{letter.lower()}"]
        assert (a.kind, a.pasal, a.change, a.amends) == ("pasal", f"76{letter}", "inserted", "uu-23-2002")
    assert "perdagangan Anak" in by_id["uu-35-2014/pasal-i/angka-62/pasal-76f"].text
    assert "perdagangan Anak" not in by_id["uu-35-2014/pasal-i/angka-62/pasal-76e"].text
    assert (pts[40].change, pts[40].pasal) == ("deleted", "63")
    assert (pts[73].change, pts[73].pasal) == ("inserted", "91A")
    assert (pts[1].pasal, pts[2].pasal) == ("1", "6")          # instruction sentences lost in the source
    assert any(i.code == "point-number" for i in issues)


def test_real_uu_31_2014_and_pp_48_2021(corpus_dir):
    _, provs, _, _ = _parse_real(corpus_dir, "uu-31-2014")
    pts = _points(provs, "uu-31-2014")
    assert max(pts) == 27 and pts[12].change == "inserted"
    kids = [p.pasal for p in provs if p.parent == pts[12].id and p.kind == "pasal"]
    assert kids == ["16A", "16B", "16C", "16D"]
    _, provs, _, _ = _parse_real(corpus_dir, "pp-48-2021")
    pts = _points(provs, "pp-48-2021")
    assert max(pts) == 21 and pts[19].amends == "pp-31-2013"
    kids = [p.pasal for p in provs if p.parent == pts[19].id and p.kind == "pasal"]
    assert kids == ["171A", "171B", "171C", "171D", "171E"]               # printed "l7lL, I7lB, ... LTLE"


@pytest.mark.parametrize("doc", ["uu-6-2023", "uu-11-2020"])
def test_real_cipta_kerja_pasal_106(corpus_dir, doc):
    _, provs, issues, _ = _parse_real(corpus_dir, doc)
    pts = _points(provs, doc)
    assert {n: p.pasal for n, p in pts.items()} == {1: "1", 2: "38", 3: "39", 4: "40", 5: "46", 6: "54",
                                                    7: "63", 8: "71"}
    assert all(p.id == f"{doc}/pasal-106/angka-{n}" and p.point == f"Pasal 106 angka {n}" for n, p in pts.items())
    assert all(p.change == "amended" and p.amends == "uu-6-2011" for p in pts.values())
    assert any(i.code == "fragment" for i in issues)                       # excerpt starts mid-law
    by_id = {p.id: p for p in provs}
    pj = [p for p in provs if p.kind == "penjelasan"]
    assert {p.pasal for p in pj if p.pasal} >= {"1", "38", "39", "40", "46", "54", "63", "71"}
    assert by_id[f"{doc}/penjelasan/pasal-106/angka-5/pasal-46/ayat-2"].empty
    if doc == "uu-6-2023":
        inferred = {n for n, p in pts.items() if "point-number-inferred" in p.flags}
        assert inferred == {2, 4, 5, 7}
        assert any(i.code == "out-of-order" and i.provision == f"{doc}/pasal-106/angka-3" for i in issues)


def test_corpus_status_lists_uu_63_2024(corpus):
    st = corpus.status("uu-6-2011/pasal-16")
    by = {e.by for e in st.events}
    assert "uu-63-2024/pasal-i/angka-2/pasal-16" in by
    ev = next(e for e in st.events if e.by == "uu-63-2024/pasal-i/angka-2/pasal-16")
    assert ev.kind == "amended" and "UU 63/2024 Pasal I angka 2" in ev.by_label
    assert any(e.by.startswith("uu-6-2023/pasal-106/angka-") for e in corpus.status("uu-6-2011/pasal-38").events)


def test_relink_penjelasan_deepens_cross_file_links(corpus_dir):
    from lexqa.parse.amendment import relink_penjelasan

    _, provs, _, _ = _parse_real(corpus_dir, "uu-6-2023")
    by_id = {p.id: p for p in provs}
    e = by_id["uu-6-2023/penjelasan/pasal-106/angka-5/pasal-46/ayat-1"]
    assert e.explains == "uu-6-2023/pasal-106/angka-5/pasal-46"          # per file: article level
    assert relink_penjelasan(provs) > 0
    assert e.explains == "uu-6-2023/pasal-106/angka-5/pasal-46/ayat-1"    # both files known: the ayat
    for p in provs:
        if p.kind == "penjelasan" and p.point:
            assert p.explains in by_id, p.id


def test_local_splitter_fallback(monkeypatch):
    """If the regulation splitter fails, the amendment structure is kept with the local splitter."""
    import lexqa.parse.indonesian as ind

    def boom(*a, **k):
        raise RuntimeError("splitter down")

    monkeypatch.setattr(ind, "split_pasal_body", boom, raising=False)
    text = HEAD + (
        "1. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:\n"
        "Pasal 16\n(1) Menolak orang:\na. tanpa dokumen;\nb. diperlukan untuk penyidikan.\n"
        "(21 Orang Asing juga.\n(3) Tiga.\n")
    p, issues = _run(text)
    base = "uu-99-2024/pasal-i/angka-1/pasal-16"
    assert p[f"{base}/ayat-1/huruf-b"].text == "b. diperlukan untuk penyidikan."
    assert p[f"{base}/ayat-2"].text == "(21 Orang Asing juga." and "ocr-marker-fixed" in p[f"{base}/ayat-2"].flags
    assert p[f"{base}/ayat-3"].parent == base and p[f"{base}/ayat-2"].change == "amended"
    assert any(i.code == "splitter-error" for i in issues)
