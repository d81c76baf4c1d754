"""Provisions a question names that do not exist ("Apa isi Pasal 999 UU 6/2011?", "What does
Article 99 of the Palermo Protocol say?", "Article 3(zz) Palermo Protocol").

An answer about another article would be confidently wrong: `missing_named_provisions` finds
them, `abstention` is the answer that says they do not exist and names the nearest real ones.
A citation whose document is not in the corpus, or that names no document, is not this check's
business (retrieval and the answer's own abstention handle those).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..timeline import timeline
from .citation import pinpoint, resolve
from .parser import find_citations
from .patterns import MALFORMED, junk_after

if TYPE_CHECKING:  # pragma: no cover
    from ..answer.model import Answer
    from ..store import Corpus


@dataclass
class MissingProvision:
    mention: str                  # as written in the question
    doc: str | None               # the document it names (None: a number nobody can read)
    reason: str                   # "UU 6/2011 has no Pasal 999 (looked for …)"
    nearest: list[str] = field(default_factory=list)          # existing provision ids, best first
    nearest_labels: list[str] = field(default_factory=list)
    asked: str = ""               # the pinpoint that does not exist: "Pasal 999", "Article 3(zz)"
    doc_label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def missing_named_provisions(question: str, corpus: "Corpus") -> list[MissingProvision]:
    """Every Pasal/Article the question names, in a document of the corpus, that the corpus does not have."""
    out: list[MissingProvision] = []
    tl = timeline(corpus)
    for m in find_citations(question):
        ref = m.ref
        if ref.system not in ("pasal", "article"):
            continue
        junk = None if ref.doc_text and m.text.endswith(ref.doc_text) else junk_after(question, m.end)
        if junk and not ref.doc_text:
            # "Article 3(zz) Palermo Protocol": the junk kept the document from joining the mention
            cut = question[:m.end] + question[m.end + len(junk):]
            ref = next((c.ref for c in find_citations(cut) if c.start == m.start), ref)
        ref.extra = junk
        if not (ref.doc or ref.doc_text):
            continue
        r = resolve(ref, corpus)
        if r.ok or r.doc is None:
            continue
        if not junk and not ref.penjelasan and _inserted(tl, r.doc, ref):
            continue  # an article inserted by an amending law ("UU 23/2002 Pasal 76F"): it exists
        out.append(MissingProvision(m.text, r.doc, r.reason, r.nearest[:4], [corpus.label(n) for n in r.nearest[:4]],
                                    pinpoint(ref) + (junk or ""), corpus.meta(r.doc).label))
    for m in MALFORMED.finditer(question):
        out.append(MissingProvision(m.group(0), None, f"{m.group(0)!r} is not a provision number", [],
                                    asked=m.group(0)))
    return out


def _inserted(tl: Any, doc: str, ref: Any) -> bool:
    art = tl.article_address(doc, ref.pasal) if ref.pasal else None
    if art is None:
        return False
    address = "/".join([art] + ([f"ayat-{ref.ayat}"] if ref.ayat else []) + ([f"huruf-{ref.huruf}"] if ref.huruf else []))
    return any(v.provision for v in tl.versions(address) or [])  # some version has words for the part


def abstention(question: str, missing: list[MissingProvision], corpus: "Corpus") -> "Answer":
    """The answer to a question about provisions that do not exist: an abstention that says so."""
    from ..answer import terms
    from ..answer.config import AnswerConfig
    from ..answer.items import make_item
    from ..answer.model import Answer

    lang = terms.language(question)
    lines = []
    for x in missing:
        near = ", ".join(x.nearest_labels)
        if lang == "id":
            head = f"{x.doc_label} tidak memiliki {x.asked}." if x.doc else f"“{x.asked}” bukan nomor pasal."
            lines.append(head + (f" Yang terdekat: {near}." if near else ""))
        else:
            head = f"{x.doc_label} has no {x.asked}." if x.doc else f"“{x.asked}” is not a provision number."
            lines.append(head + (f" Nearest: {near}." if near else ""))
    cfg = AnswerConfig.load()
    near_ids = list(dict.fromkeys(n for x in missing for n in x.nearest))
    retrieved = [make_item(corpus, p, 0.0, cfg, role="retrieved", details=False)
                 for p in (corpus.get(n) for n in near_ids) if p is not None]
    return Answer(question=question, answer=" ".join(lines), abstained=True, retrieved=retrieved, language=lang,
                  signals={"missing_provisions": [x.to_dict() for x in missing]},
                  verification={"ok": True, "checks": 0, "failures": []},
                  notes=["the question names a provision the corpus does not have"])
