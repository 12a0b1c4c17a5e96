"""The fill-in workbook: the three tables in the official merged layout of the year's edition, the
metadata and the narrative sections, with formulas that show 总计 and the 勾稽 checks as one types.

Where every value lives is written to a hidden sheet (`MAP_SHEET`: cell path → sheet and cell), so
reading the workbook back never depends on positions guessed from labels.

Only the yellow input cells can be typed into: labels and formulas are locked by sheet protection
without a password (Excel and WPS: 审阅 → 撤销工作表保护). Input cells are validated as typed (counts
whole numbers ≥ 0, amounts ≥ 0, dates, 是/否 from a list); each sheet prints on A4 fitted to the page
width with its header rows repeated on every page (表四, 15 columns wide, in landscape), and the header
rows and label columns stay in view while scrolling (freeze panes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..editions import ACTIVE, APPLICATIONS, REVIEW, Edition, edition_for_year
from ..editions.common import APPLICANT_COLUMNS, REVIEW_TABLE
from ..editions.grids import Grid, form_grids
from ..model import Report, Source, cell_path
from . import labels

MAP_SHEET = "_nianbao"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
FORMULA_FILL = PatternFill("solid", fgColor="E2EFDA")
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_UNLOCKED = Protection(locked=False)
DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class Layout:
    """Where each value of the report sits: cell path or field name → (sheet, coordinate)."""

    cells: dict[str, tuple[str, str]] = field(default_factory=dict)
    formulas: set[str] = field(default_factory=set)


def build_template(year: int, organ: str | None = None) -> tuple[Workbook, Layout]:
    edition = edition_for_year(year)
    wb = Workbook()
    layout = Layout()
    info = wb.active
    assert info is not None
    info.title = labels.INFO_SHEET
    _info_sheet(info, year, organ, layout)
    blank = Report(source=Source(path="", format="xlsx"), year=year)
    grids = form_grids(blank, edition)
    for table in edition.tables:
        _table_sheet(wb.create_sheet(table.name), grids[table.section], edition, layout)
    _text_sheet(wb.create_sheet(labels.TEXT_SHEET), edition, layout)
    _map_sheet(wb.create_sheet(MAP_SHEET), edition, year, layout)
    return wb, layout


def write_template(path: str | Path, year: int, organ: str | None = None) -> Layout:
    wb, layout = build_template(year, organ)
    wb.save(path)
    return layout


def _info_sheet(ws: Worksheet, year: int, organ: str | None, layout: Layout) -> None:
    ws["A1"] = labels.info_heading(year)
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:B1")
    ws["A2"] = labels.INFO_HELP
    ws["A2"].alignment = _LEFT
    ws.merge_cells("A2:B2")
    ws.row_dimensions[2].height = 48
    defaults: dict[str, str | int | date | None] = {
        "organ": organ,
        "year": year,
        "period_start": date(year, 1, 1),
        "period_end": date(year, 12, 31),
        "fee_charged": labels.NO,
    }
    checks = _Checks(ws)
    year_check = checks.rule("whole", "between", "2008", "2100", error=labels.YEAR_ERROR)
    for i, (key, label) in enumerate(labels.INFO_FIELDS, start=4):
        ws.cell(i, 1, label).border = _BORDER
        cell = ws.cell(i, 2, defaults.get(key))
        _input(cell)
        cell.alignment = _LEFT
        layout.cells[f"info.{key}"] = (ws.title, cell.coordinate)
        if key == "year":
            year_check.add(cell)
        elif key in labels.DATE_FIELDS:
            cell.number_format = DATE_FORMAT
            checks.date.add(cell)
        elif key in labels.YES_NO_FIELDS:
            checks.yes_no.add(cell)
        elif key in labels.COUNT_FIELDS:
            checks.count.add(cell)
        elif key in labels.AMOUNT_FIELDS:
            checks.amount.add(cell)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    _finish(ws, checks, freeze="A4", landscape=False, title_rows=None)


def _table_sheet(ws: Worksheet, grid: Grid, edition: Edition, layout: Layout) -> None:
    top = 3
    ws["A1"] = labels.table_heading(grid.key, edition)
    ws["A1"].font = Font(bold=True, size=13)
    positions: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(grid.expanded()):
        for c, spec in enumerate(row):
            if spec is None:
                continue
            sheet_row, sheet_col = top + r, 1 + c
            cell = ws.cell(sheet_row, sheet_col)
            if spec.rowspan > 1 or spec.colspan > 1:
                ws.merge_cells(
                    start_row=sheet_row,
                    start_column=sheet_col,
                    end_row=sheet_row + spec.rowspan - 1,
                    end_column=sheet_col + spec.colspan - 1,
                )
            for dr in range(spec.rowspan):
                for dc in range(spec.colspan):
                    ws.cell(sheet_row + dr, sheet_col + dc).border = _BORDER
            if spec.key is None:
                cell.value = spec.text
                cell.font = Font(bold=spec.kind == "head")
                cell.alignment = _LEFT if spec.kind == "label" else _CENTER
            else:
                _input(cell)
                cell.alignment = _CENTER
                positions[spec.key] = (sheet_row, sheet_col)
                layout.cells[spec.key] = (ws.title, cell.coordinate)
    _formulas(ws, grid, edition, positions, layout)
    checks = _Checks(ws)
    for key, (at_row, at_col) in positions.items():
        if key in layout.formulas:
            continue
        column = key.rsplit(".", 1)[1]
        (checks.amount if column in labels.AMOUNT_COLUMNS else checks.count).add(ws.cell(at_row, at_col))
    label_width = {ACTIVE: [30], APPLICATIONS: [8, 12, 36], REVIEW: []}[grid.key]
    for i in range(grid.width):
        width = label_width[i] if i < len(label_width) else 11
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    first_row = min(r for r, _ in positions.values())
    first_col = min(c for _, c in positions.values())
    header = (top, top + grid.header_rows - 1) if grid.header_rows else None
    _finish(
        ws,
        checks,
        freeze=f"{get_column_letter(first_col)}{first_row}",
        landscape=grid.key == REVIEW,
        title_rows=header,
    )


def _input(cell: object) -> None:
    """A yellow cell the user types into: the only kind left unlocked by the sheet protection."""
    from openpyxl.cell.cell import Cell

    assert isinstance(cell, Cell)
    cell.fill = INPUT_FILL
    cell.border = _BORDER
    cell.protection = _UNLOCKED


_Kind = Literal["whole", "decimal", "list", "date"]
_Operator = Literal["between", "greaterThanOrEqual"]


class _Checks:
    """The data validations of one sheet, made once and given cells."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        at_least: _Operator = "greaterThanOrEqual"
        self.count = self.rule("whole", at_least, "0", prompt=labels.COUNT_PROMPT, error=labels.COUNT_ERROR)
        self.amount = self.rule(
            "decimal", at_least, "0", prompt=labels.AMOUNT_PROMPT, error=labels.AMOUNT_ERROR
        )
        self.date = self.rule(
            "date", at_least, "DATE(2000,1,1)", prompt=labels.DATE_PROMPT, error=labels.DATE_ERROR
        )
        self.yes_no = self.rule("list", None, f'"{labels.YES},{labels.NO}"', error=labels.YES_NO_ERROR)

    def rule(
        self,
        kind: _Kind,
        operator: _Operator | None,
        formula1: str,
        formula2: str | None = None,
        *,
        prompt: tuple[str, str] | None = None,
        error: tuple[str, str] | None = None,
    ) -> DataValidation:
        check = DataValidation(
            type=kind,
            operator=operator,
            formula1=formula1,
            formula2=formula2,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=prompt is not None,
        )
        if prompt:
            check.promptTitle, check.prompt = prompt
        if error:
            check.errorTitle, check.error = error
        self.ws.add_data_validation(check)
        return check


