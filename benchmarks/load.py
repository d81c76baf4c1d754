"""Load and fault benchmark of `lexqa serve` (a script, not a test).

N concurrent clients on loopback send a bounded, shuffled mix of POST /ask, GET /search and
GET /show, with bad requests mixed in (empty question, 1 MB body, binary body, malformed JSON),
and stop by themselves. Reports throughput, latency percentiles per kind, errors (a good request
that did not get 200; a bad one that did not get 4xx) and the server's memory (VmRSS / VmHWM).

    # start a server on the full index and load it (read-only use of the index):
    LEXQA_INDEX_DIR=/work/index-full LEXQA_CACHE_DIR=.lexqa-cache \\
        python benchmarks/load.py --requests 500 --clients 8
    # or load a server already running (give its pid for the memory figures):
    python benchmarks/load.py --url http://127.0.0.1:8000 --pid 1234
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

QUESTIONS = [
    "Kapan Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?",
    "Can an immigration officer refuse to let a person depart from Indonesia?",
    "What is the legal definition of trafficking in persons?",
    "Apa sanksi pidana bagi orang yang menyelundupkan manusia?",
    "Siapa yang berwenang melakukan pencegahan ke luar negeri?",
    "What protection must a State Party give to victims of trafficking?",
    "Berapa lama izin tinggal kunjungan berlaku?",
    "What is the income tax rate for individuals in Indonesia?",
]
QUERIES = ["penundaan keberangkatan", "korban perdagangan orang", "penyelundupan manusia", "izin tinggal tetap",
           "deportasi", "smuggling of migrants definition", "Pasal 16 UU 6/2011", "restitusi korban"]
CITATIONS = ["UU 6/2011 Pasal 16", "UU 6/2011 Pasal 16 ayat (1) huruf b", "UU 21/2007 Pasal 2", "UU 6/2011 Pasal 120",
             "Article 3(a) Palermo Protocol", "UU 23/2002 Pasal 76F", "UU 6/2011 Pasal 86", "KUHP Pasal 455"]


def _good(rng: random.Random) -> tuple[str, str, dict]:
    kind = rng.choices(["ask", "search", "show"], weights=[3, 4, 3])[0]
    if kind == "ask":
        return kind, "POST", {"url": "/ask", "json": {"question": rng.choice(QUESTIONS)}}
    if kind == "search":
        return kind, "GET", {"url": "/search", "params": {"q": rng.choice(QUERIES), "k": 10}}
    return kind, "GET", {"url": "/show", "params": {"citation": rng.choice(CITATIONS)}}


def _bad(rng: random.Random) -> tuple[str, str, dict]:
    j = {"content-type": "application/json"}
    kind = rng.choice(["empty", "1mb", "binary", "malformed"])
    body = {"empty": b'{"question": ""}', "1mb": b'{"question": "' + b"a" * 1_000_000 + b'"}',
            "binary": bytes(rng.getrandbits(8) for _ in range(4096)), "malformed": b'{"question": "x",'}[kind]
    return "bad-" + kind, "POST", {"url": "/ask", "content": body, "headers": j}


def plan(n: int, bad_share: float, seed: int) -> list[tuple[str, str, dict]]:
    rng = random.Random(seed)
    return [(_bad if rng.random() < bad_share else _good)(rng) for _ in range(n)]


def _mem(pid: int | None) -> dict[str, int | None]:
    out: dict[str, int | None] = {"rss_mb": None, "peak_rss_mb": None}
    if not pid:
        return out
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out["rss_mb"] = int(line.split()[1]) // 1024
            if line.startswith("VmHWM:"):
                out["peak_rss_mb"] = int(line.split()[1]) // 1024
    except OSError:
        pass
    return out


def _pct(xs: list[float], p: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000, 1)


def run(url: str, reqs: list[tuple[str, str, dict]], clients: int, timeout: float) -> dict:
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    local = threading.local()

    def one(r: tuple[str, str, dict]) -> None:
        kind, method, kw = r
        if not hasattr(local, "c"):
            local.c = httpx.Client(base_url=url, timeout=timeout)
        t = time.perf_counter()
        try:
            status = local.c.request(method, **kw).status_code
        except httpx.HTTPError:
            status = -1
        with lock:
            results.append((kind, status, time.perf_counter() - t))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as ex:
        list(ex.map(one, reqs))
    wall = time.perf_counter() - t0
    by: dict[str, dict] = {}
    for kind in sorted({k for k, _, _ in results}):
        lat = [d for k, _, d in results if k == kind]
        codes: dict[str, int] = {}
        for k, s, _ in results:
            if k == kind:
                codes[str(s)] = codes.get(str(s), 0) + 1
        by[kind] = {"n": len(lat), "p50_ms": _pct(lat, 50), "p95_ms": _pct(lat, 95), "p99_ms": _pct(lat, 99),
                    "statuses": codes}
    good = [(k, s, d) for k, s, d in results if not k.startswith("bad-")]
    bad = [(k, s, d) for k, s, d in results if k.startswith("bad-")]
    lat = [d for _, _, d in good]
    return {"requests": len(results), "clients": clients, "wall_s": round(wall, 2),
            "throughput_rps": round(len(results) / wall, 1),
            "good": {"n": len(good), "errors": sum(1 for _, s, _ in good if s != 200),
                     "p50_ms": _pct(lat, 50), "p95_ms": _pct(lat, 95), "p99_ms": _pct(lat, 99)},
            "bad": {"n": len(bad), "not_4xx": sum(1 for _, s, _ in bad if not 400 <= s < 500)},
            "by_kind": by}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running server (default: start `lexqa serve` on a free port)")
    ap.add_argument("--pid", type=int, help="the running server's pid (memory figures)")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--bad-share", type=float, default=0.1)
    ap.add_argument("--timeout", type=float, default=120.0, help="client timeout per request (s)")
    ap.add_argument("--server-timeout", type=float, default=60.0, help="the started server's --timeout")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)

    proc = None
    url, pid = a.url, a.pid
    if not url:
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-m", "lexqa", "serve", "--port", str(port), "--json",
                                 "--timeout", str(a.server_timeout)], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
        line = proc.stdout.readline()
        if not line:
            print("error: lexqa serve did not start", file=sys.stderr)
            return 1
        url, pid = json.loads(line)["url"], proc.pid
        for _ in range(300):
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
    try:
        before = _mem(pid)
        # one of each good kind first, so the figures are of a warm server
        for kind, method, kw in (_good(random.Random(s)) for s in range(3)):
            httpx.request(method, url + kw.pop("url"), timeout=a.timeout, **kw)
        rep = run(url, plan(a.requests, a.bad_share, a.seed), a.clients, a.timeout)
        rep["memory_before"], rep["memory_after"] = before, _mem(pid)
        status = httpx.get(url + "/status", timeout=30).json()
        rep["index"] = {k: status["index"].get(k) for k in ("index_dir", "embedder", "chunks")}
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    if a.json:
        print(json.dumps(rep, indent=2))
    else:
        g = rep["good"]
        print(f"{rep['requests']} requests, {rep['clients']} clients, {rep['wall_s']} s: {rep['throughput_rps']} req/s")
        print(f"good {g['n']}: errors {g['errors']}, p50 {g['p50_ms']} ms, p95 {g['p95_ms']} ms, p99 {g['p99_ms']} ms")
        print(f"bad {rep['bad']['n']}: not 4xx {rep['bad']['not_4xx']}")
        for k, v in rep["by_kind"].items():
            print(f"  {k:14} n={v['n']:5} p50 {v['p50_ms']} p95 {v['p95_ms']} p99 {v['p99_ms']} ms  {v['statuses']}")
        print(f"memory: {rep['memory_before']} → {rep['memory_after']}; index {rep['index']}")
    return 0 if rep["good"]["errors"] == 0 and rep["bad"]["not_4xx"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
