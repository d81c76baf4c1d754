"""The corpus state an index records: content hashes of the corpus files and the manifest."""

from __future__ import annotations

from pathlib import Path


def source_fingerprint(corpus_dir: str | Path | None) -> dict[str, str]:
    """{relative path: sha256} of the corpus files lexqa reads, plus the manifest's ("<manifest>").

    Content hashes (the corpus is a few MB: ~15 ms): an edit is seen whatever its size or mtime.
    `load_corpus` records the same map for the bytes it parsed (`Corpus.source_hashes`)."""
    if not corpus_dir:
        return {}
    from ..config import manifest_path
    from ..ingest.files import discover_files, file_sha

    root = Path(corpus_dir)
    out = {rel: file_sha(root / rel) for rel in discover_files(root)} if root.is_dir() else {}
    mp = manifest_path()
    if mp.is_file():
        out["<manifest>"] = file_sha(mp)
    return out


def changed_sources(old: dict, corpus_dir: str | Path) -> list[str]:
    """Corpus files that differ from `old` (a format-2 entry [size, mtime_ns] is compared by stat)."""
    new = source_fingerprint(corpus_dir)
    root = Path(corpus_dir)
    out = []
    for rel in sorted(set(old) | set(new)):
        was, now = old.get(rel), new.get(rel)
        if isinstance(was, list):
            if rel == "<manifest>":
                continue
            try:
                st = (root / rel).stat()
                same = [st.st_size, st.st_mtime_ns] == was
            except OSError:
                same = False
            if not same:
                out.append(rel)
        elif was != now:
            out.append(rel + (" (new)" if was is None else " (removed)" if now is None else ""))
    return out
