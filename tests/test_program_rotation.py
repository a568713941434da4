"""Rotation, weak-match protection, roster (carry-over, pauses) and multi-round planning."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from matching.program import ProgramContext, Store, prepare_round, publish, record_from_result
from matching.program.planning import plan_rounds
from matching.program.rotation import adjusted_weight, priorities, solve_program_round
from matching.round import run_round
from matching.scoring import Embedder, combine, compute_signals, embed_participants
from matching.settings import Settings
from matching.solve import solve_pairs
from tests.conftest import make_participants

SETTINGS = Settings(embedder="tfidf")


def _vectors(p):
    return embed_participants(p, Embedder("tfidf"))


def _context(p, sit_outs, last=None, weak=None, history=None):
    n = len(p)
    hist = history if history is not None else pd.DataFrame({"round": pd.Series(dtype="int64"), "a": [], "b": []})
    return ProgramContext("test", 2, p, p.iloc[:0].assign(status=[], reason=[]), hist, np.asarray(sit_outs),
                          np.zeros(n, bool) if last is None else np.asarray(last),
                          np.zeros(n, bool) if weak is None else np.asarray(weak))


def test_priorities_and_adjusted_weight():
    assert priorities(np.array([0, 1, 2]), np.array([False, True, False])).tolist() == [0, 2, 2]
    w = np.array([[0, .5, -.1], [.5, 0, .2], [-.1, .2, 0]])
    out = adjusted_weight(w, np.zeros(3), np.array([True, False, False]), 1.0, 0.0)
    assert out[0, 1] == pytest.approx(1.0) and out[1, 2] == pytest.approx(.2) and out[0, 2] == pytest.approx(-.1)
    out = adjusted_weight(w, np.array([1.0, 0, 0]), np.zeros(3, bool), 0.0, 2.0)
    assert out[0, 1] == pytest.approx(2.5) and out[1, 2] == pytest.approx(.2) and np.all(np.diag(out) == 0)


def test_weak_last_match_is_protected():
    # Without protection the best total leaves person 3 with 0.2; protecting 3 gives them 0.6.
    s = np.array([[0, .9, .1, .6], [.9, 0, .45, .1], [.1, .45, 0, .2], [.6, .1, .2, 0]])
    plain = solve_pairs(s, n_backups=0).groups
    assert (2, 3) in plain
    protected = solve_pairs(adjusted_weight(s, np.zeros(4), np.array([0, 0, 0, 1], bool), 1.0, 0.0),
                            quality=s, n_backups=0).groups
    assert (0, 3) in protected


@pytest.mark.parametrize("odd", ["bye", "triad"])
def test_the_person_due_sits_out(odd):
    p = make_participants(11, seed=3)
    settings = SETTINGS.replace(odd=odd)
    plain = run_round(p, _vectors(p), settings)
    # Choose as "due" someone the plain solve pairs normally, so only the rotation can leave them over.
    in_pairs = [m for g in plain.solution.groups if len(g) == 2 for m in g]
    due = in_pairs[len(in_pairs) // 2]
    sit = np.ones(11, int)
    sit[due] = 0   # everyone else has sat out once already
    pr = solve_program_round(_context(p, sit), _vectors(p), settings)
    assert pr.rotation_ok and pr.sat_out == [due]
    rec = record_from_result(pr.result, pr.third)
    status = dict(zip(rec.people["source_id"], rec.people["status"]))
    assert status[p.at[due, "id"]] == ("bye" if odd == "bye" else "triad-third")
    assert sum(v in ("bye", "triad-third") for v in status.values()) == 1


def test_roster_carries_registered_and_skips_paused(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'p.db'}").ready()
    p = make_participants(8, seed=1)
    first = run_round(p, _vectors(p), SETTINGS)
    publish(store, "Buddies", record_from_result(first))
    people = store.people("Buddies").set_index("name")["person_id"]
    store.set_pause("Buddies", int(people["Person 2"]), "pause", date.today() + timedelta(days=7))
    store.set_pause("Buddies", int(people["Person 5"]), "opt_out")
    store.set_pause("Buddies", int(people["Person 6"]), "pause", date.today())   # pause over: back in
    # The next survey lacks Person 3 (registered: carried) and has new ids for everyone else.
    nxt = p.drop(index=3).assign(id=lambda d: "n" + d["id"]).reset_index(drop=True)
    ctx = prepare_round(store, "Buddies", nxt)
    names = set(ctx.participants["name"])
    assert "Person 3" in names and ctx.carried == ["p003"]
    assert not {"Person 2", "Person 5"} & names and "Person 6" in names
    assert sorted(ctx.paused["name"]) == ["Person 2", "Person 5"]
    assert ctx.paused["reason"].str.contains("Paused until|Opted out").all()
    assert ctx.next_round == 2
    # The people whose round-1 match was the weakest are flagged for protection.
    part = store.participation("Buddies")
    lowest = set(part.loc[part["score"] == part["score"].min(), "name"])
    flagged = set(ctx.participants.loc[ctx.weak, "name"])
    assert flagged and (lowest - {"Person 2", "Person 5"}) <= flagged
    assert len(flagged) < len(ctx.participants) / 2
    # The history speaks this round's ids, and only about people taking part.
    ids = set(ctx.participants["id"])
    assert len(ctx.history) and set(ctx.history["a"]) | set(ctx.history["b"]) <= ids
    met = {frozenset(x) for x in zip(ctx.history["a"], ctx.history["b"])}
    pr = solve_program_round(ctx, _vectors(ctx.participants), SETTINGS)
    for g in pr.result.solution.groups:
        for a, b in combinations(g, 2):
            assert frozenset((ctx.participants.at[a, "id"], ctx.participants.at[b, "id"])) not in met
    store.close()


def test_plan_rounds_meets_new_people_every_round():
    p = make_participants(20, seed=2)
    score = combine(compute_signals(p, _vectors(p), SETTINGS), SETTINGS.weights)
    plan = plan_rounds(p, score, SETTINGS, None, 4, first_round=5)
    table = plan.comparison().set_index("method")
    assert list(table.index) == ["plan", "round_by_round", "greedy"]
    assert table.at["plan", "min_distinct"] == 4 == table.at["plan", "max_possible"]
    assert table.at["greedy", "mean_distinct"] <= table.at["plan", "mean_distinct"]
    pairs = plan.table[plan.table["status"] == "paired"]
    assert sorted(pairs["round"].unique()) == [5, 6, 7, 8]
    seen = [frozenset((r.id, r.partner_ids)) for r in pairs.itertuples()]
    assert len(set(seen)) * 2 == len(seen)              # every pair once per side, never twice in the plan
    assert (plan.table.groupby("round").size() == 20).all()
