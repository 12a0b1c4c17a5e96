"""The characters and drawn shapes of PDF pages, read with pdfium (pypdfium2).

pdfium is a C library and reads a page about ten times faster than pdfminer, whose pure-Python
content-stream interpreter dominated the time of a PDF parse. This module gives the same kind of
things pdfplumber gives (characters, as `pdf_chars.Char`: `text`, `x0`, `x1`, `top`, `bottom`,
`upright`; line and rectangle dicts with their geometry, paint flags and colours) in the same coordinates
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
# A descent this close (points) to the limits _pdfminer_box clamps it to is checked character by character.
_MARGIN = 0.01


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


def _prototype(function: Any, result: Any, *arguments: Any) -> Any:
    """`function` of pdfium called with plain pointers and integers: ctypes checks typed pointer
    arguments on every call, which costs more than the call itself when made once per character."""
    return ctypes.CFUNCTYPE(result, *arguments)(_address(function))


def _address(pointer: Any) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


_P, _I = ctypes.c_void_p, ctypes.c_int
_count_chars = _prototype(C.FPDFText_CountChars, _I, _P)
_unicode = _prototype(C.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
_is_generated = _prototype(C.FPDFText_IsGenerated, _I, _P, _I)
_loose_box = _prototype(C.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_origin = _prototype(C.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
_text_object = _prototype(C.FPDFText_GetTextObject, _P, _P, _I)
_angle = _prototype(C.FPDFText_GetCharAngle, ctypes.c_float, _P, _I)
_font_size = _prototype(C.FPDFText_GetFontSize, ctypes.c_double, _P, _I)
_char_matrix = _prototype(C.FPDFText_GetMatrix, _I, _P, _I, _P)
_new_char = tuple.__new__


def _chars(textpage: Any, origin: tuple[float, float]) -> list[Char]:
    """The characters of a text page, with the boxes pdfminer gives them (see _pdfminer_box).

    pdfium answers one question per call, and the calls are most of the cost of a page. The angle,
    font size and matrix belong to the character's text object, so they are asked once per object.
    In the common case pdfium's loose box starts at the character's origin and stands on the font's
    descent, a fixed distance below the origin for the whole text object: when the first character of
    an object shows that, and the descent is well inside the limits _pdfminer_box clamps it to, the
    box is the same whatever the origin, so the origin is not asked for again in that object.
    """
    left, top = origin
    page = _address(textpage)
    box, matrix = C.FS_RECTF(), C.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    box_at, matrix_at = ctypes.addressof(box), ctypes.addressof(matrix)
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    out: list[Char] = []
    pending_high = 0
    text_object: int | None = None
    upright, font_size, size, plain = True, 0.0, 0.0, False
    for i in range(max(_count_chars(page), 0)):
        code = _unicode(page, i)
        if 0xD800 <= code < 0xDC00:
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in (0, 0x0D, 0x0A, 0xFFFE, 0xFFFF) or code >= 0x110000:
            continue
        # pdfium makes up spaces and line breaks (never other characters) between text objects.
        if code == 0x20 and _is_generated(page, i) == 1:
            continue
        if not _loose_box(page, i, box_at):
            continue
        holder = _text_object(page, i)
        if holder != text_object or holder is None:
            text_object = holder
            angle = _angle(page, i)
            # pdfium gives the angle in radians (0 to 2π; -1 when unknown); upright text has none.
            upright = angle < 1e-3 or angle > _FULL_TURN - 1e-3
            font_size = _font_size(page, i)
            size = 0.0
            if _char_matrix(page, i, matrix_at):
                size = font_size * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            plain = False
            if upright and size > 0 and _origin(page, i, x_at, y_at):
                descent = y.value - box.bottom
                plain = (
                    x.value == box.left
                    and box.top - box.bottom <= _BAD_SCALE * size
                    and _MARGIN < descent < 0.5 * size - _MARGIN
                )
                x0, x1, y0, y1 = _pdfminer_box(x.value, y.value, box, font_size, size)
            else:
                x0, x1, y0, y1 = box.left, box.right, box.bottom, box.top
        elif plain and box.top - box.bottom <= _BAD_SCALE * size:
            # What _pdfminer_box gives with the origin at the box's left and the descent unclamped.
            x0, y0 = box.left, box.bottom
            x1, y1 = max(box.right, x0), y0 + size
        elif upright and size > 0 and _origin(page, i, x_at, y_at):
            x0, x1, y0, y1 = _pdfminer_box(x.value, y.value, box, font_size, size)
        else:
            x0, x1, y0, y1 = box.left, box.right, box.bottom, box.top
        out.append(_new_char(Char, (chr(code), x0 - left, x1 - left, top - y1, top - y0, upright)))
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


_count_objects = _prototype(C.FPDFPage_CountObjects, _I, _P)
_object = _prototype(C.FPDFPage_GetObject, _P, _P, _I)
_count_form_objects = _prototype(C.FPDFFormObj_CountObjects, _I, _P)
_form_object = _prototype(C.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_object_type = _prototype(C.FPDFPageObj_GetType, _I, _P)
_object_matrix = _prototype(C.FPDFPageObj_GetMatrix, _I, _P, _P)
_count_segments = _prototype(C.FPDFPath_CountSegments, _I, _P)
_segment = _prototype(C.FPDFPath_GetPathSegment, _P, _P, _I)
_segment_point = _prototype(C.FPDFPathSegment_GetPoint, _I, _P, _P, _P)
_segment_type = _prototype(C.FPDFPathSegment_GetType, _I, _P)
_segment_close = _prototype(C.FPDFPathSegment_GetClose, _I, _P)
_draw_mode = _prototype(C.FPDFPath_GetDrawMode, _I, _P, _P, _P)
_stroke_color = _prototype(C.FPDFPageObj_GetStrokeColor, _I, _P, _P, _P, _P, _P)
_fill_color = _prototype(C.FPDFPageObj_GetFillColor, _I, _P, _P, _P, _P, _P)


def _matrix(obj: int) -> Matrix:
    m = C.FS_MATRIX()
    if not _object_matrix(obj, ctypes.addressof(m)):
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


def _objects(page: int) -> Iterator[tuple[int, Matrix]]:
    """Every path object of the page with the matrix that takes it to page space."""
    stack: list[tuple[int, bool, Matrix, int]] = [(page, True, _IDENTITY, 0)]
    while stack:
        holder, is_page, outer, depth = stack.pop()
        count = _count_objects(holder) if is_page else _count_form_objects(holder)
        for i in range(max(count, 0)):
            obj = _object(holder, i) if is_page else _form_object(holder, i)
            if not obj:
                continue
            kind = _object_type(obj)
            if kind == C.FPDF_PAGEOBJ_PATH:
                yield obj, _compose(_matrix(obj), outer)
            elif kind == C.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
                stack.append((obj, False, _compose(_matrix(obj), outer), depth + 1))


def _color(obj: int, stroke: bool) -> tuple[float, float, float] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    getter = _stroke_color if stroke else _fill_color
    if not getter(obj, *(ctypes.addressof(v) for v in (r, g, b, a))):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _subpaths(obj: int, matrix: Matrix) -> list[tuple[list[Point], bool, bool]]:
    """Each subpath as (points in page space, closed, has curves)."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    moveto, bezierto = C.FPDF_SEGMENT_MOVETO, C.FPDF_SEGMENT_BEZIERTO
    out: list[tuple[list[Point], bool, bool]] = []
    points: list[Point] = []
    closed = curved = False
    for i in range(max(_count_segments(obj), 0)):
        segment = _segment(obj, i)
        if not segment or not _segment_point(segment, x_at, y_at):
            continue
        kind = _segment_type(segment)
        if kind == moveto and points:
            out.append((points, closed, curved))
            points, closed, curved = [], False, False
        curved = curved or kind == bezierto
        px, py = x.value, y.value
        points.append((a * px + c * py + e, b * px + d * py + f))
        closed = closed or bool(_segment_close(segment))
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
    fill_at, stroke_at = ctypes.addressof(fill_mode), ctypes.addressof(stroke_flag)
    for obj, matrix in _objects(_address(page)):
        if not _draw_mode(obj, fill_at, stroke_at):
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
