"""What a compliant report says, in order, independent of the output format.

Every writer (DOCX, HTML, Markdown) walks the same composition: the title, the preamble, the six
headings with their text, and the three tables as grids in the official merged layout of the
edition chosen by the year. A merged cell appears once, in the first row and column it covers,
exactly as in `document.Table`, so what a writer puts out a reader can take back in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from ..editions import E2021, Edition, edition_for_year, get
from ..editions.common import FEE_WORDS, RESULTS
from ..editions.form import ActiveTable, ApplicationsTable, ReviewTable, Row
from ..model import CellValue, Fee, Period, Report, TableValues, cell_path
from . import phrases

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


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


Block = Heading | Paragraph | Grid


@dataclass
class Composition:
    title: str
    edition: Edition
    blocks: list[Block] = field(default_factory=list)
    # Cells of the form the Report left blank: printed as 0 (spec §7), reported to the user.
    blank_cells: list[str] = field(default_factory=list)


def format_value(value: CellValue) -> str:
    if value is None:
        return "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def edition_of(report: Report) -> Edition:
    if report.year is not None:
        return edition_for_year(report.year)
    if report.edition in ("E2019", "E2021"):
        return get(report.edition)
    return E2021


def report_period(report: Report) -> Period | None:
    if report.period is not None:
        return report.period
    if report.year is None:
        return None
    return Period(start=date(report.year, 1, 1), end=date(report.year, 12, 31))


def title_of(report: Report) -> str:
    return phrases.title(report.organ or "", report.year)


def form_grids(report: Report, edition: Edition, blanks: list[str] | None = None) -> dict[str, Grid]:
    """The three tables of the edition, keyed by the section they belong to."""
    out = blanks if blanks is not None else []
    return {
        "s2_active": _active_grid(report.tables.get("active", {}), edition.active, out),
        "s3_requests": _applications_grid(report.tables.get("applications", {}), edition.applications, out),
        "s4_review_litigation": _review_grid(report.tables.get("review_litigation", {}), edition.review, out),
    }


def compose(report: Report) -> Composition:
    edition = edition_of(report)
    comp = Composition(title=title_of(report), edition=edition)
    for text in _preamble(report, edition):
        comp.blocks.append(Paragraph(text))
    texts = {s.key: s.text for s in report.sections if s.key}
    grids = form_grids(report, edition, comp.blank_cells)
    for section in edition.sections:
        comp.blocks.append(Heading(section.heading))
        text = texts.get(section.key, "")
        comp.blocks.extend(Paragraph(p.strip()) for p in text.split("\n") if p.strip())
        if section.key in grids:
            comp.blocks.append(grids[section.key])
        if section.key == "s6_other":
            comp.blocks.extend(Paragraph(p) for p in _s6_additions(text, report.fee, edition))
    return comp


def _preamble(report: Report, edition: Edition) -> list[str]:
    given = [p.strip() for p in report.preamble.split("\n") if p.strip()]
    period = report_period(report)
    if not given:
        given = [phrases.legal_basis(edition.notice_number)]
        contact = phrases.contact_sentence(report.contact)
        if period is not None:
            given[0] += phrases.period_sentence(period.start, period.end)
        if contact:
            given.append(contact)
        return given
    if period is not None and not any(phrases.PERIOD_WORD in p for p in given):
        given.append(phrases.period_sentence(period.start, period.end))
    return given


def _s6_additions(text: str, fee: Fee | None, edition: Edition) -> list[str]:
    out: list[str] = []
    if edition.key == "E2021" and not any(w in text for w in FEE_WORDS):
        out.append(phrases.fee_sentence(fee))
    if not text.strip() and not out:
        out.append(phrases.NOTHING)
    return out


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
                cell = _value(values, "active", row.key, column.key, blanks)
                cells.append(GridCell(cell.text, colspan=span, key=cell.key))
            rows.append(cells)
    return Grid("active", width, rows)


_T3_LABEL_COLS = 3


def _descendants(spec: ApplicationsTable, parent: str) -> list[Row]:
    """Data rows under a group, at any depth, in form order."""
    out: list[Row] = []
    for row in spec.rows:
        if row.parent == parent:
            out.extend(_descendants(spec, row.key) if row.group else [row])
    return out


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
                cells.append(GridCell(group.label, "label", rowspan=len(_descendants(spec, group.key))))
        cells.append(GridCell(row.label, "label", colspan=_T3_LABEL_COLS - len(chain)))
        cells.extend(_value(values, "applications", row.key, c.key, blanks) for c in cols)
        rows.append(cells)
    assert RESULTS in opened  # the form always has 本年度办理结果
    return Grid("applications", width, rows, header_rows=3)


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
        [_value(values, "review_litigation", g, c, blanks) for g, c in spec.ordered_cells()],
    ]
    return Grid("review_litigation", n * 3, rows, header_rows=3)
