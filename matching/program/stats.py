"""A program's numbers for the History screen: per person, repeats, rounds (no plotting here)."""

from __future__ import annotations

import pandas as pd

from .store import SIT_OUT, Store


def person_table(store: Store, program: str) -> pd.DataFrame:
    """One row per person: rounds taken part, meetings, distinct partners, repeats, byes, unmatched,
    triad thirds, and their pause state.

    Returns
    -------
    DataFrame
        ``person_id, name, email, rounds, meetings, distinct_partners, repeat_meetings, byes,
        unmatched, triad_third, pause, until``.
    """
    people = store.people(program)
    part = store.participation(program)
    meets = store.meetings(program)
    both = pd.concat([meets[["a", "b"]].rename(columns={"a": "p", "b": "o"}),
                      meets[["b", "a"]].rename(columns={"b": "p", "a": "o"})], ignore_index=True)
    meetings = both.groupby("p").size()
    distinct = both.drop_duplicates().groupby("p").size()
    took = part[part["status"] != "paused"].groupby("person_id")["round"].nunique()
    status = part.pivot_table(index="person_id", columns="status", values="round", aggfunc="count", fill_value=0)
    out = people[["person_id", "name", "email"]].copy()
    out["rounds"] = out["person_id"].map(took).fillna(0).astype(int)
    out["meetings"] = out["person_id"].map(meetings).fillna(0).astype(int)
    out["distinct_partners"] = out["person_id"].map(distinct).fillna(0).astype(int)
    out["repeat_meetings"] = out["meetings"] - out["distinct_partners"]
    for col, key in (("byes", "bye"), ("unmatched", "unmatched"), ("triad_third", "triad-third")):
        out[col] = out["person_id"].map(status[key] if key in status else pd.Series(dtype=int)).fillna(0).astype(int)
    out["pause"] = people["kind"].map({"pause": "paused", "opt_out": "opted out"}).fillna("")
    out["until"] = people["until"]
    return out


def repeat_table(meetings: pd.DataFrame) -> pd.DataFrame:
    """Pairs that met more than once: ``a, b, name_a, name_b, times, rounds, shortest_gap``."""
    if meetings.empty:
        return pd.DataFrame(columns=["a", "b", "name_a", "name_b", "times", "rounds", "shortest_gap"])
    g = meetings.sort_values("round").groupby(["a", "b"])
    out = g.agg(name_a=("name_a", "first"), name_b=("name_b", "first"), times=("round", "size"),
                rounds=("round", lambda r: ", ".join(map(str, r))),
                shortest_gap=("round", lambda r: int(r.diff().min()) if len(r) > 1 else 0)).reset_index()
    return out[out["times"] > 1].sort_values(["shortest_gap", "times"], ascending=[True, False]).reset_index(drop=True)


def round_table(store: Store, program: str) -> pd.DataFrame:
    """One row per round with status counts and the mean group score."""
    rounds = store.rounds(program)
    part = store.participation(program)
    counts = part.pivot_table(index="round", columns="status", values="person_id", aggfunc="count", fill_value=0)
    score = part.dropna(subset=["score"]).groupby("round")["score"].mean()
    out = rounds.set_index("round")
    for s in ("paired", "grouped", "triad-third", *[x for x in SIT_OUT if x != "triad-third"], "paused"):
        out[s] = counts[s] if s in counts else 0
    out["mean_score"] = score
    return out.reset_index().fillna({s: 0 for s in ("paired", "grouped", "triad-third", "bye", "unmatched", "paused")})
