"""Retrieval priors added from the gold-set misses: named documents, dense query expansion,
amendment links, ID↔ID glossary (fake embedder + mini corpus; fast)."""

from __future__ import annotations

import pytest

from lexqa.index.lexical import expand_query
from lexqa.index.store import build_index
from lexqa.retrieve import FusionConfig, Retriever
from lexqa.retrieve.searchers import dense_query
from lexqa.retrieve.exact import docs_named

KNOWN = {"palermo-protocol", "smuggling-protocol", "untoc", "uu-21-2007", "uu-6-2011", "uu-1-2023"}


@pytest.mark.parametrize("q, want", [
    ("Menurut Protokol Palermo, apakah merekrut anak tetap perdagangan orang?", ["palermo-protocol"]),
    ("Apakah migran dapat dituntut menurut Protokol Penyelundupan Migran?", ["smuggling-protocol"]),
    ("kejahatan serius dalam Konvensi PBB menentang tindak pidana transnasional", ["untoc"]),
    ("basic trafficking offence under the new KUHP", ["uu-1-2023"]),
    ("How does the Indonesian immigration law define deportation?", ["uu-6-2011"]),
    ("Pasal 5 UU 21/2007 and Article 3 Palermo", ["uu-21-2007", "palermo-protocol"]),
    ("korban berhak memperoleh restitusi", []),
])
def test_docs_named(q, want):
    assert docs_named(q, KNOWN) == want


def test_a_question_about_ratifying_a_named_treaty_names_its_ratification_law():
    known = KNOWN | {"uu-14-2009", "uu-15-2009"}
    q = "Apakah Indonesia meratifikasi Protokol Palermo dengan pernyataan atau pensyaratan tertentu?"
    assert docs_named(q, known) == ["palermo-protocol", "uu-14-2009"]
    assert docs_named("What reservation did Indonesia make to the Smuggling Protocol?", known) == \
        ["smuggling-protocol", "uu-15-2009"]
    # the treaty's own content asks nothing of its ratification
    assert docs_named("Menurut Protokol Palermo, apakah merekrut anak tetap perdagangan orang?", known) == ["palermo-protocol"]


def test_id_glossary_maps_everyday_wording_to_the_statute():
    lang, extra = expand_query("Apakah WNA yang pura-pura menikah dengan WNI bisa dipidana?")
    assert lang == "id" and "perkawinan semu" in extra
    lang, extra = expand_query("petugas boleh melarang seseorang berangkat ke luar negeri")
    assert lang == "id" and "keluar wilayah indonesia" in extra
    lang, extra = expand_query("A tourist has overstayed by two months")
    assert lang == "en" and any("berakhir masa berlakunya" in t for t in extra)


def test_dense_query_expansion_by_language():
    on, off = FusionConfig(), FusionConfig.plain(dense_expand_en=False)
    q = "can an immigration officer refuse departure"
    assert dense_query(q, on).startswith(q) and "pejabat imigrasi" in dense_query(q, on)
    assert dense_query(q, off) == q
    idq = "pejabat imigrasi menolak orang keluar"       # statute wording already: nothing to add
    assert dense_query(idq, on) == idq
    # everyday Indonesian gets the statutes' wording ([id_terms]) when dense_expand_id is on
    idq = "petugas di bandara melarang seseorang berangkat ke luar negeri"
    assert "tempat pemeriksaan imigrasi" in dense_query(idq, FusionConfig(dense_expand_id=True))
    assert dense_query(idq, FusionConfig(dense_expand_id=False)) == idq
    assert dense_query(idq, FusionConfig.plain()) == idq


