"""Query concepts and their overlap with a provision's text.

A question is reduced to *concepts*: an English phrase found in the bilingual glossary
(data/glossary.toml, shared with retrieval) is one concept whose alternatives are the phrase
itself and its Indonesian equivalents, and so is an everyday Indonesian word of its [id_terms]
("tppo", "meninggal": the statute's own wording); every other content word is a concept of its own.
A concept is present in a text when all stems of one alternative occur there. Overlap =
matched concepts / concepts: the "does this provision talk about what was asked" signal used
for narrowing to ayat/huruf and for abstention.
"""

from __future__ import annotations

import functools
import math
import re
import weakref
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import cues
from ..index.lexical import glossary as retrieval_glossary
from ..index.lexical import concept_stem as stem  # noqa: F401  (the stem of a concept word)
from ..index.lexical import words
from .config import data_file

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


def stems(text: str) -> set[str]:
    stop, keep = cues.words("concepts", "stopwords"), _definition_text_words()
    return {stem(w) for w in words(text) if (w not in stop or w in keep) and len(w) > 1}


@functools.cache
def _definition_text_words() -> frozenset[str]:
    """The law's definitional words are stop words in a question but kept in a text."""
    return frozenset().union(*cues.definition_alternatives())


@functools.cache
def glossary() -> dict[str, list[str]]:
    """Retrieval's English → Indonesian glossary and its everyday Indonesian → statute wording
    ("tppo" is "tindak pidana perdagangan orang" in the law's text), plus the answerer's own
    additions (data/answer.toml [terms]: words it needs to read English questions against
    Indonesian text)."""
    out = dict(retrieval_glossary("terms"))
    for k, v in retrieval_glossary("id_terms").items():
        out.setdefault(k, v)
    for k, v in data_file().get("terms", {}).items():
        if isinstance(v, list):
            out.setdefault(str(k).lower(), [str(x) for x in v])
    return out


@functools.cache
def _english_keys() -> frozenset[str]:
    """The glossary's English phrases (retrieval's [terms] and the answerer's own)."""
    return frozenset(retrieval_glossary("terms")) | frozenset(
        str(k).lower() for k, v in data_file().get("terms", {}).items() if isinstance(v, list))


def language(question: str) -> str:
    ws = words(question)
    if not ws:
        return "en"
    id_hints, en_hints = cues.words("language", "id_hints"), cues.words("language", "en_hints")
    prefixes, suffixes = cues.affixes("language", "verb_prefixes"), cues.affixes("language", "verb_suffixes")
    idn = sum(1 for w in ws if w in id_hints or (w.startswith(prefixes) and w.endswith(suffixes)))
    en = sum(1 for w in ws if w in en_hints)
    return "id" if idn > en else "en"


@dataclass
class Concept:
    text: str
    alternatives: list[frozenset[str]]   # stem sets; one must be fully present
    crosslingual: bool = False           # has Indonesian equivalents (glossary) or is language-neutral
    weight: float = 1.0

    def present(self, text_stems: set[str]) -> bool:
        return any(alt and alt <= text_stems for alt in self.alternatives)


