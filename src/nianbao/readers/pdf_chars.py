"""The one record of a character on a page, shared by every PDF and OCR builder.

pdfium (pdf_pdfium), pdfplumber (pdf.py's fallback) and the OCR reader all hand their characters (or
recognised text boxes) to the same grid and line builders (pdf_grid, pdf_text, pdf_columns) as `Char`:
a named tuple, small and typed, in points from the top left of the page (pixels for image files).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    # False for a character set at an angle (vertical or rotated text): lines are built from the upright ones.
    upright: bool = True


def plumber_chars(chars: Iterable[Mapping[str, Any]]) -> list[Char]:
    """pdfplumber's character dicts as Chars."""
    return [
        Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], bool(c.get("upright", True))) for c in chars
    ]
