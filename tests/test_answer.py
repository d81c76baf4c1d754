"""Fast tests of the extractive answerer on a mini corpus built from real articles,
with a fake retriever (no model, no index)."""

from __future__ import annotations

import json

import pytest

from lexqa.answer import ABSTAIN_EN, ABSTAIN_ID, AnswerConfig, answer_question
from lexqa.answer.compose import finalize
from lexqa.answer.items import clip
from lexqa.answer.model import CONTRACT_ANSWER_KEYS, CONTRACT_ITEM_KEYS, Item
from lexqa.answer.render import first_clause
from lexqa.errors import LexqaError
from lexqa.text import is_verbatim
from fakes import FakeRetriever, FixedRetriever, mini_corpus

REFUSE_Q = "Can an immigration officer refuse a person's departure from Indonesia?"


@pytest.fixture(scope="module")
def mini(corpus_dir):
    return mini_corpus(corpus_dir)


def test_json_contract_shape(mini):
    ans = answer_question(REFUSE_Q, FakeRetriever(mini), mini)
    d = json.loads(json.dumps(ans.to_dict()))
    for k in CONTRACT_ANSWER_KEYS:
        assert k in d
    assert isinstance(d["abstained"], bool) and d["abstained"] is False
    assert d["citations"] and len(d["retrieved"]) >= 10
    for item in d["citations"] + d["retrieved"]:
        for k in CONTRACT_ITEM_KEYS:
            assert k in item, k
        assert isinstance(item["score"], float)
    for k in ("retrieve_ms", "answer_ms", "verify_ms", "total_ms"):
        assert d["timings"][k] >= 0
    assert d["verification"]["ok"] is True and d["verification"]["checks"] > 0


def test_refuse_departure_cites_pasal_16_as_amended(mini):
    # the words in force today are UU 63/2024's, cited under the base law's address; the
    # superseded 2011 words are not an answer citation
    ans = answer_question(REFUSE_Q, FakeRetriever(mini), mini)
    main = ans.citations[0]
    assert main.role == "answer" and main.address == "uu-6-2011/pasal-16"
    assert main.doc == "uu-63-2024" and main.pasal == "16" and main.amends == "uu-6-2011"
    assert main.label == "UU 6/2011 Pasal 16 (as amended by UU 63/2024 Pasal I angka 2, in force since 17 Oct 2024)"
    assert main.status == "in force as amended" and main.in_force and "UU 63/2024" in main.status_detail
    assert not any(c.id.startswith("uu-6-2011/pasal-16") for c in ans.citations)
    # every quote is verbatim in its provision
    for c in ans.citations:
        assert is_verbatim(c.quote, mini.get(c.id).text)
    # the lead is made of the law in force and names it by its base citation and amendment
    assert "UU 6/2011 Pasal 16 (as amended by UU 63/2024 Pasal I angka 2" in ans.answer
    assert "Pejabat Imigrasi menolak" in ans.answer
    # on a date before UU 63/2024 the 2011 words answer, with their Penjelasan
    old = answer_question(REFUSE_Q, FakeRetriever(mini), mini, as_of="2020-01-01")
    main = old.citations[0]
    assert main.id.startswith("uu-6-2011/pasal-16") and main.status == "in force" and old.as_of == "2020-01-01"
    assert not any(c.doc == "uu-63-2024" for c in old.citations)
    assert any("kewajiban pajaknya" in pj["quote"] for pj in main.penjelasan)


def test_indonesian_question_gets_indonesian_lead(mini):
    ans = answer_question("Apa pengertian perdagangan orang menurut undang-undang?", FakeRetriever(mini), mini)
    assert ans.language == "id" and not ans.abstained
    top = ans.citations[0]
    # narrowed to the definition (angka 1), not the whole Pasal 1
    assert top.id == "uu-21-2007/pasal-1/angka-1", [c.id for c in ans.citations]
    assert top.context and top.context.startswith("Dalam Undang-Undang ini")
    assert ans.answer.startswith("Menurut UU 21/2007 Pasal 1 angka 1")


def test_narrowing_to_a_huruf(mini):
    ans = answer_question("pidana bagi pejabat imigrasi yang sengaja tidak menjalankan prosedur operasi standar "
                          "pemeriksaan pemberangkatan", FakeRetriever(mini), mini)
    assert not ans.abstained
    assert ans.citations[0].id == "uu-6-2011/pasal-133/huruf-c"
    assert ans.citations[0].huruf == "c" and ans.citations[0].pasal == "133"
    rel = {r["id"] for r in ans.citations[0].related}
    assert "uu-6-2011/pasal-16/ayat-1" in rel and "uu-6-2011/pasal-13/ayat-1" in rel


