"""`Session`: the application API every surface (CLI, LangChain, an HTTP or MCP server) calls.

A Session holds the corpus, the retriever and the reference graph, each loaded on first use and
kept: a long-lived Session answers its next question without loading anything again.
Which loading path a method takes matches the CLI's cold start: `search` reads provisions from
the index and never parses the corpus (unless the Session already holds one); `ask`, `show`,
`trace`, `verify`, `check` and `corpus_list` parse it.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import CitationError, CorpusError, LexqaError
from .results import (AskResult, BuildResult, CheckResult, CorpusListing, DiffResult, DocEntry, HistoryResult, Hit,
                      IndexStatus, SearchResult, ShowResult, TraceResult, UnresolvedCitation, VerifyResult)
from ..index.corpus_cache import cached_corpus
from .history import InputError, diff_of, history_of, parse_date
from .show import show_provision, trace_timeline

if TYPE_CHECKING:
    from datetime import date

    from ..cite.xref import RefGraph
    from ..retrieve import Retriever
    from ..store import Corpus
    from .guides import GuideCheckResult, GuideListing, GuideMatch, GuideResult

Progress = Callable[[int, int, str], None]
# Entered only while the index is opened or built, so a caller can show a bar for just that;
# it yields the (done, total, stage) callback, or None.
ProgressScope = Callable[[], AbstractContextManager["Progress | None"]]


@cached_corpus  # the parse kept on disk, keyed by the sources and the code (lexqa.index.corpus_cache)
def load_corpus(corpus_dir: str | Path | None) -> "Corpus":
    """Resolve and parse the corpus (seconds)."""
    from ..config import resolve_corpus_dir
    from ..ingest import load_corpus as _load

    return _load(resolve_corpus_dir(corpus_dir))


def clean_text(s: str) -> str:
    """Text from argv that was not UTF-8 carries lone surrogates: make them U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _check_search_mode(mode: str) -> None:
    from ..retrieve import MODES

    if mode not in MODES:
        raise LexqaError(f"unknown mode: {mode}", hint="use one of: " + ", ".join(MODES))


def _check_ask_mode(mode: str) -> None:
    from ..retrieve import MODES

    if mode not in MODES or mode == "exact":
        raise LexqaError(f"unknown mode: {mode}", hint="use hybrid, dense or bm25")


def with_guide(ans: Any, guide: Any, corpus: "Corpus") -> Any:
    """The guide as the skeleton under the composer's lead (the direct answer comes first); the
    ranking stays what retrieval found; the whole is verified again (fail closed)."""
    from ..answer.compose import finalize
    from ..answer.model import BASIS_ROLES
    from ..guides.answer import lead_from_steps

    have = {c.id for c in guide.citations}
    # the composer's answer, when it gave one, comes first: it answers this question (a yes / no,
    # a penalty's numbers, the clause asked about), the guide the situation around it; so a guide
    # never takes away a provision the composer found (measured: with the composer's lead kept
    # only when it rested on a guide provision, q015 and q229 lost coverage to their guide)
    composed = not ans.abstained and bool(ans.answer)
    # the offence a guide step's cue named, for a penalty / which-article issue left without numbers
    claims = lead_from_steps(ans.lead_claims if composed else [], guide, ans.question, corpus)
    lead = ans.answer if composed else ""
    if claims != (ans.lead_claims if composed else []):
        old = " ".join(c["text"] for c in ans.lead_claims) if composed else ""
        new = " ".join(c["text"] for c in claims)
        lead = lead.replace(old, new, 1) if old and old in lead else (new + (" " + lead if lead else ""))
    if lead:
        guide.answer = lead + "\n\n" + guide.answer
        guide.lead_claims = claims
    if composed:
        guide.issues, guide.does_not_allow = ans.issues, ans.does_not_allow
    for iss in guide.issues:  # an issue a step's offence now answers cites it too
        iss["citations"] = list(dict.fromkeys([*iss.get("citations", []), *(
            cid for cl in claims if cl.get("from_guide") and cl.get("issue", iss["issue"]) == iss["issue"]
            for cid in cl["citations"])]))
    if composed:  # the composer's basis first, each once (the guide's own citations follow)
        guide.citations = [c for c in ans.citations if c.role in (*BASIS_ROLES, "revoked")
                           and c.id not in have] + guide.citations
    guide.retrieved, guide.reading, guide.as_of = ans.retrieved, ans.reading, ans.as_of
    guide.notes = list(dict.fromkeys([*ans.notes, *guide.notes]))  # e.g. a damaged source quoted by the lead
    guide.timings = {**ans.timings, **guide.timings}
    return finalize(guide, corpus)


