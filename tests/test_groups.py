"""Peer groups of 3-4: sizes, rules inside every group, exactness on small cases, honest bounds."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from matching.issues import InputError
from matching.solve.groups import evaluate, plan_sizes, solve_groups


def _instance(n, seed, p_forbid=0.0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, n))
    s = (x + x.T) / 2
    np.fill_diagonal(s, 0)
    forbid = np.triu(rng.random((n, n)) < p_forbid, 1)
    allowed = ~(forbid | forbid.T)
    np.fill_diagonal(allowed, False)
    return s, allowed


def _partitions(people, sizes):
    """Every way to split ``people`` into groups with exactly the multiset ``sizes``."""
    if not people:
        yield []
        return
    first, rest = people[0], people[1:]
    for size in sorted(set(sizes)):
        left = list(sizes)
        left.remove(size)
        for mates in itertools.combinations(rest, size - 1):
            remaining = [p for p in rest if p not in mates]
            for tail in _partitions(remaining, left):
                yield [(first, *mates)] + tail


def _brute(score, allowed, plan, fairness=0.0):
    sizes = [s for s, c in plan.items() for _ in range(c)]
    best = -math.inf
    for part in _partitions(list(range(len(score))), sizes):
        if all(allowed[a, b] for g in part for a, b in itertools.combinations(g, 2)):
            best = max(best, evaluate(score, part, fairness)[0])
    return best


def _check_partition(res, n, allowed, group_size):
    members = [i for g in res.groups for i in g]
    assert len(members) == len(set(members)), "someone is in two groups"
    assert sorted(members + list(res.unplaced)) == list(range(n)), "someone is missing"
    forced = any("rules" in m for m in res.messages)  # the rules left no grouping of the planned sizes
    for g in res.groups:
        assert group_size - 1 <= len(g) <= group_size + 1 or len(g) == n - len(res.unplaced) or \
            (forced and 2 <= len(g) <= group_size + 1)
        for a, b in itertools.combinations(g, 2):
            assert allowed[a, b], f"forbidden pair {a},{b} share a group"


def test_plan_sizes_within_one_and_cover_everyone():
    for g in (3, 4):
        for n in range(2, 60):
            plan = plan_sizes(n, g)
            assert sum(s * c for s, c in plan.items()) == n
            if n > g + 1:
                assert all(abs(s - g) <= 1 for s in plan), (n, g, plan)
                assert sum(c for s, c in plan.items() if s != g) < g


@pytest.mark.parametrize("g,n,seed,p", [(3, 9, 0, 0.0), (3, 12, 1, 0.3), (4, 12, 2, 0.2), (4, 10, 3, 0.15),
                                        (3, 10, 4, 0.1), (4, 9, 5, 0.0)])
def test_exact_equals_exhaustive_search(g, n, seed, p):
    s, allowed = _instance(n, seed, p)
    res = solve_groups(s, allowed, g)
    best = _brute(s, allowed, plan_sizes(n, g))
    assert res.method == "exact" and res.optimal
    assert res.objective == pytest.approx(best, abs=1e-9)
    assert res.status == "Optimal" and res.sol_status == "Optimal Solution Found"
    _check_partition(res, n, allowed, g)


@pytest.mark.parametrize("g,n,seed", [(3, 9, 7), (4, 12, 8), (3, 10, 9)])
def test_exact_fairness_matches_exhaustive(g, n, seed):
    s, allowed = _instance(n, seed)
    res = solve_groups(s, allowed, g, fairness=3.0)
    assert res.objective == pytest.approx(_brute(s, allowed, plan_sizes(n, g), 3.0), abs=1e-9)
    assert res.objective == pytest.approx(res.total_fit + 3.0 * res.lowest)


@pytest.mark.parametrize("g,n,seed,p", [(3, 10, 11, 0.0), (4, 12, 12, 0.1), (3, 9, 13, 0.1), (4, 11, 14, 0.1)])
def test_heuristic_bound_covers_the_true_optimum(g, n, seed, p):
    s, allowed = _instance(n, seed, p)
    res = solve_groups(s, allowed, g, method="heuristic", max_restarts=3)
    assert res.method == "heuristic" and not res.optimal and res.status == "Heuristic"
    _check_partition(res, n, allowed, g)
    plan = {}
    for grp in res.groups:
        plan[len(grp)] = plan.get(len(grp), 0) + 1
    best = _brute(s, allowed, plan)   # the bound is stated for the sizes the heuristic used
    assert res.objective <= best + 1e-9
    assert res.upper_bound >= best - 1e-7, "the 'proven' bound is below the true optimum"
    assert res.objective >= (1 - res.gap) * res.upper_bound - 1e-9


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 40), g=st.sampled_from([3, 4]), seed=st.integers(0, 10_000),
       p=st.sampled_from([0.0, 0.1, 0.3]), method=st.sampled_from(["auto", "heuristic"]))
def test_everyone_once_sizes_and_rules_hold(n, g, seed, p, method):
    s, allowed = _instance(n, seed, p)
    res = solve_groups(s, allowed, g, time_limit=2, seed=seed, method=method, max_restarts=2)
    _check_partition(res, n, allowed, g)
    lonely = set(np.flatnonzero(~allowed.any(axis=1)).tolist())
    assert lonely <= set(res.unplaced)
    if p == 0.0:
        assert not res.unplaced
        assert {len(grp) for grp in res.groups} <= set(plan_sizes(n, g))
    assert res.upper_bound >= res.objective - 1e-7
    if res.method == "heuristic":
        assert not res.optimal and any("heuristic" in m for m in res.messages)


def test_large_round_uses_the_heuristic_and_reports_a_gap():
    rng = np.random.default_rng(3)
    x = rng.random((150, 6))
    s = x @ x.T
    s /= s.max()
    res = solve_groups(s, None, 3, time_limit=8, seed=1)
    assert res.method == "heuristic" and not res.optimal
    assert 0 <= res.gap < 0.2 and res.upper_bound >= res.objective
    _check_partition(res, 150, ~np.eye(150, dtype=bool), 3)
    # Better than the greedy start it grew from.
    again = solve_groups(s, None, 3, time_limit=8, seed=1, max_restarts=1)
    assert res.objective >= again.objective - 1e-9


def test_person_with_no_allowed_mate_is_reported_not_dropped():
    s, allowed = _instance(7, 0)
    allowed[0, :] = allowed[:, 0] = False
    res = solve_groups(s, allowed, 3)
    assert res.unplaced == [0]
    assert sorted(i for g in res.groups for i in g) == list(range(1, 7))


def test_bad_arguments_are_reported_together():
    with pytest.raises(InputError) as err:
        solve_groups(np.zeros((4, 4)), None, 5, fairness=-1, time_limit=0, seed=-2)
    text = str(err.value)
    for name in ("group_size", "fairness", "time_limit", "seed"):
        assert f"'{name}'" in text


def test_large_or_dask_rounds_keep_the_group_size():
    # The block path pairs 1:1 only; a groups round must never be routed there (it would ignore group_size).
    import argparse

    from matching.cli.suggest import wants_blocks
    from matching.settings import Settings
    from tests.conftest import make_participants

    p = make_participants(12)
    args = argparse.Namespace(dask="tcp://127.0.0.1:1")
    assert wants_blocks(args, p, Settings(), None)
    assert not wants_blocks(args, p, Settings(group_size=3), None)
