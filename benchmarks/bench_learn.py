"""Learning benchmark: learning time on feedback rows, the learned signal's cost in a round's
scoring, and the synthetic-history quality numbers (does learning recover the planted taste?).

Targets (issue 9): learning on 10,000 feedback rows < 30 s on 2 cores; scoring with the model adds
< 20 % to a round's scoring time at N = 1,000. Prints plain tables; medians of repeats in one run.
TF-IDF text vectors (the learned signal's cost does not depend on the text model).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.learn import LabelRule, learn, learned_signal, ranking_report  # noqa: E402
from matching.learn.synthetic import synthetic_feedback, synthetic_participants  # noqa: E402
from matching.scoring import combine, compute_signals  # noqa: E402
from matching.scoring.embedder import Embedder  # noqa: E402
from matching.scoring.text import embed_participants  # noqa: E402
from matching.settings import Settings  # noqa: E402


def _median_time(fn, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _world(n: int, rounds: int, seed: int):
    rng = np.random.default_rng(seed)
    p = synthetic_participants(n, rng)
    fb, truth = synthetic_feedback(p, rounds, rng)
    settings = Settings(embedder="tfidf")
    vectors = embed_participants(p, Embedder("tfidf"))
    return p, fb, truth, settings, vectors


def bench_learning(rows: int, repeats: int) -> list[tuple[str, str]]:
    n = 1000
    p, fb, _, settings, vectors = _world(n, max(2, round(rows / n)), seed=2)
    sig = compute_signals(p, vectors, settings)
    t, report = _median_time(lambda: learn(fb, p, sig, settings.weights), repeats)
    return [(f"learn on {len(fb):,} feedback rows ({fb['round'].nunique()} rounds, N={n})",
             f"{t:.1f} s (target < 30 s; status {report.status}, model {report.model.kind if report.model else '-'})")]


def bench_scoring(n: int, repeats: int) -> list[tuple[str, str]]:
    p, fb, _, settings, vectors = _world(n, 4, seed=3)
    sig = compute_signals(p, vectors, settings)
    report = learn(fb, p, sig, settings.weights)
    assert report.ok, report.messages

    def scoring():
        s = compute_signals(p, vectors, settings)
        return s, combine(s, settings.weights)

    base, (s, _) = _median_time(scoring, repeats)
    extra, _ = _median_time(lambda: learned_signal(report.model, p, s), repeats)
    return [(f"round scoring at N={n} (signals + combine, embeddings cached)", f"{base:.3f} s"),
            (f"learned signal at N={n} ({report.model.kind})", f"{extra:.3f} s = +{extra / base:.0%} (target < 20 %)")]


def bench_quality(n: int, rounds: int, seeds: list[int]) -> list[tuple[str, str]]:
    from scipy.stats import spearmanr

    rows: dict[str, list[float]] = {}
    for seed in seeds:
        p, fb, truth, settings, vectors = _world(n, rounds, seed)
        sig = compute_signals(p, vectors, settings)
        report = learn(fb, p, sig, settings.weights)
        table = report.comparison.set_index("model")["roc_auc"]
        coef = report.coefficients.set_index("feature")["coefficient"]
        est = report.person_effects.merge(truth, on="id")
        for key, value in {
            "learned pair signal (logistic, pair fit) ROC-AUC": table["logistic (pair fit)"],
            "logistic incl. person effects ROC-AUC": table["logistic"],
            "boosting incl. person effects ROC-AUC": table["boosting"],
            "hand-set weights ROC-AUC": table["hand-set weights"],
            "uniform weights ROC-AUC": table["uniform weights"],
            "coefficient same_role (planted: negative)": coef["same_role"],
            "coefficient tag_overlap (planted: positive)": coef["tag_overlap"],
            "coefficient skills_overlap (planted: positive)": coef["skills_overlap"],
            "Spearman(leniency estimate, planted leniency)": spearmanr(est["leniency_x"], est["leniency_y"]).statistic,
            "Spearman(popularity estimate, planted popularity)": spearmanr(est["popularity_x"], est["popularity_y"]).statistic,
        }.items():
            rows.setdefault(key, []).append(float(value))
        ranking = ranking_report(fb, LabelRule().label(fb), p, sig, settings.weights, k=10)
        for r in ranking.itertuples(index=False):
            rows.setdefault(f"held-out precision@10: {r.signal}", []).append(float(getattr(r, "_1")))
    return [(k, f"median {statistics.median(v):.3f} (range {min(v):.3f} - {max(v):.3f}, {len(v)} seeds)")
            for k, v in rows.items()]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000, help="feedback rows for the learning-time row")
    ap.add_argument("--n", type=int, default=1000, help="participants for the scoring-cost rows")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quality-seeds", type=int, default=3)
    args = ap.parse_args(argv)
    rows = bench_learning(args.rows, args.repeats)
    rows += bench_scoring(args.n, max(args.repeats, 5))
    rows += bench_quality(200, 8, list(range(args.quality_seeds)))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  result")
    print("-" * (width + 40))
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
