"""``python -m matching pair SURVEY --out PAIRS.csv``: pair the participants of a survey."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..issues import sort_issues
from ._common import check_outputs, load_inputs, print_issues, progress
from ._program import open_program, wants_program


def add_parser(sub) -> None:
    """Add the ``pair`` subcommand."""
    p = sub.add_parser("pair", help="pair the participants of a survey")
    p.add_argument("survey", help="survey export (CSV or XLSX)")
    p.add_argument("--out", required=True, help="where to write the pairings CSV (one row per participant)")
    p.add_argument("--settings", help="settings JSON (as downloaded from the dashboard)")
    p.add_argument("--history", help="CSV/XLSX of earlier rounds' pairings (round, id_a/email_a, id_b/email_b)")
    p.add_argument("--embedder", choices=["minilm", "tfidf"], help="text model (default: settings, minilm)")
    p.add_argument("--json", help="also write a JSON summary (metrics, unmatched, issues)")
    p.add_argument("--model", help="learned model (python -m matching learn): adds the 'learned' signal")
    p.add_argument("--db", help="program history database URL (default: $PAIRWISE_DATABASE_URL or a file in your data folder)")
    p.add_argument("--program", help="program name: its earlier rounds are the history, its roster and pauses apply")
    p.add_argument("--publish", action="store_true", help="store this round as the program's next round")
    p.add_argument("--dask", metavar="ADDRESS", help="compute the round in blocks on a Dask scheduler (tcp://host:8786); "
                   "surveys above 3,000 people are computed in blocks on this machine anyway")
    p.add_argument("--candidates", choices=["auto", "exact", "ann"],
                   help="pairs considered in rounds computed in blocks: 'exact' walks all N x N pairs once and proves "
                        "the pairing over all pairs; 'ann' uses nearest neighbours (proof on that graph only); "
                        "'auto' (default) is exact up to 30,000 people")
    p.set_defaults(run=run)


def run(args) -> int:
    """Pair the survey named in ``args``; 0 on success, 2 when the rules make a pairing impossible."""
    from ..metrics import round_metrics
    from ..report.export import to_csv_bytes
    from ..round import run_round
    from ..scoring.embedder import embedder_for
    from ..scoring.text import embed_participants
    from .suggest import pair_in_blocks, wants_blocks

    check_outputs(args.out, args.json)
    survey, settings, history, issues = load_inputs(args)
    warnings = [i for i in issues if i.severity == "warning"]
    if warnings:
        print(f"{len(warnings)} fixable problem(s) in the input (repaired or skipped):", file=sys.stderr)
        print_issues(warnings)
    session = open_program(args, survey.participants) if wants_program(args) else None
    participants = survey.participants if session is None else session.participants
    embedder = embedder_for(settings)
    vectors = embed_participants(participants, embedder, progress=progress, settings=settings)
    t0 = time.perf_counter()
    # The embedder's fallback to TF-IDF is one of the round's issues: printed with them below.
    signals, settings = _learned(args, participants, vectors, settings)
    if session is None and wants_blocks(args, participants, settings, signals):
        return pair_in_blocks(args, participants, vectors, settings, history, issues, embedder)  # no N x N matrix
    if session is None:
        result = run_round(participants, vectors, settings, history, issues=embedder.issues_, signals=signals)
    else:
        result = session.solve(vectors, settings, signals=signals)
        result.issues[:0] = embedder.issues_
    elapsed = time.perf_counter() - t0
    if not result.feasible:
        print_issues(result.issues)
        print("The pairing is impossible with these rules:", file=sys.stderr)
        for msg in result.diagnosis_messages:
            print(f"- {msg}", file=sys.stderr)
        return 2
    print_issues([i for i in result.issues])
    Path(args.out).write_bytes(to_csv_bytes(result.assignments if session is None else session.assignments(result)))
    metrics = round_metrics(result)
    s = metrics.summary
    print(f"Paired {s['participants']} participants into {s['groups']} groups ({s['triads']} triads, "
          f"{s['unmatched']} unmatched); median score {s['median_score']:.3f}, lowest {s['lowest_score']:.3f}; "
          f"{s['solver']} {s['status']}, gap {s['gap']:.4%}, round solved in {elapsed:.2f} s "
          f"(embedder: {embedder.kind_}). Wrote {args.out}.", file=sys.stderr)
    if session is not None:
        session.finish(result, publish=args.publish)
    if args.json:
        payload = {"summary": s, "settings": settings.to_dict(), "embedder": embedder.kind_,
                   "embedder_warning": embedder.warning_,
                   "unmatched": result.assignments.loc[result.assignments["status"] == "unmatched", ["id", "name", "reason"]].to_dict("records"),
                   # The fallback is already under "embedder_warning"; listed once.
                   "issues": [i.to_dict() for i in sort_issues(issues + result.issues) if i not in embedder.issues_]}
        Path(args.json).write_text(json.dumps(payload, indent=2, default=str))
    return 0


def _learned(args, participants, vectors, settings):
    """Signals with the learned one added when ``--model`` is given (None: the round computes them)."""
    if not args.model and "learned" not in settings.weights:
        return None, settings
    from ..learn.apply import use_model
    from ..scoring import compute_signals

    signals = compute_signals(participants.reset_index(drop=True), vectors, settings)
    signals, settings, notes = use_model(signals, participants.reset_index(drop=True), settings, args.model)
    for note in notes:
        print(note, file=sys.stderr)
    return signals, settings
