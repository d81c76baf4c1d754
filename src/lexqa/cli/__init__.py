"""The `lexqa` command line. Each command group lives in its own module and registers itself."""

from __future__ import annotations

import errno
import os
import sys

import typer

from ..errors import LexqaError

app = typer.Typer(
    name="lexqa",
    help="Offline legal research and cited answers for Indonesian immigration and anti-trafficking law.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from . import ask as _ask  # noqa: E402
from . import corpus as _corpus  # noqa: E402
from . import evaluate as _evaluate  # noqa: E402
from . import guide as _guide  # noqa: E402
from . import history as _history  # noqa: E402
from . import index as _index  # noqa: E402
from . import search as _search  # noqa: E402
from . import serve as _serve  # noqa: E402
from . import show as _show  # noqa: E402

for _mod in (_ask, _corpus, _evaluate, _guide, _history, _index, _search, _serve, _show):
    _mod.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure becomes one line on stderr and a non-zero exit code."""
    try:
        rc = app(args=argv, standalone_mode=False)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
        if isinstance(rc, int) and rc:  # typer.Exit(code) returns its code when not standalone
            sys.exit(rc)
    except SystemExit as e:  # typer/click exit paths
        raise
    except OSError as e:
        if not _output_error(e):
            if os.environ.get("LEXQA_DEBUG"):
                raise
            print(f"internal error: {type(e).__name__}: {e} (set LEXQA_DEBUG=1 for the traceback)", file=sys.stderr)
            sys.exit(70)
        _silence_stdout()
        if e.errno == errno.EPIPE:  # `lexqa … | head`: the reader has what it wanted
            sys.exit(141)
        print(f"error: cannot write the output: {e.strerror or e}", file=sys.stderr)
        sys.exit(74)  # EX_IOERR
    except LexqaError as e:
        msg = f"error: {e.message}"
        if e.hint:
            msg += f" ({e.hint})"
        print(msg, file=sys.stderr)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # a bug: still one line unless asked for the traceback
        if callable(getattr(e, "show", None)) and isinstance(getattr(e, "exit_code", None), int):
            e.show()  # a usage error (typer's bundled click): its own message, not "internal error"
            sys.exit(e.exit_code)
        if os.environ.get("LEXQA_DEBUG"):
            raise
        print(f"internal error: {type(e).__name__}: {e} (set LEXQA_DEBUG=1 for the traceback)", file=sys.stderr)
        sys.exit(70)


_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _output_error(e: OSError) -> bool:
    """An error writing stdout (a stream write names no file), not one of a file lexqa opened itself."""
    return e.filename is None and e.errno in _OUTPUT_ERRNOS


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail a second time."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError):
        pass  # no stdout file descriptor to redirect: nothing more will be flushed to it
