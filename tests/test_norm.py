"""Norm reading on the real corpus: every Pasal of UU 6/2011, UU 21/2007 and KUHP Buku Kedua
BAB XIX–XX; penalties checked against a hand-made table (numbers read from the source files
by hand, each row also pinned by a verbatim snippet of the source); modality of hand-checked
provisions; every verbatim field a substring of its provision across the whole corpus."""

from __future__ import annotations

import re

import pytest

from lexqa.errors import LexqaError
from lexqa.norm import Norm, Penalty, fine_categories, norm_coverage, norm_of, read_norm
from lexqa.norm.cues import data
from lexqa.text import collapse_ws

KUHP = "uu-1-2023"
M = 1_000_000


def _kuhp_xix_xx(corpus) -> list:
    """Pasal of KUHP Buku Kedua BAB XIX and BAB XX (by the parser's context, not by number)."""
    out = []
    for p in corpus.provisions(KUHP, include_penjelasan=False):
        bab = (p.context or {}).get("bab", "")
        if p.kind == "pasal" and "KEDUA" in (p.context or {}).get("buku", "") and re.match(r"BAB (?:XIX|XX)\b", bab):
            out.append(p)
    return out


def _pasals(corpus, doc):
    return [p for p in corpus.provisions(doc, include_penjelasan=False) if p.kind == "pasal" and not p.amends]


def _penalty_texts(norm: Norm) -> list[Penalty]:
    return [n.penalty for n in norm.all() if n.penalty is not None]


# ------------------------------------------------------------------ every Pasal of the three laws
@pytest.mark.parametrize("doc", ["uu-6-2011", "uu-21-2007", KUHP])
def test_every_pasal_reads_and_penalties_have_numbers(corpus, doc):
    pasals = _pasals(corpus, doc) if doc != KUHP else _kuhp_xix_xx(corpus)
    assert len(pasals) >= {"uu-6-2011": 145, "uu-21-2007": 67, KUHP: 12}[doc]
    for p in pasals:
        n = norm_of(p, corpus)
        assert n.provision == p.id and n.modality in ("power", "duty", "prohibition", "right", "penalty",
                                                       "definition", "other")
        # every provision (the Pasal and each of its parts) whose own text holds a penalty clause
        for q in [p, *corpus.children(p.id)]:
            if re.search(r"(?<!tidak )\bdipidana\b", collapse_ws(q.text)) and not any(
                    "dipidana" in c.text for c in corpus.children(q.id)):
                pen = norm_of(q, corpus).penalty
                assert pen is not None, q.id
                assert pen.has_numbers or pen.increase, (q.id, pen)
                assert pen.text and pen.text in q.text


def test_kuhp_bab_xix_xx_is_pasal_446_to_457(corpus):
    assert [p.pasal for p in _kuhp_xix_xx(corpus)] == [str(i) for i in range(446, 458)]


