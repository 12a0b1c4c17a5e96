"""The reviewer's loop: the findings of a batch of reports as a workbook (or CSV) to hand back, one
row per finding and a per-unit summary, and a 整改通知 per unit written from its findings.

A 政务公开办 checks the reports of every unit under it (`nianbao check DIR --to xlsx`); each row says
which unit and file, which rule, how serious, where a person finds it (rules/locations.py), what is
wrong and which cells with which numbers. Text from documents goes into cells through workbook.safe,
so nothing a report prints can become a spreadsheet formula."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .chinese.dates import chinese_day, read_date
from .model import Finding, Report
from .readers import ReadError
from .render.letter import Letter, render_letter
from .rules import crossyear
from .rules.locations import where_text
from .rules.registry import REGISTRY, SEVERITY_NAMES
from .rules.values import cell_label
from .workbook.safe import csv_text, set_cell

FINDINGS_SHEET = "问题清单"
UNITS_SHEET = "单位汇总"
FINDING_COLUMNS = ("单位", "年度", "文件", "规则", "级别", "位置", "说明", "涉及单元格及数值")
UNIT_COLUMNS = (
    "单位",
    "年度",
    "文件",
    "错误",
    "警告",
    "提示",
    "发布日期",
    "是否按期",
    "上年度报告",
    "跨年度核对",
)
UNREADABLE = "无法读取"
LATE_RULE = "S-DEADLINE"

Result = tuple[str, Report | ReadError]


@dataclass(frozen=True)
class UnitRow:
    unit: str
    year: int | None
    file: str
    errors: int
    warnings: int
    infos: int
    published: str
    on_time: str
    previous: str
    cross_year: str

    def cells(self) -> list[object]:
        return [
            self.unit,
            self.year,
            self.file,
            self.errors,
            self.warnings,
            self.infos,
            self.published,
            self.on_time,
            self.previous,
            self.cross_year,
        ]


def unit_name(report: Report, file: str) -> str:
    return report.organ or f"（未识别机关）{Path(file.split('!')[-1]).name}"


def cells_text(report: Report, item: Finding) -> str:
    """The cells a finding names, each as printed with its value: 表三“予以公开”行“总计”列=50."""
    parts = []
    for path in item.cells:
        if path.count(".") != 2:
            continue
        value = report.cell(*path.split("."))
        parts.append(f"{cell_label(report, path)}={'空' if value is None else value}")
    return "；".join(parts)


def finding_rows(results: Sequence[Result]) -> list[list[object]]:
    """One row per finding (and one per file that could not be read), in input order."""
    rows: list[list[object]] = []
    for file, result in results:
        if isinstance(result, ReadError):
            rows.append(["", None, file, "", UNREADABLE, "", result.reason, ""])
            continue
        for item in result.findings:
            rows.append(
                [
                    unit_name(result, file),
                    result.year,
                    file,
                    item.rule,
                    SEVERITY_NAMES[item.severity],
                    where_text(result, item),
                    item.message,
                    cells_text(result, item),
                ]
            )
    return rows


def _pair_rule_ids() -> set[str]:
    return {r.id for r in REGISTRY.values() if r.pair_check is not None}


def unit_rows(results: Sequence[Result]) -> list[UnitRow]:
    """The per-unit summary: counts by level, publication date and timeliness, year-on-year links."""
    reports = [(file, r) for file, r in results if isinstance(r, Report)]
    links = crossyear.link_years([r for _, r in reports])
    pair_rules = _pair_rule_ids()
    rows = []
    for index, (file, report) in enumerate(reports):
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
        published = report.source.published
        if any(f.rule == LATE_RULE for f in report.findings):
            on_time = "逾期"
        else:
            on_time = "按期" if published is not None else "发布日期不明"
        previous = links.get(index)
        if previous is None:
            linked, crossed = "未找到", ""
        else:
            linked = Path(reports[previous][0]).name
            crossed = str(sum(1 for f in report.findings if f.rule in pair_rules)) + " 条问题"
        rows.append(
            UnitRow(
                unit_name(report, file),
                report.year,
                file,
                counts["error"],
                counts["warning"],
                counts["info"],
                chinese_day(published.date) if published is not None else "",
                on_time,
                linked,
                crossed,
            )
        )
    for file, result in results:
        if isinstance(result, ReadError):
            rows.append(UnitRow("", None, file, 0, 0, 0, "", "", "", UNREADABLE))
    return rows


TABLE_FORMATS = ("xlsx", "csv")


def write_findings(results: Sequence[Result], path: Path, fmt: str) -> int:
    """The findings as `xlsx` (问题清单 and 单位汇总 sheets) or `csv` (the findings rows); the row count."""
    rows = finding_rows(results)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        # utf-8-sig so that Excel opens the Chinese text correctly when the file is double-clicked.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(FINDING_COLUMNS)
            writer.writerows([csv_text(v) for v in row] for row in rows)
        return len(rows)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FINDINGS_SHEET
    units = book.create_sheet(UNITS_SHEET)
    widths = {
        FINDINGS_SHEET: (22, 6, 30, 16, 8, 40, 60, 40),
        UNITS_SHEET: (22, 6, 30, 6, 6, 6, 14, 12, 24, 14),
    }
    tables = ((sheet, FINDING_COLUMNS, rows), (units, UNIT_COLUMNS, [u.cells() for u in unit_rows(results)]))
    for target, columns, body in tables:
        target.append(list(columns))
        for cell in target[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(body, start=2):
            for c, value in enumerate(row, start=1):
                set_cell(target.cell(row=r, column=c), value).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
        for c, width in enumerate(widths[target.title], start=1):
            target.column_dimensions[chr(64 + c)].width = width
        target.freeze_panes = "A2"
        target.auto_filter.ref = target.dimensions
    book.save(path)
    return len(rows)


# ---- 整改通知 ---------------------------------------------------------------------------------------

NOTICE_SEVERITIES = ("error", "warning")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def notice_letter(report: Report, issuer: str, signed: date, reply_by: date | None = None) -> Letter | None:
    """The 整改通知 for one unit's report: its error and warning findings, each with where to find it and
    the numbers involved; None when there is nothing to correct."""
    items = [f for f in report.findings if f.severity in NOTICE_SEVERITIES]
    if not items:
        return None
    organ = report.organ or "有关单位"
    year = f"{report.year}年度" if report.year else ""
    errors = sum(1 for f in items if f.severity == "error")
    intro = (
        f"经核对，你单位报送的{year}政府信息公开工作年度报告存在以下{len(items)}处问题"
        f"（其中错误{errors}处、警告{len(items) - errors}处），请对照原件逐项核实整改"
    )
    deadline = f"，并于{chinese_day(reply_by)}前重新报送。" if reply_by else "，整改后重新报送。"
    paragraphs = [intro + deadline]
    for number, item in enumerate(items, start=1):
        where = where_text(report, item)
        numbers = cells_text(report, item)
        text = f"{number}. 【{SEVERITY_NAMES[item.severity]}】{item.message}"
        text += f"（位置：{where}）" if where else ""
        text += f"（涉及：{numbers}）" if numbers else ""
        paragraphs.append(text + f"〔{item.rule}〕")
    paragraphs.append("以上问题的依据见 nianbao rules 所列各条规则的说明。整改中如有疑问，请与我办联系。")
    return Letter(
        "notice", f"关于{year}政府信息公开工作年度报告的整改通知", "", organ, tuple(paragraphs), signed
    )


def write_notices(
    results: Sequence[Result], folder: Path, issuer: str, signed: date, reply_by: date | None = None
) -> list[Path]:
    """One 整改通知 DOCX per unit report with errors or warnings, named 单位-年度-整改通知.docx."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file, result in results:
        if not isinstance(result, Report):
            continue
        letter = notice_letter(result, issuer, signed, reply_by)
        if letter is None:
            continue
        stem = _UNSAFE_NAME.sub("_", f"{unit_name(result, file)}-{result.year or '未知年度'}-整改通知")
        path = folder / f"{stem}.docx"
        suffix = 2
        while path in written:
            path = folder / f"{stem}-{suffix}.docx"
            suffix += 1
        path.write_bytes(render_letter(letter, issuer))
        written.append(path)
    return written


