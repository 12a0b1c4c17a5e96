"""The two Jiangsu PDF reports in ../shared/corpus parse to their hand-checked gold answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import assert_matches_gold

import nianbao
from nianbao.readers import read_path

HONGZE = ["hongze-2023", "hongze-2024"]
# The form's own arithmetic (spec §5.2-5.3); the gold lists which of these a document breaks.
ARITHMETIC = {"T3-LEDGER", "T3-ROWSUM", "T3-RESULTSUM", "T4-REVIEW", "T4-LIT-DIRECT", "T4-LIT-AFTER"}


@pytest.mark.parametrize("name", HONGZE)
def test_shared_corpus_hongze_pdf_matches_gold(corpus: Path, name: str) -> None:
    report = nianbao.parse(corpus / "jiangsu" / f"{name}.pdf")
    gold = json.loads((corpus / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    assert report.source.format == gold["source"]["format"] == "pdf"
    assert_matches_gold(report.to_dict(), gold)
    assert (report.fee.model_dump() if report.fee else None) == gold["fee"]
    broken = {f.rule for f in report.findings if f.rule in ARITHMETIC}
    assert broken == set(gold["arithmetic"])


@pytest.mark.parametrize("name", HONGZE)
def test_shared_corpus_hongze_pdf_every_value_keeps_page_and_bbox(corpus: Path, name: str) -> None:
    report = nianbao.parse(corpus / "jiangsu" / f"{name}.pdf")
    assert report.source.pages == 5
    assert report.source.ocr is False
    for path, value in report.cell_values().items():
        if value is None:
            continue
        where = report.provenance[path]
        assert where.page is not None and where.bbox is not None
        x0, top, x1, bottom = where.bbox
        assert 0 <= x0 < x1 <= 595 and 0 <= top < bottom <= 842
    # 表三 runs from page 3 to page 4 (gold note): both pages supply its values.
    pages = {w.page for k, w in report.provenance.items() if k.startswith("applications.")}
    assert pages == {3, 4}


def test_shared_corpus_hongze_pdf_page_numbers_are_not_text(corpus: Path) -> None:
    doc = read_path(corpus / "jiangsu" / "hongze-2023.pdf")
    texts = [p.text.replace(" ", "") for p in doc.paragraphs]
    assert texts[:2] == ["洪泽区人民政府", "2023年政府信息公开工作年度报告"]
    assert not any(t.strip("-").isdigit() for t in texts)
    # The vertical 三、本年度办理结果 label is one merged cell spanning its result rows.
    vertical = [
        c
        for t in doc.tables
        for row in t.rows
        for c in row
        if c.text.replace("\n", "") == "三、本年度办理结果"
    ]
    assert len(vertical) == 1 and vertical[0].rowspan > 10