def concepts(question: str) -> list[Concept]:
    q = " ".join(words(question))
    def_words = cues.words("definition", "question_words")
    def_alts = list(cues.definition_alternatives())
    out: list[Concept] = []
    gl = glossary()
    used = [False] * len(q)
    # definitional wording first: its alternatives are the law's ("adalah", "shall mean"), not
    # the glossary's (which would match every "sebagaimana dimaksud")
    for m in re.finditer(r"(?<!\w)(?:" + "|".join(sorted(def_words, key=len, reverse=True)) + r")(?!\w)", q):
        for i in range(m.start(), m.end()):
            used[i] = True
        if not any(c.text == "definition" for c in out):
            out.append(Concept("definition", list(def_alts), crosslingual=True))
    english = _english_keys()
    for phrase in sorted(gl, key=len, reverse=True):
        norm = " ".join(words(phrase))
        # an English phrase is met in the plural too ("passports" is "passport" = "paspor")
        plural = r"(?:s|es)?" if phrase in english else ""
        for m in re.finditer(r"(?<!\w)" + re.escape(norm) + plural + r"(?!\w)", q):
            if any(used[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                used[i] = True
            alts = [frozenset(stems(phrase))] + [frozenset(stems(x)) for x in gl[phrase]]
            out.append(Concept(phrase, [a for a in alts if a], crosslingual=True))
    rest = "".join(ch if not used[i] else " " for i, ch in enumerate(q))
    seen: set[str] = set()
    for w in words(rest):
        if w in def_words:
            if "definition" not in seen:
                seen.add("definition")
                out.append(Concept("definition", list(def_alts)))
            continue
        if w in cues.words("concepts", "stopwords") or len(w) < 3 or w.isdigit():
            continue
        s = stem(w)
        if s in seen:
            continue
        seen.add(s)
        out.append(Concept(w, [frozenset({s})]))
    return [c for c in out if c.alternatives]


def overlap(cs: list[Concept], text: str) -> float:
    if not cs:
        return 0.0
    ts = stems(text)
    total = sum(c.weight for c in cs)
    return sum(c.weight for c in cs if c.present(ts)) / total if total else 0.0


def first_match_pos(cs: list[Concept], text: str) -> int:
    """Word index of the first word belonging to a matched concept (tie-break: earlier wins)."""
    ws = [stem(w) for w in words(text)]
    wanted: set[str] = set()
    ts = set(ws)
    for c in cs:
        for alt in c.alternatives:
            if alt <= ts:
                wanted |= alt
    for i, w in enumerate(ws):
        if w in wanted:
            return i
    return len(ws) + 1


_DF: "weakref.WeakKeyDictionary[Corpus, tuple[int, dict[str, int]]]" = weakref.WeakKeyDictionary()


def _stem_df(corpus: "Corpus") -> tuple[int, dict[str, int]]:
    """How many articles of `corpus` hold each stem (built once per corpus)."""
    got = _DF.get(corpus)
    if got is None:
        texts = [p.text for p in corpus.provisions(include_penjelasan=False) if p.kind in ("pasal", "article")]
        _prime(texts)
        df: dict[str, int] = {}
        for t in texts:
            for s in stems(t):
                df[s] = df.get(s, 0) + 1
        got = _DF[corpus] = (len(texts), df)
    return got


def _prime(texts: list[str]) -> None:
    """Sastrawi takes ~1 ms a word, and the articles hold ~1,700 words the index's stem map lacks
    (the treaties' English among them): ~0.5 s of a cold `lexqa ask`. Their stems are kept on disk
    beside the corpus cache, keyed by lexqa's code (a word's stem depends on nothing else; a word a
    changed corpus adds is stemmed as it comes)."""
    from ..index.corpus_cache import code_keyed
    from ..index.lexical import id_stem, prime_stems

    prime_stems(code_keyed("concept-stems", lambda: {w: id_stem(w) for t in texts for w in set(words(t)) if len(w) > 4}))


def by_rarity(cs: list[Concept], corpus: "Corpus", strength: float) -> list[Concept]:
    """The concepts weighed by how few articles hold them: "perkawinan semu" (two articles)
    tells the provisions apart, "izin" or "pidana" (hundreds) hardly does. A weight runs from
    1 - strength (in every article) to 1 + strength (in one); a concept no article holds keeps 1
    (nothing to tell by; its weight only scales every provision's overlap alike)."""
    if strength <= 0 or not cs:
        return cs
    n, df = _stem_df(corpus)
    if n < 2:
        return cs
    out = []
    for c in cs:
        # an alternative is in at most as many articles as its rarest stem; the concept in as many
        # as its most common alternative
        d = max((min((df.get(s, 0) for s in alt), default=0) for alt in c.alternatives), default=0)
        if d == 0:
            out.append(c)
            continue
        idf = math.log(n / d) / math.log(n)  # 0 (every article) .. 1 (one article)
        out.append(replace(c, weight=c.weight * (1 - strength + 2 * strength * idf)))
    return out
