"""Scale benchmark: pairing at 1k-100k people and suggestions at 10k-100k, time and peak memory.

Every case runs in its own Python process (peak RSS is that process's high-water mark) with a
timeout. Text is embedded with TF-IDF (never the sentence model); the 100,000-person suggestion case
and pairing cases use synthetic clustered embeddings (TF-IDF on 200,000 texts would measure
scikit-learn, not us). ``pairann:N`` pairs on the ANN candidate graph (30 s solver limit, the
default; ``pairann180`` gives it 180 s); at 20,000 its objective compares with ``pair:20000``'s.

    .venv/bin/python benchmarks/bench_scale.py                 # the full table (slow: run once)
    .venv/bin/python benchmarks/bench_scale.py --quick         # 1k and 5k only
    .venv/bin/python benchmarks/bench_scale.py --case pair:10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

FULL = ["pair:1000", "pair:5000", "pair:10000", "pair:20000", "identity:2000", "weights:1000", "weights:2000",
        "suggest:10000", "recall:20000", "suggest:100000", "pairann:20000", "pairann:100000", "pairann180:100000"]
QUICK = ["pair:1000", "pair:5000", "weights:1000", "suggest:10000"]


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6   # Linux: kilobytes


def clustered_vectors(n: int, d: int = 128, clusters: int = 200, seed: int = 0) -> dict[str, np.ndarray]:
    """Unit vectors around random topic centres (what sentence embeddings of a community look like)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(clusters, d)).astype(np.float32)
    out = {}
    for name, noise in (("profile", 0.6), ("wants", 0.8)):
        x = centres[rng.integers(clusters, size=n)] + noise * rng.normal(size=(n, d)).astype(np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        out[name] = x.astype(np.float32)
    out["wants"][rng.random(n) < 1 / 6] = 0.0   # a sixth leave 'wants' blank, as in the synthetic survey
    return out


def _embed(p):
    from matching.scoring.embedder import Embedder
    from matching.scoring.text import embed_participants

    return embed_participants(p, Embedder("tfidf"))


def case_pair(n: int) -> dict:
    """End to end (synthetic survey -> TF-IDF -> scores -> pairing -> export table) as the CLI does it."""
    from synthetic import synthetic_participants

    from matching.round import run_round
    from matching.settings import Settings
    from matching.suggest.large import BLOCK_ABOVE, run_round_blocked

    t0 = time.perf_counter()
    p = synthetic_participants(n, seed=1)
    vectors = _embed(p)
    t_embed = time.perf_counter() - t0
    st = Settings(embedder="tfidf")
    blocks = n > BLOCK_ABOVE
    r = run_round_blocked(p, vectors, st) if blocks else run_round(p, vectors, st)
    total = time.perf_counter() - t0
    s = r.solution
    return {"case": f"pair {n:,}", "path": "blocks" if blocks else "dense", "time_s": total, "embed_s": t_embed,
            "peak_gb": peak_gb(), "gap": s.gap, "proof": s.proof or "none", "solve_s": s.time_s, "objective": s.objective,
            "everyone_once": bool(len(r.assignments) == n and r.assignments["id"].is_unique)}


def case_pair_graph(n: int, time_limit: float = 30.0) -> dict:
    """Pairing on the ANN candidate graph (``candidates="ann"``): the same survey as ``pair:n`` up to
    20,000 (TF-IDF, so the objective compares with the exact case's proven optimum), synthetic
    clustered embeddings above, as for the 100,000-person suggestions."""
    from synthetic import synthetic_participants

    from matching.settings import Settings
    from matching.suggest.large import run_round_blocked

    t0 = time.perf_counter()
    p = synthetic_participants(n, seed=1)
    vectors, kind = (clustered_vectors(n), "synthetic embeddings") if n > 20_000 else (_embed(p), "TF-IDF")
    t_embed = time.perf_counter() - t0
    r = run_round_blocked(p, vectors, Settings(embedder="tfidf", candidates="ann", time_limit=time_limit))
    s = r.solution
    return {"case": f"pair on ANN graph {n:,} (time limit {time_limit:g} s)", "vectors": kind,
            "time_s": time.perf_counter() - t0, "embed_s": t_embed, "solve_s": s.time_s, "peak_gb": peak_gb(),
            "objective": s.objective, "graph_gap": s.graph_gap, "graph_pairs": s.n_candidate_edges,
            "everyone_once": bool(len(r.assignments) == n and r.assignments["id"].is_unique)}


def case_pair_graph_long(n: int) -> dict:
    return case_pair_graph(n, time_limit=180.0)


def case_weights(n: int) -> dict:
    """Solve time with the default weights vs location-heavy weights (dense solver, TF-IDF)."""
    from synthetic import synthetic_participants

    from matching.round import run_round
    from matching.settings import Settings

    p = synthetic_participants(n, seed=1)
    vectors = _embed(p)
    times = {}
    for label, st in (("default", Settings(embedder="tfidf")),
                      ("location 0.75", Settings(embedder="tfidf").with_weight("location", 0.75))):
        r = run_round(p, vectors, st)
        times[label] = (r.solution.time_s, r.solution.gap, r.solution.proof)
    return {"case": f"weights {n:,}", "default_s": times["default"][0], "location_s": times["location 0.75"][0],
            "ratio": times["location 0.75"][0] / max(times["default"][0], 1e-9),
            "gaps": [times["default"][1], times["location 0.75"][1]], "peak_gb": peak_gb()}


def case_suggest(n: int) -> dict:
    """Top-5 suggestions: TF-IDF and the exact blocked top-k up to 20k; synthetic embeddings and ANN above."""
    from synthetic import synthetic_participants

    from matching.settings import Settings
    from matching.suggest import suggest

    t0 = time.perf_counter()
    p = synthetic_participants(n, seed=2)
    if n > 20_000:
        vectors, kind = clustered_vectors(n), "synthetic embeddings"
    else:
        vectors, kind = _embed(p), "TF-IDF"
    t_embed = time.perf_counter() - t0
    st = Settings(embedder="tfidf")
    t1 = time.perf_counter()
    res = suggest(p, vectors, st)
    t_sugg = time.perf_counter() - t1
    out = {"case": f"suggest {n:,}", "method": res.method, "vectors": kind, "time_s": time.perf_counter() - t0,
           "suggest_s": t_sugg, "embed_s": t_embed, "peak_gb": peak_gb(), "gini": [res.gini_before, res.gini_after],
           "redundancy": [res.redundancy_plain, res.redundancy_final],
           "with_list": float((res.idx >= 0).any(axis=1).mean())}
    if res.method == "ann":
        from matching.suggest.ann import build_index, exact_neighbours, recall_at_k

        q = np.random.default_rng(0).choice(n, size=2_000, replace=False)
        exact = exact_neighbours(vectors["profile"], vectors["profile"][q], 11)
        approx = build_index(vectors["profile"]).search(vectors["profile"][q], 11)[0]
        out["recall@10"] = recall_at_k(approx, exact)
    return out


def case_recall(n: int) -> dict:
    """recall@10 of the ANN index against exact search, on 20,000 people's TF-IDF profile vectors."""
    from synthetic import synthetic_participants

    from matching.suggest.ann import build_index, exact_neighbours, recall_at_k

    p = synthetic_participants(n, seed=3)
    prof = _embed(p)["profile"]
    t0 = time.perf_counter()
    index = build_index(prof, exact=False)
    approx = index.search(prof, 11)[0]
    t_ann = time.perf_counter() - t0
    t1 = time.perf_counter()
    exact = exact_neighbours(prof, prof, 11)
    t_exact = time.perf_counter() - t1
    synth = clustered_vectors(n)["profile"]
    r_synth = recall_at_k(build_index(synth, exact=False).search(synth, 11)[0], exact_neighbours(synth, synth, 11))
    return {"case": f"recall {n:,}", "recall@10": recall_at_k(approx, exact), "recall@10_synthetic": r_synth,
            "ann_s": t_ann, "exact_s": t_exact, "peak_gb": peak_gb()}


def case_identity(n: int) -> dict:
    """Block and dense paths on the same random instance: same pairing? (TF-IDF, default settings)."""
    from synthetic import synthetic_participants

    from matching.round import run_round
    from matching.settings import Settings
    from matching.suggest.large import run_round_blocked

    p = synthetic_participants(n, seed=4)
    vectors = _embed(p)
    st = Settings(embedder="tfidf")
    t0 = time.perf_counter()
    dense = run_round(p, vectors, st)
    t1 = time.perf_counter()
    block = run_round_blocked(p, vectors, st)
    t2 = time.perf_counter()
    same = set(map(tuple, dense.solution.groups)) == set(map(tuple, block.solution.groups))
    return {"case": f"identity {n:,}", "same_pairing": same, "objective_diff": abs(dense.solution.objective -
                                                                                   block.solution.objective),
            "dense_s": t1 - t0, "blocks_s": t2 - t1, "proofs": [dense.solution.proof, block.solution.proof],
            "peak_gb": peak_gb()}


CASES = {"identity": case_identity, "pair": case_pair, "pairann": case_pair_graph, "pairann180": case_pair_graph_long, "weights": case_weights, "suggest": case_suggest, "recall": case_recall}


def run_case(spec: str, timeout: float) -> dict:
    """Run one case in a fresh process; a timeout or crash is reported as such."""
    began = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, __file__, "--case", spec], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"case": spec, "error": f"timeout after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"case": spec, "error": (proc.stderr.strip().splitlines() or ["crashed"])[-1][:160],
                "wall_s": time.perf_counter() - began}
    return json.loads(lines[-1])


def fmt(row: dict) -> str:
    if "error" in row:
        return f"| {row['case']} | {row['error']} |"
    bits = [f"{k}={v:.6f}" if k == "objective" else f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
            for k, v in row.items() if k != "case"]
    return f"| {row['case']} | " + ", ".join(bits) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", help="run one case in this process, e.g. pair:10000 (prints JSON)")
    ap.add_argument("--quick", action="store_true", help="small cases only")
    ap.add_argument("--only", nargs="*", help="these cases, e.g. pair:10000 suggest:100000")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per case")
    args = ap.parse_args()
    if args.case:
        kind, n = args.case.split(":")
        print(json.dumps(CASES[kind](int(n)), default=float))
        return
    specs = args.only or (QUICK if args.quick else FULL)
    print(f"Scale benchmark on {os.cpu_count()} cores (shared machines: times vary); TF-IDF text.")
    print("| case | result |\n|---|---|")
    for spec in specs:
        print(fmt(run_case(spec, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
