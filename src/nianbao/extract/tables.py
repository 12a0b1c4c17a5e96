"""Map table grids to the form's row and column keys (表二, 表三, 表四) and decide the edition.

Rows are identified by their labels, never by position: real reports shift rows between columns,
merge parent cells, split labels over lines and add or drop empty cells (spec §8 P-08…P-15).
All grids of a document are read as one run of rows, so a table continued on the next page or
split into several grids reads like one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..document import Cell, Table
from ..editions import ACTIVE, APPLICATIONS, E2019, E2021, REVIEW, Block, Edition, LabelIndex, Row, core_key
from ..editions.common import APPLICANT_HEADER_LABELS, LEDGER_NOTE, REVIEW_TABLE
from ..model import CellSource, CellValue, Finding, Severity, TableValues, cell_path
from .values import candidate_values, read_cell

# Any label of these marks a header row of 表三 or 表四 rather than a data row.
_T3_HEADER_KEYS = {core_key(c.label) for c in E2021.applications.columns} | {
    core_key(label) for label in APPLICANT_HEADER_LABELS
}
_T4_HEADER_KEYS = {core_key(label) for label in REVIEW_TABLE.header_labels}
_T4_LEAF_KEYS = {core_key(c.label) for c in (*REVIEW_TABLE.groups, *REVIEW_TABLE.columns)}
_NOTE_KEY = "勾稽关系"
_T3_WIDTH = len(E2021.applications.columns)
_T4_WIDTH = len(REVIEW_TABLE.ordered_cells())


@dataclass
class _Split:
    labels: list[Cell]
    values: list[Cell]


def _split(row: list[Cell]) -> _Split:
    last_label = max((i for i, c in enumerate(row) if not read_cell(c.text).is_value), default=-1)
    labels = [c for c in row[: last_label + 1] if c.text.strip() and not read_cell(c.text).is_value]
    return _Split(labels, row[last_label + 1 :])


def _strip_trailing_blanks(cells: list[Cell], width: int = 0) -> list[Cell]:
    """The cells without the blank ones at the end that go beyond `width`. A text row ends in stray
    tabs, but a blank `<td>` of an HTML or Word row within the form's width is a blank cell."""
    end = len(cells)
    while end > width and not cells[end - 1].text.strip():
        end -= 1
    return cells[:end]


def _grid_columns(table: Table) -> tuple[int, dict[int, int]] | None:
    """The table's width and the grid column of each cell (by `id`), when every row covers the same
    width once the cells merged from rows above are counted: a Word, web or Markdown grid. Text with
    stray tabs gives rows of many widths and no positions."""
    covered: dict[tuple[int, int], bool] = {}
    columns: dict[int, int] = {}
    widths: set[int] = set()
    for r, row in enumerate(table.rows):
        col = 0
        for cell in row:
            while covered.get((r, col)):
                col += 1
            columns[id(cell)] = col
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered[(r + dr, col + dc)] = True
            col += cell.colspan
        while covered.get((r, col)):
            col += 1
        widths.add(col)
    if len(widths) != 1:
        return None
    return widths.pop(), columns


def detect_edition(tables: list[Table]) -> Edition | None:
    """Edition by table signature (spec §1.1 steps 1-3); None when the tables do not tell."""
    return edition_by_labels(
        {core_key(c.text) for t in tables for row in t.rows for c in row if c.text.strip()}
    )


_SUB_ROWS = [r for r in E2021.applications.rows if r.parent == "r_other"][:2]
_SUB_ROW_INDEX = LabelIndex((r, (r.label, *r.aliases)) for r in _SUB_ROWS)


def edition_by_labels(keys: set[str], inside: bool = False) -> Edition | None:
    """Edition by the signature among label keys (one per cell), or, with `inside`, among longer texts
    that hold labels run together (a flattened table's text between its numbers)."""

    def has(label: str) -> bool:
        return any((label in k) if inside else k.startswith(label) for k in keys)

    for edition in (E2021, E2019):
        if any(has(core_key(s)) for s in edition.signature):
            return edition
    if inside:
        if any(has(core_key(r.label)[:12]) for r in _SUB_ROWS):
            return E2021
    elif any(_SUB_ROW_INDEX.match(k) for k in keys if len(k) > 10):
        return E2021
    other = core_key(E2019.applications.rows[-3].label)
    return E2019 if (has(other) if inside else other in keys) else None


