"""``python -m matching suggest SURVEY --k 5 --out SUGGESTIONS.csv``: top-K suggestions per person."""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from ..issues import InputError, Issue
from ._common import load_inputs, print_issues, progress


def add_parser(sub) -> None:
    """Add the ``suggest`` subcommand."""
    p = sub.add_parser("suggest", help="write reciprocal, diversified top-K suggestions for every participant")
    p.add_argument("survey", help="survey export (CSV or XLSX)")
    p.add_argument("--k", type=int, help="suggestions per person (default: settings, 5)")
    p.add_argument("--out", required=True, help="where to write the suggestions CSV (one row per person and suggestion)")
    p.add_argument("--settings", help="settings JSON (as downloaded from the dashboard)")
    p.add_argument("--history", help="CSV/XLSX of earlier rounds' pairings: people who met recently are not suggested")
    p.add_argument("--embedder", choices=["minilm", "tfidf"], help="text model (default: settings, minilm)")
    p.add_argument("--dask", metavar="ADDRESS", help="run candidate generation on a Dask scheduler (tcp://host:8786)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Write the suggestions CSV; 0 on success, 2 on unusable input."""
    from ..report.export import to_csv_bytes
    from ..scoring.embedder import embedder_for
    from ..scoring.text import embed_participants
    from ..suggest.distributed import connect
    from ..suggest.suggest import suggest

    survey, settings, history, issues = load_inputs(args)
    if args.k is not None:
        try:
            settings = settings.replace(suggest_k=args.k)
        except InputError as err:
            raise InputError([Issue("fatal", i.message.replace("'suggest_k' setting", "'--k' option"), i.fix)
                              for i in err.issues]) from None
    warnings = [i for i in issues if i.severity == "warning"]
    if warnings:
        print(f"{len(warnings)} fixable problem(s) in the input (repaired or skipped):", file=sys.stderr)
        print_issues(warnings)
    client = connect(args.dask)
    try:
        embedder = embedder_for(settings)
        vectors = embed_participants(survey.participants, embedder, progress=progress, settings=settings)
        print_issues(list(embedder.issues_))
        t0 = time.perf_counter()
        result = suggest(survey.participants, vectors, settings, history, client=client)
        elapsed = time.perf_counter() - t0
    finally:
        if client is not None:
            client.close()
    for msg in result.messages:
        print(f"NOTE: {msg}", file=sys.stderr)
    Path(args.out).write_bytes(to_csv_bytes(result.table))
    n = len(survey.participants)
    made = int((result.idx >= 0).sum())
    print(f"Suggested {made} contacts for {n} participants (k = {settings.suggest_k}, {result.method} candidates"
          f"{', on Dask' if client is not None else ''}) in {elapsed:.1f} s; exposure Gini "
          f"{result.gini_before:.3f} -> {result.gini_after:.3f} (cap {result.cap} lists), list similarity "
          f"{result.redundancy_plain:.3f} -> {result.redundancy_final:.3f} (embedder: {embedder.kind_}). "
          f"Wrote {args.out}.", file=sys.stderr)
    return 0


def pair_in_blocks(args, participants, vectors, settings, history, issues, embedder) -> int:
    """``pair`` for large surveys or ``--dask``: the bounded-memory round (same export table).

    Called by :mod:`matching.cli.pair`; returns the exit code.
    """
    import json

    import numpy as np

    from ..issues import sort_issues
    from ..report.export import to_csv_bytes
    from ..suggest.distributed import connect
    from ..suggest.large import run_round_blocked

    client = connect(getattr(args, "dask", None))
    t0 = time.perf_counter()
    try:
        result = run_round_blocked(participants, vectors, settings, history, client=client)
    finally:
        if client is not None:
            client.close()
    elapsed = time.perf_counter() - t0
    if not result.feasible:
        print("The pairing is impossible with these rules:", file=sys.stderr)
        for msg in result.diagnosis_messages:
            print(f"- {msg}", file=sys.stderr)
        return 2
    print_issues(list(embedder.issues_) + list(result.issues))
    Path(args.out).write_bytes(to_csv_bytes(result.assignments))
    sol = result.solution
    scores = np.asarray(sol.group_scores, dtype=float)
    summary = {"participants": len(participants), "groups": len(sol.groups),
               "triads": sum(1 for g in sol.groups if len(g) == 3), "unmatched": len(sol.unmatched),
               "median_score": float(np.median(scores)) if scores.size else float("nan"),
               "lowest_score": float(scores.min()) if scores.size else float("nan"),
               "solver": sol.solver, "status": sol.status, "gap": sol.gap if np.isfinite(sol.gap) else None,
               "graph_gap": None if np.isnan(sol.graph_gap) else sol.graph_gap, "proof": sol.proof,
               "candidate_edges": sol.n_candidate_edges, "pricing_rounds": sol.pricing_rounds}
    print(f"Paired {summary['participants']} participants into {summary['groups']} groups ({summary['triads']} "
          f"triads, {summary['unmatched']} unmatched); median score {summary['median_score']:.3f}, lowest "
          f"{summary['lowest_score']:.3f}; computed in blocks{' on Dask' if client is not None else ''} without an "
          f"N x N matrix, {_proof_words(sol)}, round solved in "
          f"{elapsed:.2f} s (embedder: {embedder.kind_}). Wrote {args.out}.", file=sys.stderr)
    if getattr(args, "json", None):
        payload = {"summary": summary, "settings": settings.to_dict(), "embedder": embedder.kind_,
                   "unmatched": result.assignments.loc[result.assignments["status"] == "unmatched",
                                                       ["id", "name", "reason"]].to_dict("records"),
                   "issues": [i.to_dict() for i in sort_issues(list(issues) + list(result.issues))]}
        Path(args.json).write_text(json.dumps(payload, indent=2, default=str))
    return 0


def _proof_words(sol) -> str:
    if sol.proof:
        return "proven best over all pairs"
    if not math.isnan(sol.graph_gap):
        return (f"on a candidate graph of {sol.n_candidate_edges:,} pairs (graph gap {sol.graph_gap:.4%}; "
                "not proven over all pairs)")
    return f"gap {sol.gap:.4%}"


def wants_blocks(args, participants, settings, signals) -> bool:
    """Use the bounded-memory round: asked for with ``--dask``, or a survey too large for N x N matrices
    whose settings the block path supports (peer round, fairness 0, popularity 0, built-in signals)."""
    from ..solve.rules import program_is_two_sided
    from ..settings import SIGNALS
    from ..suggest.large import BLOCK_ABOVE

    if int(settings.group_size) > 2:
        # Groups of 3-4 have their own solver (matching/formats.py); the block path pairs 1:1 only.
        if getattr(args, "dask", None):
            print("Note: --dask is ignored for groups of 3-4; the groups are solved on this machine.",
                  file=sys.stderr)
        return False
    if getattr(args, "dask", None):
        return True
    if len(participants) <= BLOCK_ABOVE or signals is not None:
        return False
    extra = any(w > 0 for s, w in settings.weights.items() if s not in SIGNALS)
    return not (settings.fairness > 0 or settings.popularity > 0 or extra
                or program_is_two_sided(participants, settings))