# ---- publication dates for a batch -------------------------------------------------------------------


def read_published_csv(path: Path) -> dict[str, date]:
    """File → publication date from a CSV of two columns (文件, 发布日期; a header row is allowed). Dates as
    2025-02-10, 2025/2/10 or 2025年2月10日. Raises ReadError naming the line that cannot be understood."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ReadError(str(path), f"无法读取文件（{exc.strerror or exc}）") from exc
    except UnicodeDecodeError:
        text = path.read_bytes().decode("gb18030", errors="replace")
    dates: dict[str, date] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise ReadError(str(path), f"第{number}行应有两列：文件名，发布日期")
        file, when = row[0].strip(), read_date(row[1])
        if when is None:
            if number == 1:
                continue  # a header row
            raise ReadError(str(path), f"第{number}行的日期“{row[1]}”无法理解，应写作 2025-02-10")
        dates[file] = when
    if not dates:
        raise ReadError(str(path), "没有找到“文件名，发布日期”的行")
    return dates


def published_for(dates: Mapping[str, date], file: str) -> date | None:
    """The date a CSV gives a file: by its path as shown, by its path inside an archive, or by its name."""
    inner = file.split("!")[-1]
    for key in (file, inner, Path(inner).name, Path(inner).stem):
        if key in dates:
            return dates[key]
    return None
