"""Questions that ask for research ("what obstacles does the field research at Batam report?",
"Menurut Kelley (2017) ...") are answered from the literature: the sections that answer, each
cited by its pinpoint ("Purnomo et al. 2025, § 4.3, p. 5") with its own sentences quoted.

The statute-built answer policy (word overlap with a provision) is wrong for these: a study's
section says the thing in other words, and an Indonesian question meets English literature.
Sections are ranked by fusing (reciprocal ranks) a dense and a BM25 search restricted to the
literature, the question's concepts in the section's heading and in its text (Indonesian words
read through the glossary and data/commentary.toml [research.words]), and the literature's own
links to the provisions the question names. Each clause of the question adds its own best
section (a two-part question cites both parts' sections). Literature is never the legal basis
anywhere else: this path runs only when the question asks for research (`wants_commentary`).

Public: `answer_research(ans, retriever, corpus, cfg, filters=None)`, `rank_sections(...)`.
"""

from __future__ import annotations

import functools
import math
import re
import time
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import kinds
from ..errors import ModelUnavailable
from ..commentary import literature_links, literature_pinpoint, own_pieces, page_of, research_cues
from ..text import collapse_ws
from . import terms
from .config import AnswerConfig
from .items import group_of, make_item
from .model import Answer, Item

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision
    from ..store import Corpus

_SENT = re.compile(r"(?<=[a-z0-9)\]”\"'’%])[.!?](?=\s+[A-Z“\"(\[])|\n\s*\n")


@dataclass
class Ranked:
    """A literature section and the evidence for it."""

    p: "Provision"
    score: float = 0.0                    # fused reciprocal-rank score
    ranks: dict[str, int] = field(default_factory=dict)
    overlap: float = 0.0                  # question concepts found in its text (heading included)
    heading: float = 0.0                  # idf of the question's concepts in its heading
    rare: float = 0.0                     # idf of those in its text
    linked: bool = False                  # it discusses a provision the question names


def literature_docs(corpus: "Corpus", filters: Any = None) -> list[str]:
    wanted = getattr(filters, "doc", None) if filters is not None else None
    wanted = {wanted} if isinstance(wanted, str) else set(wanted or [])
    return [d for d, doc in corpus.documents.items()
            if kinds.is_known(doc.meta.kind) and kinds.spec(doc.meta.kind).is_literature and (not wanted or d in wanted)]


@functools.cache
def _id_to_en() -> dict[str, tuple[str, ...]]:
    """Indonesian word or phrase → English words: the glossary read backwards, plus the
    academic vocabulary of data/commentary.toml [research.words]."""
    out: dict[str, list[str]] = {}
    for en, ids in terms.glossary().items():
        for w in ids:
            out.setdefault(" ".join(terms.words(w)), []).append(en)
    for w, ens in research_cues()["words"].items():
        out.setdefault(" ".join(terms.words(w)), []).extend(ens)
    return {k: tuple(v) for k, v in out.items() if k}


def research_concepts(question: str) -> list[terms.Concept]:
    """The question's concepts without the words that only ask for research ("menurut
    penelitian", "the study"), each Indonesian one also matched by its English words."""
    ignore = {terms.stem(w) for w in research_cues()["ignore"]}
    gl = _id_to_en()
    out: list[terms.Concept] = []
    for c in terms.concepts(question):
        if c.alternatives and all(a <= ignore for a in c.alternatives[:1]):
            continue
        extra = [frozenset(terms.stems(e)) for e in gl.get(" ".join(terms.words(c.text)), ())]
        out.append(terms.Concept(c.text, c.alternatives + [a for a in extra if a], c.crosslingual or bool(extra), c.weight))
    q = " " + " ".join(terms.words(question)) + " "
    for phrase, ens in gl.items():   # Indonesian phrases ("penjeratan utang", "negara asal")
        if " " in phrase and f" {phrase} " in q and all(c.text != phrase for c in out):
            parts = set(phrase.split())
            out = [c for c in out if c.text not in parts]   # the phrase stands for its words
            out.append(terms.Concept(phrase, [frozenset(terms.stems(phrase))] + [frozenset(terms.stems(e)) for e in ens],
                                     True))
    return out


_WORDS: "weakref.WeakKeyDictionary[Any, frozenset[str]]" = weakref.WeakKeyDictionary()


def _corpus_words(corpus: "Corpus") -> frozenset[str]:
    """Every word of the corpus's texts and document titles (computed once per corpus)."""
    if corpus not in _WORDS:
        ws: set[str] = set()
        for d in corpus.documents.values():
            ws.update(terms.words(" ".join(x for x in (d.meta.title, d.meta.label) if x)))
            for p in d.provisions:
                ws.update(terms.words(p.text))
        _WORDS[corpus] = frozenset(ws)
    return _WORDS[corpus]


