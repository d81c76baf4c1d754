"""Corpus validation: what each document can and cannot answer (`lexqa corpus check`).

Per document: which files were used for how many provisions, the Pasal/Article sequence
found against the expected 1..max (gaps, duplicates, order), empty bodies, provisions taken
from a secondary source (and why the primary one could not serve), Penjelasan coverage,
OCR-suspect tokens, manifest checksum mismatches, amendment points, and every ParseIssue
the loaders and parsers recorded. Each document gets a verdict: "complete",
"complete-with-notes", "gaps" or "badly damaged".
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import kinds
from ..norm import norm_coverage
from .damage import lost_headings

if TYPE_CHECKING:
    from ..models import Document, Provision
    from ..store import Corpus

# OCR confusions: a digit next to a letter that OCR mistakes for one ("2OlL", "l20", "5O9"),
# an unclosed "(21 " ayat marker, non-letters inside a word ("Er€rrrb€ntuk"), case flips
# inside a word ("PenutuP", "TraJficking"), and misreads seen in this corpus.
_OCR_PATTERNS = [
    re.compile(r"(?<![\w/.-])(?=[\w]*\d)(?=[\w]*[OolIL])(?:\d+[OolIL]+[\dOolIL]*|[OolIL]+\d[\dOolIL]*)(?![\w/-])"),
    re.compile(r"(?<![\w])\(\d{1,2}(?=\s)(?![\d)])"),
    re.compile(r"\b[A-Za-z]+[€©®¢£¥§^][A-Za-z€©®¢£¥§^]*\b"),
    re.compile(r"\b[A-Z]?[a-z]{2,}[A-Z][a-z]*[A-Z]?\b"),
    re.compile(r"\b(?:Tatrun|REPUBUK|REPUBLTK|INDONESTA|Pasa1|PasaI|ayat\s*\(I\)|Menimbang\s*:\s*:)\b"),
]
_CASE_OK = re.compile(r"^(?:[A-Z][a-z]+[A-Z][a-z]+)$")   # "McDonald", "PowerPoint": rare in statutes


@dataclass
class FileReport:
    file: str
    provisions: int = 0
    exists: bool = True
    sha256_expected: str | None = None
    sha256_actual: str | None = None

    @property
    def checksum_ok(self) -> bool | None:
        if not self.sha256_expected or not self.sha256_actual:
            return None
        return self.sha256_expected == self.sha256_actual


@dataclass
class DocReport:
    id: str
    label: str
    kind: str
    language: str
    in_manifest: bool
    files: list[FileReport] = field(default_factory=list)
    unit: str = "Pasal"                  # Pasal | Article | section
    found: int = 0                       # distinct numbered units found
    expected: int = 0                    # 1..max
    first: str | None = None
    last: str | None = None
    inserted: list[str] = field(default_factory=list)      # 76A-style numbers
    gaps: list[str] = field(default_factory=list)
    lost_headings: list[dict[str, Any]] = field(default_factory=list)   # gaps whose text is inside another unit
    duplicates: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    empty_bodies: list[str] = field(default_factory=list)
    from_other_source: list[dict[str, str]] = field(default_factory=list)
    amendment: dict[str, Any] | None = None
    penjelasan: dict[str, Any] | None = None
    ocr_suspects: int = 0
    ocr_examples: list[str] = field(default_factory=list)
    provisions: int = 0
    issues: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdict: str = "complete"
    norm: dict[str, Any] | None = None   # lexqa.norm.norm_coverage: provisions read by modality, penalties
    literature: dict[str, Any] | None = None   # lexqa.commentary.literature_report: structure and links

    @property
    def range(self) -> str:
        if self.unit == "section":
            return f"{self.found} sections"
        if not self.found:
            return "none"
        return f"{self.unit} {self.first}–{self.last}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for f, fr in zip(d["files"], self.files):
            f["checksum_ok"] = fr.checksum_ok
        d["range"] = self.range
        return d


@dataclass
class CorpusReport:
    corpus_dir: str | None
    documents: list[DocReport]

    def to_dict(self) -> dict[str, Any]:
        verdicts = Counter(d.verdict for d in self.documents)
        return {
            "corpus_dir": self.corpus_dir,
            "n_documents": len(self.documents),
            "n_provisions": sum(d.provisions for d in self.documents),
            "verdicts": dict(verdicts),
            "documents": [d.to_dict() for d in self.documents],
        }

    def get(self, doc_id: str) -> DocReport | None:
        return next((d for d in self.documents if d.id == doc_id), None)


def ocr_suspects(text: str) -> list[str]:
    """Tokens that look like OCR damage (in text order, repeats kept)."""
    hits: list[tuple[int, str]] = []
    for i, rx in enumerate(_OCR_PATTERNS):
        for m in rx.finditer(text):
            tok = m.group(0)
            if i == 3 and _CASE_OK.match(tok) and not re.search(r"[a-z][A-Z]$", tok):
                continue
            if i == 0 and re.fullmatch(r"\d+[A-Z]", tok) and re.search(r"Pasal\s+$", text[max(0, m.start() - 8):m.start()]):
                continue   # "Pasal 28I", "Pasal 76I": inserted articles, not OCR damage
            hits.append((m.start(), tok))
    hits.sort()
    return [t for _, t in hits]


def _num(s: str) -> int | None:
    m = re.match(r"^(\d+)$", s or "")
    return int(m.group(1)) if m else None


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _units(doc: "Document") -> tuple[str, list["Provision"]]:
    """The numbered top-level units of a document body, in reading order."""
    spec = kinds.spec(doc.meta.kind)
    provs = doc.provisions
    if spec.citation != "pasal":   # articles and sections: the top-level units of their kinds
        return spec.unit_label, [p for p in provs if p.kind in spec.unit_kinds and p.parent is None]
    body = [p for p in provs if p.kind == "pasal" and not p.is_penjelasan and not p.amends
            and not p.point and (p.parent is None or "/angka-" not in p.id)]
    if spec.amends:
        points = [p for p in provs if p.kind == "point" and not p.is_penjelasan]
        if points:
            return "point", points   # "Pasal I angka 1..N" / "Pasal 106 angka N": the unit is the point
    return spec.unit_label, body


def _unit_no(unit: str, p: "Provision") -> str | None:
    return p.angka if unit == "point" else p.pasal


def _why_not_primary(primary_text: str | None, pasal: str | None) -> str:
    """What the primary source has where a Pasal had to come from elsewhere."""
    if primary_text is None or not pasal:
        return "not in the primary source"
    body = re.split(r"(?m)^[ \t#*_]*PENJELASAN\s*$|PENJELASAN\s+ATAS\s", primary_text, maxsplit=1)[0]
    rx = re.compile(rf"(?m)^[ \t#*_]*Pasal\s+{re.escape(pasal)}\s*$")
    m = rx.search(body)
    if not m:
        if re.search(rf"\S[ \t]+Pasal\s+{re.escape(pasal)}(?![\w])", body):
            return "has the heading run into the end of another line"
        return "lacks the heading"
    rest = primary_text[m.end():].lstrip()
    if re.match(r"(?:[#*_ ]*)(Pasal\s+\S+|BAB\s+[IVXLC]+)\s*(?:\n|$)", rest):
        return "has no body for it (the heading is followed directly by the next heading)"
    return "has a different or shorter text"


def check_document(doc: "Document", corpus: "Corpus") -> DocReport:
    meta = doc.meta
    rep = DocReport(id=meta.id, label=meta.label, kind=meta.kind, language=meta.language,
                    in_manifest=meta.in_manifest, provisions=len(doc.provisions))
    base = Path(corpus.corpus_dir) if corpus.corpus_dir else None
    used = Counter(p.source_file for p in doc.provisions)
    for f in meta.files:
        fr = FileReport(file=f, provisions=used.get(f, 0), sha256_expected=meta.sha256.get(f))
        if base is not None:
            path = base / f
            fr.exists = path.is_file()
            fr.sha256_actual = _sha256(path) if fr.exists else None
        rep.files.append(fr)
        if not fr.exists:
            rep.notes.append(f"file {f} listed in the manifest is missing")
        elif fr.checksum_ok is False:
            rep.notes.append(f"checksum mismatch for {f}: the file differs from the one the manifest describes")
    for f, n in used.items():
        if f and f not in meta.files:
            rep.files.append(FileReport(file=f, provisions=n))

    # --- numbered units
    unit, units = _units(doc)
    rep.unit = unit
    if unit == "section":
        rep.found = len(units)
        rep.expected = len(units)
        if units:
            rep.first, rep.last = units[0].heading, units[-1].heading
    else:
        nums = [n for n in (_unit_no(unit, p) for p in units) if n]
        numeric = [n for n in (_num(x) for x in nums) if n is not None]
        rep.inserted = [x for x in nums if _num(x) is None and re.match(r"^\d+[A-Za-z]+$", x)]
        distinct = sorted(set(numeric))
        rep.found = len(distinct)
        # the Penjelasan numbers its Pasal too: a last Pasal lost from the body still shows there
        pen_nums = [] if unit != "Pasal" else [
            n for n in (_num(p.pasal or "") for p in doc.provisions
                        if p.kind == "penjelasan" and not p.amends and not p.point) if n is not None]
        if distinct:
            top = max(distinct + pen_nums)
            if top > max(distinct):
                rep.notes.append(f"the Penjelasan goes up to {unit} {top}; the body stops at {max(distinct)}")
            rep.expected = top
            rep.first, rep.last = str(min(distinct)), str(max(distinct))
            rep.gaps = [str(i) for i in range(1, top + 1) if i not in set(distinct)]
        for lost in lost_headings(doc.issues):
            rep.lost_headings.append(asdict(lost))
            rep.notes.append(f"{unit} {lost.pasal}: the source lost this heading; its text is inside "
                             f"{corpus.label(lost.into)} from offset {lost.offset} (\u201c{lost.quote[:40]}\u2026\u201d)")
        counts = Counter(numeric)
        rep.duplicates = [str(n) for n, c in sorted(counts.items()) if c > 1]
        prev = 0
        for n in numeric:
            if n < prev:
                rep.out_of_order.append(f"{n} after {prev}")
            prev = max(prev, n)
    for iss in doc.issues:
        # parsers report a repeated heading they folded into the previous unit
        if iss.code != "duplicate" or iss.message.lower().startswith("penjelasan") or "/penjelasan/" in (
            iss.provision or ""
        ):
            continue
        m = (re.search(r"(?:pasal|article)-(\w+)$", iss.provision or "")
             or re.search(r"(?:Pasal|Article)\s+(\w+)\s+appears", iss.message))
        if m and m.group(1).upper() not in {d.upper() for d in rep.duplicates}:
            rep.duplicates.append(m.group(1).upper() if not m.group(1).isdigit() else m.group(1))
    for p in units:
        if not p.text.strip() or p.text.strip() == (p.heading or "").strip():
            rep.empty_bodies.append(_unit_no(unit, p) or p.id)

    # --- provisions taken from another file than the primary one
    primary = meta.files[0] if meta.files else None
    parts = bool(getattr(meta, "parts", False))
    if primary and len(meta.files) > 1 and not parts:
        for p in units:
            if p.source_file and p.source_file != primary and p.source_file in meta.files:
                why = _why_not_primary(doc.texts.get(primary), p.pasal)
                rep.from_other_source.append({"provision": p.id, "file": p.source_file, "primary": primary,
                                              "why": why})
                rep.notes.append(f"{unit} {p.pasal} taken from {p.source_file}: {primary} {why}")

    # --- amendment laws: points and the articles they change
    points = [p for p in doc.provisions if p.kind == "point"]
    if kinds.spec(meta.kind).amends or points:
        amended = [p for p in doc.provisions if p.amends and p.kind == "pasal" and not p.is_penjelasan]
        changes = Counter((p.change or "?") for p in (amended or points))
        rep.amendment = {
            "points": len(points),
            "targets": sorted({p.amends for p in doc.provisions if p.amends}),
            "amended_articles": [f"{p.pasal} ({p.change})" if p.change else str(p.pasal) for p in amended],
            "changes": dict(changes),
        }
        if not points:
            rep.notes.append("amendment law with no amendment points parsed")

    # --- Penjelasan coverage: units with at least one Penjelasan entry for them or their parts
    pen = [p for p in doc.provisions if p.kind == "penjelasan"]
    umum = any(p.kind == "penjelasan-umum" for p in doc.provisions)
    if pen or umum:
        by_unit: dict[str, list[bool]] = {}
        unit_ids = [p.id for p in units]
        for q in pen:
            target = q.explains or ""
            for uid in unit_ids:
                if target == uid or target.startswith(uid + "/"):
                    by_unit.setdefault(uid, []).append(q.empty)
                    break
        cukup = [k for k, v in by_unit.items() if all(v)]
        rep.penjelasan = {
            "umum": umum,
            "entries": len(pen),
            "pasal_total": len(unit_ids),
            "pasal_with_penjelasan": len(by_unit),
            "cukup_jelas": len(cukup),
            "substantive": len(by_unit) - len(cukup),
        }
        if pen and not by_unit:
            rep.notes.append(f"{len(pen)} Penjelasan entries, none linked to a {unit}")
    elif meta.language == "id" and unit in ("Pasal", "point"):
        rep.notes.append("no Penjelasan in the source")

    # --- OCR suspects over the normalised source texts
    toks: list[str] = []
    for f, t in doc.texts.items():
        toks.extend(ocr_suspects(t))
    rep.ocr_suspects = len(toks)
    seen: list[str] = []
    for t in toks:
        if t not in seen:
            seen.append(t)
        if len(seen) >= 8:
            break
    rep.ocr_examples = seen

    rep.issues = [asdict(i) for i in doc.issues]
    rep.norm = norm_coverage(corpus, meta.id)

    # --- verdict
    defects = len(rep.gaps) + len(rep.duplicates) + len(rep.out_of_order) + len(rep.empty_bodies)
    if unit != "section" and rep.found == 0:
        rep.verdict = "badly damaged"
        rep.notes.append(f"no {unit} found")
    elif defects > max(3, 0.05 * max(rep.expected, 1)):
        rep.verdict = "badly damaged"
    elif defects:
        rep.verdict = "gaps"
    elif (rep.notes or rep.from_other_source or any(i.severity != "info" for i in doc.issues)
          or rep.ocr_suspects or (rep.amendment is not None and not rep.amendment["points"])):
        rep.verdict = "complete-with-notes"
    else:
        rep.verdict = "complete"
    if kinds.spec(meta.kind).is_literature:
        from ..commentary import literature_report, report_line

        rep.literature = literature_report(meta.id, corpus)
        rep.notes[:0] = [report_line(rep.literature)] + [f"flagged: {n}" for n in rep.literature["flagged"]]
    if unit != "section" and rep.found:
        if not rep.gaps and not rep.duplicates:
            rep.notes.insert(0, f"{unit} {rep.first}–{rep.last}: {rep.found}/{rep.expected} found, complete")
        else:
            rep.notes.insert(0, f"{unit} {rep.first}–{rep.last}: {rep.found}/{rep.expected} found; "
                                f"missing {_short(rep.gaps)}; duplicated {_short(rep.duplicates)}")
    return rep


def _short(xs: list[str], n: int = 12) -> str:
    if not xs:
        return "none"
    s = ", ".join(xs[:n])
    return s + (f", … (+{len(xs) - n})" if len(xs) > n else "")


def check_corpus(corpus: "Corpus", doc: str | None = None) -> CorpusReport:
    """Validate every document (or one) of a parsed corpus."""
    docs = [corpus.documents[doc]] if doc else list(corpus.documents.values())
    return CorpusReport(corpus_dir=str(corpus.corpus_dir) if corpus.corpus_dir else None,
                        documents=[check_document(d, corpus) for d in docs])
