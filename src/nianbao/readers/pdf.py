"""PDF reports (most often printed from WPS or Word): text lines and table grids in reading order.

Pages are read by pdfium (pdf_pdfium, fast); pdfplumber reads what pdfium cannot (a damaged file it
refuses, a rotated page). Every page gives its ruled tables (pdf_grid), then the text lines outside
them (pdf_text), each a paragraph with a space where its words stand apart: a table printed without
ruling lines (or with horizontal rules only) is such lines, and extraction finds its rows by the form's
labels (extract.layout_text), as in text laid out by `pdftotext -layout`. Page numbers and running
headers are dropped. A table row that a page break cut in two is joined again, so extraction sees
one row. Pages without any characters are scans and go to the OCR reader.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page

from ..chinese.marks import ENUMERATOR
from ..chinese.numerals import PRINTED_NUMBER
from ..document import Block, Cell, Paragraph, Table
from ..model import Location
from . import pdf_pdfium
from .errors import ReadError
from .limits import Deadline
from .pdf_chars import plumber_chars
from .pdf_grid import PageTable, chars_outside, edges_from_shapes, tables_from_edges
from .pdf_text import TextLine, drop_furniture, text_lines

_NUMBER = re.compile(rf"^{PRINTED_NUMBER}$")
# Two cells are in the same column when their left and right borders differ by less (points).
_ALIGN = 3.0
# A row cut by a page break ends no higher than this (points) above the lowest body content.
_CUT_ROW_REACH = 36.0

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class _Page:
    number: int
    height: float
    tables: list[PageTable]
    lines: list[TextLine]
    scanned: bool = False


def read_pdf(
    data: bytes, path: str, deadline: Deadline, use_pdfium: bool = True
) -> tuple[list[Block], int, bool]:
    """The blocks of a PDF in reading order, its page count, and whether OCR read any of it.
    `use_pdfium=False` reads every page with pdfplumber (slower; the two must agree)."""
    pages = _pages_pdfium(data, deadline) if use_pdfium else None
    if pages is None:
        pages = _pages_pdfplumber(data, path, deadline)
    if not pages:
        raise ReadError(path, "PDF 文件没有任何页面")
    scanned = [p.number for p in pages if p.scanned]
    ocr_blocks: dict[int, list[Block]] = {}
    if scanned:
        from .ocr import ocr_pdf_pages

        ocr_blocks = ocr_pdf_pages(data, path, scanned, deadline)
    lines = drop_furniture([p.lines for p in pages], [p.height for p in pages])
    blocks: list[Block] = []
    for page, page_lines in zip(pages, lines, strict=True):
        if page.scanned:
            blocks.extend(ocr_blocks.get(page.number, []))
            continue
        blocks.extend(_page_blocks(page, page_lines))
    return _join_cut_rows(blocks, _body_bottom(pages, lines)), len(pages), bool(scanned)


def _body_bottom(pages: list[_Page], lines: list[list[TextLine]]) -> float:
    """The lowest point any page's body (tables and text, without page numbers) reaches."""
    bottoms = [t.bbox[3] for p in pages for t in p.tables] + [ln.bbox[3] for page in lines for ln in page]
    return max(bottoms, default=0.0)


def _pages_pdfium(data: bytes, deadline: Deadline) -> list[_Page] | None:
    """The pages read by pdfium (fast); None when pdfium cannot read the file or lays a page out
    differently (a rotated page), and pdfplumber is to read it instead."""
    with pdf_pdfium.LOCK:
        try:
            pdf = pdf_pdfium.open_document(data)
        except Exception:  # damaged or encrypted: pdfplumber gives the reason
            return None
        try:
            pages: list[_Page] = []
            for index in range(pdf_pdfium.page_count(pdf)):
                deadline.check()
                content = pdf_pdfium.read_page(pdf, index)
                pages.append(_content_page(content))
            return pages
        except ReadError:
            raise
        except Exception:
            return None
        finally:
            pdf.close()


