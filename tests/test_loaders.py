"""Markdown and PDF loaders on the real corpus files, plus the unreadable-PDF errors."""

from __future__ import annotations

import re

import pytest

from lexqa.errors import CorpusError
from lexqa.ingest.markdown import load_markdown, normalise_markdown
from lexqa.ingest.pdf import clean_page, load_pdf
from lexqa.text import collapse_ws, is_verbatim

# UU 21/2007 Pasal 2 as SOURCES.md quotes it from the official PDF
PASAL_2_UU_21_2007 = (
    "(1) Setiap orang yang melakukan perekrutan, pengangkutan, penampungan, pengiriman, pemindahan, atau "
    "penerimaan seseorang dengan ancaman kekerasan, penggunaan kekerasan, penculikan, penyekapan, "
    "pemalsuan, penipuan, penyalahgunaan kekuasaan atau posisi rentan, penjeratan utang atau memberi bayaran "
    "atau manfaat walaupun memperoleh persetujuan dari orang yang memegang kendali atas orang lain, untuk "
    "tujuan mengeksploitasi orang tersebut di wilayah negara Republik Indonesia, dipidana dengan pidana "
    "penjara paling singkat 3 (tiga) tahun dan paling lama 15 (lima belas) tahun dan pidana denda paling "
    "sedikit Rp120.000.000,00 (seratus dua puluh juta rupiah) dan paling banyak Rp600.000.000,00 (enam ratus "
    "juta rupiah). (2) Jika perbuatan sebagaimana dimaksud pada ayat (1) mengakibatkan orang tereksploitasi , "
    "maka pelaku dipidana dengan pidana yang sama sebagaimana dimaksud pada ayat (1)."
)


# ------------------------------------------------------------------ markdown

def test_uu_6_2011_markdown_artefacts_removed(corpus_dir):
    raw = (corpus_dir / "uu-6-2011.md").read_text(encoding="utf-8")
    assert "__" in raw and "_(selective_" in raw  # the defects are really there
    src = load_markdown(corpus_dir / "uu-6-2011.md", "uu-6-2011.md")
    assert "_" not in src.text
    assert "(selective policy)" in src.text
    assert "prinsip timbal balik (resiprositas)" in src.text
    assert "Pasal 61 Pemegang Izin Tinggal terbatas" in src.text  # glued heading left for the parser
    assert src.text.count("\n") == raw.count("\n")  # line structure kept
    assert src.format == "markdown" and len(src.sha256) == 64
    assert any("underscores" in n for n in src.notes)


def test_palermo_tex_quotes_meta_and_dutch_title_removed(corpus_dir):
    raw = (corpus_dir / "palermo-protocol-en.md").read_text(encoding="utf-8")
    assert "``" in raw and "<meta" in raw and "##Protocol inzake" in raw
    text = load_markdown(corpus_dir / "palermo-protocol-en.md").text
    assert "``" not in text and "<meta" not in text.lower()
    assert 'shall be considered "trafficking in persons" even if' in text
    assert "inzake" not in text
    assert "####Protocol to Prevent, Suppress and Punish" in text  # the English title stays
    assert "Article 3" in text


def test_udhr_dutch_in_force_lines_and_links_removed(corpus_dir):
    raw = (corpus_dir / "udhr-en.md").read_text(encoding="utf-8")
    assert raw.count("Treedt in werking op een nader te bepalen tijdstip") == 31
    text = load_markdown(corpus_dir / "udhr-en.md").text
    assert "Treedt" not in text and "Universele Verklaring" not in text
    assert "in the Charter reaffirmed their faith" in text and "](" not in text
    assert "All human beings are born free and equal in dignity and rights." in text


def test_smuggling_protocol_links_unwrapped(corpus_dir):
    text = load_markdown(corpus_dir / "smuggling-protocol-en.md").text
    assert "](" not in text and "BWBV" not in text
    assert "This Protocol supplements the United Nations Convention against Transnational Organized Crime" in text


def test_markdown_rules_on_small_inputs():
    text, notes = normalise_markdown(
        "<meta http-equiv='Content-Type' content='text/html' />\r\n"
        "##Verdrag van de Verenigde Naties tegen misdaad\n"
        "kebijakan _(selective_ _policy)_ dan ( _resiprositas_ ) di_maksud __ b. huruf\n"
        "``trafficking in persons'' means\n"
        "snake_case_identifier stays\n"
    )
    lines = text.split("\n")
    assert lines[0] == "" and lines[1] == ""
    assert lines[2] == "kebijakan (selective policy) dan (resiprositas) dimaksud b. huruf"
    assert lines[3] == '"trafficking in persons" means'
    assert "snake" in lines[4]
    assert any("tex-quotes" in n for n in notes)


# ------------------------------------------------------------------ pdf

@pytest.fixture(scope="module")
def uu21_pdf(corpus_dir):
    return load_pdf(corpus_dir / "pdf" / "uu-21-2007.pdf", "pdf/uu-21-2007.pdf")


def test_uu_21_2007_pdf_has_pasal_2_complete(uu21_pdf):
    text = uu21_pdf.text
    i = text.index("\nPasal 2\n")
    j = text.index("\nPasal 3\n", i)
    assert collapse_ws(text[i:j]) == "Pasal 2 " + PASAL_2_UU_21_2007
    assert is_verbatim(PASAL_2_UU_21_2007, text)


