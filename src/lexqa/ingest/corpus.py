"""Load a corpus directory into the provision store.

Manifest documents first, then every other *.md / *.txt / *.pdf file (metadata guessed
from its first lines). Each file is loaded by its extension, parsed on its own, and the
files of one document are combined:

* ``parts = true`` (an excerpt split over files): provisions are concatenated;
* otherwise the files are alternate sources of the same text (``uu-21-2007.md`` and the
  official ``pdf/uu-21-2007.pdf``): each unit (a Pasal with its ayat/huruf, a Penjelasan
  entry with its sub-entries, Menimbang, ...) is taken whole from the most complete
  source, and where the sources disagree a ParseIssue says so.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import kinds
from ..errors import CorpusError, LexqaError
from ..models import Document, DocumentMeta, ParseIssue, Provision, SourceText
from ..store import Corpus
from ..text import fold
from ..parse.literature.classify import classify_unlisted
from .files import SOURCE_SUFFIXES, discover, discover_files, file_sha  # noqa: F401  (re-exported)
from .manifest import guess_meta, load_manifest

_MISSING_FLAGS = ("missing-body", "empty-body", "no-body")
_MAX_EXAMPLES = 8


def load_source(path: Path, relpath: str) -> SourceText:
    """Load one file with the loader for its extension."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .pdf import load_pdf

        return load_pdf(path, relpath)
    from .markdown import load_markdown

    return load_markdown(path, relpath)


def load_corpus(
    corpus_dir: str | Path,
    *,
    manifest: str | Path | None = None,
    use_manifest: bool = True,
    include_unlisted: bool = True,
) -> Corpus:
    """Parse every document of `corpus_dir` into a Corpus.

    `manifest`: manifest path (default: `lexqa.config.manifest_path()`, i.e. LEXQA_MANIFEST or
    the packaged lexqa/data/manifest.toml); `use_manifest=False` ingests everything by guessed metadata.
    Manifest documents with none of their files in `corpus_dir` are left out; a document with
    only some of its files present gets a "missing-file" issue.
    Problems with single files become ParseIssues on their document, never exceptions.
    """
    from ..config import manifest_path

    cdir = Path(corpus_dir).expanduser()
    if not cdir.is_dir():
        what = "is a file, not a directory" if cdir.exists() else "not found"
        raise CorpusError(f"corpus directory {what}: {cdir}")
    metas: dict[str, DocumentMeta] = {}
    if use_manifest:  # a missing or unreadable manifest is an error, never "everything in force"
        metas = load_manifest(Path(manifest) if manifest else manifest_path())
    listed = {f for m in metas.values() for f in m.files}
    present, problems = discover(cdir)
    for msg in problems:
        print(f"warning: corpus {cdir}: {msg}", file=sys.stderr)

    # a manifest document none of whose files is here is simply not part of this corpus (a user's
    # own folder of PDFs is checked against the project manifest too); a partly missing one is reported
    present_set = set(present)
    metas = {k: m for k, m in metas.items() if any(f in present_set or (cdir / f).is_file() for f in m.files)}
    builders: dict[str, _DocBuild] = {m.id: _DocBuild(m) for m in metas.values()}
    cache: dict[str, SourceText] = {}

    # manifest documents: load the listed files, check presence and checksums
    for meta in metas.values():
        b = builders[meta.id]
        for rel in meta.files:
            path = cdir / rel
            if not path.is_file():
                b.issues.append(ParseIssue(meta.id, "missing-file",
                                           f"{rel} is listed in the manifest but not in {cdir}", rel, severity="error"))
                continue
            src = _load(path, rel, b)
            if src is None:
                continue
            want = meta.sha256.get(rel)
            if want and src.sha256 != want:
                b.issues.append(ParseIssue(
                    meta.id, "checksum-mismatch",
                    f"{rel}: sha256 {src.sha256[:12]}… differs from the manifest ({want[:12]}…); "
                    "the file changed since it was catalogued", rel))
            b.sources.append(src)

    # files not in the manifest: guess their metadata; same guessed id → alternate sources
    if include_unlisted:
        for rel in present:
            if rel in listed:
                continue
            tmp = _DocBuild(DocumentMeta(id="?", title=rel, label=rel, kind="literature", language="id", files=[rel]))
            src = _load(cdir / rel, rel, tmp)
            if src is None:
                stem_meta = guess_meta(rel, "")
                b = builders.setdefault(stem_meta.id, _DocBuild(stem_meta))
                b.issues.extend(ParseIssue(stem_meta.id, i.code, i.message, rel, severity=i.severity)
                                for i in tmp.issues)
                continue
            guessed = classify_unlisted(guess_meta(rel, src.text), src, guess_meta(rel, "").id)
            if guessed.id in builders and builders[guessed.id].meta.parts:
                # an excerpt document split into parts: a whole extra text is not one of its parts
                stem = guess_meta(rel, "")
                guessed.id = stem.id if stem.id not in builders else f"{stem.id}-{len(builders)}"
            if guessed.id in builders:
                b = builders[guessed.id]
                if rel not in b.meta.files:
                    b.meta.files.append(rel)
                how = "an extra source of" if b.meta.in_manifest else "another source of"
                b.issues.append(ParseIssue(guessed.id, "not-in-manifest",
                                           f"{rel} is not in the manifest; its first lines identify it as "
                                           f"{guessed.label}, so it is used as {how} {b.meta.label}", rel,
                                           severity="info"))
            else:
                b = builders[guessed.id] = _DocBuild(guessed)
                b.issues.append(ParseIssue(guessed.id, "not-in-manifest",
                                           f"{rel} is not in the manifest; metadata guessed from its first lines: "
                                           f"{guessed.label} ({guessed.kind})", rel, severity="info"))
            b.sources.append(src)

    documents = [b.build() for b in builders.values()]
    loaded = {src.file: src.sha256 for b in builders.values() for src in b.sources}
    hashes = {rel: loaded.get(rel) or file_sha(cdir / rel) for rel in present}
    mp = manifest_path()
    if mp.is_file():
        hashes["<manifest>"] = file_sha(mp)
    corpus = Corpus(documents, corpus_dir=str(cdir))
    # the corpus as read (not as it is when the build ends): what the index records as its source state
    corpus.source_hashes = hashes  # type: ignore[attr-defined]
    corpus.discovery_problems = problems  # type: ignore[attr-defined]
    return corpus


