"""The 台账 as a spreadsheet: read an office's own CSV or XLSX (all or nothing), write the fill-in
workbook (`nianbao ledger template`) and export the ledger in the same columns.

A file is read whole before anything is stored: every bad row is named by its line as Excel shows it
(the header is row 1) with all its problems, and one bad row refuses the file. Columns are found by
header name in any order (extra columns ignored); other header names map through a mapping file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from ..editions import edition_for_year
from ..editions.labels import core_key
from ..editions.outcomes import BASES, FEE_UNPAID, OTHER_ENDING, all_outcome_keys, outcome_label, outcome_row
from ..readers.decode import decode_text
from ..workbook.safe import csv_text, set_cell, unquoted
from .cases import (
    Case,
    ConsultationEnded,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Event,
    Extended,
    FeeNotified,
    FeePaid,
    Replied,
    Withdrawn,
)
from .clock import Status
from .parsing import (
    ValueProblem,
    optional_date,
    parse_applicant_type,
    parse_date,
    parse_extension,
    parse_outcome,
)
from .words import APPLICANT_TYPES, STATES

# The columns of the 台账 (issue 12 item 8), in the template's order: field → header.
HEADERS = {
    "number": "编号",
    "applicant": "申请人",
    "applicant_type": "申请人类型",
    "received": "收到日期",
    "request": "申请内容",
    "correction_requested": "补正告知日期",
    "correction_received": "补正收到日期",
    "consultation_start": "征求意见开始日期",
    "consultation_end": "征求意见结束日期",
    "extension": "延期",
    "replied": "答复日期",
    "outcome": "办理结果",
    "fee": "收费金额（元）",
}
REQUIRED = ("number", "applicant", "applicant_type", "received")
# Columns an export adds after the 台账's own (computed; ignored when the file is read back).
COMPUTED = {"state": "状态", "due": "答复期限", "overdue": "是否超期"}
IMPORTED_APPROVER = "（台账导入）"
SHEET = "台账"
LISTS_SHEET = "_lists"
TEMPLATE_ROWS = 1000


class ImportRefused(ValueError):
    """The file was not stored; `problems` lists (Excel line, reasons) for every bad row."""

    def __init__(self, path: str, problems: list[tuple[int, list[str]]], header: str = "") -> None:
        self.path = path
        self.problems = problems
        lines = "、".join(str(line) for line, _ in problems)
        text = header or f"{path}：{len(problems)}行有误（第{lines}行），整个文件未导入"
        super().__init__(text)

    def details(self) -> list[str]:
        return [f"第{line}行：{'；'.join(reasons)}" for line, reasons in self.problems]


def load_mapping(path: Path) -> dict[str, str]:
    """Their header → ours, from YAML/JSON (`受理编号: 编号`) or a two-column CSV."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        rows = [r for r in csv.reader(io.StringIO(text)) if len(r) >= 2]
        return {r[0].strip(): r[1].strip() for r in rows}
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueProblem(f"{path}：对照表应为“原表头: 标准表头”的形式")
    return {str(k).strip(): str(v).strip() for k, v in data.items()}


