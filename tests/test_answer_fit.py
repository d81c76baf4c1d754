"""The norm a question asks for (lexqa.answer.fit) on the real corpus: fit of provisions to
question types, the sanction of a found duty, yes / no for prohibitions, exemptions and
punishability, and a scenario answered issue by issue when its whole text finds nothing."""

from __future__ import annotations

import pytest

from fakes import CannedRetriever, FixedRetriever

from lexqa.answer import answer_question
from lexqa.answer.fit import fit, sanctions_for, states_amount
from lexqa.answer.question import read_question
from lexqa.answer.scope import missing_subjects
from lexqa.models import SearchHit


def _polarity(ans):
    return next((c.get("polarity") for c in ans.lead_claims if c.get("polarity")), None)


def test_fit_of_real_provisions(corpus):
    p119 = corpus.get("uu-6-2011/pasal-119")
    assert fit("penalty", p119, corpus) == 1
    definition = next(p for p in corpus.children("uu-6-2011/pasal-1") if " adalah " in p.text)
    assert fit("penalty", definition, corpus) == -1       # a definition never answers a penalty question
    assert fit("definition", definition, corpus) == 1
    assert fit("permission", corpus.get("uu-6-2011/pasal-16"), corpus) >= 0
    assert fit("when", corpus.get("uu-6-2011/pasal-97"), corpus) == 1     # "paling lama 6 (enam) bulan"
    assert fit("other", p119, corpus) == 0
    # "apa sanksinya?" of an overstay: the administrative sanction (biaya beban, deportation) answers
    # (only when the question asks a sanction and no criminal penalty: asks_admin_sanction)
    assert fit("penalty", corpus.get("uu-6-2011/pasal-78"), corpus, admin=True) == 1
    assert fit("penalty", corpus.get("uu-6-2011/pasal-78"), corpus) == 0
    from lexqa.answer import terms
    from lexqa.answer.fit import asks_admin_sanction
    assert asks_admin_sanction(terms.concepts("Turis asing tinggal melewati batas izinnya sekitar sebulan; apa sanksinya?"))
    assert not asks_admin_sanction(terms.concepts("Apakah WNA yang pura-pura menikah bisa dipidana? Apa sanksinya?"))
    # "kapan mulai berlaku?": KUHP Pasal 624 states the period; Pasal 619 only names a law
    # ("Undang-Undang Nomor 20 Tahun 1946"), which is no period
    assert fit("when", corpus.get("uu-1-2023/pasal-624"), corpus) == 1
    assert fit("when", corpus.get("uu-1-2023/pasal-619"), corpus) == 0


def test_the_sanction_of_a_duty_is_found_by_its_reference(corpus):
    # Pasal 71: the foreigner's duty to report; Pasal 116 punishes "kewajibannya sebagaimana dimaksud dalam Pasal 71"
    found = [p.id for p in sanctions_for(corpus.get("uu-6-2011/pasal-71"), corpus)]
    assert "uu-6-2011/pasal-116" in found
    assert all(corpus.get(i).pasal != "71" for i in found)


def test_penalty_question_on_a_duty_answers_with_its_sanction(corpus):
    ids = ["uu-6-2011/pasal-71", "uu-6-2011/pasal-72", "uu-6-2011/pasal-74", "uu-6-2011/pasal-75"]
    ans = answer_question("Apa sanksi bagi Orang Asing yang tidak melaporkan perubahan alamatnya?",
                          FixedRetriever(corpus, ids), corpus)
    assert not ans.abstained
    cited = [c.id for c in ans.citations if c.role == "answer"]
    assert any(i.startswith("uu-6-2011/pasal-116") for i in cited), cited
    facts = [c.get("facts") for c in ans.lead_claims if c.get("facts")]
    assert facts, ans.answer    # the numbers of Pasal 116, read from its own clause
    text = corpus.get("uu-6-2011/pasal-116").text
    assert "3 (tiga) bulan" in text and facts[0].get("prison_max_months") == 3


