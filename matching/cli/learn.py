"""``python -m matching learn SURVEY --feedback FEEDBACK.csv --model MODEL [--report REPORT.json]``.

Learns what makes a good meeting from feedback (or ``--db URL --program NAME`` instead of
``--feedback``), prints the cross-validated comparison with the hand-set weights, and writes the
model only when it is trustworthy (enough data, two classes, no leakage).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..issues import InputError, Issue
from ._common import load_inputs, print_issues, progress


def add_parser(sub) -> None:
    """Add the ``learn`` subcommand."""
    p = sub.add_parser("learn", help="learn weights and a 'learned' signal from meeting feedback")
    p.add_argument("survey", help="survey export (CSV or XLSX) the feedback's people answered")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--feedback", help="CSV/XLSX with rater, partner, rating (1-5 or yes/no) [, met, round, comment]")
    source.add_argument("--db", help="history database URL (with --program) instead of a feedback file")
    p.add_argument("--program", help="program name in the history database (with --db)")
    p.add_argument("--model", required=True, help="where to write the learned model")
    p.add_argument("--report", help="also write a JSON report: CV metrics of each model and of the baseline")
    p.add_argument("--settings", help="settings JSON: its weights are the baseline and the prior")
    p.add_argument("--embedder", choices=["minilm", "tfidf"], help="text model (default: settings, minilm)")
    p.add_argument("--min-rating", type=float, default=4.0, help="lowest rating (1-5) of a good meeting (default 4)")
    p.set_defaults(run=run)


def _feedback(args, participants):
    from ..learn.feedback import from_program, read_feedback

    if args.feedback:
        if not Path(args.feedback).is_file():
            raise InputError([Issue("fatal", f"No feedback file at '{args.feedback}'.", "Check the path.")])
        return read_feedback(args.feedback, participants)
    from ..program.store import Store

    with Store(args.db) as store:
        return from_program(store, args.program, participants)


def _print_table(report) -> None:
    table = report.comparison
    if table.empty:
        return
    print(f"{'model (grouped-by-round CV)':<32} {'ROC-AUC':>8} {'± sd':>6} {'PR-AUC':>7}", file=sys.stderr)
    for r in table.itertuples(index=False):
        print(f"{r.model:<32} {r.roc_auc:8.3f} {r.roc_auc_std:6.3f} {r.pr_auc:7.3f}", file=sys.stderr)


def run(args) -> int:
    """Learn from the feedback named in ``args``; 0 when a model was written, 2 otherwise."""
    try:
        return _run(args)
    except InputError as err:
        print("Cannot learn from this input:", file=sys.stderr)
        print_issues([i for i in err.issues if i.severity == "fatal"] or err.issues)
        return 2


def _run(args) -> int:
    from ..learn import LabelRule, learn, ranking_report, save_model
    from ..round import score_survey
    from ..scoring.embedder import embedder_for

    if args.feedback and not Path(args.feedback).is_file():  # before the survey is embedded
        raise InputError([Issue("fatal", f"No feedback file at '{args.feedback}'.", "Check the path.")])
    if args.db and not args.program:
        raise InputError([Issue("fatal", "--db needs --program NAME (which program's feedback to learn from).")])
    try:
        rule = LabelRule(min_rating=args.min_rating)
    except ValueError as err:
        raise InputError([Issue("fatal", str(err))]) from None
    survey, settings, _, issues = load_inputs(args)
    embedder = embedder_for(settings)
    participants, signals, _ = score_survey(survey, settings, embedder=embedder, progress=progress)
    print_issues(list(embedder.issues_))
    feedback, fb_issues = _feedback(args, participants)
    if any(i.severity == "fatal" for i in fb_issues):
        raise InputError(fb_issues)
    skipped = [i for i in fb_issues if i.severity == "warning"]
    if skipped:
        print(f"{len(skipped)} feedback problem(s) (rows skipped):", file=sys.stderr)
        print_issues(skipped)
    weights = {k: v for k, v in settings.weights.items() if k in signals.matrices}
    report = learn(feedback, participants, signals, weights, rule)
    for msg in report.messages:
        print(msg, file=sys.stderr)
    _print_table(report)
    payload = report.to_dict()
    if report.ok:
        ranking = ranking_report(feedback, rule.label(feedback), participants, signals, weights)
        payload["history_signals"] = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                                      for r in ranking.to_dict("records")]
        save_model(report.model, args.model)
        w = ", ".join(f"{k} {v:.2f}" for k, v in report.model.suggested_weights.items())
        print(f"Suggested weights: {w}; learned signal weight {report.model.learned_weight:.2f}. "
              f"Wrote the model to {args.model}.", file=sys.stderr)
    if args.report:
        Path(args.report).write_text(json.dumps(payload, indent=2, default=_json_default))
    return 0 if report.ok else 2


def _json_default(value):
    import numpy as np

    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return str(value)
