"""How `lexqa ask` prints an answer for a person at a counter: the lead first, then "Legal
basis", "What the law does not allow", "History" (revoked text), "Related", "Commentary";
`--brief` prints the lead and its citations only. Works on the `--json` dict."""

from __future__ import annotations

from typing import Any

from ..kinds import GROUP_TITLES

# the legal basis: lexqa.answer.model.BASIS_ROLES (written out: a cold CLI start imports no answerer)
BASIS = ("answer", "amendment", "replacement", "revocation")

TITLES = {"en": {"basis": "Legal basis", "not": "What the law does not allow", "history": "History (not in force)",
                 "related": "Related", "commentary": "Commentary (literature, not law)", "nearest": "Nearest provisions",
                 "research": "Research (literature, not law)",
                 "issue": "Issue"},
          "id": {"basis": "Dasar hukum", "not": "Yang tidak dibolehkan hukum", "history": "Riwayat (tidak berlaku)",
                 "related": "Terkait", "commentary": "Komentar (literatur, bukan hukum)", "nearest": "Ketentuan terdekat",
                 "research": "Penelitian (literatur, bukan hukum)",
                 "issue": "Isu"}}


def _flat(s: str) -> str:
    return " ".join((s or "").split())


def _status(c: dict[str, Any]) -> str:
    return f" [{c['status']}]" if c.get("status") else ""


def _item_lines(c: dict[str, Any], full: bool = True) -> list[str]:
    role = "" if c["role"] in ("answer", "commentary", "revoked") else f" ({c['role']})"
    group = GROUP_TITLES.get(c.get("group", ""), "")
    out = [f"* {c['label']}{_status(c)}{role}" + (f" — {group}" if group and c["role"] in BASIS else "")]
    if not full:
        return out
    if c.get("context"):
        out.append("  " + _flat(c["context"]))
    out.append("  “" + _flat(c["quote"]) + "”")
    if c.get("status") and not str(c["status"]).startswith("in force") and c.get("status_detail"):
        out.append("  status: " + c["status_detail"])
    for pj in c.get("penjelasan", []):
        out.append(f"  {pj['label']}: " + _flat(pj["quote"]))
    return out


def sections(d: dict[str, Any], brief: bool = False) -> list[tuple[str, list[str]]]:
    """(title, lines) blocks in reading order; the first block is the lead (title "")."""
    t = TITLES["id" if d.get("language") == "id" else "en"]
    # --brief: the lead only (an answer built on a guide carries the guide's steps after its lead)
    lead = " ".join(c["text"] for c in d.get("lead_claims") or []) if brief else ""
    blocks: list[tuple[str, list[str]]] = [("", [f"Q: {d['question']}", f"A: {lead or d['answer']}"])]
    cites = d.get("citations", [])
    basis = [c for c in cites if c["role"] in BASIS]
    if brief:
        law = [c for c in basis if c.get("group") != "literature"]
        lit = [c for c in basis if c.get("group") == "literature"]
        if law:
            blocks.append((t["basis"], [f"* {c['label']}{_status(c)}" for c in law]))
        if lit:
            blocks.append((t["research"], [f"* {c['label']}" for c in lit]))
        return blocks
    if len(d.get("issues") or []) > 1:
        lines = []
        for i, iss in enumerate(d["issues"], 1):
            labels = [c["label"] for c in cites if c["id"] in iss.get("citations", [])]
            lines.append(f"{i}. {iss['issue']}" + (f" → {'; '.join(labels)}" if labels else ""))
        blocks.append((t["issue"], lines))
    if basis:
        # a research answer quotes studies: they are no legal basis, and the title says so
        lit = [c for c in basis if c.get("group") == "literature"]
        law = [c for c in basis if c.get("group") != "literature"]
        if law:
            blocks.append((t["basis"], [ln for c in law for ln in _item_lines(c)]))
        if lit:
            blocks.append((t["research"], [ln for c in lit for ln in _item_lines(c)]))
    if d.get("does_not_allow"):
        blocks.append((t["not"], [f"* {r['label']}: “{_flat(r['text'])}”" for r in d["does_not_allow"]]))
    hist = [c for c in cites if c["role"] == "revoked"]
    if hist:
        blocks.append((t["history"], [ln for c in hist for ln in _item_lines(c)]))
    related = []
    seen = {c["id"] for c in cites}
    for c in basis:
        for r in c.get("related", []):
            if r["id"] not in seen:
                seen.add(r["id"])
                related.append(f"* {r['label']} (← {c['label']})")
    if related:
        blocks.append((t["related"], related))
    comm = [c for c in cites if c["role"] == "commentary"]
    if comm:
        blocks.append((t["commentary"], [ln for c in comm for ln in _item_lines(c)]))
    if d["abstained"] or not cites:
        blocks.append((t["nearest"], [f"  {i}. {r['label']}{_status(r)} " + _flat(r["quote"])[:160]
                                      for i, r in enumerate(d["retrieved"][:5], 1)]))
    return blocks


def plain(d: dict[str, Any], brief: bool = False) -> str:
    lines: list[str] = []
    for title, body in sections(d, brief):
        if title:
            lines.append(f"== {title} ==")
        lines.extend(body)
        lines.append("")
    for n in d.get("notes", []):
        lines.append(f"note: {n}")
    return "\n".join(lines).rstrip()
