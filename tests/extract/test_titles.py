"""Title, organ and year: the body's title with furniture above it, titles broken over lines, the year
before the organ, the file's own title hints, and the preamble sentence of a page without a title."""

from __future__ import annotations

import pytest

from nianbao.document import Paragraph
from nianbao.extract.titles import find_title, organ_and_year, organ_in_preamble, read_title
from nianbao.model import Location


def _paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(t, Location(line=i + 1)) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("lines", "title", "organ", "used"),
    [
        (
            ("平罗县宝丰镇", "2024 年政府信息公开工作年度报告", "正文"),
            "平罗县宝丰镇2024年政府信息公开工作年度报告",
            "平罗县宝丰镇",
            2,
        ),
        (
            ("海原县李俊乡人民政府2020年政府信息公开", "工作年度报告"),
            "海原县李俊乡人民政府2020年政府信息公开工作年度报告",
            "海原县李俊乡人民政府",
            2,
        ),
        # A column name printed above the title is furniture, not part of the organ.
        (
            (
                "政府信息公开",
                "福州市晋安区2016年政府信息公开工作年度报告",
                "来源：区人民政府办公室 时间：2017-01-12",
            ),
            "福州市晋安区2016年政府信息公开工作年度报告",
            "福州市晋安区",
            2,
        ),
        (
            ("政府信息公开 福州市晋安区2016年政府信息公开工作年度报告",),
            "福州市晋安区2016年政府信息公开工作年度报告",
            "福州市晋安区",
            1,
        ),
        (
            ("当前位置：首页 > 政务公开", "政府信息公开", "平潭综合实验区2019年", "政府信息公开工作年度报告"),
            "平潭综合实验区2019年政府信息公开工作年度报告",
            "平潭综合实验区",
            4,
        ),
        # The year before the organ.
        (
            ("2019年上海市人民政府办公厅政府信息公开工作年度报告",),
            "2019年上海市人民政府办公厅政府信息公开工作年度报告",
            "上海市人民政府办公厅",
            1,
        ),
        (
            ("2018年度某县人民政府信息公开工作年度报告",),
            "2018年度某县人民政府信息公开工作年度报告",
            "某县人民政府",
            1,
        ),
        (
            ("某县民政局关于2019年政府信息公开工作年度报告",),
            "某县民政局关于2019年政府信息公开工作年度报告",
            "某县民政局",
            1,
        ),
    ],
)
def test_title_and_organ_from_the_top_of_the_page(
    lines: tuple[str, ...], title: str, organ: str, used: int
) -> None:
    reading = read_title(_paras(*lines))
    assert (reading.title, reading.organ, reading.lines) == (title, organ, used)


def test_furniture_line_never_becomes_the_organ() -> None:
    reading = read_title(_paras("政府信息公开", "2024年政府信息公开工作年度报告", "本报告根据……编制。"))
    assert reading.title == "2024年政府信息公开工作年度报告"
    assert (reading.organ, reading.year) == (None, 2024)


def test_portal_label_line_only_when_the_page_prints_no_title() -> None:
    header = (
        "标题: 平潭综合实验区2019年度政府信息公开工作年度报告",
        "发布时间: 2020-01-20",
        "==== 正文 ====",
    )
    body_title = "平潭综合实验区2019年政府信息公开工作年度报告"
    assert find_title(_paras(*header, body_title)) == (body_title, 4)
    assert find_title(_paras(*header, "本报告根据……编制。")) == (
        "平潭综合实验区2019年度政府信息公开工作年度报告",
        1,
    )
    assert find_title(_paras("一、总体情况", "正文", "更多正文")) == (None, 0)


def test_title_hints_fill_in_when_the_body_has_no_title_or_no_organ() -> None:
    hints = ["某市商务局2023年政府信息公开工作年度报告"]
    reading = read_title(_paras("本报告根据……编制。", "一、总体情况"), hints)
    assert (reading.title, reading.organ, reading.year, reading.lines) == (hints[0], "某市商务局", 2023, 0)
    # The body's own title wins over a retyped headline.
    own = read_title(
        _paras("某市商务局2023年政府信息公开工作年度报告"), ["某市商务局2023年度政府信息公开工作年度报告"]
    )
    assert own.title == "某市商务局2023年政府信息公开工作年度报告"
    # A hint for another year (a link to last year's report) names nothing.
    other_year = read_title(
        _paras("2023年政府信息公开工作年度报告"), ["某市商务局2022年政府信息公开工作年度报告"]
    )
    assert other_year.organ is None


@pytest.mark.parametrize(
    ("sentence", "organ"),
    [
        (
            "根据《条例》要求，特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告。",
            "湛江市人民政府地方志办公室",
        ),
        ("根据规定，现公布区政府国资局2022年政府信息公开工作年度报告。", "区政府国资局"),
        ("现将某县统计局2021年度政府信息公开工作年度报告公布如下。", "某县统计局"),
        ("本报告是由某市统计局编制的2017年度政府信息公开年度报告。", "某市统计局"),
        ("区管委会办公室编制完成了本报告。", None),
        ("现将本机关2022年度政府信息公开工作年度报告公布如下。", None),
    ],
)
def test_organ_named_in_the_preamble(sentence: str, organ: str | None) -> None:
    assert organ_in_preamble(sentence) == organ


def test_organ_and_year_of_titles_without_a_year_or_with_a_label() -> None:
    assert organ_and_year("某局政府信息公开工作年度报告") == ("某局", None)
    assert organ_and_year("标题：某局2020年政府信息公开工作年度报告") == ("某局", 2020)
    assert organ_and_year(None) == (None, None)
