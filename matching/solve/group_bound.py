"""Proven upper bound for groups of 3-4: an LP over "placed together" pairs, priced over every allowed pair.

Pairs placed together form a graph where each person has one fewer neighbour than their group size.
The LP over "together" variables with those degrees and the planned number of pairs, tightened by
violated triangle inequalities (``x_ij + x_ik - x_jk <= 1``: together with two group-mates means those
two are together), is solved on candidate pairs; its duals, repaired to cover every allowed pair
(weak duality), bound every grouping with the plan, whatever the LP's own columns were.
"""

from __future__ import annotations

import itertools
import math
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity, vstack

_CAND_K = 12              # LP candidate partners per person before pricing
_CUT_ROUNDS = 12


def _coef(size: int) -> float:
    return 2.0 / (size - 1)


def lp_bound(S: np.ndarray, A: np.ndarray, people, plan: dict[int, int], g: int, fairness: float,
             deadline: float, k: int = _CAND_K, start=()) -> tuple[float, int]:
    """A proven upper bound on ``sum(size * mean) + fairness * lowest mean`` over partitions with ``plan``.

    Returns the bound and the number of LP solves. The bound is valid whenever it returns: it
    comes from dual values repaired to cover every allowed pair (weak duality), not from the
    LP's own columns. ``start`` (groups, in original indices) seeds the LP's columns with their
    pairs, so its duals start from a good grouping.
    """
    people = np.asarray(people, dtype=int)
    n = people.size
    if n < 2 or not plan:
        return 0.0, 0
    Sp, Ap = S[np.ix_(people, people)], A[np.ix_(people, people)]
    # One main size (the chosen one when planned) and at most one off size with its own pair variables.
    main = g if g in plan else max(plan, key=plan.get)
    offs = [sz for sz in plan if sz != main]
    shape = (main, plan[main], offs[0] if offs else 0, plan[offs[0]] if offs else 0)
    W = np.where(Ap, Sp, -np.inf)
    kk = min(k, n - 1)
    top = np.argpartition(-W, kk - 1, axis=1)[:, :kk]
    I = np.repeat(np.arange(n), kk)
    J = top.ravel()
    keep = Ap[I, J]
    cand = np.minimum(I, J)[keep] * n + np.maximum(I, J)[keep]
    local = np.full(S.shape[0], -1)
    local[people] = np.arange(n)
    seeded = [(min(a, b) * n + max(a, b)) for gr in start for a, b in itertools.combinations(local[list(gr)], 2)
              if a >= 0 and b >= 0]
    cand = np.unique(np.concatenate([cand, np.array(seeded, dtype=np.int64)]))
    sizes_of_start = {}
    for gr in start:
        sizes_of_start[len(gr)] = sizes_of_start.get(len(gr), 0) + 1
    exact = sizes_of_start == plan and all(local[i] >= 0 for gr in start for i in gr)
    cuts: list[tuple[int, int, int, int]] = []   # (a, b, c, kind): x_ab + x_ac - x_bc <= 1; kind 0 if bc allowed
    best = math.inf
    solves = 0
    for _ in range(_CUT_ROUNDS + 1):
        if time.perf_counter() > deadline and solves:
            break
        res = _bound_lp(Sp, Ap, cand, cuts, shape, max(deadline - time.perf_counter(), 1.0), exact)
        solves += 1
        if res is None:
            break
        bound, x, rc_dense = res
        best = min(best, bound)
        # Columns: allowed pairs whose reduced cost is positive (a few per person).
        add = _top_positive(rc_dense, n, cand, per=5)
        new_cuts = _violated_triangles(n, cand, x, Ap, set(cuts))
        if add.size == 0 and not new_cuts:
            break
        cut_pairs = [min(b, cc) * n + max(b, cc) for a, b, cc in new_cuts if Ap[b, cc]]
        cuts.extend((a, b, cc, 0 if Ap[b, cc] else 1) for a, b, cc in new_cuts)
        cand = np.union1d(cand, np.concatenate([add, np.array(cut_pairs, dtype=np.int64)]))
    if not math.isfinite(best):
        # Fallback: the objective is each person's mean fit with their group-mates, summed; no one
        # can beat the mean of their own best possible partners.
        srt = np.sort(np.where(Ap, Sp, -np.inf), axis=1)[:, ::-1]
        per = np.max([np.where(np.isfinite(srt[:, s - 2]), srt[:, : s - 1].mean(axis=1), -np.inf) for s in plan], axis=0)
        return float(per[np.isfinite(per)].sum()) + fairness * _low_bound(Sp, Ap, plan), solves
    return best + fairness * _low_bound(Sp, Ap, plan), solves


