"""Guide matching, measured: officer questions that must fit a named guide, and legal, student,
definition and off-topic questions that must fit none (target: 0 false matches).
Written as an officer or lawyer would ask, independently of the guides' example questions."""

from __future__ import annotations

import pytest

from lexqa.guides.load import load_guides
from lexqa.guides.match import Matcher

SHOULD_MATCH = [
    ("Saya curiga penumpang ini akan bekerja ilegal, apakah saya boleh menolak dia keluar negeri?", "refuse-departure"),
    ("Penumpang paspornya sah, tidak ada cekal, tapi gelagatnya mencurigakan. Bisa saya tunda keberangkatannya?", "refuse-departure"),
    ("What legal grounds do I have to stop an Indonesian from leaving at the airport?", "refuse-departure"),
    ("Is suspicion enough to refuse someone's exit from Indonesia?", "refuse-departure"),
    ("Seorang perempuan di konter keberangkatan mengaku dijanjikan kerja di restoran tapi tidak tahu nama majikannya, diduga korban perdagangan orang, apa yang saya lakukan?", "suspected-victim-departure"),
    ("I think the passenger in front of me is being trafficked; what are my steps before she boards?", "suspected-victim-departure"),
    ("Dugaan korban TPPO di TPI keberangkatan, harus diserahkan ke mana?", "suspected-victim-departure"),
    ("Calon PMI mau berangkat ke Arab Saudi tapi tidak punya perjanjian kerja dan visa kerja, boleh saya berangkatkan?", "migrant-worker-documents"),
    ("A prospective migrant worker has all her placement documents; can I still hold back her departure?", "migrant-worker-documents"),
    ("Pejabat yang memberangkatkan pekerja migran tanpa dokumen lengkap kena sanksi apa?", "migrant-worker-documents"),
    ("Anak umur 15 tahun mau terbang ke Malaysia sendirian tanpa orang tua, apa yang harus saya lakukan?", "child-travelling-alone"),
    ("A minor is travelling with an unrelated adult who says he is her uncle; what should I check?", "child-travelling-alone"),
    ("Apakah anak di bawah 18 tahun perlu izin orang tua untuk keluar negeri?", "child-travelling-alone"),
    ("Berapa lama masa berlaku cekal ke luar negeri dan bisa diperpanjang berapa kali?", "prevention-list"),
    ("The prevention order on this traveller was issued seven months ago with no extension; is it still valid?", "prevention-list"),
    ("Siapa saja pejabat yang bisa meminta Pencegahan ke luar negeri?", "prevention-list"),
    ("Can a person who is banned from leaving object to the prevention decision?", "prevention-list"),
    ("Penyidik Polda minta lewat telepon agar tersangka dicegah berangkat malam ini, apakah bisa langsung saya laksanakan?", "urgent-prevention-request"),
    ("An investigator asks me directly at the gate to stop a suspect; how many days does he have to send the written decision?", "urgent-prevention-request"),
    ("Orang asing datang tanpa visa, saya tolak masuk. Maskapai wajib apa?", "refuse-entry-carrier"),
    ("Who pays for flying back a foreign passenger refused entry at the airport?", "refuse-entry-carrier"),
    ("Bolehkah WNI yang paspornya diragukan ditolak masuk Indonesia?", "refuse-entry-carrier"),
    ("Kami temukan perempuan warga negara asing korban eksploitasi seksual tanpa paspor, bolehkah dideportasi?", "foreign-victims-in-indonesia"),
    ("Is a foreign national who was trafficked into Indonesia subject to immigration administrative action?", "foreign-victims-in-indonesia"),
    ("How do we send a foreign trafficking victim home when she has no travel document?", "foreign-victims-in-indonesia"),
    ("Perahu berisi imigran gelap dicegat di perairan Kupang, apakah para migrannya bisa dipidana?", "smuggled-migrants"),
    ("Which offence do we charge the skipper of a people-smuggling boat with now?", "smuggled-migrants"),
    ("Berapa lama maksimal orang asing bisa ditempatkan di Rudenim?", "immigration-detention"),
    ("Can we hold a foreign child in the immigration detention centre?", "immigration-detention"),
    ("Apakah penempatan deteni di rumah detensi harus dengan keputusan tertulis?", "immigration-detention"),
    ("WNI korban TPPO di Kamboja, siapa yang menanggung biaya pemulangannya?", "indonesian-victims-abroad"),
    ("What must the Indonesian embassy do for a citizen trafficked abroad?", "indonesian-victims-abroad"),
    ("Setelah korban TPPO kami identifikasi, ke mana saja harus dirujuk: polisi, PPT atau LPSK?", "referral-integrated-services"),
    ("Does the trafficking victim's identity have to be kept confidential when we refer her?", "referral-integrated-services"),
    ("Korban perdagangan orang menanyakan haknya atas restitusi, kapan pelaku wajib membayar?", "victim-rights-proceedings"),
    ("What if the convicted trafficker does not pay restitution to the victim?", "victim-rights-proceedings"),
    ("Sejak KUHP baru berlaku, pasal apa yang didakwakan untuk perdagangan orang?", "charging-after-kuhp"),
    ("Is Article 120 of the Immigration Law still the charge for people smuggling after January 2026?", "charging-after-kuhp"),
    ("Apa yang dimaksud pendekatan human security dalam kebijakan imigrasi melawan TPPO?", "human-security-commentary"),
    # added with the guides of 2026-12-02: the first question written for each, after the guide (not chosen by score)
    ("Seorang calo membuatkan cap izin tinggal palsu untuk beberapa WNA, pasal apa yang berlaku?", "immigration-offences"),
    ("Apakah WNA yang overstay 40 hari langsung dideportasi atau cukup membayar?", "deportation-and-administrative-action"),
    ("Nama penumpang asing ini muncul di daftar penangkalan waktu dia tiba di Soekarno-Hatta, apa langkah saya?", "entry-ban-penangkalan"),
    ("Apa sanksi bagi pemilik penginapan yang tidak mau memberikan data tamu WNA kepada petugas?", "foreigner-supervision-reporting"),
]

