"""Cell values themselves: counts are whole numbers ≥ 0, and what the reader could not place."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..chinese.marks import DASHES
from ..editions import ACTIVE, APPLICATIONS, LEGACY
from ..editions.legacy import WAN_YUAN
from ..model import Finding, Report
from .labels import TABLE_NAMES, printed_edition, t3_column, t3_row, t4_column, t4_group
from .registry import UNCERTAIN_RULE, finding, reader_rule, rule
from .t2 import column_label, row_label

# Cells that hold money or a signed change, not a count (so do the 万元 rows of a pre-2019 statistics table).
_NOT_COUNTS = {"amount_wan_yuan", "proc_amount", "delta_items"}
_STATISTICS_AMOUNTS = LEGACY.statistics.amounts(WAN_YUAN)

reader_rule(
    "G-UNPLACED",
    "warning",
    "表格中的数值无法对应到格式中的行或列（未读取，需人工核对）",
    "读取时发现",
)


@rule(
    "G-INT",
    "error",
    "表三、表四及表二的件数（2018年及以前的统计表中万元以外的各项）为不小于0的整数",
    "格式（计数单元格）",
    "values",
)
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
                if col in _NOT_COUNTS or (table == LEGACY.statistics.key and row in _STATISTICS_AMOUNTS):
                    continue
                if isinstance(value, Decimal) or value < 0:
                    yield finding(report, "G-INT", f"单元格的值{value}不是不小于0的整数（{path}）", [path])


def cell_label(report: Report, path: str) -> str:
    """A cell named as a person finds it in the printed table: 表三“予以公开”行“自然人”列."""
    table, row, col = path.split(".")
    if table == ACTIVE:
        edition = printed_edition(report)
        row_name, col_name = row_label(edition, row), column_label(edition, row, col)
    elif table in TABLE_NAMES and table != ACTIVE:
        is_t3 = table == APPLICATIONS
        row_name = t3_row(row) if is_t3 else t4_group(row)
        col_name = t3_column(col) if is_t3 else t4_column(col)
    else:
        return path
    return f"{TABLE_NAMES[table]}“{row_name}”行“{col_name}”列"


@rule(
    UNCERTAIN_RULE,
    "warning",
    "没有把握读取的单元格（扫描件几次识读结果不一致或对数字没有把握；数字连写在一起、按格式和勾稽关系"
    "仍有几种拆分）：不取值，需对照原件核对",
    "读取时发现（文字识别、连写数字的拆分）",
    "values",
)
def g_uncertain(report: Report) -> Iterator[Finding]:
    for path in sorted(report.uncertain_cells()):
        source = report.provenance[path]
        options = "、".join(str(v) for v in source.candidates or [])
        guess = f"，可能是{options}" if options else ""
        yield finding(
            report,
            UNCERTAIN_RULE,
            f"{cell_label(report, path)}读取没有把握（读作“{source.text}”{guess}），未取值，"
            "涉及该格的勾稽关系未核对，请对照原件填写",
            [path],
        )
