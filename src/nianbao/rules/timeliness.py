"""S-DEADLINE: was the report published in time? (条例第四十九条, spec §6.1)

The publication date comes from the document (a closing date line after the body, as signed reports
have) or from the caller (`nianbao check --published 2025-01-20`). Deadlines are per organ type and
configurable, because 乡镇 deadlines are set locally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Finding, Location, Report, anchor_at
from .organs import OrganType, organ_type
from .registry import finding, rule
from .sentences import section_location

_DATE_LINE = re.compile(r"^(?:.{0,40}?)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
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


def date_in_document(report: Report) -> tuple[date, Location | None] | None:
    """A closing date line in the last section (the signature date), if it falls after the report year."""
    if report.year is None or not report.sections:
        return None
    last = report.sections[-1]
    for line in reversed([x.strip() for x in last.text.split("\n") if x.strip()][-3:]):
        match = _DATE_LINE.match(line)
        if match:
            try:
                found = date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            if found.year > report.year:
                where = anchor_at(last.anchors, last.text.rindex(line)) or section_location(last)
                return found, where
    return None


def _chinese(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def deadline_findings(
    report: Report, published: date, deadlines: Deadlines = DEFAULT_DEADLINES, where: Location | None = None
) -> list[Finding]:
    if report.year is None:
        return []
    kind = organ_type(report.organ)
    due = deadlines.due(kind, report.year)
    if published <= due:
        return []
    late = (published - due).days
    return [
        finding(
            report,
            "S-DEADLINE",
            f"发布日期{_chinese(published)}晚于{_TYPE_NAMES[kind]}的发布期限{_chinese(due)}（迟{late}天）",
            where=where,
        )
    ]


@rule(
    "S-DEADLINE",
    "error",
    "发布日期不晚于期限：政府部门、乡镇次年1月31日，县级以上人民政府次年3月31日（可配置）",
    "条例第四十九条",
    "timeliness",
)
def s_deadline(report: Report) -> Iterator[Finding]:
    found = date_in_document(report)
    if found is not None:
        yield from deadline_findings(report, found[0], where=found[1])
