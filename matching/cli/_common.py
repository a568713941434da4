"""Helpers shared by the command modules: printing issues, progress, loading the inputs."""

from __future__ import annotations

import os
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
    """Settings from ``--settings`` (if given) with ``--embedder`` and ``--candidates`` applied on top."""
    from ..settings import Settings

    settings = Settings()
    if getattr(args, "settings", None):
        try:
            settings = Settings.from_json(Path(args.settings).read_bytes())
        except OSError as err:
            raise InputError([Issue("fatal", f"Could not read the settings file ({err.strerror}).", "Check the path.")])
    if getattr(args, "embedder", None):
        settings = settings.replace(embedder=args.embedder)
    if getattr(args, "candidates", None):
        settings = settings.replace(candidates=args.candidates)
    return settings


def load_inputs(args) -> tuple:
    """Settings, survey and history named on the command line; raises ``InputError`` on fatal problems."""
    from ..intake import load_history, load_survey

    issues: list[Issue] = []
    settings = load_settings(args)
    if not Path(args.survey).is_file():
        raise InputError([Issue("fatal", f"No file at '{args.survey}'.", "Check the path to the survey export.")])
    survey = load_survey(args.survey, max_participants=int(settings.max_participants))
    issues += survey.issues
    history = None
    if getattr(args, "history", None):
        if not Path(args.history).is_file():
            raise InputError([Issue("fatal", f"No history file at '{args.history}'.", "Check the path.")])
        # Matched to this survey's people by id, email or name; a file naming nobody is refused.
        history, hist_issues = load_history(args.history, participants=survey.participants)
        issues += hist_issues
    if has_fatal(issues):
        raise InputError(issues)
    return survey, settings, history, issues


def check_outputs(*paths) -> None:
    """Refuse, before any work, output paths that cannot be written (every problem at once)."""
    issues = []
    for path in paths:
        if not path:
            continue
        target = Path(path)
        folder = target.parent if str(target.parent) else Path(".")
        if target.is_dir():
            issues.append(Issue("fatal", f"'{path}' is a folder, not a file.", "Give a file name to write to."))
        elif not folder.is_dir():
            issues.append(Issue("fatal", f"Cannot write '{path}': the folder '{folder}' does not exist.",
                                "Create the folder or choose another path."))
        elif not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
            issues.append(Issue("fatal", f"Cannot write '{path}': permission denied.",
                                "Choose a folder you can write to."))
    if issues:
        raise InputError(issues)
