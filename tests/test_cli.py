"""The command line: readable and JSON output, exit codes, and bad input in a batch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.render import render_text
from nianbao.synth import generate

runner = CliRunner()


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    clean = tmp_path / "clean.txt"
    clean.write_text(render_text(generate(1, 2024)), encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(render_text(generate(2, 2020)).encode("gbk"))
    broken = generate(3, 2024)
    broken.tables["review_litigation"]["review"]["total"] = 99
    error = tmp_path / "error.txt"
    error.write_text(render_text(broken), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(os.urandom(2000) + b"\x00\x01")
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    untitled = tmp_path / "untitled.txt"
    untitled.write_text(render_text(generate(4, 2024)).split("\n", 2)[2], encoding="utf-8")
    return {
        "clean": clean,
        "gbk": gbk,
        "error": error,
        "empty": empty,
        "noise": noise,
        "prose": prose,
        "untitled": untitled,
    }


def test_parse_json_one_line_per_file_in_input_order(batch: dict[str, Path]) -> None:
    result = runner.invoke(app, ["parse", "--json", str(batch["clean"]), str(batch["gbk"])])
    assert result.exit_code == 0
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["source"]["path"] == str(batch["clean"]) and first["edition"] == "E2021"
    assert second["edition"] == "E2019" and second["year"] == 2020


def test_parse_shows_tables_in_chinese(batch: dict[str, Path]) -> None:
    result = runner.invoke(app, ["parse", str(batch["clean"])], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    for text in (
        "示例县城关镇人民政府",
        "统计期限",
        "三、收到和处理政府信息公开申请情况",
        "行政复议",
        "本年制发件数",
    ):
        assert text in result.stdout


def test_check_exit_codes(batch: dict[str, Path]) -> None:
    assert runner.invoke(app, ["check", str(batch["clean"])]).exit_code == 0
    result = runner.invoke(app, ["check", str(batch["error"])])
    assert result.exit_code == 1
    assert "T4-REVIEW" in result.stdout and "合计" in result.stdout


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty", "文件为空"), ("noise", "无法识别文件编码"), ("prose", "可能不是政府信息公开工作年度报告")],
)
def test_bad_input_exit_2_with_reason_and_others_still_processed(
    batch: dict[str, Path], name: str, reason: str
) -> None:
    result = runner.invoke(app, ["check", str(batch[name]), str(batch["clean"]), str(batch["error"])])
    assert result.exit_code == 2
    assert f"{batch[name]}：" in result.stderr and reason in result.stderr
    assert str(batch["clean"]) in result.stdout and "T4-REVIEW" in result.stdout


def test_missing_path_in_json_mode_keeps_one_line_per_input(batch: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["parse", "--json", str(missing), str(batch["clean"])])
    assert result.exit_code == 2
    first, second = (json.loads(line) for line in result.stdout.strip().split("\n"))
    assert first == {"schema": "nianbao.error/1", "source": {"path": str(missing)}, "error": "文件不存在"}
    assert second["schema"] == "nianbao.report/1"


def test_tables_without_title_give_a_finding_naming_the_file(batch: dict[str, Path]) -> None:
    result = runner.invoke(app, ["check", str(batch["untitled"])])
    assert result.exit_code == 0
    assert str(batch["untitled"]) in result.stdout and "未找到报告标题" in result.stdout


def test_directories_are_walked(batch: dict[str, Path]) -> None:
    result = runner.invoke(app, ["parse", "--json", str(batch["clean"].parent)])
    assert result.exit_code == 2  # the folder holds the bad files too
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.strip().split("\n")]
    assert paths == sorted(str(p) for p in batch.values())


def test_rules_lists_the_registry() -> None:
    result = runner.invoke(app, ["rules", "--json"])
    ids = {json.loads(line)["id"] for line in result.stdout.strip().split("\n")}
    assert {
        "T3-LEDGER",
        "T3-ROWSUM",
        "T3-RESULTSUM",
        "T4-REVIEW",
        "T4-LIT-DIRECT",
        "T4-LIT-AFTER",
        "T4-SHAPE",
        "G-BLANK",
        "S-SECTIONS",
        "S-EDITION-YEAR",
        "S-TITLE",
        "S-PERIOD",
    } <= ids
    assert "T3-LEDGER" in runner.invoke(app, ["rules"], env={"COLUMNS": "200"}).stdout


def test_help_explains_in_chinese() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "退出码" in result.stdout
