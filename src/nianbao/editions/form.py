"""The shapes in which an edition of the form is written down as data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# The keys of the form's three tables in a Report (`tables.applications.r_granted.natural`, spec report-json).
ACTIVE = "active"
APPLICATIONS = "applications"
REVIEW = "review_litigation"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """A row of a table. A group row only heads sub-rows and carries no numbers of its own; a total row
    is the sum of the other rows under its parent."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: bool = False
    parent: str | None = None
    total: bool = False


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
    key: str = ACTIVE
    # How people and rule messages name the table, and the section that prints it.
    name: str = "表二"
    section: str = "s2_active"

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
    # The group row whose rows are the outcomes of the year's applications (三、本年度办理结果).
    results: str
    key: str = APPLICATIONS
    name: str = "表三"
    section: str = "s3_requests"
    # The tree walked once (rules ask for it on every report): each row's leaves, the outcomes.
    _leaves: dict[str, tuple[Row, ...]] = field(init=False, repr=False, compare=False)
    _outcomes: tuple[Row, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_leaves", {row.key: self._walk(row.key) for row in self.rows})
        outcomes = tuple(r for r in self.rows if r.parent == self.results and not r.total)
        object.__setattr__(self, "_outcomes", outcomes)

    def _walk(self, key: str) -> tuple[Row, ...]:
        row = next(r for r in self.rows if r.key == key)
        if not row.group:
            return (row,)
        return tuple(leaf for child in self.rows if child.parent == key for leaf in self._walk(child.key))

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.group)

    def cells(self) -> dict[str, tuple[str, ...]]:
        cols = tuple(c.key for c in self.columns)
        return {r.key: cols for r in self.data_rows}

    def leaves(self, key: str) -> tuple[Row, ...]:
        """The data rows under a row, at any depth, in form order; a data row is its own leaf."""
        return self._leaves[key]

    @property
    def outcomes(self) -> tuple[Row, ...]:
        """The kinds of result (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理): the rows under
        the results group other than its total."""
        return self._outcomes

    @property
    def result_leaves(self) -> tuple[Row, ...]:
        """The data rows whose counts add up to the results' total, in form order."""
        return tuple(leaf for outcome in self.outcomes for leaf in self.leaves(outcome.key))

    def outcome_of(self, key: str) -> Row | None:
        """The kind of result a row counts toward (itself or the outcome it sits under), if any."""
        for outcome in self.outcomes:
            if key == outcome.key or any(leaf.key == key for leaf in self.leaves(outcome.key)):
                return outcome
        return None

    def result_rows(self, present: Iterable[str]) -> list[str]:
        """Of the rows a report has (in its order), those that add up to the results' total: each outcome's
        leaves where the report has them, else the outcome's own row (a group printed as one row, as E2021
        reports that keep the 2019 single （六）其他处理 row do)."""
        keys = list(present)
        have = set(keys)
        counted: set[str] = set()
        for outcome in self.outcomes:
            leaves = {leaf.key for leaf in self.leaves(outcome.key)} & have
            counted |= leaves or ({outcome.key} & have)
        return [k for k in keys if k in counted]


@dataclass(frozen=True)
class ReviewTable:
    """表四 行政复议、行政诉讼情况: one data row of 15 cells in three groups."""

    title: str
    groups: tuple[Column, ...]
    columns: tuple[Column, ...]
    header_labels: tuple[str, ...]
    key: str = REVIEW
    name: str = "表四"
    section: str = "s4_review_litigation"

    @property
    def litigation_groups(self) -> tuple[Column, ...]:
        """The groups under 行政诉讼 (the second header): every group after 行政复议."""
        return self.groups[1:]

    def cells(self) -> dict[str, tuple[str, ...]]:
        cols = tuple(c.key for c in self.columns)
        return {g.key: cols for g in self.groups}

    def ordered_cells(self) -> list[tuple[str, str]]:
        return [(g.key, c.key) for g in self.groups for c in self.columns]


@dataclass(frozen=True)
class Section:
    """A top-level section: its heading, variants seen verbatim, and patterns (regular expressions over
    the heading's key without its numeral, a leading year and topic qualifiers) for the wordings in use."""

    key: str
    heading: str
    variants: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edition:
    key: str
    # How people call the edition: `2019版`.
    short_name: str
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

    @property
    def display_name(self) -> str:
        """`2019版格式（试行，国办公开办函〔2019〕60号）`: the edition as a person is shown it."""
        trial = "试行，" if self.form_name.endswith("（试行）") else ""
        return f"{self.short_name}格式（{trial}{self.notice_number}）"

    @property
    def tables(self) -> tuple[ActiveTable | ApplicationsTable | ReviewTable, ...]:
        """表二, 表三 and 表四 in form order."""
        return (self.active, self.applications, self.review)


@dataclass(frozen=True)
class Indicator:
    """One row of a pre-2019 statistics table: a count or an amount in a fixed unit. A group row only heads
    the rows under it; a row with a number may head rows too (`其中：…`, 行政复议数量 and its outcomes)."""

    key: str
    label: str
    unit: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    group: bool = False


@dataclass(frozen=True)
class StatisticsTable:
    """The statistics table reports attached before 2019: one indicator per row, its unit, its number."""

    title: str
    label_headers: tuple[str, ...]
    unit_headers: tuple[str, ...]
    value_headers: tuple[str, ...]
    indicators: tuple[Indicator, ...]

    # Where a report keeps the table's figures: tables[key][indicator][column].
    key: str = "statistics"
    column: str = "value"

    @property
    def data_rows(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if not i.group)

    def amounts(self, unit: str) -> frozenset[str]:
        """The indicators counted in `unit` (the money rows, in 万元)."""
        return frozenset(i.key for i in self.indicators if i.unit == unit)


@dataclass(frozen=True)
class LegacyEdition:
    """Reports of the years under the 2008 条例 (国务院令第492号): no national format, its own deadline."""

    key: str
    law: str
    last_year: int
    # Month and day of year Y+1 by which every organ published its report for year Y, and the article.
    deadline: tuple[int, int]
    deadline_article: str
    sections: tuple[Section, ...]
    statistics: StatisticsTable

    def applies_to(self, year: int) -> bool:
        return year <= self.last_year
