"""Finding and fingerprinting the corpus files: which files a corpus directory holds for lexqa.

Docs and eval data are skipped by name; problems met on the way (an unreadable subdirectory, a
link to a directory, a broken file link) are returned to be reported, never skipped silently.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

SOURCE_SUFFIXES = (".md", ".markdown", ".txt", ".pdf")
_SKIP_NAMES = {"sources.md", "readme.md", "readme.txt", "readme", "license", "license.md", "changelog.md"}
_SKIP_DIRS = {"eval", "evals", ".git", "__pycache__", "index"}


def discover(corpus_dir: Path) -> tuple[list[str], list[str]]:
    """(source files under the corpus dir as relative posix paths, problems met on the way).

    Docs and eval data are skipped by name; an unreadable subdirectory or a symlink to a directory
    (not followed: a link loop would never end) is a problem, reported, never skipped silently."""
    out: list[str] = []
    problems: list[str] = []

    def onerror(e: OSError) -> None:
        where = Path(e.filename).relative_to(corpus_dir).as_posix() if e.filename else "?"
        problems.append(f"{where or '.'}: directory skipped, cannot be read ({e.strerror or e})")

    for root, dirs, files in os.walk(corpus_dir, onerror=onerror):
        rdir = Path(root)
        keep = []
        for d in sorted(dirs):
            rel = (rdir / d).relative_to(corpus_dir)
            if d.startswith(".") or d.lower() in _SKIP_DIRS:
                continue
            if (rdir / d).is_symlink():
                problems.append(f"{rel.as_posix()}: directory skipped, it is a symbolic link "
                                "(lexqa does not follow directory links; link the files instead)")
                continue
            keep.append(d)
        dirs[:] = keep
        for name in files:
            p = rdir / name
            if p.suffix.lower() not in SOURCE_SUFFIXES or name.lower() in _SKIP_NAMES or name.startswith("."):
                continue
            if not p.is_file():
                problems.append(f"{p.relative_to(corpus_dir).as_posix()}: skipped, a broken link or not a file")
                continue
            out.append(p.relative_to(corpus_dir).as_posix())
    return sorted(out), problems


def discover_files(corpus_dir: Path) -> list[str]:
    """Source files under the corpus dir (relative posix paths), skipping docs and eval data."""
    return discover(Path(corpus_dir))[0]


def file_sha(path: Path) -> str:
    """sha256 of a file's bytes ("unreadable" when it cannot be read): also `index.store`'s fingerprint."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"
