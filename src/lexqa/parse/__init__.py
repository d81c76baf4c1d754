"""parse stage: normalised source text → Provisions, by document kind.

Indonesian regulations (statute, regulation, ratification): `indonesian.parse_regulation`.
Amendment laws: parsed as regulations, then `amendment.expand_amendments` turns each
"Pasal I angka N" point into provisions carrying the amended article number.
Treaties and declarations: `treaty.parse_treaty`. Literature: `literature.parse_literature`.
"""

from __future__ import annotations

from ..models import DocumentMeta, ParseIssue, Provision, SourceText


def parse_source(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """Parse one source file of a document into provisions (reading order) and issues."""
    if meta.kind in ("treaty", "declaration"):
        from .treaty import parse_treaty

        return parse_treaty(meta, src)
    if meta.kind == "literature":
        from .literature import parse_literature

        return parse_literature(meta, src)
    from .indonesian import parse_regulation

    provisions, issues = parse_regulation(meta, src)
    if meta.kind == "amendment":
        from .amendment import expand_amendments

        provisions, more = expand_amendments(meta, src, provisions)
        issues = issues + more
    return provisions, issues
