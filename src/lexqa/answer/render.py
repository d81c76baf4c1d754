"""Answer text: the lead built from the cited provisions' own words, the abstention text with
the nearest provisions, and the order citations are listed in."""

from __future__ import annotations

import re
from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING

from .. import kinds
from ..text import collapse_ws
from .config import AnswerConfig
from .items import clip
from .model import ABSTAIN_EN, ABSTAIN_ID, Answer, Item

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


def first_clause(text: str, limit: int = 300) -> str:
    """The opening clause of a quote (up to the first ';' / ':' / sentence end), verbatim."""
    t = text.strip()
    # a list marker ("1.", "(2)", "a)") is not a sentence end
    mk = re.match(r"^(?:\(?\d+[a-zA-Z]?[).]|\(?[a-z][).]|Pasal\s+\d+[A-Z]?)\s+", t)
    start = mk.end() if mk else 0
    m = re.search(r"[;:]|\.(?=\s|$)", t[start:])
    if m and start + m.end() <= limit:
        return t[: start + m.end()]
    return clip(t, limit)


def citation_order(c: Item) -> tuple[int, int]:
    """Display group (statutes first), then the answering provisions before their status citations."""
    return kinds.GROUP_ORDER.index(c.group), 0 if c.role == "answer" else 1


def text_label(c: Item) -> str:
    """The label as the answer text names it. An amendment point's label ends with the article it
    rewrites ("UU 63/2024 Pasal I angka 1 (Pasal 3 ayat (4) UU 6/2011)"); that parenthesis names
    an ayat that may exist only in the amended version, which the mention check would resolve
    against the original law, so the text keeps the amending provision's own name (the citation
    item still carries the full label, `amends` and `pasal`)."""
    if c.role == "revoked":  # the sentence about its revocation says the rest
        return re.sub(r" \((?:revoked|deleted)\b.*\)$", "", c.label)
    i = c.label.find(" (Pasal ") if c.amends else -1
    return c.label[:i] if i > 0 and c.label.endswith(")") else c.label


def lead_text(ans: Answer, corpus: "Corpus") -> str:
    """A short lead made only of the cited provisions' own words plus their labels."""
    idn = ans.language == "id"
    ans = Answer(**{**ans.__dict__, "citations": [dc_replace(c, label=text_label(c)) for c in ans.citations]})
    main = [c for c in ans.citations if c.role == "answer"]
    if not main:
        return ABSTAIN_ID if idn else ABSTAIN_EN
    parts = []
    top = main[0]
    clause = collapse_ws(first_clause(top.quote))
    tail = "…" if len(clause) < len(top.quote.strip()) else ""
    if idn:
        parts.append(f"Menurut {top.label}: “{clause}”{tail}")
    else:
        parts.append(f"{top.label} provides: “{clause}”{tail}")
    for c in main[1:]:
        cl = collapse_ws(first_clause(c.quote, 200))
        more = "…" if len(cl) < len(c.quote.strip()) else ""
        parts.append((f"Lihat juga {c.label}: “{cl}”{more}" if idn else f"See also {c.label}: “{cl}”{more}"))
    for c in [c for c in ans.citations if c.role in ("answer", "revoked")]:
        for row in c.amended_by:
            verb = {"amended": "diubah", "inserted": "disisipkan", "deleted": "dihapus"}.get(row["kind"], row["kind"]) if idn else row["kind"]
            parts.append(f"{c.label} {'telah ' + verb + ' oleh' if idn else 'was ' + verb + ' by'} {row['label']}.")
        for row in c.replaced_by:
            eff = f" {'sejak' if idn else 'since'} {row['effective']}" if row.get("effective") else ""
            parts.append(
                f"{c.label} {'dicabut oleh' if idn else 'is revoked by'} {row['revoked_by_label']}{eff}; "
                f"{'diganti dengan' if idn else 'replaced by'} {row['label']}.")
    return " ".join(p if p.endswith((".", "…", "”")) else p + "." for p in parts)


def abstain_text(ans: Answer, corpus: "Corpus", cfg: AnswerConfig) -> str:
    idn = ans.language == "id"
    base = ABSTAIN_ID if idn else ABSTAIN_EN
    leads = [r for r in ans.retrieved if corpus.get(r.id) is not None][: cfg.lead_count]
    if not leads:
        return base
    names = "; ".join(r.label for r in leads)
    return f"{base} {'Ketentuan terdekat' if idn else 'Nearest provisions'}: {names}."
