"""Organs: a normalised name to match reports by, and an inferred place in the region tree
(省/市/县/乡镇, with 部门 under their government), correctable by a mapping file (CSV or YAML)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import places

_SPACE = re.compile(r"\s+")
PLACE_FIELDS = ("province", "city", "county", "township", "department")


@dataclass(frozen=True)
class Place:
    level: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    department: str | None = None

    @property
    def region(self) -> str | None:
        """The government this organ belongs to, as a path: 宁夏回族自治区/石嘴山市/平罗县."""
        parts = [p for p in (self.province, self.city, self.county, self.township) if p]
        return "/".join(parts) or None


@dataclass(frozen=True)
class OrganMapping:
    """Corrections from a mapping file: a normalised name → the canonical name and/or place fields."""

    names: dict[str, str] = field(default_factory=dict)
    places: dict[str, dict[str, str]] = field(default_factory=dict)


def normalise(name: str) -> str:
    """The name reports are matched by: no whitespace, no trailing 人民政府."""
    compact = _SPACE.sub("", name)
    if compact.endswith(places.GOVERNMENT_SUFFIX) and len(compact) > len(places.GOVERNMENT_SUFFIX):
        compact = compact[: -len(places.GOVERNMENT_SUFFIX)]
    return compact


def _take(rest: str, endings: tuple[str, ...], max_len: int = 12) -> tuple[str | None, str]:
    """The shortest leading unit of `rest` that ends in one of `endings`, and what follows it."""
    best: tuple[int, str] | None = None
    for ending in endings:
        start = 1  # a unit has at least one character before its ending
        while (pos := rest.find(ending, start)) != -1 and pos <= max_len:
            end = pos + len(ending)
            if best is None or end < best[0] or (end == best[0] and len(ending) > len(best[1])):
                best = (end, ending)
            break
    if best is None:
        return None, rest
    return rest[: best[0]], rest[best[0] :]


def infer_place(name: str) -> Place:
    """Read 省/市/县/乡镇 units off the front of a normalised name; anything after them is a 部门."""
    rest = normalise(name)
    province = city = county = township = None
    for municipality in places.MUNICIPALITIES:
        if rest.startswith(municipality):
            province, rest = municipality, rest[len(municipality) :]
            break
    else:
        province, rest = _take(rest, places.PROVINCE_ENDINGS, max_len=8)
    if province is None or province not in places.MUNICIPALITIES:
        city, rest2 = _take(rest, places.CITY_ENDINGS, max_len=6)
        # A 市 followed by a county-level unit is a city; alone it may be a county-level city.
        if city is not None and _take(rest2, places.COUNTY_ENDINGS, max_len=6)[0] is not None:
            rest = rest2
        else:
            city = None
    county, rest = _take(rest, places.COUNTY_ENDINGS, max_len=8)
    township, rest = _take(rest, places.TOWNSHIP_ENDINGS, max_len=8)
    department = rest or None
    if department:
        level = places.LEVEL_DEPARTMENT
    elif township:
        level = places.LEVEL_TOWNSHIP
    elif county:
        level = places.LEVEL_COUNTY
    elif city:
        level = places.LEVEL_CITY
    elif province:
        level = places.LEVEL_PROVINCE
    else:
        level = None
    return Place(level, province, city, county, township, department)


def apply_mapping(name: str, place: Place, mapping: OrganMapping) -> tuple[str, Place]:
    canonical = mapping.names.get(name, name)
    if canonical != name:
        place = infer_place(canonical)
    overrides = mapping.places.get(canonical) or mapping.places.get(name) or {}
    if overrides:
        place = replace(
            place, **{k: v or None for k, v in overrides.items() if k in (*PLACE_FIELDS, "level")}
        )
    return canonical, place


def load_mapping(path: str | Path) -> OrganMapping:
    """A CSV (header: name,canonical,level,province,city,county,township,department) or a YAML list of
    the same keys. `name` is matched after normalising; empty fields leave the inferred value alone."""
    p = Path(path)
    text = p.read_text(encoding="utf-8-sig")
    if p.suffix.lower() in (".yaml", ".yml"):
        loaded = yaml.safe_load(text) or []
        rows = [{str(k): "" if v is None else str(v) for k, v in item.items()} for item in loaded]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    names: dict[str, str] = {}
    fixes: dict[str, dict[str, str]] = {}
    for row in rows:
        name = normalise(row.get("name") or "")
        if not name:
            continue
        canonical = normalise(row.get("canonical") or "") or name
        if canonical != name:
            names[name] = canonical
        values = {k: row[k] for k in (*PLACE_FIELDS, "level") if row.get(k)}
        if values:
            fixes[canonical] = values
    return OrganMapping(names, fixes)


def same_organ(short: str, long: str) -> bool:
    """`洪泽区` and `淮安市洪泽区` are one organ: the longer name only adds higher units in front, and
    the shorter one is specific enough (it names at least a county-level unit) to be unambiguous."""
    if short == long or not long.endswith(short):
        return False
    a, b = infer_place(short), infer_place(long)
    if a.county is None or a.department != b.department or a.township != b.township:
        return False
    return a.county == b.county
