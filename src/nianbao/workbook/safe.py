"""Text that looks like a formula never becomes one in a spreadsheet written by nianbao.

Organ names, file names, messages and what people typed reach XLSX and CSV files; a value starting with
= + - @ (or a tab or carriage return) would be run as a formula by Excel or WPS when the file is opened
(CSV injection). In XLSX such text is stored as a text cell (exactly as written, never evaluated); in
CSV, where a cell has no type, it gets a leading apostrophe, which spreadsheet programs hide and which
`unquoted` removes when nianbao reads the file back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_text(value: Any) -> Any:
    """A value for a CSV cell: formula-looking text quoted with a leading apostrophe."""
    return "'" + value if looks_like_formula(value) else value


def unquoted(text: str) -> str:
    """Text read back from a CSV nianbao wrote: the apostrophe `csv_text` added removed."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def set_cell(cell: Cell | MergedCell, value: Any) -> Cell | MergedCell:
    """Write a value into an XLSX cell; formula-looking text is kept as text, never evaluated."""
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
    return cell


def write_only_row(sheet: Worksheet, values: list[Any]) -> list[Any]:
    """A row for a write-only sheet with formula-looking text stored as text cells."""
    from openpyxl.cell.cell import WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if looks_like_formula(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row
