"""The glossary's Indonesian side is the statutes' own vocabulary: every term it adds to a query
must be made of words that occur in the real corpus (a term no text contains only adds noise)."""

from __future__ import annotations

import re

from lexqa.index.lexical import expand_query, glossary, tokenize, words


def _corpus_stems(corpus) -> set[str]:
    out: set[str] = set()
    for p in corpus.provisions():
        out.update(tokenize(p.text or "", "id"))
    return out


def test_every_glossary_term_is_corpus_vocabulary(corpus):
    stems = _corpus_stems(corpus)
    missing = []
    for table in ("terms", "id_terms"):
        for key, terms in glossary(table).items():
            for term in terms:
                absent = [t for t in tokenize(term, "id") if t not in stems]
                if absent:
                    missing.append(f"{table}: {key} → {term} ({', '.join(absent)})")
    assert not missing, "\n".join(missing)


def test_glossary_keys_are_lower_case_phrases():
    for table in ("terms", "id_terms"):
        for key in glossary(table):
            assert key == key.strip() and words(key), key
            assert not re.search(r"\s{2,}", key), key


def test_officer_wording_reaches_statute_terms():
    # English paraphrases of the statutes' general legal vocabulary
    lang, extra = expand_query("Can a visa on arrival holder extend the stay?")
    assert lang == "en" and "visa kunjungan saat kedatangan" in extra and "perpanjangan" in extra
    lang, extra = expand_query("Which implementing regulation sets out the details?")
    assert lang == "en" and "peraturan pemerintah" in extra
    # Indonesian everyday wording / abbreviations
    lang, extra = expand_query("Apakah orang asing boleh ditolak masuk di TPI?")
    assert lang == "id" and "tempat pemeriksaan imigrasi" in extra
    lang, extra = expand_query("Pemda kami belum membentuk PPT")
    assert lang == "id" and "pusat pelayanan terpadu" in extra and "pemerintah daerah" in extra
