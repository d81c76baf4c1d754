"""Choosing the answer's provisions (lexqa.answer.extractive): a regulation that leads is cited
with the core statute article found just below it that carries as much of the question and fits
it as well (`with_statute`); a norm of the asked kind that shares none of the question's
concepts gets no fit bonus, so it does not lead over one that carries them."""

from __future__ import annotations

from fakes import FixedRetriever

from lexqa.answer import AnswerConfig, answer_question
from lexqa.answer.extractive import with_statute
from lexqa.models import SearchHit


def _cands(corpus, rows):
    out = []
    for pid, ov, idx in rows:
        p = corpus.get(pid)
        out.append((p, SearchHit(provision=p, score=0.5, rank=idx + 1, source="hybrid"), ov, ov, idx))
    return out


def _ids(chosen):
    return [p.id for p, _, _ in chosen]


def test_a_statute_joins_the_regulation_that_leads(corpus):
    cfg = AnswerConfig.load()
    cands = _cands(corpus, [("pp-31-2013/pasal-225", 0.3, 0), ("uu-6-2011/pasal-86", 0.3, 1)])
    chosen = [(cands[0][0], cands[0][1], 0.3)]
    assert _ids(with_statute(chosen, cands, corpus, cfg, "other")) == ["pp-31-2013/pasal-225", "uu-6-2011/pasal-86"]
    # less of the question than the lead, too far below it, or the knob off: the regulation alone
    weaker = _cands(corpus, [("pp-31-2013/pasal-225", 0.3, 0), ("uu-6-2011/pasal-86", 0.2, 1)])
    assert _ids(with_statute(chosen, weaker, corpus, cfg, "other")) == ["pp-31-2013/pasal-225"]
    far = _cands(corpus, [("pp-31-2013/pasal-225", 0.3, 0), ("uu-6-2011/pasal-86", 0.3, cfg.statute_join_ranks + 1)])
    assert _ids(with_statute(chosen, far, corpus, cfg, "other")) == ["pp-31-2013/pasal-225"]
    off = AnswerConfig.load(statute_join_ranks=0)
    assert _ids(with_statute(chosen, cands, corpus, off, "other")) == ["pp-31-2013/pasal-225"]


def test_no_statute_joins_a_statute_nor_a_peripheral_law(corpus):
    cfg = AnswerConfig.load()
    law = _cands(corpus, [("uu-6-2011/pasal-86", 0.3, 0), ("uu-6-2011/pasal-87", 0.3, 1)])
    assert _ids(with_statute([(law[0][0], law[0][1], 0.3)], law, corpus, cfg, "other")) == ["uu-6-2011/pasal-86"]
    # UU 39/2004 (labour placement) is peripheral law: it needs stronger evidence than a tie
    per = _cands(corpus, [("pp-31-2013/pasal-225", 0.3, 0), ("uu-39-2004/pasal-2", 0.3, 1)])
    assert _ids(with_statute([(per[0][0], per[0][1], 0.3)], per, corpus, cfg, "other")) == ["pp-31-2013/pasal-225"]


def test_a_fitting_norm_without_overlap_does_not_lead(corpus):
    fill = [f"uu-6-2011/pasal-{n}" for n in range(30, 40)]
    q = "Which documents does every traveller need to carry to enter or leave Indonesia?"
    ids = ["pp-31-2013/pasal-7", "uu-6-2011/pasal-8"] + fill
    ans = answer_question(q, FixedRetriever(corpus, ids), corpus)
    assert not ans.abstained and ans.citations[0].id.startswith("uu-6-2011/pasal-8"), ans.signals["decision"]
    # with the bonus for a norm that shares nothing with the question, PP 31/2013 Pasal 7 leads and
    # the question is refused for lack of overlap
    old = answer_question(q, FixedRetriever(corpus, ids), corpus, AnswerConfig.load(fit_needs_overlap=False))
    assert old.abstained


def test_a_scenarios_first_clause_keeps_the_whole_questions_lead_unless_its_own_is_clearly_better(corpus):
    from lexqa.answer.issues import _clearly_better

    cfg = AnswerConfig.load()
    m = cfg.issue_first_margin
    own = "uu-63-2024/pasal-i/angka-2/pasal-16"
    # the clause's own lookup leads with Pasal 16 well ahead of the whole question's lead (PP 31/2013
    # Pasal 109, at rank 5 there): the clause is answered by its own law
    cands = _cands(corpus, [(own, 0.4 + m, 0), ("pp-31-2013/pasal-109", 0.3, 5)])
    assert _clearly_better(cands, cands[0][0], "pp-31-2013/pasal-109", cfg, "id")
    # a whole-question lead that the clause's lookup rates as high (or a part of it, ayat 1) stays
    close = _cands(corpus, [(own, 0.4, 0), ("pp-31-2013/pasal-109", 0.4, 0)])
    assert not _clearly_better(close, close[0][0], "pp-31-2013/pasal-109", cfg, "id")
    assert not _clearly_better(cands, cands[0][0], own + "/ayat-1", cfg, "id")
    # a lead the clause's lookup never found counts 0
    assert _clearly_better(cands[:1], cands[0][0], "uu-6-2011/pasal-95", cfg, "id")


def test_a_rare_concept_weighs_more_in_the_lead_choice_than_a_common_one(corpus):
    from lexqa.answer import terms

    cs = terms.concepts("Apakah WNA yang pura-pura menikah dengan WNI demi mendapat izin tinggal bisa dipidana?")
    w = {c.text: c.weight for c in terms.by_rarity(cs, corpus, 0.5)}
    # "perkawinan semu" is in a couple of articles, "izin" in hundreds
    assert w["pura-pura menikah"] > 1.2 and w["izin"] < 1.0, w
    assert terms.by_rarity(cs, corpus, 0.0) is cs


