"""Citation items: a provision's verbatim quote, its Penjelasan (when it says more than
"Cukup jelas"), its status rows (amendments, revocations and their replacements) and the
provisions it refers to."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .. import kinds
from ..cite.xref import find_refs, own_text
from ..models import Provision, SearchHit
from ..relations import relations
from ..retrieve.current import unit_of
from ..timeline import provision_status
from ..text import collapse_ws
from .config import AnswerConfig
from .model import Answer, Item

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


def clip(text: str, limit: int) -> str:
    """A prefix of `text` (so still verbatim) ending at a clause boundary: never inside a number,
    an amount, a citation or between a chapeau and its list (lexqa.norm.safe_cut). With no such
    boundary before `limit`, the first one after it (a longer quote rather than a broken one)."""
    from ..norm import clause_spans, safe_cut
    from ..norm.cut import protected_spans

    t = text.strip()
    if len(t) <= limit:
        return t
    cut = safe_cut(t, limit)
    if cut < limit * 0.3:
        cut = next((e for _, e in clause_spans(t) if e > limit), len(t))
        if cut > 3 * limit:  # one endless list: a word boundary, still never inside a number or citation
            zones = protected_spans(t, lists=False)
            cut = next((i for i in range(limit, 0, -1) if t[i] == " " and not any(a < i < b for a, b in zones)), limit)
    return t[:cut].rstrip()


def group_of(corpus: "Corpus", doc: str) -> str:
    meta = corpus.meta(doc)
    return kinds.spec(meta.kind if meta else None).group


def status_rows(corpus: "Corpus", pid: str, as_of: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Amendments and revocations of `pid` that took effect by `as_of` (a later one is not yet the law)."""
    st = corpus.status(pid)
    amended, replaced = [], []
    for ev in st.events:
        if as_of and ev.effective and ev.effective > as_of:
            continue
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
              quote: str | None = None, details: bool = True, as_of: str | None = None) -> Item:
    """The citation of `p` as it stands on `as_of` (None: today): labelled with its base-law
    citation when its words are an amending law's, its status from the timeline."""
    u = unit_of(corpus, p.id, as_of)
    if u.address is not None and u.words != p.id and (u.words is not None or u.address != p.id):
        # not the words in force (callers consolidate first; a stray superseded text says so)
        st = provision_status(corpus, p.id, u.as_of)
        u = replace(u, label=f"{corpus.label(p)} ({st.summary})" if st else u.label, state=st.state if st else u.state,
                    summary=st.summary if st else u.summary, in_force=bool(st and st.in_force))
    item = Item(
        id=p.id, doc=p.doc, pasal=p.pasal, ayat=p.ayat, huruf=p.huruf, label=u.label,
        quote=quote if quote is not None else clip(p.text, cfg.max_quote_chars),
        status=u.state, score=float(score), amends=p.amends, point=p.point,  # type: ignore[arg-type]
        group=group_of(corpus, p.doc), role=role, status_detail=u.summary or "",
        address=u.address, in_force=u.in_force if u.state is not None else None,
    )
    if item.pasal is None:
        # "Pasal I angka 2" as a whole: the amended article's number when it writes one
        item.pasal = relations(corpus).point_article(p.id)
    if not details:
        return item
    if p.kind in ("huruf", "angka") and p.parent:
        parent = corpus.get(p.parent)
        chapeau = own_text(parent, corpus).strip() if parent else ""
        if chapeau:
            item.context = clip(chapeau, cfg.max_quote_chars)
    item.penjelasan = _penjelasan(corpus, p, cfg)
    item.amended_by, item.replaced_by = status_rows(corpus, p.id, u.as_of)
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


def add_status_citations(corpus: "Corpus", ans: Answer, cfg: AnswerConfig) -> None:
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
                it = make_item(corpus, target, c.score, cfg, role="amendment", as_of=ans.as_of)
                if it.status in ("revoked", "deleted", "superseded", "not in force"):  # history too
                    it.role = "revoked"
                extra.append(it)
        for row in c.replaced_by:
            rp = corpus.get(row["id"])
            if rp is not None and rp.id not in have:
                have.add(rp.id)
                extra.append(make_item(corpus, rp, c.score, cfg, role="replacement", as_of=ans.as_of))
    ans.citations.extend(extra)


def retrieved_items(corpus: "Corpus", hits: list[SearchHit], cfg: AnswerConfig,
                    as_of: str | None = None) -> list[Item]:
    """The fused ranking as items (role "retrieved": a short quote, no details)."""
    return [make_item(corpus, corpus.get(h.provision.id) or h.provision, h.score, cfg, role="retrieved",
                      quote=clip(h.provision.text, 300), details=False, as_of=as_of) for h in hits]
