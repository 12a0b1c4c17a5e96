"""Document: what every reader produces and extraction consumes — text lines and table grids in
reading order, each piece with the place it came from. Readers know formats, not the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .model import Location


@dataclass
class Cell:
    text: str
    where: Location
    colspan: int = 1
    rowspan: int = 1
    # The reader could not read the cell with certainty (OCR readings that disagree, or an unsure
    # digit): `text` is its first reading and `candidates` every distinct reading. Extraction then
    # keeps the value out (None) and marks the cell, rather than guess.
    uncertain: bool = False
    candidates: tuple[str, ...] = ()
    # Reads the cell again more carefully and gives its readings (OCR; None for other readers). A
    # cell that breaks an identity of the form is read again before anything is reported about it.
    reread: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)


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
    # When the file's metadata says it was made or published, most telling first (readers/file_metadata.py).
    metadata_dates: list[date] = field(default_factory=list)
    # Titles the file gives outside its text (a web page's headline, ArticleTitle meta, <title>), best first:
    # used when the document prints no title of its own (readers/file_metadata.py, readers/html.py).
    metadata_titles: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
