"""Research questions answered from the literature (lexqa.answer.research) on the real studies.

The corpus is the real one (both studies and the statutes, real parser); the searches are a
word-overlap retriever over the literature (no embedding model) or, for the Session test, a real
index built with the fake embedder on a real sub-corpus."""

from __future__ import annotations

import re

import pytest

from fakes import CannedRetriever
from lexqa.answer import AnswerConfig
from lexqa.answer.items import group_of
from lexqa.answer.model import Answer
from lexqa.answer.question import read_question
from lexqa.answer.research import (answer_research, best_passage, candidates, literature_docs, rank_sections,
                                   research_concepts, unknown_names)
from lexqa.answer.terms import concepts, overlap
from lexqa.models import SearchHit
from lexqa.text import is_verbatim

PURNOMO = "purnomo-2025-human-security-batam"
KELLEY = "kelley-2017-scorecard-diplomacy-indonesia"


class WordRetriever(CannedRetriever):
    """Ranks the provisions of the filtered documents by shared question words (a lexical stand-in
    for both searchers); records the filters it was given."""

    def __init__(self, corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.filters: list = []

    def search(self, query, k=10, mode="hybrid", filters=None, *, exact=True):
        self.filters.append(filters)
        docs = set([filters.doc] if isinstance(filters.doc, str) else filters.doc) if filters and filters.doc else None
        cs = concepts(query)
        provs = [p for p in self.corpus.provisions(include_penjelasan=False) if docs is None or p.doc in docs]
        ranked = sorted(provs, key=lambda p: (-overlap(cs, p.text), p.id))[:k]
        return [SearchHit(provision=p, score=0.9 - 0.001 * r, rank=r + 1, source=mode) for r, p in enumerate(ranked)]


def _answer(question: str, *, abstained: bool = True) -> Answer:
    r = read_question(question)
    return Answer(question=question, answer="", abstained=abstained, language=r.language, reading=r.to_dict(),
                  signals={}, as_of="2026-12-01")


@pytest.fixture(scope="module")
def cfg():
    return AnswerConfig.load()


def test_candidates_are_sections_never_apparatus(corpus):
    cands = candidates(corpus, literature_docs(corpus))
    assert f"{PURNOMO}/section-4-3" in cands and f"{KELLEY}/section-legislation" in cands
    kinds = {p.kind for p, _ in cands.values()}
    assert kinds == {"section"}
    # a section with subsections is read by its intro only (4 = 4.1 + 4.2 + 4.3 has none: left out)
    assert f"{PURNOMO}/section-4" not in cands
    assert not any(i.endswith(("section-references", "section-notes", "section-back-matter")) for i in cands)


def test_research_words_do_not_choose_and_indonesian_reads_english(corpus):
    cs = research_concepts("Menurut penelitian Purnomo dkk., apa kendala penerapan human security?")
    texts = [c.text for c in cs]
    assert "penelitian" not in texts and "purnomo" not in texts
    kendala = next(c for c in cs if c.text == "kendala")
    assert any("obstacl" in alt for a in kendala.alternatives for alt in a)
    # a phrase of the research vocabulary stands for its words
    cs2 = research_concepts("Apa kata Kelley tentang penjeratan utang?")
    assert [c.text for c in cs2 if "utang" in c.text] == ["penjeratan utang"]


def test_obstacles_question_ranks_the_obstacles_section_first(corpus):
    r = WordRetriever(corpus)
    ranked = rank_sections("What obstacles to human security does the field research at Batam report?",
                           r, corpus, literature_docs(corpus))
    assert ranked[0].p.id == f"{PURNOMO}/section-4-3"
    assert ranked[0].ranks.get("heading") == 1
    assert all(f.doc and set(f.doc) <= {PURNOMO, KELLEY} for f in r.filters)   # searched within the literature


def test_answer_cites_the_section_by_pinpoint_and_quotes_it(corpus, cfg):
    q = "What obstacles to human security does the field research at Batam report?"
    ans = answer_research(_answer(q), WordRetriever(corpus), corpus, cfg)
    assert not ans.abstained and ans.verification.get("failures") == []
    lead = ans.citations[0]
    assert lead.id == f"{PURNOMO}/section-4-3" and lead.role == "answer" and lead.group == "literature"
    assert re.fullmatch(r"Purnomo et al\. 2025, § 4\.3, p\. \d+", lead.label)
    p = corpus.get(lead.id)
    assert is_verbatim(lead.quote, p.text) and not lead.quote.lstrip().startswith("#")
    assert "obstacle" in lead.quote.lower()
    assert ans.answer.startswith(lead.label + " (literature, not law): ")


def test_indonesian_question_naming_the_author_answers_from_that_study(corpus, cfg):
    q = "Menurut Kelley (2017), faktor apa yang menghambat dan memudahkan pengaruh AS terhadap kebijakan anti-perdagangan orang?"
    ans = answer_research(_answer(q), WordRetriever(corpus), corpus, cfg)
    assert not ans.abstained
    assert ans.citations[0].id == f"{KELLEY}/section-conditioning-factors"
    assert all(c.doc == KELLEY for c in ans.citations if c.group == "literature")
    assert "(literatur, bukan hukum)" in ans.answer


def test_a_wrong_provision_named_by_the_study_is_flagged_with_the_law(corpus, cfg):
    q = ("The Purnomo article says Article 48 of Law 21/2007 regulates victims' rights to legal assistance, "
         "protection and rehabilitation. Is that what Pasal 48 says?")
    ans = answer_research(_answer(q), WordRetriever(corpus), corpus, cfg)
    ids = [c.id for c in ans.citations]
    assert ids[0] == f"{PURNOMO}/section-4-1" and "uu-21-2007/pasal-48" in ids
    assert "provides restitution" in ans.answer and "“Article 48”" in ans.answer
    assert ans.verification.get("failures") == []


def test_an_unknown_name_is_refused_not_answered_nearby(corpus, cfg):
    assert unknown_names("What does the research say about fishing crews in Bitung?", corpus) == ["Bitung"]
    assert unknown_names("Menurut Kelley, apa peran Amerika Serikat?", corpus) == []
    ans = answer_research(_answer("What does the research say about fishing crews in Bitung?"),
                          WordRetriever(corpus), corpus, cfg)
    assert ans.abstained and not ans.citations and any("Bitung" in n for n in ans.notes)


def test_a_question_not_asking_for_research_is_left_alone(corpus, cfg):
    before = _answer("Kapan Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?", abstained=False)
    r = WordRetriever(corpus)
    after = answer_research(before, r, corpus, cfg)
    assert after is before and not after.citations and r.filters == []


def test_passage_continues_a_sentence_broken_by_a_page(corpus):
    p = corpus.get(f"{PURNOMO}/section-4-1")
    off, text = best_passage(p, research_concepts("Article 48 legal assistance rehabilitation"), 600)
    assert "Article 48" in text and not text[0].islower() and p.text[off:off + len(text)] == text


def test_session_answers_research_from_literature_and_law_from_law(corpus, tmp_path):
    from lexqa.index.store import build_index
    from lexqa.service import Session
    from lexqa.store import Corpus

    sub = Corpus([corpus.documents[d] for d in ("uu-6-2011", "uu-21-2007", PURNOMO, KELLEY)],
                 corpus_dir=corpus.corpus_dir)
    build_index(sub, tmp_path / "index", "fake")
    s = Session(corpus=sub, index_dir=tmp_path / "index")
    res = s.ask("Apa rekomendasi penelitian tentang human security di Batam untuk Ditjen Imigrasi dan pemerintah?").answer
    lit = [c for c in res.citations if c.role == "answer" and group_of(sub, c.doc) == "literature"]
    assert not res.abstained and lit and lit[0].id == f"{PURNOMO}/section-6"
    law = s.ask("Apa hak korban tindak pidana perdagangan orang atas restitusi?").answer
    assert not any(c.role == "answer" and group_of(sub, c.doc) == "literature" for c in law.citations)
    # the same law question with --with-commentary: the literature's view is asked for and given
    asked = s.ask("Apa hak korban tindak pidana perdagangan orang atas restitusi?", commentary=True).answer
    assert asked.reading["wants_commentary"]
    assert any(group_of(sub, c.doc) == "literature" for c in asked.citations), [c.id for c in asked.citations]
