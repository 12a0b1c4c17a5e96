"""Findings about the prose point at the sentence's own source paragraph (line in text, page and bbox in
PDF), not at the section heading; findings comparing prose with tables also name the cells compared."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from rule_planters import SINGLE_PLANTS, Plant, clean

from nianbao.api import parse
from nianbao.document import Paragraph
from nianbao.extract.sections import join_body_anchored
from nianbao.model import Location, Report, anchor_at
from nianbao.render.text import render_text

SENTENCE_RULES = ("X-TEXT-", "T3-TEXT-ZERO", "P-SUM", "P-RATE", "P-COUNT", "S-URL", "S-CITATION")
TABLE_COMPARING = ("X-TEXT-", "T3-TEXT-ZERO")
_QUOTED = re.compile(r"“([^“”]+?)…?”")
_NOTICE = re.compile(r"〔\d{4}〕\d+号")


def sentence_plants() -> list[Plant]:
    return [p for p in SINGLE_PLANTS if p.rule_id.startswith(SENTENCE_RULES)]


def needle(message: str) -> str:
    """What the finding's source line must hold: the quoted sentence or URL, or the cited notice."""
    quoted = _QUOTED.findall(message)
    if quoted:
        return quoted[-1]
    notice = _NOTICE.search(message)
    assert notice is not None, message
    return notice.group(0)


@pytest.mark.parametrize("plant", sentence_plants(), ids=lambda p: p.rule_id)
def test_sentence_finding_is_located_at_its_own_line(plant: Plant, tmp_path: Path) -> None:
    report = clean(5, plant.year)
    plant.plant(report)
    path = tmp_path / "report.txt"
    path.write_text(render_text(report), encoding="utf-8")
    parsed = parse(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    headings = {s.line for s in parsed.sections}
    found = [f for f in parsed.findings if f.rule == plant.rule_id]
    assert found
    for finding in found:
        assert finding.where is not None and finding.where.line is not None
        assert finding.where.line not in headings
        assert needle(finding.message) in lines[finding.where.line - 1]
        if plant.rule_id.startswith(TABLE_COMPARING):
            assert finding.cells
            for cell in finding.cells:
                table, row, col = cell.split(".")
                assert parsed.has_cell(table, row, col), cell


def test_at_least_every_prose_rule_family_is_covered() -> None:
    covered = {p.rule_id for p in sentence_plants()}
    assert {"T3-TEXT-ZERO", "P-SUM", "P-RATE", "P-COUNT", "X-TEXT-SHARE", "S-URL"} <= covered
    assert len([r for r in covered if r.startswith("X-TEXT-")]) >= 10


def test_text_joined_across_a_page_break_keeps_each_part_location() -> None:
    cut = "本年度我们进一步完善了政府信息公开工作的制度建设和"
    paragraphs = [
        Paragraph("第一段结束。", Location(line=3)),
        Paragraph(cut, Location(page=1, bbox=(70.0, 700.0, 520.0, 716.0))),
        Paragraph("流程管理。受理申请5件。", Location(page=2, bbox=(70.0, 80.0, 300.0, 96.0))),
        Paragraph("小标题", Location(line=9)),
    ]
    text, anchors = join_body_anchored(paragraphs)
    assert text == "第一段结束。\n" + cut + "流程管理。受理申请5件。\n小标题"
    assert anchor_at(anchors, 0) == Location(line=3)
    assert anchor_at(anchors, text.index(cut)) == Location(page=1, bbox=(70.0, 700.0, 520.0, 716.0))
    assert anchor_at(anchors, text.index("受理")) == Location(page=2, bbox=(70.0, 80.0, 300.0, 96.0))
    assert anchor_at(anchors, text.index("小标题")) == Location(line=9)
    assert anchor_at([], 0) is None


def test_shared_corpus_hongze_2024_text_finding_points_at_the_pdf_line(corpus: Path) -> None:
    pdf = corpus / "jiangsu" / "hongze-2024.pdf"
    report = parse(pdf)
    assert Report.from_json(report.to_json()) == report
    found = [f for f in report.findings if f.rule == "X-TEXT-NEW_RECEIVED"]
    assert len(found) == 1
    where = found[0].where
    assert where is not None and where.page is not None and where.bbox is not None
    assert "applications.new_received.total" in found[0].cells
    sentence = needle(found[0].message)
    with pdfplumber.open(pdf) as doc:
        printed = "".join(doc.pages[where.page - 1].crop(where.bbox).extract_text().split())
    # The bbox is the printed line the sentence starts on.
    assert sentence[:8] in printed
