"""Treaty parser on the real treaty files (English text only) and on synthetic defects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lexqa.ingest.markdown import load_markdown
from lexqa.models import DocumentMeta, SourceText
from lexqa.parse.treaty import is_dutch, parse_treaty

FILES = {
    "palermo-protocol": ("palermo-protocol-en.md", 20, True),
    "smuggling-protocol": ("smuggling-protocol-en.md", 25, True),
    "untoc": ("untoc-en.md", 41, False),
    "udhr": ("udhr-en.md", 30, True),
}


def _meta(doc: str, f: str) -> DocumentMeta:
    return DocumentMeta(id=doc, title=doc, label=doc, kind="treaty", language="en", files=[f])


@pytest.fixture(scope="module")
def parsed(corpus_dir: Path):
    out = {}
    for doc, (f, _, _) in FILES.items():
        src = load_markdown(corpus_dir / f, f)
        provs, issues = parse_treaty(_meta(doc, f), src)
        out[doc] = (src, {p.id: p for p in provs}, provs, issues)
    return out


@pytest.mark.parametrize("doc", sorted(FILES))
def test_article_sequence_is_complete(parsed, doc):
    _, _, provs, issues = parsed[doc]
    nums = [int(p.pasal) for p in provs if p.kind == "article"]
    assert nums == list(range(1, FILES[doc][1] + 1))
    assert not [i for i in issues if i.severity != "info"]
    assert any(p.kind == "preamble" for p in provs) == FILES[doc][2]


@pytest.mark.parametrize("doc", sorted(FILES))
def test_text_is_verbatim_and_nested(parsed, doc):
    src, by_id, provs, _ = parsed[doc]
    assert len(by_id) == len(provs), "duplicate ids"
    for p in provs:
        assert p.text == src.text[p.start:p.end]
        assert p.text.strip() == p.text and p.text
        if p.parent:
            parent = by_id[p.parent]
            assert parent.start <= p.start and p.end <= parent.end
            assert p.id.startswith(parent.id + "/")


@pytest.mark.parametrize("doc", sorted(FILES))
def test_no_dutch_indexed(parsed, doc):
    _, _, provs, _ = parsed[doc]
    for p in provs:
        assert "Treedt in werking" not in p.text
        assert "Verdrag van de" not in p.text and "Protocol inzake" not in p.text
        assert not is_dutch(p.text[:300]), p.id


def test_palermo_article_3_definitions(parsed):
    _, by_id, _, _ = parsed["palermo-protocol"]
    a = by_id["palermo-protocol/article-3/a"]
    assert a.kind == "subparagraph" and a.huruf == "a" and a.pasal == "3" and a.ayat is None
    assert a.parent == "palermo-protocol/article-3"
    assert re.match(r'a\) "?Trafficking in persons"? shall mean the recruitment', a.text)
    assert a.text.rstrip().endswith("removal of organs;")
    assert by_id["palermo-protocol/article-3/d"].text.startswith('d) "Child" shall mean')
    art = by_id["palermo-protocol/article-3"]
    assert art.heading == "Article 3 — Use of terms"
    assert art.context == {"chapter": "Chapter I. General Provisions"}
    assert art.text.startswith("For the purposes of this Protocol:")


def test_paragraphs_and_subparagraphs(parsed):
    _, by_id, _, _ = parsed["palermo-protocol"]
    p = by_id["palermo-protocol/article-6/1"]
    assert p.kind == "paragraph" and p.ayat == "1" and p.text.startswith("1. ")
    assert "palermo-protocol/article-5/2/a" in by_id
    _, sm, _, _ = parsed["smuggling-protocol"]
    assert sm["smuggling-protocol/article-9/1/a"].text.startswith("(a) Ensure the safety")   # "(a)" style
    assert sm["smuggling-protocol/preamble"].text.startswith("The States Parties")      # "PreambuleThe"


def test_roman_items_stay_in_their_subparagraph(parsed):
    _, by_id, _, _ = parsed["untoc"]
    a = by_id["untoc/article-5/1/a"]
    assert "(i) Agreeing with one or more other persons" in a.text
    assert "(ii) Conduct by a person" in a.text
    assert not [i for i in by_id if i.startswith("untoc/article-5/1/a/")]
    # "i)" after "h)" is the letter i, not a roman one
    assert by_id["untoc/article-2/i"].text.startswith("i) “Controlled delivery”")
    assert by_id["untoc/article-18/3/i"].huruf == "i"
    assert "untoc/article-18/30" in by_id


def test_udhr_preamble_and_paragraphs(parsed):
    _, by_id, _, _ = parsed["udhr"]
    assert by_id["udhr/preamble"].text.startswith("Whereas recognition of the inherent dignity")
    assert by_id["udhr/article-1"].text.startswith("All human beings are born free")
    assert by_id["udhr/article-2/2"].text.startswith("2. Furthermore")


def test_raw_file_without_loader_skips_dutch_lines(corpus_dir: Path):
    raw = (corpus_dir / "udhr-en.md").read_text(encoding="utf-8")
    assert "Treedt in werking" in raw
    provs, _ = parse_treaty(_meta("udhr", "udhr-en.md"), SourceText("udhr-en.md", raw, "markdown"))
    arts = [p for p in provs if p.kind == "article"]
    assert len(arts) == 30
    assert all("Treedt" not in p.text for p in arts)


def test_dutch_translation_after_english_is_not_indexed():
    text = (
        "##Verdrag van de Verenigde Naties tegen iets\n\n####A Convention\n\n"
        "### Article 1\n\n####Purpose\n\n1. The purpose of this Convention is peace.\n"
        "2. It shall be interpreted in good faith.\n\n"
        "### Article 2\n\nFor the purposes of this Convention:\n\na) \"X\" shall mean y;\n\nb) \"Z\" shall mean w.\n\n"
        "### Artikel 1\n\n####Doel\n\n1. Het doel van dit Verdrag is de vrede.\n"
    )
    provs, issues = parse_treaty(_meta("t", "t.md"), SourceText("t.md", text, "markdown"))
    ids = [p.id for p in provs]
    assert ids == ["t/article-1", "t/article-1/1", "t/article-1/2", "t/article-2", "t/article-2/a", "t/article-2/b"]
    assert all("Verdrag" not in p.text and "doel" not in p.text for p in provs)
    assert any(i.code == "dutch-skipped" for i in issues)


def test_gap_and_duplicate_articles_are_reported():
    text = "### Article 1\n\nOne.\n\n### Article 3\n\nThree.\n\n### Article 3\n\nAgain.\n"
    provs, issues = parse_treaty(_meta("t", "t.md"), SourceText("t.md", text, "markdown"))
    assert [p.pasal for p in provs if p.kind == "article"] == ["1", "3"]
    codes = {i.code for i in issues}
    assert {"gap", "duplicate"} <= codes
