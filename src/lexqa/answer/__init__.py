"""answer stage: cited answers from the corpus.

Python API (used by `lexqa ask` and `lexqa eval`)::

    from lexqa.answer import answer_question, AnswerConfig
    ans = answer_question(question, retriever, corpus, AnswerConfig.load())
    ans.to_dict()   # the JSON contract, documented in lexqa.answer.model

Modules: compose (the answer loop, verification), extractive (the default engine: offline,
no LLM), llm (an optional LLM engine that rewrites the lead, verified the same way), policy
(abstention signals and decision), items (citation items), render (answer text), terms
(question concepts), model (Answer, Item, the `Synthesizer` protocol), config (thresholds).
"""

from .config import AnswerConfig
from .compose import answer_question
from .model import ABSTAIN_EN, ABSTAIN_ID, Answer, Item

__all__ = ["answer_question", "AnswerConfig", "Answer", "Item", "ABSTAIN_EN", "ABSTAIN_ID"]