def test_prohibition_question_is_answered_yes_by_a_prohibition(corpus):
    ans = answer_question("Is slavery forbidden by the Universal Declaration of Human Rights?",
                          FixedRetriever(corpus, ["udhr/article-4", "udhr/article-5", "udhr/article-3"]), corpus)
    assert _polarity(ans) == "yes", ans.answer
    assert ans.answer.startswith("Yes")


def test_exemptions_answer_no(corpus):
    ans = answer_question("Can smuggled migrants become liable to criminal prosecution under the Smuggling Protocol?",
                          FixedRetriever(corpus, ["smuggling-protocol/article-5", "smuggling-protocol/article-6"]), corpus)
    assert _polarity(ans) == "no", ans.answer
    ans = answer_question("Bolehkah saya mengenakan Tindakan Administratif Keimigrasian kepada korban perdagangan orang?",
                          FixedRetriever(corpus, ["uu-6-2011/pasal-86", "uu-6-2011/pasal-75"]), corpus)
    assert _polarity(ans) == "no", ans.answer
    assert "uu-6-2011/pasal-86" in ans.lead_claims[0]["citations"]


def test_punishability_question_is_answered_yes_with_the_numbers(corpus):
    ans = answer_question("Apakah WNA yang tinggal tanpa Dokumen Perjalanan dan Visa yang sah dapat dipidana?",
                          FixedRetriever(corpus, ["uu-6-2011/pasal-119", "uu-6-2011/pasal-118"]), corpus)
    claim = next(c for c in ans.lead_claims if c.get("polarity"))
    assert claim["polarity"] == "yes" and claim["facts"]["fine_max_rp"] == 500_000_000
    assert ans.answer.startswith("Ya —")


def test_a_range_plus_a_share_is_never_stated_as_numbers(corpus):
    # UU 21/2007 Pasal 8(1): Pasal 2's range "ditambah 1/3": the lead must not state Pasal 2's numbers as its own
    ans = answer_question("Berapa ancaman pidana bagi penyelenggara negara yang menyalahgunakan kekuasaan sehingga terjadi perdagangan orang?",
                          FixedRetriever(corpus, ["uu-21-2007/pasal-8"]), corpus)
    assert not any(c.get("facts") for c in ans.lead_claims if "uu-21-2007/pasal-8" in c["citations"][0]), ans.answer


class Routed(CannedRetriever):
    """The whole scenario finds nothing worth answering (a weak dense score, unrelated text);
    each issue's own query finds its provision."""

    def __init__(self, corpus, routes, default):
        super().__init__()
        self.corpus, self.routes, self.default = corpus, routes, default

    def search(self, query, k=10, mode="hybrid", filters=None, *, exact=True):
        ids, dense = next(((ids, d) for key, ids, d in self.routes if query.startswith(key)), self.default)
        return [SearchHit(provision=self.corpus.get(i), score=(dense if mode == "dense" else 1.0 / (61 + r)),
                          rank=r + 1, source=mode) for r, i in enumerate(ids[:k])]


def test_scenario_is_answered_issue_by_issue_on_each_issues_evidence(corpus):
    q = ("Seorang WNA korban perdagangan orang ditemukan di Batam tanpa paspor. "
         "Bolehkah saya mengenakan Tindakan Administratif Keimigrasian kepadanya, dan di mana dia ditempatkan?")
    assert len(read_question(q).issues) == 2
    r = Routed(corpus, [("Bolehkah saya mengenakan", ["uu-6-2011/pasal-86"], 0.9),
                        ("dan di mana dia ditempatkan", ["uu-6-2011/pasal-87"], 0.9)],
               (["uu-40-1999/pasal-18", "uu-36-1999/pasal-47"], 0.80))
    ans = answer_question(q, r, corpus)
    assert not ans.abstained, ans.signals.get("decision")
    assert "issues answered on their own evidence" in ans.signals["decision"]
    cited = {c.id for c in ans.citations if c.role == "answer"}
    for art in ("uu-6-2011/pasal-86", "uu-6-2011/pasal-87"):
        assert any(i == art or i.startswith(art + "/") for i in cited), cited
    assert not any(i.startswith(("uu-40-1999", "uu-36-1999")) for i in cited)
    # an issue whose own evidence is weak stays open: with every route weak, the answer is a refusal
    weak = Routed(corpus, [], (["uu-40-1999/pasal-18", "uu-36-1999/pasal-47"], 0.80))
    assert answer_question(q, weak, corpus).abstained


