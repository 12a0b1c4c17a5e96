"""Commands over a corpus in a database: ingest, stats, export, chart (registered in cli.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from .analyze import chart as charts
from .analyze.export import FORMATS, export
from .analyze.report_xlsx import export_report_workbooks
from .analyze.stats import GROUPINGS, StatsRow, compute_stats, top_organs
from .exit_codes import EXIT_UNREADABLE
from .organs import load_mapping
from .rules.registry import SEVERITY_NAMES
from .store import IngestSummary, Store, ingest, open_store

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="数据库：SQLite 文件路径或 sqlite:///… / postgresql://… 地址（默认 nianbao.db）"
    ),
]
OrgansOpt = Annotated[
    Path | None, typer.Option("--organs", help="机关名称与地区对照表（CSV 或 YAML），用于纠正自动推断的地区")
]


def _store(db: str | None, organs: Path | None = None) -> Store:
    return open_store(db, load_mapping(organs) if organs else None)


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="报告文件、目录或 zip 压缩包", show_default=False)],
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option("--workers", help="并行进程数（默认为 CPU 核数）")] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.1:8786")
    ] = None,
    local_cluster: Annotated[
        bool, typer.Option("--local-cluster", help="在本机启动 Dask 集群来解析")
    ] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="重新尝试以前读取失败的文件")] = False,
    organs: OrgansOpt = None,
) -> None:
    """入库：解析报告并存入数据库（按文件内容去重；重复运行不重复处理；中断后再运行可继续）。"""
    store = _store(db, organs)
    with Progress(
        TextColumn("入库"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=None, rate="")

        def started(total: int) -> None:
            progress.update(task, total=total)

        def advance(done: int) -> None:
            progress.advance(task, done)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f} 份/秒" if speed else "")

        summary = ingest(
            store,
            paths,
            workers=workers,
            scheduler=scheduler,
            local_cluster=local_cluster,
            retry_failed=retry_failed,
            progress=advance,
            on_start=started,
        )
    store.close()
    _print_summary(summary)
    if summary.seen == 0:
        err.print("没有找到报告文件")
        raise typer.Exit(EXIT_UNREADABLE)
    if summary.failed:
        # Like check: a file that could not be read is exit 2 (the others are stored all the same).
        raise typer.Exit(EXIT_UNREADABLE)


def _print_summary(summary: IngestSummary) -> None:
    for path, reason in summary.failures[:20]:
        err.print(f"[red]无法读取[/] {path}：{reason}")
    if len(summary.failures) > 20:
        err.print(f"……另有 {len(summary.failures) - 20} 个文件无法读取")
    found = "，".join(f"{SEVERITY_NAMES[s]} {summary.severities.get(s, 0)} 条" for s in SEVERITY_NAMES)
    out.print(
        f"入库完成：共 {summary.seen} 个文件，新解析 {summary.parsed} 份，失败 {summary.failed} 个，"
        f"已在库中跳过 {summary.skipped} 个；发现问题：{found}；跨年度核对问题 {summary.cross_year} 条"
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _num(value: float) -> str:
    return f"{value:g}"


def stats_command(
    by: Annotated[
        list[str] | None,
        typer.Option("--by", help=f"分组：{'|'.join(GROUPINGS)}（可重复，如 --by organ --by year）"),
    ] = None,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="每组输出一行 JSON")] = False,
    top: Annotated[int, typer.Option("--top", help="列出问题最多的机关数")] = 10,
) -> None:
    """统计：申请收到与办理数量、办理结果构成、实质公开率、复议诉讼纠错率、每份报告的问题数。"""
    groupings = by or []
    for name in groupings:
        if name not in GROUPINGS:
            err.print(f"未知的分组“{name}”，可选：{'、'.join(GROUPINGS)}")
            raise typer.Exit(EXIT_UNREADABLE)
    store = _store(db)
    rows = compute_stats(store, groupings)
    worst = top_organs(store, top)
    store.close()
    if as_json:
        for row in rows:
            print(json.dumps(row.to_dict(), ensure_ascii=False))
        return
    out.print(_stats_table(rows, groupings))
    if worst:
        table = Table(title="问题最多的机关")
        for name in ("机关", "错误", "警告", "报告数"):
            table.add_column(name)
        for organ, errors, warnings, reports in worst:
            table.add_row(organ, str(errors), str(warnings), str(reports))
        out.print(table)


_GROUP_NAMES = {"region": "地区", "level": "层级", "year": "年度", "organ": "机关"}


def _stats_table(rows: list[StatsRow], groupings: list[str]) -> Table:
    table = Table(title="政府信息公开申请统计（各机关、年度取最新版本）")
    for name in [
        *(_GROUP_NAMES[g] for g in groupings),
        "报告数",
        "新收申请",
        "上年结转",
        "办理总计",
        "予以公开",
        "部分公开",
        "实质公开率",
        "不予公开",
        "无法提供",
        "不予处理",
        "复议纠错率",
        "诉讼纠错率",
        "每份问题数",
    ]:
        table.add_column(name, justify="left" if name in _GROUP_NAMES.values() else "right")
    for row in rows:
        shares = row.outcome_shares
        per = row.findings_per_report
        table.add_row(
            *row.group,
            str(row.reports),
            _num(row.received),
            _num(row.carried_over),
            _num(row.handled),
            _pct(shares["granted"]),
            _pct(shares["partial"]),
            _pct(row.substantive_rate),
            _pct(shares["denied"]),
            _pct(shares["unable"]),
            _pct(shares["not_processed"]),
            _pct(row.review_correction_rate),
            _pct(row.litigation_correction_rate),
            "—" if per is None else f"{per:.2f}",
        )
    return table


def export_command(
    to: Annotated[str, typer.Option("--to", help=f"格式：{'|'.join(FORMATS)}")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="输出文件（默认 nianbao-export.<格式>）")
    ] = None,
    wide: Annotated[bool, typer.Option("--wide", help="宽表：每份报告一行，每个单元格一列")] = False,
    per_report: Annotated[
        Path | None,
        typer.Option("--per-report", help="另外把每份报告按官方合并单元格格式各写成一个 XLSX，放在此目录"),
    ] = None,
    db: DbOpt = None,
) -> None:
    """导出：整齐表（每个数值一行，带机关、地区、年度、表、行、列、来源文件和位置）或宽表。"""
    if to not in FORMATS:
        err.print(f"未知的格式“{to}”，可选：{'、'.join(FORMATS)}")
        raise typer.Exit(EXIT_UNREADABLE)
    if per_report is not None:
        store = _store(db)
        written = export_report_workbooks(store, per_report)
        store.close()
        out.print(f"已按官方格式写出 {written} 个报告工作簿到 {per_report}")
    target = output or Path(f"nianbao-export{'-wide' if wide else ''}.{to}")
    store = _store(db)
    count = export(store, to, target, wide=wide)
    store.close()
    out.print(f"已导出 {count} 行到 {target}")


def chart_command(
    kind: Annotated[
        str,
        typer.Argument(help="图表：trend（申请趋势）| outcomes（办理结果构成）| region（地区内机关比较）"),
    ],
    output: Annotated[Path, typer.Option("--out", "-o", help="输出 PNG 文件")] = Path("nianbao-chart.png"),
    region: Annotated[str | None, typer.Option("--region", help="region 图表的地区，如 示例县")] = None,
    year: Annotated[int | None, typer.Option("--year", help="region 图表只看这一年度")] = None,
    db: DbOpt = None,
) -> None:
    """画图：把数据库中的统计画成 PNG 图（中文标注）。"""
    if kind not in charts.CHARTS:
        err.print(f"未知的图表“{kind}”，可选：{'、'.join(charts.CHARTS)}")
        raise typer.Exit(EXIT_UNREADABLE)
    if kind == "region" and not region:
        err.print("region 图表需要 --region 指定地区")
        raise typer.Exit(EXIT_UNREADABLE)
    store = _store(db)
    try:
        if kind == "trend":
            charts.trend_chart(store, output)
        elif kind == "outcomes":
            charts.outcomes_chart(store, output)
        else:
            charts.region_chart(store, output, region or "", year)
    except charts.ChartError as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_UNREADABLE) from exc
    finally:
        store.close()
    out.print(f"已生成图表 {output}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("stats")(stats_command)
    app.command("export")(export_command)
    app.command("chart")(chart_command)
