"""The lead answers first (lexqa.answer.lead): penalty numbers read from the law, yes / no /
only-if with the whole list, cuts only at clause boundaries; the answer view's blocks."""

from __future__ import annotations

import re

from fakes import FixedRetriever

from lexqa.answer import answer_question
from lexqa.answer.lead import penalty_text, quote_clause
from lexqa.norm import norm_of, safe_cut
from lexqa.text import collapse_ws


def _fill(corpus, ids):
    extra = [f"uu-6-2011/pasal-{n}" for n in range(100, 140) if corpus.get(f"uu-6-2011/pasal-{n}")]
    return ids + [e for e in extra if e not in ids][: max(0, 10 - len(ids))]


def test_penalty_question_states_the_numbers_of_the_law(corpus):
    q = "Berapa ancaman pidana bagi orang yang memasukkan orang asing ke Indonesia secara tidak sah?"
    ans = answer_question(q, FixedRetriever(corpus, _fill(corpus, ["uu-6-2011/pasal-119"])), corpus)
    assert not ans.abstained and ans.verification["ok"], ans.notes
    claim = ans.lead_claims[0]
    facts = claim["facts"]
    text = corpus.get(claim["citations"][0]).text
    # the figures come from the provision's own digits (UU 6/2011 Pasal 119: 5 years, Rp500 million)
    assert facts["prison_max_months"] == 60 and "5 (lima) tahun" in text
    assert facts["fine_max_rp"] == 500_000_000 and "Rp500.000.000,00" in text.replace(" ", "")
    assert ans.answer.startswith("Pidana penjara paling lama 5 tahun") and "Rp500.000.000" in ans.answer


def test_revoked_penalty_leads_with_the_kuhp_and_states_the_old_range(corpus):
    ids = ["uu-21-2007/pasal-2"] + [f"uu-21-2007/pasal-{n}" for n in range(3, 12)]
    ans = answer_question("What is the penalty for trafficking under UU 21/2007 Pasal 2?", FixedRetriever(corpus, ids), corpus)
    assert ans.verification["ok"] and ans.citations[0].id == "uu-1-2023/pasal-455"
    first, second = ans.lead_claims[0], ans.lead_claims[1]
    assert first["citations"] == ["uu-1-2023/pasal-455"] and first["facts"]["prison_max_months"] == 180
    assert second.get("history") and second["facts"] == {"prison_min_months": 36, "prison_max_months": 180,
                                                          "fine_min_rp": 120_000_000, "fine_max_rp": 600_000_000}
    assert "Rp600,000,000" in ans.answer and "Rp600,000." not in ans.answer.replace("Rp600,000,000", "")


def test_polar_questions_get_yes_no_or_only_if(corpus):
    no = answer_question("Can an Indonesian citizen be refused entry into Indonesia?",
                         FixedRetriever(corpus, _fill(corpus, ["uu-6-2011/pasal-14"])), corpus)
    assert no.answer.startswith("No — UU 6/2011 Pasal 14") and no.lead_claims[0]["polarity"] == "no"
    only = answer_question("Bolehkah Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?",
                           FixedRetriever(corpus, _fill(corpus, ["uu-6-2011/pasal-16"])), corpus)
    assert only.lead_claims[0]["polarity"] == "only-if" and only.answer.startswith("Hanya jika")
    # the conditions are quoted with every list item, in the words in force today
    assert "c. namanya tercantum dalam daftar Pencegahan" in only.answer and "penuntutan" in only.answer
    assert only.verification["ok"]


def test_no_yes_or_no_from_a_provision_that_does_not_carry_the_question(corpus):
    # PP 31/2013 Pasal 224(2) is a power ("dapat menerbitkan") about travel documents, not about delaying a departure
    q = "Bolehkah saya menunda keberangkatan penumpang ini?"
    ans = answer_question(q, FixedRetriever(corpus, _fill(corpus, ["pp-31-2013/pasal-224"])), corpus)
    assert not any(c.get("polarity") for c in ans.lead_claims), ans.lead_claims


