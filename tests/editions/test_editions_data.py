"""The editions hold the whole form as data, and label matching tolerates what real reports print."""

from __future__ import annotations

import pytest

from nianbao.editions import E2019, E2021, LabelIndex, core_key, edition_for_year, label_key


def test_row_and_cell_counts_per_edition() -> None:
    assert len(E2019.applications.data_rows) == 23
    assert len(E2021.applications.data_rows) == 25
    assert all(len(cols) == 7 for cols in E2021.applications.cells().values())
    assert len(E2021.review.ordered_cells()) == 15
    assert sum(len(c) for c in E2021.active.cells().values()) == 10
    assert "central_procurement" in E2019.active.cells() and "central_procurement" not in E2021.active.cells()
    assert E2019.active.cells()["admin_fees"] == ("prev_items", "delta_items")


def test_edition_by_year() -> None:
    assert edition_for_year(2019) is E2019 and edition_for_year(2020) is E2019
    assert edition_for_year(2021) is E2021 and edition_for_year(2025) is E2021


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("结 果 维 持", "结果维持"),
        ("[bookmark: _GoBack]处理决定数量", "处理决定数量"),
        ("**政策解读。**", "政策解读。"),
        ("(二) 部分公开(区分处理的, 只计这一情形)", "(二)部分公开(区分处理的,只计这一情形)"),
        ("（二）部分公开（区分处理的，只计这一情形）", "(二)部分公开(区分处理的,只计这一情形)"),
        ("本年新\n制作数量", "本年新制作数量"),
    ],
)
def test_label_key_normalises_spacing_width_and_artefacts(raw: str, expected: str) -> None:
    assert label_key(raw) == expected


def test_core_key_drops_enumerators_of_both_widths() -> None:
    assert core_key("（三）不予公开") == core_key("(三) 不予公开") == "不予公开"
    assert core_key("1. 属于国家秘密") == core_key("1.属于国家秘密") == "属于国家秘密"


def _column_index() -> LabelIndex[str]:
    block = E2021.active.blocks[0]
    return LabelIndex((c.key, (c.label, *c.aliases)) for c in block.columns)


def test_typo_and_alias_labels_match_their_columns() -> None:
    assert _column_index().match("本年度止件数").target == "repealed"  # type: ignore[union-attr]
    columns = LabelIndex((c.key, (c.label, *c.aliases)) for c in E2021.applications.columns)
    assert columns.match("社会组织").target == "org_social"  # type: ignore[union-attr]
    assert columns.match("社会 公益组织").target == "org_social"  # type: ignore[union-attr]


def test_unrelated_label_does_not_match() -> None:
    assert _column_index().match("政府集中采购") is None
    assert _column_index().match("") is None


def test_t3_rows_match_by_label_even_with_typos_and_cut_labels() -> None:
    rows = LabelIndex((r.key, (r.label, *r.aliases)) for r in E2021.applications.rows)
    assert rows.match("2.其他法律行政止公开").target == "r_denied_law_prohibited"  # type: ignore[union-attr]
    assert rows.match("2.没有现成信息").target == "r_unable_needs_creation"  # type: ignore[union-attr]
    assert rows.match("3. 其他").target == "r_other_other"  # type: ignore[union-attr]
    assert rows.match("(六) 其他处理").target == "r_other"  # type: ignore[union-attr]
