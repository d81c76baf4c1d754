"""A scenario raises several legal issues ("may I refuse her departure, and what must I do
next?"): each issue after the first is looked up on its own (its clause and the scenario's
concepts), and its best provision joins the answer; literature joins as commentary, never as
the legal basis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..commentary import is_answerable
from ..errors import ModelUnavailable
from ..relations import relations
from ..retrieve.current import consolidate
from . import terms
from .config import AnswerConfig
from .extractive import ExtractiveSynthesizer, is_history
from .fit import fit
from .policy import agreement, domain_of, retrieval_signals, should_answer
from .items import group_of, make_item
from .model import Answer, Item

if TYPE_CHECKING:  # pragma: no cover
    from ..models import SearchHit
    from ..store import Corpus
    from .question import QIssue, QuestionReading


def synthesizer_for(reading: "QuestionReading", lists: Any = None, filters: Any = None) -> ExtractiveSynthesizer:
    return ExtractiveSynthesizer(lists=lists, filters=filters, commentary=reading.wants_commentary,
                                 treaty_basis=reading.about_treaty, qtype=reading.qtype,
                                 person=reading.person, polar=reading.polar, crew=reading.crew,
                                 grounds=reading.asks_grounds, transition=reading.asks_transition)


def issue_citations(ans: Answer, reading: "QuestionReading", retriever: Any, corpus: "Corpus", cfg: AnswerConfig,
                    mode: str, filters: Any, day: str) -> list[tuple["QIssue", Item]]:
    """(issue, the citation that answers it), the first issue answered by the lead citation.
    When the question as a whole found no answer (`ans.abstained`), each issue of a scenario is
    looked up and judged on its own evidence (its own retrieval's signals, the same policy): the
    issues that pass answer, the others are left open."""
    main = [c for c in ans.citations if c.role == "answer"]
    gated = ans.abstained
    if not reading.issues or (not main and not gated):
        return []
    out: list[tuple["QIssue", Item]] = [] if gated else [(reading.issues[0], main[0])]
    syn = synthesizer_for(reading, filters=filters)
    rel = relations(corpus)
    # a scenario's first issue is looked up on its own too: the whole text, narrative first, may
    # have found the situation's law but not the clause asked ("Can I refuse her departure")
    start = 0 if gated or len(reading.issues) >= 2 else 1
    for iss in reading.issues[start:4]:
        # "…, siapa yang berwenang melarangnya?": whom a cited power names (its lookup adds only
        # provisions that name who as well)
        prior = _who_in(ans.citations, iss, corpus, cfg) if not gated and iss.qtype == "who" else None
        if prior is not None and not any(q is iss for q, _ in out):
            out.append((iss, prior))
        syn.qtype, syn.polar = iss.qtype, iss.polar
        q = " ".join([iss.text, *iss.concepts[:10]])
        sig: dict[str, Any] = {}
        if gated:
            try:
                res = retriever.search_detailed(q, 10, mode, filters, depth=max(1, cfg.agree_depth))
            except ModelUnavailable:
                continue  # no dense signal to judge an issue by: it stays open
            raw, lists = res.hits, {n: [h for h, _ in consolidate(ls, corpus, day)] for n, ls in res.lists.items()}
            sig = retrieval_signals(raw, lists, mode)
            sig.update(n_hits=len(raw), language=ans.language)
            syn.lists = lists
        else:
            raw = retriever.search(q, k=10, mode=mode, filters=filters)
        if cfg.issue_clause_weight > 0 and q != iss.text:
            raw = _fused(raw, retriever.search(iss.text, k=10, mode=mode, filters=filters), cfg.issue_clause_weight)
        hits = [h for h, _ in consolidate(raw, corpus, day)]
        cands = syn.candidates(hits, corpus, cfg, terms.concepts(q), ans.language, day)
        if not syn.treaty_basis:
            cands = syn.law_before_treaties(cands, corpus)
        chosen, top_ov = syn.choose(cands, cfg, ans.language, rel)
        if not chosen:
            continue
        if gated:
            lead = chosen[0][0]
            sig.update(overlap=top_ov, domain=domain_of(corpus, lead, cfg), agree=agreement(corpus, lead, syn.lists),
                       fit=fit(iss.qtype, lead, corpus),
                       lead_rank=next((c[4] for c in cands if c[0].id == lead.id), -1))
            if not should_answer(sig, cfg)[0] or (iss.qtype == "penalty" and sig["fit"] <= 0) or sig["domain"] != "core":
                # (a penalty issue on its own is answered by a provision that states one; a clause of a
                # scenario whose whole text found nothing is not answered from a law held for context:
                # "apa hak para perempuan itu untuk ganti rugi?" is no telecoms claim, PP 52/2000 Pasal 68)
                continue
        first: Item | None = None
        for target, h, _ in chosen[: cfg.issue_citations]:
            if prior is not None and _who_in([target], iss, corpus, cfg) is None:
                continue
            item = next((c for c in ans.citations if c.id == target.id), None)
            if item is None:
                item = make_item(corpus, target, h.score, cfg, as_of=day)
                if is_history(item):
                    continue  # a revoked provision does not answer an issue today
                ans.citations.append(item)
            first = first or item
        if first is None:
            continue
        if out and out[0][0] is iss and not gated and _clearly_better(cands, chosen[0][0], out[0][1].id, cfg, ans.language):
            out[0] = (iss, first)  # the clause's own law, not the whole narrative's
        elif not any(q is iss for q, _ in out):
            out.append((iss, first))
    return out


def _who_in(cited: list[Any], iss: "QIssue", corpus: "Corpus", cfg: AnswerConfig) -> Any:
    """The first of `cited` (answer citations or provisions) whose power or duty carries the
    who-issue's own clause (`who_prior_overlap` of its concepts)."""
    own = terms.concepts(iss.text)
    for c in cited:
        p = corpus.get(c.id) if getattr(c, "role", "answer") == "answer" else None
        if p is not None and own and fit("who", p, corpus) > 0 and terms.overlap(own, p.text) >= cfg.who_prior_overlap:
            return c
    return None


def _clearly_better(cands: list[Any], own: Any, main_id: str, cfg: AnswerConfig, lang: str) -> bool:
    """The first clause's own lookup leads with a provision that carries the clause better, by
    `issue_first_margin` of lead score, than the whole question's lead does in the same lookup
    (a lead that lookup did not find scores 0)."""
    score = {c[0].id: ExtractiveSynthesizer.lead_score(c, cfg, lang) for c in cands}
    main = max((v for k, v in score.items() if k == main_id or k.startswith(main_id + "/") or main_id.startswith(k + "/")),
               default=0.0)
    return score.get(own.id, 0.0) - main >= cfg.issue_first_margin


def _fused(a: list["SearchHit"], b: list["SearchHit"], wb: float, k: float = 60.0) -> list["SearchHit"]:
    """Two rankings of one issue in one (reciprocal-rank fusion, `b` weighted `wb`)."""
    score: dict[str, float] = {}
    hit: dict[str, "SearchHit"] = {}
    for w, hs in ((1.0, a), (wb, b)):
        for r, h in enumerate(hs):
            pid = h.provision.id
            score[pid] = score.get(pid, 0.0) + w / (k + r + 1)
            hit.setdefault(pid, h)
    return [hit[p] for p in sorted(score, key=lambda p: -score[p])][: max(len(a), len(b))]


def add_commentary(ans: Answer, hits: list["SearchHit"], corpus: "Corpus", cfg: AnswerConfig, day: str,
                   limit: int = 2) -> None:
    """Literature among the top hits, as commentary after the law (never a status, never the lead)."""
    have = {c.id for c in ans.citations}
    n = 0
    for h in hits[:10]:
        p = corpus.get(h.provision.id) or h.provision
        if group_of(corpus, p.doc) != "literature" or not is_answerable(p) or p.id in have:
            continue
        item = make_item(corpus, p, h.score, cfg, role="commentary", as_of=day, details=False)
        ans.citations.append(item)
        n += 1
        if n >= limit:
            break


def attach_norms(ans: Answer, corpus: "Corpus") -> None:
    """Each answer citation's norm, and what the cited law does not allow (its prohibitions and
    negated powers, verbatim) for the "What the law does not allow" block."""
    from ..norm import norm_of
    from ..text import is_verbatim

    for c in ans.citations:
        p = corpus.get(c.id)
        if c.role != "answer" or p is None or group_of(corpus, p.doc) == "literature":
            continue
        norm = norm_of(p, corpus)
        n = norm.to_dict()
        n.pop("parts", None)  # the parts are the child provisions' own norms (kept short)
        c.norm = n
        for x in norm.all():
            if (x.modality == "prohibition" or x.negated) and x.action and is_verbatim(x.action, p.text):
                row = {"id": c.id, "label": c.label, "text": x.action}
                if row not in ans.does_not_allow:
                    ans.does_not_allow.append(row)
