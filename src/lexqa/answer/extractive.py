"""The default answerer: offline, deterministic, no LLM.

From the fused ranking it picks the provisions that answer, narrows each to the ayat /
huruf / angka that carries the question's concepts, quotes it verbatim, adds the Penjelasan
when it says more than "Cukup jelas", the provision's status (amendments, revocations and
their replacements, each also cited with its own text), and the provisions it refers to.
The lead sentence is built only from the cited provisions' own words. When the evidence is
weak (thresholds in data/answer.toml) it abstains and lists the nearest provisions as leads.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING, Any, Protocol

from ..cite.verify import verify_answer
from ..cite.xref import find_refs, own_text
from ..models import Provision, SearchHit
from ..text import collapse_ws
from . import terms
from .config import AnswerConfig
from .model import (ABSTAIN_EN, ABSTAIN_ID, GROUP_OF_KIND, GROUP_ORDER, REFUSED_EN, REFUSED_ID, Answer,
                    Item)

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


class SearchesProvisions(Protocol):
    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None) -> list[SearchHit]: ...


_BODY_KINDS_SKIP = {"closing"}
_FRAME_KINDS = {"penjelasan-umum", "preamble", "menimbang", "mengingat"}


# --------------------------------------------------------------------------- helpers

def clip(text: str, limit: int) -> str:
    """A prefix of `text` (so still verbatim) ending at a clause or word boundary."""
    t = text.strip()
    if len(t) <= limit:
        return t
    cut = t[:limit]
    for sep in (";", ".", ":", ","):
        i = cut.rfind(sep)
        if i >= limit * 0.5:
            return cut[: i + 1]
    i = cut.rfind(" ")
    return cut[:i] if i > 0 else cut


def first_clause(text: str, limit: int = 300) -> str:
    """The opening clause of a quote (up to the first ';' / ':' / sentence end), verbatim."""
    t = text.strip()
    # a list marker ("1.", "(2)", "a)") is not a sentence end
    mk = re.match(r"^(?:\(?\d+[a-zA-Z]?[).]|\(?[a-z][).]|Pasal\s+\d+[A-Z]?)\s+", t)
    start = mk.end() if mk else 0
    m = re.search(r"[;:]|\.(?=\s|$)", t[start:])
    if m and start + m.end() <= limit:
        return t[: start + m.end()]
    return clip(t, limit)


def group_of(corpus: "Corpus", doc: str) -> str:
    meta = corpus.meta(doc)
    return GROUP_OF_KIND.get(meta.kind if meta else "statute", "statute")


def _status_rows(corpus: "Corpus", pid: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    st = corpus.status(pid)
    amended, replaced = [], []
    for ev in st.events:
        # in_corpus False: the manifest names an instrument this corpus does not hold; the row is
        # status information, not a citation (verification checks the rows that are in the corpus)
        if ev.kind in ("amended", "inserted", "deleted"):
            amended.append({"id": ev.by, "label": ev.by_label, "kind": ev.kind, "effective": ev.effective,
                            "in_corpus": corpus.get(ev.by) is not None})
        elif ev.replaced_by:
            replaced.append({"id": ev.replaced_by, "label": ev.replaced_by_label, "effective": ev.effective,
                             "revoked_by": ev.by, "revoked_by_label": ev.by_label,
                             "in_corpus": corpus.get(ev.replaced_by) is not None})
    return amended, replaced


def make_item(corpus: "Corpus", p: Provision, score: float, cfg: AnswerConfig, *, role: str = "answer",
              quote: str | None = None, details: bool = True) -> Item:
    st = corpus.status(p.id)
    item = Item(
        id=p.id, doc=p.doc, pasal=p.pasal, ayat=p.ayat, huruf=p.huruf, label=corpus.label(p),
        quote=quote if quote is not None else clip(p.text, cfg.max_quote_chars),
        status=st.short, score=float(score), amends=p.amends, point=p.point,
        group=group_of(corpus, p.doc), role=role, status_detail=st.summary,
    )
    if p.kind == "point" and p.amends and item.pasal is None:
        # "Pasal I angka 2" as a whole: the amended article's number when it writes one
        kids = [c for c in corpus.children(p.id) if c.kind == "pasal" and c.pasal]
        if len(kids) == 1:
            item.pasal = kids[0].pasal
    if not details:
        return item
    if p.kind in ("huruf", "angka") and p.parent:
        parent = corpus.get(p.parent)
        chapeau = own_text(parent, corpus).strip() if parent else ""
        if chapeau:
            item.context = clip(chapeau, cfg.max_quote_chars)
    item.penjelasan = _penjelasan(corpus, p, cfg)
    item.amended_by, item.replaced_by = _status_rows(corpus, p.id)
    rel = []
    seen: set[str] = set()
    for r in find_refs(p, corpus, text=p.text):
        if r.target and r.target not in seen and corpus.get(r.target) is not None and r.kind == "ref":
            seen.add(r.target)
            rel.append({"id": r.target, "label": corpus.label(r.target), "text": r.text})
    item.related = rel[: cfg.max_related]
    return item


def _penjelasan(corpus: "Corpus", p: Provision, cfg: AnswerConfig) -> list[dict[str, Any]]:
    """Penjelasan entries for `p`, its article (article-level notes) or its parts, minus "Cukup jelas"."""
    art = corpus.article_of(p.id) or p
    found: list[tuple[Provision, bool]] = []   # (entry, explains p itself or a part of it)
    for pj in corpus.penjelasan_for(art.id):
        target = pj.explains or ""
        own = target == p.id or target.startswith(p.id + "/")
        if not (own or p.id.startswith(target + "/")) or pj.empty or not pj.text.strip():
            continue
        if re.fullmatch(r"\W*(?:pasal\s+\S+\s*)?cukup\s+jelas\W*", pj.text.strip(), re.I):
            continue
        found.append((pj, own))
    # the most specific entries win: an ayat's own note over the whole article's notes, and an
    # entry whose text is already inside another kept entry is not repeated
    if any(own for _, own in found):
        found = [(pj, own) for pj, own in found if own]
    texts = [collapse_ws(pj.text) for pj, _ in found]
    keep = []
    for i, (pj, _) in enumerate(found):
        if any(j != i and texts[i] in texts[j] and (len(texts[j]) > len(texts[i]) or j < i) for j in range(len(found))):
            continue
        keep.append({"id": pj.id, "label": corpus.label(pj), "quote": clip(pj.text, cfg.max_penjelasan_chars)})
    return keep


# --------------------------------------------------------------------------- narrowing

def narrow(corpus: "Corpus", node: Provision, cs: list[terms.Concept], via: str | None) -> Provision:
    """Walk down from the hit to the part that carries the question's concepts."""
    while True:
        kids = [c for c in corpus.children(node.id) if not c.is_penjelasan]
        if not kids:
            return node
        if via:
            on_path = [k for k in kids if via == k.id or via.startswith(k.id + "/")]
            chap = own_text(node, corpus) + " "
            if on_path and terms.overlap(cs, chap + on_path[0].text) >= terms.overlap(cs, node.text) * 0.999 and \
                    terms.overlap(cs, on_path[0].text) > 0:
                # the searcher matched inside this child: follow it when it keeps all matched concepts
                node = on_path[0]
                continue
        # a list item is read with the chapeau that introduces it ("Pejabat Imigrasi atau pejabat lain:")
        chapeau = own_text(node, corpus)
        scored = sorted(((terms.overlap(cs, chapeau + " " + k.text), k) for k in kids), key=lambda x: -x[0])
        best_score, best = scored[0]
        if best_score <= 0:
            return node
        # the child must keep everything the parent matched (else the parent is the better quote)
        if best_score < terms.overlap(cs, node.text) - 1e-9:
            return node
        ties = [k for s, k in scored if abs(s - best_score) < 1e-9]
        if len(ties) > 1:
            if best.kind != "angka":
                return node  # several ayat say it: cite the whole article
            best = min(ties, key=lambda k: terms.first_match_pos(cs, k.text))
        node = best


