"""The form's three tables as printed grids, in the official merged layout of an edition, filled with a
Report's values: what the renderers print and the fill-in workbook lays out.

A merged cell appears once, in the first row and column it covers, exactly as in `document.Table`, so
what a writer puts out a reader can take back in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..model import CellValue, Report, TableValues, cell_path
from .form import ACTIVE, APPLICATIONS, REVIEW, ActiveTable, ApplicationsTable, Edition, ReviewTable, Row

CellKind = Literal["head", "label", "value"]


@dataclass(frozen=True)
class GridCell:
    text: str
    kind: CellKind = "value"
    colspan: int = 1
    rowspan: int = 1
    # For a value cell, the contract's cell path (`applications.r_granted.natural`).
    key: str | None = None


@dataclass(frozen=True)
class Grid:
    """A table as printed: `width` grid columns; each row lists only the cells that start in it."""

    key: str
    width: int
    rows: list[list[GridCell]]
    header_rows: int = 0

    def expanded(self) -> list[list[GridCell | None]]:
        """Full rectangle: each merged cell at its first position, None where a merge covers."""
        out: list[list[GridCell | None]] = [[None] * self.width for _ in self.rows]
        taken = [[False] * self.width for _ in self.rows]
        for r, row in enumerate(self.rows):
            col = 0
            for cell in row:
                while taken[r][col]:
                    col += 1
                out[r][col] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken[r + dr][col + dc] = True
                col += cell.colspan
        return out

    def covered(self) -> list[list[GridCell | None]]:
        """Full rectangle with a merged cell in every position it covers."""
        starts = self.expanded()
        out = [list(row) for row in starts]
        for r, row in enumerate(starts):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        out[r + dr][c + dc] = cell
        return out


def format_value(value: CellValue) -> str:
    if value is None:
        return "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def form_grids(report: Report, edition: Edition, blanks: list[str] | None = None) -> dict[str, Grid]:
    """The three tables of the edition, keyed by the section they belong to."""
    out = blanks if blanks is not None else []
    return {
        edition.active.section: _active_grid(report.tables.get(ACTIVE, {}), edition.active, out),
        edition.applications.section: _applications_grid(
            report.tables.get(APPLICATIONS, {}), edition.applications, out
        ),
        edition.review.section: _review_grid(report.tables.get(REVIEW, {}), edition.review, out),
    }


def _value(values: TableValues, table: str, row: str, col: str, blanks: list[str]) -> GridCell:
    value = values.get(row, {}).get(col)
    path = cell_path(table, row, col)
    if value is None:
        blanks.append(path)
    return GridCell(format_value(value), key=path)


def _active_grid(values: TableValues, spec: ActiveTable, blanks: list[str]) -> Grid:
    ncols = max(len(b.columns) for b in spec.blocks)
    width = 1 + ncols
    rows: list[list[GridCell]] = []
    for block in spec.blocks:
        # A block with fewer columns stretches its last one, as the official template does.
        spans = [1] * (len(block.columns) - 1) + [ncols - len(block.columns) + 1]
        rows.append([GridCell(block.caption, "head", colspan=width)])
        rows.append(
            [GridCell(spec.first_header, "head")]
            + [GridCell(c.label, "head", colspan=s) for c, s in zip(block.columns, spans, strict=True)]
        )
        for row in block.rows:
            cells = [GridCell(row.label, "label")]
            for column, span in zip(block.columns, spans, strict=True):
                cell = _value(values, spec.key, row.key, column.key, blanks)
                cells.append(GridCell(cell.text, colspan=span, key=cell.key))
            rows.append(cells)
    return Grid(spec.key, width, rows)


_T3_LABEL_COLS = 3


def _applications_grid(values: TableValues, spec: ApplicationsTable, blanks: list[str]) -> Grid:
    cols = spec.columns
    width = _T3_LABEL_COLS + len(cols)
    head, org = spec.header_labels
    rows: list[list[GridCell]] = [
        [
            GridCell(spec.note, "head", colspan=_T3_LABEL_COLS, rowspan=3),
            GridCell(head, "head", colspan=len(cols)),
        ],
        [
            GridCell(cols[0].label, "head", rowspan=2),
            GridCell(org, "head", colspan=len(cols) - 2),
            GridCell(cols[-1].label, "head", rowspan=2),
        ],
        [GridCell(c.label, "head") for c in cols[1:-1]],
    ]
    by_key = {r.key: r for r in spec.rows}
    opened: set[str] = set()
    for row in spec.data_rows:
        chain: list[Row] = []
        parent = row.parent
        while parent:
            chain.insert(0, by_key[parent])
            parent = by_key[parent].parent
        cells: list[GridCell] = []
        for group in chain:
            if group.key not in opened:
                opened.add(group.key)
                cells.append(GridCell(group.label, "label", rowspan=len(spec.leaves(group.key))))
        cells.append(GridCell(row.label, "label", colspan=_T3_LABEL_COLS - len(chain)))
        cells.extend(_value(values, spec.key, row.key, c.key, blanks) for c in cols)
        rows.append(cells)
    assert spec.results in opened  # the form always has 本年度办理结果
    return Grid(spec.key, width, rows, header_rows=3)


def _review_grid(values: TableValues, spec: ReviewTable, blanks: list[str]) -> Grid:
    leaves = spec.columns
    n = len(leaves)
    rest = spec.groups[1:]
    rows: list[list[GridCell]] = [
        [
            GridCell(spec.header_labels[0], "head", colspan=n),
            GridCell(spec.header_labels[1], "head", colspan=n * len(rest)),
        ],
        [GridCell(c.label, "head", rowspan=2) for c in leaves]
        + [GridCell(g.label, "head", colspan=n) for g in rest],
        [GridCell(c.label, "head") for _ in rest for c in leaves],
        [_value(values, spec.key, g, c, blanks) for g, c in spec.ordered_cells()],
    ]
    return Grid(spec.key, n * 3, rows, header_rows=3)
