"""Heading wordings offices use match their section through the edition data; other headings stay unknown."""

from __future__ import annotations

import pytest

from nianbao.editions import E2019, E2021
from nianbao.extract.sections import SectionMatcher, unqualified


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("政府信息公开工作存在的主要问题及改进情况", "s5_problems"),
        ("存在的主要问题和改进情况", "s5_problems"),
        ("工作中存在的主要问题及改进措施", "s5_problems"),
        ("存在的不足及改进措施", "s5_problems"),
        ("2019年政府信息公开工作总体情况", "s1_overview"),
        ("概述", "s1_overview"),
        ("基本情况", "s1_overview"),
        ("主动公开情况", "s2_active"),
        ("主动公开政府信息的情况", "s2_active"),
        ("依申请公开政府信息情况", "s3_requests"),
        ("收到和处理政府信息公开申请的情况", "s3_requests"),
        ("因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "s4_review_litigation"),
        ("政府信息公开行政复议和行政诉讼情况", "s4_review_litigation"),
        ("其他需要报告事项", "s6_other"),
        ("需要说明的事项", "s6_other"),
    ],
)
def test_heading_variants_match_their_section(title: str, key: str) -> None:
    for edition in (E2019, E2021):
        found = SectionMatcher(edition.sections).match(title)
        assert found is not None and found.key == key


@pytest.mark.parametrize(
    "title",
    [
        "2020年政务公开工作计划",  # replaces section six (sample 003): not section six
        "主要采取的措施",  # an extra section (sample 002)
        "存在的问题较多，改进情况如下。",  # a sentence, not a heading
        "政府信息公开的收费及减免情况",  # a pre-2019 section the 2019 outline does not have
    ],
)
def test_other_headings_match_no_section(title: str) -> None:
    assert SectionMatcher(E2021.sections).match(title) is None


def test_qualifiers_and_a_leading_year_are_removed_before_comparing() -> None:
    assert unqualified("2019年度政府信息公开工作总体情况") == "总体情况"
    assert unqualified("政务公开工作存在的主要问题及改进情况") == "存在的主要问题及改进情况"
