"""Reading what people type into a 台账 or a command: dates, applicant types, outcomes, channels, 延期.

Matching is exact after normalisation (spaces, full/half width, a leading enumerator): an unknown
value is refused with its reason, never matched to the nearest guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..chinese.dates import ANY_DATE, to_date
from ..editions import EDITIONS
from ..editions.common import APPLICANT_COLUMNS
from ..editions.labels import core_key
from ..editions.outcomes import all_outcome_keys, outcome_label
from .words import ACTIVE_CHANNELS, APPEAL_KINDS, APPEAL_RESULTS, CHANNELS, EVENTS

_DATE = re.compile(r"^\s*" + ANY_DATE + r"\s*日?\s*$")
_EXTENSION_YES = ("是", "已延期", "延期", "Y", "YES")


class ValueProblem(ValueError):
    """A value that cannot be read; the message names the value and what is expected (Chinese)."""


def parse_date(value: object) -> date:
    """`2025-01-06`, `2025/1/6`, `2025.1.6`, `2025年1月6日`, or a date cell of a spreadsheet."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    match = _DATE.match(text)
    if match is None:
        raise ValueProblem(f"无法识别日期“{text}”（应写作 2025-01-06、2025/1/6 或 2025年1月6日）")
    found = to_date(match[1], match[2], match[3])
    if found is None:
        raise ValueProblem(f"日期“{text}”不存在")
    return found


def optional_date(value: object) -> date | None:
    return None if _blank(value) else parse_date(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _index(entries: dict[str, list[str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, labels in entries.items():
        for label in (key, *labels):
            index.setdefault(core_key(label), key)
    return index


_TYPES = _index({c.key: [c.label, *c.aliases] for c in APPLICANT_COLUMNS if c.key != "total"})


def _outcome_labels() -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for edition in EDITIONS.values():
        for row in edition.applications.rows:
            if row.key in all_outcome_keys():
                labels.setdefault(row.key, []).extend([row.label, *row.aliases])
    return labels


_OUTCOMES = _index(_outcome_labels())


def _lookup(index: dict[str, str], value: object, what: str, choices: str) -> str:
    key = index.get(core_key(str(value or "")))
    if key is None:
        raise ValueProblem(f"未知的{what}“{value}”；可填：{choices}")
    return key


def parse_applicant_type(value: object) -> str:
    choices = "、".join(c.label for c in APPLICANT_COLUMNS if c.key != "total")
    return _lookup(_TYPES, value, "申请人类型", choices)


def parse_outcome(value: object) -> str:
    """A result row by its printed name, with or without its enumerator (`（一）予以公开`, `予以公开`,
    `1.属于国家秘密`), 部分公开 with or without its bracketed note; or by its key."""
    choices = "、".join(core_key(outcome_label(k)) for k in all_outcome_keys())
    return _lookup(_OUTCOMES, value, "办理结果", choices)


def parse_choice(value: object, words: dict[str, str], what: str) -> str:
    index = _index({key: [label] for key, label in words.items()})
    return _lookup(index, value, what, "、".join(words.values()))


def parse_channel(value: object) -> str:
    return parse_choice(value, CHANNELS, "申请方式")


def parse_event_kind(value: object) -> str:
    return parse_choice(value, EVENTS, "事件")


def parse_active_channel(value: object) -> str:
    return parse_choice(value, ACTIVE_CHANNELS, "公开渠道")


def parse_appeal_kind(value: object) -> str:
    return parse_choice(value, APPEAL_KINDS, "复议诉讼类型")


def parse_appeal_result(value: object) -> str:
    return parse_choice(value, APPEAL_RESULTS, "审结结果")


def parse_extension(value: object) -> int | None:
    """`是` (the full 20 working days), a number of working days up to 20, or empty (none)."""
    if _blank(value) or str(value).strip() in ("否", "无", "0"):
        return None
    text = str(value).strip()
    if text.upper() in _EXTENSION_YES:
        return 20
    try:
        days = int(float(text))
    except ValueError:
        raise ValueProblem(f"无法识别延期“{text}”（填“是”、1至20的工作日数，或留空）") from None
    if not 1 <= days <= 20 or days != float(text):
        raise ValueProblem(f"延期“{text}”超出范围（延期最多20个工作日）")
    return days
