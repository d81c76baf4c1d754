"""Retrieval figures on the gold set split into dev (odd question ids) and held-out (even ids).

Tune on dev, check held-out: a change is kept only when it helps dev without hurting held-out.
Calls the Retriever directly (same path as `lexqa eval`: corpus lookup, exact names first), so a
run over all 115 questions and three modes takes well under a minute with a built index.

    python benchmarks/eval_splits.py [--index-dir DIR] [--modes hybrid,dense,bm25]
        [--set FILE] [--config '{"bm25_weight_en": 0.8}'] [--plain] [--json OUT] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index-dir")
    ap.add_argument("--modes", default="hybrid,dense,bm25")
    ap.add_argument("--set", default=str(Path(__file__).resolve().parents[1] / "evals" / "gold.jsonl"))
    ap.add_argument("--config", default="{}", help="FusionConfig overrides as JSON")
    ap.add_argument("--plain", action="store_true", help="start from FusionConfig.plain() (no priors/links/expansion)")
    ap.add_argument("--json", help="write per-question rows here")
    ap.add_argument("--show-misses", action="store_true")
    a = ap.parse_args()

    from lexqa.config import resolve_corpus_dir
    from lexqa.evaluate.gold import load_gold
    from lexqa.evaluate.metrics import dedupe, provision_key, rank_metrics
    from lexqa.ingest import load_corpus
    from lexqa.retrieve import FusionConfig, Retriever

    corpus = load_corpus(resolve_corpus_dir())
    items = [it for it in load_gold(Path(a.set)) if it.answerable]
    cfg = (FusionConfig.plain if a.plain else FusionConfig)(**json.loads(a.config))
    r = Retriever.open(a.index_dir, corpus, auto_build=False, config=cfg)
    rows: list[dict] = []
    for mode in a.modes.split(","):
        for it in items:
            hits = r.search(it.question, k=10, mode=mode)
            ranked = [provision_key(h.provision) for h in hits]
            m = rank_metrics(ranked, it.keys)
            n = int(it.id.lstrip("q"))
            rows.append({"mode": mode, "id": it.id, "split": "dev" if n % 2 else "held", "language": it.language,
                         "r@5": m["r@5"], "mrr": m["mrr"], "top": [f"{d}:{p}" for d, p in dedupe(ranked)[:5]],
                         "gold": sorted(f"{d}:{p}" for d, p in it.keys), "question": it.question})

    def agg(sel: list[dict]) -> str:
        if not sel:
            return "   -  /   -  "
        return f"{100 * sum(x['r@5'] for x in sel) / len(sel):5.1f} / {sum(x['mrr'] for x in sel) / len(sel):.3f}"

    print(f"{'mode':7s} {'all R@5/MRR':>15s} {'dev':>15s} {'held':>15s} {'en':>15s} {'id':>15s}")
    for mode in a.modes.split(","):
        mr = [x for x in rows if x["mode"] == mode]
        cols = [mr] + [[x for x in mr if x["split"] == s] for s in ("dev", "held")] + \
               [[x for x in mr if x["language"] == l] for l in ("en", "id")]
        print(f"{mode:7s} " + " ".join(f"{agg(c):>15s}" for c in cols))
    if a.show_misses:
        for x in rows:
            if x["split"] == "dev" and x["r@5"] < 1 and x["mode"] == a.modes.split(",")[0]:
                print(f"{x['id']} {x['language']} r5={x['r@5']:.2f} {x['question'][:90]}\n   gold {x['gold']}\n   top  {x['top']}")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