def test_a_penalty_issue_on_its_own_evidence_needs_a_provision_that_states_a_penalty(corpus):
    q = ("Seorang WNA korban perdagangan orang ditemukan di Batam tanpa paspor. "
         "Bolehkah saya mengenakan Tindakan Administratif Keimigrasian kepadanya, dan berapa ancaman pidananya?")
    assert [i.qtype for i in read_question(q).issues] == ["permission", "penalty"]
    r = Routed(corpus, [("Bolehkah saya mengenakan", ["uu-6-2011/pasal-86"], 0.9),
                        ("dan berapa ancaman pidananya", ["uu-6-2011/pasal-87"], 0.9)],
               (["uu-40-1999/pasal-18", "uu-36-1999/pasal-47"], 0.80))
    ans = answer_question(q, r, corpus)
    assert not ans.abstained, ans.signals.get("decision")
    penalty = next(i for i in ans.issues if i["qtype"] == "penalty")
    assert not any(c.startswith("uu-6-2011/pasal-87") for c in penalty["citations"]), ans.issues
    # nor does the first issue's provision when it states no penalty: it is not quoted again for it
    q = "Di mana korban perdagangan orang warga negara asing ditempatkan, dan berapa ancaman pidananya?"
    ans = answer_question(q, FixedRetriever(corpus, ["uu-6-2011/pasal-87"]), corpus)
    assert len(ans.lead_claims) == 1 and "Pasal 87" in ans.answer, ans.lead_claims


def test_who_is_answered_by_the_cited_power_that_names_who(corpus):
    q = ("Apakah Orang Asing dapat dilarang berada di daerah tertentu di Indonesia, siapa yang berwenang "
         "melarangnya, dan apa pidananya bila Orang Asing tetap berada di sana?")
    # the who-clause's own lookup leads with KUHP Pasal 32 ("… perbuatan yang dilarang … Pejabat yang
    # berwenang"), an excuse from punishment that names no one who may bar anything
    r = Routed(corpus, [("Apakah Orang Asing", ["uu-6-2011/pasal-48", "uu-6-2011/pasal-125"], 0.9),
                        ("siapa yang berwenang", ["uu-1-2023/pasal-32", "uu-6-2011/pasal-48"], 0.9)],
               (["uu-6-2011/pasal-125"], 0.9))
    ans = answer_question(q, r, corpus)
    who = next(i for i in ans.issues if i["qtype"] == "who")
    assert who["citations"] and all(c.startswith("uu-6-2011/pasal-48") for c in who["citations"]), ans.issues
    assert not any(c.id.startswith("uu-1-2023/pasal-32") for c in ans.citations), [c.id for c in ans.citations]
    assert "Menteri berwenang melarang" in ans.answer


def test_a_transitional_article_weighs_less_unless_the_question_is_about_the_change(corpus):
    from lexqa.answer import terms
    from lexqa.answer.config import AnswerConfig
    from lexqa.answer.extractive import ExtractiveSynthesizer
    from lexqa.answer.fit import transitional

    # BAB KETENTUAN PERALIHAN, and an inserted "Pada saat Peraturan Pemerintah ini mulai berlaku" article
    assert transitional(corpus, corpus.get("uu-21-2007/pasal-64"))
    assert transitional(corpus, corpus.get("pp-48-2021/pasal-i/angka-21/pasal-253c"))
    assert not transitional(corpus, corpus.get("uu-21-2007/pasal-2"))
    cfg = AnswerConfig.load()
    hits = [SearchHit(provision=corpus.get("uu-21-2007/pasal-64"), score=1.0, rank=1, source="hybrid")]
    cs = terms.concepts("perkara perdagangan orang dalam proses penyidikan")

    def aov(qtype):
        cands = ExtractiveSynthesizer(qtype=qtype).candidates(hits, corpus, cfg, cs, "id")
        return next(c[3] for c in cands if c[0].id.startswith("uu-21-2007/pasal-64"))
    assert aov("other") == pytest.approx(aov("status") * cfg.transitional_weight)
    # ... and a question about a pending case caught by the change keeps it whole
    q = "Apakah perkara perdagangan orang yang masih dalam proses penyidikan tetap diperiksa berdasarkan UU 21/2007?"
    r = read_question(q)
    assert r.asks_transition and not read_question("Apakah dia dideportasi?").asks_transition
    cands = ExtractiveSynthesizer(qtype=r.qtype, transition=True).candidates(hits, corpus, cfg, cs, "id")
    assert next(c[3] for c in cands if c[0].id.startswith("uu-21-2007/pasal-64")) == pytest.approx(aov("status"))


