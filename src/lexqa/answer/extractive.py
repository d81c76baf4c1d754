"""The default answer engine: offline, deterministic, no LLM.

From the fused ranking it picks the provisions that answer, narrows each to the ayat /
huruf / angka that carries the question's concepts (lexqa.answer.narrow) and decides (lexqa.answer.policy) whether
the evidence suffices. The citations quote the law verbatim (lexqa.answer.items); the lead
is built only from the cited provisions' own words (lexqa.answer.render).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..commentary import is_answerable
from ..models import Provision, SearchHit
from ..relations import Relations, relations
from . import terms
from .config import AnswerConfig
from .narrow import coherent_overlap, concepts_for, definitions, narrow
from .fit import (EXEMPTION_ANSWERS, asked_modalities, asks_admin_sanction, exemptions_for, fit, period_part,
                  sanctions_for, sets_grounds, spares_asked, transitional, transitional_answers)
from .person import for_crew, mismatch
from ..retrieve.current import unit_of
from .items import add_status_citations, group_of, make_item
from .model import Answer, Item
from .policy import agreement, domain_of, should_answer
from .render import abstain_text, citation_order, lead_text

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

_BODY_KINDS_SKIP = {"closing"}
_FRAME_KINDS = {"penjelasan-umum", "preamble", "menimbang", "mengingat"}

# a candidate: (target provision, its hit, overlap, overlap for the lead choice, retrieval index)
_Cand = tuple[Provision, SearchHit, float, float, int]


HISTORY_STATES = ("revoked", "deleted", "superseded", "not yet in force", "not in force")


def is_history(item: "Item") -> bool:
    """Text that is not the law on the answer's date (a treaty or declaration is never history)."""
    return item.status in HISTORY_STATES


def promote_replacements(ans: Answer) -> None:
    """A revoked citation's in-force replacement answers in its place (same position)."""
    reps = {c.id: c for c in ans.citations if c.role == "replacement" and c.in_force}
    out: list = []
    for c in ans.citations:
        if c.role == "replacement" and c.id in reps:
            continue
        if c.role == "revoked":
            for row in c.replaced_by:
                r = reps.get(row["id"])
                if r is not None and r not in out:
                    r.role = "answer"
                    out.append(r)
        out.append(c)
    out += [r for r in reps.values() if r not in out]
    seen: set[str] = set()
    ans.citations = [c for c in out if not (c.id in seen or seen.add(c.id))]  # type: ignore[func-returns-value]


def _bonus(f: int, ov: float, cfg: AnswerConfig) -> int:
    """The fit that counts in the lead choice: a fitting norm counts only with some overlap."""
    return 0 if f > 0 and ov <= 0 and cfg.fit_needs_overlap else f


def with_statute(chosen: list[tuple[Provision, SearchHit, float]], cands: list[_Cand], corpus: "Corpus",
                 cfg: AnswerConfig, qtype: str) -> list[tuple[Provision, SearchHit, float]]:
    """A regulation that leads is cited with the core statute article found just below it that
    carries as much of the question and fits it as well (data/answer.toml statute_join_*)."""
    if not chosen or cfg.statute_join_ranks <= 0 or len(chosen) >= cfg.max_citations:
        return chosen
    lead_p = chosen[0][0]
    lead = next((c for c in cands if c[0].id == lead_p.id), None)
    if lead is None or group_of(corpus, lead_p.doc) != "regulation" or lead[1].source == "exact":
        return chosen
    lead_fit = fit(qtype, lead_p, corpus)
    for target, h, ov, _aov, i in cands:
        if not (lead[4] < i <= lead[4] + cfg.statute_join_ranks) or group_of(corpus, target.doc) != "statute":
            continue
        if domain_of(corpus, target, cfg) != "core" or ov <= 0 or ov < cfg.statute_join_overlap * lead[2] - 1e-9:
            continue
        if fit(qtype, target, corpus) < lead_fit:
            continue
        if any(target.id == c.id or target.id.startswith(c.id + "/") or c.id.startswith(target.id + "/")
               for c, _, _ in chosen):
            return chosen  # already cited
        return chosen + [(target, h, ov)]
    return chosen


