"""Cross-references: find "Pasal 8 ayat (1)", "pada ayat (2)", "huruf a", "Undang-Undang Nomor
21 Tahun 2007", "Article 3(a) Palermo Protocol" in a text and resolve them to provision IDs.

Two users:

* provision text (``find_refs``): relative mentions ("pada ayat (2)", "huruf a", "Undang-Undang
  ini") are resolved against the provision that contains them; in an amendment law the article
  text it writes refers to the *amended* law, so bare "Pasal 13" there means the target doc.
* free text (answers, user drafts; ``find_mentions`` with ``default_doc=None``): a mention takes
  the document named right after it ("Pasal 16 UU 6/2011") or right before it ("UU 6/2011
  Pasal 16"), else the last document named earlier in the text.

``RefGraph`` indexes every reference in the corpus (outgoing and incoming) in seconds;
``trace`` assembles what a provision refers to, what refers to it, what amended/revoked it and
which regulation implements it (cross-referencing regulations + the curated
``data/implements.toml`` pairs).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Iterable

from ..config import DATA_DIR
from ..instruments import read_by, text_aliases_of
from ..kinds import spec
from ..relations import relations

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision
    from ..store import Corpus

# --------------------------------------------------------------------------- document mentions

def _doc_pattern(names: str, number: str) -> re.Pattern[str]:
    return re.compile(f"(?:{names}){number}", re.I)


_NOMOR_TAHUN = r"\s+(?:Republik\s+Indonesia\s+)?(?:Nomor|No\.?)\s*(\d+)\s+Tahun\s+(\d{4})"
_SLASH = r"\s+(?:No\.?\s*)?(\d+)\s*/\s*(\d{4})\b"


@cache
def _doc_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Per instrument type (data/instruments.toml, in file order: Perppu before UU and PP):
    "Undang-Undang Nomor 6 Tahun 2011" / "UU No. 6 Tahun 2011", then "UU 6/2011"."""
    out = []
    for t in read_by("xref"):
        out.append((t.id, _doc_pattern(rf"{t.name}|\b{t.abbrev}", _NOMOR_TAHUN)))
        if t.slash_in_texts:
            out.append((t.id, _doc_pattern(rf"\b{t.abbrev}", _SLASH)))
    return out


_SELF_DOC = re.compile(r"(?:Undang-?\s?Undang|Peraturan\s+Pemerintah|Peraturan\s+Daerah|Protocol|Convention)\s+ini\b|\bthis\s+(?:Protocol|Convention|Declaration)\b", re.I)


@dataclass
class DocMention:
    start: int
    end: int
    doc: str            # doc id ("uu-21-2007"); may name a document not in the corpus
    known: bool         # in the corpus
    text: str
    is_self: bool = False


def _doc_id_for(corpus: "Corpus", kind: str, number: str, year: str) -> tuple[str, bool]:
    cand = f"{kind}-{int(number)}-{year}"
    if cand in corpus.documents:
        return cand, True
    for d in corpus.documents.values():
        m = d.meta
        if m.number and str(m.number).lstrip("0") == str(int(number)) and m.year == int(year) and m.id.startswith(kind + "-"):
            return m.id, True
    return cand, False


