"""The law as it stands on a date: a timeline per article of every base law, built once per Corpus.

API (addresses are base-law coordinates: "uu-23-2002/pasal-76f" is the article UU 35/2014 inserted):

* ``timeline(corpus) -> Timeline``: cached on the corpus (dropped by `Corpus.add`), built from
  `relations(corpus)`, the manifest's revocations and court decisions, and [[external]] amenders.
* ``Timeline.versions(address) -> list[Version] | None``: the versions of an article or of a part of
  it (ayat, huruf), oldest first; None when `address` is not in a base law's timeline.
* ``Timeline.at(address, as_of) -> Version | None``: the version in force on `as_of` (None: before the first).
* ``Timeline.status(address, as_of) -> Status``: "in force as amended (since D by X)", "revoked (…)"…
* ``Timeline.address_for(pid) -> str | None``: `pid` when it has a timeline, else ``address_of(pid)``.
* ``Timeline.address_of(pid) -> str | None``: the base coordinate whose words an amending-law
  provision is ("uu-63-2024/pasal-i/angka-2/pasal-16/ayat-1" → "uu-6-2011/pasal-16/ayat-1").
* ``Timeline.article_address(doc, pasal) -> str | None``: "uu-23-2002", "76F" → "uu-23-2002/pasal-76f".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .kinds import spec
from .pinpoint import pasal_pinpoint
from .relations import relations

if TYPE_CHECKING:  # pragma: no cover
    from .store import Corpus

# the order of same-day events: a law's words first, then what removes or strikes them
_ORDER = {"enacted": 0, "inserted": 1, "amended": 1, "deleted": 2, "phrase-struck": 3, "partly-revoked": 4,
          "revoked": 5}


@dataclass(frozen=True)
class Event:
    """What started a version."""

    kind: str                        # enacted | amended | inserted | deleted | revoked | partly-revoked | phrase-struck
    date: str | None                 # ISO; None: not in this corpus
    source: str                      # amendment point / article id, KUHP 622 provision id, MK decision number, doc id
    source_label: str
    parts: tuple[str, ...] = ()      # partly-revoked: the revoked ayat/huruf ids; phrase-struck: the struck provision
    phrase: str | None = None        # phrase-struck: the words
    replaced_by: str | None = None   # revoked: references are read as this provision (KUHP 622)
    replaced_by_label: str | None = None
    note: str | None = None          # what the corpus cannot know (date unknown, excerpt, instrument not held)


@dataclass(frozen=True)
class Version:
    """`[valid_from, valid_to)`; `provision`: the provision whose words ARE this version (None: no words)."""

    valid_from: str | None
    valid_to: str | None
    provision: str | None
    event: Event


@dataclass(frozen=True)
class Status:
    state: str                       # in force | in force as amended | ... | not yet in force | treaty
    summary: str
    in_force: bool
    version: Version | None = None
    note: str | None = None          # a treaty's declarations and reservations on ratification


@dataclass
class Timeline:
    corpus: "Corpus"
    _articles: dict[str, list[Version]] = field(default_factory=dict)   # article address -> versions
    _words_of: dict[str, str] = field(default_factory=dict)             # amending article id -> address

    def article_address(self, doc: str, pasal: str) -> str | None:
        a = f"{doc}/pasal-{pasal.lower()}"
        return a if a in self._articles else None

    def address_for(self, pid: str) -> str | None:
        """`pid` itself when it is a base-law coordinate, else the address whose words it is."""
        return pid if self.versions(pid) is not None else self.address_of(pid)

    def address_of(self, pid: str) -> str | None:
        for art, addr in self._words_of.items():
            if pid == art or pid.startswith(art + "/"):
                return addr + pid[len(art):]
        return None

    def versions(self, address: str) -> list[Version] | None:
        art, sub = _split(address)
        vs = self._articles.get(art)
        if vs is None:
            return None
        if not sub:
            return list(vs)
        out: list[Version] = []
        for v in vs:
            sv = self._sub_version(v, address, sub)
            if sv is not None:
                out.append(sv)
        return _merge(out)

    def _sub_version(self, v: Version, address: str, sub: str) -> Version | None:
        """The article version seen from one of its parts; None: the event does not touch the part."""
        e = v.event
        if e.kind in ("partly-revoked", "phrase-struck"):
            hit = [t for t in e.parts if t == address or address.startswith(t + "/") or t.startswith(address + "/")]
            if not hit:
                return None
            whole = any(t == address or address.startswith(t + "/") for t in hit)
            if e.kind == "partly-revoked" and whole:
                return replace(v, provision=None, event=replace(e, kind="revoked", parts=()))
        prov = f"{v.provision}/{sub}" if v.provision else None
        if prov is not None and self.corpus.get(prov) is None:  # this version of the article has no such part
            return replace(v, provision=None, event=replace(e, note="; ".join(
                x for x in (e.note, f"this version of the article has no {sub}") if x)))
        return replace(v, provision=prov)

    def at(self, address: str, as_of: date | str | None = None) -> Version | None:
        day = _iso(as_of)
        cur = None
        for v in self.versions(address) or []:
            if (v.valid_from is not None and v.valid_from <= day) or _since_always(v):
                cur = v
        return cur

    def status(self, address: str, as_of: date | str | None = None) -> Status | None:
        vs = self.versions(address)
        if vs is None:
            return None
        day = _iso(as_of)
        cur = self.at(address, day)
        if cur is None:
            first = next((v.valid_from for v in vs if v.valid_from), None)
            return Status("not yet in force", f"not yet in force (from {first})" if first else
                          "not yet in force", False)
        st = _describe(cur)
        meta = self.corpus.meta(address.split("/", 1)[0])
        if meta is not None and not meta.in_force and st.in_force:  # repealed, the date not recorded
            st = Status("not in force", f"not in force ({meta.label} is no longer in force; "
                        "the date is not in this corpus)", False)
        # an undated change recorded by a later law: say so for every date before that law
        extra = [v for v in vs if v.valid_from is None and v.valid_to and day < v.valid_to
                 and (cur.valid_to is None or v.valid_to <= cur.valid_to) and cur.valid_from <= v.valid_to]
        if extra and cur.event.kind not in ("revoked", "deleted"):
            st = replace(st, summary=st.summary + "; " + "; ".join(_describe(v).summary for v in extra))
        return replace(st, version=cur)


def _describe(v: Version) -> Status:
    e = v.event
    since = f"since {e.date} by {e.source_label}" if e.date else f"by {e.source_label}"
    rep = f"; replaced by {e.replaced_by_label}" if e.replaced_by_label else ""
    note = f"; {e.note}" if e.note else ""
    if e.kind == "enacted":
        return Status("in force", "in force" + (f" (since {e.date})" if e.date else ""), True)
    if e.kind in ("amended", "inserted"):
        verb = "as amended" if e.kind == "amended" else "as inserted"
        return Status(f"in force {verb}", f"in force {verb} ({since}{note})", True)
    if e.kind == "deleted":
        return Status("deleted", f"deleted ({since})", False)
    if e.kind == "revoked":
        return Status("revoked", f"revoked ({since}{rep})", False)
    if e.kind == "partly-revoked":
        return Status("partly revoked", f"partly revoked ({_parts(e)} {since}{rep})", True)
    when = e.note or (f"since {e.date}" if e.date else "date not in this corpus")
    return Status("phrase struck", f"phrase “{e.phrase}” struck by {e.source_label} ({when})", True)


def _parts(e: Event) -> str:
    out = []
    for t in e.parts:
        bits = dict(s.split("-", 1) for s in t.split("/")[2:] if "-" in s)
        out.append(pasal_pinpoint(None, bits.get("ayat"), bits.get("huruf"), bits.get("angka")).strip())
    return ", ".join(out)


def _since_always(v: Version) -> bool:
    """The enactment of a law whose date of entry into force the corpus does not record."""
    return v.valid_from is None and v.event.kind == "enacted"


def _merge(vs: list[Version]) -> list[Version]:
    """Close every dated version at the next dated one (undated changes keep their own end)."""
    vs = sorted(vs, key=_key)
    dated = [v for v in vs if v.valid_from is not None]
    out = []
    for v in vs:
        if v.valid_from is None and not _since_always(v):
            out.append(v)
            continue
        nxt = next((w.valid_from for w in dated if v.valid_from is None or w.valid_from > v.valid_from), None)
        out.append(replace(v, valid_to=nxt))
    return out


def _key(v: Version) -> tuple[str, int]:
    # an undated change sorts just before the version that ends it; an undated enactment first
    if _since_always(v):
        return ("", 0)
    return (v.valid_from or v.valid_to or "9999", -1 if v.valid_from is None else _ORDER.get(v.event.kind, 9))


def _split(address: str) -> tuple[str, str]:
    bits = address.strip().lower().rstrip("/").split("/")
    return "/".join(bits[:2]), "/".join(bits[2:])


def today() -> date:
    """The date "today" means: LEXQA_TODAY (ISO) when set — reproducible runs and tests — else the clock."""
    import os

    v = os.environ.get("LEXQA_TODAY")
    if v:
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass  # a malformed override falls back to the clock (documented in README)
    return date.today()


def _iso(d: date | str | None) -> str:
    if d is None:
        return today().isoformat()
    return d if isinstance(d, str) else d.isoformat()


def timeline(corpus: "Corpus") -> Timeline:
    """The timeline of `corpus`, built on first use and cached on it (`Corpus.add` drops it)."""
    tl = getattr(corpus, "_timeline", None)
    if tl is None:
        from .index.corpus_cache import long_lived

        with long_lived():  # kept as long as the corpus: never rescanned by the collector
            tl = corpus._timeline = _build(corpus)
    return tl


def _external() -> dict[str, dict[str, Any]]:
    from .config import manifest_path
    from .ingest.manifest import load_external

    return load_external(manifest_path())


def _build(corpus: "Corpus") -> Timeline:
    rel = relations(corpus)
    tl = Timeline(corpus)
    keys: set[tuple[str, str]] = set()
    for d in corpus.documents.values():
        k = spec(d.meta.kind)
        if k.amends or not k.legal_status or k.is_treaty_like:
            continue
        keys |= {(d.id, q.pasal) for q in d.provisions if q.kind == "pasal" and q.pasal and not q.amends}
    keys |= set(rel.changed_articles())  # inserted articles have no text of their own
    external = _external()
    for doc, pasal in keys:
        meta = corpus.meta(doc)
        if meta is None:
            continue
        addr = f"{doc}/pasal-{pasal.lower()}"
        vs: list[Version] = []
        if rel.has_own(doc, pasal):
            vs.append(Version(meta.effective, None, addr, Event("enacted", meta.effective, doc, meta.label)))
        for ch in rel.changes(doc, pasal):
            vs.append(_change_version(corpus, ch))
            if ch.change != "deleted":
                tl._words_of[ch.by] = addr
        for ext_id, ext in external.items():
            arts = ext.get("articles")
            if doc in ext.get("amends", []) and ext.get("effective") and (arts is None or pasal in arts):
                vs.append(Version(ext["effective"], None, None, Event(
                    "amended", ext["effective"], ext_id, ext["label"],
                    note=f"amended again by {ext['label']}, which this corpus does not hold")))
        vs += _revocations(corpus, rel, addr)
        vs = _merge(vs)
        vs += _decisions(corpus, meta, addr, vs)
        tl._articles[addr] = _carry(_merge(vs))
    return tl


def _change_version(corpus: "Corpus", ch: Any) -> Version:
    amending = corpus.meta(ch.by.split("/", 1)[0])
    note = None
    if amending is not None and not amending.in_force:
        note = f"{amending.label} is no longer in force"
    elif amending is not None and "excerpt" in amending.title.lower():
        note = f"the corpus holds {amending.label} only as an excerpt"
    prov = ch.by if ch.change != "deleted" and corpus.get(ch.by) and corpus.get(ch.by).kind == "pasal" else None
    return Version(ch.effective, None, prov, Event(ch.change, ch.effective, ch.by, corpus.label(ch.by), note=note))


def _revocations(corpus: "Corpus", rel: Any, addr: str) -> list[Version]:
    out = []
    for r, partial in rel.revocations(addr):
        rep = corpus.label(r.replaced_by) if r.replaced_by else None
        ev = Event("partly-revoked" if partial else "revoked", r.effective, r.by, corpus.label(r.by),
                   parts=(r.target,) if partial else (), replaced_by=r.replaced_by, replaced_by_label=rep,
                   note=r.note)
        out.append(Version(r.effective, None, None, ev))
    return out


def _decisions(corpus: "Corpus", meta: Any, addr: str, vs: list[Version]) -> list[Version]:
    """Struck phrases; an undated decision ends where the first version without the phrase starts."""
    out = []
    for dec in meta.court_decisions:
        if not (dec.target == addr or dec.target.startswith(addr + "/")):
            continue
        sub = dec.target[len(addr):]
        label = f"MK {dec.number}"
        if dec.date:
            out.append(Version(dec.date, None, None, Event("phrase-struck", dec.date, dec.number, label,
                                                            parts=(dec.target,), phrase=dec.phrase)))
            continue
        recited = [corpus.meta(e.split("/", 1)[0]) for e in dec.evidence]
        known = min((m.effective for m in recited if m and m.effective), default=None)
        by = next((m for m in recited if m and m.effective == known), None)
        note = "date not in this corpus" + (f"; recited by {by.label}, in force {known}" if by else "")
        # it ends where the words stop carrying the phrase (a later law rewrote them), else when recited
        with_phrase = [v for v in vs if v.provision and dec.phrase in _words(corpus, v.provision + sub)]
        later = [v.valid_from for v in vs if with_phrase and v.valid_from and v.valid_from > with_phrase[-1].valid_from]
        end = later[0] if later else known
        out.append(Version(None, end, None, Event("phrase-struck", None, dec.number, label, parts=(dec.target,),
                                                  phrase=dec.phrase, note=note)))
    return out


def _words(corpus: "Corpus", pid: str) -> str:
    p = corpus.get(pid)
    return " ".join(p.text.split()) if p else ""


def _carry(vs: list[Version]) -> list[Version]:
    """A partial revocation or a struck phrase leaves the words of the version before it in place."""
    out: list[Version] = []
    words = None
    for v in vs:
        if v.event.kind in ("partly-revoked", "phrase-struck") and v.provision is None:
            v = replace(v, provision=words)
        elif v.event.kind in ("revoked", "deleted"):
            words = None
        else:  # None after an instrument this corpus does not hold: the words are unknown
            words = v.provision
        out.append(v)
    return out


def provision_status(corpus: "Corpus", pid: str, as_of: date | str | None = None) -> Status | None:
    """The status of any provision on `as_of` at the level it applies; None: no legal status (literature)."""
    p = corpus.get(pid)
    meta = corpus.meta(p.doc if p else pid.split("/", 1)[0])
    if meta is None:
        return None
    k = spec(meta.kind)
    if not k.legal_status or not meta.in_manifest:  # an unlisted file is an unverified source: no legal status
        return None
    if k.is_treaty_like:
        by = corpus.meta(meta.ratified_by) if meta.ratified_by else None
        if meta.ratified_by:
            return Status(k.name, f"{k.name} (ratified by {by.label if by else meta.ratified_by})", True,
                          note=meta.ratification_note)
        return Status(k.name, f"{k.name} (no Indonesian ratification law recorded)", False)
    tl = timeline(corpus)
    address = tl.address_for(pid)
    if address == pid:
        return tl.status(pid, as_of)
    if address is not None:  # the words an amending law wrote into a base law
        st = tl.status(address, as_of)
        vs = tl.versions(address) or []
        own = next((v for v in vs if v.provision == pid), None)
        if st is None or own is None:
            return st
        words = f"the words of {address_label(corpus, address)} from {own.valid_from}" + (
            f" to {own.valid_to}" if own.valid_to else "")
        if st.version is not None and st.version.provision == pid:
            return replace(st, summary=f"{st.summary}; {words}")
        return Status("superseded", f"no longer the words in force ({words}); now: {st.summary}", False, st.version)
    if not meta.in_force:
        return Status("not in force", f"not in force ({meta.label} is no longer in force)", False)
    return Status("in force", "in force", True)


def address_label(corpus: "Corpus", address: str) -> str:
    doc, *segs = address.split("/")
    bits = dict(s.split("-", 1) for s in segs if "-" in s)
    meta = corpus.meta(doc)
    return f"{meta.label if meta else doc} " + pasal_pinpoint(
        (bits.get("pasal") or "").upper() or None, bits.get("ayat"), bits.get("huruf"), bits.get("angka"))



