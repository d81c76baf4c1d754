"""Fail-closed citation verification.

Every answer passes through `verify_answer` before it is shown: each citation must name an
existing provision, each quote must be a verbatim substring (whitespace-insensitive,
`lexqa.text.is_verbatim`) of that provision's text, and each Pasal/ayat/Article mention in
the answer text must resolve to an existing provision. Any failure makes ``ok`` false and the
caller withholds the answer.

`verify_draft` (`lexqa.cite.drafts`) runs the same checks on text a person wrote, against the
law in force on the draft's as-of date.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..kinds import LIST_ITEM_KINDS
from ..text import is_verbatim
from ..timeline import timeline
from .drafts import DraftRow, verify_draft  # noqa: F401  (the draft checks' public home stays here)
from .mentions import Mention, find_mentions, resolve
from .xref import own_text
from .quotes import _QUOTE, find_quotes, quote_check, quote_matches  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from ..answer.model import Answer, Item
    from ..models import Provision
    from ..store import Corpus



@dataclass
class Check:
    kind: str                  # "citation" | "quote" | "mention"
    ok: bool
    target: str                # provision id or the mention text
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def summary(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": len(self.checks),
                "failures": [f"{c.kind}: {c.target}: {c.message}" for c in self.failures]}


def verify_item(item: "Item", corpus: "Corpus", report: Report) -> None:
    p = corpus.get(item.id)
    if p is None:
        report.checks.append(Check("citation", False, item.id, "no such provision in the corpus"))
        return
    report.checks.append(Check("citation", True, item.id))
    if item.quote:
        ok = is_verbatim(item.quote, p.text)
        report.checks.append(Check("quote", ok, item.id, "" if ok else "quote is not verbatim in the provision"))
        _check_quoted_mentions(item.quote, p, corpus, report)
    else:
        report.checks.append(Check("quote", False, item.id, "empty quote"))
    if item.context and not is_verbatim(item.context, corpus.get(p.parent).text if p.parent and corpus.get(p.parent) else ""):
        report.checks.append(Check("quote", False, item.id, "context is not verbatim in the parent provision"))
    for pj in item.penjelasan:
        q = corpus.get(pj.get("id", ""))
        ok = q is not None and is_verbatim(pj.get("quote", ""), q.text)
        report.checks.append(Check("quote", ok, pj.get("id", ""), "" if ok else "penjelasan quote not verbatim"))
    for rel in item.related + item.amended_by + item.replaced_by:
        rid = rel.get("id")
        if rid and rel.get("in_corpus", True):
            ok = corpus.get(rid) is not None
            report.checks.append(Check("citation", ok, rid, "" if ok else "related provision does not exist"))


def _check_quoted_mentions(quote: str, p: "Provision", corpus: "Corpus", report: Report) -> None:
    """Provisions a quote names with their document must exist, even when the quote is verbatim: a source
    saying "… legal under Pasal 999 UU 21/2007" is not the law (read as the provision's own text reads them)."""
    for m in find_mentions(quote, corpus, context=p):
        if m.doc_source != "named" or m.ref.doc not in corpus.documents:
            continue
        if not resolve(m, corpus).ok:
            report.checks.append(Check("mention", False, m.text,
                                       f"quoted from {p.id}, which cites a provision {m.ref.doc} does not have"))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in find_quotes(text)]


def _outside_quotes(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions inside quoted law text are the law's own words, checked as quotes instead."""
    spans = quoted_spans(text)
    return [m for m in mentions if not any(s <= m.start < e for s, e in spans)]


def _timeline_address(m: Mention, corpus: "Corpus") -> str | None:
    """A base-law address that only an amending law's words fill ("UU 6/2011 Pasal 3 ayat (4)",
    inserted by UU 63/2024): it exists when some version of it has words."""
    ref = m.ref
    if not (ref.doc and ref.pasal) or ref.penjelasan:
        return None
    tl = timeline(corpus)
    art = tl.article_address(ref.doc, ref.pasal)
    if art is None:
        return None
    addr = "/".join([art] + ([f"ayat-{ref.ayat}"] if ref.ayat else []) + ([f"huruf-{ref.huruf.lower()}"] if ref.huruf else []))
    return addr if any(v.provision for v in tl.versions(addr) or []) else None


def verify_text_mentions(text: str, corpus: "Corpus", report: Report, default_doc: str | None = None) -> list[Mention]:
    mentions = _outside_quotes(find_mentions(text, corpus, default_doc=default_doc, sticky_doc=True), text)
    for m in mentions:
        r = resolve(m, corpus)
        addr = None if r.ok else _timeline_address(m, corpus)
        if r.ok or addr:
            report.checks.append(Check("mention", True, m.text, r.id or addr or ""))
        else:
            why = "no document named for it" if not m.ref.doc else f"not found in {m.ref.doc}"
            if r.nearest:
                why += f" (nearest: {corpus.label(r.nearest[0])})"
            report.checks.append(Check("mention", False, m.text, why))
    return mentions


def verify_answer(ans: "Answer", corpus: "Corpus") -> Report:
    """All checks for one answer; fail closed (any failure → report.ok is False)."""
    report = Report()
    for item in ans.citations:
        verify_item(item, corpus, report)
    for item in ans.retrieved:
        if corpus.get(item.id) is None:
            report.checks.append(Check("citation", False, item.id, "retrieved id not in corpus"))
        elif item.quote and not is_verbatim(item.quote, corpus.get(item.id).text):  # type: ignore[union-attr]
            report.checks.append(Check("quote", False, item.id, "retrieved snippet not verbatim"))
    verify_text_mentions(ans.answer, corpus, report)
    # quoted text in the answer must come from a cited provision
    cited_texts = [corpus.get(c.id).text for c in ans.citations if corpus.get(c.id) is not None]  # type: ignore[union-attr]
    # ... or from the chapeau of a cited list item (what "j. …" is a ground of: "Pejabat Imigrasi
    # menolak Orang Asing masuk … dalam hal orang asing tersebut:"), not from its sibling items
    cited_texts += [own_text(par, corpus) for c in ans.citations
                    if (p := corpus.get(c.id)) is not None and p.kind in LIST_ITEM_KINDS
                    and (par := corpus.parent(c.id)) is not None]
    for quote in find_quotes(ans.answer):
        q = quote.text
        ok = any(quote_matches(q, t) for t in cited_texts)
        report.checks.append(Check("quote", ok, q[:60], "" if ok else "quoted text not found in any cited provision"))
    return report
