import numpy as np
import pandas as pd

from matching.settings import Settings
from matching.solve.rules import build_constraints, mutual_rank, objective_matrix, program_is_two_sided


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
    cons = build_constraints(p, Settings())
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
