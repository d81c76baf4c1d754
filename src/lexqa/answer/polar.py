"""Whether a provision's operative clause answers the yes/no an issue asks (lexqa.answer.lead).

A power says "Yes" (or "Only if") to "may I / can we X?" only when X is what it empowers: the
issue's own concepts must be in the power's act, not only in the condition that triggers it.
"Dalam hal Deportasi ... belum dapat dilaksanakan, detensi dapat dilakukan ..." empowers
detention, and says nothing to "Can we impose deportation?"; "Menteri Luar Negeri ... berwenang
melakukan penarikan ... Paspor diplomatik" says nothing to "Can I prosecute her?". The share of
concepts needed is data/answer.toml [polarity] power_act_min, and in an Indonesian power some of
them must be in what it does, not only in whom it is for ("… dapat menerbitkan Surat Perjalanan
Laksana Paspor bagi korban perdagangan orang" says nothing to "may the victim remain?").
"""

from __future__ import annotations

import re
from typing import Any

from ..norm import Norm
from ..norm.cues import rx as norm_rx
from .config import data_file
from .terms import overlap


def act_text(op: Norm, language: str) -> str:
    """What a norm commands, permits or forbids: its operative clause and the list items it
    introduces, without the clauses that open with a condition cue ("dalam hal", "jika", "if")."""
    cond = norm_rx("en" if language == "en" else "id", "condition")
    return " ".join([op.action, *(c for c in op.conditions if not cond.match(c.strip()))])


def _deed(act: str, addressee: str | None) -> str:
    """A power's act without who holds it and whom it is for (data/answer.toml power_beneficiary)."""
    if addressee:
        act = act.replace(addressee, " ")
    return re.sub(data_file()["polarity"]["power_beneficiary"], " ", act, flags=re.I)


def answers_issue(op: Norm, qtype: str, issue_concepts: list[Any] | None, polar_min: float, language: str) -> bool:
    """The clause answers the issue yes or no: its modality is the one asked about or it carries
    `polar_min` of the issue's concepts; and a power carries them in its act (see the module)."""
    if op.modality == "power" and issue_concepts is not None:
        act = act_text(op, language)
        if overlap(issue_concepts, act) < float(data_file()["polarity"]["power_act_min"]):
            return False
        if language != "en" and not overlap(issue_concepts, _deed(act, op.addressee)):
            return False
    asked = data_file()["polarity"]["asked"].get(qtype, [])  # the modalities the question asks about
    return op.modality in asked or (
        issue_concepts is not None and overlap(issue_concepts, " ".join([op.action, *op.conditions])) >= polar_min)
