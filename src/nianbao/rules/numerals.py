"""Numbers as the prose writes them: Arabic digits or Chinese numerals (`一百二十`, `两`), and percentages."""

from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "万"
# A count in prose: digits or Chinese numerals, captured as one token.
NUMBER = rf"(\d+|[{CHINESE_NUMERAL_CHARS}]+)"
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_SPACE_AROUND_DIGITS = re.compile(r"(?<=[\d\u4e00-\u9fff%％.])[ \t\u3000\xa0]+(?=[\d\u4e00-\u9fff%％.])")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


def chinese_to_int(text: str) -> int | None:
    """`一百二十` → 120, `十五` → 15, `两` → 2, `三千零五` → 3005; None when it is not a numeral."""
    if not text:
        return None
    total = section = number = 0
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _UNITS:
            section += (number or 1) * _UNITS[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10000
            section = number = 0
        else:
            return None
    return total + section + number


def to_int(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return chinese_to_int(token)


def percent_tolerance(stated: str) -> Decimal:
    """How far a computed share may be from the stated one: one unit of its last printed decimal."""
    decimals = len(stated.partition(".")[2])
    return Decimal(1).scaleb(-decimals)


def normalise_prose(text: str) -> str:
    """Spaces between CJK and digits removed (`申请 21 件` → `申请21件`), thousands separators dropped."""
    return _THOUSANDS.sub("", _SPACE_AROUND_DIGITS.sub("", text))
