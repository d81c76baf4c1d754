"""Run the gold set through every mode and collect per-question rows and summaries.

Modes:
  * ``hybrid`` / ``dense`` / ``bm25``: lexqa's Retriever (same index, same embedder). The
    ``hybrid`` row also runs the full answer pipeline (`lexqa.answer.answer_question`) when it is
    available, which adds cited-precision, citation validity and abstention figures.
  * ``naive-langchain``: `baseline.NaiveLangChainBaseline` (raw text, 1000/200 splitter, FAISS,
    same embedder).

Latency is wall time per question for that mode (retrieval only for the retrieval modes; the
full answer, retrieval included, for the answer pipeline).
"""

from __future__ import annotations

import datetime as _dt
import inspect
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import LexqaError
from ..retrieve.current import today
from .answers import answer_row, currency_row, guide_summary, summarise_answers, summarise_issue10
from .gold import GoldItem, counts
from .metrics import Key, aggregate, breakdown, breakdown_by_tag, cited_precision, dedupe, provision_key, rank_metrics

RETRIEVER_MODES = ("hybrid", "dense", "bm25")
NAIVE = "naive-langchain"
ALL_MODES = (*RETRIEVER_MODES, NAIVE)
K = 10

Progress = Callable[[str], None]


def parse_modes(spec: str | None) -> list[str]:
    if not spec:
        return list(ALL_MODES)
    modes = [m.strip() for m in spec.split(",") if m.strip()]
    bad = [m for m in modes if m not in ALL_MODES]
    if bad:
        raise LexqaError(f"unknown eval mode(s): {', '.join(bad)}", hint="use " + ",".join(ALL_MODES))
    return modes


def _answer_fn() -> Callable[..., Any] | None:
    try:
        from ..answer import answer_question  # type: ignore[attr-defined]
    except ImportError:
        return None
    return answer_question


def _call_answer(fn: Callable[..., Any], question: str, corpus: Any, retriever: Any, as_of: str | None = None) -> Any:
    """Call answer_question with whichever of corpus/retriever/as_of it accepts."""
    params = inspect.signature(fn).parameters
    kw: dict[str, Any] = {}
    if as_of and "as_of" in params:
        kw["as_of"] = as_of
    if "corpus" in params:
        kw["corpus"] = corpus
    if "retriever" in params:
        kw["retriever"] = retriever
    return fn(question, **kw)


def _citation_valid(item: Any, corpus: Any) -> bool:
    """One citation passes H6's fail-closed checks (exists, quote verbatim)."""
    try:
        from ..cite.verify import Report, verify_item
    except ImportError:  # verifier absent: fall back to existence + verbatim quote
        p = corpus.get(item.id)
        return p is not None and (not item.quote or " ".join(item.quote.split()) in " ".join(p.text.split()))
    rep = Report()
    verify_item(item, corpus, rep)
    return rep.ok


def _row(it: GoldItem) -> dict[str, Any]:
    return {"id": it.id, "language": it.language, "persona": it.persona, "answerable": it.answerable,
            "tags": it.tags, "gold": sorted(d if p is None else f"{d}:{p}" for d, p in it.keys)}


def _guide_answer(ans: Any, it: GoldItem, corpus: Any) -> Any:
    """What `lexqa ask` answers when a checkpoint guide fits (the composer's lead over the guide)."""
    import copy

    from ..answer import AnswerConfig
    from ..service.guides import answer_with_guide
    from ..service.session import with_guide

    from ..service.guides import guide_applies

    if not guide_applies(it.question):
        return None
    g = answer_with_guide(corpus, it.question, it.as_of, AnswerConfig.load())
    if g is None or g.answer.abstained:
        return None
    return with_guide(copy.deepcopy(ans), g.answer, corpus)


def _score_ranking(row: dict[str, Any], it: GoldItem, ranked: Sequence[Key]) -> None:
    row["ranked"] = [d if p is None else f"{d}:{p}" for d, p in dedupe(ranked)[:K]]
    if it.answerable:
        row["metrics"] = rank_metrics(ranked, it.keys)


def run_retriever_mode(mode: str, items: Sequence[GoldItem], retriever: Any, corpus: Any,
                       with_answers: bool, progress: Progress | None = None) -> list[dict[str, Any]]:
    answer = _answer_fn() if with_answers else None
    # warm-up (not timed): the first query loads the model, which is not per-question latency
    retriever.search("warm up", k=1, mode=mode)
    if answer is not None:
        _call_answer(answer, "warm up", corpus, retriever)
    rows = []
    for n, it in enumerate(items, 1):
        row = _row(it)
        t0 = time.perf_counter()
        hits = retriever.search(it.question, k=K, mode=mode)
        row["latency_ms"] = (time.perf_counter() - t0) * 1000
        _score_ranking(row, it, [provision_key(h.provision) for h in hits])
        if answer is not None:
            t1 = time.perf_counter()
            day = it.as_of.isoformat() if it.as_of else today().isoformat()
            ans = _call_answer(answer, it.question, corpus, retriever, day)
            row["answer_latency_ms"] = (time.perf_counter() - t1) * 1000
            row["as_of"] = day
            row.update(currency_row(ans, corpus, day))
            row.update(answer_row(ans, it, corpus))
            row["split"] = it.split
            g = _guide_answer(ans, it, corpus)
            if g is not None:
                row["guide"] = g.engine
                row["with_guide"] = answer_row(g, it, corpus)
                if it.answerable:  # what the guide's extra provisions cost in precision
                    row["with_guide"]["cited_precision"] = cited_precision(
                        [provision_key(c) for c in g.citations], it.keys)
            if "scenario" in it.tags:
                row["scenario"] = True
            row["abstained"] = bool(ans.abstained)
            cites = list(ans.citations)
            row["cited"] = [c.id for c in cites]
            row["citations_total"] = len(cites)
            row["citations_valid"] = sum(1 for c in cites if _citation_valid(c, corpus))
            if it.answerable:
                row["cited_precision"] = cited_precision([provision_key(c) for c in cites], it.keys)
        rows.append(row)
        if progress:
            progress(f"{mode} {n}/{len(items)}")
    return rows


