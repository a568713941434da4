"""``pair --db URL --program NAME [--publish]``: a round of a program (history, roster, rotation)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pandas as pd

from ..issues import InputError, Issue


def wants_program(args) -> bool:
    """True when the command line names a program database."""
    return bool(getattr(args, "db", None) or getattr(args, "program", None) or getattr(args, "publish", False))


def check_args(args) -> list[Issue]:
    """Problems with the program flags, all at once."""
    problems = []
    if not getattr(args, "program", None):
        problems.append(Issue("fatal", "--db and --publish need --program NAME (the program whose rounds are the history).",
                              "Add e.g. --program 'Coffee 2026'."))
    if getattr(args, "history", None):
        problems.append(Issue("fatal", "Use either --history FILE or --db/--program, not both: with a program, "
                                       "its earlier rounds are the history.",
                              "Import the file into the program on the dashboard's History screen, or drop --db."))
    return problems


@dataclass
class ProgramSession:
    """One program round on the command line: the store, the roster, and the solve."""

    store: object
    ctx: object

    @property
    def participants(self) -> pd.DataFrame:
        return self.ctx.participants

    def solve(self, vectors, settings, signals=None):
        from ..program import solve_program_round

        self.round = solve_program_round(self.ctx, vectors, settings, signals=signals)
        return self.round.result

    def assignments(self, result) -> pd.DataFrame:
        """The round's rows plus one row per paused person, so everyone appears exactly once."""
        from ..program.roster import with_paused

        return with_paused(result.assignments, self.ctx.paused)

    def finish(self, result, publish: bool) -> None:
        from ..program import publish as do_publish, record_from_result
        from ..program.store import plain_errors

        if not publish:
            print(f"Not published (add --publish to store it as round {self.ctx.next_round} of "
                  f"'{self.ctx.program}').", file=sys.stderr)
            return
        with plain_errors(self.store.url):
            report = do_publish(self.store, self.ctx.program,
                                record_from_result(result, self.round.third, self.ctx.paused))
        print(report.summary(), file=sys.stderr)
        for note in report.uncertain:
            print(f"CHECK: {note.note}", file=sys.stderr)


def open_program(args, participants: pd.DataFrame) -> ProgramSession:
    """Open the store and assemble the next round of ``args.program``; raises InputError on bad flags."""
    from ..program import Store, prepare_round
    from ..program.store import plain_errors

    problems = check_args(args)
    if problems:
        raise InputError(problems)
    store = Store(args.db)
    with plain_errors(store.url):
        store.ready()
        ctx = prepare_round(store, args.program, participants)
    hist = len(ctx.history)
    print(f"Program '{ctx.program}' in {_safe(store)}: round {ctx.next_round}, {len(ctx.participants)} taking part "
          f"({len(ctx.carried)} carried, {len(ctx.paused)} paused), {hist} earlier meetings among them.", file=sys.stderr)
    return ProgramSession(store, ctx)


def _safe(store) -> str:
    from ..program import safe_url

    return safe_url(store.url)
