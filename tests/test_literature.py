"""Literature parser on the real seed article and a synthetic one."""

from __future__ import annotations

from pathlib import Path

import pytest

from lexqa.ingest.markdown import load_markdown
from lexqa.models import DocumentMeta, SourceText
from lexqa.parse.literature import parse_literature

F = "purnomo-2025-human-security-batam.md"
DOC = "purnomo-2025-human-security-batam"


@pytest.fixture(scope="module")
def parsed(corpus_dir: Path):
    src = load_markdown(corpus_dir / F, F)
    meta = DocumentMeta(id=DOC, title="", label="Purnomo et al. 2025", kind="literature", language="en", files=[F])
    provs, issues = parse_literature(meta, src)
    return src, {p.id: p for p in provs}, provs, issues


def test_sections_follow_the_article_numbering(parsed):
    _, by_id, provs, _ = parsed
    for n in ("1", "2", "2-1", "2-2", "2-3", "2-4", "3", "4", "4-1", "4-2", "4-3", "5", "6"):
        assert f"{DOC}/section-{n}" in by_id, n
    assert by_id[f"{DOC}/section-2-1"].parent == f"{DOC}/section-2"
    assert by_id[f"{DOC}/section-4-2"].parent == f"{DOC}/section-4"
    assert by_id[f"{DOC}/section-1"].heading == "1. Introduction"
    assert by_id[f"{DOC}/section-abstract"].text.startswith("## Abstract")
    assert all(p.kind == "section" for p in provs)
    # the repeated title (running page header) never opens a section
    assert sum(1 for p in provs if (p.heading or "").startswith("LEGAL ANALYSIS")) == 1


def test_verbatim_and_nesting(parsed):
    src, by_id, provs, _ = parsed
    for p in provs:
        assert p.text == src.text[p.start:p.end]
        if p.parent:
            par = by_id[p.parent]
            assert par.start <= p.start and p.end <= par.end
    # nothing removed: the running header stays in the text of the section it falls into
    assert "Randy Asmoro Dwi Purnomo et al" in by_id[f"{DOC}/section-1"].text


def test_flags(parsed):
    _, by_id, provs, issues = parsed
    flagged = [p.id for p in provs if "running-header" in p.flags]
    assert len(flagged) >= 4
    assert "references" in by_id[f"{DOC}/section-references"].flags
    back = by_id[f"{DOC}/section-back-matter"]
    assert "back-matter" in back.flags and back.text.startswith("**Author Contributions:**")
    # the conclusions end before the journal template boilerplate
    assert "Author Contributions" not in by_id[f"{DOC}/section-6"].text
    assert "running-header" not in by_id[f"{DOC}/section-3"].flags
    assert any(i.code == "running-header" for i in issues)


def test_synthetic_article():
    text = ("# A Title About Things\n\nAuthor et al\n\n## 1. Intro\n\nHello.\n\n# A Title About Things\n\n"
            "Author et al\n\nMore intro.\n\n### 1.1 Detail\n\nDeep.\n\n## 2. End\n\nBye.\n\n## References\n\n[1] X.\n")
    meta = DocumentMeta(id="x", title="", label="X", kind="literature", language="en", files=["x.md"])
    provs, _ = parse_literature(meta, SourceText("x.md", text, "markdown"))
    ids = [p.id for p in provs]
    assert ids == ["x/section-0", "x/section-1", "x/section-1-1", "x/section-2", "x/section-references"]
    s1 = provs[1]
    assert "More intro." in s1.text and "Deep." in s1.text and "Bye." not in s1.text
    assert "running-header" in s1.flags
