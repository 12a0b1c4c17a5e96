"""The characters and drawn shapes of PDF pages, read with pdfium (pypdfium2).

pdfium is a C library and reads a page about ten times faster than pdfminer, whose pure-Python
content-stream interpreter dominated the time of a PDF parse. This module gives the same kind of
objects pdfplumber gives (character dicts with `text`, `x0`, `x1`, `top`, `bottom`, `upright`;
line and rectangle dicts with their geometry, paint flags and colours) in the same coordinates
(points, origin at the top left of the media box), so grids and text lines are built the same way.

Shapes are classified as pdfminer does: each subpath of a path object on its own; two points make a
line, an axis-aligned closed four-corner polygon a rectangle, anything else (curves, polygons) is
not ruling and is left out.
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as C  # type: ignore[import-untyped]

from .pdf_chars import Char

Shape = dict[str, Any]
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

# pdfium is not thread-safe: one document at a time per process.
LOCK = threading.RLock()
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Nested form XObjects deeper than this are not followed (a loop in a damaged file).
_MAX_DEPTH = 8
# Coordinates closer than this (points) are equal when deciding if a polygon is a rectangle.
_EPS = 0.01
_FULL_TURN = 2 * math.pi
# A loose box this many font sizes high lacks the text matrix (seen with pdfium on WPS output).
_BAD_SCALE = 3.0


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    lines: list[Shape] = field(default_factory=list)
    rects: list[Shape] = field(default_factory=list)


class Unsupported(Exception):
    """A page this reader does not lay out like pdfplumber (a rotated page)."""


def open_document(data: bytes) -> Any:
    return pdfium.PdfDocument(data)


def page_count(pdf: Any) -> int:
    return len(pdf)


def read_page(pdf: Any, index: int) -> PageContent:
    """Page `index` (0-based): characters and shapes; raises Unsupported for a rotated page."""
    page = pdf[index]
    try:
        if C.FPDFPage_GetRotation(page.raw) != 0:
            raise Unsupported("rotated page")
        left, bottom, right, top = page.get_mediabox()
        content = PageContent(index + 1, float(right - left), float(top - bottom))
        origin = (float(left), float(top))
        textpage = page.get_textpage()
        try:
            content.chars = _chars(textpage.raw, origin)
        finally:
            textpage.close()
        for shape in _shapes(page.raw, origin):
            (content.lines if shape["kind"] == "line" else content.rects).append(shape)
        return content
    finally:
        page.close()


def _chars(textpage: Any, origin: tuple[float, float]) -> list[Char]:
    left, top = origin
    box, matrix = C.FS_RECTF(), C.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    out: list[Char] = []
    pending_high = 0
    for i in range(max(C.FPDFText_CountChars(textpage), 0)):
        if C.FPDFText_IsGenerated(textpage, i) == 1:
            continue  # a space or line break pdfium made up
        code = C.FPDFText_GetUnicode(textpage, i)
        if 0xD800 <= code < 0xDC00:
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in (0, 0x0D, 0x0A, 0xFFFE, 0xFFFF) or code >= 0x110000:
            continue
        if not C.FPDFText_GetLooseCharBox(textpage, i, box):
            continue
        angle = C.FPDFText_GetCharAngle(textpage, i)
        # pdfium gives the angle in radians (0 to 2π; -1 when unknown); upright text has none.
        upright = angle < 1e-3 or angle > _FULL_TURN - 1e-3
        x0, x1, y0, y1 = box.left, box.right, box.bottom, box.top
        font_size = C.FPDFText_GetFontSize(textpage, i)
        size = 0.0
        if C.FPDFText_GetMatrix(textpage, i, matrix):
            size = font_size * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        if upright and size > 0 and C.FPDFText_GetCharOrigin(textpage, i, x, y):
            x0, x1, y0, y1 = _pdfminer_box(x.value, y.value, box, font_size, size)
        out.append(Char(chr(code), x0 - left, x1 - left, top - y1, top - y0, upright))
    return out


def _pdfminer_box(
    x: float, y: float, loose: Any, font_size: float, size: float
) -> tuple[float, float, float, float]:
    """The box pdfminer gives a character (advance wide, font size high, standing on the font's
    descent below the baseline) from pdfium's origin and loose box, so lines, gaps and cells
    measure as they do with pdfplumber."""
    width = loose.right - x
    descent = y - loose.bottom
    if loose.top - loose.bottom > _BAD_SCALE * size and font_size > 0:
        # pdfium left the text matrix out of the loose box of some text objects: scale it back.
        width, descent = width * size / font_size, descent * size / font_size
    width = max(width, 0.0)
    descent = min(max(descent, 0.0), 0.5 * size)
    bottom = y - descent
    return x, x + width, bottom, bottom + size


def _matrix(obj: Any) -> Matrix:
    m = C.FS_MATRIX()
    if not C.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, Cc, D, E, F = outer
    return (
        a * A + b * Cc,
        a * B + b * D,
        c * A + d * Cc,
        c * B + d * D,
        e * A + f * Cc + E,
        e * B + f * D + F,
    )


def _objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every path object of the page with the matrix that takes it to page space."""
    stack: list[tuple[Any, bool, Matrix, int]] = [(page, True, _IDENTITY, 0)]
    while stack:
        holder, is_page, outer, depth = stack.pop()
        count = C.FPDFPage_CountObjects(holder) if is_page else C.FPDFFormObj_CountObjects(holder)
        for i in range(max(count, 0)):
            obj = C.FPDFPage_GetObject(holder, i) if is_page else C.FPDFFormObj_GetObject(holder, i)
            if not obj:
                continue
            kind = C.FPDFPageObj_GetType(obj)
            if kind == C.FPDF_PAGEOBJ_PATH:
                yield obj, _compose(_matrix(obj), outer)
            elif kind == C.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
                stack.append((obj, False, _compose(_matrix(obj), outer), depth + 1))


