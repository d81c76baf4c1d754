"""Amendment and revocation relations of a Corpus, derived once per corpus (lazily) and cached.

API (every id is a provision id; a "key" is a document id and an article number as written):

* ``relations(corpus) -> Relations``: the cached graph of `corpus` (rebuilt after `Corpus.add`).
* ``Relations.changes(doc, pasal) -> list[Change]``: the amending-law provisions (an article it
  writes, or the whole point when the point writes none) that rewrite, insert or delete Pasal
  `pasal` of `doc`, in corpus order; ``latest_first(doc, pasal)`` orders them by effective date.
* ``Relations.changed_articles() -> list[tuple[str, str]]``: every (base doc, Pasal) some change touches.
* ``Relations.written(doc, pasal) -> list[Provision]``: the amended articles an amending law
  `doc` writes with that number ("UU 63/2024 Pasal 16" = its Pasal I angka N Pasal 16).
* ``Relations.written_into(doc, pasal) -> list[Provision]``: the articles that amending laws
  write into base law `doc` with that number (also articles inserted there, "Pasal 24A").
* ``Relations.has_own(doc, pasal) -> bool``: `doc` itself has that Pasal (not only as amended).
* ``Relations.amended_article(pid) -> (doc, pasal) | None``: the base law and Pasal number an
  amending-law provision (or a part of one) writes; a point: the number it opens with, None
  when it names none. None for a provision that amends nothing.
* ``Relations.point_article(pid) -> str | None``: for an amendment point naming no Pasal, the
  number of the one article it writes (None when it writes none or several).
* ``Relations.revocations(pid) -> list[tuple[Revocation, bool]]``: manifest revocations touching
  `pid` (the provision, an ancestor or a part of it); the bool says "a part only".
* ``Relations.replacing(pid) -> list[Revocation]``: manifest revocations whose replacement is
  `pid`, an ancestor or a part of it (KUHP Pasal 455 replaces UU 21/2007 Pasal 2).
* ``Relations.article_links() -> dict[str, list[str]]``: base article id ↔ the amending-law
  articles that rewrite it (or insert an article after it), latest amending law first; written
  into the index (provisions.sqlite, table links) for the retriever's amendment linking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .kinds import spec

if TYPE_CHECKING:  # pragma: no cover
    from .models import Provision, Revocation
    from .store import Corpus


@dataclass(frozen=True)
class Change:
    """One amending-law provision that changes an article of a base law."""

    by: str                        # provision id in the amending law
    change: str                    # "amended" | "inserted" | "deleted"
    point: str | None              # "Pasal I angka 2"
    effective: str | None          # the amending law's date of entry into force (ISO)


@dataclass
class Relations:
    """See the module docstring; build with `relations(corpus)`."""

    _changes: dict[tuple[str, str], list[Change]] = field(default_factory=dict)
    _written: dict[tuple[str, str], list["Provision"]] = field(default_factory=dict)
    _written_into: dict[tuple[str, str], list["Provision"]] = field(default_factory=dict)
    _own: set[tuple[str, str]] = field(default_factory=set)
    _revocations: dict[str, list["Revocation"]] = field(default_factory=dict)
    _links: dict[str, list[str]] = field(default_factory=dict)
    _replacing: dict[str, list["Revocation"]] = field(default_factory=dict)   # replacement's doc -> revocations
    _amended: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    _point_article: dict[str, str] = field(default_factory=dict)

    def changes(self, doc: str, pasal: str) -> list[Change]:
        return list(self._changes.get((doc, pasal), []))

    def latest_first(self, doc: str, pasal: str) -> list[Change]:
        return sorted(self.changes(doc, pasal), key=lambda c: c.effective or "", reverse=True)

    def changed_articles(self) -> list[tuple[str, str]]:
        return list(self._changes)

    def written(self, doc: str, pasal: str) -> list["Provision"]:
        return list(self._written.get((doc, pasal.lower()), []))

    def written_into(self, doc: str, pasal: str) -> list["Provision"]:
        return list(self._written_into.get((doc, pasal.lower()), []))

    def has_own(self, doc: str, pasal: str) -> bool:
        return (doc, pasal) in self._own

    def amended_article(self, pid: str) -> tuple[str, str | None] | None:
        return self._amended.get(pid)

    def point_article(self, pid: str) -> str | None:
        return self._point_article.get(pid)

    def revocations(self, pid: str) -> list[tuple["Revocation", bool]]:
        out = []
        for r in self._revocations.get(pid.split("/", 1)[0], []):
            if pid == r.target or pid.startswith(r.target + "/") or r.target.startswith(pid + "/"):
                out.append((r, r.target.startswith(pid + "/")))
        return out

    def replacing(self, pid: str) -> list["Revocation"]:
        out = []
        for r in self._replacing.get(pid.split("/", 1)[0], []):
            t = r.replaced_by or ""
            if pid == t or pid.startswith(t + "/") or t.startswith(pid + "/"):
                out.append(r)
        return out

    def article_links(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self._links.items()}


def relations(corpus: "Corpus") -> Relations:
    """The relations of `corpus`, built on first use and cached on it (`Corpus.add` drops them)."""
    rel = getattr(corpus, "_relations", None)
    if rel is None:
        rel = corpus._relations = _build(corpus)
    return rel


def _build(corpus: "Corpus") -> Relations:
    rel = Relations()
    for d in corpus.documents.values():
        if d.meta.revocations:
            rel._revocations[d.id] = list(d.meta.revocations)
            for r in d.meta.revocations:
                if r.replaced_by:
                    rel._replacing.setdefault(r.replaced_by.split("/", 1)[0], []).append(r)
        for q in d.provisions:
            if q.kind == "pasal" and q.pasal and not q.amends:
                rel._own.add((d.id, q.pasal))
            if q.amends:
                rel._amended[q.id] = (q.amends, q.pasal)
                if q.kind == "point" and q.pasal is None:
                    kids = [c for c in corpus.children(q.id) if c.kind == "pasal" and c.pasal]
                    if len(kids) == 1:
                        rel._point_article[q.id] = kids[0].pasal
            if not (q.amends and q.pasal):
                continue
            if q.kind == "pasal":
                rel._written.setdefault((d.id, q.pasal.lower()), []).append(q)
                if q.amends in d.meta.amends and q.point:
                    rel._written_into.setdefault((q.amends, q.pasal.lower()), []).append(q)
            if q.amends in d.meta.amends and q.kind in ("pasal", "point") and q.change:
                if q.kind == "point" and any(c.kind == "pasal" and c.pasal == q.pasal for c in corpus.children(q.id)):
                    continue  # the article inside the point carries the change
                rel._changes.setdefault((q.amends, q.pasal), []).append(
                    Change(by=q.id, change=q.change, point=q.point, effective=d.meta.effective))
    _link_articles(rel, corpus)
    return rel


def _link_articles(rel: Relations, corpus: "Corpus") -> None:
    """Base article ↔ amending-law article; an inserted "Pasal 24A" links to Pasal 24."""
    links = rel._links
    for (doc, _num), provs in rel._written.items():
        meta = corpus.meta(doc)
        if meta is None or not spec(meta.kind).amends:
            continue
        for p in provs:
            if p.amends is None or p.pasal is None:
                continue
            target = f"{p.amends}/pasal-{p.pasal.lower()}"
            if corpus.get(target) is None and p.change == "inserted":
                target = f"{p.amends}/pasal-{p.pasal.lower().rstrip('abcdefghijklmnopqrstuvwxyz')}"
            if corpus.get(target) is not None:
                links.setdefault(target, []).append(p.id)
                links.setdefault(p.id, []).append(target)
    years = {did: d.meta.year or 0 for did, d in corpus.documents.items()}
    for v in links.values():  # the latest amending law first
        v.sort(key=lambda pid: -years.get(pid.split("/", 1)[0], 0))
