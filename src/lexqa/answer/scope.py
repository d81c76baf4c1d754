"""Is the question about something this corpus holds? A question that names an instrument the
corpus does not hold ("Perpres Nomor 125 Tahun 2016"), an acronym it never uses ("SOP",
"APEC") or a kind of visa or card it never mentions ("digital nomad visa") is refused with the
nearest leads: the words of its other clauses would otherwise find some provision to quote. So
is a yes/no about an act no word of the corpus names ("memborgolnya", `unknown_acts`). A
scenario's setting is no subject (provinces, agencies the corpus spells out, a law it cites by
number). Patterns are data (data/cues.toml [scope])."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..cues import table
from . import terms

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus
    from .question import QuestionReading


@functools.cache
def _cfg() -> dict:
    return table("scope")


def _corpus_text(corpus: "Corpus") -> str:
    t = getattr(corpus, "_scope_text", None)
    if t is None:
        t = corpus._scope_text = " ".join(" ".join(p.text.split()) for p in corpus.provisions()).lower()  # type: ignore[attr-defined]
    return t


def _cited_in(text: str, doc: str) -> bool:
    """A law the corpus does not hold but cites by number ("Undang-Undang Nomor 8 Tahun 2010", revoked
    in part by KUHP Pasal 622): a question about it may be answered from what cites it."""
    m = re.fullmatch(r"[a-z]+-(\d+)-(\d{4})", doc)
    return bool(m) and _has(text, f"nomor {m.group(1)} tahun {m.group(2)}")


def _words(corpus: "Corpus") -> frozenset[str]:
    w = getattr(corpus, "_scope_words", None)
    if w is None:
        w = corpus._scope_words = frozenset(re.findall(r"\w+", _corpus_text(corpus)))  # type: ignore[attr-defined]
    return w


def unknown_acts(concepts: list, corpus: "Corpus") -> list[str]:
    """The Indonesian verbs of a question whose stem no word of the corpus holds ("bolehkah petugas
    memborgolnya?": "borgol" occurs nowhere): no provision of the corpus grants or forbids that act,
    so none answers yes or no to it (a paraphrase the corpus does use, "dibekali" / "membekali",
    passes)."""
    from .. import cues

    prefixes = (*cues.affixes("language", "verb_prefixes"), "men")  # (not a language cue: English "mention", "mental")
    words = _words(corpus)

    def used(stem: str) -> bool:  # in some word, also after meN-/peN- ("tangkal" in "penangkalan")
        forms = [stem, *(n + stem[1:] for n in _NASAL.get(stem[:1], ()))]
        return any(f in w for w in words for f in forms)
    return [c.text for c in concepts if not c.crosslingual and c.text.startswith(prefixes) and c.alternatives
            and not any(used(s) for a in c.alternatives for s in a)]


#: the nasal that replaces a stem's first consonant after meN- / peN- (tangkal → penangkalan)
_NASAL = {"t": ("n",), "p": ("m",), "k": ("ng",), "s": ("ny",)}


def _has(text: str, phrase: str) -> bool:
    return re.search(r"\b" + re.escape(phrase) + r"\b", text) is not None


def missing_subjects(question: str, corpus: "Corpus", reading: "QuestionReading | None" = None) -> list[str]:
    """What the question names that the corpus never mentions (empty: in scope as far as names go),
    and, given its `reading`, an act a yes/no issue asks about that the corpus never names."""
    from ..cite.docrefs import doc_mentions

    cfg = _cfg()
    text = _corpus_text(corpus)
    out: list[str] = []
    for m in doc_mentions(question):
        if m.doc and m.doc not in corpus.documents and not m.is_self and not _cited_in(text, m.doc):
            out.append(m.text)
    ignore = set(cfg["ignore_acronyms"])
    spelled = cfg["expansions"]
    for a in re.findall(cfg["acronym"], question):
        if a in ignore or _has(text, a.lower()) or (a in spelled and _has(text, spelled[a])):
            continue
        out.append(a)
    generic = set(cfg["generic"])
    for m in re.finditer(cfg["named_thing"], question):
        words = [w for w in m.group(1).lower().split() if w not in generic]
        # a kind of visa or card is unknown when one of its own words occurs nowhere in the corpus
        if len(words) >= 2 and not _has(text, " ".join(words)) and any(not _has(text, w) for w in words):
            out.append(" ".join(words))
    titles = [m.title.lower() for d in corpus.documents if (m := corpus.meta(d)) is not None
              and m.title.lower().startswith(cfg["ministerial_title"])]
    for m in re.finditer(cfg["named_regulation"], question):
        subject = [w for w in m.group(1).lower().split() if w not in generic][:2]
        if subject and not any(all(_has(t, w) for w in subject) for t in titles):
            out.append(m.group(0))
    for iss in reading.issues if reading is not None and reading.language == "id" else ():
        if iss.polar and iss.qtype in ("permission", "duty", "prohibition"):
            out += unknown_acts(terms.concepts(iss.text), corpus)
    return list(dict.fromkeys(out))
