"""LLM synthesis is verified like everything else: tested with langchain-core fake chat models."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from lexqa.answer import answer_question
from lexqa.answer.llm import build_messages, check_output, make_chat_model
from lexqa.answer.model import REFUSED_EN
from lexqa.errors import LexqaError, ModelUnavailable
from lexqa.text import is_verbatim
from fakes import FakeRetriever, mini_corpus

Q = "Can an immigration officer refuse a person's departure from Indonesia?"

GOOD = ("Yes. An immigration officer refuses a person leaving Indonesia whose name is on the prevention list: "
        "\"namanya tercantum dalam daftar Pencegahan\" [uu-6-2011/pasal-16/ayat-1]. "
        "Foreigners with unsettled obligations may also be refused [uu-6-2011/pasal-16/ayat-2]. "
        "This is settled law.")
INVENTS = ("An officer may refuse departure [uu-6-2011/pasal-16/ayat-1]. "
           "Under Pasal 999 the officer may also confiscate the passport [uu-6-2011/pasal-16].")
FAKE_ID = "The officer refuses departure [uu-6-2011/pasal-16/ayat-9]."
MISQUOTE = ("The law says \"Pejabat Imigrasi wajib mengizinkan setiap orang keluar Wilayah Indonesia\" "
            "[uu-6-2011/pasal-16/ayat-1].")


@pytest.fixture(scope="module")
def mini(corpus_dir):
    return mini_corpus(corpus_dir)


def test_good_model_answer_is_kept_with_verified_citations(mini):
    llm = FakeListChatModel(responses=[GOOD])
    ans = answer_question(Q, FakeRetriever(mini), mini, llm=llm)
    assert not ans.abstained and ans.verification["ok"]
    assert ans.engine.startswith("llm:")
    ids = [c.id for c in ans.citations]
    assert "uu-6-2011/pasal-16/ayat-1" in ids and "uu-6-2011/pasal-16/ayat-2" in ids
    # the unsupported sentence (no bracketed ID) is removed and reported
    assert "settled law" not in ans.answer
    assert any("settled law" in n for n in ans.notes)
    # the quote the model used becomes the citation's quote, verbatim
    c = next(c for c in ans.citations if c.id == "uu-6-2011/pasal-16/ayat-1")
    assert c.quote == "namanya tercantum dalam daftar Pencegahan" and is_verbatim(c.quote, mini.get(c.id).text)
    # the amendment is still cited
    assert any(c.role == "amendment" and c.doc == "uu-63-2024" for c in ans.citations)


@pytest.mark.parametrize("text,why", [(INVENTS, "Pasal 999"), (FAKE_ID, "ayat-9"), (MISQUOTE, "misquote")])
def test_fabrication_or_misquote_refuses_the_whole_answer(mini, text, why):
    llm = GenericFakeChatModel(messages=iter([AIMessage(content=text)]))
    ans = answer_question(Q, FakeRetriever(mini), mini, llm=llm)
    assert ans.abstained and ans.citations == []
    assert ans.answer == REFUSED_EN
    assert any(why in n for n in ans.notes), ans.notes


def test_no_answer_from_model_abstains(mini):
    ans = answer_question(Q, FakeRetriever(mini), mini, llm=FakeListChatModel(responses=["NO ANSWER"]))
    assert ans.abstained and ans.citations == []


def test_prompt_lists_provisions_with_ids(mini):
    msgs = build_messages("q?", [("uu-6-2011/pasal-16", "UU 6/2011 Pasal 16", "teks")])
    assert "[uu-6-2011/pasal-16] UU 6/2011 Pasal 16" in msgs[1].content
    assert "square brackets" in msgs[0].content


def test_check_output_sentence_rules(mini):
    res = check_output("Claim one [uu-6-2011/pasal-16/ayat-1]. Claim two. Claim three. [uu-6-2011/pasal-88]", mini)
    assert res["fatal"] == [] and res["removed"] == ["Claim two."]
    assert res["cited"] == ["uu-6-2011/pasal-16/ayat-1", "uu-6-2011/pasal-88"]


def test_providers_are_optional_and_lazy(tmp_path):
    with pytest.raises(LexqaError):
        make_chat_model("nonsense")
    with pytest.raises(ModelUnavailable):
        make_chat_model("llamacpp", model=str(tmp_path / "missing.gguf"))
    for prov in ("openai", "ollama"):
        try:
            m = make_chat_model(prov, model="x", base_url="http://127.0.0.1:9")
        except ModelUnavailable as e:
            assert "pip install" in (e.hint or "")
        else:  # package installed: constructing the client must not contact anything
            assert m is not None


class _Rewriter:
    """A third answer engine (a `Synthesizer`): rewrites the lead; counts its calls."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def synthesize(self, answer, hits, corpus, cfg):
        self.calls += 1
        answer.answer = self.text
        answer.engine = "test-rewriter"
        return answer


def test_any_synthesizer_plugs_in_and_is_verified_the_same_way(mini):
    ok = _Rewriter("See UU 6/2011 Pasal 16 ayat (1).")
    ans = answer_question(Q, FakeRetriever(mini), mini, engine=ok)
    assert ok.calls == 1 and not ans.abstained and ans.verification["ok"]
    assert ans.engine == "test-rewriter" and "engine_ms" in ans.timings
    # an engine that cites a provision the corpus does not have is withheld (fail closed)
    bad = _Rewriter("See UU 6/2011 Pasal 999.")
    ans = answer_question(Q, FakeRetriever(mini), mini, engine=bad)
    assert bad.calls == 1 and ans.abstained and ans.answer == REFUSED_EN and ans.citations == []
