"""Norms of a corpus's provisions (`norm_of`, cached per corpus and provision), the KUHP fine
categories as Pasal 79 of the corpus states them, and the coverage figures of `corpus check`."""

from __future__ import annotations

import re
import weakref
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..kinds import LIST_ITEM_KINDS
from .cues import data, rx
from .model import Norm
from .numbers import amount_value
from .reader import read

if TYPE_CHECKING:
    from ..models import Provision
    from ..store import Corpus

# children read as parts of their own (an amendment point's article, Pasal I's points)
_PARAGRAPHS = frozenset({"ayat", "paragraph", "point", "pasal", "article"})
_ITEMS = LIST_ITEM_KINDS                                       # children a chapeau introduces
# not norms: recitals, the signature block, the general elucidation, commentary
_NOT_NORMS = frozenset({"menimbang", "mengingat", "closing", "penjelasan-umum", "preamble", "section"})
_CACHE: "weakref.WeakKeyDictionary[Corpus, dict[str, tuple[Provision, Norm]]]" = weakref.WeakKeyDictionary()


def _language(p: "Provision", corpus: "Corpus") -> str:
    meta = corpus.meta(p.doc)
    return "en" if meta is not None and meta.language == "en" else "id"


def _spans(text: str, children: list["Provision"]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for ch in children:
        i = text.find(ch.text, pos)
        if i < 0:
            continue
        out.append((i, i + len(ch.text)))
        pos = i + len(ch.text)
    return out


def norm_of(provision: "Provision", corpus: "Corpus", _definition_item: bool = False) -> Norm:
    """The norm of a stored provision: its own text with its children (ayat → parts, list
    items → conditions) in order; a "pidana yang sama" penalty takes the numbers it points to."""
    cache = _CACHE.setdefault(corpus, {})
    hit = cache.get(provision.id)
    if hit is not None and hit[0] is provision:
        return hit[1]
    norm = _read(provision, corpus, set(), _definition_item)
    cache[provision.id] = (provision, norm)
    return norm


def _read(p: "Provision", corpus: "Corpus", seen: set[str], definition_item: bool = False) -> Norm:
    if p.kind in _NOT_NORMS:
        return Norm(provision=p.id)
    seen = seen | {p.id}
    lang = _language(p, corpus)
    kids = corpus.children(p.id)
    paras = [c for c in kids if c.kind in _PARAGRAPHS]
    items = [c for c in kids if c.kind in _ITEMS]
    if paras:
        first = _spans(p.text, paras[:1])
        head = p.text[:first[0][0]] if first else ""
        norm = read(head, lang, items=[]) if head.strip() else Norm()
        norm.parts = [norm_of(c, corpus) for c in paras]
        if norm.modality == "other" and len(head.split()) <= 3 and norm.parts:   # "" or a heading "Pasal 16"
            lead = next((x for x in norm.parts if x.modality == "penalty"), norm.parts[0])
            norm = _copy(lead, parts=norm.parts)
    else:
        norm = read(p.text, lang, items=_spans(p.text, items) if items else [], definition_item=definition_item)
        chapeau = norm.modality == "definition" and norm.defines is None
        own = [norm_of(c, corpus, chapeau) for c in items]
        norm.parts = [x for x in own if x.modality == "penalty" or x.modality == "definition"]
        if norm.penalty is None and norm.parts and any(x.penalty for x in norm.parts):
            norm.modality = "penalty"
            norm.penalty = next(x.penalty for x in norm.parts if x.penalty)
    norm.provision = p.id
    if norm.penalty is not None and not norm.penalty.has_numbers and norm.penalty.same_as:
        _resolve(norm, p, corpus, seen)
    return norm


def _copy(n: Norm, **kw: Any) -> Norm:
    return Norm(**{**{f: getattr(n, f) for f in n.__dataclass_fields__}, **kw})


def _target(ref: str, p: "Provision") -> str | None:
    m = re.fullmatch(r"(?:Pasal\s+(?P<pasal>\d+\w?))?\s*(?:ayat\s+\((?P<ayat>\d+)\))?", ref.strip(), re.I)
    if not m or not (m.group("pasal") or m.group("ayat")):
        return None
    base = p.id.split("/pasal-")[0] if "/pasal-" in p.id else p.doc
    pasal = m.group("pasal") or p.pasal
    if not pasal:
        return None
    tid = f"{base}/pasal-{pasal.lower()}"
    return tid + (f"/ayat-{m.group('ayat')}" if m.group("ayat") else "")


def _resolve(norm: Norm, p: "Provision", corpus: "Corpus", seen: set[str]) -> None:
    pen = norm.penalty
    tid = _target(pen.same_as or "", p)
    target = corpus.get(tid) if tid else None
    if target is None or tid in seen:
        return
    src = next((x.penalty for x in _read(target, corpus, seen).all() if x.penalty and x.penalty.has_numbers), None)
    if src is None:
        return
    for f in ("prison_min_months", "prison_max_months", "life", "death", "fine_min_rp", "fine_max_rp",
              "fine_category", "fine_min_category", "combination", "detention"):
        setattr(pen, f, getattr(src, f))
    pen.resolved_from = tid


def fine_categories(corpus: "Corpus") -> dict[str, int]:
    """KUHP Pasal 79 ayat (1) as the corpus states it: {"I": 1000000, ..., "VIII": 50000000000}."""
    k = data()["id"]["kuhp"]
    p = corpus.get(f"{k['doc']}/pasal-{k['pasal']}/ayat-1") or corpus.get(f"{k['doc']}/pasal-{k['pasal']}")
    if p is None:
        return {}
    out = {}
    amount = rx("id.sentence", "amount")
    for m in rx("id.kuhp", "item").finditer(p.text):
        a = amount.match(p.text, m.end())
        if a:
            n, _ = amount_value(a.group("n"))
            if n is not None:
                out[m.group("cat").upper()] = n
    return out


def penalty_looking(text: str, language: str) -> bool:
    return bool(rx(language, "penalty_looking").search(text))


def norm_coverage(corpus: "Corpus", doc_id: str) -> dict[str, Any]:
    """How much of a document the norm reader reads: provisions, by modality, penalty clauses
    parsed of those that look like one (the innermost provision holding the words), the
    unparsed ones, digit/word disagreements found in the source, and the OCR-damaged numbers
    their words confirm."""
    doc = corpus.documents[doc_id]
    body = [p for p in doc.provisions if not p.is_penjelasan]
    lang = "en" if doc.meta.language == "en" else "id"
    by_mod: Counter[str] = Counter()
    looking, parsed, unparsed, defects, repairs = 0, 0, [], [], []
    for p in body:
        n = norm_of(p, corpus)
        by_mod[n.modality] += 1
        if not penalty_looking(p.text, lang) or any(penalty_looking(c.text, lang) for c in corpus.children(p.id)):
            continue
        looking += 1
        pen = n.penalty
        if pen is not None and (pen.has_numbers or pen.increase):
            parsed += 1
        else:
            unparsed.append(p.id)
        for d in (pen.defects if pen else []):
            if not d.startswith("OCR"):
                defects.append({"provision": p.id, "defect": d})
        repairs += [{"provision": p.id, "repair": r} for r in (pen.repairs if pen else [])]
    return {"provisions": len(body), "by_modality": dict(sorted(by_mod.items())),
            "penalties_parsed": parsed, "penalty_texts": looking, "unparsed": unparsed,
            "source_defects": defects, "ocr_repairs": repairs}