def _content_page(content: pdf_pdfium.PageContent) -> _Page:
    chars = content.chars
    if not any(c.text.strip() for c in chars):
        return _Page(content.number, content.height, [], [], scanned=True)
    edges = edges_from_shapes(content.lines, content.rects)
    tables = tables_from_edges(edges, chars, content.number)
    lines = text_lines(chars_outside(chars, tables), content.number, bounded=True)
    return _Page(content.number, content.height, tables, lines)


def _pages_pdfplumber(data: bytes, path: str, deadline: Deadline) -> list[_Page]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(path, "PDF 文件已加密，无法读取内容，请先解除密码保护") from exc
    except Exception as exc:  # pdfminer raises many kinds of error for a damaged file
        raise ReadError(path, f"PDF 文件已损坏或格式不正确，无法打开（{type(exc).__name__}）") from exc
    with pdf:
        try:
            pages = [_read_page(page, deadline) for page in pdf.pages]
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(path, f"PDF 文件已损坏，读取页面时出错（{type(exc).__name__}）") from exc
    return pages


def _read_page(page: Page, deadline: Deadline) -> _Page:
    deadline.check()
    number = int(page.page_number)
    chars = plumber_chars(page.chars)
    if not any(c.text.strip() for c in chars):
        return _Page(number, float(page.height), [], [], scanned=True)
    tables = tables_from_edges(edges_from_shapes(page.lines, page.rects), chars, number)
    lines = text_lines(chars_outside(chars, tables), number, bounded=True)
    return _Page(number, float(page.height), tables, lines)


def _page_blocks(page: _Page, lines: list[TextLine]) -> list[Block]:
    placed: list[tuple[float, Block]] = [(t.bbox[1], t.table) for t in page.tables]
    for line in lines:
        placed.append((line.top, Paragraph(line.text, Location(page=line.page, bbox=line.bbox))))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def _join_cut_rows(blocks: list[Block], body_bottom: float) -> list[Block]:
    """Join the first row of a table that opens a page to the last row of the table before it,
    when the page break cut that row in two. A cut row runs down to the bottom of the page body;
    a table that ends higher up ended with a whole row (the next one did not fit)."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, Table)
            and isinstance(previous, Table)
            and block.rows
            and previous.rows
            and _page_of(block) == (_page_of(previous) or 0) + 1
            and _row_bottom(previous.rows[-1]) >= body_bottom - _CUT_ROW_REACH
            and _join_rows(previous.rows[-1], block.rows[0])
        ):
            block.rows.pop(0)
            if not block.rows:
                continue
        out.append(block)
    return out


def _row_bottom(row: list[Cell]) -> float:
    return max((c.where.bbox[3] for c in row if c.where.bbox), default=0.0)


def _page_of(table: Table) -> int | None:
    return next((c.where.page for row in table.rows for c in row if c.where.page), None)


def _x_range(cell: Cell) -> tuple[float, float] | None:
    return (cell.where.bbox[0], cell.where.bbox[2]) if cell.where.bbox else None


def _join_rows(upper: list[Cell], lower: list[Cell]) -> bool:
    """Merge `lower` into `upper` if it is the rest of the same row; True when merged."""
    texts = [c.text for c in lower if c.text.strip()]
    # A row cut by a page break never starts with its own enumerator (`3.`, `（四）`, `二、`).
    if not texts or ENUMERATOR.match(texts[0]):
        return False
    pairs: list[tuple[Cell, Cell]] = []
    for cell in lower:
        span = _x_range(cell)
        partner = next(
            (
                u
                for u in upper
                if span
                and (r := _x_range(u))
                and abs(r[0] - span[0]) < _ALIGN
                and abs(r[1] - span[1]) < _ALIGN
            ),
            None,
        )
        if partner is None:
            if cell.text.strip():
                return False
            continue
        if cell.text.strip() and partner.text.strip() and (_is_number(cell.text) or _is_number(partner.text)):
            return False
        pairs.append((partner, cell))
    if not any(lo.text.strip() for _, lo in pairs):
        return False
    for up, lo in pairs:
        if not lo.text.strip():
            continue
        if up.text.strip():
            up.text = up.text + "\n" + lo.text
        else:
            up.text, up.where = lo.text, lo.where
    return True
