"""The document-kind registry: everything that differs between kinds of document, in one table.

Every stage asks this module instead of testing ``kind in ("treaty", "declaration")``:
which parser reads the kind, how its units are numbered and cited, which display group
it belongs to, how much legal authority it carries, whether it has a legal status at all.

Adding a kind (a Putusan MK, a court judgment) is one `KindSpec` entry in `KINDS` below,
plus a parser in `lexqa.parse` when its structure is new.

A kind is how a document is read and weighed, not what the instrument is called. A Perpres
(Peraturan Presiden, e.g. Perpres 19/2023) is therefore a "regulation": its parser, Pasal
citations, display group, authority tier and legal status are all a regulation's, so a
"perpres" KindSpec would differ from "regulation" in its name only. What is Perpres-specific
(its title, heading, abbreviation, citation patterns) is its instrument type in
data/instruments.toml (`id = "perpres"`, `kind = "regulation"`), like PP, Keppres and Permen.
An amending Perpres (Perpres 49/2023) is an "amendment", as an amending PP is. A Perpres
becomes its own kind only when something a kind decides differs, e.g. a tier below PP
(UU 12/2011 Pasal 7 ayat (1)) once tiers are finer than TIER_REGULATION.
"""

from __future__ import annotations

from dataclasses import dataclass

# Authority tiers, strongest first. Lower number = more authority.
TIER_STATUTE = 1
TIER_REGULATION = 2
TIER_TREATY = 3
TIER_COURT = 4
TIER_LITERATURE = 5

#: `KindSpec.definition_rank` of a kind whose definitions come after every ranked kind's
UNRANKED = 9


@dataclass(frozen=True)
class KindSpec:
    """One kind of document."""

    name: str
    parser: str                        # parser registry key in lexqa.parse ("indonesian", "treaty", ...)
    citation: str                      # how its units are cited: "pasal" | "article" | "section"
    unit_label: str                    # the name of its top-level unit in reports: "Pasal", "Article", "section"
    unit_kinds: frozenset[str]         # provision kinds that are top-level units
    group: str                         # display group: "statute" | "regulation" | "treaty" | "literature"
    tier: int                          # authority tier (TIER_*)
    legal_status: bool = True          # False: never labelled in force / revoked (literature)
    amends: bool = False               # an amending instrument ("Pasal I angka N" points)
    id_prefixes: tuple[str, ...] = ()  # document-id prefixes of this kind ("uu-", "pp-")
    definition_rank: int = UNRANKED    # the answerer quotes a term's definition from the lowest rank first
    description: str = ""
    apparatus_kinds: frozenset[str] = frozenset()  # provision kinds kept but never retrieved as answers

    @property
    def is_treaty_like(self) -> bool:
        """Cited as "Article 3(a)" rather than "Pasal 3 ayat (1) huruf a"."""
        return self.citation == "article"

    @property
    def is_literature(self) -> bool:
        return self.citation == "section"


_PASAL_UNITS = frozenset({"pasal"})

KINDS: dict[str, KindSpec] = {s.name: s for s in (
    KindSpec("statute", "indonesian", "pasal", "Pasal", _PASAL_UNITS, "statute", TIER_STATUTE,
             id_prefixes=("uu-", "perppu-"), definition_rank=0, description="Undang-Undang / Perppu"),
    KindSpec("amendment", "amendment", "pasal", "Pasal", frozenset({"pasal", "point"}), "statute", TIER_STATUTE,
             amends=True, description="an amending law or regulation (Pasal I angka N)"),
    KindSpec("ratification", "indonesian", "pasal", "Pasal", _PASAL_UNITS, "statute", TIER_STATUTE,
             id_prefixes=(), definition_rank=2, description="a law ratifying a treaty (Pengesahan ...)"),
    KindSpec("regulation", "indonesian", "pasal", "Pasal", _PASAL_UNITS, "regulation", TIER_REGULATION,
             id_prefixes=("pp-", "perpres-", "keppres-", "permen", "perda-"), definition_rank=3,
             description="PP, Perpres, Permen, Perda"),
    KindSpec("treaty", "treaty", "article", "Article", frozenset({"article"}), "treaty", TIER_TREATY,
             definition_rank=1, description="an international treaty (English text)"),
    KindSpec("declaration", "treaty", "article", "Article", frozenset({"article"}), "treaty", TIER_TREATY,
             description="an international declaration (UDHR)"),
    KindSpec("literature", "literature", "section", "section", frozenset({"section"}), "literature",
             TIER_LITERATURE, legal_status=False, description="secondary literature: commentary, never law",
             apparatus_kinds=frozenset({"front-matter", "toc", "bibliography", "back-matter", "notes", "footnote"})),
)}

#: Provision kinds of any document kind that are apparatus (title page, contents, bibliography, notes).
APPARATUS_KINDS = frozenset().union(*(s.apparatus_kinds for s in KINDS.values()))

#: Display groups in the order answers list them.
GROUP_ORDER = ("statute", "regulation", "treaty", "literature")
#: the list items a chapeau introduces ("... dalam hal orang asing tersebut: a. ...; j. ...")
LIST_ITEM_KINDS = frozenset({"huruf", "angka", "subparagraph"})
GROUP_TITLES = {"statute": "Statutes", "regulation": "Regulations", "treaty": "Treaties", "literature": "Literature"}

#: The fallback for a document whose kind is unknown (Indonesian regulation structure).
DEFAULT_KIND = "statute"


def spec(kind: str | None) -> KindSpec:
    """The spec of `kind` (the default kind's for None or an unknown name)."""
    return KINDS.get(kind or DEFAULT_KIND) or KINDS[DEFAULT_KIND]


def names() -> tuple[str, ...]:
    return tuple(KINDS)


def is_known(kind: str | None) -> bool:
    return kind in KINDS


def kinds_where(**want: object) -> frozenset[str]:
    """Names of the kinds whose attributes equal `want` (``kinds_where(citation="article")``)."""
    return frozenset(k for k, s in KINDS.items() if all(getattr(s, a) == v for a, v in want.items()))


def kind_for_doc_id(doc_id: str, known: dict[str, str] | None = None) -> str:
    """The kind of a document id: from `known` ({doc id: kind}) when given, else guessed from its prefix.

    Only for callers that have no manifest at hand; a document of the corpus is always looked up.
    """
    if known and doc_id in known:
        return known[doc_id]
    for s in KINDS.values():
        if any(doc_id.startswith(p) for p in s.id_prefixes):
            return s.name
    return "treaty"

