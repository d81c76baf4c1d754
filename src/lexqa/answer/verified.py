"""The last step of every answer: verification, fail closed (an answer that fails any check is
withheld). Its own module so that every engine (extractive, LLM, research, guides) ends here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..cite.verify import verify_answer
from .model import REFUSED_EN, REFUSED_ID, Answer

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


def finalize(ans: Answer, corpus: "Corpus") -> Answer:
    """Run verification; an answer that fails any check is withheld (fail closed)."""
    report = verify_answer(ans, corpus)
    ans.verification = report.summary()
    if not report.ok:
        ans.notes.append("verification failed: " + "; ".join(ans.verification["failures"][:5]))
        ans.answer = REFUSED_ID if ans.language == "id" else REFUSED_EN
        ans.citations = []
        ans.lead_claims, ans.does_not_allow, ans.issues = [], [], []
        ans.abstained = True
        # the refusal itself must verify (it mentions nothing)
        ans.verification["withheld"] = True
        ans.retrieved = [r for r in ans.retrieved if corpus.get(r.id) is not None]
    return ans
