"""Extraction from text: metadata, sections by title, edition by signature, rows by label."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nianbao.document import Paragraph
from nianbao.editions import E2019, E2021
from nianbao.extract import extract
from nianbao.extract.period_contact_fee import find_contact, find_fee, find_period
from nianbao.extract.sections import find_sections
from nianbao.extract.titles import find_title
from nianbao.extract.values import read_cell
from nianbao.model import Location
from nianbao.readers import read_bytes
from nianbao.render import render_text
from nianbao.synth import generate


def _paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(t, Location(line=i + 1)) for i, t in enumerate(texts)]


def test_title_split_over_lines_is_joined() -> None:
    title, used = find_title(_paras("平罗县宝丰镇", "2024 年政府信息公开工作年度报告", "正文"))
    assert (title, used) == ("平罗县宝丰镇2024年政府信息公开工作年度报告", 2)
    assert find_title(_paras("一、总体情况", "正文", "更多正文")) == (None, 0)
    assert find_title(_paras("标题: 示例县2023年度政府信息公开工作年度报告")) == (
        "示例县2023年度政府信息公开工作年度报告",
        1,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告所列数据的统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。",
        "统计期限自2020年1月1日起至2020年12月31日止。",
        "本报告统计数据从 2020 年 1 月 1 日至 12 月 31 日。",
    ],
)
def test_period_phrasings(sentence: str) -> None:
    period = find_period(sentence)
    assert period is not None and (period.start, period.end) == (date(2020, 1, 1), date(2020, 12, 31))


def test_period_absent_or_impossible_is_none() -> None:
    assert find_period("本报告由某镇编制。") is None
    assert find_period("统计期限为2020年2月30日至2020年12月31日") is None


def test_contact_details() -> None:
    contact = find_contact(
        "地址：某县人民路1号；邮编：753400；电话：0952—8011132；传真：0952-8011133；"
        "电子邮箱：abc@163.com。网址 http//www.hy.cn"
    )
    assert contact.address == "某县人民路1号"
    assert contact.postcode == "753400"
    assert contact.phone == ["0952—8011132"] and contact.fax == ["0952-8011133"]
    assert contact.email == ["abc@163.com"]
    assert contact.url == ["http//www.hy.cn"]


def test_fee_statements() -> None:
    assert find_fee("2024年，本单位未收取信息处理费。").model_dump() == {  # type: ignore[union-attr]
        "charged": False,
        "cases": None,
        "amount_yuan": None,
    }
    fee = find_fee("全年收取政府信息公开信息处理费 0 元。")
    assert fee is not None and fee.charged is False and fee.amount_yuan == 0
    fee = find_fee("共对2件申请收取信息处理费300元。")
    assert fee is not None and fee.charged is True and fee.cases == 2 and fee.amount_yuan == Decimal(300)
    assert find_fee("无其他需要报告的事项。") is None


def test_table_rows_that_look_like_headings_are_not_sections() -> None:
    sections, start = find_sections(
        _paras(
            "前言",
            "一、总体情况",
            "正文",
            "一、本年新收政府信息公开申请数量",
            "（二）主动公开政府信息情况",
            "二、主动公开政府信息情况",
            "三、主要做法",
            "三、收到和处理政府信息公开申请情况",
        ),
        E2021,
    )
    assert start == 1
    assert [s.key for s in sections] == ["s1_overview", "s2_active", None, "s3_requests"]


def test_values_numbers_blanks_dashes_and_text() -> None:
    assert read_cell("12").value == 12 and read_cell("+1036").value == 1036
    assert read_cell("-3").value == -3
    assert read_cell("7730.28").value == Decimal("7730.28")
    assert read_cell("251000元").unit == "元"
    assert read_cell("").is_value and read_cell("").value is None
    assert read_cell("/").is_value and read_cell("—").value is None
    assert not read_cell("自然人").is_value
    assert read_cell("1,234").value == 1234


@pytest.mark.parametrize(("year", "edition"), [(2020, E2019), (2024, E2021)])
def test_edition_by_signature_and_every_cell(year: int, edition: object) -> None:
    report = generate(5, year)
    parsed = extract(read_bytes(render_text(report).encode(), "x.txt"))
    assert parsed.edition == report.edition and parsed.edition_source == "signature"
    assert parsed.tables == report.tables


def test_edition_falls_back_on_year_without_signature() -> None:
    text = "某镇2024年政府信息公开工作年度报告\n\n行政复议\t\t\t\t\t行政诉讼\n" + "\t".join(["0"] * 15) + "\n"
    parsed = extract(read_bytes(text.encode(), "x.txt"))
    assert parsed.edition == "E2021" and parsed.edition_source == "year_fallback"
    assert parsed.tables["review_litigation"]["review"]["total"] == 0


def test_blank_applicant_cells_stay_null_and_total_is_read() -> None:
    report = generate(9, 2020)
    text = render_text(report)
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if cells[0].startswith("一、本年新收"):
            cells = [*cells[:3], *[""] * 6, cells[-1]]
        lines.append("\t".join(cells))
    parsed = extract(read_bytes("\n".join(lines).encode(), "x.txt"))
    row = parsed.tables["applications"]["new_received"]
    assert row["natural"] is None and row["org_other"] is None
    assert row["total"] == report.tables["applications"]["new_received"]["total"]


def test_unplaced_numbers_are_reported_not_dropped() -> None:
    text = render_text(generate(2, 2024)).replace("（一）予以公开", "（一）完全无关的一行")
    parsed = extract(read_bytes(text.encode(), "x.txt"))
    assert "r_granted" not in parsed.tables["applications"]
    assert any(f.rule == "G-UNPLACED" and "完全无关" in f.message for f in parsed.findings)
