"""Lexical side: language-aware tokenisation, the bilingual glossary, and a bm25s index.

Indonesian text: lower-case words, Sastrawi stopwords (minus legal content words such as
"orang", "masuk", "keluar", "kerja"), Sastrawi stems (cached per word: the stemmer is slow).
English text: lower-case words, English stopwords, a light plural/suffix fold. Queries are
tokenised both ways (the query's language is a guess; a token that means nothing in the
index just scores zero) and, when they look English, expanded with the glossary's Indonesian
terms so "refuse departure" reaches "menolak keluar".
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..config import DATA_DIR

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Sastrawi's list is made for general text; these carry legal meaning here.
_ID_KEEP = {
    "orang", "masuk", "keluar", "akhir", "hari", "bulan", "baru", "kerja", "lama", "tempat",
    "pihak", "berada", "kembali", "tanpa", "tidak", "bukan", "harus", "wajib", "dapat",
    "tinggal", "asing", "hak", "anak", "umum", "negara", "waktu", "tahun", "diri",
}
_EN_STOP = {
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "do",
    "does", "did", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "may", "me", "my", "no", "not", "of", "on", "or", "our", "shall",
    "she", "should", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "under", "was", "we", "were", "what", "when", "where", "which",
    "who", "whom", "why", "will", "with", "would", "you", "your", "any", "all", "about", "s",
    "law", "article",
}
# words that only an English query would contain (query-language guess)
_EN_HINT = _EN_STOP - {"a", "s", "no"}


@lru_cache(maxsize=1)
def id_stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(set(StopWordRemoverFactory().get_stop_words()) - _ID_KEEP)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


# word → Sastrawi stem. Stemming is ~2 ms a word, so the index saves this map (stems.json) and
# a query process primes it instead of re-stemming the words of its hits.
_STEMS: dict[str, str] = {}


def id_stem(word: str) -> str:
    s = _STEMS.get(word)
    if s is None:
        s = word if len(word) <= 3 or word.isdigit() else (_stemmer().stem(word) or word)
        _STEMS[word] = s
    return s


def stem_map() -> dict[str, str]:
    return _STEMS


def prime_stems(stems: dict[str, str]) -> None:
    for k, v in stems.items():
        _STEMS.setdefault(k, v)


@lru_cache(maxsize=1)
def _unstemmed() -> frozenset[str]:
    from .. import cues

    return cues.words("concepts", "unstemmed")


@lru_cache(maxsize=20000)
def concept_stem(word: str) -> str:
    """A word's stem for concept matching (lexqa.answer.terms, the guides): Sastrawi's for longer
    words, then light English suffix stripping."""
    w = word.lower()
    if len(w) > 4 and w not in _unstemmed():
        w = id_stem(w)
    # light English suffix stripping (no prefix truncation: "traffic" must not meet "trafficking");
    # more than retrieval's en_stem ("ings", "ies"): concepts are matched by exact stem
    for suf in ("ings", "ing", "ies", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    return w


@lru_cache(maxsize=200_000)
def en_stem(word: str) -> str:
    """Tiny suffix fold (no dependency): victims→victim, smuggled→smuggl, ..."""
    for suf in ("ing", "ed", "es", "s"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def tokenize(text: str, language: str) -> list[str]:
    if language == "en":
        return [en_stem(w) for w in words(text) if w not in _EN_STOP]
    stop = id_stopwords()
    return [id_stem(w) for w in words(text) if w not in stop]


@lru_cache(maxsize=2)
def glossary(table: str = "terms") -> dict[str, list[str]]:
    """English → Indonesian ("terms") or everyday Indonesian → statute wording ("id_terms")."""
    with open(DATA_DIR / "glossary.toml", "rb") as f:
        terms = tomllib.load(f).get(table, {})
    return {k.lower(): [v.lower() for v in vs] for k, vs in terms.items()}


@lru_cache(maxsize=2)
def _glossary_re(table: str = "terms") -> re.Pattern[str]:
    keys = sorted(glossary(table), key=len, reverse=True)
    # an English phrase is met in the plural too ("passports" is "passport" = "paspor")
    plural = r"(?:s|es)?" if table == "terms" else ""
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")" + plural + r"(?!\w)")


def glossary_matches(query: str, table: str = "terms") -> list[str]:
    return _glossary_re(table).findall(query.lower())


def guess_language(query: str) -> str:
    """"en" when the query has more English function words/glossary phrases than Indonesian stopwords."""
    ws = words(query)
    if not ws:
        return "id"
    en = sum(w in _EN_HINT for w in ws) + len(glossary_matches(query))
    idn = sum(w in id_stopwords() or w in _ID_KEEP for w in ws)
    return "en" if en > idn else "id"


def expand_query(query: str) -> tuple[str, list[str]]:
    """(language guess, Indonesian terms to add): English via the glossary, Indonesian via its id_terms."""
    lang = guess_language(query)
    table = "terms" if lang == "en" else "id_terms"
    extra: list[str] = []
    for key in glossary_matches(query, table):
        extra.extend(glossary(table)[key])
    return lang, extra


def query_tokens(query: str) -> tuple[list[str], str, list[str]]:
    """BM25 tokens for a query: both tokenisations, plus glossary expansion. Returns (tokens, lang, extra)."""
    lang, extra = expand_query(query)
    toks = tokenize(query, "en") + tokenize(query, "id")
    for term in extra:
        toks.extend(tokenize(term, "id"))
    stop = id_stopwords()
    toks = [t for t in toks if t not in _EN_STOP and t not in stop]
    seen: set[str] = set()
    out = []
    for t in toks:  # BM25 query terms count once each
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out, lang, extra


class LexicalIndex:
    """bm25s over chunk texts, saved in bm25s's own (pickle-free) format."""

    def __init__(self, bm25) -> None:
        self.bm25 = bm25
        self.vocab: dict[str, int] = bm25.vocab_dict

    @classmethod
    def build(cls, texts: Sequence[str], languages: Sequence[str]) -> "LexicalIndex":
        import bm25s

        corpus_tokens = [tokenize(t, lang) or [""] for t, lang in zip(texts, languages)]
        bm = bm25s.BM25()
        bm.index(corpus_tokens, show_progress=False)
        return cls(bm)

    def save(self, path: Path) -> None:
        self.bm25.save(str(path), show_progress=False)
        save_json(Path(path) / "stems.json", stem_map())

    @classmethod
    def load(cls, path: Path) -> "LexicalIndex":
        stems = Path(path) / "stems.json"
        if stems.is_file():
            prime_stems(json.loads(stems.read_text(encoding="utf-8")))
        params = json.loads((Path(path) / "params.index.json").read_text(encoding="utf-8"))
        if SavedBM25.reads(params):  # a query process never imports bm25s (and its scipy: ~0.3 s)
            return cls(SavedBM25(Path(path), params))
        import bm25s

        return cls(bm25s.BM25.load(str(path), show_progress=False, allow_pickle=False))

    def scores(self, tokens: Iterable[str]) -> np.ndarray:
        toks = [t for t in tokens if t in self.vocab and t]
        n = int(self.bm25.scores["num_docs"])
        if not toks:
            return np.zeros(n, np.float32)
        return np.asarray(self.bm25.get_scores(toks), dtype=np.float32)


