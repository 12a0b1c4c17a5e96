"""The shapes in which an edition of the form is written down as data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """A row of a table. A group row only heads sub-rows and carries no numbers of its own."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: bool = False
    parent: str | None = None


@dataclass(frozen=True)
class Block:
    """One captioned block of 表二 (a 第二十条第（N）项 item) with its own header row."""

    key: str
    caption: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class ActiveTable:
    """表二 主动公开政府信息情况."""

    title: str
    first_header: str
    blocks: tuple[Block, ...]

    def cells(self) -> dict[str, tuple[str, ...]]:
        return {row.key: tuple(c.key for c in block.columns) for block in self.blocks for row in block.rows}

    def block_of(self, row_key: str) -> Block:
        return next(b for b in self.blocks if any(r.key == row_key for r in b.rows))


@dataclass(frozen=True)
class ApplicationsTable:
    """表三 收到和处理政府信息公开申请情况: rows in form order, group rows included."""

    title: str
    note: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    header_labels: tuple[str, ...]

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.group)

    def cells(self) -> dict[str, tuple[str, ...]]:
        cols = tuple(c.key for c in self.columns)
        return {r.key: cols for r in self.data_rows}


@dataclass(frozen=True)
class ReviewTable:
    """表四 行政复议、行政诉讼情况: one data row of 15 cells in three groups."""

    title: str
    groups: tuple[Column, ...]
    columns: tuple[Column, ...]
    header_labels: tuple[str, ...]

    def cells(self) -> dict[str, tuple[str, ...]]:
        cols = tuple(c.key for c in self.columns)
        return {g.key: cols for g in self.groups}

    def ordered_cells(self) -> list[tuple[str, str]]:
        return [(g.key, c.key) for g in self.groups for c in self.columns]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edition:
    key: str
    form_name: str
    notice: str
    notice_number: str
    first_year: int
    last_year: int | None
    active: ActiveTable
    applications: ApplicationsTable
    review: ReviewTable
    sections: tuple[Section, ...]
    # Labels of 表二 that only this edition prints: they decide the edition of a parsed report.
    signature: tuple[str, ...] = field(default=())

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)