def _label_pattern(corpus: "Corpus") -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One alternation over every document label/alias (longest first) and a name → doc map."""
    cached = getattr(corpus, "_lexqa_label_pattern", None)
    if cached is not None and cached[2] == len(corpus.documents):
        return cached[0], cached[1]
    names: dict[str, str] = {}
    for d in corpus.documents.values():
        for name in {d.meta.label, *text_aliases_of(d.meta)}:
            if re.match(r"^(UU|PP)\s+\d+/\d{4}$", name):
                continue  # covered by the generic patterns
            names.setdefault(name.casefold(), d.id)
    pat = None
    if names:
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pat = re.compile(r"(?<!\w)(?:" + alts + r")(?!\w)", re.I)
    try:
        corpus._lexqa_label_pattern = (pat, names, len(corpus.documents))  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover
        pass
    return pat, names


@cache
def _doc_hint() -> re.Pattern[str]:
    """Cheap pre-check: no type name, "ini" or "this" in the text, no generic or self mention."""
    return re.compile("|".join([*(f"{t.name}|{t.abbrev}" for t in read_by("xref")), r"\bini\b", "this"]), re.I)


def find_doc_mentions(text: str, corpus: "Corpus") -> list[DocMention]:
    found: list[DocMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    hint = bool(_doc_hint().search(text))
    for kind, pat in (_doc_patterns() if hint else []):
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            doc, known = _doc_id_for(corpus, kind, m.group(1), m.group(2))
            found.append(DocMention(m.start(), m.end(), doc, known, m.group(0)))
            taken.append((m.start(), m.end()))
    pat, names = _label_pattern(corpus)
    if pat is not None:
        for m in pat.finditer(text):
            if free(m.start(), m.end()):
                found.append(DocMention(m.start(), m.end(), names[m.group(0).casefold()], True, m.group(0)))
                taken.append((m.start(), m.end()))
    if not hint:
        found.sort(key=lambda d: d.start)
        return found
    for m in _SELF_DOC.finditer(text):
        if free(m.start(), m.end()):
            found.append(DocMention(m.start(), m.end(), "", True, m.group(0), is_self=True))
    found.sort(key=lambda d: d.start)
    return found


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


# --------------------------------------------------------------------------- references in provisions

@dataclass
class Ref:
    source: str
    target: str | None               # resolved id (exact)
    nearest: str | None              # when not exact
    text: str                        # the mention as written
    kind: str = "ref"                # "ref" | "doc" (whole-document reference)
    doc: str | None = None
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def own_text(p: "Provision", corpus: "Corpus") -> str:
    """The part of a provision's text not inside its children (the chapeau), or all of it for a leaf."""
    kids = corpus.children(p.id)
    if not kids:
        return p.text
    first = kids[0].text[:60]
    i = p.text.find(first) if first else -1
    return p.text[:i] if i > 0 else ("" if i == 0 else p.text)


def find_refs(p: "Provision", corpus: "Corpus", text: str | None = None) -> list[Ref]:
    """References made by provision `p` (in `text`, default its own text without children)."""
    text = own_text(p, corpus) if text is None else text
    refs: list[Ref] = []
    covered: list[tuple[int, int]] = []
    docs = find_doc_mentions(text, corpus)
    for men in find_mentions(text, corpus, context=p, docs=docs):
        if not men.doc:
            continue  # e.g. the Constitution's articles in Mengingat
        r = resolve(men, corpus)
        target = r.id
        if target == p.id or (target and p.id.startswith(target + "/")):
            continue  # a provision naming itself or its own article
        kind = "ref"
        if p.amends and target and p.pasal and (
                target == f"{p.amends}/pasal-{p.pasal.lower()}" or target.startswith(f"{p.amends}/pasal-{p.pasal.lower()}/")):
            kind = "amends"  # the amendment naming the article it rewrites (shown as "amended by")
        refs.append(Ref(p.id, target, r.nearest, men.text, kind, men.doc, men.relative))
        covered.append((men.start, men.end))
    # whole-document references ("Undang-Undang Nomor 21 Tahun 2007") not attached to a Pasal
    for d in docs:
        if d.is_self or not d.known or d.doc == p.doc:
            continue
        near = any(abs(d.start - e) <= 12 or abs(s - d.end) <= 12 for s, e in covered)
        if near:
            continue
        refs.append(Ref(p.id, d.doc, None, d.text, "doc", d.doc))
    return refs


class RefGraph:
    """Outgoing and incoming references over the whole corpus."""

    def __init__(self, corpus: "Corpus") -> None:
        self.corpus = corpus
        self.out: dict[str, list[Ref]] = {}
        self.inc: dict[str, list[Ref]] = {}

    @classmethod
    def build(cls, corpus: "Corpus") -> "RefGraph":
        g = cls(corpus)
        for p in corpus.provisions():
            if p.kind in ("closing",):
                continue
            refs = find_refs(p, corpus)
            if refs:
                g.out[p.id] = refs
                for r in refs:
                    if r.target:
                        g.inc.setdefault(r.target, []).append(r)
        return g

    def outgoing(self, pid: str, *, deep: bool = True) -> list[Ref]:
        if not deep:
            return list(self.out.get(pid, []))
        prefix = pid + "/"
        return [r for k, rs in self.out.items() if k == pid or k.startswith(prefix) for r in rs]

    def incoming(self, pid: str, *, deep: bool = True) -> list[Ref]:
        """References to `pid` (and, with deep, to any of its parts)."""
        if not deep:
            return list(self.inc.get(pid, []))
        prefix = pid + "/"
        return [r for k, rs in self.inc.items() if k == pid or k.startswith(prefix) for r in rs]


