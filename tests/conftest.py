"""Shared test fixtures: the real-report corpus beside the project, a real PostgreSQL server (started by
scripts/start-postgres.sh when none answers), and file helpers."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from tooling import IN_CI

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PG_ADMIN_URL = os.environ.get("NIANBAO_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus: skipped with a reason on a user's clone without it, a failure in CI."""
    if not CORPUS.is_dir():
        message = f"real-report corpus not found at {CORPUS}"
        if IN_CI:
            pytest.fail(message + " (CI must have ../shared beside the project)")
        pytest.skip(message)
    return CORPUS


def _pg_reachable() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The admin URL of a running PostgreSQL; started by the project's script if needed."""
    if not _pg_reachable():
        subprocess.run(["sh", str(ROOT / "scripts" / "start-postgres.sh")], check=False)
    if not _pg_reachable():
        message = f"no PostgreSQL server at {PG_ADMIN_URL} and scripts/start-postgres.sh could not start one"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return PG_ADMIN_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh database for one test, dropped afterwards."""
    name = f"nianbao_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        postgres_server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = postgres_server.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
