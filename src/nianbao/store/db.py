"""Opening a store: an engine for a SQLite file or a PostgreSQL URL, migrated to the newest schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text

DEFAULT_URL = "sqlite:///nianbao.db"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(db: str | None) -> str:
    """A URL from what a user typed: a URL as is, a bare path as a SQLite file."""
    if not db:
        return DEFAULT_URL
    if "://" in db:
        if db.startswith("postgresql://") or db.startswith("postgres://"):
            # psycopg 3 is the driver we ship; SQLAlchemy would otherwise look for psycopg2.
            return "postgresql+psycopg://" + db.split("://", 1)[1]
        return db
    return f"sqlite:///{db}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module would commit DDL on its own; with its own transaction handling off and an
    # explicit BEGIN (below), creating the schema is one transaction too, so a kill cannot half-create it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers (stats while ingesting) run beside the writer; NORMAL keeps each commit
    # durable against a killed process (only a power cut can lose the last commits, never corrupt).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest Alembic revision (shipped inside the package), or to `revision`."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Two processes opening a fresh database at once must not both create the tables.
            connection.execute(text("SELECT pg_advisory_xact_lock(74656)"))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
