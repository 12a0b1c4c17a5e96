"""The fill-in workbook (XLSX): written by `nianbao template`, read back by `nianbao render`."""

from __future__ import annotations

from .fill import filled_workbook, write_filled
from .read import read_workbook
from .template import MAP_SHEET, Layout, build_template, write_template

__all__ = [
    "MAP_SHEET",
    "Layout",
    "build_template",
    "filled_workbook",
    "read_workbook",
    "write_filled",
    "write_template",
]
