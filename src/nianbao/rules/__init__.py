"""Rules: small pure checks of a Report, each registered with id, severity, description and source."""

from __future__ import annotations

from . import arithmetic, structure, values
from .registry import REGISTRY, Rule, run_rules

__all__ = ["REGISTRY", "Rule", "arithmetic", "run_rules", "structure", "values"]