def test_in_which_circumstances_is_answered_by_the_provision_that_lists_its_grounds(corpus):
    from lexqa.answer.fit import sets_grounds

    q = "Dalam keadaan apa petugas di bandara boleh melarang seseorang berangkat ke luar negeri?"
    assert read_question(q).asks_grounds and not read_question("Bolehkah saya melarang dia berangkat?").asks_grounds
    exit16, list95 = "uu-63-2024/pasal-i/angka-2/pasal-16", "uu-6-2011/pasal-95"
    assert sets_grounds(corpus, corpus.get(exit16)) and not sets_grounds(corpus, corpus.get(list95))
    # Pasal 95 ("wajib menolak orang yang dikenai Pencegahan") ranks first; Pasal 16(1) lists the grounds
    ans = answer_question(q, FixedRetriever(corpus, [list95, exit16]), corpus)
    assert ans.answer.startswith("Hanya jika") and "UU 6/2011 Pasal 16" in ans.answer.split("”")[0], ans.answer


def test_a_scenario_clause_on_its_own_evidence_is_not_answered_from_a_law_held_for_context(corpus):
    q = ("Seorang WNA korban perdagangan orang ditemukan di Batam tanpa paspor. "
         "Bolehkah saya mengenakan Tindakan Administratif Keimigrasian kepadanya, dan apa haknya untuk ganti rugi?")
    r = Routed(corpus, [("Bolehkah saya mengenakan", ["uu-6-2011/pasal-86"], 0.9),
                        ("dan apa haknya untuk ganti rugi", ["pp-52-2000/pasal-68"], 0.95)],
               (["uu-40-1999/pasal-18", "uu-36-1999/pasal-47"], 0.80))
    ans = answer_question(q, r, corpus)
    assert not ans.abstained, ans.signals.get("decision")
    assert not any(c.id.startswith("pp-52-2000") for c in ans.citations), [c.id for c in ans.citations]
    assert "1 of 2 issues" in ans.signals["decision"]


def test_question_reading_splits_at_a_comma_and_a_question_word():
    r = read_question("Can I refuse her departure, what offence may the companion be committing, "
                      "and what protection is the girl owed?")
    assert [i.qtype for i in r.issues] == ["permission", "which", "other"]
    # an introduction is no issue of its own
    r = read_question("Under current law, how long can a foreigner be banned from entering Indonesia?")
    assert len(r.issues) == 1 and r.issues[0].qtype == "when"
    # a quoted word ending a sentence still ends it, and "Apakah itu boleh" asks yes or no
    r = read_question("Atasan saya minta dia ditahan karena 'kelihatan mencurigakan'. Apakah itu boleh?")
    assert r.issues[0].text == "Apakah itu boleh?" and r.issues[0].polar
    assert not read_question("Apakah itu perdagangan orang?").issues[0].polar


def test_a_ministerial_regulation_the_corpus_lacks_is_out_of_scope(corpus):
    q = "What are the visiting hours under the Minister's regulation on Rumah Detensi Imigrasi?"
    assert missing_subjects(q, corpus) == ["Minister's regulation on Rumah Detensi Imigrasi"]
    assert missing_subjects("Apa tugas Pejabat Imigrasi di Rumah Detensi Imigrasi?", corpus) == []


