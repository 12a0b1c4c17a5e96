"""Rules: small pure checks of a Report, each registered with id, severity, description and source."""

from __future__ import annotations

from . import arithmetic, contents, crossyear, generic, prose, structure, t2, t3, text, timeliness, values
from .registry import REGISTRY, Rule, run_pair_rules, run_rules

__all__ = [
    "REGISTRY",
    "Rule",
    "arithmetic",
    "contents",
    "crossyear",
    "generic",
    "prose",
    "run_pair_rules",
    "run_rules",
    "structure",
    "t2",
    "t3",
    "text",
    "timeliness",
    "values",
]