def read_rows(path: Path) -> list[list[Any]]:
    """The cells of the file's first sheet (or the sheet named 台账), rows as lists; row 0 = Excel row 1."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = load_workbook(path, data_only=True, read_only=True)
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    decoded = decode_text(path.read_bytes())
    if decoded is None:
        raise ValueProblem(f"{path}：不是文本格式的 CSV 文件，也不是 XLSX 工作簿")
    return [list(r) for r in csv.reader(io.StringIO(decoded[0]))]


@dataclass(frozen=True)
class Parsed:
    cases: list[Case]
    lines: dict[str, int]  # 编号 → Excel line


def _columns(header: Sequence[Any], mapping: dict[str, str]) -> dict[str, int]:
    wanted = {core_key(h): f for f, h in HEADERS.items()}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = str(cell or "").strip()
        name = mapping.get(name, name)
        field = wanted.get(core_key(name))
        if field is not None and field not in found:
            found[field] = index
    return found


def parse_rows(
    rows: list[list[Any]], path: str, known: Iterable[str] = (), mapping: dict[str, str] | None = None
) -> Parsed:
    """Cases from a 台账's rows, or ImportRefused naming every bad row (nothing half-read)."""
    if not rows:
        raise ImportRefused(path, [], f"{path}：文件是空的")
    columns = _columns(rows[0], mapping or {})
    missing = [HEADERS[f] for f in REQUIRED if f not in columns]
    if missing:
        raise ImportRefused(path, [(1, [f"缺少表头：{'、'.join(missing)}"])])
    seen = set(known)
    cases: list[Case] = []
    lines: dict[str, int] = {}
    problems: list[tuple[int, list[str]]] = []
    for offset, row in enumerate(rows[1:]):
        line = offset + 2
        cells = {f: row[i] if i < len(row) else None for f, i in columns.items()}
        if all(_empty(v) for v in cells.values()):
            continue
        case, reasons = _case(cells)
        if case is not None and case.number in seen:
            reasons.append(f"编号“{case.number}”重复")
        if reasons:
            problems.append((line, reasons))
            continue
        assert case is not None
        seen.add(case.number)
        cases.append(case)
        lines[case.number] = line
    if problems:
        raise ImportRefused(path, problems)
    return Parsed(cases, lines)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = "" if value is None else str(value).strip()
    # A CSV export quotes text that would start a formula; reading it back removes the quote.
    return unquoted(text)


def _case(cells: dict[str, Any]) -> tuple[Case | None, list[str]]:
    reasons: list[str] = []

    def get(field: str, parse: Any) -> Any:
        try:
            return parse(cells.get(field))
        except ValueProblem as exc:
            reasons.append(f"{HEADERS[field]}：{exc}")
            return None

    number = _text(cells.get("number"))
    applicant = _text(cells.get("applicant"))
    if not number:
        reasons.append("编号为空")
    if not applicant:
        reasons.append("申请人为空")
    kind = get("applicant_type", parse_applicant_type)
    received = get("received", parse_date)
    dates = {
        f: get(f, optional_date) for f in HEADERS if f.endswith(("_requested", "_received", "_start", "_end"))
    }
    replied = get("replied", optional_date)
    extension = get("extension", parse_extension)
    outcome = None if _empty(cells.get("outcome")) else get("outcome", parse_outcome)
    fee = get("fee", _fee)
    if received is not None:
        for field, on in [*dates.items(), ("replied", replied)]:
            if on is not None and on < received:
                reasons.append(f"{HEADERS[field]}（{on.isoformat()}）早于收到日期（{received.isoformat()}）")
    _pairs(dates, replied, outcome, fee, reasons)
    if reasons:
        return None, reasons
    events = _events(received, dates, extension, replied, outcome, fee)
    try:
        case = Case.model_validate(
            {
                "number": number,
                "applicant": {"name": applicant, "type": kind},
                "received_on": received,
                "request": _text(cells.get("request")),
                "events": [e.model_dump() for e in events],
            }
        )
    except ValueError as exc:
        return None, [str(exc)]
    return case, []


def _fee(value: Any) -> Decimal | None:
    if _empty(value):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("元", "").strip())
    except InvalidOperation:
        raise ValueProblem(f"无法识别金额“{value}”") from None
    if amount < 0:
        raise ValueProblem(f"金额“{value}”为负数")
    return amount


def _pairs(
    dates: dict[str, date | None],
    replied: date | None,
    outcome: str | None,
    fee: Decimal | None,
    reasons: list[str],
) -> None:
    """What one column needs of another: a 补正 received after its notice, a consultation's end after
    its start, an answer with both date and result (in the year's edition), a fee with an answer date."""
    notice, corrected = dates["correction_requested"], dates["correction_received"]
    if corrected is not None and (notice is None or corrected < notice):
        reasons.append("补正收到日期须在补正告知日期之后（且须有补正告知日期）")
    start, end = dates["consultation_start"], dates["consultation_end"]
    if end is not None and (start is None or end < start):
        reasons.append("征求意见结束日期须在开始日期之后（且须有开始日期）")
    if (replied is None) != (outcome is None):
        reasons.append("答复日期和办理结果须同时填写（未办结的两项都留空）")
    if replied is not None and outcome is not None:
        edition = edition_for_year(replied.year)
        if outcome_row(edition, outcome) is None:
            reasons.append(f"办理结果“{outcome_label(outcome)}”不在{replied.year}年所用格式的表三中")
        for field, on in dates.items():
            if on is not None and on > replied:
                reasons.append(f"{HEADERS[field]}晚于答复日期")
    if fee and replied is None:
        reasons.append("填写收费金额的申请须有答复日期")


