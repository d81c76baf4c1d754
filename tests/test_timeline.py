"""The law as it stands on a date (lexqa.timeline) on the real corpus: golden timelines, as-of
dates on both sides of every effective date, and the show / history / diff surfaces."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lexqa.cli import app
from lexqa.errors import CorpusError
from lexqa.ingest.manifest import _decision
from lexqa.service import Session
from lexqa.timeline import provision_status, timeline

runner = CliRunner()

UU63, UU6_23, UU11_20, KUHP = "2024-10-17", "2023-03-31", "2020-11-02", "2026-01-02"


@pytest.fixture(scope="module")
def tl(corpus):
    return timeline(corpus)


def _rows(tl, address):
    return [(v.valid_from, v.valid_to, v.provision, v.event.kind, v.event.source) for v in tl.versions(address)]


def _at(tl, address, day):
    st = tl.status(address, day)
    return st.state, (st.version.provision if st.version else None)


def test_uu_6_2011_pasal_16_and_its_struck_phrase(tl):
    assert _rows(tl, "uu-6-2011/pasal-16/ayat-1/huruf-b") == [
        ("2011-05-05", UU63, "uu-6-2011/pasal-16/ayat-1/huruf-b", "enacted", "uu-6-2011"),
        (None, UU63, "uu-6-2011/pasal-16/ayat-1/huruf-b", "phrase-struck", "40/PUU-IX/2011"),
        (UU63, None, "uu-63-2024/pasal-i/angka-2/pasal-16/ayat-1/huruf-b", "amended",
         "uu-63-2024/pasal-i/angka-2/pasal-16"),
    ]
    struck = tl.versions("uu-6-2011/pasal-16/ayat-1/huruf-b")[1].event
    assert struck.phrase == "penyelidikan dan"
    assert struck.note == "date not in this corpus; recited by UU 63/2024, in force 2024-10-17"
    assert _at(tl, "uu-6-2011/pasal-16/ayat-1/huruf-b", "2011-05-04") == ("not yet in force", None)
    before = tl.status("uu-6-2011/pasal-16/ayat-1/huruf-b", "2024-10-16")
    assert before.version.provision == "uu-6-2011/pasal-16/ayat-1/huruf-b"
    assert "phrase “penyelidikan dan” struck by MK 40/PUU-IX/2011" in before.summary
    after = tl.status("uu-6-2011/pasal-16/ayat-1/huruf-b", UU63)
    assert after.state == "in force as amended" and "struck" not in after.summary
    assert after.version.provision == "uu-63-2024/pasal-i/angka-2/pasal-16/ayat-1/huruf-b"
    # the article: the same versions; its ayat (2) is untouched by the decision
    assert [r[3] for r in _rows(tl, "uu-6-2011/pasal-16")] == ["enacted", "phrase-struck", "amended"]
    assert [r[3] for r in _rows(tl, "uu-6-2011/pasal-16/ayat-2")] == ["enacted", "amended"]
    assert _at(tl, "uu-6-2011/pasal-16", "2024-10-16") == ("in force", "uu-6-2011/pasal-16")
    assert _at(tl, "uu-6-2011/pasal-16", "2024-10-17") == ("in force as amended", "uu-63-2024/pasal-i/angka-2/pasal-16")


def test_uu_6_2011_pasal_97_phrase_setiap_kali(tl):
    rows = _rows(tl, "uu-6-2011/pasal-97/ayat-1")
    assert [r[3] for r in rows] == ["enacted", "phrase-struck", "amended"]
    assert tl.versions("uu-6-2011/pasal-97/ayat-1")[1].event.phrase == "setiap kali"
    assert _at(tl, "uu-6-2011/pasal-97/ayat-1", "2024-10-16")[1] == "uu-6-2011/pasal-97/ayat-1"
    assert _at(tl, "uu-6-2011/pasal-97/ayat-1", "2024-10-17")[1] == "uu-63-2024/pasal-i/angka-6/pasal-97/ayat-1"


def test_uu_6_2011_pasal_120_partly_revoked(tl):
    assert _rows(tl, "uu-6-2011/pasal-120") == [
        ("2011-05-05", KUHP, "uu-6-2011/pasal-120", "enacted", "uu-6-2011"),
        (KUHP, None, "uu-6-2011/pasal-120", "partly-revoked", "uu-1-2023/pasal-622/ayat-1/huruf-y"),
    ]
    assert _at(tl, "uu-6-2011/pasal-120", "2026-01-01") == ("in force", "uu-6-2011/pasal-120")
    st = tl.status("uu-6-2011/pasal-120", "2026-12-01")
    assert st.summary == ("partly revoked (ayat (1) since 2026-01-02 by UU 1/2023 Pasal 622 ayat (1) huruf y; "
                          "replaced by UU 1/2023 Pasal 457)") and st.in_force
    assert _at(tl, "uu-6-2011/pasal-120/ayat-1", "2026-01-01") == ("in force", "uu-6-2011/pasal-120/ayat-1")
    assert _at(tl, "uu-6-2011/pasal-120/ayat-1", KUHP) == ("revoked", None)
    assert _at(tl, "uu-6-2011/pasal-120/ayat-2", KUHP) == ("in force", "uu-6-2011/pasal-120/ayat-2")
    assert len(tl.versions("uu-6-2011/pasal-120/ayat-2")) == 1


def test_uu_6_2011_pasal_126_huruf_e(tl):
    assert _at(tl, "uu-6-2011/pasal-126", "2026-01-01") == ("in force", "uu-6-2011/pasal-126")
    assert _at(tl, "uu-6-2011/pasal-126", KUHP)[0] == "partly revoked"
    assert _at(tl, "uu-6-2011/pasal-126/huruf-e", KUHP) == ("revoked", None)
    assert _at(tl, "uu-6-2011/pasal-126/huruf-d", KUHP) == ("in force", "uu-6-2011/pasal-126/huruf-d")


def test_uu_11_2020_gives_way_to_uu_6_2023(tl):
    rows = _rows(tl, "uu-6-2011/pasal-63")
    assert [(r[0], r[1], r[2].split("/")[0]) for r in rows] == [
        ("2011-05-05", UU11_20, "uu-6-2011"), (UU11_20, UU6_23, "uu-11-2020"), (UU6_23, None, "uu-6-2023")]
    assert _at(tl, "uu-6-2011/pasal-63", "2023-03-30")[1].startswith("uu-11-2020/")
    for day in (UU6_23, "2026-12-01"):
        assert _at(tl, "uu-6-2011/pasal-63", day)[1].startswith("uu-6-2023/")


def test_uu_21_2007_pasal_2_revoked_and_re_pointed(tl, corpus):
    assert _rows(tl, "uu-21-2007/pasal-2") == [
        ("2007-04-19", KUHP, "uu-21-2007/pasal-2", "enacted", "uu-21-2007"),
        (KUHP, None, None, "revoked", "uu-1-2023/pasal-622/ayat-1/huruf-q"),
    ]
    assert tl.versions("uu-21-2007/pasal-2")[1].event.replaced_by == "uu-1-2023/pasal-455"
    assert _at(tl, "uu-21-2007/pasal-2", "2026-01-01") == ("in force", "uu-21-2007/pasal-2")
    assert tl.status("uu-21-2007/pasal-2", KUHP).summary == (
        "revoked (since 2026-01-02 by UU 1/2023 Pasal 622 ayat (1) huruf q; replaced by UU 1/2023 Pasal 455)")
    t = Session(corpus=corpus).trace("UU 21/2007 Pasal 2", as_of="2026-12-01").to_dict()
    assert t["references_read_as"]["read_as"] == "uu-1-2023/pasal-455"
    assert Session(corpus=corpus).trace("UU 21/2007 Pasal 2", as_of="2025-12-01").to_dict()["references_read_as"] is None


def test_uu_23_2002_inserted_amended_and_external(tl):
    assert tl.article_address("uu-23-2002", "76F") == "uu-23-2002/pasal-76f"
    assert _rows(tl, "uu-23-2002/pasal-76f") == [
        ("2014-10-17", None, "uu-35-2014/pasal-i/angka-62/pasal-76f", "inserted", "uu-35-2014/pasal-i/angka-62/pasal-76f")]
    assert _at(tl, "uu-23-2002/pasal-76f", "2014-10-16")[0] == "not yet in force"
    assert _at(tl, "uu-23-2002/pasal-76f", "2014-10-17")[0] == "in force as inserted"
    # Pasal 81: UU 35/2014, then UU 17/2016 (only [[external]]: its words are unknown), then KUHP 622 ayat (1)
    assert [(r[0], r[2], r[3], r[4]) for r in _rows(tl, "uu-23-2002/pasal-81")] == [
        ("2002-10-22", "uu-23-2002/pasal-81", "enacted", "uu-23-2002"),
        ("2014-10-17", "uu-35-2014/pasal-i/angka-66/pasal-81", "amended", "uu-35-2014/pasal-i/angka-66/pasal-81"),
        ("2016-05-25", None, "amended", "uu-17-2016"),
        (KUHP, None, "partly-revoked", "uu-1-2023/pasal-622/ayat-1/huruf-n"),
    ]
    assert "amended again by UU 17/2016, which this corpus does not hold" in tl.status(
        "uu-23-2002/pasal-81", "2020-01-01").summary
    assert _at(tl, "uu-23-2002/pasal-81", "2016-05-24")[1] == "uu-35-2014/pasal-i/angka-66/pasal-81"
    assert _at(tl, "uu-23-2002/pasal-81/ayat-1", KUHP)[0] == "revoked"
    assert [r[3] for r in _rows(tl, "uu-23-2002/pasal-82")] == ["enacted", "amended", "amended", "revoked"]
    assert _at(tl, "uu-23-2002/pasal-82", "2026-01-01")[0] == "in force as amended"
    assert _at(tl, "uu-23-2002/pasal-82", KUHP)[0] == "revoked"
    assert [r[3] for r in _rows(tl, "uu-23-2002/pasal-83")] == ["enacted", "amended"]
    assert _at(tl, "uu-23-2002/pasal-83", "2014-10-16") == ("in force", "uu-23-2002/pasal-83")
    assert _at(tl, "uu-23-2002/pasal-83", "2014-10-17") == ("in force as amended", "uu-35-2014/pasal-i/angka-68/pasal-83")


def test_uu_13_2006_pasal_37_and_its_amending_text(tl, corpus):
    assert [r[3] for r in _rows(tl, "uu-13-2006/pasal-37")] == ["enacted", "amended", "revoked"]
    assert _at(tl, "uu-13-2006/pasal-37", "2014-10-16") == ("in force", "uu-13-2006/pasal-37")
    assert _at(tl, "uu-13-2006/pasal-37", "2026-01-01") == ("in force as amended", "uu-31-2014/pasal-i/angka-21/pasal-37")
    assert _at(tl, "uu-13-2006/pasal-37", KUHP) == ("revoked", None)
    amending = "uu-31-2014/pasal-i/angka-21/pasal-37"
    assert tl.address_of(amending) == "uu-13-2006/pasal-37"
    assert provision_status(corpus, amending, "2026-01-01").in_force
    later = provision_status(corpus, amending, "2026-12-01")
    assert later.state == "superseded" and not later.in_force and "revoked (since 2026-01-02" in later.summary


@pytest.mark.parametrize("pasal,first,again", [
    ("89", "pp-48-2021/pasal-i/angka-2/pasal-89", "pp-40-2023/pasal-i/angka-9/pasal-89"),
    ("106", "pp-48-2021/pasal-i/angka-6/pasal-106", None),  # deleted by PP 40/2023
])
def test_pp_31_2013_amended_by_pp_48_2021_and_pp_40_2023(tl, pasal, first, again):
    a = f"pp-31-2013/pasal-{pasal}"
    assert _at(tl, a, "2021-02-01") == ("in force", a)
    assert _at(tl, a, "2021-02-02") == ("in force as amended", first)
    assert _at(tl, a, "2023-08-03")[1] == first
    assert _at(tl, a, "2023-08-04") == (("in force as amended", again) if again else ("deleted", None))


def test_status_kinds_treaty_literature(corpus):
    assert provision_status(corpus, "palermo-protocol/article-3/a").summary == "treaty (ratified by UU 14/2009)"
    assert "Reservation on Article 15(2)" in provision_status(corpus, "palermo-protocol/article-3").note
    assert provision_status(corpus, "untoc/article-1").summary == "treaty (ratified by UU 5/2009)"
    assert provision_status(corpus, "purnomo-2025-human-security-batam/section-1") is None


def test_show_as_of_history_and_diff(corpus_dir):
    r = runner.invoke(app, ["show", "UU 23/2002 Pasal 76F", "--corpus-dir", str(corpus_dir), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["id"] == "uu-23-2002/pasal-76f" and d["source_file"] == "uu-35-2014.md"
    r = runner.invoke(app, ["show", "UU 6/2011 Pasal 120", "--as-of", "2025-06-01", "--corpus-dir", str(corpus_dir)])
    assert "status on 2025-06-01: in force (since 2011-05-05)" in r.output
    r = runner.invoke(app, ["show", "UU 6/2011 Pasal 120", "--as-of", "2025-13-01", "--corpus-dir", str(corpus_dir)])
    assert r.exception.exit_code == 2 and "not a date" in r.exception.message  # main() prints it, exits 2
    r = runner.invoke(app, ["history", "UU 6/2011 Pasal 16 ayat (1) huruf b", "--corpus-dir", str(corpus_dir)])
    assert r.exit_code == 0 and "MK 40/PUU-IX/2011" in r.output and "date not in this corpus" in r.output
    r = runner.invoke(app, ["diff", "UU 6/2011 Pasal 97 ayat (1)", "--corpus-dir", str(corpus_dir), "--json"])
    d = json.loads(r.output)
    assert {"op": "delete", "old": "setiap kali", "new": ""} in d["ops"]
    r = runner.invoke(app, ["diff", "UU 6/2011 Pasal 97 ayat (1)", "--from", "2011-06-01", "--to", "2024-10-17",
                            "--corpus-dir", str(corpus_dir)])
    assert "[-setiap kali-]" in r.output


def test_timeline_builds_fast(corpus):
    import time

    corpus._timeline = None
    t = time.perf_counter()
    timeline(corpus)
    assert time.perf_counter() - t < 2.0


def test_manifest_court_decision_validation():
    ok = {"number": "40/PUU-IX/2011", "target": "uu-6-2011/pasal-16", "phrase": "x", "effect": "phrase-struck",
          "evidence": ["uu-63-2024/menimbang"]}
    assert _decision(ok, "uu-6-2011", "t").date is None
    for bad in ({**ok, "effect": "void"}, {**ok, "target": "uu-1-2023/pasal-1"}, {**ok, "evidence": []},
                {**ok, "date": "2012-2-1"}, {**ok, "extra": 1}):
        with pytest.raises(CorpusError):
            _decision(bad, "uu-6-2011", "t")


def test_manifest_decisions_and_ratifications_point_into_the_corpus(corpus):
    for d in corpus.documents.values():
        for dec in d.meta.court_decisions:
            assert corpus.get(dec.target) is not None and dec.phrase in " ".join(corpus.get(dec.target).text.split())
            assert dec.evidence and all(corpus.get(e) is not None for e in dec.evidence)
        if d.meta.ratified_by:
            assert d.meta.ratified_by in corpus.documents


def test_undated_enactment_and_repealed_law(tl):
    st = tl.status("uu-37-1999/pasal-1", "2020-01-01")  # the manifest records no date of entry into force
    assert st.state == "in force" and st.version.provision == "uu-37-1999/pasal-1"
    st = tl.status("uu-39-2004/pasal-1", "2020-01-01")  # repealed by UU 18/2017, date not recorded
    assert st.state == "not in force" and not st.in_force
