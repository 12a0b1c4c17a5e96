"""Top-level sections: found by their titles, never by a bare numeral (spec §8 P-04…P-06)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Paragraph
from ..editions import Edition, LabelIndex, label_key
from ..editions.form import Section
from ..model import Anchor, Location, SectionEntry

_NUMERALS = "一二三四五六七八九十"
_SPACE = re.compile(r"\s+")
_HEADING = re.compile(rf"^([{_NUMERALS}]+)、(.+)$")
# An unknown heading is a short line without sentence punctuation.
_MAX_HEADING_CHARS = 30
_SENTENCE_END = ("。", "；", ";", "，", ",")
_MIN_CUT_LINE = 15
_TERMINAL = ("。", "；", "：", "！", "？", "”", "）", ")", ":", ";", "!", "?")


@dataclass
class _Heading:
    paragraph_index: int
    entry: SectionEntry


def _numeral_value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _NUMERALS.index(numeral[1]) + 1
    return _NUMERALS.index(numeral[0]) + 1


def find_sections(paragraphs: list[Paragraph], edition: Edition) -> tuple[list[SectionEntry], int]:
    """The sections found, and the index of the first heading (what precedes it is the preamble)."""
    index = LabelIndex((s, (s.heading, *s.variants)) for s in edition.sections)
    canonical = {label_key(s.heading) for s in edition.sections}
    headings: list[_Heading] = []
    expected = 1
    for i, para in enumerate(paragraphs):
        text = label_key(para.text)
        match = _HEADING.match(text)
        if not match:
            continue
        numeral, title = match.groups()
        if len(numeral) > 2 or any(ch not in _NUMERALS for ch in numeral):
            continue
        found = index.match(title)
        known: Section | None = found.target if found else None
        if known is None and not _looks_like_unknown_heading(title, numeral, expected):
            continue
        if known is not None and any(h.entry.key == known.key for h in headings):
            continue
        heading = _SPACE.sub("", para.text)
        entry = SectionEntry(
            key=known.key if known else None,
            heading=heading,
            canonical=known is not None and label_key(heading) in canonical,
            line=para.where.line,
        )
        headings.append(_Heading(i, entry))
        expected = _numeral_value(numeral) + 1
    for n, h in enumerate(headings):
        end = headings[n + 1].paragraph_index if n + 1 < len(headings) else len(paragraphs)
        h.entry.text, h.entry.anchors = join_body_anchored(paragraphs[h.paragraph_index + 1 : end])
    start = headings[0].paragraph_index if headings else len(paragraphs)
    return [h.entry for h in headings], start


def _looks_like_unknown_heading(title: str, numeral: str, expected: int) -> bool:
    return (
        _numeral_value(numeral) == expected
        and len(title) <= _MAX_HEADING_CHARS
        and not title.endswith(_SENTENCE_END)
    )


def join_body(paragraphs: list[Paragraph]) -> str:
    """Body text with lines broken by page breaks joined again (spec §8 P-18)."""
    return join_body_anchored(paragraphs)[0]


def join_body_anchored(paragraphs: list[Paragraph]) -> tuple[str, list[Anchor]]:
    """The joined body text and, for each source paragraph in it, where its text starts and came from."""
    parts: list[str] = []
    anchors: list[Anchor] = []
    length = 0  # length of "\n".join(parts) so far
    for para in paragraphs:
        text = para.text.strip()
        # Only a long unfinished line was cut by a page break; a short one is a sub-heading.
        if (
            parts
            and not parts[-1].endswith(_TERMINAL)
            and len(parts[-1].rsplit("\n", 1)[-1]) >= _MIN_CUT_LINE
        ):
            offset = length
            parts[-1] += text
        else:
            offset = length + 1 if parts else 0
            parts.append(text)
        length = offset + len(text)
        if text and (anchor := _anchor(offset, para.where)) is not None:
            anchors.append(anchor)
    return "\n".join(parts), anchors


def _anchor(offset: int, where: Location) -> Anchor | None:
    if where.line is None and where.page is None:
        return None
    if where.bbox is None:
        return (offset, where.line, where.page)
    return (offset, where.line, where.page, *where.bbox)
