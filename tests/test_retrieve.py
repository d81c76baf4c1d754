"""Searchers, fusion, filters and exact citations over a tiny fake-embedder index."""

from __future__ import annotations

import pytest

from lexqa.errors import LexqaError
from lexqa.index.lexical import expand_query, guess_language, query_tokens, tokenize
from lexqa.index.store import build_index
from lexqa.retrieve import Filters, FusionConfig, Retriever
from lexqa.retrieve.fusion import rrf


@pytest.fixture
def retriever(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    return Retriever.open(tmp_path / "index", mini_corpus, auto_build=False)


def test_rrf_math():
    fused = dict(rrf([["a", "b", "c"], ["b", "c"]], [1.0, 2.0], k=60))
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 2 / 61)
    assert fused["c"] == pytest.approx(1 / 63 + 2 / 62)
    assert [p for p, _ in rrf([["a", "b"], ["b", "a"]], [1, 1])] == ["a", "b"]  # tie: first seen wins
    assert [p for p, _ in rrf([["a", "b"], ["b", "a"]], [1, 3])] == ["b", "a"]


def test_indonesian_stemming_and_english_glossary():
    assert tokenize("penolakan keberangkatan", "id") == ["tolak", "berangkat"]
    assert "the" not in tokenize("the victims", "en") and "victim" in tokenize("the victims", "en")
    assert guess_language("can an immigration officer refuse a person's departure") == "en"
    assert guess_language("apakah pejabat imigrasi dapat menolak orang keluar") == "id"
    lang, extra = expand_query("can an immigration officer refuse departure of a trafficking victim")
    assert lang == "en" and "pejabat imigrasi" in extra and "perdagangan orang" in extra and "korban" in extra
    toks, _, _ = query_tokens("refuse departure")
    assert "tolak" in toks and "berangkat" in toks
    assert expand_query("penolakan korban")[1] == []                       # statute wording: nothing to add
    # an officer's "tolak keberangkatannya" is the statute's "menolak orang untuk keluar Wilayah Indonesia"
    assert "menolak orang untuk keluar wilayah indonesia" in expand_query("boleh saya tolak keberangkatannya")[1]


def test_every_mode_has_the_same_shape(retriever):
    for mode in ("hybrid", "dense", "bm25"):
        hits = retriever.search("daftar pencegahan menolak keluar", 3, mode)
        assert hits and hits[0].provision.id == "uu-6-2011/pasal-16", mode
        assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
        assert all(h.source == mode for h in hits)
        assert len({h.provision.id for h in hits}) == len(hits)  # aggregated: one hit per provision


def test_bm25_english_query_reaches_indonesian_text_through_glossary(retriever):
    ids = [h.provision.id for h in retriever.search("prevention list", 3, "bm25")]
    assert ids and ids[0] == "uu-6-2011/pasal-16"
    assert "pencegahan" in retriever.search("prevention list", 3, "bm25")[0].matched_terms


def test_penjelasan_hit_surfaces_its_pasal(retriever):
    hits = retriever.search("daftar nama orang yang dilarang keluar sementara", 3, "bm25")
    assert hits[0].provision.id == "uu-6-2011/pasal-16"
    assert hits[0].via == "uu-6-2011/penjelasan/pasal-16"


def test_exact_citation_ranked_first(retriever):
    for q, want in [
        ("Pasal 16 UU 6/2011", "uu-6-2011/pasal-16"),
        ("apa isi Pasal 16 ayat (2) UU No. 6 Tahun 2011", "uu-6-2011/pasal-16/ayat-2"),
        ("Article 3 Palermo", "palermo-protocol/article-3"),
        ("Article 3(b) Palermo Protocol", "palermo-protocol/article-3/b"),
        ("uu-6-2011/pasal-48", "uu-6-2011/pasal-48"),
    ]:
        for mode in ("hybrid", "bm25"):
            hits = retriever.search(q, 5, mode)
            assert hits[0].provision.id == want and hits[0].source == "exact", (q, mode)
            assert [h.provision.id for h in hits].count(want) == 1
    # a bare Pasal number with no document is not guessed ...
    assert retriever.search("Pasal 16", 5, "exact") == []
    # ... unless the document filter says which one
    assert retriever.search("Pasal 16", 5, "exact", Filters(doc="uu-6-2011"))[0].provision.id == "uu-6-2011/pasal-16"


