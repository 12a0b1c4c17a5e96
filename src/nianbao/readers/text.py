"""Plain-text reports (.txt), as exported from Word, WPS or PDF.

Tables arrive in two layouts (spec §8 P-07): one row per line with tab-separated cells, or one cell
per line (`\t<cell>`) with a blank line between rows, where a cell broken over two lines continues on
a line without a tab. Everything else is a paragraph. Every piece keeps its 1-based line number.
"""

from __future__ import annotations

import re

from ..chinese.marks import TOP_HEADING
from ..chinese.numerals import CELL_NUMBER
from ..document import Block, Cell, Paragraph, Table
from ..model import Location
from .decode import split_lines

# Share of a region's tab lines that must hold a single cell for the one-cell-per-line layout.
_ONE_CELL_SHARE = 0.8
# A cell's second line is short; a longer tab-less line is body text.
_MAX_CONTINUATION = 20
# A number never wraps onto a text line, so a continuation line belongs to a text cell of the row.
_NUMBER_CELL = re.compile(rf"^{CELL_NUMBER}$")


def text_blocks(text: str) -> list[Block]:
    lines = split_lines(text)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            end = _region_end(lines, i)
            blocks.append(_table(lines, i, end))
            i = end
            continue
        stripped = lines[i].strip()
        if stripped:
            blocks.append(Paragraph(stripped, Location(line=i + 1)))
        i += 1
    return blocks


def _is_blank(line: str) -> bool:
    return not line.strip()


def _region_end(lines: list[str], start: int) -> int:
    """Index after the last line of the table region that begins at `start`."""
    end = start + 1
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            end = i + 1
        elif _is_blank(line):
            pass
        elif _is_continuation(lines, i):
            end = i + 1
        else:
            break
        i += 1
    return end


def _is_continuation(lines: list[str], i: int) -> bool:
    """A short tab-less line right after a cell is the rest of that cell, broken over two lines.

    Between two tab lines this holds in any layout; before a blank line only after a one-cell line
    (`\t对外公开` / `总数量`), and never for a line that looks like a section heading.
    """
    previous, line = lines[i - 1], lines[i].strip()
    if "\t" not in previous or len(line) > _MAX_CONTINUATION or TOP_HEADING.match(line):
        return False
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if "\t" in following:
        return True
    return _is_blank(following) and previous.startswith("\t") and previous.count("\t") == 1


def _table(lines: list[str], start: int, end: int) -> Table:
    tab_lines = [line for line in lines[start:end] if "\t" in line]
    single = sum(1 for line in tab_lines if line.startswith("\t") and line.count("\t") == 1)
    if single >= _ONE_CELL_SHARE * len(tab_lines):
        return _one_cell_per_line(lines, start, end)
    return _tab_separated(lines, start, end)


def _tab_separated(lines: list[str], start: int, end: int) -> Table:
    rows: list[list[Cell]] = []
    for i in range(start, end):
        line = lines[i]
        if "\t" in line:
            where = Location(line=i + 1)
            rows.append([Cell(part.strip(), where) for part in line.split("\t")])
        elif not _is_blank(line) and rows:
            # A continuation line belongs to the last text cell above it (a label wrapped in its cell);
            # numbers never wrap, so a short line after a row of numbers (a caption) joins its label.
            texts = [c for c in rows[-1] if c.text and not _NUMBER_CELL.match(c.text)]
            last = texts[-1] if texts else next((c for c in reversed(rows[-1]) if c.text), rows[-1][-1])
            last.text += "\n" + line.strip()
    return Table(rows)


def _one_cell_per_line(lines: list[str], start: int, end: int) -> Table:
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    for i in range(start, end):
        line = lines[i]
        if _is_blank(line) and "\t" not in line:
            if row:
                rows.append(row)
                row = []
        elif "\t" in line:
            row.extend(Cell(part.strip(), Location(line=i + 1)) for part in line.split("\t")[1:])
        elif row:
            row[-1].text += "\n" + line.strip()
    if row:
        rows.append(row)
    return Table(rows)
