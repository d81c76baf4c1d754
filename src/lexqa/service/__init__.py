"""service stage: the application API over the pipeline, for the CLI and any other surface.

    from lexqa.service import Session
    s = Session(corpus_dir=None, index_dir=None)       # defaults as in lexqa.config
    s.ask("Kapan Pejabat Imigrasi menolak orang keluar?").to_dict()   # == `lexqa ask --json`
    s.show("UU 6/2011 Pasal 16", as_of="2024-01-01").to_dict()       # == `lexqa show --json --as-of …`
    s.history("UU 23/2002 Pasal 76F"); s.diff("UU 6/2011 Pasal 97 ayat (1)")  # `lexqa history` / `lexqa diff`

Every method returns a result dataclass (lexqa.service.results) whose `to_dict()` is the
matching command's `--json` output; failures are `lexqa.errors.LexqaError`s.
"""

from .results import (AskResult, BuildResult, CheckResult, CorpusListing, DiffResult, DocEntry, HistoryResult, Hit,
                      IndexStatus, SearchResult, ShowResult, TraceResult, UnresolvedCitation, VerifyResult)
from .session import Session

__all__ = ["Session", "AskResult", "BuildResult", "CheckResult", "CorpusListing", "DiffResult", "DocEntry",
           "HistoryResult", "Hit", "IndexStatus",
           "SearchResult", "ShowResult", "TraceResult", "UnresolvedCitation", "VerifyResult"]
