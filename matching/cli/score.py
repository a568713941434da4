"""``python -m matching score SURVEY --out MATRIX.csv``: the combined pair-score matrix, no solving."""

from __future__ import annotations

import sys

from ._common import load_inputs, progress


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

    from ..embedding import Embedder
    from ..pipeline import embed_participants
    from ..scoring import combine, compute_signals

    survey, settings, _, _ = load_inputs(args)
    embedder = Embedder(settings.embedder)
    vectors = embed_participants(survey.participants, embedder, progress=progress)
    if embedder.warning_:
        print(f"WARNING: {embedder.warning_}", file=sys.stderr)
    score = combine(compute_signals(survey.participants, vectors, settings), settings.weights)
    ids = survey.participants["id"].astype(str).tolist()
    pd.DataFrame(score, index=ids, columns=ids).round(6).to_csv(args.out)
    print(f"Wrote the {len(ids)} x {len(ids)} score matrix to {args.out}.", file=sys.stderr)
    return 0
