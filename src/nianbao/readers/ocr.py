"""Scanned reports: page images (PNG/JPG) and PDF pages without any characters, read by OCR.

Pages are rendered at 200 dpi (pypdfium2) and recognised by PP-OCRv4's recogniser (extra `[ocr]`; the
model ships inside the rapidocr-onnxruntime wheel, so it works offline). A scan is first lit evenly
and set straight (ocr_prepare); its table rules give the cells, each cell's ink is cut into lines, and
the prose outside the tables into lines (ocr_layout); all pieces of a page are recognised together
(ocr_recognise). The pieces then go through the same grid and line builders as a text-layer PDF, so a
scan becomes the same kind of Document, its coordinates those of the page as scanned.

A number is never guessed: a cell whose number the recogniser is unsure of is read again (alone, in
black and white, with a wider margin); when the readings agree the number stands, when they do not
the cell is marked uncertain with its readings (Cell.uncertain), and extraction keeps its value out.
Every cell can also be read again later (Cell.reread), when it breaks an identity of the form.
Coordinates are PDF points for PDF pages and pixels for image files.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from collections.abc import Callable

import numpy as np
from PIL import Image, UnidentifiedImageError

from ..document import Block, Cell, Paragraph
from ..model import Location
from . import budget
from .errors import ReadError
from .limits import MAX_PIXELS, OCR_PAGE_SECONDS, Deadline
from .ocr_layout import Layout, PixelBox, cell_pieces, cut, find_layout, prose_pieces
from .ocr_prepare import Gray, Page, prepare
from .ocr_recognise import Reading, Recogniser
from .pdf_chars import Char
from .pdf_columns import column_tables
from .pdf_grid import tables_from_edges
from .pdf_text import is_page_number, text_lines

DPI = 200
INSTALL_HINT = "pip install 'nianbao[ocr]'"
# Shapes OCR confuses with digits inside a number cell.
_DIGIT_LOOKALIKES = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "D": "0", "〇": "0"})
_NUMBERISH = re.compile(r"^[+-]?[\dIl|OoD〇][\dIl|OoD〇.,]*$")
# Signs that may stand before a number (anything else beside a number is a speck the recogniser
# took for punctuation: a decimal point has digits on both sides).
_SIGNS = "+-－—–一"
# Enumerators such as （一）, 一、 and （二） whose numeral the recogniser took for a dash or an equals sign.
_ENUMERATOR = re.compile(r"(^|[（(])([—–－=≡-])([）)、])", re.MULTILINE)
_NUMERALS = str.maketrans({"—": "一", "–": "一", "－": "一", "-": "一", "=": "二", "≡": "三"})
# A speck read as a dot or a quote before a line's first character (`·—、总体情况`): real lines of a
# report never begin with one followed by text.
_LEADING_SPECK = re.compile(r"^[·•.,，'‘’`]\s*(?=[^\s\d])", re.MULTILINE)
# `七)总计`: the opening bracket of a line's `（七）` lost to the scan.
_HALF_BRACKETED = re.compile(r"^([一二三四五六七八九十]{1,3})[)）]", re.MULTILINE)
# `2.021年`: a speck read as a point inside a year (a year never has a decimal point).
_SPECKED_YEAR = re.compile(r"(?<![\d.])(?=[\d.·,]{5}年)((?:1|2)[\d.·,]{4})(?=年)")
# A number read at least this surely stands; a less sure one is read again.
SURE = 0.9
# Readings again of an unsure number must agree, and one of them be at least this sure.
_SURE_AGAIN = 0.7
# Prose read less surely than this on average is dropped rather than guessed.
_MIN_PROSE = 0.5
# Margin of the re-reading with a wider margin.
_WIDE_MARGIN = 16

_RECOGNISERS: dict[int, Recogniser] = {}


def _missing_ocr(path: str) -> ReadError:
    return ReadError(
        path,
        "这是扫描件（没有文字层的图片或 PDF），需要文字识别（OCR）组件才能读取："
        f"请运行 {INSTALL_HINT} 后重试",
    )


def _engine() -> Recogniser:
    """The recogniser for this process's thread budget (readers.budget), made once per budget."""
    import cv2

    threads = budget.threads()
    cv2.setNumThreads(threads)
    if threads not in _RECOGNISERS:
        _RECOGNISERS[threads] = Recogniser(threads)
    return _RECOGNISERS[threads]


def _get_engine(path: str) -> Recogniser:
    try:
        return _engine()
    except ImportError as exc:
        raise _missing_ocr(path) from exc