@dataclass
class _DocBuild:
    meta: DocumentMeta
    sources: list[SourceText] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)

    def build(self) -> Document:
        meta = self.meta
        parsed: list[tuple[str, list[Provision]]] = []
        issues = list(self.issues)
        for src in self.sources:
            provs, iss = parse_file(meta, src)
            parsed.append((src.file, provs))
            issues.extend(iss)
        if not self.sources and meta.in_manifest:
            issues.append(ParseIssue(meta.id, "no-source", "none of the listed files could be loaded",
                                     severity="error"))
        if meta.parts or len(parsed) <= 1:
            provisions, more = concat_parts(meta.id, parsed)
            if kinds.spec(meta.kind).amends and len(parsed) > 1:
                # a Penjelasan file parsed apart from its body links only to article level
                from ..parse.amendment import relink_penjelasan

                relink_penjelasan(provisions)
        else:
            provisions, more = merge_alternates(meta.id, parsed)
            more_by_unit = {i.provision for i in more if i.code == "taken-from-alternate" and i.provision}
            for i in issues:  # a defect the other source made good is no longer a warning
                if i.provision and i.severity != "info" and _unit_of(meta.id, i.provision) in more_by_unit:
                    i.severity = "info"
                    i.message += " (resolved: this part was taken from another source)"
        issues.extend(more)
        return Document(meta=meta, provisions=provisions, issues=issues,
                        texts={s.file: s.text for s in self.sources})


def _load(path: Path, rel: str, b: _DocBuild) -> SourceText | None:
    try:
        return load_source(path, rel)
    except LexqaError as e:
        b.issues.append(ParseIssue(b.meta.id, "unreadable", e.message + (f" ({e.hint})" if e.hint else ""), rel,
                                   severity="error"))
    except OSError as e:
        b.issues.append(ParseIssue(b.meta.id, "unreadable", f"{rel}: {e}", rel, severity="error"))
    return None


