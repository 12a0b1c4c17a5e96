"""Cell values themselves: counts are whole numbers ≥ 0, and what the reader could not place."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..extract.values import DASHES
from ..model import Finding, Report
from .registry import finding, reader_rule, rule

# Cells that hold money or a signed change rather than a count.
_NOT_COUNTS = {"amount_wan_yuan", "proc_amount", "delta_items"}

reader_rule(
    "G-UNPLACED",
    "warning",
    "表格中的数值无法对应到格式中的行或列（未读取，需人工核对）",
    "读取时发现",
)


@rule("G-INT", "error", "表三、表四及表二的件数为不小于0的整数", "格式（计数单元格）", "values")
def g_int(report: Report) -> Iterator[Finding]:
    for table, rows in report.tables.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                path = f"{table}.{row}.{col}"
                if value is None:
                    text = report.provenance[path].text.strip() if path in report.provenance else ""
                    if text and text not in DASHES:
                        yield finding(report, "G-INT", f"单元格“{text}”不是数字（{path}）", [path])
                    continue
                if col in _NOT_COUNTS:
                    continue
                if isinstance(value, Decimal) or value < 0:
                    yield finding(report, "G-INT", f"单元格的值{value}不是不小于0的整数（{path}）", [path])