def unknown_names(question: str, corpus: "Corpus") -> list[str]:
    """Names in the question ("Bitung") that no text of the corpus mentions, in any language the
    glossary knows: no study held here is about them."""
    known, gl = _corpus_words(corpus), _id_to_en()
    out = []
    for w in re.findall(research_cues()["name"], question):
        lw = w.lower()
        if lw in known or any(all(x in known for x in terms.words(t)) for t in gl.get(lw, ())):
            continue
        out.append(w)
    return list(dict.fromkeys(out))


def candidates(corpus: "Corpus", docs: list[str]) -> dict[str, tuple["Provision", str]]:
    """Answerable literature sections (never a bibliography, notes, front matter) with the text
    they are read by: a section with subsections only by its own words (its intro)."""
    out: dict[str, tuple["Provision", str]] = {}
    for d in docs:
        doc = corpus.doc(d)
        for p in doc.provisions if doc else []:
            if p.kind != "section" or "back-matter" in p.flags:
                continue
            own = " ".join(t for _, t in own_pieces(p, corpus)) if corpus.children(p.id) else p.text
            if len(collapse_ws(own)) >= research_cues()["min_section_chars"]:
                out[p.id] = (p, own)
    return out


def _named_provisions(question: str, corpus: "Corpus") -> set[str]:
    """The provisions (and their articles) the question names, read as the literature's own
    mentions are ("Article 48 of Law 21/2007", "Pasal 44 UU 21/2007")."""
    from ..cite.citation import resolve
    from ..cite.docrefs import doc_mentions
    from ..cite.mentions import find_mentions

    out: set[str] = set()
    docs = [d for d in doc_mentions(question) if d.known and d.doc in corpus.documents]
    found = find_mentions(question, corpus, reader="citation", docs=docs) + find_mentions(question, corpus, sticky_doc=True)
    for m in found:
        if m.ref.doc is None and docs:
            m.ref.doc, m.ref.doc_text = docs[0].doc, docs[0].text   # "Is that what Pasal 48 says?"
        r = resolve(m.ref, corpus)
        if r.ok and r.id:
            art = corpus.article_of(r.id)
            out |= {r.id} | ({art.id} if art is not None else set())
    return out


def rank_sections(question: str, retriever: Any, corpus: "Corpus", docs: list[str]) -> list[Ranked]:
    """The literature sections of `docs`, best first."""
    from ..retrieve import Filters

    cands = candidates(corpus, docs)
    if not cands:
        return []
    cfg = research_cues()
    rows = {pid: Ranked(p) for pid, (p, _) in cands.items()}
    lists: dict[str, list[str]] = {}
    for mode in ("dense", "bm25"):
        try:
            hits = retriever.search(question, k=cfg["search_k"], mode=mode, filters=Filters(doc=docs))
        except ModelUnavailable:
            continue  # no embedding model: the other signals still rank
        seen: list[str] = []
        for h in hits:
            pid = h.provision.id if h.provision.id in rows else (h.via if h.via in rows else None)
            if pid and pid not in seen:
                seen.append(pid)
        lists[mode] = seen
    cs = research_concepts(question)
    text_stems = {pid: terms.stems(own) for pid, (_, own) in cands.items()}
    # a concept every section has (human security, TPPO) chooses none: weigh by rarity (idf)
    n = len(cands)
    idf = [math.log((n + 1) / (0.5 + sum(1 for ts in text_stems.values() if c.present(ts)))) for c in cs]
    # what the title says the whole work is about (Batam, human security) tells no section apart
    titles = [terms.stems(corpus.meta(d).title or "") for d in docs if corpus.meta(d) is not None]
    in_title = [any(c.present(t) for t in titles) for c in cs]
    idf = [w * cfg["title_weight"] if t else w for w, t in zip(idf, in_title)]
    # in a heading a title word is the work's subject again ("... Human Security ... in Batam"): none
    hidf = [0.0 if t else w for w, t in zip(idf, in_title)]
    total = sum(c.weight for c in cs) or 1.0
    for pid, (p, _) in cands.items():
        ts, hs, r = text_stems[pid], terms.stems(p.heading or ""), rows[pid]
        r.overlap = sum(c.weight for c in cs if c.present(ts)) / total
        r.heading = sum(w for c, w in zip(cs, hidf) if c.present(hs))
        r.rare = sum(w for c, w in zip(cs, idf) if c.present(ts))
    # scored lists rank ties alike (two sections naming both laws share a rank)
    scored: dict[str, dict[str, float]] = {"overlap": {i: r.rare for i, r in rows.items()},
                                           "heading": {i: r.heading for i, r in rows.items()}}
    named = _named_provisions(question, corpus)
    if named:
        lists["links"] = []
        for ln in literature_links(corpus):
            if ln.target and ln.source in rows and (ln.target in named or any(ln.target.startswith(n + "/") for n in named)):
                rows[ln.source].linked = True
                if ln.source not in lists["links"]:
                    lists["links"].append(ln.source)
    # the laws the question names ("UU Keimigrasian dan UU PTPPO"): the sections that discuss them
    from ..cite.docrefs import doc_mentions

    laws = {d.doc for d in doc_mentions(question) if d.known and d.doc in corpus.documents and d.doc not in docs}
    if laws:
        named_in = {pid: laws & {d.doc for d in doc_mentions(own) if d.known} for pid, (_, own) in cands.items()}
        # a law most sections name (the study's own subject) tells none apart
        laws = {d for d in laws if sum(d in v for v in named_in.values()) <= cfg["laws_max_share"] * len(cands)}
        scored["laws"] = {pid: float(len(v & laws)) for pid, v in named_in.items()}
    k, weights = cfg["rrf_k"], cfg["weights"]
    ranks = {name: {pid: i + 1 for i, pid in enumerate(ids)} for name, ids in lists.items()}
    for name, vals in scored.items():
        ranks[name] = {pid: 1 + sum(1 for w in vals.values() if w > v) for pid, v in vals.items() if v > 0}
    for name, rs in ranks.items():
        for pid, rank in rs.items():
            rows[pid].ranks[name] = rank
            rows[pid].score += weights.get(name, 1.0) / (k + rank)
    return sorted(rows.values(), key=lambda r: -r.score)