def test_quotes_are_never_cut_inside_an_amount_a_citation_or_a_list(corpus):
    for pid in ("uu-21-2007/pasal-2", "uu-6-2011/pasal-16", "uu-6-2011/pasal-119", "uu-1-2023/pasal-455"):
        t = corpus.get(pid).text.strip()
        for limit in range(40, len(t), 7):
            q = quote_clause(t, limit)
            assert t.startswith(q)
            # a clause boundary, or (no boundary within 3x the limit) a word boundary outside numbers
            assert len(q) == len(t) or safe_cut(t, len(q)) == len(q) or t[len(q)] == " ", (pid, limit, q[-30:])
            assert not re.search(r"Rp[\d.]*\d\.$", q), q[-30:]


def test_penalty_text_refuses_a_clause_with_defects(corpus):
    pen = norm_of(corpus.get("uu-21-2007/pasal-2/ayat-1"), corpus).penalty
    assert penalty_text(pen, "en") == "Imprisonment of 3 to 15 years and a fine of Rp120,000,000 to Rp600,000,000"[0].lower() + \
        "mprisonment of 3 to 15 years and a fine of Rp120,000,000 to Rp600,000,000"
    pen.defects.append("unreadable amount")
    assert penalty_text(pen, "en") is None


def test_answer_view_blocks_in_order(corpus):
    from lexqa.cli.answer_view import plain

    ids = ["uu-21-2007/pasal-2"] + [f"uu-21-2007/pasal-{n}" for n in range(3, 12)]
    d = answer_question("Apa pidana perdagangan orang menurut UU 21/2007 Pasal 2?", FixedRetriever(corpus, ids), corpus).to_dict()
    out = plain(d)
    assert out.index("A: ") < out.index("== Dasar hukum ==") < out.index("== Riwayat (tidak berlaku) ==")
    brief = plain(d, brief=True)
    assert "== Dasar hukum ==" in brief and "Riwayat" not in brief and "“" not in brief.split("A: ", 1)[1].split("\n", 1)[1]
    for c in d["lead_claims"]:
        for cid in c["citations"]:
            assert corpus.get(cid) is not None
    assert collapse_ws(d["answer"])


def test_lexqa_today_sets_the_date_today_means(corpus, monkeypatch):
    from lexqa.retrieve.current import unit_of

    assert unit_of(corpus, "uu-6-2011/pasal-16").words == "uu-63-2024/pasal-i/angka-2/pasal-16"
    monkeypatch.setenv("LEXQA_TODAY", "2020-01-01")
    u = unit_of(corpus, "uu-6-2011/pasal-16")
    assert u.words == "uu-6-2011/pasal-16" and u.as_of == "2020-01-01" and u.state == "in force"
    monkeypatch.setenv("LEXQA_TODAY", "not a date")  # falls back to the clock
    assert unit_of(corpus, "uu-6-2011/pasal-16").words == "uu-63-2024/pasal-i/angka-2/pasal-16"


# ------------------------------------------------------------------ the law's words that say No / Yes
def _first_polarity(ans):
    return next((c.get("polarity") for c in ans.lead_claims if c.get("polarity")), None)


def test_a_list_item_is_read_with_its_chapeau(corpus):
    # UU 6/2011 Pasal 71(1) (as amended by UU 6/2023): "Setiap Orang Asing ... wajib: ... b. menyerahkan
    # Dokumen Perjalanan ... apabila diminta": the item alone has no modal word; its chapeau's duty answers
    item = "uu-6-2023/pasal-106/angka-8/pasal-71/ayat-1/huruf-b"
    ans = answer_question("Must a foreigner hand over his passport when an immigration officer asks for it?",
                          FixedRetriever(corpus, _fill(corpus, [item])), corpus)
    claim = ans.lead_claims[0]
    assert claim["citations"] == [item] and claim.get("polarity") == "yes", ans.lead_claims
    assert ans.verification["ok"]


