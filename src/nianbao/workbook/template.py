"""The fill-in workbook: the three tables in the official merged layout of the year's edition, the
metadata and the narrative sections, with formulas that show 总计 and the 勾稽 checks as one types.

Where every value lives is written to a hidden sheet (`MAP_SHEET`: cell path → sheet and cell), so
reading the workbook back never depends on positions guessed from labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
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
    defaults: dict[str, str | int | None] = {
        "organ": organ,
        "year": year,
        "period_start": f"{year}-01-01",
        "period_end": f"{year}-12-31",
        "fee_charged": labels.NO,
    }
    for i, (key, label) in enumerate(labels.INFO_FIELDS, start=4):
        ws.cell(i, 1, label).border = _BORDER
        cell = ws.cell(i, 2, defaults.get(key))
        cell.fill = INPUT_FILL
        cell.border = _BORDER
        cell.alignment = _LEFT
        layout.cells[f"info.{key}"] = (ws.title, cell.coordinate)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60


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
                cell.fill = INPUT_FILL
                cell.alignment = _CENTER
                positions[spec.key] = (sheet_row, sheet_col)
                layout.cells[spec.key] = (ws.title, cell.coordinate)
    _formulas(ws, grid, edition, positions, layout)
    label_width = {ACTIVE: [30], APPLICATIONS: [8, 12, 36], REVIEW: []}[grid.key]
    for i in range(grid.width):
        width = label_width[i] if i < len(label_width) else 11
        ws.column_dimensions[get_column_letter(i + 1)].width = width


def _ref(positions: dict[str, tuple[int, int]], key: str) -> str:
    row, col = positions[key]
    return f"{get_column_letter(col)}{row}"


def _formula(
    ws: Worksheet, layout: Layout, positions: dict[str, tuple[int, int]], key: str, text: str
) -> None:
    row, col = positions[key]
    cell = ws.cell(row, col, text)
    cell.fill = FORMULA_FILL
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
        (s.key, s.heading) for s in edition.sections if s.key in labels.TEXT_SECTIONS
    ]
    for i, (key, label) in enumerate(fields, start=3):
        ws.cell(i, 1, label).alignment = _LEFT
        cell = ws.cell(i, 2)
        cell.fill = INPUT_FILL
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        cell.border = _BORDER
        ws.row_dimensions[i].height = 120
        layout.cells[f"text.{key}"] = (ws.title, cell.coordinate)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 90


def _map_sheet(ws: Worksheet, edition: Edition, year: int, layout: Layout) -> None:
    ws.append(["edition", edition.key, str(year)])
    for key, (sheet, coordinate) in layout.cells.items():
        ws.append([key, sheet, coordinate])
    ws.sheet_state = "hidden"
