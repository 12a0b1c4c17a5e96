"""Sentences and clauses of the report's prose, each knowing its section and the source line or page it
starts on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..chinese.numerals import normalise_prose
from ..model import Anchor, Location, Report, SectionEntry, anchor_at

# A sentence runs to its end mark or the end of its line; the end mark stays with it.
_SENTENCE = re.compile(r"[^\n。！？!?；;]+[。！？!?；;]?|[。！？!?；;]")
CLAUSE_SPLIT = re.compile(r"[，,；;：:]")


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str | None  # section key, None for the preamble or an unknown section
    where: Location | None

    def clauses(self) -> list[str]:
        return list(_clauses(self.text))


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[str, ...]:
    return tuple(c for c in CLAUSE_SPLIT.split(text) if c)


def sentences(report: Report) -> Iterator[Sentence]:
    """Every sentence of the preamble and the sections, normalised for number matching, each located at
    the source paragraph it starts in (the section heading when the paragraphs' places are not known)."""
    global _last
    content = _content(report)
    if _last is None or _last[0] != content:
        _last = (content, tuple(_all_sentences(report)))
    return iter(_last[1])


# About twenty rules read every sentence of a report, so the split is done once per report. The cache
# is keyed by everything the split reads (texts, anchors, section keys and lines), never by object
# identity, so a changed or another report can never get stale sentences.
_last: tuple[object, tuple[Sentence, ...]] | None = None


def _content(report: Report) -> object:
    return (
        report.preamble,
        tuple(report.preamble_anchors),
        tuple((s.key, s.line, s.text, tuple(s.anchors)) for s in report.sections),
    )


def _all_sentences(report: Report) -> Iterator[Sentence]:
    yield from _split(report.preamble, report.preamble_anchors, None, None)
    for section in report.sections:
        yield from _split(section.text, section.anchors, section.key, section_location(section))


def section_location(section: SectionEntry) -> Location | None:
    """The heading's line, or where the section's body starts when lines are not known (PDF)."""
    return Location(line=section.line) if section.line else anchor_at(section.anchors, 0)


def locate_text(report: Report, needle: str) -> Location | None:
    """Where the first occurrence of `needle` in the preamble or a section's text came from."""
    if needle in report.preamble:
        return anchor_at(report.preamble_anchors, report.preamble.index(needle))
    for section in report.sections:
        if needle in section.text:
            return anchor_at(section.anchors, section.text.index(needle)) or section_location(section)
    return None


def _split(
    text: str, anchors: list[Anchor], section: str | None, fallback: Location | None
) -> Iterator[Sentence]:
    # Split before normalising: normalising removes characters, and offsets must be the source's.
    for match in _SENTENCE.finditer(text):
        raw = match.group(0)
        sentence = normalise_prose(raw).strip()
        if sentence:
            start = match.start() + len(raw) - len(raw.lstrip())
            yield Sentence(sentence, section, anchor_at(anchors, start) or fallback)


def quote(sentence: Sentence, limit: int = 120) -> str:
    text = sentence.text if len(sentence.text) <= limit else sentence.text[:limit] + "…"
    return f"“{text}”"
