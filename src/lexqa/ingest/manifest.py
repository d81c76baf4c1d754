"""The manifest (lexqa/data/manifest.toml, shipped in the package; LEXQA_MANIFEST overrides): one
entry per document, validated into `DocumentMeta`s.

Files that are not in the manifest get metadata guessed from their first lines
(`guess_meta`), so a folder of the user's own statute PDFs still ingests.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .. import kinds
from ..errors import CorpusError
from ..instruments import instrument_types
from ..models import CourtDecision, DocumentMeta, Revocation


def _ocr_digits() -> dict[int, str]:
    # imported where used: importing lexqa.parse loads every parser, which a search never needs
    from ..parse.ocr import HEAD_DIGITS

    return HEAD_DIGITS


if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

KINDS = kinds.names()
LANGUAGES = ("id", "en")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_DOC_KEYS = {"id", "title", "label", "kind", "language", "files", "number", "year", "sha256", "amends",
             "revocations", "court_decisions", "ratified_by", "ratification_note", "in_force", "effective", "notes",
             "parts", "aliases",
             "query_aliases", "text_aliases"}
_REV_KEYS = {"target", "by", "effective", "replaced_by", "note"}
_DEC_KEYS = {"number", "target", "phrase", "effect", "date", "evidence", "note"}
DECISION_EFFECTS = ("phrase-struck",)
_EXT_KEYS = {"id", "label", "title", "notes", "amends", "articles", "effective"}
_EXT_LISTS = ("amends", "articles")


def load_manifest(path: str | Path) -> dict[str, DocumentMeta]:
    """Read and validate a manifest; raise CorpusError naming the entry and field at fault."""
    p = Path(path)
    if not p.is_file():
        raise CorpusError(f"manifest not found: {p}",
                          hint="without it no document has a legal status; unset LEXQA_MANIFEST or reinstall lexqa")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise CorpusError(f"manifest {p} cannot be read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise CorpusError(f"manifest {p} is not valid TOML: {e}") from None
    entries = data.get("documents", [])
    if not isinstance(entries, list):
        raise CorpusError(f"manifest {p}: 'documents' must be an array of tables ([[documents]])")
    out: dict[str, DocumentMeta] = {}
    owner: dict[str, str] = {}
    for i, e in enumerate(entries):
        meta = _entry(e, f"{p.name} entry {i + 1}")
        if meta.id in out:
            raise CorpusError(f"{p.name}: duplicate document id '{meta.id}'")
        for f in meta.files:
            if f in owner:
                raise CorpusError(f"{p.name}: file '{f}' is listed by both '{owner[f]}' and '{meta.id}'")
            owner[f] = meta.id
        out[meta.id] = meta
    for meta in out.values():
        for t in meta.amends:
            if t not in out:
                # allowed (the target may simply not be collected), but it must look like an id
                if not _ID.match(t):
                    raise CorpusError(f"{p.name} '{meta.id}': amends '{t}' is not a document id")
    return out


def load_external(path: str | Path) -> dict[str, dict[str, Any]]:
    """The manifest's [[external]] entries: instruments referred to but not held ({id: entry}).

    Text fields are strings; `amends` (document ids) and `articles` (the Pasal numbers it changes,
    all when absent) are lists; `effective` an ISO date."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise CorpusError(f"manifest {p} cannot be read: {e}") from None
    out: dict[str, dict[str, str]] = {}
    for i, e in enumerate(data.get("external", [])):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not _ID.match(e["id"]):
            raise CorpusError(f"{p.name} external entry {i + 1}: 'id' missing or not lowercase [a-z0-9-]")
        unknown = set(e) - _EXT_KEYS
        if unknown:
            raise CorpusError(f"{p.name} external '{e['id']}': unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(e.get("label"), str) or not e["label"].strip():
            raise CorpusError(f"{p.name} external '{e['id']}': 'label' missing or empty")
        for key in _EXT_LISTS:
            if key in e and (not isinstance(e[key], list) or not all(isinstance(a, str) for a in e[key])):
                raise CorpusError(f"{p.name} external '{e['id']}': '{key}' must be a list of strings")
        if e.get("effective") is not None and not _DATE.match(str(e["effective"])):
            raise CorpusError(f"{p.name} external '{e['id']}': 'effective' must be an ISO date YYYY-MM-DD")
        out[e["id"]] = {k: (list(v) if k in _EXT_LISTS else str(v)) for k, v in e.items()}
    return out


def _entry(e: Any, where: str) -> DocumentMeta:
    if not isinstance(e, dict):
        raise CorpusError(f"{where}: not a table")
    did = e.get("id")
    if not isinstance(did, str) or not _ID.match(did):
        raise CorpusError(f"{where}: 'id' missing or not lowercase [a-z0-9-] ({did!r})")
    where = f"manifest entry '{did}'"
    unknown = set(e) - _DOC_KEYS
    if unknown:
        raise CorpusError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for key in ("title", "label"):
        if not isinstance(e.get(key), str) or not e[key].strip():
            raise CorpusError(f"{where}: '{key}' missing or empty")
    if e.get("kind") not in KINDS:
        raise CorpusError(f"{where}: kind {e.get('kind')!r} is not one of {', '.join(KINDS)}")
    if e.get("language") not in LANGUAGES:
        raise CorpusError(f"{where}: language {e.get('language')!r} is not one of {', '.join(LANGUAGES)}")
    files = e.get("files")
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
        raise CorpusError(f"{where}: 'files' must be a non-empty list of paths")
    for f in files:
        pp = PurePosixPath(f)
        if pp.is_absolute() or ".." in pp.parts:
            raise CorpusError(f"{where}: file '{f}' must be relative to the corpus directory")
    if len(set(files)) != len(files):
        raise CorpusError(f"{where}: a file is listed twice")
    number = e.get("number")
    if number is not None and not isinstance(number, (str, int)):
        raise CorpusError(f"{where}: 'number' must be a string")
    year = e.get("year")
    if year is not None and (not isinstance(year, int) or not 1800 <= year <= 2200):
        raise CorpusError(f"{where}: 'year' must be an integer year")
    sha = e.get("sha256", {})
    if not isinstance(sha, dict):
        raise CorpusError(f"{where}: 'sha256' must be a table file = checksum")
    for f, s in sha.items():
        if f not in files:
            raise CorpusError(f"{where}: sha256 given for '{f}', which is not in 'files'")
        if not isinstance(s, str) or not _SHA.match(s):
            raise CorpusError(f"{where}: sha256 of '{f}' is not 64 lowercase hex digits")
    for key in ("effective",):
        v = e.get(key)
        if v is not None and (not isinstance(v, str) or not _DATE.match(v)):
            raise CorpusError(f"{where}: '{key}' must be an ISO date YYYY-MM-DD (got {v!r})")
    for key in ("in_force", "parts"):
        if key in e and not isinstance(e[key], bool):
            raise CorpusError(f"{where}: '{key}' must be true or false")
    amends = e.get("amends", [])
    if not isinstance(amends, list) or not all(isinstance(a, str) for a in amends):
        raise CorpusError(f"{where}: 'amends' must be a list of document ids")
    aliases, query_aliases = _names(e, "aliases", where), _names(e, "query_aliases", where)
    if {a.lower() for a in aliases} & {a.lower() for a in query_aliases}:
        raise CorpusError(f"{where}: a name is in both 'aliases' and 'query_aliases'")
    text_aliases = e.get("text_aliases", [])
    if not isinstance(text_aliases, list) or not set(text_aliases) <= set(aliases):
        raise CorpusError(f"{where}: 'text_aliases' must be a list of names from 'aliases'")
    revs = [_revocation(r, did, f"{where} revocation {j + 1}") for j, r in enumerate(e.get("revocations", []))]
    decisions = [_decision(r, did, f"{where} court decision {j + 1}")
                 for j, r in enumerate(e.get("court_decisions", []))]
    for key in ("ratified_by", "ratification_note"):
        if key in e and (not isinstance(e[key], str) or not e[key].strip()):
            raise CorpusError(f"{where}: '{key}' must be a non-empty string")
    if "ratified_by" in e and not _ID.match(e["ratified_by"]):
        raise CorpusError(f"{where}: 'ratified_by' must be a document id (got {e['ratified_by']!r})")
    return DocumentMeta(
        id=did, title=e["title"].strip(), label=e["label"].strip(), kind=e["kind"], language=e["language"],
        files=list(files), number=str(number) if number is not None else None, year=year, sha256=dict(sha),
        amends=list(amends), revocations=revs, court_decisions=decisions, ratified_by=e.get("ratified_by"),
        ratification_note=e.get("ratification_note"), in_force=e.get("in_force", True), effective=e.get("effective"),
        notes=e.get("notes"), in_manifest=True, parts=e.get("parts", False), aliases=aliases,
        query_aliases=query_aliases, text_aliases=list(text_aliases),
    )


def _names(e: dict[str, Any], key: str, where: str) -> list[str]:
    names = e.get(key, [])
    if not isinstance(names, list) or not all(isinstance(a, str) and a.strip() for a in names):
        raise CorpusError(f"{where}: '{key}' must be a list of non-empty names")
    if len({a.lower() for a in names}) != len(names):
        raise CorpusError(f"{where}: a name is listed twice in '{key}'")
    return list(names)


def _sub_table(r: Any, keys: set[str], doc_id: str, where: str) -> str:
    """Check a revocation / court-decision table: known keys, a 'target' inside `doc_id`; the target."""
    if not isinstance(r, dict):
        raise CorpusError(f"{where}: not a table")
    unknown = set(r) - keys
    if unknown:
        raise CorpusError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    target = r.get("target")
    if not isinstance(target, str) or not _PID.match(target) or not target.startswith(doc_id + "/"):
        raise CorpusError(f"{where}: 'target' must be a provision id inside '{doc_id}' (got {target!r})")
    return target


def _optional_date(r: dict[str, Any], key: str, where: str) -> str | None:
    v = r.get(key)
    if v is not None and (not isinstance(v, str) or not _DATE.match(v)):
        raise CorpusError(f"{where}: '{key}' must be an ISO date YYYY-MM-DD (got {v!r})")
    return v


def _revocation(r: Any, doc_id: str, where: str) -> Revocation:
    target = _sub_table(r, _REV_KEYS, doc_id, where)
    by = r.get("by")
    if not isinstance(by, str) or not _PID.match(by):
        raise CorpusError(f"{where}: 'by' must be a provision id (got {by!r})")
    rb = r.get("replaced_by")
    if rb is not None and (not isinstance(rb, str) or not _PID.match(rb)):
        raise CorpusError(f"{where}: 'replaced_by' must be a provision id (got {rb!r})")
    eff = _optional_date(r, "effective", where)
    return Revocation(target=target, by=by, effective=eff, replaced_by=rb, note=r.get("note"))


def _decision(r: Any, doc_id: str, where: str) -> CourtDecision:
    target = _sub_table(r, _DEC_KEYS, doc_id, where)
    number = r.get("number")
    if not isinstance(number, str) or not number.strip():
        raise CorpusError(f"{where}: 'number' missing or empty")
    if r.get("effect") not in DECISION_EFFECTS:
        raise CorpusError(f"{where}: effect {r.get('effect')!r} is not one of {', '.join(DECISION_EFFECTS)}")
    phrase = r.get("phrase")
    if not isinstance(phrase, str) or not phrase.strip():
        raise CorpusError(f"{where}: a phrase-struck decision needs the struck 'phrase'")
    d = _optional_date(r, "date", where)
    evidence = r.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(x, str) and _PID.match(x) for x in evidence):
        raise CorpusError(f"{where}: 'evidence' must be a list of provision ids")
    if d is None and not evidence:
        raise CorpusError(f"{where}: a decision without a 'date' needs the 'evidence' that records it")
    return CourtDecision(number=number.strip(), target=target, effect=r["effect"], phrase=phrase, date=d,
                         evidence=list(evidence), note=r.get("note"))