class SavedBM25:
    """A saved bm25s index read with numpy alone, scored exactly as bm25s 0.3's numpy backend does
    (`BM25.get_scores` → `_compute_relevance_from_scores`: np.add.at per query token, in order), so
    scores are bit-identical. Only for what that backend covers: no non-occurrence array."""

    def __init__(self, path: Path, params: dict) -> None:
        self.dtype = np.dtype(params.get("dtype", "float32"))
        self.int_dtype = np.dtype(params.get("int_dtype", "int32"))
        self.vocab_dict: dict[str, int] = json.loads((path / "vocab.index.json").read_text(encoding="utf-8"))
        self.scores = {name: np.load(path / f"{name}.csc.index.npy", allow_pickle=False)
                       for name in ("data", "indices", "indptr")}
        self.scores["num_docs"] = params.get("num_docs")

    @staticmethod
    def reads(params: dict) -> bool:
        return (params.get("backend", "numpy") == "numpy" and params.get("method", "lucene") in ("lucene", "robertson", "atire")
                and str(params.get("version", "")).startswith("0.3."))

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        ids = np.asarray([self.vocab_dict[t] for t in tokens if t in self.vocab_dict], dtype=self.int_dtype)
        data, indices, indptr = self.scores["data"], self.scores["indices"], self.scores["indptr"]
        if int(ids.max(initial=0)) >= len(indptr) - 1:
            raise ValueError("query token id beyond the index's vocabulary")
        starts, ends = indptr[ids], indptr[ids + 1]
        out = np.zeros(self.scores["num_docs"], dtype=self.dtype)
        for i in range(len(ids)):
            np.add.at(out, indices[starts[i]:ends[i]], data[starts[i]:ends[i]])
        return out


def save_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
