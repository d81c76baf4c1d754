"""The provision store: every parsed document of a corpus, addressable by provision ID.

Built by `lexqa.ingest.load_corpus`; read by every later stage. It also answers the
legal-status question for a provision (amended by whom, revoked by whom and from when,
replaced by what), from the corpus's relations graph (`lexqa.relations`: the amendment
provisions parsed out of amending laws and the revocations recorded in the manifest).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator

from .kinds import spec
from .models import Document, DocumentMeta, Provision
from .pinpoint import article_pinpoint, pasal_pinpoint
from .relations import Relations, relations


@dataclass
class StatusEvent:
    """One thing that happened to a provision."""

    kind: str                      # "amended" | "inserted" | "deleted" | "revoked" | "replaced"
    by: str                        # provision id of the amending / revoking provision
    by_label: str
    effective: str | None = None   # ISO date
    replaced_by: str | None = None
    replaced_by_label: str | None = None
    note: str | None = None

    def describe(self) -> str:
        if self.kind == "revoked":
            s = f"revoked by {self.by_label}"
            if self.effective:
                s += f" from {self.effective}"
            if self.replaced_by_label:
                s += f"; replaced by {self.replaced_by_label}"
            return s
        if self.kind == "replaced":
            return f"replaced by {self.replaced_by_label or self.replaced_by} ({self.by_label})"
        verb = {"amended": "amended", "inserted": "inserted", "deleted": "deleted"}.get(self.kind, self.kind)
        s = f"{verb} by {self.by_label}"
        if self.effective:
            s += f" from {self.effective}"
        return s


@dataclass
class ProvisionStatus:
    """Legal status of a provision as far as this corpus knows."""

    in_force: bool = True
    events: list[StatusEvent] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if not self.events:
            return "in force (no amendment or revocation recorded in this corpus)"
        return "; ".join(e.describe() for e in self.events)

    @property
    def short(self) -> str:
        kinds = {e.kind for e in self.events}
        if not self.in_force:
            return "revoked"
        if "deleted" in kinds:
            return "deleted"
        if kinds & {"amended", "inserted"}:
            return "amended"
        if "revoked" in kinds:
            return "revoked (future)"
        return "in force"


class Corpus:
    """All documents of one corpus directory, with lookup by provision id."""

    def __init__(self, documents: Iterable[Document], corpus_dir: str | None = None) -> None:
        self.documents: dict[str, Document] = {}
        self.corpus_dir = corpus_dir
        self._by_id: dict[str, Provision] = {}
        self._children: dict[str, list[str]] = {}
        self._penjelasan: dict[str, list[str]] = {}
        for d in documents:
            self.add(d)

    # ------------------------------------------------------------------ building
    def add(self, doc: Document) -> None:
        self.documents[doc.id] = doc
        for p in doc.provisions:
            self._by_id[p.id] = p
            if p.parent:
                self._children.setdefault(p.parent, []).append(p.id)
            if p.explains:
                self._penjelasan.setdefault(p.explains, []).append(p.id)
        self._status_cache: dict[str, ProvisionStatus] = {}
        self._relations: Relations | None = None
        self._timeline = None  # lexqa.timeline.Timeline, built on first use

    # ------------------------------------------------------------------ lookup
    def get(self, pid: str) -> Provision | None:
        return self._by_id.get(pid.strip().lower().rstrip("/"))

    def __contains__(self, pid: str) -> bool:
        return self.get(pid) is not None

    def __len__(self) -> int:
        return len(self._by_id)

    def doc(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def meta(self, doc_id: str) -> DocumentMeta | None:
        d = self.documents.get(doc_id)
        return d.meta if d else None

    def provisions(self, doc: str | None = None, *, include_penjelasan: bool = True) -> Iterator[Provision]:
        docs = [self.documents[doc]] if doc else list(self.documents.values())
        for d in docs:
            for p in d.provisions:
                if include_penjelasan or not p.is_penjelasan:
                    yield p

    def ids(self) -> list[str]:
        return list(self._by_id)

    def children(self, pid: str) -> list[Provision]:
        return [self._by_id[c] for c in self._children.get(pid, [])]

    def parent(self, pid: str) -> Provision | None:
        p = self.get(pid)
        return self.get(p.parent) if p and p.parent else None

    def ancestors(self, pid: str) -> list[Provision]:
        out: list[Provision] = []
        p = self.parent(pid)
        while p is not None:
            out.append(p)
            p = self.parent(p.id)
        return out

    def article_of(self, pid: str) -> Provision | None:
        """The enclosing Pasal/Article (the provision itself if it is one)."""
        p = self.get(pid)
        while p is not None and p.kind not in ("pasal", "article", "section", "point", "penjelasan-umum",
                                              "preamble", "menimbang", "mengingat", "closing"):
            p = self.get(p.parent) if p.parent else None
        return p  # for an amended article inside an amendment point: the article, not the point

    def penjelasan_for(self, pid: str) -> list[Provision]:
        """Penjelasan entries explaining this provision or any of its parts."""
        out = [self._by_id[i] for i in self._penjelasan.get(pid, [])]
        prefix = pid + "/"
        for target, ids in self._penjelasan.items():
            if target.startswith(prefix):
                out.extend(self._by_id[i] for i in ids)
        seen: set[str] = set()
        uniq = []
        for p in out:
            if p.id not in seen:
                seen.add(p.id)
                uniq.append(p)
        return uniq

    def explained(self, penjelasan_id: str) -> Provision | None:
        p = self.get(penjelasan_id)
        return self.get(p.explains) if p and p.explains else None

    # ------------------------------------------------------------------ labels
    def label(self, p: Provision | str) -> str:
        """Human citation: "UU 6/2011 Pasal 16 ayat (1) huruf b", "Palermo Protocol Article 3(a)"."""
        if isinstance(p, str):
            prov = self.get(p)
            if prov is None:
                return p
            p = prov
        meta = self.meta(p.doc)
        doc_label = meta.label if meta else p.doc
        kind = meta.kind if meta else None
        if p.kind == "penjelasan-umum":
            return f"{doc_label} Penjelasan Umum"
        if p.kind in ("menimbang", "mengingat", "preamble", "closing"):
            name = {"menimbang": "Menimbang", "mengingat": "Mengingat", "preamble": "Preamble",
                    "closing": "closing block"}[p.kind]
            return f"{doc_label} {name}"
        if p.kind == "section":
            return f"{doc_label} § {p.heading or p.id.rsplit('/', 1)[-1]}"
        if spec(kind).is_treaty_like or p.kind in ("article", "paragraph", "subparagraph"):
            return f"{doc_label} {article_pinpoint(p.pasal, p.ayat, p.huruf)}" if p.pasal else doc_label
        parts = []
        if p.point and p.amends:
            target = self.meta(p.amends)
            tl = target.label if target else p.amends
            inner = pasal_pinpoint(p.pasal, p.ayat, p.huruf, p.angka)
            base = f"{doc_label} {p.point}"
            if p.kind == "point" or not inner:
                return base
            return f"{base} ({inner} {tl})"
        tail = pasal_pinpoint(p.pasal, p.ayat, p.huruf, p.angka)
        if p.is_penjelasan:
            return f"{doc_label} Penjelasan {tail}".rstrip()
        parts.append(doc_label)
        if tail:
            parts.append(tail)
        return " ".join(parts)

    # ------------------------------------------------------------------ status
    def status(self, pid: str, today: date | None = None) -> ProvisionStatus:
        """Amendments and revocations that touch this provision (or the article containing it)."""
        key = f"{pid}@{today}"
        if key in self._status_cache:
            return self._status_cache[key]
        today = today or date.today()
        st = ProvisionStatus()
        p = self.get(pid)
        if p is None:
            return st
        rel = relations(self)
        # amendment provisions in other documents that rewrite this article
        if p.pasal and not p.amends and not p.is_penjelasan:
            for ch in rel.changes(p.doc, p.pasal):
                st.events.append(StatusEvent(kind=ch.change, by=ch.by, by_label=self.label(ch.by),
                                             effective=ch.effective))
        # revocations recorded in the manifest
        for r, partial in rel.revocations(pid):
            st.events.append(StatusEvent(
                kind="revoked", by=r.by, by_label=self.label(r.by), effective=r.effective,
                replaced_by=r.replaced_by,
                replaced_by_label=self.label(r.replaced_by) if r.replaced_by else None,
                note=(f"partly: {self.label(r.target)}" if partial else r.note),
            ))
            if not partial and (r.effective is None or r.effective <= today.isoformat()):
                st.in_force = False
        meta = self.meta(p.doc)
        if meta and not meta.in_force:
            st.in_force = False
        self._status_cache[key] = st
        return st

    # ------------------------------------------------------------------ identity
    def checksum(self) -> str:
        """Checksum over every provision's id and text: changes when the parse changes."""
        h = hashlib.sha256()
        for d in sorted(self.documents):
            for p in self.documents[d].provisions:
                h.update(p.id.encode())
                h.update(b"\0")
                h.update(p.text.encode())
                h.update(b"\1")
        return h.hexdigest()

    def doc_checksum(self, doc_id: str) -> str:
        h = hashlib.sha256()
        for p in self.documents[doc_id].provisions:
            h.update(p.id.encode() + b"\0" + p.text.encode() + b"\1")
        return h.hexdigest()
