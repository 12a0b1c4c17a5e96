"""`nianbao render` and `nianbao template`: writing a compliant report and the fill-in workbook."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import view
from .carry import carried_from
from .exit_codes import EXIT_ERRORS, EXIT_UNREADABLE
from .loader import load
from .model import Report
from .readers import ReadError
from .render import (
    FORMATS,
    LETTERHEAD_FORMATS,
    NothingFilled,
    PdfError,
    RenderRefused,
    RenderResult,
    write_report,
)
from .workbook import write_filled, write_template

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def render_command(
    source: Annotated[
        Path,
        typer.Argument(
            help="Excel 填报表（nianbao template 生成）、报告 JSON/YAML，或已有的报告文件（PDF、Word 等）"
        ),
    ],
    to: Annotated[
        str,
        typer.Option("--to", metavar="[" + "|".join(FORMATS) + "]", help="输出格式：" + "、".join(FORMATS)),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    draft: Annotated[
        bool, typer.Option("--draft", help="数字未通过核对或一个数字也没填时仍输出，每页标注“草稿”")
    ] = False,
    letterhead: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="本单位的 Word 模板（如 单位模板.docx）：保留其红头、页眉页脚和页面设置，"
            "报告接在模板内容之后；只用于 docx 和 pdf",
        ),
    ] = None,
) -> None:
    """按年度对应的格式版本生成规范的年度报告（DOCX/PDF/HTML/Markdown）。

    数字有错误级问题、或表格中一个数字也没填时拒绝输出（--draft 仍输出，标注“草稿”）；
    警告级问题和未填写的单元格（按表格中的名称）一并列出。

    示例：nianbao render 填报.xlsx --to docx -o 报告.docx
    示例：nianbao render 报告.json --to pdf -o 报告.pdf --template 单位模板.docx"""
    if to not in FORMATS:
        err.print(f"[bold red]不支持的输出格式[/] {to}：可选 {'、'.join(FORMATS)}")
        raise typer.Exit(EXIT_UNREADABLE)
    if letterhead is not None and (to not in LETTERHEAD_FORMATS or not _is_docx(letterhead)):
        err.print(
            f"[bold red]无法使用模板[/] {letterhead}：模板须是 Word 文档（.docx），且只用于 "
            + "、".join(LETTERHEAD_FORMATS)
        )
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        report = load(source)
    except ReadError as exc:
        err.print(f"[bold red]无法读取[/] {exc.path}：{exc.reason}")
        raise typer.Exit(EXIT_UNREADABLE) from exc
    try:
        result = write_report(report, to, output, draft=draft, letterhead=letterhead)
    except NothingFilled as exc:
        err.print(f"[bold red]拒绝生成[/]：{source} 的表格中一个数字也没有填写，未写出任何文件。")
        err.print(
            "请先在黄色单元格中填写数字（没有发生的事项填 0）；"
            "如只需看版式，可加 --draft 生成标注“草稿”的文件。"
        )
        raise typer.Exit(EXIT_ERRORS) from exc
    except RenderRefused as exc:
        err.print(f"[bold red]拒绝生成[/]：{source} 有 {len(exc.findings)} 条错误级问题，未写出任何文件。")
        err.print(view.findings_view_of(list(exc.findings), report), soft_wrap=True)
        err.print("请改正数字后重试；如只需内部审阅稿，可加 --draft 生成标注“草稿”的文件。")
        raise typer.Exit(EXIT_ERRORS) from exc
    except PdfError as exc:
        err.print(f"[bold red]无法生成 PDF[/]：{exc}")
        raise typer.Exit(EXIT_UNREADABLE) from exc
    _after_render(result, output, report)


def _is_docx(path: Path) -> bool:
    """A Word document python-docx can open (a zip holding word/document.xml)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _after_render(result: RenderResult, output: Path, report: Report) -> None:
    """What the clerk must still look at: blank cells by their printed names, warnings, a draft's errors."""
    blanks, errors = result.blank_cells, result.findings
    if result.empty:
        err.print(f"[yellow]已生成草稿[/] {output}（每页标注“草稿”）：表格中一个数字也没有填写。")
    elif blanks:
        shown = "、".join(blanks[:8]) + (f" 等 {len(blanks)} 个" if len(blanks) > 8 else "")
        err.print(f"[yellow]提示[/]：{len(blanks)} 个单元格未填写，已按 0 输出：{shown}")
    warnings = [f for f in result.warnings if f.severity == "warning"]
    if warnings:
        err.print(f"[yellow]请注意[/]：有 {len(warnings)} 条警告级问题（不阻止生成，建议核对）：")
        err.print(view.findings_view_of(warnings, report), soft_wrap=True)
    if errors:
        err.print(f"[yellow]已生成草稿[/] {output}（每页标注“草稿”），仍有 {len(errors)} 条错误级问题：")
        err.print(view.findings_view_of(errors, report), soft_wrap=True)
    if errors or result.empty:
        raise typer.Exit(EXIT_ERRORS)
    out.print(f"已生成 {output}")


def template_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 Excel 文件，例如 填报.xlsx")],
    year: Annotated[
        int | None,
        typer.Option("--year", help="报告年度（决定使用2019版或2021版格式）；用 --from 时默认为上年的次年"),
    ] = None,
    organ: Annotated[
        str | None, typer.Option("--organ", help="机关全称（用 --from 时默认沿用上年报告）")
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="上一年度的报告（DOCX、PDF 等文件，或报告 JSON、填报表）："
            "预填上年结转、现行有效件数和各部分文字",
        ),
    ] = None,
) -> None:
    """生成 Excel 填报表：三张表格按官方格式合并单元格，总计和勾稽关系随填随算。

    用 --from 指定去年的报告时，表三“上年结转”取去年的“结转下年度继续办理”，表二“现行有效件数”沿用去年，
    各部分文字和联系方式预填去年的内容供改写；其余单元格留空待填。

    示例：nianbao template --year 2025 --organ 示例县民政局 -o 填报.xlsx
    示例：nianbao template --from 2024年度报告.docx -o 2025填报.xlsx"""
    last = _load_previous(previous) if previous is not None else None
    if year is None:
        if last is None or last.year is None:
            err.print("[bold red]缺少年度[/]：请用 --year 指定报告年度（如 --year 2025）")
            raise typer.Exit(EXIT_UNREADABLE)
        year = last.year + 1
    if not 2008 <= year <= 2100:
        err.print(f"[bold red]年度不正确[/]：{year}")
        raise typer.Exit(EXIT_UNREADABLE)
    if last is None:
        write_template(output, year, organ)
    else:
        write_filled(carried_from(last, organ or last.organ or "", year), output)
        err.print(f"已按 {previous}（{last.year}年度）预填上年结转、现行有效件数和各部分文字，请逐项改写。")
    out.print(
        f"已生成填报表 {output}（{year}年度）。填好后运行：nianbao render {output} --to docx -o 报告.docx"
    )


def _load_previous(path: Path) -> Report:
    """Last year's report from any input nianbao reads (a document, report JSON/YAML, a workbook)."""
    try:
        return load(path)
    except ReadError as exc:
        err.print(f"[bold red]无法读取[/] {exc.path}：{exc.reason}")
        raise typer.Exit(EXIT_UNREADABLE) from exc
