"""`nianbao render` and `nianbao template`: writing a compliant report and the fill-in workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import view
from .exit_codes import EXIT_ERRORS, EXIT_UNREADABLE
from .loader import load
from .model import Report
from .readers import ReadError
from .render import FORMATS, PdfError, RenderRefused, write_report
from .workbook import write_template

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _show_findings(report: Report, findings: list[object]) -> None:
    shown = report.model_copy(update={"findings": findings})
    err.print(view.findings_view(shown), soft_wrap=True)


def render_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="Excel 填报表（nianbao template 生成）、报告 JSON/YAML，或已有的报告文件（PDF、Word 等）"
        ),
    ],
    to: Annotated[str, typer.Option("--to", help="输出格式：docx、pdf、html 或 md")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    draft: Annotated[bool, typer.Option("--draft", help="数字未通过核对时仍输出，每页标注“草稿”")] = False,
) -> None:
    """按年度对应的格式版本生成规范的年度报告（DOCX/PDF/HTML/Markdown）；数字有错误时拒绝输出。"""
    if to not in FORMATS:
        err.print(f"[bold red]不支持的输出格式[/] {to}：可选 {'、'.join(FORMATS)}")
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        report = load(source)
    except ReadError as exc:
        err.print(f"[bold red]无法读取[/] {exc.path}：{exc.reason}")
        raise typer.Exit(EXIT_UNREADABLE) from exc
    try:
        result = write_report(report, to, output, draft=draft)
    except RenderRefused as exc:
        err.print(f"[bold red]拒绝生成[/]：{source} 有 {len(exc.findings)} 条错误级问题，未写出任何文件。")
        _show_findings(report, list(exc.findings))
        err.print("请改正数字后重试；如只需内部审阅稿，可加 --draft 生成标注“草稿”的文件。")
        raise typer.Exit(EXIT_ERRORS) from exc
    except PdfError as exc:
        err.print(f"[bold red]无法生成 PDF[/]：{exc}")
        raise typer.Exit(EXIT_UNREADABLE) from exc
    blanks, errors = result.blank_cells, result.findings
    if blanks:
        err.print(f"[yellow]提示[/]：{len(blanks)} 个单元格未填写，已按 0 输出：{'、'.join(blanks[:8])}")
    if errors:
        err.print(f"[yellow]已生成草稿[/] {output}（每页标注“草稿”），仍有 {len(errors)} 条错误级问题：")
        _show_findings(report, list(errors))
        raise typer.Exit(EXIT_ERRORS)
    out.print(f"已生成 {output}")


def template_command(
    year: Annotated[int, typer.Option("--year", help="报告年度（决定使用2019版或2021版格式）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 Excel 文件，例如 填报.xlsx")],
    organ: Annotated[str | None, typer.Option("--organ", help="机关全称")] = None,
) -> None:
    """生成 Excel 填报表：三张表格按官方格式合并单元格，总计和勾稽关系随填随算。"""
    if not 2008 <= year <= 2100:
        err.print(f"[bold red]年度不正确[/]：{year}")
        raise typer.Exit(EXIT_UNREADABLE)
    write_template(output, year, organ)
    out.print(
        f"已生成填报表 {output}（{year}年度）。填好后运行：nianbao render {output} --to docx -o 报告.docx"
    )
