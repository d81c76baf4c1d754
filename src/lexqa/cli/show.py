"""CLI: ``lexqa show CITATION`` — the exact text of a provision, its place, Penjelasan and status."""

from __future__ import annotations

import sys
from typing import Any, Optional

import typer

from ..service.history import describe_row
from .common import CorpusDirOpt, JsonOpt, StrictOpt, emit_json, err_console, session, source_warnings

AsOfOpt = typer.Option(None, "--as-of", help="the date the law is read on (YYYY-MM-DD; default today)")


def _error_line(d: dict[str, Any]) -> str:
    msg = f"error: cannot resolve {d['citation']!r}: {d['reason']}"
    if d["did_you_mean"]:
        msg += "; did you mean: " + ", ".join(d["did_you_mean"])
    if d["nearest"]:
        msg += "; nearest: " + ", ".join(f"{n['label']} ({n['id']})" for n in d["nearest"])
    return msg


def _place(d: dict[str, Any]) -> str:
    order = ["buku", "bab", "bagian", "paragraf", "chapter"]
    parts = [d["place"][k] for k in order if d["place"].get(k)]
    parts += [v for k, v in d["place"].items() if k not in order and v]
    return " › ".join(parts)


def _on(d: dict[str, Any]) -> str:
    return f"on {d['as_of']}" if d["as_of"] else "today"


def _plain(d: dict[str, Any]) -> str:
    out = [f"{d['label']}  [{d['id']}]"]
    if d["heading"]:
        out.append(f"heading: {d['heading']}")
    if _place(d):
        out.append(f"place: {_place(d)}")
    out.append(f"source: {d['source_file']} [{d['start']}:{d['end']}]")
    if d["status"]["summary"]:
        out.append(f"status {_on(d)}: {d['status']['summary']}")
    if d["status"]["note"]:
        out.append(f"ratification: {d['status']['note']}")
    out.append("")
    out.append(d["text"])
    v = d["in_force_version"]
    if v and v["provision"] and v["text"] != d["text"]:
        out.append("")
        out.append(f"--- in force {_on(d)}: {v['provision_label']} [{v['provision']}], "
                   f"{v['valid_from']} → {v['valid_to'] or '…'} ---")
        out.append(v["text"])
    if d["amends"]:
        a = d["amends"]
        out.append("")
        out.append(f"{a['change'] or 'changes'}: {a['target_label']} ({a['point'] or ''})".rstrip())
    for e in d["status"]["events"]:
        if e["kind"] == "revoked" and e["by_text"]:  # the revoking words; amended words: the version above
            out.append("")
            out.append(f"--- {e['description']} ---")
            out.append(e["by_text"])
        if e["replaced_by_text"]:
            out.append("")
            out.append(f"--- replacement: {e['replaced_by_label']} ---")
            out.append(e["replaced_by_text"])
    if d["history"]:
        out.append("")
        out.append(f"history of {d['address_label']}:")
        out.extend("  " + describe_row(r) for r in d["history"])
    if d["penjelasan"]:
        for q in d["penjelasan"]:
            out.append("")
            tag = " (Cukup jelas: says nothing)" if q["empty"] else ""
            out.append(f"--- {q['label']}{tag} ---")
            out.append(q["text"])
    elif d["language"] == "id" and d["kind"] not in ("penjelasan", "penjelasan-umum"):
        out.append("")
        out.append("Penjelasan: none in this corpus")
    if d["explains"]:
        out.append("")
        out.append(f"explains: {d['explains']['label']} ({d['explains']['id']})")
    from ..commentary import discussion_lines

    out.extend(discussion_lines(d.get("discussed_in", [])))
    return "\n".join(out)


def _rich(d: dict[str, Any]) -> None:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    c = Console()
    meta = Text()
    if d["heading"]:
        meta.append(f"{d['heading']}\n", style="bold")
    if _place(d):
        meta.append(f"{_place(d)}\n", style="cyan")
    if d["status"]["summary"]:
        meta.append(f"status {_on(d)}: {d['status']['summary']}\n",
                    style="green" if d["status"]["in_force"] else "yellow")
    if d["status"]["note"]:
        meta.append(f"ratification: {d['status']['note']}\n", style="dim")
    meta.append(f"source: {d['source_file']} [{d['start']}:{d['end']}]", style="dim")
    c.print(Panel(Group(meta, Text(""), Text(d["text"])), title=f"[bold]{d['label']}[/] [dim]{d['id']}[/]",
                  title_align="left"))
    if d["amends"]:
        a = d["amends"]
        c.print(f"[magenta]{a['change'] or 'changes'}[/]: {a['target_label']}  [dim]{a['point'] or ''}[/]")
    v = d["in_force_version"]
    if v and v["provision"] and v["text"] != d["text"]:
        c.print(Panel(Text(v["text"]), title=f"in force {_on(d)}: {v['provision_label']} "
                      f"[dim]{v['provision']}, {v['valid_from']} → {v['valid_to'] or '…'}[/]",
                      title_align="left", border_style="green"))
    for e in d["status"]["events"]:
        if e["kind"] == "revoked" and e["by_text"]:
            c.print(Panel(Text(e["by_text"]), title=e["description"], title_align="left", border_style="yellow"))
        if e["replaced_by_text"]:
            c.print(Panel(Text(e["replaced_by_text"]), title=f"replacement: {e['replaced_by_label']}",
                          title_align="left", border_style="yellow"))
    if d["history"]:
        c.print(f"[cyan]history of {d['address_label']}:[/]")
        for r in d["history"]:
            c.print("  " + describe_row(r), markup=False, highlight=False)
    for q in d["penjelasan"]:
        title = q["label"] + (" [dim](Cukup jelas: says nothing)[/]" if q["empty"] else "")
        c.print(Panel(Text(q["text"]), title=title, title_align="left", border_style="blue"))
    if not d["penjelasan"] and d["language"] == "id" and d["kind"] not in ("penjelasan", "penjelasan-umum"):
        c.print("[dim]Penjelasan: none in this corpus[/]")
    if d["explains"]:
        c.print(f"explains: {d['explains']['label']} [dim]({d['explains']['id']})[/]")
    from ..commentary import discussion_lines

    for line in discussion_lines(d.get("discussed_in", [])):
        c.print(line, markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add `show` to the main app."""

    @app.command("show")
    def show(
        citation: list[str] = typer.Argument(..., help='e.g. "UU 6/2011 Pasal 16 ayat (1) huruf b", '
                                                       '"Article 3(a) Palermo Protocol", a provision id'),
        corpus_dir: Optional[str] = CorpusDirOpt,
        json_out: bool = JsonOpt,
        as_of: Optional[str] = AsOfOpt,
        strict: bool = StrictOpt,
    ) -> None:
        """Print a provision verbatim with its place, Penjelasan, status, the text in force on a date and its history."""
        text = " ".join(citation).strip()
        s = session(corpus_dir)
        d = s.show(text, as_of=as_of).to_dict()
        warned = source_warnings(s, [d["id"]], strict) if d["ok"] else []
        if warned:  # only then: the output of a trusted source is unchanged
            d["source_warnings"] = warned
        if not d["ok"]:
            if json_out:
                emit_json(d)
            else:
                err_console.print(_error_line(d), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2)
        if json_out:
            emit_json(d)
        elif sys.stdout.isatty():
            _rich(d)
        else:
            sys.stdout.write(_plain(d) + "\n")
