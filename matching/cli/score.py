"""``python -m matching score SURVEY --out MATRIX.csv``: the combined pair-score matrix, no solving."""

from __future__ import annotations

import sys

from ._common import load_inputs, print_issues, progress


def add_parser(sub) -> None:
    """Add the ``score`` subcommand."""
    p = sub.add_parser("score", help="write the combined pair-score matrix")
    p.add_argument("survey")
    p.add_argument("--out", required=True)
    p.add_argument("--settings")
    p.add_argument("--embedder", choices=["minilm", "tfidf"])
    p.set_defaults(run=run)


def run(args) -> int:
    """Write the N x N score matrix of the survey named in ``args``; 0 on success."""
    import pandas as pd

    from ..round import score_survey
    from ..scoring.embedder import embedder_for

    survey, settings, _, _ = load_inputs(args)
    embedder = embedder_for(settings)
    participants, _, score = score_survey(survey, settings, embedder=embedder, progress=progress)
    print_issues(list(embedder.issues_))
    ids = participants["id"].astype(str).tolist()
    pd.DataFrame(score, index=ids, columns=ids).round(6).to_csv(args.out)
    print(f"Wrote the {len(ids)} x {len(ids)} score matrix to {args.out}.", file=sys.stderr)
    return 0
