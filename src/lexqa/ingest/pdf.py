"""PDF loader (pypdf): text in reading order, page furniture removed, offsets per page.

Indonesian statute PDFs (Setneg/JDIH copies) repeat a letterhead ("PRESIDEN / REPUBLIK
INDONESIA", OCR'd as "PRESIDEN REPUBUK INDONESIA" and worse), a page number "- 3 -",
a registry stamp "SK No 243502 A", and end every page with a catchword that repeats the
first words of the next page ("Pasal 3 . . .", "Agar . . ."). None of that is law text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import CorpusError
from ..models import SourceText
from ..parse.spans import is_page_furniture

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_HYPHEN_BREAK = re.compile(r"(\w+)-\n(\w+)")

_MIN_CHARS_PER_PAGE = 20  # below this on every page: no usable text layer


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs font-encoding warnings per page; they are noise for the user."""
    log = logging.getLogger("pypdf")
    old = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(old)


def _strip_furniture(lines: list[str], first_page: bool) -> tuple[list[str], int]:
    """Remove letterhead, page number, registry stamp and catchword lines of one page."""
    removed = 0
    out = list(lines)
    # top of page: letterhead and page number, in any order, among the first non-empty lines
    i, seen = 0, 0
    while i < len(out) and seen < 5:
        s = out[i].strip()
        if not s:
            i += 1
            continue
        seen += 1
        if is_page_furniture(s, "top", first_page):
            out[i] = ""
            removed += 1
            i += 1
            continue
        break
    # anywhere: registry stamps, web/e-signature footers, lone page numbers
    for j, ln in enumerate(out):
        s = ln.strip()
        if s and is_page_furniture(s, "any"):
            out[j] = ""
            removed += 1
    # bottom of page: the catchword (only the last non-empty line)
    for j in range(len(out) - 1, -1, -1):
        s = out[j].strip()
        if not s:
            continue
        if is_page_furniture(s, "bottom"):
            out[j] = ""
            removed += 1
        break
    return out, removed


def _join_hyphen(m: re.Match[str]) -> str:
    """"undang-\\nundang" → "undang-undang" (reduplication keeps its hyphen); "perlin-\\ndungan" → one word."""
    a, b = m.group(1), m.group(2)
    al, bl = a.lower(), b.lower()
    keep = any(al.endswith(bl[:k]) for k in range(3, min(len(al), len(bl)) + 1)) or al == bl or a[:1].isupper() \
        and b[:1].isupper()
    return f"{a}-{b}" if keep else f"{a}{b}"


def clean_page(raw: str, first_page: bool = False) -> tuple[str, int]:
    """One page's extracted text → cleaned text (lines kept) and the number of furniture lines removed."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    lines = [_SPACES.sub(" ", ln).strip() for ln in raw.split("\n")]
    lines, removed = _strip_furniture(lines, first_page)
    # drop the blank lines left behind, keep the rest of the layout
    text = "\n".join(ln for ln in lines if ln)
    text = _HYPHEN_BREAK.sub(_join_hyphen, text)
    return text, removed


def _decrypt(reader, name: str) -> None:
    """Open an encrypted PDF with the empty user password (what viewers do); CorpusError otherwise."""
    from pypdf.errors import DependencyError

    try:
        ok = reader.decrypt("")
    except DependencyError:
        raise CorpusError(f"{name} is encrypted with AES and the `cryptography` package is not installed",
                          hint="pip install 'pypdf[crypto]' (then it opens, if it needs no password)") from None
    except Exception as e:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
        raise CorpusError(f"{name} is encrypted in a way lexqa cannot open ({type(e).__name__}: {e})",
                          hint="save an unprotected copy of the PDF") from None
    if not ok:
        raise CorpusError(f"{name} is encrypted: it needs a password to open; lexqa cannot read it",
                          hint="save an unprotected copy of the PDF")


def _extract_pages(data: bytes, name: str) -> list[str]:
    """Raw text of each page, in order (pypdf "plain" mode keeps the layout's reading order)."""
    import io

    from pypdf import PdfReader

    pages: list[str] = []
    with quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                _decrypt(reader, name)
            for page in reader.pages:
                pages.append(page.extract_text(extraction_mode="plain") or "")
        except CorpusError:
            raise
        except Exception as e:  # noqa: BLE001 - pypdf signals damage with many exception types
            raise CorpusError(f"{name} is not a readable PDF ({type(e).__name__}: {e})",
                              hint="the file may be damaged or not a PDF") from None
    return pages


# Extraction is the slow part of ingest (~7 s for the 12 corpus PDFs, parsing all files
# takes <1 s), so raw page texts are cached by file checksum. Cleaning runs every time,
# so a change to the furniture rules needs no cache invalidation.
def _cache_file(digest: str) -> Path | None:
    if os.environ.get("LEXQA_NO_CACHE"):
        return None
    import pypdf

    from ..config import user_dir

    return user_dir() / "cache" / "pdf-text" / f"{digest}-pypdf{pypdf.__version__}.json"


def _cached_pages(digest: str) -> list[str] | None:
    f = _cache_file(digest)
    if f is None or not f.is_file():
        return None
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = data.get("pages") if isinstance(data, dict) else None
    if isinstance(pages, list) and all(isinstance(p, str) for p in pages):
        return pages
    return None


def _store_pages(digest: str, pages: list[str]) -> None:
    f = _cache_file(digest)
    if f is None:
        return
    try:
        f.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=f.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"sha256": digest, "pages": pages}, fh, ensure_ascii=False)
        os.replace(tmp, f)
    except OSError:
        pass  # a read-only home only costs speed


def load_pdf(path: str | Path, relpath: str | None = None) -> SourceText:
    """Extract a PDF's text layer; raise CorpusError for encrypted, corrupt or image-only PDFs."""
    p = Path(path)
    name = relpath or p.name
    try:
        data = p.read_bytes()
    except OSError as e:
        raise CorpusError(f"cannot read {name}: {e.strerror or e}") from None
    digest = hashlib.sha256(data).hexdigest()
    pages = _cached_pages(digest)
    if pages is None:
        pages = _extract_pages(data, name)
        _store_pages(digest, pages)
    if not pages:
        raise CorpusError(f"{name} has no pages")
    if all(len(re.sub(r"\s", "", t)) < _MIN_CHARS_PER_PAGE for t in pages):
        raise CorpusError(
            f"{name} has no text layer (scanned/image-only PDF): OCR is needed before lexqa can read it",
            hint="run OCR (e.g. `ocrmypdf in.pdf out.pdf`) and put the OCR'd PDF in the corpus folder",
        )
    parts: list[str] = []
    page_starts: list[int] = []
    removed = 0
    offset = 0
    for k, raw in enumerate(pages):
        text, r = clean_page(raw, first_page=(k == 0))
        removed += r
        page_starts.append(offset)
        parts.append(text)
        offset += len(text) + 1  # the "\n" joining pages
    notes = [f"{len(pages)} pages", f"removed {removed} header/footer/catchword lines"]
    empty = sum(1 for t in pages if len(t.strip()) < _MIN_CHARS_PER_PAGE)
    if empty:
        notes.append(f"{empty} page(s) without text")
    return SourceText(file=name, text="\n".join(parts), format="pdf", sha256=digest,
                      page_starts=page_starts, notes=notes)
