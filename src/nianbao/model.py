"""The report model: the JSON contract `nianbao.report/1` (shared/spec/report-json.md) as typed data.

`Report.from_json(r.to_json()) == r` holds for every report: numbers keep their type (a count is an
int, a money amount a Decimal), blanks stay None, and nothing is lost.
"""

from __future__ import annotations

import bisect
import json
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    StrictInt,
    model_serializer,
)

SCHEMA = "nianbao.report/1"

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


def _decimal_to_json(value: Decimal) -> int | float:
    # JSON has one number type; an integral amount prints without a fraction, others exactly as read.
    return int(value) if value == value.to_integral_value() else float(value)


Amount = Annotated[Decimal, PlainSerializer(_decimal_to_json, when_used="json")]
CellValue = StrictInt | Amount | None
TableValues = dict[str, dict[str, CellValue]]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid", populate_by_name=True)


class Location(_Model):
    """Where a value or a finding sits in its source: page (1-based), line (1-based) and PDF bbox; for a
    finding also `label`, the place in words a person finds in any viewer (the heading it falls under and
    the table cell or the paragraph's first words: rules/locations.py)."""

    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    label: str | None = None

    @model_serializer(mode="wrap")
    def _drop_unknown(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}


class CellSource(Location):
    """Where a cell's value was read and the text seen there.

    `uncertain` marks a cell the reader saw but could not read with certainty (OCR whose readings of
    the same ink disagree, or that is unsure of a digit): its value is then null rather than a guess,
    `text` is what was read first and `candidates` the numbers the readings gave. Both fields are left
    out of the JSON when unset."""

    text: str
    uncertain: bool | None = None
    candidates: list[StrictInt | Amount] | None = None


PublishedOrigin = Literal["given", "document", "metadata"]


class Published(_Model):
    """When the report was published and how that is known: given by the user (`--published`), a date in
    the document (a 发布日期 line or the closing signature date), or the file's metadata."""

    date: date
    origin: PublishedOrigin
    where: Location | None = None


class Source(_Model):
    path: str
    sha256: str | None = None
    format: str
    pages: int | None = None
    ocr: bool = False
    published: Published | None = None


class Period(_Model):
    start: date
    end: date


class Contact(_Model):
    address: str | None = None
    postcode: str | None = None
    phone: list[str] = Field(default_factory=list)
    fax: list[str] = Field(default_factory=list)
    email: list[str] = Field(default_factory=list)
    url: list[str] = Field(default_factory=list)


# Where a run of `text` starts in the source: [offset into text, line, page] and, when the reader knows
# it, the bbox as four more numbers. One per source paragraph, so a sentence finds its own line or page.
Anchor = tuple[int, int | None, int | None] | tuple[int, int | None, int | None, float, float, float, float]


def anchor_at(anchors: list[Anchor], offset: int) -> Location | None:
    """The source location of the character at `offset` of a text with these anchors (None if unknown)."""
    index = bisect.bisect_right(anchors, offset, key=lambda anchor: anchor[0])  # anchors go by offset
    if index == 0:
        return None
    found = anchors[index - 1]
    bbox = (found[3], found[4], found[5], found[6]) if len(found) == 7 else None
    return Location(line=found[1], page=found[2], bbox=bbox)


class SectionEntry(_Model):
    key: str | None
    heading: str
    canonical: bool = False
    line: int | None = None
    text: str = ""
    anchors: list[Anchor] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _drop_no_anchors(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Sections built without a source (generated, typed in a workbook) keep their earlier JSON shape.
        data: dict[str, Any] = handler(self)
        if not data.get("anchors"):
            data.pop("anchors", None)
        return data


class Fee(_Model):
    charged: bool | None
    cases: int | None = None
    amount_yuan: Amount | None = None


class Finding(_Model):
    rule: str
    severity: Severity
    message: str
    cells: list[str] = Field(default_factory=list)
    where: Location | None = None


class Report(_Model):
    schema_: Literal["nianbao.report/1"] = Field(default="nianbao.report/1", alias="schema")
    source: Source
    organ: str | None = None
    year: int | None = None
    edition: Literal["E2019", "E2021", "legacy"] | None = None
    # How the edition was decided: by the tables' signature, or only by the year (spec §1.1).
    edition_source: Literal["signature", "year_fallback"] | None = None
    title: str | None = None
    period: Period | None = None
    contact: Contact = Field(default_factory=Contact)
    preamble: str = ""
    preamble_anchors: list[Anchor] = Field(default_factory=list)
    sections: list[SectionEntry] = Field(default_factory=list)
    tables: dict[str, TableValues] = Field(default_factory=dict)
    fee: Fee | None = None
    findings: list[Finding] = Field(default_factory=list)
    provenance: dict[str, CellSource] = Field(default_factory=dict)

    def cell(self, table: str, row: str, col: str) -> CellValue:
        return self.tables.get(table, {}).get(row, {}).get(col)

    def cell_or_zero(self, table: str, row: str, col: str) -> int:
        """A cell as a count, a blank read as 0: the form's arithmetic counts blanks as 0 (spec §5), and
        rule G-BLANK reports them."""
        value = self.cell(table, row, col)
        return int(value) if value is not None else 0

    def cell_values(self) -> dict[str, CellValue]:
        """Every table cell by its path (`applications.new_received.total`), in table order."""
        return {
            cell_path(table, row, col): value
            for table, rows in self.tables.items()
            for row, cols in rows.items()
            for col, value in cols.items()
        }

    def uncertain_cells(self) -> set[str]:
        """Paths of the cells the reader could not read with certainty (their value is None)."""
        return {path for path, source in self.provenance.items() if source.uncertain}

    def has_cell(self, table: str, row: str, col: str) -> bool:
        return col in self.tables.get(table, {}).get(row, {})

    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Report:
        # Money amounts come back as Decimal exactly as written, not through a binary float.
        raw = json.loads(data, parse_float=Decimal) if isinstance(data, str | bytes) else data
        return cls.model_validate(raw)


def cell_path(table: str, row: str, col: str) -> str:
    return f"{table}.{row}.{col}"
