"""LangChain integration: `LexqaRetriever`, a langchain-core `BaseRetriever` over a lexqa index.

    from lexqa.integrations.langchain import LexqaRetriever
    retriever = LexqaRetriever.from_index(k=5)                  # default index dir, hybrid
    docs = retriever.invoke("can an immigration officer refuse departure?")
    docs[0].metadata["label"]   # "UU 6/2011 Pasal 16"

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

from ..retrieve import Filters, Retriever
from ..service.results import Hit


class LexqaRetriever(BaseRetriever):
    """Provisions for a query as LangChain Documents with citation metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any                      # lexqa.retrieve.Retriever
    k: int = 5
    mode: str = "hybrid"
    filters: Optional[Any] = None       # lexqa.retrieve.Filters or a dict of its fields

    @classmethod
    def from_index(cls, index_dir: str | Path | None = None, corpus=None, **kw: Any) -> "LexqaRetriever":
        return cls(retriever=Retriever.open(index_dir, corpus), **kw)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        r: Retriever = self.retriever
        hits = [Hit.of(r, h) for h in r.search(query, self.k, self.mode, Filters.coerce(self.filters))]
        return [Document(page_content=h.text, metadata=h.citation_metadata()) for h in hits]
