"""The first schema: organs, reports, cells, findings, failures.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("level", sa.String(20)),
        sa.Column("province", sa.String(100)),
        sa.Column("city", sa.String(100)),
        sa.Column("county", sa.String(100)),
        sa.Column("township", sa.String(100)),
        sa.Column("department", sa.String(200)),
        sa.Column("region", sa.String(400)),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("organ_id", sa.Integer, sa.ForeignKey("organs.id")),
        sa.Column("organ", sa.String(200)),
        sa.Column("year", sa.Integer),
        sa.Column("edition", sa.String(10)),
        sa.Column("title", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("infos", sa.Integer, nullable=False),
        sa.Column("document", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_reports_organ_year", "reports", ["organ_id", "year"])
    op.create_table(
        "cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tbl", sa.String(40), nullable=False),
        sa.Column("row", sa.String(60), nullable=False),
        sa.Column("col", sa.String(60), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("exact", sa.String(40)),
        sa.Column("text", sa.Text),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
        sa.UniqueConstraint("report_id", "tbl", "row", "col", name="uq_cells_report_cell"),
    )
    op.create_index("ix_cells_report_id", "cells", ["report_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("cells", sa.Text, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
    )
    op.create_index("ix_findings_report_id", "findings", ["report_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("failures", "findings", "cells", "reports", "organs"):
        op.drop_table(table)
