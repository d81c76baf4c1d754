"""CLI: ``lexqa corpus check`` (what the corpus can and cannot answer) and ``lexqa corpus list``."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from .common import CorpusDirOpt, JsonOpt, console, emit_json, session

corpus_app = typer.Typer(help="Inspect and validate the corpus.", no_args_is_help=True)

_VERDICT_STYLE = {"complete": "green", "complete-with-notes": "cyan", "gaps": "yellow", "badly damaged": "red"}


def _cov(pen: dict | None) -> str:
    if not pen:
        return "—"
    s = f"{pen['pasal_with_penjelasan']}/{pen['pasal_total']}"
    if pen["cukup_jelas"]:
        s += f" ({pen['cukup_jelas']} cukup jelas)"
    if pen["umum"]:
        s += " +umum"
    return s


@corpus_app.command("check")
def check(
    corpus_dir: Optional[str] = CorpusDirOpt,
    json_out: bool = JsonOpt,
    doc: Optional[str] = typer.Option(None, "--doc", help="Check one document (id, e.g. uu-6-2011)."),
) -> None:
    """Per document: units found vs expected, gaps, Penjelasan coverage, OCR suspects, verdict.

    A report, not a test: exits 0 even when documents are damaged.
    """
    res = session(corpus_dir).check(doc)
    report, load_s = res.report, res.parse_seconds
    data = res.to_dict()
    if json_out:
        emit_json(data)
        return
    rich = sys.stdout.isatty()
    if rich:
        from rich.table import Table

        table = Table(title=f"corpus check: {data['corpus_dir']} ({data['n_documents']} documents, "
                            f"{data['n_provisions']} provisions, parsed in {load_s:.1f} s)")
        for col in ("doc", "label", "kind", "units found/expected", "gaps", "Penjelasan", "OCR suspects", "verdict"):
            table.add_column(col, overflow="fold")
        for d in report.documents:
            table.add_row(
                d.id, d.label, d.kind,
                f"{d.range} {d.found}/{d.expected}" if d.unit != "section" else f"{d.found} sections",
                _gaps(d), _cov(d.penjelasan), str(d.ocr_suspects),
                f"[{_VERDICT_STYLE.get(d.verdict, 'white')}]{d.verdict}[/]",
            )
        console.print(table)
    else:
        print(f"corpus check: {data['corpus_dir']} ({data['n_documents']} documents, "
              f"{data['n_provisions']} provisions, parsed in {load_s:.1f} s)")
        print("\t".join(("doc", "label", "kind", "units", "found/expected", "gaps", "penjelasan", "ocr", "verdict")))
        for d in report.documents:
            print("\t".join((d.id, d.label, d.kind, d.range, f"{d.found}/{d.expected}", _gaps(d),
                             _cov(d.penjelasan), str(d.ocr_suspects), d.verdict)))
    out = console.print if rich else print
    out("")
    out("notes:" if not rich else "[bold]notes[/]")
    for d in report.documents:
        lines = list(d.notes)
        if d.ocr_examples:
            lines.append(f"OCR suspects ({d.ocr_suspects}), e.g. " + ", ".join(repr(x) for x in d.ocr_examples[:6]))
        if d.amendment:
            a = d.amendment
            lines.append(f"amendment: {a['points']} points on {', '.join(a['targets']) or '?'}; "
                         f"articles {', '.join(a['amended_articles'][:15]) or 'none'}")
        if d.norm and set(d.norm["by_modality"]) - {"other"}:
            lines.append(_norm_line(d.norm))
        for f in d.files:
            lines.append(f"file {f.file}: {f.provisions} provisions"
                         + ("" if f.checksum_ok is not False else " (CHECKSUM MISMATCH)")
                         + ("" if f.exists else " (MISSING)"))
        warn = [i for i in d.issues if i["severity"] != "info"]
        for i in warn[:8]:
            lines.append(f"{i['severity']} {i['code']}: {i['message']}")
        if len(warn) > 8:
            lines.append(f"… {len(warn) - 8} more warnings (--json for all)")
        head = f"{d.label} ({d.id}) — {d.verdict}"
        if rich:
            console.print(f"[bold]{head}[/]", highlight=False)
            for ln in lines:
                console.print(f"  • {ln}", markup=False, highlight=False)
        else:
            print(head)
            for ln in lines:
                print(f"  - {ln}")


def _norm_line(n: dict) -> str:
    mods = ", ".join(f"{k} {v}" for k, v in sorted(n["by_modality"].items(), key=lambda kv: -kv[1]) if k != "other")
    line = f"norms: {mods or 'none'} (of {n['provisions']})"
    if n["penalty_texts"]:
        line += f"; penalty clauses read {n['penalties_parsed']}/{n['penalty_texts']}"
    if n["source_defects"]:
        line += f"; {len(n['source_defects'])} amounts/durations whose words disagree or are unreadable (--json)"
    if n.get("ocr_repairs"):
        line += f"; {len(n['ocr_repairs'])} OCR-damaged numbers read as their words confirm (--json)"
    return line


def _gaps(d) -> str:
    bits = []
    if d.gaps:
        bits.append(f"missing {len(d.gaps)}")
    if d.duplicates:
        bits.append(f"dup {len(d.duplicates)}")
    if d.out_of_order:
        bits.append(f"order {len(d.out_of_order)}")
    if d.empty_bodies:
        bits.append(f"empty {len(d.empty_bodies)}")
    return ", ".join(bits) or "—"


@corpus_app.command("list")
def list_docs(
    corpus_dir: Optional[str] = CorpusDirOpt,
    json_out: bool = JsonOpt,
) -> None:
    """Documents with label, kind, language, files and whether they are in the manifest."""
    listing = session(corpus_dir).corpus_list()
    data = listing.to_dict()
    rows = data["documents"]
    if json_out:
        emit_json(data)
        return
    if sys.stdout.isatty():
        from rich.table import Table

        t = Table(title=f"corpus: {listing.corpus_dir}")
        for col in ("id", "label", "kind", "lang", "files", "provisions", "source"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r["id"], r["label"], r["kind"], r["language"], ", ".join(r["files"]), str(r["provisions"]),
                      "manifest" if r["in_manifest"] else "[yellow]guessed[/]")
        console.print(t)
    else:
        for r in rows:
            print("\t".join((r["id"], r["label"], r["kind"], r["language"], ",".join(r["files"]),
                             str(r["provisions"]), "manifest" if r["in_manifest"] else "guessed")))


def register(app: typer.Typer) -> None:
    """Add the `corpus` command group to the main app."""
    app.add_typer(corpus_app, name="corpus")
