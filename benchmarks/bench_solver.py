"""Solver benchmark: our solver vs HiGHS/CBC ILPs, networkx's exact blossom and greedy.

Score matrices look like real embedding similarities: unit vectors in 24 dimensions drawn around
8 clusters of uneven size, cosine mapped to [0, 1], plus a little symmetric noise. The side-constraint
table adds survey-shaped scores (templated answers: near-tied groups, rounded to 0.01) with a
similar-role mask, the shape on which the fractional-matching bound is loose.

Prints plain-text tables (``--markdown`` for markdown): medians of repeats measured in this run.
``--quick`` runs N = 100 and 500 only (for CI). The last table times the same synthetic survey round
under default and location-heavy weights (``--only-weights`` prints just that one).

    .venv/bin/python benchmarks/bench_solver.py [--quick] [--markdown] [--only-weights]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.solve import exact_networkx, greedy_pairs, solve_pairs  # noqa: E402


def similarity_scores(n: int, seed: int = 0, dim: int = 24, clusters: int = 8, noise: float = 0.02) -> np.ndarray:
    """Embedding-like N x N scores in [0, 1] with a zero diagonal."""
    rng = np.random.default_rng(seed)
    sizes = rng.dirichlet(np.full(clusters, 2.0))
    centers = rng.normal(size=(clusters, dim))
    labels = rng.choice(clusters, size=n, p=sizes)
    x = 0.8 * centers[labels] + rng.normal(size=(n, dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    s = (x @ x.T + 1) / 2
    e = rng.normal(scale=noise, size=(n, n))
    s = np.clip(s + (e + e.T) / 2, 0.0, 1.0)
    np.fill_diagonal(s, 0.0)
    return s


def templated_scores(n: int, seed: int = 0, share: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Survey-like scores full of near-ties, and a similar-role-style forbidden mask.

    People answer from about n / 6 text templates (as TF-IDF scores of templated answers do), so
    groups of three or more score almost the same with each other: odd cycles of near-equal pairs.
    Scores are rounded to 0.01 (exact ties); ``share`` of the people only meet similar roles.
    """
    rng = np.random.default_rng(seed)
    n_templates = max(n // 6, 2)
    t = rng.integers(n_templates, size=n)
    base = rng.uniform(0.2, 0.6, size=(n_templates, n_templates))
    base = (base + base.T) / 2
    np.fill_diagonal(base, 0.85)
    noise = rng.normal(scale=0.01, size=(n, n))
    s = np.round(base[t][:, t] + (noise + noise.T) / 2, 2)
    np.fill_diagonal(s, 0.0)
    role = rng.integers(6, size=n)
    wants_similar = rng.random(n) < share
    forbid = (wants_similar[:, None] | wants_similar[None, :]) & (np.abs(role[:, None] - role[None, :]) > 1)
    np.fill_diagonal(forbid, False)
    return s, forbid


def timed(fn, repeats: int = 3):
    """Median wall time of ``repeats`` calls, and the last result."""
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def table(rows: list[list[str]], header: list[str], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return "\n".join([fmt.format(*header), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows])


def ilp_cell(n: int, w: np.ndarray, solver: str, max_n: int, time_limit: float) -> str:
    if n > max_n:
        return f"skipped (N>{max_n})"
    t, sol = timed(lambda: solve_pairs(w, solver=solver, time_limit=time_limit), 1)
    return f"{t:.2f}" + ("" if sol.optimal else f" (limit, gap {sol.gap:.1e})")


WEIGHT_PROFILES = {
    "default": {},
    "location 0.75": {"location": 0.75},
    "location only": "only",
}


def weights_table(sizes: list[int], markdown: bool) -> str:
    """Solve time by weights on synthetic survey rounds (TF-IDF text): ties from time-zone buckets."""
    from synthetic import synthetic_participants

    from matching.scoring import combine, compute_signals
    from matching.scoring.embedder import Embedder
    from matching.scoring.text import embed_participants
    from matching.settings import DEFAULT_WEIGHTS, Settings
    from matching.solve.rules import build_constraints, objective_matrix

    rows = []
    for n in sizes:
        p = synthetic_participants(n, seed=n)
        vectors = embed_participants(p, Embedder(kind="tfidf", cache_dir=None))
        base = None
        for name, change in WEIGHT_PROFILES.items():
            w = {k: (1.0 if k == "location" else 0.0) for k in DEFAULT_WEIGHTS} if change == "only" else \
                {**DEFAULT_WEIGHTS, **change}
            settings = Settings(weights=w)
            score = combine(compute_signals(p, vectors, settings), settings.weights)
            cons = build_constraints(p, settings)
            weight = objective_matrix(score, p, settings, cons)
            t, sol = timed(lambda: solve_pairs(weight, quality=score, forbidden=cons.forbidden, k=settings.k), 1)
            base = t if base is None else base
            rows.append([str(n), name, f"{t:.2f}", f"{t / base:.1f}x", sol.solver, sol.proof or "-", f"{sol.gap:.1e}",
                         str(sol.pricing_rounds), str(sol.n_candidate_edges)])
        print(f"... weights N={n} done", file=sys.stderr, flush=True)
    return table(rows, ["N", "weights", "solve s", "vs default", "solver", "proof", "gap", "pricing rounds",
                        "candidate pairs"], markdown)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="N = 100, 500 only")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--sizes", default="100,500,1000,2000")
    ap.add_argument("--nx-max", type=int, default=1000, help="largest N for networkx")
    ap.add_argument("--nx-budget", type=float, default=60.0,
                    help="skip networkx at larger N once a run took longer than this (s)")
    ap.add_argument("--highs-max", type=int, default=2000, help="largest N for the HiGHS ILP column")
    ap.add_argument("--cbc-max", type=int, default=1000, help="largest N for the CBC ILP column")
    ap.add_argument("--ilp-time-limit", type=float, default=120.0)
    ap.add_argument("--no-scenarios", action="store_true", help="skip the side-constraint table")
    ap.add_argument("--weights-sizes", default="1000,2000",
                    help="N for the weights table (default vs location-heavy weights); '' to skip")
    ap.add_argument("--only-weights", action="store_true", help="print the weights table only")
    args = ap.parse_args(argv)
    sizes = [100, 500] if args.quick else [int(s) for s in args.sizes.split(",")]
    weight_sizes = [int(s) for s in args.weights_sizes.split(",") if s.strip()] if not args.quick else [500]
    if args.only_weights:
        print("Solve time by weights (synthetic survey rounds, TF-IDF text, one run each).")
        print(weights_table(weight_sizes, args.markdown))
        return

    header = ["N", "ours s", "solver", "HiGHS ILP s", "CBC ILP s", "networkx s", "greedy s",
              "ours/opt", "greedy/opt", "gap", "opt from"]
    rows, notes = [], []
    nx_last, nx_last_n = 0.0, 0
    for n in sizes:
        w = similarity_scores(n, seed=n)
        reps = 3 if n <= 1000 else 1
        t_ours, sol = timed(lambda: solve_pairs(w), reps)
        t_greedy, greedy = timed(lambda: greedy_pairs(w), reps)
        g_obj = float(sum(w[a, b] for a, b in greedy))
        highs = ilp_cell(n, w, "highs", args.highs_max, args.ilp_time_limit)
        cbc = ilp_cell(n, w, "cbc", args.cbc_max, args.ilp_time_limit)
        if n <= args.nx_max and nx_last <= args.nx_budget:
            t_nx, (_, opt) = timed(lambda: exact_networkx(w), 1)
            nx_last, nx_last_n, nx_cell, source = t_nx, n, f"{t_nx:.2f}", "networkx"
            if abs(opt - sol.objective) > 1e-6 * max(1.0, abs(opt)):
                notes.append(f"N={n}: ours {sol.objective:.6f} differs from networkx {opt:.6f}")
        else:
            # networkx's blossom is O(n^3) in pure Python: extrapolate from the last size it ran at.
            nx_cell = f"skipped (~{nx_last * (n / nx_last_n) ** 3:.0f} s est.)" if nx_last else "skipped"
            opt, source = sol.upper_bound, "our bound"
        rows.append([str(n), f"{t_ours:.2f}", sol.solver, highs, cbc, nx_cell, f"{t_greedy:.2f}",
                     f"{sol.objective / opt:.6f}", f"{g_obj / opt:.4f}", f"{sol.gap:.1e}", source])
        print(f"... N={n} done", file=sys.stderr, flush=True)
    print("Plain peer rounds (no constraints; default k=20). Times are medians of 3 runs for N<=1000, one run above.")
    print(table(rows, header, args.markdown))
    for note in notes:
        print("NOTE:", note)

    if args.no_scenarios:
        return
    scen_rows = []
    for n in sizes:
        w = similarity_scores(n, seed=n)
        rng = np.random.default_rng(n)
        history = rng.random((n, n)) < 0.03
        blocked = rng.random((n, n)) < 0.002
        locked = [tuple(p) for p in rng.choice(n, size=(min(5, n // 4), 2), replace=False).reshape(-1, 2)
                  if w[p[0], p[1]] >= 0.5][:5]
        sides = np.where(rng.random(n) < 0.25, 1, 2)
        cap = np.where(sides == 1, 3, 1)
        tied, similar_role = templated_scores(n, seed=n)
        scenarios = {
            "history+blocked+floor 0.5+locks": (w, dict(forbidden={"history": history | history.T,
                                                                   "blocked": blocked | blocked.T},
                                                        min_score=0.5, locked=locked)),
            "fairness = 0.5 x N/2": (w, dict(fairness=0.5 * n / 2)),
            "mentoring (25% mentors, cap 3)": (w, dict(sides=sides, capacity=cap)),
            "ties + forbidden masks (similar-role 10%)": (tied, dict(forbidden={"similar_role": similar_role})),
            "ties + forbidden masks, fairness 0.5 x N/2": (tied, dict(forbidden={"similar_role": similar_role},
                                                                      fairness=0.5 * n / 2)),
        }
        for name, (scores, kw) in scenarios.items():
            t, sol = timed(lambda: solve_pairs(scores, time_limit=args.ilp_time_limit, **kw), 1)
            scen_rows.append([str(n), name, f"{t:.2f}", sol.solver, sol.status, str(sol.optimal),
                              f"{sol.gap:.1e}", sol.proof or "-", str(len(sol.unmatched))])
        print(f"... scenarios N={n} done", file=sys.stderr, flush=True)
    print()
    print("Rounds with side constraints (one run each).")
    print("proof: how the pairing was proven best over all allowed pairs (lp_bound: the LP bound with odd-set")
    print("cuts meets it; priced: every pair that could improve it was a candidate; all_pairs: the candidates")
    print("were every allowed pair; -: not proven, the gap is the proven distance).")
    print(table(scen_rows, ["N", "scenario", "ours s", "solver", "status", "optimal", "gap", "proof", "unmatched"],
                args.markdown))
    if weight_sizes:
        print()
        print("Solve time by weights (synthetic survey rounds, TF-IDF text, one run each): location-heavy")
        print("weights make time-zone buckets of tied scores.")
        print(weights_table(weight_sizes, args.markdown))


if __name__ == "__main__":
    main()
