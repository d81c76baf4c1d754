"""The revoking clause as a basis: an answer that rests on, or tells the history of, a provision
revoked by another law (UU 1/2023 Pasal 622 ayat (1) huruf q revokes UU 21/2007 Pasal 2) cites
that clause, quoted verbatim, so the reader sees the legal basis of "revoked since 2 Jan 2026".

Which revocations count (the manifest's [[documents.revocations]], via `lexqa.relations`), each
only once it took effect on the answer's date:

* a cited provision shown as history (role "revoked"): always, its text already names the clause;
* a cited article a part of which is revoked (UU 6/2011 Pasal 126: only huruf e), and a cited
  provision that replaced a revoked one (KUHP Pasal 455 for UU 21/2007 Pasal 2): only when the
  question asks about the law's change or status ("since the new Criminal Code", "still in
  force?", "dicabut?"), else the clause has nothing to do with the question.

The knobs are data/answer.toml [revocation].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..relations import relations
from .config import AnswerConfig
from .items import make_item
from .model import BASIS_ROLES, Answer

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Revocation
    from ..store import Corpus
    from .question import QuestionReading


def asks_about_change(reading: "QuestionReading", cfg: AnswerConfig) -> bool:
    """The question asks how the law changed or whether it still stands."""
    return bool(reading.asks_change) or reading.qtype in cfg.revocation_qtypes or any(
        i.qtype in cfg.revocation_qtypes for i in reading.issues)


def _effective(r: "Revocation", day: str | None) -> bool:
    return r.effective is None or day is None or r.effective <= day


def revoking_clauses(ans: Answer, corpus: "Corpus", asks: bool) -> list[tuple[str, str]]:
    """(revoking provision id, the cited id it concerns), in citation order, without repeats."""
    rel = relations(corpus)
    day = ans.as_of
    out: list[tuple[str, str]] = []
    for c in ans.citations:
        if c.role not in (*BASIS_ROLES, "revoked"):
            continue
        found: list["Revocation"] = []
        addr = c.address or c.id
        art = corpus.article_of(addr)
        for r, partial in rel.revocations(addr):
            # the cited text itself revoked (it is history), or a part of it (asked about only)
            if not partial or asks:
                found.append(r)
        if asks and art is not None and art.id != addr:
            # a huruf that stays in force while another huruf of its article was revoked
            found += [r for r, _ in rel.revocations(art.id) if r not in found]
        if asks and c.role in BASIS_ROLES:
            found += [r for r in rel.replacing(c.id) if r not in found]  # the provision replaced a revoked one
        for r in found:
            if _effective(r, day) and corpus.get(r.by) is not None and all(r.by != b for b, _ in out):
                out.append((r.by, c.id))
    return out


def add_revocation_citations(ans: Answer, corpus: "Corpus", cfg: AnswerConfig, reading: "QuestionReading") -> int:
    """Cite the clauses that revoked what the answer rests on or tells the history of (role
    "revocation", after the citations they concern); returns how many were added."""
    if cfg.revocation_citations <= 0 or ans.abstained:
        return 0
    have = {c.id for c in ans.citations}
    n = 0
    for by, about in revoking_clauses(ans, corpus, asks_about_change(reading, cfg)):
        if by in have:
            # already cited (it led): it now says why it is there
            continue
        src = next(c for c in ans.citations if c.id == about)
        item = make_item(corpus, corpus.get(by), src.score, cfg, role="revocation", as_of=ans.as_of)  # type: ignore[arg-type]
        if item.in_force is False:
            continue  # a revoking clause that is itself no longer the law is no basis
        ans.citations.append(item)
        have.add(by)
        n += 1
        if n >= cfg.revocation_citations:
            break
    return n


def partial_revocation_note(ans: Answer, corpus: "Corpus") -> dict[str, object] | None:
    """The lead's sentence for an article in force of which a part was revoked ("Of UU 6/2011
    Pasal 126, only huruf e was revoked, by …"), when the answer cites the
    revoking clause; None when there is none."""
    from .lead import _t

    rel = relations(corpus)
    cited = {c.id for c in ans.citations if c.role == "revocation"}
    for c in ans.citations:
        if c.role != "answer" or c.in_force is False:
            continue
        art = corpus.article_of(c.address or c.id)
        if art is None:
            continue
        for r, partial in rel.revocations(art.id):
            if r.by not in cited or not partial or not _effective(r, ans.as_of):
                continue
            if (c.address or c.id) == r.target or (c.address or c.id).startswith(r.target + "/"):
                continue  # the cited text is itself the revoked part (shown as history instead)
            whole, part = corpus.label(art), corpus.label(r.target)
            part = part[len(whole):].strip() if part.startswith(whole + " ") else part  # "huruf e"
            return {"citations": [c.id, r.by], "history": True,
                    "text": _t(ans.language, "partly_revoked", article=whole, part=part,
                               by=corpus.label(r.by), date=r.effective or "?")}
    return None


def add_partial_revocation_note(ans: Answer, corpus: "Corpus") -> None:
    """After the lead's first sentence, what of the cited article was revoked (at most 3 sentences)."""
    note = partial_revocation_note(ans, corpus)
    if note is None or not ans.lead_claims or len(ans.lead_claims) >= 3:
        return
    ans.lead_claims.insert(1, note)
    ans.answer = " ".join(c["text"] for c in ans.lead_claims)
