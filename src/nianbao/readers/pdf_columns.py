"""Tables printed without ruling lines, recovered from the positions of their words.

A line whose text falls into pieces separated by wide gaps, with numbers among the pieces, is a
table row. Consecutive such lines form a table; the numbers of all its rows define the columns
(overlapping horizontal extents are one column), so a blank cell stays blank in its own column and
values never shift left. Pieces left of the first number column are row labels.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from ..document import Cell, Table
from ..model import Location
from .pdf_text import TextLine

Char = dict[str, Any]
BBox = tuple[float, float, float, float]

# A gap wider than this many character heights separates two cells.
_CELL_GAP = 1.0
_VALUE = re.compile(r"^(?:[+-]?\d[\d,，]*(?:\.\d+)?\s*(?:%|万元|元|件|个|项|条)?|[-–—－/／\\]+|无)$")
# Fewer rows with numbers than this make no table.
_MIN_VALUE_ROWS = 2


@dataclass
class _Piece:
    text: str
    x0: float
    x1: float
    bbox: BBox

    @property
    def is_value(self) -> bool:
        return bool(_VALUE.match(self.text))


def _pieces(line: TextLine) -> list[_Piece]:
    chars = sorted(line.chars, key=lambda c: c["x0"])
    if not chars:
        return []
    groups: list[list[Char]] = [[chars[0]]]
    for prev, char in itertools.pairwise(chars):
        size = max(prev["bottom"] - prev["top"], char["bottom"] - char["top"], 1.0)
        if char["x0"] - prev["x1"] > _CELL_GAP * size:
            groups.append([char])
        else:
            groups[-1].append(char)
    pieces = []
    for group in groups:
        text = "".join(c["text"] for c in group).strip()
        x0 = min(c["x0"] for c in group)
        x1 = max(c["x1"] for c in group)
        top = min(c["top"] for c in group)
        bottom = max(c["bottom"] for c in group)
        pieces.append(_Piece(text, x0, x1, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))))
    return pieces


def column_tables(lines: list[TextLine]) -> list[TextLine | tuple[float, Table]]:
    """The lines of a page, with runs of column-aligned lines replaced by (top, Table)."""
    split = [_pieces(line) for line in lines]
    out: list[TextLine | tuple[float, Table]] = []
    i = 0
    while i < len(lines):
        end = _region_end(split, i)
        rows_with_values = sum(1 for pieces in split[i:end] if any(p.is_value for p in pieces))
        if end - i >= _MIN_VALUE_ROWS and rows_with_values >= _MIN_VALUE_ROWS:
            out.append((lines[i].top, _table(lines[i:end], split[i:end])))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def _is_row(pieces: list[_Piece]) -> bool:
    return len(pieces) >= 2


def _region_end(split: list[list[_Piece]], start: int) -> int:
    """Index after the last line of the column-aligned run that begins at `start`."""
    if not _is_row(split[start]):
        return start + 1
    end = start + 1
    seen_values = any(p.is_value for p in split[start])
    while end < len(split) and _is_row(split[end]):
        has_values = any(p.is_value for p in split[end])
        # A header line after data rows opens the next table: its columns may differ.
        if seen_values and not has_values:
            break
        seen_values = seen_values or has_values
        end += 1
    return end


def _columns(split: list[list[_Piece]]) -> list[tuple[float, float]]:
    spans = sorted((p.x0, p.x1) for pieces in split for p in pieces if p.is_value)
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _overlaps(piece: _Piece, column: tuple[float, float]) -> bool:
    return piece.x0 <= column[1] and column[0] <= piece.x1


def _table(lines: list[TextLine], split: list[list[_Piece]]) -> Table:
    columns = _columns(split)
    first_value_x = columns[0][0] if columns else float("inf")
    rows: list[list[Cell]] = []
    for line, pieces in zip(lines, split, strict=True):
        labels = [p for p in pieces if not p.is_value and not any(_overlaps(p, c) for c in columns)]
        labels = [p for p in labels if p.x1 <= first_value_x] or labels
        row = [Cell(p.text, Location(page=line.page, bbox=p.bbox)) for p in labels]
        rest = [p for p in pieces if p not in labels]
        col = 0
        while col < len(columns):
            hits = [p for p in rest if _overlaps(p, columns[col])]
            if not hits:
                row.append(Cell("", Location(page=line.page, bbox=_column_box(columns[col], line.bbox))))
                col += 1
                continue
            span = max(sum(1 for c in columns[col:] if _overlaps(h, c)) for h in hits)
            text = "".join(h.text for h in hits)
            box = (min(h.x0 for h in hits), line.bbox[1], max(h.x1 for h in hits), line.bbox[3])
            row.append(Cell(text, Location(page=line.page, bbox=_round(box)), colspan=max(span, 1)))
            rest = [p for p in rest if p not in hits]
            col += max(span, 1)
        rows.append(row)
    return Table(rows)


def _column_box(column: tuple[float, float], line_box: BBox) -> BBox:
    return _round((column[0], line_box[1], column[1], line_box[3]))


def _round(box: BBox) -> BBox:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
