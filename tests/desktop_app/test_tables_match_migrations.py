"""The SQLModel tables and the database the migrations build describe the same schema: Alembic's
``compare_metadata`` finds no difference (a column added to a table without a migration, or a
migration that changes what the tables do not say, fails here)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import desktop_app.store.tables  # noqa: F401 - registers the tables on SQLModel.metadata
from desktop_app.services.book import Casebook

# Tables the migrations make that the ORM never maps: the full-text index (FTS5 virtual table
# and its shadow tables, written by triggers) and Alembic's own bookkeeping.
NOT_MAPPED_PREFIXES = ("search_", "alembic_version")


def _include(obj: object, name: str | None, type_: str, reflected: bool,
             compare_to: object) -> bool:
    if type_ == "table" and name is not None and name.startswith(NOT_MAPPED_PREFIXES):
        return False
    table = getattr(obj, "table", None)
    return not (type_ in {"index", "column"} and table is not None
                and str(table.name).startswith(NOT_MAPPED_PREFIXES))


def test_the_tables_match_what_the_migrations_build(data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        engine = sa.create_engine(f"sqlite:///{book.paths.database}")
        try:
            with engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={
                    "compare_type": True, "include_object": _include})
                differences = compare_metadata(context, SQLModel.metadata)
        finally:
            engine.dispose()
    assert differences == []


def test_a_column_the_migrations_lack_is_found(data_dir: Path) -> None:
    """The comparison has teeth: metadata with one column more than the database differs."""
    metadata = sa.MetaData()
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(metadata)
    sa.Table("event", metadata).append_column(sa.Column("mood", sa.String(20)))
    with Casebook.open(data_dir) as book:
        engine = sa.create_engine(f"sqlite:///{book.paths.database}")
        try:
            with engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"include_object": _include})
                differences = compare_metadata(context, metadata)
        finally:
            engine.dispose()
    assert [(d[0], d[3].name) for d in differences if d[0] == "add_column"] == [
        ("add_column", "mood")]
