"""The arithmetic the form prints or implies: 表三 ledger and sums, 表四 group totals, blank cells.

Blank cells count as 0 here (spec §5) and are reported once more by G-BLANK.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..editions import APPLICATIONS, E2021, LEGACY, REVIEW
from ..editions.common import APPLICANT_COLUMNS, REVIEW_TABLE
from ..model import Finding, Report, cell_path
from .labels import TABLE_NAMES, t3_column, t3_row, t4_column, t4_group
from .registry import finding, rule

COLS6 = [c.key for c in APPLICANT_COLUMNS[:-1]]
COLS7 = [c.key for c in APPLICANT_COLUMNS]


def _result_rows(report: Report) -> list[str]:
    # E2021's tree holds the rows of both editions (its （六）其他处理 has the 2019 single row as its group).
    return E2021.applications.result_rows(report.tables.get(APPLICATIONS, {}))


@rule(
    "T3-LEDGER",
    "error",
    "表三每列：本年新收＋上年结转＝办理结果总计＋结转下年度",
    "表三勾稽关系说明（格式印明）",
    "arithmetic",
)
def t3_ledger(report: Report) -> Iterator[Finding]:
    t3 = report.tables.get(APPLICATIONS, {})
    if "new_received" not in t3 or "r_total" not in t3:
        return
    for col in COLS7:
        new, carried = (
            report.cell_or_zero(APPLICATIONS, "new_received", col),
            report.cell_or_zero(APPLICATIONS, "carried_over", col),
        )
        total, forward = (
            report.cell_or_zero(APPLICATIONS, "r_total", col),
            report.cell_or_zero(APPLICATIONS, "carry_forward", col),
        )
        if new + carried != total + forward:
            yield finding(
                report,
                "T3-LEDGER",
                f"{t3_column(col)}列：本年新收({new})+上年结转({carried})={new + carried}，"
                f"不等于办理结果总计({total})+结转下年度({forward})={total + forward}",
                [
                    cell_path(APPLICATIONS, r, col)
                    for r in ("new_received", "carried_over", "r_total", "carry_forward")
                ],
            )


@rule("T3-ROWSUM", "error", "表三每行：总计＝自然人与五类法人或其他组织之和", "“总计”列的含义", "arithmetic")
def t3_rowsum(report: Report) -> Iterator[Finding]:
    for row, values in report.tables.get(APPLICATIONS, {}).items():
        if "total" not in values:
            continue
        parts = [report.cell_or_zero(APPLICATIONS, row, c) for c in COLS6]
        total = report.cell_or_zero(APPLICATIONS, row, "total")
        if sum(parts) != total:
            shown = "+".join(str(p) for p in parts)
            yield finding(
                report,
                "T3-ROWSUM",
                f"“{t3_row(row)}”行：各类申请人之和 {shown}={sum(parts)}，不等于总计({total})",
                [cell_path(APPLICATIONS, row, c) for c in COLS7],
            )


@rule("T3-RESULTSUM", "error", "表三每列：（七）总计＝各项办理结果之和", "“（七）总计”的含义", "arithmetic")
def t3_resultsum(report: Report) -> Iterator[Finding]:
    if "r_total" not in report.tables.get(APPLICATIONS, {}):
        return
    rows = _result_rows(report)
    for col in COLS7:
        parts = sum(report.cell_or_zero(APPLICATIONS, r, col) for r in rows)
        total = report.cell_or_zero(APPLICATIONS, "r_total", col)
        if parts != total:
            yield finding(
                report,
                "T3-RESULTSUM",
                f"{t3_column(col)}列：各项办理结果之和为{parts}，不等于（七）总计({total})",
                [cell_path(APPLICATIONS, "r_total", col), *(cell_path(APPLICATIONS, r, col) for r in rows)],
            )


def _t4_group_sum(report: Report, rule_id: str, group: str) -> Iterator[Finding]:
    values = report.tables.get(REVIEW, {}).get(group)
    if not values or "total" not in values:
        return
    parts_keys = [c.key for c in REVIEW_TABLE.columns if c.key != "total"]
    parts = [report.cell_or_zero(REVIEW, group, c) for c in parts_keys]
    total = report.cell_or_zero(REVIEW, group, "total")
    if sum(parts) != total:
        named = "+".join(f"{t4_column(c)}({p})" for c, p in zip(parts_keys, parts, strict=True))
        yield finding(
            report,
            rule_id,
            f"表四“{t4_group(group)}”：{named}={sum(parts)}，不等于总计({total})",
            [cell_path(REVIEW, group, c) for c in (*parts_keys, "total")],
        )


@rule(
    "T4-REVIEW",
    "error",
    "表四行政复议：总计＝结果维持＋结果纠正＋其他结果＋尚未审结",
    "表四格式",
    "arithmetic",
)
def t4_review(report: Report) -> Iterator[Finding]:
    return _t4_group_sum(report, "T4-REVIEW", "review")


@rule("T4-LIT-DIRECT", "error", "表四未经复议直接起诉：总计＝四项结果之和", "表四格式", "arithmetic")
def t4_lit_direct(report: Report) -> Iterator[Finding]:
    return _t4_group_sum(report, "T4-LIT-DIRECT", "lit_direct")


@rule("T4-LIT-AFTER", "error", "表四复议后起诉：总计＝四项结果之和", "表四格式", "arithmetic")
def t4_lit_after(report: Report) -> Iterator[Finding]:
    return _t4_group_sum(report, "T4-LIT-AFTER", "lit_after_review")


@rule("T4-SHAPE", "error", "表四数据行恰有15个单元格（读取时多出的单元格另报警告）", "表四格式", "arithmetic")
def t4_shape(report: Report) -> Iterator[Finding]:
    if REVIEW not in report.tables:
        return
    missing = [
        cell_path(REVIEW, g, c) for g, c in REVIEW_TABLE.ordered_cells() if not report.has_cell(REVIEW, g, c)
    ]
    if missing:
        yield finding(
            report,
            "T4-SHAPE",
            f"表四数据行只有{15 - len(missing)}个单元格，缺少{len(missing)}个（格式为15个）",
            missing,
        )


@rule(
    "G-BLANK",
    "warning",
    "表二、表三、表四不应有空白单元格（没有数字时应填0；2018年及以前的统计表不要求）",
    "格式要求每格填数；示例003有空白",
    "arithmetic",
)
def g_blank(report: Report) -> Iterator[Finding]:
    unsure = report.uncertain_cells()  # no value because none could be read for certain: G-UNCERTAIN
    for table, rows in report.tables.items():
        if table == LEGACY.statistics.key:
            continue
        blanks = [
            path
            for r, cols in rows.items()
            for c, v in cols.items()
            if v is None and (path := cell_path(table, r, c)) not in unsure
        ]
        if blanks:
            yield finding(
                report,
                "G-BLANK",
                f"{TABLE_NAMES.get(table, table)}有{len(blanks)}个空白单元格（应填0）；核对时按0计算",
                blanks,
            )
