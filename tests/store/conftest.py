"""Fixtures for the store tests: a generated corpus on disk (PostgreSQL fixtures are in tests/conftest.py,
shared with the ledger tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import write_corpus


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, 40)
    return root
