"""Literature as commentary on the law: the provisions a study discusses, and whether it gets them right.

Statute and treaty mentions inside literature ("Article 48 of Law Number 21 of 2007", "UU No. 6
Tahun 2011 Pasal 89", "Palermo Protocol Article 3") are found and resolved by the citation
engine (`lexqa.cite.mentions`, "citation" reader; `lexqa.cite.citation.resolve`). A bare
"Article 48" takes the document named shortly before it ("Law No. 21 of 2007 ..., which in
Article 48 regulates ..."). Each link is checked against the provision's words with the topics
of ``data/commentary.toml``: a claim naming topics the provision does not deal with is flagged
("... cites Pasal 48 for rehabilitation; UU 21/2007 Pasal 48 provides restitution"), never
repeated as fact.

Public: `discussed_in(pid, corpus)`, `literature_links(corpus)`, `literature_pinpoint(p, corpus)`,
`is_answerable(p)`, `literature_report(doc, corpus)` (the structure `corpus check` prints).
"""

from __future__ import annotations

import re
import tomllib
import weakref
from dataclasses import asdict, dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .cite.citation import resolve
from .cite.docrefs import doc_mentions
from .cite.mentions import find_mentions
from .config import DATA_DIR
from .kinds import APPARATUS_KINDS, spec
from .parse.literature.pages import first_page, page_at, table_for

if TYPE_CHECKING:
    from .models import Provision
    from .store import Corpus

_CONTEXT_CHARS = 300          # how far back a bare "Article 48" looks for its document
_SENT_END = re.compile(r"(?<=[a-z0-9)\]”\"'’])[.!?](?=\s+[A-Z“\"(\[]|\s*$)")


@dataclass
class Discussion:
    """One place where literature discusses a provision."""

    lit_provision_id: str         # the literature provision holding the mention
    pinpoint: str                 # "Purnomo et al. 2025, § 4.1, p. 5"
    mention_text: str             # the mention as written
    claim_text: str               # its sentence
    consistent: bool | None       # None: nothing checkable in the claim
    note: str | None
    provision_id: str = ""        # the provision it resolves to
    provision_label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Link:
    """A statute/treaty mention in literature, resolved or not."""

    source: str
    offset: int                   # absolute offset of the mention in the source file's text
    mention_text: str
    target: str | None
    nearest: list[str]
    reason: str | None
    doc: str | None
    discussion: Discussion | None

    @property
    def status(self) -> str:
        if self.target is None:
            return "unresolved"
        return "flagged" if self.discussion and self.discussion.consistent is False else "resolved"


def is_answerable(p: "Provision") -> bool:
    """False for the apparatus of literature (title page, contents, bibliography, notes, boilerplate)."""
    return p.kind not in APPARATUS_KINDS and "back-matter" not in p.flags


# ----------------------------------------------------------------------------- pinpoints

def _section_mark(p: "Provision", corpus: "Corpus | None") -> str:
    h = (p.heading or "").strip()
    if "chapter" in p.flags:
        m = re.match(r"(BAB\s+\w+)", h)
        return m.group(1) if m else h
    m = re.match(r"(\d+(?:\.\d+)*)", h)
    if m:
        return f"§ {m.group(1)}"
    m = re.match(r"([A-H])\.\s", h)
    par = corpus.get(p.parent) if corpus and p.parent else None
    if m and par is not None:
        return f"{_section_mark(par, corpus)}.{m.group(1)}"
    if p.kind == "footnote":
        return h
    return f"§ {h}" if h else p.id.rsplit("/", 1)[-1]


def literature_pinpoint(p: "Provision", corpus: "Corpus | None" = None, page: str | None = None) -> str:
    """"Purnomo et al. 2025, § 4.2, p. 7": document label, section (or BAB, note) and page."""
    meta = corpus.meta(p.doc) if corpus is not None else None
    parts = [meta.label if meta else p.doc, _section_mark(p, corpus)]
    if p.kind == "footnote" and corpus is not None and p.parent:
        par = corpus.get(p.parent)
        if par is not None and par.kind not in APPARATUS_KINDS:
            parts.insert(1, _section_mark(par, corpus))
    pg = page or first_page(p.context.get("pages"))
    if pg:
        parts.append(f"p. {pg}")
    return ", ".join(parts)


# ----------------------------------------------------------------------------- topics

@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    claim: tuple[str, ...]
    provision: tuple[str, ...]


@cache
def research_cues() -> dict[str, Any]:
    """data/commentary.toml [research]: how a research question is answered (lexqa.answer.research)."""
    with open(DATA_DIR / "commentary.toml", "rb") as f:
        r = tomllib.load(f)["research"]
    words = {str(k).lower(): [str(x) for x in v] for k, v in r.get("words", {}).items()}
    return {**r, "ignore": [str(w).lower() for w in r.get("ignore", [])], "words": words,
            "weights": dict(r.get("weights", {}))}