@pytest.fixture
def index_dir(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    return tmp_path / "index"


def test_amendment_follows_the_article_it_amends(mini_corpus, index_dir):
    r = Retriever.open(index_dir, mini_corpus, auto_build=False)
    links = r.index.amendment_links()
    amending = "uu-63-2024/pasal-i/angka-2/pasal-16"
    assert links["uu-6-2011/pasal-16"] == [amending] and links[amending] == ["uu-6-2011/pasal-16"]
    q = "Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia"
    on = [h.provision.id for h in r.search(q, 10, "hybrid", exact=False)]
    i = on.index("uu-6-2011/pasal-16") if "uu-6-2011/pasal-16" in on else on.index(amending)
    assert {on[i], on[i + 1]} == {"uu-6-2011/pasal-16", amending}
    assert len(on) == len(set(on))  # no provision twice
    off = Retriever(r.index, FusionConfig(link_amendments=False))
    ids_off = [h.provision.id for h in off.search(q, 10, "hybrid", exact=False)]
    assert set(on) == set(ids_off) and on != ids_off  # retrieved-only linking reorders, adds nothing here


def test_named_document_is_boosted(mini_corpus, index_dir):
    q = "korban perdagangan orang dan restitusi menurut Protokol Palermo"
    plain = Retriever.open(index_dir, mini_corpus, auto_build=False, config=FusionConfig.plain())
    boosted = Retriever(plain.index, FusionConfig())
    top_plain = [h.provision.doc for h in plain.search(q, 5, "hybrid", exact=False)]
    top_boost = [h.provision.doc for h in boosted.search(q, 5, "hybrid", exact=False)]
    assert "palermo-protocol" in top_boost
    assert top_boost[0] == "palermo-protocol"
    # the boost moves the named document up (never down) relative to plain fusion
    first = lambda docs: docs.index("palermo-protocol") if "palermo-protocol" in docs else 99  # noqa: E731
    assert first(top_boost) <= first(top_plain)


def test_definition_intent_and_definition_chunks():
    from lexqa.cues import is_definition_text as _is_definition_text, pattern

    _DEF_QUERY = pattern("definition", "query")

    assert _DEF_QUERY.search("How does the law define deportation?")
    assert _DEF_QUERY.search("Apa yang dimaksud dengan kejahatan serius?")
    assert not _DEF_QUERY.search("Berapa lama seseorang bisa dicegah ke luar negeri?")
    assert _is_definition_text("Pasal 1\n1. Korban adalah seseorang ...\n2. Anak adalah seseorang ...")
    assert _is_definition_text('Article 2 — Use of terms\n(a) "Serious crime" shall mean conduct ...')
    assert not _is_definition_text("Pasal 16\nPejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia.")


def test_definition_prior_lifts_definition_provisions(mini_corpus, index_dir):
    q = "definition of trafficking in persons"
    r = Retriever.open(index_dir, mini_corpus, auto_build=False, config=FusionConfig(definition_prior=1.0))
    on = Retriever(r.index, FusionConfig(definition_prior=50.0))
    hits = on.search(q, 5, "hybrid", exact=False)
    defs = [r.index.is_definition(r.index.chunk_of[h.provision.id]) for h in hits]
    assert any(defs) and defs == sorted(defs, reverse=True)  # every definition provision first


def test_the_literature_cue_is_a_name_only_the_literature_holds(mini_corpus, tmp_path):
    # the literature (English) keeps Indonesian stop words ("dan") and everyday English ("abroad")
    # that the statutes drop or never spell: neither may lift the literature prior, a name may
    from lexqa.models import Document, DocumentMeta, Provision
    from lexqa.retrieve.fusion import LiteratureCue
    from lexqa.store import Corpus

    text = ("Officers in Batam screen women travelling abroad; the Pejabat Imigrasi dan polisi "
            "refer victims of trafficking to a shelter.")
    lit = Document(meta=DocumentMeta(id="study-2025", title="A study", label="Study 2025", kind="literature",
                                     language="en", files=["study.md"]),
                   provisions=[Provision(id="study-2025/section-a", doc="study-2025", kind="section", text=text)])
    corpus = Corpus([*mini_corpus.documents.values(), lit])
    build_index(corpus, tmp_path / "index", "fake")
    idx = Retriever.open(tmp_path / "index", corpus, auto_build=False).index
    cue = LiteratureCue(1.0, {"literature": 0.5}, ["Indonesia"])
    assert cue.cues("Bolehkah Pejabat Imigrasi di Batam menolak orang keluar dan apa dasarnya?", idx) == ["Batam"]
    assert cue.cues("Can an officer stop a woman travelling abroad, Dan?", idx) == []   # stop word, everyday word
    assert cue.cues("Officers in Indonesia refer victims", idx) == []                  # ignored, or held elsewhere
    asks = LiteratureCue(1.0, {"literature": 0.5}, [], ["literature"])
    assert asks.cues("What does the literature say about screening?", idx) == ["literature"]
    assert idx.literature_only(["batam"]) and not idx.literature_only(["batam", "imigrasi"])
