"""What an instruction sentence says: which articles a point amends, inserts or deletes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import norm_pasal

_PASAL_REF = re.compile(r"Pasal\s+([0-9OolIiLT][0-9A-Za-z]{0,5})")


@dataclass
class Instr:
    change: str | None
    targets: list[str]
    scope: str = "pasal"        # "pasal" | "chapter" | "penjelasan"


def parse_instruction(s: str) -> Instr:
    s1 = " ".join(s.split())
    ins = re.search(r"(?:disisipkan|ditambah(?:kan)?)\s+(\d+)?\s*(?:\([^)]*\))?\s*pasal\b", s1, re.I)
    if ins:
        yakni = s1[ins.end():]
        names = [norm_pasal(x) or x for x in _PASAL_REF.findall(yakni)]
        count = int(ins.group(1)) if ins.group(1) else len(names)
        base_m = re.search(r"antara\s+Pasal\s+(\S+)", s1)
        base = norm_pasal(base_m.group(1)) if base_m else None
        return Instr("inserted", fix_insert_list(names, count, base))
    if re.search(r"\b(?:bab|BAB|Bagian|Paragraf|judul)\b", s1) and not re.search(r"Pasal\s", s1):
        ch = "inserted" if re.search(r"disisipkan|ditambah", s1) else "amended"
        return Instr(ch, [], "chapter")
    refs = [norm_pasal(x) for x in _PASAL_REF.findall(s1)]
    refs = [r for r in refs if r]
    if re.search(r"\bdihapus\b", s1) and not re.search(r"berikut\s*:", s1):
        return Instr("deleted", list(dict.fromkeys(refs)))
    if re.match(r"\W*Penjelasan\b", s1):
        return Instr("amended", refs[:1], "penjelasan")
    return Instr("amended", refs[:1])


def fix_insert_list(names: list[str], count: int, base: str | None) -> list[str]:
    """Repair an OCR'd list of inserted articles ("Pasal l7lL, Pasal I7lB" → 171A, 171B)."""
    good = [(i, n) for i, n in enumerate(names) if re.fullmatch(r"\d+[A-Z]", n)]
    if len(good) == len(names) == max(count, 1):
        return names
    n = max(count, len(names))
    if good:
        # the first well-read name fixes the digits and the letter series
        i0, n0 = good[0]
        digits, letter = n0[:-1], ord(n0[-1]) - i0
        votes: dict[tuple[str, int], int] = {}
        for i, nm in good:
            key = (nm[:-1], ord(nm[-1]) - i)
            votes[key] = votes.get(key, 0) + 1
        digits, letter = max(votes, key=lambda k: votes[k])
        return [f"{digits}{chr(letter + i)}" for i in range(n)]
    if base and base.isdigit():
        return [f"{base}{chr(ord('A') + i)}" for i in range(n)]
    return names
