"""nianbao: read, check, store, compare and write 政府信息公开工作年度报告."""

from __future__ import annotations

from .api import check, expand_paths, parse
from .model import Finding, Location, Report
from .readers import ReadError

__version__ = "0.1.0"

__all__ = ["Finding", "Location", "ReadError", "Report", "check", "expand_paths", "parse"]
