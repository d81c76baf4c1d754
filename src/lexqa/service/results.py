"""What each Session method returns. `to_dict()` is the command's `--json` contract, key for key."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..answer import Answer
    from ..cite.verify import DraftRow
    from ..index.store import BuildReport
    from ..models import SearchHit
    from ..retrieve.current import Unit
    from ..parse.check import CorpusReport


@dataclass
class Hit:
    """One search hit with the citation fields every surface shows (CLI table/JSON, LangChain)."""

    rank: int
    id: str
    doc: str
    pasal: str | None
    ayat: str | None
    huruf: str | None
    label: str
    kind: str
    text: str
    score: float
    status: str
    in_force: bool
    source: str
    via: str | None
    matched_terms: list[str]
    address: str | None = None        # base-law coordinate whose words `id` is on as_of
    status_detail: str | None = None  # "in force as amended (since 2024-10-17 by UU 63/2024 Pasal I angka 2)"

    @classmethod
    def of(cls, retriever: Any, h: "SearchHit") -> "Hit":
        """`retriever` gives labels and statuses (a Retriever, or anything with label/status)."""
        p = h.provision
        status, in_force = retriever.status(p.id)
        return cls(rank=h.rank, id=p.id, doc=p.doc, pasal=p.pasal, ayat=p.ayat, huruf=p.huruf,
                   label=retriever.label(p.id), kind=p.kind, text=p.text, score=h.score, status=status,
                   in_force=in_force, source=h.source, via=h.via, matched_terms=h.matched_terms)

    @classmethod
    def of_unit(cls, h: "SearchHit", u: "Unit") -> "Hit":
        """A hit as it stands on the unit's date: its label and status from the timeline."""
        p = h.provision
        return cls(rank=h.rank, id=p.id, doc=p.doc, pasal=p.pasal, ayat=p.ayat, huruf=p.huruf,
                   label=u.label, kind=p.kind, text=p.text, score=h.score, status=u.state or "",
                   in_force=u.in_force, source=h.source, via=h.via, matched_terms=h.matched_terms,
                   address=u.address, status_detail=u.summary)

    def to_dict(self) -> dict[str, Any]:
        return dict(asdict(self), score=round(self.score, 6))

    def citation_metadata(self) -> dict[str, Any]:
        """The LangChain Document metadata: citation fields and the unrounded score."""
        return {"id": self.id, "doc": self.doc, "pasal": self.pasal, "ayat": self.ayat, "huruf": self.huruf,
                "label": self.label, "status": self.status, "in_force": self.in_force,
                "score": self.score, "rank": self.rank, "source": self.source, "via": self.via}


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    as_of: str | None = None

    def to_dict(self) -> list[dict[str, Any]]:
        """The `search --json` contract is a bare list of hits."""
        return [h.to_dict() for h in self.hits]


@dataclass
class AskResult:
    answer: "Answer"

    def to_dict(self) -> dict[str, Any]:
        return self.answer.to_dict()


@dataclass
class ShowResult:
    """A resolved provision with its place, Penjelasan, status events and amendment target."""

    ok: bool = field(default=True, init=False)
    citation: str
    id: str
    label: str
    doc: str
    doc_label: str
    doc_title: str | None
    language: str | None
    kind: str
    heading: str | None
    place: dict[str, str]
    text: str
    empty: bool
    source_file: str | None
    start: int | None
    end: int | None
    flags: list[str]
    penjelasan: list[dict[str, Any]]
    explains: dict[str, str] | None
    status: dict[str, Any]
    amends: dict[str, Any] | None
    children: list[str]
    as_of: str | None                            # the date the status and in_force_version are for; None: today
    address: str | None                          # base-law coordinates ("uu-23-2002/pasal-76f"); None: no timeline
    in_force_version: dict[str, Any] | None      # the version in force on as_of (lexqa.service.history.version_row)
    history: list[dict[str, Any]]                # every version, oldest first
    address_label: str | None = None
    discussed_in: list[dict[str, Any]] = field(default_factory=list)   # lexqa.commentary.Discussion rows

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class UnresolvedCitation:
    """`show` of a citation that names nothing in the corpus (the CLI exits 2 with it)."""

    ok: bool = field(default=False, init=False)
    citation: str
    parsed: dict[str, Any]
    reason: str
    nearest: list[dict[str, str]]
    did_you_mean: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TraceResult:
    trace: dict[str, Any]       # lexqa.cite.xref.trace's document
    graph_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.trace, "graph_ms": self.graph_ms}


