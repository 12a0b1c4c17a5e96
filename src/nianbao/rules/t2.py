"""表二 within one report: its blocks, rows and columns, and 对外公开总数量 against 本年新公开数量."""

from __future__ import annotations

from collections.abc import Iterator

from ..editions import ACTIVE, Edition
from ..model import Finding, Report, cell_path
from .labels import printed_edition
from .registry import finding, rule


def row_label(edition: Edition, row: str) -> str:
    block = edition.active.block_of(row)
    return next(r.label for r in block.rows if r.key == row)


def column_label(edition: Edition, row: str, col: str) -> str:
    block = edition.active.block_of(row)
    return next(c.label for c in block.columns if c.key == col)


@rule("T2-ROWSET", "error", "表二的栏目、行和列与所用格式版本一致", "年度报告格式（表二）", "t2")
def t2_rowset(report: Report) -> Iterator[Finding]:
    table = report.tables.get(ACTIVE)
    if table is None:
        return
    edition = printed_edition(report)
    expected = edition.active.cells()
    missing = [
        cell_path(ACTIVE, r, c) for r, cols in expected.items() for c in cols if c not in table.get(r, {})
    ]
    extra = [
        cell_path(ACTIVE, r, c) for r, cols in table.items() for c in cols if c not in expected.get(r, ())
    ]
    if missing:
        names = "、".join(
            f"“{row_label(edition, r)}”的“{column_label(edition, r, c)}”"
            for r, cols in expected.items()
            for c in cols
            if c not in table.get(r, {})
        )
        yield finding(report, "T2-ROWSET", f"表二缺少{edition.form_name}中的单元格：{names}")
    if extra:
        yield finding(
            report, "T2-ROWSET", f"表二有{edition.form_name}中没有的单元格：{'、'.join(extra)}", extra
        )


@rule(
    "T2-TOTALPUB-GE", "warning", "2019版表二：对外公开总数量不小于本年新公开数量", "2019版格式各列含义", "t2"
)
def t2_totalpub_ge(report: Report) -> Iterator[Finding]:
    edition = printed_edition(report)
    for row, cols in report.tables.get(ACTIVE, {}).items():
        if "total_published" not in cols or "new_published" not in cols:
            continue
        total, new = (
            report.cell_or_zero(ACTIVE, row, "total_published"),
            report.cell_or_zero(ACTIVE, row, "new_published"),
        )
        if total < new:
            yield finding(
                report,
                "T2-TOTALPUB-GE",
                f"表二“{row_label(edition, row)}”：{column_label(edition, row, 'total_published')}({total})"
                f"小于{column_label(edition, row, 'new_published')}({new})",
                [cell_path(ACTIVE, row, "total_published"), cell_path(ACTIVE, row, "new_published")],
            )
