"""Indonesian regulation parser: structure, IDs, verbatim offsets, counts on the real corpus."""

from __future__ import annotations

import time

import pytest

from lexqa.parse.indonesian import split_pasal_body
from lexqa.parse.spans import is_furniture_line, trim_regulation as trim_span
from lexqa.text import collapse_ws
from lexqa.parse.ocr import fix_digits, int_to_roman, roman_to_int

from test_parse_indonesian_support import by_id, parse_file, pasal_numbers, penjelasan_pasal_numbers, synthetic

INDONESIAN_FILES = [
    "uu-6-2011.md", "uu-63-2024.md", "pp-31-2013.md", "uu-1-2023.md", "uu-21-2007.md", "uu-23-2002.md",
    "uu-37-1999.md", "uu-13-2006.md", "uu-14-2009.md", "uu-15-2009.md", "uu-5-2009.md", "uu-18-2017.md",
    "uu-31-2014.md", "uu-35-2014.md", "pp-48-2021.md", "pp-9-2008.md",
    "uu-11-2020-keimigrasian-excerpt.md", "uu-11-2020-keimigrasian-penjelasan-excerpt.md",
    "uu-6-2023-keimigrasian-excerpt.md", "uu-6-2023-keimigrasian-penjelasan-excerpt.md",
    "pdf/uu-6-2011.pdf", "pdf/uu-21-2007.pdf", "pdf/uu-14-2009.pdf", "pdf/uu-15-2009.pdf",
    "pdf/uu-39-2004.pdf", "pdf/uu-12-2017.pdf", "pdf/uu-11-2008-ite.pdf", "pdf/uu-36-1999-telekomunikasi.pdf",
    "pdf/uu-40-1999-pers.pdf", "pdf/pp-52-2000-telekomunikasi.pdf", "pdf/perda-diy-6-2025-tppo.pdf",
    "pdf/permenkominfo-1-2020.pdf",
]


def _seq(n: int) -> list[str]:
    return [str(i) for i in range(1, n + 1)]


# ----------------------------------------------------------------------------- real corpus
@pytest.mark.parametrize("rel", INDONESIAN_FILES)
def test_verbatim_offsets_and_tree(corpus_dir, rel):
    src, provs, _ = parse_file(corpus_dir, rel)
    assert provs, rel
    ids = by_id(provs)
    assert len(ids) == len(provs), "duplicate provision ids"
    for p in provs:
        assert p.text == src.text[p.start:p.end], p.id
        assert p.source_file == rel and p.doc == provs[0].doc
        assert p.text == p.text.strip(), p.id
        if p.parent:
            parent = ids[p.parent]
            assert p.id.startswith(parent.id + "/")
            assert parent.start <= p.start and p.end <= parent.end, p.id
            assert p.text in parent.text


@pytest.mark.parametrize("rel,n_body,n_penj", [
    ("uu-6-2011.md", 145, 145),
    ("pdf/uu-6-2011.pdf", 145, 145),
    ("pp-31-2013.md", 258, 258),
    ("uu-1-2023.md", 624, 0),
    ("uu-21-2007.md", 67, None),
    ("pdf/uu-21-2007.pdf", 67, 67),
    ("uu-23-2002.md", 93, 93),
    ("uu-37-1999.md", 40, 0),
])
def test_exact_pasal_counts(corpus_dir, rel, n_body, n_penj):
    _, provs, issues = parse_file(corpus_dir, rel)
    assert pasal_numbers(provs) == _seq(n_body)
    if n_penj is not None:
        assert penjelasan_pasal_numbers(provs) == _seq(n_penj)
    assert not [i for i in issues if i.code in ("gap", "duplicate", "out-of-order") and "body" in i.message]


