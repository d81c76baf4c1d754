"""Reading guide files: the shipped ones (src/lexqa/data/guides/*.toml) or files/folders a user names."""

from __future__ import annotations

import difflib
import functools
import tomllib
from pathlib import Path
from typing import Iterable

from .model import Guide, GuideError, guide_from_dict

GUIDES_DIR = Path(__file__).resolve().parent.parent / "data" / "guides"


def read_guide(path: str | Path) -> Guide:
    p = Path(path)
    return guide_from_dict(_raw(p), p.name)


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(p.glob("*.toml")))
        elif p.is_file():
            out.append(p)
        else:
            raise GuideError(f"no guide file or folder {raw}")
    return out


def _raw(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise GuideError(f"cannot read guide {path}: {e.strerror or e}") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise GuideError(f"{path.name}: not valid TOML: {e}") from e


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[Guide, ...]:
    # the parsed files are kept on disk while the package is unchanged (TOML parsing of the 19
    # guides and their cues is ~0.2 s of a cold command; JSON reading a tenth of that)
    from ..index.corpus_cache import code_keyed

    raw = code_keyed("guides", lambda: {f.name: _raw(f) for f in sorted(GUIDES_DIR.glob("*.toml"))})
    return tuple(_unique([guide_from_dict(d, name) for name, d in sorted(raw.items())]))


def _unique(guides: list[Guide]) -> list[Guide]:
    seen: dict[str, str] = {}
    for g in guides:
        if g.id in seen:
            raise GuideError(f"guide id {g.id!r} is used by both {seen[g.id]} and {g.path}")
        seen[g.id] = g.path or g.id
    return guides


def load_guides(paths: Iterable[str | Path] | None = None) -> list[Guide]:
    """The shipped guides, or the guides in `paths` (files or folders of *.toml) instead."""
    if paths is None:
        return list(_shipped())
    files = _files(paths)
    if not files:
        raise GuideError("no guide files (*.toml) in " + ", ".join(map(str, paths)))
    return _unique([read_guide(f) for f in files])


def find_guide(name: str, guides: list[Guide]) -> Guide:
    key = name.strip().lower()
    for g in guides:
        if g.id == key:
            return g
    ids = [g.id for g in guides]
    near = difflib.get_close_matches(key, ids, n=3, cutoff=0.4) or [i for i in ids if key and key in i][:3]
    raise GuideError(f"no guide named {name!r}",
                     hint=("did you mean: " + ", ".join(near)) if near else "see `lexqa guide` for the list")
