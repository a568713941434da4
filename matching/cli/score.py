"""``python -m matching score SURVEY --out MATRIX.csv``: the combined pair-score matrix, no solving."""

from __future__ import annotations

import sys

from ._common import check_outputs, load_inputs, print_issues, progress


def add_parser(sub) -> None:
    """Add the ``score`` subcommand."""
    p = sub.add_parser("score", help="write the combined pair-score matrix")
    p.add_argument("survey")
    p.add_argument("--out", required=True)
    p.add_argument("--settings")
    p.add_argument("--embedder", choices=["minilm", "tfidf"])
    p.add_argument("--model", help="learned model (python -m matching learn): adds the 'learned' signal")
    p.add_argument("--signal", help="write this one signal's matrix (any signal, 'learned' included) instead")
    p.set_defaults(run=run)


def run(args) -> int:
    """Write the N x N score matrix of the survey named in ``args``; 0 on success."""
    import pandas as pd

    from ..report.export import safe_cell
    from ..round import score_survey
    from ..scoring.embedder import embedder_for

    check_outputs(args.out)
    survey, settings, _, _ = load_inputs(args)
    embedder = embedder_for(settings)
    participants, signals, score = score_survey(survey, settings, embedder=embedder, progress=progress)
    print_issues(list(embedder.issues_))
    if args.model or args.signal or "learned" in settings.weights:
        score = _with_model(args, participants, signals, settings)
    # Ids label the rows and columns: formula-safe like every other export (=1+1 stays text).
    ids = [safe_cell(i) for i in participants["id"].astype(str)]
    pd.DataFrame(score, index=ids, columns=ids).round(6).to_csv(args.out)
    print(f"Wrote the {len(ids)} x {len(ids)} score matrix to {args.out}.", file=sys.stderr)
    return 0


def _with_model(args, participants, signals, settings):
    """The combination with the learned signal (``--model``), or one signal's matrix (``--signal``)."""
    from ..issues import InputError, Issue
    from ..learn.apply import use_model
    from ..scoring import combine

    signals, settings, notes = use_model(signals, participants, settings, args.model)
    for note in notes:
        print(note, file=sys.stderr)
    if args.signal:
        if args.signal not in signals.matrices:
            hint = " ('learned' needs --model MODEL)" if args.signal == "learned" else ""
            raise InputError([Issue("fatal", f"There is no signal '{args.signal}'{hint}. "
                                    f"Use one of: {', '.join(sorted(signals.matrices))}.")])
        return signals.matrices[args.signal]
    return combine(signals, settings.weights)
