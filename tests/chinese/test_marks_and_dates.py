"""Enumerators, blank marks and dates: the conventions readers, extraction and rules share."""

from __future__ import annotations

import re
from datetime import date

from nianbao.chinese.dates import PUBLISHED_LINE, chinese_day, to_date
from nianbao.chinese.marks import BLANK_MARK, DASHES, ENUMERATOR, TOP_HEADING, squash, strip_enumerator
from nianbao.chinese.numerals import PRINTED_NUMBER


def test_enumerators() -> None:
    for label in (
        "一、总体情况",
        "（三）不予公开",
        "(1)规章",
        "1.属于国家秘密",
        "2、重复申请",
        "3．其他",
        "  二.措施",
    ):
        assert ENUMERATOR.match(label), label
    assert strip_enumerator("（三）不予公开") == "不予公开"
    assert not ENUMERATOR.match("行政许可")
    assert TOP_HEADING.match("六、其他需要报告的事项") and not TOP_HEADING.match("（六）其他处理")


def test_blank_marks_and_printed_numbers() -> None:
    blank = re.compile(rf"^(?:{BLANK_MARK})$")
    assert all(blank.match(mark) for mark in DASHES)
    assert blank.match("---") and not blank.match("0")
    number = re.compile(rf"^{PRINTED_NUMBER}$")
    for text in ("12", "-3", "1,234", "3.5万元", "12 件", "45%"):
        assert number.match(text), text
    assert not number.match("十二")


def test_published_line_words_and_separators() -> None:
    for line in (
        "发布日期：2025-01-20",
        "发布时间: 2025年1月20日",
        "公开日期：2025.1.20",
        "成文日期：2025/1/20",
    ):
        match = PUBLISHED_LINE.search(line)
        assert match and to_date(*match.groups()) == date(2025, 1, 20), line
    assert PUBLISHED_LINE.search("本报告将于近期发布") is None


def test_dates() -> None:
    assert to_date("2025", "2", "30") is None
    assert chinese_day(date(2025, 1, 2)) == "2025年1月2日"
    assert squash(" 结 果\u3000维持\n") == "结果维持"
