"""Provision mentions in a text: "Pasal 8 ayat (1)", "pada ayat (2)", "huruf a", "Undang-Undang
Nomor 21 Tahun 2007", "Article 3(a) Palermo Protocol", resolved to provision IDs.

Two users:

* provision text (``find_refs`` in `lexqa.cite.xref`): relative mentions ("pada ayat (2)",
  "huruf a", "Undang-Undang ini") are resolved against the provision that contains them; in an
  amendment law the article text it writes refers to the *amended* law, so bare "Pasal 13"
  there means the target doc.
* free text (answers, user drafts; ``find_mentions`` with ``default_doc=None``): a mention takes
  the document named right after it ("Pasal 16 UU 6/2011") or right before it ("UU 6/2011
  Pasal 16"), else the last document named earlier in the text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..relations import relations
from .docrefs import DocMention, find_doc_mentions

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision
    from ..store import Corpus

# --------------------------------------------------------------------------- provision mentions

_PASAL = re.compile(
    r"\bPasal\s+(?P<pasal>\d+[A-Z]?(?![\w])|[IVX]+\b)"
    r"(?:\s+angka\s+(?P<pangka>\d+))?"
    r"(?:\s+ayat\s*\((?P<ayat>\d+[a-z]?)\))?"
    r"(?:\s+huruf\s+(?P<huruf>[a-z]{1,2})\b)?"
    r"(?:\s+angka\s+(?P<angka>\d+))?"
)
# amendment-law order: "huruf b ayat (1) Pasal 16", "ayat (3) Pasal 64", "huruf e Pasal 126"
_REVERSED = re.compile(
    r"\b(?:huruf\s+(?P<huruf>[a-z]{1,2})\s+)?(?:ayat\s*\((?P<ayat>\d+[a-z]?)\)\s+)?Pasal\s+(?P<pasal>\d+[A-Z]?)(?![\w])"
)
_AYAT = re.compile(r"\bayat\s*\((?P<ayat>\d+[a-z]?)\)(?:\s+huruf\s+(?P<huruf>[a-z]{1,2})\b)?(?:\s+angka\s+(?P<angka>\d+))?")
_HURUF = re.compile(r"\bhuruf\s+(?P<huruf>[a-z]{1,2})\b(?:\s+angka\s+(?P<angka>\d+))?")
_ARTICLE = re.compile(
    r"\b[Aa]rt(?:icle|\.)\s+(?P<art>\d+)"
    r"(?:\s*\((?P<p1>\d+|[a-z])\))?(?:\s*\((?P<p2>[a-z]|[ivx]+)\))?"
    r"(?:,?\s+paragraph\s+(?P<para>\d+))?(?:,?\s+subparagraph\s+\(?(?P<sub>[a-z])\)?)?",
)
# words that make a bare Pasal number a statistic or a list marker rather than a mention
_ROMAN = re.compile(r"^[IVX]+$")


@dataclass
class Mention:
    """One provision mention in a text and where it points."""

    start: int
    end: int
    text: str
    doc: str | None
    pasal: str | None = None
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    point: str | None = None         # "Pasal I angka 2" for amendment points
    article: bool = False            # treaty-style ("Article 3(a)")
    relative: bool = False           # "pada ayat (2)", "huruf a": resolved against the context
    doc_explicit: bool = False       # the document is named next to the mention (not inferred)
    candidates: list[str] = field(default_factory=list)  # ids to try, most specific first


@dataclass
class Resolution:
    mention: Mention
    id: str | None                   # exact provision id, or None
    nearest: str | None = None       # closest existing ancestor when not exact
    doc_known: bool = True

    @property
    def ok(self) -> bool:
        return self.id is not None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self.mention)
        d.pop("candidates", None)
        return {"mention": d, "id": self.id, "nearest": self.nearest, "found": self.ok}


def _indo_id(doc: str, pasal: str, ayat: str | None, huruf: str | None, angka: str | None) -> str:
    s = f"{doc}/pasal-{pasal.lower()}"
    if ayat:
        s += f"/ayat-{ayat.lower()}"
    if huruf:
        s += f"/huruf-{huruf.lower()}"
    if angka:
        s += f"/angka-{angka}"
    return s


def _treaty_id(doc: str, art: str, parts: list[str]) -> str:
    return "/".join([doc, f"article-{art}", *[p.lower() for p in parts if p]])


def _attach_doc(start: int, end: int, docs: list[DocMention], text: str, fallback: str | None,
                self_doc: str | None) -> tuple[str | None, bool]:
    """Doc named right after the mention, else right before it, else the fallback (explicit=False)."""
    for d in docs:
        gap = text[end:d.start]
        if d.start >= end and len(gap) <= 12 and re.fullmatch(r"[\s,]*(?:dari|dalam|of|the|tentang)?[\s,]*(?:the\s+)?", gap, re.I):
            return ((self_doc or fallback) if d.is_self else d.doc), True
        if d.start >= end:
            break
    before = [d for d in docs if d.end <= start]
    if before:
        d = before[-1]
        gap = text[d.end:start]
        if len(gap) <= 3 and not re.search(r"[.;:()]", gap):
            return ((self_doc or fallback) if d.is_self else d.doc), True
    return fallback, False


_CHAIN = re.compile(r"^[\s,]*(?:dan|atau|serta|and|or|sampai dengan|s\.d\.)?[\s,]*$", re.I)


def find_mentions(text: str, corpus: "Corpus", default_doc: str | None = None,
                  context: "Provision | None" = None, *, sticky_doc: bool = False,
                  docs: list[DocMention] | None = None) -> list[Mention]:
    """Every provision mention in `text`, with candidate IDs.

    `context` (a provision) resolves relative mentions and "Undang-Undang ini"; `sticky_doc`
    (free text) lets a document named earlier apply to later bare mentions.
    """
    if docs is None:
        docs = find_doc_mentions(text, corpus)
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    ctx_doc = context.doc if context is not None else default_doc
    # inside an amendment law's rewritten article, bare Pasal mentions mean the amended law
    target_doc = (context.amends if context is not None and context.amends else ctx_doc)
    if context is not None and context.kind in ("menimbang", "mengingat"):
        target_doc = None  # "Pasal 5 ayat (1) ... Undang-Undang Dasar": not this document
    self_doc = ctx_doc

    def last_doc_before(pos: int) -> str | None:
        prev = [d for d in docs if d.end <= pos and not d.is_self and d.known]
        return prev[-1].doc if prev else None

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _REVERSED.finditer(text):
        if not (m.group("huruf") or m.group("ayat")):
            continue
        fallback = (last_doc_before(m.start()) or target_doc) if sticky_doc else target_doc
        doc, explicit = _attach_doc(m.start(), m.end(), docs, text, fallback, self_doc)
        men = Mention(m.start(), m.end(), m.group(0), doc, pasal=m.group("pasal"), ayat=m.group("ayat"),
                      huruf=m.group("huruf"), doc_explicit=explicit)
        if doc:
            men.candidates = [_indo_id(doc, men.pasal or "", men.ayat, men.huruf, None)]
        out.append(men)
        taken.append((m.start(), m.end()))

    for m in _PASAL.finditer(text):
        if not free(m.start(), m.end()):
            continue
        pasal = m.group("pasal")
        fallback = target_doc
        if sticky_doc:
            fallback = last_doc_before(m.start()) or target_doc
        doc, explicit = _attach_doc(m.start(), m.end(), docs, text, fallback, self_doc)
        men = Mention(m.start(), m.end(), m.group(0), doc, pasal=pasal, ayat=m.group("ayat"),
                      huruf=m.group("huruf"), angka=m.group("angka") or None, doc_explicit=explicit)
        if _ROMAN.match(pasal):
            men.point = f"Pasal {pasal}" + (f" angka {m.group('pangka')}" if m.group("pangka") else "")
            if doc:
                base = f"{doc}/pasal-{pasal.lower()}"
                if m.group("pangka"):
                    base += f"/angka-{m.group('pangka')}"
                men.candidates = [base]
        elif doc:
            if m.group("pangka") and not m.group("ayat"):
                men.angka = m.group("pangka")
            men.candidates = [_indo_id(doc, pasal, men.ayat, men.huruf, men.angka)]
            # a doc with the article only inside an amendment? leave to the resolver
        out.append(men)
        taken.append((m.start(), m.end()))

    for m in _ARTICLE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        fallback = ctx_doc
        if sticky_doc:
            fallback = last_doc_before(m.start()) or ctx_doc
        doc, explicit = _attach_doc(m.start(), m.end(), docs, text, fallback, self_doc)
        parts = [m.group("p1"), m.group("p2"), m.group("para"), m.group("sub")]
        men = Mention(m.start(), m.end(), m.group(0), doc, pasal=m.group("art"), article=True, doc_explicit=explicit,
                      ayat=next((p for p in parts if p and p.isdigit()), None),
                      huruf=next((p for p in parts if p and p.isalpha()), None))
        if doc:
            men.candidates = [_treaty_id(doc, men.pasal or "", [p for p in parts if p])]
        out.append(men)
        taken.append((m.start(), m.end()))

    # a list "Pasal 23, Pasal 33, ..., dan Pasal 112 Undang-Undang Nomor 6 Tahun 2011": the document
    # named after the last item applies to the whole list
    out.sort(key=lambda x: x.start)
    for i in range(len(out) - 2, -1, -1):
        m, n = out[i], out[i + 1]
        if not m.doc_explicit and n.doc_explicit and n.doc and _CHAIN.match(text[m.end:n.start]) \
                and m.article == n.article and not m.point:
            m.doc, m.doc_explicit = n.doc, True
            m.candidates = ([_treaty_id(n.doc, m.pasal or "", [p for p in (m.ayat, m.huruf) if p])] if m.article
                            else [_indo_id(n.doc, m.pasal or "", m.ayat, m.huruf, m.angka)])

    # relative mentions need a context provision to mean anything (not in Penjelasan, whose
    # "Ayat (1) Cukup jelas." are headings, nor in Menimbang/Mengingat)
    if context is not None and not context.is_penjelasan and context.kind not in ("menimbang", "mengingat"):
        art = corpus.article_of(context.id)
        for m in _AYAT.finditer(text):
            if not free(m.start(), m.end()) or art is None:
                continue
            men = Mention(m.start(), m.end(), m.group(0), context.doc, pasal=art.pasal, ayat=m.group("ayat"),
                          huruf=m.group("huruf"), angka=m.group("angka"), relative=True)
            men.candidates = [f"{art.id}/ayat-{men.ayat}" + (f"/huruf-{men.huruf}" if men.huruf else "")
                              + (f"/angka-{men.angka}" if men.angka else "")]
            out.append(men)
            taken.append((m.start(), m.end()))
        for m in _HURUF.finditer(text):
            if not free(m.start(), m.end()) or art is None:
                continue
            # "huruf a" refers to a sibling list item: same ayat (or same Pasal when it has no ayat)
            base = _list_base(context, corpus) or art.id
            men = Mention(m.start(), m.end(), m.group(0), context.doc, pasal=art.pasal, huruf=m.group("huruf"),
                          angka=m.group("angka"), relative=True)
            men.candidates = [f"{base}/huruf-{men.huruf}" + (f"/angka-{men.angka}" if men.angka else "")]
            out.append(men)
            taken.append((m.start(), m.end()))
    out.sort(key=lambda x: x.start)
    # "Pasal 24 ayat (2) dan ayat (3) huruf a dan huruf c": chained relative items continue the
    # previous mention, not the containing provision
    for i in range(1, len(out)):
        m, prev = out[i], out[i - 1]
        if not m.relative or not prev.candidates or not _CHAIN.match(text[prev.end:m.start]):
            continue
        base = prev.candidates[0]
        if m.ayat:
            base = base.split("/ayat-")[0]
            tail = f"/ayat-{m.ayat}" + (f"/huruf-{m.huruf}" if m.huruf else "") + (f"/angka-{m.angka}" if m.angka else "")
        else:
            base = base.split("/huruf-")[0]
            tail = f"/huruf-{m.huruf}" + (f"/angka-{m.angka}" if m.angka else "")
        m.candidates = [base + tail]
        m.doc, m.pasal = prev.doc, prev.pasal
    return out


def _list_base(p: "Provision", corpus: "Corpus") -> str | None:
    """The provision whose huruf children a relative "huruf x" inside `p` names."""
    cur: Provision | None = p
    while cur is not None:
        if cur.kind in ("ayat", "pasal", "article", "paragraph"):
            return cur.id
        cur = corpus.get(cur.parent) if cur.parent else None
    return None


def resolve(men: Mention, corpus: "Corpus") -> Resolution:
    """Exact id when the provision exists, else the nearest existing ancestor."""
    doc_known = bool(men.doc) and men.doc in corpus.documents
    for cid in men.candidates:
        if corpus.get(cid) is not None:
            return Resolution(men, cid, None, doc_known)
        # an amendment law cited by amended-article number: "Pasal 16 UU 63/2024"
        if men.doc and not men.point and not men.article:
            hit = _amended_article(corpus, men)
            if hit:
                return Resolution(men, hit, None, doc_known)
    nearest = None
    for cid in men.candidates:
        parts = cid.split("/")
        while len(parts) > 1:
            parts.pop()
            if corpus.get("/".join(parts)) is not None:
                nearest = "/".join(parts)
                break
        if nearest:
            break
    if nearest is None and men.doc and men.pasal and doc_known and not men.point:
        nearest = _nearest_article(corpus, men.doc, men.pasal, men.article)
    return Resolution(men, None, nearest, doc_known)


def _amended_article(corpus: "Corpus", men: Mention) -> str | None:
    """"Pasal 16 UU 63/2024" (the article an amendment law writes) or "Pasal 24A UU 6/2011" (an
    article that exists only as inserted by an amendment law)."""
    d = corpus.doc(men.doc or "")
    if d is None or men.pasal is None:
        return None
    rel = relations(corpus)
    if not d.meta.amends:
        if rel.has_own(d.id, men.pasal):
            return None  # the article exists in the law itself
        provs = rel.written_into(d.id, men.pasal)
    else:
        provs = rel.written(d.id, men.pasal)
    for p in provs:
        if p.pasal == men.pasal and p.point:
            tail = ""
            if men.ayat:
                tail += f"/ayat-{men.ayat}"
            if men.huruf:
                tail += f"/huruf-{men.huruf}"
            if corpus.get(p.id + tail) is not None:
                return p.id + tail
            if not tail:
                return p.id
    return None


def _nearest_article(corpus: "Corpus", doc: str, num: str, article: bool) -> str | None:
    """The existing article of `doc` with the closest number (for "not found, nearest: ...")."""
    m = re.match(r"\d+", num)
    if not m:
        return None
    want = int(m.group(0))
    best: tuple[int, str] | None = None
    kind = "article" if article else "pasal"
    for p in corpus.provisions(doc, include_penjelasan=False):
        if p.kind not in (kind, "pasal", "article") or p.amends or not p.pasal:
            continue
        mm = re.match(r"\d+", p.pasal)
        if not mm:
            continue
        dist = abs(int(mm.group(0)) - want)
        if best is None or dist < best[0]:
            best = (dist, p.id)
    return best[1] if best else None