# --------------------------------------------------------------------------- main

def coherent_overlap(corpus: "Corpus", p: Provision, cs: list[terms.Concept]) -> float:
    """Overlap of the best single part of `p` (a child read with its chapeau), so that a long
    article (Pasal 1's definitions) does not score by scattering the concepts over many items."""
    kids = [k for k in corpus.children(p.id) if not k.is_penjelasan]
    if not kids:
        # a list item is read with its chapeau, and with its label ("Palermo Protocol Article 3(a)"),
        # so a question that names the instrument finds it
        parent = corpus.get(p.parent) if p.parent and p.kind in ("huruf", "angka", "subparagraph", "paragraph") else None
        lead = (own_text(parent, corpus) + " ") if parent is not None else ""
        return terms.overlap(cs, corpus.label(p) + " " + lead + p.text)
    chapeau = corpus.label(p) + " " + own_text(p, corpus)
    best = 0.0
    for k in kids:
        best = max(best, terms.overlap(cs, chapeau + " " + k.text))
        if corpus.children(k.id):
            best = max(best, coherent_overlap(corpus, k, cs))
    return best


def concepts_for(corpus: "Corpus", cs: list[terms.Concept], doc: str, lang: str) -> list[terms.Concept]:
    """The concepts as they can be looked for in `doc`: when an English question meets an
    Indonesian text, a concept without Indonesian equivalents (not in the glossary) counts half,
    so an unknown English word neither sinks a good Indonesian article nor lets it beat an
    English text that matches everything."""
    meta = corpus.meta(doc)
    if lang == "en" and meta is not None and meta.language == "id":
        return [c if c.crosslingual else dc_replace(c, weight=0.5) for c in cs]
    return cs


