"""Text lines of a PDF page outside its ruled tables, and the page furniture to leave out.

Lines are built from characters by their vertical position; each keeps its page and bbox. A page
number (`- 3 -`, `第 3 页`, `3/5`) in the top or bottom margin is furniture, not report text, and so
is a line repeated in the same margin on most pages (a running header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from .pdf_chars import Char

BBox = tuple[float, float, float, float]

_TOP_LEFT = attrgetter("top", "x0")
_LEFT = attrgetter("x0")

# Share of the page height at top and bottom where headers and footers live.
_MARGIN_SHARE = 0.1
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－~〜]*\s*\d{1,4}\s*[-–—－~〜]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_DIGITS = re.compile(r"\d+")
# How much taller than its tallest character a line may grow as characters join it.
_MAX_LINE_GROWTH = 1.5


@dataclass
class TextLine:
    page: int
    text: str
    bbox: BBox
    chars: list[Char] = field(default_factory=list, repr=False)

    @property
    def top(self) -> float:
        return self.bbox[1]


def text_lines(chars: list[Char], page_number: int, bounded: bool = False) -> list[TextLine]:
    """Characters grouped into lines, top to bottom, each line's characters left to right. With
    `bounded`, a line never grows much taller than its tallest character (a text layer's exact boxes:
    the lines of a label wrapped in its cell, each a little lower than the numbers beside it, stay
    lines of their own)."""
    upright = [c for c in chars if (c.upright and c.text.strip()) or c.text == " "]
    ordered = sorted(upright, key=_TOP_LEFT)
    while ordered and ordered[0].text == " ":
        ordered.pop(0)
    groups = _group_lines(ordered, bounded)
    lines: list[TextLine] = []
    for group in groups:
        group.sort(key=_LEFT)
        text = join_chars(group).strip()
        if not text:
            continue
        visible = [c for c in group if c.text.strip()]
        bbox = (
            round(min(c.x0 for c in visible), 2),
            round(min(c.top for c in visible), 2),
            round(max(c.x1 for c in visible), 2),
            round(max(c.bottom for c in visible), 2),
        )
        lines.append(TextLine(page_number, text.replace("\n", " "), bbox, visible))
    return lines


def join_chars(chars: list[Char]) -> str:
    """Characters (or OCR boxes) as text: lines top to bottom joined by newlines, each left to right,
    with a space where the gap between two pieces is wider than a quarter of their height."""
    lines = _group_lines(sorted(chars, key=_TOP_LEFT))
    out: list[str] = []
    for line in lines:
        line.sort(key=_LEFT)
        parts: list[str] = []
        for i, char in enumerate(line):
            if i and char.text != " " and parts[-1] != " ":
                gap = char.x0 - line[i - 1].x1
                if gap > 0.25 * max(char.bottom - char.top, 1.0):
                    parts.append(" ")
            parts.append(char.text)
        out.append("".join(parts))
    return "\n".join(out)


def _group_lines(ordered: list[Char], bounded: bool = False) -> list[list[Char]]:
    """Characters sorted top to bottom, grouped into lines: a character joins the line above when its
    middle lies within that line's extent (plus a fifth of its height) so far."""
    groups: list[list[Char]] = []
    line: list[Char] = []
    top = bottom = tallest = 0.0
    for char in ordered:
        char_top, char_bottom = char.top, char.bottom
        size = char_bottom - char_top
        if line:
            middle = (char_top + char_bottom) / 2
            reach = 0.2 * max(bottom - top, 1.0)
            grown = max(bottom, char_bottom) - min(top, char_top)
            fits = not bounded or grown <= _MAX_LINE_GROWTH * max(tallest, size, 1.0)
            if fits and top - reach <= middle <= bottom + reach:
                line.append(char)
                if char_top < top:
                    top = char_top
                if char_bottom > bottom:
                    bottom = char_bottom
                if size > tallest:
                    tallest = size
                continue
        line = [char]
        groups.append(line)
        top, bottom, tallest = char_top, char_bottom, size
    return groups


def _in_margin(line: TextLine, page_height: float) -> bool:
    return line.bbox[3] <= page_height * _MARGIN_SHARE or line.top >= page_height * (1 - _MARGIN_SHARE)


def is_page_number(line: TextLine, page_height: float) -> bool:
    return _in_margin(line, page_height) and bool(_PAGE_NUMBER.match(line.text.strip()))


def is_page_number_text(text: str) -> bool:
    """A line that is a page number however it is dressed (`—3—`, `第 3 页 共 5 页`), for text that has
    lost its page geometry (`pdftotext -layout`); a bare number is not taken for one."""
    text = text.strip()
    return bool(_PAGE_NUMBER.match(text)) and not text.isdigit()


def drop_furniture(pages: list[list[TextLine]], heights: list[float]) -> list[list[TextLine]]:
    """Pages without their page numbers and running headers/footers."""
    repeated: dict[str, int] = {}
    for lines, height in zip(pages, heights, strict=True):
        for key in {_furniture_key(ln.text) for ln in lines if _in_margin(ln, height)}:
            repeated[key] = repeated.get(key, 0) + 1
    running = {k for k, n in repeated.items() if len(pages) >= 3 and n >= max(2, len(pages) // 2 + 1)}
    kept: list[list[TextLine]] = []
    for lines, height in zip(pages, heights, strict=True):
        kept.append(
            [
                ln
                for ln in lines
                if not (
                    _in_margin(ln, height)
                    and (_PAGE_NUMBER.match(ln.text.strip()) or _furniture_key(ln.text) in running)
                )
            ]
        )
    return kept


def _furniture_key(text: str) -> str:
    # Page numbers inside a running header differ from page to page; the rest repeats.
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))
