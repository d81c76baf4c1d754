"""The PDF path of literature ingest: PDFs made in the test from the real articles' text (fpdf2)
give the same sections and links as the markdown; a thesis-shaped PDF (BAB I–V, footnotes,
Daftar Isi, Daftar Pustaka) built from their paragraphs is read as a thesis; an unlisted file in a
corpus folder is literature unless its first page is a statute; `corpus check` reports it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (test extra) writes the PDFs")

from lexqa.commentary import literature_links, literature_report  # noqa: E402
from lexqa.ingest import load_corpus  # noqa: E402
from lexqa.ingest.corpus import load_source  # noqa: E402
from lexqa.models import DocumentMeta  # noqa: E402
from lexqa.parse.literature import parse_literature  # noqa: E402

PURNOMO = "purnomo-2025-human-security-batam"
KELLEY = "kelley-2017-scorecard-diplomacy-indonesia"
LAWS = ["uu-21-2007.md", "uu-6-2011.md", "palermo-protocol-en.md", "udhr-en.md", "uu-14-2009.md", "uu-37-1999.md"]
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# ----------------------------------------------------------------------------- writing PDFs

class _Pdf(fpdf.FPDF):
    numbered = True
    label: str | None = None       # the printed page number of the current page (None: the sheet's)

    def footer(self) -> None:
        if self.numbered:
            self.set_y(-12)
            self.cell(0, 5, self.label or str(self.page_no()), align="C")


def _new_pdf(fmt: object = "A4") -> _Pdf:
    pdf = _Pdf(format=fmt)
    pdf.set_auto_page_break(True, margin=18)
    if _FONT.is_file():
        pdf.add_font("body", "", str(_FONT))
        pdf.set_font("body", size=10)
    else:  # pragma: no cover - core font: Latin-1 only
        pdf.set_font("helvetica", size=10)
    return pdf


def _txt(pdf: _Pdf, s: str) -> str:
    return s if _FONT.is_file() else s.encode("latin-1", "replace").decode("latin-1")


def _write(pdf: _Pdf, s: str, gap: float = 1.5) -> None:
    pdf.multi_cell(0, 5, _txt(pdf, s))
    pdf.ln(gap)


def _inline(s: str) -> str:
    """Markdown inline markup → plain text; footnote markers → superscript digits."""
    s = re.sub(r"<sup>.*?</sup>", "", s)
    s = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = re.sub(r"\[\^(\d+)\]", lambda m: m.group(1).translate(_SUP), s)
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", s)
    s = s.replace("\\[", "[").replace("\\]", "]").replace("\\*", "*")
    return re.sub(r"[*_`]+", "", s).replace("\t", " ").strip()


def markdown_to_pdf(md: str, out: Path) -> None:
    """One PDF page per printed page of the article (a running header opens the next one); the sheets
    are tall enough to hold a printed journal page."""
    pdf = _new_pdf((250, 900))
    pdf.add_page()
    title = None
    blocks = re.split(r"\n\s*\n", md)
    notes: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i].strip("\n")
        i += 1
        if not b.strip() or re.fullmatch(r"-{3,}", b.strip()):
            continue
        if re.match(r"^(Title|Template|Slug|PDF):", b):
            t = re.search(r"^Title:\s*(.*)$", b, re.M)
            _write(pdf, t.group(1) if t else "")
            continue
        if b.startswith("[^"):
            notes.append(" ".join(ln.strip() for ln in b.splitlines()))
            continue
        m = re.match(r"^(#{1,6})\s*(.*)$", b)
        if m:
            h = _inline(m.group(2))
            if title is None and m.group(1) == "#":
                title = h
                _write(pdf, h)
                continue
            if h == title:                  # a running header: the next printed page begins
                pdf.add_page()
                _write(pdf, h)
                if i < len(blocks) and re.search(r"et al", blocks[i]):
                    _write(pdf, _inline(blocks[i]))
                    i += 1
                continue
            _write(pdf, h)
            continue
        if "|" in b and "---" in b:         # a markdown table: one line per row
            for row in b.splitlines():
                if not re.match(r"^[-| ]+$", row):
                    _write(pdf, ": ".join(c.strip() for c in row.split("|") if c.strip()), 0)
            pdf.ln(1.5)
            continue
        lines = b.splitlines()
        if all(re.match(r"^\s*[-*]\s", ln) for ln in lines if ln.strip()):
            for ln in lines:
                _write(pdf, _inline(re.sub(r"^\s*[-*]\s+", "", ln)), 0.5)
            continue
        _write(pdf, _inline(" ".join(ln.strip() for ln in lines)))
    if notes:
        pdf.add_page()
        _write(pdf, "Notes")
        for n in notes:
            m = re.match(r"\[\^(\d+)\]:\s*(.*)", n)
            _write(pdf, f"{m.group(1)} {_inline(m.group(2))}", 0.5)
    pdf.output(str(out))


def _paragraphs(md: str, heading: str) -> list[str]:
    """The paragraphs of one section of a markdown article (running headers left out)."""
    part = md.split(heading, 1)[1]
    part = re.split(r"\n#{1,3} ", part, maxsplit=1)[0]
    return [_inline(" ".join(p.split())) for p in re.split(r"\n\s*\n", part)
            if p.strip() and not p.lstrip().startswith(("#", "-")) and "et al" not in p and len(p) > 200]


def thesis_pdf(corpus_dir: Path, out: Path) -> None:
    """A thesis: cover, ABSTRAK, DAFTAR ISI, BAB I–V with lettered and numbered sections, footnotes at the
    foot of their pages, DAFTAR PUSTAKA; printed page numbers; body paragraphs from the real articles."""
    pur = (corpus_dir / f"{PURNOMO}.md").read_text(encoding="utf-8")
    kel = (corpus_dir / f"{KELLEY}.md").read_text(encoding="utf-8")
    intro = _paragraphs(pur, "## 1. Introduction")
    lit = _paragraphs(pur, "### **2.1. Definition of Human Trafficking**")
    hs = _paragraphs(pur, "### **2.3 Definition of Human Security**")
    meth = _paragraphs(pur, "## 3. Methodology")
    batam = _paragraphs(pur, "Implementation of the Concept of Human Security in Immigration Policy to Combat TPPO at")
    obst = _paragraphs(pur, "### **4.3 Obstacles")
    legis = _paragraphs(kel, "### Legislation")
    pdf = _new_pdf()
    pdf.numbered = False
    pdf.add_page()
    for ln in ("SKRIPSI", "PERLINDUNGAN KORBAN PERDAGANGAN ORANG DI WILAYAH PERBATASAN",
               "MENURUT", "UNDANG-UNDANG NOMOR 21 TAHUN 2007", "TENTANG PEMBERANTASAN TINDAK PIDANA PERDAGANGAN ORANG",
               "Diajukan untuk memenuhi sebagian persyaratan memperoleh gelar Sarjana Hukum",
               "Oleh: Rina Lestari, NIM 2101234", "FAKULTAS HUKUM", "UNIVERSITAS BATAM", "2025"):
        _write(pdf, ln, 3)
    pdf.add_page()
    pdf.numbered, pdf.label = True, "ii"
    _write(pdf, "ABSTRAK")
    _write(pdf, _paragraphs(pur, "## Abstract")[0])
    _write(pdf, "Kata kunci: human security, keimigrasian, perdagangan orang")
    pdf.add_page()
    pdf.label = "iii"
    _write(pdf, "DAFTAR ISI")
    for ln in ("ABSTRAK ........................ ii", "BAB I PENDAHULUAN ........................ 1",
               "A. Latar Belakang ........................ 1", "B. Rumusan Masalah ........................ 2",
               "BAB II TINJAUAN PUSTAKA ........................ 3", "BAB III METODE PENELITIAN ........................ 5",
               "BAB IV HASIL PENELITIAN DAN PEMBAHASAN ........................ 6",
               "BAB V PENUTUP ........................ 8", "DAFTAR PUSTAKA ........................ 9"):
        _write(pdf, ln, 0.5)
    notes = iter([
        "Pasal 48 Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang.",
        "UU No. 6 Tahun 2011 Pasal 89 mengatur pengawasan keimigrasian.",
        "J. G. Kelley, Scorecard Diplomacy, Cambridge University Press, 2017.",
        "Palermo Protocol Article 3 memuat definisi perdagangan orang.",
    ])
    counter = iter(range(1, 10))
    printed = iter(range(1, 20))      # the body is numbered from BAB I on

    def page(heads: list[str], paras: list[str], note: bool) -> None:
        pdf.add_page()
        pdf.label = str(next(printed))
        foot = None
        for h in heads:
            _write(pdf, h)
        for k, p in enumerate(paras):
            if note and k == 0:
                n = next(counter)
                foot = f"{n} {next(notes)}"
                p = p.rstrip() + str(n).translate(_SUP)
            _write(pdf, p)
        if foot:
            _write(pdf, "")
            pdf.set_font_size(8)
            _write(pdf, foot, 0)
            pdf.set_font_size(10)

    page(["BAB I", "PENDAHULUAN", "A. Latar Belakang"], intro[:2], True)
    page(["B. Rumusan Masalah"], intro[2:3], False)
    page(["BAB II", "TINJAUAN PUSTAKA", "2.1 Pengertian Perdagangan Orang"], lit[:1], True)
    page(["2.2 Konsep Human Security"], hs[:1] + legis[:1], True)
    page(["BAB III", "METODE PENELITIAN"], meth[:1], False)
    page(["BAB IV", "HASIL PENELITIAN DAN PEMBAHASAN", "4.1 Peran Kantor Imigrasi Batam"], batam[:2], True)
    page(["4.2 Kendala dan Solusi"], obst[:1] + [
        "On the other hand, the rights of victims are also guaranteed in Law No. 21 of 2007 on the Eradication of "
        "Trafficking in Persons, which in Article 48 regulates the rights of victims to obtain legal assistance, "
        "protection, and rehabilitation."], False)
    page(["BAB V", "PENUTUP", "A. Kesimpulan"], obst[1:2], False)
    page(["B. Saran"], obst[2:3], False)
    pdf.add_page()
    pdf.label = str(next(printed))
    _write(pdf, "DAFTAR PUSTAKA")
    for ln in ("Friedman, L. M. 1975. The Legal System: A Social Science Perspective. New York: Russell Sage Foundation.",
               "Hadjon, P. M. 1987. Perlindungan Hukum bagi Rakyat di Indonesia. Surabaya: PT Bina Ilmu.",
               "Kelley, J. G. 2017. Scorecard Diplomacy. Cambridge: Cambridge University Press.",
               "Purnomo, R. A. D. 2025. Legal Analysis of the Application of the Concept of Human Security. IJERLAS 5(5).",
               "Republik Indonesia, Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana "
               "Perdagangan Orang."):
        _write(pdf, ln, 0.5)
    pdf.output(str(out))


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def pdf_corpus(corpus_dir: Path, tmp_path_factory) -> Path:
    """A small corpus folder: the laws the articles cite, the articles as PDFs (listed under
    the manifest's ids by a manifest of its own), an unlisted thesis PDF and an unlisted statute."""
    root = tmp_path_factory.mktemp("litpdf")
    for f in LAWS:
        shutil.copy2(corpus_dir / f, root / f)
    markdown_to_pdf((corpus_dir / f"{PURNOMO}.md").read_text(encoding="utf-8"), root / f"{PURNOMO}.pdf")
    markdown_to_pdf((corpus_dir / f"{KELLEY}.md").read_text(encoding="utf-8"), root / f"{KELLEY}.pdf")
    thesis_pdf(corpus_dir, root / "lestari-2025-skripsi-perlindungan-korban.pdf")
    shutil.copy2(corpus_dir / "pdf" / "uu-14-2009.pdf", root / "unlisted-statute.pdf")
    return root


def _parse(path: Path, doc: str):
    src = load_source(path, path.name)
    meta = DocumentMeta(id=doc, title="", label=doc, kind="literature", language="en", files=[path.name])
    return src, parse_literature(meta, src)[0]


def _shape(provs) -> list[tuple[str, str]]:
    return [(p.id, p.kind) for p in provs if p.kind != "footnote"]


# ----------------------------------------------------------------------------- tests

def test_pdf_of_the_seed_article_has_the_markdown_sections_and_pages(corpus_dir, pdf_corpus):
    _, md = _parse(corpus_dir / f"{PURNOMO}.md", PURNOMO)
    src, pdf = _parse(pdf_corpus / f"{PURNOMO}.pdf", PURNOMO)
    assert len(src.page_starts) == 7
    assert _shape(pdf) == _shape(md)
    by_md, by_pdf = {p.id: p for p in md}, {p.id: p for p in pdf}
    for pid, p in by_md.items():
        assert by_pdf[pid].parent == p.parent, pid
        assert by_pdf[pid].context.get("pages") == p.context.get("pages"), pid
    for p in pdf:
        assert p.text == src.text[p.start:p.end]


def test_pdf_of_the_case_study_has_the_markdown_sections_and_notes(corpus_dir, pdf_corpus):
    _, md = _parse(corpus_dir / f"{KELLEY}.md", KELLEY)
    _, pdf = _parse(pdf_corpus / f"{KELLEY}.pdf", KELLEY)
    assert [i for i, _ in _shape(pdf)] == [i for i, _ in _shape(md)]
    assert [p.id for p in pdf if p.kind == "footnote"] == [p.id for p in md if p.kind == "footnote"]
    assert len([p for p in md if p.kind == "footnote"]) == 40


@pytest.fixture(scope="module")
def pdf_loaded(pdf_corpus, tmp_path_factory):
    """The folder loaded with a manifest naming the two article PDFs by their real ids."""
    man = tmp_path_factory.mktemp("man") / "manifest.toml"
    from lexqa.config import manifest_path

    text = manifest_path().read_text(encoding="utf-8")
    text = text.replace(f'files = ["{PURNOMO}.md"]', f'files = ["{PURNOMO}.pdf"]')
    text = text.replace(f'files = ["{KELLEY}.md"]', f'files = ["{KELLEY}.pdf"]')
    text = re.sub(r'sha256 = \{ "(purnomo|kelley)[^\n]*\n', "", text)
    man.write_text(text, encoding="utf-8")
    return load_corpus(pdf_corpus, manifest=man), man


def _link_rows(corpus, doc):
    return sorted((ln.target, ln.status, ln.discussion.pinpoint if ln.discussion else None)
                  for ln in literature_links(corpus) if ln.source.startswith(doc + "/"))


def test_pdf_gives_the_same_links_as_the_markdown(corpus, pdf_loaded):
    pdf_c, _ = pdf_loaded
    md_rows = _link_rows(corpus, PURNOMO)
    assert md_rows and _link_rows(pdf_c, PURNOMO) == md_rows
    assert ("uu-21-2007/pasal-48", "flagged", f"Purnomo et al. 2025, § 4.1, p. 5") in md_rows
    assert _link_rows(pdf_c, KELLEY) == _link_rows(corpus, KELLEY)


def test_unlisted_thesis_pdf_is_literature_and_the_unlisted_statute_is_not(pdf_loaded):
    c, _ = pdf_loaded
    thesis = c.documents["lestari-2025-skripsi-perlindungan-korban"]
    assert thesis.meta.kind == "literature" and thesis.meta.label == "Lestari 2025" and not thesis.meta.in_manifest
    # its cover names UU 21/2007 in the title, yet it is not taken as another source of that law
    assert "lestari-2025-skripsi-perlindungan-korban.pdf" not in c.documents["uu-21-2007"].meta.files
    assert c.documents["uu-14-2009"].meta.kind != "literature"
    assert "unlisted-statute.pdf" in c.documents["uu-14-2009"].meta.files


def test_thesis_structure(pdf_loaded):
    c, _ = pdf_loaded
    doc = "lestari-2025-skripsi-perlindungan-korban"
    by = {p.id: p for p in c.provisions(doc)}
    chapters = [p for p in by.values() if "chapter" in p.flags]
    assert [p.heading for p in chapters] == ["BAB I PENDAHULUAN", "BAB II TINJAUAN PUSTAKA", "BAB III METODE PENELITIAN",
                                             "BAB IV HASIL PENELITIAN DAN PEMBAHASAN", "BAB V PENUTUP"]
    assert all(p.kind == "section" and p.pasal is None for p in chapters)   # thesis chapters, not statute BAB
    assert by[f"{doc}/section-daftar-isi"].kind == "toc"
    assert by[f"{doc}/section-daftar-pustaka"].kind == "bibliography"
    assert by[f"{doc}/section-0"].kind == "front-matter"
    assert "abstract" in by[f"{doc}/section-abstrak"].flags
    for sub, parent in (("1-a", "1"), ("1-b", "1"), ("2-1", "2"), ("2-2", "2"), ("4-1", "4"), ("4-2", "4"),
                        ("5-a", "5"), ("5-b", "5")):
        assert by[f"{doc}/section-{sub}"].parent == f"{doc}/section-{parent}", sub
    assert by[f"{doc}/section-2-1"].context["chapter"] == "BAB II TINJAUAN PUSTAKA"
    notes = sorted((p for p in by.values() if p.kind == "footnote"), key=lambda p: p.start)
    assert [p.id for p in notes] == [f"{doc}/footnote-{n}" for n in (1, 2, 3, 4)]
    assert notes[0].parent == f"{doc}/section-1-a" and notes[0].text.startswith("1 Pasal 48")
    assert by[f"{doc}/section-1-a"].context["pages"] == "p. 1"      # the printed page number, not the sheet
    rep = literature_report(doc, c)
    assert rep["abstract"] and rep["toc"] and rep["chapters"] == 5 and rep["footnotes"] == 4
    assert rep["bibliography_entries"] == 5 and rep["pages"] == 10


def test_thesis_links_footnotes_and_flags(pdf_loaded):
    c, _ = pdf_loaded
    doc = "lestari-2025-skripsi-perlindungan-korban"
    rows = {(ln.target, ln.status) for ln in literature_links(c) if ln.source.startswith(doc + "/")}
    assert ("uu-21-2007/pasal-48", "flagged") in rows        # Article 48 for rehabilitation
    assert ("uu-6-2011/pasal-89", "resolved") in rows        # "UU No. 6 Tahun 2011 Pasal 89" in note 2
    assert ("palermo-protocol/article-3", "resolved") in rows
    fn = next(ln for ln in literature_links(c) if ln.source == f"{doc}/footnote-2")
    assert fn.discussion.pinpoint == "Lestari 2025, § 2.1, n. 2, p. 3"


def test_corpus_check_reports_literature_structure(pdf_loaded):
    c, man = pdf_loaded
    env_root = Path(c.corpus_dir)
    r = subprocess.run([sys.executable, "-m", "lexqa", "corpus", "check", "--json", "--corpus-dir", str(env_root)],
                       capture_output=True, text=True, timeout=300,
                       env={**__import__("os").environ, "LEXQA_MANIFEST": str(man)})
    assert r.returncode == 0, r.stderr
    docs = {d["id"]: d for d in json.loads(r.stdout)["documents"]}
    lit = docs["lestari-2025-skripsi-perlindungan-korban"]["literature"]
    assert lit["chapters"] == 5 and lit["footnotes"] == 4 and lit["links"]["flagged"] >= 1
    pur = docs[PURNOMO]["literature"]
    assert pur["abstract"] and pur["pages"] == 7 and pur["links"]["found"] >= 6
    assert docs["uu-21-2007"]["literature"] is None
