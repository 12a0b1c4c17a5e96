"""Locations a person can find: the heading and the table cell or the paragraph's first words in every
format (never a paragraph ordinal), and the page and box kept for PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao import load
from nianbao.model import Report
from nianbao.render import write_report
from nianbao.rules.locations import place_label, where_text
from nianbao.synth import generate


@pytest.fixture(scope="module")
def planted() -> Report:
    report = generate(5, 2024, organ="示例县交通运输局")
    overview = next(s for s in report.sections if s.key == "s1_overview")
    overview.text += "\n全年共收到政府信息公开申请9999件，均按期答复。"
    granted = report.tables["applications"]["r_granted"]
    granted["natural"] = int(granted["natural"] or 0) + 3
    return report


@pytest.mark.parametrize("fmt", ["docx", "html", "md", "pdf"])
def test_findings_are_placed_by_heading_and_cell_or_paragraph(
    planted: Report, fmt: str, tmp_path: Path
) -> None:
    report = load(write_report(planted, fmt, tmp_path / f"r.{fmt}", draft=True).path)
    by_rule = {f.rule: f for f in report.findings}
    cell = by_rule["T3-ROWSUM"]
    assert cell.where is not None
    assert cell.where.label == "“三、收到和处理政…” 表三“予以公开”行“自然人”列"
    prose = by_rule["X-TEXT-NEW_RECEIVED"]
    assert prose.where is not None and prose.where.label == "“一、总体情况” “全年共收到政府信息公开申请9…”段"
    shown = where_text(report, prose)
    assert "行" not in shown.replace("行“", "").replace("”行", "")  # no 第N行 ordinal
    if fmt == "pdf":
        # A PDF keeps its page and the box beside the words.
        source = report.provenance[cell.cells[0]]
        assert cell.where.page is not None and cell.where.bbox is not None
        assert (cell.where.page, cell.where.bbox) == (source.page, source.bbox)
        assert shown.startswith(f"第{prose.where.page}页 “一、总体情况”")
    else:
        assert cell.where.page is None and shown == prose.where.label


def test_a_real_pdf_finding_names_page_heading_and_cell(corpus: Path) -> None:
    report = load(corpus / "jiangsu" / "hongze-2024.pdf")
    rowset = next(f for f in report.findings if f.rule == "T3-ROWSET")
    assert where_text(report, rowset) == "第4页 “三、收到和处理政…” 表三“其他处理”行“总计”列"


def test_a_text_report_without_lines_for_a_finding_still_names_its_section(corpus: Path) -> None:
    report = load(corpus / "ningxia" / "002_d070556dd3547502.txt")
    url = next(f for f in report.findings if f.rule == "S-URL")
    assert url.where is not None and url.where.label is not None
    assert url.where.label.endswith("段") and "第" not in where_text(report, url)


def test_a_place_without_any_source_is_none_and_a_workbook_cell_is_named(planted: Report) -> None:
    assert place_label(planted, None, []) is None
    named = place_label(planted, None, ["applications.r_granted.natural"])
    assert named == "“三、收到和处理政…” 表三“予以公开”行“自然人”列"