def parse_file(meta: DocumentMeta, src: SourceText) -> tuple[list[Provision], list[ParseIssue]]:
    """parse_source for one file; a parser crash becomes an error issue so the corpus still loads."""
    from ..parse import parse_source

    try:
        provs, issues = parse_source(meta, src)
    except Exception as e:  # noqa: BLE001 - one bad file must not take down the whole corpus
        return [], [ParseIssue(meta.id, "parse-failed", f"{src.file}: parser failed: {type(e).__name__}: {e}",
                               src.file, severity="error")]
    for p in provs:
        if p.source_file is None:
            p.source_file = src.file
    for i in issues:
        if i.source_file is None:
            i.source_file = src.file
    return list(provs), list(issues)


# ---------------------------------------------------------------------- combining sources

def _unit_of(doc: str, pid: str) -> str:
    """The merge unit of a provision id: "pasal-16" for .../pasal-16/ayat-1, "penjelasan/pasal-16" for
    .../penjelasan/pasal-16/ayat-2, "menimbang", "article-3", ..."""
    rel = pid[len(doc) + 1:] if pid.startswith(doc + "/") else pid
    segs = rel.split("/")
    if segs[0] == "penjelasan" and len(segs) > 1:
        return "/".join(segs[:2])
    return segs[0]


def concat_parts(doc: str, parsed: list[tuple[str, list[Provision]]]) -> tuple[list[Provision], list[ParseIssue]]:
    """Files that are consecutive parts of one text: keep every provision, first id wins."""
    seen: set[str] = set()
    out: list[Provision] = []
    dups: list[tuple[str, str]] = []
    for file, provs in parsed:
        for p in provs:
            if p.id in seen:
                dups.append((p.id, file))
                continue
            seen.add(p.id)
            out.append(p)
    issues = []
    if dups:
        ex = ", ".join(f"{pid} ({f})" for pid, f in dups[:_MAX_EXAMPLES])
        issues.append(ParseIssue(doc, "duplicate", f"{len(dups)} provision id(s) occur in more than one part; "
                                 f"the first occurrence was kept: {ex}", dups[0][1], dups[0][0]))
    return out, issues


def _top_body_len(top: Provision | None) -> int:
    """Length of a unit's own text beyond its heading (0 when there is no body)."""
    if top is None:
        return 0
    body = fold(top.text)
    head = fold(top.heading or "")
    if head and body.startswith(head):
        body = body[len(head):]
    return len(re.sub(r"[\W_]+", "", body))


def _unit_score(unit: list[Provision], doc: str, key: str) -> tuple[int, int]:
    top = next((p for p in unit if p.id == f"{doc}/{key}"), None)
    flagged = any(f in _MISSING_FLAGS for p in unit[:1] + ([top] if top else []) for f in p.flags)
    has_body = (_top_body_len(top) > 0 or (top is not None and top.empty) or len(unit) > 1) and not flagged
    return (1 if has_body else 0, len(unit))


def _comparable(unit: list[Provision], doc: str, key: str) -> str:
    top = next((p for p in unit if p.id == f"{doc}/{key}"), None)
    text = top.text if top else " ".join(p.text for p in unit)
    return re.sub(r"[\W_]+", "", fold(text))


def _label(key: str) -> str:
    """"pasal-2" → "Pasal 2", "penjelasan/pasal-2" → "Penjelasan Pasal 2", "article-3" → "Article 3"."""
    out = []
    for seg in key.split("/"):
        m = re.match(r"([a-z]+)-(.+)$", seg)
        out.append(f"{m.group(1).capitalize()} {m.group(2).upper() if m.group(1) == 'pasal' else m.group(2)}"
                   if m else seg.capitalize())
    return " ".join(out)