_DEF_SPLIT = re.compile(r"\s(?:adalah|yang selanjutnya disebut|yang selanjutnya disingkat)\s|[\"”'’]+\s+shall\s+mean\s", re.I)


def definitions(corpus: "Corpus", cs: list[terms.Concept], filters: Any = None) -> list[Provision]:
    """Definition items ("Perdagangan Orang adalah ...", "``Trafficking in persons" shall mean ...")
    whose defined term covers every non-definition concept of the question."""
    if not any(c.text == "definition" for c in cs):
        return []
    want = [c for c in cs if c.text != "definition"]
    if not want:
        return []
    docs = getattr(filters, "doc", None) if filters is not None else None
    if isinstance(docs, str):
        docs = [docs]
    out: list[tuple[int, Provision]] = []
    for p in corpus.provisions(include_penjelasan=False):
        if p.kind not in ("angka", "huruf", "subparagraph", "paragraph") or (docs and p.doc not in docs):
            continue
        m = _DEF_SPLIT.search(p.text[:200])
        if not m:
            continue
        head = terms.stems(p.text[: m.start()])
        if len(head) > 8 or not all(c.present(head) for c in want):
            continue
        out.append((len(head), p))  # the tightest term first ("Perdagangan Orang" before "Tindak Pidana ...")
    meta_rank = {"statute": 0, "treaty": 1, "ratification": 2, "regulation": 3}
    out.sort(key=lambda x: (x[0], meta_rank.get(getattr(corpus.meta(x[1].doc), "kind", ""), 9)))
    return [p for _, p in out]


def _signals(question: str, hits: list[SearchHit], retriever: SearchesProvisions, mode: str, filters: Any,
             timings: dict[str, float], depth: int = 1,
             lists: dict[str, list[SearchHit]] | None = None) -> dict[str, Any]:
    sig: dict[str, Any] = {"top_score": hits[0].score if hits else 0.0,
                           "margin": (hits[0].score - hits[1].score) if len(hits) > 1 else (hits[0].score if hits else 0.0),
                           "top_source": hits[0].source if hits else None,
                           "exact": bool(hits and hits[0].source == "exact")}
    for sub in ("dense", "bm25"):
        if mode == sub:
            sig[f"{sub}_top"] = hits[0].score if hits else 0.0
            if lists is not None:
                lists[sub] = hits[:depth]
            continue
        t = time.perf_counter()
        try:
            try:  # raw searcher score, without the named-provision boost
                sh = retriever.search(question, k=depth, mode=sub, filters=filters, exact=False)  # type: ignore[call-arg]
            except TypeError:
                sh = retriever.search(question, k=depth, mode=sub, filters=filters)
            sig[f"{sub}_top"] = float(sh[0].score) if sh else 0.0
            if lists is not None:
                lists[sub] = list(sh[:depth])
        except Exception as e:  # a retriever without that mode: the signal is unknown, not zero
            sig[f"{sub}_top"] = None
            sig[f"{sub}_error"] = type(e).__name__
        timings[f"{sub}_signal_ms"] = (time.perf_counter() - t) * 1000
    return sig


def _pasal_number(p: Provision) -> int | None:
    m = re.match(r"\d+", p.pasal or "")
    return int(m.group()) if m else None


