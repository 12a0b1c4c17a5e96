"""Pre-2019 reports: recognised by their statistics table or their year, the table read by indicator label
(shared labels by the row above that heads them), the figure from the year's column."""

from __future__ import annotations

from nianbao.document import Cell, Table
from nianbao.editions import LEGACY
from nianbao.extract import extract
from nianbao.extract.legacy import read_statistics
from nianbao.model import Location
from nianbao.readers import read_bytes
from nianbao.render import render_text
from nianbao.synth import generate


def _table(*rows: tuple[str, ...]) -> Table:
    return Table([[Cell(text, Location(line=i + 1)) for text in row] for i, row in enumerate(rows)])


def _values(*rows: tuple[str, ...]) -> dict[str, object]:
    reading = read_statistics([_table(*rows)], LEGACY.statistics)
    return {k: v["value"] for k, v in reading.tables.get("statistics", {}).items()}


def test_national_table_with_shared_labels_resolved_by_the_row_above() -> None:
    values = _values(
        ("统计指标", "单位", "统计数"),
        ("一、主动公开情况", "—", ""),
        ("（一）主动公开政府信息数", "条", "1200"),
        ("其中：主动公开规范性文件数", "条", "35"),
        ("四、行政复议数量", "件", "3"),
        ("（一）维持具体行政行为数", "件", "2"),
        ("（二）被依法纠错数", "件", "1"),
        ("（三）其他情形数", "件", "0"),
        ("五、行政诉讼数量", "件", "2"),
        ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "1"),
        ("（二）被依法纠错数", "件", "0"),
        ("（三）其他情形数", "件", "1"),
        ("七、依申请公开信息收取的费用", "万元", "0.35"),
    )
    assert values["active_items"] == 1200 and values["active_normative"] == 35
    assert (values["review_corrected"], values["review_other"]) == (1, 0)
    assert (values["lit_corrected"], values["lit_other"]) == (0, 1)
    assert str(values["fees_wan_yuan"]) == "0.35"
    assert "g_active" not in values  # a group row holds no figure


def test_local_table_takes_the_years_column_not_the_quarter_or_the_code() -> None:
    values = _values(
        ("指 标 名 称", "计量\n单位", "代码", "本期实际", "本年累计"),
        ("申请总数", "条", "10", "4", "17"),
        ("其中：1.当面申请数", "条", "11", "1", "5"),
        ("2.网上申请数", "条", "12", "3", ""),
    )
    assert values == {"req_received": 17, "req_in_person": 5, "req_online": None}


def test_table_without_header_is_read_when_rows_match_indicators_with_units() -> None:
    values = _values(
        ("收到申请数", "件", "01", "9"), ("申请办结数", "件", "02", "9"), ("按时办结数", "件", "03", "8")
    )
    assert values == {"req_received": 9, "req_concluded": 9, "req_on_time": 8}
    # Two matching rows without a header are not a statistics table.
    assert _values(("收到申请数", "件", "9"), ("规章", "0")) == {}


def test_the_2019_form_is_never_read_as_a_statistics_table() -> None:
    report = extract(read_bytes(render_text(generate(3, 2020)).encode(), "x.txt"))
    assert report.edition == "E2019" and "statistics" not in report.tables


def test_report_of_2017_without_a_table_is_legacy_by_its_year() -> None:
    paragraphs = [
        "某县民政局2017年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。",
        "一、概述",
        "正文。",
        "四、政府信息公开的收费及减免情况",
        "未收取费用。",
    ]
    report = extract(read_bytes("\n".join(paragraphs).encode(), "x.txt"))
    assert (report.edition, report.edition_source, report.tables) == ("legacy", "year_fallback", {})
    assert [s.key for s in report.sections] == ["s1_overview", "s_fees"]


def test_legacy_table_makes_the_report_legacy_whatever_its_year_says() -> None:
    lines = [
        "某县民政局政府信息公开工作年度报告",
        "一、概述",
        "正文。",
        "统计指标\t单位\t统计数",
        "收到申请数\t件\t3",
    ]
    report = extract(read_bytes("\n".join(lines).encode(), "x.txt"))
    assert report.edition == "legacy" and report.edition_source == "signature"
    assert report.tables["statistics"]["req_received"] == {"value": 3}
    assert report.provenance["statistics.req_received.value"].line == 5
