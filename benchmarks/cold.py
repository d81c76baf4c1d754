"""Cold-start latency of the CLI: `lexqa search` and `lexqa ask` in fresh processes (prints figures, not a test).

    LEXQA_INDEX_DIR=/work/index-full2 python benchmarks/cold.py [-n 5] [--question "..."] [--json]

Each run is a new interpreter (`python -m lexqa …`, output discarded), timed from outside (wall).
One unreported warm-up run per command first fills the OS page cache and lexqa's on-disk corpus
cache (lexqa.index.corpus_cache), as any earlier command would have. Reports p50/min/max over
`-n` runs, CPU seconds (user+sys: less sensitive than wall to other jobs on a shared machine), peak RSS, and the heavy modules the process imported (torch must never be).
Goal (issue 10): cold ask ≤ 2 s wall.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

QUESTION = "Kapan Pejabat Imigrasi dapat menolak orang keluar Wilayah Indonesia?"
HEAVY = ("torch", "transformers", "sentence_transformers", "pypdf", "langchain", "fastapi", "uvicorn")

# run the CLI, then report (on stderr, after the command's own output) peak RSS and heavy imports
_CHILD = ("import atexit, json, resource, sys\n"
          "def _report():\n"
          "    mods = [m for m in %r if m in sys.modules]\n"
          "    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
          "    sys.stderr.write('\\nLEXQA_COLD ' + json.dumps({'rss_mb': rss, 'heavy': mods}) + '\\n')\n"
          "atexit.register(_report)\n"
          "sys.argv = ['lexqa'] + sys.argv[1:]\n"
          "from lexqa.cli import main\n"
          "main()\n") % (HEAVY,)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def one(cmd: str, question: str, extra: list[str]) -> tuple[float, float, dict]:
    c, t = _children_cpu(), time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD, cmd, question, *extra], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - t, _children_cpu() - c
    if out.returncode != 0:
        raise SystemExit(f"lexqa {cmd} failed (exit {out.returncode}): {out.stderr.strip()[-400:]}")
    line = [s for s in out.stderr.splitlines() if s.startswith("LEXQA_COLD ")][-1]
    return wall, cpu, json.loads(line.split(" ", 1)[1])


def measure(cmd: str, question: str, n: int, extra: list[str]) -> dict:
    one(cmd, question, extra)  # warm-up, not reported
    walls, cpus, info = [], [], {}
    for _ in range(n):
        w, c, info = one(cmd, question, extra)
        walls.append(w)
        cpus.append(c)
    return {"command": f"lexqa {cmd} {question!r} {' '.join(extra)}".strip(), "runs": n,
            "p50_s": round(statistics.median(walls), 2), "min_s": round(min(walls), 2), "max_s": round(max(walls), 2),
            "cpu_p50_s": round(statistics.median(cpus), 2),
            "peak_rss_mb": round(info["rss_mb"]), "heavy_imported": info["heavy"],
            "torch_imported": "torch" in info["heavy"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5, help="runs per command (after one warm-up)")
    ap.add_argument("--question", default=QUESTION)
    ap.add_argument("--commands", default="search,ask")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    res = {cmd: measure(cmd, args.question, args.n, []) for cmd in args.commands.split(",")}
    res["load_average_1min_at_start"] = round(load, 2)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    for cmd in args.commands.split(","):
        r = res[cmd]
        print(f"cold {cmd:6}: p50 {r['p50_s']:.2f} s, min {r['min_s']:.2f}, max {r['max_s']:.2f} ({r['runs']} runs); "
              f"CPU p50 {r['cpu_p50_s']:.2f} s; "
              f"peak RSS {r['peak_rss_mb']} MB; heavy modules: {', '.join(r['heavy_imported']) or 'none'}")
    print(f"(load average at start: {load:.2f})")


if __name__ == "__main__":
    main()
