"""Rounds in the group and mentoring formats, end to end (TF-IDF, no model)."""


import numpy as np

from matching.formats import preferred_column, uses_groups, uses_mentoring
from matching.report.export import intro_messages
from matching.round import run_round
from matching.scoring.embedder import Embedder
from matching.scoring.text import embed_participants
from matching.settings import Settings

from conftest import make_participants


def _round(p, **settings):
    s = Settings(embedder="tfidf", **settings)
    return run_round(p, embed_participants(p, Embedder(kind="tfidf")), s)


def _once(result):
    a = result.assignments
    assert len(a) == len(result.participants) and a["id"].is_unique
    assert (a.loc[a["status"] == "unmatched", "reason"].str.len() > 0).all()


def test_format_switches():
    assert not uses_groups(Settings(), False) and uses_groups(Settings(group_size=4), False)
    assert not uses_groups(Settings(group_size=3), True)
    assert not uses_mentoring(Settings(), True) and uses_mentoring(Settings(mentor_spread=0.3), True)
    assert uses_mentoring(Settings(capacity_overrides={"p1": 2}), True) and not uses_mentoring(Settings(mentor_min=1), False)
    assert preferred_column(["Name", "Preferences for matching with mentee(s)", "Preferred mentor(s)"]) == "Preferred mentor(s)"
    assert preferred_column(["Which mentor would you like?", "x"]) is None


def test_groups_round_keeps_the_tables_and_rules_and_intros_say_what_all_share():
    p = make_participants(14)
    r = _round(p, group_size=3, blocked=(("p000", "p006"), ("p001", "p007")))
    _once(r)
    assert r.format.kind == "groups" and r.solution.optimal
    assert sorted(len(g) for g in r.solution.groups) == [2, 3, 3, 3, 3]
    idx = {pid: i for i, pid in enumerate(p["id"])}
    for g in r.solution.groups:
        assert {idx["p000"], idx["p006"]} - set(g) and {idx["p001"], idx["p007"]} - set(g)
    assert set(r.assignments["status"]) == {"grouped"}
    assert list(r.groups["size"]) == [len(g) for g in r.solution.groups]
    messages = intro_messages(r)
    for gid, members in zip(r.groups["group_id"], r.solution.groups):
        common = set.intersection(*[set(r.signals.tags[m]) for m in members])
        assert (f"What all {len(members)} of you share" in messages[gid]) == (bool(common) and len(members) > 2)


def _mentoring(n_mentors=4, n_mentees=10):
    p = make_participants(n_mentors + n_mentees)
    p["side"] = ["mentor"] * n_mentors + ["mentee"] * n_mentees
    p["capacity"] = [3, np.nan, 2, 1] + [np.nan] * n_mentees
    p["Preferred mentor"] = [""] * n_mentors + ["Person 0", "person 1; Nobody Known", ""] + [""] * (n_mentees - 3)
    return p


def test_mentoring_round_capacities_overrides_preferences_and_reasons():
    p = _mentoring()
    r = _round(p, program="mentoring", mentor_capacity=2, capacity_overrides={"p003": 0, "ghost": 2},
               preferred_mode="hard")
    _once(r)
    fmt = r.format
    assert fmt.kind == "mentoring"
    # form 3, blank -> default 2, form 2, override 0
    assert fmt.mentors["capacity"].tolist() == [3, 2, 2, 0]
    assert (fmt.mentors["load"] <= fmt.mentors["capacity"]).all()
    texts = " ".join(i.message for i in r.issues)
    assert "Nobody Known" in texts and "ghost" in texts
    a = r.assignments.set_index("id")
    # A hard choice restricts who they may meet (it is not a lock): placed with that mentor, or told so.
    for mentee, mentor in (("p004", "p000"), ("p005", "p001")):
        assert a.loc[mentee, "partner_ids"] == mentor or \
            f"the only mentor they may meet ({a.loc[mentor, 'name']}) is full" in a.loc[mentee, "reason"]
    unplaced = a[a["status"] == "unmatched"]
    assert len(unplaced) == 10 - 7 + 1  # 7 places for 10 mentees, and the capacity-0 mentor
    mentees = unplaced[unplaced.index.isin(p["id"].iloc[4:])]
    assert mentees["reason"].str.contains("has no mentor").all()
    assert a.loc["p003", "reason"].startswith("Person 3 has capacity 0")
    for pod in r.solution.groups:
        assert r.constraints.sides[pod[0]] == 1 and all(r.constraints.sides[m] == 2 for m in pod[1:])
    assert fmt.options["blocking_pairs"].iloc[1] == 0


def test_mentoring_spread_gives_idle_mentors_someone():
    p = _mentoring(4, 6)
    p["capacity"] = [6, 6, 6, 6] + [np.nan] * 6
    plain = _round(p, program="mentoring", mentor_capacity=1, capacity_overrides={"p000": 6})
    spread = _round(p, program="mentoring", mentor_spread=1.0)
    assert spread.format.mentoring.mentors_used == 4
    assert spread.format.mentoring.mentors_used >= plain.format.mentoring.mentors_used
    curve = spread.format.curve()
    assert curve["mentors_used"].max() == 4 and curve["exact"].all()
    assert list(curve["total_fit"]) == sorted(curve["total_fit"], reverse=True)
