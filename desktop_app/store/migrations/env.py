"""Alembic environment: runs over the connection Casebook hands in (never its own engine)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import desktop_app.store.tables  # noqa: F401 - registers the tables on SQLModel.metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise RuntimeError("Casebook migrations run from desktop_app.store.engine.migrate(), "
                       "not alembic's CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
