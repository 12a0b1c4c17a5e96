"""A Report written into the fill-in workbook: what `template --from 去年报告` starts a clerk with and what
`export --per-report` hands back to be corrected. Everything the workbook reads back is written (the
information sheet, the fee, the preamble and every section's text, every table cell), so a filled
workbook renders the whole report again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from openpyxl.workbook.workbook import Workbook

from ..model import CellValue, Report
from . import labels
from .template import Layout, build_template

# "formulas": the template's totals stay formulas (a report being written); "printed": every cell holds
# the report's own value, totals as printed, so a report whose totals do not add up shows exactly that.
Totals = Literal["formulas", "printed"]
# What this module writes into a cell.
Written = str | int | float | date | None


def _number(value: CellValue) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _info(report: Report) -> dict[str, Written]:
    contact, fee = report.contact, report.fee
    info: dict[str, Written] = {
        "organ": report.organ,
        "year": report.year,
        "address": contact.address,
        "postcode": contact.postcode,
        "phone": "、".join(contact.phone) or None,
        "fax": "、".join(contact.fax) or None,
        "email": "、".join(contact.email) or None,
        "url": "、".join(contact.url) or None,
    }
    if report.period is not None:
        info["period_start"], info["period_end"] = report.period.start, report.period.end
    # A report that does not say whether it charged fees leaves the question blank (not the template's 否).
    info["fee_charged"] = None if fee is None else labels.YES if fee.charged else labels.NO
    if fee is not None:
        info["fee_cases"] = fee.cases
        info["fee_amount"] = _number(fee.amount_yuan)
    return info


def filled_workbook(report: Report, totals: Totals = "formulas") -> tuple[Workbook, Layout]:
    """The year's fill-in workbook holding the report's values and text."""
    workbook, layout = build_template(report.year or 2021, report.organ)

    def put(key: str, value: Written) -> None:
        if key in layout.cells:
            sheet, coordinate = layout.cells[key]
            workbook[sheet][coordinate] = value

    for field, value in _info(report).items():
        put(f"info.{field}", value)
    put("text.preamble", report.preamble or None)
    for section in report.sections:
        if section.key and section.text:
            put(f"text.{section.key}", section.text)
    for path, cell in report.cell_values().items():
        if path in layout.formulas and totals == "formulas":
            continue
        put(path, _number(cell))
    if totals == "printed":
        # Cells of the form the report does not have stay empty rather than showing a formula's 0.
        for path in layout.formulas:
            table, row, col = path.split(".", 2)
            if not report.has_cell(table, row, col):
                put(path, None)
    return workbook, layout


def write_filled(report: Report, path: str | Path, totals: Totals = "formulas") -> Layout:
    workbook, layout = filled_workbook(report, totals)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return layout
