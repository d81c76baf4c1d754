"""Damaged sources stay honest: recovered and lost Pasal headings, PP 40/2023's and Perpres 49/2023's points."""

from __future__ import annotations

import pytest

from lexqa import kinds
from lexqa.models import ParseIssue
from lexqa.parse.check import check_corpus
from lexqa.parse.damage import LostHeading, lost_heading, lost_headings
from lexqa.service.show import show_provision

from test_parse_indonesian_support import by_id, parse_file, pasal_numbers, synthetic


# ----------------------------------------------------------------------------- UU 18/2017 headings
def test_uu_18_2017_headings_recovered_from_the_gaps(corpus_dir):
    src, provs, issues = parse_file(corpus_dir, "uu-18-2017.md")
    ids = by_id(provs)
    recovered = {i.provision: i.message for i in issues if i.code == "heading-recovered"}
    assert set(recovered) == {f"uu-18-2017/pasal-{n}" for n in (27, 29, 35, 66, 67, 74)}
    assert "'Pasat27' (garbled)" in recovered["uu-18-2017/pasal-27"]
    p27 = ids["uu-18-2017/pasal-27"]
    assert {"heading-recovered", "ocr-marker-fixed"} <= set(p27.flags)
    assert src.text[p27.start - 8:p27.start] == "Pasat27 " and p27.text.startswith("(1) Kepulangan")
    assert ids["uu-18-2017/pasal-29"].text.startswith("Dalam upaya Pelindungan")
    assert ids["uu-18-2017/pasal-26"].text.rstrip().endswith("perpanjangan Perjanjian Kerja.")
    assert ids["uu-18-2017/pasal-74"].text.startswith("Sanksi administratif sebagaimana dimaksud dalam Pasal 56")
    assert not any(i.code == "gap" and i.message.startswith("body:") for i in issues)
    nums = [int(n) for n in pasal_numbers(provs)]
    assert nums == sorted(nums) and 69 not in nums and len(nums) == 90


def test_uu_18_2017_pasal_69_is_a_lost_heading(corpus_dir):
    src, provs, issues = parse_file(corpus_dir, "uu-18-2017.md")
    lost = lost_heading(issues, "69")
    assert lost is not None and lost_headings(issues) == [lost]
    assert lost.into == "uu-18-2017/pasal-68" and lost.source_file == "uu-18-2017.md"
    # the words stand where the source printed them, inside Pasal 68's text; no boundary is invented
    assert src.text.startswith("Pasal 69 Orang perseorangan dilarang", lost.offset)
    p68 = by_id(provs)["uu-18-2017/pasal-68"]
    assert p68.start < lost.offset < p68.end
    assert lost.quote.startswith("Pasal 69 Orang perseorangan")


def test_show_points_at_the_lost_heading(corpus):
    r = show_provision(corpus, "UU 18/2017 Pasal 69")
    assert not r.ok
    assert r.reason.startswith("UU 18/2017 Pasal 69: the source lost this heading; its text is inside "
                               "UU 18/2017 Pasal 68 (uu-18-2017.md offset ")
    assert "\u201cPasal 69 Orang perseorangan" in r.reason and "has no Pasal" not in r.reason
    assert r.nearest[0]["id"] == "uu-18-2017/pasal-68"
    assert "has no Pasal 999" in show_provision(corpus, "UU 6/2011 Pasal 999").reason


def test_corpus_check_lists_lost_headings(corpus):
    d = check_corpus(corpus, "uu-18-2017").get("uu-18-2017")
    assert [h["pasal"] for h in d.lost_headings] == ["69"]
    assert d.gaps == ["69"] and d.found == 90
    assert any(n.startswith("Pasal 69: the source lost this heading; its text is inside UU 18/2017 Pasal 68")
               for n in d.notes)


def test_lost_heading_issue_round_trip():
    h = LostHeading("uu-99-2099", "7", "uu-99-2099/pasal-6", 123, "Pasal 7 Setiap orang", "x.md")
    issue = h.to_issue()
    assert issue.code == "lost-heading" and issue.provision == h.into
    assert LostHeading.from_issue(issue) == h
    assert LostHeading.from_issue(ParseIssue("uu-99-2099", "gap", issue.message)) is None


def test_recovery_synthetic():
    # own wording: a heading run into a Bagian title, and one that reads like a cross-reference
    text = ("Pasal 1\nSatu ayat.\nPasal 2\nDua ayat. Bagian Kedua Umum Pasal 3 Tiga ayat berlaku.\n"
            "Pasal 4\nEmpat ayat dalam Pasal 2 sampai Pasal 5 Orang dilarang.\nPasal 6\nEnam.\n")
    provs, issues = synthetic(text)
    assert pasal_numbers(provs) == ["1", "2", "3", "4", "6"]
    assert by_id(provs)["uu-99-2099/pasal-3"].text == "Tiga ayat berlaku."
    lost = lost_heading(issues, "5")
    assert lost is not None and lost.into == "uu-99-2099/pasal-4"
    assert text.startswith("Pasal 5 Orang", lost.offset)


