"""`nianbao ledger …`: the 依申请公开台账 from the command line (registered in cli.py).

Each command opens the database (the same one `ingest` uses), calls the ledger API and prints Chinese
for people or JSON for programs. Bad input is a clear message and exit code 2, never a traceback.
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .cli_corpus import DbOpt
from .editions.outcomes import outcome_label
from .ledger import (
    BeforeLedger,
    Case,
    CorrectionRequested,
    FeeNotified,
    InvalidEvent,
    Ledger,
    OutcomeNotInEdition,
    Replied,
    Settings,
    Status,
    UnknownRegion,
)
from .ledger.calendar import WorkCalendar
from .ledger.clock import count_working_days, day_text
from .ledger.parsing import (
    ValueProblem,
    build_event,
    parse_applicant_type,
    parse_channel,
    parse_date,
)
from .ledger.store import LedgerError, LedgerStore, open_ledgers
from .ledger.words import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    APPLICANT_TYPES,
    CHANNELS,
    EVENTS,
    STATES,
)

# Piped output keeps whole dates and names in tables (a terminal gets its own width).
_WIDTH = None if sys.stdout.isatty() else 160
# Messages carry what people typed (names, file paths): never read as rich markup.
out = Console(highlight=False, soft_wrap=True, width=_WIDTH, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

ledger_app = typer.Typer(
    help=(
        "依申请公开台账：登记申请和办理过程，按法定期限计算答复日期，由台账生成年度报告表格。\n\n"
        "例：nianbao ledger init --organ 示例县城关镇人民政府 --opening-year 2025\n"
        "    nianbao ledger add --organ 示例县城关镇人民政府 --number 2025-001 --applicant 张三 "
        "--type 自然人 --received 2025-03-03\n"
        "    nianbao ledger cases --organ 示例县城关镇人民政府"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

OrganOpt = Annotated[
    str, typer.Option("--organ", help="机关名称，如 示例县城关镇人民政府", show_default=False)
]
TodayOpt = Annotated[
    str | None, typer.Option("--today", help="按哪一天计算状态和是否超期（默认今天），如 2025-06-30")
]
ByOpt = Annotated[str | None, typer.Option("--by", help="经办人（记入修改记录；默认当前系统用户）")]
CorrectionOpt = Annotated[
    str | None,
    typer.Option("--correction", help="修改已冻结年度的数据时，写明更正理由（记入修改记录）"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="每行输出一个 JSON 对象")]

T = TypeVar("T")
# Examples in the help, from the form's own labels.
_OUTCOME_EXAMPLES = "、".join(outcome_label(k) for k in ("r_granted", "r_denied_state_secret"))


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _today(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except ValueProblem as exc:
        raise typer.BadParameter(str(exc), param_hint="--today") from None


@contextmanager
def _problems() -> Iterator[None]:
    """Turn every refusal of the ledger into a Chinese message and exit code 2."""
    try:
        yield
    except (LedgerError, InvalidEvent, ValueProblem, BeforeLedger, OutcomeNotInEdition, UnknownRegion) as exc:
        err.print(Text("无法完成", style="red") + Text(f"：{exc}"))
        raise typer.Exit(2) from None
    except ValidationError as exc:
        reasons = "；".join(str(e["msg"]) for e in exc.errors())
        err.print(Text("数据不合要求", style="red") + Text(f"：{reasons}"))
        raise typer.Exit(2) from None


def _open(db: str | None) -> LedgerStore:
    return open_ledgers(db)


def _value(parse: Callable[[object], T], value: object, hint: str) -> T:
    try:
        return parse(value)
    except ValueProblem as exc:
        raise typer.BadParameter(str(exc), param_hint=hint) from None


# ---- setting up --------------------------------------------------------------------------------


@ledger_app.command("init")
def init_command(
    organ: OrganOpt,
    opening_year: Annotated[
        int,
        typer.Option(
            "--opening-year", help="台账从哪一年开始完整记录（此前收到、尚未办结的申请作为期初结转录入）"
        ),
    ],
    region: Annotated[
        list[str] | None,
        typer.Option("--region", help="启用地区节假日（如 ningxia 宁夏：开斋节、古尔邦节），可重复"),
    ] = None,
    number_pattern: Annotated[
        str,
        typer.Option(
            "--number-pattern", help="文书文号格式，{year} 年份、{seq} 序号，如 城政依复〔{year}〕{seq}号"
        ),
    ] = "〔{year}〕{seq}号",
    review_organ: Annotated[
        str, typer.Option("--review-organ", help="行政复议机关（写入答复书的救济告知）")
    ] = "",
    court: Annotated[str, typer.Option("--court", help="行政诉讼的人民法院（写入答复书的救济告知）")] = "",
    db: DbOpt = None,
    by: ByOpt = None,
) -> None:
    """建立一个机关的台账。

    \b
    例：nianbao ledger init --organ 示例县城关镇人民政府 --opening-year 2025 --region ningxia"""
    with _problems():
        regions = tuple(region or ())
        WorkCalendar(regions)  # an unknown region is refused here, with the known ones named
        settings = Settings(
            regions=regions, number_pattern=number_pattern, review_organ=review_organ, court=court
        )
        _open(db).create(organ, opening_year, settings, _who(by))
    out.print(f"已建立“{organ}”的台账（自{opening_year}年起）。")


@ledger_app.command("set")
def set_command(
    organ: OrganOpt,
    address: Annotated[str | None, typer.Option("--address", help="联系地址（写入年度报告）")] = None,
    postcode: Annotated[str | None, typer.Option("--postcode", help="邮编")] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", help="联系电话，可重复")] = None,
    email: Annotated[list[str] | None, typer.Option("--email", help="电子邮箱，可重复")] = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="报告电子版的网址，可重复")] = None,
    region: Annotated[
        list[str] | None, typer.Option("--region", help="地区节假日（替换原设置），可重复")
    ] = None,
    number_pattern: Annotated[str | None, typer.Option("--number-pattern", help="文书文号格式")] = None,
    review_organ: Annotated[str | None, typer.Option("--review-organ", help="行政复议机关")] = None,
    court: Annotated[str | None, typer.Option("--court", help="行政诉讼的人民法院")] = None,
    db: DbOpt = None,
    by: ByOpt = None,
) -> None:
    """修改台账设置：联系方式（年度报告用）、地区节假日、文书文号格式、复议机关和法院。只改给出的项。

    \b
    例：nianbao ledger set --organ 示例县城关镇人民政府 --address 示例县人民路1号 --phone 0951-1234567 \\
            --url http://www.example.gov.cn"""
    with _problems():
        store = _open(db)
        settings = store.load(organ).settings
        given = {"address": address, "postcode": postcode, "phone": phone, "email": email, "url": url}
        contact = settings.contact.model_copy(update={k: v for k, v in given.items() if v is not None})
        changes: dict[str, Any] = {"contact": contact}
        if region is not None:
            WorkCalendar(region)
            changes["regions"] = tuple(region)
        for key, value in (
            ("number_pattern", number_pattern),
            ("review_organ", review_organ),
            ("court", court),
        ):
            if value is not None:
                changes[key] = value
        store.update_settings(organ, Settings.model_validate({**settings.model_dump(), **changes}), _who(by))
    out.print(f"已更新“{organ}”的台账设置。")


