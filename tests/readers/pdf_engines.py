"""Test helper: the fast page reader (pdfium) and pdfplumber must give the same Document for a PDF."""

from __future__ import annotations

from pathlib import Path

from nianbao.document import Block, Table
from nianbao.readers.limits import Deadline
from nianbao.readers.pdf import read_pdf


def layout(blocks: list[Block]) -> list[object]:
    """Blocks as comparable values: texts, spans and pages (bboxes may differ by rounding)."""
    out: list[object] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append([[(c.text, c.colspan, c.rowspan, c.where.page) for c in row] for row in block.rows])
        else:
            out.append((block.text, block.where.page))
    return out


def assert_engines_agree(pdf: Path) -> None:
    data = pdf.read_bytes()
    fast, fast_pages, _ = read_pdf(data, str(pdf), Deadline(str(pdf)))
    slow, slow_pages, _ = read_pdf(data, str(pdf), Deadline(str(pdf)), use_pdfium=False)
    assert fast_pages == slow_pages
    assert any(isinstance(b, Table) for b in fast)
    assert layout(fast) == layout(slow)
