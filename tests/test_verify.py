"""`lexqa verify`: per-mention checks of a user's draft against the real corpus."""

from __future__ import annotations

import json
import subprocess
import sys


from lexqa.cite.verify import quote_matches, verify_draft

DRAFT = (
    "Menurut Pasal 16 ayat (1) huruf c UU 6/2011: “namanya tercantum dalam daftar Pencegahan”. "
    "Pasal 999 UU 6/2011 mengatur hal lain. "
    "Pasal 2 UU 21/2007 dicabut. "
    "Lihat juga Pasal 1 angka 1 UU 21/2007 yang berbunyi \"Perdagangan Orang adalah tindakan yang baik\"."
)


def test_draft_rows(corpus):
    rows = verify_draft(DRAFT, corpus, as_of="2026-06-01")
    by = {r.mention: r for r in rows}
    ok = by["Pasal 16 ayat (1) huruf c"]
    assert ok.found and ok.id == "uu-6-2011/pasal-16/ayat-1/huruf-c" and ok.quote_matches is True
    assert ok.status == "in force as amended" and "UU 63/2024" in ok.status_detail  # the timeline's vocabulary
    bad = by["Pasal 999"]
    assert not bad.found and bad.nearest == "uu-6-2011/pasal-145" and not bad.ok
    rev = by["Pasal 2"]
    assert rev.found and rev.status == "revoked" and "Pasal 455" in rev.status_detail
    assert not rev.ok and rev.problem == ("revoked since 2026-01-02 by UU 1/2023 Pasal 622 ayat (1) huruf q; "
                                          "references are read as UU 1/2023 Pasal 455")
    mis = by["Pasal 1 angka 1"]
    assert mis.found and mis.quote_matches is False and not mis.ok


def test_mentions_inside_quotes_are_not_checked_as_mentions(corpus):
    rows = verify_draft("Pasal 133 huruf c UU 6/2011: “sebagaimana dimaksud dalam Pasal 16 ayat (1)”", corpus)
    assert [r.mention for r in rows] == ["Pasal 133 huruf c"] and rows[0].quote_matches


def test_default_doc_and_treaty_mentions(corpus):
    rows = verify_draft("Pasal 86 mengatur korban. Article 3(a) of the Palermo Protocol defines trafficking.", corpus,
                        default_doc="uu-6-2011")
    assert [r.id for r in rows] == ["uu-6-2011/pasal-86", "palermo-protocol/article-3/a"]


def test_ellipsis_quotes():
    text = "Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia dalam hal orang tersebut: a. tidak"
    assert quote_matches("Pejabat Imigrasi menolak orang … dalam hal orang tersebut", text)
    assert not quote_matches("dalam hal orang tersebut ... Pejabat Imigrasi", text)  # order matters


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from lexqa.cli import main; main()", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_cli_verify_json_and_exit_code(corpus_dir, tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text(DRAFT, encoding="utf-8")
    r = _cli("verify", str(f), "--json", "--as-of", "2026-06-01", "--corpus-dir", str(corpus_dir))
    assert r.returncode == 1, r.stderr
    d = json.loads(r.stdout)
    assert d["ok"] is False and d["checked"] == 4 and d["failed"] == 3  # Pasal 2 UU 21/2007 revoked 2026-01-02
    assert d["as_of"] == "2026-06-01"
    good = _cli("verify", "-", "--corpus-dir", str(corpus_dir),
                stdin="Pasal 16 ayat (1) UU 6/2011 dan Article 3 Palermo Protocol.")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "2 mention(s), 0 failed" in good.stdout


def test_cli_verify_missing_file_one_line_error(corpus_dir, tmp_path):
    r = _cli("verify", str(tmp_path / "nope.txt"), "--corpus-dir", str(corpus_dir))
    assert r.returncode != 0 and r.stderr.strip().count("\n") == 0 and "not found" in r.stderr


def test_agrees_with_the_citation_parser(corpus):
    """verify/xref's mention parser and lexqa.cite.citation resolve the common forms identically."""
    from lexqa.cite.citation import resolve
    from lexqa.cite.parser import find_citations

    text = ("Menurut Pasal 16 ayat (1) huruf c UU 6/2011 dan Pasal 2 UU 21/2007, lihat Pasal 1 angka 1 UU 21/2007, "
            "UU 63/2024 Pasal I angka 2, Article 3(a) Palermo Protocol, Pasal 999 UU 6/2011.")
    theirs = [resolve(m.ref, corpus).id for m in find_citations(text)]
    ours = [r.id for r in verify_draft(text, corpus)]
    assert ours == theirs
    assert ours[-1] is None and ours[0] == "uu-6-2011/pasal-16/ayat-1/huruf-c"


NEW_16B = "Pasal 16 ayat (1) huruf b UU 6/2011: “diperlukan untuk kepentingan penyidikan dan penuntutan atas permintaan”"
OLD_16B = "Pasal 16 ayat (1) huruf b UU 6/2011: “diperlukan untuk kepentingan penyelidikan dan penyidikan atas permintaan”"


def test_quotes_are_read_against_the_words_in_force(corpus):
    [new] = verify_draft(NEW_16B, corpus, as_of="2025-01-01")
    assert new.ok and new.quote_matches and new.quote_note is None
    [old] = verify_draft(OLD_16B, corpus, as_of="2025-01-01")
    assert not old.ok and old.quote_matches is False
    assert old.quote_note.startswith("superseded on 2024-10-17 by UU 63/2024 Pasal I angka 2")
    assert "current wording: “b. diperlukan untuk kepentingan penyidikan dan penuntutan" in old.quote_note
    [then] = verify_draft(OLD_16B, corpus, as_of="2020-01-01")  # the 2011 wording was the law in 2020
    assert then.ok
    [early] = verify_draft(NEW_16B, corpus, as_of="2020-01-01")
    assert not early.ok and early.quote_note.startswith("that wording is in force only from 2024-10-17")


def test_revocation_on_the_as_of_date_and_partly_revoked(corpus):
    text = "Pasal 120 ayat (1) UU 6/2011. Pasal 120 ayat (2) UU 6/2011. Pasal 120 UU 6/2011."
    a1, a2, whole = verify_draft(text, corpus, as_of="2026-06-01")
    assert not a1.ok and "references are read as UU 1/2023 Pasal 457" in a1.problem
    assert a2.ok and whole.ok  # only the revoked ayat fails
    assert all(r.ok for r in verify_draft(text, corpus, as_of="2025-12-31"))


def test_english_citation_form_names_its_law(corpus):
    [r] = verify_draft("Article 16(1)(b) of Law No. 6 of 2011 reads “penyidikan dan penuntutan”", corpus,
                       as_of="2025-01-01")
    assert r.id == "uu-6-2011/pasal-16/ayat-1/huruf-b" and r.ok


def test_cli_unusable_input_exits_2(corpus_dir):
    assert _cli("verify", "-", "--corpus-dir", str(corpus_dir), stdin="  \n").returncode == 2
    r = subprocess.run([sys.executable, "-c", "from lexqa.cli import main; main()", "verify", "-",
                        "--corpus-dir", str(corpus_dir)], input=b"Pasal 2 UU 21/2007 \xff", capture_output=True,
                       timeout=120)
    assert r.returncode == 2 and b"not UTF-8" in r.stderr
    assert _cli("verify", "-", "--as-of", "soon", "--corpus-dir", str(corpus_dir), stdin="Pasal 2").returncode == 2
