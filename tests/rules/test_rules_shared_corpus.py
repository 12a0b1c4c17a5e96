"""The rule catalogue on the real reports in ../shared/corpus against their hand-checked gold answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nianbao.api import check_many, link_years, parse
from nianbao.model import Report
from nianbao.rules.registry import run_pair_rules

# The form's own arithmetic (what the gold's `arithmetic` field lists): sums of 表三 and 表四.
ARITHMETIC = {"T3-LEDGER", "T3-ROWSUM", "T3-RESULTSUM", "T4-REVIEW", "T4-LIT-DIRECT", "T4-LIT-AFTER"}
GOLD = {
    "000_acb5563c37669c5b": "ningxia/000_acb5563c37669c5b.txt",
    "001_3c60d520485f420a": "ningxia/001_3c60d520485f420a.txt",
    "002_d070556dd3547502": "ningxia/002_d070556dd3547502.txt",
    "003_e6abb03ef6048be4": "ningxia/003_e6abb03ef6048be4.txt",
    "004_4417505fcde5e58e": "ningxia/004_4417505fcde5e58e.txt",
    "hongze-2023": "jiangsu/hongze-2023.pdf",
    "hongze-2024": "jiangsu/hongze-2024.pdf",
}


def rules_of(report: Report) -> list[str]:
    return [f.rule for f in report.findings]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_shared_corpus_arithmetic_findings_are_exactly_the_gold(corpus: Path, name: str) -> None:
    report = parse(corpus / GOLD[name])
    gold = json.loads((corpus / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    assert {r for r in rules_of(report) if r in ARITHMETIC} == set(gold["arithmetic"])


def test_shared_corpus_hongze_years_linked_and_carry_over_consistent(corpus: Path) -> None:
    results = check_many([corpus / "jiangsu" / "hongze-2024.pdf", corpus / "jiangsu" / "hongze-2023.pdf"])
    reports = [r for _, r in results]
    assert all(isinstance(r, Report) for r in reports)
    later, earlier = reports
    assert isinstance(later, Report) and isinstance(earlier, Report)
    assert (later.organ, earlier.organ) == ("淮安市洪泽区人民政府", "洪泽区人民政府")
    assert link_years([later, earlier]) == {0: 1}
    # What the carry-over rule finds: 2024 上年结转 (0 in every column) equals 2023 结转下年度 (0),
    # and 行政规范性文件 现行有效 8 = 5 + 3 − 0, so no cross-year finding at all.
    cross = {"T3-CARRY-XYEAR", "T2-VALID-XYEAR", "T2-REPEALED-LE", "S-DUPLICATE"}
    assert not cross & set(rules_of(later))
    # The rule does run on this pair: a changed 2023 carry-forward is caught, in 2024's 上年结转 cells.
    earlier.tables["applications"]["carry_forward"]["natural"] = 2
    found = [f for f in run_pair_rules(later, earlier) if f.rule == "T3-CARRY-XYEAR"]
    assert [f.cells for f in found] == [["applications.carried_over.natural"]]
    assert found[0].where is not None and found[0].where.page is not None


def test_shared_corpus_hongze_2024_prose_17_against_table_95(corpus: Path) -> None:
    report = parse(corpus / "jiangsu" / "hongze-2024.pdf")
    found = [f for f in report.findings if f.rule == "X-TEXT-NEW_RECEIVED"]
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert (
        "17件" in found[0].message
        and "95" in found[0].message
        and "受理政府信息公开申请17件" in found[0].message
    )
    assert found[0].cells[0] == "applications.new_received.total"
    assert found[0].where is not None


def test_shared_corpus_hongze_2023_prose_21_agrees_with_table(corpus: Path) -> None:
    report = parse(corpus / "jiangsu" / "hongze-2023.pdf")
    assert not [f for f in report.findings if f.rule.startswith("X-TEXT")]


def test_shared_corpus_taole_2020_prose_parts_exceed_whole(corpus: Path) -> None:
    report = parse(corpus / "ningxia" / "000_acb5563c37669c5b.txt")
    found = [f for f in report.findings if f.rule == "P-SUM"]
    assert len(found) == 1
    assert "290" in found[0].message and "110+109+191" in found[0].message
    assert found[0].where is not None and found[0].where.line is not None
    # Spec §8 P-24: those numbers are about documents, not about applications: no text-vs-table finding.
    assert not [f for f in report.findings if f.rule.startswith("X-TEXT") or f.rule == "T3-TEXT-ZERO"]


@pytest.mark.parametrize("name", ["001_3c60d520485f420a", "003_e6abb03ef6048be4", "004_4417505fcde5e58e"])
def test_shared_corpus_no_applications_sentence_agrees_with_zero_table(corpus: Path, name: str) -> None:
    report = parse(corpus / GOLD[name])
    assert "T3-TEXT-ZERO" not in rules_of(report)
    assert "P-RATE" not in rules_of(report)  # 003: 38件 / 37件 → 答复率97.37% is right
