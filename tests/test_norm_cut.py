"""safe_cut / clause_spans: a quote is cut only at a clause boundary, never inside a number, an
amount, a citation, a parenthesised numeral, or between a chapeau and its list (real texts)."""

from __future__ import annotations

import re

import pytest

from lexqa.norm import clause_spans, safe_cut


def _pasal_2(corpus) -> str:
    return corpus.get("uu-21-2007/pasal-2/ayat-1").text


def _protected(text: str) -> list[tuple[int, int]]:
    """What no cut may split, found independently of lexqa.norm (plain regexes of this test)."""
    spans = [m.span() for m in re.finditer(r"Rp[\d.,]+(?:\s*\([^)]*\))?", text)]
    spans += [m.span() for m in re.finditer(r"\([^()]*\)", text)]
    spans += [m.span() for m in re.finditer(r"Pasal\s+\d+\w*(?:\s+ayat\s+\(\d+\))?(?:\s+huruf\s+[a-z]\b)?", text)]
    return spans


def test_the_known_bug_rp600_is_never_clipped(corpus):
    text = _pasal_2(corpus)
    amount = text.index("Rp600.000.000,00")
    for limit in range(amount, amount + len("Rp600.000.000,00 (enam ratus juta rupiah)")):
        cut = safe_cut(text, limit)
        assert cut <= amount, (limit, text[:cut][-30:])
        assert not text[:cut].rstrip().endswith(("Rp600.000.", "Rp600.", "Rp600.000"))
    assert safe_cut(text, len(text)) == len(text)
    assert safe_cut(text, len(text) + 50) == len(text)


def test_no_cut_inside_an_amount_numeral_or_citation_on_real_penalties(corpus):
    ids = ["uu-21-2007/pasal-2/ayat-1", "uu-6-2011/pasal-120/ayat-1", "uu-6-2011/pasal-113", "uu-1-2023/pasal-455/ayat-1",
           "uu-6-2011/pasal-136/ayat-3", "uu-21-2007/pasal-7/ayat-1", "uu-6-2011/pasal-133"]
    for pid in ids:
        text = corpus.get(pid).text
        zones = _protected(text)
        for limit in range(0, len(text), 7):
            cut = safe_cut(text, limit)
            assert 0 <= cut <= limit
            assert not any(a < cut < b for a, b in zones), (pid, text[max(0, cut - 30):cut + 10])


def test_lima_belas_and_citations(corpus):
    text = _pasal_2(corpus)
    i = text.index("(lima")
    assert safe_cut(text, i + 6) < i           # never "(lima" without "belas)"
    cited = "Ketentuan sebagaimana dimaksud dalam Pasal 16 ayat (1) huruf b, Pasal 17, dan Pasal 18 berlaku juga. Lain."
    for limit in range(cited.index("Pasal 16"), cited.index(" berlaku")):
        cut = safe_cut(cited, limit)
        assert cut == 0, cited[:cut]
    assert safe_cut(cited, len(cited) - 2) == cited.index(" Lain.")


def test_chapeau_and_its_list_stay_together(corpus):
    text = corpus.get("uu-6-2011/pasal-16/ayat-1").text
    colon = text.index(":")
    end_of_list = text.index("Pencegahan.") + len("Pencegahan.")
    for limit in range(colon, end_of_list):
        assert safe_cut(text, limit) <= colon, limit     # never after the ":" and before the list's end
    assert safe_cut(text, end_of_list) == end_of_list == len(text)
    # a whole Pasal: a cut after the list of ayat (1) is allowed, inside it is not
    whole = corpus.get("uu-6-2011/pasal-16").text
    after = whole.index("Pencegahan.") + len("Pencegahan.")
    assert safe_cut(whole, after + 5) == after


def test_clause_spans_cover_the_text(corpus):
    for pid in ("uu-21-2007/pasal-2", "uu-6-2011/pasal-16", "palermo-protocol/article-6"):
        text = corpus.get(pid).text
        spans = clause_spans(text)
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a < b for a, b in spans) and all(x[1] == y[0] for x, y in zip(spans, spans[1:]))
        assert {b for _, b in spans[:-1]} <= {safe_cut(text, b) for _, b in spans[:-1]}


@pytest.mark.parametrize("text,limit,expected", [
    ("denda paling banyak Rp1.500.000.000,00 (satu miliar lima ratus juta rupiah).", 30, 0),
    ("Pertama, kedua; ketiga.", 10, len("Pertama,")),
    ("Pertama, kedua; ketiga.", 16, len("Pertama, kedua;")),
])
def test_small_cases(text, limit, expected):
    assert safe_cut(text, limit) == expected
