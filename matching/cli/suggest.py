"""``python -m matching suggest SURVEY --k 5 --out SUGGESTIONS.csv``: top-K suggestions per person."""

from __future__ import annotations

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
    from ..embedding import Embedder
    from ..pipeline import embed_participants
    from ..report.export import to_csv_bytes
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
        embedder = Embedder(settings.embedder)
        vectors = embed_participants(survey.participants, embedder, progress=progress)
        if embedder.warning_:
            print(f"WARNING: {embedder.warning_}", file=sys.stderr)
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