def _low_bound(Sp: np.ndarray, Ap: np.ndarray, plan: dict[int, int]) -> float:
    """Upper bound on the lowest group mean: the worst-off person's best conceivable group."""
    srt = np.sort(np.where(Ap, Sp, -np.inf), axis=1)[:, ::-1]
    smax = float(np.where(Ap, Sp, -np.inf).max(initial=0.0))
    best = np.full(Sp.shape[0], -np.inf)
    for s in plan:
        own = srt[:, : s - 1].sum(axis=1)
        pairs = s * (s - 1) / 2
        best = np.maximum(best, (own + (pairs - (s - 1)) * smax) / pairs)
    finite = best[np.isfinite(best)]
    return float(finite.min()) if finite.size else 0.0


def _bound_lp(Sp, Ap, cand, cuts, shape, seconds, exact=False):
    """LP over candidate pairs; returns a dense bound (duals repaired over every allowed pair), x, reduced costs.

    Columns: ``x`` (pair together in a main-size group), ``y`` (together in an off-size group) and
    ``o_i`` (person i is in an off-size group), when the plan has one. Rows: main degree
    ``sum_j x_ij + (g-1) o_i <= g-1``, off degree ``sum_j y_ij - (s-1) o_i <= 0``, pair counts,
    ``sum o = s * n_off``, and the triangle cuts on ``x``. Every grouping with the plan satisfies them.
    """
    g, n_g, s_off, n_off = shape
    n = Sp.shape[0]
    I, J = np.divmod(cand, n)
    E = cand.size
    pos = {int(k): e for e, k in enumerate(cand)}
    ar = np.arange(E)
    deg = coo_matrix((np.ones(2 * E), (np.concatenate([I, J]), np.concatenate([ar, ar]))), shape=(n, E)).tocsr()
    off = n_off > 0
    n_cols = E + (E + n if off else 0)
    rows, cols, vals = [], [], []
    for r, (a, b, cc, _) in enumerate(cuts):
        for (u, v), coef in (((a, b), 1.0), ((a, cc), 1.0), ((b, cc), -1.0)):
            key = min(u, v) * n + max(u, v)
            if key in pos:
                rows.append(r)
                cols.append(pos[key])
                vals.append(coef)
    A_cut = csr_matrix((vals, (rows, cols)), shape=(len(cuts), n_cols))
    zE, zn = csr_matrix((n, E)), csr_matrix((n, n))
    ones_E = csr_matrix(np.ones((1, E)))
    if off:
        eye = identity(n, format="csr")
        blocks = [hstack([deg, zE, eye * (g - 1.0)]),                 # main degree
                  hstack([zE, deg, eye * -(s_off - 1.0)]),            # off degree
                  hstack([ones_E, csr_matrix((1, E)), csr_matrix((1, n))]),
                  hstack([csr_matrix((1, E)), ones_E, csr_matrix((1, n))]),
                  hstack([csr_matrix((1, 2 * E)), csr_matrix(np.ones((1, n)))]),
                  hstack([csr_matrix((1, 2 * E)), csr_matrix(-np.ones((1, n)))])]
        b_ub = [np.full(n, g - 1.0), np.zeros(n), [n_g * g * (g - 1) / 2], [n_off * s_off * (s_off - 1) / 2],
                [float(s_off * n_off)], [-float(s_off * n_off)]]
        cost = np.concatenate([_coef(g) * Sp[I, J], _coef(s_off) * Sp[I, J], np.zeros(n)])
    else:
        blocks = [deg, ones_E]
        b_ub = [np.full(n, g - 1.0), [n_g * g * (g - 1) / 2]]
        cost = _coef(g) * Sp[I, J]
    if exact:
        # Everyone has exactly (own group size - 1) group-mates: the degree rows are equalities (the
        # starting grouping's pairs are among the columns, so the LP stays feasible).
        n_deg = 2 * n if off else n
        A_all = vstack(blocks + [A_cut]).tocsr()
        b_all = np.concatenate([np.asarray(v, dtype=float) for v in b_ub] + [np.ones(len(cuts))])
        A_eq, b_eq, A_ub, b_ub = A_all[:n_deg], b_all[:n_deg], A_all[n_deg:], b_all[n_deg:]
    else:
        A_ub = vstack(blocks + [A_cut]).tocsr()
        b_ub = np.concatenate([np.asarray(v, dtype=float) for v in b_ub] + [np.ones(len(cuts))])
        A_eq, b_eq = None, None
    res = linprog(-cost, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=(0, 1), method="highs-ipm",
                  options={"time_limit": float(seconds)})
    if res.status != 0:
        return None
    y = np.maximum(-np.asarray(res.ineqlin.marginals), 0.0)
    if exact:
        # Equality duals are free; stack them first so the row order matches the blocks above.
        y = np.concatenate([-np.asarray(res.eqlin.marginals), y])
        A_ub = vstack([A_eq, A_ub]).tocsr()
        b_ub = np.concatenate([b_eq, b_ub])
    rc_all = cost - (A_ub.T @ y)
    iu = np.triu_indices(n, 1)

    def dense(coef, u, pi, rc_cand):
        rc = np.where(Ap, coef * Sp - u[:, None] - u[None, :] - pi, -np.inf)
        rc[I, J] = rc_cand          # candidate pairs also carry their cut duals
        rc[J, I] = rc_cand
        return rc

    rc_x = dense(_coef(g), y[:n], float(y[2 * n] if off else y[n]), rc_all[:E])
    parts = [rc_x]
    if off:
        parts.append(dense(_coef(s_off), y[n:2 * n], float(y[2 * n + 1]), rc_all[E:2 * E]))
    bound = float(b_ub @ y)
    for rc in parts:
        upper = rc[iu]
        bound += float(np.maximum(upper[np.isfinite(upper)], 0.0).sum())
    if off:
        bound += float(np.maximum(rc_all[2 * E:], 0.0).sum())
    pricing = parts[0] if len(parts) == 1 else np.maximum(parts[0], parts[1])
    return bound, np.asarray(res.x[:E]), pricing


