"""Reading one provision's drafting formula into a `Norm`.

A provision is a head (its own clause) and, when the head ends in ":", the list items it
introduces. The head's modal cue decides the modality: a penalty ("dipidana dengan pidana")
wins; otherwise the earliest cue outside a condition clause (prohibition before duty before
right before power at the same place), or an authority's bare active verb ("Pejabat Imigrasi
menolak ...": the law commands it). Every verbatim field is a slice of the given text.
"""

from __future__ import annotations

import functools
import re

from .cues import addressee_rx, rx, table
from .cut import item_spans, protected_spans
from .model import Norm
from .penalty import read_penalty

_ORDER = ("prohibition", "duty", "right", "power")
Span = tuple[int, int]


def _trim(text: str, s: int, e: int) -> Span:
    """Shrink [s, e) past whitespace and a dangling ',' or ':' (the slice stays verbatim)."""
    while s < e and (text[s].isspace() or text[s] in ",;"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",:"):
        e -= 1
    return s, e


def _lead(text: str, s: int) -> int:
    m = rx("shared", "lead_marker").match(text, s)
    return m.end() if m else s


def _clause_ends(text: str, s: int, stop: int) -> list[int]:
    zones = protected_spans(text, lists=False)
    return [m.end() for m in rx("shared", "clause_end").finditer(text, s, stop)
            if not any(a < m.start() < b for a, b in zones)]


def _clause(text: str, s: int, stop: int, end_rx: str = "clause_end") -> int:
    """Where the clause from `s` ends: the first end mark outside a citation, amount or parentheses."""
    zones = protected_spans(text, lists=False)
    for m in rx("shared", end_rx).finditer(text, s, stop):
        if not any(a < m.start() < b for a, b in zones):
            return m.end()
    return stop


def _conditions(text: str, lang: str, s: int, e: int, cue: int | None = None) -> list[Span]:
    """Condition clauses: one before the modal cue runs to the last clause end before it ("Jika
    ..., ... , dipidana"); one after it (or without a cue) to the next clause end."""
    out: list[Span] = []
    for m in rx(lang, "condition").finditer(text, s, e):
        if out and m.start() < out[-1][1]:
            continue
        end = _clause(text, m.end(), e)
        if cue is not None and m.start() < cue:
            last = _clause_ends(text, m.end(), cue)
            end = last[-1] if last else cue
        out.append((m.start(), end))
    return out


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _modal(text: str, lang: str, s: int, e: int, conds: list[Span], head_e: int | None = None):
    """(kind, match) of the clause's modal cue, or None (a penalty cue may end in the head's ":")."""
    pen = rx(lang, "penalty").search(text, s, head_e or e) if _maybe_penalty(text, lang, s, head_e or e) else None
    if pen:
        return "penalty", pen
    rel = rx("shared", f"relative_{lang}")
    found = []
    for m in _modals(lang).finditer(text, s, e):   # the earliest cue that is no relative clause
        if _inside(m.start(), conds) or rel.search(text, max(s, m.start() - 12), m.start()):
            continue
        found.append((m.start(), 0, m.lastgroup, m))
        break
    imp = _imperative(text, lang, s, e, conds)
    if imp is not None:
        found.append((imp.start(), -1, "duty", imp))
    if not found:
        return None
    _, _, kind, m = min(found, key=lambda x: (x[0], x[1]))
    return kind, m


def _maybe_penalty(text: str, lang: str, s: int, e: int) -> bool:
    """A quick no for the (slow) penalty pattern: its words are not in the clause."""
    head = text[s:e].lower()
    return any(w in head for w in table(lang)["penalty_words"])


@functools.cache
def _modals(lang: str) -> re.Pattern[str]:
    """The modal cues in one pattern, a named group each, in priority order (one scan of a clause)."""
    return re.compile("|".join(f"(?P<{k}>{table(lang)[k]})" for k in _ORDER), re.I | re.M)


