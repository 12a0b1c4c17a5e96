"""The clerk's loop on the fill-in workbook: a blank workbook is refused (or written as a draft), the
workbook guards what is typed (validation, protection), prints well, and a report written into it
(`template --from`, `export --per-report`) reads back whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.editions import REVIEW, edition_for_year
from nianbao.model import Contact, Fee, Report
from nianbao.render import NothingFilled, write_report
from nianbao.synth import generate
from nianbao.workbook import filled_workbook, read_workbook, write_filled, write_template
from nianbao.workbook.labels import AMOUNT_COLUMNS

runner = CliRunner()
FREE_TEXT = {"organ", "address", "postcode", "phone", "fax", "email", "url"}


@pytest.mark.parametrize("year", [2020, 2024])
def test_blank_workbook_is_refused_or_written_as_a_draft(tmp_path: Path, year: int) -> None:
    book = tmp_path / "填报.xlsx"
    write_template(book, year, "示例县民政局")
    out = tmp_path / "报告.docx"
    refused = runner.invoke(app, ["render", str(book), "--to", "docx", "-o", str(out)])
    assert refused.exit_code == 1 and "拒绝生成" in refused.output and "--draft" in refused.output
    assert not out.exists()
    with pytest.raises(NothingFilled):
        write_report(read_workbook(book), "md", tmp_path / "r.md")
    draft = runner.invoke(app, ["render", str(book), "--to", "docx", "-o", str(out), "--draft"])
    assert draft.exit_code == 1 and "草稿" in draft.output
    assert "草稿" in Document(BytesIO(out.read_bytes())).sections[0].header.paragraphs[0].text
    # Warnings are shown as well (a blank report has no contact), by rule and in Chinese.
    assert "警告" in draft.output and "S-CONTACT" in draft.output


def test_one_filled_number_is_enough_and_blanks_are_named_by_their_labels(tmp_path: Path) -> None:
    book = tmp_path / "填报.xlsx"
    layout = write_template(book, 2024, "示例县民政局")
    wb = load_workbook(book)
    sheet, coordinate = layout.cells["applications.new_received.natural"]
    wb[sheet][coordinate] = 3
    wb.save(book)
    result = runner.invoke(app, ["render", str(book), "--to", "md", "-o", str(tmp_path / "r.md"), "--draft"])
    assert "表二“规章”行“本年制发件数”列" in result.output
    assert "active.regulations.made" not in result.output
    assert not any(key in result.output for key in layout.cells)


def test_totals_of_blank_cells_are_blank_even_when_a_spreadsheet_saved_zero(tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    layout = write_template(book, 2024)
    wb = load_workbook(book)
    # What Excel leaves after opening and saving an untouched template: each total's cached value 0.
    sheet, coordinate = layout.cells["applications.r_total.natural"]
    assert str(wb[sheet][coordinate].value).startswith("=")
    report = read_workbook(book)
    assert all(value is None for value in report.cell_values().values())


def _validation_of(ws: object, coordinate: str) -> object | None:
    for check in ws.data_validations.dataValidation:  # type: ignore[attr-defined]
        if coordinate in check.sqref:
            return check
    return None


@pytest.mark.parametrize("year", [2020, 2025])
def test_every_input_cell_is_validated_unlocked_and_everything_else_locked(tmp_path: Path, year: int) -> None:
    book = tmp_path / "t.xlsx"
    layout = write_template(book, year)
    wb = load_workbook(book)
    inputs: dict[str, set[str]] = {}
    for key, (sheet, coordinate) in layout.cells.items():
        inputs.setdefault(sheet, set()).add(coordinate)
        cell = wb[sheet][coordinate]
        check = _validation_of(wb[sheet], coordinate)
        if key in layout.formulas:
            assert cell.protection.locked, key
            continue
        assert not cell.protection.locked, key
        if key.startswith("text.") or key.removeprefix("info.") in FREE_TEXT:
            continue
        assert check is not None, key
        if key.startswith("info.period"):
            assert check.type == "date" and isinstance(cell.value, date)
        elif key == "info.fee_charged":
            assert check.type == "list" and check.formula1 == '"是,否"'
        elif key.rsplit(".", 1)[1] in AMOUNT_COLUMNS or key == "info.fee_amount":
            assert (check.type, check.operator, check.formula1) == ("decimal", "greaterThanOrEqual", "0")
        elif not key.startswith("info.") or key == "info.fee_cases":
            assert (check.type, check.operator, check.formula1) == ("whole", "greaterThanOrEqual", "0"), key
        assert check.showErrorMessage and check.error
    for ws in wb.worksheets:
        if ws.sheet_state == "hidden":
            continue
        # Protected without a password (the help text says how to lift it).
        assert ws.protection.sheet and not ws.protection.password
        assert ws.freeze_panes is not None
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.coordinate not in inputs.get(ws.title, set()):
                    assert cell.protection.locked, (ws.title, cell.coordinate, cell.value)
    review = edition_for_year(year).tables[-1]
    assert review.key == REVIEW
    assert wb[review.name].page_setup.orientation == "landscape"
    for table in edition_for_year(year).tables:
        assert wb[table.name].page_setup.orientation == ("landscape" if table.key == REVIEW else "portrait")
    # The header rows of 表三 and 表四 print on every page.
    assert wb["表三"].print_title_rows == "$3:$5" and wb["表四"].print_title_rows == "$3:$5"
    # The first value cell of 表三 is where the panes freeze: labels and headers stay in view.
    sheet, first = layout.cells["applications.new_received.natural"]
    assert wb[sheet].freeze_panes == first


def _with_contact_and_fee(report_year: int, seed: int) -> Report:
    report = generate(seed, report_year, "示例县交通运输局")
    report.contact = Contact(
        address="示例县人民路1号", postcode="100000", phone=["0591-1234567"], email=["a@b.cn"]
    )
    report.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。"
    if report.edition == "E2021":
        report.fee = Fee(charged=True, cases=2, amount_yuan=Decimal("35.5"))
    for number, section in enumerate(report.sections, start=1):
        section.text = f"第{number}部分的文字。\n第二段。"
    return report


@pytest.mark.parametrize(("year", "seed"), [(2020, 3), (2023, 8), (2024, 21)])
def test_a_report_written_into_the_workbook_reads_back_whole(tmp_path: Path, year: int, seed: int) -> None:
    report = _with_contact_and_fee(year, seed)
    write_filled(report, tmp_path / "r.xlsx", totals="printed")
    back = read_workbook(tmp_path / "r.xlsx")
    assert back.cell_values() == report.cell_values()
    assert [s.text for s in back.sections] == [s.text for s in report.sections]
    assert back.preamble == report.preamble
    assert back.fee == report.fee and back.contact.phone == report.contact.phone
    assert back.period == report.period and back.organ == report.organ
    # Totals written as printed, so a total that does not add up shows exactly that.
    wb, layout = filled_workbook(report, totals="printed")
    sheet, coordinate = layout.cells["applications.r_total.total"]
    assert wb[sheet][coordinate].value == report.cell("applications", "r_total", "total")


def test_template_from_last_years_report_prefills_carry_overs_and_text(tmp_path: Path) -> None:
    last = _with_contact_and_fee(2023, 5)
    source = tmp_path / "2023.json"
    source.write_text(last.to_json(), encoding="utf-8")
    out = tmp_path / "2024填报.xlsx"
    result = runner.invoke(app, ["template", "--from", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = read_workbook(out)
    assert (report.year, report.organ) == (2024, last.organ)
    forward = last.tables["applications"]["carry_forward"]
    assert report.tables["applications"]["carried_over"] == forward
    for row, values in report.tables["active"].items():
        if "valid" in values:
            assert values["valid"] == last.cell("active", row, "valid")
    assert report.tables["applications"]["new_received"]["natural"] is None
    assert [s.text for s in report.sections] == [s.text for s in last.sections]
    assert report.contact.phone == last.contact.phone
    # The totals stay formulas for the clerk: typing the year's figures updates them.
    wb = load_workbook(out)
    layout = filled_workbook(report)[1]
    sheet, coordinate = layout.cells["applications.r_total.natural"]
    assert str(wb[sheet][coordinate].value).startswith("=")


def test_template_from_a_rendered_docx_and_without_a_year(tmp_path: Path) -> None:
    last = generate(12, 2024, "示例县民政局")
    docx = tmp_path / "2024年度报告.docx"
    write_report(last, "docx", docx)
    out = tmp_path / "2025.xlsx"
    result = runner.invoke(app, ["template", "--from", str(docx), "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = read_workbook(out)
    assert report.year == 2025
    assert report.tables["applications"]["carried_over"] == last.tables["applications"]["carry_forward"]
    missing = runner.invoke(app, ["template", "-o", str(out)])
    assert missing.exit_code == 2 and "--year" in missing.output
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    unreadable = runner.invoke(app, ["template", "--from", str(bad), "-o", str(out)])
    assert unreadable.exit_code == 2 and "无法读取" in unreadable.output
