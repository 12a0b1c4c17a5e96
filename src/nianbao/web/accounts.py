"""Accounts, sign-in with lockout, server-side sessions with idle and absolute timeouts, and bearer
tokens for scripts. Only hashes of passwords (argon2) and of tokens (SHA-256) are stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection, delete, insert, select, update

from ..store import Store
from ..store.store import organs_t
from ..store.web_tables import sessions_t, settings_t, users_t
from . import audit
from .permissions import Role, User
from .security import hash_password, needs_rehash, new_token, token_hash, verify_password


@dataclass(frozen=True)
class Policy:
    """等保-style limits; every number can be changed when the app is created."""

    max_failed_logins: int = 5
    lockout: timedelta = timedelta(minutes=15)
    idle_timeout: timedelta = timedelta(minutes=30)
    absolute_timeout: timedelta = timedelta(hours=8)
    min_password_length: int = 8


class AccountError(Exception):
    """A refusal with a message for people."""


def add_user(
    store: Store, name: str, role: Role, organ: str, password: str, policy: Policy = Policy()
) -> int:
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("用户名不能为空，也不能超过 100 个字符")
    if len(password) < policy.min_password_length:
        raise AccountError(f"密码至少 {policy.min_password_length} 个字符")
    organ_id = store.ensure_organ(organ)
    with store.engine.begin() as conn:
        if conn.scalar(select(users_t.c.id).where(users_t.c.name == name)) is not None:
            raise AccountError(f"用户“{name}”已存在")
        result = conn.execute(
            insert(users_t),
            {
                "name": name,
                "password_hash": hash_password(password),
                "role": role.value,
                "organ_id": organ_id,
                "failed_logins": 0,
                "created_at": audit.now(),
            },
        )
        key = result.inserted_primary_key
        assert key is not None
        audit.record(conn, "命令行", "user.add", f"user:{name}", None, {"role": role.value, "organ": organ})
        return int(key[0])


def issue_token(store: Store, name: str) -> str:
    """A new bearer token for a user (the previous one stops working); printed once, stored hashed."""
    token = new_token()
    with store.engine.begin() as conn:
        found = conn.scalar(select(users_t.c.id).where(users_t.c.name == name))
        if found is None:
            raise AccountError(f"没有用户“{name}”")
        conn.execute(update(users_t).where(users_t.c.id == found).values(token_hash=token_hash(token)))
        audit.record(conn, "命令行", "user.token", f"user:{name}")
    return token


def _user(store: Store, conn: Connection, user_id: int) -> User | None:
    row = conn.execute(
        select(users_t.c.id, users_t.c.name, users_t.c.role, users_t.c.organ_id, organs_t.c.display_name)
        .join(organs_t, organs_t.c.id == users_t.c.organ_id)
        .where(users_t.c.id == user_id)
    ).first()
    if row is None:
        return None
    role = Role(row.role)
    return User(
        id=row.id,
        name=row.name,
        role=role,
        organ_id=row.organ_id,
        organ=row.display_name,
        scope=frozenset(store.subtree(row.organ_id)),
    )


def user_by_name(store: Store, name: str) -> User | None:
    with store.engine.connect() as conn:
        found = conn.scalar(select(users_t.c.id).where(users_t.c.name == name))
        return None if found is None else _user(store, conn, int(found))


def sign_in(store: Store, name: str, password: str, policy: Policy) -> tuple[User, str]:
    """Check a password; on success a new session token (the cookie), else AccountError. After
    `max_failed_logins` wrong passwords in a row the account is locked for `lockout`."""
    refused = "用户名或密码不正确"
    moment = audit.now()
    problem: str | None = None
    # The failure count and its audit row must be committed, so the refusal is raised after the block.
    with store.engine.begin() as conn:
        row = conn.execute(select(users_t).where(users_t.c.name == name)).first()
        if row is None:
            audit.record(conn, name[:100], "login.failed", "user:?")
            problem = refused
        elif row.locked_until is not None and row.locked_until > moment:
            minutes = max(1, int((row.locked_until - moment).total_seconds() // 60) + 1)
            problem = f"登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试"
        elif not verify_password(row.password_hash, password):
            failed = row.failed_logins + 1
            locked = moment + policy.lockout if failed >= policy.max_failed_logins else None
            conn.execute(
                update(users_t)
                .where(users_t.c.id == row.id)
                .values(failed_logins=0 if locked else failed, locked_until=locked)
            )
            audit.record(conn, name, "login.locked" if locked else "login.failed", f"user:{name}")
            minutes = int(policy.lockout.total_seconds() // 60)
            problem = f"登录失败次数过多，账户已锁定 {minutes} 分钟" if locked else refused
        else:
            values: dict[str, object] = {"failed_logins": 0, "locked_until": None}
            if needs_rehash(row.password_hash):
                values["password_hash"] = hash_password(password)
            conn.execute(update(users_t).where(users_t.c.id == row.id).values(**values))
            token = new_token()
            conn.execute(
                insert(sessions_t),
                {"token_hash": token_hash(token), "user_id": row.id, "created_at": moment, "seen_at": moment},
            )
            audit.record(conn, name, "login", f"user:{name}")
            user_id = int(row.id)
    if problem is not None:
        raise AccountError(problem)
    with store.engine.connect() as conn:
        user = _user(store, conn, user_id)
    assert user is not None
    return user, token


def session_user(store: Store, token: str, policy: Policy) -> User | None:
    """The user of a live session (its idle clock restarted), or None when unknown or timed out."""
    moment = audit.now()
    digest = token_hash(token)
    with store.engine.begin() as conn:
        row = conn.execute(select(sessions_t).where(sessions_t.c.token_hash == digest)).first()
        if row is None:
            return None
        if moment - row.seen_at > policy.idle_timeout or moment - row.created_at > policy.absolute_timeout:
            conn.execute(delete(sessions_t).where(sessions_t.c.token_hash == digest))
            return None
        if moment - row.seen_at > timedelta(seconds=30):
            conn.execute(update(sessions_t).where(sessions_t.c.token_hash == digest).values(seen_at=moment))
        return _user(store, conn, row.user_id)


def token_user(store: Store, token: str) -> User | None:
    with store.engine.connect() as conn:
        found = conn.scalar(select(users_t.c.id).where(users_t.c.token_hash == token_hash(token)))
        return None if found is None else _user(store, conn, int(found))


def sign_out(store: Store, token: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(sessions_t).where(sessions_t.c.token_hash == token_hash(token)))


def server_secret(store: Store) -> str:
    """The key CSRF tokens are derived with: made once per database and shared by every worker."""
    with store.engine.begin() as conn:
        found = conn.scalar(select(settings_t.c.value).where(settings_t.c.name == "csrf_secret"))
        if found is not None:
            return str(found)
        secret = new_token()
        conn.execute(insert(settings_t), {"name": "csrf_secret", "value": secret})
        return secret
