"""The answerer's concepts (lexqa.answer.terms): an everyday Indonesian word of the glossary's
[id_terms] is found in the statute's own wording, as an English phrase is through [terms]."""

from __future__ import annotations

from lexqa.answer import terms


def _concept(q, text):
    return next(c for c in terms.concepts(q) if c.text == text)


def test_everyday_indonesian_is_read_in_the_statutes_wording():
    law = "Jika tindak pidana sebagaimana dimaksud dalam Pasal 2 mengakibatkan matinya korban, dipidana"
    died = _concept("Berapa ancaman pidana jika korban meninggal?", "meninggal")
    assert died.present(terms.stems(law))
    tppo = _concept("Pelaku TPPO dipidana berapa lama?", "tppo")
    assert tppo.present(terms.stems("korban tindak pidana perdagangan orang"))
    assert not tppo.present(terms.stems("tindak pidana keimigrasian"))
    # an English phrase keeps its own alternatives (the [terms] entry wins over [id_terms])
    assert _concept("What is forced labour?", "forced labour").present(terms.stems("kerja paksa"))


def test_function_words_are_no_concepts():
    got = [c.text for c in terms.concepts("Saya dan kami sudah tahu bahwa dia ternyata masih di sini karena visanya")]
    assert got == ["tahu", "sini", "visanya"]


def test_a_word_whose_stem_is_another_legal_term_is_matched_as_written():
    # Sastrawi stems "meninggal" (to die) and "meninggalkan" (to leave) to "tinggal": as stems they
    # would meet every "Izin Tinggal" of the immigration law
    died = terms.concepts("Berapa ancaman pidana jika korban meninggal?")
    assert terms.overlap([c for c in died if c.text == "meninggal"], "Setiap Orang Asing wajib memiliki Izin Tinggal.") == 0
    assert terms.overlap([c for c in died if c.text == "meninggal"], "mengakibatkan matinya korban") > 0
    left = terms.concepts("Apakah setiap orang berhak meninggalkan negara mana pun?")
    assert terms.overlap([c for c in left if c.text == "meninggalkan"], "Izin Tinggal diberikan kepada Orang Asing") == 0


def test_an_english_phrase_of_the_glossary_is_met_in_the_plural():
    from lexqa.index.lexical import expand_query

    q = "What is the penalty for an Indonesian who holds two valid ordinary passports of the same kind?"
    c = next(c for c in terms.concepts(q) if c.text.startswith("ordinary passport"))
    assert frozenset({"paspor", "biasa"}) in c.alternatives
    assert "paspor biasa" in expand_query(q)[1] and "sejenis" in expand_query(q)[1]
    # an Indonesian everyday word takes no English plural ("tpi" is no "tpis")
    assert not any(c.text == "tpi" for c in terms.concepts("Apakah tpis itu?"))
