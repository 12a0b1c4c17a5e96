"""Where an organ sits in the region tree, read off the front of its name: 省/市/县 from the division
table (so 南京市鼓楼区 and 开封市鼓楼区 are two places, and 广州市 is one city), then a 乡镇/街道, then
whatever follows as the 部门. A name the table does not know is read by its suffixes only, and its
place is marked unverified."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import divisions as dv
from .divisions import Division, Level

_SPACE = re.compile(r"\s+")
# A suffix-only unit whose stem ends like this is half of a compound word, not a place
# (城市管理局, 城乡建设局, 村镇规划): only used for names the division table does not know.
_COMPOUND_TAIL = "城乡村镇"


@dataclass(frozen=True)
class Place:
    level: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    department: str | None = None
    # The code of the division the name resolves to, when the table gives exactly one (else None).
    code: str | None = None

    @property
    def region(self) -> str | None:
        """The government this organ belongs to, as a path: 宁夏回族自治区/石嘴山市/平罗县."""
        parts = [p for p in (self.province, self.city, self.county, self.township) if p]
        return "/".join(parts) or None


def place_within(inner: Place, outer: Place) -> bool:
    """Whether an organ at `inner` is under the government at `outer` (or is that organ): every level
    `outer` names, `inner` names the same. A department supervises only itself."""
    if outer.department is not None:
        return inner == outer
    levels = ("province", "city", "county", "township")
    if not any(getattr(outer, level) for level in levels):
        return False
    return all(getattr(outer, lv) is None or getattr(outer, lv) == getattr(inner, lv) for lv in levels)


def normalise(name: str) -> str:
    """The name reports are matched by: no whitespace, no trailing 人民政府 (a 街道's 办事处 likewise)."""
    compact = _SPACE.sub("", name)
    if compact.endswith(dv.GOVERNMENT_SUFFIX) and len(compact) > len(dv.GOVERNMENT_SUFFIX):
        compact = compact[: -len(dv.GOVERNMENT_SUFFIX)]
    if compact.endswith(dv.SUBDISTRICT + dv.SUBDISTRICT_OFFICE):
        compact = compact[: -len(dv.SUBDISTRICT_OFFICE)]
    return compact


Step = tuple[tuple[Division, ...], int]


def _next_divisions(name: str, pos: int, inside: tuple[Division, ...], shortened: bool = True) -> Step | None:
    """The divisions named at `pos` (longest name first) that lie within one of `inside` (if any), and
    where their name ends."""
    table = dv.table()
    for length in range(min(table.longest_name, len(name) - pos), 1, -1):
        piece = name[pos : pos + length]
        found = _within(table.by_name.get(piece, ()), inside)
        if found:
            return found, pos + length
        short = _within(table.by_short_name.get(piece, ()), inside) if shortened else ()
        # 江苏淮安市: a name without its ending counts only when a full name inside it follows.
        if short and (after := _next_divisions(name, pos + length, short, shortened=False)) is not None:
            return after
    return None


def _within(candidates: tuple[Division, ...], inside: tuple[Division, ...]) -> tuple[Division, ...]:
    if not inside:
        return candidates
    return tuple(d for d in candidates if any(outer.contains(d) for outer in inside))


def _leading_divisions(name: str) -> tuple[tuple[Division, ...], int]:
    """The divisions a name starts with, narrowed unit by unit (江苏省 + 鼓楼区 → 南京's or 徐州's)."""
    candidates: tuple[Division, ...] = ()
    pos = 0
    while (step := _next_divisions(name, pos, candidates)) is not None:
        candidates, pos = step
    return candidates, pos


def _common(values: list[str | None]) -> str | None:
    return values[0] if len(set(values)) == 1 else None


def _township(rest: str) -> str | None:
    """`rest` as a whole when it names a 乡/镇/街道/苏木 (a 部门 of the county otherwise)."""
    for ending in dv.TOWNSHIP_ENDINGS:
        if rest.endswith(ending) and 1 <= len(rest) - len(ending) <= 8:
            return rest
    return None


def _level(province: str | None, city: str | None, county: str | None, township: str | None) -> str | None:
    if township:
        return dv.LEVEL_TOWNSHIP
    if county:
        return dv.LEVEL_COUNTY
    if city:
        return dv.LEVEL_CITY
    if province:
        return dv.LEVEL_PROVINCE
    return None


def _with_rest(
    province: str | None, city: str | None, county: str | None, rest: str, code: str | None
) -> Place:
    township = _township(rest)
    department = None if township else rest.removeprefix(dv.GOVERNMENT_SUFFIX) or None
    level = dv.LEVEL_DEPARTMENT if department else _level(province, city, county, township)
    return Place(level, province, city, county, township, department, code)


def place_of(name: str) -> Place:
    """The place of an organ from its name (whitespace and 人民政府 ignored)."""
    compact = normalise(name)
    found, end = _leading_divisions(compact)
    if not found:
        return _place_by_suffixes(compact)
    rest = compact[end:]
    province, city, county = (_common([getattr(d, f) for d in found]) for f in ("province", "city", "county"))
    # Several divisions share the name (鼓楼区): keep what they have in common, and no code.
    code = found[0].code if len(found) == 1 else None
    if county is None and _township(rest) is None:
        # Below a known city, a unit the table lacks (苏州工业园区, 某某新区): placed, not verified.
        unit, after = _take(rest, dv.COUNTY_ENDINGS, max_len=6)
        if unit is not None:
            county, rest, code = unit, after, None
    return _with_rest(province, city, county, rest, code)


def place_from_fields(place: Place) -> Place:
    """`place` with the code of the division its province/city/county fields name, if exactly one."""
    deepest = place.county or place.city or place.province
    if not deepest:
        return place
    table = dv.table()
    matches = [
        d
        for d in table.by_name.get(deepest, ())
        if (place.province is None or d.province == place.province)
        and (place.city is None or d.city == place.city or d.level is Level.PROVINCE)
    ]
    code = matches[0].code if len(matches) == 1 else None
    return Place(
        place.level, place.province, place.city, place.county, place.township, place.department, code
    )


# ---- names the division table does not know (示例县城关镇, 平潭综合实验区) ----------------------------


def _take(rest: str, endings: tuple[str, ...], max_len: int) -> tuple[str | None, str]:
    """The shortest leading unit of `rest` that ends in one of `endings`, and what follows it."""
    best: tuple[int, str] | None = None
    for ending in endings:
        start = 1  # a unit has at least one character before its ending
        while (pos := rest.find(ending, start)) != -1 and pos <= max_len:
            end = pos + len(ending)
            if rest[pos - 1] in _COMPOUND_TAIL or (ending == "州" and rest[end : end + 1] == "市"):
                # 城市管理局 is no 城市; 某州市 is a city named 某州市, not 某州 + 市…
                start = pos + 1
                continue
            if best is None or end < best[0] or (end == best[0] and len(ending) > len(best[1])):
                best = (end, ending)
            break
    if best is None:
        return None, rest
    return rest[: best[0]], rest[best[0] :]


def _place_by_suffixes(rest: str) -> Place:
    province = city = county = None
    province, rest = _take(rest, dv.PROVINCE_ENDINGS, max_len=8)
    city, after_city = _take(rest, dv.CITY_ENDINGS, max_len=6)
    # A 市 followed by a county-level unit is a city; alone it may be a county-level city.
    if city is not None and _take(after_city, dv.COUNTY_ENDINGS, max_len=6)[0] is not None:
        rest = after_city
    else:
        city = None
    county, rest = _take(rest, dv.COUNTY_ENDINGS, max_len=6)
    return _with_rest(province, city, county, rest, None)
