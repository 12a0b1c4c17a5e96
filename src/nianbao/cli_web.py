"""Commands for the web application and for looking at a source page: serve, user, show
(registered in cli.py)."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="数据库：SQLite 文件路径或 postgresql://… 地址（默认 nianbao.db）"),
]

user_app = typer.Typer(
    help="网页应用的账户：添加用户、生成接口令牌。", no_args_is_help=True, rich_markup_mode=None
)


def serve_command(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="监听地址（默认只在本机）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="先写入演示数据（一个县、三个乡镇、带错误的报告和账户）")
    ] = False,
) -> None:
    """启动网页应用（上传核对、年报编制、公开办审核、统计、公开页面）。

    例：nianbao serve --db 年报.db --port 8000，然后在浏览器打开 http://127.0.0.1:8000/"""
    try:
        import uvicorn

        from .store import open_store
        from .web.app import create_app
    except ImportError:
        err.print("网页应用需要额外的软件包：pip install 'nianbao[web]'")
        raise typer.Exit(2) from None
    store = open_store(db)
    if demo:
        from .web.demo import DEMO_PASSWORD, load_demo

        accounts = load_demo(store)
        out.print(f"已写入演示数据；账户（密码均为 {DEMO_PASSWORD}）：" + "、".join(accounts))
    out.print(f"nianbao 网页应用：http://{host}:{port}/  （Ctrl+C 停止）")
    uvicorn.run(create_app(store=store), host=host, port=port, log_level="warning")


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != first:
            err.print("两次输入的密码不一致")
            raise typer.Exit(2)
        return first
    return sys.stdin.readline().rstrip("\r\n")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[str, typer.Option("--role", help="角色：管理员、公开办、经办人、负责人、只读")],
    organ: Annotated[str, typer.Option("--organ", help="所属机关，如 示例县城关镇人民政府")],
    db: DbOpt = None,
) -> None:
    """添加用户；密码从标准输入读取（在终端中输入两次）。

    例：echo '密码至少八位' | nianbao user add 张三 --role 经办人 --organ 示例县城关镇人民政府 --db 年报.db"""
    from .store import open_store
    from .web.accounts import AccountError, add_user
    from .web.permissions import ROLE_NAMES, parse_role

    try:
        chosen = parse_role(role)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--role") from None
    password = _read_password()
    try:
        add_user(open_store(db), name, chosen, organ, password)
    except AccountError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None
    out.print(f"已添加用户 {name}（{ROLE_NAMES[chosen]}，{organ}）")


@user_app.command("token")
def user_token(name: Annotated[str, typer.Argument(help="用户名")], db: DbOpt = None) -> None:
    """生成接口令牌（原令牌随即失效），脚本用 Authorization: Bearer 令牌 调用 /api。

    例：nianbao user token 张三 --db 年报.db"""
    from .store import open_store
    from .web.accounts import AccountError, issue_token

    try:
        print(issue_token(open_store(db), name))
    except AccountError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None


def show_command(
    file: Annotated[Path, typer.Argument(help="PDF 报告或扫描图片")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 PNG 文件")],
    page: Annotated[int | None, typer.Option("--page", help="第几页（默认第一张有表格的页）")] = None,
) -> None:
    """把原文页面画成图片，框出读取的每个单元格并写上读到的数值：绿框已读取，紫框读取存疑，
    橙框、红框为警告、错误涉及的单元格。

    例：nianbao show 报告.pdf --page 3 -o 第3页.png"""
    from .api import parse
    from .readers import ReadError
    from .show import annotated_page, cell_boxes, page_count, pages_with_cells

    try:
        report = parse(file)
        data = file.read_bytes()
    except ReadError as exc:
        err.print(f"无法读取 {exc.path}：{exc.reason}", soft_wrap=True)
        raise typer.Exit(2) from None
    pages = page_count(data)
    if not pages:
        err.print(
            f"{file} 不是 PDF 或图片，没有页面可画（Word、网页、文本报告请用 nianbao parse 查看出处行号）",
            soft_wrap=True,
        )
        raise typer.Exit(2)
    chosen = page if page is not None else next(iter(pages_with_cells(report)), 1)
    if not 1 <= chosen <= pages:
        err.print(f"{file} 共 {pages} 页，没有第 {chosen} 页")
        raise typer.Exit(2)
    annotated_page(data, report, chosen).save(output)
    marked = [b for b in cell_boxes(report) if b.page == chosen]
    doubtful = sum(1 for b in marked if b.status != "ok")
    out.print(f"已写出 {output}：第 {chosen} 页，{len(marked)} 个单元格，其中 {doubtful} 个存疑或涉及问题")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.command("show")(show_command)
    app.add_typer(user_app, name="user")