@cache
def topics() -> tuple[Topic, ...]:
    with open(DATA_DIR / "commentary.toml", "rb") as fh:
        data = tomllib.load(fh)
    return tuple(Topic(k, v.get("label", k), tuple(v["claim"]), tuple(v["provision"]))
                 for k, v in data.get("topics", {}).items())


def _has(text: str, words: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(re.search(r"(?<!\w)" + re.escape(w.lower()), low) for w in words)


def check_claim(claim: str, provision_text: str) -> tuple[list[Topic], list[Topic], list[Topic]]:
    """(topics the claim names, those the provision deals with, topics the provision deals with)."""
    named = [t for t in topics() if _has(claim, t.claim)]
    own = [t for t in topics() if _has(provision_text, t.provision)]
    return named, [t for t in named if t in own], own


def _where(corpus: "Corpus", doc: str, t: Topic, skip: str) -> str | None:
    """The first article of `doc` that deals with topic `t` (for the flag's note)."""
    hits = [q for q in corpus.provisions(doc, include_penjelasan=False)
            if q.kind in ("pasal", "article") and q.parent is None and q.id != skip and _has(q.text, t.provision)]
    # the definitions article names every topic in passing: the article that provides it comes first
    hits.sort(key=lambda q: q.pasal == "1")
    return corpus.label(hits[0]) if hits else None


def _and(xs: list[str]) -> str:
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " and " + xs[-1]


def _judge(corpus: "Corpus", lit_label: str, mention: str, claim: str, target: "Provision") -> tuple[bool | None, str | None]:
    named, found, own = check_claim(claim, target.text)
    if not named:
        return None, None
    label = corpus.label(target)
    if len(found) == len(named):
        return True, None
    missing = [t for t in named if t not in found]
    if found:
        return None, (f"{label} deals with {_and([t.label for t in found])} but not with "
                      f"{_and([t.label for t in missing])}, which {lit_label} also cites it for")
    provides = _and([t.label for t in own if t not in named] or ["something else"])
    where = [f"{t.label}: {w}" for t in missing if (w := _where(corpus, target.doc, t, target.id))]
    note = (f"{lit_label} cites {mention.strip()} for {_and([t.label for t in missing])}; "
            f"{label} provides {provides}")
    return False, note + (f" ({'; '.join(where)})" if where else "")


# ----------------------------------------------------------------------------- links

def own_pieces(p: "Provision", corpus: "Corpus") -> list[tuple[int, str]]:
    """The provision's text outside its children, as (absolute offset, text) pieces."""
    start = p.start or 0
    kids = sorted((k for k in corpus.children(p.id) if k.start is not None), key=lambda k: k.start or 0)
    out, cur = [], start
    for k in kids:
        if (k.start or 0) > cur:
            out.append((cur, p.text[cur - start:(k.start or 0) - start]))
        cur = max(cur, k.end or cur)
    if cur < start + len(p.text):
        out.append((cur, p.text[cur - start:]))
    return out


_HEADER_LINE = re.compile(r"^\s*(?:#.*|[^a-z]{30,}|.*\bet al\**\.?\**\s*)$")


def _sentence(text: str, s: int, e: int) -> tuple[str, str, str]:
    """(the sentence around text[s:e], its words before and after the mention), running headers left out."""
    a = 0
    for m in _SENT_END.finditer(text, 0, s):
        a = m.end()
    m = _SENT_END.search(text, e)
    b = m.end() if m else len(text)

    def clean(t: str) -> str:
        return " ".join(" ".join(ln for ln in t.split("\n") if not _HEADER_LINE.match(ln)).split())
    return clean(text[a:b]), clean(text[a:s]), clean(text[e:b])


def _links_of(p: "Provision", corpus: "Corpus", lit_label: str) -> list[Link]:
    out: list[Link] = []
    for base, text in own_pieces(p, corpus):
        docs = [d for d in doc_mentions(text) if d.known and d.doc in corpus.documents]
        for men in find_mentions(text, corpus, reader="citation", docs=docs):
            ref = men.ref
            if ref.system not in ("pasal", "article") or not ref.pasal:
                continue
            if ref.doc is None and ref.doc_text is None:
                prev = [d for d in docs if d.end <= men.start and men.start - d.end <= _CONTEXT_CHARS]
                if not prev:
                    continue        # "Article 3" of nothing named: not a link to the law
                ref.doc, ref.doc_text = prev[-1].doc, prev[-1].text
            if ref.doc and ref.doc in corpus.documents and spec(corpus.meta(ref.doc).kind).is_literature:
                continue
            res = resolve(ref, corpus)
            disc = None
            if res.ok:
                target = corpus.get(res.id)
                claim, before, after = _sentence(text, men.start, men.end)
                said = after if any(_has(after, t.claim) for t in topics()) else before
                ok, note = _judge(corpus, lit_label, men.text, said, target)
                page = _page_at(p, corpus, base + men.start)
                disc = Discussion(p.id, literature_pinpoint(p, corpus, page), men.text, claim, ok, note,
                                  res.id, corpus.label(target))
            out.append(Link(p.id, base + men.start, men.text, res.id, list(res.nearest), res.reason,
                            res.doc, disc))
    return out


def page_of(p: "Provision", corpus: "Corpus", offset: int = 0) -> str | None:
    """The page that `offset` (into `p.text`) is on: "7" for "p. 7"; None when the source has no pages."""
    return _page_at(p, corpus, (p.start or 0) + offset)


def _page_at(p: "Provision", corpus: "Corpus", offset: int) -> str | None:
    """The page an offset of `p`'s source text is on (the parser's page table), else `p`'s first page."""
    d = corpus.doc(p.doc)
    table = table_for(p.source_file, d.texts.get(p.source_file or "") if d else None)
    return page_at(table, offset) if table else first_page(p.context.get("pages"))


_LINKS: "weakref.WeakKeyDictionary[Any, list[Link]]" = weakref.WeakKeyDictionary()


def literature_links(corpus: "Corpus") -> list[Link]:
    """Every statute/treaty mention in the corpus's literature (computed once per corpus)."""
    if corpus in _LINKS:
        return _LINKS[corpus]
    out: list[Link] = []
    for d in corpus.documents.values():
        if not spec(d.meta.kind).is_literature:
            continue
        for p in d.provisions:
            if p.kind in ("front-matter", "toc", "bibliography", "notes"):
                continue      # a reference list names laws, it does not discuss them
            out.extend(_links_of(p, corpus, d.meta.label))
    _LINKS[corpus] = out
    return out


def discussed_in(provision_id: str, corpus: "Corpus") -> list[Discussion]:
    """Where literature discusses this provision, one of its parts, or its article."""
    art = corpus.article_of(provision_id)
    keys = {provision_id} | ({art.id} if art is not None else set())
    out = []
    for ln in literature_links(corpus):
        t = ln.target
        if ln.discussion and t and (t in keys or t.startswith(provision_id + "/")):
            out.append(ln.discussion)
    return out


# ----------------------------------------------------------------------------- corpus check

_ENTRY = re.compile(r"^\s*(?:[-*]\s+)?\[\d+\]|^\s*[-*]\s+\S|^\s*\d{1,3}\.\s+\S|^\s*[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)?,\s")


def literature_report(doc: str, corpus: "Corpus") -> dict[str, Any]:
    """The structure of one literature document and its links to the law."""
    d = corpus.doc(doc)
    provs = d.provisions if d else []
    bib = [p for p in provs if p.kind == "bibliography"]
    entries = sum(1 for p in bib for ln in p.text.splitlines()[1:] if _ENTRY.match(ln))
    labels = [lab for p in provs for lab in re.findall(r"\w+", (p.context.get("pages") or "")[3:])]
    nums = [int(x) for x in labels if x.isdigit()]
    links = [ln for ln in literature_links(corpus) if ln.source.split("/", 1)[0] == doc]
    flagged = [ln.discussion.note for ln in links if ln.status == "flagged" and ln.discussion]
    return {
        "abstract": any("abstract" in p.flags for p in provs),
        "toc": any(p.kind == "toc" for p in provs),
        "chapters": sum(1 for p in provs if "chapter" in p.flags),
        "sections": sum(1 for p in provs if p.kind == "section"),
        "footnotes": sum(1 for p in provs if p.kind == "footnote"),
        "bibliography_entries": entries,
        "pages": (max(nums) - min(nums) + 1) if nums else None,
        "links": {"found": len(links), "resolved": sum(ln.status == "resolved" for ln in links),
                  "unresolved": sum(ln.status == "unresolved" for ln in links),
                  "flagged": len(flagged)},
        "flagged": flagged,
    }


def report_line(rep: dict[str, Any]) -> str:
    """One line of `corpus check` notes for a literature document."""
    ln = rep["links"]
    bits = [f"abstract {'yes' if rep['abstract'] else 'no'}", f"{rep['sections']} sections"]
    if rep["chapters"]:
        bits.append(f"{rep['chapters']} chapters")
    bits += [f"{rep['footnotes']} footnotes", f"{rep['bibliography_entries']} bibliography entries",
             f"{rep['pages']} pages" if rep["pages"] else "no pages",
             f"links to the law: {ln['found']} found, {ln['resolved']} resolved, {ln['unresolved']} unresolved, "
             f"{ln['flagged']} flagged"]
    return "literature: " + "; ".join(bits)


def discussion_lines(rows: list[dict[str, Any]]) -> list[str]:
    """`show` / `trace` text for the "discussed in" rows (Discussion.to_dict())."""
    if not rows:
        return []
    out = ["", "discussed in (literature: commentary, not law):"]
    for r in rows:
        mark = {True: "consistent", False: "FLAGGED", None: "not checked"}[r["consistent"]]
        out.append(f"  {r['pinpoint']}: “{r['mention_text']}” [{mark}]")
        if r["note"]:
            out.append(f"    {r['note']}")
    return out
