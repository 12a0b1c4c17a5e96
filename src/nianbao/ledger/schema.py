"""The ledger's tables, in the same database (and the same Alembic chain) as the report store.

Cases and register entries keep their full record as contract JSON in `data` (the pydantic models of
cases.py and registers.py), with the columns lists and look-ups need beside it. Events are append-only:
a correction is a new event that `replaces` an earlier one. Every change is in `ledger_audit` with who,
when, and the record before and after.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.schema import Base


class BookRow(Base):
    """One organ's ledger: its first year, calendar regions, clock policy and document settings."""

    __tablename__ = "ledger_books"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organs.id"), unique=True)
    organ: Mapped[str] = mapped_column(String(200))
    opening_year: Mapped[int] = mapped_column(Integer)
    settings: Mapped[str] = mapped_column(Text)  # JSON: regions, policy, contact, 文号 pattern, …
    # Key of the HMAC that turns applicants' ID numbers into matchable hashes (never shown).
    secret: Mapped[str] = mapped_column(String(64))


class CaseRow(Base):
    __tablename__ = "ledger_cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("ledger_books.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(60))
    applicant_type: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date] = mapped_column(Date)
    data: Mapped[str] = mapped_column(Text)  # the Case without its events
    __table_args__ = (
        UniqueConstraint("book_id", "number", name="uq_ledger_cases_number"),
        Index("ix_ledger_cases_book_received", "book_id", "received_on"),
    )


class EventRow(Base):
    __tablename__ = "ledger_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ledger_cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    on: Mapped[date] = mapped_column(Date)
    data: Mapped[str] = mapped_column(Text)
    replaces: Mapped[int | None] = mapped_column(ForeignKey("ledger_events.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))


class EntryRow(Base):
    """An entry of a register: `active` (主动公开 items), `figure` (period figures), `appeal` (表四)."""

    __tablename__ = "ledger_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("ledger_books.id", ondelete="CASCADE"))
    register: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(60))
    data: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("book_id", "register", "number", name="uq_ledger_entries_number"),)


class FrozenRow(Base):
    """A year's tables as published (version 1) and as corrected after (versions 2, 3, …)."""

    __tablename__ = "ledger_frozen"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("ledger_books.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    tables: Mapped[str] = mapped_column(Text)  # JSON of the three tables
    sha256: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("book_id", "year", "version", name="uq_ledger_frozen_version"),)


class AuditRow(Base):
    __tablename__ = "ledger_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("ledger_books.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    who: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(100))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