def test_a_ground_the_closed_list_does_not_name_is_a_no(corpus):
    # UU 6/2011 Pasal 16(1) as amended by UU 63/2024: the grounds are a. no valid travel document,
    # b. "penyidikan dan penuntutan" on request, c. the Pencegahan list; a preliminary inquiry
    # (penyelidikan) is not among them
    art = "uu-63-2024/pasal-i/angka-2/pasal-16"
    q = "Bolehkah Pejabat Imigrasi menolak orang keluar Wilayah Indonesia yang hanya {} ?"
    no = answer_question(q.format("sedang dalam penyelidikan"), FixedRetriever(corpus, _fill(corpus, [art])), corpus)
    assert _first_polarity(no) == "no" and no.answer.startswith("Tidak —"), no.lead_claims
    # a ground the list names is not refused ...
    listed = answer_question(q.format("diperlukan untuk kepentingan penyidikan"),
                             FixedRetriever(corpus, _fill(corpus, [art])), corpus)
    assert _first_polarity(listed) != "no", listed.lead_claims
    # ... and "not only" restricts nothing
    assert _first_polarity(answer_question(
        "Bolehkah Pejabat Imigrasi, bukan hanya Menteri, menolak orang keluar Wilayah Indonesia?",
        FixedRetriever(corpus, _fill(corpus, [art])), corpus)) != "no"
    # the ground told before the ask ("… only … Can I refuse … on that request?") is the ground asked about
    told = ("The prosecutor's office says the traveller is only under a preliminary inquiry (penyelidikan). "
            "May the Immigration Officer refuse his departure from Indonesia on that request?")
    no = answer_question(told, FixedRetriever(corpus, _fill(corpus, [art])), corpus)
    assert _first_polarity(no) == "no" and no.answer.startswith("No —"), no.lead_claims
    # without the restriction, the refusal on listed grounds answers "only if", never a bare yes
    asked = answer_question("May the Immigration Officer refuse a person's departure from Indonesia?",
                            FixedRetriever(corpus, _fill(corpus, [art])), corpus)
    assert _first_polarity(asked) == "only-if", asked.lead_claims


def test_renewal_again_and_again_against_one_bounded_extension_is_a_no(corpus):
    from lexqa.answer.lead import extension_is_bounded

    q = "Can a Pencegahan be extended again and again?"
    now = corpus.get("uu-63-2024/pasal-i/angka-6/pasal-97").text   # "dapat diperpanjang paling lama 6 (enam) bulan."
    assert extension_is_bounded(q, now)
    assert not extension_is_bounded("Can a Pencegahan be extended?", now)   # a single extension: yes
    assert not extension_is_bounded(q, now.replace("6 (enam) bulan.", "6 (enam) bulan setiap kali perpanjangan."))
    ans = answer_question(q, FixedRetriever(corpus, _fill(corpus, ["uu-63-2024/pasal-i/angka-6/pasal-97"])), corpus)
    assert _first_polarity(ans) == "no" and ans.answer.startswith("No —"), ans.lead_claims


def test_a_lost_right_answers_can_it_still_be_claimed_with_no(corpus):
    # UU 21/2007 Pasal 27: "Pelaku ... kehilangan hak tagihnya atas utang ... terhadap korban, jika ..."
    ans = answer_question("Apakah utang korban masih bisa ditagih oleh pelaku?",
                          FixedRetriever(corpus, _fill(corpus, ["uu-21-2007/pasal-27"])), corpus)
    assert ans.lead_claims[0]["citations"] == ["uu-21-2007/pasal-27"] and _first_polarity(ans) == "no", ans.lead_claims