class ExtractiveSynthesizer:
    """The extractive engine (a `Synthesizer`). `lists`: the single searchers' top hits
    (agreement signal); `filters`: the search filters (definitions are looked up within them)."""

    def __init__(self, lists: dict[str, list[SearchHit]] | None = None, filters: Any = None, *,
                 commentary: bool = False, treaty_basis: bool = True, qtype: str = "other",
                 person: str | None = None, polar: bool = True, crew: bool = True, grounds: bool = False,
                 transition: bool = False) -> None:
        """`commentary`: the question asks for research (literature may answer); `treaty_basis`:
        the question is about a treaty (else a treaty leads only when no Indonesian law fits);
        `qtype`: the question's type (lexqa.answer.question): the norm it asks for weighs in;
        `person`: whom the question is about ("citizen" / "foreigner", lexqa.answer.person);
        `polar`: it asks yes or no (an exemption answers "can they be punished?", never "what is
        the penalty?"); `crew`: it may be about a carrier's crew (else a provision for the crew
        weighs `person_mismatch`); `grounds`: it asks in which circumstances (a provision that lists
        its grounds gains `grounds_bonus`); `transition`: it asks how a change of law treats a pending
        case (a transitional article keeps its weight)."""
        self.lists = lists or {}
        self.qtype = qtype
        self.filters = filters
        self.commentary = commentary
        self.treaty_basis = treaty_basis
        self.person = person
        self.polar = polar
        self.crew = crew
        self.grounds = grounds
        self.transition = transition

    def candidates(self, hits: list[SearchHit], corpus: "Corpus", cfg: AnswerConfig,
                   cs: list[terms.Concept], lang: str, as_of: str | None = None) -> list[_Cand]:
        """The top articles, each narrowed to its best part, and the question's definitions."""
        cands: list[_Cand] = []
        seen_art: set[str] = set()
        # the choice weighs a rare concept more ("perkawinan semu" over "izin"); the evidence that
        # decides whether to answer counts every concept alike (`ov`; the choice score is `aov`)
        rcs = terms.by_rarity(cs, corpus, cfg.rarity_weight)
        typed = self.qtype in ("when", "which") or self.qtype in asked_modalities()
        for i, h in enumerate(hits):
            if len(cands) >= cfg.rerank_depth:
                break
            if h.provision.kind in _BODY_KINDS_SKIP:
                continue
            node = corpus.get(h.provision.id) or h.provision
            if node.is_penjelasan:  # a Penjelasan hit stands for the provision it explains
                node = corpus.get(node.explains or "") or node
            if node.kind in _FRAME_KINDS or node.is_penjelasan:
                # the Penjelasan Umum, a preamble or the considerations answer no question themselves:
                # they stay in "retrieved" but are never an answer citation
                continue
            if group_of(corpus, node.doc) == "literature" and (not self.commentary or not is_answerable(node)):
                continue  # commentary, never the legal basis (shown in its own block); never a bibliography
            art = corpus.article_of(node.id) or node
            if art.id in seen_art:
                continue
            seen_art.add(art.id)
            ccs, rccs = concepts_for(corpus, cs, node.doc, lang), concepts_for(corpus, rcs, node.doc, lang)
            target = node if h.source == "exact" else narrow(corpus, node, rccs, h.via)
            if self.qtype == "penalty" and target.id != art.id and \
                    fit("penalty", target, corpus) <= 0 < fit("penalty", art, corpus):
                # the concepts point at one ayat, the penalty asked for is in another ("tidak mampu
                # membayar restitusi" / "dikenai pidana kurungan pengganti"): the article answers
                # (for every question type: coverage .611 -> .608, polarity .578 -> .562)
                target = art
            if self.qtype == "when" and target.id != art.id and fit("when", target, corpus) <= 0:
                # likewise a period: the concepts point at one ayat, the period is in another
                target = period_part(corpus, art, rccs) or target
            ov = coherent_overlap(corpus, target, ccs) if ccs else 0.0
            rov = coherent_overlap(corpus, target, rccs) if rcs is not cs and ccs else ov
            cands.append((target, h, ov, rov, i))
        if self.qtype == "penalty":
            cands += self._sanctions(cands, corpus, cfg, cs, rcs, lang, as_of, seen_art)
        if self.qtype in EXEMPTION_ANSWERS:
            cands += self._exemptions(cands, corpus, cs, rcs, lang, seen_art)
        if typed:
            # the norm the question asks for weighs in the choice (a definition never answers a penalty question)
            # (a fitting norm that shares none of the question's concepts gains nothing: no evidence)
            admin = self.qtype == "penalty" and asks_admin_sanction(cs)
            cands = [(t, h, ov, aov + cfg.fit_bonus * _bonus(fit(self.qtype, t, corpus, admin, self.polar), ov, cfg), i)
                     for t, h, ov, aov, i in cands]
        if self.person and cfg.person_mismatch < 1:
            # a provision written only for the other kind of person answers no question about this one
            cands = [(t, h, ov, aov * cfg.person_mismatch if mismatch(self.person, t.text) else aov, i)
                     for t, h, ov, aov, i in cands]
        if cfg.transitional_weight < 1 and not self.transition and not transitional_answers(self.qtype):
            cands = [(t, h, ov, aov * cfg.transitional_weight if transitional(corpus, t) else aov, i)
                     for t, h, ov, aov, i in cands]
        if self.grounds and cfg.grounds_bonus:
            cands = [(t, h, ov, aov + cfg.grounds_bonus if ov > 0 and sets_grounds(corpus, t) else aov, i)
                     for t, h, ov, aov, i in cands]
        if not self.crew and cfg.person_mismatch < 1:
            # (read on the article: a narrowed item "c. tidak termasuk dalam daftar …" is still the crew's)
            cands = [(t, h, ov, aov * cfg.person_mismatch if for_crew((corpus.article_of(t.id) or t).text) else aov, i)
                     for t, h, ov, aov, i in cands]
        # a question asking what a term means: the law's own definition of it, wherever it is
        for d in self._current(definitions(corpus, cs, self.filters), corpus, as_of)[:2]:
            art = corpus.article_of(d.id) or d
            h = SearchHit(provision=art, score=hits[0].score if hits else 0.0, rank=0, source="definition", via=d.id)
            dov = terms.overlap(concepts_for(corpus, cs, d.doc, lang), d.text)
            cands.append((d, h, dov, terms.overlap(concepts_for(corpus, rcs, d.doc, lang), d.text), -1))  # precise: first at equal overlap
        return cands

    @staticmethod
    def _sanctions(cands: list[_Cand], corpus: "Corpus", cfg: AnswerConfig, cs: list[terms.Concept],
                   rcs: list[terms.Concept], lang: str, as_of: str | None, seen_art: set[str]) -> list[_Cand]:
        """The penalty clauses that sanction the top candidates' duties and prohibitions, each at
        the rank of the conduct it sanctions (read in the words in force on `as_of`)."""
        out: list[_Cand] = []
        for target, h, _ov, _rov, i in cands[: cfg.sanction_depth]:
            if fit("penalty", target, corpus) > 0:
                continue
            for s in sanctions_for(corpus.article_of(target.id) or target, corpus):
                u = unit_of(corpus, s.id, as_of)
                if u.state is not None and not u.in_force:
                    continue
                w = (corpus.get(u.words) if u.words else None) or s
                if w.id in seen_art:
                    continue
                seen_art.add(w.id)
                sh = SearchHit(provision=w, score=h.score, rank=h.rank, source="sanction", via=target.id)
                # the sanction reads with the conduct it points to: its overlap is at least the conduct's
                ccs, rccs = concepts_for(corpus, cs, w.doc, lang), concepts_for(corpus, rcs, w.doc, lang)
                ov = max(coherent_overlap(corpus, w, ccs) if ccs else 0.0, _ov)
                rov = max(coherent_overlap(corpus, w, rccs) if rccs else 0.0, _rov)
                out.append((w, sh, ov, rov, i))
        return out

    @staticmethod
    def _exemptions(cands: list[_Cand], corpus: "Corpus", cs: list[terms.Concept],
                    rcs: list[terms.Concept], lang: str, seen_art: set[str]) -> list[_Cand]:
        """The clauses that exempt someone from the penalty candidates ("Can they be punished …?"
        of a trafficking victim: UU 6/2011 Pasal 136(3) lifts Pasal 119 for victims), each at the
        rank of the penalty it lifts. An exemption that spares the kind of person the question is
        about (data/answer.toml exempt_persons) reads with that penalty and leads it; any other
        counts only the concepts it carries itself."""
        out: list[_Cand] = []
        for target, h, _ov, _rov, i in list(cands):
            if fit("penalty", target, corpus) <= 0:
                continue
            for x in exemptions_for(corpus.article_of(target.id) or target, corpus):
                if x.id in seen_art:
                    continue
                seen_art.add(x.id)
                eh = SearchHit(provision=x, score=h.score, rank=h.rank, source="exemption", via=target.id)
                ccs, rccs = concepts_for(corpus, cs, x.doc, lang), concepts_for(corpus, rcs, x.doc, lang)
                ov = coherent_overlap(corpus, x, ccs) if ccs else 0.0
                rov = coherent_overlap(corpus, x, rccs) if rccs else 0.0
                if spares_asked(x.text, ccs):
                    # (a hair above the penalty: the exception leads the rule it lifts)
                    ov, rov = max(ov, _ov), max(rov, _rov) + 1e-6
                out.append((x, eh, ov, rov, i))
        return out

    @staticmethod
    def lead_score(c: _Cand, cfg: AnswerConfig, lang: str) -> float:
        """A candidate's claim to lead: its overlap (with the fit and person weighting), less
        `rank_penalty` per retrieval rank below the first (English: `rank_penalty_en`, for at most
        `rank_penalty_en_cap` ranks)."""
        if lang == "en":
            return c[3] - cfg.rank_penalty_en * min(max(c[4], 0), cfg.rank_penalty_en_cap)
        return c[3] - cfg.rank_penalty * max(c[4], 0)

    @staticmethod
    def choose(cands: list[_Cand], cfg: AnswerConfig, lang: str,
               rel: Relations) -> tuple[list[tuple[Provision, SearchHit, float]], float]:
        """The lead (the best-overlapping candidate, less a rank penalty) and the candidates that
        join it; with the lead's overlap."""
        chosen: list[tuple[Provision, SearchHit, float]] = []
        if not cands:
            return chosen, 0.0
        exact = [c for c in cands if c[1].source == "exact"]
        # the concept overlap picks among the top articles, but retrieval's order counts too: each
        # rank below the first costs `rank_penalty` of overlap, so a lower-ranked article only leads
        # when it clearly carries more of the question (definitions found by term, index -1, are free)
        lead = exact[0] if exact else max(cands, key=lambda c: (ExtractiveSynthesizer.lead_score(c, cfg, lang), -c[4]))
        chosen.append((lead[0], lead[1], lead[2]))
        top_ov = lead[2]  # the lead's own overlap (a treaty demoted for the choice keeps its evidence)
        for target, h, ov, _aov, _i in cands:
            if len(chosen) >= cfg.max_citations or any(
                    target.id == c.id or target.id.startswith(c.id + "/") or c.id.startswith(target.id + "/")
                    for c, _, _ in chosen):
                continue  # already cited (or a part / the whole of something cited)
            key = rel.amended_article(target.id)
            if key and any((c.doc, c.pasal) == key and rel.amended_article(c.id) is None for c, _, _ in chosen):
                continue  # the amendment of an article already chosen is cited with it (role "amendment")
            if ov >= cfg.extra_overlap_min and ov >= top_ov * cfg.extra_overlap_ratio:
                chosen.append((target, h, ov))
        return chosen, top_ov

    @staticmethod
    def _current(provs: list[Provision], corpus: "Corpus", as_of: str | None) -> list[Provision]:
        """Definitions as the law stands on `as_of`: a superseded definition gives way to the words
        in force, and one with nothing in force is dropped."""
        out: list[Provision] = []
        for d in provs:
            u = unit_of(corpus, d.id, as_of)
            if u.state is not None and not u.in_force:
                continue
            w = corpus.get(u.words) if u.words else None
            if w is not None and w.id != d.id:
                d = w
            if all(d.id != o.id for o in out):
                out.append(d)
        return out

    @staticmethod
    def law_before_treaties(cands: list[_Cand], corpus: "Corpus") -> list[_Cand]:
        """A treaty article is context unless the question is about the treaty: an Indonesian
        provision that carries most of what the treaty carries leads instead (by lead score)."""
        law = [c for c in cands if group_of(corpus, c[0].doc) in ("statute", "regulation")]
        if not law:
            return cands
        best = max(c[3] for c in law)
        # a treaty candidate keeps its place only when it clearly carries more of the question
        return [c if group_of(corpus, c[0].doc) != "treaty" or c[3] > 1.5 * best else (c[0], c[1], c[2], c[3] * 0.5, c[4])
                for c in cands]

    def _lead_first(self, ans: Answer, lead_id: str | None, corpus: "Corpus") -> None:
        """Statutes come first, but a statute that joined without the norm asked for never takes
        the lead from the chosen provision that has it ("how long …?": PP 31/2013 Pasal 208's
        period over UU 6/2011 Pasal 83(1)'s power to detain)."""
        main = [c for c in ans.citations if c.role == "answer"]
        lead = next((c for c in main if c.id == lead_id), None)
        if lead is None or main[0] is lead:
            return
        f = lambda c: fit(self.qtype, corpus.get(c.id) or c, corpus)  # noqa: E731
        if f(main[0]) < f(lead):
            ans.citations.remove(lead)
            ans.citations.insert(ans.citations.index(main[0]), lead)

    def synthesize(self, ans: Answer, hits: list[SearchHit], corpus: "Corpus", cfg: AnswerConfig) -> Answer:
        lang = ans.language
        sig = ans.signals
        cands = self.candidates(hits, corpus, cfg, terms.concepts(ans.question), lang, ans.as_of)
        if not self.treaty_basis:
            cands = self.law_before_treaties(cands, corpus)
        chosen, top_ov = self.choose(cands, cfg, lang, relations(corpus))
        if not self.commentary:  # (a question for research is answered by the literature)
            chosen = with_statute(chosen, cands, corpus, cfg, self.qtype)
        sig["overlap"] = round(top_ov, 4)
        if chosen:
            lead_p = chosen[0][0]
            sig["domain"] = domain_of(corpus, lead_p, cfg)
            # do the dense and the lexical searcher both rank the lead's article near the top?
            sig["agree"] = agreement(corpus, lead_p, self.lists)
            sig["lead_rank"] = chosen[0][1].rank - 1 if chosen[0][1].rank else next(
                (c[4] for c in cands if c[0].id == lead_p.id), -1)
            sig["fit"] = fit(self.qtype, lead_p, corpus)
        # the articles weighed for the lead: [id, overlap, retrieval index] (calibration input)
        sig["candidates"] = [[c[0].id, round(c[2], 3), c[4]] for c in cands]
        ok, why = should_answer(sig, cfg)
        sig["decision"] = why
        ans.abstained = not ok
        if not ok:
            ans.answer = abstain_text(ans, corpus, cfg)
            return ans
        for target, h, _ in chosen:
            item = make_item(corpus, target, h.score, cfg, as_of=ans.as_of)
            if is_history(item):
                item.role = "revoked"  # history, never the law: its replacement answers instead
            ans.citations.append(item)
        add_status_citations(corpus, ans, cfg)
        promote_replacements(ans)
        if not any(c.role == "answer" for c in ans.citations):
            # the chosen texts are no longer (or not yet) the law: the best candidate that is
            # in force on the date answers, if the evidence held for the lead holds for it
            for target, h, ov, _aov, _i in sorted(cands, key=lambda c: -c[3]):
                item = make_item(corpus, target, h.score, cfg, as_of=ans.as_of)
                if not is_history(item) and ov >= cfg.extra_overlap_min * top_ov:
                    ans.citations.insert(0, item)
                    break
        if not any(c.role == "answer" for c in ans.citations):
            # only text that is not the law on this date (revoked, superseded by words not held here)
            sig["decision"] = "no provision in force on the date answers"
            ans.abstained = True
            ans.answer = abstain_text(ans, corpus, cfg)
            return ans
        ans.citations.sort(key=citation_order)
        self._lead_first(ans, chosen[0][0].id if chosen else None, corpus)
        ans.answer = lead_text(ans, corpus)
        return ans
