"""Ruled tables on a PDF page: the visible ruling lines, the grid they form, and merged cells as spans.

Word and WPS paint a white box behind every line of body text, so page rectangles are not all table
borders: only stroked lines, stroked boxes and thin filled bars count as ruling. The grid is built
from the ruling itself (every distinct column and row line), and neighbouring grid squares with no
line between them form one merged cell. This keeps cells whose border is missing where a merged
cell runs on over a page break, which a corner-based detector drops together with their text.
A merged cell appears once, in the first row and column it covers, with its spans.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..document import Cell, Table
from ..model import Location
from .pdf_chars import Char
from .pdf_text import join_chars

BBox = tuple[float, float, float, float]

# A filled box this thin (points) is drawn as a line; a wider fill is a background shade.
_BAR_THICKNESS = 2.0
# Coordinates closer than this (points) are the same grid line.
_SNAP = 2.0
# Grid lines closer than this (points) bound no cell: a doubled border (LibreOffice draws one when a
# merged header cell runs over a page break) is one line, not a sliver column without text.
_SLIVER = 4.0
# Two ruling lines closer than this (points) touch.
_TOUCH = 3.0


@dataclass(frozen=True)
class Edge:
    horizontal: bool
    at: float  # y of a horizontal line, x of a vertical one
    start: float
    end: float


@dataclass
class PageTable:
    """A ruled table found on one page: its place, its rows, and its column lines."""

    page: int
    bbox: BBox
    table: Table
    columns: list[float]


def _is_white(color: Any) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, tuple | list) else (color,)
    numbers = [v for v in values if isinstance(v, int | float)]
    if not numbers:
        return False
    # Gray (1 value), RGB (3) or CMYK (4, white is all zero).
    return all(v == 0 for v in numbers) if len(numbers) == 4 else all(v >= 0.95 for v in numbers)


def _box_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [
        Edge(True, top, x0, x1),
        Edge(True, bottom, x0, x1),
        Edge(False, x0, top, bottom),
        Edge(False, x1, top, bottom),
    ]


def edges_from_shapes(lines: list[dict[str, Any]], rects: list[dict[str, Any]]) -> list[Edge]:
    """Table borders among a page's drawn lines and rectangles (pdfplumber's dicts or pdf_pdfium's)."""
    edges: list[Edge] = []
    for line in lines:
        if _is_white(line.get("stroking_color")):
            continue
        if line["height"] < 1:
            edges.append(Edge(True, (line["top"] + line["bottom"]) / 2, line["x0"], line["x1"]))
        elif line["width"] < 1:
            edges.append(Edge(False, (line["x0"] + line["x1"]) / 2, line["top"], line["bottom"]))
    for rect in rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        if rect.get("stroke") and not _is_white(rect.get("stroking_color")):
            edges.extend(_box_edges(x0, top, x1, bottom))
        elif rect.get("fill") and not _is_white(rect.get("non_stroking_color")):
            if bottom - top <= _BAR_THICKNESS and x1 - x0 > bottom - top:
                edges.append(Edge(True, (top + bottom) / 2, x0, x1))
            elif x1 - x0 <= _BAR_THICKNESS:
                edges.append(Edge(False, (x0 + x1) / 2, top, bottom))
    return edges


def _touch(a: Edge, b: Edge) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.at - b.at) <= _TOUCH and a.start <= b.end + _TOUCH and b.start <= a.end + _TOUCH
    h, v = (a, b) if a.horizontal else (b, a)
    return h.start - _TOUCH <= v.at <= h.end + _TOUCH and v.start - _TOUCH <= h.at <= v.end + _TOUCH


