"""Organ identity and version uniqueness: `organs.key` (the identity nianbao.organs gives a name, unique)
and one row per (organ, year, version), so concurrent ingests cannot create an organ twice or store
two reports as the same version.

Existing organs get the key of their stored name; if two of them come out as one organ, the later one
keeps its own name as key (stored data is never merged by a migration). Duplicate versions left by
earlier concurrent ingests are renumbered in ingest order first.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nianbao.organs import identify

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _backfill_keys(connection: sa.Connection) -> None:
    taken: set[str] = set()
    for organ_id, name in connection.execute(sa.text("SELECT id, name FROM organs ORDER BY id")).all():
        key = identify(name).key
        if key in taken:
            key = f"={name}"
        taken.add(key)
        connection.execute(
            sa.text("UPDATE organs SET key = :key WHERE id = :id"), {"key": key, "id": organ_id}
        )


def _renumber_versions(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text(
            "SELECT id, organ_id, year, version FROM reports "
            "WHERE organ_id IS NOT NULL AND year IS NOT NULL ORDER BY organ_id, year, id"
        )
    ).all()
    counts: dict[tuple[int, int], int] = {}
    for report_id, organ_id, year, version in rows:
        expected = counts[(organ_id, year)] = counts.get((organ_id, year), 0) + 1
        if version != expected:
            connection.execute(
                sa.text("UPDATE reports SET version = :v WHERE id = :id"), {"v": expected, "id": report_id}
            )


def upgrade() -> None:
    connection = op.get_bind()
    # NOT NULL from the start, with a default for the rows already there (SQLite cannot alter a column
    # without rebuilding the table, which its foreign keys forbid); the store always sets the key.
    op.add_column("organs", sa.Column("key", sa.String(400), nullable=False, server_default=""))
    _backfill_keys(connection)
    if connection.dialect.name != "sqlite":
        op.alter_column("organs", "key", server_default=None)
    op.create_index("uq_organs_key", "organs", ["key"], unique=True)
    _renumber_versions(connection)
    op.create_index("uq_reports_organ_year_version", "reports", ["organ_id", "year", "version"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_reports_organ_year_version", table_name="reports")
    op.drop_index("uq_organs_key", table_name="organs")
    op.drop_column("organs", "key")