# ------------------------------------------------------------------ penalties: a hand-made table
# (id, snippet of the source text, prison min, max months, life, fine min, max rupiah, combination)
PENALTIES = [
    ("uu-21-2007/pasal-2/ayat-1", "paling singkat 3 (tiga) tahun dan paling lama 15 (lima belas) tahun dan pidana denda "
     "paling sedikit Rp120.000.000,00 (seratus dua puluh juta rupiah) dan paling banyak Rp600.000.000,00",
     36, 180, False, 120 * M, 600 * M, "and"),
    ("uu-21-2007/pasal-3", "paling banyak Rp600.000.000,00 (enam ratus juta rupiah)", 36, 180, False, 120 * M, 600 * M, "and"),
    ("uu-21-2007/pasal-7/ayat-2", "paling singkat 5 (lima) tahun dan paling lama penjara seumur hidup dan pidana denda "
     "paling sedikit Rp200.000.000,00 (dua ratus juta rupiah) dan paling banyak Rp5.000.000.000,00 (lima milyar rupiah)",
     60, None, True, 200 * M, 5000 * M, "and"),
    ("uu-21-2007/pasal-9", "paling singkat 1 (satu) tahun dan paling lama 6 (enam) tahun dan pidana denda paling sedikit "
     "Rp40.000.000,00 (empat puluh juta rupiah) dan paling banyak Rp240.000.000,00", 12, 72, False, 40 * M, 240 * M, "and"),
    ("uu-21-2007/pasal-19", "paling lama 7 (tujuh) tahun dan pidana denda paling sedikit Rp40.000.000,00 (empat puluh juta "
     "rupiah) dan paling banyak Rp280.000.000,00", 12, 84, False, 40 * M, 280 * M, "and"),
    ("uu-21-2007/pasal-24", "paling singkat 3 (tiga) tahun dan paling lama 7 (tujuh) tahun dan pidana denda paling sedikit "
     "Rp120.000.000,00 (seratus dua puluh juta rupiah) dan paling banyak Rp280.000.000,00", 36, 84, False, 120 * M, 280 * M, "and"),
    ("uu-6-2011/pasal-113", "paling lama 1 (satu) tahun dan/atau pidana denda paling banyak Rp100.000.000,00",
     None, 12, False, None, 100 * M, "and/or"),
    ("uu-6-2011/pasal-116", "pidana kurungan paling lama 3 (tiga) bulan atau pidana denda paling banyak Rp25.000.000,00",
     None, 3, False, None, 25 * M, "or"),
    ("uu-6-2011/pasal-120/ayat-1", "paling singkat 5 (lima) tahun dan paling lama 15 (lima belas) tahun dan pidana denda "
     "paling sedikit Rp500.000.000,00 (lima ratus juta rupiah) dan paling banyak Rp1.500.000.000,00 (satu miliar lima ratus juta rupiah)",
     60, 180, False, 500 * M, 1500 * M, "and"),
    ("uu-6-2011/pasal-120/ayat-2", "dipidana dengan pidana yang sama sebagaimana dimaksud pada ayat (1)",
     60, 180, False, 500 * M, 1500 * M, "and"),
    ("uu-6-2011/pasal-125", "paling lama 3 (tiga) tahun dan/atau pidana denda Rp300.000.000,00",
     None, 36, False, None, 300 * M, "and/or"),
    ("uu-6-2011/pasal-124/huruf-b", "pidana kurungan paling lama 3 (tiga) bulan atau pidana denda paling banyak "
     "Rp25.000.000,00", None, 3, False, None, 25 * M, "or"),
    ("uu-6-2011/pasal-132", "dipidana dengan pidana penjara paling lama 7 (tujuh) tahun.", None, 84, False, None, None, "single"),
    (f"{KUHP}/pasal-455/ayat-1", "paling singkat 3 (tiga) tahun dan paling lama 15 (lima belas) tahun dan pidana denda "
     "paling sedikit kategori IV dan paling banyak kategori VII", 36, 180, False, 200 * M, 5000 * M, "and"),
    (f"{KUHP}/pasal-455/ayat-2", "pelaku dipidana dengan pidana yang sama.", 36, 180, False, 200 * M, 5000 * M, "and"),
    (f"{KUHP}/pasal-457", "paling singkat 5 (lima) tahun dan paling lama 15 (lima belas) tahun atau pidana denda paling "
     "sedikit kategori V dan paling banyak kategori VII", 60, 180, False, 500 * M, 5000 * M, "or"),
    (f"{KUHP}/pasal-449/ayat-2", "paling lama 3 (tiga) tahun 6 (enam) Bulan atau pidana denda paling banyak kategori IV",
     None, 42, False, None, 200 * M, "or"),
    (f"{KUHP}/pasal-447/ayat-1", "paling lama 6 (enam) Bulan atau pidana denda paling banyak kategori II",
     None, 6, False, None, 10 * M, "or"),
    (f"{KUHP}/pasal-450", "dipidana karena penculikan dengan pidana penjara paling lama 12 (dua belas) tahun",
     None, 144, False, None, None, "single"),
]


@pytest.mark.parametrize("pid,snippet,pmin,pmax,life,fmin,fmax,comb", PENALTIES, ids=[r[0] for r in PENALTIES])
def test_penalty_table(corpus, pid, snippet, pmin, pmax, life, fmin, fmax, comb):
    p = corpus.get(pid)
    assert p is not None, pid
    # the row was read from the source: its snippet is in the file the provision comes from
    source = corpus.documents[p.doc].texts[p.source_file]
    assert collapse_ws(snippet) in collapse_ws(source), pid
    assert collapse_ws(snippet) in collapse_ws(p.text), pid
    pen = norm_of(p, corpus).penalty
    assert pen is not None, pid
    got = (pen.prison_min_months, pen.prison_max_months, pen.life, pen.fine_min_rp, pen.fine_max_rp, pen.combination)
    assert got == (pmin, pmax, life, fmin, fmax, comb), pid
    assert pen.text in p.text