@dataclass
class TableReading:
    """The cells read so far, where each came from, and what the reading found."""

    tables: dict[str, TableValues] = field(default_factory=dict)
    provenance: dict[str, CellSource] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # The document cell each value came from (by cell path), for cells that can be read again (OCR).
    rereadable: dict[str, Cell] = field(default_factory=dict)

    def claim(self, table: str, row: str, label: Cell) -> bool:
        """Take a row for `row`; a second row with the same meaning is reported, not merged."""
        existing = self.tables.setdefault(table, {}).get(row)
        if existing is not None and any(v is not None for v in existing.values()):
            self.note(
                "G-UNPLACED", "warning", f"表格行“{label.text}”重复出现，只读取了第一次出现的数值", label
            )
            return False
        self.tables[table][row] = {}
        return True

    def put(self, table: str, row: str, col: str, cell: Cell | None) -> None:
        value: CellValue = None
        if cell is not None:
            # Text that is no number stays None here; rule G-INT reports it from the provenance.
            value = None if cell.uncertain else read_cell(cell.text).value
            if cell.text.strip() or cell.uncertain:
                w = cell.where
                source = CellSource(page=w.page, line=w.line, bbox=w.bbox, text=cell.text)
                if cell.uncertain:
                    # Rule G-UNCERTAIN reports the cell; the arithmetic that needs it is not checked.
                    source.uncertain = True
                    source.candidates = candidate_values(cell.candidates)
                self.provenance[cell_path(table, row, col)] = source
                if cell.reread is not None:
                    self.rereadable[cell_path(table, row, col)] = cell
        self.tables.setdefault(table, {}).setdefault(row, {})[col] = value

    def note(
        self, rule: str, severity: Severity, message: str, cell: Cell, cells: list[str] | None = None
    ) -> None:
        self.findings.append(
            Finding(rule=rule, severity=severity, message=message, cells=cells or [], where=cell.where)
        )

    def merge(self, other: TableReading) -> None:
        """Add another reading's cells (rows this one already has are kept) and findings."""
        for table, rows in other.tables.items():
            mine = self.tables.setdefault(table, {})
            for row, cells in rows.items():
                if row not in mine:
                    mine[row] = cells
                    for col in cells:
                        path = cell_path(table, row, col)
                        if path in other.provenance:
                            self.provenance[path] = other.provenance[path]
                        if path in other.rereadable:
                            self.rereadable[path] = other.rereadable[path]
        self.findings.extend(other.findings)


# 表三 rows of E2021 include the single （六）其他处理 row, so both layouts are recognised.
_T3_INDEX = LabelIndex((r, (r.label, *r.aliases)) for r in E2021.applications.rows)


@cache
def _t2_rows(edition: Edition) -> LabelIndex[Row]:
    return LabelIndex((r, (r.label, *r.aliases)) for b in edition.active.blocks for r in b.rows)


@cache
def _t2_columns(block: Block) -> LabelIndex[str]:
    return LabelIndex((c.key, (c.label, *c.aliases)) for c in block.columns)


