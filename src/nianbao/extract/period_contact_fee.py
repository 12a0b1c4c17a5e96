"""统计期限, contact details and the 信息处理费 statement (the title and organ: titles.py)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ..chinese.marks import squash
from ..editions.common import FEE_WORDS
from ..model import Contact, Fee, Period

_PERIOD = re.compile(
    r"统计[^。；]{0,12}?(\d{4})年(\d{1,2})月(\d{1,2})日起?(?:至|到|—+|－|-|~)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
)
_PHONE = re.compile(r"(?<!\d)(0\d{2,3}[-—–－]?\d{7,8}|1[3-9]\d{9})(?!\d)")
# An address starts where a run of its characters starts (the lookbehind), so a long run without an
# "@" is scanned once, not once from every position (which took minutes on 200 KB of letters).
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(r"(?:https?:?//|www\.)[A-Za-z0-9./_\-?=&%#:~]+[A-Za-z0-9/_\-=&%#~]")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)[:：]?(\d{6})(?!\d)")
_ADDRESS = re.compile(r"地址[:：]([^；;，,。\n）)]+)")
_FAX_WORD = "传真"
_FAX_LOOKBACK = 8
_NOT_CHARGED = ("未收取", "没有收取", "不收取", "未产生", "无收取", "未发生", "零元")
_FEE_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)元")
_FEE_CASES = re.compile(r"(\d+)件")


def find_period(text: str) -> Period | None:
    match = _PERIOD.search(squash(text))
    if not match:
        return None
    y1, m1, d1, y2, m2, d2 = match.groups()
    try:
        return Period(start=date(int(y1), int(m1), int(d1)), end=date(int(y2 or y1), int(m2), int(d2)))
    except ValueError:
        return None


def find_year_in_text(text: str) -> int | None:
    match = re.search(r"(\d{4})年(?:度)?政府信息公开", squash(text))
    return int(match.group(1)) if match else None


def find_contact(text: str) -> Contact:
    flat = squash(text)
    contact = Contact()
    for match in _PHONE.finditer(flat):
        is_fax = _FAX_WORD in flat[max(0, match.start() - _FAX_LOOKBACK) : match.start()]
        bucket = contact.fax if is_fax else contact.phone
        if match.group(1) not in bucket:
            bucket.append(match.group(1))
    contact.email = _unique(m.group(0) for m in _EMAIL.finditer(flat))
    contact.url = _unique(m.group(0) for m in _URL.finditer(flat))
    postcode = _POSTCODE.search(flat)
    contact.postcode = postcode.group(1) if postcode else None
    address = _ADDRESS.search(flat)
    contact.address = address.group(1) if address else None
    return contact


def _unique(items: object) -> list[str]:
    seen: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item not in seen:
            seen.append(item)
    return seen


def find_fee(text: str) -> Fee | None:
    """The section-6 statement on 信息处理费 (spec §6.3), or None where the report makes none."""
    for sentence in re.split(r"[。；;\n]", squash(text)):
        if not any(word in sentence for word in FEE_WORDS):
            continue
        amount_match = _FEE_AMOUNT.search(sentence)
        amount = Decimal(amount_match.group(1)) if amount_match else None
        cases_match = _FEE_CASES.search(sentence)
        cases = int(cases_match.group(1)) if cases_match else None
        if any(word in sentence for word in _NOT_CHARGED) or amount == 0:
            charged: bool | None = False
        elif amount is not None or "已收取" in sentence:
            charged = True
        else:
            continue
        if amount is not None and amount == amount.to_integral_value():
            amount = Decimal(int(amount))
        return Fee(charged=charged, cases=cases, amount_yuan=amount)
    return None
