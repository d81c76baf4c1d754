"""Answer metrics that read the law itself (per question row; summed by `summarise_answers`).

* currency: the first citation of an answer is the version in force on the question's date
  (the gold item's `as_of`, else the run's today) — `lexqa.retrieve.current.unit_of`;
* superseded_as_current: citations shown as the law (any role but "revoked"/"retrieved", and not
  one the lead says was not yet in force on the date: lexqa.answer.entry) whose words are not in
  force on that date (target 0).
"""

from __future__ import annotations

from typing import Any, Sequence

from ..answer.model import BASIS_ROLES  # the roles of the citations an answer rests on
from ..retrieve.current import unit_of

SHOWN_AS_HISTORY = ("revoked", "retrieved")


def currency_row(ans: Any, corpus: Any, as_of: str) -> dict[str, Any]:
    """`current_first` (None: abstained, or the first citation has no legal status) and the ids
    of citations presented as current that are not."""
    if ans.abstained or not ans.citations:
        return {"current_first": None, "not_current": []}
    bad = []
    # a citation whose lead claim says it was not yet in force on the date is not shown as current
    told = {cid for cl in (getattr(ans, "lead_claims", None) or []) if cl.get("not_in_force_on")
            for cid in cl.get("citations", [])}
    for c in ans.citations:
        if c.role in SHOWN_AS_HISTORY or c.id in told:
            continue
        if _stale(unit_of(corpus, c.id, as_of), c.id):
            bad.append(c.id)
    first = ans.citations[0]
    u = unit_of(corpus, first.id, as_of)
    if first.id in told:
        return {"current_first": None, "not_current": bad}
    return {"current_first": None if u.state is None else not _stale(u, first.id), "not_current": bad}


def _stale(u: Any, pid: str) -> bool:
    """Not the law's words on the date: revoked, deleted, superseded, not yet in force, or other
    words in force at its address (a treaty or declaration is not stale: it has no versions)."""
    from ..answer.extractive import HISTORY_STATES

    if u.state is None:
        return False
    return u.state in HISTORY_STATES or (u.words is not None and u.words != pid)


