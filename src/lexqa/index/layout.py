"""Where an index lives on disk: versioned directories behind one atomically switched symlink.

    index                  -> .index.versions/<version>   (a relative symlink: the one switch)
    .index.versions/<v>    one complete build each; a build writes `<v>.tmp` and renames it
    .index.lock            fcntl lock of the one builder (its pid inside, for the waiting message)

A reader resolves the symlink once and reads every file from that version, so a build that
switches the link meanwhile cannot mix two builds. A builder writes a new version, renames it
complete and replaces the link (`os.replace` of a symlink is atomic); the previous version is
kept (a reader that resolved it a moment ago still finds its files), older ones are removed by
the next build. A plain directory at the index path (format 2 and older) is read as is and moved
among the versions by the next build. Leftovers of a crash (`*.tmp`, a dangling or missing link)
are recovered at the next start: readers fall back to the newest complete version, builders
clean up under the lock.

`LEXQA_TEST_CRASH_AT=<phase>` (chunking, embedding, writing, rename, switch) makes a build call
`os._exit(99)` at that point: the crash tests' hook, nothing else reads it.
"""

from __future__ import annotations

import contextvars
import errno
import fcntl
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import IndexError_

TMP = ".tmp"
_WAIT: contextvars.ContextVar[bool] = contextvars.ContextVar("lexqa_build_wait", default=True)
_HELD: set[str] = set()   # lock files this process holds (flock is per open file: no re-locking)


def crash_point(phase: str) -> None:
    """Test hook: die like kill -9 at `phase` when LEXQA_TEST_CRASH_AT names it."""
    if os.environ.get("LEXQA_TEST_CRASH_AT") == phase:
        os._exit(99)


def versions_dir(index_dir: Path) -> Path:
    return index_dir.parent / f".{index_dir.name}.versions"


def lock_path(index_dir: Path) -> Path:
    return index_dir.parent / f".{index_dir.name}.lock"


def _complete(vd: Path) -> list[Path]:
    try:
        names = sorted(n for n in os.listdir(vd) if not n.endswith(TMP))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [vd / n for n in names if (vd / n / "meta.json").is_file()]


def current_version(index_dir: str | Path) -> Path | None:
    """The directory a reader reads: the link's target, a plain (old-layout) directory, or — when
    the link is missing or dangling after a crash — the newest complete version."""
    p = Path(index_dir)
    if p.is_symlink():
        target = Path(os.path.realpath(p))
        if target.is_dir():
            return target
    elif p.is_dir():
        return p
    done = _complete(versions_dir(p))
    if done:
        return done[-1]
    # a format-2 build killed between its two renames left the old index as ".index.old-<pid>"
    orphans = sorted(q for q in p.parent.glob(f".{p.name}.old-*") if (q / "meta.json").is_file())
    return orphans[-1] if orphans else None


def new_version(index_dir: Path) -> Path:
    """A fresh `<version>.tmp` directory (names sort in build order)."""
    vd = versions_dir(index_dir)
    vd.mkdir(parents=True, exist_ok=True)
    tmp = vd / f"{time.time_ns():020d}-{os.getpid()}{TMP}"
    tmp.mkdir()
    return tmp


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


def install(tmp: Path, index_dir: Path) -> Path:
    """Rename the finished `tmp` to its version name and switch the link to it (atomic)."""
    final = tmp.with_name(tmp.name[: -len(TMP)])
    crash_point("rename")
    os.rename(tmp, final)
    crash_point("switch")
    parent = index_dir.parent
    link = parent / f".{index_dir.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(final, parent), link)
    if index_dir.is_dir() and not index_dir.is_symlink():
        # an old-layout directory: it becomes a version (older than any new one) before the switch
        os.rename(index_dir, versions_dir(index_dir) / f"{0:020d}-legacy-{os.getpid()}")
    os.replace(link, index_dir)
    _fsync_dir(parent)
    return final


