"""Command line dispatcher: ``python -m matching <command> ...``.

Each command lives in its own module of this package and exposes ``add_parser(sub)`` (adds its
subparser and ``set_defaults(run=run)``) and ``run(args) -> int`` (0 ok, 2 bad input with plain
messages on stderr). Modules named in ``COMMANDS`` that do not exist yet are skipped.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..issues import InputError
from ._common import print_issues

COMMANDS = ("pair", "score", "history", "plan", "learn", "suggest")


def _command_modules() -> list:
    """Import the command modules that exist, in ``COMMANDS`` order."""
    modules = []
    for name in COMMANDS:
        try:
            modules.append(importlib.import_module(f"{__name__}.{name}"))
        except ModuleNotFoundError as err:
            # Only a missing command module is skipped; a missing dependency inside one is a real error.
            if err.name != f"{__name__}.{name}":
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subcommand per available command module."""
    parser = argparse.ArgumentParser(prog="python -m matching",
                                     description="Pairwise: fair, explainable pairings from a survey export.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in _command_modules():
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the process exit code.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 when the input cannot be used (messages already printed on stderr).
    """
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as err:
        print("Cannot pair this input:", file=sys.stderr)
        print_issues([i for i in err.issues if i.severity == "fatal"] or err.issues)
        return 2