def test_a_scenarios_setting_is_not_its_subject(corpus):
    # a province, an agency and a card the corpus spells out are where and how a situation
    # happens, not something the corpus lacks
    assert missing_subjects("Di Terminal 3 kami amankan perekrut yang mengantar perempuan dari NTB ke Erbil. "
                            "Pasal apa yang dikenakan?", corpus) == []
    assert missing_subjects("A man is on the exit-ban list at the KPK's request. Am I bound to turn him back?", corpus) == []
    assert missing_subjects("Orang asing pemegang KITAS tidak menaati aturan. Tindakan apa yang bisa kami jatuhkan?", corpus) == []
    assert missing_subjects("Di pelabuhan Batam, KEPRI, kami menemukan WNA tanpa paspor. Apa tindakannya?", corpus) == []
    # words before "visa" that are no kind of it ("paspor asli tapi visa Kanada palsu")
    assert missing_subjects("Lima warga Sri Lanka berpaspor asli tapi visa Kanada palsu. Pasal apa yang menjeratnya?",
                            corpus) == []
    # a law the corpus does not hold but cites by number (KUHP Pasal 622 revokes parts of UU 8/2010)
    assert missing_subjects("Which provisions of UU 8/2010 did the new Criminal Code revoke?", corpus) == []
    assert missing_subjects("Apa isi Perpres Nomor 125 Tahun 2016 tentang Penanganan Pengungsi?", corpus)
    # what the corpus does lack is still refused
    assert missing_subjects("How long may he stay on an APEC Business Travel Card?", corpus)
    assert missing_subjects("How long can a digital nomad visa holder stay in Indonesia?", corpus) == ["digital nomad visa"]
    assert missing_subjects("Berapa lama pemegang digital nomad visa boleh tinggal di Indonesia?", corpus) == ["digital nomad visa"]


def test_a_provision_for_a_carriers_crew_does_not_answer_a_passengers_question(corpus):
    crew13, exit16 = "pp-40-2023/pasal-i/angka-3/pasal-13", "uu-63-2024/pasal-i/angka-2/pasal-16/ayat-1"
    q = "A man on the exit-ban list wants to fly out. Am I bound to turn him back?"
    assert not read_question(q).crew
    ans = answer_question(q, FixedRetriever(corpus, [crew13, exit16]), corpus)
    lead = next(c for c in ans.citations if c.role == "answer")
    assert lead.id.startswith(exit16), [c.id for c in ans.citations]
    q = "A crew member on the exit-ban list wants to fly out with his aircraft. Am I bound to turn him back?"
    assert read_question(q).crew
    ans = answer_question(q, FixedRetriever(corpus, [crew13, exit16]), corpus)
    assert next(c for c in ans.citations if c.role == "answer").id.startswith(crew13), [c.id for c in ans.citations]


def test_an_act_the_corpus_never_names_is_out_of_scope(corpus):
    from lexqa.answer import terms
    from lexqa.answer.scope import unknown_acts

    # "borgol" (handcuffs) occurs in no corpus text; "tangkal" does, after peN- ("penangkalan"),
    # and so does "bekal" ("membekali")
    assert unknown_acts(terms.concepts("bolehkah petugas imigrasi memborgolnya?"), corpus) == ["memborgolnya"]
    assert unknown_acts(terms.concepts("bisakah dia ditangkal seumur hidup?"), corpus) == []
    assert unknown_acts(terms.concepts("Apakah pejabat imigrasi boleh dibekali senjata api?"), corpus) == []
    q = ("Saat mengawal deportan dari Rudenim ke bandara, bolehkah petugas imigrasi memborgolnya, dan dalam "
         "kondisi apa borgol boleh dipakai?")
    assert missing_subjects(q, corpus, read_question(q)) == ["memborgolnya"]
    assert missing_subjects(q, corpus) == []  # (the act is read from the question's yes/no issues)
    q = "Apakah pejabat imigrasi boleh dibekali senjata api?"
    assert missing_subjects(q, corpus, read_question(q)) == []


