"""A whole program as a backup: one CSV per table in a zip (plus a manifest), readable anywhere."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
from sqlalchemy import select

from . import schema as t
from .store import Store


def export_program(store: Store, program: str) -> bytes:
    """Zip of ``programs.csv, people.csv, rounds.csv, round_participants.csv, groups.csv,
    group_members.csv, feedback.csv, pauses.csv`` and ``manifest.json`` for one program.

    Parameters
    ----------
    store : Store
    program : str

    Returns
    -------
    bytes
        The zip file.
    """
    pid = store.require_program(program)
    round_ids = select(t.rounds.c.id).where(t.rounds.c.program_id == pid)
    person_ids = select(t.people.c.id).where(t.people.c.program_id == pid)
    group_ids = select(t.groups.c.id).where(t.groups.c.round_id.in_(round_ids))
    queries = {
        "programs": select(t.programs).where(t.programs.c.id == pid),
        "people": select(t.people).where(t.people.c.program_id == pid),
        "rounds": select(t.rounds).where(t.rounds.c.program_id == pid),
        "round_participants": select(t.round_participants).where(t.round_participants.c.round_id.in_(round_ids)),
        "groups": select(t.groups).where(t.groups.c.round_id.in_(round_ids)),
        "group_members": select(t.group_members).where(t.group_members.c.group_id.in_(group_ids)),
        "feedback": select(t.feedback).where(t.feedback.c.program_id == pid),
        "pauses": select(t.pauses).where(t.pauses.c.person_id.in_(person_ids)),
    }
    buf = io.BytesIO()
    counts = {}
    with store._connect() as conn, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, q in queries.items():
            result = conn.execute(q)
            df = pd.DataFrame(result.all(), columns=list(result.keys()))
            counts[name] = len(df)
            zf.writestr(f"{name}.csv", df.to_csv(index=False))
        zf.writestr("manifest.json", json.dumps({"program": program, "schema": store.schema_version(),
                                                 "rows": counts}, indent=2))
    return buf.getvalue()