def _color(obj: Any, stroke: bool) -> tuple[float, float, float] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    getter = C.FPDFPageObj_GetStrokeColor if stroke else C.FPDFPageObj_GetFillColor
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _subpaths(obj: Any, matrix: Matrix) -> list[tuple[list[Point], bool, bool]]:
    """Each subpath as (points in page space, closed, has curves)."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[list[Point], bool, bool]] = []
    points: list[Point] = []
    closed = curved = False
    for i in range(max(C.FPDFPath_CountSegments(obj), 0)):
        segment = C.FPDFPath_GetPathSegment(obj, i)
        if not segment or not C.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        kind = C.FPDFPathSegment_GetType(segment)
        if kind == C.FPDF_SEGMENT_MOVETO and points:
            out.append((points, closed, curved))
            points, closed, curved = [], False, False
        curved = curved or kind == C.FPDF_SEGMENT_BEZIERTO
        px, py = x.value, y.value
        points.append((a * px + c * py + e, b * px + d * py + f))
        closed = closed or bool(C.FPDFPathSegment_GetClose(segment))
    if points:
        out.append((points, closed, curved))
    return out


def _is_rectangle(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points

    def eq(u: float, v: float) -> bool:
        return abs(u - v) <= _EPS

    return (eq(x0, x1) and eq(y1, y2) and eq(x2, x3) and eq(y3, y0)) or (
        eq(y0, y1) and eq(x1, x2) and eq(y2, y3) and eq(x3, x0)
    )


def _shapes(page: Any, origin: tuple[float, float]) -> Iterator[Shape]:
    left, top = origin
    fill_mode, stroke_flag = ctypes.c_int(), ctypes.c_int()
    for obj, matrix in _objects(page):
        if not C.FPDFPath_GetDrawMode(obj, fill_mode, stroke_flag):
            continue
        fill, stroke = fill_mode.value != 0, bool(stroke_flag.value)
        if not fill and not stroke:
            continue  # a clipping path, never painted
        colors = {"stroking_color": _color(obj, True), "non_stroking_color": _color(obj, False)}
        for points, closed, curved in _subpaths(obj, matrix):
            if curved:
                continue
            if (
                len(points) >= 3
                and abs(points[-1][0] - points[0][0]) <= _EPS
                and abs(points[-1][1] - points[0][1]) <= _EPS
            ):
                points, closed = points[:-1], True
            if len(points) == 2:
                kind = "line"
            elif len(points) == 4 and closed and _is_rectangle(points):
                kind = "rect"
            else:
                continue
            xs = [p[0] - left for p in points]
            ys = [top - p[1] for p in points]
            yield {
                "kind": kind,
                "x0": min(xs),
                "x1": max(xs),
                "top": min(ys),
                "bottom": max(ys),
                "width": max(xs) - min(xs),
                "height": max(ys) - min(ys),
                "stroke": stroke,
                "fill": fill,
                **colors,
            }
