"""Numbers as Chinese text writes them: Chinese numerals (`一百二十`, `两万三千`, `二〇二四`, `三点五`),
digits with a unit as table cells print them (`12件`, `3.5万元`), and counts and percentages in prose.

Chinese numerals are read the way people write them, with the abbreviations of speech: a last digit
after a unit stands one place lower (`一千二` is 1200, `三万五` 35000) unless a 零 says a place is skipped
(`一万零五` is 10005), and digits without units are read digit by digit (`二〇二四` is 2024, as years are
written). We parse them ourselves rather than with cn2an, which reads the same numbers but raises on
anything else where a reader needs None, returns a binary float for `三点五` where the project keeps
exact decimals, and costs a dependency for some sixty lines.
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {
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
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
POINT = "点"
# The characters a count in prose is written with (a decimal point is not one: `试点三件` counts 三).
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "万"
# A count in prose: digits or Chinese numerals, captured as one token.
NUMBER = rf"(\d+|[{CHINESE_NUMERAL_CHARS}]+)"
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")

# The units prose counts things in (`共计12件`, `3个`, `5人次`).
COUNT_UNITS = "件条个项人次篇家"
# The units a table cell may print after its number.
CELL_UNITS = ("万元", "元", "件", "个", "项", "条")
_SIGNED_DIGITS = r"[+-]?\d[\d,，]*(?:\.\d+)?\s*"
# A number as a table cell prints it: sign, digits with thousands separators, decimals, a unit.
CELL_NUMBER = rf"{_SIGNED_DIGITS}(?:{'|'.join(CELL_UNITS)})?"
# The same or a percentage: what a value column of a printed table may hold.
PRINTED_NUMBER = rf"{_SIGNED_DIGITS}(?:%|{'|'.join(CELL_UNITS)})?"

_SPACE_AROUND_DIGITS = re.compile(r"(?<=[\d\u4e00-\u9fff%％.])[ \t\u3000\xa0]+(?=[\d\u4e00-\u9fff%％.])")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


def chinese_number(text: str) -> int | Decimal | None:
    """The value of a Chinese numeral: `一百二十` → 120, `一千二` → 1200, `两万三千` → 23000,
    `二〇二四` → 2024, `三千零五` → 3005, `三点五` → Decimal('3.5'); None when the text is not one numeral."""
    whole, point, fraction = text.partition(POINT)
    if point:
        if not fraction or any(ch not in DIGITS for ch in fraction):
            return None
        integer = _integer(whole)
        if integer is None:
            return None
        return Decimal(f"{integer}.{''.join(str(DIGITS[ch]) for ch in fraction)}")
    return _integer(text)


def _integer(text: str) -> int | None:
    if not text:
        return None
    if all(ch in DIGITS for ch in text):
        # No units: digit by digit, as years and numbers read aloud are written (`二〇二四`).
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0  # whole 亿 groups
    group = 0  # whole 万 groups within the current 亿
    section = 0  # below 万
    digit: int | None = None
    last_unit = 1
    skipped = False  # a 零 since the last unit: the next digit keeps its own place
    for ch in text:
        if ch in DIGITS:
            value = DIGITS[ch]
            if value == 0:
                skipped = True
                continue
            if digit is not None:
                return None  # two digits in a row inside a numeral with units
            digit = value
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if digit is None and not (unit == 10 and section == 0):
                return None  # only 十 stands alone for 一十 (`十五`)
            section += (digit or 1) * unit
            digit, last_unit, skipped = None, unit, False
        elif ch in LARGE_UNITS:
            unit = LARGE_UNITS[ch]
            amount = section + (digit or 0)
            if unit == LARGE_UNITS["亿"]:
                amount += group
                if amount == 0:
                    return None
                total += amount * unit
                group = 0
            else:
                if amount == 0:
                    return None
                group += amount * unit
            section, digit, last_unit, skipped = 0, None, unit, False
        else:
            return None
    if digit is not None:
        # `一千二`: a last digit right after a unit stands one place below it.
        section += digit * (last_unit // 10 if last_unit >= 10 and not skipped else 1)
    return total + group + section


def chinese_to_int(text: str) -> int | None:
    """A Chinese numeral that is a whole number (`一百二十` → 120), else None."""
    value = chinese_number(text)
    return value if isinstance(value, int) else None


def to_int(token: str) -> int | None:
    """A count written in digits or in Chinese numerals."""
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
