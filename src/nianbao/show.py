"""The picture a person needs to trust a number: a source page rendered with every read cell's box
and value drawn on it, cells that rules question or that did not read back cleanly marked.

`nianbao show` writes it as a PNG; the web report page shows the same picture beside the tables (a
clicked cell or finding is drawn thicker). PDFs are rendered with pypdfium2, scanned images are taken
as they are; boxes are in PDF points for PDFs and in pixels for images, as the readers record them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from .extract.values import read_cell
from .model import CellSource, CellValue, Report
from .readers.sniffing import sniff_container

BBox = tuple[float, float, float, float]
CellStatus = Literal["ok", "uncertain", "warning", "error"]

# Pixels per PDF point when a page is shown: 1.5 ≈ 108 dpi, readable and light for a browser.
DEFAULT_SCALE = 1.5
_COLOURS: dict[CellStatus, tuple[int, int, int]] = {
    "ok": (22, 140, 60),
    "uncertain": (150, 60, 200),
    "warning": (230, 130, 0),
    "error": (215, 25, 30),
}
_HIGHLIGHT = (0, 90, 255)


@dataclass(frozen=True)
class CellBox:
    """One read cell where it sits on its page, with what was read and how far it can be trusted."""

    path: str
    page: int
    bbox: BBox
    value: CellValue
    text: str
    status: CellStatus


def _status(source: CellSource, value: CellValue, flagged: dict[str, CellStatus], path: str) -> CellStatus:
    if path in flagged:
        return flagged[path]
    if source.uncertain:  # the reader saw the cell but could not read it with certainty
        return "uncertain"
    reading = read_cell(source.text)
    # A value that is not what its own text reads as was placed by a fallback: show it as uncertain.
    return "ok" if reading.is_value and reading.value == value else "uncertain"


def cell_boxes(report: Report) -> list[CellBox]:
    """Every read cell that has a page and a box, in table order, with its status: `error`/`warning`
    when a finding of that level names it, `uncertain` when the reader marked it so or its text does
    not read as its value."""
    flagged: dict[str, CellStatus] = {}
    for finding in report.findings:
        if finding.severity in ("error", "warning"):
            for path in finding.cells:
                if flagged.get(path) != "error":
                    flagged[path] = "error" if finding.severity == "error" else "warning"
    boxes: list[CellBox] = []
    for path, value in report.cell_values().items():
        source = report.provenance.get(path)
        if source is None or source.page is None or source.bbox is None:
            continue
        status = _status(source, value, flagged, path)
        boxes.append(CellBox(path, source.page, source.bbox, value, source.text, status))
    return boxes


def page_count(data: bytes) -> int:
    """Pages of a PDF, 1 for an image; 0 for anything that has no pages to show."""
    kind = sniff_container(data)
    if kind == "image":
        return 1
    if kind != "pdf":
        return 0
    import pypdfium2  # type: ignore[import-untyped]

    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def unit_scale(data: bytes, scale: float = DEFAULT_SCALE) -> float:
    """Image pixels per bbox unit: `scale` for a PDF (boxes in points), 1 for an image (boxes in pixels)."""
    return 1.0 if sniff_container(data) == "image" else scale


def render_page(data: bytes, page: int, scale: float = DEFAULT_SCALE) -> Image.Image:
    """Page `page` (1-based) of a PDF at `scale` pixels per point, or the image itself, as RGB."""
    kind = sniff_container(data)
    if kind == "image":
        if page != 1:
            raise ValueError(f"图片只有 1 页，没有第 {page} 页")
        with Image.open(io.BytesIO(data)) as image:
            return image.convert("RGB")
    if kind != "pdf":
        raise ValueError("只有 PDF 和扫描图片有页面图像")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"没有第 {page} 页（共 {len(pdf)} 页）")
        bitmap = pdf[page - 1].render(scale=scale)
        rendered: Image.Image = bitmap.to_pil().convert("RGB")
        return rendered
    finally:
        pdf.close()


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from .analyze.chart import cjk_font

    try:
        return ImageFont.truetype(cjk_font(), size)
    except OSError:
        return ImageFont.load_default()


def _label(value: CellValue) -> str:
    return "空" if value is None else str(value)


def pixel_box(bbox: BBox, scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = bbox
    return round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale)


def draw_boxes(
    image: Image.Image,
    boxes: Iterable[CellBox],
    scale: float,
    highlight: Sequence[str] = (),
    extra: Sequence[BBox] = (),
    values: bool = True,
) -> Image.Image:
    """The image with each box outlined in its status colour (and its value written at its top right
    when `values`); cells in `highlight` and the `extra` boxes (a sentence) drawn thick in blue."""
    out = image.copy()
    draw = ImageDraw.Draw(out, "RGBA")
    font = _font(max(10, round(7 * scale)))
    chosen = set(highlight)
    for box in boxes:
        x0, y0, x1, y1 = pixel_box(box.bbox, scale)
        colour = _COLOURS[box.status]
        if box.status != "ok":
            draw.rectangle((x0, y0, x1, y1), fill=(*colour, 40))
        draw.rectangle((x0, y0, x1, y1), outline=colour, width=2 if box.status == "ok" else 3)
        if values:
            label = "?" if box.status == "uncertain" and box.value is None else _label(box.value)
            width = draw.textlength(label, font=font)
            draw.text((x1 - width - 3, y0 + 1), label, fill=colour, font=font)
        if box.path in chosen:
            draw.rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 3), outline=_HIGHLIGHT, width=5)
    for bbox in extra:
        x0, y0, x1, y1 = pixel_box(bbox, scale)
        draw.rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 3), outline=_HIGHLIGHT, width=5)
    return out


def pages_with_cells(report: Report) -> list[int]:
    return sorted({box.page for box in cell_boxes(report)})


def annotated_page(
    data: bytes,
    report: Report,
    page: int,
    scale: float = DEFAULT_SCALE,
    highlight: Sequence[str] = (),
    extra: Sequence[BBox] = (),
    values: bool = True,
) -> Image.Image:
    """Page `page` of the report's source file with its cells drawn (see `draw_boxes`)."""
    image = render_page(data, page, scale)
    boxes = [b for b in cell_boxes(report) if b.page == page]
    return draw_boxes(image, boxes, unit_scale(data, scale), highlight, extra, values)


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