def merge_alternates(doc: str, parsed: list[tuple[str, list[Provision]]]) -> tuple[list[Provision], list[ParseIssue]]:
    """Merge alternate sources of one text, unit by unit (see module docstring).

    `parsed` is [(file, provisions)], primary source first. A unit is taken from the source
    where it has a body and is not flagged as missing one; among those, the one with more
    provisions (ayat, huruf, ...); on a tie, the earlier (primary) source.
    """
    files = [f for f, _ in parsed]
    units: list[dict[str, list[Provision]]] = []
    orders: list[list[str]] = []
    for _, provs in parsed:
        u: dict[str, list[Provision]] = {}
        order: list[str] = []
        for p in provs:
            k = _unit_of(doc, p.id)
            if k not in u:
                u[k] = []
                order.append(k)
            u[k].append(p)
        units.append(u)
        orders.append(order)

    # reading order: the primary's, with units only found elsewhere slotted in after their predecessor
    merged_order: list[str] = list(orders[0]) if orders else []
    placed = set(merged_order)
    for order in orders[1:]:
        prev: str | None = None
        for k in order:
            if k not in placed:
                at = merged_order.index(prev) + 1 if prev is not None and prev in placed else \
                    (0 if prev is None else len(merged_order))
                merged_order.insert(at, k)
                placed.add(k)
            prev = k

    issues: list[ParseIssue] = []
    out: list[Provision] = []
    missing: dict[int, list[str]] = {}
    differ: dict[tuple[int, int], list[str]] = {}
    taken_other: dict[int, list[str]] = {}
    for k in merged_order:
        cands = [(i, units[i][k]) for i in range(len(parsed)) if k in units[i]]
        best_i, best = max(cands, key=lambda c: (_unit_score(c[1], doc, k), -c[0]))
        out.extend(best)
        for i in range(len(parsed)):
            if k not in units[i]:
                missing.setdefault(i, []).append(k)
        if best_i != 0:
            if k in units[0] and _unit_score(units[0][k], doc, k)[0] == 0:
                issues.append(ParseIssue(
                    doc, "taken-from-alternate",
                    f"{_label(k)} has no body in {files[0]}; taken from {files[best_i]}",
                    files[best_i], f"{doc}/{k}", severity="info"))
            elif k not in units[0]:
                issues.append(ParseIssue(
                    doc, "taken-from-alternate", f"{_label(k)} is missing in {files[0]}; taken from {files[best_i]}",
                    files[best_i], f"{doc}/{k}", severity="info"))
            else:
                taken_other.setdefault(best_i, []).append(k)
        ref = _comparable(best, doc, k)
        for i, unit in cands:
            if i != best_i and ref and _comparable(unit, doc, k) != ref:
                differ.setdefault((best_i, i), []).append(k)

    for i, keys in missing.items():
        ex = ", ".join(_label(k) for k in keys[:_MAX_EXAMPLES]) + (" …" if len(keys) > _MAX_EXAMPLES else "")
        issues.append(ParseIssue(doc, "source-missing",
                                 f"{files[i]} lacks {len(keys)} part(s) found in another source: {ex}",
                                 files[i], f"{doc}/{keys[0]}"))
    for i, keys in taken_other.items():
        ex = ", ".join(_label(k) for k in keys[:_MAX_EXAMPLES]) + (" …" if len(keys) > _MAX_EXAMPLES else "")
        issues.append(ParseIssue(doc, "taken-from-alternate",
                                 f"{len(keys)} part(s) are more complete in {files[i]} than in {files[0]} "
                                 f"and were taken from it: {ex}", files[i], f"{doc}/{keys[0]}", severity="info"))
    for (a, b), keys in differ.items():
        ex = ", ".join(_label(k) for k in keys[:_MAX_EXAMPLES]) + (" …" if len(keys) > _MAX_EXAMPLES else "")
        issues.append(ParseIssue(doc, "source-mismatch",
                                 f"{files[a]} and {files[b]} disagree (ignoring case, spacing and punctuation) "
                                 f"in {len(keys)} of {len(merged_order)} part(s): {ex}",
                                 files[b], f"{doc}/{keys[0]}"))
    return out, issues