def _events(
    received: date,
    dates: dict[str, date | None],
    extension: int | None,
    replied: date | None,
    outcome: str | None,
    fee: Decimal | None,
) -> list[Event]:
    events: list[Event] = []
    if dates["correction_requested"] is not None:
        events.append(CorrectionRequested(on=dates["correction_requested"]))
    if dates["correction_received"] is not None:
        events.append(CorrectionReceived(on=dates["correction_received"]))
    if dates["consultation_start"] is not None:
        events.append(ConsultationStarted(on=dates["consultation_start"]))
    if dates["consultation_end"] is not None:
        events.append(ConsultationEnded(on=dates["consultation_end"]))
    if extension is not None:
        # A 台账 says only that the case was extended: taken as approved and notified when the running
        # count started (so in time), by the full days given.
        start = dates["correction_received"] or received
        events.append(
            Extended(on=start, approved_by=IMPORTED_APPROVER, notified_on=start, working_days=extension)
        )
    if replied is not None and outcome is not None:
        bases = BASES.get(outcome, ())
        events.append(Replied(on=replied, outcome=outcome, legal_basis=bases[0].citation if bases else ""))
        if fee:
            # Dated the day of the answer: a fee known only by its amount pauses nothing.
            events.append(FeeNotified(on=replied, amount_yuan=fee))
            if outcome != FEE_UNPAID:
                events.append(FeePaid(on=replied, amount_yuan=fee))
    return events


def read_cases(path: Path, known: Iterable[str] = (), mapping: dict[str, str] | None = None) -> Parsed:
    try:
        rows = read_rows(path)
    except (OSError, ValueError, KeyError) as exc:
        if isinstance(exc, ValueProblem):
            raise
        raise ValueProblem(f"{path}：无法读取（{exc}）") from None
    return parse_rows(rows, str(path), known, mapping)


# ---- writing -------------------------------------------------------------------------------------


def row_of(case: Case, state: Status | None = None) -> dict[str, Any]:
    """The 台账 columns of a case (the inverse of reading, for export). A case that ended by law (no
    correction, no payment) shows that ending as its answer, as the clerk records it in a 台账."""
    cells: dict[str, Any] = dict.fromkeys(HEADERS)
    cells.update(
        number=case.number,
        applicant=case.applicant.name,
        applicant_type=APPLICANT_TYPES[case.applicant.type],
        received=case.received_on,
        request=case.request,
    )
    fee = Decimal(0)
    ended: tuple[date, str] | None = None
    for event in case.events:
        if isinstance(event, CorrectionRequested):
            cells["correction_requested"] = event.on
        elif isinstance(event, CorrectionReceived):
            cells["correction_received"] = event.on
        elif isinstance(event, ConsultationStarted):
            cells["consultation_start"] = event.on
        elif isinstance(event, ConsultationEnded):
            cells["consultation_end"] = event.on
        elif isinstance(event, Extended):
            cells["extension"] = "是" if event.working_days == 20 else event.working_days
        elif isinstance(event, Replied):
            ended = (event.on, event.outcome)
        elif isinstance(event, Withdrawn):
            ended = (event.on, OTHER_ENDING)
        elif isinstance(event, FeeNotified):
            fee = event.amount_yuan
    if ended is None and state is not None and state.concluded_on is not None and state.outcome:
        ended = (state.concluded_on, state.outcome)
    if ended is not None:
        cells["replied"], cells["outcome"] = ended[0], core_key(outcome_label(ended[1]))
        cells["fee"] = fee if fee else None
    return cells


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_WIDTHS = {"request": 36, "outcome": 30, "applicant": 18}