def domain_of(corpus: "Corpus", p: Provision, cfg: AnswerConfig) -> str:
    """"core" for the immigration / trafficking / smuggling instruments (and the KUHP's chapters on
    them), "peripheral" for the other laws the corpus holds for context (telecoms, press, ITE,
    labour placement, ...): an answer from a peripheral one needs stronger evidence, since an
    out-of-scope question lands there (annual leave → PP 52/2000, company capital → UU 39/2004)."""
    if p.doc not in cfg.peripheral_docs:
        return "core"
    ranges = cfg.core_pasal_ranges.get(p.doc)
    n = _pasal_number(p)
    if ranges and n is not None and any(lo <= n <= hi for lo, hi in ranges):
        return "core"
    return "peripheral"


def should_answer(sig: dict[str, Any], cfg: AnswerConfig) -> tuple[bool, str]:
    if sig.get("n_hits", 0) == 0:
        return False, "no provision retrieved"
    if sig.get("exact") and cfg.exact_answers:
        return True, "query names a provision"
    ov = sig.get("overlap", 0.0)
    dense = sig.get("dense_top")
    idn = sig.get("language") == "id"
    dense_min = cfg.dense_min_id if idn else cfg.dense_min
    overlap_min = cfg.overlap_min
    if sig.get("agree", 0) >= 2:
        # both searchers put the lead's article in their top list: some leeway on the overlap
        overlap_min -= cfg.agree_overlap_bonus
    if sig.get("domain") == "peripheral":
        dense_min = max(dense_min, cfg.peripheral_dense_min_id if idn else cfg.peripheral_dense_min)
        overlap_min = max(overlap_min, cfg.peripheral_overlap_min)
    if dense is None:
        # no dense signal (lexical-only retriever): rely on the overlap alone
        return (ov >= overlap_min, f"overlap {ov:.2f} (no dense score)")
    if ov >= overlap_min and dense >= dense_min:
        return True, f"overlap {ov:.2f} >= {overlap_min:.2f} and dense {dense:.3f} >= {dense_min}"
    if dense >= max(cfg.dense_strong, dense_min) and ov >= cfg.strong_overlap_min:
        return True, f"dense {dense:.3f} >= {cfg.dense_strong} with overlap {ov:.2f}"
    return False, f"weak evidence: overlap {ov:.2f}, dense {dense:.3f}"