def test_treaty_item_fields(mini):
    ans = answer_question("What does trafficking in persons mean under the Palermo Protocol, recruitment exploitation",
                          FakeRetriever(mini), mini)
    treaty = [c for c in ans.citations if c.group == "treaty"]
    assert treaty and treaty[0].doc == "palermo-protocol" and treaty[0].pasal == "3"


@pytest.mark.parametrize("q", [
    "What is the income tax rate for individuals?",
    "What are the traffic rules for motorcycles on toll roads?",
    "How many days of annual leave does an employee get?",
])
def test_out_of_scope_abstains_on_weak_dense_signal(mini, q):
    ans = answer_question(q, FakeRetriever(mini, dense=0.76), mini)
    assert ans.abstained and ans.citations == []
    assert ans.answer.startswith(ABSTAIN_EN)
    assert ans.signals["dense_top"] == pytest.approx(0.76)
    assert "overlap" in ans.signals and "margin" in ans.signals and "bm25_top" in ans.signals
    assert len(ans.retrieved) >= 10  # the leads are still there


def test_abstains_in_indonesian(mini):
    ans = answer_question("Berapa tarif pajak penghasilan untuk orang pribadi?", FakeRetriever(mini, dense=0.7), mini)
    assert ans.abstained and ans.answer.startswith(ABSTAIN_ID)


def test_thresholds_come_from_config(mini, tmp_path):
    ans = answer_question(REFUSE_Q, FakeRetriever(mini, dense=0.9), mini)
    assert not ans.abstained
    strict = tmp_path / "a.toml"
    # a file overrides data/answer.toml setting by setting (here also its agreement leeway)
    # (and no answer on the lead's norm fit alone)
    strict.write_text("[abstain]\noverlap_min = 1.01\ndense_strong = 0.99\nagree_overlap_bonus = 0.0\n"
                      "[fit]\nfit_lead_rank_max = -1\nfit_overlap_strong = 1.01\n")
    ans2 = answer_question(REFUSE_Q, FakeRetriever(mini, dense=0.9), mini, AnswerConfig.load(strict))
    assert ans2.abstained


def test_empty_question_is_an_error(mini):
    with pytest.raises(LexqaError):
        answer_question("   ", FakeRetriever(mini), mini)


def test_retrieved_has_at_least_k(mini):
    r = FakeRetriever(mini)
    answer_question(REFUSE_Q, r, mini, k=5)
    assert r.calls[0][1] >= 10


def test_verification_fails_closed(mini):
    ans = answer_question(REFUSE_Q, FakeRetriever(mini), mini)
    assert ans.verification["ok"]
    # tamper: a quote that is not in the provision → the whole answer is withheld
    bad = ans.citations[0]
    bad.quote = bad.quote.replace("menolak", "mengizinkan", 1)
    out = finalize(ans, mini)
    assert out.abstained and out.citations == [] and not out.verification["ok"]
    assert "not verbatim" in out.notes[-1]


def test_verification_rejects_unknown_citation_and_bad_mention(mini):
    ans = answer_question(REFUSE_Q, FakeRetriever(mini), mini)
    ans.citations.append(Item(id="uu-6-2011/pasal-999", doc="uu-6-2011", pasal="999", ayat=None, huruf=None,
                              label="UU 6/2011 Pasal 999", quote="x", status="in force", score=0.0))
    assert finalize(ans, mini).abstained
    ans2 = answer_question(REFUSE_Q, FakeRetriever(mini), mini)
    ans2.answer += " See also Pasal 999 UU 6/2011."
    out = finalize(ans2, mini)
    assert out.abstained and any("Pasal 999" in f for f in out.verification["failures"])


def test_clip_and_first_clause_are_verbatim_prefixes():
    t = "Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia dalam hal orang tersebut: a. tidak; b. ya."
    assert first_clause(t).endswith("tersebut:") and t.startswith(first_clause(t))
    assert first_clause("1. Perdagangan Orang adalah tindakan; 2. lain") == "1. Perdagangan Orang adalah tindakan;"
    assert first_clause("(2) Pejabat Imigrasi menolak. Lainnya") == "(2) Pejabat Imigrasi menolak."
    c = clip(t * 20, 120)
    assert (t * 20).startswith(c) and len(c) <= 120


