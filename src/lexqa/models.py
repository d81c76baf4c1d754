"""The types passed between pipeline stages: ingest → parse → index → retrieve → answer → cite.

Every stage speaks in `Provision`s. A provision is one addressable unit of a legal text
(a Pasal, an ayat, a huruf, an Article, a Penjelasan entry, a literature section) with a
stable, readable ID such as ``uu-6-2011/pasal-16/ayat-1/huruf-b``.

ID scheme (lowercase, "/"-separated, parents are prefixes of children):

* body of a regulation:  ``{doc}/pasal-16``, ``{doc}/pasal-16/ayat-1``,
  ``{doc}/pasal-16/ayat-1/huruf-b``, ``{doc}/pasal-1/angka-13``,
  ``{doc}/pasal-16/ayat-1/huruf-b/angka-2``; ``{doc}/menimbang``, ``{doc}/mengingat``,
  ``{doc}/penutup`` (closing/signature block)
* amendment law:  ``{doc}/pasal-i`` (the whole Pasal I), ``{doc}/pasal-i/angka-2``
  (one amendment point), ``{doc}/pasal-i/angka-2/pasal-16/ayat-1`` (the article text it
  writes into the target law); ``{doc}/pasal-ii``.  For an amendment law that is itself
  an article of a larger law (UU 11/2020 Pasal 106) the point is ``{doc}/pasal-106/angka-3``.
* Penjelasan:  ``{doc}/penjelasan/umum``, ``{doc}/penjelasan/pasal-16``,
  ``{doc}/penjelasan/pasal-16/ayat-2``, ``{doc}/penjelasan/pasal-16/ayat-1/huruf-c``,
  ``{doc}/penjelasan/pasal-i/angka-2/pasal-16``
* treaty:  ``{doc}/preamble``, ``{doc}/article-3``, ``{doc}/article-3/a``,
  ``{doc}/article-6/1``, ``{doc}/article-6/1/a``
* literature:  ``{doc}/section-3``, ``{doc}/section-3-1`` (numbered by heading order)

Numbers are written as in the law ("76A" → ``pasal-76a``; the field keeps "76A").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ProvisionKind = Literal[
    "pasal",          # Indonesian article (or a treaty Article: see "article")
    "ayat",           # numbered paragraph "(1)"
    "huruf",          # lettered item "a."
    "angka",          # numbered item "1." (also definitions in Pasal 1)
    "point",          # an amendment point "Pasal I angka 2"
    "article",        # treaty Article N
    "paragraph",      # treaty numbered paragraph
    "subparagraph",   # treaty lettered subparagraph
    "preamble",       # treaty preamble
    "menimbang",
    "mengingat",
    "closing",        # signature / promulgation block
    "penjelasan",     # elucidation of a Pasal/ayat/huruf
    "penjelasan-umum",
    "section",        # literature section (chapter, section, abstract, untitled opening)
    # literature apparatus: kept, never an answer (lexqa.kinds.LITERATURE_APPARATUS)
    "front-matter",   # title page, authors, dates, preface
    "toc",            # table of contents (Daftar Isi)
    "bibliography",   # reference list (Daftar Pustaka)
    "back-matter",    # journal template boilerplate, appendices (Lampiran)
    "notes",          # the block of a markdown file's footnote definitions
    "footnote",       # one footnote
]

ChangeKind = Literal["amended", "inserted", "deleted"]


@dataclass
class Provision:
    """One addressable unit of a legal text.

    `text` is verbatim: it equals ``normalised_source[start:end]`` of the file named in
    `source_file` (after the loader's normalisation), so every quote can be traced back.
    A parent's text contains its children's text.
    """

    id: str
    doc: str
    kind: ProvisionKind
    text: str
    pasal: str | None = None          # "16", "76A"; treaty article "3"; amended article no. in an amendment law
    ayat: str | None = None           # "1"; treaty paragraph number
    huruf: str | None = None          # "b"; treaty subparagraph letter
    angka: str | None = None          # "13"
    heading: str | None = None        # "Pasal 16", "Article 3", "Use of terms", section title
    parent: str | None = None         # id of the enclosing provision
    context: dict[str, str] = field(default_factory=dict)  # {"buku":..., "bab": "BAB III ...", "bagian": ..., "paragraf": ...}
    source_file: str | None = None    # path relative to the corpus dir, e.g. "pdf/uu-21-2007.pdf"
    start: int | None = None          # char offsets into the normalised source text
    end: int | None = None
    # amendment laws
    amends: str | None = None         # target doc id, e.g. "uu-6-2011"
    change: str | None = None         # "amended" | "inserted" | "deleted"
    point: str | None = None          # "Pasal I angka 2"
    # penjelasan
    explains: str | None = None       # id of the provision this Penjelasan entry explains
    empty: bool = False               # "Cukup jelas." and the like: kept, but says nothing
    flags: list[str] = field(default_factory=list)  # parser notes: "ocr-marker-fixed", "glued-heading", ...

    @property
    def is_penjelasan(self) -> bool:
        return self.kind in ("penjelasan", "penjelasan-umum")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Provision":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class Revocation:
    """A provision of this document revoked (or replaced) by another instrument."""

    target: str                       # provision id in this document, e.g. "uu-21-2007/pasal-2"
    by: str                           # provision id of the revoking provision, e.g. "uu-1-2023/pasal-622/ayat-1/huruf-q"
    effective: str | None = None      # ISO date "2026-01-02"
    replaced_by: str | None = None    # provision id of the replacement, e.g. "uu-1-2023/pasal-455"
    note: str | None = None


@dataclass
class CourtDecision:
    """A Constitutional Court decision that changed a provision of this document (manifest data)."""

    number: str                       # "40/PUU-IX/2011"
    target: str                       # provision id in this document
    effect: str                       # "phrase-struck"
    phrase: str | None = None         # the words declared without binding force
    date: str | None = None           # ISO date of the decision; None: not in this corpus
    evidence: list[str] = field(default_factory=list)  # provision ids of corpus passages recording it
    note: str | None = None


@dataclass
class DocumentMeta:
    """Manifest entry for one document (see lexqa/data/manifest.toml)."""

    id: str
    title: str
    label: str                        # "UU 6/2011"
    kind: str                         # a document kind: a name of lexqa.kinds.KINDS
    language: str                     # "id" | "en"
    files: list[str]                  # relative to the corpus dir; first is the primary source
    number: str | None = None
    year: int | None = None
    sha256: dict[str, str] = field(default_factory=dict)   # file -> checksum
    amends: list[str] = field(default_factory=list)         # target doc ids
    revocations: list[Revocation] = field(default_factory=list)
    court_decisions: list[CourtDecision] = field(default_factory=list)
    ratified_by: str | None = None    # treaty: the document id of the Indonesian ratification law
    ratification_note: str | None = None  # its declarations and reservations
    in_force: bool = True             # False for a repealed instrument
    effective: str | None = None      # ISO date of entry into force when known
    notes: str | None = None
    in_manifest: bool = True          # False: guessed from the file's first lines
    # True: `files` are consecutive parts of one text (each parsed, then concatenated);
    # False: extra files are alternate sources of the same text (merged per Pasal).
    parts: bool = False
    aliases: list[str] = field(default_factory=list)        # names people use: "UU Keimigrasian", "Immigration Law"
    query_aliases: list[str] = field(default_factory=list)  # looser names, recognised in search questions only
    text_aliases: list[str] = field(default_factory=list)   # aliases the corpus texts use for it unambiguously

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "DocumentMeta":
        d = dict(d)
        d["revocations"] = [Revocation(**r) for r in d.get("revocations") or []]
        d["court_decisions"] = [CourtDecision(**c) for c in d.get("court_decisions") or []]
        return cls(**d)


@dataclass
class ParseIssue:
    """Something the parser noticed and did not paper over; shown by `lexqa corpus check`."""

    doc: str
    code: str                         # "missing-body", "gap", "duplicate", "ocr-suspect", "glued-heading", ...
    message: str
    source_file: str | None = None
    provision: str | None = None
    severity: Literal["info", "warning", "error"] = "warning"


@dataclass
class Document:
    """A parsed document: its metadata and its provisions in reading order."""

    meta: DocumentMeta
    provisions: list[Provision] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    # normalised source text per file, so quotes can be checked against it
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass
class SearchHit:
    """One ranked result of any searcher (dense, bm25, hybrid, exact, baseline)."""

    provision: Provision
    score: float
    rank: int = 0
    source: str = ""                  # which searcher produced it: "dense", "bm25", "hybrid", "exact"
    via: str | None = None            # id of the chunk/penjelasan that matched, when not the provision itself
    matched_terms: list[str] = field(default_factory=list)


@dataclass
class SourceText:
    """One source file after its loader's normalisation; what the parser reads.

    Provision offsets (`start`, `end`) index into `text`.
    """

    file: str                         # path relative to the corpus dir ("pdf/uu-21-2007.pdf")
    text: str                         # normalised text
    format: str                       # "markdown" | "pdf" | "text"
    sha256: str = ""                  # checksum of the raw file bytes
    page_starts: list[int] = field(default_factory=list)  # PDF: offset in `text` where each page begins
    notes: list[str] = field(default_factory=list)        # loader notes (headers removed, OCR layer, ...)
