"""The layered working-day calendar: chinesecalendar's years, the shipped data file, a year added by
the data file, regional layers, and loud provisional days past coverage."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from nianbao.ledger import UnknownRegion, WorkCalendar
from nianbao.ledger.calendar import parse_data, shipped_data


def test_package_coverage_is_read_from_the_package() -> None:
    # chinesecalendar 1.11 ships 2004–2026; a later release widens this without a code change.
    first, last = WorkCalendar().coverage()["全国"] or (0, 0)
    assert first == 2004 and last >= 2026
    assert WorkCalendar().covers(2026)


def test_holiday_makeup_and_weekend() -> None:
    calendar = WorkCalendar()
    assert (
        calendar.day(date(2026, 2, 16)).kind == "holiday" and calendar.day(date(2026, 2, 16)).name == "春节"
    )
    assert calendar.day(date(2026, 2, 14)).kind == "makeup"  # Saturday worked for 春节
    assert calendar.day(date(2026, 3, 7)).kind == "weekend"
    assert calendar.is_workday(date(2026, 3, 9))


def test_data_file_adds_a_year_the_package_lacks() -> None:
    raw = yaml.safe_load(
        """
version: test.1
holiday_names: {"Spring Festival": 春节}
national:
  2027:
    source: 假设的通知
    holidays: {元旦: [2027-01-01], 春节: [2027-02-08, 2027-02-09]}
    workdays: {春节: [2027-02-06]}
"""
    )
    calendar = WorkCalendar(data=parse_data(raw))
    assert calendar.covers(2027)
    assert calendar.day(date(2027, 1, 1)).kind == "holiday"
    assert calendar.day(date(2027, 2, 6)).kind == "makeup"
    assert not calendar.day(date(2027, 3, 1)).provisional
    assert calendar.source(2027) == ["全国：假设的通知"]
    # Without the file's year, 2027 is provisional.
    plain = WorkCalendar()
    assert plain.day(date(2027, 1, 1)).provisional and plain.day(date(2027, 1, 1)).kind == "workday"


def test_regional_layer_and_its_coverage() -> None:
    ningxia = WorkCalendar(["ningxia"])
    day = ningxia.day(date(2020, 5, 25))
    assert (day.kind, day.name, day.layer) == ("holiday", "开斋节", "ningxia")
    assert WorkCalendar().is_workday(date(2020, 5, 25))
    assert ningxia.day(date(2024, 4, 10)).uncovered == ("宁夏回族自治区",)
    assert not ningxia.covers(2024)


def test_unknown_region_names_the_known_ones() -> None:
    with pytest.raises(UnknownRegion, match="ningxia"):
        WorkCalendar(["hainan"])


def test_shipped_data_is_versioned() -> None:
    assert shipped_data().version
