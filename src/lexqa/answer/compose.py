"""The answer loop: retrieve once, take the abstention signals from that retrieval, let the
engines write the answer (extractive, then optionally an LLM), verify it (fail closed)."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, Sequence

from ..errors import LexqaError, ModelUnavailable
from ..models import SearchHit
from ..retrieve.current import consolidate, today
from . import terms
from .config import AnswerConfig
from .fit import states_amount, with_penalty_hits
from .issues import add_commentary, attach_norms, issue_citations, synthesizer_for
from .entry import add_entry_claim
from .lead import compose_lead
from .revocation import add_partial_revocation_note, add_revocation_citations
from .render import abstain_text, citation_order, lead_text
from .scope import missing_subjects
from .question import read_question
from .items import retrieved_items
from .llm import LLMSynthesizer
from .model import BASIS_ROLES, Answer, Synthesizer
from .verified import finalize
from .policy import SIGNAL_LISTS, retrieval_signals

if TYPE_CHECKING:  # pragma: no cover
    from ..retrieve import RetrievalResult
    from ..store import Corpus


class SearchesProvisions(Protocol):
    """What the answerer needs of a retriever (`lexqa.retrieve.Retriever` has it)."""

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None) -> list[SearchHit]: ...

    def search_detailed(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None, *,
                        depth: int = 1, lists: Sequence[str] = SIGNAL_LISTS) -> "RetrievalResult": ...


def _retrieve(retriever: SearchesProvisions, q: str, k: int, mode: str, filters: Any,
              depth: int) -> tuple["RetrievalResult", dict[str, str]]:
    """The fused ranking with the single searchers' lists, and the searchers that could not run."""
    try:
        return retriever.search_detailed(q, k, mode, filters, depth=depth), {}
    except ModelUnavailable as e:
        # no embedding model: a bm25 / exact search still answers, without the dense signal
        # (a dense or hybrid search raises again here)
        lists = tuple(s for s in SIGNAL_LISTS if s != "dense")
        return retriever.search_detailed(q, k, mode, filters, depth=depth, lists=lists), {"dense": type(e).__name__}


def damaged_source_notes(ans: Answer, corpus: "Corpus") -> None:
    """An answer that quotes a document the manifest marks as damaged says so (never papered over)."""
    for doc in dict.fromkeys(c.doc for c in ans.citations if c.role in BASIS_ROLES):
        meta = corpus.meta(doc)
        if meta is not None and meta.notes and "damaged" in meta.notes.lower():
            note = f"{meta.label}: {meta.notes}"
            if note not in ans.notes:
                ans.notes.append(note)


def _cites_amount(ans: Answer, corpus: "Corpus") -> bool:
    """Some provision the answer rests on states a fee or a cost with its amount."""
    for c in ans.citations:
        p = corpus.get(c.id) if c.role in BASIS_ROLES else None
        if p is not None and states_amount(p.text):
            return True
    return False


