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
import os
import re
import zlib
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from PIL import Image, UnidentifiedImageError

from ..document import Block, Cell, Paragraph
from ..model import Location
from .errors import ReadError
from .limits import OCR_PAGE_SECONDS, Deadline
from .pdf_columns import column_tables
from .pdf_grid import Edge, PageTable, tables_from_edges
from .pdf_text import is_page_number, text_lines

DPI = 200
INSTALL_HINT = "pip install 'nianbao[ocr]'"
# Darker than this (0-255 gray) is ink.
_INK = 160
# A page image larger than this (about A3 at 300 dpi) is refused rather than read for minutes.
_MAX_PIXELS = 20_000_000
# A cell needs this many ink pixels to hold something.
_MIN_INK = 12
# Shapes OCR confuses with digits inside a number cell.
_DIGIT_LOOKALIKES = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "D": "0"})
_NUMBERISH = re.compile(r"^[\dIl|OoD.,+-]+$")
# Pixels kept clear of a cell's ruling lines when its ink is cut out.
_INSET = 5
# White margin around a crop given to the recogniser.
_MARGIN = 8
# Ink runs in a cell closer than this (pixels) are one run.
_RUN_GAP = 2
# Runs form one text line while they span at most this many line heights (strokes of 二 or 三 are
# separate runs; two lines of text span more than this).
_LINE_SPAN = 1.3
# Largest page side (pixels) the text detector works on.
_DET_SIDE = 2000
# Narrowest input (pixels at height 48) of the recogniser. Its default, 320, makes each number cell
# cost as much as a line of prose; much narrower (48, 96) loses lone `0`s and minus signs.
_REC_MIN_WIDTH = 160
_REC_BATCH = 6
# Recognised text below this confidence is dropped rather than guessed.
_MIN_SCORE = 0.5

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

    return RapidOCR(
        intra_op_num_threads=min(2, os.cpu_count() or 1),
        inter_op_num_threads=1,
        # Shrink a page only when it is larger than this: the default enlarges every page to a
        # minimum side, which is wasted work on a 200 dpi scan.
        det_limit_type="max",
        det_limit_side_len=_DET_SIDE,
        rec_img_shape=[3, 48, _REC_MIN_WIDTH],
        rec_batch_num=_REC_BATCH,
    )


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
        if image.width * image.height > _MAX_PIXELS:
            raise ReadError(path, "图片尺寸过大（超过 2000 万像素），无法进行文字识别")
        image.load()
    # Pillow reports a broken PNG chunk as SyntaxError and a damaged stream as EOFError or zlib.error.
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        zlib.error,
    ) as exc:
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
    """One page image as blocks; `scale` turns pixels into the coordinates the Document keeps.

    The ruling lines give the table cells first; each cell's ink is cut into text lines and read
    directly, so a text box can never straddle a column line and lone digits are never lost by the
    detector. The detector runs only on the parts of the page outside the tables (the prose that
    metadata comes from). All crops of a page go to the recogniser in one call, which batches them.
    """
    gray: Gray = np.asarray(image.convert("L"))
    edges = ruling_lines(gray, scale)
    tables = tables_from_edges(edges, [], page)
    cell_lines: list[tuple[Cell, int]] = []
    crops: list[Gray] = []
    height = _line_height(gray, tables, scale)
    for table in tables:
        for row in table.table.rows:
            for cell in row:
                for crop in _cell_line_crops(gray, cell.where.bbox, scale, height):
                    cell_lines.append((cell, len(crops)))
                    crops.append(crop)
    boxes = _detect_outside(engine, gray, tables, scale)
    for x0, top, x1, bottom in boxes:
        crops.append(_pad(gray[top:bottom, x0:x1]))
    texts = _recognise(engine, crops)
    for cell, index in cell_lines:
        text = texts[index]
        if text:
            cell.text = f"{cell.text}\n{text}" if cell.text else text
    for table in tables:
        for row in table.table.rows:
            for cell in row:
                if cell.text and _NUMBERISH.match(cell.text):
                    cell.text = cell.text.translate(_DIGIT_LOOKALIKES)
    chars = [
        {
            "text": text,
            "x0": x0 * scale,
            "x1": x1 * scale,
            "top": top * scale,
            "bottom": bottom * scale,
            "upright": True,
        }
        for (x0, top, x1, bottom), text in zip(boxes, texts[len(cell_lines) :], strict=True)
        if text
    ]
    lines = [ln for ln in text_lines(chars, page) if not is_page_number(ln, image.height * scale)]
    placed: list[tuple[float, Block]] = [(t.bbox[1], t.table) for t in tables]
    for item in column_tables(lines):
        if isinstance(item, tuple):
            placed.append(item)
        else:
            placed.append((item.top, Paragraph(item.text, Location(page=item.page, bbox=item.bbox))))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _recognise(engine: Any, crops: list[Gray]) -> list[str]:
    if not crops:
        return []
    results, _elapsed = engine.text_rec([np.stack([c] * 3, axis=-1) for c in crops])
    return [str(text).strip() if float(score) >= _MIN_SCORE else "" for text, score in results]


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