def test_of_several_penalty_ayat_the_one_the_question_is_about_states_its_numbers(corpus):
    # UU 21/2007 Pasal 7: ayat (1) a third more for grave injury (Pasal 2's range, never stated as
    # numbers), ayat (2) 5 years to life for the victim's death: "meninggal" is the rarer concept
    q = "Berapa ancaman pidana bagi pelaku jika korban TPPO meninggal?"
    ans = answer_question(q, FixedRetriever(corpus, _fill(corpus, ["uu-21-2007/pasal-7"])), corpus)
    assert not ans.abstained and ans.verification["ok"], ans.notes
    claim = ans.lead_claims[0]
    assert claim["citations"] == ["uu-21-2007/pasal-7"]
    assert claim["facts"] == {"prison_min_months": 60, "life": True, "fine_min_rp": 200_000_000,
                              "fine_max_rp": 5_000_000_000}, claim
    # one range to life, not life imprisonment beside a minimum term; the ayat that states it is named
    assert ans.answer.startswith("Pidana penjara paling singkat 5 tahun dan paling lama seumur hidup dan "
                                 "pidana denda Rp200.000.000 sampai Rp5.000.000.000 (UU 21/2007 Pasal 7 ayat (2))"), ans.answer


def test_a_term_to_life_reads_as_one_range():
    from lexqa.norm.model import Penalty

    pen = Penalty(prison_min_months=60, life=True, fine_min_rp=200_000_000, fine_max_rp=5_000_000_000, combination="and")
    assert penalty_text(pen, "en") == "imprisonment of 5 years to life and a fine of Rp200,000,000 to Rp5,000,000,000"
    # death, life or a term are alternatives, each stated
    alt = Penalty(prison_min_months=60, prison_max_months=240, life=True, death=True, combination="or")
    assert penalty_text(alt, "en") == "death, life imprisonment or imprisonment of 5 to 20 years"


def test_a_list_item_is_quoted_with_the_chapeau_it_is_a_ground_of(corpus):
    from lexqa.answer.model import Answer
    from lexqa.cite.verify import verify_answer

    q = "A foreign arrival is known to be part of a prostitution and people-smuggling ring. May I still let him in?"
    ans = answer_question(q, FixedRetriever(corpus, _fill(corpus, ["uu-6-2011/pasal-13"])), corpus)
    assert ans.verification["ok"], ans.notes
    assert ans.answer.startswith("No — UU 6/2011 Pasal 13 ayat (1): “(1) Pejabat Imigrasi menolak Orang Asing masuk "
                                 "Wilayah Indonesia dalam hal orang asing tersebut:” … UU 6/2011 Pasal 13 ayat (1) huruf j: "
                                 "“j. termasuk dalam jaringan praktik"), ans.answer
    # the chapeau of a cited item may be quoted; a sibling item may not (it is not what is cited)
    item = next(c for c in ans.citations if c.id == "uu-6-2011/pasal-13/ayat-1/huruf-j")
    sibling = Answer(question=q, answer="UU 6/2011 Pasal 13 ayat (1) huruf j: “namanya tercantum dalam daftar Penangkalan”",
                     abstained=False, citations=[item])
    assert not verify_answer(sibling, corpus).ok


def test_an_article_cut_at_its_opening_is_quoted_by_the_ayat_that_carries_the_issue(corpus):
    # the scenario's second ask is answered by PP 9/2008 Pasal 17 as a whole; its opening words,
    # cut to fit, would stop at the condition ("… berada di luar negeri,"): ayat (4) is quoted
    q = ("Korban TPPO WNI yang dipulangkan dari Arab Saudi tiba di bandara dalam keadaan sakit. Apa kewajiban "
         "Perwakilan RI sebelum kepulangan, siapa yang menjemput dan memulangkannya ke daerah asal, dan ke mana dia dibawa?")
    ans = answer_question(q, FixedRetriever(corpus, _fill(corpus, ["uu-21-2007/pasal-54", "pp-9-2008/pasal-17"])), corpus)
    assert ans.verification["ok"], ans.notes
    assert "PP 9/2008 Pasal 17 ayat (4): “(4) Pemerintah daerah sebagaimana dimaksud pada ayat (3) wajib menjemput" in ans.answer, ans.answer
    assert "berada di luar negeri,”" not in ans.answer
