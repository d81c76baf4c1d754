"""Optional LLM synthesis through langchain-core chat models (``lexqa ask --llm PROVIDER``).

Nothing is contacted unless the user asks for a provider. Provider packages are optional
extras imported lazily (``lexqa[openai]``, ``lexqa[ollama]``, ``lexqa[llamacpp]``: a GGUF file
run in-process by xllamacpp, see lexqa.answer.llamacpp); a missing one raises `ModelUnavailable`
naming the package.

The model sees the retrieved provisions with their IDs and must put bracketed IDs after each
claim. Its output is checked before anything is shown:

* a sentence without a bracketed ID is removed (listed in ``notes``);
* a bracketed ID that is not a provision of the corpus, or a Pasal/Article mention that does
  not resolve ("Pasal 999"), is a fabricated citation: the whole answer is refused;
* quoted text ("...") that is not verbatim in a provision cited by that sentence is a
  misquote: the whole answer is refused.

The surviving answer then passes the same `verify_answer` as the extractive one.
"""

from __future__ import annotations

import copy
import os
import re
from typing import TYPE_CHECKING, Any

from ..cite.verify import _QUOTE, quote_matches
from ..cite.mentions import find_mentions, resolve
from ..errors import LexqaError, ModelUnavailable
from ..models import SearchHit
from .config import AnswerConfig
from .items import add_status_citations, clip, make_item
from .model import ABSTAIN_EN, ABSTAIN_ID, REFUSED_EN, REFUSED_ID, Answer

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus

PROVIDERS = ("openai", "ollama", "llamacpp")
NO_ANSWER = "NO ANSWER"

SYSTEM_PROMPT = """You answer questions about Indonesian immigration and anti-trafficking law.
Use ONLY the provisions given below. Rules:
1. After every sentence put the ID(s) of the provision(s) that support it in square brackets,
   exactly as given, e.g. [uu-6-2011/pasal-16/ayat-1].
2. When you quote the law, quote it verbatim inside double quotes "...". Never paraphrase inside quotes.
3. Do not mention any article, Pasal or law that is not in the provisions below.
4. If the provisions do not answer the question, reply exactly: NO ANSWER
5. Answer in the language of the question, in at most 5 sentences."""


def make_chat_model(provider: str, model: str | None = None, base_url: str | None = None) -> Any:
    """A langchain-core chat model for `provider`; imports its package only now."""
    provider = (provider or "").lower()
    if provider == "openai":
        try:
            from langchain_openai import ChatOpenAI  # type: ignore[import-not-found]
        except ImportError as e:
            raise ModelUnavailable("the openai LLM provider needs langchain-openai",
                                   hint="pip install 'lexqa[openai]'") from e
        key = os.environ.get("OPENAI_API_KEY") or ("not-needed" if base_url else None)
        if key is None:
            raise ModelUnavailable("OPENAI_API_KEY is not set", hint="set it, or pass --llm-base-url for a local OpenAI-compatible server")
        return ChatOpenAI(model=model or "gpt-4o-mini", base_url=base_url, api_key=key, temperature=0)
    if provider == "ollama":
        try:
            from langchain_ollama import ChatOllama  # type: ignore[import-not-found]
        except ImportError as e:
            raise ModelUnavailable("the ollama LLM provider needs langchain-ollama",
                                   hint="pip install 'lexqa[ollama]'") from e
        kw: dict[str, Any] = {"model": model or "llama3.1", "temperature": 0}
        if base_url:
            kw["base_url"] = base_url
        return ChatOllama(**kw)
    if provider == "llamacpp":
        # in-process llama.cpp through xllamacpp (prebuilt wheels); base_url is not used
        from .llamacpp import LlamaCppChat

        return LlamaCppChat(model or "")
    raise LexqaError(f"unknown LLM provider: {provider!r}", hint="choose one of: " + ", ".join(PROVIDERS))


def build_messages(question: str, provisions: list[tuple[str, str, str]]) -> list[Any]:
    """System + user messages; `provisions` = (id, label, text)."""
    from langchain_core.messages import HumanMessage, SystemMessage

    blocks = [f"[{pid}] {label}\n{text}" for pid, label, text in provisions]
    user = "Provisions:\n\n" + "\n\n".join(blocks) + f"\n\nQuestion: {question}"
    return [SystemMessage(content=SYSTEM_PROMPT), HumanMessage(content=user)]


_BRACKET = re.compile(r"\[([^\[\]]+)\]")
_ID_TOKEN = re.compile(r"^[a-z0-9][a-z0-9.\-]*(?:/[a-z0-9.\-]+)+$")


