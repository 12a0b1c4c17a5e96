"""One workbook per stored report in the official merged layout (the same sheets as `nianbao template`),
filled with the values the report printed, plus a sheet listing every value with where it was read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Report
from ..store import Store
from ..workbook import filled_workbook
from ..workbook.safe import looks_like_formula

ALL_VALUES_SHEET = "全部数值"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def _as_text(cell: Any) -> None:
    """Text read from a report that starts like a formula is stored as text: Excel never evaluates it
    (`workbook.safe`)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"


def report_workbook(report: Report, out: Path) -> Path:
    """The year's form filled with the report's values, text and fee (`workbook.filled_workbook`, totals
    as printed), plus a sheet listing every value with where it was read."""
    workbook, layout = filled_workbook(report, totals="printed")
    for key, (sheet, coordinate) in layout.cells.items():
        if key.startswith(("info.", "text.")):  # the organ, contact and text, as the report printed them
            _as_text(workbook[sheet][coordinate])
    listing = workbook.create_sheet(ALL_VALUES_SHEET, 1)
    listing.append(["table", "row", "column", "value", "page", "line", "text"])
    listed = 1
    for path, value in report.cell_values().items():
        table, row, col = path.split(".", 2)
        number = None if value is None else (int(value) if value == int(value) else float(value))
        source = report.provenance.get(path)
        listing.append(
            [
                table,
                row,
                col,
                number,
                source.page if source else None,
                source.line if source else None,
                source.text if source else None,
            ]
        )
        listed += 1
        _as_text(listing.cell(listed, 7))
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out


def report_workbooks(store: Store, folder: Path) -> Iterator[Path]:
    """One workbook per current report version, named organ-year-version.xlsx, written one after
    another as the reports are read from the store (memory flat in the number of reports)."""
    for row in store.iter_current_reports():
        report = store.report(row.sha256)
        if report is None:
            continue
        name = _UNSAFE.sub("_", f"{row.organ or '未知机关'}-{row.year or '未知年度'}-v{row.version}")
        yield report_workbook(report, folder / f"{name}-{row.sha256[:8]}.xlsx")


def export_report_workbooks(store: Store, folder: Path) -> int:
    """Write `report_workbooks` into `folder`; returns how many."""
    return sum(1 for _ in report_workbooks(store, folder))
