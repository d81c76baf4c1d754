"""Second look at the gaps of a Pasal sequence: headings the OCR garbled or ran into the text.

`scan_pasal_heads` accepts a heading only where it stands at a line start, after a sentence
end or after a BAB/Bagian title. In a badly OCR'd source (UU 18/2017) some headings stand
elsewhere ("... Pekerja Migran Indonesia Pasal 29 Dalam upaya ...", "Pasat27 (1) ...").
Only the numbers missing between two accepted headings are looked for, in order, so no
cross-reference elsewhere can become a heading. A candidate that reads like a cross-reference
("sampai Pasal 69 Orang ...") is not a boundary one can see: it is recorded as a lost heading.
"""

from __future__ import annotations

import re

from ...models import ParseIssue
from ..damage import LostHeading, quote_at
from ..ocr import AMENDMENT_DIGITS
from .headings import XREF_CITE, Head, PasalNo
from .positions import add_issue, at_line_start

_MAX_MISSING = 3
# "Pasal 29", "Pasat27", "PasalT4", "Pasal I I": the word and the number as the OCR printed them
_LOOSE_RE = re.compile(r"P ?a ?s ?a ?[lti1I][ \t]*(?P<num>[0-9lIOoT]{1,3})(?:[ ](?P<cont>[0-9lI]))?(?![\w])")
# a word after which "Pasal N" is a reference, not a heading
_XREF_BEFORE = {"sampai", "dengan", "dalam", "dan", "atau", "pada", "oleh", "dimaksud", "ayat", "huruf", "angka",
                "pasal", "serta", "sebagaimana", "tentang", "juncto", "jo", "jo."}


def recover_heads(text: str, heads: list[Head], doc: str, src_file: str | None, issues: list[ParseIssue],
                  where: str = "body") -> list[Head]:
    """`heads` with the recoverable missing headings inserted; lost ones recorded in `issues`."""
    out: list[Head] = []
    for i, h in enumerate(heads):
        out.append(h)
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if nxt is None or h.number is None or nxt.number is None or h.number.roman or h.to is not None:
            continue
        missing = [PasalNo(n) for n in range(h.number.num + 1, nxt.number.num)]
        if not missing or len(missing) > _MAX_MISSING or h.number.suffix or nxt.number.suffix:
            continue
        cur, lo, done = h, h.end, 0
        for num in missing:
            found = _find(text, lo, nxt.pos, num)
            if found is None:
                break
            m, shown = found
            if _word_before(text, m.start()).lower() in _XREF_BEFORE:
                into = f"{doc}/pasal-{cur.number.label.lower()}"  # type: ignore[union-attr]
                issues.append(LostHeading(doc, num.label, into, m.start(), quote_at(text, m.start()),
                                          src_file).to_issue())
            else:
                cur = Head("pasal", m.start(), m.end(), shown, num, glued=not at_line_start(text, m.start()),
                           fixed=shown != f"Pasal {num.label}", recovered=True)
                out.append(cur)
            lo, done = m.end(), done + 1
        if done == len(missing):
            gap = f"{where}: Pasal {h.number.label} is followed by Pasal {nxt.number.label} "
            issues[:] = [x for x in issues if not (x.code == "gap" and x.message.startswith(gap))]
    return out


def _find(text: str, lo: int, hi: int, num: PasalNo) -> tuple[re.Match[str], str] | None:
    """The first "Pasal <num>" in text[lo:hi] followed by an article's first word, and how it was printed."""
    for m in _LOOSE_RE.finditer(text, lo, hi):
        raw = m.group("num") + (m.group("cont") or "")
        if not raw.translate(AMENDMENT_DIGITS).isdigit() or int(raw.translate(AMENDMENT_DIGITS)) != num.num:
            continue
        after = re.compile(r"[ \t_]*(\S)").match(text, m.end())
        if after and (after.group(1).isupper() or after.group(1) == "(") and not XREF_CITE.match(text, after.start(1)):
            return m, re.sub(r"\s+", " ", m.group(0))
    return None


def _word_before(text: str, pos: int) -> str:
    words = text[max(0, pos - 40):pos].split()
    return words[-1] if words else ""


def report_recovered(issues: list[ParseIssue], doc: str, src_file: str | None, h: Head, pid: str) -> None:
    why = "garbled" if h.fixed else "run into the text of the previous Pasal"
    add_issue(issues, doc, "heading-recovered", f"heading '{h.raw}' ({why}) read as Pasal {h.number.label}"
              " from the gap in the sequence", src_file, pid, severity="info")  # type: ignore[union-attr]
