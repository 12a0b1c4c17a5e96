"""Sentences and clauses of the report's prose, each knowing the section (and line) it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Location, Report
from .numerals import normalise_prose

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n")
CLAUSE_SPLIT = re.compile(r"[，,；;：:]")


@dataclass(frozen=True)
class Sentence:
    text: str
    section: str | None  # section key, None for the preamble or an unknown section
    where: Location | None

    def clauses(self) -> list[str]:
        return [c for c in CLAUSE_SPLIT.split(self.text) if c]


def sentences(report: Report) -> Iterator[Sentence]:
    """Every sentence of the preamble and the sections, normalised for number matching."""
    yield from _split(report.preamble, None, None)
    for section in report.sections:
        where = Location(line=section.line) if section.line else None
        yield from _split(section.text, section.key, where)


def _split(text: str, section: str | None, where: Location | None) -> Iterator[Sentence]:
    for raw in _SENTENCE_END.split(normalise_prose(text)):
        sentence = raw.strip()
        if sentence:
            yield Sentence(sentence, section, where)


def quote(sentence: Sentence, limit: int = 120) -> str:
    text = sentence.text if len(sentence.text) <= limit else sentence.text[:limit] + "…"
    return f"“{text}”"