# ---- cases and events ----------------------------------------------------------------------------


@ledger_app.command("add")
def add_command(
    organ: OrganOpt,
    number: Annotated[str, typer.Option("--number", help="编号（机关内唯一），如 2025-001")],
    applicant: Annotated[str, typer.Option("--applicant", help="申请人姓名或名称")],
    applicant_type: Annotated[
        str, typer.Option("--type", help="申请人类型：" + "、".join(APPLICANT_TYPES.values()))
    ],
    received: Annotated[
        str, typer.Option("--received", help="收到申请日期（条例第三十一条），如 2025-03-03")
    ],
    channel: Annotated[
        str, typer.Option("--channel", help="申请方式：" + "、".join(CHANNELS.values()))
    ] = "网络",
    request: Annotated[str, typer.Option("--request", help="申请内容")] = "",
    identity: Annotated[
        str | None,
        typer.Option("--id", help="身份证号或统一社会信用代码（只保存其加密摘要，用于按月累计收费件数）"),
    ] = None,
    pieces: Annotated[int, typer.Option("--pieces", help="按件计收时拆分的件数（一事一申请）")] = 1,
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """登记一件政府信息公开申请。

    \b
    例：nianbao ledger add --organ 示例县城关镇人民政府 --number 2025-001 --applicant 张三 --type 自然人 \\
        --received 2025-03-03 --channel 当面 --request 申请公开某路段改造工程的招标文件"""
    with _problems():
        store = _open(db)
        key = store.identity_key(organ, identity) if identity else None
        case = Case.model_validate(
            {
                "number": number,
                "applicant": {
                    "name": applicant,
                    "type": _value(parse_applicant_type, applicant_type, "--type"),
                    "identity_key": key,
                },
                "channel": _value(parse_channel, channel, "--channel"),
                "received_on": _value(parse_date, received, "--received"),
                "request": request,
                "pieces": pieces,
            }
        )
        store.add_cases(organ, [case], _who(by), _today(today), correction)
        ledger = store.load(organ)
        state = ledger.status(ledger.case(number), _today(today))
    out.print(f"已登记申请 {number}。{_due_sentence(state)}")


@ledger_app.command("event")
def event_command(
    number: Annotated[str, typer.Argument(help="申请编号", show_default=False)],
    kind: Annotated[str, typer.Argument(help="事件：" + "、".join(EVENTS.values()), show_default=False)],
    organ: OrganOpt,
    on: Annotated[str, typer.Option("--on", help="事件日期，如 2025-03-05")],
    outcome: Annotated[
        str | None, typer.Option("--outcome", help=f"答复的办理结果（表三的结果行），如 {_OUTCOME_EXAMPLES}")
    ] = None,
    basis: Annotated[str | None, typer.Option("--basis", help="答复的法律依据（默认按办理结果）")] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help="补正期限（补正告知）")] = None,
    party: Annotated[str | None, typer.Option("--party", help="征求意见对象：第三方 或 其他机关")] = None,
    addressee: Annotated[str | None, typer.Option("--addressee", help="征求意见对象的名称")] = None,
    approved_by: Annotated[str | None, typer.Option("--approved-by", help="延期批准人")] = None,
    notified: Annotated[str | None, typer.Option("--notified", help="延期告知申请人的日期")] = None,
    days: Annotated[int | None, typer.Option("--days", help="延期的工作日数（最多20）")] = None,
    amount: Annotated[str | None, typer.Option("--amount", help="收费金额（元）")] = None,
    method: Annotated[str | None, typer.Option("--method", help="收费方式：按件计收 或 按量计收")] = None,
    units: Annotated[int | None, typer.Option("--units", help="按件的件数或按量的页数")] = None,
    note: Annotated[str | None, typer.Option("--note", help="备注")] = None,
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
    correction: CorrectionOpt = None,
) -> None:
    """记录办理过程中的一个事件（补正告知、补正收到、征求意见开始/结束、延期答复、收费通知、缴费、答复、撤回申请）。

    \b
    例：nianbao ledger event 2025-001 补正告知 --organ 示例县城关镇人民政府 --on 2025-03-05 \\
            --deadline 2025-03-19
        nianbao ledger event 2025-001 答复 --organ 示例县城关镇人民政府 --on 2025-04-10 --outcome 予以公开"""
    with _problems():
        event = build_event(
            kind,
            on,
            {
                "note": note,
                "deadline": deadline,
                "addressee": addressee,
                "approved_by": approved_by,
                "notified_on": notified,
                "working_days": days,
                "units": units,
                "party": party,
                "method": method,
                "amount_yuan": amount,
                "outcome": outcome,
                "legal_basis": basis,
            },
        )
        event_kind = event.kind
        store = _open(db)
        store.add_event(organ, number, event, _who(by), _today(today), correction)
        ledger = store.load(organ)
        state = ledger.status(ledger.case(number), _today(today))
    out.print(f"已记录 {number} 的{EVENTS[event_kind]}（{day_text(event.on)}）。{_due_sentence(state)}")
    for warning in state.warnings:
        err.print(Text("注意", style="yellow") + Text(f"：{warning}"))


