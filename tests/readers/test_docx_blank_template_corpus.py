"""The official blank E2021 template (a Word file in the shared corpus) reads as a complete, empty form."""

from __future__ import annotations

from pathlib import Path

import nianbao
from nianbao.editions import E2021


def test_shared_corpus_blank_2021_docx_is_e2021_with_every_cell_blank(corpus: Path) -> None:
    report = nianbao.parse(corpus / "template" / "blank-2021.docx")
    assert report.source.format == "docx"
    # No numbers and no year: the edition can only come from the tables' labels.
    assert report.edition == "E2021"
    assert report.edition_source == "signature"
    expected = {
        "active": E2021.active.cells(),
        "applications": E2021.applications.cells(),
        "review_litigation": E2021.review.cells(),
    }
    for table, rows in expected.items():
        assert set(report.tables[table]) == set(rows), table
        for row, cols in rows.items():
            # Every cell of the form is present, and blank reads as None, never as 0.
            assert report.tables[table][row] == dict.fromkeys(cols), f"{table}.{row}"
    assert not any(f.rule == "G-UNPLACED" for f in report.findings)
