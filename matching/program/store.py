"""The history store: open a database (SQLite by default, any SQLAlchemy URL), keep its schema
current with the packaged Alembic migrations, and read a program's rounds back.

Writing a round lives in :mod:`matching.program.publish`; importing past rounds in
:mod:`matching.program.imports`; the backup in :mod:`matching.program.backup`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError

from ..issues import InputError, Issue
from . import schema as t
from .identity import IdentityIndex, Known

ENV_URL = "PAIRWISE_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
SIT_OUT = ("bye", "unmatched", "triad-third")   # statuses that put a person first in line next round


def default_url() -> str:
    """The embedded database: an SQLite file in the user's data directory."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("pairwise", appauthor=False))
    return f"sqlite:///{folder / 'pairwise.db'}"


def resolve_url(url: str | None = None) -> str:
    """``url`` if given, else ``$PAIRWISE_DATABASE_URL``, else the embedded SQLite file."""
    return url or os.environ.get(ENV_URL) or default_url()


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the given database URL"


def _fatal(message: str, fix: str = "") -> InputError:
    return InputError([Issue("fatal", message, fix)])


def now() -> datetime:
    return datetime.now(timezone.utc)


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise _fatal(f"'{url[:80]}' is not a database URL.",
                     "Use e.g. sqlite:///path/to/pairwise.db or postgresql+psycopg://user@host/dbname.") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise _fatal(f"Cannot create the database folder {folder} ({err.strerror}).",
                             "Choose a writable place for the --db file.") from None
        engine = create_engine(parsed, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record):  # pragma: no cover - driver callback
            dbapi_connection.isolation_level = None   # let the BEGIN below decide
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

        @event.listens_for(engine, "begin")
        def _begin(conn):  # pragma: no cover - driver callback
            # A writer takes the write lock at the start, so two publishes queue instead of deadlocking.
            write = conn.get_execution_options().get("pairwise_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ImportError, ArgumentError) as err:
        raise _fatal(f"Cannot use the database {safe_url(url)}: {err}.",
                     "Install its driver (PostgreSQL: psycopg) or use an sqlite:/// URL.") from None


class Store:
    """A program history database.

    Constructors store, methods compute: opening only builds the engine; :meth:`ready` checks and
    upgrades the schema (every public method calls it first).

    Parameters
    ----------
    url : str, optional
        Any SQLAlchemy URL (``sqlite:///file.db``, ``postgresql+psycopg://user@host/db``); default
        :func:`resolve_url`.
    """

    def __init__(self, url: str | None = None):
        self.url = resolve_url(url)
        self.engine = _engine(self.url)
        self._ready = False

    def __repr__(self) -> str:
        return f"Store({safe_url(self.url)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> str | None:
        """The database's Alembic revision (None for an empty database)."""
        from alembic.migration import MigrationContext

        with self._connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def ready(self) -> "Store":
        """Create or upgrade the schema; refuse a database written by a newer Pairwise."""
        if self._ready:
            return self
        from alembic import command
        from alembic.script import ScriptDirectory
        from alembic.util import CommandError

        script = ScriptDirectory.from_config(_alembic_config())
        head = script.get_current_head()
        current = self.schema_version()
        if current is not None:
            try:
                known = script.get_revision(current) is not None
            except CommandError:
                known = False
            if not known:
                raise _fatal(f"The database {safe_url(self.url)} was written by a newer version of Pairwise "
                             f"(schema '{current}'; this version knows up to '{head}').",
                             "Upgrade Pairwise, or use another database with --db.")
        elif self._has_foreign_tables():
            raise _fatal(f"The database {safe_url(self.url)} already holds tables that are not Pairwise's.",
                         "Use an empty database or a Pairwise database file.")
        if current != head:
            from alembic.migration import MigrationContext

            with self._begin() as conn:
                if conn.dialect.name == "postgresql":
                    # Two first starts at once: one migrates, the other waits and finds it done.
                    conn.execute(text("SELECT pg_advisory_xact_lock(7202261)"))
                if MigrationContext.configure(conn).get_current_revision() != head:
                    command.upgrade(_alembic_config(conn), "head")
        self._ready = True
        return self

    def _has_foreign_tables(self) -> bool:
        with self._connect() as conn:
            names = set(inspect(conn).get_table_names())
        return bool(names & {tb.name for tb in t.TABLES})

    def _connect(self):
        try:
            return self.engine.connect()
        except OperationalError as err:
            raise _fatal(f"Could not open the database {safe_url(self.url)} ({_short(err)}).",
                         "Check the --db URL (or PAIRWISE_DATABASE_URL), that the server runs and the file is writable.") from None

    @contextmanager
    def _begin(self):
        """A write transaction: committed when the block ends, rolled back (nothing written) on any error."""
        with self._connect() as conn:
            conn.execution_options(pairwise_write=True)
            try:
                trans = conn.begin()
            except OperationalError as err:
                raise _fatal(f"Could not write to the database {safe_url(self.url)} ({_short(err)}).",
                             "Check that the server runs and the file is writable.") from None
            with trans:
                yield conn

    # --- programs -------------------------------------------------------------------------------
    def programs(self) -> pd.DataFrame:
        """One row per program: name, rounds, people, last round date."""
        self.ready()
        q = (select(t.programs.c.id, t.programs.c.name, t.programs.c.created_at,
                    func.count(t.rounds.c.id.distinct()).label("rounds"), func.max(t.rounds.c.number).label("last_round"))
             .select_from(t.programs.outerjoin(t.rounds)).group_by(t.programs.c.id).order_by(t.programs.c.name))
        with self._connect() as conn:
            return pd.DataFrame(conn.execute(q).mappings().all(), columns=["id", "name", "created_at", "rounds", "last_round"])

    def program_id(self, name: str, *, create: bool = False, conn=None) -> int | None:
        """The id of program ``name``; with ``create``, make it when missing."""
        self.ready()
        name = check_program_name(name)
        if conn is None:
            with (self._begin() if create else self._connect()) as own:
                return self.program_id(name, create=create, conn=own)
        found = conn.execute(select(t.programs.c.id).where(t.programs.c.name == name)).scalar()
        if found is None and create:
            try:
                with conn.begin_nested():
                    found = conn.execute(t.programs.insert().values(name=name, created_at=now())
                                         .returning(t.programs.c.id)).scalar_one()
            except IntegrityError:  # created by a concurrent publish a moment ago
                found = conn.execute(select(t.programs.c.id).where(t.programs.c.name == name)).scalar_one()
        return found

    def require_program(self, name: str) -> int:
        """The id of an existing program, or a plain error naming the ones that exist."""
        pid = self.program_id(name)
        if pid is None:
            names = self.programs()["name"].tolist()
            raise _fatal(f"There is no program called '{name}' in {safe_url(self.url)}.",
                         f"Existing programs: {', '.join(names)}." if names else "Publish a round to create it.")
        return pid

    # --- reading ------------------------------------------------------------------------------
    def known_people(self, program: str, conn=None) -> IdentityIndex:
        """An identity index over the program's people (read on ``conn`` when given)."""
        pid = self.program_id(program, conn=conn) if conn is not None else self.program_id(program)
        if pid is None:
            return IdentityIndex([])
        q = select(t.people.c.id, t.people.c.name, t.people.c.email, t.people.c.external_id).where(t.people.c.program_id == pid)
        if conn is None:
            with self._connect() as own:
                rows = own.execute(q).all()
        else:
            rows = conn.execute(q).all()
        return IdentityIndex([Known(r.id, r.name, r.email, r.external_id) for r in rows])

    def people(self, program: str) -> pd.DataFrame:
        """The program's people with their pause state: person_id, name, email, external_id, status, until."""
        pid = self.require_program(program)
        q = (select(t.people.c.id.label("person_id"), t.people.c.name, t.people.c.email, t.people.c.external_id,
                    t.pauses.c.kind, t.pauses.c.until)
             .select_from(t.people.outerjoin(t.pauses)).where(t.people.c.program_id == pid).order_by(t.people.c.id))
        with self._connect() as conn:
            df = pd.DataFrame(conn.execute(q).mappings().all(),
                              columns=["person_id", "name", "email", "external_id", "kind", "until"])
        return df

    def rounds(self, program: str) -> pd.DataFrame:
        """One row per round: number, date, source, published_at, participants, groups."""
        pid = self.require_program(program)
        n_people = (select(func.count()).select_from(t.round_participants)
                    .where(t.round_participants.c.round_id == t.rounds.c.id).scalar_subquery())
        n_groups = (select(func.count()).select_from(t.groups)
                    .where(t.groups.c.round_id == t.rounds.c.id).scalar_subquery())
        q = (select(t.rounds.c.number.label("round"), t.rounds.c.held_on, t.rounds.c.source, t.rounds.c.published_at,
                    n_people.label("participants"), n_groups.label("groups"))
             .where(t.rounds.c.program_id == pid).order_by(t.rounds.c.number))
        with self._connect() as conn:
            return pd.DataFrame(conn.execute(q).mappings().all(),
                                columns=["round", "held_on", "source", "published_at", "participants", "groups"])

    def meetings(self, program: str) -> pd.DataFrame:
        """Who met whom: one row per pair per round.

        Returns
        -------
        DataFrame
            ``round, a, b`` (person ids, a < b), ``name_a, name_b, email_a, email_b, group``.
        """
        pid = self.require_program(program)
        gm2 = t.group_members.alias("gm2")
        q = (select(t.rounds.c.number.label("round"), t.groups.c.label.label("group"),
                    t.group_members.c.person_id.label("a"), gm2.c.person_id.label("b"))
             .select_from(t.rounds.join(t.groups).join(t.group_members)
                          .join(gm2, (gm2.c.group_id == t.group_members.c.group_id)
                                & (gm2.c.person_id > t.group_members.c.person_id)))
             .where(t.rounds.c.program_id == pid).order_by(t.rounds.c.number, t.groups.c.label))
        with self._connect() as conn:
            pairs = pd.DataFrame(conn.execute(q).mappings().all(), columns=["round", "group", "a", "b"])
        people = self.people(program).set_index("person_id")
        for side in ("a", "b"):
            pairs[f"name_{side}"] = pairs[side].map(people["name"])
            pairs[f"email_{side}"] = pairs[side].map(people["email"])
        return pairs

    def participation(self, program: str) -> pd.DataFrame:
        """Every person in every round: round, person_id, name, source_id, status, reason, score, keep_registered, profile."""
        pid = self.require_program(program)
        rp = t.round_participants
        q = (select(t.rounds.c.number.label("round"), rp.c.person_id, t.people.c.name, rp.c.source_id, rp.c.status,
                    rp.c.reason, rp.c.score, rp.c.keep_registered, rp.c.profile)
             .select_from(rp.join(t.rounds).join(t.people, t.people.c.id == rp.c.person_id))
             .where(t.rounds.c.program_id == pid).order_by(t.rounds.c.number, rp.c.person_id))
        cols = ["round", "person_id", "name", "source_id", "status", "reason", "score", "keep_registered", "profile"]
        with self._connect() as conn:
            return pd.DataFrame(conn.execute(q).mappings().all(), columns=cols)

    def last_round(self, program: str) -> int:
        """The highest round number of a program (0 when it has none or does not exist)."""
        pid = self.program_id(program)
        if pid is None:
            return 0
        with self._connect() as conn:
            return int(conn.execute(select(func.max(t.rounds.c.number)).where(t.rounds.c.program_id == pid)).scalar() or 0)

    # --- roster -------------------------------------------------------------------------------------
    def set_pause(self, program: str, person_id: int, kind: str | None, until: date | None = None) -> None:
        """Pause a person until a date (``kind="pause"``), opt them out (``"opt_out"``) or clear both (None)."""
        if kind not in (None, "pause", "opt_out"):
            raise _fatal(f"The pause kind must be 'pause', 'opt_out' or none. Got {kind!r} instead.")
        if kind == "pause" and until is None:
            raise _fatal("A pause needs the date it ends.", "Give the first day the person can be matched again.")
        pid = self.require_program(program)
        with self._begin() as conn:
            owner = conn.execute(select(t.people.c.program_id).where(t.people.c.id == int(person_id))).scalar()
            if owner != pid:
                raise _fatal(f"Person {person_id} is not in the program '{program}'.")
            conn.execute(t.pauses.delete().where(t.pauses.c.person_id == int(person_id)))
            if kind is not None:
                conn.execute(t.pauses.insert().values(person_id=int(person_id), kind=kind,
                                                      until=until if kind == "pause" else None, set_at=now()))

    def merge_people(self, program: str, keep: int, other: int) -> None:
        """Confirm that two people of a program are one: ``other``'s rounds, groups, feedback and
        pause move to ``keep`` (which gains a missing email or survey id) and ``other`` is removed.

        Refused (nothing changes) when both took part in the same round.
        """
        pid = self.require_program(program)
        keep, other = int(keep), int(other)
        if keep == other:
            raise _fatal("Choose two different people to merge.")
        rp, gm, fb = t.round_participants, t.group_members, t.feedback
        with self._begin() as conn:
            rows = {r.id: r for r in conn.execute(select(t.people).where(t.people.c.id.in_([keep, other]))).all()}
            if any(rows.get(i) is None or rows[i].program_id != pid for i in (keep, other)):
                raise _fatal(f"Both people must belong to the program '{program}'.")
            both = conn.execute(select(rp.c.round_id).where(rp.c.person_id == keep)
                                .intersect(select(rp.c.round_id).where(rp.c.person_id == other))).all()
            if both:
                raise _fatal(f"{rows[keep].name} and {rows[other].name} both took part in the same round, so they are "
                             "two people.", "Merge only records of one person.")
            conn.execute(rp.update().where(rp.c.person_id == other).values(person_id=keep))
            conn.execute(gm.update().where(gm.c.person_id == other).values(person_id=keep))
            conn.execute(fb.update().where(fb.c.rater_id == other).values(rater_id=keep))
            conn.execute(fb.update().where(fb.c.partner_id == other).values(partner_id=keep))
            if conn.execute(select(t.pauses.c.id).where(t.pauses.c.person_id == keep)).first() is None:
                conn.execute(t.pauses.update().where(t.pauses.c.person_id == other).values(person_id=keep))
            fill = {k: getattr(rows[other], k) for k in ("email", "external_id")
                    if getattr(rows[keep], k) is None and getattr(rows[other], k) is not None}
            conn.execute(t.people.delete().where(t.people.c.id == other))
            if fill:
                conn.execute(t.people.update().where(t.people.c.id == keep).values(**fill))

    def feedback(self, program: str) -> pd.DataFrame:
        """Feedback in the contract shape: round, rater, partner (person ids as text), rating, met, comment."""
        pid = self.require_program(program)
        f = t.feedback
        q = select(f.c.round, f.c.rater_id, f.c.partner_id, f.c.rating, f.c.met, f.c.comment).where(f.c.program_id == pid)
        with self._connect() as conn:
            df = pd.DataFrame(conn.execute(q).all(), columns=["round", "rater", "partner", "rating", "met", "comment"])
        df["rater"], df["partner"] = df["rater"].astype(str), df["partner"].astype(str)
        df["rating"] = pd.to_numeric(df["rating"], errors="coerce").astype(float)
        df["comment"] = df["comment"].fillna("").astype(str)
        return df

    def add_feedback(self, program: str, rows: pd.DataFrame) -> int:
        """Store feedback rows (columns as :meth:`feedback`; rater/partner are person ids). Returns rows written.

        A second answer for the same meeting replaces the first. All rows are written in one transaction.
        """
        pid = self.require_program(program)
        problems = []
        records = []
        with self._begin() as conn:
            ids = set(conn.execute(select(t.people.c.id).where(t.people.c.program_id == pid)).scalars())
            for i, r in enumerate(rows.itertuples(index=False), start=2):
                rater, partner = _as_int(r.rater), _as_int(r.partner)
                if rater not in ids or partner not in ids:
                    problems.append(Issue("fatal", "The rater or partner is not a person of this program.",
                                          "Use the person ids shown on the History screen.", row=i))
                    continue
                rating = None if pd.isna(r.rating) else float(r.rating)
                if rating is not None and not 1 <= rating <= 5:
                    problems.append(Issue("fatal", f"The rating must be a number between 1 and 5. Got {rating:g} instead.",
                                          row=i, column="rating"))
                    continue
                met = None if pd.isna(r.met) else bool(r.met)
                records.append(dict(program_id=pid, round=int(r.round), rater_id=rater, partner_id=partner,
                                    rating=rating, met=met, comment=str(getattr(r, "comment", "") or "")))
            if problems:
                raise InputError(problems)
            for rec in records:
                conn.execute(t.feedback.delete().where(
                    (t.feedback.c.program_id == pid) & (t.feedback.c.round == rec["round"])
                    & (t.feedback.c.rater_id == rec["rater_id"]) & (t.feedback.c.partner_id == rec["partner_id"])))
            if records:
                conn.execute(t.feedback.insert(), records)
        return len(records)


@contextmanager
def plain_errors(url: str):
    """Turn a database failure in the block into an :class:`InputError` with a plain message."""
    try:
        yield
    except SQLAlchemyError as err:
        raise _fatal(f"The database {safe_url(url)} failed: {_short(err)}.",
                     "Check that the server runs and the file is writable, then try again.") from None


def check_program_name(name: object) -> str:
    """A program name, stripped; a plain error when blank or too long."""
    text = str(name or "").strip()
    if not text or len(text) > 200:
        raise _fatal(f"The program name must be 1 to 200 characters. Got {str(name)[:40]!r} instead.",
                     "Name the program, e.g. --program 'Coffee 2026'.")
    return text


def _as_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _short(err: SQLAlchemyError) -> str:
    text = str(getattr(err, "orig", err)).strip().splitlines()
    return text[0][:200] if text else type(err).__name__