def _due_sentence(state: Status) -> str:
    if state.state == "concluded":
        assert state.concluded_on is not None
        return f"已于{day_text(state.concluded_on)}办结。"
    if state.due is not None:
        mark = "（暂定）" if state.provisional else ""
        return f"答复期限：{day_text(state.due.due)}{mark}。"
    return f"当前{STATES[state.state]}，答复期限暂停计算。"


def _case_json(case: Case, state: Status) -> dict[str, Any]:
    return {
        "id": case.number,
        "applicant": case.applicant.name,
        "applicant_type": case.applicant.type,
        "channel": case.channel,
        "received": case.received_on.isoformat(),
        "state": state.state,
        "due": state.due.due.isoformat() if state.due is not None and state.state != "concluded" else None,
        "overdue": state.overdue,
        "provisional": state.provisional,
        "concluded": state.concluded_on.isoformat() if state.concluded_on else None,
        "outcome": state.outcome,
        "correction_due": state.correction_due.isoformat() if state.correction_due else None,
        "consultation_due": state.consultation_due.isoformat() if state.consultation_due else None,
        "payment_due": state.payment_due.isoformat() if state.payment_due else None,
        "warnings": state.warnings,
    }


@ledger_app.command("cases")
def cases_command(
    organ: OrganOpt,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    today: TodayOpt = None,
    open_only: Annotated[bool, typer.Option("--open", help="只列出未办结的申请")] = False,
) -> None:
    """列出台账中的申请：编号、申请人、收到日期、状态、答复期限、是否超期。

    \b
    例：nianbao ledger cases --organ 示例县城关镇人民政府 --today 2025-04-01
        nianbao ledger cases --organ 示例县城关镇人民政府 --json"""
    as_of = _today(today)
    with _problems():
        ledger = _open(db).load(organ)
        rows = [(c, s) for c, s in ledger.statuses(as_of) if not (open_only and s.state == "concluded")]
    if as_json:
        for case, state in rows:
            print(json.dumps(_case_json(case, state), ensure_ascii=False))
        return
    table = Table(title=f"{organ} 依申请公开台账（截至{as_of.isoformat()}，共{len(rows)}件）")
    for name in ("编号", "申请人", "类型", "收到日期", "状态", "答复期限", "办理结果"):
        table.add_column(name)
    for case, state in rows:
        due: str | Text = "—"
        if state.state != "concluded" and state.due is not None:
            due = state.due.due.isoformat() + ("（暂定）" if state.provisional else "")
        if state.overdue:
            due = Text(f"{due} 已超期" if state.state != "concluded" else "逾期答复", style="red")
        result = outcome_label(state.outcome) if state.outcome else ""
        table.add_row(
            case.number,
            case.applicant.name,
            APPLICANT_TYPES[case.applicant.type],
            case.received_on.isoformat(),
            STATES[state.state],
            due,
            result,
        )
    out.print(table)