def _groups(edges: list[Edge]) -> list[list[Edge]]:
    """Edges that touch each other, directly or through others: one table each."""
    parent = list(range(len(edges)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Swept from left to right: two edges touch only when their x extents come within _TOUCH.
    lefts = [e.start if e.horizontal else e.at for e in edges]
    rights = [e.end if e.horizontal else e.at for e in edges]
    order = sorted(range(len(edges)), key=lefts.__getitem__)
    for n, i in enumerate(order):
        reach = rights[i] + _TOUCH
        for j in order[n + 1 :]:
            if lefts[j] > reach:
                break
            if _touch(edges[i], edges[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[Edge]] = {}
    for i, edge in enumerate(edges):
        groups.setdefault(root(i), []).append(edge)
    return list(groups.values())


def _unique(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SLIVER:
            out.append(v)
    return out


def _near(lines: list[Edge], at: float) -> list[Edge]:
    """The lines that lie on the grid line at `at`."""
    return [e for e in lines if abs(e.at - at) <= _SLIVER]


def _covered(near: list[Edge], middle: float) -> bool:
    return any(e.start - _SNAP <= middle <= e.end + _SNAP for e in near)


class _Grid:
    """The squares between a table's column and row lines, joined where no line separates them."""

    def __init__(self, edges: list[Edge]) -> None:
        hs = [e for e in edges if e.horizontal]
        vs = [e for e in edges if not e.horizontal]
        # A table's outer line can be missing (a merged cell running on over a page break): the
        # ends of the crossing lines still mark where the table stops.
        self.xs = _unique([e.at for e in vs] + [min(e.start for e in hs), max(e.end for e in hs)])
        self.ys = _unique([e.at for e in hs] + [min(e.start for e in vs), max(e.end for e in vs)])
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        self.owner = list(range(rows * cols))
        self.cols = cols
        on_x = [_near(vs, x) for x in self.xs]
        on_y = [_near(hs, y) for y in self.ys]
        for i in range(rows):
            middle_y = (self.ys[i] + self.ys[i + 1]) / 2
            for j in range(cols - 1):
                if not _covered(on_x[j + 1], middle_y):
                    self._join(i * cols + j, i * cols + j + 1)
        for i in range(rows - 1):
            for j in range(cols):
                middle_x = (self.xs[j] + self.xs[j + 1]) / 2
                if not _covered(on_y[i + 1], middle_x):
                    self._join(i * cols + j, (i + 1) * cols + j)

    def _root(self, k: int) -> int:
        while self.owner[k] != k:
            self.owner[k] = self.owner[self.owner[k]]
            k = self.owner[k]
        return k

    def _join(self, a: int, b: int) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self.owner[max(ra, rb)] = min(ra, rb)

    def cells(self) -> dict[int, tuple[int, int, int, int]]:
        """Each merged cell (by its root square) as first row, first col, last row, last col."""
        spans: dict[int, tuple[int, int, int, int]] = {}
        for k in range(len(self.owner)):
            r = self._root(k)
            i, j = divmod(k, self.cols)
            if r in spans:
                i0, j0, i1, j1 = spans[r]
                spans[r] = (min(i0, i), min(j0, j), max(i1, i), max(j1, j))
            else:
                spans[r] = (i, j, i, j)
        return spans


def tables_from_edges(edges: list[Edge], chars: list[Char], page_number: int) -> list[PageTable]:
    """Tables formed by ruling lines, filled with the characters (or OCR boxes) inside them."""
    tables: list[PageTable] = []
    for group in _groups(edges):
        if sum(e.horizontal for e in group) < 2 or sum(not e.horizontal for e in group) < 2:
            continue
        table = _read_grid(_Grid(group), chars, page_number)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _read_grid(grid: _Grid, chars: list[Char], page_number: int) -> PageTable | None:
    if len(grid.xs) < 2 or len(grid.ys) < 2:
        return None
    spans = grid.cells()
    texts: dict[int, list[Char]] = {root: [] for root in spans}
    roots = [grid._root(k) for k in range(len(grid.owner))]
    xs, ys, cols = grid.xs, grid.ys, grid.cols
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    for char in chars:
        # The square under the character's middle (as square_of, inlined: this runs per character).
        x = (char.x0 + char.x1) / 2
        y = (char.top + char.bottom) / 2
        if left <= x < right and top <= y < bottom:
            texts[roots[(bisect_right(ys, y) - 1) * cols + bisect_right(xs, x) - 1]].append(char)
    starts = sorted({span[0] for span in spans.values()})
    row_of = {first: n for n, first in enumerate(starts)}
    rows: list[list[Cell]] = [[] for _ in starts]
    placed = sorted(spans.items(), key=lambda item: (item[1][0], item[1][1]))
    for root, (i0, j0, i1, j1) in placed:
        bbox = (grid.xs[j0], grid.ys[i0], grid.xs[j1 + 1], grid.ys[i1 + 1])
        rowspan = sum(1 for first in starts if i0 <= first <= i1)
        rows[row_of[i0]].append(
            Cell(
                text=_cell_text(texts[root]),
                where=Location(page=page_number, bbox=_rounded(bbox)),
                colspan=j1 - j0 + 1,
                rowspan=rowspan,
            )
        )
    bbox = (grid.xs[0], grid.ys[0], grid.xs[-1], grid.ys[-1])
    return PageTable(page=page_number, bbox=_rounded(bbox), table=Table(rows), columns=grid.xs)


def _cell_text(chars: list[Char]) -> str:
    return join_chars(chars).strip()


def _rounded(bbox: BBox) -> BBox:
    return (round(bbox[0], 2), round(bbox[1], 2), round(bbox[2], 2), round(bbox[3], 2))


def chars_outside(chars: list[Char], tables: list[PageTable]) -> list[Char]:
    """The characters of a page that belong to no table."""

    if not tables:
        return chars
    boxes = [t.bbox for t in tables]
    out: list[Char] = []
    for char in chars:
        x = (char.x0 + char.x1) / 2
        y = (char.top + char.bottom) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            out.append(char)
    return out
