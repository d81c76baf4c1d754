"""Evaluation harness: metric math, gold-set schema and labels, naive baseline mapping, `lexqa eval`."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from lexqa.errors import LexqaError
from lexqa.evaluate import metrics as M
from lexqa.evaluate.baseline import chunk_keys, headings, read_raw, split_file
from lexqa.evaluate.gold import (
    CHANGE_TAGS,
    GoldError,
    counts,
    default_gold_path,
    load_gold,
    parse_gold_lines,
    restrict_to_docs,
    validate_against_corpus,
)

A, B, C, D, E = (("d", "1"), ("d", "2"), ("d", "3"), ("d", "4"), ("d", "5"))


# ---------------------------------------------------------------------------- metrics
def test_recall_is_capped_and_deduplicated():
    ranked = [A, A, B, C, D]           # A twice: counts once, B moves to rank 2
    assert M.recall_at_k(ranked, {B}, 1) == 0.0
    assert M.recall_at_k(ranked, {B}, 5) == 1.0
    # two alternative gold keys: R@1 is 1 when the first hit is either of them
    assert M.recall_at_k(ranked, {A, E}, 1) == 1.0
    assert M.recall_at_k(ranked, {A, E}, 5) == 0.5
    assert M.recall_at_k(ranked, {A, C}, 5) == 1.0
    with pytest.raises(ValueError):
        M.recall_at_k(ranked, set(), 5)


def test_mrr_and_ndcg_by_hand():
    ranked = [C, A, A, B]              # dedupe → C, A, B
    assert M.reciprocal_rank(ranked, {B}) == pytest.approx(1 / 3)
    assert M.reciprocal_rank(ranked, {E}) == 0.0
    # gold {A, B} at ranks 2 and 3; ideal has them at 1 and 2
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    idcg = 1 + 1 / math.log2(3)
    assert M.ndcg_at_k(ranked, {A, B}, 10) == pytest.approx(dcg / idcg)
    assert M.ndcg_at_k([A, B], {A, B}, 10) == pytest.approx(1.0)
    assert M.ndcg_at_k([C, D], {A}, 10) == 0.0


def test_literature_gold_matches_any_section_once():
    lit = ("paper", None)
    ranked = [("x", "1"), ("paper", None), ("paper", None)]
    assert M.reciprocal_rank(ranked, {lit}) == 0.5
    assert M.recall_at_k(ranked, {lit}, 1) == 0.0
    assert M.recall_at_k(ranked, {lit}, 5) == 1.0
    assert M.ndcg_at_k(ranked, {lit}, 10) == pytest.approx(1 / math.log2(3))


def test_provision_key_uses_own_doc_for_amendments_and_normalises_pasal():
    from lexqa.models import Provision

    amend = Provision(id="uu-63-2024/pasal-i/angka-2/pasal-16", doc="uu-63-2024", kind="pasal", text="x",
                      pasal="16", amends="uu-6-2011")
    assert M.provision_key(amend) == ("uu-63-2024", "16")
    assert M.provision_key({"doc": "uu-35-2014", "pasal": "76i"}) == ("uu-35-2014", "76I")
    assert M.key_of("x", None) == ("x", None)


def test_cited_precision_abstention_and_percentiles():
    assert M.cited_precision([A, B, B, C], {A, C}) == pytest.approx(2 / 3)
    assert M.cited_precision([], {A}) is None
    # (answerable, abstained)
    s = M.abstention_stats([(False, True), (False, True), (False, False), (True, True), (True, False), (True, False)])
    assert s["abstention_precision"] == pytest.approx(2 / 3)
    assert s["abstention_recall"] == pytest.approx(2 / 3)
    assert s["false_abstention"] == pytest.approx(1 / 3)
    assert M.abstention_stats([(True, False)])["abstention_precision"] is None
    assert M.percentile([10, 20, 30, 40], 50) == 25
    assert M.percentile([1.0], 95) == 1.0
    assert M.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert M.percentile([], 50) is None


def test_aggregate_and_breakdown():
    rows = [
        {"answerable": True, "language": "id", "metrics": M.rank_metrics([A], {A}), "latency_ms": 10.0,
         "abstained": False, "cited_precision": 1.0, "citations_valid": 2, "citations_total": 2},
        {"answerable": True, "language": "en", "metrics": M.rank_metrics([B, A], {A}), "latency_ms": 30.0,
         "abstained": True, "citations_valid": 0, "citations_total": 0},
        {"answerable": False, "language": "en", "latency_ms": 20.0, "abstained": True,
         "citations_valid": 0, "citations_total": 0},
    ]
    s = M.aggregate(rows)
    assert s["r@1"] == 0.5 and s["mrr"] == 0.75 and s["p50_ms"] == 20.0
    assert s["cited_precision"] == 1.0           # the abstained answerable one cites nothing: not counted
    assert s["citation_validity"] == 1.0
    assert s["abstention_recall"] == 1.0 and s["false_abstention"] == 0.5
    b = M.breakdown(rows, "language")
    assert b["id"]["r@1"] == 1.0 and b["en"]["r@1"] == 0.0 and b["en"]["n"] == 2
    rows[0]["tags"] = ["paraphrase", "amendment"]
    rows[1]["tags"] = ["paraphrase"]
    t = M.breakdown_by_tag(rows)
    assert t["paraphrase"]["n"] == 2 and t["amendment"]["r@1"] == 1.0 and t["-"]["n"] == 1


# ---------------------------------------------------------------------------- gold set
def _line(**kw):
    base = {"id": "x1", "question": "Apa?", "language": "id", "persona": "legal",
            "gold": [{"doc": "uu-6-2011", "pasal": "16"}], "answerable": True, "tags": []}
    base.update(kw)
    return json.dumps(base)


def test_gold_schema_errors_are_reported_with_line():
    with pytest.raises(GoldError, match="language"):
        parse_gold_lines([_line(language="fr")])
    with pytest.raises(GoldError, match="persona"):
        parse_gold_lines([_line(persona="judge")])
    with pytest.raises(GoldError, match="without gold"):
        parse_gold_lines([_line(gold=[])])
    with pytest.raises(GoldError, match="empty gold"):
        parse_gold_lines([_line(answerable=False)])
    with pytest.raises(GoldError, match="duplicate"):
        parse_gold_lines([_line(), _line()])
    with pytest.raises(GoldError, match=":2: invalid JSON"):
        parse_gold_lines([_line(), "{oops"])
    assert isinstance(GoldError("x"), LexqaError)


def test_gold_set_counts_meet_the_issue():
    items = load_gold(default_gold_path())
    c = counts(items)
    assert c["questions"] >= 80
    assert c["out_of_scope"] >= 10
    assert c["amendment_or_revocation"] >= 5
    assert set(c["language"]) == {"id", "en"} and min(c["language"].values()) >= 0.35 * c["questions"]
    assert set(c["persona"]) == {"officer", "legal", "student"} and min(c["persona"].values()) >= 10
    assert c["tag"].get("paraphrase", 0) >= 20
    docs = {g.doc for it in items for g in it.gold}
    for must in ("uu-6-2011", "uu-21-2007", "pp-31-2013", "uu-63-2024", "uu-1-2023", "palermo-protocol",
                 "smuggling-protocol", "udhr", "purnomo-2025-human-security-batam"):
        assert must in docs, must
    for it in items:
        assert it.note, f"{it.id} has no note"
        if set(it.tags) & set(CHANGE_TAGS):
            # an amendment/revocation answer names the changing law as well as (or instead of) the old one
            assert any(g.doc in ("uu-63-2024", "uu-1-2023", "pp-48-2021", "pp-40-2023", "uu-6-2023", "uu-11-2020",
                                 "uu-35-2014", "uu-31-2014") for g in it.gold), it.id
    # "the law as it stands on a date": `as_of` (ISO date) goes with the tag date-dependent
    raw = [json.loads(line) for line in default_gold_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    dated = [o for o in raw if "as_of" in o]
    assert len(dated) >= 30
    for o in raw:
        assert ("as_of" in o) == ("date-dependent" in o.get("tags", [])), o["id"]
    for o in dated:
        date.fromisoformat(o["as_of"])


def test_restrict_to_docs_keeps_out_of_scope_and_narrows_gold():
    items = parse_gold_lines([
        _line(id="a", gold=[{"doc": "uu-1-2023", "pasal": "455"}, {"doc": "uu-21-2007", "pasal": "2"}]),
        _line(id="b", gold=[{"doc": "udhr", "pasal": "4"}]),
        _line(id="c", gold=[], answerable=False),
    ])
    sub = restrict_to_docs(items, ["uu-21-2007"])
    assert [i.id for i in sub] == ["a", "c"]
    assert sub[0].keys == {("uu-21-2007", "2")}


def test_every_gold_label_exists_in_the_real_corpus(corpus):
    items = load_gold(default_gold_path())
    problems = validate_against_corpus(items, corpus)
    assert problems == []
    # and the validator does catch a wrong label
    bad = parse_gold_lines([_line(gold=[{"doc": "uu-6-2011", "pasal": "146"}]),
                            _line(id="x2", gold=[{"doc": "uu-6-2011", "pasal": "16", "ayat": "9"}])])
    assert len(validate_against_corpus(bad, corpus)) == 2


# ---------------------------------------------------------------------------- naive baseline
def test_chunk_keys_map_by_headings():
    heads = [(0, "1"), (500, "2"), (1500, "3")]
    assert chunk_keys("d", 100, 1100, heads) == [("d", "1"), ("d", "2")]
    assert chunk_keys("d", 600, 1400, heads) == [("d", "2")]
    assert chunk_keys("lit", 0, 100, []) == [("lit", None)]


def test_naive_split_on_real_amendment_text(corpus_dir: Path):
    text = read_raw(corpus_dir / "uu-63-2024.md")
    found = [n for _, n in headings(text)]
    assert "16" in found and "24A" in found and "97" in found
    chunks = split_file("uu-63-2024", "uu-63-2024.md", text)
    assert all(len(c.text) <= 1000 for c in chunks)
    assert all(text[c.start:c.start + len(c.text)] == c.text for c in chunks)
    # the chunk holding "Pasal 24A" maps to the amending law's own key
    c24a = [c for c in chunks if "Pasal 24A" in c.text]
    assert c24a and all(("uu-63-2024", "24A") in c.keys for c in c24a)


# ---------------------------------------------------------------------------- CLI end to end
def test_eval_command_end_to_end_with_fake_embedder(corpus_dir: Path, tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from lexqa.cli import app

    monkeypatch.setenv("LEXQA_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "results"
    res = CliRunner().invoke(app, [
        "eval", "--embedder", "fake", "--corpus-dir", str(corpus_dir), "--index-dir", str(tmp_path / "idx"),
        "--docs", "uu-63-2024,palermo-protocol,udhr", "--limit", "6", "--out", str(out), "--json",
    ])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert set(summary["modes"]) == {"hybrid", "dense", "bm25", "naive-langchain"}
    files = list(out.glob("*.json"))
    assert len(files) == 1 and not list(out.glob(".tmp-*"))
    doc = json.loads(files[0].read_text())
    assert doc["gold"]["questions"] == 6
    for mode in doc["modes"]:
        rows = doc["questions"][mode]
        assert len(rows) == 6
        for r in rows:
            if r["answerable"]:
                assert set(r["metrics"]) == set(M.RANK_METRICS)
                assert all(0.0 <= v <= 1.0 for v in r["metrics"].values())
        s = doc["summary"][mode]
        assert s["p50_ms"] is not None and set(s["by_language"]) <= {"id", "en"}
    # restricted gold only names the restricted documents
    assert all(g.split(":")[0] in {"uu-63-2024", "palermo-protocol", "udhr"}
               for r in doc["questions"]["bm25"] for g in r["gold"])


def test_eval_command_rejects_unknown_mode_and_doc(tmp_path: Path):
    from typer.testing import CliRunner

    from lexqa.cli import app

    res = CliRunner().invoke(app, ["eval", "--modes", "hybrid,magic", "--out", str(tmp_path)])
    assert res.exit_code != 0 and isinstance(res.exception, LexqaError)
    assert "magic" in res.exception.message
