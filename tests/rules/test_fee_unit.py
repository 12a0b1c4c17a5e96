"""G-UNIT: a 表二 fee amount is suspect only when the cell says 元, or when, read as 万元, it is more than an
organ of its kind collects in a year and could be a 元 amount (at most two decimals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nianbao.model import CellSource, Report
from nianbao.rules import run_rules
from nianbao.synth import generate


def _with_fee(amount: Decimal, organ: str | None, text: str | None = None) -> Report:
    report = generate(5, 2024, organ or "某地")
    report.organ = organ
    report.tables["active"]["admin_fees"]["amount_wan_yuan"] = amount
    if text is not None:
        report.provenance["active.admin_fees.amount_wan_yuan"] = CellSource(line=1, text=text)
    return report


def _unit_findings(report: Report) -> list[str]:
    return [f.message for f in run_rules(report) if f.rule == "G-UNIT"]


@pytest.mark.parametrize(
    ("amount", "organ"),
    [
        (Decimal("18651.06"), "平潭综合实验区"),  # a whole government's fees (平潭 2024; 24252万元 in 2021)
        (Decimal("24252"), "平潭综合实验区人民政府"),
        (Decimal("18651.06"), None),  # organ unknown: its kind, and so its scale, is not known
        (Decimal("5949.088667"), "某市市场监督管理局"),  # six decimals: converted from 元, so truly 万元
        (Decimal("850.5"), "某县城关镇人民政府"),
        (Decimal("9800"), "某县自然资源局"),
    ],
)
def test_plausible_amounts_give_no_warning(amount: Decimal, organ: str | None) -> None:
    assert _unit_findings(_with_fee(amount, organ)) == []


@pytest.mark.parametrize(
    ("amount", "organ"),
    [
        (Decimal("25000"), "某县自然资源局"),
        (Decimal("1500"), "某县城关镇人民政府"),
        (Decimal("3600.5"), "某市某区某街道办事处"),
        (Decimal("20000000"), "某市人民政府"),
    ],
)
def test_amounts_beyond_what_such_an_organ_collects_are_suspect(amount: Decimal, organ: str) -> None:
    found = _unit_findings(_with_fee(amount, organ))
    assert len(found) == 1 and str(amount) in found[0] and "元填作万元" in found[0]


def test_cell_written_in_yuan_is_suspect_whatever_the_amount() -> None:
    found = _unit_findings(_with_fee(Decimal("3500"), "平潭综合实验区", text="3500元"))
    assert found == ["收费金额单元格写作“3500元”，格式的单位是万元"]
    assert _unit_findings(_with_fee(Decimal("3.5"), "某县民政局", text="3.5万元")) == []