def test_the_article_of_the_rare_concept_leads_over_a_sanction_sharing_only_common_words(corpus):
    # UU 6/2023 Pasal 63 (the sponsor) comes first and its sanction, Pasal 118, fits a penalty
    # question as well as Pasal 135 (perkawinan semu) does: the concepts alike would tie, and
    # retrieval's order would pick the sponsor's sanction for a sham-marriage question
    q = "Apakah WNA yang pura-pura menikah dengan WNI demi mendapat izin tinggal bisa dipidana?"
    ids = ["uu-6-2023/pasal-106/angka-7/pasal-63", "uu-6-2011/pasal-135", "uu-6-2011/pasal-62",
           "uu-6-2011/pasal-52"]
    ans = answer_question(q, FixedRetriever(corpus, ids), corpus)
    cited = [c.id for c in ans.citations if c.role == "answer"]
    assert cited and cited[0] == "uu-6-2011/pasal-135", cited
    flat = answer_question(q, FixedRetriever(corpus, ids), corpus, AnswerConfig.load(rarity_weight=0.0))
    assert [c.id for c in flat.citations if c.role == "answer"][:1] != ["uu-6-2011/pasal-135"]


def test_a_list_of_definitions_is_narrowed_to_the_item_whose_term_is_asked(corpus):
    # gold q094: the words naming the instrument ("… Convention against Transnational Organized
    # Crime") are met by its title, so UNTOC Article 2 narrows to item (a), quoted whole
    q = "What counts as an organized criminal group under the UN Convention against Transnational Organized Crime?"
    ans = answer_question(q, FixedRetriever(corpus, ["untoc/article-2", "untoc/article-3"]), corpus)
    main = [c for c in ans.citations if c.role == "answer"]
    assert main and main[0].id == "untoc/article-2/a", [c.id for c in main]
    assert main[0].quote.rstrip().endswith("material benefit;"), main[0].quote


def test_a_list_item_fits_the_duty_of_its_chapeau(corpus):
    from lexqa.answer.fit import fit

    # UU 6/2011 Pasal 71(1) as rewritten: "Setiap Orang Asing … wajib: a. memberikan segala keterangan …"
    item = corpus.get("uu-6-2023/pasal-106/angka-8/pasal-71/ayat-1/huruf-a")
    assert item is not None and "wajib" not in item.text
    assert fit("duty", item, corpus) == 1


_DETENTION_Q = "How long may a foreigner stay in an immigration detention room before being moved to a detention centre?"


def test_a_how_long_question_is_answered_by_the_ayat_that_states_the_period(corpus):
    # the concepts point at ayat (3) ("Apabila jangka waktu sebagaimana dimaksud pada ayat (2)
    # terlampaui …"), the period is in ayat (2): its "30 (tiga puluh) hari" is quoted under its label
    ids = ["pp-31-2013/pasal-208", "uu-6-2011/pasal-85", "uu-6-2011/pasal-83"]
    ans = answer_question(_DETENTION_Q, FixedRetriever(corpus, ids), corpus)
    assert not ans.abstained, ans.signals["decision"]
    assert ans.answer.startswith("PP 31/2013 Pasal 208 ayat (2): “(2) Penempatan Orang Asing dalam Ruang Detensi"), ans.answer
    assert "30 (tiga puluh) hari" in ans.answer


def test_a_statute_that_lacks_the_asked_norm_does_not_take_the_lead(corpus):
    # UU 6/2011 Pasal 83(1) (the power to detain, no period) joins the answer and is listed first
    # among statutes and regulations alike, but the lead stays with the provision stating the period
    ids = ["pp-31-2013/pasal-208", "uu-6-2011/pasal-83", "uu-6-2011/pasal-85"]
    ans = answer_question(_DETENTION_Q, FixedRetriever(corpus, ids), corpus)
    main = [c.id for c in ans.citations if c.role == "answer"]
    assert main[0] == "pp-31-2013/pasal-208" and any(m.startswith("uu-6-2011/pasal-83") for m in main), main
    assert ans.lead_claims[0]["citations"] == ["pp-31-2013/pasal-208"]


def test_an_english_questions_rank_penalty_stops_after_a_few_ranks(corpus):
    # UU 6/2011 Pasal 126 huruf d ("2 (dua) atau lebih Dokumen Perjalanan Republik Indonesia yang
    # sejenis dan semuanya masih berlaku") at rank 4 carries the question and states the penalty
    q = "What is the penalty for an Indonesian who holds two valid ordinary passports of the same kind?"
    ids = ["pp-31-2013/pasal-76", "pp-31-2013/pasal-82", "uu-6-2011/pasal-31", "uu-1-2023/pasal-402",
           "uu-6-2011/pasal-126", "uu-1-2023/pasal-403"]
    ans = answer_question(q, FixedRetriever(corpus, ids), corpus)
    claim = ans.lead_claims[0]
    assert claim["citations"][0].startswith("uu-6-2011/pasal-126"), ans.answer
    assert claim["facts"]["prison_max_months"] == 60 and claim["facts"]["fine_max_rp"] == 500_000_000
    old = answer_question(q, FixedRetriever(corpus, ids), corpus, AnswerConfig.load(rank_penalty_en_cap=99))
    assert not (old.lead_claims and old.lead_claims[0]["citations"][0].startswith("uu-6-2011/pasal-126"))