def _imperative(text: str, lang: str, s: int, e: int, conds: list[Span]):
    if lang != "id":
        return None
    verbs = rx("id", "imperative_verbs")
    for a in addressee_rx(lang).finditer(text, s, e):
        if _inside(a.start(), conds):
            continue
        m = re.compile(r"\s+(?:juga\s+|segera\s+)?").match(text, a.end(), e)
        v = verbs.match(text, m.end() if m else a.end(), e)
        if v:
            return v
    return None


def _definition(text: str, lang: str, s: int, e: int, norm: Norm, item: bool) -> bool:
    """ "X adalah ..." (a short term, or any term in a definitions list), "Yang dimaksud dengan X
    adalah ...", '"X" shall mean ...'."""
    if lang == "en":
        m = rx("en", "defined_term").match(text, s, e)
        if m:
            norm.defines = m.group("term").strip()
            norm.modality, norm.action = "definition", text[slice(*_trim(text, s, e))]
        return bool(m)
    m = rx("id", "defined_by").match(text, s, e)
    if m:
        term_s, term_e = m.span("term")
    else:
        d = rx("id", "definition").search(text, s, e)
        if not d:
            return False
        term_s, term_e = _trim(text, s, d.start())
        term = text[term_s:term_e]
        alias = rx("id", "alias").search(text, term_s, term_e)
        short = text[term_s:alias.start()] if alias else term
        if not item and (len(short.split()) > 8 or re.search(r"\b(?:yang|sebagaimana)\b", short, re.I)):
            return False
        if (len(term.split()) > 20 or re.search(r"[;:]", term) or not term[:1].isupper()
                or any(rx(lang, k).search(term) for k in ("penalty", *_ORDER))):
            return False
    while term_s < term_e and text[term_s] in "\"“”'‘’":
        term_s += 1
    while term_e > term_s and text[term_e - 1] in "\"“”'‘’":
        term_e -= 1
    alias = rx("id", "alias").search(text, term_s, term_e)
    if alias:
        norm.aliases = [text[alias.end():term_e]]
        term_e = alias.start()
    norm.defines = text[term_s:term_e]
    norm.modality, norm.action = "definition", text[slice(*_trim(text, s, e))]
    return True


def _exceptions(text: str, lang: str, s: int, e: int) -> list[str]:
    out: list[Span] = []
    for m in rx(lang, "exception").finditer(text, s, e):
        if rx("shared", "exception_sentence").match(text, m.start()):
            back = [x.end() for x in rx("shared", "sentence_end").finditer(text, s, m.start())]
            a = back[-1] if back else s
            b = _clause(text, m.end(), e, "sentence_end")
        else:
            a, b = m.start(), _clause(text, m.end(), e)
        if not any(x <= a < y for x, y in out):
            out.append((a, b))
    return [text[slice(*_trim(text, a, b))] for a, b in out]


def read(text: str, language: str = "id", items: list[Span] | None = None, definition_item: bool = False) -> Norm:
    """The norm of `text`; `items` are its list items' spans (None: found by their markers);
    `definition_item`: an item of a definitions list ("Dalam Undang-Undang ini yang dimaksud dengan:")."""
    table(language)   # a clear error for an unknown language
    clean = text.translate(_NOISE)
    if clean == text:
        return _read(text, language, items, definition_item)
    # OCR marks read as spaces ("10 ^(sepuluh) tahun"); same length, so the fields map back verbatim
    norm = _read(clean, language, items, definition_item)
    for n in norm.all():
        _restore(n, clean, text)
    return norm


_NOISE = str.maketrans({"^": " "})


def _back(s: str, clean: str, text: str) -> str:
    i = clean.find(s)
    return text[i:i + len(s)] if s and i >= 0 else s


