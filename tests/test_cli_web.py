"""`nianbao user add | token`: accounts for the web application from the command line."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.store import open_store
from nianbao.web.app import create_app

runner = CliRunner()


def test_user_add_reads_the_password_from_stdin_and_token_opens_the_api(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    added = runner.invoke(
        app,
        ["user", "add", "张三", "--role", "经办人", "--organ", "示例县城关镇人民政府", "--db", db],
        input="mima-2025-abc\n",
    )
    assert added.exit_code == 0, added.output
    assert "已添加用户 张三（经办人" in added.output
    again = runner.invoke(
        app,
        ["user", "add", "张三", "--role", "clerk", "--organ", "示例县城关镇人民政府", "--db", db],
        input="mima-2025-abc\n",
    )
    assert again.exit_code == 2 and "已存在" in again.output
    token = runner.invoke(app, ["user", "token", "张三", "--db", db])
    assert token.exit_code == 0
    client = TestClient(create_app(store=open_store(db)))
    response = client.get("/api/reports", headers={"authorization": f"Bearer {token.output.strip()}"})
    assert response.status_code == 200 and response.json() == []


def test_user_add_refuses_bad_roles_and_short_passwords(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    bad_role = runner.invoke(
        app,
        ["user", "add", "李四", "--role", "局长", "--organ", "示例县人民政府", "--db", db],
        input="x" * 10,
    )
    assert bad_role.exit_code == 2 and "经办人" in bad_role.output
    short = runner.invoke(
        app,
        ["user", "add", "李四", "--role", "只读", "--organ", "示例县人民政府", "--db", db],
        input="short\n",
    )
    assert short.exit_code == 2 and "至少 8 个字符" in short.output
    missing = runner.invoke(app, ["user", "token", "王五", "--db", db])
    assert missing.exit_code == 2 and "没有用户" in missing.output
