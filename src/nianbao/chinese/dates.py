"""Dates as Chinese documents print them: `2025年1月20日`, `2025-01-20`, `2025.1.20`, `2025/1/20`."""

from __future__ import annotations

import re
from datetime import date

# `2025年1月20日`, spaces allowed between the parts (PDF text often has them).
CHINESE_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# Year, month and day by any separator sites and documents use: `2025-01-20`, `2025年1月20`, `2025.1.20`.
ANY_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
# A labelled publication date: `发布日期：2025-01-20`, `发布时间: 2025年1月20日`, `公开日期：…`, `成文日期：…`
# (成文 is when the document was signed, which a report's closing date line also says).
PUBLISHED_LINE = re.compile(r"(?:发布|发稿|公开|成文)(?:时间|日期)\s*[:：]\s*" + ANY_DATE)


def to_date(year: int | str, month: int | str, day: int | str) -> date | None:
    """The date, or None where the numbers make none (`2025年2月30日`)."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def chinese_day(day: date) -> str:
    """`2025年1月20日`: how messages and generated reports write a date."""
    return f"{day.year}年{day.month}月{day.day}日"


_WHOLE_DATE = re.compile(r"\s*" + ANY_DATE + r"\s*日?\s*")


def read_date(text: str) -> date | None:
    """A date typed by a person, as `2025-02-10`, `2025/2/10`, `2025.2.10` or `2025年2月10日`; None else."""
    match = _WHOLE_DATE.fullmatch(text)
    return to_date(*match.groups()) if match else None
