"""Shared fixtures for the program store tests: a database per test on SQLite and, when
PAIRWISE_TEST_DATABASE_URL is set, on a real PostgreSQL server (a fresh database per test)."""

from __future__ import annotations

import os
import uuid

import pandas as pd
import pytest

from matching.program import RoundRecord, Store

PG_ENV = "PAIRWISE_TEST_DATABASE_URL"


def backends() -> list:
    """pytest params: always SQLite; PostgreSQL when configured (never skipped silently in CI)."""
    params = [pytest.param("sqlite", id="sqlite")]
    url = os.environ.get(PG_ENV)
    if url:
        params.append(pytest.param("postgresql", id="postgresql"))
    elif os.environ.get("CI", "").lower() == "true":
        params.append(pytest.param("postgresql-missing", id="postgresql"))
    else:
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.skip(
            reason=f"{PG_ENV} is not set: start a server with scripts/start_postgres.sh and export its URL")))
    return params


def make_url(kind: str, tmp_path) -> tuple[str, callable]:
    """A fresh, empty database URL of the given kind and a function that drops it."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'program.db'}", lambda: None
    if kind == "postgresql-missing":
        pytest.fail(f"CI=true but {PG_ENV} is not set: .ci/run must start PostgreSQL (scripts/start_postgres.sh).")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url as parse

    base = parse(os.environ[PG_ENV])
    name = f"pw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=backends())
def db_url(request, tmp_path):
    url, drop = make_url(request.param, tmp_path)
    yield url
    drop()


@pytest.fixture
def store(db_url):
    s = Store(db_url).ready()
    yield s
    s.close()


def record(people: list[tuple], groups: dict[str, list[str]], scores: dict[str, float] | None = None) -> RoundRecord:
    """A round record from ``(source_id, name, email, status)`` tuples and ``{label: [source_id, ...]}``."""
    scores = scores or {}
    group_of = {m: g for g, ms in groups.items() for m in ms}
    rows = [{"source_id": sid, "name": name, "email": email, "keep_registered": True,
             "profile": '{"role": "Engineer", "summary": "builds things", "skills": "python"}',
             "status": status, "reason": "" if status in ("paired", "grouped", "triad-third") else f"{status} reason",
             "score": scores.get(group_of.get(sid), 0.5) if sid in group_of else None, "group": group_of.get(sid)}
            for sid, name, email, status in people]
    return RoundRecord(pd.DataFrame(rows), {g: (scores.get(g, 0.5), ms) for g, ms in groups.items()})


def five_people(prefix: str = "r1") -> RoundRecord:
    """Five people: two pairs and a bye."""
    people = [(f"{prefix}-a", "Ada Lovelace", "ada@example.org", "paired"),
              (f"{prefix}-b", "Bob Stone", "bob@example.org", "paired"),
              (f"{prefix}-c", "Chidi Okafor", "chidi@example.org", "paired"),
              (f"{prefix}-d", "Dana Kim", None, "paired"),
              (f"{prefix}-e", "Eve Martin", "eve@example.org", "bye")]
    return record(people, {"G001": [f"{prefix}-a", f"{prefix}-b"], "G002": [f"{prefix}-c", f"{prefix}-d"]})