SHOULD_NOT_MATCH = [
    "Apa pengertian Keimigrasian menurut UU 6/2011?",
    "What is the definition of a residence permit in Indonesian law?",
    "Apa bunyi Pasal 1 angka 13 UU 6/2011?",
    "Berapa biaya pembuatan paspor elektronik?",
    "How do I apply for a limited stay permit (KITAS) for my spouse?",
    "Apa syarat mendapatkan Izin Tinggal Tetap?",
    "Jelaskan sejarah lahirnya Undang-Undang Keimigrasian.",
    "What is the difference between a visa on arrival and a visit visa?",
    "Bagaimana cara memperpanjang izin tinggal kunjungan?",
    "Apa tugas Direktorat Jenderal Imigrasi?",
    "Who signed the Palermo Protocol on behalf of Indonesia?",
    "Apa saja asas hukum pidana dalam KUHP baru?",
    "What is the penalty for murder under the new criminal code?",
    "Pasal berapa tentang pembunuhan berencana dalam KUHP?",
    "Bagaimana prosedur naturalisasi menjadi warga negara Indonesia?",
    "Apa itu Universal Declaration of Human Rights?",
    "What does the UN Convention against Transnational Organized Crime define as an organized criminal group?",
    "Apa kewajiban penjamin orang asing?",
    "Can a foreign investor work in Indonesia with a visit visa?",
    "Apa sanksi bagi orang asing yang izin tinggalnya habis kurang dari 60 hari?",
    "How many articles does Law 6 of 2011 have?",
    "Apa itu Sistem Informasi Manajemen Keimigrasian?",
    "Tuliskan esai tentang globalisasi dan migrasi internasional.",
    "Apa hukuman pencemaran nama baik melalui media elektronik?",
    "What is the tax treatment of income earned abroad by Indonesians?",
    "Bagaimana cara mengurus akta kelahiran anak?",
    "Apa hak pekerja atas upah lembur menurut undang-undang ketenagakerjaan?",
    "Siapa Menteri Hukum dan HAM saat ini?",
    "What are the requirements for a ship crew member entering Indonesia?",
    "Apa arti Penangkalan?",
    "Explain the hierarchy of laws and regulations in Indonesia.",
    "Bagaimana cara membuat perjanjian kerja yang sah menurut KUH Perdata?",
    "What is the jurisdiction of the Constitutional Court?",
    "Apa perbedaan PP dan Perpres?",
    "Berapa tarif PNBP visa kunjungan saat kedatangan?",
    "Apa pengertian Tindakan Administratif Keimigrasian?",
    "What is the history of the immigration penal provisions?",
    "Berapa tarif PNBP biaya beban overstay per hari?",
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_guides())


def measure(matcher: Matcher) -> dict[str, object]:
    hits = [(q, want, matcher.match(q)) for q, want in SHOULD_MATCH]
    correct = [q for q, want, m in hits if m and m.guide == want]
    wrong = [(q, want, m.guide) for q, want, m in hits if m and m.guide != want]
    false = [(q, m.guide, round(m.score, 3)) for q in SHOULD_NOT_MATCH if (m := matcher.match(q))]
    matched = len(correct) + len(wrong) + len(false)
    return {"recall": len(correct) / len(SHOULD_MATCH), "precision": len(correct) / matched if matched else 1.0,
            "wrong_guide": wrong, "false_matches": false,
            "missed": [q for q, _, m in hits if m is None]}


def test_sets_are_large_enough() -> None:
    assert len(SHOULD_MATCH) >= 30 and len(SHOULD_NOT_MATCH) >= 30
    assert {w for _, w in SHOULD_MATCH} == {g.id for g in load_guides()}  # every guide is exercised


def test_no_false_matches(matcher: Matcher) -> None:
    r = measure(matcher)
    assert r["false_matches"] == [], r["false_matches"]


def test_no_wrong_guide_and_recall(matcher: Matcher) -> None:
    r = measure(matcher)
    assert r["wrong_guide"] == [], r["wrong_guide"]
    assert r["recall"] >= 0.7, (r["recall"], r["missed"])


def test_match_is_deterministic_and_reports_threshold(matcher: Matcher) -> None:
    q = next(q for q, _ in SHOULD_MATCH if matcher.match(q))
    a, b = matcher.match(q), matcher.match(q)
    assert a == b and a is not None and a.score >= a.threshold
