"""The form's structure from the edition tree: which rows are outcomes, their leaves, the table keys."""

from __future__ import annotations

from nianbao.editions import APPLICATIONS, E2019, E2021, REVIEW
from nianbao.model import Report, Source


def test_outcomes_are_the_rows_under_the_results_group_but_its_total() -> None:
    for edition in (E2019, E2021):
        keys = [r.key for r in edition.applications.outcomes]
        assert keys == ["r_granted", "r_partial", "denied", "unable", "not_processed", "r_other"]


def test_leaves_of_a_group_and_of_a_data_row() -> None:
    t3 = E2021.applications
    assert [r.key for r in t3.leaves("unable")] == [
        "r_unable_not_held",
        "r_unable_needs_creation",
        "r_unable_unclear_after_correction",
    ]
    assert [r.key for r in t3.leaves("r_granted")] == ["r_granted"]
    assert [r.key for r in E2019.applications.leaves("r_other")] == ["r_other"]
    assert len(t3.leaves(t3.results)) == len(t3.result_leaves) + 1  # and （七）总计


def test_result_rows_count_each_outcome_once() -> None:
    t3 = E2021.applications
    # A 2021 report that kept the single 2019 （六）其他处理 row, next to one that prints the three sub-rows.
    single = ["new_received", "r_granted", "r_denied_third_party", "r_other", "r_total"]
    assert t3.result_rows(single) == ["r_granted", "r_denied_third_party", "r_other"]
    split = ["r_granted", "r_other", "r_other_no_correction", "r_other_other", "r_total"]
    assert t3.result_rows(split) == ["r_granted", "r_other_no_correction", "r_other_other"]
    assert t3.outcome_of("r_np_repeat") is not None and t3.outcome_of("r_np_repeat").key == "not_processed"
    assert t3.outcome_of("carry_forward") is None


def test_table_keys_names_and_sections() -> None:
    assert [(t.key, t.name, t.section) for t in E2021.tables] == [
        ("active", "表二", "s2_active"),
        ("applications", "表三", "s3_requests"),
        ("review_litigation", "表四", "s4_review_litigation"),
    ]
    assert [g.key for g in E2021.review.litigation_groups] == ["lit_direct", "lit_after_review"]


def test_cell_or_zero_reads_a_blank_as_zero() -> None:
    report = Report(
        source=Source(path="x", format="txt"),
        tables={APPLICATIONS: {"r_granted": {"natural": None, "total": 3}}, REVIEW: {}},
    )
    assert report.cell_or_zero(APPLICATIONS, "r_granted", "natural") == 0
    assert report.cell_or_zero(APPLICATIONS, "r_granted", "total") == 3
    assert report.cell_or_zero(REVIEW, "review", "total") == 0
