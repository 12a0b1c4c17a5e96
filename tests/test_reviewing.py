"""The reviewer's loop: the findings workbook of a batch (one row per finding, a per-unit summary),
publication dates per file, 整改通知 per unit, cross-year findings stored by ingest, and no text from a
document ever becoming a spreadsheet formula."""

from __future__ import annotations

import csv
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao import ReadError, Report, load_many
from nianbao.api import check_batch
from nianbao.cli import app
from nianbao.model import Finding, Source
from nianbao.render import render_text
from nianbao.render.pdf import docx_to_pdf_many
from nianbao.reviewing import (
    FINDING_COLUMNS,
    FINDINGS_SHEET,
    UNIT_COLUMNS,
    UNITS_SHEET,
    read_published_csv,
    write_findings,
)
from nianbao.store import ingest, open_store
from nianbao.synth import generate

runner = CliRunner()
ORGAN = "示例县自然资源局"


def test_the_findings_workbook_of_the_shared_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "核对结果.xlsx"
    result = runner.invoke(app, ["check", str(corpus), "--to", "xlsx", "-o", str(out)])
    assert result.exit_code == 1, result.stderr  # the corpus has error-level findings, every file reads
    expected = [(str(i.display), r) for i, r in load_many([corpus])]
    reports = [r for _, r in expected if isinstance(r, Report)]
    check_batch(reports)
    assert len(reports) == len(expected) >= 12
    book = load_workbook(out)
    rows = list(book[FINDINGS_SHEET].iter_rows(values_only=True))
    assert rows[0] == FINDING_COLUMNS
    assert len(rows) - 1 == sum(len(r.findings) for r in reports)  # one row per finding
    by_rule = {(row[2], row[3]): row for row in rows[1:]}
    hongze = by_rule[(str(corpus / "jiangsu" / "hongze-2024.pdf"), "T3-ROWSET")]
    assert hongze[0] == "淮安市洪泽区人民政府" and hongze[1] == 2024 and hongze[4] == "错误"
    assert hongze[5] == "第4页 “三、收到和处理政…” 表三“其他处理”行“总计”列"
    assert hongze[7] == "表三“其他处理”行“总计”列=0"
    units = list(book[UNITS_SHEET].iter_rows(values_only=True))
    assert units[0] == UNIT_COLUMNS and len(units) - 1 == len(reports)  # one row per unit report
    summary = {row[2]: dict(zip(UNIT_COLUMNS, row, strict=True)) for row in units[1:]}
    h24 = summary[str(corpus / "jiangsu" / "hongze-2024.pdf")]
    report = next(r for r in reports if r.source.path.endswith("hongze-2024.pdf"))
    errors = sum(1 for f in report.findings if f.severity == "error")
    assert (h24["单位"], h24["错误"], h24["上年度报告"]) == (
        "淮安市洪泽区人民政府",
        errors,
        "hongze-2023.pdf",
    )
    assert h24["发布日期"] == "2025年2月25日" and h24["是否按期"] == "按期"
    assert summary[str(corpus / "jiangsu" / "hongze-2023.pdf")]["上年度报告"] == "未找到"
    undated = [row for row in summary.values() if row["发布日期"] is None]
    assert all(row["是否按期"] == "发布日期不明" for row in undated)


def _batch(tmp_path: Path) -> dict[str, Path]:
    """Two years of one organ and another unit's report, as text files."""
    files = {}
    for name, seed, year, organ in (
        ("2023", 3, 2023, ORGAN),
        ("2024", 4, 2024, ORGAN),
        ("other", 5, 2024, "示例县城关镇人民政府"),
    ):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(render_text(generate(seed, year, organ=organ)), encoding="utf-8")
    return files


