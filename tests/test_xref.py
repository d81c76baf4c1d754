"""Cross-references resolved on the real corpus text, and the reference graph / trace."""

from __future__ import annotations

import pytest

from lexqa.answer.terms import stems
from lexqa.cite.mentions import find_mentions, resolve
from lexqa.cite.xref import RefGraph, curated_pairs, find_refs, trace


@pytest.fixture(scope="module")
def graph(corpus):
    import time

    t = time.perf_counter()
    g = RefGraph.build(corpus)
    assert time.perf_counter() - t < 60  # seconds, not minutes (measured ~4.5 s on 2 cores)
    assert sum(len(v) for v in g.out.values()) > 1000
    return g


def _targets(p, corpus):
    return {r.target for r in find_refs(p, corpus)}


def test_explicit_pasal_ayat_in_same_doc(corpus):
    # UU 6/2011 Pasal 133 huruf c: "... sebagaimana dimaksud dalam Pasal 13 ayat (1) ... Pasal 16 ayat (1)"
    p = corpus.get("uu-6-2011/pasal-133/huruf-c")
    assert "Pasal 16 ayat (1)" in p.text
    assert {"uu-6-2011/pasal-13/ayat-1", "uu-6-2011/pasal-16/ayat-1"} <= _targets(p, corpus)


def test_relative_ayat_resolves_within_the_same_pasal(corpus):
    p = corpus.get("uu-6-2011/pasal-19/ayat-2")
    assert "sebagaimana dimaksud pada ayat (1)" in p.text
    refs = find_refs(p, corpus)
    assert [r.target for r in refs if r.relative] == ["uu-6-2011/pasal-19/ayat-1"]


def test_list_of_pasal_takes_the_document_named_at_its_end(corpus):
    # PP 31/2013 Menimbang: "Pasal 23, Pasal 33, ..., dan Pasal 112 Undang-Undang Nomor 6 Tahun 2011"
    p = corpus.get("pp-31-2013/menimbang")
    t = _targets(p, corpus)
    assert {"uu-6-2011/pasal-23", "uu-6-2011/pasal-33", "uu-6-2011/pasal-112"} <= t
    assert not any(x and x.startswith("pp-31-2013/") for x in t)


def test_other_document_mentions(corpus):
    ms = find_mentions("Pasal 2 Undang-Undang Nomor 21 Tahun 2007 dan Pasal 16 ayat (1) huruf b UU 6/2011", corpus)
    assert [resolve(m, corpus).id for m in ms] == ["uu-21-2007/pasal-2", "uu-6-2011/pasal-16/ayat-1/huruf-b"]
    # a whole-document reference becomes a "doc" link
    p = corpus.get("pp-31-2013/pasal-2/ayat-2")
    if p is not None and "Undang-Undang Nomor 6 Tahun 2011" in p.text:
        assert any(r.kind == "doc" and r.target == "uu-6-2011" for r in find_refs(p, corpus))


def test_amendment_article_refers_to_the_amended_law(corpus):
    # UU 63/2024 Pasal 24A (inserted): "Pasal 24 ayat (2) dan ayat (3) huruf a dan huruf c" are UU 6/2011's
    pid = "uu-63-2024/pasal-i/angka-3/pasal-24a"
    p = corpus.get(pid)
    assert p is not None and "Pasal 24 ayat (2)" in p.text
    assert {"uu-6-2011/pasal-24/ayat-2", "uu-6-2011/pasal-24/ayat-3/huruf-a"} <= _targets(p, corpus)
    # and an article that exists only as inserted resolves to the inserting provision
    m = find_mentions("Pasal 24A UU 6/2011", corpus)[0]
    assert resolve(m, corpus).id == pid


def test_unknown_pasal_gives_nearest(corpus):
    m = find_mentions("Pasal 999 UU 6/2011", corpus)[0]
    r = resolve(m, corpus)
    assert r.id is None and r.nearest[0] == "uu-6-2011/pasal-145"


def test_graph_incoming_pasal_16(corpus, graph):
    inc = {r.source for r in graph.incoming("uu-6-2011/pasal-16")}
    assert "uu-6-2011/pasal-133/huruf-c" in inc
    t = trace("uu-6-2011/pasal-16", corpus, graph)
    assert any(r["from"] == "uu-6-2011/pasal-133/huruf-c" for r in t["referred_by"])
    assert any(a["by"].startswith("uu-63-2024/pasal-i/angka-2") for a in t["amended_by"])
    # the amendment is shown as "amended by", not as an ordinary reference
    assert not any(r["from"].startswith("uu-63-2024/pasal-i/angka-2") for r in t["referred_by"])


def test_trace_revoked_with_replacement(corpus, graph):
    t = trace("uu-21-2007/pasal-2", corpus, graph)
    rv = t["revoked_by"]
    assert rv and rv[0]["by"].startswith("uu-1-2023/pasal-622") and rv[0]["replaced_by"] == "uu-1-2023/pasal-455"
    assert rv[0]["effective"] == "2026-01-02"


def test_curated_implementing_pairs_match_the_text(corpus, graph):
    """Each curated pair: the regulation restates the statute (high stem overlap), more than any
    other article of the same regulation section does."""
    pairs = curated_pairs()
    assert len(pairs) >= 3
    for pair in pairs:
        law, reg = corpus.get(pair.law), corpus.get(pair.regulation)
        assert law is not None and reg is not None, pair
        a, b = stems(law.text), stems(reg.text)
        own = len(a & b) / len(a | b)
        others = [pp.regulation for pp in pairs if pp.regulation != pair.regulation]
        for o in others:
            ob = stems(corpus.get(o).text)
            assert own > len(a & ob) / len(a | ob), (pair, o)
        assert own >= 0.4, (pair, own)
    t = trace("uu-6-2011/pasal-86", corpus, graph)
    assert any(r["id"] == "pp-31-2013/pasal-225" for r in t["implemented_by"])
    # the regulation that says it implements Pasal 23 (Menimbang) is found from the text
    t23 = trace("uu-6-2011/pasal-23", corpus, graph)
    assert any(r["id"] == "pp-31-2013/menimbang" and r["via"] == "cites" for r in t23["implemented_by"])


def test_relative_huruf_and_chained_lists(corpus):
    # "sebagaimana dimaksud dalam huruf a" inside Pasal 123 huruf b → the sibling huruf a
    p = corpus.get("uu-6-2011/pasal-123/huruf-b")
    assert "sebagaimana dimaksud dalam huruf a" in p.text
    assert "uu-6-2011/pasal-123/huruf-a" in _targets(p, corpus)
    # "Pasal 68 ayat (1) huruf b, huruf c, huruf d, dan huruf e" → every item of Pasal 68 ayat (1)
    t = _targets(corpus.get("uu-6-2011/pasal-73"), corpus)
    assert {f"uu-6-2011/pasal-68/ayat-1/huruf-{x}" for x in "bcde"} <= t
