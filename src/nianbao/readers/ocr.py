"""Scanned reports: page images (PNG/JPG) and PDF pages without any characters, read by OCR.

Pages are rendered at 200 dpi (pypdfium2) and recognised by RapidOCR (extra `[ocr]`; its models ship
inside the wheel, so it works offline). Ruling lines are found in the image itself, and the recognised
text boxes then go through the same grid and line builders as a text-layer PDF, so a scan becomes the
same kind of Document. A table cell with ink but nothing (or a lone short token) recognised is read
again on its own: whole-page detection misses isolated single digits such as `0` and `1`.
Coordinates are PDF points for PDF pages and pixels for image files.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, UnidentifiedImageError

from ..document import Block, Paragraph
from ..model import Location
from .errors import ReadError
from .limits import OCR_PAGE_SECONDS, Deadline
from .pdf_columns import column_tables
from .pdf_grid import Edge, PageTable, chars_outside, tables_from_edges
from .pdf_text import is_page_number, text_lines

DPI = 200
INSTALL_HINT = "pip install 'nianbao[ocr]'"
# Darker than this (0-255 gray) is ink.
_INK = 160
# A cell needs this many ink pixels to hold something.
_MIN_INK = 12
# Shapes OCR confuses with digits inside a number cell.
_DIGIT_LOOKALIKES = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "D": "0"})
_NUMBERISH = re.compile(r"^[\dIl|OoD.,+-]+$")

Gray = NDArray[np.uint8]


def _missing_ocr(path: str) -> ReadError:
    return ReadError(
        path,
        "这是扫描件（没有文字层的图片或 PDF），需要文字识别（OCR）组件才能读取："
        f"请运行 {INSTALL_HINT} 后重试",
    )


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]

    return RapidOCR()


def _get_engine(path: str) -> Any:
    try:
        return _engine()
    except ImportError as exc:
        raise _missing_ocr(path) from exc


def ocr_image(data: bytes, path: str, deadline: Deadline) -> list[Block]:
    """A scanned page image (PNG or JPG) as blocks; bboxes in pixels."""
    engine = _get_engine(path)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ReadError(path, "图片文件已损坏或格式不受支持，无法读取") from exc
    deadline.extend(OCR_PAGE_SECONDS)
    deadline.check()
    return read_page_image(engine, image, 1, 1.0)


def ocr_pdf_pages(data: bytes, path: str, pages: list[int], deadline: Deadline) -> dict[int, list[Block]]:
    """The given 1-based pages of a PDF, rendered at 200 dpi and read by OCR; bboxes in points."""
    engine = _get_engine(path)
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    out: dict[int, list[Block]] = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own error type for damaged files
        raise ReadError(path, "PDF 扫描页无法渲染为图片，文件可能已损坏") from exc
    try:
        deadline.extend(OCR_PAGE_SECONDS * len(pages))
        for number in pages:
            deadline.check()
            image = pdf[number - 1].render(scale=DPI / 72).to_pil()
            out[number] = read_page_image(engine, image, number, 72 / DPI)
    finally:
        pdf.close()
    return out


def read_page_image(engine: Any, image: Image.Image, page: int, scale: float) -> list[Block]:
    """One page image as blocks; `scale` turns pixels into the coordinates the Document keeps."""
    rgb = np.asarray(image.convert("RGB"))
    gray: Gray = np.asarray(image.convert("L"))
    result, _elapsed = engine(rgb)
    chars = [_box_char(box, text, scale) for box, text, _score in result or []]
    edges = ruling_lines(gray, scale)
    tables = tables_from_edges(edges, chars, page)
    for table in tables:
        _reread_cells(engine, gray, table, scale)
    lines = [
        ln
        for ln in text_lines(chars_outside(chars, tables), page)
        if not is_page_number(ln, image.height * scale)
    ]
    placed: list[tuple[float, Block]] = [(t.bbox[1], t.table) for t in tables]
    for item in column_tables(lines):
        if isinstance(item, tuple):
            placed.append(item)
        else:
            placed.append((item.top, Paragraph(item.text, Location(page=item.page, bbox=item.bbox))))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _box_char(box: list[list[float]], text: str, scale: float) -> dict[str, Any]:
    xs = [p[0] * scale for p in box]
    ys = [p[1] * scale for p in box]
    return {"text": text, "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys), "upright": True}


def ruling_lines(gray: Gray, scale: float) -> list[Edge]:
    """Long thin dark runs in the image: the table's ruling, as edges in Document coordinates."""
    import cv2

    ink = (gray < _INK).astype(np.uint8)
    height, width = ink.shape
    edges: list[Edge] = []
    for horizontal in (True, False):
        length = max(20, (width if horizontal else height) // 40)
        kernel = np.ones((1, length) if horizontal else (length, 1), np.uint8)
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, count):
            x, y, w, h = (int(v) for v in stats[i][:4])
            if horizontal:
                edges.append(Edge(True, (y + h / 2) * scale, x * scale, (x + w) * scale))
            else:
                edges.append(Edge(False, (x + w / 2) * scale, y * scale, (y + h) * scale))
    return edges


def _reread_cells(engine: Any, gray: Gray, table: PageTable, scale: float) -> None:
    """Recognise again, one by one, the single-line cells whose text the page pass missed or doubts."""
    todo: list[tuple[Any, Gray]] = []
    for row in table.table.rows:
        for cell in row:
            text = cell.text.strip()
            if text and not (len(text) <= 6 and _NUMBERISH.match(text)):
                continue
            crop = _ink_crop(gray, cell.where.bbox, scale)
            if crop is not None:
                todo.append((cell, crop))
    if not todo:
        return
    results, _elapsed = engine.text_rec([np.stack([c] * 3, axis=-1) for _, c in todo])
    for (cell, _crop), (text, score) in zip(todo, results, strict=True):
        text = str(text).strip()
        if text and float(score) >= 0.5:
            cell.text = text
    for row in table.table.rows:
        for cell in row:
            if cell.text and _NUMBERISH.match(cell.text):
                cell.text = cell.text.translate(_DIGIT_LOOKALIKES)


def _ink_crop(gray: Gray, bbox: tuple[float, float, float, float] | None, scale: float) -> Gray | None:
    """The inked part of a cell (inside its borders) with a white margin, or None for an empty cell."""
    if bbox is None:
        return None
    x0, top, x1, bottom = (round(v / scale) for v in bbox)
    inset = 5
    inner = gray[top + inset : bottom - inset, x0 + inset : x1 - inset]
    if inner.size == 0:
        return None
    ink = inner < _INK
    if int(ink.sum()) < _MIN_INK:
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    # A cell holding several lines of text is left to the page pass.
    if rows[-1] - rows[0] > 60:
        return None
    piece = inner[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    margin = 8
    return np.pad(piece, margin, constant_values=255).astype(np.uint8)
