"""Comparing a parsed report with a hand-checked gold answer from ../shared/corpus/gold."""

from __future__ import annotations

from typing import Any


def assert_matches_gold(parsed: dict[str, Any], gold: dict[str, Any]) -> None:
    for key in ("organ", "year", "edition", "period", "title"):
        assert parsed[key] == gold[key], key
    assert [s["key"] for s in parsed["sections"]] == [s["key"] for s in gold["sections"]]
    assert [s["heading"] for s in parsed["sections"]] == [s["heading"] for s in gold["sections"]]
    # Every table, row and cell: same keys (a cell the gold lacks must be absent) and same values,
    # where null (blank) and 0 are different answers.
    assert parsed["tables"].keys() == gold["tables"].keys()
    for table, rows in gold["tables"].items():
        assert parsed["tables"][table].keys() == rows.keys(), table
        for row, cells in rows.items():
            assert parsed["tables"][table][row] == cells, f"{table}.{row}"
