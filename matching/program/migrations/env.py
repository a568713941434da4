"""Alembic environment: run by :func:`matching.program.store.upgrade` on a connection it passes in."""

from alembic import context

from matching.program.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
