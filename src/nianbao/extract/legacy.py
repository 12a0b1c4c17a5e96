"""The statistics table of a pre-2019 report (editions/legacy.py): each row by its indicator's label, its
figure from the year's column.

A row reads `[序号] 指标 单位 [代码] 数值…`. The label is matched against the indicators; a label several
indicators share (`被依法纠错数` under both 行政复议 and 行政诉讼) goes to the one under the nearest row above
that heads it. The figure is the cell under the header 统计数/本年累计 when the table has one, else the last
number after the label; a zero-padded code (`01`) is never a figure. Only a table that is a statistics table
is read — a header naming the indicator and unit columns, or several rows that match indicators with a unit —
so the tables of the 2019 form are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chinese.marks import strip_enumerator
from ..document import Cell, Table
from ..editions import LEGACY, LabelIndex, core_key
from ..editions.form import Indicator, StatisticsTable
from ..editions.legacy import SUB_ROW_PREFIX, UNIT_WORDS
from ..model import CellSource, cell_path
from .tables import TableReading
from .values import read_cell

STATISTICS = LEGACY.statistics.key
VALUE = LEGACY.statistics.column
# Without a header, this many rows matching indicators with a unit make a statistics table.
_MIN_ROWS = 3
_CODE = re.compile(r"^0\d+$")
_UNITS = {core_key(u) for u in UNIT_WORDS}


def _label_key(text: str) -> str:
    """A label's key without enumerators or a leading 其中：(`其中：1.当面申请数` → `当面申请数`)."""
    key = core_key(text)
    prefix = core_key(SUB_ROW_PREFIX)
    if key.startswith(prefix):
        key = strip_enumerator(key[len(prefix) :])
    return key


@dataclass
class _Labels:
    """Indicators by label: equal labels give several candidates, resolved by the rows above."""

    spec: StatisticsTable
    by_key: dict[str, list[Indicator]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for indicator in self.spec.indicators:
            for label in (indicator.label, *indicator.aliases):
                found = self.by_key.setdefault(_label_key(label), [])
                if indicator not in found:
                    found.append(indicator)
        self.index = LabelIndex((key, (key,)) for key in self.by_key)

    def candidates(self, text: str) -> list[Indicator]:
        key = _label_key(text)
        if not key:
            return []
        if key in self.by_key:
            return self.by_key[key]
        found = self.index.match(key)
        return self.by_key[found.target] if found else []


@dataclass
class _Header:
    unit_col: int
    value_col: int | None


class _Reader:
    def __init__(self, spec: StatisticsTable) -> None:
        self.spec = spec
        self.labels = _Labels(spec)
        self.by_key = {i.key: i for i in spec.indicators}
        self.label_headers = {core_key(h) for h in spec.label_headers}
        self.unit_headers = {core_key(h) for h in spec.unit_headers}
        self.value_headers = [core_key(h) for h in spec.value_headers]
        self.out = TableReading()
        self.context: list[Indicator] = []

    def read(self, tables: list[Table]) -> TableReading:
        for table in tables:
            header = self._header(table)
            rows = [r for r in (self._parse(row, header) for row in table.rows) if r is not None]
            if header is None and sum(1 for r in rows if r[2] is not None) < _MIN_ROWS:
                continue
            for candidates, label, unit, value in rows:
                self._place(candidates, label, unit, value)
        return self.out

    def _header(self, table: Table) -> _Header | None:
        for row in table.rows:
            keys = [core_key(c.text) for c in row]
            if any(k in self.label_headers for k in keys) and any(k in self.unit_headers for k in keys):
                unit_col = next(i for i, k in enumerate(keys) if k in self.unit_headers)
                later = [(i, k) for i, k in enumerate(keys) if i > unit_col]
                value_col = next((i for h in self.value_headers for i, k in later if k == h), None)
                return _Header(unit_col, value_col)
        return None

    def _parse(
        self, row: list[Cell], header: _Header | None
    ) -> tuple[list[Indicator], Cell, Cell | None, Cell | None] | None:
        """The row's candidate indicators, label cell, unit cell and figure cell (None where absent)."""
        for i, cell in enumerate(row):
            reading = read_cell(cell.text)
            if not cell.text.strip() or reading.is_value:
                continue  # a 序号 or a blank before the label
            candidates = self.labels.candidates(cell.text)
            if not candidates:
                return None
            rest = row[i + 1 :]
            unit_at = next((j for j, c in enumerate(rest) if core_key(c.text) in _UNITS), None)
            unit = rest[unit_at] if unit_at is not None else None
            return candidates, cell, unit, self._figure(row, i, unit_at, header)
        return None

    @staticmethod
    def _figure(row: list[Cell], label_at: int, unit_at: int | None, header: _Header | None) -> Cell | None:
        if header is not None and header.value_col is not None and unit_at is not None:
            # The header's offset from its unit column to the year's column, applied from this row's unit.
            at = label_at + 1 + unit_at + header.value_col - header.unit_col
            return row[at] if at < len(row) else None
        after = row[label_at + 1 + (unit_at + 1 if unit_at is not None else 0) :]
        figures = [
            c for c in after if read_cell(c.text).value is not None and not _CODE.match(c.text.strip())
        ]
        return figures[-1] if figures else None

    def _place(self, candidates: list[Indicator], label: Cell, unit: Cell | None, value: Cell | None) -> None:
        indicator = self._resolve(candidates)
        self.context.append(indicator)
        if indicator.group:
            return
        table = self.out.tables.setdefault(STATISTICS, {})
        if indicator.key in table:
            return  # the first reading of a row stands
        reading = read_cell(value.text) if value is not None else None
        table[indicator.key] = {VALUE: reading.value if reading is not None else None}
        if value is not None and value.text.strip():
            w = value.where
            self.out.provenance[cell_path(STATISTICS, indicator.key, VALUE)] = CellSource(
                page=w.page, line=w.line, bbox=w.bbox, text=value.text
            )

    def _resolve(self, candidates: list[Indicator]) -> Indicator:
        """One indicator for a label several share: the one under the nearest row above that heads it."""
        if len(candidates) == 1:
            return candidates[0]
        for above in reversed(self.context):
            for candidate in candidates:
                if above.key in self._ancestors(candidate):
                    return candidate
        return candidates[0]

    def _ancestors(self, indicator: Indicator) -> list[str]:
        keys: list[str] = []
        parent = indicator.parent
        while parent is not None:
            keys.append(parent)
            parent = self.by_key[parent].parent
        return keys


def read_statistics(tables: list[Table], spec: StatisticsTable) -> TableReading:
    """The statistics tables among `tables`, read into `tables["statistics"][indicator]["value"]`."""
    return _Reader(spec).read(tables)