# ---------------------------------------------------------------------- guessing

# OCR-tolerant digits: O/o → 0, l/I/i → 1 inside number tokens.
_NUM = r"([0-9OolIiL]{1,4})"
_YEAR = r"([0-9OolIiL]{4})"
_NOMOR = re.compile(r"N\s*O\s*M\s*O\s*R\s*[:.]?\s*" + _NUM + r"\s+T\s*A\s*H\s*U\s*N\s+" + _YEAR, re.I)
_TENTANG = re.compile(r"\bTENTANG\b\s*(.+?)(?:\n\s*\n|DENGAN\s+RAHMAT|$)", re.S)
_AMEND = re.compile(r"\bPERUBAHAN\b.*?\bATAS\b", re.I | re.S)
_RATIFY = re.compile(r"\bPENGESAHAN\b", re.I)
_TREATY = re.compile(r"\b(Convention|Protocol|Treaty|Agreement|Covenant)\b")
_DECL = re.compile(r"\bDeclaration\b")


def _num(tok: str) -> str:
    """OCR-tolerant number token → digits ("2l" → "21", "2OO7" → "2007")."""
    return tok.translate(_ocr_digits()).lstrip("0") or "0"


_SMALL = {"dan", "atau", "di", "ke", "dari", "atas", "tentang", "yang", "untuk", "bagi", "dalam", "serta",
          "terhadap", "pada", "melalui", "sebagai", "to", "of", "the", "and", "in", "against", "by", "on", "for"}


