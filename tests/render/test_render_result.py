"""write_report: one composition gives the file, the blank cells by their printed names, and the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.render import RenderRefused, write_report
from nianbao.synth import generate


def test_result_names_blank_cells_as_printed(tmp_path: Path) -> None:
    report = generate(3, 2024)
    report.tables["applications"]["r_granted"]["natural"] = None
    report.tables["review_litigation"]["review"]["upheld"] = None
    result = write_report(report, "md", tmp_path / "r.md", draft=True)
    assert result.path == tmp_path / "r.md" and result.path.is_file()
    assert result.blank_cells == ["表三“予以公开”行“自然人”列", "表四“行政复议”行“结果维持”列"]


def test_clean_report_has_no_blanks_or_findings(tmp_path: Path) -> None:
    result = write_report(generate(4, 2020), "html", tmp_path / "r.html")
    assert result.blank_cells == [] and result.findings == []


def test_refused_report_writes_nothing(tmp_path: Path) -> None:
    report = generate(5, 2024)
    report.tables["applications"]["new_received"]["natural"] = 999
    with pytest.raises(RenderRefused):
        write_report(report, "md", tmp_path / "r.md")
    assert not (tmp_path / "r.md").exists()
    draft = write_report(report, "md", tmp_path / "r.md", draft=True)
    assert {f.rule for f in draft.findings} >= {"T3-LEDGER"}
