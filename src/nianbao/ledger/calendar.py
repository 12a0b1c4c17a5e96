"""Working days of an organ: national holidays and 调休 make-up days, plus the regional layers it uses.

The national layer is the `chinesecalendar` package (2004 to the last year it ships) extended by the
years listed in `calendar.yaml`; regions (宁夏's 开斋节 and 古尔邦节, …) add their own days off. A day
in a year that one of the organ's layers does not cover is still counted — Monday to Friday — but
marked provisional, and every answer that used it says so (never a silent weekday guess).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from chinese_calendar import constants as national_data  # type: ignore[import-untyped]

DATA_FILE = "calendar.yaml"
NATIONAL = "national"

DayKind = Literal["workday", "weekend", "holiday", "makeup"]


@dataclass(frozen=True)
class Layer:
    """One source of days off and make-up working days, with the years it covers."""

    key: str
    name: str
    years: frozenset[int]
    holidays: dict[date, str] = field(default_factory=dict)
    workdays: dict[date, str] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Day:
    """What one date is for an organ, and which layer said so (None: the weekday rule)."""

    on: date
    kind: DayKind
    name: str | None = None
    layer: str | None = None
    # Names of the organ's layers that have no data for this date's year.
    uncovered: tuple[str, ...] = ()

    @property
    def working(self) -> bool:
        return self.kind in ("workday", "makeup")

    @property
    def provisional(self) -> bool:
        return bool(self.uncovered)


@dataclass(frozen=True)
class CalendarData:
    version: str
    national: Layer
    regions: dict[str, Layer]


def _dates(value: Iterable[Any]) -> list[date]:
    return [d if isinstance(d, date) else date.fromisoformat(str(d)) for d in value]


def _named_days(spec: dict[str, Iterable[Any]] | None) -> dict[date, str]:
    return {d: name for name, days in (spec or {}).items() for d in _dates(days)}


def _national_layer(raw: dict[str, Any]) -> Layer:
    names: dict[str, str] = raw.get("holiday_names") or {}
    holidays = {d: names.get(str(n), str(n)) for d, n in national_data.holidays.items()}
    workdays = {d: names.get(str(n), str(n)) for d, n in national_data.workdays.items()}
    years = {d.year for d in holidays}
    covered = set(range(min(years), max(years) + 1))
    sources = dict.fromkeys(covered, "chinesecalendar")
    for year, spec in (raw.get("national") or {}).items():
        year = int(year)
        # A year in the file replaces the package's data for that year.
        holidays = {d: n for d, n in holidays.items() if d.year != year}
        workdays = {d: n for d, n in workdays.items() if d.year != year}
        holidays.update(_named_days(spec.get("holidays")))
        workdays.update(_named_days(spec.get("workdays")))
        covered.add(year)
        sources[year] = str(spec.get("source", DATA_FILE))
    return Layer(NATIONAL, "全国", frozenset(covered), holidays, workdays, sources)


def _region_layer(key: str, raw: dict[str, Any]) -> Layer:
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    sources: dict[int, str] = {}
    for year, spec in (raw.get("years") or {}).items():
        holidays.update(_named_days(spec.get("holidays")))
        workdays.update(_named_days(spec.get("workdays")))
        sources[int(year)] = str(spec.get("source", DATA_FILE))
    return Layer(key, str(raw.get("name", key)), frozenset(sources), holidays, workdays, sources)


def parse_data(raw: dict[str, Any]) -> CalendarData:
    regions = {str(k): _region_layer(str(k), v) for k, v in (raw.get("regions") or {}).items()}
    return CalendarData(str(raw.get("version", "")), _national_layer(raw), regions)


@cache
def shipped_data() -> CalendarData:
    """The calendar data shipped in the package (read once per process)."""
    text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_data(yaml.safe_load(text))


class UnknownRegion(ValueError):
    """A region the calendar data does not know (the message names the known ones)."""


class WorkCalendar:
    """The working days of one organ: the national layer and the regional layers it switched on."""

    def __init__(self, regions: Sequence[str] = (), data: CalendarData | None = None) -> None:
        self.data = data or shipped_data()
        unknown = [r for r in regions if r not in self.data.regions]
        if unknown:
            known = "、".join(f"{k}（{v.name}）" for k, v in self.data.regions.items())
            raise UnknownRegion(f"日历中没有地区“{'、'.join(unknown)}”；可选：{known}")
        self.layers: tuple[Layer, ...] = (self.data.national, *(self.data.regions[r] for r in regions))
        self._days: dict[date, Day] = {}

    @property
    def version(self) -> str:
        return self.data.version

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(layer.key for layer in self.layers[1:])

    def day(self, on: date) -> Day:
        found = self._days.get(on)
        if found is None:
            found = self._days[on] = self._classify(on)
        return found

    def _classify(self, on: date) -> Day:
        uncovered = tuple(layer.name for layer in self.layers if on.year not in layer.years)
        result = Day(on, "weekend" if on.weekday() >= 5 else "workday", uncovered=uncovered)
        # Later layers win: a regional day off falls even on a national make-up working day.
        for layer in self.layers:
            if on in layer.holidays:
                result = Day(on, "holiday", layer.holidays[on], layer.key, uncovered)
            elif on in layer.workdays:
                result = Day(on, "makeup", layer.workdays[on], layer.key, uncovered)
        return result

    def is_workday(self, on: date) -> bool:
        return self.day(on).working

    def covers(self, year: int) -> bool:
        return all(year in layer.years for layer in self.layers)

    def source(self, year: int) -> list[str]:
        """Where each layer's data for the year comes from (for explanations)."""
        return [f"{layer.name}：{layer.sources[year]}" for layer in self.layers if year in layer.sources]

    def coverage(self) -> dict[str, tuple[int, int] | None]:
        return {
            layer.name: (min(layer.years), max(layer.years)) if layer.years else None for layer in self.layers
        }

    def next_workday(self, after: date) -> date:
        day = after + timedelta(days=1)
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day
