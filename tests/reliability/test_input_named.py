"""Reliability pass, defect 1: a provision the question or citation names that does not exist is said
not to exist, with the nearest real ones — never a confident answer about another article, never
the parent in silence. Real corpus; `show` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lexqa.cite.named import missing_named_provisions
from lexqa.service import Session

GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold.jsonl"


@pytest.mark.parametrize("question, doc, nearest", [
    ("Apa isi Pasal 999 UU 6/2011?", "uu-6-2011", "uu-6-2011/pasal-145"),
    ("What does Article 99 of the Palermo Protocol say?", "palermo-protocol", "palermo-protocol/article-20"),
    ("Apa isi Pasal 16 ayat (9) UU 6/2011?", "uu-6-2011", "uu-6-2011/pasal-16"),
    ("What does Article 3(zz) of the Palermo Protocol say?", "palermo-protocol", "palermo-protocol/article-3"),
])
def test_missing_provision_is_said_not_to_exist(corpus, question, doc, nearest):
    [m] = missing_named_provisions(question, corpus)
    assert m.doc == doc and m.nearest[0] == nearest
    ans = Session(corpus=corpus).ask(question).to_dict()   # no index needed: decided before retrieval
    assert ans["abstained"] is True and ans["citations"] == []
    assert corpus.label(nearest) in ans["answer"]
    assert ans["retrieved"][0]["id"] == nearest
    assert ans["signals"]["missing_provisions"][0]["doc"] == doc


@pytest.mark.parametrize("question", ["Apa isi UU 23/2002 Pasal 76F?", "Apa isi Pasal 16 UU 63/2024?",
                                      "Apa isi Pasal 16 ayat (1) huruf b UU 6/2011?", "Apa isi Pasal 17 UU 17/2016?",
                                      "Apa isi Pasal 16?", "What does Article 3(a) of the Palermo Protocol say?"])
def test_existing_inserted_or_unheld_provisions_are_not_missing(corpus, question):
    assert missing_named_provisions(question, corpus) == []


def test_no_gold_question_is_taken_for_a_missing_provision(corpus):
    qs = [json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(qs) > 100
    wrong = [(q, [m.reason for m in missing_named_provisions(q, corpus)]) for q in qs]
    assert [w for w in wrong if w[1]] == []


def test_malformed_number_in_a_question(corpus):
    [m] = missing_named_provisions("Apa isi Pasal -1 UU 6/2011?", corpus)
    assert m.doc is None and "-1" in m.asked


@pytest.mark.parametrize("citation, part", [("Article 3(zz) Palermo Protocol", "(zz)"),
                                            ("Pasal 16(1)(zz) UU 6/2011", "(zz)"),
                                            ("Pasal 1_6 UU 6/2011", "_6"),
                                            ("UU 6/2011 Pasal 16(1)(zz)", "(zz)"),
                                            ("Pasal 999 UU 6/2011", "Pasal 999")])
def test_show_fails_instead_of_returning_the_parent(corpus_dir, citation, part):
    r = subprocess.run([sys.executable, "-m", "lexqa", "show", citation, "--corpus-dir", str(corpus_dir)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == "", r.stdout
    assert part in r.stderr and "nearest" in r.stderr and r.stderr.count("\n") == 1


def test_show_still_reads_valid_parenthesised_forms(corpus):
    from lexqa.cite.citation import resolve

    for c, want in [("Pasal 16(1)(b) UU 6/2011", "uu-6-2011/pasal-16/ayat-1/huruf-b"),
                    ("Article 3(a) of the Palermo Protocol", "palermo-protocol/article-3/a"),
                    ("UU 6/2011 Pasal 16 ayat (1) huruf b", "uu-6-2011/pasal-16/ayat-1/huruf-b"),
                    ("Article 3 (a) Palermo Protocol", "palermo-protocol/article-3/a")]:
        assert resolve(c, corpus).id == want, c
