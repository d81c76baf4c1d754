"""`lexqa corpus check` on the real corpus: the figures the issue asks for, plus unit tests."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lexqa.cli import app
from lexqa.models import Document, DocumentMeta, ParseIssue, Provision
from lexqa.parse.check import check_corpus, ocr_suspects
from lexqa.store import Corpus


@pytest.fixture(scope="module")
def report(corpus):
    return check_corpus(corpus)


@pytest.mark.parametrize("doc,unit,last", [
    ("uu-6-2011", "Pasal", 145), ("pp-31-2013", "Pasal", 258), ("uu-1-2023", "Pasal", 624),
    ("palermo-protocol", "Article", 20), ("smuggling-protocol", "Article", 25), ("untoc", "Article", 41),
    ("udhr", "Article", 30), ("uu-21-2007", "Pasal", 67),
])
def test_complete_sequences(report, doc, unit, last):
    d = report.get(doc)
    assert d.unit == unit
    assert (d.first, d.last, d.found, d.expected) == ("1", str(last), last, last)
    assert not d.gaps and not d.duplicates and not d.out_of_order
    assert d.verdict in ("complete", "complete-with-notes")
    assert d.notes[0] == f"{unit} 1–{last}: {last}/{last} found, complete"


def test_palermo_is_complete(report):
    assert report.get("palermo-protocol").verdict == "complete"


def test_uu_18_2017_badly_damaged(report):
    d = report.get("uu-18-2017")
    assert d.verdict == "badly damaged"
    # six headings the OCR ran into the text are recovered; Pasal 69's is lost (inside Pasal 68)
    assert d.gaps == ["69"] and len(d.duplicates) >= 3 and len(d.gaps) + len(d.duplicates) >= 7
    assert d.ocr_suspects > 0


def test_uu_21_2007_pasal_2_from_pdf(report):
    d = report.get("uu-21-2007")
    row = next(x for x in d.from_other_source if x["provision"] == "uu-21-2007/pasal-2")
    assert row["file"] == "pdf/uu-21-2007.pdf" and row["primary"] == "uu-21-2007.md"
    assert "no body" in row["why"]
    assert any(n.startswith("Pasal 2 taken from pdf/uu-21-2007.pdf") for n in d.notes)
    files = {f.file: f for f in d.files}
    assert files["pdf/uu-21-2007.pdf"].provisions > 0 and files["uu-21-2007.md"].provisions > 0


def test_penjelasan_coverage_and_amendments(report):
    d = report.get("uu-6-2011")
    assert d.penjelasan["pasal_with_penjelasan"] == 145 and d.penjelasan["pasal_total"] == 145
    assert 0 < d.penjelasan["cukup_jelas"] < 145 and d.penjelasan["umum"]
    a = report.get("uu-63-2024")
    assert a.unit == "point" and a.found == 10
    assert a.amendment["targets"] == ["uu-6-2011"]
    assert any(x.startswith("16") for x in a.amendment["amended_articles"])
    assert a.ocr_suspects > 0 and "Tatrun" in a.ocr_examples


def test_checksums_and_json(report):
    for d in report.documents:
        for f in d.files:
            assert f.exists, f.file
            assert f.checksum_ok is not False, f"{d.id}: {f.file}"
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["n_documents"] == len(report.documents)
    assert {"verdict", "gaps", "penjelasan", "ocr_suspects", "issues", "files"} <= set(data["documents"][0])


def test_cli_check_and_list(corpus_dir):
    runner = CliRunner()
    r = runner.invoke(app, ["corpus", "check", "--corpus-dir", str(corpus_dir), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    verdicts = {d["id"]: d["verdict"] for d in data["documents"]}
    assert verdicts["uu-18-2017"] == "badly damaged"
    r = runner.invoke(app, ["corpus", "check", "--corpus-dir", str(corpus_dir), "--doc", "palermo-protocol"])
    assert r.exit_code == 0 and "Article 1–20: 20/20 found, complete" in r.output
    r = runner.invoke(app, ["corpus", "list", "--corpus-dir", str(corpus_dir), "--json"])
    assert r.exit_code == 0
    docs = {d["id"]: d for d in json.loads(r.stdout)["documents"]}
    assert docs["uu-6-2011"]["label"] == "UU 6/2011" and docs["uu-6-2011"]["in_manifest"]


def test_ocr_suspects_unit():
    toks = ocr_suspects("Tahun 2OlL dan (21 Pejabat Er€rrrb€ntuk PenutuP Tatrun Pasal l20 5O9 l7l")
    assert toks == ["2OlL", "(21", "Er€rrrb€ntuk", "PenutuP", "Tatrun", "l20", "5O9", "l7l"]
    assert ocr_suspects("Pasal 76A ayat (2) Rp120.000.000,00 Pasal 28I UUD 1945, (1) huruf a. P2TP2A") == []


def _doc(nums: list[str], issues: list[ParseIssue] | None = None) -> Document:
    meta = DocumentMeta(id="x", title="X", label="X 1/2000", kind="statute", language="id", files=[])
    provs = [Provision(id=f"x/pasal-{n.lower()}", doc="x", kind="pasal", text=f"Pasal {n}\nIsi.", pasal=n)
             for n in nums]
    return Document(meta=meta, provisions=provs, issues=issues or [])


def test_verdict_rules_synthetic():
    c = Corpus([_doc(["1", "2", "3", "4"])])
    assert check_corpus(c).get("x").verdict == "complete-with-notes"   # no Penjelasan is a note
    c = Corpus([_doc(["1", "2", "4"])])
    d = check_corpus(c).get("x")
    assert d.verdict == "gaps" and d.gaps == ["3"]
    c = Corpus([_doc(["2", "5", "9", "3"], [ParseIssue("x", "duplicate", "body: Pasal 5 appears twice")])])
    d = check_corpus(c).get("x")
    assert d.verdict == "badly damaged" and d.duplicates == ["5"] and d.out_of_order == ["3 after 9"]
    c = Corpus([_doc(["1", "2", "2A", "3"])])
    d = check_corpus(c).get("x")
    assert d.inserted == ["2A"] and d.found == 3 and not d.gaps
