"""Whom a question is about, and whom a provision is written for (lexqa.answer.person): the
real corpus provisions and officers' questions."""

import pytest

from lexqa.answer.person import mismatch, written_for
from lexqa.answer.question import read_question


@pytest.mark.parametrize("q, person", [
    ("Di konter keberangkatan ada perempuan 19 tahun ke Riyadh, mengaku akan bekerja sebagai pekerja rumah "
     "tangga tetapi tidak punya perjanjian kerja. Boleh saya tolak keberangkatannya?", "citizen"),
    ("Penumpang WNI berangkat ke Kuala Lumpur dengan paspor milik kakaknya. Apakah saya wajib menolak?", "citizen"),
    ("We picked up a Nigerian overstayer with no passport. Can we put him in the detention room?", "foreigner"),
    ("Berapa lama paling lama orang asing boleh didetensi?", "foreigner"),
    ("Siapa yang berwenang melakukan Pencegahan?", None),
    # both kinds named: about no one in particular
    ("WNA merekrut WNI untuk dikirim ke luar negeri. Pasal apa?", None),
])
def test_whom_the_question_is_about(q, person):
    assert read_question(q).person == person


def test_whom_real_provisions_are_written_for(corpus):
    visa = corpus.get("pp-31-2013/pasal-109")
    assert visa is not None and written_for(visa.text) == "foreigner"
    pmi = corpus.get("uu-18-2017/pasal-70")
    assert pmi is not None and written_for(pmi.text) == "citizen"  # despite the OCR "^" in its words
    # "Setiap Orang ..." is for anyone, whatever else it names
    anyone = corpus.get("uu-21-2007/pasal-4")
    assert anyone is not None and "warga negara Indonesia" in anyone.text and written_for(anyone.text) is None
    # Pasal 16: "menolak orang untuk keluar" (anyone) — its ayat (2) on foreigners does not make it theirs
    dep = corpus.get("uu-6-2011/pasal-16")
    assert "Orang Asing" in dep.text and written_for(dep.text) is None
    assert mismatch("citizen", visa.text) and not mismatch("foreigner", visa.text) and not mismatch(None, visa.text)
