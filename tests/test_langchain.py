"""LexqaRetriever plugs lexqa into LangChain."""

from __future__ import annotations

from lexqa.index.store import build_index


def test_langchain_retriever_returns_documents_with_citation_metadata(mini_corpus, tmp_path):
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    from lexqa.integrations.langchain import LexqaRetriever

    build_index(mini_corpus, tmp_path / "index", "fake")
    r = LexqaRetriever.from_index(tmp_path / "index", mini_corpus, k=2)
    assert isinstance(r, BaseRetriever)
    docs = r.invoke("Pasal 16 UU 6/2011")
    assert 1 <= len(docs) <= 2 and all(isinstance(d, Document) for d in docs)
    # the words in force (UU 63/2024's) under the base citation
    md = docs[0].metadata
    assert md["id"] == "uu-63-2024/pasal-i/angka-2/pasal-16" and md["pasal"] == "16"
    assert md["label"].startswith("UU 6/2011 Pasal 16 (as amended by UU 63/2024 Pasal I angka 2")
    assert md["status"] == "in force as amended" and md["in_force"] is True and md["rank"] == 1
    assert docs[0].page_content == mini_corpus.get("uu-63-2024/pasal-i/angka-2/pasal-16").text
    en = LexqaRetriever.from_index(tmp_path / "index", mini_corpus, k=5, filters={"language": "en"}, mode="bm25")
    assert {d.metadata["doc"] for d in en.invoke("victims of trafficking")} == {"palermo-protocol"}