def test_uu_6_2011_pasal_16_structure_and_penjelasan(corpus_dir):
    src, provs, _ = parse_file(corpus_dir, "uu-6-2011.md")
    ids = by_id(provs)
    hb = ids["uu-6-2011/pasal-16/ayat-1/huruf-b"]
    assert hb.kind == "huruf" and (hb.pasal, hb.ayat, hb.huruf) == ("16", "1", "b")
    assert "diperlukan untuk kepentingan penyelidikan dan penyidikan" in hb.text
    assert hb.parent == "uu-6-2011/pasal-16/ayat-1"
    p16 = ids["uu-6-2011/pasal-16"]
    assert p16.heading == "Pasal 16" and not p16.text.startswith("Pasal 16")
    assert p16.context["bab"] == "BAB III MASUK DAN KELUAR WILAYAH INDONESIA"
    assert p16.context["bagian"].startswith("Bagian Ketiga")
    assert [c.id for c in provs if c.parent == "uu-6-2011/pasal-16"] == [
        "uu-6-2011/pasal-16/ayat-1", "uu-6-2011/pasal-16/ayat-2"]
    pj = ids["uu-6-2011/penjelasan/pasal-16"]
    assert pj.explains == "uu-6-2011/pasal-16" and pj.kind == "penjelasan"
    a1 = ids["uu-6-2011/penjelasan/pasal-16/ayat-1"]
    a2 = ids["uu-6-2011/penjelasan/pasal-16/ayat-2"]
    assert a1.empty and a1.explains == "uu-6-2011/pasal-16/ayat-1"
    assert not a2.empty and "kewajiban pajaknya" in a2.text and a2.explains == "uu-6-2011/pasal-16/ayat-2"


def test_uu_6_2011_preamble_closing_penjelasan_umum(corpus_dir):
    _, provs, _ = parse_file(corpus_dir, "uu-6-2011.md")
    ids = by_id(provs)
    assert ids["uu-6-2011/menimbang"].text.startswith("a. bahwa Keimigrasian")
    assert "Pasal 28E ayat (1)" in ids["uu-6-2011/mengingat"].text
    closing = ids["uu-6-2011/penutup"]
    assert closing.kind == "closing" and closing.text.startswith("Agar setiap orang mengetahuinya")
    assert "Disahkan di Jakarta pada tanggal 5 Mei 2011" in closing.text
    assert "PENJELASAN" not in closing.text
    umum = ids["uu-6-2011/penjelasan/umum"]
    assert umum.kind == "penjelasan-umum" and umum.text.startswith("Dalam memasuki milenium ketiga")
    assert "PASAL DEMI PASAL" not in umum.text
    last = ids["uu-6-2011/penjelasan/pasal-145"]
    assert last.empty and last.text == "Cukup jelas."   # the TLN line after it is not part of it
    defs = [p for p in provs if p.parent == "uu-6-2011/pasal-1"]
    assert defs and all(p.kind == "angka" for p in defs)
    assert [p.angka for p in defs] == _seq(len(defs))
    assert ids["uu-6-2011/pasal-1/angka-9"].text.startswith("9. Orang Asing adalah")


def test_penjelasan_inline_huruf_markers_link_to_body(corpus_dir):
    _, provs, _ = parse_file(corpus_dir, "uu-6-2011.md")
    ids = by_id(provs)
    hc = ids["uu-6-2011/penjelasan/pasal-18/ayat-1/huruf-c"]
    assert hc.text.startswith("Huruf c Yang dimaksud dengan")
    assert hc.explains == "uu-6-2011/pasal-18/ayat-1/huruf-c"
    linked = [p for p in provs if p.kind == "penjelasan" and p.explains]
    assert all(p.explains in ids for p in linked)
    assert len(linked) > 300


def test_kuhp_buku_bab_context(corpus_dir):
    _, provs, _ = parse_file(corpus_dir, "uu-1-2023.md")
    ids = by_id(provs)
    p1 = ids["uu-1-2023/pasal-1"]
    assert p1.context["buku"].startswith("BUKU KESATU")
    assert p1.context["bab"].startswith("BAB I RUANG LINGKUP BERLAKUNYA")
    assert p1.context["bagian"] == "Bagian Kesatu Menurut Waktu"
    assert ids["uu-1-2023/pasal-500"].context["buku"].startswith("BUKU KEDUA")


