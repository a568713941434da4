"""Suggestion quality and speed: what diversity and the exposure cap buy, per candidate method.

    .venv/bin/python benchmarks/bench_suggest.py            # N = 1,000 and 3,000; dense, exact and ANN

Prints, per case: time, exposure Gini before (plain reciprocal top-k) and after (MMR + cap), list
similarity before and after, and the share of people with at least one suggestion. TF-IDF text.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    from synthetic import synthetic_participants

    from matching.scoring.embedder import Embedder
    from matching.scoring.text import embed_participants
    from matching.settings import Settings
    from matching.suggest import suggest

    print("| people | method | diversity | time (s) | Gini before -> after | list similarity before -> after | with a list |")
    print("|---|---|---|---|---|---|---|")
    for n in (1_000, 3_000):
        p = synthetic_participants(n, seed=5)
        vectors = embed_participants(p, Embedder("tfidf"))
        for method in ("dense", "exact", "ann"):
            for diversity in ((0.0, 0.3) if method == "dense" else (0.3,)):
                st = Settings(embedder="tfidf", suggest_diversity=diversity)
                t = time.perf_counter()
                r = suggest(p, vectors, st, method=method)
                dt = time.perf_counter() - t
                print(f"| {n:,} | {method} | {diversity:g} | {dt:.1f} | {r.gini_before:.3f} -> {r.gini_after:.3f} | "
                      f"{r.redundancy_plain:.3f} -> {r.redundancy_final:.3f} | {(r.idx >= 0).any(axis=1).mean():.1%} |",
                      flush=True)


if __name__ == "__main__":
    main()