def answer_question(question: str, retriever: SearchesProvisions, corpus: "Corpus",
                    config: AnswerConfig | None = None, *, k: int = 10, mode: str = "hybrid",
                    filters: Any = None, llm: Any = None) -> Answer:
    """Answer one question from the corpus; the result has passed `verify_answer`.

    `llm`: an optional langchain-core chat model; its text replaces the extractive lead and
    is verified the same way (see lexqa.answer.llm).
    """
    from ..errors import LexqaError

    cfg = config or AnswerConfig.load()
    q = (question or "").strip()
    if not q:
        raise LexqaError("empty question", hint="ask something, e.g. lexqa ask \"Kapan Pejabat Imigrasi menolak orang keluar?\"")
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    hits = retriever.search(q, k=max(k, cfg.retrieved_k), mode=mode, filters=filters)
    timings["retrieve_ms"] = (time.perf_counter() - t0) * 1000
    lang = terms.language(q)
    cs = terms.concepts(q)
    lists: dict[str, list[SearchHit]] = {}
    sig = _signals(q, hits, retriever, mode, filters, timings, depth=max(1, cfg.agree_depth), lists=lists)
    sig["n_hits"] = len(hits)
    sig["language"] = lang
    t1 = time.perf_counter()

    # choose the answering provisions: narrow each of the top articles, then let the one that
    # carries most of the question's concepts lead (ties: retrieval rank)
    cands: list[tuple[Provision, SearchHit, float, float, int]] = []
    seen_art: set[str] = set()
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
        art = corpus.article_of(node.id) or node
        if art.id in seen_art:
            continue
        seen_art.add(art.id)
        ccs = concepts_for(corpus, cs, node.doc, lang)
        target = node if h.source == "exact" else narrow(corpus, node, ccs, h.via)
        ov = coherent_overlap(corpus, target, ccs) if ccs else 0.0
        cands.append((target, h, ov, ov, i))
    # a question asking what a term means: the law's own definition of it, wherever it is
    for d in definitions(corpus, cs, filters)[:2]:
        art = corpus.article_of(d.id) or d
        h = SearchHit(provision=art, score=hits[0].score if hits else 0.0, rank=0, source="definition", via=d.id)
        dov = terms.overlap(concepts_for(corpus, cs, d.doc, lang), d.text)
        cands.append((d, h, dov, dov, -1))  # precise: first at equal overlap
    chosen: list[tuple[Provision, SearchHit, float]] = []
    top_ov = 0.0
    if cands:
        exact = [c for c in cands if c[1].source == "exact"]
        # the concept overlap picks among the top articles, but retrieval's order counts too: each
        # rank below the first costs `rank_penalty` of overlap, so a lower-ranked article only leads
        # when it clearly carries more of the question (definitions found by term, index -1, are free)
        rank_penalty = cfg.rank_penalty_en if lang == "en" else cfg.rank_penalty

        def lead_score(c: tuple[Provision, SearchHit, float, float, int]) -> float:
            return c[3] - rank_penalty * max(c[4], 0)

        lead = exact[0] if exact else max(cands, key=lambda c: (lead_score(c), -c[4]))
        chosen.append((lead[0], lead[1], lead[2]))
        top_ov = lead[3]
        for target, h, ov, _aov, _i in cands:
            if len(chosen) >= cfg.max_citations or any(
                    target.id == c.id or target.id.startswith(c.id + "/") or c.id.startswith(target.id + "/")
                    for c, _, _ in chosen):
                continue  # already cited (or a part / the whole of something cited)
            if target.amends and any(c.doc == target.amends and c.pasal == target.pasal and not c.amends
                                     for c, _, _ in chosen):
                continue  # the amendment of an article already chosen is cited with it (role "amendment")
            if ov >= cfg.extra_overlap_min and ov >= top_ov * cfg.extra_overlap_ratio:
                chosen.append((target, h, ov))
    sig["overlap"] = round(top_ov, 4)
    if chosen:
        lead_p = chosen[0][0]
        sig["domain"] = domain_of(corpus, lead_p, cfg)
        # do the dense and the lexical searcher both rank the lead's article near the top?
        lead_art = (corpus.article_of(lead_p.id) or lead_p).id
        sig["agree"] = sum(1 for sub in ("dense", "bm25") if any(
            (corpus.article_of(h.provision.id) or h.provision).id == lead_art for h in lists.get(sub, [])))
    # the articles weighed for the lead: [id, overlap, retrieval index] (calibration input)
    sig["candidates"] = [[c[0].id, round(c[2], 3), c[4]] for c in cands]
    ok, why = should_answer(sig, cfg)
    sig["decision"] = why

    retrieved = [make_item(corpus, corpus.get(h.provision.id) or h.provision, h.score, cfg, role="retrieved",
                           quote=clip(h.provision.text, 300), details=False) for h in hits]
    ans = Answer(question=q, answer="", abstained=not ok, retrieved=retrieved, language=lang, signals=sig)
    if ok:
        for target, h, _ in chosen:
            ans.citations.append(make_item(corpus, target, h.score, cfg))
        _add_status_citations(corpus, ans, cfg)
        ans.citations.sort(key=lambda c: (GROUP_ORDER.index(c.group), 0 if c.role == "answer" else 1))
        ans.answer = lead_text(ans, corpus)
    else:
        ans.answer = abstain_text(ans, corpus, cfg)
    timings["answer_ms"] = (time.perf_counter() - t1) * 1000

    if llm is not None and not ans.abstained:
        from .llm import synthesize

        t2 = time.perf_counter()
        ans = synthesize(ans, hits, corpus, llm, cfg)
        timings["llm_ms"] = (time.perf_counter() - t2) * 1000

    t3 = time.perf_counter()
    ans = finalize(ans, corpus)
    timings["verify_ms"] = (time.perf_counter() - t3) * 1000
    timings["total_ms"] = (time.perf_counter() - t0) * 1000
    ans.timings = timings
    return ans


def finalize(ans: Answer, corpus: "Corpus") -> Answer:
    """Run verification; an answer that fails any check is withheld (fail closed)."""
    report = verify_answer(ans, corpus)
    ans.verification = report.summary()
    if not report.ok:
        ans.notes.append("verification failed: " + "; ".join(ans.verification["failures"][:5]))
        ans.answer = REFUSED_ID if ans.language == "id" else REFUSED_EN
        ans.citations = []
        ans.abstained = True
        # the refusal itself must verify (it mentions nothing)
        ans.verification["withheld"] = True
        ans.retrieved = [r for r in ans.retrieved if corpus.get(r.id) is not None]
    return ans