@ledger_app.command("show")
def show_command(
    number: Annotated[str, typer.Argument(help="申请编号", show_default=False)],
    organ: OrganOpt,
    db: DbOpt = None,
    today: TodayOpt = None,
) -> None:
    """显示一件申请的办理过程和答复期限的计算过程（计入的工作日、跨越的节假日和调休、暂停的天数）。

    \b
    例：nianbao ledger show 2025-001 --organ 示例县城关镇人民政府"""
    as_of = _today(today)
    with _problems():
        ledger = _open(db).load(organ)
        try:
            case = ledger.case(number)
        except KeyError:
            raise LedgerError(f"台账中没有编号为“{number}”的申请") from None
        state = ledger.status(case, as_of)
    out.print(
        f"申请 {case.number}：{case.applicant.name}（{APPLICANT_TYPES[case.applicant.type]}），"
        f"{CHANNELS[case.channel]}，{day_text(case.received_on)}收到。{case.request}"
    )
    for event in case.events:
        extra = f"：{outcome_label(event.outcome)}" if isinstance(event, Replied) else ""
        out.print(f"  {day_text(event.on)}　{EVENTS[event.kind]}{extra}")
        if isinstance(event, FeeNotified):
            _show_fee(ledger, case, event)
    for appeal in (a for a in ledger.appeals if a.case_number == case.number):
        result = f"，{APPEAL_RESULTS[appeal.result]}" if appeal.result else "，尚未审结"
        out.print(f"  {day_text(appeal.filed_on)}　{APPEAL_KINDS[appeal.kind]}（{appeal.number}）{result}")
    out.print(f"状态：{STATES[state.state]}。{_due_sentence(state)}")
    explained = state.due or state.projected_due
    if explained is not None:
        out.print("期限计算：")
        for line in explained.explain():
            out.print(f"  {line}")
    noticed = any(isinstance(e, CorrectionRequested) for e in case.events)
    for label, when in (
        ("补正告知期限", state.correction_notice_due if not (state.concluded_on or noticed) else None),
        ("补正期限", state.correction_due),
        ("征求意见答复期限", state.consultation_due),
        ("缴费期限", state.payment_due),
    ):
        if when is not None:
            out.print(f"{label}：{day_text(when)}")
    for warning in state.warnings:
        out.print(Text("注意", style="yellow") + Text(f"：{warning}"))


