"""Document: what every reader produces and extraction consumes — text lines and table grids in
reading order, each piece with the place it came from. Readers know formats, not the form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Location


@dataclass
class Cell:
    text: str
    where: Location
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Paragraph:
    text: str
    where: Location


@dataclass
class Table:
    """A grid as printed. A merged cell appears once, in the first row and column it covers."""

    rows: list[list[Cell]]


Block = Paragraph | Table


@dataclass
class Document:
    path: str
    format: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    ocr: bool = False
    # When the file's metadata says it was made or published, most telling first (readers/metadata.py).
    metadata_dates: list[date] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
