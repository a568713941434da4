"""``python -m matching plan SURVEY --db URL --program NAME --rounds K --out PLAN.csv``: the next K rounds."""

from __future__ import annotations

import sys
from pathlib import Path

from ..issues import InputError, Issue
from ._common import load_inputs, print_issues, progress


def add_parser(sub) -> None:
    """Add the ``plan`` subcommand."""
    p = sub.add_parser("plan", help="plan the next K rounds so everyone meets as many distinct people as possible")
    p.add_argument("survey", help="survey export (CSV or XLSX) of the people taking part")
    p.add_argument("--db", help="program history database URL (default: $PAIRWISE_DATABASE_URL or a file in your data folder)")
    p.add_argument("--program", help="program name: its earlier rounds, roster and pauses apply")
    p.add_argument("--rounds", type=int, required=True, help="how many rounds to plan (1 to 52)")
    p.add_argument("--out", required=True, help="where to write the plan CSV (one row per person per round)")
    p.add_argument("--settings", help="settings JSON (as downloaded from the dashboard)")
    p.add_argument("--embedder", choices=["minilm", "tfidf"], help="text model (default: settings, minilm)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Plan the rounds and print how each method does; 0 on success, 2 on bad input."""
    from ..program.planning import plan_rounds
    from ..report.export import to_csv_bytes
    from ..scoring import combine, compute_signals
    from ..scoring.embedder import embedder_for
    from ..scoring.text import embed_participants
    from ._program import open_program

    folder = Path(args.out).expanduser().resolve().parent
    if not folder.is_dir():
        raise InputError([Issue("fatal", f"Cannot write '{args.out}': the folder {folder} does not exist.",
                                "Create it or choose another --out path.")])
    if not 1 <= args.rounds <= 52:
        raise InputError([Issue("fatal", f"The 'rounds' option must be a whole number between 1 and 52. "
                                         f"Got {args.rounds} instead.")])
    survey, settings, _history, issues = load_inputs(args)
    print_issues([i for i in issues if i.severity == "warning"])
    participants, history, first = survey.participants, None, 1
    if args.program:
        session = open_program(args, survey.participants)
        participants, history, first = session.participants, session.ctx.history, session.ctx.next_round
    embedder = embedder_for(settings)
    vectors = embed_participants(participants, embedder, progress=progress, settings=settings)
    print_issues(list(embedder.issues_))
    score = combine(compute_signals(participants.reset_index(drop=True), vectors, settings), settings.weights)
    plan = plan_rounds(participants, score, settings, history, args.rounds, first_round=first)
    Path(args.out).write_bytes(to_csv_bytes(plan.table))
    table = plan.comparison()
    print(f"Planned rounds {first}-{first + args.rounds - 1} for {len(participants)} people. "
          f"Distinct partners per person (most possible {table['max_possible'].iloc[0]}):", file=sys.stderr)
    for row in table.itertuples(index=False):
        print(f"  {row.method:<15} mean {row.mean_distinct:.2f}, min {row.min_distinct}; mean score {row.mean_score:.3f}, "
              f"lowest {row.lowest_score:.3f}; {row.seconds:.2f} s", file=sys.stderr)
    print(f"Wrote the plan to {args.out}.", file=sys.stderr)
    return 0