def test_uu_21_2007_pdf_furniture_removed(uu21_pdf):
    lines = uu21_pdf.text.split("\n")
    assert not [ln for ln in lines if re.fullmatch(r"-\s*\d+\s*-", ln.strip())]          # "- 3 -"
    assert not [ln for ln in lines if re.search(r"(\.\s*){3}$|…$", ln.strip())]         # "Pasal 3 ..."
    assert "Agar setiap orang mengetahuinya" in uu21_pdf.text  # the real text after the "Agar ..." catchword
    headings = [int(m) for m in re.findall(r"(?m)^Pasal (\d+)$", uu21_pdf.text)]
    assert sorted(set(headings)) == list(range(1, 68))  # body and Penjelasan, no stubs in between
    assert uu21_pdf.format == "pdf" and uu21_pdf.file == "pdf/uu-21-2007.pdf"


def test_pdf_page_starts(uu21_pdf):
    starts = uu21_pdf.page_starts
    assert len(starts) == 37 and starts[0] == 0 and starts == sorted(starts)
    assert all(uu21_pdf.text[s - 1] == "\n" for s in starts[1:])
    # Pasal 2 starts on page 4 of the official PDF (index 3)
    at = uu21_pdf.text.index("\nPasal 2\n")
    page = max(k for k, s in enumerate(starts) if s <= at)
    assert page == 3


def test_uu_6_2011_pdf_words_not_split(corpus_dir):
    src = load_pdf(corpus_dir / "pdf" / "uu-6-2011.pdf", "pdf/uu-6-2011.pdf")
    assert "NOMOR 6 TAHUN 2011" in src.text and "TAHU N" not in src.text
    body = src.text[: src.text.index("PENJELASAN")]
    assert sorted({int(m) for m in re.findall(r"(?m)^Pasal (\d+)$", body)}) == list(range(1, 146))
    # every word of the PDF also occurs in the independent markdown conversion: no split words
    md_words = set(re.findall(r"[a-z]+", (corpus_dir / "uu-6-2011.md").read_text(encoding="utf-8").lower()))
    words = re.findall(r"[A-Za-z]+", src.text)
    unknown = [w for w in words if w.lower() not in md_words]
    assert len(words) > 14000 and len(unknown) <= 5, unknown[:20]


def test_letterhead_removed_from_presiden_pdfs(corpus_dir):
    src = load_pdf(corpus_dir / "pdf" / "uu-11-2008-ite.pdf", "pdf/uu-11-2008-ite.pdf")
    lines = [ln.strip() for ln in src.text.split("\n")]
    assert "PRESIDEN" not in lines and "REPUBLIK INDONESIA" not in lines
    assert "PRESIDEN REPUBLIK INDONESIA," in lines  # the preamble's "PRESIDEN REPUBLIK INDONESIA," is content


def test_clean_page_rules():
    page = "\n".join([
        "PRESIDEN REPUBUK INDONESIA", "- 3 -", "kewajiban sebagai-", "mana dimaksud dalam undang-", "undang ini;",
        "SK No 243502 A", "Pasal 5", "(1) Setiap orang", "Pasal 6 . . .",
    ])
    text, removed = clean_page(page)
    assert removed == 4
    assert text.split("\n") == ["kewajiban sebagaimana dimaksud dalam undang-undang ini;", "Pasal 5",
                                "(1) Setiap orang"]


def test_pdf_cache_round_trip(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("LEXQA_HOME", str(tmp_path))
    monkeypatch.delenv("LEXQA_NO_CACHE", raising=False)
    first = load_pdf(corpus_dir / "pdf" / "uu-21-2007.pdf", "pdf/uu-21-2007.pdf")
    cached = list((tmp_path / "cache" / "pdf-text").glob(f"{first.sha256}-*.json"))
    assert len(cached) == 1
    second = load_pdf(corpus_dir / "pdf" / "uu-21-2007.pdf", "pdf/uu-21-2007.pdf")
    assert (second.text, second.page_starts) == (first.text, first.page_starts)


# ------------------------------------------------------------------ unreadable PDFs

def _blank_pdf(path, password: str | None = None) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.add_blank_page(width=595, height=842)
    if password:
        w.encrypt(password)
    with open(path, "wb") as fh:
        w.write(fh)


def test_pdf_without_text_layer_needs_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXQA_NO_CACHE", "1")
    p = tmp_path / "scan.pdf"
    _blank_pdf(p)
    with pytest.raises(CorpusError) as e:
        load_pdf(p, "pdf/scan.pdf")
    assert "pdf/scan.pdf" in e.value.message and "OCR" in e.value.message


def test_encrypted_and_corrupt_pdfs(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXQA_NO_CACHE", "1")
    p = tmp_path / "locked.pdf"
    _blank_pdf(p, password="secret")
    with pytest.raises(CorpusError, match="locked.pdf is encrypted"):
        load_pdf(p)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(CorpusError, match="broken.pdf"):
        load_pdf(bad)


@pytest.mark.parametrize("last, is_catchword", [
    ("Pasal 3 ...", True), ("Agar . . .", True), ("2.Ketentuan...", True), ("(2) Setiap . . .", True),
    ("Mengingat :. . .", True), ("d. bahwa …", True),
    ("Cukup jelas.", False), ("Rp200.000.000,00 (dua ratus juta rupiah).", False), ("(1).", False),
])
def test_page_end_catchwords(last, is_catchword):
    text, removed = clean_page(f"Pasal 9\nisi pasal\n{last}")
    assert (removed == 1) is is_catchword
    assert text.endswith(last) is not is_catchword