def test_recovery_only_fills_gaps():
    text = "Pasal 1\nSatu. Bagian Kedua Umum Pasal 2 Dua.\nPasal 2\nDua lagi.\nPasal 3\nTiga.\n"
    provs, issues = synthetic(text)
    assert pasal_numbers(provs) == ["1", "2", "3"]
    assert not [i for i in issues if i.code in ("heading-recovered", "lost-heading")]


# ----------------------------------------------------------------------------- amendment points
PP_40_2023 = {
    1: ("amended", "1"), 2: ("amended", "12"), 3: ("amended", "13"), 4: ("amended", "15"), 5: ("amended", "16"),
    6: ("amended", "18"), 7: ("amended", "32"), 8: ("amended", "49"), 9: ("amended", "89"), 10: ("amended", "90"),
    11: ("amended", "91"), 12: ("amended", "92"), 13: ("amended", "93"), 14: ("amended", "94"),
    15: ("amended", "102"), 16: ("amended", "103"), 17: ("amended", "104"), 18: ("deleted", "106"),
    19: ("deleted", "107"), 20: ("inserted", "110A"), 21: ("amended", "111"), 22: ("amended", "122"),
    23: ("amended", "130"), 24: ("amended", "134"), 25: ("amended", "136"), 26: ("amended", "137"),
    27: ("amended", "140"), 28: ("amended", "141"), 29: ("amended", "142"), 30: ("deleted", "143"),
    31: ("amended", "145"), 32: ("deleted", "146"), 33: ("amended", "148"), 34: ("deleted", "149"),
    35: ("deleted", "150"), 36: ("amended", "153"), 37: ("amended", "154"), 38: ("amended", "157"),
    39: ("amended", "158"), 40: ("amended", "159"), 41: ("amended", "160"), 42: ("amended", "161"),
    43: ("amended", "162"), 44: ("amended", "166"), 45: ("amended", "167"), 46: ("deleted", "168"),
    # 171A-171D were inserted by PP 48/2021; PP 40/2023 rewrites them ("Ketentuan Pasal 171A ditambahkan 1 ayat")
    47: ("amended", "171A"), 48: ("amended", "171B"), 49: ("amended", "171C"), 50: ("amended", "171D"),
    51: ("amended", None),   # "Penjelasan Pasal 203 diubah sebagaimana tercantum dalam penjelasan."
    52: ("inserted", "253D"),
}


def _points(corpus, doc):
    provs = list(corpus.provisions(doc))
    out = {}
    for p in provs:
        if p.kind == "point":
            arts = [q.pasal for q in provs if q.kind == "pasal" and q.parent == p.id]
            out[int(p.angka)] = (p.change, p.pasal, arts)
    return out


def test_pp_40_2023_point_to_article_map(corpus):
    points = _points(corpus, "pp-40-2023")
    assert {n: (c, a) for n, (c, a, _) in points.items()} == PP_40_2023
    for n, (change, art, written) in points.items():
        assert written == ([] if change == "deleted" or art is None else [art]), n
    assert "penjelasan-only" in corpus.get("pp-40-2023/pasal-i/angka-51").flags


def test_pp_40_2023_ocr_faults_flagged(corpus):
    issues = corpus.doc("pp-40-2023").issues
    msgs = {(i.code, i.provision): i.message for i in issues}
    assert "lone '1'" in msgs[("point-number", "pp-40-2023/pasal-i/angka-1")]
    assert "'Pasal 18' is not among" in msgs[("point-target", "pp-40-2023/pasal-i/angka-5")]
    p104 = corpus.get("pp-40-2023/pasal-i/angka-17/pasal-104")
    assert "words-displaced" in p104.flags
    assert "'ditunjuk sebagaimana memeriksa dimaksud'" in msgs[("words-displaced", p104.id)]
    assert "ocr-instruction-word" in corpus.get("pp-40-2023/pasal-i/angka-22").flags
    assert corpus.get("pp-40-2023/pasal-i/angka-18").text.startswith("18. Pasal 106 dihapus")
    assert not [i for i in issues if i.code in ("duplicate", "point-gap")]
    d = check_corpus(corpus, "pp-40-2023").get("pp-40-2023")
    assert (d.found, d.expected, d.gaps, d.duplicates) == (52, 52, [], [])


def test_perpres_49_2023_points(corpus):
    points = _points(corpus, "perpres-49-2023")
    assert points == {1: ("amended", "6", ["6"]), 2: ("amended", "11", ["11"]), 3: ("amended", "30", ["30"])}
    assert corpus.meta("perpres-49-2023").amends == ["perpres-69-2008"]


# ----------------------------------------------------------------------------- the Perpres kind
@pytest.mark.parametrize("doc,kind", [("perpres-19-2023", "regulation"), ("perpres-49-2023", "amendment")])
def test_perpres_kinds(corpus, doc, kind):
    assert corpus.meta(doc).kind == kind
    assert kinds.kind_for_doc_id(doc) == "regulation"
    assert kinds.spec("regulation").group == "regulation"
