"""The Report model keeps the JSON contract and survives a round trip without loss."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.model import Finding, Location, Report, Source
from nianbao.synth import generate


def test_round_trip_of_generated_reports_is_exact() -> None:
    for seed in range(20):
        for year in (2019, 2020, 2021, 2024):
            report = generate(seed, year)
            assert Report.from_json(report.to_json()) == report


@settings(max_examples=50, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**6),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)
def test_counts_stay_ints_and_amounts_stay_exact_decimals(count: int, amount: Decimal) -> None:
    report = Report(
        source=Source(path="x.txt", format="txt"),
        tables={"active": {"admin_fees": {"amount_wan_yuan": amount}, "licensing": {"decisions": count}}},
    )
    back = Report.from_json(report.to_json())
    assert back == report
    assert type(back.cell("active", "licensing", "decisions")) is int
    assert back.cell("active", "admin_fees", "amount_wan_yuan") == amount


def test_json_shape_follows_the_contract() -> None:
    report = generate(3, 2024)
    report.findings.append(
        Finding(
            rule="T3-LEDGER",
            severity="error",
            message="示例",
            cells=["applications.r_total.total"],
            where=Location(page=3, line=41),
        )
    )
    data = json.loads(report.to_json())
    assert data["schema"] == "nianbao.report/1"
    assert set(data["source"]) >= {"path", "sha256", "format", "pages", "ocr"}
    assert data["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert data["findings"][0]["where"] == {"page": 3, "line": 41}
    assert isinstance(data["tables"]["applications"]["new_received"]["total"], int)
    assert data["sections"][0] == {
        "key": "s1_overview",
        "heading": "一、总体情况",
        "canonical": True,
        "line": None,
        "text": report.sections[0].text,
    }


def test_blank_cell_is_null_not_zero() -> None:
    report = Report(
        source=Source(path="x", format="txt"), tables={"applications": {"new_received": {"natural": None}}}
    )
    assert json.loads(report.to_json())["tables"]["applications"]["new_received"]["natural"] is None
