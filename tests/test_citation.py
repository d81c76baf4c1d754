"""Citation parsing (synthetic strings), mention finding with spans, resolution on the real corpus."""

from __future__ import annotations

import pytest

from lexqa.cite.citation import resolve
from lexqa.cite.docrefs import doc_id_from_text
from lexqa.cite.parser import CitationRef, find_citations, parse_citation

# (citation, doc, system, pasal, ayat, huruf, angka, penjelasan)
FORMS = [
    ("UU 6/2011 Pasal 16 ayat (1) huruf b", "uu-6-2011", "pasal", "16", "1", "b", None, False),
    ("Pasal 16(1)(b) UU 6/2011", "uu-6-2011", "pasal", "16", "1", "b", None, False),
    ("Pasal 16 ayat 1 huruf b UU No. 6 Tahun 2011", "uu-6-2011", "pasal", "16", "1", "b", None, False),
    ("UU No. 6 Tahun 2011 Pasal 16", "uu-6-2011", "pasal", "16", None, None, None, False),
    ("Undang-Undang Nomor 21 Tahun 2007 Pasal 2", "uu-21-2007", "pasal", "2", None, None, None, False),
    ("PP 31/2013 Pasal 223", "pp-31-2013", "pasal", "223", None, None, None, False),
    ("Peraturan Pemerintah Nomor 31 Tahun 2013 Pasal 223", "pp-31-2013", "pasal", "223", None, None, None, False),
    ("Article 3(a) Palermo Protocol", "palermo-protocol", "article", "3", None, "a", None, False),
    ("Palermo Protocol art. 3 (a)", "palermo-protocol", "article", "3", None, "a", None, False),
    ("Article 3 of the Palermo Protocol", "palermo-protocol", "article", "3", None, None, None, False),
    ("UNTOC Article 5(1)(a)", "untoc", "article", "5", "1", "a", None, False),
    ("UDHR Art 13", "udhr", "article", "13", None, None, None, False),
    ("smuggling protocol Article 6, paragraph 1", "smuggling-protocol", "article", "6", "1", None, None, False),
    ("KUHP Pasal 455", "uu-1-2023", "pasal", "455", None, None, None, False),
    ("Penjelasan Pasal 16 UU 6/2011", "uu-6-2011", "pasal", "16", None, None, None, True),
    ("UU 63/2024 Pasal I angka 2", "uu-63-2024", "pasal", "I", None, None, "2", False),
    ("UU 63/2024 Pasal 16", "uu-63-2024", "pasal", "16", None, None, None, False),
    ("UU Keimigrasian Pasal 8 ayat (1)", "uu-6-2011", "pasal", "8", "1", None, None, False),
    ("UU TPPO Pasal 2 ayat (1)", "uu-21-2007", "pasal", "2", "1", None, None, False),
    ("UU 6/2011 Pasal 1 angka 13", "uu-6-2011", "pasal", "1", None, None, "13", False),
    ("UU 6/2011 Pasal 76A", "uu-6-2011", "pasal", "76A", None, None, None, False),
    ("Law No. 21 of 2007 Article 2", "uu-21-2007", "article", "2", None, None, None, False),
]


@pytest.mark.parametrize("s,doc,system,pasal,ayat,huruf,angka,pen", FORMS)
def test_parse_forms(s, doc, system, pasal, ayat, huruf, angka, pen):
    r = parse_citation(s)
    assert (r.doc, r.system, r.pasal, r.ayat, r.huruf, r.angka, r.penjelasan) == (
        doc, system, pasal, ayat, huruf, angka, pen)


def test_parse_raw_id_and_document_only():
    r = parse_citation("uu-6-2011/pasal-16/ayat-1/huruf-b")
    assert r.system == "id" and r.provision_id == "uu-6-2011/pasal-16/ayat-1/huruf-b" and r.doc == "uu-6-2011"
    r = parse_citation("UU 6/2011")
    assert r.doc == "uu-6-2011" and r.pasal is None
    r = parse_citation("what is this")
    assert r.doc is None and r.pasal is None


def test_doc_names():
    assert doc_id_from_text("UU No. 6 Tahun 2011") == "uu-6-2011"
    assert doc_id_from_text("Undang-Undang Nomor 21 Tahun 2007") == "uu-21-2007"
    assert doc_id_from_text("Law Number 6 of 2011") == "uu-6-2011"
    assert doc_id_from_text("PP 48/2021") == "pp-48-2021"
    assert doc_id_from_text("trafficking protocol") == "palermo-protocol"
    assert doc_id_from_text("Palermo Convention") == "untoc"
    assert doc_id_from_text("nonsense") is None