def _author_docs(question: str, corpus: "Corpus", docs: list[str]) -> list[str]:
    """The documents whose author the question names ("Kelley (2017)", "Purnomo dkk."), else all."""
    ws = set(terms.words(question))
    named = [d for d in docs if (corpus.meta(d).label or "").split() and corpus.meta(d).label.split()[0].lower() in ws]
    return named or docs


def choose(question: str, reading: dict[str, Any], retriever: Any, corpus: "Corpus",
           docs: list[str]) -> tuple[list[Ranked], list[Ranked]]:
    """(the sections that answer, the whole question's ranking): the question's best section,
    a close second, and each further clause's best section."""
    cfg = research_cues()
    docs = _author_docs(question, corpus, docs)
    ranked = rank_sections(question, retriever, corpus, docs)
    if not ranked:
        return [], []
    chosen = [ranked[0]]
    for r in ranked[1:cfg["max_sections"]]:
        if r.score >= cfg["second_ratio"] * ranked[0].score and r.overlap >= cfg["min_overlap"]:
            chosen.append(r)
    issues = reading.get("issues") or []
    for iss in issues[1:3]:
        clause = " ".join([iss.get("text", ""), *iss.get("concepts", [])[:10]])
        sub = rank_sections(clause, retriever, corpus, docs)
        if sub and sub[0].overlap >= cfg["min_overlap"] and all(sub[0].p.id != c.p.id for c in chosen):
            chosen.append(sub[0])
    return chosen[: cfg["max_sections"]], ranked


def best_passage(p: "Provision", cs: list[terms.Concept], limit: int) -> tuple[int, str]:
    """(offset in p.text, verbatim passage): the one or two consecutive sentences carrying most of
    the question's concepts (headings and running headers left out)."""
    text = p.text
    bounds, a = [], 0
    for m in _SENT.finditer(text):
        bounds.append((a, m.end()))
        a = m.end()
    bounds.append((a, len(text)))
    sents = []
    for s, e in bounds:
        while s < e and text[s].isspace():
            s += 1
        piece = text[s:e]
        if piece.lstrip().startswith("#"):   # a markdown heading line opens the section: skip it
            nl = piece.find("\n")
            if nl < 0:
                continue
            s += nl + 1
            while s < e and text[s].isspace():
                s += 1
        if e - s < 20:
            continue
        if sents and text[s].islower():   # a page break inside a sentence: it goes on
            sents[-1] = (sents[-1][0], e)
        else:
            sents.append((s, e))
    if not sents:
        return 0, text[:limit]
    best, best_sc = sents[0], -1.0
    for i, (s, e) in enumerate(sents):
        for j in (i, i + 1):
            if j >= len(sents) or sents[j][1] - s > limit:
                continue
            sc = terms.overlap(cs, text[s:sents[j][1]]) - 0.01 * (j - i)
            if sc > best_sc:
                best, best_sc = (s, sents[j][1]), sc
    s, e = best
    return s, text[s:min(e, s + limit)].rstrip()


