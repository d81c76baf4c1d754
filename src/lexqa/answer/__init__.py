"""answer stage: cited answers from the corpus.

Python API (used by `lexqa ask` and `lexqa eval`)::

    from lexqa.answer import answer_question, AnswerConfig
    ans = answer_question(question, retriever, corpus, AnswerConfig.load())
    ans.to_dict()   # the JSON contract, documented in lexqa.answer.model

The default engine is extractive and offline (lexqa.answer.extractive); an optional LLM
(lexqa.answer.llm) only rewrites the lead and is verified the same way.
"""

from .config import AnswerConfig
from .extractive import answer_question
from .model import ABSTAIN_EN, ABSTAIN_ID, Answer, Item

__all__ = ["answer_question", "AnswerConfig", "Answer", "Item", "ABSTAIN_EN", "ABSTAIN_ID"]
