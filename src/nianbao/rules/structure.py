"""Structure and metadata: sections, edition against year, title, 统计期限."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..editions import edition_for_year, get
from ..editions.titles import TITLE_TAIL
from ..model import Finding, Report
from .labels import printed_edition, under_2008_regulation
from .registry import finding, rule


@rule(
    "S-SECTIONS",
    "error",
    "六个一级标题齐全、各出现一次、顺序正确；多出的一级标题或措辞不同另报警告（2018年及以前的报告没有统一格式，不核对）",
    "条例第五十条；年度报告格式",
    "structure",
)
def s_sections(report: Report) -> Iterator[Finding]:
    if under_2008_regulation(report):
        return
    expected = printed_edition(report).sections
    found_keys = [s.key for s in report.sections if s.key]
    missing = [s for s in expected if s.key not in found_keys]
    if missing:
        names = "、".join(f"“{s.heading}”" for s in missing)
        yield finding(report, "S-SECTIONS", f"缺少一级标题：{names}")
    order = [s.key for s in expected if s.key in found_keys]
    if found_keys != order:
        yield finding(
            report,
            "S-SECTIONS",
            "一级标题顺序与格式不一致：" + "、".join(s.heading for s in report.sections if s.key),
        )
    for section in report.sections:
        if section.key is None:
            yield finding(
                report, "S-SECTIONS", f"多出格式之外的一级标题“{section.heading}”", severity="warning"
            )
    by_key = {s.key: s for s in expected}
    for position, section in enumerate(s for s in report.sections if s.key):
        if section.canonical:
            continue
        canonical = by_key[section.key].heading  # type: ignore[index]
        numeral, _, title = section.heading.partition("、")
        canonical_numeral, _, canonical_title = canonical.partition("、")
        differs = [
            name
            for name, same in (("编号", numeral == canonical_numeral), ("措辞", title == canonical_title))
            if not same
        ]
        detail = "和".join(differs) or "写法"
        yield finding(
            report,
            "S-SECTIONS",
            f"一级标题“{section.heading}”的{detail}与格式“{canonical}”不同（第{position + 1}个标题）",
            severity="warning",
        )


@rule(
    "S-EDITION-YEAR",
    "error",
    "2020年及以前的报告用2019版格式，2021年起用2021版格式",
    "国办公开办函〔2021〕30号",
    "structure",
)
def s_edition_year(report: Report) -> Iterator[Finding]:
    if report.edition not in ("E2019", "E2021") or report.year is None:
        return
    expected = edition_for_year(report.year)
    if expected.key != report.edition:
        used = get(report.edition)
        yield finding(
            report,
            "S-EDITION-YEAR",
            f"{report.year}年度报告应使用{expected.form_name}（{expected.notice_number}），"
            f"但表格是{used.short_name}（{used.notice_number}）格式",
        )


@rule(
    "S-TITLE",
    "warning",
    "标题为“{机关}{年度}年政府信息公开工作年度报告”",
    "年度报告惯例与评估要求",
    "structure",
)
def s_title(report: Report) -> Iterator[Finding]:
    if not report.title:
        yield finding(report, "S-TITLE", "未找到报告标题（应为“{机关名称}{年度}年政府信息公开工作年度报告”）")
        return
    match = re.fullmatch(r"(.+?)(\d{4})" + TITLE_TAIL, report.title)
    if not match:
        yield finding(
            report, "S-TITLE", f"标题“{report.title}”不符合“{{机关名称}}{{年度}}{TITLE_TAIL}”的格式"
        )
        return
    if report.period and int(match.group(2)) != report.period.start.year:
        yield finding(
            report,
            "S-TITLE",
            f"标题中的年度({match.group(2)})与统计期限的年度({report.period.start.year})不一致",
        )


@rule(
    "S-PERIOD",
    "warning",
    "写明统计期限，且为报告年度的1月1日至12月31日（年度不符为错误）",
    "年度报告惯例",
    "structure",
)
def s_period(report: Report) -> Iterator[Finding]:
    if report.period is None:
        yield finding(
            report, "S-PERIOD", "未写明统计期限（如“本报告所列数据的统计期限为某年1月1日至12月31日”）"
        )
        return
    if report.year is None:
        return
    start, end = report.period.start, report.period.end
    if (start.year, start.month, start.day) != (report.year, 1, 1) or (end.year, end.month, end.day) != (
        report.year,
        12,
        31,
    ):
        yield finding(
            report,
            "S-PERIOD",
            f"统计期限为{start:%Y年%m月%d日}至{end:%Y年%m月%d日}，应为{report.year}年1月1日至{report.year}年12月31日",
            severity="error",
        )
