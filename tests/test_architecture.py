"""The architecture's rules, checked on the source tree (static: nothing is imported or run).

- no import cycle between lexqa modules, counting imports inside functions too (a lazy import
  hides a cycle, it does not remove it) but not `if TYPE_CHECKING:` imports;
- no module over 400 lines without a reason written at its top ("Over 400 lines: ...");
- no `except Exception: pass` (nor a bare `except: pass`): failures are handled or propagate;
- no document-kind test written out in code: kinds are looked up in `lexqa.kinds`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "lexqa"
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(SRC.rglob("*.py")):
        parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
            skip.update(id(x) for b in n.body for x in ast.walk(b))
    return skip


def _imports(mod: str, path: Path, mods: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    pkg = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out: set[str] = set()

    def owner(name: str) -> str | None:
        while name and name not in mods:
            name = name.rsplit(".", 1)[0] if "." in name else ""
        return name or None

    for n in ast.walk(tree):
        if id(n) in skip:
            continue
        if isinstance(n, ast.Import):
            out.update(filter(None, (owner(a.name) for a in n.names if a.name.startswith("lexqa"))))
        elif isinstance(n, ast.ImportFrom) and n.module != "__future__":
            if n.level:
                base = pkg.split(".")[: len(pkg.split(".")) - (n.level - 1)]
                name = ".".join(base + ([n.module] if n.module else []))
            else:
                name = n.module or ""
            if not name.startswith("lexqa"):
                continue
            subs = [f"{name}.{a.name}" for a in n.names if f"{name}.{a.name}" in mods]
            out.update(subs)
            if len(subs) < len(n.names):  # names from the module itself
                o = owner(name)
                if o:
                    out.add(o)
    out.discard(mod)
    return out


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        x = stack.pop()
                        on.discard(x)
                        comp.append(x)
                        if x == v:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
                continue
            if w not in index:
                index[w] = low[w] = counter
                counter += 1
                stack.append(w)
                on.add(w)
                work.append((w, iter(sorted(edges.get(w, ())))))
            elif w in on:
                low[v] = min(low[v], index[w])
    return found


def test_no_import_cycles():
    mods = _modules()
    edges = {m: _imports(m, p, mods) for m, p in mods.items()}
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_long_modules_say_why():
    long = []
    for mod, p in _modules().items():
        text = p.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES and "Over 400 lines:" not in text[:2000]:
            long.append(f"{mod} ({text.count(chr(10))} lines)")
    assert long == []


def test_no_swallowed_exceptions():
    bad = []
    for mod, p in _modules().items():
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ExceptHandler) and len(n.body) == 1 and isinstance(n.body[0], ast.Pass):
                if n.type is None or ast.unparse(n.type) in ("Exception", "BaseException"):
                    bad.append(f"{mod}:{n.lineno}")
    assert bad == []


# a written-out test of a document kind: `kind in ("treaty", "declaration")`, `kind == "literature"`
_KIND_NAMES = "statute|regulation|amendment|ratification|treaty|declaration|literature"
_KIND_TEST = re.compile(rf"""kind\s*(?:==|!=|in|not in)\s*[\(\[{{]?\s*["'](?:{_KIND_NAMES})["']""")


def test_document_kinds_are_looked_up_in_the_registry():
    bad = []
    for mod, p in _modules().items():
        if mod == "lexqa.kinds":
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if _KIND_TEST.search(line):
                bad.append(f"{mod}:{i}: {line.strip()}")
    assert bad == []


def test_every_parsed_provision_kind_is_a_declared_provision_kind(corpus):
    from typing import get_args

    from lexqa.models import ProvisionKind

    assert {p.kind for p in corpus.provisions()} <= set(get_args(ProvisionKind))


def test_every_document_kind_is_a_registry_kind(corpus):
    from lexqa import kinds

    assert {d.meta.kind for d in corpus.documents.values()} <= set(kinds.names())
