"""Alembic environment: always run programmatically by `nianbao.store.db`, on the connection it passes."""

from __future__ import annotations

from alembic import context

from nianbao.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
