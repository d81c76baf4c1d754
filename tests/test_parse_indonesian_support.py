"""Shared helpers (no tests) for the Indonesian parser tests: load a real corpus file and parse it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lexqa.models import DocumentMeta, ParseIssue, Provision, SourceText
from lexqa.parse.indonesian import parse_regulation


def load_source(corpus_dir: Path, rel: str) -> SourceText:
    """The file as the project's loader normalises it (the parser's real input)."""
    path = corpus_dir / rel
    if rel.endswith(".pdf"):
        from lexqa.ingest.pdf import load_pdf

        return load_pdf(path, rel)
    from lexqa.ingest.markdown import load_markdown

    return load_markdown(path, rel)


@lru_cache(maxsize=None)
def _parse_cached(corpus_dir: str, rel: str, doc: str) -> tuple[SourceText, list[Provision], list[ParseIssue]]:
    src = load_source(Path(corpus_dir), rel)
    meta = DocumentMeta(id=doc, title=doc, label=doc, kind="statute", language="id", files=[rel])
    provs, issues = parse_regulation(meta, src)
    return src, provs, issues


def parse_file(corpus_dir: Path, rel: str, doc: str | None = None):
    doc = doc or Path(rel).stem
    return _parse_cached(str(corpus_dir), rel, doc)


def synthetic(text: str, doc: str = "uu-99-2099") -> tuple[list[Provision], list[ParseIssue]]:
    meta = DocumentMeta(id=doc, title=doc, label=doc, kind="statute", language="id", files=["x.md"])
    return parse_regulation(meta, SourceText(file="x.md", text=text, format="markdown"))


def by_id(provs: list[Provision]) -> dict[str, Provision]:
    return {p.id: p for p in provs}


def pasal_numbers(provs: list[Provision]) -> list[str]:
    return [p.pasal for p in provs if p.kind == "pasal" and p.parent is None]  # type: ignore[misc]


def penjelasan_pasal_numbers(provs: list[Provision]) -> list[str]:
    return [p.pasal for p in provs  # type: ignore[misc]
            if p.kind == "penjelasan" and p.parent is None]
