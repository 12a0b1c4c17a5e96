"""The five Ningxia reports in ../shared/corpus parse to their hand-checked gold answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import assert_matches_gold

import nianbao

NINGXIA = [
    "000_acb5563c37669c5b",
    "001_3c60d520485f420a",
    "002_d070556dd3547502",
    "003_e6abb03ef6048be4",
    "004_4417505fcde5e58e",
]


@pytest.mark.parametrize("name", NINGXIA)
def test_shared_corpus_ningxia_report_matches_gold(corpus: Path, name: str) -> None:
    report = nianbao.parse(corpus / "ningxia" / f"{name}.txt")
    gold = json.loads((corpus / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    assert_matches_gold(report.to_dict(), gold)
    assert (report.fee.model_dump() if report.fee else None) == gold["fee"]


@pytest.mark.parametrize("name", NINGXIA)
def test_shared_corpus_ningxia_every_value_keeps_its_line(corpus: Path, name: str) -> None:
    report = nianbao.parse(corpus / "ningxia" / f"{name}.txt")
    source = (corpus / "ningxia" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    for path, value in report.cell_values().items():
        if value is None:
            continue
        where = report.provenance[path]
        assert where.line is not None
        assert where.text in source[where.line - 1]