def build_workbook(cases: Sequence[tuple[Case, Status]] = (), title: str = "") -> Workbook:
    """The 台账 workbook: header row 1 locked, drop-downs for type and result, dates and amounts
    validated, A4 landscape with the header repeated on every page."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    fields = list(HEADERS)
    extra = list(COMPUTED) if cases else []
    for col, field in enumerate([*fields, *extra], start=1):
        cell = sheet.cell(row=1, column=col, value=HEADERS.get(field) or COMPUTED[field])
        cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(field, 14)
    for r, (case, state) in enumerate(cases, start=2):
        values = row_of(case, state)
        computed = {
            "state": STATES[state.state],
            "due": state.due.due if state.due is not None and state.state != "concluded" else None,
            "overdue": "是" if state.overdue else "",
        }
        for col, field in enumerate([*fields, *extra], start=1):
            value = values.get(field, computed.get(field))
            set_cell(sheet.cell(row=r, column=col), value)  # formula-looking text stays text
    last = max(TEMPLATE_ROWS, len(cases) + 1)
    _formats(sheet, fields, last)
    _validation(book, sheet, fields, last)
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.autoFilter = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None
    header.center.text = title or "政府信息公开申请办理台账"
    footer.center.text = "第 &P 页，共 &N 页"
    return book


def _formats(sheet: Any, fields: list[str], last: int) -> None:
    for col, field in enumerate(fields, start=1):
        letter = get_column_letter(col)
        for r in range(2, last + 1):
            cell = sheet[f"{letter}{r}"]
            cell.protection = Protection(locked=False)
            cell.border = _BORDER
            if field in ("received", "replied") or field.endswith(
                ("_requested", "_received", "_start", "_end")
            ):
                cell.number_format = "yyyy-mm-dd"
            elif field == "fee":
                cell.number_format = "0.00"
            elif field in ("number", "request", "applicant"):
                cell.number_format = "@"


def _validation(book: Workbook, sheet: Any, fields: list[str], last: int) -> None:
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    types = list(APPLICANT_TYPES.values())
    outcomes = [outcome_label(k) for k in all_outcome_keys()]
    for r, text in enumerate(types, start=1):
        lists.cell(row=r, column=1, value=text)
    for r, text in enumerate(outcomes, start=1):
        lists.cell(row=r, column=2, value=text)
    column = {f: get_column_letter(i) for i, f in enumerate(fields, start=1)}

    def add(field: str, rule: DataValidation) -> None:
        rule.error, rule.errorTitle, rule.showErrorMessage = _ERRORS[field], "输入有误", True
        rule.add(f"{column[field]}2:{column[field]}{last}")
        sheet.add_data_validation(rule)

    add("applicant_type", DataValidation(type="list", formula1=f"={LISTS_SHEET}!$A$1:$A${len(types)}"))
    add(
        "outcome",
        DataValidation(type="list", formula1=f"={LISTS_SHEET}!$B$1:$B${len(outcomes)}", allow_blank=True),
    )
    for field in fields:
        if field in ("received", "replied") or field.endswith(("_requested", "_received", "_start", "_end")):
            add(
                field,
                DataValidation(
                    type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True
                ),
            )
    add("fee", DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True))
    cell = f"{column['extension']}2"
    add(
        "extension",
        DataValidation(
            type="custom",
            formula1=f'=OR({cell}="是",AND(ISNUMBER({cell}),{cell}>=1,{cell}<=20))',
            allow_blank=True,
        ),
    )


_ERRORS = {
    "applicant_type": "请从下拉列表选择申请人类型",
    "outcome": "请从下拉列表选择办理结果（未办结的留空）",
    "fee": "请填写不小于0的金额（元）",
    "extension": "填“是”（延期20个工作日）或1至20的工作日数，未延期的留空",
    **{f: "请填写日期，如 2025-01-06" for f in HEADERS if f in ("received", "replied")},
    **{
        f: "请填写日期，如 2025-01-06"
        for f in HEADERS
        if f.endswith(("_requested", "_received", "_start", "_end"))
    },
}


def write_csv(cases: Sequence[tuple[Case, Status]], computed: bool = True) -> str:
    """The 台账 as CSV text in the template's columns; `computed` adds state, due date and overdue."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*HEADERS.values(), *(COMPUTED.values() if computed else ())])
    for case, state in cases:
        values = row_of(case, state)
        row = [csv_text(_csv(values[f])) for f in HEADERS]
        if computed:
            due = state.due.due.isoformat() if state.due is not None and state.state != "concluded" else ""
            row += [STATES[state.state], due, "是" if state.overdue else ""]
        writer.writerow(row)
    return out.getvalue()


def _csv(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()[:10]
    return "" if value is None else str(value)
