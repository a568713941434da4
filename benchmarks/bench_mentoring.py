"""Mentoring benchmark: 300 mentors x 1,200 mentees, max-weight (three spread settings) vs stable.

Fit: embedding-like similarities between mentees and mentors (``bench_solver.similarity_scores`` on
1,500 people, the mentee x mentor block), plus a popularity term so some mentors are everyone's
favourite (the shape where spreading the load matters). Capacities 2-8 (about 1,500 places for 1,200
mentees) and 10% of pairs ruled out by a rule. Each row: time, total and lowest fit, placed mentees,
mentors with a mentee, blocking pairs (each side ranks by its own score: the mentee by fit, the
mentor by fit plus its own taste), and the proven gap.

    .venv/bin/python benchmarks/bench_mentoring.py [--mentors 300] [--mentees 1200] [--markdown]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_solver import similarity_scores, table  # noqa: E402
from matching.solve.mentoring import solve_mentoring, tradeoff_curve  # noqa: E402


def instance(n_m: int, n_e: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    s = similarity_scores(n_m + n_e, seed=seed)
    fit = 0.8 * s[n_m:, :n_m] + 0.2 * rng.beta(2, 5, n_m)[None, :]
    taste = np.clip(fit.T + rng.normal(0, 0.05, (n_m, n_e)), 0, 1)
    cap = rng.integers(2, 9, n_m)
    rule = rng.random((n_e, n_m)) < 0.10
    return fit, taste, cap, {"rule": rule}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentors", type=int, default=300)
    ap.add_argument("--mentees", type=int, default=1200)
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--curve", action="store_true", help="also time the spread trade-off curve (8 points)")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    fit, taste, cap, forb = instance(args.mentors, args.mentees)
    rows = []
    runs = [("max-weight", dict(method="max_weight", spread=0.0)),
            ("max-weight, spread 0.5", dict(method="max_weight", spread=0.5)),
            ("max-weight, spread 1", dict(method="max_weight", spread=1.0)),
            ("max-weight, min 1 per mentor", dict(method="max_weight", min_load=1)),
            ("stable (deferred acceptance)", dict(method="stable"))]
    for label, kw in runs:
        res = solve_mentoring(fit, forbidden=forb, capacity=cap, pref_mentor=taste, time_limit=args.time_limit, **kw)
        rows.append([label, f"{res.time_s:.1f}", f"{res.total_fit:.2f}", f"{res.lowest_fit:.3f}",
                     f"{res.placed}/{res.max_placed}", f"{res.mentors_used}/{len(cap)}", str(res.blocking),
                     "-" if res.method == "stable" else f"{res.gap:.1e}", "yes" if res.optimal else "no",
                     str(res.n_candidates or "-")])
    print(f"Mentoring: {args.mentors} mentors x {args.mentees} mentees, {int(cap.sum())} places; one run each")
    print(table(rows, ["option", "time s", "total fit", "lowest fit", "placed", "mentors used", "blocking pairs",
                       "gap", "proven", "candidate pairs"], args.markdown))
    if args.curve:
        began = time.perf_counter()
        pts = tradeoff_curve(fit, forbidden=forb, capacity=cap, time_limit=args.time_limit)
        print(f"\nTrade-off curve: {len(pts)} points in {time.perf_counter() - began:.1f} s")
        print(table([[str(p["mentors_used"]), f"{p['total_fit']:.2f}", "yes" if p["exact"] else "no"] for p in pts],
                    ["mentors used", "total fit", "exact"], args.markdown))


if __name__ == "__main__":
    main()
