"""The source beside a report's tables: which cells, lines, page and boxes a clicked cell or finding
points at, and a text document's lines for DOCX/HTML/TXT (PDF pages are pictures from `show`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Paragraph
from ..model import Report
from ..readers import ReadError, read_bytes
from ..show import BBox, cell_boxes


@dataclass
class Marks:
    """What to highlight: cell paths, source lines (text formats), the page and extra boxes (PDF)."""

    cells: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    page: int | None = None
    boxes: list[BBox] = field(default_factory=list)


def marks_for(report: Report, cell: str | None = None, finding: int | None = None) -> Marks:
    marks = Marks()
    if cell is not None and cell in report.cell_values():
        marks.cells = [cell]
    elif finding is not None and 0 <= finding < len(report.findings):
        chosen = report.findings[finding]
        marks.cells = [c for c in chosen.cells if c in report.provenance]
        if chosen.where is not None:
            if chosen.where.line is not None:
                marks.lines.add(chosen.where.line)
            if chosen.where.page is not None:
                marks.page = chosen.where.page
            if chosen.where.bbox is not None:
                marks.boxes.append(chosen.where.bbox)
    for path in marks.cells:
        source = report.provenance[path]
        if source.line is not None:
            marks.lines.add(source.line)
        if marks.page is None and source.page is not None:
            marks.page = source.page
    if marks.page is None:
        pages = sorted({b.page for b in cell_boxes(report)})
        marks.page = pages[0] if pages else 1
    return marks


@dataclass(frozen=True)
class SourceLine:
    line: int | None
    cells: list[str]
    table: bool
    marked: bool


def text_lines(data: bytes, name: str, marked: set[int]) -> list[SourceLine]:
    """The document as its reader saw it: each paragraph, and each table row with its cells."""
    try:
        document = read_bytes(data, name)
    except ReadError:
        return []
    out: list[SourceLine] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.append(SourceLine(block.where.line, [block.text], False, block.where.line in marked))
            continue
        for row in block.rows:
            line = row[0].where.line if row else None
            lines = {c.where.line for c in row}
            out.append(SourceLine(line, [c.text for c in row], True, bool(lines & marked)))
    return out
