"""Organs: who issued a report. One home for organ identity (used by `check` to link years and by the
store to keep one row per organ), the place of an organ in the region tree (from China's division
table), its kind (government, township or department), and the `--organs` mapping file."""

from __future__ import annotations

from .identity import OrganIdentity, OrganMapping, OrganType, identify, organ_type, same_organ
from .mapping import MappingError, load_mapping
from .places import Place, normalise, place_of

__all__ = [
    "MappingError",
    "OrganIdentity",
    "OrganMapping",
    "OrganType",
    "Place",
    "identify",
    "load_mapping",
    "normalise",
    "organ_type",
    "place_of",
    "same_organ",
]
