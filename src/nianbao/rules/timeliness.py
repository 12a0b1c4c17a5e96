"""S-DEADLINE: was the report published in time? (条例第四十九条, spec §6.1)

The publication date, best first: given by the caller (`nianbao check --published 2025-01-20`), a date in
the document (a 发布日期 line, or the closing date line after the body, as signed reports have), or the
file's metadata (PDF CreationDate, DOCX created, HTML PubDate; extract/published.py). Deadlines are per
organ type and configurable, because 乡镇 deadlines are set locally.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..chinese.dates import chinese_day
from ..editions import LEGACY
from ..model import Finding, Location, Report
from ..organs import OrganType, organ_type
from .registry import finding, rule

_ORIGIN_NAMES = {"given": "核对时指定的", "document": "报告所载的", "metadata": "文件属性中的"}
_TYPE_NAMES = {
    OrganType.GOVERNMENT: "县级以上人民政府",
    OrganType.DEPARTMENT: "政府部门",
    OrganType.TOWNSHIP: "乡镇、街道",
}


@dataclass(frozen=True)
class Deadlines:
    """Month and day of year Y+1 by which the report for year Y must be published."""

    government: tuple[int, int] = (3, 31)  # 主管部门 publishes 本级政府 report by 3月31日
    department: tuple[int, int] = (1, 31)  # 县级以上人民政府部门 by 1月31日
    township: tuple[int, int] = (1, 31)  # set locally; 1月31日 is the common choice

    def due(self, kind: OrganType, year: int) -> date:
        month, day = {
            OrganType.GOVERNMENT: self.government,
            OrganType.DEPARTMENT: self.department,
            OrganType.TOWNSHIP: self.township,
        }[kind]
        return date(year + 1, month, day)

    def with_override(self, kind: str, month_day: str) -> Deadlines:
        """`with_override("township", "02-20")`: one organ type's deadline changed."""
        month, day = (int(x) for x in month_day.split("-"))
        date(2000, month, day)  # raises ValueError on an impossible date
        return Deadlines(**{**self.__dict__, OrganType(kind).value: (month, day)})


DEFAULT_DEADLINES = Deadlines()


def deadline_findings(
    report: Report,
    published: date,
    deadlines: Deadlines = DEFAULT_DEADLINES,
    where: Location | None = None,
    origin: str | None = None,
) -> list[Finding]:
    if report.year is None:
        return []
    if LEGACY.applies_to(report.year):
        # The 2008 条例 gave every organ the same date, whatever the local rules now say.
        due = date(report.year + 1, *LEGACY.deadline)
        whose = f"{LEGACY.law}{LEGACY.deadline_article}规定"
    else:
        kind = organ_type(report.organ)
        due = deadlines.due(kind, report.year)
        whose = _TYPE_NAMES[kind]
    if published <= due:
        return []
    late = (published - due).days
    return [
        finding(
            report,
            "S-DEADLINE",
            f"{_ORIGIN_NAMES.get(origin or '', '')}发布日期{chinese_day(published)}"
            f"晚于{whose}的发布期限{chinese_day(due)}（迟{late}天）",
            # A file can be saved again after it was published: its metadata alone proves nothing.
            severity="warning" if origin == "metadata" else None,
            where=where,
        )
    ]


@rule(
    "S-DEADLINE",
    "error",
    "发布日期（核对时指定的、报告所载的，或文件属性中的日期，后者只作警告）不晚于期限："
    "政府部门、乡镇次年1月31日，县级以上人民政府次年3月31日（可配置）；"
    "2018年及以前的报告按2008年条例，各级行政机关均为次年3月31日",
    "条例第四十九条；2008年条例第三十一条",
    "timeliness",
)
def s_deadline(report: Report) -> Iterator[Finding]:
    # Whoever made the Report set its publication date (extract, api.check, loader.load).
    known = report.source.published
    if known is not None:
        yield from deadline_findings(report, known.date, where=known.where, origin=known.origin)
