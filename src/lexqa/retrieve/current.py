"""The law as it stands on a date, as the unit search and ask return.

The index holds every text the corpus has: a base law's original words, the amending law's
words for the same article, the words of a revoked provision. What a user is shown is one unit
per base-law address: the words in force on the as-of date under the base citation ("UU 6/2011
Pasal 16 (as amended by UU 63/2024 Pasal I angka 2, in force since 17 Oct 2024)"). Hits on the
superseded words and hits on the amending law's words fold into that unit at the better rank.
A revoked provision stays a unit (a question may name it) with its revocation and replacement,
never as text in force.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..models import SearchHit
from ..timeline import address_label, provision_status, timeline

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Corpus
    from ..timeline import Status

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember")


def human_date(iso: str | None, language: str = "en") -> str:
    """"2024-10-17" → "17 Oct 2024" / "17 Oktober 2024" (unparseable input is returned as is)."""
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {(_MONTHS_ID if language == 'id' else _MONTHS_EN)[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Unit:
    """One provision as it stands on `as_of`.

    `words` is the provision whose text is in force (the amending law's for an amended article;
    None when nothing is in force: revoked, deleted, not yet in force); `address` the base-law
    coordinate (None: no timeline — treaties, literature, laws nothing amends)."""

    hit_id: str
    address: str | None
    words: str | None
    label: str                     # the base citation, with "(as amended by …, in force since …)"
    base_label: str
    state: str | None              # timeline Status.state; None: no legal status (literature)
    summary: str | None
    in_force: bool
    as_of: str
    amended_by: str | None = None  # the provision id of the amending point whose words are in force
    amended_by_label: str | None = None
    since: str | None = None
    replaced_by: str | None = None  # revoked: what references are read as (KUHP Pasal 622)
    replaced_by_label: str | None = None

    @property
    def current(self) -> bool:
        """True when the hit's own words are the ones in force on `as_of`."""
        return self.in_force and (self.words is None or self.words == self.hit_id)

    def to_dict(self) -> dict:
        return {"address": self.address, "words": self.words, "label": self.label, "base_label": self.base_label,
                "state": self.state, "summary": self.summary, "in_force": self.in_force, "as_of": self.as_of,
                "amended_by": self.amended_by, "amended_by_label": self.amended_by_label, "since": self.since,
                "replaced_by": self.replaced_by, "replaced_by_label": self.replaced_by_label}


def _iso(as_of: date | str | None) -> str:
    if as_of is None:
        return today().isoformat()
    return as_of if isinstance(as_of, str) else as_of.isoformat()


def today() -> date:
    """The date "today" means: LEXQA_TODAY (ISO) when set — for reproducible runs — else the clock."""
    import os

    v = os.environ.get("LEXQA_TODAY")
    if v:
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass  # a bad override is reported by the CLI's --as-of parser; the clock stays usable
    return date.today()


def unit_of(corpus: "Corpus", pid: str, as_of: date | str | None = None) -> Unit:
    """The unit a provision id stands for on `as_of` (see the module docstring)."""
    day = _iso(as_of)
    tl = timeline(corpus)
    st: "Status | None" = provision_status(corpus, pid, day)
    address = tl.address_for(pid)
    p = corpus.get(pid)
    if address is None and p is not None:
        # an amendment point as a whole ("UU 63/2024 Pasal I angka 2") stands for the one article it writes
        arts = [a for a in (tl.address_of(k.id) for k in corpus.children(pid) if k.kind == "pasal") if a]
        if len(arts) == 1:
            address = arts[0]
    own_label = corpus.label(p) if p is not None else pid
    if address is None or st is None:
        return Unit(pid, None, pid if p is not None else None, own_label, own_label,
                    st.state if st else None, st.summary if st else None, bool(st and st.in_force), day)
    cur = tl.at(address, day)
    base = address_label(corpus, address)
    base_st = tl.status(address, day) or st
    words = cur.provision if cur is not None else None
    if words is not None and corpus.get(words) is None:
        words = None
    ev = cur.event if cur is not None else None
    label, amended_by, amended_label, since = base, None, None, None
    if ev is not None and ev.kind in ("amended", "inserted") and words is not None:
        amended_by, amended_label, since = words, corpus.label(words), ev.date
        verb = "as amended by" if ev.kind == "amended" else "as inserted by"
        label = f"{base} ({verb} {_point_label(amended_label)}" + (
            f", in force since {human_date(since)})" if since else ")")
    elif ev is not None and ev.kind in ("revoked", "deleted"):
        label = f"{base} ({ev.kind} since {human_date(ev.date)} by {ev.source_label}" if ev.date else \
            f"{base} ({ev.kind} by {ev.source_label}"
        label += f"; read as {ev.replaced_by_label})" if ev.replaced_by_label else ")"
    elif base_st.state == "not yet in force":
        label = f"{base} ({base_st.summary})"
    if words is None and base_st.in_force and st.state == "superseded":
        # a later version whose words the corpus does not hold (an excerpt, a law not held):
        # the hit's words are no longer the law, and the current ones are unknown here
        return Unit(pid, address, None, f"{own_label} ({st.summary})", base, st.state, st.summary, False, day)
    return Unit(pid, address, words, label, base, base_st.state, base_st.summary, base_st.in_force, day,
                amended_by, amended_label, since,
                ev.replaced_by if ev is not None else None, ev.replaced_by_label if ev is not None else None)


def _point_label(label: str) -> str:
    """"UU 63/2024 Pasal I angka 2 (Pasal 16 UU 6/2011)" → "UU 63/2024 Pasal I angka 2"."""
    i = label.find(" (Pasal ")
    return label[:i] if i > 0 and label.endswith(")") else label


def consolidate(hits: list[SearchHit], corpus: "Corpus", as_of: date | str | None = None) -> list[tuple[SearchHit, Unit]]:
    """One hit per unit, best rank first: each hit's provision replaced by the words in force on
    `as_of` (same score, rank renumbered), with its Unit. A unit with nothing in force keeps the
    hit's own provision (the caller shows it as revoked / not yet in force, never as current)."""
    out: list[tuple[SearchHit, Unit]] = []
    seen: dict[str, int] = {}
    for h in hits:
        u = unit_of(corpus, h.provision.id, as_of)
        key = u.address or h.provision.id
        if key in seen:
            continue
        seen[key] = len(out)
        words = corpus.get(u.words) if u.words else None
        prov = words if words is not None and u.words != h.provision.id else h.provision
        via = h.via if prov is h.provision else (h.via or h.provision.id)
        out.append((replace(h, provision=prov, via=via), u))
    for i, (h, u) in enumerate(out, start=1):
        out[i - 1] = (replace(h, rank=i), u)
    return out
