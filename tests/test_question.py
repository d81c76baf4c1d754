"""Question reading (`lexqa.answer.question`) measured on labelled questions written by hand:

* tests/data/questions_labelled.jsonl: 58 officer / lawyer / student questions (ID and EN),
  written with the cues;
* tests/data/questions_heldout.jsonl: 40 more, written and labelled before the reader first ran
  on them (37/40 types and 39/40 yes/no right then; its three misses were fixed after);
* tests/data/gold_questions_labelled.jsonl: the 159 questions of evals/gold.jsonl labelled by
  hand (127/159 types right before the cues were tuned on them).

Labels: qtype, polar, and where given issues (the types of a scenario's issues, in order),
as_of, named_docs (must be among those read), asks_change, wants_commentary, about_treaty.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lexqa.answer.question import QTYPES, QIssue, QuestionReading, read_question
from lexqa.evaluate.gold import load_gold, default_gold_path
from lexqa.evaluate.questions import question_type_accuracy

DATA = Path(__file__).parent / "data"
SETS = {"labelled": 0.95, "heldout": 0.9, "gold": 0.95}   # minimum type accuracy of each set


def _rows(name: str) -> list[dict]:
    f = DATA / ("gold_questions_labelled.jsonl" if name == "gold" else f"questions_{name}.jsonl")
    return [json.loads(ln) for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]


@pytest.mark.parametrize("name", SETS)
def test_question_type_and_polarity_accuracy(name):
    rows = _rows(name)
    assert all(r["qtype"] in QTYPES for r in rows)
    res = question_type_accuracy(rows)
    print(f"\n{name}: n={res['n']} type accuracy {res['accuracy']} polar {res['polar']['accuracy']} "
          f"issues {res['issues']}; errors: {[(e['question'][:50], e['gold'], e['predicted']) for e in res['errors']]}")
    assert res["n"] == len(rows) and res["unlabelled"] == 0
    assert res["accuracy"] >= SETS[name], res["errors"]
    assert res["polar"]["n"] == len(rows) and res["polar"]["accuracy"] >= 0.95
    if res["issues"]["n"]:
        assert res["issues"]["accuracy"] >= 0.9


@pytest.mark.parametrize("name", SETS)
def test_dates_documents_and_flags(name):
    wrong = []
    for r in _rows(name):
        rd = read_question(r["question"])
        if "as_of" in r and (rd.as_of.isoformat() if rd.as_of else None) != r["as_of"]:
            wrong.append((r["question"], "as_of", rd.as_of))
        if "named_docs" in r and not set(r["named_docs"]) <= set(rd.named_docs):
            wrong.append((r["question"], "named_docs", rd.named_docs))
        for flag in ("asks_change", "wants_commentary", "about_treaty"):
            if flag in r and getattr(rd, flag) != r[flag]:
                wrong.append((r["question"], flag, getattr(rd, flag)))
    # gold q055: "after the new Criminal Code came into force" — "Criminal Code" is no alias of
    # UU 1/2023 in the manifest, so the date stays unresolved
    assert len(wrong) <= (1 if name == "gold" else 0), wrong


def test_scenario_raises_several_issues():
    q = ("A woman is departing to Malaysia as a migrant worker without the required documents and I "
         "suspect trafficking. Can I offload her, and what must I do next?")
    r = read_question(q)
    assert (r.language, r.qtype, r.polar) == ("en", "permission", True)
    assert [(i.qtype, i.polar) for i in r.issues] == [("permission", True), ("procedure", False)]
    assert r.issues[0].text == "Can I offload her" and r.issues[1].text.startswith("and what must I do next")
    # each issue carries its own concepts, then the narrative's
    assert r.issues[0].concepts[0] == "offload"
    for i in r.issues:
        assert "migrant worker" in i.concepts and "trafficking" in i.concepts
    d = json.loads(json.dumps(r.to_dict()))
    assert d["issues"][1]["qtype"] == "procedure" and d["as_of"] is None
    idn = read_question("Seorang WNA ketahuan bekerja tanpa izin di pabrik. Apakah saya bisa langsung "
                        "mendeportasinya, dan apa sanksi pidananya?")
    assert idn.language == "id" and [i.qtype for i in idn.issues] == ["permission", "penalty"] and idn.polar


@pytest.mark.parametrize("q,expected", [
    ("Apa bunyi Pasal 16 UU 6/2011 sebelum diubah tahun 2024?", dt.date(2024, 10, 16)),   # UU 63/2024 from 17 Oct 2024
    ("After the 2024 amendment, who may be stopped from leaving?", dt.date(2024, 10, 17)),
    ("Berapa ancaman pidana TPPO sebelum KUHP berlaku?", dt.date(2026, 1, 1)),           # UU 1/2023 from 2 Jan 2026
    ("Sejak KUHP baru berlaku, apakah Pasal 2 UU 21/2007 masih berlaku?", dt.date(2026, 1, 2)),
    ("What did Pasal 16 say in 2015?", dt.date(2015, 1, 1)),
    ("In mid-2015, how long could a visitor stay?", dt.date(2015, 7, 1)),
    ("Per 17 Agustus 2019, siapa yang berwenang?", dt.date(2019, 8, 17)),
    ("As of June 1, 2024, what was the rule?", dt.date(2024, 6, 1)),
    ("On 2023-03-31 was the visa rule amended?", dt.date(2023, 3, 31)),
    ("Sebelum tahun 2026, apa ancaman pidananya?", dt.date(2025, 12, 31)),
    # a document's year is no date asked about; history from a year is no date either
    ("Apa isi Pasal 16 Undang-Undang Nomor 6 Tahun 2011?", None),
    ("Bagaimana perubahan ketentuan pencegahan dari tahun 2011 sampai sekarang?", None),
    ("Per 31 Februari 2020, apa aturannya?", None),
])
def test_as_of(q, expected):
    assert read_question(q).as_of == expected


def test_the_words_that_date_a_question_are_no_concept_of_it():
    # "sekarang setelah KUHP baru berlaku" dates the question; as a concept "berlaku" would
    # meet every "mulai berlaku" article (KUHP Pasal 619 answered "which article is charged")
    r = read_question("Pasal apa yang dikenakan ke perekrutnya sekarang setelah KUHP baru berlaku, berapa ancamannya?")
    assert r.as_of == dt.date(2026, 1, 2)
    assert all("berlaku" not in i.concepts for i in r.issues), [i.concepts for i in r.issues]
    # "masa berlaku" is what the question asks about
    assert "berlaku" in read_question("Berapa lama masa berlaku paspor biasa?").issues[0].concepts


def test_named_documents_come_from_the_citation_engine():
    r = read_question("Is Pasal 2 UU 21/2007 replaced by KUHP Pasal 455, and what does the Palermo Protocol say?")
    assert r.named_docs[:3] == ["uu-21-2007", "uu-1-2023", "palermo-protocol"]
    assert r.about_treaty and r.asks_change
    assert read_question("Apa kewajiban penjamin menurut Undang-Undang Keimigrasian?").named_docs == ["uu-6-2011"]
    assert not read_question("Apa kewajiban penjamin menurut Undang-Undang Keimigrasian?").about_treaty
    assert read_question("Apa kata literatur tentang TPPO di Batam?").wants_commentary


@pytest.mark.parametrize("q", ["", "   ", "???", "x" * 50_000, "ภาษาไทย 中文", "Pasal Pasal Pasal", "UU 6/2011"])
def test_odd_input_never_raises(q):
    r = read_question(q)
    assert isinstance(r, QuestionReading) and r.qtype in QTYPES and r.language in ("id", "en")
    assert all(isinstance(i, QIssue) for i in r.issues)
    json.dumps(r.to_dict())


def test_accuracy_report_reads_labels_only_where_present():
    items = load_gold(default_gold_path())[:5]     # every gold question carries its qtype
    res = question_type_accuracy(items)
    assert res["n"] == 5 and res["unlabelled"] == 0 and res["accuracy"] is not None
    rows = [{"question": "Apa sanksi bagi orang asing yang overstay?", "qtype": "penalty"},
            {"question": "Siapa yang berwenang menolak?", "qtype": "penalty", "polarity": "yes"},
            {"question": "Bolehkah saya menolak?", "polarity": "only-if"}]
    res = question_type_accuracy(rows)
    assert res["n"] == 2 and res["unlabelled"] == 1 and res["accuracy"] == 0.5
    assert res["confusion"] == {"penalty": {"penalty": 1, "who": 1}}
    assert res["per_qtype"]["penalty"] == {"n": 2, "correct": 1, "accuracy": 0.5, "precision": 1.0}
    assert res["per_qtype"]["who"]["precision"] == 0.0
    assert res["polar"] == {"n": 2, "accuracy": 0.5}     # "Siapa ...?" is no yes/no question
    assert res["errors"][0]["predicted"] == "who"


def test_a_clause_after_a_noun_and_its_question_word_is_an_issue_of_its_own():
    r = read_question("Apakah saya wajib menolak dia keluar, dan pidana apa yang berlaku bagi pemakai paspor orang lain?")
    assert [(i.qtype, i.polar) for i in r.issues] == [("duty", True), ("penalty", False)]
    # "…, dan dalam bentuk apa?" (two words before the question word) stays with its clause
    assert len(read_question("Apakah Pemerintah wajib bekerja sama, dan dalam bentuk apa?").issues) == 1


def test_a_period_asked_after_a_comma_is_an_issue_of_its_own():
    r = read_question("Can we put him in the detention room at the airport office, for how long before he must "
                      "go to a detention centre, and what paperwork is required?")
    assert [(i.qtype, i.polar) for i in r.issues][:2] == [("permission", True), ("when", False)]
    assert r.issues[1].text.startswith("for how long")
    # "for" with no question word after it ("…, for the reasons …") stays with its clause
    assert len(read_question("Can I refuse him, for the reasons given in the law?").issues) == 1


def test_bound_to_asks_a_duty_only_of_someone():
    assert read_question("Am I bound to turn him back?").qtype == "duty"
    assert read_question("Which ship bound to Malaysia carried the workers?").qtype != "duty"


def test_whether_someone_may_be_barred_asks_about_a_power():
    # "dapat dilarang" asks whether the law lets someone bar it (UU 6/2011 Pasal 48(4): "Menteri
    # berwenang melarang …"), "dilarang" alone whether it is forbidden
    assert read_question("Apakah Orang Asing dapat dilarang berada di daerah tertentu?").qtype == "permission"
    assert read_question("Apakah Orang Asing dilarang berada di daerah tertentu?").qtype == "prohibition"


def test_different_alone_asks_no_comparison():
    assert read_question("Is it forbidden to place a worker in a job different from the agreed one?").qtype == "prohibition"
    assert read_question("How is a visit visa different from a limited-stay visa?").qtype == "comparison"
    assert read_question("What is the difference between smuggling and trafficking?").qtype == "comparison"


def test_an_internationally_recognised_right_is_about_the_international_rule():
    assert read_question("Is there an internationally recognised right to leave any country?").about_treaty
    assert not read_question("Is there a right to leave Indonesia?").about_treaty


def test_a_follow_up_clause_asks_the_same_about_a_varied_subject():
    # "…, dan bagaimana jika korbannya anak?" asks the penalty again, for a child victim: it reads
    # with the clause before it (type and concepts), not as an open "what happens if"
    r = read_question("Korban TPPO meninggal di penampungan. Berapa ancaman pidana bagi pelaku karena korban "
                      "meninggal, dan bagaimana jika korbannya anak?")
    first, follow = r.issues
    assert (first.qtype, follow.qtype) == ("penalty", "penalty")
    assert follow.concepts[:2] == ["korbannya", "anak"] and "ancaman" in follow.concepts
    r = read_question("Can I refuse his departure, and what if he is on the prevention list?")
    assert [i.qtype for i in r.issues] == ["permission", "permission"]
    # a clause that is no variation keeps its own type and concepts
    r = read_question("Berapa ancaman pidana bagi perekrut, dan siapa yang wajib membawa korban ke PPT?")
    assert [i.qtype for i in r.issues] == ["penalty", "who"] and "ancaman" not in r.issues[1].concepts


def test_a_named_law_and_function_words_are_no_concepts():
    r = read_question("Saya menerima laporan bahwa seorang penumpang akan diambil organnya. Apakah pengambilan "
                      "organ termasuk eksploitasi menurut UU TPPO?")
    assert r.qtype == "definition"   # "Apakah X termasuk Y": whether X falls within the law's Y
    cs = r.issues[0].concepts
    assert "tppo" not in cs and not {"saya", "seorang", "bahwa"} & set(cs)
    assert {"organ", "eksploitasi", "penumpang"} <= set(cs)


def test_each_asked_item_of_a_list_is_an_issue_of_its_own():
    # "Apa larangan …, pidana bagi …, dan pidana bagi …?" asks three things under one "Apa"
    r = read_question("Anak 16 tahun akan diberangkatkan sebagai PMI. Apa larangan soal umur PMI, pidana bagi "
                      "yang menempatkannya, dan pidana bagi yang memberi data palsu untuk paspornya?")
    assert [i.qtype for i in r.issues] == ["prohibition", "penalty", "penalty"]
    assert "palsu" in r.issues[2].concepts and "palsu" not in r.issues[1].concepts
    r = read_question("What is the duty of the carrier, and the penalty for a carrier that refuses to pay?")
    assert [i.qtype for i in r.issues] == ["duty", "penalty"]
    # a list of things that are no asks stays one clause ("sanksi administratif, pidana, dan perdata")
    r = read_question("Apa saja jenis sanksi administratif, pidana, dan perdata dalam UU ini?")
    assert len(r.issues) == 1


def test_inverted_questions_conditions_and_elliptical_asks_split_as_issues():
    r = read_question("What protection must the police give her, can her identity be kept secret, and what "
                      "happens to someone who leaks it?")
    assert [i.qtype for i in r.issues] == ["duty", "permission", "penalty"]
    assert r.issues[1].polar
    # an introduction before the comma is no ask of its own
    assert len(read_question("If the victim is a child, can she refuse to testify?").issues) == 1
    r = read_question("Pidana apa untuk calo itu, dan kalau ternyata ini perekrutan untuk eksploitasi, pasal "
                      "TPPO mana yang kini berlaku?")
    assert [i.qtype for i in r.issues] == ["penalty", "which"]
    # two words before the question word: "dan pasal lama mana" asks apart, "dan dalam bentuk apa" does not
    r = read_question("Berapa denda menurut pasal yang sekarang berlaku, dan pasal lama mana yang dicabut?")
    assert [i.qtype for i in r.issues] == ["penalty", "which"]


def test_what_one_risks_is_a_penalty_question():
    assert read_question("Dan apa risikonya bagi pejabat yang menahan?").qtype == "penalty"
    assert read_question("What is my exposure as the officer?").qtype == "penalty"
    assert read_question("What does the owner risk by refusing?").qtype == "penalty"
    assert read_question("Is a child at risk of trafficking protected?").qtype != "penalty"


def test_the_article_a_person_is_charged_under_asks_for_the_offence_and_its_penalty():
    r = read_question("Pemilik rumah menampung WNA tanpa izin tinggal. Pasal apa untuk pemilik rumah, dan bagaimana "
                      "perlakuan terhadap para korban?")
    assert r.issues[0].qtype == "penalty"
    assert read_question("Which provision do we charge the skipper under today?").qtype == "penalty"
    # ... unless the question asks the penalty in a clause of its own
    r = read_question("Pasal apa yang dikenakan kepada tekong itu, dan berapa ancaman pidananya?")
    assert [i.qtype for i in r.issues] == ["which", "penalty"]
    # "what is the charge" with no question word of its own asks the same
    r = read_question("What offence is the sham marriage, and what is the trafficking charge today?")
    assert [i.qtype for i in r.issues] == ["which", "penalty"]
    # an article asked for no charge stays a "which" question; prosecutors are no charge
    assert read_question("Which provisions can the prosecutor use in a child trafficking case?").qtype == "which"
    assert read_question("Pasal mana yang mengatur kewajiban Perwakilan RI memulangkan korban?").qtype == "which"


def test_a_guide_answers_a_situation_told_not_a_point_of_law():
    from lexqa.answer.question import describes_situation

    # told in the first person, or in a sentence of its own before the question
    assert describes_situation("Can I offload this passenger?")
    assert describes_situation("Seorang penumpang perempuan akan berangkat ke Malaysia tanpa visa kerja. "
                               "Apa yang harus dilakukan?")
    # one question naming "a foreigner" or "di bandara" asks a point of law
    assert not describes_situation("Under current law, how long can a foreigner be banned from entering "
                                   "Indonesia, and can the ban be extended?")
    assert not describes_situation("Dalam keadaan mendesak, bisakah pejabat berwenang meminta langsung kepada "
                                   "petugas imigrasi di bandara untuk mencegah seseorang berangkat?")
    assert not describes_situation("What does Pasal 13 of UU 6/2011 say?")