def answer_question(question: str, retriever: SearchesProvisions, corpus: "Corpus",
                    config: AnswerConfig | None = None, *, k: int = 10, mode: str = "hybrid",
                    filters: Any = None, llm: Any = None, engine: "Synthesizer | None" = None,
                    as_of: "date | str | None" = None, commentary: bool = False) -> Answer:
    """Answer one question from the corpus; the result has passed `verify_answer`.

    The extractive engine always answers first (it chooses the citations and decides whether to
    abstain). `engine`: another `Synthesizer` that rewrites a non-abstaining answer; `llm`: an
    optional langchain-core chat model, shorthand for ``engine=LLMSynthesizer(llm)`` (see
    lexqa.answer.llm). Whatever an engine writes is verified the same way (fail closed).
    `as_of`: the date the law is read on (None: today); every hit is first replaced by the words
    in force then (lexqa.retrieve.current), so superseded text is never the answer.
    `commentary`: the user asks for the literature's view (`--with-commentary`), as a question
    that asks for research does (lexqa.answer.research).
    """
    cfg = config or AnswerConfig.load()
    q = (question or "").strip()
    if not q:
        raise LexqaError("empty question", hint="ask something, e.g. lexqa ask \"Kapan Pejabat Imigrasi menolak orang keluar?\"")
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    kk = max(k, cfg.retrieved_k)
    # folding superseded and amending texts into one unit merges hits: fetch a few more
    res, unavailable = _retrieve(retriever, q, kk + 5, mode, filters, max(1, cfg.agree_depth))
    day = as_of.isoformat() if isinstance(as_of, date) else (as_of or today().isoformat())
    hits = [h for h, _ in consolidate(res.hits, corpus, day)][:kk]
    res = replace(res, hits=hits, lists={n: [h for h, _ in consolidate(ls, corpus, day)] for n, ls in res.lists.items()})
    timings["retrieve_ms"] = (time.perf_counter() - t0) * 1000
    sig = retrieval_signals(hits, res.lists, mode, unavailable)
    sig["n_hits"] = len(hits)
    sig["language"] = lang = terms.language(q)

    t1 = time.perf_counter()
    ans = Answer(question=q, answer="", abstained=False, retrieved=retrieved_items(corpus, hits, cfg, day),
                 language=lang, signals=sig, as_of=day)
    reading = read_question(q)
    if commentary:
        reading.wants_commentary = True
    ans.reading = reading.to_dict()
    sig["scenario"] = len(reading.issues) >= 2 or len(q) >= 160
    missing = missing_subjects(q, corpus, reading)
    if missing:
        # the question is about something this corpus does not hold: refuse, with the nearest leads
        sig["missing"] = missing
        sig["decision"] = "the corpus does not mention: " + "; ".join(missing)
        ans.abstained = True
        ans.answer = abstain_text(ans, corpus, cfg)
        ans.notes.append(("Korpus tidak memuat: " if lang == "id" else "Not in this corpus: ") + "; ".join(missing))
    else:
        cand_hits = hits
        if reading.qtype == "penalty" and not sig.get("exact"):
            cand_hits = with_penalty_hits(hits, retriever, q, corpus, cfg, mode, filters, day)
        ans = synthesizer_for(reading, res.lists, filters).synthesize(ans, cand_hits, corpus, cfg)
    pairs: list = []   # (issue, the citation that answers it)
    if not ans.abstained and reading.asks_amount and reading.qtype != "penalty" and not _cites_amount(ans, corpus):
        # "How much is the fee …?" and no cited provision states a fee: refuse rather than quote one that does not
        ans.signals["decision"] = "no provision found states the amount asked"
        ans.abstained, ans.citations = True, []
        ans.answer = abstain_text(ans, corpus, cfg)
        ans.notes.append("Korpus tidak memuat besaran yang ditanyakan." if lang == "id"
                         else "No provision found states the amount asked for.")
    elif ans.abstained and not missing and len(reading.issues) >= 2 and not ans.signals.get("exact"):
        # a scenario whose whole text found no answer: each issue is judged on its own
        pairs = issue_citations(ans, reading, retriever, corpus, cfg, mode, filters, day)
        if pairs:
            ans.abstained = False
            ans.signals["decision"] = f"{len(pairs)} of {len(reading.issues)} issues answered on their own evidence"
            ans.citations.sort(key=citation_order)
            ans.answer = lead_text(ans, corpus)
    elif not ans.abstained:
        pairs = issue_citations(ans, reading, retriever, corpus, cfg, mode, filters, day)
    if not ans.abstained:
        add_revocation_citations(ans, corpus, cfg, reading)
        compose_lead(ans, corpus, reading, pairs, polar_min=cfg.polar_overlap_min)
    if not missing and add_entry_claim(ans, corpus, reading, cfg):
        ans.citations.sort(key=citation_order)  # (the law's entry-into-force article leads its claim)
    if not ans.abstained:
        add_partial_revocation_note(ans, corpus)
        attach_norms(ans, corpus)
        if not reading.wants_commentary:
            add_commentary(ans, hits, corpus, cfg, day)
        damaged_source_notes(ans, corpus)
    timings["answer_ms"] = (time.perf_counter() - t1) * 1000

    if engine is None and llm is not None:
        engine = LLMSynthesizer(llm)
    if engine is not None and not ans.abstained:
        t2 = time.perf_counter()
        ans = engine.synthesize(ans, hits, corpus, cfg)
        timings["llm_ms" if isinstance(engine, LLMSynthesizer) else "engine_ms"] = (time.perf_counter() - t2) * 1000

    t3 = time.perf_counter()
    ans = finalize(ans, corpus)
    timings["verify_ms"] = (time.perf_counter() - t3) * 1000
    if engine is None and reading.wants_commentary:
        # a question that asks for research: the literature answers, as commentary (lexqa.answer.research)
        from .research import answer_research

        ans = answer_research(ans, retriever, corpus, cfg, filters)
    timings["total_ms"] = (time.perf_counter() - t0) * 1000
    ans.timings = {**(ans.timings or {}), **timings}
    return ans