def _add_status_citations(corpus: "Corpus", ans: Answer, cfg: AnswerConfig) -> None:
    """Cite the amending provision (with its new text) and the replacement of a revoked one."""
    have = {c.id for c in ans.citations}
    extra: list[Item] = []
    for c in list(ans.citations):
        for row in c.amended_by:
            by = corpus.get(row["id"])
            if by is None:
                continue
            # the same ayat/huruf inside the amending article when it exists
            suffix = c.id[len(corpus.article_of(c.id).id):] if corpus.article_of(c.id) else ""
            target = corpus.get(by.id + suffix) or by
            if target.id not in have:
                have.add(target.id)
                extra.append(make_item(corpus, target, c.score, cfg, role="amendment"))
        for row in c.replaced_by:
            rp = corpus.get(row["id"])
            if rp is not None and rp.id not in have:
                have.add(rp.id)
                extra.append(make_item(corpus, rp, c.score, cfg, role="replacement"))
    ans.citations.extend(extra)


def _text_label(c: Item) -> str:
    """The label as the answer text names it. An amendment point's label ends with the article it
    rewrites ("UU 63/2024 Pasal I angka 1 (Pasal 3 ayat (4) UU 6/2011)"); that parenthesis names
    an ayat that may exist only in the amended version, which the mention check would resolve
    against the original law, so the text keeps the amending provision's own name (the citation
    item still carries the full label, `amends` and `pasal`)."""
    i = c.label.find(" (Pasal ") if c.amends else -1
    return c.label[:i] if i > 0 and c.label.endswith(")") else c.label


def lead_text(ans: Answer, corpus: "Corpus") -> str:
    """A short lead made only of the cited provisions' own words plus their labels."""
    idn = ans.language == "id"
    ans = Answer(**{**ans.__dict__, "citations": [dc_replace(c, label=_text_label(c)) for c in ans.citations]})
    main = [c for c in ans.citations if c.role == "answer"]
    if not main:
        return ABSTAIN_ID if idn else ABSTAIN_EN
    parts = []
    top = main[0]
    clause = collapse_ws(first_clause(top.quote))
    tail = "…" if len(clause) < len(top.quote.strip()) else ""
    if idn:
        parts.append(f"Menurut {top.label}: “{clause}”{tail}")
    else:
        parts.append(f"{top.label} provides: “{clause}”{tail}")
    for c in main[1:]:
        cl = collapse_ws(first_clause(c.quote, 200))
        more = "…" if len(cl) < len(c.quote.strip()) else ""
        parts.append((f"Lihat juga {c.label}: “{cl}”{more}" if idn else f"See also {c.label}: “{cl}”{more}"))
    for c in main:
        for row in c.amended_by:
            verb = {"amended": "diubah", "inserted": "disisipkan", "deleted": "dihapus"}.get(row["kind"], row["kind"]) if idn else row["kind"]
            parts.append(f"{c.label} {'telah ' + verb + ' oleh' if idn else 'was ' + verb + ' by'} {row['label']}.")
        for row in c.replaced_by:
            eff = f" {'mulai' if idn else 'from'} {row['effective']}" if row.get("effective") else ""
            parts.append(
                f"{c.label} {'dicabut oleh' if idn else 'is revoked by'} {row['revoked_by_label']}{eff}; "
                f"{'diganti dengan' if idn else 'replaced by'} {row['label']}.")
    return " ".join(p if p.endswith((".", "…", "”")) else p + "." for p in parts)


def abstain_text(ans: Answer, corpus: "Corpus", cfg: AnswerConfig) -> str:
    idn = ans.language == "id"
    base = ABSTAIN_ID if idn else ABSTAIN_EN
    leads = [r for r in ans.retrieved if corpus.get(r.id) is not None][: cfg.lead_count]
    if not leads:
        return base
    names = "; ".join(r.label for r in leads)
    return f"{base} {'Ketentuan terdekat' if idn else 'Nearest provisions'}: {names}."


def group_citations(items: list[Item]) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {}
    for g in GROUP_ORDER:
        rows = [i for i in items if i.group == g]
        if rows:
            out[g] = rows
    return out
