"""One front door: the same report as PDF, DOCX, contract JSON, YAML, a filled workbook and inside a zip
gives the same cells and findings through `load` and through parse, check, render and ingest; every bad
input gets a Chinese reason and exit 2, and no command ever shows a traceback."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao import ReadError, Report, load, load_many, walk
from nianbao.cli import app
from nianbao.model import Finding
from nianbao.render import write_report
from nianbao.render.pdf import reports_to_pdfs
from nianbao.store import ingest, open_store
from nianbao.synth import generate
from nianbao.workbook import write_template

runner = CliRunner()
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _fill_workbook(report: Report, path: Path) -> None:
    """What a clerk does: the template filled in by hand with the report's values and texts."""
    assert report.year is not None
    layout = write_template(path, report.year, report.organ)
    book = load_workbook(path)
    texts = {s.key: s.text for s in report.sections if s.key}
    contact = report.contact
    assert report.period is not None
    values: dict[str, object] = {
        "info.period_start": report.period.start,
        "info.period_end": report.period.end,
        "info.address": contact.address,
        "info.postcode": contact.postcode,
        "info.phone": "、".join(contact.phone),
        "info.email": "、".join(contact.email),
        "info.url": "、".join(contact.url),
        "text.preamble": report.preamble,
        **{f"text.{key}": text for key, text in texts.items()},
        **{path: value for path, value in report.cell_values().items() if path not in layout.formulas},
    }
    for key, value in values.items():
        if key in layout.cells and value not in (None, ""):
            sheet, coordinate = layout.cells[key]
            book[sheet][coordinate] = value
    book.save(path)


def _signature(findings: list[Finding]) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.rule, tuple(f.cells)) for f in findings}


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("forms")
    report = generate(11, 2024, organ="示例县应急管理局")
    # A planted break of the form's arithmetic (结转下年度 too high, its total consistent with it, as the
    # workbook's formula makes it): every form must report it, at the same cells.
    carried = report.tables["applications"]["carry_forward"]
    carried["natural"] = int(carried["natural"] or 0) + 5
    carried["total"] = int(carried["total"] or 0) + 5
    # Signed and dated as reports are: every form carries the same publication date.
    report.sections[-1].text += "\n示例县应急管理局\n2025年1月20日"
    docx = write_report(report, "docx", folder / "报告.docx", draft=True).path
    [pdf] = reports_to_pdfs([report], folder, draft=True)
    parsed = load(docx)
    json_path = folder / "报告.json"
    json_path.write_text(parsed.to_json(indent=1), encoding="utf-8")
    yaml_path = folder / "报告.yaml"
    dumped = yaml.safe_dump(parsed.to_dict(), allow_unicode=True, sort_keys=False)
    yaml_path.write_text(dumped, encoding="utf-8")
    xlsx = folder / "填报.xlsx"
    _fill_workbook(report, xlsx)
    archive = folder / "报告.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(pdf, "下级单位/报告.pdf")
    return {"docx": docx, "pdf": pdf, "json": json_path, "yaml": yaml_path, "xlsx": xlsx, "zip": archive}


def test_every_form_loads_to_the_same_cells_and_findings(forms: dict[str, Path]) -> None:
    reports = {kind: load(path) for kind, path in forms.items()}
    reference = reports["docx"]
    assert any(f.rule == "T3-LEDGER" and f.severity == "error" for f in reference.findings)
    for kind, report in reports.items():
        assert report.cell_values() == reference.cell_values(), kind
        assert _signature(report.findings) == _signature(reference.findings), kind
        assert (report.organ, report.year, report.edition) == ("示例县应急管理局", 2024, "E2021"), kind
    # Read back from JSON/YAML the Report keeps the publication date extraction found: no re-extraction.
    assert reports["json"].source.published == reference.source.published
    assert reports["zip"].source.path.endswith("报告.zip!下级单位/报告.pdf")


def test_the_commands_take_every_form(forms: dict[str, Path], tmp_path: Path) -> None:
    reference = load(forms["docx"])
    for kind, path in forms.items():
        parsed = runner.invoke(app, ["parse", "--json", str(path)])
        assert parsed.exit_code == 1, (kind, parsed.stderr)  # the planted error
        report = Report.from_json(parsed.stdout.strip())
        assert report.cell_values() == reference.cell_values(), kind
        checked = runner.invoke(app, ["check", "--json", str(path)])
        found = Report.from_json(checked.stdout.strip()).findings
        assert _signature(found) == _signature(reference.findings), kind
        out = tmp_path / f"{kind}.md"
        rendered = runner.invoke(app, ["render", str(path), "--to", "md", "-o", str(out)])
        assert rendered.exit_code == 1 and not out.exists(), kind  # refused: the numbers do not add up
        drafted = runner.invoke(app, ["render", str(path), "--to", "md", "-o", str(out), "--draft"])
        assert drafted.exit_code == 1 and "草稿" in out.read_text(encoding="utf-8"), kind
        assert "Traceback" not in rendered.stderr + drafted.stderr + checked.stderr
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    summary = ingest(store, list(forms.values()), workers=1)
    # The archive holds the PDF itself: the same content, stored once.
    assert (summary.seen, summary.parsed, summary.skipped, summary.failed) == (6, 5, 1, 0)
    for kind, path in forms.items():
        if kind == "zip":
            continue
        stored = store.report(hashlib.sha256(path.read_bytes()).hexdigest())
        assert stored is not None, kind
        assert stored.cell_values() == reference.cell_values()
        assert _signature(stored.findings) == _signature(reference.findings)
    store.close()


