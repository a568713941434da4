"""Command line: ``python -m matching pair SURVEY --out PAIRS.csv`` and ``python -m matching score``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .issues import InputError, Issue, has_fatal, sort_issues


def _print_issues(issues: list[Issue], limit: int = 60) -> None:
    issues = sort_issues(issues)
    for issue in issues[:limit]:
        print(issue.as_text(), file=sys.stderr)
    if len(issues) > limit:
        print(f"... and {len(issues) - limit} more.", file=sys.stderr)


def _progress(done: int, total: int) -> None:
    if total:
        print(f"\rEmbedding texts: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def _load(args) -> tuple:
    from .settings import Settings
    from .survey import load_history, load_survey

    issues: list[Issue] = []
    settings = Settings()
    if args.settings:
        try:
            settings = Settings.from_json(Path(args.settings).read_bytes())
        except OSError as err:
            raise InputError([Issue("fatal", f"Could not read the settings file ({err.strerror}).", "Check the path.")])
    if getattr(args, "embedder", None):
        settings = settings.replace(embedder=args.embedder)
    if not Path(args.survey).is_file():
        raise InputError([Issue("fatal", f"No file at '{args.survey}'.", "Check the path to the survey export.")])
    survey = load_survey(args.survey)
    issues += survey.issues
    history = None
    if getattr(args, "history", None):
        if not Path(args.history).is_file():
            raise InputError([Issue("fatal", f"No history file at '{args.history}'.", "Check the path.")])
        history, hist_issues = load_history(args.history)
        issues += hist_issues
    if has_fatal(issues):
        raise InputError(issues)
    return survey, settings, history, issues


def cmd_pair(args) -> int:
    from .embedding import Embedder
    from .export import to_csv_bytes
    from .metrics import round_metrics
    from .pipeline import embed_participants, run_round

    survey, settings, history, issues = _load(args)
    warnings = [i for i in issues if i.severity == "warning"]
    if warnings:
        print(f"{len(warnings)} fixable problem(s) in the input (repaired or skipped):", file=sys.stderr)
        _print_issues(warnings)
    embedder = Embedder(settings.embedder)
    vectors = embed_participants(survey.participants, embedder, progress=_progress)
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
    _print_issues([i for i in result.issues])
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


def cmd_score(args) -> int:
    import pandas as pd

    from .embedding import Embedder
    from .pipeline import embed_participants
    from .scoring import combine, compute_signals

    survey, settings, _, _ = _load(args)
    embedder = Embedder(settings.embedder)
    vectors = embed_participants(survey.participants, embedder, progress=_progress)
    if embedder.warning_:
        print(f"WARNING: {embedder.warning_}", file=sys.stderr)
    score = combine(compute_signals(survey.participants, vectors, settings), settings.weights)
    ids = survey.participants["id"].astype(str).tolist()
    pd.DataFrame(score, index=ids, columns=ids).round(6).to_csv(args.out)
    print(f"Wrote the {len(ids)} x {len(ids)} score matrix to {args.out}.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching", description="Pairwise: fair, explainable pairings from a survey export.")
    sub = parser.add_subparsers(dest="command", required=True)
    pair = sub.add_parser("pair", help="pair the participants of a survey")
    pair.add_argument("survey", help="survey export (CSV or XLSX)")
    pair.add_argument("--out", required=True, help="where to write the pairings CSV (one row per participant)")
    pair.add_argument("--settings", help="settings JSON (as downloaded from the dashboard)")
    pair.add_argument("--history", help="CSV/XLSX of earlier rounds' pairings (round, id_a/email_a, id_b/email_b)")
    pair.add_argument("--embedder", choices=["minilm", "tfidf"], help="text model (default: settings, minilm)")
    pair.add_argument("--json", help="also write a JSON summary (metrics, unmatched, issues)")
    pair.set_defaults(func=cmd_pair)
    score = sub.add_parser("score", help="write the combined pair-score matrix")
    score.add_argument("survey")
    score.add_argument("--out", required=True)
    score.add_argument("--settings")
    score.add_argument("--embedder", choices=["minilm", "tfidf"])
    score.set_defaults(func=cmd_score)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        print("Cannot pair this input:", file=sys.stderr)
        _print_issues([i for i in err.issues if i.severity == "fatal"] or err.issues)
        return 2


if __name__ == "__main__":
    sys.exit(main())
