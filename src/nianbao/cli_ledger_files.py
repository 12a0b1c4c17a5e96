"""`nianbao ledger` commands over files: import, template, export, report, diff, letter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from .cli_corpus import DbOpt
from .cli_ledger import (
    ByOpt,
    CorrectionOpt,
    JsonOpt,
    OrganOpt,
    TodayOpt,
    _open,
    _problems,
    _today,
    _who,
    err,
    ledger_app,
    out,
)
from .ledger import Settings
from .ledger.parsing import ValueProblem
from .ledger.store import LedgerError

# ---- import and export -------------------------------------------------------------------------


@ledger_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="台账文件（CSV 或 XLSX）", show_default=False)],
    organ: OrganOpt,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="表头对照表（YAML：“原表头: 标准表头”，或两列 CSV）")
    ] = None,
    opening_year: Annotated[
        int | None,
        typer.Option("--opening-year", help="台账尚未建立时：从哪一年开始（默认最早收到申请的年份）"),
    ] = None,
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """导入 CSV 或 XLSX 台账：要么全部导入，要么（任何一行有误时）一行也不导入，并按 Excel 行号列出有误的行。

    表头（顺序不限，多余的列忽略）：编号、申请人、申请人类型、收到日期、申请内容、补正告知日期、补正收到日期、
    征求意见开始日期、征求意见结束日期、延期、答复日期、办理结果、收费金额（元）。

    \b
    例：nianbao ledger import 台账.xlsx --organ 示例县城关镇人民政府"""
    from .ledger.sheet import ImportRefused, load_mapping, read_cases

    with _problems():
        store = _open(db)
        exists = store.exists(organ)
        known = [c.number for c in store.load(organ).cases] if exists else []
        try:
            parsed = read_cases(file, known, load_mapping(mapping) if mapping else None)
        except ImportRefused as refused:
            err.print(Text("未导入", style="red") + Text(f"：{refused}"))
            for line in refused.details():
                err.print(f"  {line}")
            raise typer.Exit(2) from None
        if not exists:
            first = opening_year or min(
                (c.received_on.year for c in parsed.cases), default=_today(today).year
            )
            store.create(organ, first, Settings(), _who(by))
            out.print(f"已建立“{organ}”的台账（自{first}年起）。")
        store.add_cases(organ, parsed.cases, _who(by), _today(today), correction)
    out.print(f"已导入 {len(parsed.cases)} 件申请（{file}）。")


@ledger_app.command("template")
def template_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 XLSX 文件", show_default=False)],
) -> None:
    """生成空白台账工作簿（XLSX）：申请人类型、办理结果为下拉选择，日期和金额有输入校验，表头锁定，已设置打印。

    \b
    例：nianbao ledger template -o 台账.xlsx"""
    from .ledger.sheet import build_workbook

    build_workbook().save(output)
    out.print(f"已生成台账模板：{output}")


@ledger_app.command("export")
def export_command(
    organ: OrganOpt,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出文件（.xlsx 或 .csv）", show_default=False)
    ],
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出台账（与模板相同的列，另加状态、答复期限、是否超期），可改后再导入。

    \b
    例：nianbao ledger export --organ 示例县城关镇人民政府 -o 台账导出.xlsx"""
    from .ledger.sheet import build_workbook, write_csv

    as_of = _today(today)
    with _problems():
        rows = list(_open(db).load(organ).statuses(as_of))
    if output.suffix.lower() == ".csv":
        output.write_text(write_csv(rows), encoding="utf-8-sig")
    else:
        build_workbook(rows, f"{organ} 政府信息公开申请办理台账").save(output)
    out.print(f"已导出 {len(rows)} 件申请：{output}")


# ---- the report ------------------------------------------------------------------------------------


