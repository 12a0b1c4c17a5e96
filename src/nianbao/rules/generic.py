"""Money and signed cells of 表二: amounts are decimals ≥ 0, 本年增/减 is a whole number, units look right."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import Finding, Report, cell_path
from .labels import edition_of
from .organs import OrganType, organ_type
from .registry import finding, rule
from .t2 import T2, column_label, row_label

_AMOUNT_COLUMNS = ("amount_wan_yuan", "proc_amount")
# More than this many 万元 of fees in a year is implausible below the level of a whole government.
_FEE_LIMIT_WAN_YUAN = Decimal(10000)
_YUAN_NOT_WAN = re.compile(r"(?<!万)元")


@rule("G-AMOUNT", "error", "表二金额（收费金额、采购总金额）为不小于0的数", "年度报告格式（表二）", "values")
def g_amount(report: Report) -> Iterator[Finding]:
    for row, cols in report.tables.get(T2, {}).items():
        for col in _AMOUNT_COLUMNS:
            value = cols.get(col)
            if value is not None and value < 0:
                yield finding(
                    report,
                    "G-AMOUNT",
                    f"表二“{row_label(edition_of(report), row)}”的金额为{value}，不应小于0",
                    [cell_path(T2, row, col)],
                )


@rule(
    "G-DELTA",
    "error",
    "2019版表二“本年增/减”为整数（可带符号），且上一年项目数量加增减不小于0（小于0为警告）",
    "2019版格式各列含义",
    "values",
)
def g_delta(report: Report) -> Iterator[Finding]:
    edition = edition_of(report)
    for row, cols in report.tables.get(T2, {}).items():
        delta = cols.get("delta_items")
        if delta is None:
            continue
        label = row_label(edition, row)
        path = cell_path(T2, row, "delta_items")
        if isinstance(delta, Decimal) and delta != delta.to_integral_value():
            yield finding(report, "G-DELTA", f"表二“{label}”的本年增/减({delta})不是整数", [path])
            continue
        previous = cols.get("prev_items")
        if previous is not None and previous + delta < 0:
            yield finding(
                report,
                "G-DELTA",
                f"表二“{label}”：{column_label(edition, row, 'prev_items')}({previous})"
                f"加本年增减({delta})小于0",
                [cell_path(T2, row, "prev_items"), path],
                severity="warning",
            )


@rule(
    "G-UNIT",
    "warning",
    "2021版表二收费金额单位为万元：乡镇、部门超过1万万元，或单元格写着“元”，疑为单位错误",
    "2021版格式“本年收费金额（单位：万元）”",
    "values",
)
def g_unit(report: Report) -> Iterator[Finding]:
    path = cell_path(T2, "admin_fees", "amount_wan_yuan")
    value = report.cell(T2, "admin_fees", "amount_wan_yuan")
    if value is None:
        return
    source = report.provenance.get(path)
    if source is not None and _YUAN_NOT_WAN.search(source.text):
        yield finding(report, "G-UNIT", f"收费金额单元格写作“{source.text}”，格式的单位是万元", [path])
    elif value > _FEE_LIMIT_WAN_YUAN and organ_type(report.organ) is not OrganType.GOVERNMENT:
        yield finding(
            report, "G-UNIT", f"收费金额{value}万元对本机关而言过大，请核对单位是否误填为元", [path]
        )