def test_pdf_uu_21_2007_pasal_2_complete(corpus_dir):
    _, provs, _ = parse_file(corpus_dir, "pdf/uu-21-2007.pdf")
    ids = by_id(provs)
    p2 = ids["uu-21-2007/pasal-2"]
    assert "perekrutan, pengangkutan, penampungan" in collapse_ws(ids["uu-21-2007/pasal-2/ayat-1"].text)
    assert "tereksploitasi" in ids["uu-21-2007/pasal-2/ayat-2"].text
    assert ids["uu-21-2007/penjelasan/pasal-2"].explains == p2.id


def test_amendment_law_roman_pasal_split(corpus_dir):
    _, provs, _ = parse_file(corpus_dir, "uu-63-2024.md")
    ids = by_id(provs)
    assert pasal_numbers(provs) == ["I", "II"]
    p1 = ids["uu-63-2024/pasal-i"]
    assert p1.heading == "Pasal I" and "Pasal 137" in p1.text and "Pasal II" not in p1.text
    assert ids["uu-63-2024/pasal-ii"].text.startswith("Pemerintah dan Dewan Perwakilan Rakyat")
    assert ids["uu-63-2024/penjelasan/pasal-i"].explains == "uu-63-2024/pasal-i"
    assert ids["uu-63-2024/penjelasan/pasal-ii"].empty
    assert "17 Oktober 2024" in ids["uu-63-2024/penutup"].text


def test_whole_corpus_parses_in_seconds(corpus_dir):
    from test_parse_indonesian_support import load_source
    from lexqa.models import DocumentMeta
    from lexqa.parse.indonesian import parse_regulation

    sources = [load_source(corpus_dir, rel) for rel in INDONESIAN_FILES if rel.endswith(".md")]
    t0 = time.perf_counter()
    n = 0
    for src in sources:
        meta = DocumentMeta(id="d", title="d", label="d", kind="statute", language="id", files=[src.file])
        n += len(parse_regulation(meta, src)[0])
    assert n > 5000
    assert time.perf_counter() - t0 < 3.0


# ----------------------------------------------------------------------------- synthetic
SYN = """UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 99 TAHUN 2099
Menimbang : a. bahwa contoh;
Mengingat : Pasal 5 ayat (1) Undang-Undang Dasar;
MEMUTUSKAN:
BAB I
KETENTUAN UMUM
Pasal 1
Dalam Undang-Undang ini yang dimaksud dengan:
1. Satu adalah satu.
2. Dua adalah dua.
Pasal 2
(1) Setiap orang dilarang:
a. mencuri;
b. menipu; dan
c. merampok.
(2) Larangan sebagaimana dimaksud pada ayat (1) huruf a meliputi:
1. barang; dan
2. uang.
Pasal 2A
Sebagaimana dimaksud dalam Pasal 2 ayat (1) berlaku.
Pasal 3
Cukup di sini. BAB II PENUTUP
Pasal 4
Undang-Undang ini mulai berlaku pada tanggal diundangkan.
Agar setiap orang mengetahuinya, memerintahkan pengundangan. Disahkan di Jakarta
PENJELASAN ATAS UNDANG-UNDANG NOMOR 99 TAHUN 2099
I. UMUM
Umum sekali.
II. PASAL DEMI PASAL
Pasal 1
Cukup jelas.
Pasal 2
Ayat (1) Huruf a Cukup jelas. Huruf b Yang dimaksud menipu. Ayat (2) Cukup jelas.
Pasal 2A
Cukup jelas. Pasal 3 Cukup jelas.
Pasal 4
Cukup jelas.
TAMBAHAN LEMBARAN NEGARA REPUBLIK INDONESIA NOMOR 1
"""


