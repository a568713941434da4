"""Helpers shared by the command modules: printing issues, progress, loading the inputs."""

from __future__ import annotations

import sys
from pathlib import Path

from ..issues import InputError, Issue, has_fatal, sort_issues


def print_issues(issues: list[Issue], limit: int = 60) -> None:
    """Print issues on stderr, most severe first, at most ``limit`` of them."""
    issues = sort_issues(issues)
    for issue in issues[:limit]:
        print(issue.as_text(), file=sys.stderr)
    if len(issues) > limit:
        print(f"... and {len(issues) - limit} more.", file=sys.stderr)


def progress(done: int, total: int) -> None:
    """Embedding progress on one stderr line."""
    if total:
        print(f"\rEmbedding texts: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def load_settings(args):
    """Settings from ``--settings`` (if given) with ``--embedder`` applied on top."""
    from ..settings import Settings

    settings = Settings()
    if getattr(args, "settings", None):
        try:
            settings = Settings.from_json(Path(args.settings).read_bytes())
        except OSError as err:
            raise InputError([Issue("fatal", f"Could not read the settings file ({err.strerror}).", "Check the path.")])
    if getattr(args, "embedder", None):
        settings = settings.replace(embedder=args.embedder)
    return settings


def load_inputs(args) -> tuple:
    """Settings, survey and history named on the command line; raises ``InputError`` on fatal problems."""
    from ..survey import load_history, load_survey

    issues: list[Issue] = []
    settings = load_settings(args)
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