def test_describe_round_trip():
    r = parse_citation("Pasal 16(1)(b) UU 6/2011")
    assert r.describe() == "UU 6/2011 Pasal 16 ayat (1) huruf b"
    assert parse_citation(r.describe()).to_dict() | {"raw": ""} == r.to_dict() | {"raw": ""}


def test_find_citations_spans_and_docs():
    t = ("Menurut Pasal 16 ayat (1) huruf b UU 6/2011 dan Pasal 8 ayat (1), serta Pasal 2 dan Pasal 3 "
         "UU 21/2007. Article 3(a) of the Palermo Protocol defines it; see UNTOC Article 5. "
         "Pasal 16 UU 6/2011 Pasal 17 UU 21/2007. Lihat juga Pasal 9.")
    ms = find_citations(t, default_doc="uu-6-2011")
    got = [(m.text, m.ref.doc, m.ref.pasal, m.ref.ayat, m.ref.huruf, m.doc_inferred) for m in ms]
    assert got == [
        ("Pasal 16 ayat (1) huruf b UU 6/2011", "uu-6-2011", "16", "1", "b", False),
        ("Pasal 8 ayat (1)", "uu-6-2011", "8", "1", None, True),
        ("Pasal 2", "uu-21-2007", "2", None, None, True),
        ("Pasal 3 UU 21/2007", "uu-21-2007", "3", None, None, False),
        ("Article 3(a) of the Palermo Protocol", "palermo-protocol", "3", None, "a", False),
        ("UNTOC Article 5", "untoc", "5", None, None, False),
        ("Pasal 16 UU 6/2011", "uu-6-2011", "16", None, None, False),
        ("Pasal 17 UU 21/2007", "uu-21-2007", "17", None, None, False),
        ("Pasal 9", "uu-6-2011", "9", None, None, True),
    ]
    for m in ms:
        assert t[m.start:m.end] == m.text


def test_find_citations_without_default_and_english():
    ms = find_citations("Law Number 21 of 2007 Article 2 and Article 7; dalam Pasal ini tidak ada.")
    assert [(m.ref.doc, m.ref.pasal) for m in ms] == [("uu-21-2007", "2"), ("uu-21-2007", "7")]
    assert find_citations("tidak ada rujukan di sini") == []
    ms = find_citations("Pasal 5 saja")
    assert ms[0].ref.doc is None and not ms[0].doc_inferred


# ----------------------------------------------------------------- resolution on the real corpus

RESOLVE = [
    ("UU 6/2011 Pasal 16 ayat (1) huruf b", "uu-6-2011/pasal-16/ayat-1/huruf-b"),
    ("Pasal 16(1)(b) UU 6/2011", "uu-6-2011/pasal-16/ayat-1/huruf-b"),
    ("Pasal 16 ayat 1 huruf b UU No. 6 Tahun 2011", "uu-6-2011/pasal-16/ayat-1/huruf-b"),
    ("UU No. 6 Tahun 2011 Pasal 16", "uu-6-2011/pasal-16"),
    ("Undang-Undang Nomor 21 Tahun 2007 Pasal 2", "uu-21-2007/pasal-2"),
    ("PP 31/2013 Pasal 223", "pp-31-2013/pasal-223"),
    ("Article 3(a) Palermo Protocol", "palermo-protocol/article-3/a"),
    ("Palermo Protocol art. 3 (a)", "palermo-protocol/article-3/a"),
    ("UNTOC Article 5(1)(a)", "untoc/article-5/1/a"),
    ("UDHR Art 13", "udhr/article-13"),
    ("KUHP Pasal 455", "uu-1-2023/pasal-455"),
    ("Penjelasan Pasal 16 UU 6/2011", "uu-6-2011/penjelasan/pasal-16"),
    ("UU 63/2024 Pasal I angka 2", "uu-63-2024/pasal-i/angka-2"),
    ("UU 63/2024 Pasal 16", "uu-63-2024/pasal-i/angka-2/pasal-16"),
    ("uu-6-2011/pasal-16/ayat-1/huruf-b", "uu-6-2011/pasal-16/ayat-1/huruf-b"),
    ("UU Keimigrasian Pasal 8 ayat (1)", "uu-6-2011/pasal-8/ayat-1"),
    ("UU TPPO Pasal 2", "uu-21-2007/pasal-2"),
    ("UU 6/2011 Pasal 1 angka 13", "uu-6-2011/pasal-1/angka-13"),
    ("Pasal 3 Protokol Palermo", "palermo-protocol/article-3"),
]