def test_which_article_is_not_answered_by_a_definition(corpus):
    # UU 21/2007 Pasal 1 defines "perdagangan orang" and "penjeratan utang" in the question's own
    # words; the article a trafficker is charged under is Pasal 2
    q = ("Pasal apa yang menjadi dasar dakwaan perdagangan orang untuk perekrutan dengan penjeratan utang, "
         "dan berapa ancaman dendanya?")
    assert [i.qtype for i in read_question(q).issues] == ["which", "penalty"]
    ans = answer_question(q, FixedRetriever(corpus, ["uu-21-2007/pasal-1", "uu-21-2007/pasal-2"]), corpus)
    which = next(i for i in ans.issues if i["qtype"] == "which")
    assert which["citations"] and all(c.startswith("uu-21-2007/pasal-2") for c in which["citations"]), ans.issues


def test_which_article_and_what_penalty_states_the_numbers_of_that_article(corpus):
    q = ("Pasal apa yang dikenakan kepada tekong yang membawa sekelompok orang keluar Wilayah Indonesia "
         "dengan imbalan uang, dan berapa ancaman pidananya?")
    ans = answer_question(q, FixedRetriever(corpus, ["uu-6-2011/pasal-120"]), corpus, as_of="2025-08-15")
    facts = [c["facts"] for c in ans.lead_claims if c.get("facts")]
    assert facts and facts[0]["prison_max_months"] == 180 and facts[0]["fine_max_rp"] == 1_500_000_000, ans.answer
    assert "15 tahun" in ans.answer
    penalty_issue = next(i for i in ans.issues if i["qtype"] == "penalty")
    assert penalty_issue["citations"]


def test_a_fee_question_needs_a_provision_that_states_the_fee(corpus):
    from lexqa.answer.fit import states_amount

    p138 = corpus.get("uu-6-2011/pasal-138")          # "... dikenai biaya imigrasi" — a fee, no amount
    assert "biaya" in p138.text and not states_amount(p138.text)
    assert states_amount("Tarif layanan paspor elektronik sebesar Rp650.000,00 (enam ratus lima puluh ribu rupiah).")
    ans = answer_question("Berapa tarif PNBP untuk penerbitan paspor elektronik saat ini?",
                          FixedRetriever(corpus, ["uu-6-2011/pasal-138", "uu-6-2011/pasal-26"]), corpus)
    assert ans.abstained and ans.signals["decision"] == "no provision found states the amount asked"
    assert read_question("Berapa denda bagi penanggung jawab alat angkut?").asks_amount is False


@pytest.mark.parametrize("q", ["Berapa gaji pokok seorang Pejabat Imigrasi golongan III/a?",
                               "What income tax rate applies to a foreign worker's salary?",
                               "How much is the annual vehicle tax for a motorcycle?"])
def test_a_salary_or_tax_question_needs_a_provision_that_states_it(corpus, q):
    # UU 6/2011 Pasal 132 (an official's offence) and Pasal 52 (stay permits) name officials and
    # workers but state no salary and no tax: refuse rather than quote them
    assert read_question(q).asks_amount
    ans = answer_question(q, FixedRetriever(corpus, ["uu-6-2011/pasal-132", "uu-6-2011/pasal-52"]), corpus)
    assert ans.abstained and not ans.citations, ans.answer
    assert states_amount("Tarif Pajak Penghasilan sebesar 20% (dua puluh persen) dari jumlah bruto.")
    assert not states_amount("Pejabat Imigrasi yang dengan sengaja membocorkan data")


def test_an_answer_quoting_a_damaged_source_says_so(corpus):
    ans = answer_question("Bolehkah pejabat memberangkatkan Pekerja Migran Indonesia yang dokumennya tidak lengkap?",
                          FixedRetriever(corpus, ["uu-18-2017/pasal-70", "uu-18-2017/pasal-13"]), corpus)
    assert not ans.abstained
    assert any(n.startswith("UU 18/2017:") and "damaged" in n.lower() for n in ans.notes), ans.notes


