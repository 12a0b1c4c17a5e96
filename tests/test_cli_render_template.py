"""`nianbao render` and `nianbao template` as a user runs them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import yaml
from docx import Document
from typer.testing import CliRunner

from nianbao.api import parse
from nianbao.cli import app
from nianbao.synth import generate

runner = CliRunner()


def _broken_ledger_json(path: Path) -> Path:
    report = generate(11, 2024, "示例县民政局")
    # One more application received than the results and the carry-forward account for.
    report.tables["applications"]["new_received"]["natural"] = (
        int(report.tables["applications"]["new_received"]["natural"] or 0) + 1
    )
    report.tables["applications"]["new_received"]["total"] = (
        int(report.tables["applications"]["new_received"]["total"] or 0) + 1
    )
    path.write_text(report.to_json(), encoding="utf-8")
    return path


def test_broken_ledger_is_refused_with_findings_and_nothing_written(tmp_path: Path) -> None:
    source = _broken_ledger_json(tmp_path / "r.json")
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["render", str(source), "--to", "docx", "-o", str(out)])
    assert result.exit_code == 1
    assert "拒绝生成" in result.output and "T3-LEDGER" in result.output
    assert not out.exists()


def test_broken_ledger_as_draft_is_written_and_marked(tmp_path: Path) -> None:
    source = _broken_ledger_json(tmp_path / "r.json")
    for fmt in ("docx", "html", "md"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(app, ["render", str(source), "--to", fmt, "-o", str(out), "--draft"])
        assert result.exit_code == 1, result.output
        assert out.exists() and "T3-LEDGER" in result.output
        if fmt == "docx":
            header = Document(BytesIO(out.read_bytes())).sections[0].header.paragraphs[0].text
            assert "草稿" in header
        else:
            assert "草稿" in out.read_text(encoding="utf-8")


def test_render_from_yaml(tmp_path: Path) -> None:
    report = generate(5, 2020, "示例县交通运输局")
    source = tmp_path / "r.yaml"
    source.write_text(yaml.safe_dump(report.to_dict(), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "r.md"
    result = runner.invoke(app, ["render", str(source), "--to", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    parsed = parse(out)
    assert parsed.tables == report.tables and parsed.edition == "E2019"


def test_unreadable_input_and_unknown_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    result = runner.invoke(app, ["render", str(bad), "--to", "docx", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "无法读取" in result.output
    result = runner.invoke(app, ["render", str(bad), "--to", "odt", "-o", str(tmp_path / "x.odt")])
    assert result.exit_code == 2 and "不支持" in result.output


def test_template_command_writes_workbook(tmp_path: Path) -> None:
    out = tmp_path / "填报.xlsx"
    result = runner.invoke(app, ["template", "--year", "2025", "--organ", "示例县民政局", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")
