"""Research questions answered from the literature (issue 13), measured with the real Session.

    LEXQA_INDEX_DIR=/work/index-full2 LEXQA_CACHE_DIR=/work/main/.lexqa-cache \
        PYTHONPATH=src python evals/measure_research.py [--others N] [--out FILE.json]

For each gold question tagged "research" (or "asks-research": out of scope, must be refused): answered from literature (a literature citation with a
basis role), every literature section of `must_cite` cited (the section or a part of it), any
right section cited, refused. For the other questions (all, or a sample of N spread over the
file): literature cited as the legal basis, and out-of-scope (answerable=false) questions answered.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from lexqa.evaluate.answers import BASIS_ROLES
from lexqa.evaluate.gold import default_gold_path, load_gold, section_id
from lexqa.service import Session


def _is_lit(corpus, doc: str) -> bool:
    from lexqa.answer.items import group_of

    return group_of(corpus, doc) == "literature"


def _covers(cid: str, sid: str) -> bool:
    return cid == sid or cid.startswith(sid + "/")


def research_row(it, ans, corpus) -> dict:
    basis = [c for c in ans.citations if c.role in BASIS_ROLES]
    lit = [c.id for c in basis if _is_lit(corpus, c.doc)]
    want = [section_id(r.doc, r.section) for r in it.must_cite if r.section]
    want_in = [s for s in want if s in corpus]
    hit = [s for s in want_in if any(_covers(c, s) for c in lit)]
    return {"id": it.id, "answerable": it.answerable, "abstained": ans.abstained,
            "from_literature": bool(lit) and not ans.abstained,
            "all_sections": bool(want_in) and len(hit) == len(want_in) and not ans.abstained,
            "any_section": bool(hit) and not ans.abstained, "in_corpus": len(want_in) == len(want),
            "cited": lit, "want": want, "decision": ans.signals.get("decision"),
            "commentary": [c.id for c in ans.citations if c.role == "commentary"]}


def other_row(it, ans, corpus) -> dict:
    basis = [c for c in ans.citations if c.role in BASIS_ROLES]
    return {"id": it.id, "abstained": ans.abstained, "answerable": it.answerable,
            "literature_basis": [c.id for c in basis if _is_lit(corpus, c.doc)]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(default_gold_path()))
    ap.add_argument("--others", type=int, default=-1, help="non-research questions to check (-1: all, 0: none)")
    ap.add_argument("--out", default=None)
    a = ap.parse_args(argv)
    items = load_gold(a.gold)
    # "asks-research": an out-of-scope question that asks for research (it must be refused)
    research = [it for it in items if {"research", "asks-research"} & set(it.tags)]
    others = [it for it in items if not {"research", "asks-research"} & set(it.tags)]
    if a.others >= 0 and a.others < len(others):
        step = len(others) / a.others if a.others else 0
        others = [others[int(i * step)] for i in range(a.others)]
    s = Session()
    corpus = s.corpus
    t0 = time.time()
    rrows, orows = [], []
    for n, it in enumerate(research + others, 1):
        ans = s.ask(it.question, as_of=it.as_of).answer
        if {"research", "asks-research"} & set(it.tags):
            rrows.append(research_row(it, ans, corpus))
        else:
            orows.append(other_row(it, ans, corpus))
        print(f"\r{n}/{len(research) + len(others)} {time.time() - t0:.0f}s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    oos = [r for r in rrows if not r["answerable"]]
    rrows = [r for r in rrows if r["answerable"]]
    summary = {
        "research": len(rrows),
        "research_out_of_scope": len(oos),
        "research_out_of_scope_answered": sum(not r["abstained"] for r in oos),
        "research_in_corpus": sum(r["in_corpus"] for r in rrows),
        "from_literature": sum(r["from_literature"] for r in rrows),
        "all_sections_cited": sum(r["all_sections"] for r in rrows),
        "any_section_cited": sum(r["any_section"] for r in rrows),
        "refused": sum(r["abstained"] for r in rrows),
        "others": len(orows),
        "others_literature_basis": sum(len(r["literature_basis"]) for r in orows),
        "out_of_scope": sum(not r["answerable"] for r in orows),
        "out_of_scope_answered": sum(not r["answerable"] and not r["abstained"] for r in orows),
        "others_answered": sum(not r["abstained"] for r in orows),
    }
    for r in rrows:
        flag = "OK " if r["all_sections"] else ("part" if r["any_section"] else ("ABST" if r["abstained"] else "MISS"))
        print(f"{flag} {r['id']} want={[w.split('/')[-1] for w in r['want']]} cited={[c.split('/', 1)[-1] for c in r['cited']]}"
              f" {r['decision'] or ''}")
    for r in oos:
        print(f"{'OK ' if r['abstained'] else 'BAD'} {r['id']} (out of scope) cited={r['cited']} {r['decision'] or ''}")
    for r in orows:
        if r["literature_basis"] or (not r["answerable"] and not r["abstained"]):
            print(f"BAD {r['id']} lit-basis={r['literature_basis']} answerable={r['answerable']} abstained={r['abstained']}")
    print(json.dumps(summary, indent=1))
    if a.out:
        tmp = Path(a.out).with_suffix(".tmp")
        tmp.write_text(json.dumps({"summary": summary, "research": rrows, "others": orows}, indent=1), encoding="utf-8")
        tmp.replace(a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