def test_a_penalty_question_also_searches_with_the_penalty_formula(corpus):
    # the question's own words find the conduct and a definition; the search with the penalty
    # formula added finds the penalty clause, which then answers
    q = "Apa hukuman bagi WNA yang tinggal di Indonesia tanpa paspor dan visa yang berlaku?"
    r = Routed(corpus, [(q + " dipidana", ["uu-6-2011/pasal-119", "uu-6-2011/pasal-123"], 0.9)],
               (["uu-6-2011/pasal-36", "pp-31-2013/pasal-1", "uu-6-2011/pasal-8"], 0.9))
    ans = answer_question(q, r, corpus)
    lead = ans.lead_claims[0]
    assert lead["citations"][0].startswith("uu-6-2011/pasal-119"), ans.answer
    assert lead["facts"]["fine_max_rp"] == 500_000_000


def test_only_if_is_for_powers_granted_on_grounds(corpus):
    from lexqa.answer.lead import _operative, polarity
    from lexqa.norm import norm_of

    def pol(pid, qtype="permission"):
        return polarity(_operative(norm_of(corpus.get(pid), corpus), qtype), "id")

    # "Pejabat Imigrasi berwenang menolak … dalam hal: a. … b. …" — refusal only on those grounds
    assert pol("uu-6-2011/pasal-16") == "only-if"
    # a duty binds whenever its trigger occurs ("wajib memberikan … jika diminta"): a yes
    duty = next(p for p in corpus.provisions("uu-63-2024")
                if "pasal-72" in p.id and "wajib" in p.text and "jika diminta" in p.text)
    assert pol(duty.id, "duty") == "yes"


def test_studies_are_never_listed_as_legal_basis_in_the_view():
    from lexqa.cli.answer_view import plain

    d = {"question": "q", "answer": "a", "language": "en", "abstained": False, "retrieved": [], "notes": [],
         "lead_claims": [{"text": "lead", "citations": ["x"]}],
         "citations": [{"id": "uu-21-2007/pasal-48", "label": "UU 21/2007 Pasal 48", "status": "in force",
                        "role": "answer", "group": "statute", "quote": "q", "penjelasan": [], "related": []},
                       {"id": "purnomo/section-4-3", "label": "Purnomo et al. 2025, § 4.3, p. 5", "status": None,
                        "role": "answer", "group": "literature", "quote": "q", "penjelasan": [], "related": []}]}
    for brief in (True, False):
        out = plain(d, brief=brief)
        basis = out.split("== Legal basis ==")[1].split("==")[0]
        assert "UU 21/2007 Pasal 48" in basis and "Purnomo" not in basis
        assert "Purnomo" in out.split("== Research (literature, not law) ==")[1]


def test_a_penalty_in_another_ayat_than_the_concepts_point_at_answers_with_its_article(corpus):
    # "cannot pay the restitution" points at UU 21/2007 Pasal 50 ayat (3) (the seizure of assets);
    # the penalty asked for is ayat (4)'s substitute detention: the article answers, with its numbers
    q = "What happens if a convicted trafficker cannot pay the restitution ordered by the court?"
    ans = answer_question(q, FixedRetriever(corpus, ["uu-21-2007/pasal-48", "uu-21-2007/pasal-50"]), corpus)
    lead = ans.lead_claims[0]
    assert lead["citations"] == ["uu-21-2007/pasal-50"], ans.answer
    assert lead["facts"]["prison_max_months"] == 12