@dataclass
class HistoryResult:
    citation: str
    address: str
    label: str
    versions: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"citation": self.citation, "address": self.address, "label": self.label, "versions": self.versions}


@dataclass
class DiffResult:
    citation: str
    address: str
    label: str
    from_version: dict[str, Any]
    to_version: dict[str, Any]
    ops: list[dict[str, Any]]        # {"op": "equal" | "delete" | "insert" | "replace", "old": str, "new": str}

    def to_dict(self) -> dict[str, Any]:
        return {"citation": self.citation, "address": self.address, "label": self.label,
                "from": self.from_version, "to": self.to_version, "ops": self.ops}

    def render(self) -> str:
        """Word diff: [-removed-] {+added+}."""
        out = []
        for o in self.ops:
            if o["op"] == "equal":
                out.append(o["old"])
            if o["op"] in ("delete", "replace"):
                out.append(f"[-{o['old']}-]")
            if o["op"] in ("insert", "replace"):
                out.append(f"{{+{o['new']}+}}")
        return " ".join(out)


@dataclass
class VerifyResult:
    mentions: list["DraftRow"]
    as_of: str | None = None       # ISO date the draft was read against; None: today

    @property
    def failed(self) -> list["DraftRow"]:
        return [r for r in self.mentions if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "as_of": self.as_of, "mentions": [r.to_dict() for r in self.mentions],
                "checked": len(self.mentions), "failed": len(self.failed)}


@dataclass
class CheckResult:
    report: "CorpusReport"
    parse_seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.report.to_dict(), "parse_seconds": round(self.parse_seconds, 2)}


@dataclass
class IndexStatus:
    """`exists` False: only index_dir, stale, reasons and hint are meaningful."""

    index_dir: str
    exists: bool
    stale: bool
    reasons: list[str]
    meta: dict[str, Any] = field(default_factory=dict)     # the index's meta.json
    hint: str | None = None

    _META_KEYS = ("embedder", "dim", "chunks", "built_at", "build_seconds", "lexqa_version", "corpus_dir",
                  "corpus_checksum")

    def to_dict(self) -> dict[str, Any]:
        head = {"index_dir": self.index_dir, "exists": self.exists, "stale": self.stale, "reasons": self.reasons}
        if not self.exists:
            return {**head, "hint": self.hint}
        return {**head, **{k: self.meta.get(k) for k in self._META_KEYS}, "docs": self.meta.get("docs", {})}


@dataclass
class BuildResult:
    """`built` False: the index was up to date (report is None)."""

    built: bool
    index_dir: str
    reason: str
    embedder: str | None
    chunks: int | None = None
    report: "BuildReport | None" = None
    corpus_load_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        if self.report is None:
            return {"built": False, "index_dir": self.index_dir, "reason": self.reason, "chunks": self.chunks,
                    "embedder": self.embedder}
        out = self.report.to_dict()
        out.update({"built": True, "reason": self.reason, "corpus_load_seconds": round(self.corpus_load_seconds, 2),
                    "embedder": self.embedder})
        return out


@dataclass
class DocEntry:
    id: str
    label: str
    title: str | None
    kind: str
    language: str
    files: list[str]
    in_manifest: bool
    provisions: int

    @classmethod
    def of(cls, d: Any) -> "DocEntry":
        """From a lexqa.models.Document."""
        m = d.meta
        return cls(id=m.id, label=m.label, title=m.title, kind=m.kind, language=m.language, files=m.files,
                   in_manifest=m.in_manifest, provisions=len(d.provisions))


@dataclass
class CorpusListing:
    corpus_dir: str
    documents: list[DocEntry]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
