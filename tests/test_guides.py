"""Checkpoint guides on the real corpus: every shipped guide passes the check (provisions resolve,
are in force on the check date and today, quotes are verbatim in the words in force); a guide
checked before an amendment fails naming it; answers built on guides verify; the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lexqa.guides.check import check_guide, check_guides
from lexqa.guides.load import find_guide, load_guides, read_guide
from lexqa.guides.match import Match
from lexqa.guides.model import GuideError
from lexqa.service import Session

SRC = str(Path(__file__).resolve().parents[1] / "src")

OLD_GUIDE = """
id = "old-pasal-16"
checked = 2020-01-01
[title]
id = "Penolakan keluar (lama)"
en = "Refusing exit (old)"
[situation]
id = "x"
en = "x"
[examples]
id = ["a"]
en = ["b"]
[[steps]]
claim = "2011 wording of UU 6/2011 Pasal 16(1)(b)"
provisions = ["uu-6-2011/pasal-16/ayat-1/huruf-b"]
quote = ["diperlukan untuk kepentingan penyelidikan dan penyidikan"]
"""


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


def test_at_least_15_guides_with_the_required_parts() -> None:
    guides = load_guides()
    assert len(guides) >= 15
    for g in guides:
        assert g.title["id"] and g.title["en"] and g.situation["id"] and g.situation["en"]
        assert g.examples["id"] and g.examples["en"] and g.section("steps")
        assert date(2026, 12, 1) <= g.checked <= date(2026, 12, 2), g.id  # re-read against the corpus this week
        assert any(p.basis == "practice" and not p.provisions for p in g.points), g.id  # practice is marked
    assert {g.kind for g in guides} == {"procedure", "commentary"}


def test_every_shipped_guide_passes_check_today_and_on_its_check_date(session: Session) -> None:
    res = check_guides(session.corpus, load_guides())
    bad = {r.guide: r.errors for r in res if not r.ok}
    assert not bad, bad
    assert sum(r.quotes for r in res) > 80 and sum(r.provisions for r in res) > 120


def test_guide_checked_before_an_amendment_fails_naming_it(session: Session, tmp_path: Path) -> None:
    f = tmp_path / "old.toml"
    f.write_text(OLD_GUIDE, encoding="utf-8")
    r = check_guide(session.corpus, read_guide(f), date(2026, 12, 1))
    assert not r.ok
    assert any("changed since the guide was checked on 2020-01-01" in e and "UU 63/2024" in e for e in r.errors)
    assert any("not verbatim" in e for e in r.errors)
    # read on a day before the amendment, the same guide is right
    assert check_guide(session.corpus, read_guide(f), date(2023, 1, 1)).ok


def test_revoked_and_unknown_provisions_fail(session: Session, tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(OLD_GUIDE.replace("2020-01-01", "2026-12-01").replace(
        '"uu-6-2011/pasal-16/ayat-1/huruf-b"', '"uu-21-2007/pasal-2", "uu-6-2011/pasal-16x"').replace(
        'quote = ["diperlukan untuk kepentingan penyelidikan dan penyidikan"]', ""), encoding="utf-8")
    errs = check_guide(session.corpus, read_guide(f), date(2026, 12, 1)).errors
    assert any("UU 21/2007 Pasal 2 is not in force" in e and "Pasal 455" in e for e in errs)
    assert any("uu-6-2011/pasal-16x does not resolve" in e and "uu-6-2011/pasal-16" in e for e in errs)


def test_malformed_guides_are_rejected(tmp_path: Path) -> None:
    f = tmp_path / "p.toml"
    f.write_text(OLD_GUIDE + '\n[[record]]\nclaim = "x"\nbasis = "practice"\nprovisions = ["uu-6-2011/pasal-15"]\n')
    with pytest.raises(GuideError, match="practice step cites nothing"):
        read_guide(f)
    f.write_text("id = ")
    with pytest.raises(GuideError, match="not valid TOML"):
        read_guide(f)
    with pytest.raises(GuideError) as e:
        find_guide("refuse-departur", load_guides())
    assert "refuse-departure" in (e.value.hint or "")


def test_guide_answers_verify_and_say_the_structure_comes_from_a_guide(session: Session) -> None:
    from lexqa.answer import AnswerConfig
    from lexqa.guides.answer import guide_answer

    cfg = AnswerConfig.load()
    for g in load_guides():
        for q in (g.examples["en"][0], g.examples["id"][0]):
            a = guide_answer(session.corpus, g, q, Match(g.id, 1.0, 0.55), None, cfg)
            assert a.verification["ok"], (g.id, a.verification["failures"])
            assert a.citations and not a.abstained and a.engine == f"guide:{g.id}"
            assert ("structure comes from the guide" in a.answer) or ("susunannya berasal dari panduan" in a.answer)


def test_session_hooks(session: Session) -> None:
    assert session.guides().to_dict()["count"] >= 15
    m = session.match_guide("Kami temukan perempuan warga negara asing korban eksploitasi tanpa paspor, bolehkah dideportasi?")
    assert m is not None and m.guide == "foreign-victims-in-indonesia" and m.score >= m.threshold
    assert session.match_guide("Apa perbedaan PP dan Perpres?") is None
    assert session.guide_answer("Apa perbedaan PP dan Perpres?") is None
    r = session.guide("refuse-departure").to_dict()
    step3 = r["sections"]["steps"][2]["provisions"][0]
    assert step3["words_of"].startswith("uu-63-2024/") and "penyidikan dan penuntutan" in step3["quotes"][0]
    assert session.guide_check().ok
    # the guide's Indonesian texts decide the language of a question the cue count misreads
    a = session.guide_answer("Bolehkah saya menunda keberangkatan penumpang hanya karena curiga?")
    assert a is not None and a.answer.language == "id" and a.answer.answer.startswith("Jawaban ini mengikuti panduan")
    assert "keluar adalah hak" in a.answer.answer and a.answer.verification["ok"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run([sys.executable, "-m", "lexqa", *args], capture_output=True, text=True, env=env, timeout=300)


def test_cli_list_show_check(tmp_path: Path) -> None:
    out = _cli("guide", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["count"] >= 15
    out = _cli("guide", "prevention-list", "--json")
    d = json.loads(out.stdout)
    assert out.returncode == 0 and d["check"]["ok"] and d["sections"]["steps"]
    out = _cli("guide", "prevention-list")
    assert "check: OK" in out.stdout and "Pencegahan" in out.stdout
    f = tmp_path / "old.toml"
    f.write_text(OLD_GUIDE, encoding="utf-8")
    out = _cli("guide", "check", str(f))
    assert out.returncode == 1 and "UU 63/2024" in out.stdout
    out = _cli("guide", "no-such-guide")
    assert out.returncode != 0 and out.stderr.startswith("error: no guide named") and "Traceback" not in out.stderr


def test_cli_match_and_answer() -> None:
    out = _cli("guide", "match", "Apa perbedaan PP dan Perpres?", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["match"] is None
    out = _cli("guide", "answer", "Berapa lama maksimal orang asing bisa ditempatkan di Rudenim?", "--json")
    d = json.loads(out.stdout)
    assert out.returncode == 0 and d["engine"] == "guide:immigration-detention" and d["verification"]["ok"]
    assert any(c["id"] == "uu-6-2011/pasal-85" and "10 (sepuluh) tahun" in c["quote"] for c in d["citations"])
    out = _cli("guide", "answer", "Apa perbedaan PP dan Perpres?")
    assert out.returncode != 0 and "no guide fits" in out.stderr
