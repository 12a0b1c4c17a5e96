"""Reading what people type into a 台账 or a command: dates, applicant types, outcomes, channels, 延期.

Matching is exact after normalisation (spaces, full/half width, a leading enumerator): an unknown
value is refused with its reason, never matched to the nearest guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..chinese.dates import ANY_DATE, to_date
from ..editions import EDITIONS
from ..editions.common import APPLICANT_COLUMNS
from ..editions.labels import core_key
from ..editions.outcomes import all_outcome_keys, outcome_label
from .words import ACTIVE_CHANNELS, APPEAL_KINDS, APPEAL_RESULTS, CHANNELS, EVENTS

if TYPE_CHECKING:
    from .cases import Event
    from .registers import ActiveItem, Appeal

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


def _event_fields(kind: str) -> set[str]:
    from typing import get_args

    from .cases import Event

    for model in get_args(get_args(Event)[0]):
        if model.model_fields["kind"].default == kind:
            return set(model.model_fields)
    return set()


def default_basis(outcome: str) -> str:
    """The legal basis an answer cites when the clerk names none: the outcome's first article."""
    from ..editions.outcomes import BASES

    bases = BASES.get(outcome, ())
    return bases[0].citation if bases else ""


def build_event(kind: object, on: object, given: dict[str, object]) -> Event:
    """An event from what people typed (a command's options, a web form): the kind by its key or
    Chinese name, dates in the usual forms, 征求意见 party and 收费 method by their Chinese names, the
    outcome by its printed label; fields the kind does not have are ignored, blanks are left out.
    Raises ValueProblem (or pydantic's ValidationError for values out of range)."""
    from decimal import Decimal, InvalidOperation

    from pydantic import TypeAdapter

    from .cases import Event
    from .words import CONSULTED, FEE_METHODS

    event_kind = parse_event_kind(kind)
    values = {k: v for k, v in given.items() if not _blank(v)}
    for name in ("deadline", "notified_on"):
        if name in values:
            values[name] = parse_date(values[name])
    if "party" in values:
        values["party"] = {v: k for k, v in CONSULTED.items()}.get(str(values["party"]), values["party"])
    if "method" in values:
        values["method"] = {v: k for k, v in FEE_METHODS.items()}.get(str(values["method"]), values["method"])
    if "amount_yuan" in values:
        try:
            values["amount_yuan"] = Decimal(str(values["amount_yuan"]).strip())
        except InvalidOperation:
            raise ValueProblem(f"无法识别金额“{values['amount_yuan']}”") from None
    if event_kind == "replied":
        if "outcome" not in values:
            raise ValueProblem("答复须写明办理结果")
        values["outcome"] = parse_outcome(values["outcome"])
        # An empty basis given on purpose stays empty (None = not given: the outcome's own).
        basis = given.get("legal_basis")
        values["legal_basis"] = default_basis(str(values["outcome"])) if basis is None else str(basis)
    allowed = _event_fields(event_kind)
    data = {k: v for k, v in values.items() if k in allowed and k not in ("kind", "on")}
    event: Event = TypeAdapter(Event).validate_python({"kind": event_kind, "on": parse_date(on), **data})
    return event


def build_active_item(given: dict[str, object]) -> ActiveItem:
    """A 主动公开 register entry from typed text: dates in the usual forms, channels and the 表二 row
    (规章/行政规范性文件) by their Chinese names."""
    from ..editions import E2021
    from .registers import ActiveItem

    rows = {r.key: r.label for r in E2021.active.blocks[0].rows}
    channels = given.get("channels") or ["政府网站"]
    assert isinstance(channels, list | tuple)
    kind = given.get("document_row")
    return ActiveItem.model_validate(
        {
            "number": given.get("number"),
            "title": given.get("title"),
            "doc_number": given.get("doc_number") or "",
            "article20_item": given.get("article20_item") or 1,
            "published_on": parse_date(given.get("published_on")),
            "channels": [parse_active_channel(c) for c in channels],
            "secrecy_reviewed": bool(given.get("secrecy_reviewed")),
            "document_row": None if _blank(kind) else parse_choice(kind, rows, "文件类型"),
            "repealed_on": optional_date(given.get("repealed_on")),
        }
    )


def build_appeal(given: dict[str, object]) -> Appeal:
    """A 复议/诉讼 register entry (表四) from typed text: kind and result by their Chinese names."""
    from .registers import Appeal

    result = given.get("result")
    case = given.get("case_number")
    return Appeal.model_validate(
        {
            "number": given.get("number"),
            "kind": parse_appeal_kind(given.get("kind")),
            "filed_on": parse_date(given.get("filed_on")),
            "case_number": None if _blank(case) else case,
            "result": None if _blank(result) else parse_appeal_result(result),
            "decided_on": optional_date(given.get("decided_on")),
        }
    )