def _titlecase(s: str) -> str:
    words = s.lower().split(" ")
    return " ".join(w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def guess_meta(relpath: str, text: str) -> DocumentMeta:
    """Metadata for a file not in the manifest, from its first lines (OCR-tolerant).

    "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 11 TAHUN 2008 TENTANG ..." → id ``uu-11-2008``,
    label "UU 11/2008", kind statute. Anything unrecognised falls back to the file stem.
    """
    stem = PurePosixPath(relpath).name
    for ext in (".md", ".txt", ".pdf", ".markdown"):
        if stem.lower().endswith(ext):
            stem = stem[: -len(ext)]
    fallback_id = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "document"
    head = text[:3000]
    # undo markdown emphasis/heading marks and page furniture that can precede the title
    head_clean = re.sub(r"[#*_>`]+", " ", head)
    lines = [ln.strip() for ln in head_clean.splitlines() if ln.strip()]
    joined = "\n".join(lines[:40])
    # the instrument's own title starts a line near the top ("UNDANG-UNDANG REPUBLIK INDONESIA
    # NOMOR 11 TAHUN 2008"); a citation inside a sentence ("... dalam Undang-Undang Nomor 6 ...") is not it
    top = len("\n".join(lines[:12]))
    nomor = _NOMOR.search(joined)
    for itype in instrument_types():
        # allow upper-case furniture before it on the line ("DISTRIBUSI II UNDANG-UNDANG ...")
        m = re.search(r"(?m)^[^\na-z]{0,40}?(?i:" + itype.heading + ")", joined[:top])
        if not m or not nomor or nomor.start() < m.start() or nomor.start() - m.end() > 80:
            continue
        number = _num(nomor.group(1))
        year_s = nomor.group(2).translate(_ocr_digits())
        if not year_s.isdigit():
            continue
        year = int(year_s)
        tentang = _TENTANG.search(joined, nomor.end())
        subject = " ".join(tentang.group(1).split()) if tentang else ""
        subject = subject[:300]
        kind = itype.kind
        if subject and _AMEND.search(subject[:80]):
            kind = "amendment"
        elif subject and _RATIFY.match(subject):
            kind = "ratification"
        title = f"{itype.title} Nomor {number} Tahun {year}"
        if subject:
            title += f" tentang {_titlecase(subject) if subject.isupper() else subject}"
        return DocumentMeta(
            id=f"{itype.id}-{number.lower()}-{year}", title=title, label=f"{itype.label} {number}/{year}",
            kind=kind, language="id", files=[relpath], number=number, year=year, in_manifest=False,
            notes=f"not in the manifest: metadata guessed from the first lines of {relpath}",
        )
    # not an Indonesian instrument: English treaty/declaration, or literature
    title = lines[0] if lines else stem
    if title.lower().startswith("<meta") and len(lines) > 1:
        title = lines[1]
    title = title[:200]
    if _DECL.search(joined[:500]):
        kind = "declaration"
    elif _TREATY.search(joined[:500]) and re.search(r"\bArticle\s+1\b", text[:20000]):
        kind = "treaty"
    else:
        kind = "literature"
    lang = "id" if re.search(r"\b(yang|dan|dengan|adalah)\b", text[:5000]) and \
        len(re.findall(r"\b(yang|dan|dengan)\b", text[:5000])) > len(re.findall(r"\b(the|and|of)\b", text[:5000])) \
        else "en"
    return DocumentMeta(
        id=fallback_id, title=title, label=fallback_id if kinds.spec(kind).is_literature else title[:60],
        kind=kind, language=lang, files=[relpath], in_manifest=False,
        notes=f"not in the manifest: kind guessed ({kind}); id from the file name",
    )


# --------------------------------------------------------------------------- trust in a source

@dataclass(frozen=True)
class SourceNote:
    """Why a document's words are not to be trusted as the law: not catalogued, or changed since."""

    doc: str
    unverified: bool                  # not in the manifest: no legal status, never the legal basis
    modified: tuple[str, ...] = ()    # files whose sha256 differs from the manifest's
    message: str = ""


def source_note(corpus: "Corpus", pid_or_doc: str) -> SourceNote | None:
    """The warning owed for a provision's (or document's) source, None when it is the catalogued text.

    An unlisted file is an unverified source; a listed file whose sha256 differs from the manifest's
    is a modified one. Answers resting on either must say so (`--strict` refuses them)."""
    d = corpus.documents.get(pid_or_doc.split("/", 1)[0])
    if d is None:
        return None
    modified = tuple(i.source_file or "" for i in d.issues if i.code == "checksum-mismatch")
    if d.meta.in_manifest and not modified:
        return None
    bits = []
    if not d.meta.in_manifest:
        bits.append(f"unverified source: {', '.join(d.meta.files)} is not in the manifest, so it carries no legal status")
    if modified:
        bits.append(f"modified source: {', '.join(modified)} differs from the file the manifest catalogued (sha256)")
    return SourceNote(d.id, not d.meta.in_manifest, modified, "; ".join(bits))


def untrusted_sources(corpus: "Corpus", ids: "list[str] | tuple[str, ...]") -> list[SourceNote]:
    """The SourceNotes of the documents behind `ids` (provision or document ids), one per document."""
    seen: dict[str, SourceNote] = {}
    for i in ids:
        n = source_note(corpus, i)
        if n is not None:
            seen.setdefault(n.doc, n)
    return list(seen.values())


def refuse_untrusted(corpus: "Corpus", ids: "list[str] | tuple[str, ...]") -> None:
    """`--strict`: a CorpusError naming the first unverified or modified source behind `ids`."""
    notes = untrusted_sources(corpus, ids)
    if notes:
        raise CorpusError(f"--strict: {notes[0].message}", hint="restore the file or add it to the manifest")
