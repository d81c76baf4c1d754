"""How a pinpoint citation is written: "Pasal 16 ayat (1) huruf b angka 2", "Article 3(a)".

One formatter for every label lexqa prints (store labels, normalised citations), so a label
and the citation a user types for it never drift apart.
"""

from __future__ import annotations


def pasal_pinpoint(pasal: str | None, ayat: str | None = None, huruf: str | None = None,
                   angka: str | None = None) -> str:
    """Indonesian form, for the parts that are given ("ayat (1) huruf b" without a Pasal)."""
    parts = []
    if pasal:
        parts.append(f"Pasal {pasal}")
    if ayat:
        parts.append(f"ayat ({ayat})")
    if huruf:
        parts.append(f"huruf {huruf}")
    if angka:
        parts.append(f"angka {angka}")
    return " ".join(parts)


def article_pinpoint(article: str, paragraph: str | None = None, sub: str | None = None) -> str:
    """Treaty form: "Article 6(1)(a)"."""
    return f"Article {article}" + (f"({paragraph})" if paragraph else "") + (f"({sub})" if sub else "")
