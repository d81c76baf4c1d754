"""The revoking clause as a basis (lexqa.answer.revocation): an answer that tells the history of a
revoked provision, rests on an article revoked in part, or on the provision that replaced a
revoked one (when the question asks about the change) cites the exact clause that revoked it,
quoted verbatim; a question that does not ask about the change gets no such clause."""

from __future__ import annotations

from fakes import FixedRetriever

from lexqa.answer import AnswerConfig, answer_question
from lexqa.answer.model import BASIS_ROLES
from lexqa.relations import relations
from lexqa.text import is_verbatim

UU21 = ["uu-21-2007/pasal-2"] + [f"uu-21-2007/pasal-{n}" for n in range(3, 12)]
KUHP455 = ["uu-1-2023/pasal-455"] + [f"uu-21-2007/pasal-{n}" for n in range(3, 12)]
UU6_126 = ["uu-6-2011/pasal-126"] + [f"uu-6-2011/pasal-{n}" for n in range(127, 136)]


def _revocations(ans):
    return [c for c in ans.citations if c.role == "revocation"]


def test_relations_know_what_a_provision_replaced(corpus):
    rel = relations(corpus)
    assert [r.target for r in rel.replacing("uu-1-2023/pasal-455")] == ["uu-21-2007/pasal-2"]
    # a part of the replacement, and an article that replaced nothing
    assert [r.by for r in rel.replacing("uu-1-2023/pasal-455/ayat-1")] == ["uu-1-2023/pasal-622/ayat-1/huruf-q"]
    assert rel.replacing("uu-1-2023/pasal-454") == []


def test_history_of_a_revoked_provision_cites_the_revoking_huruf(corpus):
    ans = answer_question("What is the penalty for trafficking under UU 21/2007 Pasal 2?", FixedRetriever(corpus, UU21), corpus)
    assert ans.verification["ok"] and ans.citations[0].id == "uu-1-2023/pasal-455"
    assert any(c.role == "revoked" and c.id == "uu-21-2007/pasal-2" for c in ans.citations)
    (rev,) = _revocations(ans)
    # the exact huruf that names the revoked article, verbatim, with the list's chapeau
    assert rev.id == "uu-1-2023/pasal-622/ayat-1/huruf-q" and rev.in_force
    assert is_verbatim(rev.quote, corpus.get(rev.id).text) and "Pasal 2" in rev.quote
    assert rev.context and "mulai berlaku" in rev.context
    assert "revocation" in BASIS_ROLES


def test_replacement_cites_the_revocation_only_when_the_change_is_asked(corpus):
    asked = answer_question("Which article now defines and punishes the basic human trafficking offence after the new "
                            "Criminal Code came into force?", FixedRetriever(corpus, KUHP455), corpus)
    assert asked.verification["ok"] and asked.citations[0].id.startswith("uu-1-2023/pasal-455")
    assert [c.id for c in _revocations(asked)] == ["uu-1-2023/pasal-622/ayat-1/huruf-q"]
    plain = answer_question("What is the penalty for human trafficking?", FixedRetriever(corpus, KUHP455), corpus)
    assert plain.citations[0].id.startswith("uu-1-2023/pasal-455") and not _revocations(plain)
    # before the revocation took effect there is no revocation to cite
    then = answer_question("Which article now defines and punishes the basic human trafficking offence after the new "
                           "Criminal Code came into force?", FixedRetriever(corpus, KUHP455), corpus, as_of="2025-06-01")
    assert not _revocations(then)


def test_article_revoked_in_part_says_which_part_when_asked(corpus):
    q = ("Sejak KUHP baru berlaku, apakah pidana bagi orang yang memiliki dua paspor RI sejenis yang masih berlaku "
         "tetap diatur dalam UU Keimigrasian?")
    ans = answer_question(q, FixedRetriever(corpus, UU6_126), corpus)
    assert ans.verification["ok"] and ans.citations[0].id.startswith("uu-6-2011/pasal-126")
    assert [c.id for c in _revocations(ans)] == ["uu-1-2023/pasal-622/ayat-1/huruf-y"]
    note = next(c for c in ans.lead_claims if "uu-1-2023/pasal-622/ayat-1/huruf-y" in c["citations"])
    assert "huruf e" in note["text"] and "2026-01-02" in note["text"] and note["text"] in ans.answer
    # a penalty question that asks nothing about the change: no revocation clause, no note
    pen = answer_question("Berapa ancaman pidana bagi orang yang dengan sengaja menggunakan Dokumen Perjalanan RI yang "
                          "diketahuinya palsu untuk keluar Indonesia?", FixedRetriever(corpus, UU6_126), corpus)
    assert not pen.abstained and not _revocations(pen) and "dicabut" not in pen.answer


def test_the_knob_turns_it_off(corpus):
    cfg = AnswerConfig.load(revocation_citations=0)
    ans = answer_question("What is the penalty for trafficking under UU 21/2007 Pasal 2?", FixedRetriever(corpus, UU21),
                          corpus, cfg)
    assert ans.verification["ok"] and not _revocations(ans)