def ocr_image(data: bytes, path: str, deadline: Deadline) -> list[Block]:
    """A scanned page image (PNG or JPG) as blocks; bboxes in pixels."""
    engine = _get_engine(path)
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
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
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    out: dict[int, list[Block]] = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own error type for damaged files
        raise ReadError(path, "PDF 扫描页无法渲染为图片，文件可能已损坏") from exc
    try:
        for number in pages:
            deadline.check()
            page = pdf[number - 1]
            if not pdfium_c.FPDFPage_CountObjects(page.raw):
                out[number] = []  # nothing drawn on the page: nothing to read, no time spent
                continue
            deadline.extend(OCR_PAGE_SECONDS)
            scale = render_scale(*page.get_size())
            image = page.render(scale=scale).to_pil()
            out[number] = read_page_image(engine, image, number, 1 / scale)
    finally:
        pdf.close()
    return out


def render_scale(width: float, height: float) -> float:
    """Pixels per point to rasterise a page of `width` × `height` points: 200 dpi, or less for a
    page so large that 200 dpi would exceed MAX_PIXELS (decided before any pixel is allocated)."""
    area = max(width, 1.0) * max(height, 1.0)
    return float(min(DPI / 72, (MAX_PIXELS / area) ** 0.5))


def read_page_image(engine: Recogniser, image: Image.Image, page: int, scale: float) -> list[Block]:
    """One page image as blocks; `scale` turns pixels into the coordinates the Document keeps.

    The ruling lines give the table cells first; each cell's ink is cut into text lines and read
    directly, so a text box can never straddle a column line and lone digits are never lost. The rest
    of the page is cut into lines of prose (the text metadata comes from). All pieces of a page go to
    the recogniser in one call, which packs them into strips.
    """
    prepared = prepare(np.asarray(image.convert("L")))
    layout = find_layout(prepared)
    tables = tables_from_edges(layout.edges_in(scale), [], page)
    cells: list[tuple[Cell, list[int]]] = []
    pieces: list[Gray] = []
    for table in tables:
        for row in table.table.rows:
            for cell in row:
                box = _pixels(cell.where.bbox, scale)
                cut_out, _boxes = cell_pieces(layout, box)
                cells.append((cell, list(range(len(pieces), len(pieces) + len(cut_out)))))
                pieces.extend(cut_out)
    prose = prose_pieces(layout, [_pixels(t.bbox, scale) for t in tables])
    readings = engine.read([*pieces, *(cut(layout.clean, box) for box in prose)])
    _fill_cells(engine, layout, scale, cells, readings)
    chars = [
        Char(_repair_line(r.text), x0 * scale, x1 * scale, top * scale, bottom * scale)
        for (x0, top, x1, bottom), r in zip(prose, readings[len(pieces) :], strict=True)
        if r.text and r.mean >= _MIN_PROSE
    ]
    lines = [ln for ln in text_lines(chars, page) if not is_page_number(ln, image.height * scale)]
    placed: list[tuple[float, Block]] = [(t.bbox[1], t.table) for t in tables]
    for item in column_tables(lines):
        if isinstance(item, tuple):
            placed.append(item)
        else:
            placed.append((item.top, Paragraph(item.text, Location(page=item.page, bbox=item.bbox))))
    placed.sort(key=lambda item: item[0])
    blocks = [block for _, block in placed]
    _to_scan(blocks, prepared, scale)
    return blocks


def _fill_cells(
    engine: Recogniser,
    layout: Layout,
    scale: float,
    cells: list[tuple[Cell, list[int]]],
    readings: list[Reading],
) -> None:
    """Each cell's text from its lines' readings; an unsure number read again, and settled or marked."""
    unsure: list[tuple[Cell, Reading, PixelBox]] = []
    for cell, indices in cells:
        lines = [readings[i] for i in indices if readings[i].text]
        cell.text = "\n".join(r.text for r in lines)
        number = _number(lines[0]) if len(lines) == 1 else None
        if number is None:
            cell.text = _repair_line(cell.text)
            continue
        cell.text = number.text
        box = _pixels(cell.where.bbox, scale)
        cell.reread = _rereader(engine, layout, box)
        if number.confidence < SURE:
            unsure.append((cell, number, box))
    if not unsure:
        return
    again = _read_again(engine, layout, [box for _, _, box in unsure])
    for (cell, first, _box), others in zip(unsure, again, strict=True):
        _settle(cell, first, others)


def _number(reading: Reading) -> Reading | None:
    """A reading of a number cell as that number; None when it is no number.

    Marks beside the number are specks (dropped), letters that look like digits are those digits,
    and a character that is no digit but whose second choice is one is taken as that digit with no
    confidence at all, so that the cell is read again before the number can stand.
    """
    core = _without_specks(reading)
    text = unicodedata.normalize("NFKC", core.text)  # full-width digits and signs
    if len(text) != len(core.text):
        return None
    text = text.translate(_DIGIT_LOOKALIKES)
    if text[:1] and text[:1] in _SIGNS and text[:1] != "+":
        text = "-" + text[1:]  # a minus sign read as a dash or as 一
    chars, confidences = list(text), list(core.confidences)
    for at, char in enumerate(chars):
        other = core.runner_ups[at]
        if not (char.isdigit() or char in "+-.,") and len(other) == 1 and other.isdigit():
            chars[at], confidences[at] = other, 0.0
    text = "".join(chars)
    if not _NUMBERISH.match(text):
        return None
    return Reading(text, tuple(confidences), core.runner_ups)


