"""Chinese numerals as prose writes them, including the abbreviations of speech and digit-by-digit years."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nianbao.chinese.numerals import chinese_number, chinese_to_int, normalise_prose, to_int


def test_year_written_digit_by_digit() -> None:
    assert chinese_number("二〇二四") == 2024
    assert chinese_number("二零二四") == 2024


def test_last_digit_after_a_unit_stands_one_place_lower() -> None:
    assert chinese_number("一千二") == 1200
    assert chinese_number("三万五") == 35000
    assert chinese_number("两百五") == 250


def test_wan_groups() -> None:
    assert chinese_number("两万三千") == 23000
    assert chinese_number("十二万三千四百五十六") == 123456
    assert chinese_number("三百零五万") == 3_050_000
    assert chinese_number("一亿二千万") == 120_000_000


def test_decimal_point_gives_an_exact_decimal() -> None:
    value = chinese_number("三点五")
    assert value == Decimal("3.5") and isinstance(value, Decimal)
    assert chinese_number("四点零五") == Decimal("4.05")
    # A count is a whole number: 三点五 is no count.
    assert chinese_to_int("三点五") is None
    assert to_int("三点五") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十", 120),
        ("十五", 15),
        ("两", 2),
        ("三千零五", 3005),
        ("十", 10),
        ("零", 0),
        ("一万零五", 10005),
    ],
)
def test_existing_readings_unchanged(text: str, value: int) -> None:
    assert chinese_to_int(text) == value
    assert to_int(text) == value


@pytest.mark.parametrize("text", ["", "万", "百", "点五", "十点", "一二十", "五个", "abc"])
def test_what_is_not_one_numeral_is_none(text: str) -> None:
    assert chinese_number(text) is None


def test_digits_and_prose_spacing() -> None:
    assert to_int("21") == 21
    assert normalise_prose("收到申请 1,234 件") == "收到申请1234件"
