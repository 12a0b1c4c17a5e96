"""Shared test fixtures: the real-report corpus beside the project, and file helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from tooling import IN_CI

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus: skipped with a reason on a user's clone without it, a failure in CI."""
    if not CORPUS.is_dir():
        message = f"real-report corpus not found at {CORPUS}"
        if IN_CI:
            pytest.fail(message + " (CI must have ../shared beside the project)")
        pytest.skip(message)
    return CORPUS
