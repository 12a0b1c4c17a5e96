"""The append-only audit log: every change with who, when, what, and the state before and after."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from ..store.web_tables import audit_t


def now() -> datetime:
    """UTC without a zone (both databases store naive timestamps the same way)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def record(
    conn: Connection, actor: str, action: str, target: str, before: Any = None, after: Any = None
) -> None:
    """One audit row, written inside the caller's transaction so the change and its record go together."""
    conn.execute(
        insert(audit_t),
        {
            "at": now(),
            "actor": actor,
            "action": action,
            "target": target,
            "before": _json(before),
            "after": _json(after),
        },
    )


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    target: str
    before: str | None
    after: str | None


def entries(conn: Connection, target_prefix: str | None = None, limit: int = 200) -> list[AuditEntry]:
    query = select(audit_t).order_by(audit_t.c.id.desc()).limit(limit)
    if target_prefix:
        query = query.where(audit_t.c.target.like(f"{target_prefix}%"))
    return [AuditEntry(r.at, r.actor, r.action, r.target, r.before, r.after) for r in conn.execute(query)]
