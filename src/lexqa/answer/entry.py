"""When a law came into force: "Kapan KUHP baru mulai berlaku?", "On 31 December 2025, was the new
Criminal Code already in force?". The question names a law and asks about the law itself (no
article of it): the answer is the law's own entry-into-force article (UU 1/2023 Pasal 624
"Undang-Undang ini mulai berlaku setelah 3 (tiga) tahun terhitung sejak tanggal diundangkan."),
quoted, with the date the manifest records for it ("effective") and, for a date the question
gives, whether the law was in force on it (yes / no). Cues: data/cues.toml [entry]."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import cues
from ..text import collapse_ws
from .config import AnswerConfig
from .items import make_item
from .lead import _t, quote_clause
from .model import BASIS_ROLES

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Provision
    from ..store import Corpus
    from .model import Answer
    from .question import QuestionReading

_MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"),
           "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember")}


def _date(iso: str, lang: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {_MONTHS['id' if lang == 'id' else 'en'][d.month - 1]} {d.year}"


def entry_article(corpus: "Corpus", doc: str) -> "Provision | None":
    """The law's own article on its entry into force: the last article whose text says so."""
    rx = cues.pattern("entry", "clause")
    arts = [p for p in corpus.provisions(include_penjelasan=False) if p.doc == doc and p.kind == "pasal"]
    art = next((p for p in reversed(arts) if rx.search(p.text)), None)
    while art is not None:  # the part that says it (UU 63/2024 Pasal II angka 2), not the whole article
        kid = next((k for k in reversed(corpus.children(art.id)) if not k.is_penjelasan and rx.search(k.text)), None)
        if kid is None:
            break
        art = kid
    return art


def _sentence(text: str) -> str | None:
    """The sentence of `text` that says the law comes into force (verbatim; its number kept), when
    the text says more (UU 63/2024 Pasal II: a review duty, then "2. Undang-Undang ini mulai
    berlaku pada tanggal diundangkan.")."""
    for part in re.split(r"(?<=\.)\s+(?=\d+\.\s|[A-Z])", text):
        if cues.pattern("entry", "clause").search(part):
            return part.strip()
    return None


def asks_entry(reading: "QuestionReading", question: str) -> str | None:
    """The law whose entry into force the question asks about, or None (a question naming an
    article asks about that article: "Is Article 2 of Law 21 of 2007 still in force?")."""
    if len(reading.named_docs) != 1 or reading.qtype not in ("when", "status"):
        return None
    if re.search(r"\b(?:pasal|article|ayat)\s+\d", question, re.I):
        return None
    if cues.pattern("entry", "asks").search(question):
        return reading.named_docs[0]
    # "Sejak kapan PP 40/2023 berlaku?": asked with no word of its own but the law's name
    own = {w for i in reading.issues for w in i.concepts} - cues.words("entry", "plain_words")
    return reading.named_docs[0] if cues.pattern("entry", "asks_plain").search(question) and not own else None


def add_entry_claim(ans: "Answer", corpus: "Corpus", reading: "QuestionReading", cfg: AnswerConfig) -> bool:
    """Lead with the law's entry into force when the question asks about it; True when it did."""
    doc = asks_entry(reading, ans.question)
    meta = corpus.meta(doc) if doc else None
    art = entry_article(corpus, doc) if doc else None
    if meta is None or art is None or not meta.effective:
        return False
    lang = ans.language
    item = next((c for c in ans.citations if c.id == art.id), None)
    if item is None:
        item = make_item(corpus, art, 1.0, cfg, as_of=ans.as_of)
        ans.citations.insert(0, item)
    item.role = "answer"
    quote = collapse_ws(_sentence(art.text) or quote_clause(art.text, 420))
    kw: dict[str, Any] = dict(law=meta.label, since=_date(meta.effective, lang), label=corpus.label(art), quote=quote)
    asked = reading.as_of.isoformat() if isinstance(reading.as_of, date) else reading.as_of
    claim: dict[str, Any] = {"citations": [art.id], "qtype": reading.qtype}
    if reading.polar and asked:
        on = meta.effective <= asked
        claim.update(text=_t(lang, "entry_yes" if on else "entry_no", day=_date(asked, lang), **kw),
                     polarity="yes" if on else "no")
        if not on:
            claim["not_in_force_on"] = asked  # the claim says so: the article is not shown as the law of that day
    else:
        claim.update(text=_t(lang, "entry", **kw))
    # the law's coming into force answers the question; what the words matched besides is no basis
    # ("On 31 December 2025, was the new Criminal Code already in force …?" met KUHP Pasal 302)
    ans.citations = [c for c in ans.citations if c is item or c.role not in (*BASIS_ROLES, "revoked")]
    ans.lead_claims = [claim]
    ans.answer = claim["text"]
    ans.abstained = False
    ans.signals["decision"] = f"asks when {meta.label} came into force: its own article ({corpus.label(art)})"
    return True