def test_publication_dates_per_file_from_a_csv(tmp_path: Path) -> None:
    files = _batch(tmp_path)
    dates = tmp_path / "发布日期.csv"
    dates.write_text("文件,发布日期\n2024.txt,2025年4月30日\nother.txt,2025/1/10\n", encoding="utf-8")
    assert read_published_csv(dates) == {"2024.txt": date(2025, 4, 30), "other.txt": date(2025, 1, 10)}
    result = runner.invoke(app, ["check", "--json", "--published", str(dates), *map(str, files.values())])
    reports = {Path(r.source.path).stem: r for r in map(Report.from_json, result.stdout.splitlines())}
    assert [f.rule for f in reports["2024"].findings].count("S-DEADLINE") == 1
    assert "S-DEADLINE" not in [f.rule for f in reports["other"].findings]
    late = reports["2024"].source.published
    assert late is not None and (late.date, late.origin) == (date(2025, 4, 30), "given")
    # One date for many files is refused (it used to be given to every file of the batch).
    many = runner.invoke(app, ["check", "--published", "2025-01-10", *map(str, files.values())])
    assert many.exit_code == 2 and "CSV" in many.stderr and "Traceback" not in many.stderr
    bad = tmp_path / "坏.csv"
    bad.write_text("2024.txt,2025-01-10\nother.txt,下个月\n", encoding="utf-8")
    refused = runner.invoke(app, ["check", "--published", str(bad), str(files["2024"])])
    assert refused.exit_code == 2 and "第2行" in refused.stderr


def test_formula_looking_text_never_becomes_a_formula(tmp_path: Path) -> None:
    report = Report(source=Source(path="=cmd.txt", format="txt"), organ='=HYPERLINK("http://x")', year=2024)
    report.findings = [Finding(rule="S-TITLE", severity="warning", message="-1+2 @SUM(A1) 说明")]
    results: list[tuple[str, Report | ReadError]] = [
        ("+evil.txt", report),
        ("\tbad.pdf", ReadError("x", "=坏")),
    ]
    xlsx, csv_path = tmp_path / "f.xlsx", tmp_path / "f.csv"
    assert write_findings(results, xlsx, "xlsx") == 2
    book = load_workbook(xlsx)
    for sheet in book:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t":
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
    first = [c.value for c in book[FINDINGS_SHEET][2]]
    assert first[0] == '=HYPERLINK("http://x")' and first[2] == "+evil.txt"
    write_findings(results, csv_path, "csv")
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[1][6] == "'-1+2 @SUM(A1) 说明"
    assert rows[2][2] == "'\tbad.pdf" and rows[2][6] == "'=坏"


def test_notices_per_unit_from_their_findings(tmp_path: Path) -> None:
    files = _batch(tmp_path)
    broken = generate(6, 2024, organ="示例县水利局")
    broken.tables["applications"]["r_granted"]["natural"] = 777
    files["broken"] = tmp_path / "broken.txt"
    files["broken"].write_text(render_text(broken), encoding="utf-8")
    out = tmp_path / "整改通知"
    result = runner.invoke(
        app,
        [
            "notice",
            *map(str, files.values()),
            *("-o", str(out), "--issuer", "示例县人民政府办公室"),
            *("--date", "2025年3月1日", "--reply-by", "2025/3/15"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in out.glob("*.docx"))
    assert "示例县水利局-2024-整改通知.docx" in written
    text = "\n".join(p.text for p in Document(str(out / "示例县水利局-2024-整改通知.docx")).paragraphs)
    assert "示例县水利局：" in text and "2025年3月15日前重新报送" in text
    assert "表三“予以公开”行“自然人”列" in text and "=777" in text and "2025年3月1日" in text
    [pdf] = docx_to_pdf_many([out / "示例县水利局-2024-整改通知.docx"], tmp_path / "pdf")
    shown = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    assert "整改通知" in shown.stdout and "示例县人民政府办公室" in shown.stdout


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_ingest_stores_the_cross_year_findings(tmp_path: Path, order: str) -> None:
    files = _batch(tmp_path)
    runs = [[files["2023"]], [files["2024"], files["other"]]]
    if order == "newer first":
        runs.reverse()
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    total = 0
    for run in runs:
        total += ingest(store, run, workers=1).cross_year
    batch = [r for _, r in load_many([files["2023"], files["2024"]]) if isinstance(r, Report)]
    check_batch(batch)
    expected = {(f.rule, tuple(f.cells)) for f in batch[1].findings if f.rule.endswith("XYEAR")}
    assert expected  # the generated years do not carry over: T3-CARRY-XYEAR
    stored = store.latest_report(ORGAN, 2024)
    assert stored is not None
    assert {(f.rule, tuple(f.cells)) for f in stored.findings if f.rule.endswith("XYEAR")} == expected
    assert total >= len(expected)
    # Ingesting again changes nothing and stores no copy of them.
    again = ingest(store, [files["2024"], files["2023"]], workers=1)
    assert again.skipped == 2
    stored_again = store.latest_report(ORGAN, 2024)
    assert stored_again is not None and len(stored_again.findings) == len(stored.findings)
    store.close()