def test_penalty_details(corpus):
    kuhp = norm_of(corpus.get(f"{KUHP}/pasal-455/ayat-1"), corpus).penalty
    assert (kuhp.fine_min_category, kuhp.fine_category) == ("kategori IV", "kategori VII")
    assert norm_of(corpus.get("uu-6-2011/pasal-116"), corpus).penalty.detention
    same = norm_of(corpus.get("uu-21-2007/pasal-2/ayat-2"), corpus).penalty
    assert (same.same_as, same.resolved_from) == ("ayat (1)", "uu-21-2007/pasal-2/ayat-1")
    inc = norm_of(corpus.get("uu-21-2007/pasal-16"), corpus).penalty
    assert (inc.increase, inc.resolved_from, inc.prison_max_months) == ("1/3", "uu-21-2007/pasal-2", 180)
    # "7 (tqjuh) tahun": the digits are read; the garbled words are reported, not guessed
    ocr = norm_of(corpus.get(f"{KUHP}/pasal-446/ayat-1"), corpus).penalty
    assert ocr.prison_max_months == 84 and any("unreadable words" in d for d in ocr.defects)
    # KUHP graded penalty "dipidana dengan: a. ... jika ...; d. ...": the range over the tiers
    tiers = norm_of(corpus.get(f"{KUHP}/pasal-319"), corpus).penalty
    assert (tiers.prison_max_months, tiers.fine_max_rp) == (144, 500 * M)
    # a Pasal whose items each carry their own penalty: the parts hold them
    p124 = norm_of(corpus.get("uu-6-2011/pasal-124"), corpus)
    assert [x.penalty.prison_max_months for x in p124.parts] == [24, 3]


def test_fine_categories_equal_kuhp_pasal_79_of_the_corpus(corpus):
    table = data()["id"]["kuhp"]["categories"]
    assert fine_categories(corpus) == table
    assert table["VI"] == 2_000_000_000 and len(table) == 8


# ------------------------------------------------------------------ modality, hand-checked
MODALITIES = [
    ("uu-6-2011/pasal-16/ayat-1", "duty", "Pejabat Imigrasi", False),
    ("uu-6-2011/pasal-16/ayat-2", "power", "Pejabat Imigrasi", False),
    ("uu-6-2011/pasal-14/ayat-1", "power", "Setiap warga negara Indonesia", True),
    ("uu-6-2011/pasal-14/ayat-2", "duty", None, False),
    ("uu-6-2011/pasal-13/ayat-1", "duty", "Pejabat Imigrasi", False),
    ("uu-6-2011/pasal-8/ayat-2", "duty", "Setiap Orang Asing", False),
    ("uu-6-2011/pasal-2", "right", "Setiap warga negara Indonesia", False),
    ("uu-6-2011/pasal-12", "power", "Menteri", False),
    ("uu-6-2011/pasal-6", "power", "Pemerintah", False),
    ("uu-6-2011/pasal-113", "penalty", "Setiap orang", False),
    ("uu-21-2007/pasal-48/ayat-1", "right", None, False),
    ("uu-21-2007/pasal-47", "duty", "Kepolisian Negara Republik Indonesia", False),
    ("uu-21-2007/pasal-27", "right", "Pelaku", True),          # "kehilangan hak tagihnya": a right lost
    ("uu-21-2007/pasal-2/ayat-1", "penalty", "Setiap orang", False),
    (f"{KUHP}/pasal-455/ayat-1", "penalty", "Setiap Orang", False),
    (f"{KUHP}/pasal-456", "power", "Setiap Orang", False),
    ("uu-35-2014/pasal-i/angka-62/pasal-76f", "prohibition", "Setiap Orang", False),
    ("palermo-protocol/article-6/2", "duty", "Each State Party", False),
    ("palermo-protocol/article-9/1", "duty", "States Parties", False),
    ("uu-6-2011/pasal-1/angka-7", "definition", None, False),
]


