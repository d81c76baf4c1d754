"""When a named law came into force (lexqa.answer.entry): its own entry-into-force article, quoted,
the date the manifest records, and for a date the question gives whether it was in force then."""

from __future__ import annotations

from fakes import FixedRetriever

from lexqa.answer import answer_question
from lexqa.answer.entry import asks_entry, entry_article
from lexqa.answer.question import read_question


def test_the_laws_own_article_says_when_it_comes_into_force(corpus):
    assert entry_article(corpus, "uu-1-2023").id == "uu-1-2023/pasal-624"
    assert "mulai berlaku" in entry_article(corpus, "uu-63-2024").text


def test_was_the_law_in_force_on_a_date_is_answered_from_its_entry_into_force(corpus):
    q = "On 31 December 2025, was the new Criminal Code (UU 1/2023) already in force, so that a trafficking case had to be charged under it?"
    # retrieval found only unrelated KUHP articles (Pasal 302: forcing a change of religion)
    ans = answer_question(q, FixedRetriever(corpus, ["uu-1-2023/pasal-302", "uu-1-2023/pasal-619"]), corpus)
    assert not ans.abstained and ans.verification["ok"], ans.notes
    assert ans.answer.startswith("No — on 31 December 2025 UU 1/2023 was not yet in force: it is in force since "
                                 "2 January 2026 (UU 1/2023 Pasal 624: “Undang-Undang ini mulai berlaku"), ans.answer
    assert ans.lead_claims[0]["polarity"] == "no"
    assert [c.id for c in ans.citations if c.role == "answer"] == ["uu-1-2023/pasal-624"]
    yes = answer_question("Apakah UU 63/2024 sudah berlaku pada 1 Januari 2025?", FixedRetriever(corpus, ["uu-63-2024/pasal-ii"]), corpus)
    assert yes.answer.startswith("Ya — pada 1 Januari 2025 UU 63/2024 sudah berlaku: berlaku sejak 17 Oktober 2024"), yes.answer
    assert "“Undang-Undang ini mulai berlaku pada tanggal diundangkan.”" in yes.answer  # the sentence, not the review duty


def test_a_question_about_an_article_of_the_law_is_no_question_of_its_coming_into_force():
    assert asks_entry(read_question("Kapan KUHP baru (UU 1/2023) mulai berlaku?"), "Kapan KUHP baru (UU 1/2023) mulai berlaku?") == "uu-1-2023"
    q = "Is Article 2 of Law 21 of 2007 on trafficking still in force?"
    assert asks_entry(read_question(q), q) is None
    q = "Berapa ancaman pidana perdagangan orang menurut KUHP?"
    assert asks_entry(read_question(q), q) is None
    # "kapan … berlaku" asks the law itself only when it has no word of its own besides the law's name
    q = "Sejak kapan PP 40/2023 berlaku?"
    assert asks_entry(read_question(q), q) == "pp-40-2023"
    q = "Kapan paspor biasa berlaku menurut PP 31/2013?"
    assert asks_entry(read_question(q), q) is None


def test_an_article_the_lead_says_was_not_yet_in_force_is_not_shown_as_current(corpus):
    from lexqa.evaluate.answers import currency_row

    q = "On 31 December 2025, was the new Criminal Code (UU 1/2023) already in force?"
    ans = answer_question(q, FixedRetriever(corpus, ["uu-1-2023/pasal-302"]), corpus, as_of="2025-12-31")
    assert ans.lead_claims[0]["not_in_force_on"] == "2025-12-31"
    assert currency_row(ans, corpus, "2025-12-31") == {"current_first": None, "not_current": []}
    # without the claim's word, the same citation on that date is stale
    ans.lead_claims[0].pop("not_in_force_on")
    assert currency_row(ans, corpus, "2025-12-31")["not_current"] == ["uu-1-2023/pasal-624"]
