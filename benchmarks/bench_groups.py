"""Peer groups benchmark: groups of 3 and 4 at N = 100, 500, 2,000.

Scores are embedding-like similarities (``bench_solver.similarity_scores``: unit vectors around
uneven clusters, cosine mapped to [0, 1], a little noise). Each row: one call of ``solve_groups``
with a time limit (the heuristic gets 40% of it, the LP bound the rest), its objective (total fit per
person, ``sum(size * mean pair score)``), the proven upper bound and gap, and the greedy grouping it
starts from (no local search) as the baseline.

    .venv/bin/python benchmarks/bench_groups.py [--sizes 100 500 2000] [--time-limit 30] [--markdown]
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
from matching.solve.groups import evaluate, greedy_groups, plan_sizes, solve_groups  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    ap.add_argument("--group-sizes", type=int, nargs="+", default=[3, 4])
    ap.add_argument("--time-limit", type=float, default=30.0, help="seconds per solve (N <= 500 use a third of it)")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    for n in args.sizes:
        s = similarity_scores(n, seed=n)
        allowed = ~np.eye(n, dtype=bool)
        for g in args.group_sizes:
            limit = args.time_limit if n > 500 else args.time_limit / 3
            began = time.perf_counter()
            greedy = greedy_groups(s, allowed, np.arange(n), plan_sizes(n, g), np.random.default_rng(0))
            t_greedy = time.perf_counter() - began
            base = evaluate(s, greedy)[0]
            res = solve_groups(s, allowed, g, time_limit=limit, seed=0)
            rows.append([str(n), str(g), ", ".join(f"{c}x{k}" for k, c in res.sizes.items()), res.method,
                         f"{res.time_s:.1f}", f"{res.objective:.2f}", f"{res.upper_bound:.2f}", f"{res.gap:.2%}",
                         f"{base:.2f}", f"{(res.objective - base) / base:+.2%}", f"{t_greedy:.2f}"])
    print(f"Groups (time limit {args.time_limit:g} s at N > 500, a third below; one run each)")
    print(table(rows, HEADER, args.markdown))


HEADER = ["N", "size", "groups", "method", "time s", "objective", "upper bound", "gap", "greedy", "vs greedy",
          "greedy s"]

if __name__ == "__main__":
    main()
