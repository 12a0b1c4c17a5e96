"""Top-level sections: found by their titles, never by a bare numeral (spec §8 P-04…P-06)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chinese.marks import HEADING_NUMERALS, squash
from ..chinese.numerals import chinese_to_int
from ..document import Paragraph
from ..editions import Edition, LabelIndex, label_key
from ..editions.common import HEADING_QUALIFIERS
from ..editions.form import LegacyEdition, Section
from ..model import Anchor, Location, SectionEntry

_HEADING = re.compile(rf"^([{HEADING_NUMERALS}]+)、(.+)$")
# An unknown heading is a short line without sentence punctuation.
_MAX_HEADING_CHARS = 30
_SENTENCE_END = ("。", "；", ";", "，", ",")
_MIN_CUT_LINE = 15
_TERMINAL = ("。", "；", "：", "！", "？", "”", "）", ")", ":", ";", "!", "?")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
_QUALIFIER = re.compile(rf"^(?:{'|'.join(sorted(HEADING_QUALIFIERS, key=len, reverse=True))})")


class SectionMatcher:
    """Which section of an edition a heading's title names: by its exact wording or a known variant, then by
    the same once qualifiers are removed (`政府信息公开工作存在的主要问题…` → `存在的主要问题…`), then by the
    edition's patterns for the wordings offices use. A title two sections' patterns fit names neither."""

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self._index = LabelIndex((s, (s.heading, *s.variants)) for s in sections)
        self._patterns = [(s, [re.compile(p) for p in s.patterns]) for s in sections]

    def match(self, title: str) -> Section | None:
        found = self._index.match(title)
        if found is not None:
            return found.target
        plain = unqualified(title)
        if not plain or len(plain) > _MAX_HEADING_CHARS or plain.endswith(_SENTENCE_END):
            return None
        found = self._index.match(plain)
        if found is not None:
            return found.target
        fits = [section for section, patterns in self._patterns if any(p.search(plain) for p in patterns)]
        return fits[0] if len(fits) == 1 else None


def unqualified(title: str) -> str:
    """A heading's title key without a leading year and the topic words offices put first."""
    key = _LEADING_YEAR.sub("", label_key(title))
    while (stripped := _QUALIFIER.sub("", key, count=1)) != key:
        key = _LEADING_YEAR.sub("", stripped)
    return key


@dataclass
class _Heading:
    paragraph_index: int
    entry: SectionEntry


def find_sections(
    paragraphs: list[Paragraph], edition: Edition | LegacyEdition
) -> tuple[list[SectionEntry], int]:
    """The sections found, and the index of the first heading (what precedes it is the preamble)."""
    matcher = SectionMatcher(edition.sections)
    canonical = {label_key(s.heading) for s in edition.sections}
    headings: list[_Heading] = []
    expected = 1
    for i, para in enumerate(paragraphs):
        text = label_key(para.text)
        match = _HEADING.match(text)
        if not match:
            continue
        numeral, title = match.groups()
        if len(numeral) > 2:
            continue
        known = matcher.match(title)
        if known is None and not _looks_like_unknown_heading(title, numeral, expected):
            continue
        if known is not None and any(h.entry.key == known.key for h in headings):
            continue
        heading = squash(para.text)
        entry = SectionEntry(
            key=known.key if known else None,
            heading=heading,
            canonical=known is not None and label_key(heading) in canonical,
            line=para.where.line,
        )
        headings.append(_Heading(i, entry))
        expected = _heading_number(numeral) + 1
    for n, h in enumerate(headings):
        end = headings[n + 1].paragraph_index if n + 1 < len(headings) else len(paragraphs)
        h.entry.text, h.entry.anchors = join_body_anchored(paragraphs[h.paragraph_index + 1 : end])
    start = headings[0].paragraph_index if headings else len(paragraphs)
    return [h.entry for h in headings], start


def _heading_number(numeral: str) -> int:
    return chinese_to_int(numeral) or 0


def _looks_like_unknown_heading(title: str, numeral: str, expected: int) -> bool:
    return (
        _heading_number(numeral) == expected
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
