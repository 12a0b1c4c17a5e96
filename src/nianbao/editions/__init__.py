"""The editions of the form as data, and lookup by key or by report year."""

from __future__ import annotations

from .e2019 import E2019
from .e2021 import E2021
from .form import (
    ACTIVE,
    APPLICATIONS,
    REVIEW,
    ActiveTable,
    ApplicationsTable,
    Block,
    Column,
    Edition,
    ReviewTable,
    Row,
    Section,
)
from .labels import LabelIndex, Match, core_key, label_key
from .legacy import LEGACY

EDITIONS: dict[str, Edition] = {E2019.key: E2019, E2021.key: E2021}


def edition_for_year(year: int) -> Edition:
    """The edition a report of this statistics year must use (spec §1)."""
    return E2019 if year < E2021.first_year else E2021


def get(key: str) -> Edition:
    return EDITIONS[key]


def resolve(key: str | None, year: int | None) -> Edition:
    """The edition a report uses: its own when known, else the one its year requires, else the current."""
    if key in EDITIONS:
        return EDITIONS[key]
    return edition_for_year(year) if year else E2021


__all__ = [
    "ACTIVE",
    "APPLICATIONS",
    "E2019",
    "E2021",
    "EDITIONS",
    "LEGACY",
    "REVIEW",
    "ActiveTable",
    "ApplicationsTable",
    "Block",
    "Column",
    "Edition",
    "LabelIndex",
    "Match",
    "ReviewTable",
    "Row",
    "Section",
    "core_key",
    "edition_for_year",
    "get",
    "label_key",
    "resolve",
]
