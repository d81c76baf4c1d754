"""Calibrate the extractive answerer on the gold set, fast.

Runs `lexqa.answer.answer_question` over every gold question once against the real index and
caches every retrieval call (query, mode, k) in a JSON file, so later runs replay retrieval in
milliseconds and only the answerer is re-run (its code or data/answer.toml may change between
runs). Reports cited-precision, abstention P/R and false-abstention for all questions, the dev
half (odd numeric id) and the held-out half (even id); `--sweep` grid-searches the abstention
thresholds on the dev half over the cached per-question signals (the choice of citations does
not depend on them) and reports the best setting on held-out.

    python evals/calibrate_answers.py --index-dir index --cache /tmp/lexqa-hits.json
    python evals/calibrate_answers.py --cache /tmp/lexqa-hits.json --sweep
    python evals/calibrate_answers.py --cache /tmp/lexqa-hits.json --dump q004,q008
    python evals/calibrate_answers.py --docs subset --index-dir /tmp/lexqa-subset-index --cache /tmp/sub-hits.json

The cache pins retrieval: delete it (or pass --refresh) after the index or retriever changes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from lexqa.answer import AnswerConfig, answer_question
from lexqa.answer.policy import should_answer
from lexqa.evaluate.gold import load_gold
from lexqa.evaluate.metrics import abstention_stats, cited_precision, provision_key
from lexqa.models import SearchHit
from lexqa.retrieve import RetrievalResult

CP_WEIGHT = float(os.environ.get("SWEEP_CP_WEIGHT", "1.0"))  # every call is cached at this depth and sliced


class CachedRetriever:
    """Replays (query, k, mode, filters, exact) searches from a JSON cache; misses go to `real`."""

    def __init__(self, corpus: Any, cache_path: Path, real_factory: Any) -> None:
        self.corpus = corpus
        self.path = cache_path
        self.data: dict[str, list[dict[str, Any]]] = json.loads(cache_path.read_text()) if cache_path.is_file() else {}
        self._factory = real_factory
        self._real = None
        self.dirty = False

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None, *,
               exact: bool = True) -> list[SearchHit]:
        # k is part of the key: the fused ranking depends on it (candidate pool = k * 8)
        key = json.dumps([query, k, mode, bool(exact), None if filters is None else str(filters)])
        rows = self.data.get(key)
        if rows is None:
            if self._real is None:
                self._real = self._factory()
            hits = self._real.search(query, k=k, mode=mode, filters=filters, exact=exact)
            rows = [{"id": h.provision.id, "score": h.score, "rank": h.rank, "source": h.source, "via": h.via}
                    for h in hits]
            self.data[key] = rows
            self.dirty = True
        out = []
        for r in rows[:k]:
            p = self.corpus.get(r["id"])
            if p is None:
                continue
            out.append(SearchHit(provision=p, score=r["score"], rank=r["rank"], source=r["source"], via=r["via"]))
        return out

    def search_detailed(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None, *,
                        depth: int = 1, lists: tuple[str, ...] = ("dense", "bm25")) -> RetrievalResult:
        """As `Retriever.search_detailed`, from separately cached searches (the keys older caches have)."""
        hits = self.search(query, k, mode, filters)
        return RetrievalResult(hits=hits, lists={
            sub: hits[:depth] if mode == sub else self.search(query, depth, sub, filters, exact=False) for sub in lists})

    def save(self) -> None:
        if not self.dirty:
            return
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self.data, f, ensure_ascii=False)
        os.replace(tmp, self.path)


def split_of(qid: str) -> str:
    n = int("".join(ch for ch in qid if ch.isdigit()) or 0)
    return "dev" if n % 2 else "held-out"


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ab = abstention_stats((r["answerable"], r["abstained"]) for r in rows)
    cps = [r["cited_precision"] for r in rows if r.get("cited_precision") is not None]
    return {"n": len(rows), "cited_p": sum(cps) / len(cps) if cps else None, "answered": len(cps),
            "abst_p": ab["abstention_precision"], "abst_r": ab["abstention_recall"],
            "false_abst": ab["false_abstention"],
            "valid": (sum(r["valid"] for r in rows) / max(1, sum(r["n_cites"] for r in rows)))}


def fmt(f: dict[str, Any]) -> str:
    def pc(x: float | None) -> str:
        return "  -  " if x is None else f"{100 * x:5.1f}"
    return (f"n={f['n']:3d} cited-P {pc(f['cited_p'])} (answered {f['answered']:3d})  abst-P {pc(f['abst_p'])}  "
            f"abst-R {pc(f['abst_r'])}  false-abst {pc(f['false_abst'])}  valid {pc(f['valid'])}")


def report(rows: list[dict[str, Any]], title: str) -> None:
    print(title)
    for name, sel in (("all", rows), ("dev", [r for r in rows if r["split"] == "dev"]),
                      ("held-out", [r for r in rows if r["split"] == "held-out"])):
        print(f"  {name:9s}", fmt(figures(sel)))


def run(items: list[Any], corpus: Any, retriever: Any, cfg: AnswerConfig) -> list[dict[str, Any]]:
    from lexqa.cite.verify import Report, verify_item

    rows = []
    for it in items:
        t = time.perf_counter()
        ans = answer_question(it.question, retriever, corpus, cfg)
        ms = (time.perf_counter() - t) * 1000
        valid = 0
        for c in ans.citations:
            rep = Report()
            verify_item(c, corpus, rep)
            valid += rep.ok
        row = {"id": it.id, "split": split_of(it.id), "answerable": it.answerable, "abstained": ans.abstained,
               "language": it.language, "signals": ans.signals, "ms": ms,
               "cited": [c.id for c in ans.citations], "roles": [c.role for c in ans.citations],
               "gold": sorted(f"{d}:{p}" for d, p in it.keys), "n_cites": len(ans.citations), "valid": valid,
               "top": [h.id for h in ans.retrieved[:5]]}
        if it.answerable and not ans.abstained:
            row["cited_precision"] = cited_precision([provision_key(c) for c in ans.citations], it.keys)
        rows.append(row)
    return rows


def sweep(rows: list[dict[str, Any]], base: AnswerConfig, grid: dict[str, list[Any]]) -> None:
    """Grid search on dev: maximise (answered-correctly-ish) = abst-R + (1 - false-abst) with
    cited-P of the answered questions as the tie-break; print the best few and their held-out."""
    results = []
    names = list(grid)
    for combo in itertools.product(*(grid[n] for n in names)):
        cfg = replace(base, **dict(zip(names, combo)))
        new = []
        for r in rows:
            ok, _ = should_answer(r["signals"], cfg)
            nr = dict(r, abstained=not ok)
            if not ok:
                nr.pop("cited_precision", None)
            elif r["answerable"] and "cited_precision" not in r:
                nr["cited_precision"] = r.get("cp_if_answered")
            new.append(nr)
        dev = figures([r for r in new if r["split"] == "dev"])
        ho = figures([r for r in new if r["split"] == "held-out"])
        al = figures(new)
        # abstention recall + (1 - false abstention) + w * cited-P of what is answered (SWEEP_CP_WEIGHT)
        score = (dev["abst_r"] or 0) + (1 - (dev["false_abst"] or 0)) + CP_WEIGHT * (dev["cited_p"] or 0)
        results.append((score, dev["cited_p"] or 0, combo, dev, ho, al))
    results.sort(key=lambda x: (-x[0], -x[1]))
    for score, _, combo, dev, ho, al in results[:8]:
        print(dict(zip(names, combo)), f"score {score:.3f}")
        print("   dev     ", fmt(dev))
        print("   held-out", fmt(ho))
        print("   all     ", fmt(al))


def _open(cfg: AnswerConfig) -> AnswerConfig:
    """The same answerer with every abstention threshold disabled."""
    off = {n: -1.0 for n in ("overlap_min", "dense_min", "dense_min_id", "peripheral_overlap_min",
                              "peripheral_dense_min", "peripheral_dense_min_id", "agree_bonus") if hasattr(cfg, n)}
    return replace(cfg, **off)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="evals/gold.jsonl")
    ap.add_argument("--index-dir", default="index")
    ap.add_argument("--corpus-dir", default=None)
    ap.add_argument("--cache", default="/tmp/lexqa-hits.json")
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--docs", default="", help="'subset' or a comma list, as `lexqa eval --docs`")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--dump", default="", help="comma-separated question ids to print in detail")
    ap.add_argument("--open", action="store_true", help="also report with abstention off")
    ap.add_argument("--set-cfg", default="", help='JSON overrides of AnswerConfig, e.g. {"rank_penalty": 0.1}')
    ap.add_argument("--rows", default="", help="write per-question rows (JSON) here")
    args = ap.parse_args()

    from lexqa.service.session import load_corpus

    corpus = load_corpus(args.corpus_dir)
    items = load_gold(args.set)
    if args.docs:  # as `lexqa eval --docs`: restrict corpus and gold (use the matching --index-dir)
        from lexqa.evaluate.gold import restrict_to_docs
        from lexqa.evaluate.subset import restrict_corpus, subset_docs

        wanted = subset_docs() if args.docs == "subset" else [d.strip() for d in args.docs.split(",") if d.strip()]
        corpus = restrict_corpus(corpus, wanted)
        items = restrict_to_docs(items, wanted)
    cache = Path(args.cache)
    if args.refresh:
        cache.unlink(missing_ok=True)

    def real():
        from lexqa.retrieve import Retriever
        return Retriever.open(args.index_dir, corpus, auto_build=False)

    retriever = CachedRetriever(corpus, cache, real)
    cfg = AnswerConfig.load(**json.loads(args.set_cfg or "{}"))
    if args.open:
        # citation choice alone: every question answered (abstention off)
        o = run(items, corpus, retriever, _open(cfg))
        report(o, "abstention off (cited-P of every answerable question)")
    rows = run(items, corpus, retriever, cfg)
    retriever.save()
    report(rows, "answerer with data/answer.toml")
    if args.rows:
        Path(args.rows).write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    for qid in [q for q in args.dump.split(",") if q]:
        for r in rows:
            if r["id"] == qid:
                print(json.dumps(r, ensure_ascii=False))
    if args.sweep:
        # what each answerable question's cited-P would be if answered: run once with abstention off
        open_rows = {r["id"]: r for r in run(items, corpus, retriever, _open(cfg))}
        for r in rows:
            r["cp_if_answered"] = open_rows[r["id"]].get("cited_precision")
        grid = {k: v for k, v in json.loads(os.environ.get("SWEEP_GRID", "{}")).items()} or {
            "overlap_min": [0.3, 0.4, 0.5, 0.6],
            "dense_min": [0.80, 0.82, 0.83, 0.84, 0.85],
            "dense_min_id": [0.82, 0.84, 0.85, 0.86],
        }
        sweep(rows, cfg, grid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