def test_a_duty_to_refuse_answers_no_to_letting_in_and_yes_to_refusing(corpus):
    # UU 6/2011 Pasal 13(1): "Pejabat Imigrasi menolak Orang Asing masuk ... dalam hal ...: j. termasuk
    # dalam jaringan ... prostitusi"; Pasal 17(3): "Nakhoda kapal laut wajib melarang Orang Asing ...
    # meninggalkan alat angkutnya"
    ids = ["uu-6-2011/pasal-13", "uu-6-2011/pasal-14", "uu-6-2011/pasal-17"]
    assert fit("permission", corpus.get("uu-6-2011/pasal-17/ayat-3"), corpus) == 1
    ans = answer_question("The man arriving is part of a prostitution ring. May I let him in?",
                          FixedRetriever(corpus, ids), corpus)
    assert _polarity(ans) == "no", ans.answer
    assert ans.lead_claims[0]["citations"][0].startswith("uu-6-2011/pasal-13")
    ans = answer_question("Bolehkah nakhoda kapal laut membiarkan Orang Asing tanpa persyaratan meninggalkan kapal?",
                          FixedRetriever(corpus, ["uu-6-2011/pasal-17", "uu-6-2011/pasal-18"]), corpus)
    assert _polarity(ans) == "no" and ans.answer.startswith("Tidak"), ans.answer
    # "may I refuse him" is what the duty commands: never a No from this rule
    ans = answer_question("The man arriving is part of a prostitution ring. May I refuse his entry?",
                          FixedRetriever(corpus, ids), corpus)
    assert _polarity(ans) != "no", ans.answer


def test_the_exemption_of_a_penalty_is_found_by_its_reference(corpus):
    from lexqa.answer.fit import exemptions_for

    # UU 6/2011 Pasal 136(3): "Ketentuan pidana sebagaimana dimaksud dalam Pasal 113, Pasal 119, …
    # tidak diberlakukan terhadap korban perdagangan orang dan Penyelundupan Manusia"
    assert [p.id for p in exemptions_for(corpus.get("uu-6-2011/pasal-119"), corpus)] == ["uu-6-2011/pasal-136/ayat-3"]
    assert exemptions_for(corpus.get("uu-6-2011/pasal-124"), corpus) == []   # (not named there)


def test_a_victim_asked_about_is_answered_no_by_the_exemption_of_the_penalty_found(corpus):
    q = ("Tiga perempuan WNA korban eksploitasi seksual ditemukan tanpa paspor. Apakah mereka bisa "
         "dipidana karena berada di Indonesia tanpa dokumen?")
    ids = ["uu-21-2007/pasal-4", "uu-6-2011/pasal-119", "uu-21-2007/pasal-3"]
    ans = answer_question(q, FixedRetriever(corpus, ids), corpus)
    cited = [c.id for c in ans.citations if c.role == "answer"]
    assert cited and cited[0] == "uu-6-2011/pasal-136/ayat-3", cited
    assert _polarity(ans) == "no" and ans.answer.startswith("Tidak"), ans.answer
    # the same offence asked of anyone: the penalty answers, with its numbers; the exemption for
    # victims does not lead
    anyone = answer_question("Apa pidana bagi Orang Asing yang berada di Indonesia tanpa Dokumen Perjalanan dan Visa yang sah?",
                             FixedRetriever(corpus, ["uu-6-2011/pasal-119", "uu-21-2007/pasal-3"]), corpus)
    lead = [c.id for c in anyone.citations if c.role == "answer"]
    assert lead and lead[0].startswith("uu-6-2011/pasal-119"), lead
    assert _polarity(anyone) != "no", anyone.answer


def test_an_exemption_fits_a_yes_or_no_question_only(corpus):
    p = corpus.get("uu-6-2011/pasal-86")  # "… tidak diberlakukan terhadap korban perdagangan orang …"
    assert fit("penalty", p, corpus) == 1 and fit("permission", p, corpus, polar=True) == 1
    # "What is the penalty if trafficking causes the victim's death?" is not answered by whom the law spares
    assert fit("penalty", p, corpus, polar=False) == 0


def test_whom_a_penalty_falls_on_and_how_is_a_penalty_rule(corpus):
    from lexqa.norm import norm_of

    # UU 6/2011 Pasal 136(1) "pidana dijatuhkan kepada pengurus dan korporasinya", (2) "Penjatuhan
    # pidana terhadap Korporasi hanya pidana denda … 3 (tiga) kali lipat …"
    for pid in ("uu-6-2011/pasal-136/ayat-1", "uu-6-2011/pasal-136/ayat-2"):
        p = corpus.get(pid)
        assert norm_of(p, corpus).modality == "penalty", pid
        assert fit("penalty", p, corpus, polar=False) == 1, pid
