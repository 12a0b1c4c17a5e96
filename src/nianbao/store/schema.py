"""The database tables: organs, report versions (one per file hash), their cells and findings, and
every file that could not be read. The Alembic migrations in `migrations/` create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Organ(Base):
    """One issuing organ across years: `key` is its identity (nianbao.organs), `name` the normalised name
    it was first stored under."""

    __tablename__ = "organs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    key: Mapped[str] = mapped_column(String(400))
    display_name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(20))
    province: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    county: Mapped[str | None] = mapped_column(String(100))
    township: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(400))
    __table_args__ = (Index("uq_organs_key", "key", unique=True),)


class ReportRow(Base):
    """One version of one report: the file it was read from (by content hash) and what it holds."""

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    organ_id: Mapped[int | None] = mapped_column(ForeignKey("organs.id"))
    organ: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    edition: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    # 1 for the first file of an organ and year, 2 for the next one ingested, and so on.
    version: Mapped[int] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    infos: Mapped[int] = mapped_column(Integer)
    # The whole Report as zlib-compressed contract JSON, so it can be rebuilt without loss.
    document: Mapped[bytes] = mapped_column(LargeBinary)
    # Two ingests at once must not both store version n of an organ's year: the second one retries.
    __table_args__ = (
        Index("ix_reports_organ_year", "organ_id", "year"),
        Index("uq_reports_organ_year_version", "organ_id", "year", "version", unique=True),
    )


class CellRow(Base):
    __tablename__ = "cells"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row: Mapped[str] = mapped_column(String(60))
    col: Mapped[str] = mapped_column(String(60))
    # `value` is for arithmetic; `exact` keeps the number as read (an amount is not a binary float).
    value: Mapped[float | None] = mapped_column(Float)
    exact: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("report_id", "tbl", "row", "col", name="uq_cells_report_cell"),)


class ReportTotalsRow(Base):
    """The numbers the statistics add up, one row per report version (store/totals.py: which cells feed
    which total), filled at ingest so that `stats` is one GROUP BY over reports, not over their cells."""

    __tablename__ = "report_totals"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    received: Mapped[float] = mapped_column(Float)
    carried_over: Mapped[float] = mapped_column(Float)
    handled: Mapped[float] = mapped_column(Float)
    granted: Mapped[float] = mapped_column(Float)
    partial: Mapped[float] = mapped_column(Float)
    denied: Mapped[float] = mapped_column(Float)
    unable: Mapped[float] = mapped_column(Float)
    not_processed: Mapped[float] = mapped_column(Float)
    other: Mapped[float] = mapped_column(Float)
    review_total: Mapped[float] = mapped_column(Float)
    review_corrected: Mapped[float] = mapped_column(Float)
    litigation_total: Mapped[float] = mapped_column(Float)
    litigation_corrected: Mapped[float] = mapped_column(Float)


class FindingRow(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    cells: Mapped[str] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)


class FailureRow(Base):
    """A file that could not be read, with the reason for people; keyed by content like a report."""

    __tablename__ = "failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


# The ledger's tables (ledger/schema.py, beside its package) and the web application's accounts, sessions,
# audit log, uploads and drafts (web_tables.py: the web is a shell above the store, so its tables live
# here) are on this Base and migrated in the same chain; importing them here makes Base.metadata describe
# the whole database.
from ..ledger import schema as _ledger_schema  # noqa: E402, F401
from . import web_tables as _web_tables  # noqa: E402, F401
