"""Where the text of a straightened scan is: the table rules, the ink of each cell cut into lines, and the
lines of prose outside the tables — each cut out as a piece for the recogniser.

Ink that belongs to nothing is left out before anything is cut: the table rules themselves (a cell's
content never includes its border, even where the rules are a pixel off straight), and specks — dots
of dust far smaller than a character that lie apart from any character. A small mark beside a character
(a decimal point, a minus sign, a 、) is kept. A cell with no ink left is visibly empty and is not read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .ocr_prepare import Gray, Mask, Page
from .pdf_grid import Edge

PixelBox = tuple[int, int, int, int]

# A rule is an unbroken run of such grey at least this fraction of the page long (horizontal rules are
# at least a column wide, vertical ones a row or two high), and at least _MIN_RULE pixels.
_RULE_FRACTION = {True: 20, False: 60}
_MIN_RULE = 20
# Pixels around a rule that are its blur, not a cell's content.
_RULE_HALO = 2
# A mark is small when its larger side is under this fraction of a character's height; a small mark
# is kept only within this many character heights of a character.
_SMALL = 0.45
_NEAR = 0.6
# Characters are at least this tall (pixels at 200 dpi: six-point digits).
_MIN_GLYPH = 12
# A cell needs this many ink pixels to hold something.
_MIN_INK = 12
# Pixels kept clear of a cell's borders when its ink is looked at.
_INSET = 3
# White margin (pixels) above and below a piece given to the recogniser, and at its sides: the model
# wants room above and below the characters; at the sides every pixel costs (a narrower margin reads
# the tables' numbers as surely, measured).
MARGIN = 8
_SIDE_MARGIN = 4
# Ink runs of one cell closer than this (pixels) are one run.
_RUN_GAP = 2
# Runs form one line of text while they span at most this many character heights (the strokes of 二
# or 三 are separate runs; two lines of text span more).
_LINE_SPAN = 1.3
# Prose: a gap wider than this many line heights splits a line into separate pieces.
_WORD_GAP = 1.5


@dataclass
class Layout:
    """The ink of a straightened page sorted out: rules, what is text, and how tall its characters are."""

    rules: Mask  # the table rules with their halo
    text: Mask  # ink that is text: no rules, no specks
    clean: Gray  # the page with rules and specks painted out (what pieces are cut from)
    glyph: float  # height of a character of the tables (pixels)
    edges: list[Edge]  # the rules, in pixels

    def edges_in(self, scale: float) -> list[Edge]:
        return [Edge(e.horizontal, e.at * scale, e.start * scale, e.end * scale) for e in self.edges]

    def around(self, box: PixelBox) -> tuple[Layout, PixelBox]:
        """A copy of the part of the page a box covers, and the box within it: what reading one
        cell again needs, without keeping the whole page."""
        x0, top, x1, bottom = box
        height, width = self.text.shape
        left, upper = max(0, x0), max(0, top)
        right, lower = min(width, x1), min(height, bottom)
        part = Layout(
            self.rules[upper:lower, left:right].copy(),
            self.text[upper:lower, left:right].copy(),
            self.clean[upper:lower, left:right].copy(),
            self.glyph,
            [],
        )
        return part, (x0 - left, top - upper, x1 - left, bottom - upper)


def find_layout(page: Page) -> Layout:
    import cv2

    rules, edges = _rules(page.ink)
    halo = cv2.dilate(rules.astype(np.uint8), np.ones((2 * _RULE_HALO + 1,) * 2, np.uint8)).astype(bool)
    ink = page.ink & ~halo
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    glyph = _glyph_height(stats, rules)
    big = np.concatenate([[False], np.maximum(heights, widths) >= _SMALL * glyph])
    near = max(1, int(_NEAR * glyph))
    big_mask = big[labels]
    # Beside a character on its own line: a speck just above or below a line is not a mark of it.
    reach = cv2.dilate(big_mask.astype(np.uint8), np.ones((5, 2 * near + 1), np.uint8)).astype(bool)
    # A small mark is kept when any of its pixels lies within reach of a character.
    touching = np.zeros(count, dtype=bool)
    touching[np.unique(labels[reach & ink])] = True
    keep = big | touching
    keep[0] = False
    text = keep[labels]
    clean = page.gray.copy()
    clean[(page.ink & ~text) | halo] = 255
    return Layout(halo, text, clean, glyph, edges)


def _glyph_height(stats: NDArray[np.int32], rules: Mask) -> float:
    """The height of a character in the tables (of the page, when it has none): the tall end of the
    marks' heights, since digits are shorter than Chinese characters and outnumber them in tables."""
    import cv2

    xs = stats[1:, cv2.CC_STAT_LEFT] + stats[1:, cv2.CC_STAT_WIDTH] // 2
    ys = stats[1:, cv2.CC_STAT_TOP] + stats[1:, cv2.CC_STAT_HEIGHT] // 2
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    inside = np.zeros(heights.shape, dtype=bool)
    count, _labels, tables, _centroids = cv2.connectedComponentsWithStats(rules.astype(np.uint8))
    for x, y, w, h in tables[1:count, :4]:
        inside |= (xs >= x) & (xs < x + w) & (ys >= y) & (ys < y + h)
    chosen = heights[inside] if inside.any() else heights
    tall = chosen[(chosen >= _MIN_GLYPH) & (chosen <= 8 * _MIN_GLYPH)]
    return float(np.percentile(tall, 75)) if tall.size else 2.0 * _MIN_GLYPH


