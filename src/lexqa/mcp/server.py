"""`lexqa mcp`: an MCP server on stdio (the official `mcp` SDK) whose tools call one Session.

Every tool returns the Session result's `to_dict()` (the CLI's `--json`) inside a small envelope:
`notice` (the corpus is what lexqa holds; absence of a result is not absence of law) and, for
long texts, `text` + `next_cursor` (pass it back as `cursor` for the next page). Failures are
tool errors whose message is JSON `{"error", "detail", "type", "notice"}` (`type`: the lexqa error class,
e.g. CitationError, InputError, BadRequest, Timeout).
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Optional

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from .. import __version__
from ..cli.show import _plain as show_text
from ..errors import CitationError, LexqaError
from ..server.limits import NOTICE, BadRequest, Limits, check_len, lexqa_error_body
from ..server.runner import SessionRunner
from .resolve import expand_selector, page, resolve_law

INSTRUCTIONS = (
    "lexqa answers from a fixed corpus of Indonesian immigration and anti-trafficking (TPPO) law and "
    "the treaties it implements, with pinpoint citations, verbatim quotes and each provision's status "
    "on a date. Use resolve_law to find a law's id, read_provision to read the words in force, "
    "law_status for amendments and revocations, ask for a cited answer, verify_citation to check a "
    "draft. " + NOTICE)


def build_server(runner: SessionRunner, limits: Limits = Limits()) -> MCPServer:
    """The MCP server over `runner`'s Session (tools only)."""
    mcp = MCPServer("lexqa", version=__version__, instructions=INSTRUCTIONS)
    s = runner.session

    def tool_error(e: LexqaError) -> ToolError:
        return ToolError(json.dumps({**lexqa_error_body(e), "notice": NOTICE}, ensure_ascii=False))

    async def call(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        try:
            return await runner.call(fn, *args, **kw)
        except LexqaError as e:
            raise tool_error(e) from None

    async def guarded(make: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
        """Input checks raise LexqaErrors too: report them as typed tool errors."""
        try:
            out = await make()
        except LexqaError as e:
            raise tool_error(e) from None
        return {"notice": NOTICE, **out}

    def bounded(name: str, value: str) -> str:
        return check_len(name, value, limits.max_question_chars)

    @mcp.tool(description="Search the provisions lexqa holds (hybrid dense + BM25). `docs`: document ids "
                          "(see resolve_law); `as_of`: YYYY-MM-DD.")
    async def search_law(query: str, k: int = 10, mode: str = "hybrid", docs: Optional[list[str]] = None,
                         as_of: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            if k > limits.max_k:
                raise BadRequest(f"k too large: {k}", hint=f"the limit is {limits.max_k}")
            kw = {"as_of": as_of} if as_of else {}
            hits = (await call(s.search, bounded("query", query), k, mode, {"doc": docs} if docs else None, **kw)).to_dict()
            return {"hits": hits}
        return await guarded(run)

    @mcp.tool(description="A cited answer to a legal question (Indonesian or English), or an explicit "
                          "abstention when the corpus does not answer it. Quotes are verbatim.")
    async def ask(question: str, k: int = 10, docs: Optional[list[str]] = None,
                  as_of: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            if not question.strip():
                raise BadRequest("empty question")
            kw = {"as_of": as_of} if as_of else {}
            return (await call(s.ask, bounded("question", question), min(k, limits.max_k), docs=docs, **kw)).to_dict()
        return await guarded(run)

    @mcp.tool(description="Read provisions verbatim: a citation or provision id, e.g. 'UU 6/2011 Pasal 16 ayat (1)', "
                          "'Pasal 86-88' with law='UU Keimigrasian', 'penjelasan pasal 87', 'uu-6-2011/pasal-16'. "
                          "Shows the text in force on `as_of` (default today), status, history, Penjelasan. "
                          "Long texts come in pages: pass `next_cursor` back as `cursor`.")
    async def read_provision(citation: str, law: Optional[str] = None, as_of: Optional[str] = None,
                             cursor: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            full = f"{law} {citation}" if law else citation
            cites = expand_selector(bounded("citation", full))

            def read() -> list[dict[str, Any]]:
                return [s.show(c, as_of).to_dict() for c in cites]

            docs = await call(read)
            bad = [d for d in docs if not d["ok"]]
            if bad and len(bad) == len(docs):
                d = bad[0]
                raise CitationError(f"cannot resolve {d['citation']!r}: {d['reason']}",
                                 hint="nearest: " + ", ".join(n["label"] for n in d["nearest"][:4]) if d["nearest"] else None)
            text = "\n\n".join(show_text(d) if d["ok"] else f"{d['citation']}: not found ({d['reason']})" for d in docs)
            body, nxt = page(text, cursor, limits.page_chars)
            items = [{k: d.get(k) for k in ("id", "label", "ok", "as_of", "address")} |
                     ({"status": d["status"]["summary"], "in_force": d["status"]["in_force"]} if d["ok"] else
                      {"reason": d["reason"]}) for d in docs]
            return {"provisions": items, "text": body, "next_cursor": nxt, "total_chars": len(text)}
        return await guarded(run)

    @mcp.tool(description="Legal status of a provision on a date (in force, amended, revoked, struck by the "
                          "Constitutional Court) with its version history; or, for a law's name alone, what "
                          "lexqa holds of it.")
    async def law_status(citation: str, as_of: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            d = (await call(s.show, bounded("citation", citation), as_of)).to_dict()
            if d["ok"]:
                return {k: d[k] for k in ("id", "label", "doc", "doc_label", "as_of", "status", "in_force_version",
                                          "history", "amends")}
            laws = await call(lambda: resolve_law(citation, s.corpus))
            if not laws:
                raise LexqaError(f"{citation!r} names no provision or law lexqa holds", hint=d["reason"])
            return {"laws": laws, "note": "status is kept per provision: name a Pasal/Article for its status"}
        return await guarded(run)

    @mcp.tool(description="What a provision refers to, what refers to it, what amended, revoked or implements it.")
    async def trace(citation: str, as_of: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            return (await call(s.trace, bounded("citation", citation), as_of)).to_dict()
        return await guarded(run)

    @mcp.tool(description="Check every Pasal/Article citation and quote in a text against the law in force on "
                          "`as_of` (default today): does it exist, is it in force, does the quote match.")
    async def verify_citation(text: str, default_doc: Optional[str] = None, as_of: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            return (await call(s.verify, check_len("text", text, limits.max_text_chars), default_doc, as_of)).to_dict()
        return await guarded(run)

    @mcp.tool(name="resolve_law", description="A law's name ('UU Keimigrasian', 'KUHP', 'UU 6/2011', 'Palermo Protocol') → the "
                          "documents it may mean, with ids for the other tools; `held` false: not in lexqa's corpus.")
    async def resolve_law_tool(name: str) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            return {"name": name, "candidates": await call(lambda: resolve_law(bounded("name", name), s.corpus))}
        return await guarded(run)

    @mcp.tool(description="The practical guides lexqa holds (procedures built on the provisions).")
    async def list_guides() -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            if not hasattr(s, "guides"):
                raise LexqaError("guides are not available in this lexqa version")
            return {"guides": (await call(s.guides)).to_dict()}
        return await guarded(run)

    @mcp.tool(description="One guide by name, its provisions read on `as_of`; long text in pages (`cursor`).")
    async def read_guide(name: str, as_of: Optional[str] = None, cursor: Optional[str] = None) -> dict[str, Any]:
        async def run() -> dict[str, Any]:
            if not hasattr(s, "guide"):
                raise LexqaError("guides are not available in this lexqa version")
            d = (await call(s.guide, bounded("name", name), as_of=as_of)).to_dict()
            key = next((k for k in ("text", "markdown", "body") if isinstance(d.get(k), str)), None)
            if key:  # the long text pages; the rest of the guide's document comes whole
                d[key], d["next_cursor"] = page(d[key], cursor, limits.page_chars)
            return {"guide": d}
        return await guarded(run)

    return mcp
