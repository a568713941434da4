"""Who is who across rounds: email first, then the survey's id, then the normalised name.

A match made only by name, or a name shared by people with different emails, is reported as an
uncertain merge for the organizer to confirm; nothing is merged on a guess without saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def name_key(name: object) -> str:
    """A name folded for comparison: accents dropped, case folded, punctuation and extra spaces removed.

    >>> name_key("  Łukasz  Wójcik-Nowak ")
    'lukasz wojcik nowak'
    """
    text = unicodedata.normalize("NFKD", str(name if name is not None else ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ł", "l").replace("Ł", "L")
    text = _PUNCT.sub(" ", text.casefold())
    return _SPACE.sub(" ", text).strip()


def email_key(email: object) -> str | None:
    """A lowercased email, or None when the value is not an email."""
    if not isinstance(email, str):
        return None
    text = email.strip().lower()
    return text if "@" in text and " " not in text and len(text) <= 320 else None


def id_key(value: object) -> str | None:
    """A survey id as text (case kept: ids are case-sensitive), or None when blank."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class Known:
    """A person already in the program."""

    person_id: int
    name: str
    email: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class Uncertain:
    """A merge (or a refusal to merge) the organizer should confirm."""

    name: str
    person_id: int | None
    note: str


@dataclass
class IdentityIndex:
    """Lookup of a program's people by email, survey id and normalised name.

    Parameters
    ----------
    people : iterable of Known
    """

    people: Iterable[Known] = ()
    by_email: dict[str, Known] = field(init=False, default_factory=dict)
    by_id: dict[str, list[Known]] = field(init=False, default_factory=dict)
    by_name: dict[str, list[Known]] = field(init=False, default_factory=dict)
    by_id_folded: dict[str, list[Known]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for person in list(self.people):
            self.add(person)

    def add(self, person: Known) -> None:
        """Make a person findable (a newly created one, so later rows of the same file find them)."""
        if person.email:
            self.by_email.setdefault(person.email, person)
        if person.external_id:
            self.by_id.setdefault(person.external_id, []).append(person)
            self.by_id_folded.setdefault(person.external_id.casefold(), []).append(person)
        self.by_name.setdefault(name_key(person.name), []).append(person)

    def match(self, name: object, email: object = None, external_id: object = None
              ) -> tuple[Known | None, Uncertain | None]:
        """The known person this record is, and a note when the answer is uncertain.

        Parameters
        ----------
        name, email, external_id : object
            The record's fields; any may be blank.

        Returns
        -------
        person : Known or None
            None means "a new person".
        uncertain : Uncertain or None
        """
        mail, pid, key = email_key(email), id_key(external_id), name_key(name)
        shown = str(name).strip() if name is not None else ""
        if mail and mail in self.by_email:
            return self.by_email[mail], None
        if pid and pid in self.by_id:
            same = [p for p in self.by_id[pid] if not (mail and p.email and p.email != mail)]
            if len(same) == 1:
                return same[0], None
        candidates = self.by_name.get(key, []) if key else []
        if not candidates:
            return None, None
        if len(candidates) > 1:
            return None, Uncertain(shown, None, f"{len(candidates)} people in the program are called '{shown}'; "
                                                "this one was kept as a new person. Merge by hand if they are one of them.")
        person = candidates[0]
        if mail and person.email and person.email != mail:
            return None, Uncertain(shown, person.person_id,
                                   f"'{shown}' has the same name as a person already in the program but a different "
                                   "email; kept as two people. Confirm they are different people.")
        return person, Uncertain(shown, person.person_id,
                                 f"'{shown}' was matched to an earlier round by name only; confirm it is the same person.")

    def lookup(self, token: object) -> tuple[Known | None, str]:
        """Resolve one name written in a past-rounds file (an email, a survey id or a name).

        Returns
        -------
        person : Known or None
        how : str
            ``"email"``, ``"id"``, ``"name"``, ``"ambiguous"`` or ``""`` (not found).
        """
        text = str(token).strip()
        mail = email_key(text)
        if mail:
            person = self.by_email.get(mail)
            return (person, "email") if person else (None, "")
        ids = self.by_id.get(text) or self.by_id_folded.get(text.casefold())   # a file may change an id's case
        if ids and len(ids) == 1:
            return ids[0], "id"
        named = self.by_name.get(name_key(text), [])
        if len(named) == 1:
            return named[0], "name"
        if len(named) > 1:
            return None, "ambiguous"
        return None, ""