# --------------------------------------------------------------------------- implementing regulations

@dataclass
class ImplementsPair:
    law: str                          # provision id in the statute
    regulation: str                   # provision id in the implementing regulation
    note: str | None = None


def curated_pairs(path: str | None = None) -> list[ImplementsPair]:
    """Known statute ↔ implementing-regulation pairs (data/implements.toml)."""
    f = DATA_DIR / "implements.toml" if path is None else path
    with open(f, "rb") as fh:
        data = tomllib.load(fh)
    return [ImplementsPair(d["law"], d["regulation"], d.get("note")) for d in data.get("pairs", [])]


def implementing(pid: str, corpus: "Corpus", graph: RefGraph | None) -> list[dict[str, Any]]:
    """Regulation provisions that implement `pid`: curated pairs plus regulations citing it."""
    art = corpus.article_of(pid)
    keys = {pid} | ({art.id} if art else set())
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for pair in curated_pairs():
        if pair.law in keys and corpus.get(pair.regulation) is not None and pair.regulation not in seen:
            seen.add(pair.regulation)
            out.append({"id": pair.regulation, "label": corpus.label(pair.regulation), "via": "curated", "note": pair.note})
    if graph is not None:
        for r in graph.incoming(art.id if art else pid):
            meta = corpus.meta(r.source.split("/", 1)[0])
            if meta and spec(meta.kind).group == "regulation" and r.source not in seen:
                seen.add(r.source)
                out.append({"id": r.source, "label": corpus.label(r.source), "via": "cites", "note": r.text})
    return out


# --------------------------------------------------------------------------- trace

def trace(pid: str, corpus: "Corpus", graph: RefGraph | None = None) -> dict[str, Any]:
    """Everything the corpus knows about how `pid` connects to other provisions."""
    p = corpus.get(pid)
    if p is None:
        raise KeyError(pid)
    graph = graph or RefGraph.build(corpus)
    st = corpus.status(p.id)

    def ref_row(r: Ref, side: str) -> dict[str, Any]:
        other = r.target if side == "out" else r.source
        lab = corpus.label(other) if other and corpus.get(other) else (other or r.text)
        return {"id": other, "label": lab, "text": r.text, "nearest": r.nearest if side == "out" else None,
                "kind": r.kind, "from": r.source, "to": r.target}

    # references between the provision's own parts ("pada ayat (1)" inside Pasal 2) are not links out
    outs = [ref_row(r, "out") for r in graph.outgoing(p.id)
            if not (r.target and (r.target == p.id or r.target.startswith(p.id + "/")))]
    ins = [ref_row(r, "in") for r in graph.incoming(p.id) if not r.source.startswith(p.id + "/") and r.kind != "amends"]
    # a sub-provision is also reached by references to its article
    art = corpus.article_of(p.id)
    if art is not None and art.id != p.id:
        ins += [dict(ref_row(r, "in"), to_article=True) for r in graph.incoming(art.id, deep=False) if r.kind != "amends"]
    # amendments recorded in the corpus point at the article from the amending law
    amended = []
    revoked = []
    for ev in st.events:
        row = {"kind": ev.kind, "by": ev.by, "by_label": ev.by_label, "effective": ev.effective,
               "replaced_by": ev.replaced_by, "replaced_by_label": ev.replaced_by_label, "note": ev.note}
        (revoked if ev.kind in ("revoked", "replaced") else amended).append(row)
    amends = None
    if p.amends:
        amends = {"doc": p.amends, "point": p.point, "change": p.change,
                  "target": f"{p.amends}/pasal-{p.pasal.lower()}" if p.pasal else None}
    return {
        "id": p.id,
        "label": corpus.label(p),
        "status": st.short,
        "status_detail": st.summary,
        "refers_to": _dedup(outs, "id"),
        "referred_by": _dedup(ins, "from"),
        "amended_by": amended,
        "revoked_by": revoked,
        "amends": amends,
        "implemented_by": implementing(p.id, corpus, graph),
    }


def _dedup(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen: set[tuple[Any, Any]] = set()
    out = []
    for r in rows:
        k = (r.get(key), r.get("id") if key != "id" else r.get("from"))
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
    return out