def _restore(n: Norm, clean: str, text: str) -> None:
    n.action = _back(n.action, clean, text)
    n.conditions = [_back(c, clean, text) for c in n.conditions]
    n.exceptions = [_back(c, clean, text) for c in n.exceptions]
    n.aliases = [_back(c, clean, text) for c in n.aliases]
    n.defines = _back(n.defines, clean, text) if n.defines else n.defines
    if n.penalty is not None:
        n.penalty.text = _back(n.penalty.text, clean, text)


def _read(text: str, language: str, items: list[Span] | None, definition_item: bool) -> Norm:
    norm = Norm()
    s = _lead(text, 0)
    if items is None:
        items = item_spans(text, s) if re.search(r":\s*(?:\n|\s[a-z0-9(]{1,3}[.)]\s)", text) else []
    head_e = items[0][0] if items else len(text)
    h_s, h_e = _trim(text, s, head_e)
    if h_s >= h_e:
        return norm
    if rx(language, "definitions_chapeau").search(text[h_s:head_e]):
        norm.modality, norm.action = "definition", text[h_s:h_e]
        return norm
    if _definition(text, language, h_s, h_e, norm, definition_item):
        return norm
    conds = _conditions(text, language, h_s, h_e)
    norm.exceptions = _exceptions(text, language, h_s, len(text))
    found = _modal(text, language, h_s, h_e, conds, head_e)
    if found is None and items:   # "a. ...; d. ..., dipidana dengan pidana ...": the penalty closes the list
        tail = rx(language, "penalty").search(text, items[0][0])
        if tail:
            norm.modality, norm.penalty = "penalty", read_penalty(text, tail.start())
    a_s, a_e = h_s, h_e
    who = [x for x in addressee_rx(language).finditer(text, h_s, h_e) if not _inside(x.start(), conds)]
    norm.addressee = who[0].group(0) if who else None
    if found:
        kind, m = found
        norm.modality = kind
        norm.negated = bool(rx(language, "negated_before").search(text, max(h_s, m.start() - 8), m.start())
                            or rx(language, "negation").search(text, max(h_s, m.start() - 8), m.end() + 4))
        if kind == "penalty":
            norm.penalty = read_penalty(text, m.start())
            p_e = m.start() + len(norm.penalty.text)   # the clause is stripped text from the cue on
            before, after = _trim(text, h_s, m.start()), _trim(text, p_e, h_e)
            a_s, a_e = max((before, after), key=lambda sp: sp[1] - sp[0])
            if a_s >= a_e:   # "Dipidana dengan ...:" + the offences as items
                a_s, a_e = h_s, h_e
            norm.negated = False
        conds = _conditions(text, language, h_s, h_e, m.start())
        # leading and trailing conditions are not part of the operative clause (unless they are all of it)
        keep = (a_s, a_e)
        for cs, ce in conds:
            if cs <= a_s + 1 and ce <= m.start():
                a_s = ce
            elif cs > m.start() and ce >= a_e - 1:
                a_e = min(a_e, cs)
        a_s, a_e = _trim(text, a_s, a_e)
        if len(text[a_s:a_e].split()) < 3:   # "maka pelaku": the condition is the offence
            a_s, a_e = keep
        if kind == "penalty":   # the offender opens the offence ("Setiap Orang yang ..."), not a victim in it
            near = [x for x in who if abs(x.start() - a_s) <= 12]
            pick = near[0] if near else None
        else:
            before_cue = [x for x in who if x.start() < m.start()]
            pick = before_cue[0] if before_cue else None
        norm.addressee = pick.group(0) if pick else None
    norm.action = text[a_s:a_e]
    norm.conditions = [text[slice(*_trim(text, a, b))] for a, b in conds]
    norm.conditions += [text[slice(*_trim(text, a, b))] for a, b in items]
    norm.conditions = [c for c in norm.conditions if c]
    return norm


def read_norm(text: str, language: str = "id") -> "Norm":
    """One provision's text (with its list items, if given) read into a `Norm`."""
    return read(text, language)
