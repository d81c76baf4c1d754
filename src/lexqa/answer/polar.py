"""Whether a provision's operative clause answers the yes/no an issue asks (lexqa.answer.lead).

A power says "Yes" (or "Only if") to "may I / can we X?" only when X is what it empowers: the
issue's own concepts must be in the power's act, not only in the condition that triggers it.
"Dalam hal Deportasi ... belum dapat dilaksanakan, detensi dapat dilakukan ..." empowers
detention, and says nothing to "Can we impose deportation?"; "Menteri Luar Negeri ... berwenang
melakukan penarikan ... Paspor diplomatik" says nothing to "Can I prosecute her?". The share of
concepts needed is data/answer.toml [polarity] power_act_min, and in an Indonesian power some of
them must be in what it does, not only in whom it is for ("… dapat menerbitkan Surat Perjalanan
Laksana Paspor bagi korban perdagangan orang" says nothing to "may the victim remain?").

The rules that say No read the question's clause against the law's words: a lesser ground than
a closed list names, an extension asked "again and again" that the law allows once, and letting
someone in or through against a duty to refuse or forbid it (data/answer.toml [polarity]).
"""

from __future__ import annotations

import functools
import re
import weakref
from typing import TYPE_CHECKING, Any

from ..norm import Norm
from ..norm.cues import rx as norm_rx
from .config import data_file
from . import terms
from .terms import overlap

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus


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


def condition_told(issue_text: str, conditions: list[str]) -> bool:
    """The question tells, as its premise, the condition the law sets: "Kalau saya ragu paspor
    penumpang itu asli, bolehkah …?" against "Dalam hal terdapat keraguan atas keabsahan Dokumen
    Perjalanan …": then "may I?" is a plain yes, not "only if" (data/answer.toml [polarity]
    told_condition: the premise; told_condition_min: its share of concepts the condition holds)."""
    m = _prx("told_condition").search(issue_text)
    if not m or not conditions:
        return False
    cs = terms.concepts(m.group("told"))
    return bool(cs) and overlap(cs, " ".join(conditions)) >= float(data_file()["polarity"]["told_condition_min"])


# ----------------------------------------------------------------------------- rules that say No

@functools.cache
def _prx(name: str) -> re.Pattern[str]:
    """A pattern of data/answer.toml [polarity]."""
    return re.compile(data_file()["polarity"][name], re.I)


def _restricted_ground(issue_text: str) -> str | None:
    """The ground a question asks to be enough on its own: "only the subject of a preliminary
    inquiry (penyelidikan)", "hanya karena dicurigai"; "suspicion alone" (data [polarity])."""
    m = _prx("restrict").search(issue_text)
    if m:
        e = _prx("restrict_end").search(issue_text, m.end())
        return issue_text[m.end():e.start() if e else len(issue_text)].strip() or None
    m = _prx("restrict_after").search(issue_text)
    if m:
        cut = [x.end() for x in _prx("restrict_end").finditer(issue_text, 0, m.start())]
        words = issue_text[cut[-1] if cut else 0:m.start()].split()
        return " ".join(words[-6:]) or None
    return None


_DOC_STEMS: "weakref.WeakKeyDictionary[Corpus, dict[str, frozenset[str]]]" = weakref.WeakKeyDictionary()


def _doc_stems(corpus: "Corpus", doc: str) -> frozenset[str]:
    memo = _DOC_STEMS.setdefault(corpus, {})
    if doc not in memo:
        out: set[str] = set()
        for q in corpus.provisions(doc):
            out |= terms.stems(q.text)
        memo[doc] = frozenset(out)
    return memo[doc]


def ground_not_listed(issue_text: str, grounds: str, doc: str, corpus: "Corpus", told: str | None = None) -> bool:
    """The question asks whether a ground alone suffices and the law's grounds (`grounds`, the
    provision with all its items) do not name it: none of the ground's concepts that the law's
    document uses anywhere occurs in the grounds (at least one such concept is needed: a ground
    told only in words the law never uses is not judged). The ground is read from the issue's
    clause, else from the whole question `told` (the facts told before the ask)."""
    g = _restricted_ground(issue_text) or (_restricted_ground(told) if told else None)
    if not g:
        return False
    vocab = _doc_stems(corpus, doc)
    usable = [c for c in terms.concepts(g) if any(a and a <= vocab for a in c.alternatives)]
    return bool(usable) and terms.overlap(usable, grounds) == 0.0


def asks_heavier(issue_text: str) -> bool:
    """The clause asks whether a penalty is heavier ("is the penalty heavier because she is a
    child?"): only a penalty that increases another answers it Yes (data [polarity] aggravation)."""
    return bool(_prx("aggravation").search(issue_text))


def extension_is_bounded(issue_text: str, text: str) -> bool:
    """"May it be renewed again and again?" against a provision that allows one extension with its
    own limit, or none, and no repeating formula (data [polarity])."""
    return bool(_prx("repeat_question").search(issue_text) and _prx("extension_bounded").search(text)
                and not _prx("extension_repeats").search(text))


def refuses(op: Norm) -> bool:
    """A duty to refuse or to forbid: "Pejabat Imigrasi menolak Orang Asing masuk …", "Nakhoda
    kapal laut wajib melarang Orang Asing … meninggalkan alat angkutnya" (data [polarity])."""
    return op.modality == "duty" and bool(_prx("refusal_act").search(op.action))


def refusal_says_no(op: Norm, issue_text: str, issue_concepts: list[Any] | None, polar_min: float,
                    text: str) -> bool:
    """"May I let him in?" / "Bolehkah nakhoda membiarkan …?" against a duty to refuse or forbid
    what is asked: No, when the clause (`text`; a ground item with its chapeau's act) carries
    `polar_min` of the issue's concepts."""
    if not (refuses(op) and _prx("let_question").search(issue_text)):
        return False
    return issue_concepts is None or overlap(issue_concepts, f"{op.action} {text}") >= polar_min
