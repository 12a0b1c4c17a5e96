"""A cell the reader could not read with certainty (OCR readings that disagree) is kept out, not guessed:
its value is None, its provenance says why and what it may be, G-UNCERTAIN names it, and no arithmetic
finding rests on it."""

from __future__ import annotations

from nianbao.document import Cell, Document
from nianbao.extract import extract
from nianbao.model import Report
from nianbao.readers import read_bytes
from nianbao.render.markdown import render_markdown
from nianbao.rules import run_pair_rules, run_rules
from nianbao.synth import generate

PATH = "applications.r_granted.natural"


def _document(report: Report) -> Document:
    return read_bytes(render_markdown(report).encode("utf-8"), "report.md")


def _mark_uncertain(doc: Document, value: str, readings: tuple[str, ...]) -> Cell:
    """Make the 予以公开 row's first value cell an unsure OCR reading; the cell marked."""
    for table in doc.tables:
        for row in table.rows:
            if any("予以公开" in c.text and "部分" not in c.text for c in row):
                cell = next(c for c in row if c.text.strip() == value)
                cell.uncertain, cell.candidates = True, readings
                return cell
    raise AssertionError("no 予以公开 row")


def _report_with_value(start: int) -> tuple[Report, str]:
    """A consistent generated report whose 予以公开/自然人 count has two digits that no other cell of
    its row repeats, and that count as text."""
    for seed in range(start, start + 200):
        report = generate(seed, 2023)
        row = report.tables["applications"]["r_granted"]
        value = row["natural"]
        if isinstance(value, int) and value >= 10 and list(row.values()).count(value) == 1:
            return report, str(value)
    raise AssertionError("no seed gives such a report")


def test_uncertain_cell_is_none_with_candidates_and_one_finding() -> None:
    expected, value = _report_with_value(3)
    doc = _document(expected)
    other = str(int(value) + 1)
    _mark_uncertain(doc, value, (value, other, "1?"))
    report = extract(doc)
    report.findings.extend(run_rules(report))

    assert report.cell("applications", "r_granted", "natural") is None
    source = report.provenance[PATH]
    assert source.uncertain is True and source.text == value
    assert source.candidates == [int(value), int(other)]
    assert report.uncertain_cells() == {PATH}
    named = [f for f in report.findings if PATH in f.cells]
    assert [f.rule for f in named] == ["G-UNCERTAIN"]
    message = named[0].message
    assert "予以公开" in message and "自然人" in message and f"{value}、{other}" in message
    # Nothing else moved: every other cell reads as generated.
    got, want = report.cell_values(), expected.cell_values()
    assert {k for k in want if got.get(k) != want[k]} == {PATH}


def test_identities_through_an_uncertain_cell_are_not_checked() -> None:
    expected, value = _report_with_value(40)
    doc = _document(expected)
    # The first reading is wrong: taken as read it would break 总计 and the column sum.
    cell = _mark_uncertain(doc, value, (value[::-1] + "1",))
    cell.text = value[::-1] + "1"
    report = extract(doc)
    rules = {f.rule for f in run_rules(report)}
    assert "G-UNCERTAIN" in rules
    assert not rules & {"T3-ROWSUM", "T3-RESULTSUM", "T3-LEDGER", "G-BLANK", "G-INT"}, rules
    # The same report with the value truly wrong (no doubt about it) is an arithmetic error.
    cell.uncertain = False
    wrong = extract(doc)
    assert {"T3-ROWSUM", "T3-RESULTSUM"} <= {f.rule for f in run_rules(wrong)}


def test_cross_year_rules_skip_uncertain_cells() -> None:
    this_year = extract(_document(generate(5, 2023)))
    last_year = generate(6, 2022)
    carried = "applications.carried_over.natural"
    assert any(carried in f.cells for f in run_pair_rules(this_year, last_year))
    this_year.provenance[carried].uncertain = True
    assert not any(carried in f.cells for f in run_pair_rules(this_year, last_year))


def test_uncertain_cell_survives_the_json_contract() -> None:
    expected, value = _report_with_value(3)
    doc = _document(expected)
    _mark_uncertain(doc, value, (value, str(int(value) + 1)))
    report = extract(doc)
    data = report.to_dict()
    assert data["provenance"][PATH]["uncertain"] is True
    assert data["provenance"][PATH]["candidates"] == [int(value), int(value) + 1]
    assert data["tables"]["applications"]["r_granted"]["natural"] is None
    # A cell read for certain carries neither field.
    other = data["provenance"]["applications.r_total.total"]
    assert "uncertain" not in other and "candidates" not in other
    assert Report.from_json(report.to_json()) == report


def _broken_ledger(seed: int) -> tuple[Document, Cell, str]:
    """A document whose 予以公开/自然人 cell was misread as another number (breaking its row's 总计
    and its column's sum) by a reader that can read it again."""
    expected, value = _report_with_value(seed)
    doc = _document(expected)
    misread = str(int(value) + 5)
    cell = _mark_uncertain(doc, value, ())
    cell.uncertain, cell.text = False, misread
    return doc, cell, value


def test_a_cell_breaking_an_identity_is_read_again_and_marked_when_the_readings_differ() -> None:
    doc, cell, value = _broken_ledger(7)
    asked: list[str] = []

    def reread() -> list[str]:
        asked.append(cell.text)
        return [value, value]

    cell.reread = reread
    report = extract(doc)
    assert asked  # read again because T3-ROWSUM and T3-RESULTSUM named it
    source = report.provenance[PATH]
    assert source.uncertain and report.cell("applications", "r_granted", "natural") is None
    assert set(source.candidates or []) == {int(value) + 5, int(value)}
    rules = {f.rule for f in run_rules(report)}
    assert "G-UNCERTAIN" in rules and not rules & {"T3-ROWSUM", "T3-RESULTSUM", "T3-LEDGER"}


def test_a_cell_breaking_an_identity_that_reads_the_same_again_keeps_its_value_and_finding() -> None:
    doc, cell, value = _broken_ledger(8)
    cell.reread = lambda: [cell.text, cell.text]
    report = extract(doc)
    assert report.cell("applications", "r_granted", "natural") == int(value) + 5
    assert not report.uncertain_cells()
    assert {"T3-ROWSUM", "T3-RESULTSUM"} <= {f.rule for f in run_rules(report)}
