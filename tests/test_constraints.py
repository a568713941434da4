import numpy as np
import pandas as pd
import pytest

from conftest import make_participants
from matching.intake.taxonomy import SIMILAR_ROLE_THRESHOLD, role_affinity
from matching.settings import Settings
from matching.solve import solve_pairs
from matching.solve.rules import (build_constraints, mutual_rank, objective_matrix, program_is_two_sided,
                                  unmet_similar_role)


def test_history_window_is_hard_and_older_meetings_are_soft(participants):
    hist = pd.DataFrame({"round": [1, 3, 3], "a": ["p000", "p002", "PERSON4@example.org"], "b": ["p001", "p003", "p005"]})
    s = Settings(repeat_rounds=1, repeat_penalty=0.4)
    cons = build_constraints(participants, s, hist)
    h = cons.forbidden["history"]
    assert h[2, 3] and h[3, 2] and h[4, 5]           # round 3 is the latest: met 1 round ago
    assert not h[0, 1] and cons.rounds_since[0, 1] == 3  # round 1 is outside a 1-round window
    score = np.full((12, 12), 0.5)
    w = objective_matrix(score, participants, s, cons)
    assert w[0, 1] == 0.5 - 0.4 * 0.5 ** (3 - 1 - 1)
    assert w[0, 2] == 0.5


def test_similar_role_request_forbids_dissimilar_roles(participants):
    p = participants.copy()
    p.loc[0, "similar_role_required"] = True  # ML Engineer
    cons = build_constraints(p, Settings(similar_role_mode="hard"))
    f = cons.forbidden["similar_role"]
    roles = p["role"].tolist()
    assert not f[0, 6]          # another ML Engineer
    assert not f[0, 1]          # Data Scientist counts as similar
    assert f[0, roles.index("Founder")]
    assert not f[1, 3]          # nobody else asked


def test_blocked_and_locked_ids_become_indices_and_unknown_ids_are_reported(participants):
    s = Settings(blocked=(("p000", "p001"),), locked=(("p002", "p003"), ("p004", "ghost")))
    cons = build_constraints(participants, s)
    assert cons.forbidden["blocked"][0, 1] and cons.forbidden["blocked"][1, 0]
    assert cons.locked == [(2, 3)]
    assert len(cons.issues) == 1 and "not in this survey" in cons.issues[0].message


def test_two_sided_program_detected_and_sides_constrained(participants):
    p = participants.copy()
    p["side"] = ["mentor"] * 4 + ["mentee"] * 8
    p["capacity"] = [2, 2, 3, 1] + [1] * 8
    assert program_is_two_sided(p, Settings())
    assert not program_is_two_sided(p, Settings(program="peer"))
    cons = build_constraints(p, Settings())
    assert cons.two_sided and cons.forbidden["sides"][0, 1] and not cons.forbidden["sides"][0, 5]
    assert cons.capacity.tolist()[:5] == [2, 2, 3, 1, 1]


def test_stage_mixing_moves_same_stage_pairs(participants):
    cons = build_constraints(participants, Settings())
    score = np.full((12, 12), 0.5)
    st = participants["stage_ordinal"].to_numpy()
    i, j = next((i, j) for i in range(12) for j in range(i + 1, 12) if st[i] == st[j])
    mix = objective_matrix(score, participants, Settings(stage_mixing=1.0), cons)
    same = objective_matrix(score, participants, Settings(stage_mixing=-1.0), cons)
    assert mix[i, j] < 0.5 < same[i, j]


def test_mutual_rank_is_symmetric_and_rewards_mutual_favourites():
    s = np.array([[0, .9, .1, .2], [.9, 0, .3, .2], [.1, .3, 0, .8], [.2, .2, .8, 0]])
    r = mutual_rank(s)
    assert np.allclose(r, r.T)
    assert r[0, 1] == r.max() and r[2, 3] == r.max()


# --- similar-role modes and the open role vocabulary (issue 7, finding 2) ------------------------------
def solve_round(p, settings, seed=0):
    """Constraints, objective and pairing of a round on random scores (no text needed)."""
    rng = np.random.default_rng(seed)
    n = len(p)
    score = rng.uniform(0.2, 0.8, size=(n, n))
    score = (score + score.T) / 2
    np.fill_diagonal(score, 0.0)
    cons = build_constraints(p, settings)
    w = objective_matrix(score, p, settings, cons)
    sol = solve_pairs(w, quality=score, forbidden=cons.forbidden, backup_last=cons.similar_role_unmet)
    return cons, sol


def partner_of(sol, i):
    return next((g for g in sol.groups if i in g), None)


