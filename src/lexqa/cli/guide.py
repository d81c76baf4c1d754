"""CLI: ``lexqa guide`` (list), ``lexqa guide NAME [--as-of D]``, ``lexqa guide check [FILES]``,
``lexqa guide match QUESTION`` (which guide fits, with score and threshold) and
``lexqa guide answer QUESTION`` (the guide-based answer `ask` gives once wired in)."""

from __future__ import annotations

from typing import Optional

import typer

from .common import CorpusDirOpt, JsonOpt, emit_json, session


def register(app: typer.Typer) -> None:
    @app.command("guide")
    def guide_cmd(
        name: Optional[str] = typer.Argument(None, help="A guide id, or check | match | answer; none: list the guides."),
        files: Optional[list[str]] = typer.Argument(None, help="check: guide files or folders instead of the shipped "
                                                    "guides; match/answer: the question."),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="the date the law is read on (YYYY-MM-DD; default today)"),
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
    ) -> None:
        """Checkpoint guides: cited procedures, quoted live from the law in force (and `check` them)."""
        from ..errors import LexqaError
        from ..guides.render import plain_guide

        s = session(corpus_dir)
        if name is None:
            d = s.guides().to_dict()
            if json_out:
                emit_json(d)
                return
            for g in d["guides"]:
                print(f"{g['id']:<30} {g['title']['en']}  [{g['kind']}, checked {g['checked']}, "
                      f"{g['provisions']} provisions]")
            return
        if name == "check":
            res = s.guide_check(as_of, files or None)
            d = res.to_dict()
            if json_out:
                emit_json(d)
            else:
                for r in d["results"]:
                    print(f"{'OK  ' if r['ok'] else 'FAIL'} {r['guide']}: {r['provisions']} provisions, "
                          f"{r['quotes']} quotes (checked {r['checked']}, law read on {r['as_of']})")
                    for e in r["errors"]:
                        print(f"     {e}")
                print(f"{len(d['results']) - len(d['failed'])}/{len(d['results'])} guides pass")
            if not res.ok:
                raise typer.Exit(1)
            return
        if name in ("match", "answer"):
            _question(s, name, " ".join(files or []).strip(), as_of, json_out)
            return
        if files:
            raise LexqaError("extra arguments after the guide name", hint="use `lexqa guide check FILES` to check files")
        r = s.guide(name, as_of)
        if json_out:
            emit_json(r.to_dict())
        else:
            print(plain_guide(r.to_dict()))


def _question(s: object, what: str, question: str, as_of: Optional[str], json_out: bool) -> None:
    import sys

    from ..errors import LexqaError
    from .ask import render_answer

    if not question:
        raise LexqaError(f"guide {what} needs a question", hint=f'lexqa guide {what} "Bolehkah saya menunda keberangkatan ...?"')
    if what == "match":
        m = s.match_guide(question)  # type: ignore[attr-defined]
        d = {"question": question, "match": m.to_dict() if m else None}
        if json_out:
            emit_json(d)
        else:
            print(f"{m.guide}  score {m.score:.3f} >= threshold {m.threshold} (runner-up {m.runner_up} "
                  f"{m.runner_up_score:.3f})" if m else "no guide fits this question")
        return
    r = s.guide_answer(question, as_of)  # type: ignore[attr-defined]
    if r is None:
        raise LexqaError("no guide fits this question", hint="`lexqa ask` answers it from the corpus")
    if json_out:
        emit_json(r.to_dict())
    else:
        render_answer(r.to_dict(), sys.stdout.isatty())