@pytest.mark.parametrize("pid,modality,addressee,negated", MODALITIES, ids=[r[0] for r in MODALITIES])
def test_modality(corpus, pid, modality, addressee, negated):
    n = norm_of(corpus.get(pid), corpus)
    assert (n.modality, n.addressee, n.negated) == (modality, addressee, negated), pid


def test_pasal_16_refusal_with_its_grounds(corpus):
    n = norm_of(corpus.get("uu-6-2011/pasal-16/ayat-1"), corpus)
    assert n.action.startswith("Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia")
    assert n.conditions[0] == "dalam hal orang tersebut"
    items = n.conditions[1:]
    assert [c[:2] for c in items] == ["a.", "b.", "c."]
    assert items[0].startswith("a. tidak memiliki Dokumen Perjalanan") and "daftar Pencegahan" in items[2]
    whole = norm_of(corpus.get("uu-6-2011/pasal-16"), corpus)
    assert [x.provision for x in whole.parts] == ["uu-6-2011/pasal-16/ayat-1", "uu-6-2011/pasal-16/ayat-2"]
    assert whole.modality == "duty"


def test_negation_exceptions_and_conditions(corpus):
    n14 = norm_of(corpus.get("uu-6-2011/pasal-14/ayat-1"), corpus)
    assert "tidak dapat ditolak" in n14.action and n14.negated
    n14b = norm_of(corpus.get("uu-6-2011/pasal-14/ayat-2"), corpus)
    assert n14b.conditions and n14b.conditions[0].startswith("Dalam hal terdapat keraguan")
    assert n14b.action.startswith("yang bersangkutan harus memberikan bukti")
    n8 = norm_of(corpus.get("uu-6-2011/pasal-8/ayat-2"), corpus)
    assert any(e.startswith("kecuali") for e in n8.exceptions)
    n18 = norm_of(corpus.get("uu-21-2007/pasal-18"), corpus)
    assert n18.penalty is None and any("tidak dipidana" in e for e in n18.exceptions)
    # "Jika perbuatan ... mengakibatkan Luka Berat, dipidana ...": an aggravation is a condition
    n446 = norm_of(corpus.get(f"{KUHP}/pasal-446/ayat-2"), corpus)
    assert n446.conditions and n446.conditions[0].startswith("Jika perbuatan")


@pytest.mark.parametrize("doc", ["uu-6-2011", "uu-21-2007"])
def test_definitions_of_pasal_1(corpus, doc):
    p1 = corpus.get(f"{doc}/pasal-1")
    n = norm_of(p1, corpus)
    items = [c for c in corpus.children(p1.id) if c.kind == "angka"]
    assert n.modality == "definition" and len(n.parts) == len(items) >= 10
    terms = [x.defines for x in n.parts]
    assert all(terms), [x.provision for x in n.parts if not x.defines]
    for x, c in zip(n.parts, items):
        assert x.defines in c.text and x.provision == c.id
    if doc == "uu-6-2011":
        assert terms[6] == "Pejabat Imigrasi"
        w = norm_of(corpus.get("uu-6-2011/pasal-1/angka-2"), corpus)
        assert (w.defines, w.aliases) == ("Wilayah Negara Republik Indonesia", ["Wilayah Indonesia"])
    else:
        assert terms[0] == "Perdagangan Orang"


def test_treaty_definition(corpus):
    a = norm_of(corpus.get("palermo-protocol/article-3/a"), corpus)
    assert (a.modality, a.defines) == ("definition", "Trafficking in persons")


# ------------------------------------------------------------------ verbatim, the whole corpus
def test_every_verbatim_field_is_a_substring_across_the_corpus(corpus):
    checked = 0
    for p in corpus.provisions():
        for n in norm_of(p, corpus).all():
            src = corpus.get(n.provision).text if n.provision else p.text
            fields = [n.action, *n.conditions, *n.exceptions, *n.aliases, n.defines or ""]
            if n.penalty is not None:
                fields.append(n.penalty.text)
            for f in fields:
                assert f in src, (n.provision, f[:80])
            checked += 1
    assert checked >= len(corpus)


def test_norm_of_is_cached_per_provision(corpus):
    p = corpus.get("uu-6-2011/pasal-16")
    assert norm_of(p, corpus) is norm_of(p, corpus)


