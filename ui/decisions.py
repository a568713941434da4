"""The organizer's lock / forbid decisions on the pairing table: rows in, decisions out.

Pure functions over DataFrames and lists of id pairs, so the page only draws the editor and the
tests can check the diffing without a browser.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from matching.settings import SIGNALS


def pairing_table(result, locked: list[list[str]]) -> pd.DataFrame:
    """One editable row per group: lock/forbid ticks, members, score, signal contributions, backups.

    The hidden ``_ids`` column holds the group's participant ids joined by ';'.
    """
    ids = result.participants["id"].astype(str).tolist()
    names = result.participants["name"].astype(str).tolist()
    locked_set = {frozenset(p) for p in locked}
    backups = result.solution.backups or {}
    rows = []
    for g, members in zip(result.groups.itertuples(), result.solution.groups):
        pair_ids = [ids[x] for x in members]
        bk = "; ".join(f"{names[x].split()[0]}: " + ", ".join(names[b] for b in backups.get(x, []))
                       for x in members if backups.get(x))
        rows.append({"lock": frozenset(pair_ids[:2]) in locked_set, "forbid": False, "group": g.group_id,
                     "members": g.members, "roles": g.roles, "score": round(g.score, 3),
                     "why": [round(getattr(g, f"c_{s}"), 3) for s in SIGNALS],
                     "explanation": g.explanation, "shared skills": g.shared_tags, "backups": bk,
                     "_ids": ";".join(pair_ids)})
    return pd.DataFrame(rows)


def table_version(table: pd.DataFrame, locked: list[list[str]]) -> str:
    """A short key that changes when the groups or the locks change (so the editor starts fresh)."""
    ids = "|".join(table["_ids"]) if len(table) else ""
    return hashlib.sha1((ids + str(sorted(map(sorted, locked)))).encode()).hexdigest()[:10]


def apply_edits(table: pd.DataFrame, edited: pd.DataFrame, locked: list[list[str]],
                blocked: list[list[str]]) -> tuple[list[list[str]], list[list[str]], bool]:
    """Turn ticked boxes into new locked / blocked pair lists.

    Parameters
    ----------
    table, edited : DataFrame
        The table shown (from :func:`pairing_table`) and the editor's returned copy.
    locked, blocked : list of [id, id]
        The current decisions.

    Returns
    -------
    locked, blocked : list of [id, id]
        Updated decisions: a changed lock tick locks or unlocks the group's first pair; a forbid
        tick forbids every pair in the group and drops locks inside it.
    changed : bool
        Whether anything changed (the page then re-runs).
    """
    locked, blocked, changed = list(locked), list(blocked), False
    for i in table.index:
        members = table.at[i, "_ids"].split(";")
        key = sorted(members[:2])
        if bool(edited.at[i, "lock"]) != bool(table.at[i, "lock"]):
            locked = [p for p in locked if frozenset(p) != frozenset(key)] + ([key] if edited.at[i, "lock"] else [])
            changed = True
        if edited.at[i, "forbid"]:
            new = [sorted((a, b)) for j, a in enumerate(members) for b in members[j + 1:]]
            blocked = blocked + [p for p in new if p not in blocked]
            locked = [p for p in locked if not set(p) <= set(members)]
            changed = True
    return locked, blocked, changed


def decision_labels(pairs: list[list[str]], result) -> pd.DataFrame:
    """Locked or forbidden pairs by name (ids that are no longer in the survey stay as ids)."""
    name_of = dict(zip(result.participants["id"].astype(str), result.participants["name"].astype(str)))
    return pd.DataFrame({"pair": [" + ".join(name_of.get(x, x) for x in p) for p in pairs]})
