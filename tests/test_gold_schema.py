"""The gold-set loader: the optional fields (qtype, polarity, issues, must_cite, key_facts, as_of),
their validation, and the key-fact reader on statute wording (no corpus needed)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from lexqa.errors import LexqaError
from lexqa.evaluate.gold import (GoldError, GoldRef, counts, parse_gold_lines, restrict_to_docs, section_id,
                                 split_of)
from lexqa.evaluate.gold_facts import fact_in_text, number_words

G16 = [{"doc": "uu-63-2024", "pasal": "16", "ayat": "1"}, {"doc": "uu-6-2011", "pasal": "16", "ayat": "1"}]


def _line(**kw):
    base = {"id": "q161", "question": "Boleh saya tolak dia berangkat?", "language": "id", "persona": "officer",
            "gold": G16, "answerable": True, "tags": []}
    base.update(kw)
    return json.dumps(base)


def _scenario(**kw):
    issues = [{"issue": "may I refuse departure", "qtype": "permission", "polarity": "only-if",
               "must_cite": [{"doc": "uu-63-2024", "pasal": "16", "ayat": "1"}]},
              {"issue": "offence", "qtype": "penalty", "must_cite": [{"doc": "uu-1-2023", "pasal": "455"}]}]
    gold = G16 + [{"doc": "uu-1-2023", "pasal": "455", "ayat": "1"}]
    return _line(gold=gold, issues=issues, tags=["scenario"], qtype="permission", polarity="only-if", **kw)


def test_old_lines_still_load_with_defaults():
    it = parse_gold_lines([_line()])[0]
    assert it.qtype is None and it.polarity is None and it.issues == [] and it.key_facts == [] and it.as_of is None
    assert it.must_cite == it.gold  # default: the gold list


def test_scenario_fields_parse_and_must_cite_is_the_union_of_issues():
    it = parse_gold_lines([_scenario(as_of="2026-12-01")])[0]
    assert it.is_scenario and len(it.issues) == 2 and it.issues[0].polarity == "only-if"
    assert it.as_of == date(2026, 12, 1)
    assert [(r.doc, r.pasal) for r in it.must_cite] == [("uu-63-2024", "16"), ("uu-1-2023", "455")]
    assert it.must_cite_keys == {("uu-63-2024", "16"), ("uu-1-2023", "455")}
    # an explicit must_cite wins over the issues'
    it2 = parse_gold_lines([_line(must_cite=[{"doc": "uu-6-2011", "pasal": "16"}])])[0]
    assert [r.key for r in it2.must_cite] == [("uu-6-2011", "16")]


def test_key_facts_parse():
    kf = [{"type": "prison_max_months", "value": 180, "ref": {"doc": "uu-1-2023", "pasal": "455", "ayat": "1"}},
          {"type": "actor", "value": "Pejabat Imigrasi", "ref": {"doc": "uu-6-2011", "pasal": "16"}}]
    it = parse_gold_lines([_line(key_facts=kf)])[0]
    assert [(f.type, f.value, f.ref.pasal) for f in it.key_facts] == [("prison_max_months", 180, "455"),
                                                                      ("actor", "Pejabat Imigrasi", "16")]


@pytest.mark.parametrize("kw, message", [
    ({"qtype": "maybe"}, "qtype must be one of"),
    ({"qtype": "permission", "polarity": "perhaps"}, "polarity must be one of"),
    ({"qtype": "penalty", "polarity": "yes"}, "polarity goes with a yes/no question"),
    ({"as_of": "1 Dec 2026"}, "as_of must be an ISO date"),
    ({"issues": [{"qtype": "penalty", "must_cite": []}]}, "issue 1: needs a non-empty 'issue'"),
    ({"issues": [{"issue": "x", "must_cite": []}]}, "issue 1: needs a qtype"),
    ({"issues": [{"issue": "x", "qtype": "when", "polarity": "no"}]}, "issue 1: polarity goes with"),
    ({"issues": "x"}, "issues must be a list"),
    ({"must_cite": [{"doc": "uu-1-2023", "pasal": "455"}]}, "is not a gold reference"),
    ({"issues": [{"issue": "x", "qtype": "penalty", "must_cite": [{"doc": "uu-21-2007", "pasal": "2"}]}]},
     "is not a gold reference"),
    ({"must_cite": [{"pasal": "16"}]}, "needs a doc"),
    ({"key_facts": [{"type": "prison_years", "value": 3, "ref": {"doc": "d", "pasal": "1"}}]}, "type must be one of"),
    ({"key_facts": [{"type": "fine_max_rp", "value": "600 juta", "ref": {"doc": "d", "pasal": "1"}}]},
     "positive integer"),
    ({"key_facts": [{"type": "prison_max_months", "value": True, "ref": {"doc": "d", "pasal": "1"}}]},
     "positive integer"),
    ({"key_facts": [{"type": "actor", "value": "", "ref": {"doc": "d", "pasal": "1"}}]}, "actor needs a text"),
    ({"key_facts": [{"type": "duration_days", "value": 7, "ref": {"doc": "d"}}]}, "ref needs a pasal"),
])
def test_bad_optional_fields_are_reported_with_the_line(kw, message):
    with pytest.raises(GoldError, match=message) as e:
        parse_gold_lines(["", _line(**kw)], "gold.jsonl")
    assert "gold.jsonl:2" in str(e.value) and isinstance(e.value, LexqaError)


def test_must_cite_matches_gold_at_article_level():
    # must_cite names ayat (2) of a gold Pasal that the gold lists with ayat (1): same article, accepted
    it = parse_gold_lines([_line(must_cite=[{"doc": "uu-6-2011", "pasal": "16", "ayat": "2"}])])[0]
    assert it.must_cite[0].ayat == "2"


def test_split_and_counts():
    assert split_of("q001") == "dev" and split_of("q160") == "held-out" and split_of("x") == "held-out"
    items = parse_gold_lines([_scenario(), _line(id="q162", qtype="definition")])
    c = counts(items)
    assert c["scenarios"] == 1 and c["scenario_issues"] == 2 and c["with_polarity"] == 1
    assert c["qtype"] == {"permission": 1, "definition": 1} and c["split"] == {"dev": 1, "held-out": 1}


def test_an_explicit_split_overrides_the_id_parity_and_is_validated():
    # a set written after tuning is all held-out, whatever its ids' parity (f001 is odd)
    assert parse_gold_lines([_line(id="f001", split="held-out")])[0].split == "held-out"
    assert parse_gold_lines([_line(id="f001")])[0].split == "dev"
    with pytest.raises(GoldError, match="split must be one of"):
        parse_gold_lines([_line(split="test")])


def test_restrict_to_docs_narrows_must_cite_and_keeps_new_fields():
    kf = [{"type": "prison_max_months", "value": 180, "ref": {"doc": "uu-1-2023", "pasal": "455", "ayat": "1"}}]
    it = restrict_to_docs(parse_gold_lines([_scenario(key_facts=kf, as_of="2026-12-01")]), ["uu-63-2024", "uu-6-2011"])[0]
    assert it.docs == {"uu-63-2024", "uu-6-2011"} and it.as_of == date(2026, 12, 1) and it.qtype == "permission"
    assert [len(i.must_cite) for i in it.issues] == [1, 0] and it.key_facts == []


def test_section_id_of_literature_refs():
    assert section_id("purnomo", "4.2") == "purnomo/section-4-2"
    assert section_id("kelley", "Institution building") == "kelley/section-institution-building"


@pytest.mark.parametrize("n, words", [(3, "tiga"), (11, "sebelas"), (15, "lima belas"), (21, "dua puluh satu"),
                                      (120_000_000, "seratus dua puluh juta"), (1_000, "seribu"),
                                      (1_500_000_000, "satu miliar lima ratus juta"),
                                      (15_000_000_000, "lima belas miliar")])
def test_number_words(n, words):
    assert number_words(n) == words


def test_fact_in_text_reads_statute_figures():
    pen = ("dipidana dengan pidana penjara paling singkat 3 (tiga) tahun dan paling lama 15 (lima\n"
           "belas) tahun dan pidana denda paling sedikit Rp120.000.000,00 (seratus dua puluh juta rupiah)")
    assert fact_in_text("prison_min_months", 36, pen) and fact_in_text("prison_max_months", 180, pen)
    assert fact_in_text("fine_min_rp", 120_000_000, pen)
    assert not fact_in_text("prison_max_months", 60, pen) and not fact_in_text("fine_min_rp", 600_000_000, pen)
    # OCR: digits garbled, the words carry it; O read for 0 between digits is repaired
    assert fact_in_text("fine_max_rp", 5_000_000_000, "g. kategori VII, RpS.0O0.O00.0O0,O0 (lima miliar rupiah)")
    assert fact_in_text("fine_max_rp", 50_000_000, "c. kategori III, Rp50.0O0.O00,0O (lima puluh juta")
    assert fact_in_text("duration_days", 30, "paling lama 30 (tiga puluh) hari.")
    assert not fact_in_text("duration_days", 3, "paling lama 30 (tiga puluh) hari.")
    assert fact_in_text("duration_months", 6, "paling lama 6 (enam) bulan")
    assert not fact_in_text("duration_years", 6, "paling lama 6 (enam) bulan")
    assert fact_in_text("actor", "Kepolisian Negara Republik Indonesia", "Kepolisian Negara\nRepublik Indonesia wajib")
    assert not fact_in_text("actor", "Menteri", "Pejabat Imigrasi menolak")
    assert GoldRef("d", "1").key == ("d", "1")
