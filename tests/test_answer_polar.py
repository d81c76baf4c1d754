"""A power answers "may I / can we X?" only when X is in what it empowers, not only in the
condition that triggers it (lexqa.answer.polar), on the real UU 6/2011 Pasal 85 ayat (2)."""

from __future__ import annotations

from lexqa.answer import terms
from lexqa.answer.polar import act_text, answers_issue
from lexqa.norm import norm_of


def _power(corpus):
    p = corpus.get("uu-6-2011/pasal-85/ayat-2")
    return next(x for x in norm_of(p, corpus).all() if x.modality == "power")


def test_the_power_s_act_leaves_out_its_dalam_hal_condition(corpus):
    op = _power(corpus)
    act = act_text(op, "id")
    assert "detensi dapat dilakukan" in act and "Dalam hal Deportasi" not in act


def test_a_power_says_nothing_to_a_question_about_its_condition_only(corpus):
    op = _power(corpus)
    deport = terms.concepts("Bolehkah dia dideportasi sekarang?")
    detain = terms.concepts("Bolehkah detensi dilakukan selama 10 tahun?")
    assert answers_issue(op, "permission", detain, 0.5, "id")
    assert not answers_issue(op, "permission", deport, 0.5, "id")
    # without the issue's concepts the modality alone decides, as before
    assert answers_issue(op, "permission", None, 0.5, "id")


def test_a_right_answers_may_or_have_the_right_to(corpus):
    # UU 21/2007 Pasal 44 ayat (1): "Saksi dan/atau korban ... berhak memperoleh kerahasiaan identitas"
    p = corpus.get("uu-21-2007/pasal-44/ayat-1")
    op = next(x for x in norm_of(p, corpus).all() if x.modality == "right")
    assert answers_issue(op, "permission", None, 1.0, "id")
    # a right answers no "must …?" (it binds no one to act) nor "is it forbidden …?"
    assert not answers_issue(op, "duty", None, 1.0, "id")
    assert not answers_issue(op, "prohibition", None, 1.0, "id")


def test_a_power_says_nothing_when_it_shares_only_whom_it_is_for(corpus):
    # PP 31/2013 Pasal 224 ayat (2): "… dapat menerbitkan Surat Perjalanan Laksana Paspor bagi korban
    # perdagangan orang …" shares the victim with the question, not the act asked about
    p = corpus.get("pp-31-2013/pasal-224/ayat-2")
    op = next(x for x in norm_of(p, corpus).all() if x.modality == "power")
    remain = terms.concepts("Should a foreign trafficking victim be allowed to remain in the country "
                            "instead of being removed immediately?")
    assert terms.overlap(remain, act_text(op, "id")) >= 0.2   # the share alone would have said Yes
    assert not answers_issue(op, "permission", remain, 0.34, "id")
    document = terms.concepts("Can the immigration officer issue a travel document for a trafficking victim?")
    assert answers_issue(op, "permission", document, 0.34, "id")


def test_a_condition_told_as_the_premise_makes_only_if_a_yes(corpus):
    from fakes import FixedRetriever

    from lexqa.answer import answer_question
    from lexqa.answer.polar import condition_told

    law = ["Dalam hal terdapat keraguan atas keabsahan Dokumen Perjalanan dan/atau identitas diri seseorang"]
    assert condition_told("Kalau saya ragu paspor penumpang itu asli, bolehkah saya memeriksa badan dan bawaannya?", law)
    assert not condition_told("Bolehkah saya memeriksa badan dan bawaan penumpang?", law)  # no premise told
    assert not condition_told("Kalau penumpang itu membawa anak, bolehkah saya memeriksa badannya?", law)  # another premise
    # UU 6/2011 Pasal 9(3): the object of the search ("penggeledahan terhadap badan dan barang bawaan")
    # is the power's act, not whom it is for; the doubt is told, so the answer is a plain yes
    q = "Kalau saya ragu paspor penumpang itu asli, bolehkah saya memeriksa badan dan bawaannya?"
    ans = answer_question(q, FixedRetriever(corpus, ["uu-6-2011/pasal-9"]), corpus)
    assert ans.answer.startswith("Ya — UU 6/2011 Pasal 9 ayat (3)"), ans.answer
    q = "Bolehkah saya memeriksa badan dan bawaan penumpang?"
    ans = answer_question(q, FixedRetriever(corpus, ["uu-6-2011/pasal-9"]), corpus)
    assert ans.answer.startswith("Hanya jika syarat undang-undang terpenuhi — UU 6/2011 Pasal 9 ayat (3)"), ans.answer


