"""Markers for tests that need an outside program: skipped with a reason on a user's machine without
it, but run (and so fail loudly) in CI, where the project's own scripts must have installed it."""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def requires(available: bool, reason: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not available and not IN_CI, reason=reason)