def run_naive(items: Sequence[GoldItem], baseline: Any, progress: Progress | None = None) -> list[dict[str, Any]]:
    baseline.search("warm up", k=1)  # not timed
    rows = []
    for n, it in enumerate(items, 1):
        row = _row(it)
        t0 = time.perf_counter()
        ranked = baseline.search(it.question, k=K)
        row["latency_ms"] = (time.perf_counter() - t0) * 1000
        _score_ranking(row, it, ranked)
        rows.append(row)
        if progress:
            progress(f"{NAIVE} {n}/{len(items)}")
    return rows


def summarise(mode_rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for mode, rows in mode_rows.items():
        s = aggregate(rows)
        s["by_language"] = breakdown(rows, "language")
        s["by_persona"] = breakdown(rows, "persona")
        s["by_tag"] = breakdown_by_tag(rows)
        if any("answer_latency_ms" in r for r in rows):
            from .metrics import percentile

            s.update(summarise_answers(rows))
            s.update(summarise_issue10(rows))
            for split in ("dev", "held-out"):
                part = [r for r in rows if r.get("split") == split]
                s[split] = {**aggregate(part), **summarise_issue10(part)}
            s["scenarios"] = summarise_issue10([r for r in rows if r.get("scenario")])
            s["guides"] = guide_summary(rows)
            dated = [r for r in rows if "date-dependent" in (r.get("tags") or [])]
            s["date_dependent"] = summarise_answers(dated)

            lat = [r["answer_latency_ms"] for r in rows if "answer_latency_ms" in r]
            s["answer_p50_ms"] = percentile(lat, 50)
            s["answer_p95_ms"] = percentile(lat, 95)
        out[mode] = s
    return out


def run_eval(items: Sequence[GoldItem], corpus: Any, *, modes: Sequence[str], embedder: str | None,
             index_dir: str | Path | None, corpus_dir: str | Path | None, answers: bool = True,
             progress: Progress | None = None, retriever: Any = None) -> dict[str, Any]:
    """Evaluate `items` in every mode; returns the results document (what `lexqa eval` writes)."""
    started = time.time()
    mode_rows: dict[str, list[dict[str, Any]]] = {}
    used_embedder = embedder
    lexqa_modes = [m for m in modes if m in RETRIEVER_MODES]
    if lexqa_modes:
        if retriever is None:
            from ..retrieve import Retriever

            retriever = Retriever.open(index_dir, corpus, embedder=embedder, corpus_dir=corpus_dir)
        used_embedder = used_embedder or retriever.index.meta.get("embedder")
        for m in lexqa_modes:
            mode_rows[m] = run_retriever_mode(m, items, retriever, corpus, answers and m == "hybrid", progress)
    notes: list[str] = []
    if NAIVE in modes:
        from ..config import resolve_corpus_dir, resolve_index_dir
        from ..index.embed import get_embedder
        from .baseline import NaiveLangChainBaseline

        emb = get_embedder(used_embedder)
        used_embedder = getattr(emb, "name", used_embedder)
        try:
            from ..index.store import cache_dir

            cpath: Path | None = cache_dir(resolve_index_dir(index_dir)) / "naive.sqlite"
        except ImportError:
            cpath = None
        cdir = Path(corpus_dir) if corpus_dir else Path(corpus.corpus_dir or resolve_corpus_dir(None))
        base = NaiveLangChainBaseline.build(
            corpus, cdir, emb, cache_path=cpath,
            progress=(lambda d, t, s: progress(f"{NAIVE} embedding {d}/{t}")) if progress else None)
        notes.append(f"{NAIVE}: {len(base.chunks)} chunks of raw text")
        mode_rows[NAIVE] = run_naive(items, base, progress)
    if answers and "hybrid" in lexqa_modes and _answer_fn() is None:
        notes.append("answer pipeline (lexqa.answer.answer_question) not available: no answer metrics")
    return {
        "date": _dt.date.today().isoformat(),
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "embedder": used_embedder,
        "modes": list(mode_rows),
        "k": K,
        "gold": counts(items),
        "docs": sorted(getattr(corpus, "documents", {}) or []),
        "seconds": round(time.time() - started, 1),
        "notes": notes,
        "summary": summarise(mode_rows),
        "questions": mode_rows,
    }


def write_results(doc: dict[str, Any], out_dir: str | Path, name: str | None = None) -> Path:
    """Atomic write of evals/results/<date>.json (temp file in the same dir, then rename); a same-day file
    is never overwritten: the next free <date>-2.json, -3… is taken (`name` given: that file, replaced)."""
    d = Path(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
            f.write("\n")
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only
        if name:
            path = d / name
            os.replace(tmp, path)
            return path
        for n in range(1, 10_000):
            path = d / (f"{doc['date']}.json" if n == 1 else f"{doc['date']}-{n}.json")
            try:
                os.link(tmp, path)  # fails if the file exists: no clobbering, even between two runs
            except FileExistsError:
                continue
            Path(tmp).unlink()
            return path
        raise FileExistsError(f"no free results file name for {doc['date']} in {d}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