def test_role_affinity_keeps_free_text_roles_apart_from_other():
    roles = ["Prompt Designer", "prompt  designer", "Prompt Engineer", "Product Designer", "ML Engineer",
             "Data Scientist", "Other", "Other"]
    a = role_affinity(roles, "peer")
    assert a.shape == (8, 8) and np.allclose(a, a.T)
    assert a[0, 1] == 1.0                                   # the same label, case and spacing aside
    assert a[0, 2] > a[0, 4] and a[0, 2] < SIMILAR_ROLE_THRESHOLD  # similar names, not the same role
    assert a[4, 5] == 0.75                                  # known roles keep the editable table
    assert a[6, 7] == 0.6 and a[0, 6] == 0.2                # "Other" is not a role of its own
    assert role_affinity(roles, "complement")[0, 1] == 0.5  # same role: the complement table's diagonal


@pytest.mark.parametrize("label, count", [("Prompt Designer", 2), ("Product Designer", 4)])
@pytest.mark.parametrize("mode", ["hard", "fallback"])
def test_people_with_the_same_free_text_role_asking_for_a_similar_role_meet(label, count, mode):
    # Issue 7: free-text roles used to collapse into "Other", "Other"-"Other" is not similar, and
    # every one of them was left unmatched under the hard rule.
    p = make_participants(12)
    for i in range(count):
        p.loc[i, ["role", "role_raw", "similar_role_required"]] = [label, label, True]
    cons, sol = solve_round(p, Settings(similar_role_mode=mode))
    assert sol.unmatched == []
    for i in range(count):
        assert all(p.loc[j, "role"] == label for j in partner_of(sol, i))
        assert unmet_similar_role(cons, partner_of(sol, i)) == []


def test_fallback_pairs_a_requester_without_a_similar_role_with_the_closest_role_and_says_so():
    p = make_participants(12)
    p.loc[0, ["role", "role_raw", "similar_role_required"]] = ["Prompt Designer", "Prompt Designer", True]
    p.loc[1, ["role", "role_raw"]] = ["Prompt Engineer", "Prompt Engineer"]  # the closest name in the round
    hard, hard_sol = solve_round(p, Settings(similar_role_mode="hard"))
    assert [(u.index, u.code) for u in hard_sol.unmatched] == [(0, "no_allowed_partner")]  # hard: nobody fits
    assert hard.forbidden["similar_role"][0].sum() == 11
    cons, sol = solve_round(p, Settings())  # the default: hard unless impossible
    assert "similar_role" not in cons.forbidden or not cons.forbidden["similar_role"].any()
    assert sol.unmatched == []
    assert partner_of(sol, 0) == (0, 1)
    assert unmet_similar_role(cons, (0, 1)) == [0]
    soft, soft_sol = solve_round(p, Settings(similar_role_mode="soft"))
    assert soft_sol.unmatched == []


def test_fallback_meets_every_request_it_can_without_costing_a_match():
    # Requests that can all be met are met exactly as under the hard rule; everyone is matched.
    p = make_participants(20, seed=3)
    p.loc[[0, 2, 5, 7], "similar_role_required"] = True
    hard, hard_sol = solve_round(p, Settings(similar_role_mode="hard"), seed=3)
    cons, sol = solve_round(p, Settings(), seed=3)
    assert hard_sol.unmatched == [] and sol.unmatched == []
    assert all(unmet_similar_role(cons, g) == [] for g in sol.groups)
    assert sol.groups == hard_sol.groups
    for i in (0, 2, 5, 7):  # backups: the similar roles the hard rule offers first, then the fallback
        kept = len(hard_sol.backups[i])
        assert sol.backups[i][:kept] == hard_sol.backups[i] and all(cons.similar[i, j] for j in sol.backups[i][:kept])
        assert not any(cons.similar[i, j] for j in sol.backups[i][kept:])


def test_fallback_backups_fall_back_too():
    p = make_participants(12)
    p.loc[0, ["role", "role_raw", "similar_role_required"]] = ["Prompt Designer", "Prompt Designer", True]
    hard, hard_sol = solve_round(p, Settings(similar_role_mode="hard"))
    cons, sol = solve_round(p, Settings())
    assert hard_sol.backups[0] == [] and len(sol.backups[0]) == 2


def test_soft_mode_is_a_bonus_and_never_a_rule():
    p = make_participants(12)
    p.loc[0, "similar_role_required"] = True
    cons = build_constraints(p, Settings(similar_role_mode="soft"))
    assert not cons.forbidden["similar_role"].any()
    score = np.full((12, 12), 0.5)
    np.fill_diagonal(score, 0.0)
    w = objective_matrix(score, p, Settings(similar_role_mode="soft", repeat_penalty=0.0), cons)
    assert w[0, 6] > w[0, 3] == 0.5     # another ML Engineer gains; a Founder is not penalised
