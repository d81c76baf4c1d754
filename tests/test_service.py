"""lexqa.service.Session: the application API without the CLI."""

from __future__ import annotations

import pytest

from lexqa.errors import CitationError, CorpusError, LexqaError
from lexqa.index.store import build_index
from lexqa.service import CheckResult, Session, ShowResult, TraceResult, UnresolvedCitation, VerifyResult


@pytest.fixture(scope="module")
def real(corpus):
    return Session(corpus=corpus)


def test_show_resolves_and_reports_unresolved(real):
    r = real.show("Pasal 16(1)(b) UU 6/2011")
    assert isinstance(r, ShowResult) and r.ok
    d = r.to_dict()
    assert d["ok"] is True and d["id"] == "uu-6-2011/pasal-16/ayat-1/huruf-b"
    assert list(d)[:3] == ["ok", "citation", "id"]
    assert any(p["id"] == "uu-6-2011/penjelasan/pasal-16/ayat-1" for p in d["penjelasan"])
    miss = real.show("UU 6/2011 Pasal 999")
    assert isinstance(miss, UnresolvedCitation) and miss.to_dict()["ok"] is False


def test_trace_builds_the_graph_once(real):
    t = real.trace("UU 6/2011 Pasal 16")
    assert isinstance(t, TraceResult)
    d = t.to_dict()
    assert d["label"] == "UU 6/2011 Pasal 16" and "graph_ms" in d
    assert any(r["label"].startswith("UU 6/2011 Pasal 133") for r in d["referred_by"])
    graph = real.graph
    real.trace("Article 3 Palermo Protocol")
    assert real.graph is graph
    with pytest.raises(CitationError):
        real.trace("UU 6/2011 Pasal 999")


def test_verify_and_check(real):
    v = real.verify("Menurut Pasal 999 UU 6/2011 setiap orang wajib melapor.\n")
    assert isinstance(v, VerifyResult) and not v.ok
    assert v.to_dict()["checked"] == 1 and v.to_dict()["failed"] == 1
    with pytest.raises(LexqaError):
        real.verify("Pasal 1", default_doc="no-such-doc")
    c = real.check("uu-6-2011")
    assert isinstance(c, CheckResult) and [d.id for d in c.report.documents] == ["uu-6-2011"]
    assert "parse_seconds" in c.to_dict()
    with pytest.raises(CorpusError):
        real.check("no-such-doc")


def test_mini_session_answers_twice_without_reloading(mini_corpus, tmp_path):
    build_index(mini_corpus, tmp_path / "index", "fake")
    s = Session(corpus=mini_corpus, index_dir=tmp_path / "index")
    first = s.ask("Kapan Pejabat Imigrasi menolak orang keluar?")
    corpus, retriever = s.corpus, s.retriever
    second = s.ask("Apa yang dimaksud dengan Paspor?")
    assert s.corpus is corpus is mini_corpus and s.retriever is retriever
    assert "setup_ms" in first.to_dict()["timings"] and "setup_ms" not in second.to_dict()["timings"]
    hits = s.search("Pasal 16 UU 6/2011", k=3)
    again = s.search("korban perdagangan orang", k=3, mode="bm25")
    assert s.retriever is retriever and s.corpus is corpus
    assert hits.hits[0].id == "uu-63-2024/pasal-i/angka-2/pasal-16" and again.hits
    row = hits.to_dict()[0]
    assert row["rank"] == 1 and row["address"] == "uu-6-2011/pasal-16" and row["status"] == "in force as amended"
    assert row["label"].startswith("UU 6/2011 Pasal 16 (as amended by UU 63/2024 Pasal I angka 2")
    assert [h.id for h in s.search("Pasal 16 UU 6/2011", k=3, as_of="2020-01-01").hits][:1] == ["uu-6-2011/pasal-16"]
    with pytest.raises(LexqaError):
        s.search("  ")
    with pytest.raises(LexqaError):
        s.ask("x", mode="exact")


def test_search_reads_the_index_without_parsing(mini_corpus, tmp_path, monkeypatch):
    import lexqa.service.session as session

    build_index(mini_corpus, tmp_path / "index", "fake")

    def no_parse(corpus_dir=None):
        raise AssertionError("search parsed the corpus")

    monkeypatch.setattr(session, "load_corpus", no_parse)
    s = Session(index_dir=tmp_path / "index")
    rows = s.search("victims of trafficking", k=2, mode="bm25", filters={"language": "en"}).to_dict()
    assert {r["doc"] for r in rows} == {"palermo-protocol"}
    # the law on a date comes from the index's own rows and manifest entries
    row = s.search("Pasal 16 UU 6/2011", k=1).to_dict()[0]
    assert row["address"] == "uu-6-2011/pasal-16" and row["status"] == "in force as amended"
    st = s.index_status().to_dict()
    assert st["exists"] and not st["stale"] and st["embedder"] == "fake"