@ledger_app.command("report")
def report_command(
    organ: OrganOpt,
    year: Annotated[int, typer.Option("--year", help="年度")],
    as_json: Annotated[bool, typer.Option("--json", help="输出报告 JSON（nianbao.report/1 契约）")] = False,
    to: Annotated[
        str | None, typer.Option("--to", help="输出格式：docx、pdf、html 或 md（需同时给出 -o）")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件")] = None,
    draft: Annotated[bool, typer.Option("--draft", help="有错误级问题时仍生成，并标注“草稿”")] = False,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """由台账生成年度报告：三张表格由台账计算，各部分文字预填计算出的数字（可再修改），按核对规则检查后输出。

    \b
    例：nianbao ledger report --organ 示例县城关镇人民政府 --year 2025 --to docx -o 2025年报.docx
        nianbao ledger report --organ 示例县城关镇人民政府 --year 2025 --json > 2025年报.json"""
    from . import view
    from .ledger.report import build_report
    from .render import FORMATS, RenderRefused, render

    with _problems():
        report = build_report(_open(db).load(organ), year, _today(today))
    if as_json:
        print(report.to_json())
        return
    if to is None:
        out.print(view.report_view(report))
        out.print(view.findings_view(report))
        return
    if to not in FORMATS or output is None:
        raise typer.BadParameter(
            f"--to 须为 {'、'.join(FORMATS)} 之一，并用 -o 给出输出文件", param_hint="--to"
        )
    try:
        written = render(report, to, output, draft=draft)
    except RenderRefused as refused:
        err.print(Text("报告有错误级问题，未生成", style="red") + Text("（加 --draft 可生成草稿）："))
        for finding in refused.findings:
            err.print(f"  {finding.rule}：{finding.message}")
        raise typer.Exit(1) from None
    except Exception as exc:  # the PDF writer's LibreOffice errors carry Chinese messages
        err.print(Text("无法生成", style="red") + Text(f"：{exc}"))
        raise typer.Exit(2) from None
    out.print(f"已生成 {output}" + ("（草稿）" if written else ""))
    for finding in report.findings:
        if finding.severity == "warning":
            err.print(Text("警告", style="yellow") + Text(f" {finding.rule}：{finding.message}"))


@ledger_app.command("diff")
def diff_command(
    report_file: Annotated[
        Path, typer.Argument(help="已发布的年度报告（任何 nianbao 能读的格式）", show_default=False)
    ],
    organ: OrganOpt,
    year: Annotated[int | None, typer.Option("--year", help="年度（默认取报告中的年度）")] = None,
    db: DbOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """逐格比较台账计算出的表格与已发布的年度报告，列出不一致的单元格。退出码：0 一致，1 有不一致。

    \b
    例：nianbao ledger diff 2025年报.docx --organ 示例县城关镇人民政府"""
    from .api import parse
    from .editions import edition_for_year
    from .ledger.report import diff
    from .readers import ReadError

    with _problems():
        try:
            published = parse(report_file)
        except ReadError as exc:
            raise LedgerError(f"无法读取 {exc.path}：{exc.reason}") from None
        which = year or published.year
        if which is None:
            raise LedgerError("报告中没有年度，请用 --year 给出")
        computed = _open(db).load(organ).tables(which, _today(today))
        found = diff(computed, published, edition_for_year(which))
    if as_json:
        for d in found:
            print(
                json.dumps(
                    {"cell": d.path, "name": d.name, "ledger": d.ledger, "report": d.published},
                    ensure_ascii=False,
                    default=str,
                )
            )
    elif not found:
        out.print(f"{which}年：台账计算的表格与报告完全一致。")
    else:
        out.print(f"{which}年：{len(found)}个单元格不一致：")
        for d in found:
            theirs = "空白" if d.published is None else d.published
            out.print(f"  {d.name}（{d.path}）：台账 {d.ledger}，报告 {theirs}")
    raise typer.Exit(1 if found else 0)


@ledger_app.command("letter")
def letter_command(
    number: Annotated[str, typer.Argument(help="申请编号", show_default=False)],
    kind: Annotated[
        str,
        typer.Argument(
            help="文书：登记回执、补正告知书、延期答复告知书、征求意见函、收费通知书、答复书",
            show_default=False,
        ),
    ],
    organ: OrganOpt,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出文件（.docx，或 .pdf 需要 LibreOffice）")
    ],
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
) -> None:
    """生成一件申请的文书（公文格式 DOCX 或 PDF），按机关的文号格式编号；同一文书再次生成时文号不变。

    \b
    例：nianbao ledger letter 2025-001 答复书 --organ 示例县城关镇人民政府 -o 答复书.docx"""
    import tempfile
    from dataclasses import replace

    from .ledger.documents import KINDS, compose, render_letter
    from .render.pdf import PdfError, docx_to_pdf_many

    short = {"receipt": "登记回执", "reply": "答复书"}
    as_of = _today(today)
    with _problems():
        key = next((k for k, (title, _) in KINDS.items() if kind in (k, title, short.get(k))), None)
        if key is None:
            names = "、".join(short.get(k, title) for k, (title, _) in KINDS.items())
            raise ValueProblem(f"未知的文书“{kind}”；可选：{names}")
        store = _open(db)
        ledger = store.load(organ)
        try:
            case = ledger.case(number)
        except KeyError:
            raise LedgerError(f"台账中没有编号为“{number}”的申请") from None
        state = ledger.status(case, as_of)
        quote = None
        if key == "fee":
            from .ledger.cases import FeeNotified

            notices = [e for e in case.events if isinstance(e, FeeNotified)]
            quote = ledger.fee_quote(case, notices[-1]) if notices else None
        from .ledger.documents import NotApplicable

        try:
            draft = compose(ledger, case, state, key, "", quote)
        except NotApplicable as exc:
            raise LedgerError(str(exc)) from None
        doc_number = store.issue(
            organ, key, number, draft.signed.year, ledger.settings.number_pattern, _who(by), as_of
        )
        data = render_letter(replace(draft, number=doc_number), organ)
    if output.suffix.lower() == ".pdf":
        with tempfile.TemporaryDirectory(prefix="nianbao-letter-") as work:
            source = Path(work) / f"{output.stem}.docx"
            source.write_bytes(data)
            try:
                (pdf,) = docx_to_pdf_many([source], Path(work) / "pdf")
            except PdfError as exc:
                err.print(Text("无法生成 PDF", style="red") + Text(f"：{exc}"))
                raise typer.Exit(2) from None
            output.write_bytes(pdf.read_bytes())
    else:
        output.write_bytes(data)
    out.print(f"已生成{KINDS[key][0]}（{doc_number}）：{output}")
