"""The web application's tables, in the same database as the store: accounts and their sessions, the
append-only audit log, uploaded source files, corrections of misread cells, and the annual report
drafts with their review status. Migration `0004_web` creates exactly these."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .schema import Base


class UserRow(Base):
    """An account: one role, scoped to one organ (and, for a 公开办, every organ under it)."""

    __tablename__ = "web_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    organ_id: Mapped[int] = mapped_column(ForeignKey("organs.id"))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    # SHA-256 of the bearer token `nianbao user token` printed (the token itself is never stored).
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SessionRow(Base):
    """A signed-in browser: only the SHA-256 of the cookie's random token is kept."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """One change: who, when, what, and the state before and after as JSON. Never updated or deleted
    (the migration adds triggers that refuse both)."""

    __tablename__ = "web_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(200))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class UploadRow(Base):
    """The bytes of an uploaded report, so its pages can be shown; the name is for people only."""

    __tablename__ = "web_uploads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organs.id"), index=True)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)


class CorrectionRow(Base):
    """A misread cell set right by a person: the old value is kept beside the new one."""

    __tablename__ = "web_corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    cell: Mapped[str] = mapped_column(String(160))
    old: Mapped[str | None] = mapped_column(String(40))
    new: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime)


class DraftRow(Base):
    """An organ's annual report for a year as it is written in the browser, and where it stands in
    review: draft → submitted → returned (with 整改意见) or published."""

    __tablename__ = "web_drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ_id: Mapped[int] = mapped_column(ForeignKey("organs.id"))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    document: Mapped[str] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    # Findings of the document as last saved, so the 公开办 page lists many units without re-checking.
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("organ_id", "year", name="uq_web_drafts_organ_year"),)


class SettingRow(Base):
    """Server-wide values every worker must share (the key that signs CSRF tokens)."""

    __tablename__ = "web_settings"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


users_t = cast(Table, UserRow.__table__)
sessions_t = cast(Table, SessionRow.__table__)
audit_t = cast(Table, AuditRow.__table__)
uploads_t = cast(Table, UploadRow.__table__)
corrections_t = cast(Table, CorrectionRow.__table__)
drafts_t = cast(Table, DraftRow.__table__)
settings_t = cast(Table, SettingRow.__table__)