def _pixels(bbox: tuple[float, float, float, float], scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = (round(v / scale) for v in bbox)
    return x0, top, x1, bottom


def _cell_ink(gray: Gray, bbox: tuple[float, float, float, float] | None, scale: float) -> Gray | None:
    if bbox is None:
        return None
    x0, top, x1, bottom = _pixels(bbox, scale)
    inner = gray[top + _INSET : bottom - _INSET, x0 + _INSET : x1 - _INSET]
    if inner.size == 0 or int((inner < _INK).sum()) < _MIN_INK:
        return None
    return inner


def _runs(mask: ArrayLike) -> list[tuple[int, int]]:
    """Runs of True (start, end exclusive), joining runs split by gaps of at most _RUN_GAP."""
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return []
    runs: list[tuple[int, int]] = []
    start = prev = int(rows[0])
    for r in rows[1:]:
        r = int(r)
        if r - prev > _RUN_GAP + 1:
            runs.append((start, prev + 1))
            start = r
        prev = r
    runs.append((start, prev + 1))
    return runs


def _line_height(gray: Gray, tables: list[PageTable], scale: float) -> float:
    """The height of one line of text in the tables: the tall end of the cells' ink runs.

    Digits are shorter than Chinese characters and number cells outnumber label cells, so the
    typical run is a digit's height; a high percentile gives the height of a line of characters.
    """
    heights: list[int] = []
    for table in tables:
        for row in table.table.rows:
            for cell in row:
                inner = _cell_ink(gray, cell.where.bbox, scale)
                if inner is not None:
                    heights += [b - a for a, b in _runs((inner < _INK).any(axis=1))]
    if not heights:
        return 0.0
    return float(np.percentile(heights, 90))


def _cell_line_crops(
    gray: Gray, bbox: tuple[float, float, float, float] | None, scale: float, height: float
) -> list[Gray]:
    """The text lines of one cell, top to bottom, each cut to its ink with a white margin."""
    inner = _cell_ink(gray, bbox, scale)
    if inner is None:
        return []
    ink = inner < _INK
    lines: list[tuple[int, int]] = []
    for a, b in _runs(ink.any(axis=1)):
        if lines and b - lines[-1][0] <= _LINE_SPAN * height:
            lines[-1] = (lines[-1][0], b)
        else:
            lines.append((a, b))
    crops = []
    for a, b in lines:
        cols = np.flatnonzero(ink[a:b].any(axis=0))
        if int(ink[a:b].sum()) < _MIN_INK:
            continue
        crops.append(_pad(inner[a:b, int(cols[0]) : int(cols[-1]) + 1]))
    return crops


def _pad(piece: Gray) -> Gray:
    return np.pad(piece, _MARGIN, constant_values=255).astype(np.uint8)


def _detect_outside(
    engine: Any, gray: Gray, tables: list[PageTable], scale: float
) -> list[tuple[int, int, int, int]]:
    """Text boxes (pixels) outside the tables, top to bottom, found in horizontal bands of ink."""
    page = gray.copy()
    for table in tables:
        x0, top, x1, bottom = _pixels(table.bbox, scale)
        page[max(0, top - _INSET) : bottom + _INSET, max(0, x0 - _INSET) : x1 + _INSET] = 255
    margin = 16
    boxes: list[tuple[int, int, int, int]] = []
    for a, b in _bands((page < _INK).any(axis=1), margin):
        band = page[a:b]
        found, _elapsed = engine.text_det(np.stack([band] * 3, axis=-1))
        for quad in [] if found is None else found:
            xs, ys = quad[:, 0], quad[:, 1]
            x0, x1 = max(0, int(xs.min())), min(page.shape[1], int(np.ceil(xs.max())))
            top, bottom = a + max(0, int(ys.min())), a + min(b - a, int(np.ceil(ys.max())))
            if x1 - x0 >= 2 and bottom - top >= 2:
                boxes.append((x0, top, x1, bottom))
    boxes.sort(key=lambda box: (box[1], box[0]))
    return boxes


def _bands(rows: ArrayLike, margin: int) -> list[tuple[int, int]]:
    """Row ranges holding ink, with a margin, merged when they come closer than two margins."""
    bands: list[tuple[int, int]] = []
    size = np.asarray(rows).size
    for a, b in _runs(rows):
        a, b = max(0, a - margin), min(size, b + margin)
        if bands and a <= bands[-1][1] + 2 * margin:
            bands[-1] = (bands[-1][0], b)
        else:
            bands.append((a, b))
    return bands
