"""Mentoring: capacities, exactness, spread, preferences, stability and true reasons."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from scipy.optimize import linear_sum_assignment

from matching.issues import InputError
from matching.solve.mentoring import compare_options, match_preferred, solve_mentoring, tradeoff_curve
from matching.solve.stable import blocking_pairs, deferred_acceptance


def _instance(n_e, n_m, seed, p_forbid=0.0, cap_hi=3):
    rng = np.random.default_rng(seed)
    s = rng.random((n_e, n_m))
    forbid = rng.random((n_e, n_m)) < p_forbid
    cap = rng.integers(1, cap_hi + 1, n_m)
    return s, {"rule": forbid}, cap


def _brute_blocking(mentor_of, pe, pm, allowed, cap):
    """Blocking pairs straight from the definition, one pair at a time."""
    out = []
    n_e, n_m = pe.shape
    for e, m in itertools.product(range(n_e), range(n_m)):
        if not allowed[e, m] or mentor_of[e] == m:
            continue
        mentee_prefers = mentor_of[e] < 0 or pe[e, m] > pe[e, mentor_of[e]]
        mine = [x for x in range(n_e) if mentor_of[x] == m]
        mentor_prefers = len(mine) < cap[m] or any(pm[m, e] > pm[m, x] for x in mine)
        if mentee_prefers and mentor_prefers:
            out.append((e, m))
    return sorted(out)


@pytest.mark.parametrize("seed", range(4))
def test_capacity_one_equals_linear_sum_assignment(seed):
    rng = np.random.default_rng(seed)
    s = rng.random((15, 11))
    res = solve_mentoring(s, capacity=np.ones(11, int))
    rows, cols = linear_sum_assignment(s, maximize=True)
    assert res.total_fit == pytest.approx(s[rows, cols].sum(), abs=1e-9)
    assert res.optimal and res.gap <= 1e-9
    assert res.status == "Optimal" and res.sol_status == "Optimal Solution Found"


def test_pricing_proves_the_dense_optimum_with_few_candidates():
    rng = np.random.default_rng(5)
    s = rng.random((60, 20)) * 0.5 + rng.random((1, 20)) * 0.5   # popular mentors: top-k lists overlap
    res = solve_mentoring(s, capacity=np.full(20, 2), k=2)
    rows, cols = linear_sum_assignment(np.repeat(s, 2, axis=1), maximize=True)
    assert res.total_fit == pytest.approx(np.repeat(s, 2, axis=1)[rows, cols].sum(), abs=1e-9)
    assert res.optimal


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n_e=st.integers(1, 25), n_m=st.integers(1, 8), seed=st.integers(0, 10_000),
       p=st.sampled_from([0.0, 0.3, 0.7]), spread=st.sampled_from([0.0, 0.5, 1.0]),
       method=st.sampled_from(["max_weight", "stable"]))
def test_capacities_hold_and_everyone_is_placed_or_explained(n_e, n_m, seed, p, spread, method):
    s, forb, cap = _instance(n_e, n_m, seed, p)
    cap[0] = 0 if n_m > 1 else cap[0]
    res = solve_mentoring(s, forbidden=forb, capacity=cap, spread=spread, method=method, time_limit=10)
    assert (res.loads <= cap).all()
    placed = res.mentor_of >= 0
    assert not forb["rule"][np.flatnonzero(placed), res.mentor_of[placed]].any()
    if method == "max_weight":
        assert res.placed == res.max_placed, "fewer mentees placed than the rules allow"
    else:
        assert res.blocking == 0 and res.placed <= res.max_placed
    explained = {u.mentee for u in res.unplaced}
    assert explained == set(np.flatnonzero(~placed).tolist())
    allowed = ~forb["rule"]
    for u in res.unplaced:
        if u.code == "no_allowed_mentor":
            assert not allowed[u.mentee].any() or (cap[allowed[u.mentee]] == 0).all() or not u.allowed_mentors
        else:
            assert u.code == "mentors_full"
            assert all(res.loads[m] >= cap[m] for m in u.allowed_mentors)
        if u.closest_open is not None:
            assert res.loads[u.closest_open] < cap[u.closest_open] and not allowed[u.mentee, u.closest_open]
        text = u.text([f"E{i}" for i in range(n_e)], [f"M{i}" for i in range(n_m)], s)
        assert f"E{u.mentee} has no mentor" in text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n_e=st.integers(1, 12), n_m=st.integers(1, 5), seed=st.integers(0, 10_000), p=st.sampled_from([0.0, 0.3]))
def test_stable_option_has_no_blocking_pair_by_brute_force(n_e, n_m, seed, p):
    s, forb, cap = _instance(n_e, n_m, seed, p)
    rng = np.random.default_rng(seed + 1)
    pm = rng.random((n_m, n_e))          # mentors rank by their own scores
    res = solve_mentoring(s, forbidden=forb, capacity=cap, pref_mentor=pm, method="stable")
    assert _brute_blocking(res.mentor_of, s, pm, ~forb["rule"], cap) == []
    assert res.blocking == 0
    best = solve_mentoring(s, forbidden=forb, capacity=cap, pref_mentor=pm)
    assert best.blocking == len(_brute_blocking(best.mentor_of, s, pm, ~forb["rule"], cap))
    assert best.total_fit >= res.total_fit - 1e-9


def test_deferred_acceptance_is_the_mentee_optimal_stable_matching():
    # Brute force over every capacity-respecting assignment: ours is stable, and every mentee gets
    # the best mentor they hold in ANY stable matching (the defining property of mentee-optimal DA).
    import itertools

    for seed in range(5):
        rng = np.random.default_rng(seed)
        n_e, n_m = 6, 3
        pe, pm = rng.random((n_e, n_m)), rng.random((n_m, n_e))
        allowed = rng.random((n_e, n_m)) > 0.2
        cap = rng.integers(1, 3, n_m)
        ours = deferred_acceptance(pe, pm, allowed, cap)
        assert len(blocking_pairs(ours, pe, pm, allowed, cap)) == 0
        options = [[-1] + [m for m in range(n_m) if allowed[e, m]] for e in range(n_e)]
        stable = []
        for combo in itertools.product(*options):
            a = np.array(combo)
            if all((a == m).sum() <= cap[m] for m in range(n_m)) and len(blocking_pairs(a, pe, pm, allowed, cap)) == 0:
                stable.append(a)
        assert stable
        value = lambda e, m: -1.0 if m < 0 else pe[e, m]  # noqa: E731
        for e in range(n_e):
            assert value(e, ours[e]) >= max(value(e, a[e]) for a in stable) - 1e-12


def test_spread_gives_every_mentor_someone_before_seconds():
    # Mentor 0 is everyone's favourite and could take all four mentees.
    s = np.array([[0.9, 0.5, 0.4], [0.9, 0.4, 0.5], [0.8, 0.3, 0.3], [0.8, 0.35, 0.2]])
    cap = np.array([4, 2, 2])
    most = solve_mentoring(s, capacity=cap)
    assert most.mentors_used == 1 and most.optimal
    spread = solve_mentoring(s, capacity=cap, spread=1.0)
    assert spread.mentors_used == 3 and spread.optimal
    assert spread.total_fit < most.total_fit
    curve = tradeoff_curve(s, capacity=cap)
    used = [p["mentors_used"] for p in curve]
    fits = [p["total_fit"] for p in curve]
    assert used[0] == 1 and used[-1] == 3 and all(p["exact"] for p in curve)
    assert fits == sorted(fits, reverse=True)
    assert fits[0] == pytest.approx(most.total_fit) and fits[-1] == pytest.approx(spread.total_fit)


def test_minimum_per_mentor_when_places_allow_and_dropped_when_not():
    s = np.array([[0.9, 0.1], [0.9, 0.2], [0.8, 0.1]])
    res = solve_mentoring(s, capacity=np.array([3, 3]), min_load=1)
    assert res.loads.min() >= 1 and not res.messages
    forb = {"rule": np.array([[False, True], [False, True], [False, True]])}
    res = solve_mentoring(s, forbidden=forb, capacity=np.array([3, 3]), min_load=1)
    assert res.loads.tolist() == [3, 0] and any("minimum" in m for m in res.messages)


def test_preferred_mentors_bonus_and_hard_choice():
    s = np.array([[0.9, 0.5], [0.9, 0.6]])
    cap = np.array([1, 1])
    pref = [[1], []]
    plain = solve_mentoring(s, capacity=cap)
    hard = solve_mentoring(s, capacity=cap, preferred=pref, preferred_mode="hard")
    bonus = solve_mentoring(s, capacity=cap, preferred=pref, preferred_mode="bonus", preferred_bonus=0.2)
    assert plain.mentor_of.tolist() == [0, 1]          # 0.9 + 0.6 beats 0.5 + 0.9
    assert hard.mentor_of.tolist() == [1, 0]           # mentee 0 named only mentor 1
    assert bonus.mentor_of.tolist() == [1, 0]          # 0.5 + 0.2 + 0.9 beats 1.5
    assert bonus.total_fit == pytest.approx(1.4)       # the fit shown excludes the bonus
    small = solve_mentoring(s, capacity=cap, preferred=pref, preferred_mode="bonus", preferred_bonus=0.05)
    assert small.mentor_of.tolist() == [0, 1]


def test_match_preferred_names_ids_emails_and_reports_every_miss():
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Alan Turing"]
    picks, issues = match_preferred(
        ["ada lovelace; g.hopper@navy.mil", "  GRACE  hopper , Nobody Here", "", "Alan Turing", "m2 and Ada  Lovelace"],
        names, mentor_ids=["m1", "m2", "m3", "m4"], mentor_emails=["", "g.hopper@navy.mil", "", ""],
        rows=[2, 3, 4, 5, 6], column="Preferred mentors")
    assert picks == [[0, 1], [1], [], [], [1, 0]]
    texts = [i.message for i in issues]
    assert any("Nobody Here" in t for t in texts) and any("matches 2 mentors" in t for t in texts)
    assert {i.row for i in issues} == {3, 5} and all(i.column == "Preferred mentors" for i in issues)


def test_unplaced_reason_names_full_mentors_and_closest_open_one():
    s = np.array([[0.9, 0.41], [0.8, 0.2], [0.7, 0.3]])
    forb = {"track": np.array([[False, True], [False, True], [False, True]])}
    res = solve_mentoring(s, forbidden=forb, capacity=np.array([2, 1]))
    (u,) = res.unplaced
    assert u.code == "mentors_full" and u.allowed_mentors == (0,) and u.closest_open == 1
    text = u.text(["Eve", "Fay", "Gus"], ["Mo", "Ned"], s, {"track": "a different track"})
    assert "the only mentor they may meet (Mo) is full" in text
    assert "closest mentor with room is Ned" in text and "a different track" in text
    assert "Raise Mo's capacity" in text


def test_compare_options_table():
    s, forb, cap = _instance(30, 8, 3, 0.2)
    best, stable, rows = compare_options(s, forbidden=forb, capacity=cap)
    assert [r["option"] for r in rows] == ["most total fit", "stable (mentee-optimal)"]
    assert rows[0]["total_fit"] >= rows[1]["total_fit"] - 1e-9 and rows[1]["blocking_pairs"] == 0
    assert rows[0]["blocking_pairs"] == best.blocking


def test_bad_arguments_are_reported_together():
    with pytest.raises(InputError) as err:
        solve_mentoring(np.zeros((3, 2)), capacity=[1, -1], spread=2, preferred_mode="maybe", time_limit=0)
    text = str(err.value)
    for name in ("capacity", "mentor_spread", "preferred_mode", "time_limit"):
        assert name in text


@pytest.mark.parametrize("shape", [(3, 0), (0, 2), (0, 0)])
@pytest.mark.parametrize("method", ["max_weight", "stable"])
def test_no_mentors_or_no_mentees_is_not_an_error(shape, method):
    res = solve_mentoring(np.zeros(shape), capacity=np.ones(shape[1], int), method=method, spread=1.0)
    assert res.placed == 0 and len(res.unplaced) == shape[0]
    assert all(u.code == "no_allowed_mentor" for u in res.unplaced)
    assert tradeoff_curve(np.zeros(shape), capacity=np.ones(shape[1], int))[0]["mentors_used"] == 0