def test_the_part_that_answers_is_the_asked_modality_carrying_the_issue(corpus):
    from fakes import FixedRetriever

    from lexqa.answer import answer_question

    def polarity(q, ids):
        ans = answer_question(q, FixedRetriever(corpus, ids), corpus)
        return next((c.get("polarity") for c in ans.lead_claims if c.get("polarity")), None), ans.answer

    # UU 21/2007 Pasal 48: ayat (1) "berhak memperoleh restitusi" answers "can a victim ask for
    # restitution?", not ayat (5)'s "dapat dititipkan … di pengadilan" (a power that comes first)
    got, text = polarity("Can a trafficking victim ask for restitution through LPSK before the verdict?",
                         ["uu-21-2007/pasal-48"])
    assert got == "yes", text
    # a duty asked is answered by the duty, however well a power of the same article matches:
    # "Pejabat Imigrasi menolak orang untuk keluar …" (UU 6/2011 Pasal 16(1) as amended) is a yes
    got, text = polarity("Penumpang WNI berangkat dengan paspor milik kakaknya. Apakah saya wajib menolak dia keluar?",
                         ["uu-63-2024/pasal-i/angka-2/pasal-16"])
    assert got == "yes", text


def test_a_yes_quotes_the_ayat_that_grants_it(corpus):
    from fakes import FixedRetriever

    from lexqa.answer import answer_question

    q = "Can restitution money be lodged with the court before the judgment becomes final?"
    ans = answer_question(q, FixedRetriever(corpus, ["uu-21-2007/pasal-48"]), corpus)
    assert ans.answer.startswith("Yes — UU 21/2007 Pasal 48 ayat (5): “(5) Restitusi"), ans.answer
    assert "dapat dititipkan" in ans.answer and ans.verification["ok"]


def test_an_exemption_says_no_only_to_what_its_own_ayat_is_about(corpus):
    from lexqa.answer import lead
    from lexqa.answer.config import AnswerConfig
    from lexqa.answer.items import make_item

    # UU 6/2011 Pasal 48(5) spares detainees the Izin Tinggal; it says nothing to whether a
    # foreigner may be barred from certain areas (ayat (4): "Menteri berwenang melarang …")
    item = make_item(corpus, corpus.get("uu-6-2011/pasal-48"), 1.0, AnswerConfig.load())
    t = "Apakah Orang Asing dapat dilarang berada di daerah tertentu di Indonesia"
    cl = lead._sentence_for(item, corpus, "permission", True, "id", 420, terms.concepts(t), 0.34, False, t, t)
    assert cl["polarity"] == "yes" and "Pasal 48 ayat (4)" in cl["text"], cl["text"]


def test_is_the_penalty_heavier_is_a_yes_only_from_a_penalty_that_increases_another(corpus):
    from fakes import FixedRetriever

    from lexqa.answer import answer_question

    q = "Is the sentence heavier when the trafficking victim is a child?"
    # UU 23/2002 Pasal 78 punishes neglecting a child in need: its penalty increases nothing (the
    # increase by a third is UU 21/2007 Pasal 17, quoted, not yet stated as a Yes)
    ans = answer_question(q, FixedRetriever(corpus, ["uu-23-2002/pasal-78"]), corpus)
    assert not ans.answer.startswith("Yes"), ans.answer
    assert not any(c.get("polarity") for c in ans.lead_claims)