def _rules(ink: Mask) -> tuple[Mask, list[Edge]]:
    """Long thin runs of ink, horizontal and vertical: the table rules, as a mask and as edges."""
    import cv2

    height, width = ink.shape
    mask8 = ink.astype(np.uint8)
    found = {}
    for horizontal in (True, False):
        length = max(_MIN_RULE, (width if horizontal else height) // _RULE_FRACTION[horizontal])
        kernel = np.ones((1, length) if horizontal else (length, 1), np.uint8)
        found[horizontal] = np.asarray(cv2.morphologyEx(mask8, cv2.MORPH_OPEN, kernel), dtype=np.uint8)
    # Rules of a table meet rules across them; a long stroke of a large title meets none.
    count, labels = cv2.connectedComponents(found[True] | found[False], connectivity=8)
    lattice = np.zeros(count, dtype=bool)
    lattice[np.intersect1d(labels[found[True] > 0], labels[found[False] > 0])] = True
    lattice[0] = False
    rules = lattice[labels]
    edges: list[Edge] = []
    for horizontal in (True, False):
        kept = (found[horizontal] > 0) & rules
        count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(
            kept.astype(np.uint8), connectivity=8
        )
        for i in range(1, count):
            x, y, w, h = (int(v) for v in stats[i][:4])
            if horizontal:
                edges.append(Edge(True, y + h / 2, x, x + w))
            else:
                edges.append(Edge(False, x + w / 2, y, y + h))
    return rules, edges


def cell_pieces(layout: Layout, box: PixelBox) -> tuple[list[Gray], list[PixelBox]]:
    """The lines of text in one cell (pixel box), top to bottom, each cut to its ink with a margin;
    none when the cell is visibly empty."""
    x0, top, x1, bottom = box
    x0, top, x1, bottom = x0 + _INSET, top + _INSET, x1 - _INSET, bottom - _INSET
    if x1 <= x0 or bottom <= top:
        return [], []
    ink = layout.text[top:bottom, x0:x1]
    if int(ink.sum()) < _MIN_INK:
        return [], []
    lines: list[tuple[int, int]] = []
    for a, b in _runs(ink.any(axis=1)):
        if lines and b - lines[-1][0] <= _LINE_SPAN * layout.glyph:
            lines[-1] = (lines[-1][0], b)
        else:
            lines.append((a, b))
    pieces: list[Gray] = []
    boxes: list[PixelBox] = []
    for a, b in lines:
        if int(ink[a:b].sum()) < _MIN_INK:
            continue
        cols = np.flatnonzero(ink[a:b].any(axis=0))
        piece_box = (x0 + int(cols[0]), top + a, x0 + int(cols[-1]) + 1, top + b)
        pieces.append(cut(layout.clean, piece_box))
        boxes.append(piece_box)
    return pieces, boxes


def cut(gray: Gray, box: PixelBox, margin: int = MARGIN, side: int = _SIDE_MARGIN) -> Gray:
    """A box of the page with a white margin above and below it and at its sides."""
    x0, top, x1, bottom = box
    piece = gray[top:bottom, x0:x1]
    return np.pad(piece, ((margin, margin), (side, side)), constant_values=255).astype(np.uint8)


def prose_pieces(layout: Layout, tables: list[PixelBox]) -> list[PixelBox]:
    """Boxes (pixels) of the text outside the tables, line by line, top to bottom, a line split where
    a wide gap parts it (a page number, a date set to the right)."""
    text = layout.text.copy()
    for x0, top, x1, bottom in tables:
        text[max(0, top - _INSET) : bottom + _INSET, max(0, x0 - _INSET) : x1 + _INSET] = False
    boxes: list[PixelBox] = []
    for a, b in _runs(text.any(axis=1)):
        band = text[a:b]
        if int(band.sum()) < _MIN_INK:
            continue
        gap = max(4, int(_WORD_GAP * (b - a)))
        for c0, c1 in _runs(band.any(axis=0), gap):
            rows = np.flatnonzero(band[:, c0:c1].any(axis=1))
            if int(band[:, c0:c1].sum()) >= _MIN_INK:
                boxes.append((c0, a + int(rows[0]), c1, a + int(rows[-1]) + 1))
    return boxes


def _runs(mask: NDArray[np.bool_] | np.bool_, gap: int = _RUN_GAP) -> list[tuple[int, int]]:
    """Runs of True (start, end exclusive), joining runs parted by at most `gap` False values."""
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > gap + 1)
    starts = np.concatenate([[rows[0]], rows[breaks + 1]])
    ends = np.concatenate([rows[breaks], [rows[-1]]]) + 1
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]
