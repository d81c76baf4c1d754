"""Query concepts and their overlap with a provision's text.

A question is reduced to *concepts*: an English phrase found in the bilingual glossary
(data/glossary.toml, shared with retrieval) is one concept whose alternatives are the phrase
itself and its Indonesian equivalents; every other content word is a concept of its own.
A concept is present in a text when all stems of one alternative occur there. Overlap =
matched concepts / concepts: the "does this provision talk about what was asked" signal used
for narrowing to ayat/huruf and for abstention.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass

from ..config import DATA_DIR

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

STOP = set("""
a an the of to in on for by with and or not no is are was were be been being do does did can could
may might must shall should will would what which who whom whose when where why how that this these
those it its as at from into than then there their they them he she his her i we you your our my me
about under any all each some such if so also only other more most out up down over per via
many much get gets give given there here has have had one two does mean means
ada adalah akan atau bagi bahwa dalam dan dapat dari demikian dengan di hal ini itu jika juga
kali ke kepada lain maka mana oleh pada para sebagaimana sebagai secara serta setiap suatu tentang
terhadap tersebut untuk yang apa apakah bagaimana berapa siapa kapan dimana mengapa boleh bisa harus
menurut tidak ya ayat pasal huruf angka undang nomor tahun article law laws indonesia indonesian
""".split())

_ID_HINTS = {"apa", "apakah", "bagaimana", "yang", "dan", "adalah", "dalam", "siapa", "berapa", "tidak",
             "dengan", "untuk", "bagi", "oleh", "pada", "dapat", "boleh", "menurut", "jika", "orang", "ke", "di",
             "dari", "atau", "ini", "itu", "kapan", "mengapa", "lama", "masa", "harus", "wajib", "sanksi",
             "pidana", "hukum", "warga", "negara", "asing", "sebagai", "tentang", "bisa", "kah", "saja"}
_EN_HINTS = {"the", "what", "is", "are", "how", "can", "does", "do", "of", "for", "to", "who", "which", "when",
             "a", "an", "in", "on", "under", "be", "may", "must", "should", "law", "person", "with", "and", "or"}


@functools.lru_cache(maxsize=1)
def _stemmer():
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - PySastrawi is a core dependency
        return None
    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=20000)
def stem(word: str) -> str:
    w = word.lower()
    st = _stemmer()
    if st is not None and len(w) > 4:
        w = st.stem(w) or w
    # light English suffix stripping (no prefix truncation: "traffic" must not meet "trafficking")
    for suf in ("ings", "ing", "ies", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    return w


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


# a question asking for a definition matches the law's definitional wording
DEF_WORDS = {"pengertian", "definisi", "arti", "definition", "define", "defined", "defines", "mean", "means",
             "meaning", "dimaksud"}
# ("dimaksud" is no signal in the text: "sebagaimana dimaksud dalam Pasal ..." is everywhere)
_DEF_ALTS = [frozenset({"adalah"}), frozenset({"shall", "mean"})]
_TEXT_KEEP = {"adalah", "shall", "mean"}


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if (w not in STOP or w in _TEXT_KEEP) and len(w) > 1}


@functools.lru_cache(maxsize=1)
def glossary() -> dict[str, list[str]]:
    path = DATA_DIR / "glossary.toml"
    if not path.is_file():
        return {}
    with open(path, "rb") as f:
        data = tomllib.load(f)
    terms = data.get("terms", data)
    out = {str(k).lower(): [str(x) for x in v] for k, v in terms.items() if isinstance(v, list)}
    # the answerer's own additions (data/answer.toml [terms]): words it needs to read
    # English questions against Indonesian text that retrieval's glossary leaves out
    extra = DATA_DIR / "answer.toml"
    if extra.is_file():
        with open(extra, "rb") as f:
            for k, v in tomllib.load(f).get("terms", {}).items():
                if isinstance(v, list):
                    out.setdefault(str(k).lower(), [str(x) for x in v])
    return out


def language(question: str) -> str:
    ws = words(question)
    if not ws:
        return "en"
    idn = sum(1 for w in ws if w in _ID_HINTS or (w.startswith(("meng", "meny", "mem", "ber", "di", "ter"))
                                                   and w.endswith(("kan", "an", "i"))))
    en = sum(1 for w in ws if w in _EN_HINTS)
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
    out: list[Concept] = []
    gl = glossary()
    used = [False] * len(q)
    # definitional wording first: its alternatives are the law's ("adalah", "shall mean"), not
    # the glossary's (which would match every "sebagaimana dimaksud")
    for m in re.finditer(r"(?<!\w)(?:" + "|".join(sorted(DEF_WORDS, key=len, reverse=True)) + r")(?!\w)", q):
        for i in range(m.start(), m.end()):
            used[i] = True
        if not any(c.text == "definition" for c in out):
            out.append(Concept("definition", list(_DEF_ALTS), crosslingual=True))
    for phrase in sorted(gl, key=len, reverse=True):
        norm = " ".join(words(phrase))
        for m in re.finditer(r"(?<!\w)" + re.escape(norm) + r"(?!\w)", q):
            if any(used[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                used[i] = True
            alts = [frozenset(stems(phrase))] + [frozenset(stems(x)) for x in gl[phrase]]
            out.append(Concept(phrase, [a for a in alts if a], crosslingual=True))
    rest = "".join(ch if not used[i] else " " for i, ch in enumerate(q))
    seen: set[str] = set()
    for w in words(rest):
        if w in DEF_WORDS:
            if "definition" not in seen:
                seen.add("definition")
                out.append(Concept("definition", list(_DEF_ALTS)))
            continue
        if w in STOP or len(w) < 3 or w.isdigit():
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