class _Reader:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.t3_index = _T3_INDEX
        self.t2_index = _t2_rows(edition)
        self.t2_header: list[Cell] | None = None
        self.in_review = False
        self.grid: tuple[int, dict[int, int]] | None = None
        self.out = TableReading()

    def read(self, tables: list[Table]) -> TableReading:
        for table in tables:
            self.grid = _grid_columns(table)
            for row in table.rows:
                self._row(row)
        return self.out

    def _row(self, row: list[Cell]) -> None:
        split = _split(row)
        keys = [core_key(c.text) for c in split.labels]
        if keys and keys[0] == core_key(self.edition.active.first_header):
            first = row.index(split.labels[0])
            self.t2_header = row[first + 1 :]
            return
        if any(k in _T4_HEADER_KEYS for k in keys):
            self.in_review = True
            return
        if self._is_header(keys):
            return
        if not split.labels:
            if self.in_review:
                self._review_row(split.values)
            elif any(read_cell(c.text).value is not None for c in split.values):
                self.out.note(
                    "G-UNPLACED", "warning", "表格中有一行数值没有行标签，未被读取", split.values[0]
                )
            return
        self._data_row(split)

    @staticmethod
    def _is_header(keys: list[str]) -> bool:
        if any(_NOTE_KEY in k for k in keys) or core_key(LEDGER_NOTE) in keys:
            return True
        # Distinct words: a label repeated in the cells a merge covered (`（七）总计 | （七）总计`) is one.
        header_hits = len({k for k in keys if k in _T3_HEADER_KEYS or k in _T4_LEAF_KEYS})
        return header_hits >= 2 or (len(keys) == 1 and keys[0] in _T3_HEADER_KEYS - {"总计", "其他"})

    def _data_row(self, split: _Split) -> None:
        label = split.labels[-1]
        t3 = self.t3_index.match(label.text)
        t2 = self.t2_index.match(label.text)
        values = split.values
        if t2 and (not t3 or t2.score >= t3.score):
            self._active_row(t2.target, _strip_trailing_blanks(values), label)
        elif t3 and (not t3.target.group or t3.target.key == "r_other") and split.values:
            # A row whose cells are all blank (a blank form) still exists: its cells read as None.
            self._application_row(t3.target, values, label)
        elif any(read_cell(c.text).value is not None for c in values):
            self.out.note(
                "G-UNPLACED",
                "warning",
                f"表格行“{label.text}”无法对应到报告格式中的任何一行，其中的数值未被读取",
                label,
            )

    def _application_row(self, row: Row, values: list[Cell], label: Cell) -> None:
        cells = self._by_grid_column(values, _T3_WIDTH)
        if cells is None:
            values = _strip_trailing_blanks(values, _T3_WIDTH)
            if len(values) > _T3_WIDTH:
                values = values[-_T3_WIDTH:]
            cells = [*values, *([None] * (_T3_WIDTH - len(values)))]
        columns = [c.key for c in E2021.applications.columns]
        if not self.out.claim(APPLICATIONS, row.key, label):
            return
        for col, cell in zip(columns, cells, strict=True):
            self.out.put(APPLICATIONS, row.key, col, cell)

    def _active_row(self, row: Row, values: list[Cell], label: Cell) -> None:
        block = self.edition.active.block_of(row.key)
        col_index = _t2_columns(block)
        if self.t2_header is not None:
            keys: list[str | None] = []
            for head in self.t2_header:
                match = col_index.match(head.text) if head.text.strip() else None
                keys.append(match.target if match else None)
        else:
            keys = [c.key for c in block.columns]
        if not self.out.claim(ACTIVE, row.key, label):
            return
        for i, cell in enumerate(values):
            key = keys[i] if i < len(keys) else None
            if key is None:
                if cell.text.strip():
                    self.out.note(
                        "G-UNPLACED",
                        "warning",
                        f"表二“{label.text}”行的数值“{cell.text}”没有对应的表头",
                        cell,
                    )
                continue
            self.out.put(ACTIVE, row.key, key, cell)
        for key in keys[len(values) :]:
            if key is not None:
                self.out.put(ACTIVE, row.key, key, None)

    def _by_grid_column(self, values: list[Cell], width: int) -> list[Cell | None] | None:
        """The row's last `width` grid columns, where the table is a true grid (the form's value
        columns are its rightmost ones); None where cell positions are not known."""
        if self.grid is None:
            return None
        table_width, columns = self.grid
        cells: list[Cell | None] = [None] * width
        for cell in values:
            slot = width - (table_width - columns[id(cell)])
            if slot < 0:
                if cell.text.strip():
                    return None  # a value left of the form's columns: not the layout assumed
                continue
            cells[slot] = cell
        return cells

    def _review_row(self, values: list[Cell]) -> None:
        self.in_review = False
        if REVIEW in self.out.tables:
            return
        # All-blank cells (a blank form) are kept, so the row's cells exist and read as None.
        values = _strip_trailing_blanks(values, _T4_WIDTH)
        if len(values) > _T4_WIDTH:
            self.out.note(
                "T4-SHAPE",
                "warning",
                f"表四数据行有{len(values)}个单元格（格式为{_T4_WIDTH}个），"
                f"已取前{_T4_WIDTH}个，多出的{len(values) - _T4_WIDTH}个未读取",
                values[_T4_WIDTH],
            )
            values = values[:_T4_WIDTH]
        self.out.tables[REVIEW] = {}
        for (group, col), cell in zip(REVIEW_TABLE.ordered_cells(), values, strict=False):
            self.out.put(REVIEW, group, col, cell)


def read_tables(tables: list[Table], edition: Edition) -> TableReading:
    return _Reader(edition).read(tables)
