"""A filled-in workbook back to a Report, through the cell map the template left in it.

A formula cell is taken at the value a spreadsheet program saved with it; a workbook written by a
program that does not calculate (openpyxl, a script) has none, so the template's own formulas (sums
of cells) are evaluated here. Anything else that is not a number stops the reading with the cell named.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from ..editions import get
from ..editions.titles import report_title
from ..extract.values import read_cell
from ..model import CellValue, Contact, Fee, Period, Report, SectionEntry, Source, TableValues
from ..readers import ReadError
from . import labels
from .template import MAP_SHEET

_SUM = re.compile(r"^SUM\(([A-Z]+\d+):([A-Z]+\d+)\)$")
_REF = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")
_SPLIT = re.compile(r"[、,，;；\s]+")


class _Cells:
    """Cell values of one workbook, with the template's formulas evaluated where no value was saved."""

    def __init__(self, formulas: Workbook, values: Workbook, path: str) -> None:
        self.formulas, self.values, self.path = formulas, values, path

    def raw(self, sheet: str, coordinate: str, depth: int = 0) -> Any:
        saved = self.values[sheet][coordinate].value
        written = self.formulas[sheet][coordinate].value
        if not (isinstance(written, str) and written.startswith("=")):
            return saved if saved is not None else written
        formula = written[1:].replace(" ", "").upper()
        if self._over_blanks(sheet, formula, depth):
            # A total of cells nobody filled in is blank too (a spreadsheet program saves it as 0).
            return None
        if saved is not None:
            return saved
        return self._evaluate(sheet, coordinate, formula, depth)

    def _over_blanks(self, sheet: str, formula: str, depth: int) -> bool:
        """True when the formula is one of the template's (sums of cells) and every cell it adds is blank."""
        if depth > 8:
            return False
        for term in formula.split("+"):
            refs = self._refs(term)
            if refs is None:
                return False
            if any(self.raw(sheet, ref, depth + 1) not in (None, "") for ref in refs):
                return False
        return True

    def _evaluate(self, sheet: str, coordinate: str, formula: str, depth: int) -> int | Decimal:
        if depth > 8:
            raise ReadError(self.path, f"“{sheet}”工作表 {coordinate} 单元格的公式引用层次过深，无法计算")
        total: int | Decimal = 0
        for term in formula.split("+"):
            refs = self._refs(term)
            if refs is None:
                raise ReadError(
                    self.path,
                    f"“{sheet}”工作表 {coordinate} 单元格的公式“={formula}”无法计算；"
                    "请用 Excel 或 WPS 打开并保存一次，或直接填写数字",
                )
            for ref in refs:
                value = self.raw(sheet, ref, depth + 1)
                number = _number(value, decimal=True)
                if number is None and value not in (None, ""):
                    raise ReadError(self.path, f"“{sheet}”工作表 {ref} 单元格“{value}”不是数字")
                total += number or 0
        return total

    @staticmethod
    def _refs(term: str) -> list[str] | None:
        ref = _REF.match(term)
        if ref:
            return [f"{ref.group(1)}{ref.group(2)}"]
        whole = _SUM.match(term.replace("$", ""))
        if not whole:
            return None
        min_col, min_row, max_col, max_row = range_boundaries(f"{whole.group(1)}:{whole.group(2)}")
        assert min_col is not None and min_row is not None and max_col is not None and max_row is not None
        return [
            f"{get_column_letter(c)}{r}"
            for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)
        ]


def _number(value: Any, decimal: bool) -> CellValue:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and not decimal else value
    if isinstance(value, float):
        as_decimal = Decimal(repr(value))
        if value.is_integer() and not decimal:
            return int(value)
        return as_decimal
    if isinstance(value, str):
        return read_cell(value).value
    return None


def read_workbook(path: str | Path, data: bytes | None = None) -> Report:
    """A filled-in workbook at `path` (or held in `data`, `path` then only names it) as a Report."""
    name = str(path)
    try:
        formulas = load_workbook(BytesIO(data) if data is not None else path, data_only=False)
        values = load_workbook(BytesIO(data) if data is not None else path, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(name, f"无法打开 Excel 工作簿（{exc}）") from exc
    if MAP_SHEET not in formulas.sheetnames:
        raise ReadError(
            name, "这不是 nianbao template 生成的填报表（缺少隐藏的对照表），请用 nianbao template 重新生成"
        )
    rows = [tuple(c.value for c in row) for row in formulas[MAP_SHEET].iter_rows(max_col=3)]
    edition = get(str(rows[0][1]))
    cells = _Cells(formulas, values, name)
    where = {str(key): (str(sheet), str(coord)) for key, sheet, coord in rows[1:] if key}
    info = {k[5:]: cells.raw(*v) for k, v in where.items() if k.startswith("info.")}
    texts = {k[5:]: _text(cells.raw(*v)) for k, v in where.items() if k.startswith("text.")}
    tables: dict[str, TableValues] = {}
    for key, (sheet, coordinate) in where.items():
        if key.startswith(("info.", "text.")):
            continue
        table, row, col = key.split(".")
        raw = cells.raw(sheet, coordinate)
        value = _number(raw, decimal=col in labels.AMOUNT_COLUMNS)
        if value is None and raw not in (None, "") and not read_cell(str(raw)).is_value:
            raise ReadError(name, f"“{sheet}”工作表 {coordinate} 单元格“{raw}”不是数字")
        tables.setdefault(table, {}).setdefault(row, {})[col] = value
    year = _year(info.get("year"), name)
    organ = _text(info.get("organ")) or None
    return Report(
        source=Source(path=name, format="xlsx"),
        organ=organ,
        year=year,
        edition=edition.key,  # type: ignore[arg-type]
        edition_source="signature",
        title=report_title(organ or "", year),
        period=_period(info, name),
        contact=Contact(
            address=_text(info.get("address")) or None,
            postcode=_text(info.get("postcode")) or None,
            phone=_list(info.get("phone")),
            fax=_list(info.get("fax")),
            email=_list(info.get("email")),
            url=_list(info.get("url")),
        ),
        preamble=texts.get("preamble", ""),
        sections=[
            SectionEntry(key=s.key, heading=s.heading, canonical=True, text=texts.get(s.key, ""))
            for s in edition.sections
        ],
        tables=tables,
        fee=_fee(info),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _list(value: Any) -> list[str]:
    return [part for part in _SPLIT.split(_text(value)) if part]


def _year(value: Any, path: str) -> int:
    number = _number(value, decimal=False)
    if not isinstance(number, int):
        raise ReadError(path, f"“{labels.INFO_SHEET}”中的报告年度“{value}”不是年份")
    return number


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.match(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$", _text(value))
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _period(info: dict[str, Any], path: str) -> Period | None:
    start, end = _date(info.get("period_start")), _date(info.get("period_end"))
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise ReadError(path, f"“{labels.INFO_SHEET}”中的统计期限起止日期不完整或格式不对（应为 年-月-日）")
    return Period(start=start, end=end)


def _fee(info: dict[str, Any]) -> Fee | None:
    answer = _text(info.get("fee_charged"))
    if not answer:
        return None
    charged = answer.startswith(labels.YES)
    cases = _number(info.get("fee_cases"), decimal=False)
    amount = _number(info.get("fee_amount"), decimal=True)
    try:
        amount_yuan = Decimal(amount) if amount is not None else None
    except InvalidOperation:
        amount_yuan = None
    return Fee(charged=charged, cases=cases if isinstance(cases, int) else None, amount_yuan=amount_yuan)
