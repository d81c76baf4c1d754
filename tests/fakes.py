"""Test doubles shared by the tests (no tests here); tests import them from this module only.

Importing this module registers the "fake" embedder (`FakeEmbedder`); CLI subprocesses get it
through the plugin hook: ``plugin_env()`` sets LEXQA_PLUGINS=fakes and puts this directory on
PYTHONPATH.

`mini_corpus(corpus_dir)` builds a small `Corpus` from a few real articles of the real source
files (UU 6/2011 Pasal 13, 16, 17, 86-88, 133 + Penjelasan; UU 63/2024 Pasal I angka 2;
UU 21/2007 Pasal 1-3; UU 1/2023 Pasal 455; PP 31/2013 Pasal 223-225; Palermo Article 3) with
a deliberately simple line parser, so the fast tests do not depend on the full ingest.

The fake retrievers subclass `lexqa.retrieve.Retriever` (no index: `__init__` takes canned
hits) and override `search` and `search_detailed`, so they have the real interface:
`FakeRetriever` ranks a corpus by word overlap, `FixedRetriever` and `RankedRetriever` return
given provisions in order.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from lexqa.config import manifest_path
from lexqa.index.embed import Embedder, normalise, register_embedder
from lexqa.models import Document, Provision, SearchHit
from lexqa.retrieve import RetrievalResult, Retriever
from lexqa.store import Corpus


# ---------------------------------------------------------------- embedder
_EMB_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder(Embedder):
    """Deterministic hashed bag of words (lower-cased word + 4-char prefix); no model, no deps.

    Vectors of texts sharing words have positive cosine, so fake retrieval still finds word
    overlaps. `calls` counts passages embedded, so tests can check the embedding cache. The
    token count is the word count plus 2 (a stand-in for special tokens); `max_tokens` is small
    by default so chunk splitting gets exercised.
    """

    def __init__(self, dim: int = 256, max_tokens: int = 512) -> None:
        self.dim = dim
        self.max_tokens = max_tokens
        self.name = "fake" if (dim, max_tokens) == (256, 512) else f"fake:{dim}:{max_tokens}"
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for w in _EMB_WORD.findall(text.lower()):
            for feat in (w, w[:4] + "~"):
                h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
                v[h % self.dim] += 1.0 if (h >> 40) & 1 else -1.0
        return v

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return normalise(np.stack([self._vec(t) for t in texts]))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self._embed(texts)

    def count_tokens(self, text: str) -> int:
        return len(_EMB_WORD.findall(text)) + 2


def _fake(arg: str) -> FakeEmbedder:
    """"fake[:dim[:max_tokens]]"."""
    return FakeEmbedder(*[int(x) for x in arg.split(":") if x] if arg else [])


register_embedder("fake", _fake, "fake")


def plugin_env() -> dict[str, str]:
    """Environment for a CLI subprocess that must know the "fake" embedder."""
    here = str(Path(__file__).resolve().parent)
    path = os.environ.get("PYTHONPATH")
    return {"LEXQA_PLUGINS": "fakes", "PYTHONPATH": here + (os.pathsep + path if path else "")}


# ---------------------------------------------------------------- corpus and retrievers
_AYAT = re.compile(r"^\((\d+)[)\]1]\s*")      # "(1)" and the OCR form "(21" of UU 63/2024
_HURUF = re.compile(r"^([a-z])\.\s+")
_ANGKA = re.compile(r"^(\d+)\.\s+")


def _block(lines: list[str], start: int) -> list[str]:
    """Lines of the article whose heading is lines[start], up to the next heading."""
    out = []
    for ln in lines[start + 1:]:
        if re.match(r"^(Pasal \d+[A-Z]?|BAB [IVXLC]+|Bagian |Paragraf |Article \d+|\d+\. Ketentuan|\d+\. Di antara)", ln.strip()):
            break
        out.append(ln)
    return out


def _article(doc: str, num: str, body: list[str], *, base: str | None = None, **extra) -> list[Provision]:
    """Provisions for one Indonesian article from its body lines (ayat / huruf / angka)."""
    pid = base or f"{doc}/pasal-{num.lower()}"
    text = "\n".join(ln.strip() for ln in body if ln.strip())
    art = Provision(id=pid, doc=doc, kind="pasal", text=text, pasal=num, heading=f"Pasal {num}",
                    parent=extra.pop("parent", None), **extra)
    out = [art]
    cur_ayat: Provision | None = None
    groups: list[tuple[Provision, list[str]]] = []
    for ln in body:
        s = ln.strip()
        if not s:
            continue
        m = _AYAT.match(s)
        if m:
            cur_ayat = Provision(id=f"{pid}/ayat-{m.group(1)}", doc=doc, kind="ayat", text="", pasal=num,
                                 ayat=m.group(1), parent=pid, amends=art.amends, point=art.point)
            groups.append((cur_ayat, [s]))
            continue
        m = _HURUF.match(s) or _ANGKA.match(s)
        if m and (_HURUF.match(s) or not cur_ayat):
            parent = cur_ayat or art
            kind = "huruf" if _HURUF.match(s) else "angka"
            p = Provision(id=f"{parent.id}/{kind}-{m.group(1)}", doc=doc, kind=kind, text="", pasal=num,
                          ayat=parent.ayat, parent=parent.id, amends=art.amends, point=art.point,
                          **({"huruf": m.group(1)} if kind == "huruf" else {"angka": m.group(1)}))
            groups.append((p, [s]))
            continue
        if groups:
            groups[-1][1].append(s)
    # an ayat's text runs until the next ayat (it contains its huruf)
    ayat_ids = [p.id for p, _ in groups if p.kind == "ayat"]
    for p, ls in groups:
        p.text = "\n".join(ls)
    for aid in ayat_ids:
        a = next(p for p, _ in groups if p.id == aid)
        kids = [p for p, _ in groups if p.parent == aid]
        if kids:
            a.text = a.text + "\n" + "\n".join(k.text for k in kids)
    out.extend(p for p, _ in groups)
    for p in out[1:]:
        assert p.text and p.text in text, p.id
    return out


def _find(lines: list[str], heading: str, nth: int = 0) -> int:
    idx = [i for i, ln in enumerate(lines) if ln.strip() == heading]
    return idx[nth]


def _penjelasan(doc: str, num: str, lines: list[str]) -> Provision:
    i = _find(lines, f"Pasal {num}", 1)
    text = "\n".join(_block(lines, i)).strip()
    return Provision(id=f"{doc}/penjelasan/pasal-{num.lower()}", doc=doc, kind="penjelasan", text=text,
                     pasal=num, explains=f"{doc}/pasal-{num.lower()}",
                     empty=bool(re.fullmatch(r"Cukup jelas\.?", text)))


def mini_corpus(corpus_dir: Path) -> Corpus:
    from lexqa.ingest.manifest import load_manifest

    metas = load_manifest(manifest_path())
    read = lambda name: (corpus_dir / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
    docs: list[Document] = []

    uu6 = read("uu-6-2011.md")
    provs: list[Provision] = []
    for n in ("13", "16", "17", "86", "87", "88", "133"):
        provs += _article("uu-6-2011", n, _block(uu6, _find(uu6, f"Pasal {n}")))
    for n in ("16", "86", "88", "133"):
        provs.append(_penjelasan("uu-6-2011", n, uu6))
    docs.append(Document(metas["uu-6-2011"], provs))

    uu63 = read("uu-63-2024.md")
    i = next(k for k, ln in enumerate(uu63) if ln.startswith("2. Ketentuan huruf b ayat (1) Pasal 16"))
    end = next(k for k in range(i + 1, len(uu63)) if re.match(r"^\d+\. (Di antara|Ketentuan)", uu63[k]))
    point_lines = uu63[i:end]  # from the point line to the next point
    point_text = "\n".join(point_lines).strip()
    j = next(k for k, ln in enumerate(point_lines) if ln.strip() == "Pasal 16")
    point = Provision(id="uu-63-2024/pasal-i/angka-2", doc="uu-63-2024", kind="point", text=point_text,
                      angka="2", amends="uu-6-2011", change="amended", point="Pasal I angka 2",
                      parent="uu-63-2024/pasal-i")
    art = _article("uu-63-2024", "16", point_lines[j + 1:], base="uu-63-2024/pasal-i/angka-2/pasal-16",
                   parent=point.id, amends="uu-6-2011", change="amended", point="Pasal I angka 2")
    docs.append(Document(metas["uu-63-2024"], [point, *art]))

    uu21 = read("uu-21-2007.md")
    provs = []
    for n in ("1", "3"):
        provs += _article("uu-21-2007", n, _block(uu21, _find(uu21, f"Pasal {n}")))
    docs.append(Document(metas["uu-21-2007"], provs))

    kuhp = read("uu-1-2023.md")
    provs = _article("uu-1-2023", "455", _block(kuhp, _find(kuhp, "Pasal 455")))
    docs.append(Document(metas["uu-1-2023"], provs))

    pp = read("pp-31-2013.md")
    provs = []
    for n in ("223", "224", "225"):
        provs += _article("pp-31-2013", n, _block(pp, _find(pp, f"Pasal {n}")))
    docs.append(Document(metas["pp-31-2013"], provs))

    pal = read("palermo-protocol-en.md")
    k = next(i for i, ln in enumerate(pal) if re.match(r"^#+\s*Article\s+3\s*$", ln.strip()))
    e = next(i for i in range(k + 1, len(pal)) if re.match(r"^#+\s*Article\s+4\s*$", pal[i].strip()))
    body = [ln.strip() for ln in pal[k + 1:e] if ln.strip() and not ln.startswith("####")]
    art3 = Provision(id="palermo-protocol/article-3", doc="palermo-protocol", kind="article",
                     text="\n".join(body).strip(), pasal="3", heading="Article 3")
    subs = []
    for ln in body:
        m = re.match(r"^\(?([a-d])\)\s*", ln.strip())
        if m:
            subs.append(Provision(id=f"palermo-protocol/article-3/{m.group(1)}", doc="palermo-protocol",
                                  kind="subparagraph", text=ln.strip(), pasal="3", huruf=m.group(1),
                                  parent=art3.id))
    docs.append(Document(metas["palermo-protocol"], [art3, *subs]))
    return Corpus(docs, str(corpus_dir))


class CannedRetriever(Retriever):
    """A `Retriever` without an index; subclasses define `search`."""

    def __init__(self) -> None:  # no index to open
        self.calls: list[tuple[str, int, str]] = []

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters=None, *,
               exact: bool = True) -> list[SearchHit]:
        raise NotImplementedError

    def search_detailed(self, query: str, k: int = 10, mode: str = "hybrid", filters=None, *,
                        depth: int = 1, lists=("dense", "bm25")) -> RetrievalResult:
        hits = self.search(query, k, mode, filters)
        return RetrievalResult(hits=hits, lists={
            sub: hits[:depth] if mode == sub else self.search(query, depth, sub, filters, exact=False) for sub in lists})


class FakeRetriever(CannedRetriever):
    """Ranks the corpus's articles by shared words.

    `dense` gives the fake "dense" score returned for mode="dense" (the abstention signal)."""

    def __init__(self, corpus: Corpus, dense: float = 0.9) -> None:
        super().__init__()
        self.corpus = corpus
        self.dense = dense

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters=None, *,
               exact: bool = True) -> list[SearchHit]:
        from lexqa.answer.terms import concepts, overlap

        self.calls.append((query, k, mode))
        cs = concepts(query)
        arts = [p for p in self.corpus.provisions(include_penjelasan=False)
                if p.kind in ("pasal", "article", "point") and not (p.kind == "pasal" and p.parent)]
        scored = sorted(arts, key=lambda p: (-overlap(cs, p.text), p.id))
        hits = []
        for r, p in enumerate(scored[:k]):
            s = overlap(cs, p.text)
            score = self.dense - 0.01 * r if mode == "dense" else (s * 10 if mode == "bm25" else 1.0 / (60 + r + 1))
            hits.append(SearchHit(provision=p, score=score, rank=r + 1, source=mode))
        return hits


class FixedRetriever(CannedRetriever):
    """Returns the given articles in order (real corpus provisions), for status tests."""

    def __init__(self, corpus: Corpus, ids: list[str], dense: float = 0.9) -> None:
        super().__init__()
        self.hits = [corpus.get(i) for i in ids]
        self.dense = dense

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters=None, *,
               exact: bool = True) -> list[SearchHit]:
        return [SearchHit(provision=p, score=(self.dense if mode == "dense" else 1.0 / (61 + r)), rank=r + 1,
                          source=mode) for r, p in enumerate(self.hits[:k])]


class RankedRetriever(CannedRetriever):
    """Returns `ids` in this order for every query; `dense` is the dense searcher's top score."""

    def __init__(self, corpus: Corpus, ids: list[str], dense: float = 0.9) -> None:
        super().__init__()
        self.corpus, self.ids, self.dense = corpus, ids, dense

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters=None, *,
               exact: bool = True) -> list[SearchHit]:
        out = []
        for r, pid in enumerate(self.ids[:k]):
            p = self.corpus.get(pid)
            assert p is not None, pid
            score = self.dense - 0.005 * r if mode == "dense" else (8.0 - r if mode == "bm25" else 1 / (61 + r))
            out.append(SearchHit(provision=p, score=score, rank=r + 1, source=mode))
        return out
