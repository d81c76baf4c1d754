"""Chunking, index build (atomic, cached, stale detection) with the fake embedder."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from fakes import FakeEmbedder
from lexqa.index import store
from lexqa.index.chunk import chunk_corpus, is_empty_text
from lexqa.index.store import build_index, read_meta, stale_reasons
from lexqa.models import Document
from lexqa.store import Corpus


def _article_of(corpus, pid):
    return corpus.article_of(pid).id


def test_chunks_never_cross_a_pasal_and_fit_the_limit(mini_corpus):
    emb = FakeEmbedder(dim=32, max_tokens=60)
    chunks = chunk_corpus(mini_corpus, emb.count_tokens, emb.max_tokens)
    assert chunks
    for c in chunks:
        assert c.tokens == emb.count_tokens(c.text) <= emb.max_tokens
        p = mini_corpus.get(c.provision)
        body = c.text.split("\n", 1)[1]
        # the chunk body is verbatim text of the unit it came from (never text of another Pasal)
        src = mini_corpus.get(c.via) if c.kind == "penjelasan" else p
        words = body.split()
        assert " ".join(words) in " ".join(src.text.split()), c.id
    # the long Pasal 48 is split, at ayat boundaries first, and nothing of it is lost
    parts = [c for c in chunks if c.provision == "uu-6-2011/pasal-48"]
    assert len(parts) > 1 and all(c.parts == len(parts) for c in parts)
    joined = " ".join(" ".join(c.text.split("\n", 1)[1].split()) for c in parts)
    assert " ".join(joined.split()) == " ".join(mini_corpus.get("uu-6-2011/pasal-48").text.split())
    assert parts[1].via and parts[1].via.startswith("uu-6-2011/pasal-48/ayat-")


def test_one_chunk_per_pasal_when_it_fits(mini_corpus):
    emb = FakeEmbedder()
    chunks = chunk_corpus(mini_corpus, emb.count_tokens, emb.max_tokens)
    assert [c.id for c in chunks if c.provision == "uu-6-2011/pasal-16" and c.kind == "pasal"] == ["uu-6-2011/pasal-16"]
    c16 = next(c for c in chunks if c.id == "uu-6-2011/pasal-16")
    first = c16.text.split("\n", 1)[0]
    assert "UU 6/2011" in first and "BAB IV" in first and "Pasal 16" in first  # context line


def test_penjelasan_linked_and_cukup_jelas_skipped(mini_corpus):
    emb = FakeEmbedder()
    chunks = {c.id: c for c in chunk_corpus(mini_corpus, emb.count_tokens, emb.max_tokens)}
    pj = chunks["uu-6-2011/penjelasan/pasal-16"]
    assert pj.provision == "uu-6-2011/pasal-16" and pj.via == pj.id and pj.kind == "penjelasan"
    assert "uu-6-2011/penjelasan/pasal-1" not in chunks
    assert is_empty_text("Pasal 1\nCukup jelas.") and not is_empty_text("Pasal 2\nYang dimaksud dengan X adalah Y.")


def test_amendment_article_is_its_own_chunk(mini_corpus):
    emb = FakeEmbedder()
    chunks = {c.id: c for c in chunk_corpus(mini_corpus, emb.count_tokens, emb.max_tokens)}
    c = chunks["uu-63-2024/pasal-i/angka-2/pasal-16"]
    assert "menunda keberangkatan" in c.text and "Pasal I angka 2" in c.text.split("\n")[0]
    assert "uu-63-2024/pasal-i" not in chunks  # the container is not a chunk of its own


def test_single_overlong_ayat_is_split_by_sentence_and_flagged(mini_corpus):
    emb = FakeEmbedder(dim=32, max_tokens=40)
    chunks = [c for c in chunk_corpus(mini_corpus, emb.count_tokens, emb.max_tokens) if c.provision == "uu-6-2011/pasal-48"]
    assert any({"split-sentence", "split-words"} & set(c.flags) for c in chunks)
    assert all(c.tokens <= 40 for c in chunks)


def test_build_writes_no_pickle_and_records_meta(mini_corpus, tmp_path):
    idx = tmp_path / "index"
    rep = build_index(mini_corpus, idx, FakeEmbedder())
    meta = read_meta(idx)
    assert meta["embedder"] == "fake" and meta["dim"] == 256 and meta["chunks"] == rep.chunks > 0
    assert meta["corpus_checksum"] == mini_corpus.checksum()
    assert set(meta["doc_checksums"]) == set(mini_corpus.documents)
    assert (idx / "vectors.faiss").is_file() and (idx / "bm25").is_dir() and (idx / "chunks.json").is_file()
    for f in idx.rglob("*"):
        if f.is_file() and f.suffix in (".npy", ".npz"):
            assert not f.read_bytes().startswith(b"\x80"), f  # no pickle stream
        assert f.suffix not in (".pkl", ".pickle")
    assert stale_reasons(meta, corpus=mini_corpus) == []


def test_killed_build_leaves_previous_index_working(mini_corpus, tmp_path, monkeypatch):
    from lexqa.retrieve import Retriever

    idx = tmp_path / "index"
    build_index(mini_corpus, idx, FakeEmbedder())
    before = (idx / "meta.json").read_text()
    changed = _touch_doc(mini_corpus, "palermo-protocol")

    def fail(*_a):  # the last step before meta.json: everything is embedded and written
        raise RuntimeError("simulated failure mid-build")

    monkeypatch.setattr(store, "_write_provisions", fail)
    with pytest.raises(RuntimeError):
        build_index(changed, idx, FakeEmbedder())
    assert (idx / "meta.json").read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index.tmp")]
    r = Retriever.open(idx, mini_corpus, auto_build=False)
    assert r.search("daftar pencegahan", 3, "bm25")[0].provision.id == "uu-6-2011/pasal-16"


def _touch_doc(corpus: Corpus, doc_id: str) -> Corpus:
    docs = []
    for d in corpus.documents.values():
        if d.id == doc_id:
            provs = [replace(p, text=p.text + " Tambahan kalimat baru.") if p.kind in ("article", "pasal") else p
                     for p in d.provisions]
            d = Document(meta=d.meta, provisions=provs)
        docs.append(d)
    return Corpus(docs)


def test_embedding_cache_reembeds_only_the_changed_document(mini_corpus, tmp_path):
    idx = tmp_path / "index"
    emb = FakeEmbedder()
    rep1 = build_index(mini_corpus, idx, emb)
    assert rep1.embedded == emb.calls == rep1.chunks
    emb2 = FakeEmbedder()
    rep2 = build_index(mini_corpus, idx, emb2)
    assert emb2.calls == 0 and rep2.cached == rep2.chunks
    changed = _touch_doc(mini_corpus, "palermo-protocol")
    emb3 = FakeEmbedder()
    rep3 = build_index(changed, idx, emb3)
    n_palermo = json.loads((idx / "meta.json").read_text())["docs"]["palermo-protocol"]["chunks"]
    assert emb3.calls == rep3.embedded == n_palermo and 0 < n_palermo < rep3.chunks


def test_stale_index_detected_and_rebuilt_on_open(mini_corpus, tmp_path):
    from lexqa.errors import IndexError_
    from lexqa.retrieve import Retriever

    idx = tmp_path / "index"
    build_index(mini_corpus, idx, "fake")
    changed = _touch_doc(mini_corpus, "uu-63-2024")
    reasons = stale_reasons(read_meta(idx), corpus=changed)
    assert reasons and "uu-63-2024" in reasons[0]
    assert "fake:64:512" in stale_reasons(read_meta(idx), embedder="fake:64:512")[0]
    with pytest.raises(IndexError_):
        Retriever.open(idx, changed, auto_build=False)
    seen = []
    Retriever.open(idx, changed, progress=lambda d, t, s: seen.append(s))
    assert "embedding" in seen
    assert read_meta(idx)["corpus_checksum"] == changed.checksum()


def test_missing_index_raises_clear_error_without_auto_build(mini_corpus, tmp_path):
    from lexqa.errors import IndexError_
    from lexqa.retrieve import Retriever

    with pytest.raises(IndexError_) as e:
        Retriever.open(tmp_path / "nope", mini_corpus, auto_build=False)
    assert "lexqa index build" in (e.value.hint or "")


def test_changed_corpus_files_make_the_index_stale_without_parsing(mini_corpus, tmp_path):
    import os

    from lexqa.errors import IndexError_
    from lexqa.index.store import refresh_fingerprint
    from lexqa.retrieve import Retriever

    src = tmp_path / "corpus"
    src.mkdir()
    (src / "uu-6-2011.md").write_text("Pasal 1\n...", encoding="utf-8")
    mini_corpus.corpus_dir = str(src)
    idx = tmp_path / "index"
    build_index(mini_corpus, idx, "fake")
    assert stale_reasons(read_meta(idx), corpus_dir=src) == []
    Retriever.open(idx, auto_build=False)  # fresh: opens without parsing anything
    (src / "uu-6-2011.md").write_text("Pasal 1\n... changed", encoding="utf-8")
    assert stale_reasons(read_meta(idx), corpus_dir=src) == ["corpus files changed since the build"]
    with pytest.raises(IndexError_):
        Retriever.open(idx, auto_build=False)
    refresh_fingerprint(idx, src)  # what open() does when a re-parse shows nothing changed
    assert stale_reasons(read_meta(idx), corpus_dir=src) == []
    assert not [p for p in os.listdir(idx) if p.startswith(".meta")]
