"""The store: reports, their versions (by file hash), cells, findings, organs and failed files in
SQLite or PostgreSQL, filled by an idempotent, crash-safe, parallel ingest."""

from __future__ import annotations

from .ingest import IngestSummary, ingest
from .store import Store, StoredReport, open_store

__all__ = ["IngestSummary", "Store", "StoredReport", "ingest", "open_store"]