def summarise_answers(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    judged = [r["current_first"] for r in rows if r.get("current_first") is not None]
    return {
        "currency": sum(judged) / len(judged) if judged else None,
        "currency_n": len(judged),
        "superseded_as_current": sum(len(r.get("not_current") or []) for r in rows),
        "superseded_as_current_questions": sorted(r["id"] for r in rows if r.get("not_current")),
    }


# --------------------------------------------------------------------------- issue 10 metrics

_NUMERIC = ("prison_min_months", "prison_max_months", "fine_min_rp", "fine_max_rp")


def _group(corpus: Any, doc: str) -> str:
    from ..kinds import spec

    meta = corpus.meta(doc)
    return spec(meta.kind if meta else None).group


def truncated_quotes(ans: Any, corpus: Any) -> list[str]:
    """Quotes (citations and the lead's) that stop inside a number, an amount, a citation or a
    list: a cut `safe_cut` would not make."""
    from ..norm import safe_cut
    from ..text import collapse_ws

    bad = []
    for c in ans.citations:
        p = corpus.get(c.id)
        if p is None or not c.quote:
            continue
        t = p.text.strip()
        q = c.quote.strip()
        if t.startswith(q) and len(q) < len(t) and safe_cut(t, len(q)) != len(q):
            bad.append(c.id)
    # the lead's quotes are collapsed prefixes of a cited provision
    for claim in getattr(ans, "lead_claims", []) or []:
        txt = claim.get("text", "")
        if "“" not in txt:
            continue
        q = txt.split("“", 1)[1].rsplit("”", 1)[0]
        for cid in claim.get("citations", []):
            p = corpus.get(cid)
            t = collapse_ws(p.text.strip()) if p else ""
            if t.startswith(q) and len(q) < len(t) and safe_cut(t, len(q)) != len(q):
                bad.append(cid + " (lead)")
    return bad


def answer_row(ans: Any, it: Any, corpus: Any) -> dict[str, Any]:
    """Coverage of `must_cite`, polarity, key facts, literature/treaty as the legal basis, truncation."""
    from .metrics import key_of, provision_key

    row: dict[str, Any] = {"truncated": truncated_quotes(ans, corpus)}
    basis = [c for c in ans.citations if c.role in BASIS_ROLES]
    # literature answering a question that asks for research is right; anywhere else it is not law
    row["literature_basis"] = 0 if "research" in (it.tags or []) else sum(
        1 for c in basis if _group(corpus, c.doc) == "literature")
    must = getattr(it, "must_cite_keys", None) or set()
    treaty_ok = any(_group(corpus, d) == "treaty" for d, _ in must)
    row["treaty_basis"] = int(bool(basis) and _group(corpus, basis[0].doc) == "treaty" and not treaty_ok)
    if not it.answerable:
        return row
    if ans.abstained:
        # a refusal of an answerable question cites nothing, says no yes / no and states no fact
        row["refused"] = True
        if must:
            row["coverage"] = 0.0
        if getattr(it, "polarity", None):
            row["polarity_ok"], row["polarity_got"] = False, None
        if getattr(it, "key_facts", None):
            row["key_facts_ok"], row["key_facts_n"] = 0, len(it.key_facts)
        return row
    if must:
        cited = {provision_key(c) for c in basis} | {(c.doc, None) for c in basis}
        # an amended article is cited by its words (the amending law's) and its base address
        cited |= {key_of(c.address.split("/")[0], c.address.split("/")[1].removeprefix("pasal-").upper())
                  for c in basis if c.address and "/pasal-" in c.address}
        row["coverage"] = sum(1 for k in must if k in cited) / len(must)
    if getattr(it, "polarity", None):
        got = next((c.get("polarity") for c in ans.lead_claims if c.get("polarity")), None)
        row["polarity_ok"] = got == it.polarity
        row["polarity_got"] = got
    facts = [f for f in getattr(it, "key_facts", []) or []]
    if facts:
        stated: dict[str, set] = {}
        for c in ans.lead_claims:
            for k, v in (c.get("facts") or {}).items():
                stated.setdefault(k, set()).add(v)
        text = ans.answer.lower()
        ok = 0
        for f in facts:
            if f.type in _NUMERIC:
                ok += f.value in stated.get(f.type, set())
            else:
                ok += str(f.value).lower() in text
        row["key_facts_ok"] = ok
        row["key_facts_n"] = len(facts)
    return row


def summarise_issue10(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def mean(xs: list[float]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    cov = [r["coverage"] for r in rows if "coverage" in r]
    cov_answered = [r["coverage"] for r in rows if "coverage" in r and not r.get("refused")]
    pol = [float(r["polarity_ok"]) for r in rows if "polarity_ok" in r]
    given = [float(r["polarity_ok"]) for r in rows if r.get("polarity_got")]
    kf_ok = sum(r.get("key_facts_ok", 0) for r in rows)
    kf_n = sum(r.get("key_facts_n", 0) for r in rows)
    return {"coverage": mean(cov), "coverage_n": len(cov), "coverage_answered": mean(cov_answered), "polarity": mean(pol), "polarity_n": len(pol),
            "polarity_precision": mean(given), "polarity_given": len(given),
            "key_facts": kf_ok / kf_n if kf_n else None, "key_facts_n": kf_n,
            "literature_as_basis": sum(r.get("literature_basis", 0) for r in rows),
            "treaty_as_basis": sum(r.get("treaty_basis", 0) for r in rows),
            "truncation_defects": sum(len(r.get("truncated") or []) for r in rows)}


def guide_summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Coverage with and without checkpoint guides (officer scenarios, held-out), and guide
    matches on questions no guide is for (non-officer personas)."""
    def cov(rs: list[dict[str, Any]], guided: bool) -> float | None:
        xs = [(r["with_guide"] if guided and "with_guide" in r else r).get("coverage") for r in rs]
        xs = [x for x in xs if x is not None]
        return sum(xs) / len(xs) if xs else None

    officer = [r for r in rows if r.get("persona") == "officer"]
    held = [r for r in officer if r.get("split") == "held-out"]
    worse = [r["id"] for r in rows if "with_guide" in r and (r["with_guide"].get("coverage") or 0) < (r.get("coverage") or 0)]
    return {"matches": sum(1 for r in rows if r.get("guide")),
            "matches_non_officer": sorted(r["id"] for r in rows if r.get("guide") and r.get("persona") != "officer"),
            "officer_coverage": cov(officer, False), "officer_coverage_with_guides": cov(officer, True),
            "officer_heldout_coverage": cov(held, False), "officer_heldout_coverage_with_guides": cov(held, True),
            "officer_heldout_polarity_with_guides": _pol(held),
            # what `lexqa ask` answers by default (guides on): key facts of every answered question
            "key_facts_with_guides": _kf(rows, True), "key_facts_heldout_with_guides":
                _kf([r for r in rows if r.get("split") == "held-out"], True),
            "officer_cited_precision": _cp(officer, False), "officer_cited_precision_with_guides": _cp(officer, True),
            "lowered_by_guide": worse,
            # the guided answers' own defects (a guide's quote, a guide citing literature)
            "truncation_defects_with_guides": sum(len(r["with_guide"].get("truncated") or []) for r in rows if "with_guide" in r),
            "literature_as_basis_with_guides": sum(r["with_guide"].get("literature_basis", 0) for r in rows if "with_guide" in r)}


def _cp(rows: Sequence[dict[str, Any]], guided: bool) -> float | None:
    xs = [(r["with_guide"] if guided and "with_guide" in r else r).get("cited_precision") for r in rows
          if not r.get("abstained") or (guided and "with_guide" in r)]
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def _kf(rows: Sequence[dict[str, Any]], guided: bool) -> float | None:
    xs = [(r["with_guide"] if guided and "with_guide" in r else r) for r in rows]
    n = sum(x.get("key_facts_n", 0) for x in xs)
    return sum(x.get("key_facts_ok", 0) for x in xs) / n if n else None


def _pol(rows: list[dict[str, Any]]) -> float | None:
    xs = [float((r["with_guide"] if "with_guide" in r else r)["polarity_ok"]) for r in rows
          if "polarity_ok" in (r["with_guide"] if "with_guide" in r else r)]
    return sum(xs) / len(xs) if xs else None
