"""Where things live: corpus directory, index directory, user directory.

Resolution order for the corpus: ``--corpus-dir`` → ``LEXQA_CORPUS_DIR`` →
``./corpus/sources`` → ``../shared/corpus-src`` (relative to the project root, then the
current directory). The index is ``--index-dir`` → ``LEXQA_INDEX_DIR`` → ``./index`` of the
current working directory (one rule wherever the package is installed; its embedding cache is
``./.lexqa-cache`` beside it, or ``LEXQA_CACHE_DIR``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import CorpusError

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def project_root() -> Path:
    """The checkout this package runs from (src layout), else the current directory."""
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "pyproject.toml").is_file() and (candidate / "src" / "lexqa").is_dir():
        return candidate
    return Path.cwd()


def manifest_path() -> Path:
    """The manifest shipped inside the package (lexqa/data/manifest.toml); LEXQA_MANIFEST overrides it."""
    env = os.environ.get("LEXQA_MANIFEST")
    if env:
        return Path(env)
    return DATA_DIR / "manifest.toml"


def corpus_dir_candidates() -> list[Path]:
    root = project_root()
    cands = [root / "corpus" / "sources", root.parent / "shared" / "corpus-src"]
    cwd = Path.cwd()
    for extra in (cwd / "corpus" / "sources", cwd.parent / "shared" / "corpus-src"):
        if extra not in cands:
            cands.append(extra)
    return cands


def resolve_corpus_dir(cli_value: str | Path | None = None) -> Path:
    """Pick the corpus directory; raise a CorpusError that says where we looked."""
    if cli_value:
        p = Path(cli_value).expanduser()
        if not p.is_dir():
            raise CorpusError(f"corpus directory {_not_dir(p)}: {p}")
        return p
    env = os.environ.get("LEXQA_CORPUS_DIR")
    if env:
        p = Path(env).expanduser()
        if not p.is_dir():
            raise CorpusError(f"LEXQA_CORPUS_DIR {p}: {_not_dir(p)}")
        return p
    for p in corpus_dir_candidates():
        if p.is_dir():
            return p
    looked = ", ".join(str(p) for p in corpus_dir_candidates())
    raise CorpusError(
        "no corpus directory found",
        hint=f"pass --corpus-dir or set LEXQA_CORPUS_DIR (looked in: {looked})",
    )


def _not_dir(p: Path) -> str:
    """Why `p` is not a usable directory, in words."""
    if p.is_file():
        return "is a file, not a directory"
    if p.is_symlink():
        return "is a broken symbolic link"
    if p.exists():
        return "is not a directory"
    return "not found"


def resolve_index_dir(cli_value: str | Path | None = None) -> Path:
    """--index-dir → LEXQA_INDEX_DIR → ./index (of the current working directory)."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("LEXQA_INDEX_DIR")
    if env:
        return Path(env).expanduser()
    return Path.cwd() / "index"


def user_dir() -> Path:
    """Per-user state (LEXQA_HOME, default ~/.local/share/lexqa)."""
    env = os.environ.get("LEXQA_HOME")
    p = Path(env).expanduser() if env else Path.home() / ".local" / "share" / "lexqa"
    return p
