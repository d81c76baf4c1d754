"""The answer object and its JSON contract.

JSON contract (stable; ``lexqa ask --json``, ``answer_question(...).to_dict()``; other tools
depend on it — add keys, never rename or drop them)::

    {
      "question":  str,
      "answer":    str,             # the answer text; every Pasal/Article mention in it resolves
      "abstained": bool,            # true: "The corpus does not answer this question." (+ leads)
      "language":  "en" | "id",     # language of the question (answer text follows it)
      "citations": [Item, ...],     # the provisions the answer relies on (verified)
      "retrieved": [Item, ...],     # the fused ranking, >= 10 items when the corpus has them
      "timings":   {"retrieve_ms": float, "answer_ms": float, "verify_ms": float, "total_ms": float},
      "signals":   {"top_score", "margin", "dense_top", "bm25_top", "overlap", ...},  # abstention inputs
      "verification": {"ok": bool, "checks": int, "failures": [str, ...]},
      "engine":    "extractive" | "llm:<provider>",
      "notes":     [str, ...],      # e.g. LLM sentences removed for lacking a citation
      "as_of":     "YYYY-MM-DD" | null, # the date asked for (--as-of); null: today
      "issues":    [{"issue", "qtype", "polar", "citations"}],   # a scenario's legal issues
      "lead_claims": [{"text", "citations", "qtype", "polarity"?, "facts"?, "issue"?, "history"?}],
      "reading":   {...},              # the question as read: qtype, issues, polar, as_of, flags
      "does_not_allow": [{"id", "label", "text"}]   # what the cited law forbids or denies (verbatim)
    }

    Item = {
      "id":     "uu-6-2011/pasal-16/ayat-1",
      "doc":    "uu-6-2011",                  # manifest id
      "pasal":  "16" | "76F" | "3" | null,      # as written; treaty Article number; amended article
                                              # number for an amendment law; null for literature
      "ayat":   "1" | null,
      "huruf":  "b" | null,
      "label":  "UU 6/2011 Pasal 16 ayat (1)",
      "quote":  str,                          # verbatim substring of the provision's text
      "status": "in force" | "in force as amended" | "in force as inserted" | "partly revoked" |
                "phrase struck" | "revoked" | "deleted" | "not yet in force" | "not in force" |
                "treaty" | "declaration" | null,   # on as_of (timeline); null: literature, no legal status
      "score":  float,                        # retrieval score (fused rank score)
      "amends": "uu-6-2011" | null,           # amendment law: the target document
      "point":  "Pasal I angka 2" | null,     # amendment law: the amendment point
      "group":  "statute" | "regulation" | "treaty" | "literature",
      "role":   "answer" | "amendment" | "replacement" | "revocation" | "revoked" | "commentary" | "lead" |
                "retrieved",                  # revocation: the clause that revoked a cited provision (or a part)
      "status_detail": str,                   # "amended by UU 63/2024 Pasal I angka 2 (...)"
      "context": str | null,                  # chapeau of the list a huruf belongs to (verbatim)
      "penjelasan": [{"id", "label", "quote"}],   # elucidation saying more than "Cukup jelas"
      "related":    [{"id", "label", "text"}],    # provisions this one refers to (resolved)
      "amended_by": [{"id", "label", "kind", "effective", "in_corpus"}],
      "replaced_by": [{"id", "label", "effective", "revoked_by", "revoked_by_label", "in_corpus"}],
                                              # in_corpus false: named by the manifest, not held here
      "address":  "uu-6-2011/pasal-16" | null, # the base-law coordinate: `id` holds its words on as_of
                                              # (label "UU 6/2011 Pasal 16 (as amended by …, in force since …)")
      "in_force": bool | null,                # on as_of; role "revoked": shown as history, never as the law
      "norm":     {...} | null                # answer citations: modality, addressee, conditions, penalty
    }
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from ..models import SearchHit
    from ..store import Corpus
    from .config import AnswerConfig

ABSTAIN_EN = "The corpus does not answer this question."
ABSTAIN_ID = "Korpus tidak menjawab pertanyaan ini."
REFUSED_EN = "The answer could not be verified against the corpus and was withheld."
REFUSED_ID = "Jawaban tidak dapat diverifikasi terhadap korpus sehingga tidak ditampilkan."

#: the roles of the citations an answer rests on (its legal basis): the answering provisions, the
#: amending ones with their new words, the replacement of a revoked one, the revoking clause
BASIS_ROLES = ("answer", "amendment", "replacement", "revocation")

CONTRACT_ITEM_KEYS = ("id", "doc", "pasal", "ayat", "huruf", "label", "quote", "status", "score")
CONTRACT_ANSWER_KEYS = ("question", "answer", "abstained", "citations", "retrieved", "timings")


@dataclass
class Item:
    id: str
    doc: str
    pasal: str | None
    ayat: str | None
    huruf: str | None
    label: str
    quote: str
    status: str
    score: float
    amends: str | None = None
    point: str | None = None
    group: str = "statute"
    role: str = "answer"
    status_detail: str = ""
    context: str | None = None
    penjelasan: list[dict[str, Any]] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)
    amended_by: list[dict[str, Any]] = field(default_factory=list)
    replaced_by: list[dict[str, Any]] = field(default_factory=list)
    address: str | None = None      # base-law coordinate whose words `id` is on `as_of` (None: no timeline)
    in_force: bool | None = None    # on the answer's as_of; None: no legal status (literature)
    norm: dict[str, Any] | None = None  # lexqa.norm.norm_of(...).to_dict() for answer citations

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = round(float(self.score), 6)
        return d


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Item] = field(default_factory=list)
    retrieved: list[Item] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    language: str = "en"
    signals: dict[str, Any] = field(default_factory=dict)
    verification: dict[str, Any] = field(default_factory=dict)
    engine: str = "extractive"
    notes: list[str] = field(default_factory=list)
    as_of: str | None = None        # the date the law is read on (ISO); None in to_dict: today
    issues: list[dict[str, Any]] = field(default_factory=list)       # the question's legal issues and their citations
    lead_claims: list[dict[str, Any]] = field(default_factory=list)  # each lead sentence: text, citations, facts, polarity
    reading: dict[str, Any] = field(default_factory=dict)            # lexqa.answer.question.read_question(...).to_dict()
    does_not_allow: list[dict[str, Any]] = field(default_factory=list)  # prohibitions of the cited law, verbatim

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "language": self.language,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [r.to_dict() for r in self.retrieved],
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
            "signals": self.signals,
            "verification": self.verification,
            "engine": self.engine,
            "notes": list(self.notes),
            "as_of": self.as_of,
            "issues": self.issues,
            "lead_claims": self.lead_claims,
            "reading": self.reading,
            "does_not_allow": self.does_not_allow,
        }


class Synthesizer(Protocol):
    """An answer engine: fills `answer` (question, language, signals, retrieved already set) with
    its text, citations and decision, from the fused ranking `hits`. The result is verified after."""

    def synthesize(self, answer: Answer, hits: list["SearchHit"], corpus: "Corpus", cfg: "AnswerConfig") -> Answer: ...