def _top_positive(rc_dense: np.ndarray, n: int, cand: np.ndarray, per: int) -> np.ndarray:
    """Each person's ``per`` non-candidate pairs with the highest positive reduced cost (flat keys i * n + j, i < j)."""
    rc = rc_dense.copy()
    I, J = np.divmod(cand, n)
    rc[I, J] = rc[J, I] = -np.inf
    np.fill_diagonal(rc, -np.inf)
    kk = min(per, n - 1)
    if kk < 1:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-rc, kk - 1, axis=1)[:, :kk]
    rows = np.repeat(np.arange(n), kk)
    cols = top.ravel()
    hit = rc[rows, cols] > 1e-9
    a, b = rows[hit], cols[hit]
    return np.unique(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))


def _violated_triangles(n, cand, x, Ap, seen) -> list[tuple[int, int, int]]:
    """Triangles with x_ab + x_ac - x_bc > 1 on the LP's support (a is the shared person)."""
    I, J = np.divmod(cand, n)
    on = x > 1e-6
    val = {(int(i), int(j)): float(v) for i, j, v in zip(I[on], J[on], x[on])}
    nbrs: dict[int, list[tuple[int, float]]] = {}
    for (i, j), v in val.items():
        nbrs.setdefault(i, []).append((j, v))
        nbrs.setdefault(j, []).append((i, v))
    known = {(a, b, cc) for a, b, cc, _ in seen}
    out = []
    for a, lst in nbrs.items():
        for (b, vb), (cc, vc) in itertools.combinations(lst, 2):
            if vb + vc <= 1 + 1e-6:
                continue
            b, cc = min(b, cc), max(b, cc)
            vbc = val.get((b, cc), 0.0)
            if vb + vc - vbc > 1 + 1e-6 and (a, b, cc) not in known:
                out.append((a, b, cc))
                known.add((a, b, cc))
    return out
