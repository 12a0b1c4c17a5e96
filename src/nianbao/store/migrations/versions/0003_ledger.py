"""The ledger: books (one per organ), cases, append-only events, register entries, frozen years, audit.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_books",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("organ_id", sa.Integer, sa.ForeignKey("organs.id"), nullable=False, unique=True),
        sa.Column("organ", sa.String(200), nullable=False),
        sa.Column("opening_year", sa.Integer, nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
    )
    op.create_table(
        "ledger_cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "book_id", sa.Integer, sa.ForeignKey("ledger_books.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("applicant_type", sa.String(20), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.UniqueConstraint("book_id", "number", name="uq_ledger_cases_number"),
    )
    op.create_index("ix_ledger_cases_book_received", "ledger_cases", ["book_id", "received_on"])
    op.create_table(
        "ledger_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("ledger_cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("replaces", sa.Integer, sa.ForeignKey("ledger_events.id")),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False),
    )
    op.create_index("ix_ledger_events_case_id", "ledger_events", ["case_id"])
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "book_id", sa.Integer, sa.ForeignKey("ledger_books.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.UniqueConstraint("book_id", "register", "number", name="uq_ledger_entries_number"),
    )
    op.create_table(
        "ledger_frozen",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "book_id", sa.Integer, sa.ForeignKey("ledger_books.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("tables", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("book_id", "year", "version", name="uq_ledger_frozen_version"),
    )
    op.create_table(
        "ledger_audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "book_id", sa.Integer, sa.ForeignKey("ledger_books.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_ledger_audit_book_id", "ledger_audit", ["book_id"])


def downgrade() -> None:
    for table in ("ledger_audit", "ledger_frozen", "ledger_entries", "ledger_events", "ledger_cases"):
        op.drop_table(table)
    op.drop_table("ledger_books")
