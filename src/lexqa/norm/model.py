"""The reading of one provision: `Norm` (who, must/may/must not, what, when, unless) and the
`Penalty` it threatens. Verbatim fields are substrings of the provision text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MODALITIES = ("power", "duty", "prohibition", "right", "penalty", "definition", "other")


@dataclass
class Penalty:
    prison_min_months: int | None = None
    prison_max_months: int | None = None
    life: bool = False
    death: bool = False
    fine_min_rp: int | None = None
    fine_max_rp: int | None = None
    fine_category: str | None = None        # "kategori VII" (the maximum), resolved via KUHP Pasal 79
    combination: str = "single"             # "and" (dan), "or" (atau), "and/or" (dan/atau), "single"
    text: str = ""                          # the complete penalty clause, verbatim
    fine_min_category: str | None = None    # "kategori IV" (KUHP minimum)
    detention: bool = False                 # "pidana kurungan" rather than "pidana penjara"
    same_as: str | None = None              # "pidana yang sama sebagaimana dimaksud pada ayat (1)": "ayat (1)"
    increase: str | None = None             # "ditambah 1/3 (sepertiga)": "1/3"
    resolved_from: str | None = None        # provision id the numbers were taken from (same_as)
    defects: list[str] = field(default_factory=list)   # digits and words disagree, unreadable amount
    # OCR look-alikes read as digits ("Rp1.00O.O0O.00O,00") that the amount's own words confirm
    # ("satu miliar rupiah"): the number is the law's twice over, and the damage stays on record
    repairs: list[str] = field(default_factory=list)

    @property
    def has_numbers(self) -> bool:
        return any(v is not None for v in (self.prison_min_months, self.prison_max_months,
                                           self.fine_min_rp, self.fine_max_rp)) or self.life or self.death

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Norm:
    modality: str = "other"                 # one of MODALITIES
    addressee: str | None = None
    action: str = ""                        # the operative clause, verbatim
    conditions: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    penalty: Penalty | None = None
    defines: str | None = None
    negated: bool = False
    aliases: list[str] = field(default_factory=list)   # "yang selanjutnya disebut Wilayah Indonesia"
    provision: str | None = None            # the provision id (norm_of)
    parts: list["Norm"] = field(default_factory=list)  # the ayat (or items with their own penalty), in order

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def all(self) -> list["Norm"]:
        """This norm and its parts, depth first."""
        out = [self]
        for p in self.parts:
            out.extend(p.all())
        return out