def test_synthetic_full_structure():
    provs, issues = synthetic(SYN)
    ids = by_id(provs)
    assert pasal_numbers(provs) == ["1", "2", "2A", "3", "4"]
    assert ids["uu-99-2099/pasal-2a"].pasal == "2A"
    assert ids["uu-99-2099/pasal-1/angka-2"].text == "2. Dua adalah dua."
    assert ids["uu-99-2099/pasal-2/ayat-1/huruf-c"].text == "c. merampok."
    assert ids["uu-99-2099/pasal-2/ayat-2/angka-2"].parent == "uu-99-2099/pasal-2/ayat-2"
    assert ids["uu-99-2099/pasal-2/ayat-2/angka-2"].ayat == "2"
    assert ids["uu-99-2099/pasal-3"].text == "Cukup di sini."         # BAB II glued, cut off
    assert ids["uu-99-2099/pasal-4"].context == {"bab": "BAB II PENUTUP"}
    assert ids["uu-99-2099/pasal-1"].context == {"bab": "BAB I KETENTUAN UMUM"}
    assert any(i.code == "glued-heading" for i in issues)
    pj = ids["uu-99-2099/penjelasan/pasal-2/ayat-1/huruf-b"]
    assert pj.text == "Huruf b Yang dimaksud menipu." and pj.explains == "uu-99-2099/pasal-2/ayat-1/huruf-b"
    assert ids["uu-99-2099/penjelasan/pasal-2/ayat-1/huruf-a"].empty
    assert ids["uu-99-2099/penjelasan/pasal-3"].text == "Cukup jelas."   # glued Penjelasan heading
    assert ids["uu-99-2099/penjelasan/pasal-4"].text == "Cukup jelas."
    assert ids["uu-99-2099/penjelasan/umum"].text == "Umum sekali."
    assert ids["uu-99-2099/penutup"].text.startswith("Agar setiap orang")
    assert ids["uu-99-2099/mengingat"].text == "Pasal 5 ayat (1) Undang-Undang Dasar;"


def test_split_pasal_body_offsets_are_global():
    text = "xxxx\n(1) Satu:\na. alpha;\nb. beta.\n(2) Dua.\n"
    kids = split_pasal_body(text, 5, len(text), "d/pasal-i/angka-2/pasal-16", doc="d", source_file="f",
                            base={"pasal": "16"})
    assert [k.id for k in kids] == [
        "d/pasal-i/angka-2/pasal-16/ayat-1", "d/pasal-i/angka-2/pasal-16/ayat-1/huruf-a",
        "d/pasal-i/angka-2/pasal-16/ayat-1/huruf-b", "d/pasal-i/angka-2/pasal-16/ayat-2"]
    for k in kids:
        assert text[k.start:k.end] == k.text and k.pasal == "16"
    assert kids[0].parent == "d/pasal-i/angka-2/pasal-16"


def test_inline_list_after_colon_and_semicolons():
    text = "Izin diberikan kepada: a. satu; b. dua; dan c. tiga. Lihat huruf a. dan seterusnya."
    kids = split_pasal_body(text, 0, len(text), "d/pasal-5", doc="d", source_file="f", base={"pasal": "5"})
    assert [k.huruf for k in kids] == ["a", "b", "c"]
    assert kids[2].text.startswith("c. tiga.")


def test_ocr_helpers_and_furniture():
    assert fix_digits("5O9") == ("509", True) and fix_digits("12") == ("12", False)
    assert roman_to_int("XXXVII") == 37 and int_to_roman(37) == "XXXVII"
    with pytest.raises(ValueError):
        roman_to_int("IIII")
    for line in ("PRESIDEN", "REPUBUK INDONESIA", "-3-", "SK No 243502 A", "2.Ketentuan...", "Dengan . . ."):
        assert is_furniture_line(line), line
    for line in ("PRESIDEN REPUBLIK INDONESIA,", "(1) Setiap orang dilarang.", "REPUBLIK INDONESIA,"):
        assert not is_furniture_line(line), line
    text = "isi pasal.\nSK No 1234 A\n\nPRESIDEN\n-2-\n"
    s, e = trim_span(text, 0, len(text))
    assert text[s:e] == "isi pasal."
