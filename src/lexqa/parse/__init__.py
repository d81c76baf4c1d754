"""parse stage: normalised source text → Provisions, by document kind.

The kind registry (`lexqa.kinds`) names each kind's parser: Indonesian regulations
(statute, regulation, ratification) and amending laws: `indonesian.parse_regulation`;
treaties and declarations: `treaty.parse_treaty`; literature: `literature.parse_literature`.
For an amending kind (`spec.amends`) `amendment.expand_amendments` then turns each
"Pasal I angka N" point into provisions carrying the amended article number.
"""

from __future__ import annotations

import re
from typing import Callable

from .. import kinds
from ..models import DocumentMeta, ParseIssue, Provision, SourceText
from .amendment import expand_amendments
from .indonesian import parse_regulation
from .literature import parse_literature
from .treaty import parse_treaty

Parser = Callable[[DocumentMeta, SourceText], tuple[list[Provision], list[ParseIssue]]]

#: KindSpec.parser → parser; an amending law has the structure of a regulation.
PARSERS: dict[str, Parser] = {
    "indonesian": parse_regulation,
    "amendment": parse_regulation,
    "treaty": parse_treaty,
    "literature": parse_literature,
}

# the regular parser's view of an amending law: an amended article's heading OCR'd "Pasal I"
# (PP 40/2023's Pasal 1) repeats the amendment article's; the points parser reads it properly
_CONTAINER_DUPLICATE = re.compile(r"body: Pasal (?:I|106) appears twice")


def parse_source(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """Parse one source file of a document into provisions (reading order) and issues."""
    spec = kinds.spec(meta.kind)
    provisions, issues = PARSERS[spec.parser](meta, src)
    if spec.amends:
        provisions, more = expand_amendments(meta, src, provisions)
        if any(p.kind == "point" for p in provisions):
            issues = [i for i in issues if not _CONTAINER_DUPLICATE.match(i.message)]
        issues = issues + more
    return provisions, issues
