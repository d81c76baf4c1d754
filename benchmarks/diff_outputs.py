"""Before/after check for speed work: `lexqa ask --json` and `lexqa search --json` on gold questions,
run with two source trees, must be identical except for timings (not a test; prints the differences).

    git archive main src | tar -x -C /tmp/lexqa-base       # the "before" tree
    LEXQA_INDEX_DIR=/work/index-full2 python benchmarks/diff_outputs.py --before /tmp/lexqa-base/src \
        --after src -n 10

Exit 1 when any output differs. `timings` (wall-clock figures) are removed before comparing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gold_questions(n: int) -> list[str]:
    """`n` gold questions spread over the file (every k-th), so scenarios and out-of-scope ones come too."""
    rows = [json.loads(line) for line in (ROOT / "evals" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    step = max(1, len(rows) // n)
    return [r["question"] for r in rows[::step][:n]]


def strip_timings(x):
    if isinstance(x, dict):
        return {k: strip_timings(v) for k, v in x.items() if k != "timings"}
    if isinstance(x, list):
        return [strip_timings(v) for v in x]
    return x


def run(src: str, cmd: str, question: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    out = subprocess.run([sys.executable, "-m", "lexqa", cmd, question, "--json"], capture_output=True, text=True,
                         env=env)
    try:
        body = json.dumps(strip_timings(json.loads(out.stdout)), indent=1, ensure_ascii=False, sort_keys=True)
    except json.JSONDecodeError:
        body = out.stdout
    return f"exit {out.returncode}\n{body}\n-- stderr --\n{out.stderr}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True, help="src directory of the old code")
    ap.add_argument("--after", default=str(ROOT / "src"), help="src directory of the new code")
    ap.add_argument("-n", type=int, default=10, help="number of gold questions")
    ap.add_argument("--commands", default="ask,search")
    args = ap.parse_args()
    bad = 0
    for q in gold_questions(args.n):
        for cmd in args.commands.split(","):
            a, b = run(args.before, cmd, q), run(args.after, cmd, q)
            same = a == b
            bad += not same
            print(f"{'same' if same else 'DIFF'}  {cmd:6} {q[:70]}")
            if not same:
                sys.stdout.writelines(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "before",
                                                                "after", n=2))[:60])
    print(f"{bad} differing outputs")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
