"""``python -m matching history --db URL --program NAME --out HISTORY.csv``: who met whom, per round."""

from __future__ import annotations

import sys
from pathlib import Path

from ..issues import InputError, Issue

COLUMNS = ["round", "person_a", "person_b", "email_a", "email_b", "person_id_a", "person_id_b", "group"]


def add_parser(sub) -> None:
    """Add the ``history`` subcommand."""
    p = sub.add_parser("history", help="write who met whom in a program, one row per pair per round")
    p.add_argument("--db", help="program history database URL (default: $PAIRWISE_DATABASE_URL or a file in your data folder)")
    p.add_argument("--program", required=True, help="program name")
    p.add_argument("--out", required=True, help="where to write the history CSV")
    p.add_argument("--backup", help="also write the whole program (every table) as a zip of CSVs")
    p.set_defaults(run=run)


def history_table(store, program: str):
    """The program's meetings in the history file layout (names, emails where known, store person ids)."""
    m = store.meetings(program)
    out = m.rename(columns={"name_a": "person_a", "name_b": "person_b", "a": "person_id_a", "b": "person_id_b"})
    return out[COLUMNS]


def run(args) -> int:
    """Write the history CSV (and the backup zip when asked); 0 on success, 2 on bad input."""
    from ..program import Store, safe_url
    from ..program.store import plain_errors
    from ..program.backup import export_program
    from ..report.export import to_csv_bytes

    for path in filter(None, (args.out, args.backup)):
        folder = Path(path).expanduser().resolve().parent
        if not folder.is_dir():
            raise InputError([Issue("fatal", f"Cannot write '{path}': the folder {folder} does not exist.",
                                    "Create it or choose another --out path.")])
    store = Store(args.db)
    with plain_errors(store.url):
        store.ready()
        store.require_program(args.program)
        table = history_table(store, args.program)
        backup = export_program(store, args.program) if args.backup else None
    Path(args.out).write_bytes(to_csv_bytes(table))
    print(f"Wrote {len(table)} meetings over {table['round'].nunique()} round(s) of '{args.program}' "
          f"({safe_url(store.url)}) to {args.out}.", file=sys.stderr)
    if args.backup:
        Path(args.backup).write_bytes(backup)
        print(f"Wrote the whole program as a backup to {args.backup}.", file=sys.stderr)
    return 0
