"""Where in a provision the question's concepts are: narrowing a hit to the ayat / huruf / angka
that carries them, the overlap of its best single part, the concepts as an English question can
look for them in an Indonesian text, and the law's definitions of the asked term."""

from __future__ import annotations

from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING, Any

from .. import cues, kinds
from ..cite.xref import own_text
from ..text import collapse_ws
from ..models import Provision
from . import terms
from .config import data_file

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


def narrow(corpus: "Corpus", node: Provision, cs: list[terms.Concept], via: str | None) -> Provision:
    """Walk down from the hit to the part that carries the question's concepts. Every text is read
    with its instrument's title, so the words that name the instrument ("under the UN Convention
    against Transnational Organized Crime") are met by it, not by the article's scattered words."""
    meta = corpus.meta(node.doc)
    title = (meta.title or "") + " " if meta is not None else ""
    while True:
        kids = [c for c in corpus.children(node.id) if not c.is_penjelasan]
        if not kids:
            return node
        if via:
            on_path = [k for k in kids if via == k.id or via.startswith(k.id + "/")]
            chap = own_text(node, corpus) + " "
            if on_path and terms.overlap(cs, title + chap + on_path[0].text) >= terms.overlap(cs, title + node.text) * 0.999 and \
                    terms.overlap(cs, on_path[0].text) > 0:
                # the searcher matched inside this child: follow it when it keeps all matched concepts
                node = on_path[0]
                continue
        # a list item is read with the chapeau that introduces it ("Pejabat Imigrasi atau pejabat lain:")
        chapeau = own_text(node, corpus)
        scored = sorted(((terms.overlap(cs, title + chapeau + " " + k.text), k) for k in kids), key=lambda x: -x[0])
        best_score, best = scored[0]
        if best_score <= 0:
            return node
        # the child must keep everything the parent matched (else the parent is the better quote)
        if best_score < terms.overlap(cs, title + node.text) - 1e-9:
            return node
        ties = [k for s, k in scored if abs(s - best_score) < 1e-9]
        if len(ties) > 1:
            # a list of definitions: the item whose defined term carries the concepts ("“Organized
            # criminal group” shall mean …" over "“Structured group” …", UNTOC Article 2)
            by_term = sorted(((_term_overlap(cs, k.text), k) for k in ties), key=lambda x: -x[0])
            if by_term[0][0] > 0 and by_term[0][0] > by_term[1][0] + 1e-9:
                ties = [by_term[0][1]]
                best = ties[0]
        if len(ties) > 1:
            if best.kind != "angka":
                return node  # several ayat say it: cite the whole article
            best = min(ties, key=lambda k: terms.first_match_pos(cs, k.text))
        node = best


def _term_overlap(cs: list[terms.Concept], text: str) -> float:
    """Overlap of a definition item's defined term (the words before "adalah" / "shall mean"); 0
    for any other text."""
    m = cues.pattern("definition", "term_split").search(text[:200])
    return terms.overlap(cs, text[: m.start()]) if m else 0.0


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
        return [c if c.crosslingual else dc_replace(c, weight=c.weight * 0.5) for c in cs]
    return cs


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
        m = cues.pattern("definition", "term_split").search(p.text[:200])
        if not m:
            continue
        head = terms.stems(p.text[: m.start()])
        if len(head) > 8 or not all(c.present(head) for c in want):
            continue
        out.append((len(head), p))  # the tightest term first ("Perdagangan Orang" before "Tindak Pidana ...")
    out.sort(key=lambda x: (x[0], _definition_rank(corpus, x[1].doc)))
    return [p for _, p in out]


def _definition_rank(corpus: "Corpus", doc: str) -> int:
    """Where a definition is looked for first (statutes, then treaties, ...); a document without
    a manifest entry last."""
    meta = corpus.meta(doc)
    return kinds.spec(meta.kind).definition_rank if meta is not None and kinds.is_known(meta.kind) else kinds.UNRANKED


def chapeau_head(parent: Any, corpus: "Corpus") -> str | None:
    """The chapeau of a list, verbatim and whole (it ends with ":"), or None."""
    kids = [k for k in corpus.children(parent.id) if k.kind in kinds.LIST_ITEM_KINDS]
    at = parent.text.find(kids[0].text) if kids else -1
    head = collapse_ws(parent.text[:at]) if at > 0 else ""
    return head if head.endswith(":") else None


def best_ayat(p: Any, corpus: "Corpus", cs: list) -> Any:
    """The ayat of `p` that carries most of the issue's concepts (rarity-weighted, the first at a
    tie), or None when none carries any."""
    kids = [k for k in corpus.children(p.id) if k.kind == "ayat" and not k.is_penjelasan]
    if not kids:
        return None
    rcs = terms.by_rarity(cs, corpus, data_file()["select"]["rarity_weight"])
    best = max(kids, key=lambda k: terms.overlap(rcs, k.text))
    return best if terms.overlap(rcs, best.text) > 0 else None


def operative_ayat(p: Any, op: Any, corpus: "Corpus") -> Any:
    """The ayat of article `p` that holds its operative norm `op` (a yes/no quotes the ayat that
    grants or binds: UU 6/2011 Pasal 48(4) "Menteri berwenang melarang …", not ayat (1)-(3));
    None when `op` is the article's own first clause or no ayat of `p`."""
    q = corpus.get(op.provision) if op.provision and op.provision != p.id else None
    if q is None or q.kind != "ayat" or (parent := corpus.parent(q.id)) is None or parent.id != p.id:
        return None
    return q if not q.id.endswith("/ayat-1") else None