# ------------------------------------------------------------------ coverage (corpus check)
def test_coverage_of_the_three_laws(corpus):
    for doc in ("uu-6-2011", "uu-21-2007"):
        cov = norm_coverage(corpus, doc)
        assert cov["penalty_texts"] >= 20 and cov["penalties_parsed"] == cov["penalty_texts"], cov["unparsed"]
        assert cov["by_modality"]["definition"] >= 15
    kuhp = norm_coverage(corpus, KUHP)
    assert kuhp["penalties_parsed"] >= 0.98 * kuhp["penalty_texts"]
    assert all(u["provision"].startswith(KUHP) for u in kuhp["source_defects"])


# ------------------------------------------------------------------ read_norm on text
def test_read_norm_text_and_language():
    n = read_norm("(1) Pejabat Imigrasi berwenang menolak Orang Asing keluar apabila namanya tercantum dalam daftar.\n")
    assert (n.modality, n.addressee) == ("power", "Pejabat Imigrasi")
    assert n.conditions == ["apabila namanya tercantum dalam daftar."]
    e = read_norm("Each State Party shall not disclose the identity of victims.", "en")
    assert (e.modality, e.addressee) == ("prohibition", "Each State Party")
    assert n.to_dict()["modality"] == "power" and "penalty" in n.to_dict()
    with pytest.raises(LexqaError):
        read_norm("x", "fr")


def test_digits_and_words_that_disagree_are_reported_not_guessed():
    n = read_norm("Setiap Orang yang menahan orang dipidana dengan pidana penjara paling lama 5 (enam) tahun dan pidana "
                  "denda paling banyak Rp20.000.000,00 (dua puluh juta rupiah).")
    pen = n.penalty
    assert (pen.prison_max_months, pen.fine_max_rp, pen.combination) == (60, 20 * M, "and")
    assert pen.defects == ["digits and words disagree: tahun 5 (enam = 6)"]


def test_ocr_damaged_digits_are_stated_only_when_their_words_confirm_them(corpus):
    # UU 18/2017 Pasal 84 (damaged source): "Rp 1.00O.O0O.00O,00 (satu miliar rupiah)" — the
    # look-alikes read as digits and the words agree: a repair on record, no defect
    from lexqa.answer.lead import penalty_text

    pen = norm_of(corpus.get("uu-18-2017/pasal-84"), corpus).penalty
    assert (pen.prison_max_months, pen.fine_max_rp) == (60, 1000 * M)
    assert not pen.defects and pen.repairs == ["OCR look-alikes read as digits: Rp1.00O.O0O.00O,00 = 1000000000"]
    assert penalty_text(pen, "en") == "imprisonment of up to 5 years and a fine of up to Rp1,000,000,000"
    # words that say otherwise, or no words: the OCR read stays a defect and nothing is stated
    for tail in ("Rp2O.000.000,00 (dua puluh lima juta rupiah).", "Rp2O.000.000,00."):
        pen = read_norm("Setiap Orang yang menahan orang dipidana dengan pidana denda paling banyak " + tail).penalty
        assert any(d.startswith("OCR look-alikes") for d in pen.defects) and penalty_text(pen, "en") is None
    assert norm_coverage(corpus, "uu-18-2017")["ocr_repairs"]


def test_substitute_detention_for_unpaid_restitution_is_a_penalty(corpus):
    n = norm_of(corpus.get("uu-21-2007/pasal-50/ayat-4"), corpus)   # "dikenai pidana kurungan pengganti …"
    assert n.modality == "penalty"
    assert (n.penalty.prison_max_months, n.penalty.detention) == (12, True)


def test_amended_articles_in_force_are_read(corpus):
    """UU 63/2024 rewrites UU 6/2011 Pasal 16 and 117: the versions in force read like the originals."""
    p16 = norm_of(corpus.get("uu-63-2024/pasal-i/angka-2/pasal-16"), corpus)
    assert (p16.modality, p16.addressee) == ("duty", "Pejabat Imigrasi")
    p117 = norm_of(corpus.get("uu-63-2024/pasal-i/angka-9/pasal-117"), corpus)   # "ayat (21dipidana" in the OCR
    pen = p117.penalty
    assert (pen.prison_max_months, pen.fine_max_rp, pen.combination, pen.detention) == (3, 25 * M, "or", True)
    assert p117.addressee is None      # "Pemilik atau pengurus tempat penginapan": not "Orang Asing" in the offence