@pytest.mark.parametrize("s,expected", RESOLVE)
def test_resolve_on_real_corpus(corpus, s, expected):
    res = resolve(s, corpus)
    assert res.id == expected, res.reason
    assert res.id in corpus


def test_resolve_inserted_article_number(corpus):
    # 76A-style numbers: whichever inserted articles the corpus holds must resolve by their number
    inserted = [p for p in corpus.provisions("uu-23-2002") if p.kind == "pasal" and p.pasal
                and p.pasal[-1].isalpha() and not p.is_penjelasan and not p.amends]
    amended = [p for p in corpus.provisions("uu-35-2014") if p.kind == "pasal" and p.amends
               and p.pasal and p.pasal[-1].isalpha()]
    assert amended, "UU 35/2014 inserts 76A-style articles"
    p = amended[0]
    res = resolve(f"UU 35/2014 Pasal {p.pasal}", corpus)
    assert res.id is not None and corpus.get(res.id).pasal == p.pasal
    for q in inserted[:3]:
        assert resolve(f"UU 23/2002 Pasal {q.pasal}", corpus).id == q.id


def test_unknown_provision_gives_nearest(corpus):
    res = resolve("UU 6/2011 Pasal 999", corpus)
    assert res.id is None and res.doc == "uu-6-2011"
    assert res.nearest[0] == "uu-6-2011/pasal-145"
    assert all(n in corpus for n in res.nearest)
    res = resolve("UU 6/2011 Pasal 16 ayat (9)", corpus)
    assert res.id is None and res.nearest[0] == "uu-6-2011/pasal-16"
    assert "uu-6-2011/pasal-16/ayat-1" in res.nearest
    res = resolve("Palermo Protocol Article 3(z)", corpus)
    assert res.id is None and "palermo-protocol/article-3/a" in res.nearest


def test_unknown_document_did_you_mean(corpus):
    res = resolve("UU 6/2012 Pasal 16", corpus)
    assert res.id is None and res.doc is None
    assert "UU 6/2011" in res.doc_suggestions
    res = resolve("Pasal 16", corpus)       # no document at all: where Pasal 16 exists
    assert res.id is None and "uu-6-2011/pasal-16" in res.nearest
    res = resolve(CitationRef(raw="Pasal 16", system="pasal", pasal="16"), corpus, default_doc="uu-21-2007")
    assert res.id == "uu-21-2007/pasal-16"
    assert resolve("gibberish", corpus).id is None


def test_find_raw_ids_and_sections_in_text():
    t = ("Lihat [uu-6-2011/pasal-16/ayat-1] dan https://doi.org/10.54443/ijerlas.v5i5.4022 serta "
         "palermo-protocol/article-3/a; the article's section 4.2 says so.")
    ms = find_citations(t, default_doc="uu-21-2007")
    assert [(m.text, m.ref.system) for m in ms] == [
        ("uu-6-2011/pasal-16/ayat-1", "id"), ("palermo-protocol/article-3/a", "id"), ("section 4.2", "section")]
    assert ms[0].ref.provision_id == "uu-6-2011/pasal-16/ayat-1" and not ms[0].doc_inferred


def test_resolve_literature_and_free_doc_names(corpus):
    doc = "purnomo-2025-human-security-batam"
    assert resolve("Purnomo 2025 section 4.2", corpus).id == f"{doc}/section-4-2"
    assert resolve("section 2.1 of Purnomo et al. 2025", corpus).id == f"{doc}/section-2-1"
    res = resolve("UU Imigrasi Pasal 5", corpus)
    assert res.id is None and res.reason.startswith("unknown document")


def test_resolve_by_ids_takes_the_kind_from_the_store():
    from dataclasses import dataclass

    from lexqa.cite.citation import resolve_by_ids

    @dataclass
    class Ids:
        have: set[str]
        kinds: dict[str, str]

        def exists(self, pid: str) -> bool:
            return pid in self.have

        def doc_kind(self, doc: str) -> str:
            return self.kinds.get(doc, "")

    ref = parse_citation("Pasal 3 ayat (1)")
    # an id the registry would read as a statute, stored as a treaty: its articles are "article-N/1"
    ids = Ids({"uu-9-2009/article-3/1", "uu-9-2009/pasal-3/ayat-1"}, {"uu-9-2009": "treaty"})
    assert resolve_by_ids(ref, "uu-9-2009", ids) == "uu-9-2009/article-3/1"
    assert resolve_by_ids(ref, "uu-9-2009", Ids(ids.have, {})) == "uu-9-2009/pasal-3/ayat-1"
