"""Pipeline benchmark: embedding throughput (cold, cached), signal and score-matrix time, and the
dashboard's slider path (re-weight + re-solve with embeddings and signals cached).

Prints a plain table; medians of repeats measured in this one run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_solver import timed  # noqa: E402
from synthetic import synthetic_participants  # noqa: E402

from matching.scoring.embedder import Embedder  # noqa: E402
from matching.round import embed_participants, run_round  # noqa: E402
from matching.scoring import combine, compute_signals  # noqa: E402
from matching.settings import Settings  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="120,1000")
    ap.add_argument("--embedder", default="minilm", choices=["minilm", "tfidf"])
    ap.add_argument("--embed-n", type=int, default=1000, help="texts for the embedding throughput rows")
    args = ap.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory() as cache:
        p = synthetic_participants(args.embed_n // 2, seed=1)
        texts = args.embed_n
        t0 = time.perf_counter()
        emb = Embedder(args.embedder, cache_dir=cache)
        if args.embedder == "minilm":
            from matching.scoring.embedder import load_model
            load_model()
        load_s = time.perf_counter() - t0
        cold, _ = timed(lambda: embed_participants(p, Embedder(args.embedder, cache_dir=cache)), 1)
        warm, _ = timed(lambda: embed_participants(p, Embedder(args.embedder, cache_dir=cache)), 3)
        rows.append(("model load (once per process)", f"{load_s:.2f} s", ""))
        rows.append((f"embed {texts} texts, cold", f"{cold:.2f} s", f"{texts / cold:,.0f} texts/s"))
        rows.append((f"embed {texts} texts, cached", f"{warm:.3f} s", f"{texts / warm:,.0f} texts/s"))
        del emb

        for n in [int(x) for x in args.sizes.split(",")]:
            p = synthetic_participants(n, seed=n)
            vectors = embed_participants(p, Embedder(args.embedder, cache_dir=cache))
            s = Settings(embedder=args.embedder)
            sig_t, sig = timed(lambda: compute_signals(p, vectors, s), 3)
            comb_t, _ = timed(lambda: combine(sig, s.weights), 5)
            first = run_round(p, vectors, s, signals=sig)
            weights = [0.1, 0.3, 0.5, 0.7, 0.9]
            slider = []
            for w in weights:
                t = time.perf_counter()
                r = run_round(p, vectors, s.with_weight("location", w), signals=sig)
                slider.append(time.perf_counter() - t)
            rows.append((f"N={n}: all signals (once per survey)", f"{sig_t:.3f} s", ""))
            rows.append((f"N={n}: re-score with new weights", f"{comb_t * 1000:.1f} ms", ""))
            rows.append((f"N={n}: slider -> new pairing (score+solve+tables)", f"{statistics.median(slider):.3f} s",
                         f"max {max(slider):.3f} s; {first.solution.solver}, gap {r.solution.gap:.2e}"))

    w = max(len(r[0]) for r in rows)
    print(f"{'step':<{w}}  {'median':>10}  note")
    for name, t, note in rows:
        print(f"{name:<{w}}  {t:>10}  {note}")


if __name__ == "__main__":
    main()
