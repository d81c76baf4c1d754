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
