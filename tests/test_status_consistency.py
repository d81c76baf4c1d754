"""Every status an answer shows agrees with `show` for the same provision and date (issue 9),
over the gold set: each question answered from its own gold articles (as ranked retrieval would
hand them over), on its own date."""

from __future__ import annotations

from datetime import date

from fakes import FixedRetriever

from lexqa.answer import answer_question
from lexqa.evaluate.gold import default_gold_path, load_gold
from lexqa.evaluate.answers import currency_row
from lexqa.service.show import show_provision


def _articles(corpus):
    out: dict[tuple[str, str], str] = {}
    for p in corpus.provisions(include_penjelasan=False):
        if p.kind == "pasal" and p.pasal:
            out.setdefault((p.doc, p.pasal.lower()), p.id)
    return out


def test_answer_statuses_match_show_on_the_questions_date(corpus):
    arts = _articles(corpus)
    items = [it for it in load_gold(default_gold_path()) if it.answerable]
    checked = stale = 0
    for it in items:
        ids = [arts[(g.doc, g.pasal.lower())] for g in it.gold if g.pasal and (g.doc, g.pasal.lower()) in arts]
        if not ids:
            continue
        day = it.as_of or date.today()
        ans = answer_question(it.question, FixedRetriever(corpus, ids), corpus, as_of=day)
        for c in ans.citations + ans.retrieved:
            shown = show_provision(corpus, c.id, day)
            st = shown.to_dict()["status"]
            assert c.status == st["short"], (it.id, c.id, c.status, st["short"])
            assert c.in_force == st["in_force"], (it.id, c.id)
            checked += 1
        row = currency_row(ans, corpus, day.isoformat())
        stale += len(row["not_current"])
        assert not row["not_current"], (it.id, row)
    assert checked > 500 and stale == 0