def _repair_line(text: str) -> str:
    """A line of text with what specks and lost strokes do to its enumerators and years undone."""
    text = _HALF_BRACKETED.sub(r"（\1）", _LEADING_SPECK.sub("", text))
    text = _SPECKED_YEAR.sub(_year_without_speck, text)
    return _ENUMERATOR.sub(lambda m: m[1] + m[2].translate(_NUMERALS) + m[3], text)


def _year_without_speck(match: re.Match[str]) -> str:
    digits = re.sub(r"[.·,]", "", match[1])
    return digits if len(digits) == 4 and digits[:2] in ("19", "20") else match[1]


def _without_specks(reading: Reading) -> Reading:
    """The reading without punctuation or symbols at its ends (a minus sign before digits kept)."""
    text = reading.text
    start, end = 0, len(text)
    while (
        start < end
        and _is_speck(text[start])
        and not (text[start] in _SIGNS and start + 1 < end and not _is_speck(text[start + 1]))
    ):
        start += 1
    while end > start and _is_speck(text[end - 1]):
        end -= 1
    return Reading(text[start:end], reading.confidences[start:end], reading.runner_ups[start:end])


def _is_speck(char: str) -> bool:
    return unicodedata.category(char)[0] in "PSZ"


def _read_again(engine: Recogniser, layout: Layout, boxes: list[PixelBox]) -> list[list[Reading]]:
    """Each cell read again three ways: alone, in black and white, and with a wider margin."""
    variants: list[Gray] = []
    counts: list[int] = []
    for box in boxes:
        found = _variants(layout, box)
        counts.append(len(found))
        variants.extend(found)
    readings = engine.read(variants, alone=True)
    out: list[list[Reading]] = []
    at = 0
    for count in counts:
        out.append(readings[at : at + count])
        at += count
    return out


def _variants(layout: Layout, box: PixelBox) -> list[Gray]:
    import cv2

    _pieces, boxes = cell_pieces(layout, box)
    if len(boxes) != 1:
        return []
    piece = cut(layout.clean, boxes[0])
    _threshold, black_white = cv2.threshold(piece, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    wide = cut(layout.clean, boxes[0], _WIDE_MARGIN, _WIDE_MARGIN)
    return [piece, np.asarray(black_white, dtype=np.uint8), wide]


def _rereader(engine: Recogniser, layout: Layout, box: PixelBox) -> Callable[[], list[str]]:
    part, inside = layout.around(box)

    def reread() -> list[str]:
        readings = _read_again(engine, part, [inside])[0]
        return [number.text if (number := _number(r)) else r.text for r in readings if r.text]

    return reread


def _settle(cell: Cell, first: Reading, others: list[Reading]) -> None:
    """An unsure number and its readings again: the number when they agree, else the cell uncertain."""
    numbers = [n for r in [first, *others] if (n := _number(r)) is not None]
    texts = {n.text for n in numbers}
    if len(texts) == 1 and max(n.confidence for n in numbers) >= _SURE_AGAIN:
        cell.text = texts.pop()
        return
    alternative = first.alternative()
    candidates = [n.text for n in numbers]
    if alternative and (other := _number(Reading(alternative, first.confidences, first.runner_ups))):
        candidates.append(other.text)
    cell.uncertain, cell.candidates = True, tuple(dict.fromkeys(candidates))


def _pixels(bbox: tuple[float, float, float, float] | None, scale: float) -> PixelBox:
    if bbox is None:
        return (0, 0, 0, 0)
    x0, top, x1, bottom = (round(v / scale) for v in bbox)
    return x0, top, x1, bottom


def _to_scan(blocks: list[Block], page: Page, scale: float) -> None:
    """Every location on the straightened page turned back to the page as scanned."""
    if page.skew == 0:
        return

    def turned(where: Location) -> None:
        if where.bbox is not None:
            x0, top, x1, bottom = page.to_scan(tuple(v / scale for v in where.bbox))  # type: ignore[arg-type]
            where.bbox = (
                round(x0 * scale, 2),
                round(top * scale, 2),
                round(x1 * scale, 2),
                round(bottom * scale, 2),
            )

    for block in blocks:
        if isinstance(block, Paragraph):
            turned(block.where)
        else:
            for row in block.rows:
                for cell in row:
                    turned(cell.where)
