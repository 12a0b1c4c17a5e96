"""Money and signed cells of 表二: amounts are decimals ≥ 0, 本年增/减 is a whole number, units look right."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..editions import ACTIVE
from ..model import Finding, Report, cell_path
from ..organs import OrganType, organ_type
from .labels import printed_edition
from .registry import finding, rule
from .t2 import column_label, row_label

_AMOUNT_COLUMNS = ("amount_wan_yuan", "proc_amount")
_YUAN_NOT_WAN = re.compile(r"(?<!万)元")
# What makes a 万元 amount implausible: the common slip is an amount in 元 typed into the 万元 column, which
# makes it 10,000 times too large. So an amount is suspect when, read as 万元, it is more than an organ of its
# kind collects in a year: a township or 街道 has almost no fees to collect, one department's fees stay
# within 1亿元, and a whole government's (the sum of all its departments') within 1000亿元, more than
# any province's. Where the organ's kind is not known from its name, the amount is not judged.
_FEE_CEILING_WAN_YUAN = {
    OrganType.TOWNSHIP: Decimal(1000),
    OrganType.DEPARTMENT: Decimal(10000),
    OrganType.GOVERNMENT: Decimal(10**7),
}
# A 元 amount has at most two decimals (分); a figure with more is a 万元 amount converted exactly from 元
# (5949.088667万元), whatever its size.
_YUAN_DECIMALS = 2


@rule("G-AMOUNT", "error", "表二金额（收费金额、采购总金额）为不小于0的数", "年度报告格式（表二）", "values")
def g_amount(report: Report) -> Iterator[Finding]:
    for row, cols in report.tables.get(ACTIVE, {}).items():
        for col in _AMOUNT_COLUMNS:
            value = cols.get(col)
            if value is not None and value < 0:
                yield finding(
                    report,
                    "G-AMOUNT",
                    f"表二“{row_label(printed_edition(report), row)}”的金额为{value}，不应小于0",
                    [cell_path(ACTIVE, row, col)],
                )


@rule(
    "G-DELTA",
    "error",
    "2019版表二“本年增/减”为整数（可带符号），且上一年项目数量加增减不小于0（小于0为警告）",
    "2019版格式各列含义",
    "values",
)
def g_delta(report: Report) -> Iterator[Finding]:
    edition = printed_edition(report)
    for row, cols in report.tables.get(ACTIVE, {}).items():
        delta = cols.get("delta_items")
        if delta is None:
            continue
        label = row_label(edition, row)
        path = cell_path(ACTIVE, row, "delta_items")
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
                [cell_path(ACTIVE, row, "prev_items"), path],
                severity="warning",
            )


@rule(
    "G-UNIT",
    "warning",
    "2021版表二收费金额单位为万元：单元格写着“元”，或按万元计超过同类机关一年的收费（乡镇1000万元、"
    "部门1亿元、一级政府1000亿元）且小数不超过两位，疑为把元填作万元",
    "2021版格式“本年收费金额（单位：万元）”",
    "values",
)
def g_unit(report: Report) -> Iterator[Finding]:
    path = cell_path(ACTIVE, "admin_fees", "amount_wan_yuan")
    value = report.cell(ACTIVE, "admin_fees", "amount_wan_yuan")
    if value is None:
        return
    source = report.provenance.get(path)
    if source is not None and _YUAN_NOT_WAN.search(source.text):
        yield finding(report, "G-UNIT", f"收费金额单元格写作“{source.text}”，格式的单位是万元", [path])
        return
    ceiling = _FEE_CEILING_WAN_YUAN[organ_type(report.organ)] if report.organ else None
    if ceiling is not None and value > ceiling and _decimals(value) <= _YUAN_DECIMALS:
        yield finding(
            report,
            "G-UNIT",
            f"收费金额{value}万元超过这类机关一年的收费规模（{ceiling}万元），请核对是否把元填作万元",
            [path],
        )


def _decimals(value: Decimal | int) -> int:
    exponent = Decimal(value).normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