def _finish(
    ws: Worksheet, checks: _Checks, freeze: str, landscape: bool, title_rows: tuple[int, int] | None
) -> None:
    """Protection (no password), A4 print fitted to the width with repeated header rows, frozen panes."""
    ws.protection.sheet = True
    # Columns and rows may still be resized (long labels), and cells formatted.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    ws.freeze_panes = freeze
    for check in list(ws.data_validations.dataValidation):
        if not check.sqref.ranges:
            ws.data_validations.dataValidation.remove(check)


def _ref(positions: dict[str, tuple[int, int]], key: str) -> str:
    row, col = positions[key]
    return f"{get_column_letter(col)}{row}"


def _formula(
    ws: Worksheet, layout: Layout, positions: dict[str, tuple[int, int]], key: str, text: str
) -> None:
    row, col = positions[key]
    cell = ws.cell(row, col, text)
    cell.fill = FORMULA_FILL
    cell.protection = Protection(locked=True)
    layout.formulas.add(key)


def _formulas(
    ws: Worksheet, grid: Grid, edition: Edition, positions: dict[str, tuple[int, int]], layout: Layout
) -> None:
    """总计 as sums (a user may still overwrite one), and a row of 勾稽 checks under 表三."""
    if grid.key == APPLICATIONS:
        cols6 = [c.key for c in APPLICANT_COLUMNS[:-1]]
        results = [r.key for r in edition.applications.result_leaves]
        for col in cols6:
            terms = "+".join(_ref(positions, cell_path(APPLICATIONS, r, col)) for r in results)
            _formula(ws, layout, positions, cell_path(APPLICATIONS, "r_total", col), f"={terms}")
        for row in edition.applications.data_rows:
            first = _ref(positions, cell_path(APPLICATIONS, row.key, cols6[0]))
            last = _ref(positions, cell_path(APPLICATIONS, row.key, cols6[-1]))
            _formula(
                ws, layout, positions, cell_path(APPLICATIONS, row.key, "total"), f"=SUM({first}:{last})"
            )
        check_row = max(r for r, _ in positions.values()) + 2
        ws.cell(check_row, 1, labels.LEDGER_CHECK).font = Font(bold=True)
        ws.merge_cells(start_row=check_row, start_column=1, end_row=check_row, end_column=3)
        for column in APPLICANT_COLUMNS:
            new, carried, total, forward = (
                _ref(positions, cell_path(APPLICATIONS, r, column.key))
                for r in ("new_received", "carried_over", "r_total", "carry_forward")
            )
            _, sheet_col = positions[cell_path(APPLICATIONS, "new_received", column.key)]
            diff = f"({new}+{carried})-({total}+{forward})"
            ws.cell(check_row, sheet_col, labels.check_formula(diff)).alignment = _CENTER
    elif grid.key == REVIEW:
        for group in REVIEW_TABLE.groups:
            parts = [_ref(positions, cell_path(REVIEW, group.key, c.key)) for c in REVIEW_TABLE.columns[:-1]]
            _formula(ws, layout, positions, cell_path(REVIEW, group.key, "total"), "=" + "+".join(parts))


def _text_sheet(ws: Worksheet, edition: Edition, layout: Layout) -> None:
    ws["A1"] = labels.TEXT_HELP
    ws["A1"].alignment = _LEFT
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = 40
    fields = [("preamble", labels.PREAMBLE_LABEL)] + [
        (s.key, s.heading if s.key in labels.TEXT_SECTIONS else s.heading + labels.TABLE_SECTION_NOTE)
        for s in edition.sections
    ]
    for i, (key, label) in enumerate(fields, start=3):
        ws.cell(i, 1, label).alignment = _LEFT
        cell = ws.cell(i, 2)
        _input(cell)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[i].height = 120 if key in labels.TEXT_SECTIONS else 60
        layout.cells[f"text.{key}"] = (ws.title, cell.coordinate)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 90
    _finish(ws, _Checks(ws), freeze="A3", landscape=False, title_rows=None)


def _map_sheet(ws: Worksheet, edition: Edition, year: int, layout: Layout) -> None:
    ws.append(["edition", edition.key, str(year)])
    for key, (sheet, coordinate) in layout.cells.items():
        ws.append([key, sheet, coordinate])
    ws.sheet_state = "hidden"
