"""Citations as people write them → structured refs (`CitationRef`); pure, no corpus needed.

* ``parse_citation(s)``: one citation typed by a user ("UU 6/2011 Pasal 16 ayat (1) huruf b",
  "Pasal 16(1)(b) UU 6/2011", "Article 3(a) Palermo Protocol", a raw provision id, ...).
* ``find_citations(text, default_doc=None)``: every citation mention in free text (Indonesian or
  English) with its character span: the mention engine (`lexqa.cite.mentions`) as the
  "citation" reader reads.

Documents named by number or alias are `lexqa.cite.docrefs`; resolution against a corpus is
`lexqa.cite.citation`.
"""

from __future__ import annotations

import re

from .docrefs import doc_mentions
from .mentions import find_mentions
from .patterns import RAW_ID, junk_after
from .refs import CitationRef, Mention


def find_citations(text: str, default_doc: str | None = None,
                   aliases: dict[str, str] | None = None) -> list[Mention]:
    """Every Pasal/Article/section citation and raw id in `text`, with spans, in text order.

    A document named right before ("UU 6/2011 Pasal 16") or right after ("Pasal 16 UU 6/2011",
    "Article 3 of the Palermo Protocol") is part of the mention. Without one, the mention takes
    the document of the next mention it is listed with ("Pasal 2 dan Pasal 3 UU 21/2007"), else
    of the previous one, else `default_doc` (and `doc_inferred` is set).
    """
    return find_mentions(text, default_doc=default_doc, reader="citation", aliases=aliases)


def parse_citation(s: str, aliases: dict[str, str] | None = None) -> CitationRef:
    """Parse one citation. A string naming only a document gives a ref with `system=None`.

    Never raises: an unparseable string gives a ref with neither doc nor pasal (resolve
    then explains).
    """
    t = " ".join(s.split())
    if RAW_ID.match(t.lower()):
        return CitationRef(raw=t, system="id", provision_id=t.lower(), doc=t.lower().split("/", 1)[0])
    ms = find_citations(t, aliases=aliases)
    if ms:
        m = max(ms, key=lambda x: (x.ref.doc is not None or x.ref.doc_text is not None, x.end - x.start))
        ref = m.ref
        ref.raw = t
        if ref.system in ("pasal", "article", "section") and not (ref.doc_text and m.text.endswith(ref.doc_text)):
            # a document named after the pinpoint leaves no room for anything glued to it
            ref.extra = junk_after(t, m.end)
        if ref.doc_text is None:
            # a document named anywhere else in the string ("UU 6/2011, Pasal 16")
            d = doc_mentions(t, aliases)
            if d:
                ref.doc_text, ref.doc = " ".join(d[0].text.split()), d[0].doc
            else:
                # whatever else was written names the document ("Purnomo 2025 section 4.2",
                # "UU Imigrasi Pasal 5"): resolve() matches it against the corpus or suggests
                rest = re.sub(r"^[\s,;:]*(?:(?:of|in|from)\s+(?:the\s+)?|dari\s+|dalam\s+)?|[\s,;:]*$", "",
                              (t[:m.start] + " " + t[m.end:]).strip())
                if rest and ref.system != "id":
                    ref.doc_text = rest
        return ref
    d = doc_mentions(t, aliases)
    if d:
        return CitationRef(raw=t, doc=d[0].doc, doc_text=" ".join(d[0].text.split()))
    return CitationRef(raw=t, doc_text=t or None)
