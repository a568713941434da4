"""The history store's tables (SQLAlchemy Core), one program = one organizer's series of rounds.

Nothing here holds embeddings or free text the organizer did not export: a round participant's
``profile`` is the canonical survey fields of that round (so "keep me registered" people can be
carried into the next round), and emails live only on ``people`` and only when a file had them.
The schema changes only through the Alembic migrations in ``migrations/versions``.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, UniqueConstraint)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

programs = Table(
    "programs", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("program_id", Integer, ForeignKey("programs.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),      # normalised name, for identity by name
    Column("email", String(320)),                          # lowercased; only when a file had it
    Column("external_id", String(200)),                    # the survey's respondent id, when it had one
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_people_program_email", "program_id", "email"),
    Index("ix_people_program_name_key", "program_id", "name_key"),
    Index("ix_people_program_external_id", "program_id", "external_id"),
)

rounds = Table(
    "rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("program_id", Integer, ForeignKey("programs.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("held_on", Date),                               # the round's date, when known
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("source", String(20), nullable=False),          # "published" or "imported"
    Column("settings_json", Text),                         # the settings the round was solved with
    UniqueConstraint("program_id", "number", name="uq_rounds_program_number"),
)

round_participants = Table(
    "round_participants", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("source_id", String(200)),                      # the participant id in that round's survey
    Column("status", String(20), nullable=False),          # paired, grouped, bye, unmatched, triad-third, paused
    Column("reason", Text, nullable=False, default=""),
    Column("score", Float),                                # their group's match score
    Column("keep_registered", Boolean),
    Column("profile", Text),                               # JSON: canonical survey fields of that round
    UniqueConstraint("round_id", "person_id", name="uq_round_participants_round_person"),
    Index("ix_round_participants_person", "person_id"),
)

groups = Table(
    "groups", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(40), nullable=False),
    Column("score", Float),
    Index("ix_groups_round", "round_id"),
)

group_members = Table(
    "group_members", metadata,
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
)

feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True),
    Column("program_id", Integer, ForeignKey("programs.id", ondelete="CASCADE"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("rater_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("partner_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("rating", Float),
    Column("met", Boolean),
    Column("comment", Text, nullable=False, default=""),
    UniqueConstraint("program_id", "round", "rater_id", "partner_id", name="uq_feedback_meeting"),
)

pauses = Table(
    "pauses", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("kind", String(10), nullable=False),            # "pause" (until a date) or "opt_out"
    Column("until", Date),
    Column("set_at", DateTime(timezone=True), nullable=False),
)

TABLES = (programs, people, rounds, round_participants, groups, group_members, feedback, pauses)
