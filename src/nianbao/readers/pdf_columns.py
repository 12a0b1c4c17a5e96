"""Tables printed without ruling lines, recovered from the positions of their words.

A line whose text falls into pieces separated by wide gaps, with numbers among the pieces, is a
table row. Consecutive such lines form a table; the numbers of all its rows define the columns
(overlapping horizontal extents are one column), so a blank cell stays blank in its own column and
values never shift left. Pieces left of the first number column are row labels.

A label too long for its column wraps onto lines of its own below the numbers of its row; such a
line (only text, all of it left of the numbers, set close under the line above, not opening a new
item with its own enumerator) continues the labels of the row above instead of ending the table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..chinese.marks import BLANK_MARK, ENUMERATOR
from ..chinese.numerals import PRINTED_NUMBER
from ..document import Cell, Table
from ..model import Location
from .pdf_chars import Char
from .pdf_text import TextLine

BBox = tuple[float, float, float, float]

# A gap wider than this many character heights separates two cells.
_CELL_GAP = 1.0
_VALUE = re.compile(rf"^(?:{PRINTED_NUMBER}|{BLANK_MARK})$")
# Fewer rows with numbers than this make no table.
_MIN_VALUE_ROWS = 2
# A single row of numbers makes a table under header lines when it has at least this many.
_MIN_SINGLE_ROW_VALUES = 3
# A wrapped label line sits closer than this many character heights under the line above.
_WRAP_GAP = 0.8


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
    chars = sorted(line.chars, key=lambda c: c.x0)
    if not chars:
        return []
    groups: list[list[Char]] = [[chars[0]]]
    for prev, char in itertools.pairwise(chars):
        size = max(prev.bottom - prev.top, char.bottom - char.top, 1.0)
        if char.x0 - prev.x1 > _CELL_GAP * size:
            groups.append([char])
        else:
            groups[-1].append(char)
    pieces = []
    for group in groups:
        text = "".join(c.text for c in group).strip()
        x0 = min(c.x0 for c in group)
        x1 = max(c.x1 for c in group)
        top = min(c.top for c in group)
        bottom = max(c.bottom for c in group)
        pieces.append(_Piece(text, x0, x1, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))))
    return pieces


def column_tables(lines: list[TextLine]) -> list[TextLine | tuple[float, Table]]:
    """The lines of a page, with runs of column-aligned lines replaced by (top, Table)."""
    split = [_pieces(line) for line in lines]
    out: list[TextLine | tuple[float, Table]] = []
    i = 0
    while i < len(lines):
        end = _region_end(lines, split, i)
        if _is_table(split[i:end]):
            out.append((lines[i].top, _table(lines[i:end], split[i:end])))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def _is_table(region: list[list[_Piece]]) -> bool:
    """Two rows with numbers, or one row of many numbers under header lines (表四 has one data row)."""
    value_counts = [sum(p.is_value for p in pieces) for pieces in region]
    rows_with_values = sum(1 for n in value_counts if n)
    if len(region) >= _MIN_VALUE_ROWS and rows_with_values >= _MIN_VALUE_ROWS:
        return True
    if len(region) < 2 or not rows_with_values:
        return False
    if max(value_counts) >= _MIN_SINGLE_ROW_VALUES:
        return True
    # One row under a header line whose column titles stand above each of its numbers.
    first = next(i for i, n in enumerate(value_counts) if n)
    heads = [p for pieces in region[:first] for p in pieces if not p.is_value]
    values = [p for p in region[first] if p.is_value]
    return bool(heads) and all(any(_overlaps(v, (h.x0, h.x1)) for h in heads) for v in values)


def _is_row(pieces: list[_Piece]) -> bool:
    return len(pieces) >= 2


def _region_end(lines: list[TextLine], split: list[list[_Piece]], start: int) -> int:
    """Index after the last line of the column-aligned run that begins at `start`."""
    if not _is_row(split[start]):
        return start + 1
    end = start + 1
    first_value = _first_value_x(split[start])
    while end < len(split):
        pieces = split[end]
        has_values = any(p.is_value for p in pieces)
        if first_value < float("inf") and not has_values:
            if _is_wrapped_label(lines[end - 1], split[end - 1], lines[end], pieces, first_value):
                end += 1
                continue
            # A header line after data rows opens the next table: its columns may differ.
            break
        if not _is_row(pieces):
            break
        first_value = min(first_value, _first_value_x(pieces))
        end += 1
    # Wrapped lines at the end belong to the table only when set tight under it (checked above).
    return end


def _first_value_x(pieces: list[_Piece]) -> float:
    return min((p.x0 for p in pieces if p.is_value), default=float("inf"))


def _is_wrapped_label(
    above: TextLine, above_pieces: list[_Piece], line: TextLine, pieces: list[_Piece], first_value: float
) -> bool:
    """A line that carries on the labels of the row above it (see the module's note). Wrapping fills
    a line before starting the next, so a wrapped piece is never wider than the label above it."""
    # A new row label starts with its own enumerator (`3.`, `（四）`, `二、`); a wrapped line does not.
    if not pieces or ENUMERATOR.match(line.text):
        return False
    height = max(above.bbox[3] - above.bbox[1], 1.0)
    if line.bbox[1] - above.bbox[3] > _WRAP_GAP * height:
        return False
    labels = [p for p in above_pieces if not p.is_value]
    for piece in pieces:
        if piece.x1 > first_value + 1.0:
            return False
        over = [p for p in labels if _overlaps(piece, (p.x0, p.x1))]
        if over and piece.x1 > max(p.x1 for p in over) + 0.5 * height:
            return False
    return True


def _is_continuation(pieces: list[_Piece], first_value: float) -> bool:
    return (
        bool(pieces)
        and not any(p.is_value for p in pieces)
        and all(p.x1 <= first_value + 1.0 for p in pieces)
    )


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
    seen_values = False
    for line, pieces in zip(lines, split, strict=True):
        if seen_values and rows and _is_continuation(pieces, first_value_x):
            _continue_labels(rows[-1], pieces)
            continue
        seen_values = seen_values or any(p.is_value for p in pieces)
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


def _continue_labels(row: list[Cell], pieces: list[_Piece]) -> None:
    """Add the pieces of a wrapped line to the label cells above them (the nearest one by x)."""
    labels = [c for c in row if c.where.bbox and c.text.strip() and not _VALUE.match(c.text)]
    for piece in pieces:
        if not labels:
            row.insert(
                0, Cell(piece.text, Location(page=row[0].where.page if row else None, bbox=piece.bbox))
            )
            labels = [row[0]]
            continue
        target = min(labels, key=lambda c: _distance(c, piece))
        box = target.where.bbox
        assert box is not None
        target.text = target.text + "\n" + piece.text
        target.where = Location(
            page=target.where.page,
            bbox=_round((min(box[0], piece.x0), box[1], max(box[2], piece.x1), piece.bbox[3])),
        )


def _distance(cell: Cell, piece: _Piece) -> float:
    box = cell.where.bbox
    assert box is not None
    if piece.x0 <= box[2] and box[0] <= piece.x1:
        return 0.0
    return min(abs(piece.x0 - box[2]), abs(box[0] - piece.x1))


def _column_box(column: tuple[float, float], line_box: BBox) -> BBox:
    return _round((column[0], line_box[1], column[1], line_box[3]))


def _round(box: BBox) -> BBox:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