def _sentences(text: str) -> list[str]:
    """Split into sentences, keeping quotes whole and attaching a trailing "[id]" to its sentence."""
    spans = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    out: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+", text):
        if any(s < m.start() < e for s, e in spans):
            continue
        out.append(text[start:m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    merged: list[str] = []
    for s in out:
        if not s:
            continue
        if merged and _BRACKET.sub("", s).strip(" .;,") == "":
            merged[-1] = merged[-1] + " " + s
        else:
            merged.append(s)
    return merged


def check_output(text: str, corpus: "Corpus") -> dict[str, Any]:
    """Sentence-level checks of an LLM answer; see the module docstring."""
    kept: list[str] = []
    removed: list[str] = []
    fatal: list[str] = []
    cited: list[str] = []
    quotes: dict[str, str] = {}
    for sent in _sentences(text.strip()):
        ids: list[str] = []
        for m in _BRACKET.finditer(sent):
            for tok in re.split(r"[,;\s]+", m.group(1).strip()):
                if tok:
                    ids.append(tok.strip().lower())
        bad_ids = [i for i in ids if not _ID_TOKEN.match(i) or corpus.get(i) is None]
        if bad_ids:
            fatal.append(f"unknown citation [{bad_ids[0]}]")
            continue
        if not ids:
            removed.append(sent)
            continue
        body = _BRACKET.sub("", sent)
        qspans = [(m.start(), m.end()) for m in _QUOTE.finditer(body)]
        for men in find_mentions(body, corpus, default_doc=ids[0].split("/", 1)[0], sticky_doc=True):
            if any(s <= men.start < e for s, e in qspans):
                continue
            if not resolve(men, corpus).ok:
                fatal.append(f"mention does not resolve: {men.text}")
        texts = {i: corpus.get(i).text for i in ids}  # type: ignore[union-attr]
        for m in _QUOTE.finditer(body):
            q = next(g for g in m.groups() if g is not None)
            where = next((i for i, t in texts.items() if quote_matches(q, t)), None)
            if where is None:
                fatal.append(f"misquote: “{q[:60]}” is not in {', '.join(ids)}")
            elif "..." not in q and "…" not in q:
                quotes.setdefault(where, q)
        kept.append(sent)
        for i in ids:
            if i not in cited:
                cited.append(i)
    return {"kept": kept, "removed": removed, "fatal": fatal, "cited": cited, "quotes": quotes}


class LLMSynthesizer:
    """The LLM engine (a `Synthesizer`): replaces the extractive lead with the model's verified
    answer (or refuses). `llm`: a langchain-core chat model (or anything with ``invoke(messages)``
    returning a message, e.g. `lexqa.answer.llamacpp.LlamaCppChat`); `provider` names it in
    ``engine``. `fallback`: when the model's text is refused, keep the (verified) extractive
    answer instead of withholding everything; either way ``signals["llm_refusal"]`` says why."""

    def __init__(self, llm: Any, provider: str | None = None, fallback: bool = False) -> None:
        self.llm = llm
        self.provider = provider
        self.fallback = fallback

    def _refuse(self, ans: Answer, extractive: Answer, reason: str, notes: list[str], abstain_text: bool = False) -> Answer:
        """Fail closed: withhold the model's text (or, with `fallback`, return the extractive answer)."""
        if self.fallback:
            extractive.signals["llm_refusal"] = reason
            extractive.notes.extend(notes + [f"{ans.engine} answer refused ({reason}); the extractive answer is shown"])
            return extractive
        idn = ans.language == "id"
        ans.abstained, ans.citations = True, []
        ans.answer = (ABSTAIN_ID if idn else ABSTAIN_EN) if abstain_text else (REFUSED_ID if idn else REFUSED_EN)
        ans.notes.extend(notes)
        ans.signals["llm_refused"] = not abstain_text
        ans.signals["llm_refusal"] = reason
        return ans

    def synthesize(self, ans: Answer, hits: list[SearchHit], corpus: "Corpus", cfg: AnswerConfig) -> Answer:
        extractive = copy.deepcopy(ans) if self.fallback else ans
        provs: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for c in ans.citations:
            if c.id not in seen:
                seen.add(c.id)
                provs.append((c.id, c.label, c.quote))
        for h in hits[:6]:
            p = corpus.get(h.provision.id) or h.provision
            if p.id not in seen:
                seen.add(p.id)
                provs.append((p.id, corpus.label(p), clip(p.text, 1500)))
        name = self.provider or getattr(self.llm, "_llm_type", type(self.llm).__name__)
        ans.engine = f"llm:{name}"
        try:
            msg = self.llm.invoke(build_messages(ans.question, provs))
        except LexqaError:
            raise
        except Exception as e:
            raise LexqaError(f"LLM call failed: {type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}") from e
        text = msg.content if hasattr(msg, "content") else str(msg)
        if isinstance(text, list):  # content blocks
            text = " ".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in text)
        text = str(text).strip()
        if not text or text.upper().startswith(NO_ANSWER):
            return self._refuse(ans, extractive, "the model found no answer in the provisions",
                                ["the model found no answer in the provisions"], abstain_text=True)
        res = check_output(text, corpus)
        removed = [f"removed (no citation): {s}" for s in res["removed"]]
        if res["fatal"]:
            return self._refuse(ans, extractive, res["fatal"][0], removed + [f"refused: {f}" for f in res["fatal"]])
        if not res["kept"]:
            # nothing the model wrote carries a citation: there is no verified text to show
            why = "no sentence of the model's answer carries a citation"
            return self._refuse(ans, extractive, why, removed + [f"refused: {why}"])
        ans.notes.extend(removed)
        scores = {h.provision.id: h.score for h in hits}
        items = []
        for pid in res["cited"]:
            p = corpus.get(pid)
            assert p is not None
            art = corpus.article_of(pid)
            sc = scores.get(pid, scores.get(art.id if art else "", 0.0))
            items.append(make_item(corpus, p, sc, cfg, quote=res["quotes"].get(pid)))
        ans.citations = items
        add_status_citations(corpus, ans, cfg)
        ans.answer = " ".join(res["kept"])
        return ans
