"""Literature ingest and commentary links on the real articles (markdown) and synthetic texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lexqa.cli import app
from lexqa.commentary import (check_claim, discussed_in, is_answerable, literature_links, literature_pinpoint,
                              literature_report, topics)
from lexqa.ingest.markdown import load_markdown
from lexqa.kinds import APPARATUS_KINDS
from lexqa.models import DocumentMeta, SourceText
from lexqa.parse.literature import parse_literature
from lexqa.parse.literature.classify import first_page_is_law

F = "purnomo-2025-human-security-batam.md"
DOC = "purnomo-2025-human-security-batam"
KELLEY = "kelley-2017-scorecard-diplomacy-indonesia"


def _parse_file(corpus_dir: Path, name: str, doc: str):
    src = load_markdown(corpus_dir / name, name)
    meta = DocumentMeta(id=doc, title="", label=doc, kind="literature", language="en", files=[name])
    provs, issues = parse_literature(meta, src)
    return src, {p.id: p for p in provs}, provs, issues


@pytest.fixture(scope="module")
def parsed(corpus_dir: Path):
    return _parse_file(corpus_dir, F, DOC)


def test_sections_follow_the_article_numbering(parsed):
    _, by_id, provs, _ = parsed
    for n in ("1", "2", "2-1", "2-2", "2-3", "2-4", "3", "4", "4-1", "4-2", "4-3", "5", "6"):
        assert by_id[f"{DOC}/section-{n}"].kind == "section", n
    assert by_id[f"{DOC}/section-2-1"].parent == f"{DOC}/section-2"
    assert by_id[f"{DOC}/section-4-2"].parent == f"{DOC}/section-4"
    assert by_id[f"{DOC}/section-1"].heading == "1. Introduction"
    assert by_id[f"{DOC}/section-abstract"].text.startswith("## Abstract")
    assert "abstract" in by_id[f"{DOC}/section-abstract"].flags
    # the repeated title (running page header) never opens a section
    assert sum(1 for p in provs if (p.heading or "").startswith("LEGAL ANALYSIS")) == 1


def test_apparatus_kinds(parsed):
    _, by_id, provs, _ = parsed
    assert by_id[f"{DOC}/section-0"].kind == "front-matter"
    assert by_id[f"{DOC}/section-references"].kind == "bibliography"
    back = by_id[f"{DOC}/section-back-matter"]
    assert back.kind == "back-matter" and back.text.startswith("**Author Contributions:**")
    assert "Author Contributions" not in by_id[f"{DOC}/section-6"].text
    assert not any(is_answerable(by_id[f"{DOC}/section-{k}"]) for k in ("0", "references", "back-matter"))
    assert all(is_answerable(p) for p in provs if p.kind == "section")
    assert {p.kind for p in provs} - {"section"} <= APPARATUS_KINDS


def test_pages_from_the_running_headers(parsed):
    src, by_id, provs, issues = parsed
    # 6 running headers: 7 printed pages; the abstract is on the first, the references on the last
    assert by_id[f"{DOC}/section-abstract"].context["pages"] == "p. 1"
    assert by_id[f"{DOC}/section-1"].context["pages"] == "pp. 1–3"
    assert by_id[f"{DOC}/section-references"].context["pages"] == "p. 7"
    assert "running-header" in by_id[f"{DOC}/section-1"].flags and "running-header" not in by_id[f"{DOC}/section-3"].flags
    assert any(i.code == "running-header" for i in issues)


def test_verbatim_and_nesting(parsed):
    src, by_id, provs, _ = parsed
    for p in provs:
        assert p.text == src.text[p.start:p.end]
        if p.parent:
            par = by_id[p.parent]
            assert par.start <= p.start and p.end <= par.end
    assert "Randy Asmoro Dwi Purnomo et al" in by_id[f"{DOC}/section-1"].text


def test_case_study_notes_and_untitled_opening(corpus_dir):
    src, by_id, provs, _ = _parse_file(corpus_dir, f"{KELLEY}.md", KELLEY)
    assert by_id[f"{KELLEY}/section-0"].text.startswith("Title: Indonesia")          # Pelican front matter
    intro = by_id[f"{KELLEY}/section-intro"]
    assert intro.kind == "section" and intro.text.startswith("The US embassy worked closely")
    assert by_id[f"{KELLEY}/section-legislation"].parent == f"{KELLEY}/section-outcomes"
    notes = [p for p in provs if p.kind == "footnote"]
    assert [p.id.rsplit("-", 1)[1] for p in notes] == [str(n) for n in range(153, 193)]
    assert all(p.parent == f"{KELLEY}/section-notes" for p in notes)
    n173 = by_id[f"{KELLEY}/footnote-173"]
    assert "US Special Envoy warns Indonesia" in n173.text            # continued over a blank line
    assert "[^" not in by_id[f"{KELLEY}/section-conditioning-factors"].text.split("\n")[-1][:3]
    assert by_id[f"{KELLEY}/section-notes"].kind == "notes"


def test_synthetic_thesis_markdown_is_not_a_statute():
    text = ("SKRIPSI\n\nJUDUL\n\nABSTRAK\n\nIni abstrak.\n\n# BAB I PENDAHULUAN\n\n## A. Latar Belakang\n\n"
            "Pasal 1 tidak dibaca sebagai pasal.\n\n## B. Rumusan Masalah\n\nApa?\n\n# BAB II TINJAUAN PUSTAKA\n\n"
            "## 2.1 Teori\n\nTeks.\n\n# DAFTAR PUSTAKA\n\n- Hadjon, P. 1987. Perlindungan.\n")
    meta = DocumentMeta(id="t", title="", label="T", kind="literature", language="id", files=["t.md"])
    provs, _ = parse_literature(meta, SourceText("t.md", text, "markdown"))
    by = {p.id: p for p in provs}
    assert [p.id for p in provs if "chapter" in p.flags] == ["t/section-1", "t/section-2"]
    assert by["t/section-1-a"].parent == "t/section-1" and by["t/section-2-1"].parent == "t/section-2"
    assert by["t/section-daftar-pustaka"].kind == "bibliography"
    assert not any(p.kind == "pasal" for p in provs)


def test_first_page_is_law():
    law = SourceText("x.md", "UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 21 TAHUN 2007\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"
                             "Menimbang: a. bahwa ...", "markdown")
    thesis = SourceText("y.md", "SKRIPSI\nANALISIS PASAL 48 UNDANG-UNDANG NOMOR 21 TAHUN 2007 TENTANG PEMBERANTASAN\n"
                                "Diajukan untuk memenuhi syarat\nFAKULTAS HUKUM UNIVERSITAS BATAM", "markdown")
    treaty = SourceText("z.md", "Protocol\n\nThe States Parties to this Protocol,\n\nArticle 1\n", "markdown")
    assert first_page_is_law(law) and first_page_is_law(treaty) and not first_page_is_law(thesis)


# ----------------------------------------------------------------------------- links to the law

def test_links_of_the_seed_article(corpus):
    rows = {(ln.source.rsplit("/", 1)[1], ln.target, ln.status) for ln in literature_links(corpus)
            if ln.source.startswith(DOC + "/")}
    assert ("section-2-2", "uu-21-2007/pasal-1", "resolved") in rows          # "Article 1 of Law Number 21 of 2007"
    assert ("section-2-2", "uu-21-2007/pasal-44", "flagged") in rows          # repatriation; Pasal 44 is confidentiality
    assert ("section-4-1", "udhr/article-3", "resolved") in rows              # "(UDHR), which states in Article 3"
    assert ("section-4-1", "uu-21-2007/pasal-48", "flagged") in rows          # rehabilitation; Pasal 48 is restitution
    assert not any(s in ("section-references", "section-0") for s, _, _ in rows)   # the reference list discusses nothing
    assert not [ln for ln in literature_links(corpus) if ln.source.startswith(KELLEY + "/")]


def test_pasal_48_is_flagged_not_repeated(corpus):
    ds = discussed_in("uu-21-2007/pasal-48", corpus)
    d = next(x for x in ds if x.lit_provision_id == f"{DOC}/section-4-1")
    assert d.consistent is False and d.pinpoint == "Purnomo et al. 2025, § 4.1, p. 5"
    assert "rehabilitation" in d.claim_text and "Randy" not in d.claim_text        # running header left out
    assert d.note.startswith("Purnomo et al. 2025 cites Article 48 for rehabilitation")
    assert "UU 21/2007 Pasal 48 provides restitution" in d.note and "rehabilitation: UU 21/2007 Pasal 51" in d.note
    # discussed_in of a part reaches the article's discussion; an undiscussed provision has none
    assert any(x.lit_provision_id == d.lit_provision_id for x in discussed_in("uu-21-2007/pasal-48/ayat-1", corpus))
    assert discussed_in("uu-21-2007/pasal-60", corpus) == []
    ok = next(x for x in discussed_in("udhr/article-3", corpus))
    assert ok.consistent is True and ok.note is None


def test_claim_check_uses_the_topic_data():
    assert {t.name for t in topics()} >= {"rehabilitation", "restitution", "repatriation"}
    named, found, own = check_claim("regulates rehabilitation", "berhak memperoleh restitusi")
    assert [t.name for t in named] == ["rehabilitation"] and found == [] and [t.name for t in own] == ["restitution"]
    named, found, _ = check_claim("nothing to check here", "restitusi")
    assert named == [] and found == []


def test_pinpoints(corpus):
    assert literature_pinpoint(corpus.get(f"{DOC}/section-4-2"), corpus) == "Purnomo et al. 2025, § 4.2, p. 5"
    assert literature_pinpoint(corpus.get(f"{DOC}/section-abstract"), corpus) == "Purnomo et al. 2025, § Abstract, p. 1"
    assert literature_pinpoint(corpus.get(f"{KELLEY}/footnote-164"), corpus) == "Kelley 2017, n. 164"


def test_report(corpus):
    rep = literature_report(DOC, corpus)
    assert rep["abstract"] and rep["sections"] == 14 and rep["bibliography_entries"] == 15 and rep["pages"] == 7
    assert rep["links"]["found"] == rep["links"]["resolved"] + rep["links"]["unresolved"] + rep["links"]["flagged"]
    assert rep["links"]["flagged"] >= 2 and len(rep["flagged"]) == rep["links"]["flagged"]
    k = literature_report(KELLEY, corpus)
    assert k["footnotes"] == 40 and not k["abstract"] and k["pages"] is None


# ----------------------------------------------------------------------------- the CLI

def test_show_and_trace_list_discussed_in(corpus_dir):
    runner = CliRunner()
    r = runner.invoke(app, ["show", "--corpus-dir", str(corpus_dir), "UU 21/2007 Pasal 48"])
    assert r.exit_code == 0, r.output
    assert "discussed in (literature: commentary, not law):" in r.output
    assert "Purnomo et al. 2025, § 4.1, p. 5: “Article 48” [FLAGGED]" in r.output
    r = runner.invoke(app, ["trace", "--corpus-dir", str(corpus_dir), "--json", "UU 21/2007 Pasal 44"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)["discussed_in"]
    assert any(x["consistent"] is False and "repatriation" in x["note"] for x in rows)
    r = runner.invoke(app, ["show", "--corpus-dir", str(corpus_dir), "--json", "UU 6/2011 Pasal 60"])
    assert r.exit_code == 0 and json.loads(r.stdout)["discussed_in"] == []


def test_corpus_check_notes_the_structure(corpus_dir):
    r = CliRunner().invoke(app, ["corpus", "check", "--corpus-dir", str(corpus_dir), "--doc", DOC])
    assert r.exit_code == 0, r.output
    assert "literature: abstract yes; 14 sections; 0 footnotes; 15 bibliography entries; 7 pages; links to the law:" in r.output
    assert "flagged: Purnomo et al. 2025 cites Article 48 for rehabilitation" in r.output


def test_classify_unlisted_keeps_a_statute_guess_unless_the_first_page_is_academic():
    from lexqa.parse.literature.classify import classify_unlisted

    guessed = DocumentMeta(id="uu-21-2007", title="Undang-Undang Nomor 21 Tahun 2007", label="UU 21/2007",
                           kind="statute", language="id", files=["x.md"], number="21", year=2007, in_manifest=False)
    excerpt = SourceText("x.md", "UNDANG-UNDANG NOMOR 21 TAHUN 2007\nTENTANG PEMBERANTASAN ...\nPasal 5\n...", "markdown")
    assert classify_unlisted(guessed, excerpt, "x") is guessed
    cover = SourceText("rahayu-2020-tesis.md", "TESIS\nUNDANG-UNDANG NOMOR 21 TAHUN 2007\nTENTANG ...\n"
                                               "Program Studi Magister Hukum, Universitas Indonesia", "markdown")
    lit = classify_unlisted(guessed, cover, "rahayu-2020-tesis")
    assert (lit.id, lit.kind, lit.label, lit.year, lit.number) == ("rahayu-2020-tesis", "literature", "Rahayu 2020", 2020, None)