def test_rendering_rich_and_plain(mini, monkeypatch):
    from rich.console import Console

    import lexqa.cli.ask as ask_cli

    d = answer_question(REFUSE_Q, FakeRetriever(mini), mini).to_dict()
    rec = Console(record=True, width=120, force_terminal=True)
    monkeypatch.setattr(ask_cli, "console", rec)
    ask_cli.render_answer(d, rich=True)
    out = rec.export_text()
    assert "Legal basis" in out and "UU 6/2011 Pasal 16" in out and "in force as amended" in out
    plain = ask_cli._plain_answer(d)
    assert plain.startswith("Q: ") and "== Legal basis ==" in plain and "[in force as amended]" in plain
    ab = answer_question("What is the income tax rate?", FakeRetriever(mini, dense=0.7), mini).to_dict()
    assert "Nearest provisions:" in ask_cli._plain_answer(ab)


def test_definition_lookup_on_real_corpus(corpus):
    from lexqa.answer.narrow import definitions
    from lexqa.answer.terms import concepts

    got = [p.id for p in definitions(corpus, concepts("Apa yang dimaksud dengan perdagangan orang?"))]
    assert got[0] == "uu-21-2007/pasal-1/angka-1"
    en = [p.id for p in definitions(corpus, concepts("What is the definition of trafficking in persons?"))]
    assert "palermo-protocol/article-3/a" in en[:3]
    assert definitions(corpus, concepts("Pejabat Imigrasi menolak orang keluar")) == []  # not a definition question


def test_english_question_concepts_cross_to_indonesian():
    from lexqa.answer.terms import concepts, overlap

    cs = concepts("Can an immigration officer refuse a person's departure from Indonesia?")
    text = "Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia dalam hal orang tersebut:"
    assert overlap(cs, text) == 1.0
    # "traffic" is not "trafficking"
    assert overlap(concepts("traffic rules"), "Trafficking in persons shall mean") == 0.0


def test_revoked_provision_shows_replacement(corpus):
    ids = ["uu-21-2007/pasal-2", "uu-21-2007/pasal-3", "uu-21-2007/pasal-4", "uu-21-2007/pasal-5",
           "uu-21-2007/pasal-6", "uu-21-2007/pasal-7", "uu-21-2007/pasal-8", "uu-21-2007/pasal-9",
           "uu-21-2007/pasal-10", "uu-21-2007/pasal-11"]
    ans = answer_question("Apa pidana bagi setiap orang yang melakukan perekrutan seseorang dengan ancaman kekerasan "
                          "untuk tujuan mengeksploitasi orang?", FixedRetriever(corpus, ids), corpus)
    assert not ans.abstained and ans.verification["ok"]
    # today the revoked article is history: its replacement answers first, the revocation stated
    main = ans.citations[0]
    assert main.id == "uu-1-2023/pasal-455" and main.role == "answer" and main.in_force
    old = next(c for c in ans.citations if c.id.startswith("uu-21-2007/pasal-2"))
    assert old.role == "revoked" and old.status == "revoked" and old.in_force is False
    assert old.replaced_by and old.replaced_by[0]["id"] == "uu-1-2023/pasal-455"
    assert "UU 1/2023 Pasal 455" in ans.answer and "2026-01-02" in ans.answer
    assert ans.answer.index("UU 1/2023 Pasal 455") < ans.answer.index("UU 21/2007 Pasal 2")
    # before the KUHP took effect UU 21/2007 Pasal 2 was the law
    then = answer_question("Apa pidana bagi setiap orang yang melakukan perekrutan seseorang dengan ancaman kekerasan "
                           "untuk tujuan mengeksploitasi orang?", FixedRetriever(corpus, ids), corpus, as_of="2025-06-01")
    assert then.citations[0].id.startswith("uu-21-2007/pasal-2") and then.citations[0].status == "in force"
    assert not any(c.role == "revoked" for c in then.citations)
    for c in ans.citations:
        assert is_verbatim(c.quote, corpus.get(c.id).text)


def test_no_embedding_model_leaves_the_dense_signal_unknown(mini):
    from lexqa.errors import ModelUnavailable

    class NoModel(FakeRetriever):
        def search(self, query, k=10, mode="hybrid", filters=None, *, exact=True):
            if mode in ("dense", "hybrid"):
                raise ModelUnavailable("no embedder")
            return super().search(query, k, mode, filters, exact=exact)

    ans = answer_question(REFUSE_Q, NoModel(mini), mini, mode="bm25")
    assert ans.signals["dense_top"] is None and ans.signals["dense_error"] == "ModelUnavailable"
    assert not ans.abstained and ans.signals["decision"].endswith("(no dense score)")
    with pytest.raises(ModelUnavailable):
        answer_question(REFUSE_Q, NoModel(mini), mini)