def _show_fee(ledger: Ledger, case: Case, notice: FeeNotified) -> None:
    """The fee 109号 allows beside the one notified, so a wrong amount is seen."""
    allowed = ledger.fee_quote(case, notice)
    if allowed is None:
        return
    for line in allowed.explain():
        out.print(f"      {line}")
    if allowed.amount != notice.amount_yuan:
        out.print(
            Text("注意", style="yellow")
            + Text(f"：通知金额{notice.amount_yuan}元与计算结果{allowed.amount}元不符。")
        )


@ledger_app.command("due")
def due_command(
    organ: OrganOpt,
    days: Annotated[int, typer.Option("--days", help="未来多少个工作日内到期")] = 5,
    db: DbOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """列出今后 N 个工作日内到期（以及已经超期）的申请，含补正、征求意见和缴费期限。

    \b
    例：nianbao ledger due --organ 示例县城关镇人民政府 --days 5 --today 2025-03-25"""
    as_of = _today(today)
    with _problems():
        ledger = _open(db).load(organ)
        horizon = count_working_days(ledger.calendar, as_of, days).due
        found = list(_due_items(ledger, as_of, horizon))
    if as_json:
        for number, what, when, overdue in found:
            print(
                json.dumps(
                    {"id": number, "what": what, "due": when.isoformat(), "overdue": overdue},
                    ensure_ascii=False,
                )
            )
        return
    if not found:
        out.print(f"截至{day_text(as_of)}，今后{days}个工作日（至{day_text(horizon)}）内没有到期的事项。")
        return
    out.print(f"截至{day_text(as_of)}，至{day_text(horizon)}到期或已超期的事项：")
    for number, what, when, overdue in found:
        flag = Text("已超期", style="red") if overdue else Text("")
        out.print(Text(f"  {number}　{what}　{day_text(when)} ") + flag)


def _due_items(ledger: Ledger, as_of: date, horizon: date) -> Iterator[tuple[str, str, date, bool]]:
    items = []
    for case, state in ledger.statuses(as_of):
        if state.state == "concluded":
            continue
        for what, when in (
            ("答复期限", state.due.due if state.due else None),
            ("补正期限", state.correction_due),
            ("征求意见答复期限", state.consultation_due),
            ("缴费期限", state.payment_due),
        ):
            if when is not None and when <= horizon:
                items.append((case.number, what, when, when < as_of))
    yield from sorted(items, key=lambda item: (item[2], item[0]))


@ledger_app.command("freeze")
def freeze_command(
    organ: OrganOpt,
    year: Annotated[int, typer.Option("--year", help="年度")],
    db: DbOpt = None,
    by: ByOpt = None,
    today: TodayOpt = None,
) -> None:
    """年报发布后冻结该年度：此后改变该年报表的修改将被拒绝，除非注明更正理由（--correction）。

    \b
    例：nianbao ledger freeze --organ 示例县城关镇人民政府 --year 2025"""
    with _problems():
        digest = _open(db).freeze(organ, year, _who(by), _today(today))
    out.print(f"{year}年已冻结（报表摘要 {digest[:16]}）。")


@ledger_app.command("audit")
def audit_command(organ: OrganOpt, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """列出台账的全部修改记录：时间、经办人、操作、对象，以及修改前后的内容。"""
    with _problems():
        entries = _open(db).audit(organ)
    for e in entries:
        if as_json:
            print(json.dumps({**e.__dict__, "at": e.at.isoformat()}, ensure_ascii=False))
        else:
            reason = f"（{e.reason}）" if e.reason else ""
            out.print(
                f"{e.at:%Y-%m-%d %H:%M:%S}　{e.who}　{e.action}　{e.entity} {e.key}{reason}", soft_wrap=True
            )


def register(app: typer.Typer) -> None:
    # The other ledger commands attach themselves to ledger_app when their modules load.
    from . import cli_ledger_files, cli_ledger_registers  # noqa: F401

    app.add_typer(ledger_app, name="ledger")
