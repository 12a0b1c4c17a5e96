"""Reading one table cell as a number: a count, a signed change or a money amount."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..chinese.marks import DASHES
from ..chinese.numerals import CELL_UNITS
from ..editions.labels import label_key

_NUMBER = re.compile(rf"^([+-]?)(\d+(?:\.\d+)?)({'|'.join(CELL_UNITS)})?$")


@dataclass(frozen=True)
class CellReading:
    """What a cell holds: a number, a deliberate blank, or text that is no number."""

    value: int | Decimal | None
    is_value: bool  # a number or a blank: something a value column may hold
    unit: str | None = None


@lru_cache(maxsize=4096)
def read_cell(text: str) -> CellReading:
    """What a cell's text holds (memoised: tables repeat the same few texts, `0` above all)."""
    key = label_key(unicodedata.normalize("NFKC", text)).replace(",", "")
    if not key or key in DASHES:
        return CellReading(None, True)
    match = _NUMBER.match(key)
    if not match:
        return CellReading(None, False)
    sign, digits, unit = match.groups()
    number: int | Decimal = Decimal(digits) if "." in digits else int(digits)
    return CellReading(-number if sign == "-" else number, True, unit)


def candidate_values(readings: Iterable[str]) -> list[int | Decimal]:
    """The distinct numbers among a cell's readings, in reading order (readings that are no number
    or a blank are left out)."""
    values: list[int | Decimal] = []
    for text in readings:
        value = read_cell(text).value
        if value is not None and value not in values:
            values.append(value)
    return values
