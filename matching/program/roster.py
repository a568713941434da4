"""Who takes part in the next round of a program, and what the store says about each of them.

The survey's respondents, plus everyone whose latest answer was "keep me registered" (carried
with the profile they last gave), minus whoever is paused or opted out. For each participant:
their earlier meetings (as the solver's ``round, a, b`` history), how often they sat out, whether
they sat out last time, and whether their last match was weak.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..issues import Issue
from .identity import IdentityIndex
from .store import SIT_OUT, Store

WEAK_QUANTILE = 0.25   # a last match in the bottom quarter of its round's group scores counts as weak


@dataclass
class ProgramContext:
    """Everything the next round of a program needs from the store (participants in solver order).

    Attributes
    ----------
    participants : DataFrame
        Who is matched this round: the survey's active respondents, then the carried people.
    paused : DataFrame
        Respondents or registered people who are paused or opted out (never matched), with a reason.
    history : DataFrame
        ``round, a, b`` participant ids of earlier meetings among this round's participants.
    sit_outs : ndarray of int
        Times each participant had a bye, was unmatched or was the third of a triad.
    sat_out_last : ndarray of bool
        Sat out in their most recent round.
    weak : ndarray of bool
        Their most recent match scored in the bottom quarter of its round.
    """

    program: str
    next_round: int
    participants: pd.DataFrame
    paused: pd.DataFrame
    history: pd.DataFrame
    sit_outs: np.ndarray
    sat_out_last: np.ndarray
    weak: np.ndarray
    carried: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _pause_reason(kind: str, until) -> str:
    if kind == "opt_out":
        return "Opted out of the program; not matched."
    return f"Paused until {until}; not matched this round."


def prepare_round(store: Store, program: str, participants: pd.DataFrame, today: date | None = None) -> ProgramContext:
    """Assemble the next round of ``program`` from a survey's participants and the store.

    Parameters
    ----------
    store : Store
    program : str
        A program that does not exist yet gives a first round with no history.
    participants : DataFrame
        Canonical participants table of this round's survey.
    today : date, optional
        For pauses (a pause until D lets the person back on D). Default: today.

    Returns
    -------
    ProgramContext
    """
    today = today or date.today()
    p = participants.reset_index(drop=True)
    empty_hist = pd.DataFrame({"round": pd.Series(dtype="int64"), "a": pd.Series(dtype=str), "b": pd.Series(dtype=str)})
    if store.program_id(program) is None:
        n = len(p)
        return ProgramContext(program, 1, p, p.iloc[:0].assign(status=[], reason=[]), empty_hist,
                              np.zeros(n, int), np.zeros(n, bool), np.zeros(n, bool))
    person, issues = _identify(store.known_people(program), p)
    people = store.people(program).set_index("person_id")
    part = store.participation(program)
    carried = _carry(p, part, people, {pid for pid in person if pid is not None})
    full = p.assign(_person=person, _carried=False)
    if len(carried):
        full = pd.concat([full, carried], ignore_index=True)

    # Pauses and opt-outs.
    held = people[people["kind"].notna()]
    pause_of = dict(zip(held.index, zip(held["kind"], held["until"])))
    off = np.array([_is_paused(pause_of.get(pid), today) for pid in full["_person"]], dtype=bool)
    paused = full.loc[off].copy()
    paused["status"] = "paused"
    paused["reason"] = [_pause_reason(*pause_of[pid]) for pid in paused["_person"]]
    active = full.loc[~off].reset_index(drop=True)

    history = _history(store, program, active)
    sit, last_flag, weak = _person_stats(part, active["_person"].tolist())
    carried_ids = active.loc[active["_carried"].astype(bool), "id"].astype(str).tolist()
    if carried_ids:
        issues.append(Issue("info", f"{len(carried_ids)} registered people from earlier rounds were carried into this round.",
                            "Pause or opt them out on the History screen if they should not take part."))
    if len(paused):
        issues.append(Issue("info", f"{len(paused)} paused or opted-out people are not matched this round."))
    internal = ["_person", "_carried"]
    return ProgramContext(program, store.last_round(program) + 1, active.drop(columns=internal),
                          paused.drop(columns=internal), history, sit, last_flag, weak, carried_ids, issues)


def with_paused(assignments: pd.DataFrame, paused: pd.DataFrame) -> pd.DataFrame:
    """A round's assignments plus one unmatched row per paused person (with the reason), so everyone
    of the survey and the roster appears exactly once.

    Parameters
    ----------
    assignments : DataFrame
        ``RoundResult.assignments`` of the round's participants.
    paused : DataFrame
        ``ProgramContext.paused``.

    Returns
    -------
    DataFrame
        The same columns as ``assignments``.
    """
    if paused.empty:
        return assignments
    rows = pd.DataFrame({"id": paused["id"].astype(str), "name": paused["name"].astype(str),
                         "status": "unmatched", "reason": paused["reason"], "group_id": "", "group_size": 0})
    return pd.concat([assignments, rows], ignore_index=True)[assignments.columns]


def _identify(index: IdentityIndex, p: pd.DataFrame) -> tuple[list[int | None], list[Issue]]:
    """The program person of each survey row (None = new), and notes on uncertain matches."""
    issues: list[Issue] = []
    person: list[int | None] = []
    used: set[int] = set()
    for r in p.itertuples(index=False):
        known, note = index.match(getattr(r, "name", ""), getattr(r, "email", None), getattr(r, "id", None))
        if known is not None and known.person_id in used:
            known = None   # two rows of this survey look like one person: keep the second separate
        if known is not None:
            used.add(known.person_id)
        if note is not None:
            issues.append(Issue("warning", note.note, "Check the History screen's people list."))
        person.append(known.person_id if known else None)
    return person, issues


def _carry(p: pd.DataFrame, part: pd.DataFrame, people: pd.DataFrame, present: set[int]) -> pd.DataFrame:
    """Registered people absent from this survey, with the profile of their latest round."""
    last = part.sort_values("round").groupby("person_id").tail(1).set_index("person_id")
    rows = []
    taken = set(p["id"].astype(str))
    registered = last["keep_registered"].map(lambda v: bool(v) if v is not None and v == v else False)
    for pid, row in last[registered & ~last.index.isin(list(present))].iterrows():
        src = str(row["source_id"] or f"pw-{pid}")
        src = f"pw-{pid}" if src in taken else src
        taken.add(src)
        rows.append({**json.loads(row["profile"] or "{}"), "id": src, "name": people.at[pid, "name"],
                     "email": people.at[pid, "email"] or "", "keep_registered": True, "_person": pid, "_carried": True})
    carried = pd.DataFrame(rows)
    if len(carried):
        for c in p.columns:
            if c not in carried:
                carried[c] = 0 if c == "row" else None   # file-only columns: unknown for a carried person
        carried = carried[[*p.columns, "_person", "_carried"]]
    return carried


def _is_paused(pause, today: date) -> bool:
    if pause is None:
        return False
    kind, until = pause
    if kind == "opt_out":
        return True
    return until is not None and pd.Timestamp(until).date() > today


def _history(store: Store, program: str, active: pd.DataFrame) -> pd.DataFrame:
    """Earlier meetings among this round's participants, by their ids in this round."""
    to_id = {pid: str(i) for pid, i in zip(active["_person"], active["id"]) if pid is not None and not pd.isna(pid)}
    meets = store.meetings(program)
    keep = meets["a"].isin(to_id.keys()) & meets["b"].isin(to_id.keys())
    meets = meets.loc[keep]
    return pd.DataFrame({"round": meets["round"].astype("int64").to_numpy(),
                         "a": meets["a"].map(to_id).to_numpy(dtype=object),
                         "b": meets["b"].map(to_id).to_numpy(dtype=object)})


def _person_stats(part: pd.DataFrame, persons: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sit-out counts, sat-out-last-time and weak-last-match flags, one per participant."""
    n = len(persons)
    if part.empty:
        return np.zeros(n, int), np.zeros(n, bool), np.zeros(n, bool)
    key = pd.Series(persons, dtype=object)
    counts = part.loc[part["status"].isin(SIT_OUT)].groupby("person_id").size()
    took_part = part.loc[part["status"] != "paused"]
    latest = took_part.sort_values("round").groupby("person_id").tail(1).set_index("person_id")
    cut = took_part.dropna(subset=["score"]).groupby("round")["score"].quantile(WEAK_QUANTILE)
    sit = key.map(counts).fillna(0).astype(int).to_numpy()
    status = key.map(latest["status"])
    last_flag = status.isin(SIT_OUT).to_numpy()
    score = pd.to_numeric(key.map(latest["score"]), errors="coerce")
    limit = key.map(latest["round"]).map(cut)
    weak = (score.notna() & limit.notna() & (score <= limit)
            & status.isin(["paired", "grouped", "triad-third"])).to_numpy()
    return sit, last_flag, weak
