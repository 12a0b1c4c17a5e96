"""`nianbao ledger` commands for the registers beside the cases: 主动公开 items, 表二 figures, 复议/诉讼
cases (表四), and the opening balance."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

import typer

from .cli_corpus import DbOpt
from .cli_ledger import (
    ByOpt,
    CorrectionOpt,
    OrganOpt,
    TodayOpt,
    _open,
    _problems,
    _today,
    _who,
    ledger_app,
    out,
)
from .editions import E2021
from .ledger.parsing import ValueProblem, parse_date
from .ledger.words import APPEAL_KINDS, APPEAL_RESULTS

# Help texts from the form's own labels.
_DOCUMENT_ROWS = " 或 ".join(r.label for r in E2021.active.blocks[0].rows)
_FIGURE_ROWS = "、".join(r.label for b in E2021.active.blocks[1:] for r in b.rows)

# ---- registers -------------------------------------------------------------------------------------


@ledger_app.command("publish")
def publish_command(
    organ: OrganOpt,
    number: Annotated[str, typer.Option("--number", help="登记编号")],
    title: Annotated[str, typer.Option("--title", help="标题")],
    on: Annotated[str, typer.Option("--on", help="公开（制发）日期")],
    item: Annotated[int, typer.Option("--item", help="属于条例第二十条第几项")] = 1,
    doc_number: Annotated[str, typer.Option("--doc-number", help="文号")] = "",
    channel: Annotated[
        list[str] | None, typer.Option("--channel", help="公开渠道，可重复：政府网站、政务微博…")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=f"{_DOCUMENT_ROWS}（计入表二）")] = None,
    repealed: Annotated[str | None, typer.Option("--repealed", help="废止日期")] = None,
    reviewed: Annotated[bool, typer.Option("--reviewed", help="已经保密审查")] = False,
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """登记一条主动公开的政府信息（规章、行政规范性文件的制发和废止计入表二）；同一编号再次登记即为修改。

    \b
    例：nianbao ledger publish --organ 示例县城关镇人民政府 --number GK-001 --title 关于……的通知 \\
            --on 2025-03-10 --kind 行政规范性文件 --channel 政府网站 --channel 政务微信 --reviewed"""
    from .ledger.parsing import build_active_item

    with _problems():
        entry = build_active_item(
            {
                "number": number,
                "title": title,
                "doc_number": doc_number,
                "article20_item": item,
                "published_on": on,
                "channels": channel,
                "secrecy_reviewed": reviewed,
                "document_row": kind,
                "repealed_on": repealed,
            }
        )
        _open(db).put_entry(organ, "active", number, entry, _who(by), _today(today), correction)
    out.print(f"已登记主动公开信息 {number}：{title}")


@ledger_app.command("figure")
def figure_command(
    organ: OrganOpt,
    row: Annotated[str, typer.Option("--row", help=f"表二的行：{_FIGURE_ROWS}")],
    value: Annotated[str, typer.Option("--value", help="数值（金额以元计）")],
    start: Annotated[str, typer.Option("--from", help="期间开始日期")],
    end: Annotated[str, typer.Option("--to", help="期间结束日期（与开始日期在同一年）")],
    measure: Annotated[
        str,
        typer.Option(
            "--measure",
            help="decisions 处理决定数、amount_yuan 金额（元）、items 事项数、proc_items 采购项目数",
        ),
    ] = "decisions",
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """登记一个期间的表二数字（许可、处罚、强制的处理决定数，收费金额等）；同一行同一期间再登记即为修改。

    \b
    例：nianbao ledger figure --organ 示例县城关镇人民政府 --row 行政许可 --value 120 \\
            --from 2025-01-01 --to 2025-06-30"""
    from .editions import E2019, E2021
    from .ledger.parsing import parse_choice
    from .ledger.registers import Figure

    rows = {r.key: r.label for e in (E2021, E2019) for b in e.active.blocks[1:] for r in b.rows}
    with _problems():
        key = parse_choice(row, rows, "表二的行")
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise ValueProblem(f"无法识别数值“{value}”") from None
        entry = Figure.model_validate(
            {
                "row": key,
                "measure": measure,
                "start": parse_date(start),
                "end": parse_date(end),
                "value": amount,
            }
        )
        number = f"{key}:{measure}:{entry.start.isoformat()}:{entry.end.isoformat()}"
        _open(db).put_entry(organ, "figure", number, entry, _who(by), _today(today), correction)
    out.print(f"已登记{rows[key]} {entry.start}至{entry.end}：{value}")


@ledger_app.command("appeal")
def appeal_command(
    organ: OrganOpt,
    number: Annotated[str, typer.Option("--number", help="复议、诉讼案件编号")],
    kind: Annotated[str, typer.Option("--kind", help="、".join(APPEAL_KINDS.values()))],
    filed: Annotated[str, typer.Option("--filed", help="立案（收到）日期")],
    case: Annotated[str | None, typer.Option("--case", help="所涉申请的编号")] = None,
    result: Annotated[
        str | None, typer.Option("--result", help="审结结果：" + "、".join(APPEAL_RESULTS.values()))
    ] = None,
    decided: Annotated[str | None, typer.Option("--decided", help="审结日期")] = None,
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """登记（或更新审结结果）一件政府信息公开行政复议、行政诉讼案件（计入表四）。

    \b
    例：nianbao ledger appeal --organ 示例县城关镇人民政府 --number FY-2025-1 --kind 行政复议 \\
            --filed 2025-05-06 --case 2025-001 --result 结果维持 --decided 2025-07-01"""
    from .ledger.parsing import build_appeal

    with _problems():
        entry = build_appeal(
            {
                "number": number,
                "kind": kind,
                "filed_on": filed,
                "case_number": case,
                "result": result,
                "decided_on": decided,
            }
        )
        _open(db).put_entry(organ, "appeal", number, entry, _who(by), _today(today), correction)
    out.print(f"已登记复议诉讼案件 {number}")


@ledger_app.command("opening")
def opening_command(
    organ: OrganOpt,
    valid: Annotated[
        list[str] | None,
        typer.Option("--valid", help="台账开始前现行有效的文件数，如 行政规范性文件=12（可重复）"),
    ] = None,
    items: Annotated[
        list[str] | None,
        typer.Option("--items", help="台账开始前一年年底的事项数（2019版表二），如 行政许可=40（可重复）"),
    ] = None,
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """登记期初数：台账开始前已现行有效的规章、行政规范性文件件数（表二“现行有效件数”由此逐年结转），以及事项数。

    \b
    例：nianbao ledger opening --organ 示例县城关镇人民政府 --valid 行政规范性文件=12"""
    from .editions import E2019
    from .ledger.parsing import parse_choice
    from .ledger.registers import OpeningBalance

    documents = {r.key: r.label for r in E2021.active.blocks[0].rows}
    figures = {r.key: r.label for e in (E2021, E2019) for b in e.active.blocks[1:] for r in b.rows}

    def pairs(given: list[str] | None, rows: dict[str, str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in given or []:
            name, _, number = item.partition("=")
            if not number.strip().isdigit():
                raise ValueProblem(f"无法理解“{item}”，应写作 名称=件数")
            out[parse_choice(name, rows, "表二的行")] = int(number)
        return out

    with _problems():
        entry = OpeningBalance.model_validate(
            {"valid_documents": pairs(valid, documents), "items": pairs(items, figures)}
        )
        _open(db).put_entry(organ, "opening", "opening", entry, _who(by), _today(today), correction)
    out.print("已登记期初数。")
