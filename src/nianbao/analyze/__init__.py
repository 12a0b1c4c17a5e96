"""Analyses over the store: aggregate statistics, tidy and wide exports, and charts."""

from __future__ import annotations

from .stats import GROUPINGS, StatsRow, compute_stats, top_organs

__all__ = ["GROUPINGS", "StatsRow", "compute_stats", "top_organs"]