def test_filters(retriever):
    q = "korban perdagangan orang"
    assert {h.provision.doc for h in retriever.search(q, 10, "hybrid", Filters(doc="uu-63-2024"))} == {"uu-63-2024"}
    assert {h.provision.doc for h in retriever.search("victims restitution", 10, "hybrid", {"language": "en"})} == {"palermo-protocol"}
    kinds = retriever.search(q, 10, "hybrid", Filters(kind="penjelasan"))
    assert kinds and all(h.via and "/penjelasan/" in h.via for h in kinds)
    allhits = {h.provision.id for h in retriever.search("izin tinggal dokumen perjalanan visa", 10, "hybrid")}
    inforce = {h.provision.id for h in retriever.search("izin tinggal dokumen perjalanan visa", 10, "hybrid", Filters(in_force_only=True))}
    assert "uu-6-2011/pasal-48" in allhits and "uu-6-2011/pasal-48" not in inforce  # revoked in the manifest


def test_fusion_weights_change_the_order(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    q = "definition of trafficking in persons"
    only_dense = Retriever.open(tmp_path / "index", mini_corpus, config=FusionConfig.plain(bm25_weight_en=0.0))
    only_bm25 = Retriever.open(tmp_path / "index", mini_corpus, config=FusionConfig.plain(dense_weight_en=0.0))
    d = [h.provision.id for h in only_dense.search(q, 5, "hybrid")]
    b = [h.provision.id for h in only_bm25.search(q, 5, "hybrid")]
    assert d == [h.provision.id for h in only_dense.search(q, 5, "dense")]
    assert b == [h.provision.id for h in only_bm25.search(q, 5, "bm25")]


@pytest.mark.parametrize("q", ["ภาษาไทย กฎหมาย", "中文查询 法律", "x" * 1_000_000, "\x00\x01", "🙂"])
def test_odd_queries_return_normal_results(retriever, q):
    for mode in ("hybrid", "dense", "bm25", "exact"):
        hits = retriever.search(q, 5, mode)
        assert isinstance(hits, list) and len(hits) <= 5


def test_empty_query_is_a_user_error(retriever):
    with pytest.raises(LexqaError):
        retriever.search("   ", 5)
    with pytest.raises(LexqaError):
        retriever.search("x", 5, "nonsense")


def test_open_without_corpus_reads_provisions_from_index(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    r = Retriever.open(tmp_path / "index", auto_build=False)
    hits = r.search("Pasal 16 UU 6/2011", 3)
    assert hits[0].provision.id == "uu-6-2011/pasal-16"
    assert hits[0].provision.text == mini_corpus.get("uu-6-2011/pasal-16").text
    assert r.status("uu-6-2011/pasal-48") == ("revoked", False)
    assert r.label("uu-63-2024/pasal-i/angka-2/pasal-16") == mini_corpus.label("uu-63-2024/pasal-i/angka-2/pasal-16")


def test_priors_demote_a_document_kind(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    q = "victims of trafficking restitution"
    plain = Retriever.open(tmp_path / "index", mini_corpus, config=FusionConfig.plain())
    assert plain.search(q, 5, "hybrid")[0].provision.doc == "palermo-protocol"
    demoted = Retriever.open(tmp_path / "index", mini_corpus, config=FusionConfig.plain(doc_kind_prior={"treaty": 0.1}))
    docs = [h.provision.doc for h in demoted.search(q, 5, "hybrid")]
    assert docs[0] != "palermo-protocol"
    assert "palermo-protocol" in docs and docs == sorted(docs, key=lambda d: d == "palermo-protocol")


def _rows(hits):
    return [(h.provision.id, h.score, h.rank, h.source, h.via, h.matched_terms) for h in hits]


@pytest.mark.parametrize("filters", [None, Filters(doc="uu-6-2011"), {"language": "en"}, Filters(in_force_only=True)])
def test_search_detailed_lists_equal_separate_searches(retriever, filters):
    # candidates=1: the hybrid ranks fewer chunks than a single-list search; split: BM25 fused as two lists
    for r in (retriever, Retriever(retriever.index, FusionConfig(candidates=1)),
              Retriever(retriever.index, FusionConfig(split_bm25_en=True))):
        for q in ("daftar pencegahan menolak keluar", "definition of trafficking in persons", "Pasal 16 UU 6/2011",
                  "korban perdagangan orang menurut Protokol Palermo", "can an immigration officer refuse departure"):
            for k, depth in ((1, 1), (5, 1), (10, 3), (20, 20)):
                res = r.search_detailed(q, k, "hybrid", filters, depth=depth)
                assert _rows(res.hits) == _rows(r.search(q, k, "hybrid", filters)), (q, k)
                for sub in ("dense", "bm25"):
                    alone = r.search(q, depth, sub, filters, exact=False)
                    assert _rows(res.lists[sub]) == _rows(alone), (q, k, depth, sub)


def test_search_detailed_embeds_each_query_text_once(mini_corpus, tmp_path, monkeypatch):
    build_index(mini_corpus, tmp_path / "index", "fake")
    r = Retriever.open(tmp_path / "index", mini_corpus, auto_build=False)
    emb = r.index.embedder
    texts: list[str] = []
    real = emb.embed_queries

    def counting(batch):
        texts.extend(batch)
        return real(batch)

    monkeypatch.setattr(emb, "embed_queries", counting)
    r.search_detailed("can an immigration officer refuse departure", 5, depth=2)
    assert texts and len(texts) == len(set(texts))


def test_search_detailed_when_the_hybrid_ranks_fewer_chunks(mini_corpus, tmp_path):
    """candidates=1, k=1: the hybrid ranks 8 chunks, a single-list search 100 (here: all of them)."""
    from lexqa.models import Document, DocumentMeta, Provision
    from lexqa.store import Corpus

    words = ["imigrasi", "korban", "visa", "paspor", "izin", "tinggal", "keluar", "masuk", "orang", "asing"]
    provs = [Provision(id=f"pp-1-2020/pasal-{i}", doc="pp-1-2020", kind="pasal", pasal=str(i), heading=f"Pasal {i}",
                       text=f"Pasal {i}\n" + " ".join(words[(i + j) % 10] for j in range(i % 4 + 2)))
             for i in range(1, 31)]
    extra = Document(meta=DocumentMeta(id="pp-1-2020", title="Peraturan Pemerintah Nomor 1 Tahun 2020", label="PP 1/2020",
                                       kind="regulation", language="id", files=["pp-1-2020.md"]), provisions=provs)
    corpus = Corpus([*mini_corpus.documents.values(), extra])
    build_index(corpus, tmp_path / "index", "fake")
    r = Retriever.open(tmp_path / "index", corpus, auto_build=False, config=FusionConfig(candidates=1))
    assert len(r.index.chunks) > 8
    for q in ("izin tinggal orang asing", "korban visa paspor", "can a foreigner get a visa"):
        res = r.search_detailed(q, 1, depth=3)
        for sub in ("dense", "bm25"):
            assert _rows(res.lists[sub]) == _rows(r.search(q, 3, sub, exact=False)), (q, sub)


def test_curated_list_is_fused_with_its_weight_and_off_at_zero(retriever):
    from lexqa.retrieve.searchers import HybridSearcher

    idx = retriever.index
    q = "refuse departure"
    base = [h.provision.id for h in HybridSearcher(idx, FusionConfig(guide_steps_weight=0.0)).search(q, k=20)]
    last = base[-1]
    seen: list[str] = []

    def curated(query: str) -> list[str]:
        seen.append(query)
        return [last + "/no-such-child", "nowhere/pasal-1"]  # an enclosing indexed article is found

    off = HybridSearcher(idx, FusionConfig(guide_steps_weight=0.0), curated=curated).search(q, k=20)
    assert [h.provision.id for h in off] == base and not seen  # weight 0: never asked
    on = [h.provision.id for h in HybridSearcher(idx, FusionConfig(guide_steps_weight=3.0), curated=curated).search(q, k=20)]
    assert seen == [q] and on.index(last) < base.index(last)
    assert "nowhere/pasal-1" not in on
