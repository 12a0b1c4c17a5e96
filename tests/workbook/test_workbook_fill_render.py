"""The fill-in workbook: official layout, live formulas, and a filled workbook renders to a DOCX
whose parse holds the numbers typed in (the real 洪泽区 2024 report from the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nianbao.api import parse
from nianbao.editions import edition_for_year
from nianbao.loader import load as load_report
from nianbao.render import render
from nianbao.workbook import read_workbook, write_template


def test_template_has_edition_layout_and_formulas(tmp_path: Path) -> None:
    path = tmp_path / "填报.xlsx"
    layout = write_template(path, 2025, "示例县民政局")
    wb = load_workbook(path)
    assert wb["_nianbao"].sheet_state == "hidden"
    t3 = wb["表三"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert "A3:C5" in merged  # the 勾稽 note over three label columns and three header rows
    labels = {c.value for row in t3.iter_rows() for c in row if isinstance(c.value, str)}
    for row in edition_for_year(2025).applications.rows:
        assert row.label in labels
    sheet, coordinate = layout.cells["applications.new_received.total"]
    assert str(wb[sheet][coordinate].value).startswith("=SUM(")
    assert any(str(c.value).startswith("=IF(") for row in t3.iter_rows() for c in row)
    assert "applications.r_other_fee_unpaid.natural" in layout.cells
    assert wb["基本信息"]["B4"].value == "示例县民政局"


def test_e2019_template_has_old_columns(tmp_path: Path) -> None:
    layout = write_template(tmp_path / "t.xlsx", 2020)
    assert "active.other_mgmt_services.delta_items" in layout.cells
    assert "applications.r_other.natural" in layout.cells
    assert "applications.r_other_other.natural" not in layout.cells


def test_formulas_are_evaluated_when_no_spreadsheet_saved_values(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    layout = write_template(path, 2024)
    wb = load_workbook(path)
    for key, value in {"applications.r_granted.natural": 4, "applications.r_granted.org_legal": 2}.items():
        sheet, coordinate = layout.cells[key]
        wb[sheet][coordinate] = value
    wb.save(path)
    report = read_workbook(path)
    assert report.tables["applications"]["r_granted"]["total"] == 6
    assert report.tables["applications"]["r_total"]["natural"] == 4
    assert report.tables["applications"]["r_total"]["total"] == 6
    assert report.tables["applications"]["new_received"]["natural"] is None


def test_filled_with_hongze_2024_renders_to_docx_with_the_same_numbers(corpus: Path, tmp_path: Path) -> None:
    gold = json.loads((corpus / "gold" / "hongze-2024.json").read_text(encoding="utf-8"))
    tables = gold["tables"]
    # The report prints （六）其他处理 as one row of zeros; the 2021 form has three sub-rows.
    other = tables["applications"].pop("r_other")
    assert all(v == 0 for v in other.values())
    for sub in ("r_other_no_correction", "r_other_fee_unpaid", "r_other_other"):
        tables["applications"][sub] = dict.fromkeys(other, 0)

    path = tmp_path / "填报.xlsx"
    layout = write_template(path, 2024, gold["organ"])
    wb = load_workbook(path)
    for table, rows in tables.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                key = f"{table}.{row}.{col}"
                if key not in layout.formulas:  # 总计 cells are left to the workbook's formulas
                    sheet, coordinate = layout.cells[key]
                    wb[sheet][coordinate] = value
    wb.save(path)

    out = tmp_path / "报告.docx"
    assert render(load_report(path), "docx", out) == []
    parsed = parse(out)
    assert parsed.organ == gold["organ"] and parsed.year == 2024 and parsed.edition == "E2021"
    assert parsed.period is not None and parsed.period.start.isoformat() == gold["period"]["start"]
    assert parsed.tables == tables
    assert not [f for f in parsed.findings if f.severity == "error"]


def test_not_a_template_workbook_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from nianbao.readers import ReadError

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(ReadError, match="nianbao template"):
        load_report(path)
