"""Whom a provision is written for, against whom the question is about: a woman leaving to work
in Riyadh is no "Orang Asing" applying for a visa (PP 31/2013 Pasal 109), and a Nigerian
overstayer is no "Pekerja Migran Indonesia". A provision that names only the other kind of person
loses weight in the lead choice (answer.toml person_mismatch); one that names anyone ("Setiap
Orang", "korban") or both kinds is for either. Patterns: data/questions.toml [person]."""

from __future__ import annotations

from .question import _rx  # data/questions.toml, compiled once with the question cues


def written_for(text: str) -> str | None:
    """'foreigner' or 'citizen' when the text names only that kind of person, else None."""
    if _rx("person", "provision_anyone").search(text):
        return None
    f, c = bool(_rx("person", "provision_foreigner").search(text)), bool(_rx("person", "provision_citizen").search(text))
    return "foreigner" if f and not c else "citizen" if c and not f else None


def for_crew(text: str) -> bool:
    """The text's subject is a carrier's crew (a passenger's question is not about it)."""
    return bool(_rx("person", "provision_crew").search(text))


def mismatch(person: str | None, text: str) -> bool:
    """The question is about `person` and the text is written only for the other kind."""
    if person is None:
        return False
    other = written_for(text)
    return other is not None and other != person
