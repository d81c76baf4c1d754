"""LangChain integration: `LexqaRetriever`, a langchain-core `BaseRetriever` over a lexqa index.

    from lexqa.integrations.langchain import LexqaRetriever
    retriever = LexqaRetriever.from_index(k=5)                  # default index dir, hybrid
    docs = retriever.invoke("can an immigration officer refuse departure?")
    docs[0].metadata["label"]   # "UU 6/2011 Pasal 16 (as amended by UU 63/2024 Pasal I angka 2, …)"

Each `Document` holds the provision's verbatim text; its metadata carry the citation fields
(id, doc, pasal, ayat, huruf, label, status, in_force, score, rank, source, via).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from ..service.session import Session


class LexqaRetriever(BaseRetriever):
    """Provisions for a query as LangChain Documents with citation metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    session: Any                        # lexqa.service.Session
    k: int = 5
    mode: str = "hybrid"
    filters: Optional[Any] = None       # lexqa.retrieve.Filters or a dict of its fields
    as_of: Optional[str] = None         # the date the law is read on (None: today)

    @classmethod
    def from_index(cls, index_dir: str | Path | None = None, corpus=None, **kw: Any) -> "LexqaRetriever":
        return cls(session=Session(index_dir=index_dir, corpus=corpus), **kw)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        res = self.session.search(query, self.k, self.mode, self.filters, as_of=self.as_of)
        return [Document(page_content=h.text, metadata=h.citation_metadata()) for h in res.hits]