def recover(index_dir: Path) -> None:
    """At the start of any command: a missing or dangling index link with a complete version (or a
    format-2 orphan) at hand is restored, when no builder holds the lock and the place is writable.
    Any other case is left to the next build (under the lock)."""
    p = Path(index_dir)
    if p.is_dir() or current_version(p) is None or not writable(p):
        return  # (is_dir follows the link: a live version, or a plain directory)
    try:
        fd = os.open(lock_path(p), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a builder is at work: it switches the link itself
        if p.is_symlink() and not p.is_dir():
            p.unlink()
        if not p.exists():
            cleanup(p)
            done = _complete(versions_dir(p))
            if done and not p.is_symlink():
                link = p.parent / f".{p.name}.link-{os.getpid()}"
                os.symlink(os.path.relpath(done[-1], p.parent), link)
                os.replace(link, p)
    except OSError:
        return  # recovery is best effort; the reader falls back to the newest version
    finally:
        os.close(fd)


def cleanup(index_dir: Path, keep: int = 2) -> None:
    """Under the builder lock: drop unfinished builds and all but the newest `keep` versions (the
    current one always stays); adopt a format-2 build orphaned between its two renames."""
    vd = versions_dir(index_dir)
    parent = index_dir.parent
    for old in sorted(parent.glob(f".{index_dir.name}.old-*")):
        if not index_dir.exists() and not index_dir.is_symlink() and (old / "meta.json").is_file():
            vd.mkdir(parents=True, exist_ok=True)
            os.rename(old, vd / f"{0:020d}-orphan-{old.name.rsplit('-', 1)[-1]}")
            os.symlink(os.path.relpath(_complete(vd)[-1], parent), index_dir)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for junk in list(parent.glob(f".{index_dir.name}.tmp-*")) + list(parent.glob(f".{index_dir.name}.link-*")):
        if junk.is_symlink() or junk.is_file():
            junk.unlink(missing_ok=True)
        else:
            shutil.rmtree(junk, ignore_errors=True)
    if not vd.is_dir():
        return
    for t in vd.iterdir():   # unfinished builds, and directories that never got a meta.json
        if t.name.endswith(TMP) or not (t / "meta.json").is_file():
            shutil.rmtree(t, ignore_errors=True)
    cur = current_version(index_dir)
    done = [v for v in _complete(vd) if v != cur]
    for v in done[: max(0, len(done) - (keep - 1))]:
        shutil.rmtree(v, ignore_errors=True)


# ---------------------------------------------------------------------------- builder lock
@contextmanager
def no_wait() -> Iterator[None]:
    """Builds started inside fail at once when another builder holds the lock (`--no-wait`)."""
    tok = _WAIT.set(False)
    try:
        yield
    finally:
        _WAIT.reset(tok)


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@contextmanager
def builder_lock(index_dir: Path, notify: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the index's builder lock; a second builder waits (saying for whom) or, under
    `no_wait()`, fails with IndexError_ naming the holder's pid."""
    path = lock_path(index_dir)
    if str(Path(os.path.abspath(path))) in _HELD:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise IndexError_(f"cannot build the index at {index_dir}: {path.parent}: {e.strerror or e}",
                          hint=_fs_hint(e)) from None
    key = str(Path(os.path.abspath(path)))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            if not _WAIT.get():
                raise IndexError_(f"another build (pid {holder}) is writing the index at {index_dir}",
                                  hint=f"wait for it, or drop --no-wait (lock: {path})") from None
            notify(f"waiting for the index build of pid {holder} to finish (lock: {path})")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # releases the lock


def _fs_hint(e: OSError) -> str | None:
    if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the index location is not writable: pass --index-dir or set LEXQA_INDEX_DIR"
    if e.errno == errno.ENOSPC:
        return "the disk is full: free space and build again"
    if e.errno in (errno.ENOTDIR, errno.EEXIST):
        return "a file is in the way of the index path: pass another --index-dir"
    return None


def fs_error(what: str, e: OSError) -> IndexError_:
    """An OSError of index I/O as a one-line error with what to do."""
    name = f" {e.filename}:" if e.filename else ""
    return IndexError_(f"{what}:{name} {e.strerror or e}", hint=_fs_hint(e))


def writable(index_dir: Path) -> bool:
    """Whether a build could write beside `index_dir` (its parent, or the first existing ancestor)."""
    d = index_dir.parent
    while not d.exists() and d != d.parent:
        d = d.parent
    return d.is_dir() and os.access(d, os.W_OK) and not _read_only_fs(d)


def _read_only_fs(d: Path) -> bool:
    try:
        return bool(os.statvfs(d).f_flag & os.ST_RDONLY)
    except OSError:
        return False
