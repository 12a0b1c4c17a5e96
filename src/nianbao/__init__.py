"""nianbao: read, check, store, compare and write 政府信息公开工作年度报告."""

from __future__ import annotations

from .api import check, parse
from .loader import Input, load, load_bytes, load_many, walk
from .model import Finding, Location, Report
from .readers import ReadError

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "Input",
    "Location",
    "ReadError",
    "Report",
    "check",
    "load",
    "load_bytes",
    "load_many",
    "parse",
    "walk",
]