def _item(corpus: "Corpus", r: Ranked, cs: list[terms.Concept], cfg: AnswerConfig, day: str | None) -> Item:
    off, quote = best_passage(r.p, cs, cfg.max_quote_chars)
    item = make_item(corpus, r.p, r.score, cfg, role="answer", quote=quote, details=False, as_of=day)
    item.label = literature_pinpoint(r.p, corpus, page_of(r.p, corpus, off))
    item.related = [{"id": ln.target, "label": corpus.label(ln.target), "text": ln.mention_text}
                    for ln in literature_links(corpus) if ln.source == r.p.id and ln.target and corpus.get(ln.target)][:5]
    return item


def _quoted(text: str) -> str:
    """The passage in quote marks it does not itself contain (its own “…” would end the quote early,
    and the statute mentions inside it would be read as the answer's own claims)."""
    for a, b in (("“", "”"), ("«", "»"), ("‘", "’")):
        if a not in text and b not in text:
            return f"{a}{text}{b}"
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"   # all three in it: verification decides


_NOT_LAW = {"en": "literature, not law", "id": "literatur, bukan hukum"}


def answer_research(ans: Answer, retriever: Any, corpus: "Corpus", cfg: AnswerConfig, filters: Any = None) -> Answer:
    """For a question that asks for research, the answer from the literature (verified again);
    any other answer, or a question the literature does not answer, comes back unchanged."""
    from .verified import finalize

    reading = ans.reading or {}
    if not reading.get("wants_commentary") or ans.signals.get("missing"):
        return ans
    docs = literature_docs(corpus, filters)
    if not docs:
        return ans
    t0 = time.perf_counter()
    unknown = unknown_names(ans.question, corpus)
    if unknown:   # research about something no study here mentions: say so, never a near miss
        from .render import abstain_text

        ans.signals["decision"] = "the literature does not mention: " + "; ".join(unknown)
        ans.abstained, ans.citations, ans.lead_claims, ans.issues = True, [], [], []
        ans.answer = abstain_text(ans, corpus, cfg)
        ans.notes.append(("Literatur dalam korpus tidak memuat: " if ans.language == "id"
                          else "The literature in this corpus does not mention: ") + "; ".join(unknown))
        return finalize(ans, corpus)
    chosen, ranked = choose(ans.question, reading, retriever, corpus, docs)
    rc = research_cues()
    sig = ans.signals
    sig["research"] = [[r.p.id, round(r.score, 4), r.ranks, round(r.overlap, 3)] for r in ranked[:5]]
    top = chosen[0] if chosen else None
    if top is None or not (top.overlap >= rc["min_overlap"] or top.linked):
        return ans   # the literature does not say it either: the law's answer (or abstention) stands
    cs = research_concepts(ans.question)
    lang = ans.language
    lit = [_item(corpus, r, cs, cfg, ans.as_of) for r in chosen]
    claims = [{"text": f"{it.label} ({_NOT_LAW[lang]}): {_quoted(collapse_ws(it.quote))}", "citations": [it.id],
               "qtype": "research"} for it in lit]
    law: list[Item] = []
    named = _named_provisions(ans.question, corpus)
    for ln in literature_links(corpus):
        d = ln.discussion
        if d is None or d.consistent is not False or not any(ln.source == it.id for it in lit):
            continue
        if not (ln.target in named or any((ln.target or "").startswith(n + "/") for n in named)):
            continue   # a flag is said only about a provision the question names
        tgt = corpus.get(ln.target or "")
        if tgt is not None and all(x.id != tgt.id for x in law):
            law.append(make_item(corpus, tgt, 0.0, cfg, as_of=ans.as_of))
            # the study's own words for the provision are quoted (they are its words, not a citation)
            note = (d.note or "").replace(ln.mention_text, _quoted(ln.mention_text), 1)
            claims.append({"text": note, "citations": [ln.source, tgt.id], "qtype": "research"})
    # the law's own answer stays after the literature (its claims cite no literature)
    keep = [c for c in ans.citations if group_of(corpus, c.doc) != "literature" and c.role != "commentary"] \
        if not ans.abstained else []
    keep_ids = {c.id for c in keep}
    law_claims = [c for c in ans.lead_claims if c.get("citations") and all(i in keep_ids for i in c["citations"])]
    ans.citations = lit + [x for x in law if x.id not in keep_ids] + keep
    ans.lead_claims = claims + law_claims
    ans.answer = "\n".join(c["text"] for c in ans.lead_claims)
    ans.issues = [] if not law_claims else ans.issues
    ans.abstained = False
    sig["decision"] = f"research: {top.p.id} (ranks {top.ranks}, overlap {top.overlap:.2f})"
    ans.timings["research_ms"] = (time.perf_counter() - t0) * 1000
    return finalize(ans, corpus)
