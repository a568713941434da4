"""Feedback files ("did you meet, how was it?") into a program's store.

Raters and partners are named by survey id, email or name; they are matched to the program's
people (the reading and the rating/met rules are the Learn room's :func:`read_feedback`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..issues import InputError, Issue, has_fatal
from .store import Store


def import_feedback(store: Store, program: str, source: Any, filename: str | None = None) -> tuple[int, list[Issue]]:
    """Store a feedback CSV/XLSX for ``program``; rows naming nobody of the program are reported.

    Parameters
    ----------
    store : Store
    program : str
        An existing program.
    source : path, bytes or file-like
    filename : str, optional

    Returns
    -------
    written : int
        Feedback rows stored (a second answer for the same meeting replaces the first).
    issues : list of Issue
        Skipped rows, with row and column.

    Raises
    ------
    InputError
        The file is unusable or no row names people of the program.
    """
    from ..learn.feedback import read_feedback

    people = store.people(program)
    # The file names people as the surveys did: latest survey id, email or name.
    keys = [ext if isinstance(ext, str) and ext else f"person-{pid}" for pid, ext in zip(people["person_id"],
                                                                                       people["external_id"])]
    table = pd.DataFrame({"id": keys, "name": people["name"], "email": people["email"].fillna("")})
    feedback, issues = read_feedback(source, table, filename)
    if has_fatal(issues):
        raise InputError(issues)
    if feedback.empty:
        raise InputError(issues + [Issue("fatal", "No row of the feedback file names two people of the program.",
                                         "Name raters and partners by email, survey id or full name.")])
    to_person = dict(zip(keys, people["person_id"]))
    rows = feedback.assign(rater=feedback["rater"].map(to_person), partner=feedback["partner"].map(to_person))
    return store.add_feedback(program, rows), issues
