"""S-DEADLINE from every source of a publication date: the command line over a date in the document over
the file's metadata (PDF, DOCX, HTML), each kept in source.published with its origin."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

from docx import Document as DocxDocument
from typer.testing import CliRunner

from nianbao.api import check_batch, parse
from nianbao.cli import app
from nianbao.model import Report
from nianbao.organs import OrganType, organ_type
from nianbao.render.docx import render_docx
from nianbao.render.html import render_html
from nianbao.render.text import render_text
from nianbao.rules.timeliness import DEFAULT_DEADLINES
from nianbao.synth import generate

YEAR = 2023
DEPARTMENT = "示例市自然资源局"  # a 政府部门: due by 1月31日 of the next year
DUE = date(YEAR + 1, 1, 31)
LATE = date(YEAR + 1, 3, 5)
IN_TIME = date(YEAR + 1, 1, 20)


def report() -> Report:
    return generate(21, YEAR, DEPARTMENT)


def docx_dated(source: Report, created: datetime) -> bytes:
    doc = DocxDocument(io.BytesIO(render_docx(source)))
    doc.core_properties.created = created
    doc.core_properties.modified = created
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def deadline_findings(parsed: Report) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in parsed.findings if f.rule == "S-DEADLINE"]


def test_docx_created_after_the_deadline_warns_from_metadata(tmp_path: Path) -> None:
    path = tmp_path / "late.docx"
    path.write_bytes(docx_dated(report(), datetime(LATE.year, LATE.month, LATE.day, 2, 0)))
    parsed = parse(path)
    assert parsed.source.published is not None
    assert (parsed.source.published.date, parsed.source.published.origin) == (LATE, "metadata")
    found = deadline_findings(parsed)
    assert len(found) == 1
    severity, message = found[0]
    assert severity == "warning"
    assert "文件属性" in message and f"{LATE.year}年{LATE.month}月{LATE.day}日" in message
    assert f"迟{(LATE - DUE).days}天" in message
    assert Report.from_json(parsed.to_json()) == parsed


def test_docx_created_in_time_or_in_the_report_year_gives_nothing(tmp_path: Path) -> None:
    in_time = tmp_path / "in-time.docx"
    in_time.write_bytes(docx_dated(report(), datetime(IN_TIME.year, IN_TIME.month, IN_TIME.day)))
    assert deadline_findings(parse(in_time)) == []
    # A date inside the report year is the template's, not the publication's.
    template = tmp_path / "template.docx"
    template.write_bytes(docx_dated(report(), datetime(YEAR, 6, 1)))
    parsed = parse(template)
    assert parsed.source.published is None
    assert deadline_findings(parsed) == []


def test_command_line_date_overrides_file_metadata(tmp_path: Path) -> None:
    path = tmp_path / "late.docx"
    path.write_bytes(docx_dated(report(), datetime(LATE.year, LATE.month, LATE.day)))
    runner = CliRunner()
    in_time = runner.invoke(app, ["check", "--json", "--published", IN_TIME.isoformat(), str(path)])
    data = json.loads(in_time.stdout)
    assert data["source"]["published"]["origin"] == "given"
    assert data["source"]["published"]["date"] == IN_TIME.isoformat()
    assert "S-DEADLINE" not in {f["rule"] for f in data["findings"]}
    later = date(YEAR + 1, 4, 1)
    late = runner.invoke(app, ["check", "--json", "--published", later.isoformat(), str(path)])
    found = [f for f in json.loads(late.stdout)["findings"] if f["rule"] == "S-DEADLINE"]
    assert [f["severity"] for f in found] == ["error"]
    assert "核对时指定" in found[0]["message"] and f"迟{(later - DUE).days}天" in found[0]["message"]


def test_signature_date_in_the_document_beats_file_metadata(tmp_path: Path) -> None:
    source = report()
    source.sections[-1].text += f"\n{DEPARTMENT}\n{IN_TIME.year}年{IN_TIME.month}月{IN_TIME.day}日"
    path = tmp_path / "signed.docx"
    path.write_bytes(docx_dated(source, datetime(LATE.year, LATE.month, LATE.day)))
    parsed = parse(path)
    assert parsed.source.published is not None
    assert (parsed.source.published.date, parsed.source.published.origin) == (IN_TIME, "document")
    assert deadline_findings(parsed) == []


def test_late_signature_date_is_an_error_located_at_its_line(tmp_path: Path) -> None:
    source = report()
    source.sections[-1].text += f"\n{DEPARTMENT}\n{LATE.year}年{LATE.month}月{LATE.day}日"
    path = tmp_path / "signed.txt"
    path.write_text(render_text(source), encoding="utf-8")
    parsed = parse(path)
    found = [f for f in parsed.findings if f.rule == "S-DEADLINE"]
    assert [f.severity for f in found] == ["error"]
    assert found[0].where is not None and found[0].where.line is not None
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[found[0].where.line - 1].strip() == f"{LATE.year}年{LATE.month}月{LATE.day}日"


def test_published_line_in_a_text_report_is_a_document_date(tmp_path: Path) -> None:
    source = report()
    source.preamble += f"\n发布日期：{LATE.year}-{LATE.month:02d}-{LATE.day:02d}"
    path = tmp_path / "with-line.txt"
    path.write_text(render_text(source), encoding="utf-8")
    parsed = parse(path)
    assert parsed.source.published is not None
    assert (parsed.source.published.date, parsed.source.published.origin) == (LATE, "document")
    found = [f for f in parsed.findings if f.rule == "S-DEADLINE"]
    assert [f.severity for f in found] == ["error"]
    assert found[0].where is not None and found[0].where.line is not None
    assert "发布日期" in path.read_text(encoding="utf-8").split("\n")[found[0].where.line - 1]


def test_html_pubdate_meta_past_the_deadline_warns(tmp_path: Path) -> None:
    page = render_html(report()).replace(
        "<head>", f'<head>\n<meta name="PubDate" content="{LATE.isoformat()} 09:30">', 1
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    parsed = parse(path)
    assert parsed.source.published is not None
    assert (parsed.source.published.date, parsed.source.published.origin) == (LATE, "metadata")
    assert [s for s, _ in deadline_findings(parsed)] == ["warning"]


def test_html_without_a_date_gives_no_deadline_finding(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(render_html(report()), encoding="utf-8")
    parsed = parse(path)
    assert parsed.source.published is None
    assert deadline_findings(parsed) == []


def test_shared_corpus_hongze_pdf_creation_date_against_deadlines(corpus: Path) -> None:
    parsed = parse(corpus / "jiangsu" / "hongze-2024.pdf")
    # The PDF's Info says it was made on 2025-02-25: within the 3月31日 deadline of a 区人民政府.
    assert parsed.source.published is not None
    assert (parsed.source.published.date, parsed.source.published.origin) == (date(2025, 2, 25), "metadata")
    assert deadline_findings(parsed) == []
    check_batch([parsed], deadlines=DEFAULT_DEADLINES.with_override("government", "02-01"))
    found = deadline_findings(parsed)
    assert [s for s, _ in found] == ["warning"]
    assert "迟24天" in found[0][1]


def test_shared_corpus_pingtan_published_line_is_the_document_date(corpus: Path) -> None:
    path = corpus / "fujian" / "pingtan-2023.txt"
    parsed = parse(path)
    published = parsed.source.published
    assert published is not None and published.where is not None and published.where.line is not None
    assert (published.date, published.origin) == (date(2024, 3, 8), "document")
    assert "发布时间" in path.read_text(encoding="utf-8").split("\n")[published.where.line - 1]
    # 平潭综合实验区 is a place: its report is the local government's, due by 3月31日.
    assert organ_type(parsed.organ) is OrganType.GOVERNMENT
    assert deadline_findings(parsed) == []
    check_batch([parsed], deadlines=DEFAULT_DEADLINES.with_override("government", "03-01"))
    late = [f for f in parsed.findings if f.rule == "S-DEADLINE"]
    # At the date line, named by its first words (no line ordinal is shown to people).
    assert [(f.severity, f.where and f.where.line) for f in late] == [("error", published.where.line)]
    assert late[0].where is not None and late[0].where.label == "“发布时间: 2024-03-…”段"
    assert "迟7天" in late[0].message
