"""Per-report totals for the statistics (`report_totals`, one row per report version: applications
received, carried over and handled, outcome groups, review and litigation with corrections), back-filled
for the reports already stored from their cells, so that `stats` sums one row per report in SQL.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from nianbao.store.totals import TOTALS, totals_query

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    totals = op.create_table(
        "report_totals",
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        *(sa.Column(name, sa.Float, nullable=False) for name in TOTALS),
    )
    meta = sa.MetaData()
    reports = sa.Table("reports", meta, sa.Column("id", sa.Integer))
    cells = sa.Table(
        "cells",
        meta,
        *(sa.Column(n, sa.String) for n in ("tbl", "row", "col")),
        sa.Column("report_id", sa.Integer),
        sa.Column("value", sa.Float),
    )
    op.get_bind().execute(sa.insert(totals).from_select(["report_id", *TOTALS], totals_query(reports, cells)))


def downgrade() -> None:
    op.drop_table("report_totals")
