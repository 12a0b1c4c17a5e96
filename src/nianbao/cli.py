"""The command line: each command a few lines over the Python API."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.rule import Rule as Divider
from rich.table import Table

from . import view
from .api import check_batch
from .chinese.dates import read_date
from .cli_corpus import register as register_corpus_commands
from .cli_ledger import register as register_ledger_commands
from .cli_render import render_command, template_command
from .cli_web import register as register_web_commands
from .exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from .loader import load, walk
from .model import Report
from .readers import ReadError
from .reviewing import TABLE_FORMATS, read_published_csv, write_findings, write_notices
from .rules import REGISTRY
from .rules.registry import SEVERITY_NAMES
from .rules.timeliness import DEFAULT_DEADLINES, Deadlines

app = typer.Typer(
    help=(
        "nianbao：读取、核对政府信息公开工作年度报告。\n\n"
        "退出码：0 完成且无错误；1 发现错误级问题；2 用法错误或有文件无法读取。"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

FilesArg = Annotated[
    list[Path], typer.Argument(help="报告文件或目录（目录会递归查找报告文件）", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="每个文件输出一行 JSON（nianbao.report/1 契约）")]


def _error_json(path: str, reason: str) -> str:
    return json.dumps(
        {"schema": "nianbao.error/1", "source": {"path": path}, "error": reason}, ensure_ascii=False
    )


def _reports(files: list[Path]) -> Iterator[tuple[Path, Report | ReadError]]:
    """Each input in order with its Report or the reason it could not be read; a bar on long runs."""
    paths = list(walk(files))
    if not paths:
        yield Path(" ".join(map(str, files))), ReadError(" ".join(map(str, files)), "没有找到报告文件")
        return
    show_bar = len(paths) > 1 and err.is_terminal
    with Progress(
        TextColumn("读取报告"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not show_bar,
    ) as progress:
        task = progress.add_task("", total=len(paths))
        for item in paths:
            try:
                result: Report | ReadError = load(item)
            except ReadError as exc:
                result = exc
            progress.advance(task)
            yield Path(item.display), result


def _run(
    files: list[Path],
    as_json: bool,
    show: Callable[[Report], None],
    batch: Callable[[list[Report]], None] | None = None,
    after: Callable[[list[tuple[Path, Report | ReadError]]], None] | None = None,
) -> None:
    code = EXIT_OK
    counts: Counter[str] = Counter()
    read = unreadable = 0
    results = list(_reports(files))
    if batch is not None:
        # Checks across reports (consecutive years of one organ) need the whole batch read first.
        batch([r for _, r in results if isinstance(r, Report)])
    if after is not None:
        after(results)
    for path, result in results:
        if isinstance(result, ReadError):
            unreadable += 1
            code = EXIT_UNREADABLE
            err.print(f"[bold red]无法读取[/] {result.path}：{result.reason}", soft_wrap=True)
            if as_json:
                print(_error_json(result.path, result.reason))
            continue
        read += 1
        counts.update(f.severity for f in result.findings)
        if result.has_errors() and code == EXIT_OK:
            code = EXIT_ERRORS
        if as_json:
            print(result.to_json())
        else:
            out.print(Divider(f"{path}", align="left"))
            show(result)
    if not as_json:
        out.print(_summary(counts, read, unreadable))
    raise typer.Exit(code)


def _summary(counts: Counter[str], read: int, unreadable: int) -> str:
    parts = [f"{SEVERITY_NAMES[s]} {counts.get(s, 0)} 条" for s in ("error", "warning", "info")]
    tail = f"；{unreadable} 个文件无法读取" if unreadable else ""
    return f"合计：读取 {read} 个文件，" + "，".join(parts) + tail


@app.command("parse")
def parse_command(files: FilesArg, as_json: JsonOpt = False) -> None:
    """读取报告：显示标题、机关、年度、统计期限、联系方式和三张表格的全部数值（--json 输出契约 JSON）。"""

    def show(report: Report) -> None:
        out.print(view.report_view(report))
        out.print(view.findings_view(report), soft_wrap=True)

    _run(files, as_json, show)


PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="发布日期，用于核对是否按期发布：单个文件写日期（2025-01-20、2025/1/20、2025年1月20日）；"
        "多个文件给一个 CSV（每行：文件名,发布日期）。不给时取各文件自己写明的日期",
    ),
]
DeadlineOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--deadline",
        help="改动某类机关的发布期限（次年月-日），可重复：government=03-31、department=01-31、township=02-20",
    ),
]


def _deadlines(overrides: list[str] | None) -> Deadlines:
    deadlines = DEFAULT_DEADLINES
    for item in overrides or []:
        kind, _, month_day = item.partition("=")
        try:
            deadlines = deadlines.with_override(kind.strip(), month_day.strip())
        except ValueError:
            raise typer.BadParameter(
                f"无法理解“{item}”，应写作 township=02-20", param_hint="--deadline"
            ) from None
    return deadlines


def _published(text: str | None, files: list[Path]) -> date | dict[str, date] | None:
    """`--published`: one date for a single file, or a CSV of file → date for a batch."""
    if not text:
        return None
    when = read_date(text)
    if when is not None:
        if len(files) > 1 or any(f.is_dir() or f.suffix.lower() == ".zip" for f in files):
            raise typer.BadParameter(
                "一个日期只能用于单个文件；多个文件请给 CSV（每行：文件名,发布日期）",
                param_hint="--published",
            )
        return when
    if Path(text).is_file():
        try:
            return read_published_csv(Path(text))
        except ReadError as exc:
            raise typer.BadParameter(f"{exc.path}：{exc.reason}", param_hint="--published") from None
    raise typer.BadParameter(
        f"无法理解“{text}”：应为日期（如 2025-01-20）或 CSV 文件", param_hint="--published"
    ) from None


ToOpt = Annotated[
    str | None,
    typer.Option("--to", help="把问题清单写成文件：xlsx（问题清单和单位汇总两张表）或 csv（问题清单）"),
]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="--to 的输出文件，例如 核对结果.xlsx")]


@app.command("check")
def check_command(
    files: FilesArg,
    as_json: JsonOpt = False,
    published: PublishedOpt = None,
    deadline: DeadlineOpt = None,
    to: ToOpt = None,
    output: OutOpt = None,
) -> None:
    """核对报告：逐个文件列出发现的问题（规则编号、级别、位置、说明），最后给出合计。

    同一机关相邻年度的报告一起核对时，还核对跨年度的衔接（上年结转、现行有效件数、内容雷同）。
    --to xlsx -o 核对结果.xlsx 另把问题清单（每条问题一行）和单位汇总写成工作簿，便于退回各单位。

    例：nianbao check 下级单位报告/ --to xlsx -o 核对结果.xlsx --published 发布日期.csv"""
    if to is not None and to not in TABLE_FORMATS:
        raise typer.BadParameter(f"不支持“{to}”，可选：{'、'.join(TABLE_FORMATS)}", param_hint="--to")
    if to is not None and output is None:
        raise typer.BadParameter("--to 需要同时用 -o 指定输出文件", param_hint="-o")
    when, deadlines = _published(published, files), _deadlines(deadline)

    def show(report: Report) -> None:
        who = "　".join(str(x) for x in (report.organ, report.year, report.edition) if x)
        out.print(f"  {who}")
        out.print(view.findings_view(report), soft_wrap=True)

    def written(results: list[tuple[Path, Report | ReadError]]) -> None:
        if to is None or output is None:
            return
        count = write_findings([(str(p), r) for p, r in results], output, to)
        err.print(f"已写出 {output}：{count} 行问题")

    _run(files, as_json, show, lambda reports: check_batch(reports, when, deadlines), written)


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    when = read_date(text)
    if when is None:
        raise typer.BadParameter(f"无法理解日期“{text}”，应写作 2025-03-01", param_hint=option)
    return when


@app.command("notice")
def notice_command(
    files: FilesArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="写整改通知的目录（每个单位一份 DOCX）")],
    issuer: Annotated[str, typer.Option("--issuer", help="发文单位（落款），如 示例县人民政府办公室")],
    signed: Annotated[str | None, typer.Option("--date", help="落款日期（默认今天）")] = None,
    reply_by: Annotated[str | None, typer.Option("--reply-by", help="要求重新报送的日期")] = None,
    published: PublishedOpt = None,
    deadline: DeadlineOpt = None,
) -> None:
    """整改通知：核对各单位的报告，为有错误或警告的每个单位写一份整改通知（DOCX），逐条列出问题、
    位置和涉及的数值。

    例：nianbao notice 下级单位报告/ -o 整改通知/ --issuer 示例县人民政府办公室 --reply-by 2025-03-15"""
    when, deadlines = _published(published, files), _deadlines(deadline)
    day = _day(signed, "--date") or date.today()
    due = _day(reply_by, "--reply-by")
    results = list(_reports(files))
    check_batch([r for _, r in results if isinstance(r, Report)], when, deadlines)
    code = EXIT_OK
    for _, result in results:
        if isinstance(result, ReadError):
            code = EXIT_UNREADABLE
            err.print(f"[bold red]无法读取[/] {result.path}：{result.reason}", soft_wrap=True)
    written = write_notices([(str(p), r) for p, r in results], output, issuer, day, due)
    for path in written:
        out.print(f"已写出 {path}")
    read = sum(1 for _, r in results if isinstance(r, Report))
    out.print(f"合计：读取 {read} 份报告，{len(written)} 个单位需要整改")
    raise typer.Exit(code)


@app.command("rules")
def rules_command(as_json: JsonOpt = False) -> None:
    """列出全部核对规则：编号、级别、说明和依据。"""
    if as_json:
        for r in REGISTRY.values():
            print(
                json.dumps(
                    {
                        "id": r.id,
                        "severity": r.severity,
                        "description": r.description,
                        "source": r.source,
                        "family": r.family,
                    },
                    ensure_ascii=False,
                )
            )
        return
    table = Table(title=f"核对规则（共 {len(REGISTRY)} 条）")
    for name in ("编号", "级别", "说明", "依据"):
        table.add_column(name)
    for r in sorted(REGISTRY.values(), key=lambda r: r.id):
        table.add_row(r.id, SEVERITY_NAMES[r.severity], r.description, r.source)
    out.print(table)


app.command("render")(render_command)
app.command("template")(template_command)
register_corpus_commands(app)
register_ledger_commands(app)
register_web_commands(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断")
        sys.exit(130)
