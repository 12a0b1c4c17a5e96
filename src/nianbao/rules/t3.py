"""表三 beyond its sums: the row and column set of the edition, and the fee row against section six."""

from __future__ import annotations

from collections.abc import Iterator

from ..editions import APPLICATIONS
from ..editions.common import APPLICANT_COLUMNS, FEE_WORDS
from ..model import Finding, Report, cell_path
from .labels import printed_edition, t3_column, t3_row
from .registry import finding, rule

_COLS7 = [c.key for c in APPLICANT_COLUMNS]


@rule(
    "T3-ROWSET", "error", "表三的行与所用格式版本一致（2019版23行，2021版25行）", "年度报告格式（表三）", "t3"
)
def t3_rowset(report: Report) -> Iterator[Finding]:
    rows = report.tables.get(APPLICATIONS)
    if rows is None:
        return
    edition = printed_edition(report)
    expected = [r.key for r in edition.applications.data_rows]
    missing = [k for k in expected if k not in rows]
    extra = [k for k in rows if k not in expected]
    other_subrows = [r.key for r in edition.applications.data_rows if r.parent == "r_other"]
    if "r_other" in extra and other_subrows and set(other_subrows) <= set(missing):
        # A common deviation: the 2019 single （六）其他处理 row printed in a 2021 form.
        yield finding(
            report,
            "T3-ROWSET",
            f"表三“{t3_row('r_other')}”只有一行，{edition.form_name}要求分为{len(other_subrows)}个子行",
            [cell_path(APPLICATIONS, "r_other", "total")],
        )
        missing = [k for k in missing if k not in other_subrows]
        extra = [k for k in extra if k != "r_other"]
    if missing:
        names = "、".join(f"“{t3_row(k)}”" for k in missing)
        yield finding(report, "T3-ROWSET", f"表三缺少{edition.form_name}中的行：{names}")
    if extra:
        names = "、".join(f"“{t3_row(k)}”" for k in extra)
        yield finding(
            report,
            "T3-ROWSET",
            f"表三有{edition.form_name}中没有的行：{names}",
            [cell_path(APPLICATIONS, k, "total") for k in extra],
        )


@rule("T3-COLSET", "error", "表三每行有自然人、五类法人或其他组织和总计共7列", "年度报告格式（表三）", "t3")
def t3_colset(report: Report) -> Iterator[Finding]:
    for row, values in report.tables.get(APPLICATIONS, {}).items():
        missing = [c for c in _COLS7 if c not in values]
        if missing:
            yield finding(
                report,
                "T3-COLSET",
                f"表三“{t3_row(row)}”行缺少列：{'、'.join(t3_column(c) for c in missing)}",
                [cell_path(APPLICATIONS, row, c) for c in values],
            )


@rule(
    "T3-FEE-TEXT",
    "warning",
    "表三有“申请人逾期未按收费通知要求缴纳费用”的，第六部分应说明信息处理费情况",
    "政府信息公开信息处理费管理办法；国办公开办函〔2021〕30号",
    "t3",
)
def t3_fee_text(report: Report) -> Iterator[Finding]:
    value = report.cell(APPLICATIONS, "r_other_fee_unpaid", "total")
    if not value:
        return
    s6 = next((s.text for s in report.sections if s.key == "s6_other"), "")
    if not any(word in s6 for word in FEE_WORDS):
        yield finding(
            report,
            "T3-FEE-TEXT",
            f"表三“{t3_row('r_other_fee_unpaid')}”为{value}件，但第六部分未说明信息处理费的收取情况",
            [cell_path(APPLICATIONS, "r_other_fee_unpaid", "total")],
        )