class Session:
    """The corpus, index and reference graph of one configuration, loaded once (not thread-safe)."""

    def __init__(self, corpus_dir: str | Path | None = None, index_dir: str | Path | None = None, *,
                 embedder: str | None = None, progress: ProgressScope | None = None,
                 corpus: "Corpus | None" = None) -> None:
        """`corpus` (already parsed) replaces reading `corpus_dir`; `embedder` None keeps the index's own;
        `progress` (a ProgressScope) reports index builds."""
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir
        self.embedder = embedder
        self.progress: ProgressScope = progress or (lambda: nullcontext(None))
        self._corpus = corpus
        self._corpus_load_s = 0.0
        self._retriever: "Retriever | None" = None
        self._graph: "RefGraph | None" = None
        self._index_corpus: "Corpus | None" = None   # rebuilt from the index rows (search without parsing)
        self._answer_config: Any = None
        self._chat: dict[tuple[str, str | None, str | None], Any] = {}
        self._unreported_load_ms = 0.0     # loading time the next answer reports as setup_ms

    # ------------------------------------------------------------------ lazily loaded state

    @property
    def corpus(self) -> "Corpus":
        if self._corpus is None:
            t = time.perf_counter()
            self._corpus = load_corpus(self.corpus_dir)
            self._corpus_load_s = time.perf_counter() - t
            self._unreported_load_ms += self._corpus_load_s * 1000
        return self._corpus

    @property
    def retriever(self) -> "Retriever":
        """The index, built first when missing or stale; provisions from the corpus when one is held."""
        if self._retriever is None:
            from ..retrieve import Retriever

            t = time.perf_counter()
            with self.progress() as cb:
                if self._corpus is not None:
                    self._retriever = Retriever.open(self.index_dir, corpus=self._corpus, embedder=self.embedder,
                                                     progress=cb)
                else:
                    self._retriever = Retriever.open(self.index_dir, corpus_dir=self.corpus_dir,
                                                     embedder=self.embedder, progress=cb)
            self._unreported_load_ms += (time.perf_counter() - t) * 1000
        return self._retriever

    @property
    def graph(self) -> "RefGraph":
        if self._graph is None:
            from ..cite.xref import RefGraph

            self._graph = RefGraph.build(self.corpus)
        return self._graph

    # ------------------------------------------------------------------ questions and search

    def ask(self, question: str, k: int = 10, mode: str = "hybrid", docs: list[str] | None = None,
            llm: str | None = None, llm_model: str | None = None, llm_base_url: str | None = None,
            engine: Any = None, as_of: "date | str | None" = None, guides: bool = True,
            commentary: bool = False) -> AskResult:
        """A cited answer (or an abstention). `llm`: optional synthesis provider (openai | ollama | llamacpp);
        `engine`: any other `lexqa.answer.model.Synthesizer` (verified the same way); `as_of`: the
        date the law is read on (default today); `guides`: a question that fits a checkpoint guide
        (lexqa.guides, matched on its situation and example questions) is answered with the guide
        as the skeleton, its provisions quoted live (engine "guide:NAME"); `commentary`: answer from
        the research literature too, as a question that asks for research would be."""
        from ..answer import AnswerConfig, answer_question
        from .guides import guide_applies
        from ..retrieve import Filters

        from ..cite.inputs import check_question
        from ..cite.named import abstention, missing_named_provisions

        question = check_question(question)
        _check_ask_mode(mode)
        chat = self._chat_model(llm, llm_model, llm_base_url) if llm else None
        corpus = self.corpus
        missing = missing_named_provisions(question, corpus)
        if missing:  # "Pasal 999 UU 6/2011": say it does not exist, never answer about another article
            return AskResult(abstention(question, missing, corpus))
        retriever = self.retriever
        if self._answer_config is None:
            self._answer_config = AnswerConfig.load()
        ans = answer_question(question, retriever, corpus, self._answer_config, k=k, mode=mode,
                              filters=Filters(doc=docs or None), llm=chat, engine=engine, as_of=parse_date(as_of),
                              commentary=commentary)
        if engine is None and chat is None:  # a question asking for research: the literature answers
            from ..answer.research import answer_research
            ans = answer_research(ans, retriever, corpus, self._answer_config, Filters(doc=docs or None))
        if guides and engine is None and chat is None and not docs and guide_applies(question):
            g = self.guide_answer(question, as_of)
            if g is not None and not g.answer.abstained:
                ans = with_guide(ans, g.answer, corpus)
        if self._unreported_load_ms:
            ans.timings["setup_ms"] = self._unreported_load_ms
            self._unreported_load_ms = 0.0
        return AskResult(ans)

    def _chat_model(self, llm: str, model: str | None, base_url: str | None) -> Any:
        key = (llm, model, base_url)
        if key not in self._chat:
            from ..answer.llm import make_chat_model

            self._chat[key] = make_chat_model(llm, model, base_url)
        return self._chat[key]

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None,
               as_of: "date | str | None" = None) -> SearchResult:
        """Ranked provisions as they stand on `as_of` (default today); `filters` is a
        lexqa.retrieve.Filters or a dict of its fields."""
        from ..retrieve import Filters

        if not query.strip():
            raise LexqaError("empty query", hint="type a question or a citation, e.g. 'Pasal 16 UU 6/2011'")
        _check_search_mode(mode)
        from ..retrieve.current import consolidate

        r = self.retriever
        # the timeline needs the provisions: each hit becomes the words in force on as_of. The
        # index holds them all, so a search does not parse the sources.
        if self._corpus is None and self._index_corpus is None:
            self._index_corpus = r.index.lookup.to_corpus()
        corpus = self._corpus if self._corpus is not None else self._index_corpus
        day = parse_date(as_of)
        # folding superseded and amending texts into one unit can merge hits: fetch a few more
        f = Filters.coerce(filters)
        want_in_force = f.in_force_only
        if want_in_force:  # decided on the unit's date below, not on the index's stored status
            from dataclasses import replace

            f = replace(f, in_force_only=False)
        hits = consolidate(r.search(query, (3 * k if want_in_force else k) + 5, mode, f), corpus, day)
        hits = [(h, u) for h, u in hits if u.in_force or not want_in_force][:k]
        return SearchResult(query, [Hit.of_unit(h, u) for h, u in hits], as_of=day.isoformat() if day else None)

    # ------------------------------------------------------------------ citations

    def show(self, citation: str, as_of: "date | str | None" = None) -> ShowResult | UnresolvedCitation:
        """The provision, its status and the text in force on `as_of` (default today), and its history."""
        return show_provision(self.corpus, citation, parse_date(as_of))

    def history(self, citation: str) -> HistoryResult:
        """Every version of a provision (base-law coordinates), with dates and sources."""
        return history_of(self.corpus, clean_text(citation))

    def diff(self, citation: str, from_date: "date | str | None" = None, to_date: "date | str | None" = None) -> DiffResult:
        """Word diff of the versions in force on two dates (default: the version before today's → today's)."""
        return diff_of(self.corpus, clean_text(citation), parse_date(from_date), parse_date(to_date))

    def trace(self, citation: str, as_of: "date | str | None" = None) -> TraceResult:
        """What a provision refers to, what refers to it, what amended, revoked or implements it."""
        from ..cite.citation import resolve
        from ..cite.xref import trace

        corpus = self.corpus
        res = resolve(clean_text(citation), corpus)
        if not res.ok:
            near = ", ".join(corpus.label(n) for n in res.nearest[:4])
            raise CitationError(f"{citation!r} does not resolve: {res.reason}", hint=f"nearest: {near}" if near else None)
        t = time.perf_counter()
        out = trace(res.id, corpus, self.graph)
        out.update(trace_timeline(corpus, res.id, parse_date(as_of)))
        from ..commentary import discussed_in

        out["discussed_in"] = [d.to_dict() for d in discussed_in(res.id, corpus)]
        return TraceResult(out, round((time.perf_counter() - t) * 1000, 1))

    def verify(self, text: str, default_doc: str | None = None, as_of: str | date | None = None) -> VerifyResult:
        """Every Pasal/Article mention in a draft: found?, in force on `as_of` (None: today), does its
        quote match the words in force? Empty text is unusable input (exit 2)."""
        from ..cite.verify import verify_draft

        corpus = self.corpus
        if default_doc and default_doc not in corpus.documents:
            raise LexqaError(f"unknown document: {default_doc}", hint="see `lexqa corpus list`")
        if not text.strip():
            raise InputError("the draft is empty")
        day = parse_date(as_of)
        return VerifyResult(verify_draft(text, corpus, default_doc=default_doc, as_of=day),
                            day.isoformat() if day else None)

    # ------------------------------------------------------------------ guides (service/guides.py)

    def guides(self) -> "GuideListing":
        """The checkpoint guides (id, title, check date)."""
        from .guides import list_guides

        return list_guides()

    def guide(self, name: str, as_of: "date | str | None" = None) -> "GuideResult":
        """One guide rendered with the words in force on `as_of` (default today) and statuses."""
        from .guides import show_guide

        return show_guide(self.corpus, clean_text(name), parse_date(as_of))

    def guide_check(self, as_of: "date | str | None" = None, paths: "list[str] | None" = None) -> "GuideCheckResult":
        """Every guide (or the guide files in `paths`) checked against the timeline on its check date and `as_of`."""
        from .guides import check_all

        return check_all(self.corpus, parse_date(as_of), paths)

    def match_guide(self, question: str) -> "GuideMatch | None":
        """The guide a question fits (lexical score over situation and example questions), or None."""
        from .guides import match_question

        hit = match_question(clean_text(question))
        return hit[0] if hit else None

    def guide_answer(self, question: str, as_of: "date | str | None" = None) -> AskResult | None:
        """An answer with the fitting guide as skeleton, each provision quoted live; None when no guide fits."""
        from ..answer import AnswerConfig
        from .guides import answer_with_guide

        if self._answer_config is None:
            self._answer_config = AnswerConfig.load()
        return answer_with_guide(self.corpus, clean_text(question), parse_date(as_of), self._answer_config)

    # ------------------------------------------------------------------ corpus and index

    def check(self, doc: str | None = None) -> CheckResult:
        from ..parse.check import check_corpus

        corpus = self.corpus
        if doc and doc not in corpus.documents:
            raise CorpusError(f"no document {doc!r} in the corpus", hint="ids: " + ", ".join(sorted(corpus.documents)))
        return CheckResult(check_corpus(corpus, doc), self._corpus_load_s)

    def corpus_list(self) -> CorpusListing:
        corpus = self.corpus
        return CorpusListing(str(corpus.corpus_dir), [DocEntry.of(d) for d in corpus.documents.values()])

    def index_status(self, check_corpus: bool = False) -> IndexStatus:
        """What is indexed and whether it is stale (by file sizes/mtimes, or by parsing: `check_corpus`)."""
        from ..config import resolve_index_dir
        from ..index.store import read_meta, stale_reasons

        idir = resolve_index_dir(self.index_dir)
        meta = read_meta(idir)
        if meta is None:
            return IndexStatus(str(idir), exists=False, stale=True, reasons=["no index"],
                               hint="run `lexqa index build` (or any `lexqa search`, which builds it)")
        # a Session told of no corpus compares with the one the index was built from
        own = self._corpus is not None or self.corpus_dir
        if check_corpus:
            reasons = stale_reasons(meta, corpus=self.corpus if own else load_corpus(meta.get("corpus_dir")))
        else:
            reasons = stale_reasons(meta, corpus_dir=self.corpus_dir or meta.get("corpus_dir"))
        return IndexStatus(str(idir), exists=True, stale=bool(reasons), reasons=reasons, meta=meta)

    def build_index(self, embedder: str | None = None, force: bool = False) -> BuildResult:
        """(Re)build the index when stale or `force`; `embedder` None: the Session's, else the index's own."""
        from ..config import resolve_index_dir
        from ..index.manager import rebuild
        from ..index.store import read_meta, stale_reasons

        idir = resolve_index_dir(self.index_dir)
        corpus = self.corpus
        meta = read_meta(idir)
        want = embedder or self.embedder or (meta or {}).get("embedder")
        reasons = stale_reasons(meta, corpus=corpus, embedder=want)
        if not reasons and not force:
            return BuildResult(False, str(idir), "up to date", meta.get("embedder"), chunks=meta.get("chunks"))
        with self.progress() as cb:
            rep = rebuild(corpus, idir, want, meta, progress=cb)
        self._retriever = None  # the next search opens the new index
        return BuildResult(True, str(idir), "; ".join(reasons) if reasons else "forced",
                           (read_meta(idir) or {}).get("embedder"), report=rep,
                           corpus_load_seconds=self._corpus_load_s)
