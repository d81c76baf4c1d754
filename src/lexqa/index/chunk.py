"""Provisions → embeddable chunks.

One chunk per article-level unit (Pasal, treaty Article, amendment point or the amended
Pasal inside it, literature section, preamble, Penjelasan Umum, Penjelasan of one Pasal)
when it fits the embedder's token limit; otherwise the unit is split at its children
(ayat / paragraph), then grandchildren (huruf), then sentences, then words — never across
a unit, never truncated. Each chunk's text starts with a context line (document label and
title, BAB/Bagian, heading) so both the embedder and BM25 see where it sits.

A chunk surfaces `provision` (the article-level id shown to users); `via` is the id the
chunk's text actually comes from when different (a Penjelasan entry, the first ayat of a
split part).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable

from ..models import Provision
from ..store import Corpus

UNIT_KINDS = {"pasal", "article", "point", "section", "preamble", "menimbang", "mengingat", "penjelasan-umum"}
CONTAINER_KINDS = {"pasal", "article", "point", "section"}
SKIP_KINDS = {"closing"}
_EMPTY_RE = re.compile(r"^\W*(cukup\s+jelas|dihapus)\W*$", re.I)
_SENT_RE = re.compile(r"(?<=[.;:])\s+")
SAFETY = 8  # tokens kept free: piece counts are summed, joins may tokenise slightly differently


@dataclass
class Chunk:
    id: str                       # "{unit id}" or "{unit id}#2" for split parts
    doc: str
    provision: str                # article-level provision id surfaced by a hit
    text: str                     # embedded / indexed text (context line + body)
    language: str = "id"
    kind: str = "pasal"           # kind of the unit the text comes from ("penjelasan" for Penjelasan)
    via: str | None = None        # id of the provision the text comes from, when not `provision`
    part: int = 1
    parts: int = 1
    tokens: int = 0
    flags: list[str] = field(default_factory=list)   # "split", "split-sentence", "split-words", "split-chars"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Chunk":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def is_empty_text(text: str) -> bool:
    """"Cukup jelas." and the like: nothing worth retrieving."""
    body = re.sub(r"^\s*(pasal|ayat|huruf|angka)\s*[\w()]*\s*", "", text.strip(), flags=re.I)
    return not body.strip() or bool(_EMPTY_RE.match(body.strip()))


def short_title(title: str | None, label: str = "") -> str:
    """The subject of a title ("Keimigrasian"), without the instrument name the label already gives."""
    t = " ".join((title or "").split())
    m = re.search(r"\btentang\s+", t, re.I)
    if m:
        t = t[m.end():]
    if not t or t.lower() in label.lower():
        return ""
    if len(t) > 90:
        t = t[:90].rsplit(" ", 1)[0]
    return t


def context_line(corpus: Corpus, unit: Provision) -> str:
    meta = corpus.meta(unit.doc)
    parts: list[str] = []
    if meta:
        parts.append(f"{meta.label} {short_title(meta.title, meta.label)}".strip())
    else:
        parts.append(unit.doc)
    for key in ("buku", "bab", "bagian", "paragraf"):
        v = (unit.context or {}).get(key)
        if v:
            parts.append(" ".join(v.split())[:160])
    if unit.point:
        parts.append(unit.point)
    if unit.is_penjelasan:
        parts.append("Penjelasan")
    if unit.heading and unit.heading not in parts:
        parts.append(unit.heading)
    return " · ".join(parts)


def iter_units(corpus: Corpus, doc_id: str) -> Iterable[Provision]:
    """Article-level units of one document, in reading order."""
    doc = corpus.doc(doc_id)
    if doc is None:
        return
    ids = {p.id for p in doc.provisions}
    roots = [p for p in doc.provisions if not p.parent or p.parent not in ids]

    def walk(p: Provision) -> Iterable[Provision]:
        if p.kind in SKIP_KINDS:
            return
        if p.kind == "penjelasan":
            yield p
            return
        kids = corpus.children(p.id)
        if p.kind in UNIT_KINDS and not any(k.kind in CONTAINER_KINDS for k in kids):
            yield p
            return
        if p.kind == "section" and kids:
            yield p  # literature: the section's own lead text (children follow as units)
        if not kids:
            if p.kind not in UNIT_KINDS and p.kind not in ("ayat", "huruf", "angka", "paragraph", "subparagraph"):
                yield p  # unknown structure: still searchable
            return
        for k in kids:
            yield from walk(k)

    for r in roots:
        yield from walk(r)


def _own_text(corpus: Corpus, p: Provision) -> str:
    """For a section with subsections: its text before the first child section."""
    kids = [k for k in corpus.children(p.id) if k.kind in CONTAINER_KINDS]
    if p.kind != "section" or not kids:
        return p.text
    pos = p.text.find(kids[0].text[:60]) if kids[0].text else -1
    return p.text[:pos] if pos > 0 else ("" if pos == 0 else p.text)


def _pieces(corpus: Corpus, p: Provision, text: str) -> list[tuple[str, str, Provision | None]]:
    """Split `text` (p's text) at its children: [(piece text, first id, child or None)]."""
    kids = corpus.children(p.id)
    out: list[tuple[str, str, Provision | None]] = []
    cursor = 0
    for k in kids:
        if not k.text:
            continue
        pos = text.find(k.text, cursor)
        if pos < 0:
            continue
        if pos > cursor:
            lead = text[cursor:pos]
            if lead.strip():
                if out:
                    t, i, c = out[-1]
                    out[-1] = (t + lead, i, None)  # gap text joins the previous piece
                else:
                    # a short lead ("Pasal 48", an intro line) travels with the first child
                    if len(lead) <= 300:
                        out.append((lead + k.text, k.id, k))
                        cursor = pos + len(k.text)
                        continue
                    out.append((lead, p.id, None))
        out.append((k.text, k.id, k))
        cursor = pos + len(k.text)
    if cursor < len(text) and text[cursor:].strip():
        if out:
            t, i, c = out[-1]
            out[-1] = (t + text[cursor:], i, None)
        else:
            out.append((text[cursor:], p.id, None))
    return out if len(out) > 1 else []


def _cut(word: str, budget: int, count: Callable[[str], int]) -> list[str]:
    """`word` in consecutive pieces of at most `budget` tokens (the longest prefix that fits, by bisection)."""
    out = []
    while word:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(word[:mid]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        out.append(word[:lo])
        word = word[lo:]
    return out


def split_units(
    corpus: Corpus, unit: Provision, text: str, budget: int, count: Callable[[str], int]
) -> list[tuple[str, str, list[str]]]:
    """Split `text` into [(text, first provision id, flags)] each ≤ budget tokens (count())."""
    if count(text) <= budget:
        return [(text, unit.id, [])]

    def atoms(p: Provision | None, t: str, pid: str) -> list[tuple[str, str, str]]:
        """(text, id, how) atoms each within budget, finest level needed."""
        if count(t) <= budget:
            return [(t, pid, "split")]
        if p is not None:
            pcs = _pieces(corpus, p, t)
            if pcs:
                out: list[tuple[str, str, str]] = []
                for pt, pi, pc in pcs:
                    out.extend(atoms(pc, pt, pi))
                return out
        sents = [s for s in _SENT_RE.split(t) if s]
        if len(sents) > 1:
            out = []
            for s in sents:
                out.extend(atoms(None, s + " ", pid) if count(s) > budget else [(s + " ", pid, "split-sentence")])
            return out
        words = t.split(" ")
        out = []
        cur: list[str] = []
        for w in words:
            if count(w) > budget:  # a run without spaces (CJK text, a base64 blob): cut between characters
                if cur:
                    out.append((" ".join(cur) + " ", pid, "split-words"))
                    cur = []
                out.extend((piece, pid, "split-chars") for piece in _cut(w, budget, count))
                continue
            if cur and count(" ".join(cur + [w])) > budget:
                out.append((" ".join(cur) + " ", pid, "split-words"))
                cur = []
            cur.append(w)
        if cur:
            out.append((" ".join(cur), pid, "split-words"))
        return out

    parts: list[tuple[str, str, list[str]]] = []
    cur_t, cur_id, cur_flags, cur_n = "", "", set(), 0
    for t, pid, how in atoms(unit, text, unit.id):
        n = count(t)
        if cur_t and cur_n + n > budget:
            parts.append((cur_t, cur_id, sorted(cur_flags)))
            cur_t, cur_id, cur_flags, cur_n = "", "", set(), 0
        if not cur_t:
            cur_id = pid
        cur_t += t
        cur_flags.add(how)
        cur_n += n
    if cur_t:
        parts.append((cur_t, cur_id, sorted(cur_flags)))
    # verify with a real count; an over-long join is split in two (rare: joins tokenise differently)
    checked: list[tuple[str, str, list[str]]] = []
    for t, pid, fl in parts:
        if count(t) > budget and len(t) > 1:
            mid = t.rfind(" ", 0, len(t) // 2)
            mid = mid if mid > 0 else len(t) // 2
            checked.extend([(t[:mid], pid, fl + ["split-words"]), (t[mid:], pid, fl + ["split-words"])])
        else:
            checked.append((t, pid, fl))
    return checked


def chunk_document(corpus: Corpus, doc_id: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[Chunk]:
    meta = corpus.meta(doc_id)
    lang = meta.language if meta else "id"
    out: list[Chunk] = []
    for unit in iter_units(corpus, doc_id):
        text = _own_text(corpus, unit)
        if unit.empty or is_empty_text(text):
            continue
        if unit.kind == "penjelasan":
            target = corpus.article_of(unit.explains) if unit.explains else None
            surfaced, via, kind = (target.id if target else unit.id), unit.id, "penjelasan"
        else:
            surfaced, via, kind = unit.id, None, unit.kind
        ctx = context_line(corpus, unit) + "\n"
        budget = max_tokens - count_tokens(ctx) - SAFETY
        if budget < 16:  # absurdly long context: keep only the label
            ctx = (meta.label if meta else doc_id) + "\n"
            budget = max_tokens - count_tokens(ctx) - SAFETY
        pieces = split_units(corpus, unit, text.strip(), budget, count_tokens)
        n = len(pieces)
        for i, (t, first_id, flags) in enumerate(pieces, 1):
            cid = (via or unit.id) if n == 1 else f"{via or unit.id}#{i}"
            body = ctx + t.strip()
            chunk_via = via if via else (first_id if first_id != unit.id else None)
            out.append(Chunk(
                id=cid, doc=doc_id, provision=surfaced, text=body, language=lang, kind=kind,
                via=chunk_via, part=i, parts=n, tokens=count_tokens(body), flags=list(flags) if n > 1 else [],
            ))
    return out


def chunk_corpus(corpus: Corpus, count_tokens: Callable[[str], int], max_tokens: int,
                 docs: Iterable[str] | None = None) -> list[Chunk]:
    out: list[Chunk] = []
    for d in sorted(docs or corpus.documents):
        out.extend(chunk_document(corpus, d, count_tokens, max_tokens))
    return out
