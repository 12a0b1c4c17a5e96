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
from ..editions import E2019, E2021, Block, Edition, LabelIndex, Row, core_key
from ..editions.common import APPLICANT_HEADER_LABELS, LEDGER_NOTE, REVIEW_TABLE
from ..model import CellSource, CellValue, Finding, Severity, TableValues, cell_path
from .values import read_cell

ACTIVE = "active"
APPLICATIONS = "applications"
REVIEW = "review_litigation"

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


def _strip_trailing_blanks(cells: list[Cell]) -> list[Cell]:
    end = len(cells)
    while end and not cells[end - 1].text.strip():
        end -= 1
    return cells[:end]


def detect_edition(tables: list[Table]) -> Edition | None:
    """Edition by table signature (spec §1.1 steps 1-3); None when the tables do not tell."""
    keys = {core_key(c.text) for t in tables for row in t.rows for c in row if c.text.strip()}
    for edition in (E2021, E2019):
        signature = [core_key(s) for s in edition.signature]
        if any(k.startswith(s) for k in keys for s in signature):
            return edition
    sub_rows = [r for r in E2021.applications.rows if r.parent == "r_other"]
    sub_index = LabelIndex((r, (r.label, *r.aliases)) for r in sub_rows[:2])
    if any(sub_index.match(k) for k in keys if len(k) > 10):
        return E2021
    other = core_key(E2019.applications.rows[-3].label)
    return E2019 if other in keys else None


@dataclass
class TableReading:
    tables: dict[str, TableValues] = field(default_factory=dict)
    provenance: dict[str, CellSource] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


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
        self.out = TableReading()

    def read(self, tables: list[Table]) -> TableReading:
        for table in tables:
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
                self._finding(
                    "G-UNPLACED", "warning", "表格中有一行数值没有行标签，未被读取", split.values[0]
                )
            return
        self._data_row(split)

    @staticmethod
    def _is_header(keys: list[str]) -> bool:
        if any(_NOTE_KEY in k for k in keys) or core_key(LEDGER_NOTE) in keys:
            return True
        header_hits = sum(1 for k in keys if k in _T3_HEADER_KEYS or k in _T4_LEAF_KEYS)
        return header_hits >= 2 or (len(keys) == 1 and keys[0] in _T3_HEADER_KEYS - {"总计", "其他"})

    def _data_row(self, split: _Split) -> None:
        label = split.labels[-1]
        t3 = self.t3_index.match(label.text)
        t2 = self.t2_index.match(label.text)
        values = _strip_trailing_blanks(split.values)
        if t2 and (not t3 or t2.score >= t3.score):
            self._active_row(t2.target, values, label)
        elif t3 and (not t3.target.group or t3.target.key == "r_other") and split.values:
            # A row whose cells are all blank (a blank form) still exists: its cells read as None.
            self._application_row(t3.target, values, label)
        elif any(read_cell(c.text).value is not None for c in values):
            self._finding(
                "G-UNPLACED",
                "warning",
                f"表格行“{label.text}”无法对应到报告格式中的任何一行，其中的数值未被读取",
                label,
            )

    def _application_row(self, row: Row, values: list[Cell], label: Cell) -> None:
        if len(values) > _T3_WIDTH:
            values = values[-_T3_WIDTH:]
        cells: list[Cell | None] = [*values, *([None] * (_T3_WIDTH - len(values)))]
        columns = [c.key for c in E2021.applications.columns]
        if not self._claim(APPLICATIONS, row.key, label):
            return
        for col, cell in zip(columns, cells, strict=True):
            self._put(APPLICATIONS, row.key, col, cell)

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
        if not self._claim(ACTIVE, row.key, label):
            return
        for i, cell in enumerate(values):
            key = keys[i] if i < len(keys) else None
            if key is None:
                if cell.text.strip():
                    self._finding(
                        "G-UNPLACED",
                        "warning",
                        f"表二“{label.text}”行的数值“{cell.text}”没有对应的表头",
                        cell,
                    )
                continue
            self._put(ACTIVE, row.key, key, cell)
        for key in keys[len(values) :]:
            if key is not None:
                self._put(ACTIVE, row.key, key, None)

    def _review_row(self, values: list[Cell]) -> None:
        self.in_review = False
        if REVIEW in self.out.tables:
            return
        # All-blank cells (a blank form) are kept, so the row's cells exist and read as None.
        values = _strip_trailing_blanks(values) or values[:_T4_WIDTH]
        if len(values) > _T4_WIDTH:
            self._finding(
                "T4-SHAPE",
                "warning",
                f"表四数据行有{len(values)}个单元格（格式为{_T4_WIDTH}个），"
                f"已取前{_T4_WIDTH}个，多出的{len(values) - _T4_WIDTH}个未读取",
                values[_T4_WIDTH],
            )
            values = values[:_T4_WIDTH]
        self.out.tables[REVIEW] = {}
        for (group, col), cell in zip(REVIEW_TABLE.ordered_cells(), values, strict=False):
            self._put(REVIEW, group, col, cell)

    def _claim(self, table: str, row: str, label: Cell) -> bool:
        """Take a row for `row`; a second row with the same meaning is reported, not merged."""
        existing = self.out.tables.setdefault(table, {}).get(row)
        if existing is not None and any(v is not None for v in existing.values()):
            self._finding(
                "G-UNPLACED", "warning", f"表格行“{label.text}”重复出现，只读取了第一次出现的数值", label
            )
            return False
        self.out.tables[table][row] = {}
        return True

    def _put(self, table: str, row: str, col: str, cell: Cell | None) -> None:
        value: CellValue = None
        if cell is not None:
            # Text that is no number stays None here; rule G-INT reports it from the provenance.
            value = read_cell(cell.text).value
            if cell.text.strip():
                w = cell.where
                self.out.provenance[cell_path(table, row, col)] = CellSource(
                    page=w.page, line=w.line, bbox=w.bbox, text=cell.text
                )
        self.out.tables.setdefault(table, {}).setdefault(row, {})[col] = value

    def _finding(self, rule: str, severity: Severity, message: str, cell: Cell) -> None:
        self.out.findings.append(Finding(rule=rule, severity=severity, message=message, where=cell.where))


def read_tables(tables: list[Table], edition: Edition) -> TableReading:
    return _Reader(edition).read(tables)
