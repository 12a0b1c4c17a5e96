"""`nianbao show`: a PDF page with every read cell's box drawn on its number, questioned cells marked."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from typer.testing import CliRunner
from web.web_fixtures import PLANTED_CELL, planted_report

from nianbao.api import parse
from nianbao.cli import app
from nianbao.show import DEFAULT_SCALE, cell_boxes, pixel_box

runner = CliRunner()


def _pdf(tmp_path: Path) -> Path:
    data, _ = planted_report("pdf", 51, "示例县城关镇人民政府")
    path = tmp_path / "planted.pdf"
    path.write_bytes(data)
    return path


def test_cell_boxes_mark_cells_named_by_errors(tmp_path: Path) -> None:
    report = parse(_pdf(tmp_path))
    boxes = {b.path: b for b in cell_boxes(report)}
    assert len(boxes) >= 150  # every read cell of the three tables has its box
    assert boxes[PLANTED_CELL].status == "error"
    assert sum(1 for b in boxes.values() if b.status == "ok") > 100


def test_show_draws_each_box_on_its_number(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path)
    report = parse(pdf)
    page = next(b.page for b in cell_boxes(report) if b.path == PLANTED_CELL)
    out = tmp_path / "page.png"
    result = runner.invoke(app, ["show", str(pdf), "--page", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    image = Image.open(out).convert("RGB")
    for box in (b for b in cell_boxes(report) if b.page == page):
        x0, top, x1, bottom = pixel_box(box.bbox, DEFAULT_SCALE)
        # The outline is on the box's edge: its colour (green, purple, orange or red) is there...
        edge = image.getpixel((x0 + 1, (top + bottom) // 2))
        assert edge != (255, 255, 255), box.path
        # ...and the box holds dark ink (the printed number, or our written value) inside it.
        inside = image.crop((x0 + 3, top + 3, x1 - 3, bottom - 3)).convert("L")
        assert inside.getextrema()[0] < 120, box.path
    planted = next(b for b in cell_boxes(report) if b.path == PLANTED_CELL)
    x0, top, _, bottom = pixel_box(planted.bbox, DEFAULT_SCALE)
    red = image.getpixel((x0 + 1, (top + bottom) // 2))
    assert red[0] > 180 and red[1] < 80, red


def test_show_refuses_what_has_no_pages(tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text("示例县城关镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(text), "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "不是 PDF 或图片" in result.output and "Traceback" not in result.output


def test_show_on_a_real_pdf(corpus: Path, tmp_path: Path) -> None:
    pdf = corpus / "jiangsu" / "hongze-2024.pdf"
    out = tmp_path / "hongze.png"
    result = runner.invoke(app, ["show", str(pdf), "--page", "4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "个单元格" in result.output
    assert Image.open(out).size[0] > 800
