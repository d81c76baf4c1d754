"""Definition cues: does a query ask what a term means, is a text a definitions provision."""

from __future__ import annotations

import re

DEF_QUERY = re.compile(r"\b(defin\w*|means?|meaning|pengertian|definisi|arti(?:nya)?|yang dimaksud(?: dengan)?)\b", re.I)
_DEF_ITEM = re.compile(r"\badalah\b|\byang dimaksud dengan\b|[\"”] (?:shall )?means?\b|\buse of terms\b", re.I)


def is_definition_text(text: str) -> bool:
    return len(_DEF_ITEM.findall(text)) >= 2 or bool(re.search(r"\buse of terms\b|\bketentuan umum\b", text, re.I))
