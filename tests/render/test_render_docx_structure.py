"""The DOCX writer's output, inspected with python-docx: page, fonts, headings, merged tables."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from nianbao.api import parse
from nianbao.editions import edition_for_year
from nianbao.editions.common import LEDGER_NOTE
from nianbao.render import render_docx, write_report
from nianbao.render.docx import BODY_FONT, TITLE_FONT
from nianbao.synth import generate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(year: int, draft: bool = False, seed: int = 7) -> Document:  # type: ignore[valid-type]
    return Document(BytesIO(render_docx(generate(seed, year, "示例市民政局"), draft=draft)))


def _spans(table: object) -> list[list[tuple[str, int, str | None]]]:
    """Per row: (text, gridSpan, vMerge) of each w:tc as written."""
    rows = []
    for tr in table._tbl.tr_lst:  # type: ignore[attr-defined]
        cells = []
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan"))
            merge = tc.tcPr.find(qn("w:vMerge"))
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            cells.append(
                (
                    text,
                    int(span.get(qn("w:val"))) if span is not None else 1,
                    None if merge is None else (merge.get(qn("w:val")) or "continue"),
                )
            )
        rows.append(cells)
    return rows


def test_page_is_a4_with_official_margins() -> None:
    section = _doc(2024).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.top_margin - Mm(37)) < Mm(1) and abs(section.left_margin - Mm(28)) < Mm(1)


def test_title_and_body_fonts() -> None:
    doc = _doc(2024)
    title = doc.paragraphs[0]
    assert title.text == "示例市民政局2024年政府信息公开工作年度报告"
    fonts = title.runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == TITLE_FONT
    body = next(p for p in doc.paragraphs[1:] if p.text.startswith("本报告"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == BODY_FONT
    assert body.runs[0].font.size.pt == 16


@pytest.mark.parametrize("year", [2020, 2024])
def test_six_headings_in_order_and_preamble(year: int) -> None:
    doc = _doc(year)
    texts = [p.text for p in doc.paragraphs]
    headings = [s.heading for s in edition_for_year(year).sections]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    preamble = "".join(texts[1 : positions[0]])
    assert f"统计期限为{year}年1月1日至{year}年12月31日" in preamble
    assert (
        "《中华人民共和国政府信息公开条例》" in preamble and edition_for_year(year).notice_number in preamble
    )
    assert "电话" in preamble


def test_e2021_fee_paragraph_even_when_section_six_says_nothing_of_it() -> None:
    report = generate(3, 2023)
    for section in report.sections:
        if section.key == "s6_other":
            section.text = "无。"
    doc = Document(BytesIO(render_docx(report)))
    texts = [p.text for p in doc.paragraphs]
    after_s6 = texts[texts.index("六、其他需要报告的事项") + 1 :]
    assert any("信息处理费" in t for t in after_s6)


def test_tables_have_official_merges_and_no_blank_value_cell() -> None:
    doc = _doc(2024)
    active, applications, review = doc.tables
    t3 = _spans(applications)
    assert t3[0][0] == (LEDGER_NOTE, 3, "restart")
    assert t3[0][1][:2] == ("申请人情况", 7)
    assert [c[0] for c in t3[2] if c[0]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert t3[5][0] == ("三、本年度办理结果", 1, "restart")
    assert all(len(row) in (8, 9, 10) for row in t3[3:])
    data_rows = t3[3:]
    assert len(data_rows) == len(edition_for_year(2024).applications.data_rows) == 25
    for row in data_rows:
        assert all(text.strip() for text, _, _ in row[-7:])
    t4 = _spans(review)
    assert [c[:2] for c in t4[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert len(t4[3]) == 15 and all(text.isdigit() for text, _, _ in t4[3])
    t2 = _spans(active)
    assert t2[0] == [("第二十条第（一）项", 4, None)]
    assert [c[0] for c in t2[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def test_e2019_applications_table_has_single_other_row() -> None:
    doc = _doc(2020)
    t3 = _spans(doc.tables[1])
    labels = [c[0] for row in t3 for c in row]
    assert "（六）其他处理" in labels
    assert not any(label.startswith("1.申请人无正当理由") for label in labels)
    assert len(t3) - 3 == 23


def test_blank_cells_print_as_zero() -> None:
    report = generate(1, 2024)
    report.tables["review_litigation"]["review"]["upheld"] = None
    doc = Document(BytesIO(render_docx(report)))
    assert _spans(doc.tables[2])[3][0][0] == "0"


def test_draft_marks_the_page_header() -> None:
    assert "草稿" in _doc(2024, draft=True).sections[0].header.paragraphs[0].text
    assert "草稿" not in _doc(2024).sections[0].header.paragraphs[0].text


def _keeps_next(tr: object) -> bool:
    return all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("year", [2020, 2024])
def test_table_headers_repeat_and_table_two_blocks_stay_together(year: int) -> None:
    doc = _doc(year)
    edition = edition_for_year(year)
    active, applications, review = doc.tables[:3]
    for table, header_rows in ((applications, 3), (review, 3)):
        trs = table._tbl.tr_lst
        repeated = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in trs]
        assert repeated == [True] * header_rows + [False] * (len(trs) - header_rows)
    # 表二: every row of a block keeps with the next one but the block's last row, so a block
    # (caption, header, rows) is never split over two pages and two blocks may part.
    trs = active._tbl.tr_lst
    kept = [_keeps_next(tr) for tr in trs]
    sizes = [2 + len(block.rows) for block in edition.active.blocks]
    expected: list[bool] = []
    for size in sizes:
        expected += [True] * (size - 1) + [False]
    assert kept == expected


def test_document_properties_name_the_title_and_the_organ() -> None:
    report = generate(9, 2024, "示例市民政局")
    doc = Document(BytesIO(render_docx(report)))
    assert doc.core_properties.title == "示例市民政局2024年政府信息公开工作年度报告"
    assert doc.core_properties.author == "示例市民政局"


def test_a_units_letterhead_is_kept(tmp_path: Path) -> None:
    letterhead = Document()
    letterhead.sections[0].header.paragraphs[0].text = "示例市民政局办公室"
    head = letterhead.add_paragraph("示例市民政局文件")
    head.runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)
    letterhead.sections[0].left_margin = Mm(30)
    path = tmp_path / "单位模板.docx"
    letterhead.save(str(path))
    report = generate(9, 2024, "示例市民政局")
    out = tmp_path / "r.docx"
    write_report(report, "docx", out, letterhead=path)
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "示例市民政局文件"
    assert doc.paragraphs[0].runs[0].font.color.rgb == RGBColor(0xFF, 0, 0)
    assert doc.paragraphs[1].text == report.title
    assert doc.sections[0].header.paragraphs[0].text == "示例市民政局办公室"
    assert abs(doc.sections[0].left_margin - Mm(30)) < Mm(0.1)
    assert len(doc.tables) == 3
    assert parse(out).tables == report.tables
