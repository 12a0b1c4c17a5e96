"""The store: reports, their versions (by file hash), cells, findings, organs and failed files in
SQLite or PostgreSQL, filled by an idempotent, crash-safe, parallel ingest."""

from __future__ import annotations

from .ingest import IngestSummary, ingest
from .organs import OrganMapping, Place, infer_place, load_mapping, normalise
from .store import Store, StoredReport, open_store

__all__ = [
    "IngestSummary",
    "OrganMapping",
    "Place",
    "Store",
    "StoredReport",
    "infer_place",
    "ingest",
    "load_mapping",
    "normalise",
    "open_store",
]
