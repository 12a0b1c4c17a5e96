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
from .cli_corpus import register as register_corpus_commands
from .cli_ledger import register as register_ledger_commands
from .cli_render import render_command, template_command
from .cli_web import register as register_web_commands
from .exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from .loader import load, walk
from .model import Report
from .readers import ReadError
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
) -> None:
    code = EXIT_OK
    counts: Counter[str] = Counter()
    read = unreadable = 0
    results = list(_reports(files))
    if batch is not None:
        # Checks across reports (consecutive years of one organ) need the whole batch read first.
        batch([r for _, r in results if isinstance(r, Report)])
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
    str | None, typer.Option("--published", help="报告的发布日期（如 2025-01-20），用于核对是否按期发布")
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


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise typer.BadParameter(
            f"无法理解日期“{text}”，应写作 2025-01-20", param_hint="--published"
        ) from None


@app.command("check")
def check_command(
    files: FilesArg, as_json: JsonOpt = False, published: PublishedOpt = None, deadline: DeadlineOpt = None
) -> None:
    """核对报告：逐个文件列出发现的问题（规则编号、级别、位置、说明），最后给出合计。

    同一机关相邻年度的报告一起核对时，还核对跨年度的衔接（上年结转、现行有效件数、内容雷同）。"""
    when, deadlines = _date(published), _deadlines(deadline)

    def show(report: Report) -> None:
        who = "　".join(str(x) for x in (report.organ, report.year, report.edition) if x)
        out.print(f"  {who}")
        out.print(view.findings_view(report), soft_wrap=True)

    _run(files, as_json, show, lambda reports: check_batch(reports, when, deadlines))


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
