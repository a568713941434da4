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
    shown = display_names(result.participants)  # "Alex Kim (row 14)" when two people share a name
    locked_set = {frozenset(p) for p in locked}
    backups = result.solution.backups or {}
    rows = []
    for g, members in zip(result.groups.itertuples(), result.solution.groups):
        pair_ids = [ids[x] for x in members]
        bk = "; ".join(f"{shown[x] if shown[x] != names[x] else (names[x].split() or [names[x]])[0]}: "
                       + ", ".join(shown[b] for b in backups.get(x, [])) for x in members if backups.get(x))
        labels = str(g.members).split(" + ")
        member_text = " + ".join(shown[x] + (" (mentor)" if i < len(labels) and labels[i].endswith(" (mentor)") else "")
                                 for i, x in enumerate(members))
        rows.append({"lock": frozenset(pair_ids[:2]) in locked_set, "forbid": False, "group": g.group_id,
                     "members": member_text, "roles": g.roles, "score": round(g.score, 3),
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


def stable_group_ids(previous: dict[frozenset, str], groups: list[frozenset]) -> list[str]:
    """Group ids that survive a re-solve: an unchanged group keeps its id.

    Parameters
    ----------
    previous : dict
        Member-id set -> group id, from the pairing shown before (empty the first time).
    groups : list of frozenset
        The new pairing's groups as sets of member ids, in the solver's order.

    Returns
    -------
    list of str
        One id per new group: the previous id for an identical group; else the previous id of the
        group it shares most members with (each old id used once); else the next free 'G###'.
    """
    out: list[str | None] = [previous.get(g) for g in groups]
    taken = {gid for gid in out if gid}
    left = [(g, gid) for g, gid in previous.items() if gid not in taken]
    for i, g in enumerate(groups):
        if out[i] is not None:
            continue
        best = max(left, key=lambda item: (len(item[0] & g), -_number(item[1])), default=None)
        if best is not None and best[0] & g:
            out[i] = best[1]
            left.remove(best)
            taken.add(best[1])
    nxt = max((_number(gid) for gid in list(taken) + list(previous.values())), default=0) + 1
    for i in range(len(out)):
        if out[i] is None:
            out[i] = f"G{nxt:03d}"
            nxt += 1
    return out  # type: ignore[return-value]


def _number(gid: str) -> int:
    digits = "".join(ch for ch in str(gid) if ch.isdigit())
    return int(digits) if digits else 0


def relabel_groups(result, new_ids: list[str]):
    """A copy of ``result`` whose groups carry ``new_ids`` (in the solver's group order) everywhere."""
    import dataclasses

    old = result.groups["group_id"].tolist() if len(result.groups) else []
    if old == list(new_ids):
        return result
    rename = dict(zip(old, new_ids))
    groups = result.groups.assign(group_id=[rename[g] for g in old])
    a = result.assignments
    a = a.assign(group_id=a["group_id"].map(lambda g: rename.get(g, g)))
    order = a.assign(_un=a["status"].eq("unmatched")).sort_values(["_un", "group_id"], kind="stable").index
    return dataclasses.replace(result, groups=groups, assignments=a.loc[order].reset_index(drop=True))


def partners_of(result) -> dict[str, frozenset]:
    """Person id -> the ids of their group-mates (an empty set for the unmatched): everyone appears."""
    ids = result.participants["id"].astype(str).tolist()
    out = {pid: frozenset() for pid in ids}
    for g in result.solution.groups:
        for m in g:
            out[ids[m]] = frozenset(ids[o] for o in g if o != m)
    return out


def change_counts(prev: dict[str, frozenset], cur: dict[str, frozenset]) -> dict:
    """How many people got a new partner between two pairings of everyone in either.

    Returns ``moved`` (different group-mates), ``n`` (people in either pairing), ``unpaired_both``
    (no partner in either) and ``joined`` / ``left`` (people only in one of them).
    """
    everyone = set(prev) | set(cur)
    moved = sum(1 for pid in everyone if prev.get(pid, frozenset()) != cur.get(pid, frozenset()))
    unpaired = sum(1 for pid in everyone if not prev.get(pid) and not cur.get(pid))
    return {"moved": moved, "n": len(everyone), "unpaired_both": unpaired,
            "joined": len(set(cur) - set(prev)), "left": len(set(prev) - set(cur))}


def change_text(change: dict) -> str:
    """The pairing page's note on what changed since the previous pairing."""
    text = f"Since the previous pairing: {change['moved']} of {change['n']} people got a new partner"
    if change.get("unpaired_both"):
        k = change["unpaired_both"]
        text += f" ({k} {'was' if k == 1 else 'were'} not paired in either)"
    return text + (f"; total score {change['total_change']:+.3f}, lowest group {change['lowest_change']:+.3f}.")


def display_names(participants: pd.DataFrame) -> list[str]:
    """Names as shown in tables: people who share a name are told apart by their row in the file."""
    names = participants["name"].astype(str)
    shared = names.str.strip().str.casefold().duplicated(keep=False)
    rows = participants["row"] if "row" in participants else pd.Series(range(2, len(names) + 2), index=names.index)
    return [f"{n} (row {r})" if dup else n for n, dup, r in zip(names, shared, rows)]


def shared_names(participants: pd.DataFrame) -> list[str]:
    """Names that belong to more than one person (as written first), for the page's warning."""
    names = participants["name"].astype(str)
    key = names.str.strip().str.casefold()
    dup = key.duplicated(keep=False)
    return list(dict.fromkeys(names[dup & ~key.duplicated(keep="first")]))


def signal_shares(values, signals, labels: dict) -> pd.DataFrame:
    """One row per signal with its contribution to a group's score (the detail view of the bars)."""
    return pd.DataFrame({"signal": [labels.get(s, s) for s in signals], "contribution": [float(v) for v in values]})