def test_a_directory_and_an_archive_are_walked_alike(forms: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "批次"
    (folder / "乡镇").mkdir(parents=True)
    for kind in ("docx", "xlsx"):
        (folder / "乡镇" / forms[kind].name).write_bytes(forms[kind].read_bytes())
    (folder / "乡镇" / "~$报告.docx").write_bytes(b"lock")  # Word's lock file: not a report
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (folder / "导出.json").write_text(forms["json"].read_text(encoding="utf-8"), encoding="utf-8")
    other = folder / "核对结果.xlsx"
    _plain_workbook(other)
    archive = tmp_path / "批次.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted((folder / "乡镇").iterdir()):
            z.write(path, f"乡镇/{path.name}")
    from_dir = [(i.display, r) for i, r in load_many([folder])]
    from_zip = [(i.display, r) for i, r in load_many([archive])]
    assert [Path(name).name for name, _ in from_dir] == ["填报.xlsx", "报告.docx"]
    assert [name.split("!")[1] for name, _ in from_zip] == ["乡镇/填报.xlsx", "乡镇/报告.docx"]
    for (_, a), (_, b) in zip(from_dir, from_zip, strict=True):
        assert isinstance(a, Report) and isinstance(b, Report)
        assert a.cell_values() == b.cell_values()
    # Named explicitly, a JSON report is read; an archive with one report loads as that report.
    assert [i.display for i in walk([folder / "导出.json"])] == [str(folder / "导出.json")]
    assert load(forms["zip"]).cell_values() == load(forms["docx"]).cell_values()


def _plain_workbook(path: Path) -> None:
    from openpyxl import Workbook

    Workbook().save(path)


def _bad_inputs(folder: Path) -> dict[str, Path]:
    """Inputs people really hand over by mistake, each with what makes it unreadable."""
    made: dict[str, bytes] = {
        "空文件.txt": b"",
        "乱码.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 4,
        "损坏.zip": b"PK\x03\x04" + b"\x00" * 50,
        "散文.txt": "今天天气很好。\n我们去公园散步。\n".encode(),
        "坏的.json": b'{"schema": "nianbao.report/1", "organ": ',
        "别的.json": json.dumps({"schema": "other/2", "name": "x"}).encode(),
        "字段错.json": json.dumps({"source": {"path": "a", "format": "json"}, "year": "去年"}).encode(),
        "列表.json": b"[1, 2, 3]",
        "坏的.yaml": b"schema: nianbao.report/1\norgan: [unclosed\n",
        "二进制.docx": bytes(range(256)) * 8,
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    empty_zip = folder / "空压缩包.zip"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("说明.png", b"\x89PNG")
    paths["空压缩包.zip"] = empty_zip
    other = folder / "普通表格.xlsx"
    _plain_workbook(other)
    paths["普通表格.xlsx"] = other
    paths["不存在.pdf"] = folder / "不存在.pdf"
    return paths


def test_every_bad_input_gets_a_chinese_reason(tmp_path: Path) -> None:
    for name, path in _bad_inputs(tmp_path).items():
        with pytest.raises(ReadError) as caught:
            load(path)
        assert CHINESE.search(caught.value.reason), (name, caught.value.reason)
        assert "Traceback" not in caught.value.reason and "Error" not in caught.value.reason, name


def test_every_cli_failure_path_exits_2_without_a_traceback(tmp_path: Path, forms: dict[str, Path]) -> None:
    bad = _bad_inputs(tmp_path)
    two = tmp_path / "两份.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.write(forms["docx"], "a.docx")
        z.write(forms["yaml"], "b.yaml")
    out = tmp_path / "out.docx"
    for name, path in bad.items():
        for args in (
            ["parse", str(path)],
            ["check", str(path)],
            ["check", "--json", str(path)],
            ["render", str(path), "--to", "docx", "-o", str(out)],
            ["ingest", str(path), "--db", str(tmp_path / "bad.db"), "--workers", "1"],
        ):
            result = runner.invoke(app, args)
            assert result.exit_code == 2, (name, args, result.stdout, result.stderr)
            assert result.exception is None or isinstance(result.exception, SystemExit), (name, args)
            assert "Traceback" not in result.stderr + result.stdout, (name, args)
            assert CHINESE.search(result.stderr), (name, args, result.stderr)
    for args in (
        ["render", str(two), "--to", "docx", "-o", str(out)],  # two reports where one is expected
        ["render", str(tmp_path), "--to", "docx", "-o", str(out)],  # a directory
        ["render", str(forms["docx"]), "--to", "odt", "-o", str(out)],
        ["check", "--published", "去年", str(forms["docx"])],
        ["check", str(tmp_path / "空目录")],
    ):
        if args[-1].endswith("空目录"):
            (tmp_path / "空目录").mkdir()
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout, args
        assert CHINESE.search(result.stderr), (args, result.stderr)
    # The archive of two reports is two inputs for check: both read.
    both = runner.invoke(app, ["check", "--json", str(two)])
    assert both.exit_code == 1 and len(both.stdout.strip().splitlines()) == 2


def test_a_contract_keeps_its_publication_date(forms: dict[str, Path], tmp_path: Path) -> None:
    raw = json.loads(forms["json"].read_text(encoding="utf-8"))
    raw["source"]["published"] = {"date": "2025-06-30", "origin": "given"}
    path = tmp_path / "late.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    report = load(path)
    assert report.source.published is not None and report.source.published.date == date(2025, 6, 30)
    assert any(f.rule == "S-DEADLINE" for f in report.findings)
