"""``python -m matching pair SURVEY --out PAIRS.csv``: pair the participants of a survey."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..issues import sort_issues
from ._common import load_inputs, print_issues, progress


def add_parser(sub) -> None:
    """Add the ``pair`` subcommand."""
    p = sub.add_parser("pair", help="pair the participants of a survey")
    p.add_argument("survey", help="survey export (CSV or XLSX)")
    p.add_argument("--out", required=True, help="where to write the pairings CSV (one row per participant)")
    p.add_argument("--settings", help="settings JSON (as downloaded from the dashboard)")
    p.add_argument("--history", help="CSV/XLSX of earlier rounds' pairings (round, id_a/email_a, id_b/email_b)")
    p.add_argument("--embedder", choices=["minilm", "tfidf"], help="text model (default: settings, minilm)")
    p.add_argument("--json", help="also write a JSON summary (metrics, unmatched, issues)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Pair the survey named in ``args``; 0 on success, 2 when the rules make a pairing impossible."""
    from ..embedding import Embedder
    from ..export import to_csv_bytes
    from ..metrics import round_metrics
    from ..pipeline import embed_participants, run_round

    survey, settings, history, issues = load_inputs(args)
    warnings = [i for i in issues if i.severity == "warning"]
    if warnings:
        print(f"{len(warnings)} fixable problem(s) in the input (repaired or skipped):", file=sys.stderr)
        print_issues(warnings)
    embedder = Embedder(settings.embedder)
    vectors = embed_participants(survey.participants, embedder, progress=progress)
    if embedder.warning_:
        print(f"WARNING: {embedder.warning_}", file=sys.stderr)
    t0 = time.perf_counter()
    result = run_round(survey.participants, vectors, settings, history)
    elapsed = time.perf_counter() - t0
    if not result.feasible:
        print("The pairing is impossible with these rules:", file=sys.stderr)
        for msg in result.diagnosis_messages:
            print(f"- {msg}", file=sys.stderr)
        return 2
    print_issues([i for i in result.issues])
    Path(args.out).write_bytes(to_csv_bytes(result.assignments))
    metrics = round_metrics(result)
    s = metrics.summary
    print(f"Paired {s['participants']} participants into {s['groups']} groups ({s['triads']} triads, "
          f"{s['unmatched']} unmatched); median score {s['median_score']:.3f}, lowest {s['lowest_score']:.3f}; "
          f"{s['solver']} {s['status']}, gap {s['gap']:.4%}, round solved in {elapsed:.2f} s "
          f"(embedder: {embedder.kind_}). Wrote {args.out}.", file=sys.stderr)
    if args.json:
        payload = {"summary": s, "settings": settings.to_dict(), "embedder": embedder.kind_,
                   "embedder_warning": embedder.warning_,
                   "unmatched": result.assignments.loc[result.assignments["status"] == "unmatched", ["id", "name", "reason"]].to_dict("records"),
                   "issues": [i.to_dict() for i in sort_issues(issues + result.issues)]}
        Path(args.json).write_text(json.dumps(payload, indent=2, default=str))
    return 0
